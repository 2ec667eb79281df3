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

    func testGeneralPunctuationSeparatesTermsAsItsFoldedFormWould() {
        // The byte scanner skips U+2000–U+206F without folding it: that is right only while none
        // of them folds to a letter or digit (the script folds first, then splits).
        for value in UInt32(0x2000)...0x206F {
            let folded = SearchText.fold(String(Unicode.Scalar(value)!))
            XCTAssertFalse(folded.unicodeScalars.contains(where: SearchText.isWordScalar), String(value, radix: 16))
        }
        XCTAssertEqual(terms("growth—and “quoted”… ‘words’ a\u{200D}b\u{2009}cd"), ["growth", "and", "quoted", "words", "cd"])
    }

    func testTheQuickFoldAgreesWithTheFullOne() {
        for value in 0xC0...0xFF where value != 0xD7 && value != 0xF7 {
            let text = String(Unicode.Scalar(UInt32(value))!)
            XCTAssertEqual(SearchText.quickFold(text), SearchText.fold(text), String(value, radix: 16))
        }
        for text in ["Größenordnung", "ÜBERGANG", "北部湾", "Café9", "Œuvre"] {
            XCTAssertEqual(SearchText.quickFold(text), text == "Œuvre" ? nil : SearchText.fold(text), text)
        }
        XCTAssertEqual(SearchFolding.german.apply(to: "muenchen"), "munchen")
        XCTAssertEqual(SearchFolding(replacements: [.init("é", "e")]).apply(to: "éte"), "ete", "a rule beyond ASCII")
    }

    func testLongTermsAreCut() {
        let long = String(repeating: "a", count: 60)
        XCTAssertEqual(terms(long), [String(repeating: "a", count: SearchText.maxTermLength)])
    }

    func testEntryCountsOccurrencesAndMarksTitleTerms() {
        let entry = SearchEntry(title: "Rail and roads", texts: ["Rail, rail, RAIL.", "Roads"], folding: .none)
        XCTAssertEqual(entry.terms, ["rail", "and", "roads"], "in the order they first occur")
        XCTAssertEqual(entry.weights, [0x80 | 4, 0x80 | 1, 0x80 | 2])
        let body = SearchEntry(title: "T1", texts: [String(repeating: "word ", count: 300)], folding: .none)
        XCTAssertEqual(body.terms, ["t1", "word"])
        XCTAssertEqual(body.weights, [0x80 | 1, 0x7F], "counts stop at 127")
    }

    func testEntryCountsThousandsOfDistinctTerms() {
        // Past the counter's first table size (grows at 512 terms), with every term twice.
        let words = (0..<3000).map { "w\($0)" }
        let entry = SearchEntry(title: "", texts: [words.joined(separator: " "), words.reversed().joined(separator: " ")], folding: .none)
        XCTAssertEqual(entry.terms, words)
        XCTAssertEqual(Set(entry.weights), [2])
        XCTAssertEqual(SearchEntry(terms: entry.terms, weights: entry.weights), entry, "stored and made alike")
        var seen: [String] = []
        entry.forEachTerm { term, _ in seen.append(term) }
        XCTAssertEqual(seen, words)
    }

    func testTermOrderIsJavaScriptsUTF16Order() {
        // U+FF5E (one UTF-16 unit) against U+20000 (a surrogate pair, D840 DC00).
        let bmp = "\u{FF5E}x", astral = "\u{20000}x"
        XCTAssertTrue(SearchOrder.precedes(astral, bmp), "surrogates sort below U+E000–U+FFFF in UTF-16")
        XCTAssertTrue(bmp < astral, "while Swift's own order puts the scalar U+20000 last")
        // The byte-wise comparison against UTF-16 code units, over every pair of a mixed set.
        let pieces = ["", "a", "ab", "b", "z9", "ä", "äb", "é", "北", "北部", "\u{E000}", "\u{FFFD}", "\u{FFFF}z",
                      "\u{10000}", "\u{20000}a", "\u{1F44D}", "a\u{E000}", "a\u{10000}"]
        let words = pieces.flatMap { p in pieces.map { p + $0 } }
        for x in words {
            for y in words {
                XCTAssertEqual(SearchOrder.precedes(x, y), x.utf16.lexicographicallyPrecedes(y.utf16), "\(x) vs \(y)")
            }
        }
    }
}
