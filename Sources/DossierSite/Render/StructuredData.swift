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
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
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
