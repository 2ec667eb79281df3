@testable import DossierSearch
import Foundation
import XCTest

/// The search page's script folds queries and decodes postings itself: it must agree with this
/// module. `Golden/vectors.json` holds what Swift makes of a set of texts and posting lists;
/// the browser test (`scripts/test_search.py`) runs the script's own functions on the same
/// inputs and compares. Regenerate after an intended change with
///     DOSSIER_UPDATE_GOLDEN=1 swift test --filter ScriptVectorsTests
final class ScriptVectorsTests: XCTestCase {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/vectors.json")

    static let texts: [(String, String)] = [
        ("Beijing-Tianjin-Hebei: GDP of 10,090 bn (2023)", "en"),
        ("China’s R&D — a “smart” grid_plan", "en"),
        ("München Köln café façade Straße STRASSE Œuvre Ærø Łódź þing", "en"),
        ("ΣΟΦΟΣ σοφος İstanbul ﬁnance ＧＤＰ km² ①②", "en"),
        ("Muenchen München Munchen Goethe Größe Groesse Steuerreform Quelle", "de"),
        ("Muenchen Quelle", "en"),
        ("北部湾城市群 (北部湾) 5G网络 Shenzhen深圳 カタカナ ｶﾀｶﾅ 々", "en"),
        ("서울 도시 한", "en"),
        ("\u{20000}\u{20001} emoji 👍🏽 ok", "en"),
        ("a b c 1 2 xy", "en"),
        (String(repeating: "long", count: 15) + " tail", "en"),
        ("e\u{301}te\u{301} Ǆemal ǅ ﬀ ℌ Ⅻ", "en"),
    ]

    static func vectors() throws -> Data {
        func key(_ rankClass: Int, _ document: Int) -> UInt32 { UInt32(31 - rankClass) << 27 | UInt32(document) }
        let lists: [[UInt32]] = [
            [key(17, 4), key(17, 40_000), key(3, 0), key(3, 1), key(3, 2), key(3, 1_000_000), key(1, 31), key(1, 32)].sorted(),
            (0..<40).map { key(15, $0) },
            [key(31, 99_999)],
        ]
        let object: [String: Any] = [
            "terms": texts.map { text, language -> [String: Any] in
                let folding = SearchFolding.forLanguage(language)
                return ["text": text, "fold": folding.replacements.map { [$0.from, $0.to] },
                        "terms": SearchText.terms(text, folding: folding)]
            },
            "postings": lists.map { keys -> [String: Any] in
                let encoded = SearchIndex.encode(keys)
                return ["encoded": encoded, "groups": SearchIndex.decode(encoded)!.map { [$0.rankClass, $0.documents] as [Any] }]
            },
            "order": ["\u{FF5E}x", "\u{20000}x", "b", "a", "ä", "z"].sorted(by: SearchOrder.precedes),
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    func testVectorsFileIsCurrent() throws {
        let data = try Self.vectors()
        if ProcessInfo.processInfo.environment["DOSSIER_UPDATE_GOLDEN"] == "1" {
            try data.write(to: Self.file)
            return
        }
        let stored = try Data(contentsOf: Self.file)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), String(decoding: stored, as: UTF8.self),
                       "Golden/vectors.json is stale; regenerate it (see ScriptVectorsTests) and run make test")
    }
}
