@testable import DossierSite
import DossierModel
import XCTest

/// End-to-end: small content folders built with the default theme, output checked.
final class BuildTests: XCTestCase {
    func makeSite() throws -> SiteFixture { try SiteFixture.sample() }

    /// A one-off build (the CLI's) keeps no state for `serve` and lets go of what it read once the
    /// site is resolved; what it writes is the same.
    func testABuildWithoutStateWritesTheSameSite() throws {
        let site = try SiteFixture.sample()
        let kept = try site.build()
        XCTAssertNotNil(kept.state)
        let first = SiteFixture.snapshot(site.output)
        var options = site.options()
        options.keepsState = false
        let report = try SiteBuilder.build(options)
        XCTAssertNil(report.state)
        XCTAssertEqual(report.warnings.map(\.description), kept.warnings.map(\.description))
        let second = SiteFixture.snapshot(site.output)
        XCTAssertEqual(Set(second.keys), Set(first.keys))
        for (path, data) in first { XCTAssertEqual(second[path], data, path) }
    }

    func testBuildsEveryPageWithCleanURLs() throws {
        let site = try makeSite()
        let report = try site.build()
        XCTAssertEqual(report.briefings, 4)
        XCTAssertEqual(report.warnings, [])
        for path in [
            "index.html", "404.html", "briefings/index.html", "briefings/2021/city-clusters/index.html",
            "briefings/2024/tiers/index.html", "briefings/2025/rail/index.html", "about/index.html",
            "de/index.html", "de/briefings/index.html", "de/briefings/2021/city-clusters/index.html",
            "assets/style.css", "assets/favicon.svg", "data/clusters.csv", "clusters/index.html",
            "clusters/beibu-gulf/index.html", "de/clusters/index.html", "de/clusters/beibu-gulf/index.html", "de/404.html",
        ] {
            XCTAssertTrue(site.exists(path), "missing \(path)")
        }
        // 4 briefings, a page, and per language: the cluster index and row page (4), home,
        // archive, topic index, topic pages (3), feeds (5), search pages (2), 404 (2); robots.txt.
        // (Search index files are not pages.)
        XCTAssertEqual(report.pagesWritten, 28)
        for path in ["feed.xml", "de/feed.xml", "topics/regional-policy/feed.xml", "sitemap.xml", "robots.txt",
                     "search/index.html", "search/index.json", "search/t/0.json", "search/d/0.json", "topics/index.html", "de/topics/regional-policy/index.html"] {
            XCTAssertTrue(site.exists(path), "missing \(path)")
        }
    }

    func testBriefingPageHasItsParts() throws {
        let site = try makeSite()
        try site.build(edition: .licensee)
        let html = try site.page("briefings/2021/city-clusters/index.html")
        XCTAssertTrue(html.contains("<html lang=\"en\">"))
        XCTAssertTrue(html.contains("<h1>City clusters &lt;script&gt;alert(1)&lt;/script&gt;</h1>"), "titles are escaped")
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(html.contains("<p class=\"kicker\"><a href=\"/topics/regional-policy/\">Regional Policy</a></p>"))
        XCTAssertTrue(html.contains("<time datetime=\"2021-06-15\" data-pagefind-meta=\"date[datetime]\" data-pagefind-sort=\"date[datetime]\">15 June 2021</time>"))
        XCTAssertTrue(html.contains("<span class=\"badge\">Licensed</span>"))
        XCTAssertTrue(html.contains("<li>Point one</li>"))
        XCTAssertTrue(html.contains("<p class=\"standfirst\">Why 19 clusters &amp; what they do.</p>"))
        XCTAssertTrue(html.contains("<h2 id=\"second-part\">Second part</h2>"))
        XCTAssertTrue(html.contains("<nav class=\"toc\" aria-label=\"Contents\" data-pagefind-ignore>"), "three sections get a contents box")
        XCTAssertTrue(html.contains("<li class=\"sub\"><a href=\"#detail\">Detail</a></li>"))
        XCTAssertTrue(html.contains("<li data-pagefind-filter=\"clusters\"><a href=\"/clusters/beibu-gulf/\">Beibu Gulf</a></li>"), "cluster ids link to their pages")
        XCTAssertTrue(html.contains("<a href=\"https://ndrc.example/notice\">NDRC notice</a>"))
        XCTAssertEqual(html.components(separatedBy: "A fictional publisher for tests.").count - 1, 1, "the publisher's blurb appears once, in the footer")
        XCTAssertTrue(html.contains("<a href=\"/briefings/2024/tiers/\">Three tiers</a>"), "related shares topic and cluster")
        XCTAssertTrue(html.contains("<span class=\"edition\">Licensee edition</span>"))
        XCTAssertFalse(html.contains("<a href=\"/briefings/2025/rail/\">Rail</a>"), "Rail shares nothing")
        XCTAssertTrue(html.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/briefings/2021/city-clusters/\">"))
        XCTAssertTrue(html.contains("<a href=\"/de/briefings/2021/city-clusters/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"))

