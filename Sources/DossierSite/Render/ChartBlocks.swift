import DossierCharts
import DossierData
import DossierMarkdown
import DossierModel
import Foundation
import Yams

/// `chart` and `table` fenced blocks: the YAML spec is decoded here (with lines in the
/// Markdown file), the figure is drawn by DossierCharts from the site's data tables.
/// Figure ids contain a dot, which heading ids (letters, digits, `-`, `_`) never do.
struct ChartBlocks: Sendable {
    /// Data files by path relative to `content/data/` (`clusters.csv`, `series/gdp_bn_cny.csv`).
    let tables: [String: DataTable]
    /// Display names for ids, per language (a collection row's id → its name in that language).
    let names: [String: [String: String]]
    let strings: InterfaceStrings
    /// Base maps (`data/**/*.geojson`) by path relative to `content/data/`.
    var basemaps: [String: GeoShapes] = [:]

    /// `ids` are the figure ids of one page.
    func handlers(path: String, language: String, ids: FigureIDs = FigureIDs()) -> [String: FencedBlockHandler] {
        let blocks = self
        return [
            "chart": { block in blocks.chart(block, path: path, language: language, ids: ids) },
            "table": { block in blocks.table(block, path: path, language: language, ids: ids) },
        ]
    }

    static let chartKeys: Set<String> = [
        "type", "data", "x", "y", "series", "label", "filter", "sort", "title", "subtitle", "unit", "caption", "source",
        "height", "lat", "lon", "highlight", "basemap", "basemap_credit", "focus", "priority", "id", "compact",
    ]
    static let tableKeys: Set<String> = ["data", "columns", "filter", "sort", "sort_by", "title", "caption", "source", "id"]

    /// What a block whose `filter` selects no row becomes. A Markdown block names its rows, so an
    /// empty selection is most likely a slip: a warning at its line. A template places the same
    /// chart on every row's page, and some rows have no data: it is left out without a word.
    enum EmptySelection: Sendable { case warn, omit }

    func chart(_ block: FencedBlock, path: String, language: String, ids: FigureIDs = FigureIDs(),
               empty: EmptySelection = .warn) -> FencedBlockOutput {
        figure(block, path: path, language: language, what: "chart", ids: ids, empty: empty,
               filter: \.filter, decode: { yaml, path, line in
                   let (decoded, found) = Self.decodeChart(yaml, path: path, line: line)
                   return (decoded.map { (Self.smartened($0.0, language: language), $0.1) }, found)
               }, data: \.data,
               fallbackID: { [$0.title ?? "", ([Self.stem($0.data)] + $0.y).joined(separator: "-")] }) { spec, table, options in
            Charts.figure(spec, table: table, options: options)
        }
    }

    func table(_ block: FencedBlock, path: String, language: String, ids: FigureIDs = FigureIDs(),
               empty: EmptySelection = .warn) -> FencedBlockOutput {
        figure(block, path: path, language: language, what: "table", ids: ids, empty: empty,
               filter: \.filter, decode: { yaml, path, line in
                   let (decoded, found) = Self.decodeTable(yaml, path: path, line: line)
                   return (decoded.map { (Self.smartened($0.0, language: language), $0.1) }, found)
               }, data: \.data,
               fallbackID: { [$0.title ?? "", Self.stem($0.data)] }) { spec, table, options in
            Tables.html(spec, table: table, options: options)
        }
    }

    /// A spec's texts with the page language's quotation marks and dashes, as prose gets them.
    static func smartened(_ spec: ChartSpec, language: String) -> ChartSpec {
        var spec = spec
        let smart = { (text: String) in Typography.smarten(text, language: language) }
        spec.title = spec.title.map(smart)
        spec.subtitle = spec.subtitle.map(smart)
        spec.caption = spec.caption.map(smart)
        spec.source = spec.source.map(smart)
        return spec
    }

