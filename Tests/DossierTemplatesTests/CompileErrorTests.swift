import DossierModel
import DossierTemplates
import XCTest

/// Template errors at `path:line:col` with clear words; every error of every template in one run.
final class CompileErrorTests: XCTestCase {
    func testUnclosedSectionNamesTheLineWhereItOpened() {
        let (library, diagnostics) = compile([("briefing", "<h1>{{title}}</h1>\n\n\n{{#briefing}}\n<p>{{summary}}</p>\n")])
        XCTAssertNil(library)
        XCTAssertEqual(diagnostics, ["templates/briefing.mustache:4:1: error: section 'briefing' opened at line 4 is never closed"])
    }

    func testMismatchedCloseTagNamesBoth() {
        let (_, diagnostics) = compile([("a", "{{#a}}\n  {{^b}}\n{{/a}}\n")])
        XCTAssertEqual(diagnostics, ["templates/a.mustache:3:1: error: closing tag '{{/a}}' does not match inverted section 'b' opened at line 2"])
    }

    func testStrayCloseEmptyAndInvalidNames() {
        let (_, diagnostics) = compile([("a", "{{/a}}{{}}{{a b}}{{a..b}}")])
        XCTAssertEqual(diagnostics, [
            "templates/a.mustache:1:1: error: closing tag '{{/a}}' has no open section",
            "templates/a.mustache:1:7: error: tag '{{}}' has no name",
            "templates/a.mustache:1:11: error: invalid name 'a b' in '{{a b}}': a name has no spaces",
            "templates/a.mustache:1:18: error: invalid name 'a..b' in '{{a..b}}'",
        ])
    }

    func testUnfinishedTags() {
        XCTAssertEqual(compile([("a", "<p>{{title</p>\n")]).1,
            ["templates/a.mustache:1:4: error: unfinished tag: '{{title</p>' has no closing '}}'"])
        XCTAssertEqual(compile([("a", "x\n  <p>{{{title}}</p>")]).1,
            ["templates/a.mustache:2:6: error: unfinished tag: '{{{title}}</p>' has no closing '}}}'"])
    }

    func testColumnsCountCharactersNotBytes() {
        XCTAssertEqual(compile([("a", "<title>·{{#x}}")]).1,
            ["templates/a.mustache:1:9: error: section 'x' opened at line 1 is never closed"])
    }

    func testBadDelimiterTags() {
        let (_, diagnostics) = compile([("a", "{{=<% =}}\n{{=<% %>}}\n{{=<% %>=}}<%x%>")])
        XCTAssertEqual(diagnostics, [
            "templates/a.mustache:1:1: error: invalid set-delimiter tag '{{=<% =}}': expected two delimiters separated by a space, as in {{=<% %>=}}",
            "templates/a.mustache:2:1: error: invalid set-delimiter tag '{{=<% %>}}': it must end with '=', as in {{=<% %>=}}",
        ])
    }

    func testMissingPartialAndParentAreErrorsAtTheTagThatNamesThem() {
        let (library, diagnostics) = compile([
            ("page", "<main>\n  {{>partials/cardd}}\n</main>\n{{<bse}}{{/bse}}"), ("partials/card", ""), ("base", ""),
        ])
        XCTAssertNil(library)
        XCTAssertEqual(diagnostics, [
            "templates/page.mustache:2:3: error: partial 'partials/cardd' does not exist (did you mean 'partials/card'?)",
            "templates/page.mustache:4:1: error: parent template 'bse' does not exist (did you mean 'base'?)",
        ])
    }

    func testTheSpecModeRendersAMissingPartialAsNothing() {
        let (library, diagnostics) = compile([("page", "[{{>nothing}}]")], options: .spec)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(library?.render("page", [:]).string, "[]")
    }

    func testUnknownComponent() {
        let (library, diagnostics) = compile([("a", "x{{@chrt}}x{{/chrt}}")], components: ["chart", "table"])
        XCTAssertNil(library)
        XCTAssertEqual(diagnostics, ["templates/a.mustache:1:2: error: unknown component 'chrt' (known: chart, table)"])
        XCTAssertEqual(compile([("a", "{{@chart}}{{/chart}}")]).1,
            ["templates/a.mustache:1:1: error: unknown component 'chart' (no components are registered)"])
    }

