import DossierData
import DossierModel

/// Chart blocks and template charts: ChartSpec + DataTable → an accessible SVG figure.
/// Pure: no I/O, the same input gives the same bytes.
public enum Charts {
    /// Design widths: one SVG for wide screens, one for phones, swapped by CSS, so text stays
    /// legible at 360 px and at 1200 px without scaling fonts down.
    static let widths: [(cls: String, width: Double, font: Double)] = [("chart-wide", 640, 13), ("chart-narrow", 340, 12)]

    /// Interface words in the page's language.
    public struct Labels: Sendable {
        public var noData: String
        public var dataTable: String
        public var source: String

        public init(noData: String = "no data", dataTable: String = "Data table", source: String = "Source") {
            self.noData = noData
            self.dataTable = dataTable
            self.source = source
        }
    }

    public struct Options: Sendable {
        public var language: String
        /// Unique within the page; ids of titles and descriptions derive from it.
        public var id: String
        /// Display names for keys (cluster id → name), used for series and highlights.
        public var names: [String: String]
        /// Where the spec was written, for diagnostics about the spec itself.
        public var specPath: String
        public var specLine: Int
        /// Line of each spec key, so an unknown column points at the key that names it.
        public var keyLines: [String: Int]
        public var labels: Labels
        public var noData: String { labels.noData }
        /// One small drawing for narrow places (a sidebar) instead of a wide and a phone variant.
        public var compact: Bool

        public init(language: String = "en", id: String, names: [String: String] = [:], specPath: String = "",
                    specLine: Int = 1, keyLines: [String: Int] = [:], labels: Labels = Labels(), compact: Bool = false) {
            self.compact = compact
            self.labels = labels
            self.language = language
            self.id = id
            self.names = names
            self.specPath = specPath
            self.specLine = specLine
            self.keyLines = keyLines
        }

        func line(_ key: String) -> Int { keyLines[key] ?? specLine }
    }

    /// Renders a figure, or returns the diagnostics that prevent it.
    public static func figure(_ spec: ChartSpec, table: DataTable, options: Options) -> (html: String?, diagnostics: [Diagnostic]) {
        let (bound, diagnostics) = bind(spec, table: table, options: options)
        guard let bound, diagnostics.isEmpty else { return (nil, diagnostics) }
        let format = NumberFormat.forLanguage(options.language)
        var html = "<figure class=\"chart chart-\(spec.kind.rawValue)\" id=\"\(htmlEscape(options.id))\">"
        if spec.title != nil || spec.subtitle != nil {
            html += "<figcaption>"
            if let title = spec.title { html += "<span class=\"chart-title\">\(htmlEscape(title))</span>" }
            if let subtitle = spec.subtitle { html += "<span class=\"chart-subtitle\">\(htmlEscape(subtitle))</span>" }
            html += "</figcaption>"
        }
        let description = describe(bound, spec: spec, format: format, noData: options.noData)
        let variants = spec.kind == .sparkline ? [widths[0]] : options.compact ? [widths[1]] : widths
        for variant in variants {
            let svgID = "\(options.id)-\(variant.cls == "chart-wide" ? "w" : "n")"
            let layout = Layout(width: spec.kind == .sparkline ? 160 : variant.width, font: variant.font, format: format,
                                noData: options.noData)
            let (svgBody, height) = draw(bound, spec: spec, layout: layout)
            let cls = variants.count > 1 ? variant.cls : (spec.kind == .sparkline ? "chart-single" : "chart-compact")
            html += "<svg class=\"\(cls)\" viewBox=\"0 0 \(SVG.n(layout.width)) \(SVG.n(height))\""
            html += " role=\"img\" aria-labelledby=\"\(svgID)-t \(svgID)-d\">"
            html += "<title id=\"\(svgID)-t\">\(htmlEscape(spec.title ?? defaultTitle(spec)))</title>"
            html += "<desc id=\"\(svgID)-d\">\(htmlEscape(description))</desc>"
            html += svgBody + "</svg>"
        }
        var notes: [String] = []
        if let caption = spec.caption { notes.append(htmlEscape(caption)) }
        if let source = spec.source { notes.append(htmlEscape(options.labels.source) + ": " + htmlEscape(source)) }
        if !notes.isEmpty { html += "<p class=\"chart-note\">\(notes.joined(separator: " "))</p>" }
        html += dataTable(bound, spec: spec, format: format, noData: options.noData, summary: options.labels.dataTable)
        html += "</figure>"
        return (html, [])
    }

