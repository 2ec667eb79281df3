@testable import DossierSearch
import Foundation
import XCTest

final class SearchIndexTests: XCTestCase {
    func document(_ i: Int) -> SearchDocument {
        SearchDocument(title: "Doc \(i)", url: "/d/\(i)/", date: "\(i) May", summary: "About \"\(i)\"", licensed: i % 2 == 1)
    }

    func entry(_ title: String, _ body: String) -> SearchEntry {
        SearchEntry(title: title, texts: [body], folding: .none)
    }

    func files(_ built: [SearchFile]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: built.map { ($0.path, $0.contents) })
    }

    func json(_ text: String?) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(XCTUnwrap(text).utf8))
    }

    /// term → postings, read back from the shard files through the manifest.
    func postings(_ built: [String: String]) throws -> [String: String] {
        let manifest = try json(built["index.json"]) as! [String: Any]
        var all: [String: String] = [:]
        for n in (manifest["shards"] as! [String]).indices {
            let shard = try json(built["t/\(n).json"]) as! [String: [String]]
            for (term, list) in zip(shard["t"]!, shard["p"]!) { all[term] = list }
        }
        return all
    }

    func testPostingsRoundTripThroughTheVLQEncoding() {
        // Keys as the builder makes them: (31 - class) << 27 | document, sorted.
        func key(_ rankClass: Int, _ document: Int) -> UInt32 { UInt32(31 - rankClass) << 27 | UInt32(document) }
        let keys = [key(17, 4), key(17, 40_000), key(3, 0), key(3, 1), key(3, 2), key(3, 1_000_000), key(1, 31), key(1, 32)].sorted()
        let encoded = SearchIndex.encode(keys)
        XCTAssertEqual(SearchIndex.decode(encoded), [
            .init(rankClass: 17, documents: [4, 40_000]),
            .init(rankClass: 3, documents: [0, 1, 2, 1_000_000]),
            .init(rankClass: 1, documents: [31, 32]),
        ])
        // Consecutive documents are one digit each: a word in every document is a run of "A".
        XCTAssertEqual(SearchIndex.encode((0..<5).map { key(2, $0) }), "CF" + "AAAAA")
        XCTAssertNil(SearchIndex.decode("C"), "a group without its length")
        XCTAssertNil(SearchIndex.decode("g"), "a digit that promises another")
        XCTAssertNil(SearchIndex.decode("C*"))
    }

    func testRankClassesOrderTitleHitsThenMatchesThenDate() throws {
        // Documents 0 (newest) … 3 (oldest).
        let entries = [
            entry("Budget", "rail"),                     // rail once
            entry("Rail reform", "budget"),              // rail in the title
            entry("Ports", "rail rail rail"),            // rail three times
            entry("Roads", "rail"),                      // rail once, older than 0
        ]
        let built = files(SearchIndex.build(documents: (0..<4).map(document), entries: entries, folding: .none, language: "en"))
        let groups = try XCTUnwrap(SearchIndex.decode(try XCTUnwrap(postings(built)["rail"])))
        XCTAssertEqual(groups.flatMap(\.documents), [1, 2, 0, 3], "title hit, then most matches, then newest")
        XCTAssertEqual(groups.map(\.inTitle), [true, false, false])
        XCTAssertEqual(groups.map(\.matchClass), [1, 3, 1], "match classes: once 1, three times 3")
    }

    func testMatchesRankOnALogScale() throws {
        XCTAssertEqual([1, 2, 3, 4, 5, 8, 9, 127].map(SearchIndex.matchClass), [1, 2, 3, 3, 4, 4, 5, 5])
        let entries = [entry("A1", String(repeating: "rail ", count: 40)), entry("B1", String(repeating: "rail ", count: 9)),
                       entry("C1", "rail rail rail rail"), entry("D1", "rail rail rail")]
        let built = files(SearchIndex.build(documents: (0..<4).map(document), entries: entries, folding: .none, language: "en"))
        XCTAssertEqual(SearchIndex.decode(try postings(built)["rail"]!), [
            .init(rankClass: 5, documents: [0, 1]), .init(rankClass: 3, documents: [2, 3]),
        ])
    }

    func testShardsSplitTheSortedTermsIntoRangesTheManifestFinds() throws {
        var entries: [SearchEntry] = []
        for i in 0..<200 {
            entries.append(entry("Title \(i)", "common words w\(i) x\(i % 7) zz\(i % 13) prefix\(i)"))
        }
        let layout = SearchIndexLayout(shardBytes: 400)
        let built = files(SearchIndex.build(documents: (0..<200).map(document), entries: entries, folding: .none, language: "en", layout: layout))
        let manifest = try json(built["index.json"]) as! [String: Any]
        let firsts = manifest["shards"] as! [String]
        XCTAssertGreaterThan(firsts.count, 10)
        XCTAssertEqual(firsts, firsts.sorted(by: SearchOrder.precedes))
        var seen: [String] = []
        for (n, first) in firsts.enumerated() {
            let shard = try json(built["t/\(n).json"]) as! [String: [String]]
            XCTAssertEqual(shard["t"]!.first, first)
            XCTAssertEqual(shard["t"]!.count, shard["p"]!.count)
            if n + 1 < firsts.count { XCTAssertTrue(shard["t"]!.allSatisfy { SearchOrder.precedes($0, firsts[n + 1]) }) }
            let size = zip(shard["t"]!, shard["p"]!).reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 6 }
            XCTAssertTrue(size <= 400 || shard["t"]!.count == 1, "shard \(n) is \(size) bytes")
            seen += shard["t"]!
        }
        XCTAssertEqual(seen, seen.sorted(by: SearchOrder.precedes))
        XCTAssertEqual(Set(seen).count, seen.count, "each term in one shard")
        XCTAssertEqual(Set(seen), Set(entries.flatMap(\.terms)))
        XCTAssertEqual(try postings(built)["common"].flatMap(SearchIndex.decode)?.flatMap(\.documents), Array(0..<200))
    }

    func testResultMetadataComesInChunks() throws {
        let built = files(SearchIndex.build(
            documents: (0..<35).map(document), entries: (0..<35).map { entry("T\($0)", "") }, folding: .none, language: "en"))
        XCTAssertEqual(built.keys.filter { $0.hasPrefix("d/") }.sorted(), ["d/0.json", "d/1.json", "d/2.json"])
        let last = try json(built["d/2.json"]) as! [[Any]]
        XCTAssertEqual(last.count, 3)
        XCTAssertEqual(last[0][0] as? String, "Doc 32")
        XCTAssertEqual(last[0][1] as? String, "/d/32/")
        XCTAssertEqual(last[0][3] as? String, "About \"32\"")
        XCTAssertEqual(last[0][4] as? Int, 0)
        XCTAssertEqual(last[1][4] as? Int, 1)
        let manifest = try json(built["index.json"]) as! [String: Any]
        XCTAssertEqual(manifest["documents"] as? Int, 35)
        XCTAssertEqual(manifest["chunk"] as? Int, 16)
        XCTAssertEqual(manifest["language"] as? String, "en")
        XCTAssertEqual(manifest["format"] as? Int, 1)
    }

    func testManifestCarriesTheLanguagesFoldingAndAVersionThatFollowsTheContent() throws {
        let docs = (0..<2).map(document)
        let one = SearchIndex.build(documents: docs, entries: [entry("A1", "x1"), entry("B1", "y1")], folding: .german, language: "de")
        XCTAssertEqual(one, SearchIndex.build(documents: docs, entries: [entry("A1", "x1"), entry("B1", "y1")], folding: .german, language: "de"),
                       "the same input gives the same bytes")
        let manifest = try json(files(one)["index.json"]) as! [String: Any]
        XCTAssertEqual(manifest["fold"] as? [[String]], [["ae", "a"], ["oe", "o"], ["ue", "u"]])
        let other = SearchIndex.build(documents: docs, entries: [entry("A1", "x1"), entry("B1", "y2")], folding: .german, language: "de")
        let version = { (files: [SearchFile]) in (try self.json(self.files(files)["index.json"]) as! [String: Any])["version"] as! String }
        XCTAssertNotEqual(try version(one), try version(other))
    }

    func testAnEmptyIndexHasAManifestOnly() throws {
        let built = SearchIndex.build(documents: [], entries: [], folding: .none, language: "en")
        XCTAssertEqual(built.map(\.path), ["index.json"])
        XCTAssertEqual((try json(built[0].contents) as! [String: Any])["shards"] as? [String], [])
    }
}
