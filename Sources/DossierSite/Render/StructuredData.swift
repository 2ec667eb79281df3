/// JSON built as data, written in a fixed key order and safe inside a `<script>` element: no
/// `<`, `>` or `&` survives as itself (so neither `</script>` nor `<!--` can end or confuse the
/// script), and U+2028/U+2029 are escaped for old JavaScript parsers.
indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    /// Keys in the order given: the same data always gives the same bytes.
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized == b.serialized }

    /// An object from pairs whose value may be absent (nil pairs are left out).
    static func object(_ pairs: (String, JSONValue?)...) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    static func string(_ text: String?) -> JSONValue? { text.map { .string($0) } }

    var serialized: String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Byte by byte: what needs no escape is copied in runs. Every escaped character but
    /// U+2028 and U+2029 (E2 80 A8/A9) is ASCII, so no multi-byte sequence is split.
    private static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var run = 0
            var i = 0
            func flush(_ end: Int) {
                if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) }
            }
            while i < bytes.count {
                let b = bytes[i]
                let escape: String?
                var length = 1
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case UInt8(ascii: "<"): escape = "\\u003c"
                case UInt8(ascii: ">"): escape = "\\u003e"
                case UInt8(ascii: "&"): escape = "\\u0026"
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                case 0..<0x20:
                    let hex = String(b, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default:
                    escape = nil
                }
                if let escape {
                    flush(i)
                    out += escape.utf8
                    i += length
                    run = i
                } else {
                    i += 1
                }
            }
            flush(bytes.count)
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// schema.org descriptions of pages, as JSON-LD (one `@graph` per page).
enum LinkedData {
    static let context = "https://schema.org"

    /// The script body for a page: its nodes in one graph, or nil when there are none.
    static func document(_ nodes: [JSONValue]) -> String? {
        guard !nodes.isEmpty else { return nil }
        return JSONValue.object([("@context", .string(context)), ("@graph", .array(nodes))]).serialized
    }

    static func organization(name: String, url: String) -> JSONValue {
        .object([("@type", .string("Organization")), ("name", .string(name)), ("url", .string(url))])
    }

    /// Home › … › this page; each step a name and an absolute URL.
    static func breadcrumbs(_ steps: [(name: String, url: String)]) -> JSONValue? {
        guard steps.count >= 2 else { return nil }
        return .object([
            ("@type", .string("BreadcrumbList")),
            ("itemListElement", .array(steps.enumerated().map { index, step in
                .object([
                    ("@type", .string("ListItem")), ("position", .int(index + 1)),
                    ("name", .string(step.name)), ("item", .string(step.url)),
                ])
            })),
        ])
    }

    /// The site, with a search box that search engines may offer (`?q=` on the search page).
    static func website(name: String, url: String, language: String, description: String?, publisher: JSONValue, search: String) -> JSONValue {
        .object(
            ("@type", .string("WebSite")), ("@id", .string(url + "#website")), ("name", .string(name)), ("url", .string(url)),
            ("inLanguage", .string(language)), ("description", .string(description)), ("publisher", publisher),
            ("potentialAction", .object([
                ("@type", .string("SearchAction")),
                ("target", .object([("@type", .string("EntryPoint")), ("urlTemplate", .string(search + "?q={search_term_string}"))])),
                ("query-input", .string("required name=search_term_string")),
            ])))
    }
}
