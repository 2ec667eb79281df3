@testable import DossierSearch
import XCTest

final class SearchTextTests: XCTestCase {
    func terms(_ text: String, _ language: String = "en") -> [String] {
        SearchText.terms(text, folding: .forLanguage(language))
    }

    func testLowerCasesAndSplitsOnWhatIsNotALetterOrDigit() {
        XCTAssertEqual(terms("Beijing-Tianjin-Hebei: GDP of 10,090 bn (2023)"),
                       ["beijing", "tianjin", "hebei", "gdp", "of", "10", "090", "bn", "2023"])
        XCTAssertEqual(terms("China’s R&D — a “smart” grid_plan"), ["china", "smart", "grid", "plan"], "one-letter terms are dropped")
    }

    func testDiacriticsAndLettersThatDoNotDecomposeAreFolded() {
        XCTAssertEqual(terms("München Köln café façade"), ["munchen", "koln", "cafe", "facade"])
        XCTAssertEqual(terms("Straße STRASSE Œuvre Ærø Łódź þing"), ["strasse", "strasse", "oeuvre", "aero", "lodz", "thing"])
        XCTAssertEqual(terms("ΣΟΦΟΣ σοφος"), ["σοφοσ", "σοφοσ"], "final sigma folds to sigma")
        XCTAssertEqual(terms("ﬁnance ＧＤＰ km²"), ["finance", "gdp", "km2"], "compatibility forms")
        XCTAssertEqual(terms("İstanbul"), ["istanbul"])
    }

    func testGermanFoldsTheSpelledOutUmlauts() {
        XCTAssertEqual(terms("Muenchen München Munchen", "de"), ["munchen", "munchen", "munchen"])
        XCTAssertEqual(terms("Goethe Größe Groesse", "de"), ["gothe", "grosse", "grosse"])
        XCTAssertEqual(terms("Muenchen", "en"), ["muenchen"], "only in German")
        XCTAssertEqual(SearchFolding.forLanguage("de-CH"), .german)
        // What a reader types on the way to a word is a prefix of its folded form.
        let word = terms("Steuerreform", "de")[0]
        for typed in ["St", "Ste", "Steu", "Steue", "Steuer", "Steuerr"] {
            XCTAssertTrue(word.hasPrefix(terms(typed, "de")[0]), typed)
        }
    }

    func testCJKRunsBecomePairsAndTheirLastCharacter() {
        XCTAssertEqual(terms("北部湾城市群"), ["北部", "部湾", "湾城", "城市", "市群", "群"])
        XCTAssertEqual(terms("湾"), ["湾"], "one character is a term")
        XCTAssertEqual(terms("5G网络 Shenzhen深圳"), ["5g", "网络", "络", "shenzhen", "深圳", "圳"])
        XCTAssertEqual(terms("カタカナ"), ["カタ", "タカ", "カナ", "ナ"])
        XCTAssertEqual(terms("ｶﾀｶﾅ"), ["カタ", "タカ", "カナ", "ナ"], "half-width katakana")
        XCTAssertEqual(terms("서울 도시"), ["서울", "도시"], "Hangul is spaced: words, recomposed")
    }

    func testLongTermsAreCut() {
        let long = String(repeating: "a", count: 60)
        XCTAssertEqual(terms(long), [String(repeating: "a", count: SearchText.maxTermLength)])
    }

    func testEntryCountsOccurrencesAndMarksTitleTerms() {
        let entry = SearchEntry(title: "Rail and roads", texts: ["Rail, rail, RAIL.", "Roads"], folding: .none)
        XCTAssertEqual(entry.terms, ["and", "rail", "roads"])
        XCTAssertEqual(entry.weights, [0x80 | 1, 0x80 | 4, 0x80 | 2])
        let body = SearchEntry(title: "T1", texts: [String(repeating: "word ", count: 300)], folding: .none)
        XCTAssertEqual(body.terms, ["t1", "word"])
        XCTAssertEqual(body.weights, [0x80 | 1, 0x7F], "counts stop at 127")
    }

    func testTermOrderIsJavaScriptsUTF16Order() {
        // U+FF5E (one UTF-16 unit) against U+20000 (a surrogate pair, D840 DC00).
        let bmp = "\u{FF5E}x", astral = "\u{20000}x"
        XCTAssertTrue(SearchOrder.precedes(astral, bmp), "surrogates sort below U+E000–U+FFFF in UTF-16")
        XCTAssertTrue(bmp < astral, "while Swift's own order puts the scalar U+20000 last")
    }
}
