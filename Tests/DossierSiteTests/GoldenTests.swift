import DossierModel
import XCTest

/// Whole pages compared byte for byte with reviewed files in `Golden/`.
/// After an intended change to the theme or the renderer, regenerate them with
///     DOSSIER_UPDATE_GOLDEN=1 swift test --filter GoldenTests
/// and review the diff like code.
final class GoldenTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func testPagesMatchGoldenFiles() throws {
        let site = try SiteFixture.sample()
        try site.build()
        let licensee = site.root.appendingPathComponent("licensee")
        try site.build(out: licensee, edition: .licensee)
        for (page, golden, folder) in [
            ("briefings/2021/city-clusters/index.html", "briefing.html", site.output),
            ("briefings/2021/city-clusters/index.html", "briefing.licensee.html", licensee),
            ("de/briefings/2021/city-clusters/index.html", "briefing.de.html", site.output),
            ("index.html", "home.html", site.output),
            ("briefings/index.html", "archive.html", site.output),
            ("topics/regional-policy/index.html", "topic.html", site.output),
            ("feed.xml", "feed.xml", site.output),
            ("sitemap.xml", "sitemap.xml", site.output),
            ("404.html", "404.html", site.output),
        ] {
            try compare(site.page(page, in: folder), golden)
        }
    }

    /// A collection that is not the clusters: its index and a row page, in both languages.
    func testCollectionPagesMatchGoldenFiles() throws {
        let site = try CollectionTests.countriesSite()
        try site.build()
        for (page, golden) in [
            ("economies/index.html", "collection.html"),
            ("economies/jpn/index.html", "collection-item.html"),
            ("de/economies/mng/index.html", "collection-item.de.html"),
        ] {
            try compare(site.page(page), golden)
        }
    }

    func compare(_ actual: String, _ golden: String) throws {
        let update = ProcessInfo.processInfo.environment["DOSSIER_UPDATE_GOLDEN"] == "1"
        let file = Self.folder.appendingPathComponent(golden)
        if update {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        XCTAssertEqual(actual, expected, "differs from Golden/\(golden); if intended, regenerate (see GoldenTests)")
    }
}
