@testable import DossierSite
import DossierModel
import DossierSearch
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Editions, languages, taxonomies, feeds, sitemap, sub-path URLs and search.
final class PublishingTests: XCTestCase {
    static let canary = "The canary sings only for licensees 7f3a."
    /// A word of the canary as the search index stores it (folded): it must not reach a shard.
    static let canaryWord = "kanarienvogelq"

    /// Where a licensed body can hide something: each place has its own canary, so that a leak
    /// names its way out.
    enum Canary: String, CaseIterable {
        case prose, chartTitle, chartCaption, tableTitle, tableCaption, alt, bundleImage, bundleFile, heading
        var text: String { "canary-\(rawValue)-7f3a" }
    }

    func makeSite() throws -> SiteFixture {
        let site = try SiteFixture.sample()
        try site.write("data/clusters.csv", "# test data\nid,name_en,gdp_bn_cny\nbeibu-gulf,Beibu Gulf,1200\n")
        try site.write("data/clusters.schema.yml", FaultSuiteTests.clustersSchema + "  - {name: gdp_bn_cny, type: number, title: {en: GDP, de: BIP}}\n")
        try site.write("briefings/2025/secret.md", briefing(
            title: "Members only", date: "2025-06-01",
            extra: "summary: \"A public summary.\"\nkey_points: [\"A public point.\"]\ntopics: [Transport]\naccess: licensed",
            body: """
                ## Findings \(Canary.heading.text)

                \(Self.canary) \(Canary.prose.text) Kanarienvögelq.

                ![A diagram \(Canary.alt.text)](diagram.png)

                See [the notes](notes.txt).

                ```chart
                type: bar
                data: clusters.csv
                x: id
                y: gdp_bn_cny
                title: "\(Canary.chartTitle.text)"
                caption: "\(Canary.chartCaption.text)"
                ```

                ### Detail

                ```table
                data: clusters.csv
                title: "\(Canary.tableTitle.text)"
                caption: "\(Canary.tableCaption.text)"
                ```

                """))
        try site.write("briefings/2025/secret/diagram.png", Self.png(width: 640, height: 360, text: Canary.bundleImage.text))
        try site.write("briefings/2025/secret/notes.txt", Canary.bundleFile.text)
        return site
    }

