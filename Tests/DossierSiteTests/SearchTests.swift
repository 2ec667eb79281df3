@testable import DossierSite
import DossierModel
import DossierSearch
import Foundation
import XCTest

/// A built search index read back as the script reads it: manifest, shards, result metadata.
struct BuiltSearchIndex {
    let manifest: [String: Any]
    /// term → decoded posting groups
    let postings: [String: [SearchIndex.Group]]
    /// result metadata by document number: [title, url, date, summary, licensed]
    let documents: [[Any]]
    /// Every file of the index, relative to its folder.
    let files: [String]

    init(_ folder: URL) throws {
        func json(_ path: String) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(path)))
        }
        manifest = try XCTUnwrap(json("index.json") as? [String: Any])
        var postings: [String: [SearchIndex.Group]] = [:]
        let shards = try XCTUnwrap(manifest["shards"] as? [String])
        for n in shards.indices {
            let shard = try XCTUnwrap(json("t/\(n).json") as? [String: [String]])
            for (term, list) in zip(shard["t"]!, shard["p"]!) { postings[term] = try XCTUnwrap(SearchIndex.decode(list)) }
        }
        self.postings = postings
        let count = try XCTUnwrap(manifest["documents"] as? Int), chunk = try XCTUnwrap(manifest["chunk"] as? Int)
        var documents: [[Any]] = []
        for n in stride(from: 0, to: count, by: chunk) {
            documents += try XCTUnwrap(json("d/\(n / chunk).json") as? [[Any]])
        }
        self.documents = documents
        files = SiteFixture.snapshot(folder).keys.sorted()
    }

    /// Titles of the documents a term finds, best first.
    func titles(_ term: String) -> [String] {
        (postings[term] ?? []).flatMap(\.documents).map { documents[$0][0] as! String }
    }
}

/// The site's own search: index per edition and language, search page, serve updates.
final class SearchTests: XCTestCase {
    func testIndexPerLanguageCoversFrontMatterAndPublicBodies() throws {
        let site = try SiteFixture.sample()
        try site.write("data/clusters.csv", "id,name_en,gdp\nbeibu-gulf,Beibu Gulf,1\n")
        try site.write("briefings/2025/rail.md", briefing(
            title: "Rail", date: "2025-03-18", extra: "topics: [Transport]\nsummary: \"Trains.\"",
            body: "Freight corridors need *zanzibarite* sleepers.\n\n```chart\ntype: bar\ndata: clusters.csv\nx: id\ny: gdp\ntitle: \"Chartonlyword\"\n```\n"))
        try site.write("briefings/2024/tiers.md", briefing(
            title: "Three tiers", date: "2024-05-14", extra: "topics: [Regional Policy]\nclusters: [beibu-gulf]\nkey_points: [\"Rail matters.\"]",
            body: "Rail rail rail, and freight."))
        try site.build()
        let en = try BuiltSearchIndex(site.output.appendingPathComponent("search"))
        XCTAssertEqual(en.manifest["documents"] as? Int, 3)
        XCTAssertEqual(en.manifest["language"] as? String, "en")
        XCTAssertEqual(en.titles("zanzibarite"), ["Rail"], "a word only in a public body")
        XCTAssertEqual(en.titles("chartonlyword"), [], "chart blocks are not body text")
        XCTAssertEqual(en.titles("rail"), ["Rail", "Three tiers"], "the title hit first")
        XCTAssertEqual(en.titles("freight"), ["Rail", "Three tiers"], "equal matches: newest first")
        XCTAssertEqual(en.titles("transport"), ["Rail"], "topics")
        XCTAssertEqual(en.titles("beibu"), ["Three tiers", "City clusters <script>alert(1)</script>"], "cluster names")
        XCTAssertEqual(en.titles("point"), ["City clusters <script>alert(1)</script>"], "key points of a licensed briefing")
        XCTAssertEqual(en.titles("intro"), [], "the licensed body is not in the public edition")
        let rail = try XCTUnwrap(en.documents.first)
        XCTAssertEqual(rail[0] as? String, "Rail")
        XCTAssertEqual(rail[1] as? String, "/briefings/2025/rail/")
        XCTAssertEqual(rail[2] as? String, "18 March 2025")
        XCTAssertEqual(rail[3] as? String, "Trains.")
        XCTAssertEqual(en.documents.map { $0[4] as? Int }, [0, 0, 1])

        let de = try BuiltSearchIndex(site.output.appendingPathComponent("de/search"))
        XCTAssertEqual(de.manifest["documents"] as? Int, 1)
        XCTAssertEqual(de.manifest["fold"] as? [[String]], [["ae", "a"], ["oe", "o"], ["ue", "u"]])
        XCTAssertEqual(de.titles("stadtcluster"), ["Stadtcluster"])
        XCTAssertEqual(de.titles("rail"), [], "each language has its own index")
        XCTAssertEqual(de.titles("deutscher"), [], "a licensed German body stays out of the public edition")
        XCTAssertEqual(de.documents[0][1] as? String, "/de/briefings/2021/city-clusters/", "one /de/, with the base path")
        XCTAssertEqual(de.documents[0][2] as? String, "15. Juni 2021")

        let licensee = site.root.appendingPathComponent("licensee")
        try site.build(out: licensee, edition: .licensee)
        XCTAssertEqual(try BuiltSearchIndex(licensee.appendingPathComponent("search")).titles("intro"),
                       ["City clusters <script>alert(1)</script>"], "licensed bodies in the licensee edition")
        XCTAssertEqual(try BuiltSearchIndex(licensee.appendingPathComponent("de/search")).titles("deutscher"), ["Stadtcluster"])
    }