    static func defaultTitle(_ spec: ChartSpec) -> String {
        "\(spec.kind.rawValue.capitalized) chart of \(spec.y.joined(separator: ", ")) by \(spec.x)"
    }

    static func axisTitle(_ spec: ChartSpec, column: String) -> String {
        if let unit = spec.unit { return "\(column) (\(unit))" }
        return column
    }

    // MARK: - Binding data to the spec

    /// One category (bar, column) or point (scatter, map) with its values per y column.
    struct Item {
        var key: String
        var label: String
        var values: [Double?]
        var x: Double?
        var lat: Double?
        var lon: Double?
    }

    struct Series {
        var key: String
        var label: String
        /// Sorted by x; nil y is an explicit empty cell.
        var points: [(x: Double, y: Double?)]
    }

    enum Bound {
        case categories([Item])
        case lines([Series], integerX: Bool)
        case points([Item])
    }

    static func bind(_ spec: ChartSpec, table: DataTable, options: Options) -> (Bound?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func require(_ column: String?, key: String) {
            guard let column, table.columnIndex(column) == nil else { return }
            diagnostics.append(.error(options.specPath, line: options.line(key),
                "chart '\(key)': unknown column '\(column)' in \(spec.data) (columns: \(table.header.joined(separator: ", ")))"))
        }
        if spec.kind != .map { require(spec.x, key: "x") }
        for y in spec.y { require(y, key: "y") }
        require(spec.series, key: "series")
        require(spec.label, key: "label")
        for f in spec.filter { require(f.column, key: "filter") }
        if spec.kind == .map { require(spec.lat, key: "lat"); require(spec.lon, key: "lon") }
        if spec.y.isEmpty && spec.kind != .map {
            diagnostics.append(.error(options.specPath, line: options.specLine, "chart 'y': name at least one value column"))
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }

        let rows = table.filtered(spec.filter)
        func number(_ row: DataTable.Row, _ column: String) -> Double? {
            switch table.number(row, column) {
            case .success(let v): return v
            case .failure(let d):
                if !diagnostics.contains(d) { diagnostics.append(d) }
                return nil
            }
        }
        let labelColumn = spec.label ?? (table.columnIndex("name_en") != nil ? "name_en" : nil)

        switch spec.kind {
        case .bar, .column:
            // x is the category; an id with a known name shows the name.
            var items = rows.map { row in
                let key = table.value(row, spec.x) ?? ""
                return Item(key: key, label: spec.label.flatMap { table.value(row, $0) } ?? options.names[key] ?? key,
                            values: spec.y.map { number(row, $0) })
            }
            if spec.sort != .none {
                // Missing values always go last: they are not small, they are unknown.
                let present = items.filter { $0.values.first ?? nil != nil }
                let missing = items.filter { $0.values.first ?? nil == nil }
                let sorted = present.sorted { a, b in
                    let (va, vb) = (a.values[0]!, b.values[0]!)
                    if va != vb { return spec.sort == .descending ? va > vb : va < vb }
                    return a.label < b.label
                }
                items = sorted + missing
            }
            return (diagnostics.isEmpty ? .categories(items) : nil, diagnostics)

        case .line, .sparkline:
            var series: [String: Series] = [:]
            var order: [String] = []
            var integerX = true
            for row in rows {
                guard let x = number(row, spec.x) else { continue }
                if x != x.rounded() { integerX = false }
                let seriesKeys: [(String, String, Int)] = spec.series.map { column in
                    let key = table.value(row, column) ?? ""
                    return [(key, options.names[key] ?? key, 0)]
                } ?? spec.y.enumerated().map { ($0.element, $0.element, $0.offset) }
                for (key, label, yIndex) in seriesKeys {
                    let y = number(row, spec.y[spec.series == nil ? yIndex : 0])
                    if series[key] == nil { series[key] = Series(key: key, label: label, points: []); order.append(key) }
                    series[key]!.points.append((x, y))
                }
            }
            let list = order.map { key -> Series in
                var s = series[key]!
                s.points.sort { $0.x < $1.x }
                return s
            }
            return (diagnostics.isEmpty ? .lines(list, integerX: integerX) : nil, diagnostics)

        case .scatter, .map:
            let items = rows.map { row -> Item in
                let key = table.value(row, table.header.first ?? spec.x) ?? ""
                let label = labelColumn.flatMap { table.value(row, $0) } ?? options.names[key] ?? key
                if spec.kind == .map {
                    return Item(key: key, label: label, values: spec.y.map { number(row, $0) },
                                lat: number(row, spec.lat), lon: number(row, spec.lon))
                }
                return Item(key: key, label: label, values: [number(row, spec.y[0])], x: number(row, spec.x))
            }
            return (diagnostics.isEmpty ? .points(items) : nil, diagnostics)
        }
    }

