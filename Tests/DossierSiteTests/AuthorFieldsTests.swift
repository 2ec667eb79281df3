@testable import DossierSite
import DossierModel
import Foundation
import XCTest

/// Front matter an author expects (`authors`, `updated`, `toc`, `aliases`, `params`) and the
/// cards of list pages.
final class AuthorFieldsTests: XCTestCase {
    func makeSite() throws -> SiteFixture {
        let site = try SiteFixture()
        try site.write("briefings/2021/clusters.md", briefing(
            title: "Clusters", date: "2021-06-15",
            extra: """
                authors: ["Ana Li", {name: "Ben <Ortiz>", url: "https://example.org/about/#ben"}]
                updated: 2025-08-04
                aliases: [/reports/2021/clusters/, /old-clusters/]
                params: {accent: teal, featured: true, figures: [1, 2]}
                topics: [Policy]
                """,
            body: "## One\n\nText.\n"))
        try site.write("briefings/2021/clusters.de.md", "---\ntitle: \"Cluster\"\n---\n## Eins\n\nText.\n")
        try site.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", extra: "topics: [Policy]"))
        return site
    }

    func testAuthorsAndUpdateInBothLanguagesFeedsAndSitemap() throws {
        let site = try makeSite()
        try site.build()
        let html = try site.page("briefings/2021/clusters/index.html")
        XCTAssertTrue(html.contains("<p class=\"byline\">By Ana Li and <a href=\"https://example.org/about/#ben\">Ben &lt;Ortiz&gt;</a></p>"), html)
        XCTAssertTrue(html.contains("<time class=\"updated\" datetime=\"2025-08-04\">Updated 4 August 2025</time>"))
        let german = try site.page("de/briefings/2021/clusters/index.html")
        XCTAssertTrue(german.contains("<p class=\"byline\">Von Ana Li und <a href=\"https://example.org/about/#ben\">Ben &lt;Ortiz&gt;</a></p>"), "inherited")
        XCTAssertTrue(german.contains("<time class=\"updated\" datetime=\"2025-08-04\">Aktualisiert am 4. August 2025</time>"))

        let feed = try site.page("feed.xml")
        XCTAssertTrue(feed.contains("<updated>2025-08-04T00:00:00Z</updated>\n  <link rel=\"self\""), "the feed changed with the update")
        XCTAssertTrue(feed.contains("<published>2021-06-15T00:00:00Z</published>\n    <updated>2025-08-04T00:00:00Z</updated>"))
        XCTAssertTrue(feed.contains("<author><name>Ben &lt;Ortiz&gt;</name><uri>https://example.org/about/#ben</uri></author>"))
        XCTAssertTrue(try site.page("sitemap.xml").contains("<loc>https://example.org/briefings/2021/clusters/</loc>\n    <lastmod>2025-08-04</lastmod>"))
    }

    func testTocOverridesTheAutomaticRule() throws {
        let site = try makeSite()
        try site.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", extra: "toc: true", body: "## Only\n\nText.\n"))
        try site.write("briefings/2025/long.md", briefing(title: "Long", extra: "toc: false", body: "## A\n## B\n## C\n## D\n"))
        try site.build()
        XCTAssertTrue(try site.page("briefings/2024/tiers/index.html").contains("<li><a href=\"#only\">Only</a></li>"), "toc: true with one section")
        XCTAssertFalse(try site.page("briefings/2025/long/index.html").contains("class=\"toc\""), "toc: false with four")
    }

    func testAliasesRedirectFromOldURLsInEveryLanguage() throws {
        let site = try makeSite()
        try site.build(baseURL: "https://example.org/site/")
        let alias = try site.page("reports/2021/clusters/index.html")
        XCTAssertTrue(alias.contains("<link rel=\"canonical\" href=\"https://example.org/site/briefings/2021/clusters/\">"), alias)
        XCTAssertTrue(alias.contains("<meta http-equiv=\"refresh\" content=\"0; url=/site/briefings/2021/clusters/\">"))
        XCTAssertTrue(alias.contains("<meta name=\"robots\" content=\"noindex\">"))
        XCTAssertTrue(alias.contains("<a href=\"/site/briefings/2021/clusters/\">Clusters</a>"))
        XCTAssertTrue(site.exists("old-clusters/index.html"))
        // The translation's old URLs are its original's, in its part of the site.
        let german = try site.page("de/reports/2021/clusters/index.html")
        XCTAssertTrue(german.contains("<html lang=\"de\">"))
        XCTAssertTrue(german.contains("<meta http-equiv=\"refresh\" content=\"0; url=/site/de/briefings/2021/clusters/\">"))
        XCTAssertFalse(try site.page("sitemap.xml").contains("reports/2021"), "redirects are not in the sitemap")
    }

