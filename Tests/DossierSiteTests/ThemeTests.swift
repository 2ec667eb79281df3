@testable import DossierSite
import DossierModel
import Foundation
import XCTest

/// The theme as the site uses it: names checked against the view models, the README's list of
/// names generated from them, charts placed from templates.
final class ThemeTests: XCTestCase {
    /// The README lists what templates can use; regenerate with `DOSSIER_UPDATE_GOLDEN=1 swift test`.
    func testREADMEListsWhatEachTemplateCanUse() throws {
        let readme = SiteFixture.repository.appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = try XCTUnwrap(text.range(of: ThemeDocumentation.begin))
        let end = try XCTUnwrap(text.range(of: ThemeDocumentation.end))
        let generated = "\n\n" + ThemeDocumentation.markdown + "\n"
        if ProcessInfo.processInfo.environment["DOSSIER_UPDATE_GOLDEN"] == "1" {
            try (text[..<begin.upperBound] + generated + text[end.lowerBound...]).write(to: readme, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(String(text[begin.upperBound..<end.lowerBound]), generated,
                       "README's theme section is out of date: DOSSIER_UPDATE_GOLDEN=1 swift test --filter ThemeTests")
        XCTAssertTrue(generated.contains("- `briefing` (object): The briefing\n  - `title` (text): The briefing's title\n"))
    }

    func testUnknownNamesInTemplatesAreWarningsAtTheirLines() throws {
        let site = try SiteFixture()
        try site.write("briefings/a.md", briefing(title: "A"))
        try "{{<base}}{{$main}}\n{{#briefing}}\n<h1>{{titel}}</h1>{{{summary}}}\n{{/briefing}}\n<p>{{t.no_such_string}}</p>\n{{/main}}{{/base}}\n"
            .write(to: site.templates.appendingPathComponent("briefing.mustache"), atomically: true, encoding: .utf8)
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), [
            "templates/briefing.mustache:3:5: warning: unknown name 'titel' in template 'briefing' (did you mean 'title'?)",
            "templates/briefing.mustache:3:19: warning: '{{{summary}}}' in template 'briefing' writes the text 'summary' without escaping it, "
                + "so markup in content would get through; use '{{summary}}'",
            "templates/briefing.mustache:5:4: warning: unknown name 't.no_such_string' in template 'briefing'",
        ])
    }

    func testTheBuiltInThemeUsesOnlyNamesItsPagesHave() throws {
        let site = try SiteFixture.sample()
        XCTAssertEqual(try site.build().warnings.map(\.description), [])
    }

    func testATemplatePlacesAChartOfItsContext() throws {
        let site = try SiteFixture()
        try site.write("data/gdp.csv", "region,gdp\nnorth,12\nsouth,30\n")
        try site.write("pages/about.md", "---\ntitle: \"About: the data\"\n---\nText.\n")
        try """
            {{<base}}{{$main}}
            {{@chart}}
            type: bar
            data: gdp.csv
            x: region
            y: gdp
            title: {{page.title}}
            {{/chart}}
            {{/main}}{{/base}}

            """.write(to: site.templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try site.build()
        let page = try site.page("about/index.html")
        XCTAssertTrue(page.contains("<span class=\"chart-title\">About: the data</span>"), "the title's colon survives as YAML")
        XCTAssertTrue(page.contains("<svg"), "the chart is drawn")

        try "{{<base}}{{$main}}\n{{@chart}}\ntype: bar\ndata: gdp.csv\nx: region\ny: gpd\n{{/chart}}\n{{/main}}{{/base}}\n"
            .write(to: site.templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        XCTAssertEqual(site.failingBuild(), [
            "templates/page.mustache:6: error: chart 'y': unknown column 'gpd' in gdp.csv (columns: region, gdp)",
        ])
    }
}
