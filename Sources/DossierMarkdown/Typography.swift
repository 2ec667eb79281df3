/// Typographic punctuation in a language's own style: quotation marks („…“ and ‚…‘ in German,
/// “…” and ‘…’ in English), apostrophes (’), dashes (`--` –, `---` —) and ellipses (`...` …).
///
/// libcmark's SMART option knows only English quotes, and it cannot tell a quotation mark it made
/// from one an author typed. So for a language with quotes of its own, Markdown is parsed without
/// SMART and its text nodes go through `smarten` instead, which touches only straight quotes:
/// „…“ typed by an author stays as it is.
public enum Typography {
    public struct Quotes: Sendable, Equatable {
        public var openDouble: Character
        public var closeDouble: Character
        public var openSingle: Character
        public var closeSingle: Character
    }

    public static let english = Quotes(openDouble: "\u{201C}", closeDouble: "\u{201D}", openSingle: "\u{2018}", closeSingle: "\u{2019}")

    /// Languages whose quotation marks differ from English ones.
    public static let quotes: [String: Quotes] = [
        "de": Quotes(openDouble: "\u{201E}", closeDouble: "\u{201C}", openSingle: "\u{201A}", closeSingle: "\u{2018}"),
    ]

    /// The quotes of a language code (`de`, `de-AT`), English ones for any other.
    public static func quotes(for language: String) -> Quotes {
        quotes[String(language.prefix { $0 != "-" && $0 != "_" }).lowercased()] ?? english
    }

    /// Whether libcmark's English SMART option is right for the language.
    public static func cmarkSmartFits(_ language: String) -> Bool { quotes(for: language) == english }

    public static let apostrophe: Character = "\u{2019}"

