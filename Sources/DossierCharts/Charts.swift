import DossierData
import DossierModel

/// Chart blocks and template charts: ChartSpec + DataTable → an accessible SVG figure.
/// Pure: no I/O, the same input gives the same bytes. Every word a reader sees comes from the
/// data dictionary (titles, units, value labels, missing-value texts, sources) or from the
/// interface strings (`Labels`), in the page's language.
public enum Charts {
    /// Design widths: one SVG for wide screens, one for phones, swapped by CSS, so text stays
    /// legible at 360 px and at 1200 px without scaling fonts down.
    static let widths: [(cls: String, width: Double, font: Double)] = [("chart-wide", 640, 13), ("chart-narrow", 340, 12)]

    public struct Options: Sendable {
        public var language: String
        /// Unique within the page; ids of titles and descriptions derive from it.
        public var id: String
        /// Display names for keys (a row id → its name in the page's language), used for
        /// categories, series and points that have no `label` column.
        public var names: [String: String]
        /// Where the spec was written, for diagnostics about the spec itself.
        public var specPath: String
        public var specLine: Int
        /// Line of each spec key, so an unknown column points at the key that names it.
        public var keyLines: [String: Int]
        public var labels: Labels
        /// Base maps by path relative to `content/data/`, for map specs that name one.
        public var basemaps: [String: GeoShapes]
        /// One small drawing for narrow places (a sidebar) instead of a wide and a phone variant.
        public var compact: Bool

        public var noData: String { labels.noData }
        public var display: DataDisplay { DataDisplay(language: language, labels: labels) }

        public init(language: String = "en", id: String, names: [String: String] = [:], specPath: String = "",
                    specLine: Int = 1, keyLines: [String: Int] = [:], labels: Labels = Labels(),
                    basemaps: [String: GeoShapes] = [:], compact: Bool = false) {
            self.compact = compact
            self.labels = labels
            self.language = language
            self.id = id
            self.names = names
            self.specPath = specPath
            self.specLine = specLine
            self.keyLines = keyLines
            self.basemaps = basemaps
        }

        func line(_ key: String) -> Int { keyLines[key] ?? specLine }
    }

    /// Renders a figure, or returns the diagnostics that prevent it.
    public static func figure(_ spec: ChartSpec, table: DataTable, options: Options) -> (html: String?, diagnostics: [Diagnostic]) {
        let (bound, diagnostics) = bind(spec, table: table, options: options)
        guard let bound, diagnostics.isEmpty else { return (nil, diagnostics) }
        let display = options.display
        let texts = Texts(spec, table: table, display: display)
        var html = "<figure class=\"chart chart-\(spec.kind.rawValue)\" id=\"\(htmlEscape(options.id))\">"
        if spec.title != nil || spec.subtitle != nil {
            html += "<figcaption>"
            if let title = spec.title { html += "<span class=\"chart-title\">\(htmlEscape(title))</span>" }
            if let subtitle = spec.subtitle { html += "<span class=\"chart-subtitle\">\(htmlEscape(subtitle))</span>" }
            html += "</figcaption>"
        }
        let description = describe(bound, spec: spec, texts: texts, display: display)
        let basemap = spec.basemap.flatMap { options.basemaps[$0] }
        let variants = spec.kind == .sparkline ? [widths[0]] : options.compact || spec.compact ? [widths[1]] : widths
        for variant in variants {
            let svgID = "\(options.id)-\(variant.cls == "chart-wide" ? "w" : "n")"
            let layout = Layout(width: spec.kind == .sparkline ? 160 : variant.width, font: variant.font,
                                display: display, texts: texts, basemap: basemap)
            let (svgBody, height) = draw(bound, spec: spec, layout: layout)
            let cls = variants.count > 1 ? variant.cls : (spec.kind == .sparkline ? "chart-single" : "chart-compact")
            html += "<svg class=\"\(cls)\" viewBox=\"0 0 \(SVG.n(layout.width)) \(SVG.n(height))\""
            html += " role=\"img\" aria-labelledby=\"\(svgID)-t \(svgID)-d\">"
            html += "<title id=\"\(svgID)-t\">\(htmlEscape(texts.title))</title>"
            html += "<desc id=\"\(svgID)-d\">\(htmlEscape(description))</desc>"
            html += svgBody + "</svg>"
        }
        var notes: [String] = []
        if let caption = spec.caption { notes.append(htmlEscape(caption)) }
        if bound.hasGaps { notes.append(htmlEscape(display.labels.text("chart_gap_rule"))) }
        if bound.hasQualified { notes.append(htmlEscape(display.labels.text("chart_qualifier_note"))) }
        if spec.kind == .map, basemap != nil {
            // The spec's credit, else the one the GeoJSON file carries.
            if let credit = spec.basemapCredit ?? basemap?.attribution {
                notes.append(htmlEscape(display.labels.text("chart_map_credit", ["credit": credit])))
            }
            notes.append(htmlEscape(display.labels.text("chart_map_boundaries")))
        }
        // A map's points are drawn from its coordinates: their sources count with the values'.
        let cited = spec.y + (spec.kind == .map ? [spec.lat, spec.lon] : [])
        if let source = sourceNote(spec.source, table: table, rows: table.filtered(spec.filter), columns: cited, display: display) {
            notes.append(source)
        }
        if !notes.isEmpty { html += "<p class=\"chart-note\">\(notes.joined(separator: " "))</p>" }
        html += dataTable(bound, spec: spec, texts: texts, display: display)
        html += "</figure>"
        return (html, [])
    }

