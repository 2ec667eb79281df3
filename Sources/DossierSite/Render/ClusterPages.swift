import DossierCharts
import DossierData
import DossierMarkdown
import DossierModel
import DossierTemplates

/// `/clusters/` and `/clusters/<id>/`: the rows of `data/clusters.csv` as pages, with their
/// figures (each with its year and source, "no data" where the cell is empty), time series
/// charts, a locator map and the briefings that concern each cluster.
extension PageRenderer {
    static let tiers: [(id: String, label: String, summary: String)] = [
        ("optimize-upgrade", "Optimize and upgrade", "The five most developed clusters, which the plan asks to raise their quality."),
        ("develop-strengthen", "Develop and strengthen", "Five clusters the plan expects to grow in weight."),
        ("cultivate-develop", "Cultivate and develop", "Nine younger clusters, most without a nationally approved plan."),
    ]

    var clusterTable: DataTable { site.tables["clusters.csv"]! }

    /// Maps need `lat` and `lon`; a clusters.csv without them simply has no maps.
    var hasCoordinates: Bool { clusterTable.columnIndex("lat") != nil && clusterTable.columnIndex("lon") != nil }

    func clusterPage(_ index: Int) throws -> Result {
        let cluster = site.clusters[index]
        let table = clusterTable
        let language = site.config.language
        var rendered: RenderedMarkdown?
        if let narrative = cluster.narrative {
            rendered = try renderBody(narrative.file, displayPath: narrative.displayPath, language: language)
        }
        var diagnostics = rendered?.diagnostics ?? []
        let name = table.value(cluster.row, "name_en") ?? cluster.id
        let common = context.common(language: language, route: cluster.route, title: name, description: cluster.summary, kind: "cluster")
        var ctx: [String: Any] = [:]
        var page = clusterFacts(cluster.row, table: table, diagnostics: &diagnostics)
        page.setText("summary", cluster.summary)
        if let html = rendered?.html, !html.isEmpty { page["narrative"] = html }

        // One line chart per series file that has rows for this cluster.
        var charts: [String] = []
        for path in site.tables.keys.sorted() where path.hasPrefix("series/") {
            let series = site.tables[path]!
            guard series.columnIndex("cluster_id") != nil, series.columnIndex("year") != nil,
                  series.columnIndex("value") != nil,
                  series.rows.contains(where: { series.value($0, "cluster_id") == cluster.id }) else { continue }
            let notes = series.comments.filter { $0.contains(cluster.id) }
            let spec = ChartSpec(
                kind: .line, data: path, x: "year", y: ["value"], series: "cluster_id",
                filter: [("cluster_id", [cluster.id])], title: Self.seriesTitle(series, file: path),
                caption: notes.isEmpty ? nil : notes.joined(separator: " "))
            let (html, found) = Charts.figure(spec, table: series, options: .init(
                language: language, id: "series.\(charts.count + 1)", names: site.clusterNames, specPath: series.path, labels: strings.chartLabels(language)))
            diagnostics += found
            if let html { charts.append(html) }
        }
        page["charts"] = charts
        page["hasCharts"] = !charts.isEmpty

        var locator = ChartSpec(kind: .map, data: "clusters.csv", x: "id", y: [], title: "Location",
                                caption: "Each dot is the first core city of a cluster (GeoNames), not its centre.",
                                highlight: [cluster.id])
        useBasemap(&locator)
        if hasCoordinates {
            let (map, found) = Charts.figure(locator, table: table, options: .init(
                language: language, id: "chart.locator", names: site.clusterNames, specPath: table.path, labels: strings.chartLabels(language),
                basemaps: site.basemaps, compact: true))
            diagnostics += found
            if let map { page["locator"] = map }
        }

        let briefings = (site.briefings[language] ?? []).filter { $0.meta.clusters.contains(cluster.id) }
        page["briefings"] = briefings.prefix(20).map(context.card)
        page["hasBriefings"] = !briefings.isEmpty
        page["moreBriefings"] = briefings.count > 20 ? briefings.count : false
        ctx["cluster"] = page
        ctx["clustersIndex"] = site.url(SiteRoutes.clusters)
        diagnostics += try writeUntyped("cluster", common: common, ctx, to: cluster.route.outputFile)
        return .page(cluster.route, diagnostics: diagnostics)
    }