    static func smartened(_ spec: TableSpec, language: String) -> TableSpec {
        var spec = spec
        let smart = { (text: String) in Typography.smarten(text, language: language) }
        spec.title = spec.title.map(smart)
        spec.caption = spec.caption.map(smart)
        spec.source = spec.source.map(smart)
        spec.columns = spec.columns.map { column in
            var column = column
            column.label = column.label.map(smart)
            return column
        }
        return spec
    }

    /// `series/gdp.csv` → `series/gdp`, for ids made from a data file's name.
    static func stem(_ data: String) -> String { data.hasSuffix(".csv") ? String(data.dropLast(4)) : data }

    /// Decode the spec, find its data file, draw; every problem becomes a diagnostic.
    private func figure<Spec>(
        _ block: FencedBlock, path: String, language: String, what: String, ids: FigureIDs, empty: EmptySelection,
        filter: KeyPath<Spec, [(column: String, values: [String])]>,
        decode: (String, String, Int) -> ((Spec, [String: Int])?, [Diagnostic]), data: KeyPath<Spec, String>,
        fallbackID: (Spec) -> [String],
        draw: (Spec, DataTable, Charts.Options) -> (html: String?, diagnostics: [Diagnostic])
    ) -> FencedBlockOutput {
        var (decoded, diagnostics) = decode(block.content, path, block.line + 1)
        guard let (spec, keyLines) = decoded else { return .failed(diagnostics) }
        guard let table = tables[spec[keyPath: data]] else {
            return .failed(diagnostics + [missingData(spec[keyPath: data], path: path, line: keyLines["data"] ?? block.line, what: what)])
        }
        let selection = spec[keyPath: filter]
        if !selection.isEmpty, selection.allSatisfy({ table.columnIndex($0.column) != nil }), table.filtered(selection).isEmpty {
            switch empty {
            case .omit: return .html("")
            case .warn:
                let wanted = selection.map { "\($0.column): \($0.values.joined(separator: ", "))" }.joined(separator: "; ")
                return .htmlWithWarnings("", diagnostics + [.warning(path, line: keyLines["filter"] ?? block.line,
                    "\(what) 'filter' selects no row of \(spec[keyPath: data]) (\(wanted)): the \(what) is left out")])
            }
        }
        let id: String
        switch ids.claim(what: what, explicit: Self.explicitID(block.content, path: path, line: block.line + 1),
                         candidates: fallbackID(spec), line: keyLines["id"] ?? block.line) {
        case .success(let claimed): id = claimed
        case .failure(let message): return .failed(diagnostics + [.error(path, line: keyLines["id"] ?? block.line, message.text)])
        }
        let options = Charts.Options(
            language: language, id: id, names: names[language] ?? [:], specPath: path, specLine: block.line,
            keyLines: keyLines, labels: strings.chartLabels(language), basemaps: basemaps)
        let (html, found) = draw(spec, table, options)
        diagnostics += found
        guard let html, !diagnostics.contains(where: { $0.severity == .error }) else { return .failed(diagnostics) }
        return diagnostics.isEmpty ? .html(html) : .htmlWithWarnings(html, diagnostics)
    }

    private func missingData(_ data: String, path: String, line: Int, what: String) -> Diagnostic {
        let known = tables.keys.sorted().joined(separator: ", ")
        return .error(path, line: line, "\(what) 'data': no data file '\(data)' under content/data/ (found: \(known.isEmpty ? "none" : known))")
    }

    // MARK: - Spec decoding