    /// The words a figure takes from its spec, its data dictionary and the interface strings.
    struct Texts {
        /// The figure's title (the spec's, else "GDP by Cluster").
        var title: String
        /// Title of each y column (legends, series names, headings).
        var yTitles: [String]
        /// Heading of each y column, with the unit.
        var yHeadings: [String]
        /// The value axis's unit: the spec's `unit`, else the dictionary's.
        var unit: String?
        /// What an empty cell of each y column means.
        var missing: [String]
        /// Headings of the data table's key columns.
        var categoryHeading: String
        var seriesHeading: String
        var xHeading: String
        var nameHeading: String
        var latHeading: String
        var lonHeading: String
        var xMissing: String

        init(_ spec: ChartSpec, table: DataTable, display: DataDisplay) {
            let labels = display.labels
            /// The dictionary's title of a column, or an interface word where it has none.
            func titled(_ column: String?, else word: String) -> String {
                column.flatMap { table.field($0)?.title }.map(display.text) ?? labels.text(word)
            }
            let keyColumn = table.schema?.primaryKey.count == 1 ? table.schema!.primaryKey[0] : spec.x
            categoryHeading = spec.label.map { display.title(table, $0) } ?? display.title(table, spec.x)
            seriesHeading = titled(spec.series, else: "chart_series")
            xHeading = display.heading(table, spec.x)
            // Points are named by their label column, else by their key: either one's title.
            nameHeading = [spec.label, keyColumn].lazy.compactMap { $0.flatMap { table.field($0)?.title } }.first.map(display.text)
                ?? labels.text("chart_name")
            latHeading = titled(spec.lat, else: "chart_latitude")
            lonHeading = titled(spec.lon, else: "chart_longitude")
            xMissing = display.missing(table, spec.x)
            yTitles = spec.y.map { display.title(table, $0) }
            // One value axis has one unit: columns with different units leave it to their headings.
            let units = Set(spec.y.map { display.unit(table, $0) ?? "" })
            let unit = spec.unit ?? (units.count == 1 ? units.first.flatMap { $0.isEmpty ? nil : $0 } : nil)
            self.unit = unit
            yHeadings = spec.y.map { display.heading(table, $0, unit: spec.unit) }
            missing = spec.y.isEmpty ? [display.labels.noData] : spec.y.map { display.missing(table, $0) }
            title = spec.title ?? display.labels.text("chart_default_title", [
                "y": display.list(yTitles), "x": display.title(table, spec.kind == .line || spec.kind == .sparkline ? spec.series ?? spec.x : spec.x),
            ])
        }
    }

    // MARK: - Binding data to the spec

    /// One category (bar, column) or point (scatter, map) with its values per y column.
    struct Item {
        var key: String
        var label: String
        var values: [Double?]
        var qualifiers: [Quantity.Qualifier?]
        var x: Double?
        var xQualifier: Quantity.Qualifier? = nil
        var lat: Double? = nil
        var lon: Double? = nil
        /// Map: label this point even on a phone.
        var priority = false