    func testSearchPageLinksToTheArchiveInsteadOfListingEveryBriefing() throws {
        let site = try SiteFixture.sample()
        try site.build(baseURL: "https://example.org/reports/")
        let page = try site.page("search/index.html")
        XCTAssertTrue(page.contains("<script src=\"/reports/assets/search.js\" defer></script>"))
        XCTAssertTrue(page.contains("data-index=\"/reports/search/index.json\""))
        XCTAssertFalse(page.contains("Three tiers"), "no list of briefings")
        XCTAssertTrue(page.contains("<a href=\"/reports/briefings/\">All briefings</a> · <a href=\"/reports/topics/\">Topics</a>"))
        let german = try site.page("de/search/index.html")
        XCTAssertTrue(german.contains("data-index=\"/reports/de/search/index.json\""))
        XCTAssertTrue(german.contains("<a href=\"/reports/de/briefings/\">Alle Briefings</a> · <a href=\"/reports/de/topics/\">Themen</a>"))
        XCTAssertTrue(german.contains("data-found=\"{count} Briefings gefunden.\""), "German strings for the script")
        let index = try BuiltSearchIndex(site.output.appendingPathComponent("de/search"))
        XCTAssertEqual(index.documents[0][1] as? String, "/reports/de/briefings/2021/city-clusters/")
    }

    func testBriefingPagesAreMarkedUpForPagefind() throws {
        let site = try SiteFixture.sample()
        try site.build(edition: .licensee)
        let html = try site.page("briefings/2021/city-clusters/index.html")
        XCTAssertTrue(html.contains("<article class=\"briefing\" data-pagefind-body>"))
        XCTAssertTrue(html.contains("<time datetime=\"2021-06-15\" data-pagefind-meta=\"date[datetime]\" data-pagefind-sort=\"date[datetime]\">"))
        XCTAssertTrue(html.contains("<a href=\"/topics/regional-policy/\" data-pagefind-filter=\"topic\">Regional Policy</a>"))
        XCTAssertTrue(html.contains("<li data-pagefind-filter=\"clusters\"><a href=\"/clusters/beibu-gulf/\">Beibu Gulf</a></li>"))
        for ignored in ["<header class=\"masthead\" data-pagefind-ignore>", "<footer class=\"site-footer\" data-pagefind-ignore>",
                        "<nav class=\"toc\" aria-label=\"Contents\" data-pagefind-ignore>", "<section class=\"sources\" aria-label=\"Sources\" data-pagefind-ignore>",
                        "<aside class=\"related\" aria-label=\"Related briefings\" data-pagefind-ignore>"] {
            XCTAssertTrue(html.contains(ignored), ignored)
        }
        XCTAssertTrue(try site.page("about/index.html").contains("<article class=\"page\" data-pagefind-body>"))
        try site.build()
        XCTAssertTrue(try site.page("briefings/2021/city-clusters/index.html").contains("<section class=\"licensed-notice\" aria-labelledby=\"licensed-notice-title\" data-pagefind-ignore>"))
        XCTAssertFalse(try site.page("index.html").contains("data-pagefind-body"), "lists are not indexed by Pagefind")
    }

    func testARebuildAfterABodyEditRewritesTheIndex() throws {
        let site = try SiteFixture.sample()
        var state = try site.build().state
        try site.write("briefings/2025/rail.md", briefing(title: "Rail", date: "2025-03-18", extra: "topics: [Transport]", body: "Now about quokkas.\n"))
        state = try SiteBuilder.build(site.options(), previous: state).state
        XCTAssertEqual(try BuiltSearchIndex(site.output.appendingPathComponent("search")).titles("quokkas"), ["Rail"])
        // The second rebuild keeps the first one's entry for the page it does not redo.
        try site.write("briefings/2024/tiers.md", briefing(
            title: "Three tiers", date: "2024-05-14", extra: "topics: [Regional Policy]\nclusters: [beibu-gulf]", body: "Quokkas too.\n"))
        _ = try SiteBuilder.build(site.options(), previous: state)
        _ = try SiteBuilder.build(site.options())
        XCTAssertEqual(try BuiltSearchIndex(site.output.appendingPathComponent("search")).titles("quokkas"), ["Rail", "Three tiers"])
    }
}
