import Foundation

/// How text becomes search terms. `templates/assets/search.js` does exactly the same to the
/// reader's query (`Tests/DossierSearchTests/Golden/tokens.json` holds cases both must agree on):
///
/// 1. Unicode compatibility decomposition (NFKD: ﬁ → fi, ² → 2, full-width → ASCII), lower case,
///    and the combining marks dropped (Mn, Me: ü → u, é → e, ç → c), then recomposed (NFC).
/// 2. Letters that do not decompose are spelled out: ß → ss, æ → ae, œ → oe, ø → o, ł → l,
///    đ/ð → d, þ → th, ı → i, final ς → σ.
/// 3. Terms are runs of letters and digits (Unicode L, N and spacing marks); everything else
///    separates them. A term of one character is dropped unless it is CJK (below).
/// 4. Chinese and Japanese (Han, Hiragana, Katakana) have no spaces between words: a run of them
///    becomes its overlapping character pairs (北部湾 → 北部, 部湾) plus its last character alone
///    (湾), so a query of one character finds, as a prefix, every pair that starts with it, and a
///    query of several characters finds the runs that contain it.
/// 5. A language may fold more: German folds the spellings ae, oe, ue to a, o, u, so that
///    „Muenchen“, „München“ and „Munchen“ are one term (`SearchFolding`).
/// 6. Terms are cut at 40 characters.
public enum SearchText {
    public static let maxTermLength = 40

    /// The terms of a text, in order, repeats kept.
    public static func terms(_ text: String, folding: SearchFolding = .none) -> [String] {
        var terms: [String] = []
        forEachTerm(text, folding: folding) { terms.append($0) }
        return terms
    }

    /// Calls `body` with each term of `text`, in order.
    public static func forEachTerm(_ text: String, folding: SearchFolding, _ body: (String) -> Void) {
        // Plain ASCII (most of an English corpus) skips the Unicode normalisations.
        var run = ""
        var ascii = true
        func flush() {
            if run.isEmpty { return }
            if ascii { emit(run.lowercased(), folding: folding, body) } else { foldedRun(run, folding: folding, body) }
            run = ""
            ascii = true
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                run.unicodeScalars.append(scalar)
                if !scalar.isASCII { ascii = false }
            } else if scalar.isASCII {
                flush()
            } else {
                // Decomposition may turn a non-word character into word characters (①, ㎞):
                // keep it in the run and let the folded run be split again.
                run.unicodeScalars.append(scalar)
                ascii = false
            }
        }
        flush()
    }

    /// The folded form of a string as one piece (no splitting): what the index compares.
    public static func fold(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: break
            }
            if let spelled = spelledOut[scalar] { out.append(contentsOf: spelled.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    static let spelledOut: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ς": "σ",
    ]

    private static func foldedRun(_ run: String, folding: SearchFolding, _ body: (String) -> Void) {
        var piece = String.UnicodeScalarView()
        for scalar in fold(run).unicodeScalars {
            if isWordScalar(scalar) {
                piece.append(scalar)
            } else if !piece.isEmpty {
                emit(String(piece), folding: folding, body)
                piece = String.UnicodeScalarView()
            }
        }
        if !piece.isEmpty { emit(String(piece), folding: folding, body) }
    }

    /// A folded run of word characters: split into CJK and other stretches, then into terms.
    private static func emit(_ word: String, folding: SearchFolding, _ body: (String) -> Void) {
        var other = String.UnicodeScalarView()
        var cjk: [Unicode.Scalar] = []
        func flushOther() {
            if other.isEmpty { return }
            var term = String(other)
            for rule in folding.replacements { term = term.replacingOccurrences(of: rule.from, with: rule.to) }
            let scalars = term.unicodeScalars
            if scalars.count > 1 || (scalars.first.map { $0.value >= 0x3000 } ?? false) {
                body(scalars.count > maxTermLength ? String(String.UnicodeScalarView(scalars.prefix(maxTermLength))) : term)
            }
            other = String.UnicodeScalarView()
        }
        func flushCJK() {
            if cjk.isEmpty { return }
            if cjk.count > 1 {
                for i in 0..<(cjk.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(cjk[i])
                    pair.append(cjk[i + 1])
                    body(String(pair))
                }
            }
            body(String(cjk[cjk.count - 1]))
            cjk = []
        }
        for scalar in word.unicodeScalars {
            if isCJK(scalar) {
                flushOther()
                cjk.append(scalar)
            } else {
                flushCJK()
                other.append(scalar)
            }
        }
        flushOther()
        flushCJK()
    }

    /// Letters, digits and spacing marks (Unicode L, N, Mc): what terms are made of.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .spacingMark:
            return true
        default:
            return false
        }
    }

    /// Han ideographs (with their extensions and compatibility forms), Hiragana and Katakana.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x303B, 0x3040...0x30FF, 0x31F0...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}

/// Folding beyond the universal rules, per language. Written into the index's manifest, so the
/// script applies the same rules to queries without knowing any language.
public struct SearchFolding: Sendable, Equatable, Codable {
    public struct Replacement: Sendable, Equatable, Codable {
        public var from: String
        public var to: String
        public init(_ from: String, _ to: String) { self.from = from; self.to = to }
    }

    /// Applied in order to every non-CJK term, after the universal folding.
    public var replacements: [Replacement]

    public init(replacements: [Replacement]) { self.replacements = replacements }

    public static let none = SearchFolding(replacements: [])

    /// German: ä/ae, ö/oe, ü/ue are one letter each (ß/ss already are, universally).
    public static let german = SearchFolding(replacements: [.init("ae", "a"), .init("oe", "o"), .init("ue", "u")])

    /// The folding of a language code (`de`, `de-CH`, `en`, …).
    public static func forLanguage(_ code: String) -> SearchFolding {
        let primary = code.lowercased().split(separator: "-").first.map(String.init) ?? ""
        return primary == "de" ? .german : .none
    }
}