        var isQualified: Bool { qualifiers.contains { $0 != nil } || xQualifier != nil }
    }

    struct Point {
        var x: Double
        /// Nil: an explicit empty cell.
        var y: Double?
        var qualifier: Quantity.Qualifier?
    }

    struct Series {
        var key: String
        var label: String
        /// Sorted by x.
        var points: [Point]
        /// Known points (indices into `points`) joined by a dashed bridge because values are
        /// missing between them: an empty cell or an x absent from the data's own interval.
        var bridges: [(from: Int, to: Int)] = []
        /// Missing stretches of x, first to last, for the text alternative.
        var missing: [(from: Double, to: Double)] = []
    }

    enum Bound {
        case categories([Item])
        case lines([Series], integerX: Bool)
        case points([Item])

        var hasGaps: Bool {
            if case .lines(let series, _) = self { return series.contains { !$0.bridges.isEmpty } }
            return false
        }

        var hasQualified: Bool {
            switch self {
            case .categories(let items), .points(let items): return items.contains(where: \.isQualified)
            case .lines(let series, _): return series.contains { $0.points.contains { $0.qualifier != nil } }
            }
        }
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
        for p in spec.priority { require(p.column, key: "priority") }
        if spec.kind == .map { require(spec.lat, key: "lat"); require(spec.lon, key: "lon") }
        if spec.y.isEmpty && spec.kind != .map {
            diagnostics.append(.error(options.specPath, line: options.specLine, "chart 'y': name at least one value column"))
        }
        if let name = spec.basemap {
            if let shapes = options.basemaps[name] {
                for value in spec.focus where !shapes.features.contains(where: { $0.matches([value]) }) {
                    diagnostics.append(.error(options.specPath, line: options.line("focus"),
                        "chart 'focus': no feature of \(name) has a property '\(value)'"))
                }
            } else {
                let known = options.basemaps.keys.sorted().joined(separator: ", ")
                diagnostics.append(.error(options.specPath, line: options.line("basemap"),
                    "chart 'basemap': no GeoJSON file '\(name)' under content/data/ (found: \(known.isEmpty ? "none" : known))"))
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }

        let display = options.display
        let rows = table.filtered(spec.filter)
        func quantity(_ row: DataTable.Row, _ column: String) -> Quantity? {
            switch table.quantity(row, column) {
            case .success(let q): return q
            case .failure(let d):
                if !diagnostics.contains(d) { diagnostics.append(d) }
                return nil
            }
        }
        /// A row's name: its label column, else the site's name for its key, else the key.
        func name(_ row: DataTable.Row, key: String) -> String {
            if let column = spec.label, let raw = display.text(table, row, column) { return display.value(raw, field: table.field(column)) }
            if let name = options.names[key] { return name }
            return key
        }

        switch spec.kind {
        case .bar, .column:
            // x is the category; an id with a known name shows the name, an enum value its label.
            var items = rows.map { row in
                let key = table.value(row, spec.x) ?? ""
                let quantities = spec.y.map { quantity(row, $0) }
                let label = spec.label == nil && options.names[key] == nil ? display.value(key, field: table.field(spec.x)) : name(row, key: key)
                return Item(key: key, label: label, values: quantities.map { $0?.value }, qualifiers: quantities.map { $0?.qualifier })
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
                guard let x = quantity(row, spec.x)?.value else { continue }
                if x != x.rounded() { integerX = false }
                let seriesKeys: [(String, String, Int)] = spec.series.map { column in
                    let key = table.value(row, column) ?? ""
                    return [(key, options.names[key] ?? display.value(key, field: table.field(column)), 0)]
                } ?? spec.y.enumerated().map { ($0.element, display.title(table, $0.element), $0.offset) }
                for (key, label, yIndex) in seriesKeys {
                    let y = quantity(row, spec.y[spec.series == nil ? yIndex : 0])
                    if series[key] == nil { series[key] = Series(key: key, label: label, points: []); order.append(key) }
                    series[key]!.points.append(Point(x: x, y: y?.value, qualifier: y?.qualifier))
                }
            }
            let step = gridStep(table, column: spec.x)
            let list = order.map { key -> Series in
                var s = series[key]!
                s.points.sort { $0.x < $1.x }
                findGaps(&s, step: step)
                return s
            }
            return (diagnostics.isEmpty ? .lines(list, integerX: integerX) : nil, diagnostics)

        case .scatter, .map:
            let keyColumn = table.schema?.primaryKey.count == 1 ? table.schema!.primaryKey[0]
                : (spec.kind == .map && table.columnIndex(spec.x) != nil ? spec.x : table.header.first ?? spec.x)
            let highlight = Set(spec.highlight)
            let items = rows.map { row -> Item in
                let key = table.value(row, keyColumn) ?? ""
                let label = name(row, key: key)
                if spec.kind == .map {
                    let quantities = spec.y.map { quantity(row, $0) }
                    let priority = highlight.contains(key) || spec.priority.contains { p in p.values.contains(table.value(row, p.column) ?? "") }
                    return Item(key: key, label: label, values: quantities.map { $0?.value }, qualifiers: quantities.map { $0?.qualifier },
                                lat: quantity(row, spec.lat)?.value, lon: quantity(row, spec.lon)?.value, priority: priority)
                }
                let x = quantity(row, spec.x), y = quantity(row, spec.y[0])
                return Item(key: key, label: label, values: [y?.value], qualifiers: [y?.qualifier], x: x?.value, xQualifier: x?.qualifier)
            }
            return (diagnostics.isEmpty ? .points(items) : nil, diagnostics)
        }
    }

