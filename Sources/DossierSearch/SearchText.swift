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
        forEachTermBytes(text, folding: folding) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with the UTF-8 bytes of each term of `text`, in order (valid only during the call).
    ///
    /// Works on UTF-8 bytes: a run of ASCII letters and digits (most of an English text) is
    /// lower-cased in place and never meets Unicode normalisation; a run that holds any other
    /// byte goes through `fold` (or `quickFold`) and is split again.
    public static func forEachTermBytes(_ text: String, folding: SearchFolding, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        let asciiRules = folding.hasASCIIRules
        let rules = folding.replacements.map { (Array($0.from.utf8), Array($0.to.utf8)) }
        func stringBody(_ term: String) {
            var term = term
            term.withUTF8 { body($0) }
        }
        text.withUTF8 { bytes in
            var run: [UInt8] = []
            run.reserveCapacity(64)
            var ascii = true
            func flush() {
                if run.isEmpty { return }
                if ascii && asciiRules {
                    for (from, to) in rules { replace(from, with: to, in: &run) }
                    if run.count > 1 { run.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0.prefix(maxTermLength))) } }
                } else if ascii {
                    emit(String(decoding: run, as: UTF8.self), folding: folding, stringBody)
                } else {
                    foldedRun(String(decoding: run, as: UTF8.self), folding: folding, stringBody)
                }
                run.removeAll(keepingCapacity: true)
                ascii = true
            }
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case 0x30...0x39, 0x61...0x7A: run.append(byte)
                case 0x41...0x5A: run.append(byte | 0x20)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] & 0xFE == 0x80:
                    // General Punctuation (U+2000–U+206F: dashes, curly quotes, spaces, ellipsis)
                    // separates terms, folded or not: no need to take the slow path for China’s.
                    flush()
                    i += 2
                case 0x80...: run.append(byte); ascii = false
                default: flush()  // ASCII that is neither letter nor digit
                }
                i += 1
            }
            flush()
        }
    }

    /// Replaces every occurrence of `from` in `bytes` from left to right (as `replacingOccurrences`).
    static func replace(_ from: [UInt8], with to: [UInt8], in bytes: inout [UInt8]) {
        guard !from.isEmpty, bytes.count >= from.count, bytes.contains(from[0]) else { return }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == from[0] && i + from.count <= bytes.count && bytes[i..<(i + from.count)].elementsEqual(from) {
                out.append(contentsOf: to)
                i += from.count
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        if changed { bytes = out }
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

    /// Folded Latin-1 letters (U+00C0–U+00FF but × and ÷), as `fold` makes them; a test holds
    /// the two together.
    static let latin1: [String] = (0xC0...0xFF).map { value in
        let scalar = Unicode.Scalar(UInt32(value))!
        return value == 0xD7 || value == 0xF7 ? "" : fold(String(scalar))
    }

    /// `fold` for runs of only ASCII letters and digits, Latin-1 letters and common Han
    /// ideographs (a German or Chinese word), without Unicode normalisation; nil for anything else.
    static func quickFold(_ run: String) -> String? {
        var out = ""
        out.reserveCapacity(run.utf8.count + 4)
        for scalar in run.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A: out.unicodeScalars.append(scalar)
            case 0x41...0x5A: out.unicodeScalars.append(Unicode.Scalar(scalar.value | 0x20)!)
            case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF: out += latin1[Int(scalar.value) - 0xC0]
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: out.unicodeScalars.append(scalar)
            default: return nil
            }
        }
        return out
    }

    private static func foldedRun(_ run: String, folding: SearchFolding, _ body: (String) -> Void) {
        if let quick = quickFold(run) {
            emit(quick, folding: folding, body)
            return
        }
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
            if !folding.replacements.isEmpty { term = folding.apply(to: term) }
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

    /// Whether every replacement is ASCII, so that it can be made on UTF-8 bytes as they are
    /// (ASCII never occurs inside a longer UTF-8 sequence).
    var hasASCIIRules: Bool {
        replacements.allSatisfy { $0.from.utf8.allSatisfy { $0 < 0x80 } && $0.to.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The replacements applied to a term, in order, each from left to right.
    func apply(to term: String) -> String {
        guard hasASCIIRules else {
            return replacements.reduce(term) { $0.replacingOccurrences(of: $1.from, with: $1.to) }
        }
        var bytes = Array(term.utf8)
        for rule in replacements { SearchText.replace(Array(rule.from.utf8), with: Array(rule.to.utf8), in: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

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