    static func decodeChart(_ yaml: String, path: String, line: Int) -> ((ChartSpec, [String: Int])?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLMapping.parse(yaml, path: path, firstLine: line)
        guard var map = parsed else { return (nil, parseDiagnostics) }
        let keyLines = map.keyLines()
        var kind: ChartSpec.Kind?
        if let node = map.node("type") {
            let text = map.string(node, field: "type") ?? ""
            kind = ChartSpec.Kind(rawValue: text)
            if kind == nil {
                map.error(node, "chart 'type': unknown chart type '\(text)' (expected \(ChartSpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        } else {
            map.error(nil, "chart: missing 'type' (\(ChartSpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let data = map.required("data", what: "chart")
        let x = kind == .map ? (map.string("x") ?? ChartSpec.defaultMapKey) : map.required("x", what: "chart")
        var y: [String] = []
        if let node = map.node("y") {
            y = node.sequence != nil ? (map.stringList("y") ?? []) : (map.string(node, field: "y").map { [$0] } ?? [])
        } else if kind != .map {
            map.error(nil, "chart: missing 'y' (the value column)")
        }
        let filter = map.columnValues("filter")
        let sort = map.enumeration("sort", ChartSpec.Sort.self, what: "chart") ?? .none
        var height: Double?
        if let node = map.node("height") {
            height = node.scalar.flatMap { Double($0.string) }
            if height == nil || height! < 60 || height! > 2000 { map.error(node, "chart 'height': expected a number of pixels from 60 to 2000"); height = nil }
        }
        let spec = ChartSpec(
            kind: kind ?? .bar, data: data ?? "", x: x ?? "", y: y, series: map.string("series"), label: map.string("label"),
            filter: filter, sort: sort, title: map.string("title"), subtitle: map.string("subtitle"), unit: map.string("unit"),
            caption: map.string("caption"), source: map.string("source"), height: height, lat: map.string("lat") ?? ChartSpec.defaultLatitude,
            lon: map.string("lon") ?? ChartSpec.defaultLongitude, highlight: map.stringList("highlight") ?? [], basemap: map.string("basemap"),
            basemapCredit: map.string("basemap_credit"), focus: map.stringList("focus") ?? [],
            priority: map.columnValues("priority"))
        var compacted = spec
        compacted.compact = map.bool("compact") ?? false
        map.warnUnknownKeys(chartKeys, what: "a chart spec")
        let diagnostics = parseDiagnostics + map.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return ((compacted, keyLines), diagnostics)
    }

    static func decodeTable(_ yaml: String, path: String, line: Int) -> ((TableSpec, [String: Int])?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLMapping.parse(yaml, path: path, firstLine: line)
        guard var map = parsed else { return (nil, parseDiagnostics) }
        let keyLines = map.keyLines()
        let data = map.required("data", what: "table")
        var columns: [TableSpec.Column] = []
        if let node = map.node("columns") {
            if let items = node.sequence {
                for item in items {
                    if item.scalar != nil, let name = map.string(item, field: "columns") {
                        columns.append(.init(column: name))
                    } else if let pairs = item.mapping {
                        var sub = YAMLMapping(path: path, lineOffset: line - 1,
                                              pairs: pairs.map { ($0.key.string ?? "", $0.key, $0.value) }, mark: item.mark)
                        if let column = sub.required("column", what: "table column") {
                            var decimals: Int?
                            if let d = sub.node("decimals") {
                                decimals = d.scalar.flatMap { Int($0.string) }
                                if decimals == nil || !(0...6).contains(decimals!) { sub.error(d, "table 'decimals': expected 0 to 6"); decimals = nil }
                            }
                            columns.append(.init(column: column, label: sub.string("label"), decimals: decimals, numeric: sub.bool("numeric")))
                        }
                        sub.warnUnknownKeys(["column", "label", "decimals", "numeric"], what: "a table column")
                        map.diagnostics += sub.diagnostics
                    }
                }
            } else {
                map.error(node, "table 'columns': expected a list of column names or {column, label, decimals}")
            }
        }
        let spec = TableSpec(
            data: data ?? "", columns: columns, filter: map.columnValues("filter"),
            sort: map.enumeration("sort", ChartSpec.Sort.self, what: "table") ?? .none, sortBy: map.string("sort_by"),
            title: map.string("title"), caption: map.string("caption"), source: map.string("source"))
        map.warnUnknownKeys(tableKeys, what: "a table spec")
        let diagnostics = parseDiagnostics + map.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return ((spec, keyLines), diagnostics)
    }
}

/// The ids of one page's figures. A figure's id is `chart.` or `table.` and then its `id:` key,
/// else a slug of its title (else of its data and columns), so that a link to it survives
/// lines added above it; a repeat gets `-2`, `-3`, …. The dot keeps figure ids apart from
/// heading ids, which never contain one.
final class FigureIDs: @unchecked Sendable {
    struct Problem: Error { var text: String }
    private let lock = NSLock()
    /// Id → line of the block that took it.
    private var used: [String: Int] = [:]

    func claim(what: String, explicit: String??, candidates: [String], line: Int) -> Result<String, Problem> {
        lock.lock()
        defer { lock.unlock() }
        if let explicit {
            guard let explicit, !explicit.isEmpty,
                  explicit.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_") })
            else { return .failure(Problem(text: "\(what) 'id': use letters, digits, '-' and '_' only (found '\(explicit ?? "")')")) }
            let id = "\(what).\(explicit)"
            if let first = used[id] { return .failure(Problem(text: "\(what) 'id': '\(explicit)' is already used on this page (line \(first))")) }
            used[id] = line
            return .success(id)
        }
        let base = "\(what)." + (candidates.lazy.map(Self.slug).first { !$0.isEmpty } ?? "figure")
        var id = base
        var n = 1
        while used[id] != nil {
            n += 1
            id = "\(base)-\(n)"
        }
        used[id] = line
        return .success(id)
    }

    /// Takes an id that a kept body took when it was rendered.
    func take(_ id: String, line: Int) {
        lock.withLock { used[id] = line }
    }

    /// The ids taken so far, with the lines that took them (part of a page's key).
    var taken: [(id: String, line: Int)] {
        lock.withLock { used.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    /// A title's slug, cut after a whole word at about 48 characters: long enough to say what
    /// the figure is, short enough to read in a link.
    static func slug(_ text: String) -> String {
        var slug = Topics.slug(text)
        while slug.count > 48, let cut = slug.lastIndex(of: "-") { slug = String(slug[..<cut]) }
        return slug
    }
}

extension ChartBlocks {
    /// The block's `id:` value: nil when it has none, `.some(nil)` when it is not text.
    /// Read from the spec's top-level keys, so that chart and table decoding stay as they are.
    static func explicitID(_ yaml: String, path: String, line: Int) -> String?? {
        guard yaml.contains("id:") else { return nil }
        let (parsed, _) = YAMLMapping.parse(yaml, path: path, firstLine: line)
        guard let node = parsed?.node("id") else { return nil }
        return .some(node.scalar?.string)
    }
}

extension YAMLMapping {
    /// Line in the file of each top-level key.
    func keyLines() -> [String: Int] {
        var lines: [String: Int] = [:]
        for pair in pairs { if let mark = pair.keyNode.mark { lines[pair.key] = mark.line + lineOffset } }
        return lines
    }

    mutating func required(_ key: String, what: String) -> String? {
        guard node(key) != nil else {
            error(nil, "\(what): missing '\(key)'")
            return nil
        }
        return string(key)
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, what: String) -> E?
        where E.RawValue == String {
        guard let node = node(key), let text = string(node, field: key) else { return nil }
        guard let value = E(rawValue: text) else {
            error(node, "\(what) '\(key)': unknown value '\(text)' (expected \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return value
    }

    /// `filter: {column: value}` or `{column: [values]}` (also `priority`).
    mutating func columnValues(_ key: String) -> [(column: String, values: [String])] {
        guard let node = node(key) else { return [] }
        guard let pairs = node.mapping else {
            error(node, "'\(key)' must map column names to a value or a list of values")
            return []
        }
        return pairs.map { key, value in
            let values = value.sequence.map { $0.compactMap { $0.scalar?.string } } ?? [value.scalar?.string ?? ""]
            return (key.string ?? "", values)
        }
    }
}