    /// The data's own interval on x: the smallest distance between two x values anywhere in
    /// the file (not only in the rows drawn), so a series that skips years shows the skip.
    static func gridStep(_ table: DataTable, column: String) -> Double {
        let xs = Set(table.rows.compactMap { row -> Double? in
            if case .success(let q?) = table.quantity(row, column) { return q.value }
            return nil
        }).sorted()
        let steps = zip(xs, xs.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }
        return steps.min() ?? 1
    }

    /// One rule for every line: wherever values are missing between two known points (an
    /// empty cell, or x values absent from the data's interval), a dashed bridge joins them.
    static func findGaps(_ series: inout Series, step: Double) {
        let known = series.points.indices.filter { series.points[$0].y != nil }
        var missing: [(Double, Double)] = []
        let points = series.points
        // Empty cells before the first and after the last known value are missing, not bridged.
        for p in points where p.y == nil && (known.isEmpty || p.x < points[known.first!].x || p.x > points[known.last!].x) {
            missing.append((p.x, p.x))
        }
        for (a, b) in zip(known, known.dropFirst()) {
            let (xa, xb) = (points[a].x, points[b].x)
            let explicitEmpty = b - a > 1
            guard explicitEmpty || xb - xa > step * 1.5 else { continue }
            series.bridges.append((a, b))
            missing.append((xa + step, xb - step))
        }
        series.missing = missing.sorted { $0.0 < $1.0 }
    }

    // MARK: - Drawing

    struct Layout {
        var width: Double
        var font: Double
        var display: DataDisplay
        var texts: Texts
        var basemap: GeoShapes?
        var format: NumberFormat { display.format }
        var small: Double { font - 1.5 }
        /// What an empty value of the first y column means.
        var noData: String { texts.missing.first ?? display.labels.noData }

        /// A data value as the data writes it (86.17, 14,000), with its sign if qualified:
        /// direct labels repeat the source.
        func value(_ v: Double, _ qualifier: Quantity.Qualifier? = nil) -> String {
            display.quantity(Quantity(v, qualifier), decimals: NumberFormat.decimals(of: v))
        }
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

