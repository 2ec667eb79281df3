@testable import DossierSite
import DossierModel
import DossierSearch
import XCTest

final class BuildManifestTests: XCTestCase {
    func testRoundTripKeepsEveryField() throws {
        var result = PageRenderer.Result(files: ["a/index.html", "a/feed.xml"])
        result.sitemap = [.init(route: Route(segments: ["a"])!, lastModified: Day(iso: "2024-02-29")), .init(route: .root, lastModified: nil)]
        result.diagnostics = [.warning("x.md", line: 3, column: 7, "careful"), Diagnostic(.warning, "y.md", "whole file")]
        result.searchEntry = SearchEntry(terms: ["rail", "delta"], weights: [0x81, 2])
        result.hiddenLinks = ["a/index.html": HiddenBody(links: ["/b/", "#x"], ids: ["x", "y"])]
        result.links = ["a/index.html": PageLinks(links: ["/c/", "/c/"], ids: ["main"])]
        var manifest = BuildManifest()
        let record = BuildManifest.Record(
            key: Digest(high: 1, low: .max), stamps: [FileStamp(inode: 9, size: 100, modified: -5, changed: 1 << 62),
                                                      FileStamp(inode: 10, size: 0, modified: 0, changed: 0)], result: result)
        manifest.folders[FolderID(device: 1, inode: 2)] = ["a/index.html": record]
        manifest.folders[FolderID(device: 1, inode: 3)] = ["a/index.html": record, "b/index.html": record]
        let decoded = try BuildManifest.decode(manifest.encode())
        XCTAssertEqual(decoded.folders.count, 2)
        let back = try XCTUnwrap(decoded.folders[FolderID(device: 1, inode: 3)]?["b/index.html"])
        XCTAssertEqual(back.key, record.key)
        XCTAssertEqual(back.stamps, record.stamps)
        XCTAssertEqual(back.result.files, result.files)
        XCTAssertEqual(back.result.sitemap.map(\.route), result.sitemap.map(\.route))
        XCTAssertEqual(back.result.sitemap.map(\.lastModified), result.sitemap.map(\.lastModified))
        XCTAssertEqual(back.result.diagnostics, result.diagnostics)
        XCTAssertEqual(back.result.searchEntry, result.searchEntry)
        XCTAssertEqual(back.result.hiddenLinks["a/index.html"]?.links, ["/b/", "#x"])
        XCTAssertEqual(back.result.hiddenLinks["a/index.html"]?.ids, ["x", "y"])
        XCTAssertEqual(back.result.links, result.links)
    }

    func testNumbersStringsAndDigestsRoundTrip() throws {
        var w = ByteWriter()
        w.int(5); w.string("abc"); w.digest(Digest(high: 1, low: .max)); w.int64(-5); w.int64(1 << 62); w.uint(UInt64.max)
        var r = ByteReader(w.bytes)
        XCTAssertEqual(try r.int(), 5)
        XCTAssertEqual(try r.string(), "abc")
        XCTAssertEqual(try r.digest(), Digest(high: 1, low: .max))
        XCTAssertEqual(try r.int64(), -5)
        XCTAssertEqual(try r.int64(), 1 << 62)
        XCTAssertEqual(try r.uint(), UInt64.max)
        var w2 = ByteWriter()
        w2.result(PageRenderer.Result(files: ["a"]))
        var r2 = ByteReader(w2.bytes)
        XCTAssertEqual(try r2.result().files, ["a"])
    }

    func testADamagedManifestReadsAsEmpty() throws {
        var manifest = BuildManifest()
        manifest.folders[FolderID(device: 1, inode: 2)] = ["x": .init(key: .zero, stamps: [], result: .init(files: ["x"]))]
        var bytes = manifest.encode()
        bytes.removeLast()
        XCTAssertThrowsError(try BuildManifest.decode(bytes))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(bytes).write(to: file)
        XCTAssertTrue(BuildManifest.read(from: file).folders.isEmpty)
    }
}