        let short = try site.page("briefings/2025/rail/index.html")
        XCTAssertFalse(short.contains("class=\"toc\""), "a short briefing has no contents box")
        XCTAssertFalse(short.contains("class=\"related\""), "nothing related, no empty box")
    }

    func testGermanEditionInheritsAndIsListedOnlyInGerman() throws {
        let site = try makeSite()
        try site.build()
        let html = try site.page("de/briefings/2021/city-clusters/index.html")
        XCTAssertTrue(html.contains("<html lang=\"de\">"))
        XCTAssertTrue(html.contains("<h1>Stadtcluster</h1>"))
        XCTAssertTrue(html.contains("15. Juni 2021"), "date inherited and formatted in German")
        XCTAssertTrue(html.contains("<span class=\"badge\">Lizenz</span>"), "access inherited, label in German")
        XCTAssertTrue(html.contains("<p class=\"kicker\"><a href=\"/de/topics/regional-policy/\">Regional Policy</a></p>"), "topics inherited")
        XCTAssertTrue(html.contains("Dieser Inhalt ist Lizenznehmern der Vollversion vorbehalten."), "the notice in German")
        XCTAssertTrue(try site.page("de/index.html").contains("Stadtcluster"))
        XCTAssertFalse(try site.page("index.html").contains("Stadtcluster"))
    }

    func testHomeListsNewestFirstWithKeyPoints() throws {
        let site = try makeSite()
        try site.build()
        let home = try site.page("index.html")
        let rail = try XCTUnwrap(home.range(of: "Rail"))
        let tiers = try XCTUnwrap(home.range(of: "Three tiers"))
        let clusters = try XCTUnwrap(home.range(of: "City clusters"))
        XCTAssertTrue(rail.lowerBound < tiers.lowerBound && tiers.lowerBound < clusters.lowerBound)
        XCTAssertTrue(home.contains("<li>Point two</li>"))
        XCTAssertTrue(try site.page("about/index.html").contains("<p>About text.</p>"))
    }

    func testDraftsAreLeftOutUnlessAsked() throws {
        let site = try makeSite()
        try site.write("briefings/2025/draft.md", briefing(title: "Work in progress", extra: "draft: true"))
        try site.build()
        XCTAssertFalse(site.exists("briefings/2025/draft/index.html"))
        XCTAssertFalse(try site.page("index.html").contains("Work in progress"))
        try site.build(drafts: true)
        XCTAssertTrue(site.exists("briefings/2025/draft/index.html"))
    }

    func testSlugReplacesTheLastSegment() throws {
        let site = try makeSite()
        try site.write("briefings/2025/long-file-name.md", briefing(title: "Short", extra: "slug: short"))
        try site.build()
        XCTAssertTrue(site.exists("briefings/2025/short/index.html"))
    }

    func testSubPathBaseURLPrefixesEveryLink() throws {
        let site = try makeSite()
        try site.build(baseURL: "https://example.org/reports/")
        let html = try site.page("briefings/2021/city-clusters/index.html")
        XCTAssertTrue(html.contains("href=\"/reports/assets/style.css\""))
        XCTAssertTrue(html.contains("href=\"/reports/briefings/2024/tiers/\""), "Markdown links too")
        XCTAssertTrue(html.contains("<link rel=\"canonical\" href=\"https://example.org/reports/briefings/2021/city-clusters/\">"))
        let rootLinks = html.matches(of: /(href|src)="\/(?!reports\/)/)
        XCTAssertEqual(rootLinks.count, 0, "no root-relative link escapes the sub-path")
        XCTAssertTrue(try site.page("404.html").contains("href=\"/reports/\""))
    }

    func testSameInputGivesTheSameBytes() throws {
        let site = try makeSite()
        let other = site.root.appendingPathComponent("public2")
        try site.build()
        try site.build(out: other)
        let a = SiteFixture.snapshot(site.output)
        let b = SiteFixture.snapshot(other)
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        XCTAssertGreaterThan(a.count, 10)
        for (path, bytes) in a { XCTAssertEqual(bytes, b[path], path) }
    }

    func testRebuildsReuseTheSpareAndRemoveStalePages() throws {
        let site = try makeSite()
        try site.build()
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("briefings/2025/rail.md"))
        try site.build()
        XCTAssertFalse(site.exists("briefings/2025/rail/index.html"), "stale pages disappear")
        // The third build writes into the first build's output, which still has the removed page.
        try site.build()
        XCTAssertFalse(site.exists("briefings/2025/rail/index.html"))
        XCTAssertFalse(site.exists("briefings/2025"), "emptied folders go too")
        let fresh = site.root.appendingPathComponent("fresh")
        try site.build(out: fresh)
        XCTAssertEqual(SiteFixture.snapshot(site.output), SiteFixture.snapshot(fresh))
        let hidden = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(hidden.filter { $0.contains("staging") }, [], "no staging folder is left")
        XCTAssertTrue(hidden.contains(".public.spare"), "the replaced output is kept for reuse")
    }
}