    static func describe(_ bound: Bound, spec: ChartSpec, texts: Texts, display: DataDisplay) -> String {
        let labels = display.labels
        func words(_ v: Double, _ q: Quantity.Qualifier?) -> String {
            display.words(Quantity(v, q), decimals: NumberFormat.decimals(of: v))
        }
        var parts: [String] = []
        var qualified: [String] = []
        switch bound {
        case .categories(let items):
            parts.append(labels.text(spec.kind == .column ? "chart_column" : "chart_bar", ["title": texts.title]))
            parts.append(labels.count("chart_items", items.count))
            let present = items.filter { $0.values.first ?? nil != nil }
            if present.count > 1, let top = present.max(by: { $0.values[0]! < $1.values[0]! }),
               let bottom = present.min(by: { $0.values[0]! < $1.values[0]! }) {
                parts.append(labels.text("chart_highest_lowest", [
                    "high": top.label, "high_value": words(top.values[0]!, top.qualifiers[0]),
                    "low": bottom.label, "low_value": words(bottom.values[0]!, bottom.qualifiers[0]),
                ]))
            } else if let only = present.first {
                parts.append(labels.text("chart_only_value", ["label": only.label, "value": words(only.values[0]!, only.qualifiers[0])]))
            }
            let missing = items.filter { $0.values.first ?? nil == nil }
            if !missing.isEmpty {
                parts.append(labels.text("chart_without_value", ["missing": texts.missing[0], "list": display.list(missing.map(\.label))]))
            }
            for item in items {
                for (i, q) in item.qualifiers.enumerated() where q != nil {
                    qualified.append(labels.text("chart_qualified_item", ["value": words(item.values[i]!, q), "label": item.label]))
                }
            }
        case .lines(let series, _):
            parts.append(labels.text("chart_line", ["title": texts.title]))
            for line in series.prefix(6) {
                let known = line.points.filter { $0.y != nil }
                if let first = known.first, let last = known.last {
                    if known.count == 1 {
                        parts.append(labels.text("chart_series_single", [
                            "label": line.label, "value": words(first.y!, first.qualifier), "x": xText(first.x)]))
                    } else {
                        parts.append(labels.text("chart_series_range", [
                            "label": line.label, "first": words(first.y!, first.qualifier), "first_x": xText(first.x),
                            "last": words(last.y!, last.qualifier), "last_x": xText(last.x)]))
                    }
                } else {
                    parts.append(labels.text("chart_series_none", ["label": line.label, "missing": texts.missing[0]]))
                }
                if !line.missing.isEmpty && !known.isEmpty {
                    let stretches = line.missing.map { $0.from == $0.to ? xText($0.from) : "\(xText($0.from))–\(xText($0.to))" }
                    parts.append(labels.text("chart_series_missing", ["list": display.list(stretches)]))
                }
                for p in line.points where p.qualifier != nil {
                    // One line needs no name before each year.
                    qualified.append(labels.text(series.count == 1 ? "chart_qualified_x" : "chart_qualified_series",
                                                 ["value": words(p.y!, p.qualifier), "label": line.label, "x": xText(p.x)]))
                }
            }
            if series.count > 6 { parts.append(labels.text("chart_more_series", ["count": String(series.count - 6)])) }
        case .points(let items):
            let placed = spec.kind == .map ? items.filter { $0.lat != nil && $0.lon != nil }
                : items.filter { $0.x != nil && $0.values.first ?? nil != nil }
            parts.append(labels.text(spec.kind == .map ? "chart_map" : "chart_scatter", ["title": texts.title]))
            parts.append(labels.count(spec.kind == .map ? "chart_places" : "chart_points", placed.count))
            let placedKeys = Set(placed.map(\.key))
            let missing = items.filter { !placedKeys.contains($0.key) }
            if !missing.isEmpty { parts.append(labels.text("chart_not_shown", ["list": display.list(missing.map(\.label))])) }
            for item in placed where item.isQualified {
                var values: [String] = []
                if let x = item.x, let q = item.xQualifier { values.append(words(x, q)) }
                for (i, q) in item.qualifiers.enumerated() where q != nil { values.append(words(item.values[i]!, q)) }
                qualified.append(labels.text("chart_qualified_item", ["value": values.joined(separator: ", "), "label": item.label]))
            }
        }
        if !qualified.isEmpty { parts.append(labels.text("chart_qualified", ["list": display.list(qualified)])) }
        return parts.joined(separator: " ")
    }

    static func xText(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : SVG.n(x)
    }

    // MARK: - Sources