    func testOnlyBlocksBelongDirectlyInsideAParent() {
        let templates = [("page", "{{<base}}\nhello\n{{$main}}x{{/main}}\n{{x}}{{/base}}"), ("base", "{{$main}}{{/main}}")]
        XCTAssertEqual(compile(templates).1, [
            "templates/page.mustache:2:1: error: text 'hello' inside parent 'base' would be ignored: only {{$block}} overrides belong there",
            "templates/page.mustache:4:1: error: '{{x}}' inside parent 'base' would be ignored: only {{$block}} overrides belong there",
        ])
        // Comments, delimiter changes and whitespace are fine; the spec mode ignores the rest.
        XCTAssertEqual(compile([("page", "{{<base}}\n  {{! note }}\n{{=<% %>=}}\n<%$main%>x<%/main%>\n<%/base%>"), templates[1]]).1, [])
        XCTAssertEqual(compile(templates, options: .spec).0?.render("page", [:]).string, "x")
    }

    func testEveryErrorOfEveryTemplateInOneRun() {
        let (library, diagnostics) = compile([
            ("b", "{{#x}}"), ("a", "{{>missing}}"), ("c", "fine {{y}}"), ("d", "{{#p}}{{/q}}"),
        ])
        XCTAssertNil(library)
        XCTAssertEqual(diagnostics, [
            "templates/a.mustache:1:1: error: partial 'missing' does not exist",
            "templates/b.mustache:1:1: error: section 'x' opened at line 1 is never closed",
            "templates/d.mustache:1:7: error: closing tag '{{/q}}' does not match section 'p' opened at line 1",
        ])
    }

    func testDuplicateNames() {
        let sources = [
            TemplateSource(name: "a", text: "", path: "one/a.mustache"), TemplateSource(name: "a", text: "", path: "two/a.mustache"),
        ]
        XCTAssertEqual(TemplateLibrary.compile(sources).1.map(\.description),
            ["two/a.mustache: error: two templates are named 'a' (the other is one/a.mustache)"])
    }

    func testUnconditionalRecursionIsAnErrorButRecursionInASectionIsFine() {
        let (_, diagnostics) = compile([("a", "{{>b}}"), ("b", "{{#x}}{{>a}}{{/x}}\n{{>c}}"), ("c", "{{<a}}{{/a}}")])
        XCTAssertEqual(diagnostics, [
            "templates/c.mustache:1:1: error: 'a' includes itself outside any section (a → b → c → a), so it would never finish",
        ])
        let tree = library([("node", "{{name}}({{#children}}{{>node}}{{/children}})")])
        let leaf: Value = ["name": "leaf", "children": []]
        XCTAssertEqual(tree.render("node", ["name": "root", "children": [leaf, ["name": "mid", "children": [leaf]]]]).string,
            "root(leaf()mid(leaf()))")
    }

    func testAnOverrideOfABlockTheParentDoesNotHaveIsAWarning() {
        let (library, diagnostics) = compile([
            ("page", "{{<base}}\n{{$mian}}x{{/mian}}\n{{$title}}T{{/title}}\n{{/base}}"),
            ("base", "<title>{{>head}}</title>{{$main}}{{/main}}"), ("head", "{{$title}}{{/title}}"),
        ])
        XCTAssertNotNil(library, "a warning does not stop the build")
        XCTAssertEqual(diagnostics, [
            "templates/page.mustache:2:1: warning: block 'mian' is not a block of 'base' or of the templates it includes, so this override is never used",
        ])
        XCTAssertEqual(library?.render("page", [:]).string, "<title>T</title>")
    }

    func testRunawayRecursionStopsWithAnError() {
        // Conditional recursion on data that never ends (the same object again and again).
        let loop = library([("a", "{{#self}}x{{>a}}{{/self}}")])
        let rendered = loop.render("a", ["self": true])
        XCTAssertEqual(rendered.bytes.count, TemplateLibrary.maximumDepth + 1)
        XCTAssertEqual(rendered.diagnostics.map(\.description), [
            "templates/a.mustache:1:11: error: templates nest more than 200 levels deep here (does 'a' include itself for ever?)",
        ])
    }
}
