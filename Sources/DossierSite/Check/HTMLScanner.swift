import Foundation

/// What `check` reads of one HTML file: the values of its `href="…"` and `src="…"` attributes
/// as written (entities and all, in order, repeats kept) and its `id="…"` values (entities
/// decoded). A plain value, so that it can be kept with the output file it was read from.
struct PageLinks: Sendable, Equatable {
    var links: [String] = []
    var ids: Set<String> = []
}

/// Finds links and ids in HTML bytes without decoding the page into a `String`.
///
/// It reads exactly what `check` always read (formerly two regular expressions,
/// `\s(?:href|src)="([^"]*)"` and `\sid="([^"]*)"`, each applied on its own): an attribute name
/// in lower case, right after a whitespace character (any Unicode `White_Space` character, as
/// `\s`), then `="`, and a value up to the next `"`. Single-quoted and unquoted values, `srcset`,
/// `data-src` and `xlink:href` are not read; the scanner does not know about elements, so an
/// attribute-like text inside `<script>` or `<pre>` counts as well. Matches of one kind do not
/// overlap: a link's value hides whatever link-like text it contains, but not an id (the two
/// expressions ran separately).
///
/// One pass over the page with `memchr` for `=`; only matched values become strings.
enum HTMLScanner {
    static func scan(_ bytes: [UInt8]) -> PageLinks {
        bytes.withUnsafeBytes { scan($0) }
    }

    static func scan(_ html: String) -> PageLinks {
        var html = html
        return html.withUTF8 { scan(UnsafeRawBufferPointer($0)) }
    }

    private static let quote = UInt8(ascii: "\"")

    static func scan(_ buffer: UnsafeRawBufferPointer) -> PageLinks {
        var page = PageLinks()
        guard let base = buffer.baseAddress, buffer.count > 0 else { return page }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = buffer.count
        // Where the last match of each kind ended: the next one of that kind starts there or later.
        var linksEnd = 0, idsEnd = 0
        var i = 0
        while i < n, let hit = memchr(p + i, Int32(UInt8(ascii: "=")), n - i) {
            let equals = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            i = equals + 1
            guard equals + 1 < n, equals >= 3, isQuote(at: equals + 1, p, count: n) else { continue }
            let isLink: Bool
            let name: Int
            switch p[equals - 1] {
            case UInt8(ascii: "f") where equals >= 5 && p[equals - 4] == UInt8(ascii: "h") && p[equals - 3] == UInt8(ascii: "r")
                && p[equals - 2] == UInt8(ascii: "e"):
                isLink = true
                name = equals - 4
            case UInt8(ascii: "c") where p[equals - 3] == UInt8(ascii: "s") && p[equals - 2] == UInt8(ascii: "r"):
                isLink = true
                name = equals - 3
            case UInt8(ascii: "d") where p[equals - 2] == UInt8(ascii: "i"):
                isLink = false
                name = equals - 2
            default:
                continue
            }
            guard let space = whitespaceStart(before: name, p), space >= (isLink ? linksEnd : idsEnd) else { continue }
            let start = equals + 2
            var end = n, from = start
            while from < n, let close = memchr(p + from, Int32(quote), n - from) {
                let at = p.distance(to: close.assumingMemoryBound(to: UInt8.self))
                if isQuote(at: at, p, count: n) {
                    end = at
                    break
                }
                from = at + 1
            }
            // No closing quote: neither kind can match anywhere after this.
            guard end < n else { break }
            let value = UnsafeBufferPointer(start: p + start, count: end - start)
            if isLink {
                page.links.append(String(decoding: value, as: UTF8.self))
                linksEnd = end + 1
            } else {
                page.ids.insert(unescape(value))
                idsEnd = end + 1
            }
        }
        return page
    }

    /// Where the whitespace character that ends right before `i` starts, if there is one. As
    /// `\s` read it, a character is a grapheme cluster whose first scalar has the Unicode
    /// `White_Space` property (a space with a combining mark is one). ASCII around it, as in
    /// nearly every page, is decided on the bytes; else the bytes before are decoded.
    static func whitespaceStart(before i: Int, _ p: UnsafePointer<UInt8>) -> Int? {
        guard i >= 1 else { return nil }
        let last = p[i - 1]
        if last < 0x80 {
            guard last == 0x20 || (last >= 0x09 && last <= 0x0D) else { return nil }  // ends no longer cluster
            if i == 1 || p[i - 2] < 0x80 { return i - 1 }
        }
        // Up to 256 bytes back, from the start of a scalar.
        var start = max(0, i - 256)
        while start < i && p[start] & 0xC0 == 0x80 { start += 1 }
        let before = String(decoding: UnsafeBufferPointer(start: p + start, count: i + 1 - start), as: UTF8.self)
        guard let name = before.last, name.unicodeScalars.count == 1,
              let space = before.dropLast().last, space.unicodeScalars.first!.properties.isWhitespace else { return nil }
        return i - space.utf8.count
    }

    /// Whether the `"` at `i` is a character of its own: nothing after it (a combining mark)
    /// joins it into a larger grapheme cluster.
    static func isQuote(at i: Int, _ p: UnsafePointer<UInt8>, count n: Int) -> Bool {
        guard p[i] == quote else { return false }
        guard i + 1 < n, p[i + 1] >= 0x80 else { return true }
        let text = String(decoding: UnsafeBufferPointer(start: p + i, count: min(n - i, 16)), as: UTF8.self)
        return text.first == "\""
    }

    /// Decodes `&quot;`, `&#39;`, `&lt;`, `&gt;` and `&amp;` (what Dossier's templates and
    /// Markdown write in attributes), in one pass: `&amp;lt;` is `&lt;`. A value with an entity
    /// and other than ASCII text is decoded as `String`s are searched, by grapheme cluster
    /// (`&amp;` with a combining mark after it is not the entity).
    static func unescape(_ value: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = value.baseAddress, memchr(base, Int32(UInt8(ascii: "&")), value.count) != nil else {
            return String(decoding: value, as: UTF8.self)
        }
        if value.contains(where: { $0 >= 0x80 }) {
            return String(decoding: value, as: UTF8.self)
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = 0
        let n = value.count
        func follows(_ entity: StaticString) -> Bool {
            let length = entity.utf8CodeUnitCount
            guard i + length <= n else { return false }
            let e = entity.utf8Start
            for k in 1..<length where value[i + k] != e[k] { return false }
            return true
        }
        while i < n {
            let byte = value[i]
            if byte == UInt8(ascii: "&") {
                if follows("&quot;") { out.append(UInt8(ascii: "\"")); i += 6; continue }
                if follows("&#39;") { out.append(UInt8(ascii: "'")); i += 5; continue }
                if follows("&lt;") { out.append(UInt8(ascii: "<")); i += 4; continue }
                if follows("&gt;") { out.append(UInt8(ascii: ">")); i += 4; continue }
                if follows("&amp;") { out.append(UInt8(ascii: "&")); i += 5; continue }
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func unescape(_ s: String) -> String {
        var s = s
        return s.withUTF8 { unescape($0) }
    }
}
