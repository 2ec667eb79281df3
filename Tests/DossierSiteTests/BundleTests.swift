@testable import DossierSite
import DossierMarkdown
import DossierModel
import Foundation
import XCTest

/// Files beside a briefing (its bundle): published next to its page, found from every language,
/// sized, and an error at its line when an image is missing.
final class BundleTests: XCTestCase {
    func makeSite() throws -> SiteFixture {
        let site = try SiteFixture()
        try site.write("briefings/2025/x.md", briefing(title: "X", date: "2025-03-01", body: """
            Intro.

            ![The map](map.png)

            ![A chart](img/chart.svg "Chart")

            As the editor shows it: ![same map](x/map.png). Read [the report](report%20final.pdf#page=2)
            or [the tiers](../tiers/).

            """))
        try site.write("briefings/2025/x.de.md", "---\ntitle: \"X auf Deutsch\"\n---\n![Die Karte](map.png)\n")
        try site.write("briefings/2025/x/map.png", PublishingTests.png(width: 800, height: 450))
        try site.write("briefings/2025/x/img/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 200\"></svg>")
        try site.write("briefings/2025/x/report final.pdf", "%PDF-1.7\n")
        try site.write("briefings/2025/tiers.md", briefing(title: "Tiers"))
        try site.write("pages/about.md", "---\ntitle: About\n---\nAbout.\n")
        return site
    }