    func testAliasClashesAreErrors() throws {
        let site = try makeSite()
        try site.write("briefings/2025/b.md", briefing(title: "B", extra: "aliases: [/old-clusters/, /briefings/2024/tiers/, /topics/]"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/b.md: error: alias /briefings/2024/tiers/ is taken: also produced by content/briefings/2024/tiers.md",
            "content/briefings/2025/b.md: error: alias /old-clusters/ is taken: also produced by an alias in content/briefings/2021/clusters.md",
            "content/briefings/2025/b.md: error: alias /topics/ is taken: also produced by the topic pages",
        ])
        try site.write("briefings/2025/b.md", briefing(title: "B"))
        try site.write("pages/old-clusters.md", "---\ntitle: Old\n---\n")
        XCTAssertEqual(site.failingBuild(), [
            "content/pages/old-clusters.md: error: duplicate route /old-clusters/: also produced by an alias in content/briefings/2021/clusters.md",
        ])
    }

    func testMistakesInTheNewKeysAreErrorsAtTheirLines() throws {
        let site = try SiteFixture()
        try site.write("briefings/a.md", briefing(title: "A", date: "2024-05-01", extra: """
            authors: Ana Li
            updated: 2024-04-30
            aliases: [old/a/, /x/../y/]
            params: [1, 2]
            toc: maybe
            """))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/a.md:4:10: error: 'authors' must be a list, as in authors: [\"Ana Li\"]",
            "content/briefings/a.md:5:10: error: 'updated' (2024-04-30) is before 'date' (2024-05-01): an update comes after the first publication",
            "content/briefings/a.md:6:10: error: alias '/x/../y/' has an unsafe segment; use letters, digits, '-', '_' or '.'",
            "content/briefings/a.md:6:10: error: alias 'old/a/' must be a root-relative path such as /briefings/2020/old-name/",
            "content/briefings/a.md:7:9: error: 'params' must be a mapping of names to values, found a list",
            "content/briefings/a.md:8:6: error: 'toc' must be true or false, found 'maybe'",
        ])
    }

    /// `params` reaches templates as any names: strict checking leaves them alone.
    func testParamsReachTemplatesWithoutStrictWarnings() throws {
        let site = try makeSite()
        let template = site.templates.appendingPathComponent("briefing.mustache")
        let original = try String(contentsOf: template, encoding: .utf8)
        try original.replacingOccurrences(
            of: "<article class=\"briefing\" data-pagefind-body>",
            with: "<article class=\"briefing\" data-accent=\"{{params.accent}}\"{{#params.featured}} data-featured{{/params.featured}}>{{#params.figures}}<i>{{.}}</i>{{/params.figures}}{{params.nothing}}")
            .write(to: template, atomically: true, encoding: .utf8)
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), [])
        XCTAssertTrue(try site.page("briefings/2021/clusters/index.html").contains("<article class=\"briefing\" data-accent=\"teal\" data-featured><i>1</i><i>2</i>"))
        XCTAssertTrue(try site.page("de/briefings/2021/clusters/index.html").contains("data-accent=\"teal\" data-featured"), "inherited")
        XCTAssertTrue(try site.page("briefings/2024/tiers/index.html").contains("<article class=\"briefing\" data-accent=\"\">"))
    }

    /// Cards show the summary and at most two key points; the newest on page 1 leads.
    func testCardsShowTwoKeyPointsAndOneLeads() throws {
        let site = try SiteFixture()
        for i in 1...22 {
            try site.write("briefings/b\(i).md", briefing(
                title: "B\(i)", date: "2024-01-\(String(format: "%02d", i))",
                extra: "summary: \"Summary \(i).\"\nkey_points: [\"First \(i).\", \"Second \(i).\", \"Third \(i).\"]\ntopics: [Policy]"))
        }
        try site.build()
        let home = try site.page("index.html")
        XCTAssertTrue(home.contains("<li>Second 22.</li>"))
        XCTAssertFalse(home.contains("Third"), "at most two key points per card")
        XCTAssertTrue(home.contains("<p class=\"card-summary\">Summary 22.</p>"))
        XCTAssertEqual(home.components(separatedBy: "class=\"card card-lead\"").count - 1, 1)
        XCTAssertTrue(try XCTUnwrap(home.range(of: "card-lead")).lowerBound < XCTUnwrap(home.range(of: "B22")).lowerBound, "the newest leads")
        XCTAssertFalse(try site.page("page/2/index.html").contains("card-lead"), "only on the first page")
        XCTAssertFalse(try site.page("topics/policy/index.html").contains("Third"))
    }
}