    // MARK: - Drawing

    struct Layout {
        var width: Double
        var font: Double
        var format: NumberFormat
        var noData: String
        var small: Double { font - 1.5 }

        /// A data value as the data writes it (86.17, 14,000): direct labels repeat the source.
        func value(_ v: Double) -> String { format.string(v, decimals: NumberFormat.decimals(of: v)) }
    }

    static func draw(_ bound: Bound, spec: ChartSpec, layout: Layout) -> (String, Double) {
        switch (bound, spec.kind) {
        case (.categories(let items), .column):
            if let drawn = ColumnChart.draw(items, spec: spec, layout: layout) { return drawn }
            return BarChart.draw(items, spec: spec, layout: layout)  // labels do not fit under columns
        case (.categories(let items), _):
            return BarChart.draw(items, spec: spec, layout: layout)
        case (.lines(let series, let integerX), .sparkline):
            return LineChart.sparkline(series, integerX: integerX, layout: layout)
        case (.lines(let series, let integerX), _):
            return LineChart.draw(series, integerX: integerX, spec: spec, layout: layout)
        case (.points(let items), .map):
            return MapChart.draw(items, spec: spec, layout: layout)
        case (.points(let items), _):
            return ScatterChart.draw(items, spec: spec, layout: layout)
        }
    }

    /// Decimals for values as the data writes them (the most any value needs).
    static func decimals(_ values: [Double]) -> Int {
        values.map(NumberFormat.decimals(of:)).max() ?? 0
    }

    // MARK: - Text alternatives

    static func describe(_ bound: Bound, spec: ChartSpec, format: NumberFormat, noData: String) -> String {
        let what = spec.title ?? defaultTitle(spec)
        switch bound {
        case .categories(let items):
            let present = items.compactMap { i in i.values.first.flatMap { $0 }.map { (i.label, $0) } }
            func text(_ v: Double) -> String { format.string(v, decimals: NumberFormat.decimals(of: v)) }
            var s = "Bar chart: \(what). \(items.count) \(items.count == 1 ? "item" : "items")."
            if let top = present.max(by: { $0.1 < $1.1 }), let bottom = present.min(by: { $0.1 < $1.1 }), present.count > 1 {
                s += " Highest: \(top.0), \(text(top.1)). Lowest: \(bottom.0), \(text(bottom.1))."
            } else if let only = present.first {
                s += " \(only.0): \(text(only.1))."
            }
            let missing = items.count - present.count
            if missing > 0 { s += " \(noData.prefix(1).uppercased() + noData.dropFirst()) for \(missing)." }
            return s
        case .lines(let series, _):
            var s = "Line chart: \(what)."
            for line in series.prefix(6) {
                let known = line.points.filter { $0.y != nil }
                guard let first = known.first, let last = known.last else {
                    s += " \(line.label): \(noData)."
                    continue
                }
                let (a, b) = (first.y!, last.y!)
                s += " \(line.label): \(format.string(a, decimals: NumberFormat.decimals(of: a))) in \(xText(first.x))"
                s += " to \(format.string(b, decimals: NumberFormat.decimals(of: b))) in \(xText(last.x))"
                let gaps = line.points.count - known.count
                s += gaps > 0 ? " (\(noData) for \(gaps) \(gaps == 1 ? "point" : "points"))." : "."
            }
            if series.count > 6 { s += " And \(series.count - 6) more series." }
            return s
        case .points(let items):
            let placed = spec.kind == .map ? items.filter { $0.lat != nil && $0.lon != nil }
                : items.filter { $0.x != nil && $0.values.first ?? nil != nil }
            var s = spec.kind == .map ? "Map: \(what). \(placed.count) places by latitude and longitude."
                : "Scatter plot: \(what). \(placed.count) points."
            let missing = items.count - placed.count
            if missing > 0 { s += " Not shown for lack of data: \(items.filter { i in !placed.contains { $0.key == i.key && $0.label == i.label } }.map(\.label).joined(separator: ", "))." }
            return s
        }
    }

