@testable import DossierSite
import DossierModel
import XCTest

/// German readers get German pages: quotation marks, the publisher's blurb, the 404 page, and
/// links that say so when they lead to a page that exists only in English.
final class LanguageTests: XCTestCase {
    func makeSite() throws -> SiteFixture {
        let site = try SiteFixture(siteYML: SiteFixture.sampleSiteYML.replacingOccurrences(
            of: "  blurb: \"A fictional publisher for tests.\"",
            with: "  blurb: {en: \"A fictional publisher for tests.\", de: \"Ein erfundener Herausgeber für Tests.\"}")
            .replacingOccurrences(of: "  - {label: \"About\", url: \"/about/\"}",
                                  with: "  - {label: \"About\", url: \"/about/\"}\n  - {label: {en: \"Method\", de: \"Methode\"}, url: \"/method/\"}"))
        let sample = try SiteFixture.sample()
        for path in ["briefings/2021/city-clusters.md", "briefings/2024/tiers.md", "briefings/2025/rail.md",
                     "data/clusters.csv", "data/clusters.schema.yml"] {
            try site.write(path, try String(contentsOf: sample.content.appendingPathComponent(path), encoding: .utf8))
        }
        try site.write("pages/about.md", "---\ntitle: About\n---\nAbout us.\n")
        try site.write("pages/about.de.md", "---\ntitle: \"Über uns\"\n---\nÜber uns.\n")
        try site.write("pages/method.md", "---\ntitle: Method\n---\nHow it's done.\n")
        try site.write("briefings/2021/city-clusters.de.md", """
            ---
            title: "Stadtcluster: der 'Plan' und \\"die Praxis\\""
            key_points: ["Ein \\"Cluster\\" ist keine Provinz."]
            ---
            Der "Plan" und die 'Stufen' -- so genannt ... Pekings "Wachstum", `"Code"` bleibt, „getippt“ auch.
            Siehe die [Methode](/method/), [über uns](/about/) und die [Cluster](/clusters/#top).
            """)
        return site
    }

    func testGermanPagesGetGermanQuotationMarksInProseAndFrontMatter() throws {
        let site = try makeSite()
        try site.build(edition: .licensee)
        let page = try site.page("de/briefings/2021/city-clusters/index.html")
        XCTAssertTrue(page.contains("<p>Der „Plan“ und die ‚Stufen‘ – so genannt … Pekings „Wachstum“, <code>&quot;Code&quot;</code> bleibt, „getippt“ auch."),
                      "straight quotes become German ones; typed ones and code stay")
        XCTAssertTrue(page.contains("<h1>Stadtcluster: der ‚Plan‘ und „die Praxis“</h1>"))
        XCTAssertTrue(page.contains("<li>Ein „Cluster“ ist keine Provinz.</li>"))
        XCTAssertTrue(try site.page("method/index.html").contains("<p>How it’s done.</p>"), "English pages keep libcmark's English quotes")
    }

    func testLinksToPagesOnlyInEnglishSaySoAndNavLeadsToTheGermanVersion() throws {
        let site = try makeSite()
        try site.build(edition: .licensee)
        let page = try site.page("de/briefings/2021/city-clusters/index.html")
        XCTAssertTrue(page.contains("<a href=\"/method/\" hreflang=\"en\">Methode</a> <span class=\"lang-note\">(Englisch)</span>"))
        XCTAssertTrue(page.contains("<a href=\"/about/\">über uns</a> und"), "a page with a German version is not marked in prose")
        XCTAssertTrue(page.contains("<li><a href=\"/de/about/\">About</a></li>"), "the menu leads to the German version")
        XCTAssertTrue(page.contains("<li><a href=\"/method/\" hreflang=\"en\">Methode <span class=\"lang-note\">(Englisch)</span></a></li>"),
                      "a menu item only in English says so")
        XCTAssertTrue(page.contains("<li><a href=\"/de/\">Briefings</a></li>"))
        XCTAssertFalse(try site.page("method/index.html").contains("lang-note"), "nothing to say on English pages")
    }

    func testThePublisherBlurbAndThe404PageInEveryLanguage() throws {
        let site = try makeSite()
        try site.build()
        XCTAssertTrue(try site.page("de/index.html").contains("<p>Ein erfundener Herausgeber für Tests.</p>"))
        XCTAssertTrue(try site.page("index.html").contains("<p>A fictional publisher for tests.</p>"))
        let notFound = try site.page("404.html")
        XCTAssertTrue(notFound.contains("<html lang=\"en\">"))
        XCTAssertTrue(notFound.contains("<h1>Page not found</h1>"))
        XCTAssertTrue(notFound.contains("<section class=\"not-found-other\" lang=\"de\" aria-label=\"Seite nicht gefunden\">"),
                      "one error page serves every address: it carries the German text too")
        XCTAssertTrue(notFound.contains("<a href=\"/de/\">Zu den neuesten Briefings</a>"))
        let german = try site.page("de/404.html")
        XCTAssertTrue(german.contains("<html lang=\"de\">"))
        XCTAssertTrue(german.contains("<h1>Seite nicht gefunden</h1>"))
        XCTAssertTrue(german.contains("<section class=\"not-found-other\" lang=\"en\""))
        XCTAssertFalse(german.contains("rel=\"canonical\""))
    }

    func testTheThemesGermanStringsUseGermanQuotationMarks() {
        let (files, _) = ThemeFiles.load(folder: nil, displayPath: "templates")
        let (strings, _) = InterfaceStrings.load(theme: files, languages: ["en", "de"])
        for (key, text) in strings["de"] {
            XCTAssertFalse(text.contains("\"") || text.contains("\u{201D}") || text.contains("\u{201C}") && !text.contains("\u{201E}"),
                           "de.yml '\(key)': \(text)")
        }
    }
}