    /// Plain text (a title, a key point) with typographic punctuation.
    public static func smarten(_ text: String, language: String) -> String {
        // Every mark it changes is ASCII: most titles and summaries have none and stay as they are.
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0x27 || $0 == 0x2D || $0 == 0x2E }) else { return text }
        if let scalars = singleScalarCharacters(text) { return smarten(scalars: scalars, quotes: quotes(for: language)) }
        return smartenCharacters(text, quotes: quotes(for: language))
    }

    /// The Character-based form, for any text (titles with combining marks, emoji sequences).
    static func smartenCharacters(_ text: String, quotes: Quotes) -> String {
        let characters = Array(text)
        var out = smarten(characters, segments: [0..<characters.count], quotes: quotes)
        return out.removeFirst()
    }

    /// The scalars of `text` when each is a whole Character whatever stands beside it (so that
    /// working on scalars gives what working on Characters gives), or nil. Splitting a text into
    /// Characters was most of the cost of smartening every title, summary and key point.
    /// Scripts the ranges below leave out (and CR, which joins a following LF) take the
    /// Character path.
    static func singleScalarCharacters(_ text: String) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard isSingleScalarCharacter(scalar) else { return nil }
            scalars.append(scalar)
        }
        return scalars
    }

    /// Scalars whose grapheme break property is Other or Control (not CR): never joined to a
    /// neighbour (no combining marks, joiners, Hangul jamo, regional indicators or prepends).
    static func isSingleScalarCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0D: return false
        case 0x00...0x2FF,  // ASCII, Latin-1, Latin Extended A and B, IPA, spacing modifiers
             0x2010...0x2027, 0x2030...0x205E,  // general punctuation (no joiners or marks)
             0x20A0...0x20BF,  // currency
             0x3000...0x3029, 0x3040...0x3098, 0x309B...0x30FF,  // CJK punctuation, kana
             0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ideographs
             0xFF01...0xFF9D:  // full-width forms, half-width katakana
            return true
        default:
            return false
        }
    }

    /// `smarten(_:segments:quotes:)` for one segment of single-scalar Characters: a Character's
    /// `isWhitespace`, `isLetter` and `isNumber` are its only scalar's properties.
    static func smarten(scalars characters: [Unicode.Scalar], quotes: Quotes) -> String {
        func isWhitespace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
        func isNumber(_ c: Unicode.Scalar) -> Bool { c.properties.numericType != nil }
        func scalar(_ c: Character) -> Unicode.Scalar { c.unicodeScalars.first! }
        let openDouble = scalar(quotes.openDouble), closeDouble = scalar(quotes.closeDouble)
        let openSingle = scalar(quotes.openSingle), closeSingle = scalar(quotes.closeSingle)
        let apostrophe = scalar(Self.apostrophe)
        var singleOpen = false
        func isOpening(_ i: Int) -> Bool {
            guard i + 1 < characters.count, !isWhitespace(characters[i + 1]) else { return false }
            guard i > 0 else { return true }
            let before = characters[i - 1]
            switch before {
            case "(", "[", "{", "\u{2013}", "\u{2014}", "-", "/", "\u{201E}", "\u{201A}", "\u{201C}", "\u{2018}": return true
            default: return isWhitespace(before)
            }
        }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < characters.count {
            let c = characters[i]
            switch c {
            case "\"":
                out.append(isOpening(i) ? openDouble : closeDouble)
            case "'":
                let before: Unicode.Scalar? = i > 0 ? characters[i - 1] : nil
                let after: Unicode.Scalar? = i + 1 < characters.count ? characters[i + 1] : nil
                if let before, isLetter(before) || isNumber(before), let after, isLetter(after) {
                    out.append(apostrophe)
                } else if isOpening(i) {
                    out.append(openSingle)
                    singleOpen = true
                } else if singleOpen {
                    out.append(closeSingle)
                    singleOpen = false
                } else {
                    out.append(apostrophe)
                }
            case "-":
                var n = 0
                while i + n < characters.count && characters[i + n] == "-" { n += 1 }
                out.append(contentsOf: dashes(n).unicodeScalars)
                i += n
                continue
            case "." where i + 2 < characters.count && characters[i + 1] == "." && characters[i + 2] == ".":
                out.append("\u{2026}")
                i += 3
                continue
            default:
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    /// Smartens `segments` of `characters` (the text nodes of one paragraph), each on its own, but
    /// judging each quote by the characters around it in the whole paragraph: a quote before an
    /// emphasis opens, one after a link closes.
    static func smarten(_ characters: [Character], segments: [Range<Int>], quotes: Quotes) -> [String] {
        var singleOpen = false
        /// Opens when something follows it and it stands at the start, after a space or after an opening mark.
        func isOpening(_ i: Int) -> Bool {
            guard i + 1 < characters.count, !characters[i + 1].isWhitespace else { return false }
            guard i > 0 else { return true }
            let before = characters[i - 1]
            return before.isWhitespace || "([{\u{2013}\u{2014}-/\u{201E}\u{201A}\u{201C}\u{2018}".contains(before)
        }
        return segments.map { range in
            var out = ""
            var i = range.lowerBound
            while i < range.upperBound {
                let c = characters[i]
                switch c {
                case "\"":
                    out.append(isOpening(i) ? quotes.openDouble : quotes.closeDouble)
                case "'":
                    let before: Character? = i > 0 ? characters[i - 1] : nil
                    let after: Character? = i + 1 < characters.count ? characters[i + 1] : nil
                    if let before, before.isLetter || before.isNumber, let after, after.isLetter {
                        out.append(apostrophe)  // Peking's, geht's
                    } else if isOpening(i) {
                        out.append(quotes.openSingle)
                        singleOpen = true
                    } else if singleOpen {
                        out.append(quotes.closeSingle)
                        singleOpen = false
                    } else {
                        out.append(apostrophe)  // the '90s, Xi'an
                    }
                case "-":
                    var n = 0
                    while i + n < range.upperBound && characters[i + n] == "-" { n += 1 }
                    out += dashes(n)
                    i += n
                    continue
                case "." where i + 2 < range.upperBound && characters[i + 1] == "." && characters[i + 2] == ".":
                    out.append("\u{2026}")
                    i += 3
                    continue
                default:
                    out.append(c)
                }
                i += 1
            }
            return out
        }
    }

    /// A run of hyphens as libcmark's SMART writes it: `-` stays, `--` –, `---` —, longer runs
    /// as em dashes, en dashes or a mix of both, as evenly as they go.
    static func dashes(_ n: Int) -> String {
        if n == 1 { return "-" }
        let em = "\u{2014}", en = "\u{2013}"
        if n % 3 == 0 { return String(repeating: em, count: n / 3) }
        if n % 2 == 0 { return String(repeating: en, count: n / 2) }
        if n % 3 == 2 { return String(repeating: em, count: n / 3) + en }
        return String(repeating: em, count: (n - 4) / 3) + en + en
    }
}