    /// The source line: the spec's own `source` text, else the titles of the works the data
    /// dictionary cites, linked (only those the drawn rows cite by id, when they cite any).
    public static func sourceNote(_ own: String?, table: DataTable, rows: [DataTable.Row], columns: [String], display: DataDisplay) -> String? {
        if let own { return htmlEscape(display.labels.source) + ": " + htmlEscape(own) }
        let works = table.citedSources(rows: rows, columns: columns)
        guard !works.isEmpty else { return nil }
        let links = works.map { work in
            "<a href=\"\(htmlEscape(work.path))\">\(htmlEscape(display.text(work.title)))</a>"
        }
        let word = works.count == 1 ? display.labels.source : display.labels.sources
        return "<span class=\"chart-source\">\(htmlEscape(word)): \(links.joined(separator: "; "))</span>"
    }

    // MARK: - The data as a table

    /// The chart's data as an HTML table, for screen readers and for anyone who wants the numbers.
    static func dataTable(_ bound: Bound, spec: ChartSpec, texts: Texts, display: DataDisplay) -> String {
        let labels = display.labels
        var head: [(String, Bool)] = []
        var rows: [[(text: String, numeric: Bool, missing: Bool)]] = []
        func number(_ v: Double?, _ q: Quantity.Qualifier?, decimals: Int, missing: String) -> (String, Bool, Bool) {
            guard let v else { return (missing, true, true) }
            return (display.quantity(Quantity(v, q), decimals: decimals), true, false)
        }
        switch bound {
        case .categories(let items):
            head = [(texts.categoryHeading, false)] + texts.yHeadings.map { ($0, true) }
            let ds = spec.y.indices.map { i in decimals(items.compactMap { $0.values[i] }) }
            rows = items.map { item in
                [(item.label, false, false)] + item.values.indices.map { i in
                    number(item.values[i], item.qualifiers[i], decimals: ds[i], missing: texts.missing[i])
                }
            }
        case .lines(let series, _):
            head = [(texts.seriesHeading, false), (texts.xHeading, true), (texts.yHeadings.first ?? labels.text("chart_series"), true)]
            for line in series {
                let d = decimals(line.points.compactMap(\.y))
                for p in line.points {
                    rows.append([(line.label, false, false), (xText(p.x), true, false),
                                 number(p.y, p.qualifier, decimals: d, missing: texts.missing.first ?? labels.noData)])
                }
            }
        case .points(let items):
            if spec.kind == .map {
                head = [(texts.nameHeading, false), (texts.latHeading, true), (texts.lonHeading, true)] + texts.yHeadings.map { ($0, true) }
                rows = items.map { i in
                    [(i.label, false, false), number(i.lat, nil, decimals: 2, missing: labels.noData),
                     number(i.lon, nil, decimals: 2, missing: labels.noData)]
                        + i.values.indices.map { k in
                            number(i.values[k], i.qualifiers[k], decimals: i.values[k].map { decimals([$0]) } ?? 0, missing: texts.missing[k])
                        }
                }
            } else {
                let dx = decimals(items.compactMap(\.x)), dy = decimals(items.compactMap { $0.values.first ?? nil })
                head = [(texts.nameHeading, false), (texts.xHeading, true), (texts.yHeadings[0], true)]
                rows = items.map { i in
                    [(i.label, false, false), number(i.x, i.xQualifier, decimals: dx, missing: texts.xMissing),
                     number(i.values[0], i.qualifiers[0], decimals: dy, missing: texts.missing[0])]
                }
            }
        }
        var html = "<details class=\"chart-data\"><summary>\(htmlEscape(labels.dataTable))</summary><table><thead><tr>"
        for (title, numeric) in head { html += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(htmlEscape(title))</th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let tag = index == 0 ? "th scope=\"row\"" : "td"
                let close = index == 0 ? "th" : "td"
                let cls = cell.missing ? (cell.numeric ? " class=\"num nodata\"" : " class=\"nodata\"") : cell.numeric ? " class=\"num\"" : ""
                html += "<\(tag)\(cls)>\(htmlEscape(cell.text))</\(close)>"
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        if bound.hasQualified { html += "<p class=\"chart-note\">\(htmlEscape(labels.text("table_qualifier_note")))</p>" }
        return html + "</details>"
    }
}
