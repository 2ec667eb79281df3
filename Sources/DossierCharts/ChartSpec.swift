import Foundation
import DossierData
import DossierModel

/// What a `chart` block (or a template) asks for. Decoded from YAML by the site layer.
public struct ChartSpec: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case bar, column, line, scatter, map, sparkline }
    public enum Sort: String, Sendable, CaseIterable { case descending, ascending, none }

    /// A map's coordinate columns and key column when its spec names none.
    public static let defaultLatitude = "lat"
    public static let defaultLongitude = "lon"
    public static let defaultMapKey = "id"

    public var kind: Kind
    /// Relative to `content/data/`.
    public var data: String
    /// Category or time column (bar, column, line), x values (scatter), longitude… see `lat`/`lon`.
    public var x: String
    /// Value columns; more than one gives grouped bars or several lines.
    public var y: [String]
    /// Long-format series column for line charts.
    public var series: String?
    /// Text labels for points (scatter, map); without it, a point shows the name the site gives
    /// its key (`Charts.Options.names`), else the key.
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
    /// Map: a GeoJSON file under `content/data/` drawn under the points.
    public var basemap: String?
    /// Map: who made the base map, credited under it ("Natural Earth").
    public var basemapCredit: String?
    /// Map: base-map features (by any property, such as a name or `CHN`) the frame must show whole.
    public var focus: [String]
    /// Map: rows (column → values) whose labels must show even on a phone; other labels show
    /// where they fit, and every row stays in the data table. Highlighted rows are always labelled.
    public var priority: [(column: String, values: [String])]
    /// One small drawing (the phone one) at every width, for a narrow place such as a sidebar.
    public var compact = false

    public init(
        kind: Kind, data: String, x: String, y: [String], series: String? = nil, label: String? = nil,
        filter: [(column: String, values: [String])] = [], sort: Sort = .none, title: String? = nil,
        subtitle: String? = nil, unit: String? = nil, caption: String? = nil, source: String? = nil,
        height: Double? = nil, lat: String = ChartSpec.defaultLatitude, lon: String = ChartSpec.defaultLongitude, highlight: [String] = [],
        basemap: String? = nil, basemapCredit: String? = nil, focus: [String] = [],
        priority: [(column: String, values: [String])] = []
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
        self.basemap = basemap
        self.basemapCredit = basemapCredit
        self.focus = focus
        self.priority = priority
    }

    public static func == (a: ChartSpec, b: ChartSpec) -> Bool {
        a.kind == b.kind && a.data == b.data && a.x == b.x && a.y == b.y && a.series == b.series && a.label == b.label
            && a.filter.map(\.column) == b.filter.map(\.column) && a.filter.map(\.values) == b.filter.map(\.values)
            && a.sort == b.sort && a.title == b.title && a.subtitle == b.subtitle && a.unit == b.unit
            && a.caption == b.caption && a.source == b.source && a.height == b.height && a.highlight == b.highlight
            && a.lat == b.lat && a.lon == b.lon && a.basemap == b.basemap && a.basemapCredit == b.basemapCredit
            && a.focus == b.focus && a.priority.map(\.column) == b.priority.map(\.column)
            && a.priority.map(\.values) == b.priority.map(\.values) && a.compact == b.compact
    }
}

/// Rows of a table after `filter`, each with its line for diagnostics.
extension DataTable {
    public func filtered(_ filter: [(column: String, values: [String])]) -> [Row] {
        let indices = filter.compactMap { f in columnIndex(f.column).map { ($0, Set(f.values)) } }
        return rows.filter { row in indices.allSatisfy { i, allowed in i < row.cells.count && allowed.contains(row.cells[i] ?? "") } }
    }
}
