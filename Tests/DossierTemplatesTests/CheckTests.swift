import DossierModel
import DossierTemplates
import XCTest

/// Strict variables: names no context can hold, unescaped text, doubly escaped HTML.
final class StrictVariableTests: XCTestCase {
    static let card: Shape = .object([
        ShapeField("title", .text), ShapeField("url", .text), ShapeField("summary", .optional(.text)),
    ])
    static let page: Shape = .object([
        ShapeField("site", .object([ShapeField("title", .text)])),
        ShapeField("t", .object([ShapeField("licensed", .text), ShapeField("sources", .text)])),
        ShapeField("briefing", .object([
            ShapeField("title", .text),
            ShapeField("body", .html),
            ShapeField("summary", .optional(.text)),
            ShapeField("keyPoints", .list(.text)),
            ShapeField("clusters", .list(.object([ShapeField("name", .text), ShapeField("url", .optional(.text))]))),
            ShapeField("params", .open),
            ShapeField("row", .dynamic("cluster-row")),
        ])),
        ShapeField("related", .list(card)),
    ])

    func testUnknownNamesWithSuggestionsAtTheirTags() {
        let templates = library([
            ("briefing", """
                {{<base}}
                {{$main}}
                {{#briefing}}
                <h1>{{titel}}</h1>
                <ul>{{#keyPoints}}<li>{{.}}</li>{{/keyPoints}}</ul>
                {{#clusters}}<a href="{{url}}">{{nme}}</a> {{site.title}}{{/clusters}}
                {{params.anything.below}} {{row.population}}
                {{title.length}} {{t.licnsed}} {{zzz}}
                {{/briefing}}
                {{/main}}
                {{/base}}
                """),
            ("base", "<title>{{site.titel}}</title>\n{{$main}}{{/main}}"),
        ])
        XCTAssertEqual(templates.check("briefing", shape: Self.page).map(\.description), [
            "templates/base.mustache:1:8: warning: unknown name 'site.titel' in template 'base' (did you mean 'site.title'?), included from 'briefing'",
            "templates/briefing.mustache:4:5: warning: unknown name 'titel' in template 'briefing' (did you mean 'title'?)",
            "templates/briefing.mustache:6:32: warning: unknown name 'nme' in template 'briefing' (did you mean 'name'?)",
            "templates/briefing.mustache:8:1: warning: unknown name 'title.length' in template 'briefing' ('title' is text, which has no names)",
            "templates/briefing.mustache:8:18: warning: unknown name 't.licnsed' in template 'briefing' (did you mean 't.licensed'?)",
            "templates/briefing.mustache:8:32: warning: unknown name 'zzz' in template 'briefing'",
        ])
    }

    func testAHostRefinesADynamicMap() {
        let templates = library([("cluster", "{{#briefing}}{{row.population}} {{row.popultion}}{{/briefing}}")])
        XCTAssertEqual(templates.check("cluster", shape: Self.page).map(\.description), [], "unrefined: anything goes")
        let refined = Self.page.refining(["cluster-row": .object([ShapeField("population", .number)])])
        XCTAssertEqual(templates.check("cluster", shape: refined).map(\.description), [
            "templates/cluster.mustache:1:33: warning: unknown name 'row.popultion' in template 'cluster' (did you mean 'row.population'?)",
        ])
    }

    func testPartialsAreCheckedInTheContextOfEachIncludeAndReportedOnce() {
        let templates = library([
            ("home", "{{#related}}{{>partials/card}}{{/related}}\n{{#related}}{{>partials/card}}{{/related}}\n{{>partials/card}}"),
            ("partials/card", "<a href=\"{{url}}\">{{title}}</a>{{summry}}"),
        ])
        // In 'related' only 'summry' is unknown; at the top 'url' and 'title' are too. Each tag once.
        XCTAssertEqual(templates.check("home", shape: Self.page).map(\.description), [
            "templates/partials/card.mustache:1:10: warning: unknown name 'url' in template 'partials/card', included from 'home'",
            "templates/partials/card.mustache:1:19: warning: unknown name 'title' in template 'partials/card', included from 'home'",
            "templates/partials/card.mustache:1:32: warning: unknown name 'summry' in template 'partials/card' (did you mean 'summary'?), included from 'home'",
        ])
    }

    func testUnescapedTextAndDoublyEscapedHTML() {
        let templates = library([
            ("briefing", "{{#briefing}}{{{title}}} {{&summary}} {{body}} {{{body}}} {{title}}{{/briefing}}\n{{#briefing.keyPoints}}{{{.}}}{{/briefing.keyPoints}}"),
        ])
        XCTAssertEqual(templates.check("briefing", shape: Self.page).map(\.description), [
            "templates/briefing.mustache:1:14: warning: '{{{title}}}' in template 'briefing' writes the text 'title' without escaping it, so markup in content would get through; use '{{title}}'",
            "templates/briefing.mustache:1:26: warning: '{{&summary}}' in template 'briefing' writes the text 'summary' without escaping it, so markup in content would get through; use '{{summary}}'",
            "templates/briefing.mustache:1:39: warning: '{{body}}' in template 'briefing' escapes 'body', which is HTML already, a second time; use '{{{body}}}'",
            "templates/briefing.mustache:2:24: warning: '{{{.}}}' in template 'briefing' writes the text '.' without escaping it, so markup in content would get through; use '{{.}}'",
        ])
    }

    func testNamesInsideComponentBodiesAreCheckedWithoutEscapingWarnings() {
        let templates = library([
            ("cluster", "{{#briefing}}\n{{@chart}}\ntitle: {{title}}\nraw: {{{title}}}\nhtml: {{body}}\nbad: {{titel}}\n{{/chart}}\n{{/briefing}}"),
        ], components: ["chart"])
        XCTAssertEqual(templates.check("cluster", shape: Self.page).map(\.description), [
            "templates/cluster.mustache:6:6: warning: unknown name 'titel' in template 'cluster' (did you mean 'title'?)",
        ])
    }

    func testBlocksAreCheckedWhereTheyRender() {
        // The override renders inside the parent's section, so 'name' comes from the clusters.
        let templates = library([
            ("page", "{{<base}}{{$item}}{{name}} {{nope}}{{/item}}{{/base}}"),
            ("base", "{{#briefing}}{{#clusters}}{{$item}}{{defaultOnly}}{{/item}}{{/clusters}}{{/briefing}}"),
        ])
        XCTAssertEqual(templates.check("page", shape: Self.page).map(\.description), [
            "templates/page.mustache:1:28: warning: unknown name 'nope' in template 'page'",
        ], "the default content is replaced, so its names are not checked")
    }

    func testAnUnknownSectionWarnsOnceNotForEveryNameInside() {
        let templates = library([("a", "{{#relatd}}{{x}}{{y}}{{/relatd}}")])
        XCTAssertEqual(templates.check("a", shape: Self.page).map(\.description), [
            "templates/a.mustache:1:1: warning: unknown name 'relatd' in template 'a' (did you mean 'related'?)",
        ])
    }

    func testRecursivePartialsFinish() {
        let node: Shape = .object([ShapeField("name", .text), ShapeField("children", .list(.open))])
        let templates = library([("node", "{{name}}{{nam}}({{#children}}{{>node}}{{/children}})")])
        XCTAssertEqual(templates.check("node", shape: node).map(\.description), [
            "templates/node.mustache:1:9: warning: unknown name 'nam' in template 'node' (did you mean 'name'?)",
        ])
    }
}
