import DossierModel
import Yams

/// Typed access to a YAML mapping, with every problem reported at the node's line and column.
/// Built on `Yams.compose`: one parse gives both the values and their positions, so a wrongly
/// typed field points at its line without a second pass.
struct YAMLMapping {
    let path: String
    /// Added to Yams' 1-based lines (the YAML may start below line 1 of the file).
    let lineOffset: Int
    let pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]
    let mark: YAMLMark?
    var diagnostics: [Diagnostic] = []

    /// Parses `yaml` and expects a mapping at the top (an empty document is an empty mapping).
    static func parse(_ yaml: String, path: String, firstLine: Int) -> (YAMLMapping?, [Diagnostic]) {
        let lineOffset = firstLine - 1
        let root: YAMLNode?
        do {
            // Plain front matter is read by SimpleYAML, which gives Yams' tree; the rest by Yams.
            // The basic resolver reads every plain scalar as text (we type fields ourselves), which
            // skips Yams' regular expressions; an explicit encoding skips its environment lookup.
            if let simple = SimpleYAML.compose(yaml) {
                root = simple
            } else {
                root = try composeWithYams(yaml)
            }
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, path: path, lineOffset: lineOffset, yaml: yaml)])
        } catch {
            return (nil, [.error(path, line: firstLine, "invalid YAML: \(error)")])
        }
        guard let root else {
            return (YAMLMapping(path: path, lineOffset: lineOffset, pairs: [], mark: nil), [])
        }
        guard let mapping = root.mapping else {
            let m = root.mark
            return (nil, [.error(path, line: (m?.line ?? 1) + lineOffset, column: m?.column,
                                 "expected a mapping of keys to values, found \(describe(root))")])
        }
        var pairs: [(String, YAMLNode, YAMLNode)] = []
        for (key, value) in mapping {
            pairs.append((key.string ?? "", key, value))
        }
        return (YAMLMapping(path: path, lineOffset: lineOffset, pairs: pairs, mark: root.mark), [])
    }

    /// The tree Yams composes, with a basic resolver (every plain scalar is text).
    static func composeWithYams(_ yaml: String) throws -> YAMLNode? {
        try Yams.compose(yaml: yaml, .basic, .default, .utf8).map(YAMLNode.init)
    }

    static func diagnostic(for error: YamlError, path: String, lineOffset: Int, yaml: String = "") -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            let hint = hint(problem: problem, line: mark.line, yaml: yaml).map { "; \($0)" } ?? ""
            return .error(path, line: mark.line + lineOffset, column: mark.column, "invalid YAML: \(problem)\(hint)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(path, line: context.mark.line + lineOffset, column: context.mark.column,
                          "invalid YAML: duplicate key \(keys)")
        case .reader(let problem, _, _, _):
            return .error(path, line: lineOffset + 1, "invalid YAML: \(problem)")
        default:
            return .error(path, line: lineOffset + 1, "invalid YAML: \(error)")
        }
    }

    /// What an author most likely did, for the two slips the parser words least clearly: a
    /// colon inside an unquoted value, and a tab used for indentation.
    static func hint(problem: String, line: Int, yaml: String) -> String? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        // The parser may stop on the line after the slip: look at the line it names and the one before.
        let nearby = [line - 1, line - 2].filter { $0 >= 0 && $0 < lines.count }.map { lines[$0] }
        if nearby.contains(where: { $0.prefix { $0 == " " || $0 == "\t" }.contains("\t") }) || problem.contains("tab") {
            return "YAML does not allow tabs for indentation: use spaces"
        }
        if problem.contains("mapping values are not allowed"), let text = nearby.first {
            let key = text.split(separator: ":", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let shown = key.isEmpty || key.hasPrefix("-") ? "value" : key
            return "quote a \(shown) that contains a colon, as in \(key.isEmpty ? "title" : key): \"…: …\""
        }
        return nil
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar: return "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    func node(_ key: String) -> YAMLNode? { pairs.first { $0.key == key }?.value }

    mutating func error(_ node: YAMLNode?, _ message: String) {
        let m = node?.mark ?? mark
        diagnostics.append(.error(path, line: (m?.line ?? 1) + lineOffset, column: m?.column, message))
    }

    mutating func warning(_ node: YAMLNode?, _ message: String) {
        let m = node?.mark ?? mark
        diagnostics.append(.warning(path, line: (m?.line ?? 1) + lineOffset, column: m?.column, message))
    }

    /// Warns about every key not in `known`, suggesting the nearest known one (a typo).
    mutating func warnUnknownKeys(_ known: Set<String>, what: String) {
        for pair in pairs where !known.contains(pair.key) {
            let suggestion = Self.nearest(pair.key, in: known).map { "; did you mean '\($0)'?" } ?? ""
            warning(pair.keyNode, "unknown key '\(pair.key)' in \(what) (ignored)\(suggestion)")
        }
    }

    /// The known key within a small edit distance of `key` (one edit for short keys, two for
    /// longer ones), the nearest and then the first in alphabetical order; nil when none is near.
    static func nearest(_ key: String, in known: Set<String>) -> String? {
        let lowered = key.lowercased()
        var best: (distance: Int, key: String)?
        for candidate in known.sorted() {
            let distance = editDistance(lowered, candidate.lowercased())
            let allowed = min(2, max(1, candidate.count / 3))
            guard distance <= allowed, distance < (best?.distance ?? .max) else { continue }
            best = (distance, candidate)
        }
        return best?.key
    }

    /// Levenshtein distance, counting a swap of two neighbours as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = Swift.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = Swift.min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    // MARK: typed fields

    /// A scalar read as text; a list or mapping is an error.
    mutating func string(_ key: String) -> String? {
        guard let node = node(key) else { return nil }
        return string(node, field: key)
    }

    mutating func string(_ node: YAMLNode, field: String) -> String? {
        guard let scalar = node.scalar else {
            error(node, "'\(field)' must be text, found \(Self.describe(node))")
            return nil
        }
        if scalar.isNullTagged || (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)) {
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        let value: Bool? = switch node.scalar?.style == .plain ? node.scalar?.string.lowercased() : nil {
        case "true": true
        case "false": false
        default: nil
        }
        guard let value else {
            error(node, "'\(key)' must be true or false, found \(node.scalar.map { "'\($0.string)'" } ?? Self.describe(node))")
            return nil
        }
        return value
    }

    /// A list of text values. A single value where a list is expected is an error.
    mutating func stringList(_ key: String) -> [String]? {
        guard let node = node(key) else { return nil }
        if let scalar = node.scalar, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) { return [] }
        guard let sequence = node.sequence else {
            error(node, "'\(key)' must be a list, found \(Self.describe(node))")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            if let value = string(item, field: "\(key)[\(values.count)]") { values.append(value) }
        }
        return values
    }

    /// A list of mappings, each read by `read`.
    mutating func mappingList<T>(_ key: String, _ read: (inout YAMLMapping) -> T?) -> [T]? {
        guard let node = node(key) else { return nil }
        guard let sequence = node.sequence else {
            error(node, "'\(key)' must be a list, found \(Self.describe(node))")
            return nil
        }
        var values: [T] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                error(item, "each item of '\(key)' must be a mapping, found \(Self.describe(item))")
                continue
            }
            var sub = YAMLMapping(
                path: path, lineOffset: lineOffset,
                pairs: mapping.map { ($0.key.string ?? "", $0.key, $0.value) }, mark: item.mark)
            if let value = read(&sub) { values.append(value) }
            diagnostics += sub.diagnostics
        }
        return values
    }

    /// A nested mapping.
    mutating func mapping(_ key: String) -> YAMLMapping? {
        guard let node = node(key) else { return nil }
        guard let mapping = node.mapping else {
            error(node, "'\(key)' must be a mapping, found \(Self.describe(node))")
            return nil
        }
        return YAMLMapping(
            path: path, lineOffset: lineOffset,
            pairs: mapping.map { ($0.key.string ?? "", $0.key, $0.value) }, mark: node.mark)
    }
}