    func clusterIndex() throws -> Result {
        let table = clusterTable
        let language = site.config.language
        var diagnostics: [Diagnostic] = []
        var ctx: [String: Any] = [:]
        let common = context.common(
            language: language, route: SiteRoutes.clusters, title: "City clusters",
            description: "The city clusters in the data, grouped by tier, with their figures compared.", kind: "clusters")
        var tiers: [[String: Any]] = []
        let known = Set(Self.tiers.map(\.id))
        var groups = Self.tiers.map { ($0.id, $0.label, $0.summary) }
        let others = site.clusters.filter { !known.contains(table.value($0.row, "tier") ?? "") }
        if !others.isEmpty { groups.append(("", "Other", "")) }
        for (id, label, summary) in groups {
            let members = id.isEmpty ? others : site.clusters.filter { table.value($0.row, "tier") == id }
            guard !members.isEmpty else { continue }
            tiers.append([
                "label": label, "summary": summary, "count": members.count,
                "clusters": members.map { cluster -> [String: Any] in
                    var item = clusterFacts(cluster.row, table: table, diagnostics: &diagnostics)
                    item["url"] = site.url(cluster.route)
                    return item
                },
            ])
        }
        ctx["tiers"] = tiers

        var charts: [String] = []
        let comparisons: [(column: String, title: String, subtitle: String, unit: String)] = [
            ("population_m", "Population", "Million residents, in each cluster's latest year in the data", "million"),
            ("gdp_bn_cny", "GDP", "Billion yuan at current prices, in each cluster's latest year in the data", "bn yuan"),
            ("area_km2", "Land area", "Square kilometres, as stated by each source", "km²"),
        ]
        for (column, title, subtitle, unit) in comparisons where table.columnIndex(column) != nil {
            let spec = ChartSpec(kind: .bar, data: "clusters.csv", x: "id", y: [column], sort: .descending,
                                 title: title, subtitle: subtitle, unit: unit)
            let (html, found) = Charts.figure(spec, table: table, options: .init(
                language: language, id: "compare.\(column)", names: site.clusterNames, specPath: table.path, labels: strings.chartLabels(language)))
            diagnostics += found
            if let html { charts.append(html) }
        }
        // GDP per person only where population and GDP share a year; the others show "no data".
        if table.columnIndex("gdp_bn_cny") != nil && table.columnIndex("population_m") != nil {
        let perPerson = DataTable(path: table.path, header: ["id", "gdp_per_person"], rows: site.clusters.map { cluster in
            DataTable.Row(line: cluster.row.line, cells: [cluster.id, Self.gdpPerPerson(cluster.row, table: table).value.map { String($0.rounded()) }])
        })
        let perPersonSpec = ChartSpec(
            kind: .bar, data: "clusters.csv", x: "id", y: ["gdp_per_person"], sort: .descending,
            title: "GDP per person", subtitle: "Yuan; only where population and GDP are for the same year",
            unit: "yuan", caption: "Derived here: GDP divided by population, for the rows whose two figures share a year. Scopes still differ between clusters.")
        let (perPersonHTML, found) = Charts.figure(perPersonSpec, table: perPerson, options: .init(
            language: language, id: "compare.gdp-per-person", names: site.clusterNames, specPath: table.path, labels: strings.chartLabels(language)))
        diagnostics += found
        if let perPersonHTML { charts.append(perPersonHTML) }
        }
        ctx["charts"] = charts

        var map = ChartSpec(kind: .map, data: "clusters.csv", x: "id", y: [], title: "Where the clusters are",
                            subtitle: "First core city of each cluster (GeoNames points)",
                            priority: [("tier", ["optimize-upgrade"])])
        useBasemap(&map)
        if hasCoordinates {
            let (mapHTML, mapFound) = Charts.figure(map, table: table, options: .init(
                language: language, id: "chart.map", names: site.clusterNames, specPath: table.path, labels: strings.chartLabels(language),
                basemaps: site.basemaps))
            diagnostics += mapFound
            if let mapHTML { ctx["map"] = mapHTML }
        }
        diagnostics += try writeUntyped("clusters", common: common, ctx, to: SiteRoutes.clusters.outputFile)
        return .page(SiteRoutes.clusters, diagnostics: diagnostics)
    }

    /// The sample site's outline of China and its neighbours, when it is there (Natural Earth).
    private func useBasemap(_ spec: inout ChartSpec) {
        let basemap = "geo/east_asia_110m.geojson"
        guard let shapes = site.basemaps[basemap], shapes.features.contains(where: { $0.matches(["CHN"]) }) else { return }
        spec.basemap = basemap
        spec.basemapCredit = "Natural Earth"
        spec.focus = ["CHN"]
    }