    static func xText(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : SVG.n(x)
    }

    /// The chart's data as an HTML table, for screen readers and for anyone who wants the numbers.
    static func dataTable(_ bound: Bound, spec: ChartSpec, format: NumberFormat, noData: String, summary: String) -> String {
        var head: [(String, Bool)] = []
        var rows: [[(String?, Bool)]] = []
        switch bound {
        case .categories(let items):
            head = [(spec.x, false)] + spec.y.map { (axisTitle(spec, column: $0), true) }
            let ds = spec.y.indices.map { i in decimals(items.compactMap { $0.values[i] }) }
            rows = items.map { item in
                [(item.label, false)] + item.values.indices.map { i in (item.values[i].map { format.string($0, decimals: ds[i]) }, true) }
            }
        case .lines(let series, _):
            head = [(spec.series ?? "series", false), (spec.x, true), (axisTitle(spec, column: spec.y.first ?? "value"), true)]
            for line in series {
                let d = decimals(line.points.compactMap(\.y))
                for p in line.points { rows.append([(line.label, false), (xText(p.x), true), (p.y.map { format.string($0, decimals: d) }, true)]) }
            }
        case .points(let items):
            if spec.kind == .map {
                head = [("name", false), (spec.lat, true), (spec.lon, true)] + spec.y.map { (axisTitle(spec, column: $0), true) }
                rows = items.map { i in
                    [(i.label, false), (i.lat.map { format.string($0, decimals: 2) }, true), (i.lon.map { format.string($0, decimals: 2) }, true)]
                        + i.values.map { ($0.map { format.string($0, decimals: decimals([$0])) }, true) }
                }
            } else {
                let dx = decimals(items.compactMap(\.x)), dy = decimals(items.compactMap { $0.values.first ?? nil })
                head = [("name", false), (spec.x, true), (axisTitle(spec, column: spec.y[0]), true)]
                rows = items.map { i in
                    [(i.label, false), (i.x.map { format.string($0, decimals: dx) }, true),
                     ((i.values.first ?? nil).map { format.string($0, decimals: dy) }, true)]
                }
            }
        }
        var html = "<details class=\"chart-data\"><summary>\(htmlEscape(summary))</summary><table><thead><tr>"
        for (title, numeric) in head { html += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(htmlEscape(title))</th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let tag = index == 0 ? "th scope=\"row\"" : "td"
                let close = index == 0 ? "th" : "td"
                if let text = cell.0 {
                    html += "<\(tag)\(cell.1 ? " class=\"num\"" : "")>\(htmlEscape(text))</\(close)>"
                } else {
                    html += "<\(tag) class=\"nodata\">\(htmlEscape(noData))</\(close)>"
                }
            }
            html += "</tr>"
        }
        return html + "</tbody></table></details>"
    }
}