    /// The header of a PNG file (signature and IHDR) followed by some text, enough for the size reader.
    static func png(width: UInt32, height: UInt32, text: String = "") -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        bytes += [8, 6, 0, 0, 0, 0, 0, 0, 0] + Array(text.utf8)
        return Data(bytes)
    }

    /// Every file below `folder`, as text.
    func allText(_ folder: URL) -> [String: String] {
        SiteFixture.snapshot(folder).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The public edition may show of a licensed briefing its title, summary, key points, topics,
    /// its headings as a contents list, its length and its number of charts and tables: nothing
    /// else of its body, and none of its files.
    func testLicensedBodyNeverReachesThePublicEdition() throws {
        let site = try makeSite()
        try site.build()
        let files = allText(site.output)
        for canary in Canary.allCases where canary != .heading {
            XCTAssertEqual(files.filter { $0.value.contains(canary.text) }.keys.sorted(), [], "\(canary) leaked into the public edition")
        }
        XCTAssertEqual(files.filter { $0.value.contains(Self.canary) }.keys.sorted(), [])
        XCTAssertFalse(site.exists("briefings/2025/secret/diagram.png"), "a licensed briefing's files stay out")
        XCTAssertFalse(site.exists("briefings/2025/secret/notes.txt"))
        // A heading is allowed once: in the teaser's contents list, as text.
        let heading = files.filter { $0.value.contains(Canary.heading.text) }
        XCTAssertEqual(heading.keys.sorted(), ["briefings/2025/secret/index.html"])
        XCTAssertEqual(files.filter { $0.value.lowercased().contains(Self.canaryWord) || $0.value.contains("Kanarienvögelq") }.keys.sorted(), [],
                       "the canary's folded word leaked into the public edition")
        XCTAssertTrue(site.exists("search/t/0.json"), "the public edition has search shards, and they were scanned")
        XCTAssertEqual(try BuiltSearchIndex(site.output.appendingPathComponent("search")).titles("findings"), [])
        let page = try site.page("briefings/2025/secret/index.html")
        XCTAssertEqual(page.components(separatedBy: Canary.heading.text).count - 1, 1)
        let outline = try XCTUnwrap(page.firstMatch(of: /<ol class="outline">(?s:.*?)<\/ol>/)).output
        XCTAssertTrue(outline.contains("<li>Findings \(Canary.heading.text)</li>"))
        XCTAssertTrue(outline.contains("<li class=\"sub\">Detail</li>"))
        XCTAssertFalse(page.contains("id=\"findings"), "no anchor to a section that is not there")

        XCTAssertTrue(page.contains("A public summary."))
        XCTAssertTrue(page.contains("<li>A public point.</li>"))
        XCTAssertTrue(page.contains("The full text of this briefing is reserved for licensees."))
        XCTAssertTrue(page.contains("<p class=\"extent\">15 words · 1 minute to read · 1 chart and 1 table</p>"), page)
        XCTAssertFalse(page.contains("class=\"toc\""))
        XCTAssertFalse(page.contains("class=\"prose\""))

        // The licensee edition has it all: body, feeds, search, files.
        let licensee = site.root.appendingPathComponent("licensee")
        try site.build(out: licensee, edition: .licensee)
        let found = allText(licensee).filter { $0.value.contains(Self.canary) }.keys.sorted()
        XCTAssertTrue(found.contains("briefings/2025/secret/index.html"))
        XCTAssertTrue(found.contains("feed.xml"))
        XCTAssertTrue(found.contains("topics/transport/feed.xml"))
        let index = try BuiltSearchIndex(licensee.appendingPathComponent("search"))
        XCTAssertEqual(index.titles(Self.canaryWord), ["Members only"], "body words in the licensee index")
        XCTAssertEqual(index.titles("findings"), ["Members only"])
        let full = try site.page("briefings/2025/secret/index.html", in: licensee)
        for canary in [Canary.prose, .chartTitle, .chartCaption, .tableTitle, .tableCaption, .alt] {
            XCTAssertTrue(full.contains(canary.text), "\(canary) in the licensee edition")
        }
        XCTAssertEqual(try site.page("briefings/2025/secret/notes.txt", in: licensee), Canary.bundleFile.text)
        XCTAssertTrue(full.contains("<img src=\"/briefings/2025/secret/diagram.png\" alt=\"A diagram \(Canary.alt.text)\" width=\"640\" height=\"360\" decoding=\"async\" />"))
    }

    /// Every body is read and checked in every edition: the public build fails on a licensed
    /// body that the licensee build would fail on, at the same line.
    func testPublicBuildFailsOnABrokenChartInALicensedBody() throws {
        let site = try makeSite()
        let path = "briefings/2025/secret.md"
        let text = try String(contentsOf: site.content.appendingPathComponent(path), encoding: .utf8)
        try site.write(path, text.replacingOccurrences(of: "y: gdp_bn_cny", with: "y: name_en"))
        let expected = ["content/data/clusters.csv:3: error: column 'name_en' must hold numbers, found 'Beibu Gulf' (leave the cell empty for no data)"]
        XCTAssertEqual(site.failingBuild(), expected)
        XCTAssertFalse(site.exists("index.html"), "nothing was published")
        XCTAssertThrowsError(try site.build(edition: .licensee))
    }

    /// A broken link or image in a licensed body is found by the public edition too: a missing
    /// image at build time, a broken link by `check`.
    func testPublicEditionChecksLinksAndImagesOfLicensedBodies() throws {
        let site = try makeSite()
        let path = "briefings/2025/secret.md"
        let text = try String(contentsOf: site.content.appendingPathComponent(path), encoding: .utf8)
        try site.write(path, text.replacingOccurrences(of: "(diagram.png)", with: "(diagramm.png)"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/secret.md:13:1: error: image 'diagramm.png' not found: no file briefings/2025/secret/diagramm.png in the content folder (a briefing's files go in the folder named after it, briefings/2025/secret/)",
        ])
        try site.write(path, text.replacingOccurrences(of: "See [the notes](notes.txt).", with: "See [the tiers](/briefings/2024/no-such-page/)."))
        let report = try LinkChecker.check(site.options())
        XCTAssertEqual(report.findings.map(\.description), [
            "content/briefings/2025/secret.md:15:17: error: link '/briefings/2024/no-such-page/' is broken: there is no page at /briefings/2024/no-such-page/",
        ])
    }

    func testLanguageSwitchAndHreflang() throws {
        let site = try makeSite()
        try site.build()
        let en = try site.page("briefings/2021/city-clusters/index.html")
        XCTAssertTrue(en.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/briefings/2021/city-clusters/\">"))
        XCTAssertTrue(en.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/briefings/2021/city-clusters/\">"))
        XCTAssertTrue(en.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/briefings/2021/city-clusters/\">"))
        XCTAssertTrue(en.contains("<a href=\"/de/briefings/2021/city-clusters/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"))
        // No translation: the switch goes to the other language's home page, never to a 404.
        let rail = try site.page("briefings/2025/rail/index.html")
        XCTAssertTrue(rail.contains("<a href=\"/de/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"))
        XCTAssertFalse(rail.contains("hreflang=\"x-default\""), "a page with one language has no alternates")
        let de = try site.page("de/briefings/2021/city-clusters/index.html")
        XCTAssertTrue(de.contains("<a href=\"/briefings/2021/city-clusters/\" hreflang=\"en\" lang=\"en\">English</a>"))
        XCTAssertTrue(de.contains("<h2>Das Wichtigste</h2>"), "interface strings in German")
        XCTAssertTrue(try site.page("de/index.html").contains("<html lang=\"de\">"))
        XCTAssertTrue(try site.page("de/feed.xml").contains("xml:lang=\"de\""))
    }

    func testNavigationLabelsAndLinksPerLanguage() throws {
        let site = try SiteFixture(siteYML: SiteFixture.siteYML.replacingOccurrences(
            of: "  - {label: \"Briefings\", url: \"/\"}", with: "  - {label: {en: \"Briefings\", de: \"Übersicht\"}, url: {en: \"/\", de: \"/de/\"}}"))
        try site.write("briefings/a.md", briefing(title: "A"))
        try site.build()
        XCTAssertTrue(try site.page("de/index.html").contains("<li><a href=\"/de/\" aria-current=\"page\">Übersicht</a></li>"))
        XCTAssertTrue(try site.page("index.html").contains("<li><a href=\"/\" aria-current=\"page\">Briefings</a></li>"))
        XCTAssertTrue(try site.page("de/index.html").contains("<li><a href=\"/about/\">About</a></li>"), "a plain label serves every language")
    }

    func testMissingInterfaceStringIsAWarningAndFallsBack() throws {
        // A language the built-in theme lacks: its file names what it misses, English fills in.
        let site = try SiteFixture(siteYML: SiteFixture.siteYML.replacingOccurrences(of: "languages: [en, de]", with: "languages: [en, fr]"))
        try site.write("briefings/2021/city-clusters.md", briefing(title: "Clusters", extra: "key_points: [\"One.\"]"))
        try site.write("briefings/2021/city-clusters.fr.md", "---\ntitle: \"Les agglomérations\"\nkey_points: [\"Un.\"]\n---\nTexte.\n")
        let english = try String(contentsOf: site.templates.appendingPathComponent("i18n/en.yml"), encoding: .utf8)
        try english.replacingOccurrences(of: "key_points: \"Key points\"\n", with: "")
            .replacingOccurrences(of: "language_name: \"English\"", with: "language_name: \"Français\"")
            .write(to: site.templates.appendingPathComponent("i18n/fr.yml"), atomically: true, encoding: .utf8)
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), ["templates/i18n/fr.yml: warning: missing interface string 'key_points'; using the English one"])
        XCTAssertTrue(try site.page("fr/briefings/2021/city-clusters/index.html").contains("<h2>Key points</h2>"))
    }

    func testThemeFolderOverridesTheBuiltInThemeFileByFileAndKeyByKey() throws {
        let site = try makeSite()
        // Only what the site changes: one template, one string; the rest comes from the built-in theme.
        try FileManager.default.removeItem(at: site.templates)
        try FileManager.default.createDirectory(at: site.templates.appendingPathComponent("i18n"), withIntermediateDirectories: true)
        try "{{<base}}{{$main}}<p class=\"mine\">{{t.go_home}}</p>{{/main}}{{/base}}\n"
            .write(to: site.templates.appendingPathComponent("404.mustache"), atomically: true, encoding: .utf8)
        try "key_points: \"Kernpunkte\"\n".write(to: site.templates.appendingPathComponent("i18n/de.yml"), atomically: true, encoding: .utf8)
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), [])
        XCTAssertTrue(try site.page("404.html").contains("<p class=\"mine\">Go to the latest briefings</p>"))
        let german = try site.page("de/briefings/2021/city-clusters/index.html")
        XCTAssertTrue(german.contains("<h2>Kernpunkte</h2>"), "the user's key wins")
        XCTAssertTrue(german.contains(">Zum Inhalt springen</a>"), "other German keys come from the built-in file")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("assets/style.css").path))
    }

    func testTopicPagesPaginateWithStableURLs() throws {
        let site = try SiteFixture()
        for i in 1...45 {
            try site.write("briefings/2024/b\(i).md", briefing(
                title: "Briefing \(i)", date: "2024-01-\(String(format: "%02d", (i % 28) + 1))", extra: "topics: [\"Öffentliche Finanzen\"]"))
        }
        try site.build()
        XCTAssertTrue(site.exists("topics/offentliche-finanzen/index.html"))
        XCTAssertTrue(site.exists("topics/offentliche-finanzen/page/2/index.html"))
        XCTAssertTrue(site.exists("topics/offentliche-finanzen/page/3/index.html"))
        XCTAssertFalse(site.exists("topics/offentliche-finanzen/page/4/index.html"))
        XCTAssertTrue(site.exists("page/3/index.html"), "the home page paginates too")
        let second = try site.page("topics/offentliche-finanzen/page/2/index.html")
        XCTAssertTrue(second.contains("<a rel=\"prev\" href=\"/topics/offentliche-finanzen/\">"))
        XCTAssertTrue(second.contains("<a rel=\"next\" href=\"/topics/offentliche-finanzen/page/3/\">"))
        XCTAssertTrue(try site.page("topics/index.html").contains("<a href=\"/topics/offentliche-finanzen/\">Öffentliche Finanzen</a> <span class=\"count\">45</span>"))
    }

    func testTwoTopicNamesWithOneSlugAreAnError() throws {
        let site = try SiteFixture()
        try site.write("briefings/a.md", briefing(title: "A", extra: "topics: [\"Land Use\"]"))
        try site.write("briefings/b.md", briefing(title: "B", extra: "topics: [\"land-use\"]"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/b.md: error: topics 'Land Use' (content/briefings/a.md) and 'land-use' share the URL /topics/land-use/; use one name",
        ])
    }

    func testDraftsAndFutureDatesAgainstAFixedBuildDate() throws {
        let site = try SiteFixture()
        try site.write("briefings/now.md", briefing(title: "Today", date: "2026-11-29"))
        try site.write("briefings/later.md", briefing(title: "Tomorrow", date: "2026-11-30"))
        try site.write("briefings/draft.md", briefing(title: "Draft", date: "2026-01-01", extra: "draft: true"))
        try site.build()
        XCTAssertTrue(site.exists("briefings/now/index.html"))
        XCTAssertFalse(site.exists("briefings/later/index.html"))
        XCTAssertFalse(site.exists("briefings/draft/index.html"))
        try site.build(future: true)
        XCTAssertTrue(site.exists("briefings/later/index.html"))
        try site.build(now: Day(iso: "2026-12-31")!)
        XCTAssertTrue(site.exists("briefings/later/index.html"), "no longer in the future")
        XCTAssertEqual(BuildOptions.defaultBuildDate(environment: ["SOURCE_DATE_EPOCH": "1764374400"]).description, "2025-11-29")
    }

    func testFeedsHaveTheRequiredElements() throws {
        let site = try makeSite()
        try site.write("briefings/2025/rail.md", briefing(
            title: "Rail", date: "2025-03-18", extra: "topics: [Transport]", body: "See [the tiers](/briefings/2024/tiers/).\n"))
        try site.build(baseURL: "https://example.org/reports/")
        for path in ["feed.xml", "de/feed.xml", "topics/transport/feed.xml"] {
            let xml = try site.page(path)
            let doc = try XMLDocument(data: Data(xml.utf8))
            let feed = try XCTUnwrap(doc.rootElement())
            XCTAssertEqual(feed.name, "feed")
            for element in ["id", "title", "updated", "author"] {
                XCTAssertNotNil(feed.elements(forName: element).first, "\(path) lacks \(element)")
            }
            let links = try doc.nodes(forXPath: "/*/*[local-name()='link']").compactMap { $0 as? XMLElement }
                .map { element in
                    // FoundationXML does not find unprefixed attributes by name in a namespaced document.
                    func value(_ name: String) -> String { element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue ?? "" }
                    return (value("rel"), value("href"))
                }
            XCTAssertTrue(links.contains { $0.0 == "self" && $0.1 == "https://example.org/reports/\(path)" }, "\(path) \(links)")
            XCTAssertTrue(links.contains { $0.0 == "alternate" }, path)
            let entries = feed.elements(forName: "entry")
            XCTAssertFalse(entries.isEmpty, path)
            let dates = entries.compactMap { $0.elements(forName: "updated").first?.stringValue }
            XCTAssertEqual(dates, dates.sorted(by: >), "\(path): newest first")
            XCTAssertEqual(feed.elements(forName: "updated").first?.stringValue, dates.first, "updated from the content")
        }
        let main = try site.page("feed.xml")
        XCTAssertTrue(main.contains("href=&quot;https://example.org/reports/briefings/2024/tiers/&quot;"), "absolute URLs inside content")
        XCTAssertFalse(main.contains(Self.canary))
    }

    func testSitemapAndRobots() throws {
        let site = try makeSite()
        try site.build()
        let sitemap = try site.page("sitemap.xml")
        let doc = try XMLDocument(data: Data(sitemap.utf8))
        let locs = try doc.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
        XCTAssertTrue(locs.contains("https://example.org/briefings/2025/secret/"))
        XCTAssertTrue(locs.contains("https://example.org/de/briefings/2021/city-clusters/"))
        XCTAssertTrue(locs.contains("https://example.org/clusters/beibu-gulf/"))
        XCTAssertTrue(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/clusters/beibu-gulf/\"/>"),
                      "a row's page in every language")
        XCTAssertEqual(locs, locs.sorted { Route(segments: $0.split(separator: "/").dropFirst(2).map(String.init))! < Route(segments: $1.split(separator: "/").dropFirst(2).map(String.init))! })
        XCTAssertTrue(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/briefings/2021/city-clusters/\"/>"))
        XCTAssertEqual(try site.page("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n")
    }

    func testSubPathBaseURLKeepsEveryLinkInside() throws {
        let site = try makeSite()
        try site.build(baseURL: "https://example.org/reports/")
        for (path, text) in allText(site.output) where path.hasSuffix(".html") {
            let outside = text.matches(of: /(href|src)="\/(?!reports\/)/)
            XCTAssertEqual(outside.count, 0, "\(path) links outside the sub-path")
            let absoluteOutside = text.matches(of: /https:\/\/example\.org\/(?!reports\/)/)
            XCTAssertEqual(absoluteOutside.count, 0, "\(path) has an absolute URL outside the sub-path")
        }
        XCTAssertTrue(try site.page("sitemap.xml").contains("<loc>https://example.org/reports/briefings/2024/tiers/</loc>"))
    }
}
