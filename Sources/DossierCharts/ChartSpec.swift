import Foundation
import DossierData
import DossierModel

/// What a `chart` block (or a template) asks for. Decoded from YAML by the site layer.
public struct ChartSpec: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case bar, column, line, scatter, map, sparkline }
    public enum Sort: String, Sendable, CaseIterable { case descending, ascending, none }

    public var kind: Kind
    /// Relative to `content/data/`.
    public var data: String
    /// Category or time column (bar, column, line), x values (scatter), longitude… see `lat`/`lon`.
    public var x: String
    /// Value columns; more than one gives grouped bars or several lines.
    public var y: [String]
    /// Long-format series column for line charts.
    public var series: String?
    /// Text labels for points (scatter, map); defaults to `name_en` when the table has it.
    public var label: String?
    /// Column → allowed values.
    public var filter: [(column: String, values: [String])]
    public var sort: Sort
    public var title: String?
    public var subtitle: String?
    public var unit: String?
    public var caption: String?
    public var source: String?
    public var height: Double?
    /// Map: coordinate columns (default `lat`, `lon`) and keys to highlight.
    public var lat: String
    public var lon: String
    public var highlight: [String]

    public init(
        kind: Kind, data: String, x: String, y: [String], series: String? = nil, label: String? = nil,
        filter: [(column: String, values: [String])] = [], sort: Sort = .none, title: String? = nil,
        subtitle: String? = nil, unit: String? = nil, caption: String? = nil, source: String? = nil,
        height: Double? = nil, lat: String = "lat", lon: String = "lon", highlight: [String] = []
    ) {
        self.kind = kind
        self.data = data
        self.x = x
        self.y = y
        self.series = series
        self.label = label
        self.filter = filter
        self.sort = sort
        self.title = title
        self.subtitle = subtitle
        self.unit = unit
        self.caption = caption
        self.source = source
        self.height = height
        self.lat = lat
        self.lon = lon
        self.highlight = highlight
    }

    public static func == (a: ChartSpec, b: ChartSpec) -> Bool {
        a.kind == b.kind && a.data == b.data && a.x == b.x && a.y == b.y && a.series == b.series && a.label == b.label
            && a.filter.map(\.column) == b.filter.map(\.column) && a.filter.map(\.values) == b.filter.map(\.values)
            && a.sort == b.sort && a.title == b.title && a.subtitle == b.subtitle && a.unit == b.unit
            && a.caption == b.caption && a.source == b.source && a.height == b.height && a.highlight == b.highlight
    }
}

/// Rows of a table after `filter`, each with its line for diagnostics.
extension DataTable {
    public func filtered(_ filter: [(column: String, values: [String])]) -> [Row] {
        let indices = filter.compactMap { f in columnIndex(f.column).map { ($0, Set(f.values)) } }
        return rows.filter { row in indices.allSatisfy { i, allowed in i < row.cells.count && allowed.contains(row.cells[i] ?? "") } }
    }

    /// A numeric cell: nil when empty; an error at the cell's physical line when it is not a number.
    public func number(_ row: Row, _ column: String) -> Result<Double?, Diagnostic> {
        guard let text = value(row, column) else { return .success(nil) }
        let cleaned = text.trimmingCharacters(in: .whitespaces)
        if let v = Double(cleaned), v.isFinite { return .success(v) }
        return .failure(.error(path, line: row.line,
            "column '\(column)' must hold numbers, found '\(text)' (leave the cell empty for no data)"))
    }
}