    func testFilesArePublishedNextToThePageAndFoundFromEveryLanguage() throws {
        let site = try makeSite()
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), [])
        for file in ["briefings/2025/x/map.png", "briefings/2025/x/img/chart.svg", "briefings/2025/x/report final.pdf"] {
            XCTAssertTrue(site.exists(file), file)
        }
        let html = try site.page("briefings/2025/x/index.html")
        XCTAssertTrue(html.contains("<img src=\"/briefings/2025/x/map.png\" alt=\"The map\" width=\"800\" height=\"450\" decoding=\"async\" />"), html)
        XCTAssertTrue(html.contains("<img src=\"/briefings/2025/x/img/chart.svg\" alt=\"A chart\" title=\"Chart\" width=\"300\" height=\"200\" loading=\"lazy\" decoding=\"async\" />"))
        XCTAssertTrue(html.contains("<img src=\"/briefings/2025/x/map.png\" alt=\"same map\" width=\"800\" height=\"450\" loading=\"lazy\" decoding=\"async\" />"), "a path from the Markdown file's folder works too")
        XCTAssertTrue(html.contains("<a href=\"/briefings/2025/x/report%20final.pdf#page=2\">the report</a>"))
        XCTAssertTrue(html.contains("<a href=\"../tiers/\">the tiers</a>"), "a relative page URL stays as written")
        // The German page refers to the one published copy.
        let german = try site.page("de/briefings/2025/x/index.html")
        XCTAssertTrue(german.contains("<img src=\"/briefings/2025/x/map.png\" alt=\"Die Karte\" width=\"800\" height=\"450\" decoding=\"async\" />"))
        XCTAssertFalse(site.exists("de/briefings/2025/x/map.png"))
        // Under a sub-path, and absolute in feeds.
        try site.build(baseURL: "https://example.org/reports/")
        XCTAssertTrue(try site.page("briefings/2025/x/index.html").contains("<img src=\"/reports/briefings/2025/x/map.png\""))
        XCTAssertTrue(try site.page("feed.xml").contains("src=&quot;https://example.org/reports/briefings/2025/x/map.png&quot;"))
        XCTAssertEqual(try LinkChecker.check(site.options()).findings.map(\.description), [], "check finds every file")
    }

    func testIndexFileFormKeepsFilesBesideTheMarkdown() throws {
        let site = try SiteFixture()
        try site.write("briefings/2025/y/index.md", briefing(title: "Y", body: "![Plan](plan.gif)\n"))
        try site.write("briefings/2025/y/index.de.md", "---\ntitle: \"Y auf Deutsch\"\n---\n![Plan](plan.gif)\n")
        var gif = Data("GIF89a".utf8)
        gif += Data([0x2C, 0x01, 0x64, 0x00])  // 300 × 100
        try site.write("briefings/2025/y/plan.gif", gif)
        try site.build()
        XCTAssertTrue(site.exists("briefings/2025/y/index.html"), "x/index.md is the page of its folder")
        XCTAssertTrue(site.exists("briefings/2025/y/plan.gif"))
        XCTAssertTrue(try site.page("briefings/2025/y/index.html").contains("<img src=\"/briefings/2025/y/plan.gif\" alt=\"Plan\" width=\"300\" height=\"100\""))
        XCTAssertTrue(try site.page("de/briefings/2025/y/index.html").contains("<img src=\"/briefings/2025/y/plan.gif\""))
    }

    func testSlugMovesTheFilesWithThePage() throws {
        let site = try makeSite()
        let text = try String(contentsOf: site.content.appendingPathComponent("briefings/2025/x.md"), encoding: .utf8)
        try site.write("briefings/2025/x.md", text.replacingOccurrences(of: "date: 2025-03-01", with: "date: 2025-03-01\nslug: renamed"))
        try site.build()
        XCTAssertTrue(site.exists("briefings/2025/renamed/map.png"))
        XCTAssertTrue(try site.page("briefings/2025/renamed/index.html").contains("<img src=\"/briefings/2025/renamed/map.png\""))
    }

    func testAMissingImageIsAnErrorAtItsLineAndAStrayFileAWarning() throws {
        let site = try makeSite()
        try site.write("briefings/2025/z.md", briefing(title: "Z", body: "Text.\n\nSee ![a plot](plot.png) and ![the map](../2025/x/map.png).\n"))
        try site.write("briefings/2025/plot.png", PublishingTests.png(width: 1, height: 1))
        try site.write("briefings/2025/stray.pdf", "%PDF")
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/stray.pdf: warning: not published: this file is in no briefing's or page's folder (a briefing's files go in the folder named after it, such as briefings/2025/x/ for briefings/2025/x.md)",
            "content/briefings/2025/plot.png: warning: not published: this file is in no briefing's or page's folder (a briefing's files go in the folder named after it, such as briefings/2025/x/ for briefings/2025/x.md)",
            "content/briefings/2025/z.md:7:5: error: image 'plot.png': content/briefings/2025/plot.png is in no briefing's or page's folder, so it is not published; move it into briefings/2025/z/ (the folder named after z.md)",
        ].sorted())
        try site.write("briefings/2025/z.md", briefing(title: "Z", body: "Text.\n\n![the map](../2025/x/map.png) ![gone](gone.png)\n"))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("briefings/2025/plot.png"))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("briefings/2025/stray.pdf"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/z.md:7:31: error: image 'gone.png' not found: no file briefings/2025/z/gone.png in the content folder (a briefing's files go in the folder named after it, briefings/2025/z/)",
        ])
        try site.write("briefings/2025/z.md", briefing(title: "Z", body: "Text.\n\n![the map](../2025/x/map.png)\n"))
        try site.build()
        XCTAssertTrue(try site.page("briefings/2025/z/index.html").contains("<img src=\"/briefings/2025/x/map.png\""), "another briefing's file, by a relative path")
    }

    func testAFileThatWouldReplaceAGeneratedPageIsAnError() throws {
        let site = try makeSite()
        try site.write("briefings/2025/x/index.html", "<p>mine</p>")
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/x/index.html: error: would overwrite /briefings/2025/x/index.html, which the site generates; rename the file",
        ])
    }

    func testPagesHaveFilesToo() throws {
        let site = try SiteFixture()
        try site.write("pages/about.md", "---\ntitle: About\n---\n![Team](team.png)\n")
        try site.write("pages/about/team.png", PublishingTests.png(width: 4, height: 3))
        try site.build()
        XCTAssertTrue(site.exists("about/team.png"))
        XCTAssertTrue(try site.page("about/index.html").contains("<img src=\"/about/team.png\" alt=\"Team\" width=\"4\" height=\"3\""))
    }
    /// Links are looked up by their last segment first (most are other pages' URLs): a link to
    /// a file by any spelling that normalizes to it still finds it.
    func testLinksFindFilesWhateverTheSpellingAndOthersStayAsWritten() {
        func file(_ path: String) -> ContentFile {
            ContentFile(path: path, file: URL(fileURLWithPath: "/c/" + path), displayPath: "content/" + path)
        }
        let (bundles, diagnostics) = Resolver.bundles(
            files: [file("briefings/2025/x/map.png"), file("briefings/2025/x/data.csv")], keys: ["briefings/2025/x": "content/briefings/2025/x.md"],
            published: ["briefings/2025/x": (["en": Route(segments: ["briefings", "2025", "x"])!], false)],
            config: SiteConfig(title: "", baseURL: "/", publisher: .init(name: "", blurb: "")), edition: .public)
        XCTAssertEqual(diagnostics.map(\.description), [])
        func link(_ url: String) -> ReferenceResolution {
            bundles.resolve(Reference(kind: .link, url: url, line: 3, column: 1), key: "briefings/2025/x", displayPath: "x.md", writes: true)
        }
        XCTAssertEqual(link("map.png"), .rewrite("/briefings/2025/x/map.png"))
        XCTAssertEqual(link("map.png/."), .rewrite("/briefings/2025/x/map.png"))
        XCTAssertEqual(link("map.png/other/.."), .rewrite("/briefings/2025/x/map.png"))
        XCTAssertEqual(link("./x/data.csv?raw#top"), .rewrite("/briefings/2025/x/data.csv?raw#top"))
        XCTAssertEqual(link("m%61p.png"), .rewrite("/briefings/2025/x/map.png"))
        XCTAssertEqual(link("../y/"), .keep)
        XCTAssertEqual(link("other/map.png"), .keep, "a file of that name, but not there")
        XCTAssertEqual(link("../x/"), .keep)
        for kept in ["/briefings/2025/x/map.png", "https://e.org/map.png", "#map.png", "?map.png", "", "map.png%2"] {
            XCTAssertEqual(link(kept), .keep, kept)
        }
        XCTAssertEqual(Bundles.lastSegment("a/b.png/?x#y"), "b.png")
        XCTAssertEqual(Bundles.lastSegment("城市/地图.png#a"), "地图.png")
        XCTAssertNil(Bundles.lastSegment("a/..//"))
        XCTAssertNil(Bundles.lastSegment("a%20b.png"))
    }
}
