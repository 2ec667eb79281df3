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
        let update = ProcessInfo.processInfo.environment["DOSSIER_UPDATE_GOLDEN"] == "1"
        for (page, golden) in [
            ("briefings/2021/city-clusters/index.html", "briefing.html"),
            ("de/briefings/2021/city-clusters/index.html", "briefing.de.html"),
            ("index.html", "home.html"),
            ("briefings/index.html", "archive.html"),
            ("404.html", "404.html"),
        ] {
            let actual = try site.page(page)
            let file = Self.folder.appendingPathComponent(golden)
            if update {
                try actual.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            XCTAssertEqual(actual, expected, "\(page) differs from Golden/\(golden); if intended, regenerate (see GoldenTests)")
        }
    }
}