    /// The figures of one row, formatted, each with its year; "no data" where a cell is empty.
    private func clusterFacts(_ row: DataTable.Row, table: DataTable, diagnostics: inout [Diagnostic]) -> [String: Any] {
        let format = NumberFormat.forLanguage(site.config.language)
        let display = DataDisplay(language: site.config.language, labels: strings.chartLabels(site.config.language))
        func quantity(_ column: String) -> Quantity? {
            guard table.columnIndex(column) != nil else { return nil }
            switch table.quantity(row, column) {
            case .success(let q): return q
            case .failure(let d):
                if !diagnostics.contains(d) { diagnostics.append(d) }
                return nil
            }
        }
        func figure(_ label: String, _ column: String, unit: String, year: String?) -> [String: Any] {
            var f: [String: Any] = ["label": label]
            if let q = quantity(column) {
                // A bound keeps its sign ("> 14,000"): it is never shown as an exact value.
                f["value"] = display.quantity(q, decimals: NumberFormat.decimals(of: q.value)) + (unit.isEmpty ? "" : " " + unit)
                f.setText("year", year.flatMap { table.value(row, $0) })
            }
            return f
        }
        func list(_ column: String) -> [String] {
            (table.value(row, column) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let id = table.value(row, "id") ?? ""
        var facts: [String: Any] = [
            "id": id,
            "name": table.value(row, "name_en") ?? id,
            "provinces": list("provinces"),
            "coreCities": list("core_cities"),
            "coreCitiesText": list("core_cities").joined(separator: ", "),
            "figures": [
                figure("Member cities", "member_cities_count", unit: "", year: nil),
                figure("Population", "population_m", unit: "million", year: "population_year"),
                figure("GDP", "gdp_bn_cny", unit: "bn yuan", year: "gdp_year"),
                figure("Land area", "area_km2", unit: "km²", year: nil),
            ],
            "sources": list("source"),
        ]
        facts.setText("nameZh", table.value(row, "name_zh"))
        facts.setText("notes", table.value(row, "notes"))
        let tier = table.value(row, "tier") ?? ""
        facts.setText("tier", Self.tiers.first { $0.id == tier }?.label ?? tier)
        if let approved = table.value(row, "plan_approved") {
            facts["planApproved"] = Self.monthText(approved)
        }
        let perPerson = Self.gdpPerPerson(row, table: table)
        if let value = perPerson.value {
            facts["gdpPerPerson"] = format.string(value.rounded(), decimals: 0) + " yuan"
            facts.setText("gdpPerPersonYear", table.value(row, "gdp_year"))
        }
        facts.setText("gdpPerPersonNote", perPerson.reason)
        return facts
    }

    /// GDP per person in yuan, only when population and GDP are for the same year.
    static func gdpPerPerson(_ row: DataTable.Row, table: DataTable) -> (value: Double?, reason: String?) {
        func quantity(_ column: String) -> Quantity? {
            if case .success(let q?) = table.quantity(row, column) { return q }
            return nil
        }
        guard let gdp = quantity("gdp_bn_cny"), let population = quantity("population_m"), population.value > 0 else {
            return (nil, "Not shown: the data have no population or no GDP figure for this cluster.")
        }
        let gdpYear = table.value(row, "gdp_year"), populationYear = table.value(row, "population_year")
        guard let gdpYear, gdpYear == populationYear else {
            return (nil, "Not shown: population (\(populationYear ?? "year unknown")) and GDP (\(gdpYear ?? "year unknown")) are for different years.")
        }
        guard gdp.isExact && population.isExact else {
            return (nil, "Not shown: a bound or an approximation divided by another figure is not a figure.")
        }
        return (gdp.value * 1000 / population.value, nil)
    }

    /// `2015-04` → `April 2015`.
    static func monthText(_ value: String) -> String {
        let parts = value.split(separator: "-")
        guard parts.count >= 2, let month = Int(parts[1]), (1...12).contains(month) else { return value }
        return "\(DateFormat.monthNames["en"]![month - 1]) \(parts[0])"
    }

    static func seriesTitle(_ table: DataTable, file: String) -> String {
        if let first = table.comments.first {
            let sentence = first.split(separator: ".").first.map(String.init) ?? first
            return sentence.replacingOccurrences(of: ", long format", with: "")
        }
        return file
    }
}

/// The common fields alone, to build the untyped cluster contexts on.
private struct CommonOnly: PageView {
    var common: CommonView
    static let fields = pageFields()
}

extension PageRenderer {
    /// Cluster pages still build their contexts as dictionaries: the common fields plus `extra`,
    /// rendered against an open shape. Collections replace these pages with typed view models.
    func writeUntyped(_ template: String, common: CommonView, _ extra: [String: Any], to file: String) throws -> [Diagnostic] {
        guard case .object(let base) = CommonOnly(common: common).value else { return [] }
        let pairs = base.pairs.map { ($0.0.name, $0.1) } + extra.sorted { $0.key < $1.key }.map { ($0.key, Self.untyped($0.value)) }
        let rendered = theme.library.render(template, .object(Object(pairs)), components: components[common.lang] ?? [:])
        try output.write(rendered.bytes, to: file)
        return rendered.diagnostics
    }

    private static func untyped(_ any: Any) -> Value {
        switch any {
        case let value as Value: return value
        case let value as any TemplateValue: return value.value
        case let text as String: return .text(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(number)
        case let number as Double: return .double(number)
        case let list as [Any]: return .list(list.map(untyped))
        case let map as [String: Any]: return .object(Object(map.sorted { $0.key < $1.key }.map { ($0.key, untyped($0.value)) }))
        default: return .null
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Mustache treats an empty string as absent; leave absent text out.
    fileprivate mutating func setText(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { self[key] = value }
    }
}
