@testable import DossierCharts
import DossierData
import DossierModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Charts drawn from small tables: structure, accessibility, missing values, escaping, and
/// whole-figure snapshots in `Golden/` (regenerate with `DOSSIER_UPDATE_GOLDEN=1 swift test`).
final class ChartTests: XCTestCase {
    static func localized(_ en: String, _ de: String) -> Localized { .languages(["en": en, "de": de]) }

    /// The dictionary of the test table: titles, units, labels, a missing-value text, a qualified field.
    static let clustersSchema = TableSchema(
        path: "clusters.schema.yml",
        fields: [
            FieldSchema(name: "id", title: localized("Cluster", "Cluster")),
            FieldSchema(name: "name_en", title: localized("Name", "Name")),
            FieldSchema(name: "tier", title: localized("Tier", "Stufe"), enumValues: ["optimize-upgrade", "develop-strengthen", "cultivate-develop"],
                        labels: ["optimize-upgrade": localized("Optimize and upgrade", "Optimieren und aufwerten"),
                                 "develop-strengthen": localized("Develop and strengthen", "Entwickeln und stärken"),
                                 "cultivate-develop": localized("Cultivate and develop", "Heranbilden und entwickeln")]),
            FieldSchema(name: "population_m", title: localized("Population", "Bevölkerung"), type: .number,
                        unit: localized("million", "Mio."), year: "population_year"),
            FieldSchema(name: "population_year", title: localized("Population year", "Jahr der Bevölkerungszahl"), type: .year),
            FieldSchema(name: "gdp_bn_cny", title: localized("GDP", "BIP"), type: .number,
                        missing: localized("not reported", "nicht gemeldet"), unit: localized("bn yuan", "Mrd. Yuan"), qualifiers: true),
            FieldSchema(name: "area_km2", title: localized("Land area", "Landfläche"), type: .number, unit: .plain("km²")),
            FieldSchema(name: "lat", title: localized("Latitude", "Breite"), type: .number),
            FieldSchema(name: "lon", title: localized("Longitude", "Länge"), type: .number),
        ],
        primaryKey: ["id"],
        sources: [.init(title: localized("Test statistics", "Teststatistik"), path: "https://example.org/statistics")])

    static let clustersCSV = """
        # Test data
        id,name_en,tier,population_m,population_year,gdp_bn_cny,area_km2,lat,lon
        yrd,Yangtze River Delta,optimize-upgrade,150,2014,12670,211700,31.22,121.46
        prd,Pearl River Delta (Greater Bay Area),optimize-upgrade,86.17,2020,>14000,56000,23.12,113.25
        bbg,Beibu Gulf,develop-strengthen,,,,116600,22.82,108.32
        lx,Lanzhou-Xining <script>alert(1)</script>,cultivate-develop,11.93,2016,487.4,97500,36.06,103.79
        """

    static let clusters: DataTable = {
        let (table, diagnostics) = DataTable.parse(clustersCSV, path: "clusters.csv").0!.attaching(clustersSchema)
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return table
    }()

    /// The same rows without a dictionary (and without the qualifier, which needs one).
    static let plainClusters: DataTable = DataTable.parse(clustersCSV.replacingOccurrences(of: ">14000", with: "14000"), path: "clusters.csv").0!

    static let seriesSchema = TableSchema(
        path: "series.schema.yml",
        fields: [
            FieldSchema(name: "cluster_id", title: localized("Cluster", "Cluster")),
            FieldSchema(name: "year", title: localized("Year", "Jahr"), type: .year),
            FieldSchema(name: "value", title: localized("GDP", "BIP"), type: .number, unit: localized("bn yuan", "Mrd. Yuan"),
                        qualifiers: true),
        ])

    static let series: DataTable = {
        let csv = """
            cluster_id,year,value
            prd,2017,~10000
            prd,2018,10800
            prd,2021,>12000
            prd,2022,>13000
            prd,2023,>14000
            myr,2014,6000
            myr,2017,7900
            cc,2017,
            """
        return DataTable.parse(csv, path: "series.csv").0!.attaching(seriesSchema).0
    }()

    static let names = ["prd": "Pearl River Delta", "myr": "Middle Yangtze", "cc": "Chengdu-Chongqing"]

    /// The theme's interface words of a language, as the site passes them (English built in).
    static func labels(_ language: String) -> Charts.Labels {
        guard language != "en" else { return Charts.Labels() }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../templates/i18n/\(language).yml").standardizedFileURL
        var strings: [String: String] = [:]
        // The i18n files are flat `key: "text"` lines.
        for line in ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            strings[String(line[..<colon])] = value.hasPrefix("\"") ? String(value.dropFirst().dropLast()) : value
        }
        return Charts.Labels(strings)
    }

    func figure(_ spec: ChartSpec, table: DataTable = ChartTests.clusters, language: String = "en",
                basemaps: [String: GeoShapes] = [:]) -> String {
        let (html, diagnostics) = Charts.figure(spec, table: table, options: .init(
            language: language, id: "c1", names: Self.names, labels: Self.labels(language), basemaps: basemaps))
        XCTAssertEqual(diagnostics, [])
        return html ?? ""
    }

    static let specs: [(String, ChartSpec)] = [
        ("bar", ChartSpec(kind: .bar, data: "clusters.csv", x: "name_en", y: ["gdp_bn_cny"], sort: .descending,
                          title: "GDP", unit: "bn yuan", source: "test")),
        ("column", ChartSpec(kind: .column, data: "clusters.csv", x: "id", y: ["population_m"], title: "Population")),
        ("grouped", ChartSpec(kind: .bar, data: "clusters.csv", x: "id", y: ["population_m", "area_km2"], title: "Two")),
        ("line", ChartSpec(kind: .line, data: "series.csv", x: "year", y: ["value"], series: "cluster_id", title: "GDP over time")),
        ("scatter", ChartSpec(kind: .scatter, data: "clusters.csv", x: "population_m", y: ["gdp_bn_cny"], label: "name_en", title: "Scatter")),
        ("map", ChartSpec(kind: .map, data: "clusters.csv", x: "id", y: [], label: "name_en", title: "Map", highlight: ["bbg"])),
        ("sparkline", ChartSpec(kind: .sparkline, data: "series.csv", x: "year", y: ["value"], filter: [("cluster_id", ["prd"])])),
    ]

    /// The table of each golden: the column chart shows a table without a dictionary.
    static func table(for name: String, _ spec: ChartSpec) -> DataTable {
        spec.data == "series.csv" ? series : name == "column" ? plainClusters : clusters
    }

    func testEveryChartTypeMatchesItsGoldenFile() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let update = ProcessInfo.processInfo.environment["DOSSIER_UPDATE_GOLDEN"] == "1"
        for (name, spec) in Self.specs {
            // One element per line, so that a change reads as a small diff.
            let html = figure(spec, table: Self.table(for: name, spec)).replacingOccurrences(of: "><", with: ">\n<") + "\n"
            let file = folder.appendingPathComponent("\(name).html")
            if update { try html.write(to: file, atomically: true, encoding: .utf8); continue }
            XCTAssertEqual(html, try String(contentsOf: file, encoding: .utf8), "\(name) differs from Golden/\(name).html")
        }
    }

    func testEverySVGIsWellFormedAndAccessible() throws {
        for (name, spec) in Self.specs {
            for language in ["en", "de"] {
                let html = figure(spec, table: Self.table(for: name, spec), language: language)
                let parser = XMLParser(data: Data(html.utf8))
                XCTAssertTrue(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
                for svg in html.components(separatedBy: "<svg").dropFirst() {
                    XCTAssertTrue(svg.contains("role=\"img\""), name)
                    XCTAssertTrue(svg.contains("viewBox=\"0 0 "), name)
                    XCTAssertTrue(svg.contains("<title id="), name)
                    XCTAssertTrue(svg.contains("<desc id="), name)
                }
                XCTAssertTrue(html.contains("<details class=\"chart-data\"><summary>\(language == "de" ? "Datentabelle" : "Data table")</summary><table>"), name)
                XCTAssertFalse(html.contains("rotate"), "\(name): no rotated labels")
                XCTAssertFalse(html.contains("<script>"), "\(name): labels are escaped")
            }
        }
    }

    /// No two texts of any chart overlap, at either width: the unit above the value axis stays
    /// clear of the top tick label, tick labels of each other, value labels of category labels.
    func testNoTwoTextsOfAChartOverlap() {
        for (name, spec) in Self.specs where spec.kind != .sparkline && spec.kind != .map {  // maps: MapTests
            let html = figure(spec, table: Self.table(for: name, spec))
            for svg in html.components(separatedBy: "<svg class=\"").dropFirst() {
                let font = svg.hasPrefix("chart-wide") ? 13.0 : 12.0
                let boxes = TextBoxes.parse(svg, font: font)
                XCTAssertGreaterThan(boxes.count, 2, name)
                for (i, a) in boxes.enumerated() {
                    for b in boxes[(i + 1)...] where a.box.intersects(b.box) {
                        XCTFail("\(name) \(svg.prefix(11)): '\(a.text)' overlaps '\(b.text)'")
                    }
                }
            }
        }
    }

    func testTheUnitStandsClearAboveTheTopTick() {
        let html = figure(Self.specs[3].1, table: Self.series)
        let wide = html.components(separatedBy: "<svg class=\"chart-narrow\"")[0]
        let boxes = TextBoxes.parse(wide, font: 13)
        let unit = boxes.first { $0.cls == "chart-axis-title" }!
        XCTAssertEqual(unit.text, "bn yuan", "the dictionary's unit, in the page's language")
        let topTick = boxes.filter { $0.cls == "chart-tick" && $0.anchor == .end }.min { $0.box.y0 < $1.box.y0 }!
        XCTAssertGreaterThanOrEqual(topTick.box.y0 - unit.box.y1, 4, "4 px between the unit and the top tick label")
        XCTAssertEqual(TextBoxes.parse(figure(Self.specs[3].1, table: Self.series, language: "de"), font: 13)
            .first { $0.cls == "chart-axis-title" }?.text, "Mrd. Yuan")
    }

    func testPhoneAxisKeepsTheFirstAndLastYear() {
        let html = figure(ChartSpec(kind: .line, data: "series.csv", x: "year", y: ["value"], series: "cluster_id",
                                    filter: [("cluster_id", ["prd"])]), table: Self.series)
        for part in html.components(separatedBy: "<svg class=\"").dropFirst() {
            let years = TextBoxes.parse(part, font: 12).filter { $0.cls == "chart-tick" && $0.anchor == .middle }.map(\.text)
            XCTAssertEqual(years.first, "2017", String(part.prefix(11)))
            XCTAssertEqual(years.last, "2023", String(part.prefix(11)))
            XCTAssertGreaterThanOrEqual(years.count, 3)
        }
    }

    // MARK: - Gaps

    /// One rule for every line: a dashed bridge across missing x values, whether the cell is
    /// empty or the year absent, and a note that says so.
    func testEveryGapIsBridgedTheSameWay() {
        // Absent years: Middle Yangtze 2014 → 2017 in a file whose interval is one year.
        let myr = figure(ChartSpec(kind: .line, data: "series.csv", x: "year", y: ["value"], series: "cluster_id",
                                   filter: [("cluster_id", ["myr"])], title: "MYR"), table: Self.series)
        XCTAssertTrue(myr.contains("class=\"chart-gap s1\""), "2015 and 2016 are missing")
        XCTAssertFalse(myr.contains("class=\"chart-line s1\""), "no solid line across the gap")
        XCTAssertTrue(myr.contains("No value for 2015–2016."))
        XCTAssertTrue(myr.contains("A dashed line bridges a stretch without values; it is not a measured path."))

        // An explicit empty cell between two values is bridged the same way.
        let csv = "k,year,value\na,2010,1\na,2011,\na,2012,3\na,2013,4\n"
        let table = DataTable.parse(csv, path: "t.csv").0!
        let empty = figure(ChartSpec(kind: .line, data: "t.csv", x: "year", y: ["value"], series: "k"), table: table)
        XCTAssertTrue(empty.contains("class=\"chart-gap s1\""))
        XCTAssertTrue(empty.contains("No value for 2011."))
        XCTAssertTrue(empty.contains("<td class=\"num nodata\">no data</td>"), "the empty cell is shown as no data")
        let wide = empty.components(separatedBy: "<svg class=\"chart-narrow\"")[0]
        XCTAssertEqual(wide.components(separatedBy: "class=\"chart-gap").count - 1, 1)
        XCTAssertEqual(wide.components(separatedBy: "class=\"chart-line").count - 1, 1, "2012–2013 solid, 2010 alone")

        // A series with no gap draws no bridge and no note.
        let whole = figure(ChartSpec(kind: .line, data: "t.csv", x: "year", y: ["value"], series: "k",
                                     filter: [("year", ["2012", "2013"])]), table: table)
        XCTAssertFalse(whole.contains("chart-gap"))
        XCTAssertFalse(whole.contains("dashed line"))

        // A series whose data come every five years is not a gap every five years.
        let census = DataTable.parse("k,year,value\na,2000,1\na,2005,2\na,2010,3\n", path: "c.csv").0!
        XCTAssertFalse(figure(ChartSpec(kind: .line, data: "c.csv", x: "year", y: ["value"], series: "k"), table: census).contains("chart-gap"))
    }

    func testLineGapsAreDashedNeverZero() {
        let html = figure(Self.specs[3].1, table: Self.series)
        XCTAssertTrue(html.contains("class=\"chart-gap s1\""), "2018→2021 has no data in between")
        XCTAssertTrue(html.contains("<td class=\"num nodata\">no data</td>"), "an empty cell is shown as no data")
        XCTAssertTrue(html.contains("Chengdu-Chongqing: no data."))
        XCTAssertFalse(html.contains(">2017.5<"), "time axes use whole years")
    }

    func testAValueAtALinesEndIsNeverCut() {
        let (table, _) = DataTable.parse("year,value\n2017,70\n2019,72\n2020,86.17\n", path: "p.csv")
        let html = figure(ChartSpec(kind: .line, data: "p.csv", x: "year", y: ["value"], title: "Population"), table: table!)
        let narrow = html.components(separatedBy: "<svg class=\"chart-narrow\"")[1]
        XCTAssertTrue(narrow.contains(">86.17</text>"), "the phone drawing writes the whole value")
        XCTAssertFalse(narrow.contains("…"))
    }

    // MARK: - Qualified values

    func testQualifiedPointsAreOpenMarksWithArrowsAndWords() {
        let html = figure(Self.specs[3].1, table: Self.series)
        let wide = html.components(separatedBy: "<svg class=\"chart-narrow\"")[0]
        XCTAssertEqual(wide.components(separatedBy: "chart-dot chart-open s1").count - 1, 4, "~10000 and three lower bounds")
        XCTAssertEqual(wide.components(separatedBy: "class=\"chart-arrow s1\"").count - 1, 3, "an arrow for each bound, none for about")
        XCTAssertTrue(html.contains("Pearl River Delta: about 10,000 in 2017 to more than 14,000 in 2023."))
        XCTAssertTrue(html.contains("Not exact, drawn as open marks: about 10,000 for Pearl River Delta in 2017, more than 12,000 for Pearl River Delta in 2021"))
        XCTAssertTrue(html.contains("<td class=\"num\">&gt;\u{00A0}14,000</td>"))
        XCTAssertTrue(html.contains("<td class=\"num\">≈\u{00A0}10,000</td>"))
        XCTAssertTrue(html.contains("Open marks and the signs &gt; (more than)"))
        let de = figure(Self.specs[3].1, table: Self.series, language: "de")
        XCTAssertTrue(de.contains("Pearl River Delta: von etwa 10.000 (2017) bis mehr als 14.000 (2023)."))
        XCTAssertTrue(de.contains("<td class=\"num\">&gt;\u{00A0}14.000</td>"))
        // One line: the years alone.
        let single = figure(Self.specs[6].1, table: Self.series)
        XCTAssertTrue(single.contains("Not exact, drawn as open marks: about 10,000 in 2017, more than 12,000 in 2021"))
    }

    func testQualifiedBarsAreOpenWithAnArrowAndSortByTheirNumber() {
        let html = figure(Self.specs[0].1)
        let wide = html.components(separatedBy: "<svg class=\"chart-narrow\"")[0]
        XCTAssertTrue(wide.contains("class=\"chart-bar chart-open s1\""))
        XCTAssertEqual(wide.components(separatedBy: "class=\"chart-arrow s1\"").count - 1, 1)
        XCTAssertTrue(wide.contains(">&gt;\u{00A0}14,000</text>"), "the value label keeps its sign")
        XCTAssertTrue(html.contains("Highest: Pearl River Delta (Greater Bay Area), more than 14,000."))
        let labels = wide.components(separatedBy: "class=\"chart-label\"").dropFirst().map { $0.components(separatedBy: "</text>")[0] }
        XCTAssertTrue(labels.first?.contains("Pearl River") == true, "sorted by its number")
        // The arrow stands beyond the bar's end and points away from zero.
        let bar = TextBoxes.attribute(wide.components(separatedBy: "class=\"chart-bar chart-open s1\"")[1], "width")
        let arrow = wide.components(separatedBy: "class=\"chart-arrow s1\" d=\"M")[1].prefix { $0 != "\"" }
        let xs = arrow.split(whereSeparator: { $0 == "L" }).compactMap { Double($0.split(separator: " ")[0]) }
        let barX = TextBoxes.attribute(wide.components(separatedBy: "class=\"chart-bar chart-open s1\"")[1], "x")
        XCTAssertEqual(xs.count, 3)
        XCTAssertGreaterThan(xs[1], xs[0], "the tip is further out than the base")
        XCTAssertGreaterThan(xs[0], barX + bar, "beyond the bar's end")
    }

    func testBoundArrowGeometry() {
        // Bars growing right: "more than" points right beyond the end, "less than" back left.
        XCTAssertEqual(boundArrow(end: 100, away: 1, towards: 1).tip, 108)
        XCTAssertEqual(boundArrow(end: 100, away: 1, towards: 1).base, 103)
        XCTAssertEqual(boundArrow(end: 100, away: 1, towards: -1).tip, 102)
        XCTAssertEqual(boundArrow(end: 100, away: 1, towards: -1).base, 107)
        // Columns growing up (screen y decreases): "more than" points up.
        XCTAssertEqual(boundArrow(end: 50, away: -1, towards: -1).tip, 42)
        XCTAssertEqual(boundArrow(end: 50, away: -1, towards: -1).base, 47)
    }

    // MARK: - Words from the dictionary

    func testHeadingsAndLabelsComeFromTheDictionary() {
        let html = figure(ChartSpec(kind: .bar, data: "clusters.csv", x: "tier", y: ["gdp_bn_cny"]))
        XCTAssertTrue(html.contains("<th scope=\"col\">Tier</th><th scope=\"col\" class=\"num\">GDP (bn yuan)</th>"))
        XCTAssertTrue(html.contains(">Optimize and upgrade</text>"), "enum labels for categories")
        XCTAssertTrue(html.contains("<td class=\"num nodata\">not reported</td>"), "the column's own missing text")
        XCTAssertTrue(html.contains(">not reported</text>"))
        XCTAssertTrue(html.contains("<title id=\"c1-w-t\">GDP by Tier</title>"), "a default title from titles")
        XCTAssertTrue(html.contains("Source: <a href=\"https://example.org/statistics\">Test statistics</a>"))
        let de = figure(ChartSpec(kind: .bar, data: "clusters.csv", x: "tier", y: ["gdp_bn_cny"]), language: "de")
        XCTAssertTrue(de.contains("<th scope=\"col\">Stufe</th><th scope=\"col\" class=\"num\">BIP (Mrd. Yuan)</th>"))
        XCTAssertTrue(de.contains(">Optimieren und aufwerten</text>"))
        XCTAssertTrue(de.contains("<td class=\"num nodata\">nicht gemeldet</td>"))
        XCTAssertTrue(de.contains("Quelle: <a href=\"https://example.org/statistics\">Teststatistik</a>"))
        XCTAssertTrue(de.contains("<title id=\"c1-w-t\">BIP nach Stufe</title>"))

        let map = figure(Self.specs[5].1)
        XCTAssertTrue(map.contains("<th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Latitude</th><th scope=\"col\" class=\"num\">Longitude</th>"),
                      "never name/lat/lon")
        let plainMap = figure(Self.specs[5].1, table: Self.plainClusters, language: "de")
        XCTAssertTrue(plainMap.contains("<th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Breite</th><th scope=\"col\" class=\"num\">Länge</th>"),
                      "without a dictionary, the interface's words")
    }

    func testDescriptionNamesTopAndBottomAndMissing() {
        let html = figure(Self.specs[0].1)
        XCTAssertTrue(html.contains("Bar chart: GDP. 4 items. Highest: Pearl River Delta (Greater Bay Area), more than 14,000. Lowest: Lanzhou-Xining &lt;script&gt;alert(1)&lt;/script&gt;, 487.4. Without a value (not reported): Beibu Gulf."))
        let de = figure(Self.specs[0].1, language: "de")
        XCTAssertTrue(de.contains("Balkendiagramm: GDP. 4 Einträge. Höchster Wert: Pearl River Delta (Greater Bay Area), mehr als 14.000."))
    }

    func testBarsStartAtZeroAndMissingValuesSayNoData() {
        let html = figure(Self.specs[0].1, table: Self.plainClusters)
        XCTAssertTrue(html.contains("class=\"chart-zero\""))
        XCTAssertTrue(html.contains(">0</text>"), "the axis starts at zero")
        XCTAssertTrue(html.contains("<text class=\"chart-nodata\""), "an explicit no-data mark")
        XCTAssertTrue(html.contains("<td class=\"num nodata\">no data</td>"))
        // Missing values are listed last, not sorted as zero.
        let labels = html.components(separatedBy: "class=\"chart-label\"").dropFirst().map { $0.components(separatedBy: "</text>")[0] }
        XCTAssertTrue(labels.first?.contains("Pearl River") == true)
        XCTAssertTrue(labels.last?.hasSuffix(">Beibu Gulf") == true)
    }

    func testGermanNumbers() {
        let html = figure(Self.specs[0].1, table: Self.plainClusters, language: "de")
        XCTAssertTrue(html.contains(">14.000</text>"))
        XCTAssertTrue(html.contains(">487,4</text>"))
    }

    func testNineteenRankedBarsKeepTheirLabelsApart() {
        var csv = "id,name_en,value\n"
        for i in 0..<19 { csv += "c\(i),Cluster with a rather long name number \(i),\(i * 37 + 5)\n" }
        let table = DataTable.parse(csv, path: "t.csv").0!
        let html = figure(ChartSpec(kind: .bar, data: "t.csv", x: "name_en", y: ["value"], sort: .descending), table: table)
        let wide = html.components(separatedBy: "<svg class=\"chart-narrow\"")[0]
        let ys = wide.components(separatedBy: "class=\"chart-label\"").dropFirst().compactMap { part -> Double? in
            guard let r = part.range(of: "y=\"") else { return nil }
            return Double(part[r.upperBound...].prefix { $0 != "\"" })
        }.sorted()
        XCTAssertGreaterThanOrEqual(ys.count, 19)
        for (a, b) in zip(ys, ys.dropFirst()) { XCTAssertGreaterThanOrEqual(b - a, 13, "labels at \(a) and \(b) overlap") }
    }

    func testColumnsFallBackToBarsWhenLabelsDoNotFit() {
        /// The anchors of the category labels in the wide and the phone drawing: columns centre
        /// their labels under each column, bars right-align them beside each bar.
        func labelAnchors(_ html: String) -> (wide: Set<String>, narrow: Set<String>) {
            let parts = html.components(separatedBy: "<svg class=\"chart-narrow\"")
            func anchors(_ svg: String) -> Set<String> {
                Set(svg.matches(of: /<text class="chart-label"[^>]*?(?: text-anchor="(\w+)")?>/).map { String($0.output.1 ?? "start") })
            }
            return (anchors(parts[0]), anchors(parts.count > 1 ? parts[1] : ""))
        }
        // Long cluster names fit under four columns 640 px wide, not 340 px: there the columns
        // become horizontal bars, never labels cut short or rotated.
        let long = figure(ChartSpec(kind: .column, data: "clusters.csv", x: "name_en", y: ["area_km2"]))
        XCTAssertEqual(labelAnchors(long).wide, ["middle"], "columns where the names fit")
        XCTAssertEqual(labelAnchors(long).narrow, ["end"], "bars where they do not")
        XCTAssertFalse(long.matches(of: /<text class="chart-label"[^>]*text-anchor="middle">[^<]*…</).count > 0, "no column label is cut")
        XCTAssertFalse(long.contains("rotate"))
        // Short ids fit in both: columns.
        let short = figure(ChartSpec(kind: .column, data: "clusters.csv", x: "id", y: ["area_km2"]))
        XCTAssertEqual(labelAnchors(short).wide, ["middle"])
        XCTAssertEqual(labelAnchors(short).narrow, ["middle"])
    }

    func testUnknownColumnsAndNonNumericCellsAreErrors() {
        let bad = DataTable.parse("id,value\na,12\nb,n/a\n", path: "data/t.csv").0!
        let (_, diagnostics) = Charts.figure(
            ChartSpec(kind: .bar, data: "t.csv", x: "id", y: ["value"]), table: bad,
            options: .init(id: "x", specPath: "b.md", specLine: 7))
        XCTAssertEqual(diagnostics.map(\.description),
                       ["data/t.csv:3: error: column 'value' must hold numbers, found 'n/a' (leave the cell empty for no data)"])
        let (_, unknown) = Charts.figure(
            ChartSpec(kind: .bar, data: "t.csv", x: "id", y: ["gdp"]), table: bad,
            options: .init(id: "x", specPath: "b.md", specLine: 7, keyLines: ["y": 11]))
        XCTAssertEqual(unknown.map(\.description), ["b.md:11: error: chart 'y': unknown column 'gdp' in t.csv (columns: id, value)"])
    }

    func testSameInputSameBytes() {
        for (name, spec) in Self.specs {
            let table = Self.table(for: name, spec)
            XCTAssertEqual(figure(spec, table: table), figure(spec, table: table))
        }
    }

    func testTableBlockFormatsAndAligns() {
        let spec = TableSpec(data: "clusters.csv", columns: [
            .init(column: "name_en", label: "Cluster"), .init(column: "gdp_bn_cny", label: "GDP"),
            .init(column: "population_year", label: "Year", numeric: false),
        ], sort: .descending, sortBy: "gdp_bn_cny")
        let (html, diagnostics) = Tables.html(spec, table: Self.plainClusters, options: .init(language: "de", id: "t1", labels: Self.labels("de")))
        XCTAssertEqual(diagnostics, [])
        let table = html ?? ""
        XCTAssertTrue(table.contains("<th scope=\"col\" class=\"num\">GDP</th>"))
        XCTAssertTrue(table.contains("<td class=\"num\">14.000,0</td>"))
        XCTAssertTrue(table.contains("<td class=\"num nodata\">keine Daten</td>"))
        XCTAssertTrue(table.contains("Lanzhou-Xining &lt;script&gt;"))
        XCTAssertTrue(table.range(of: "Pearl River")!.lowerBound < table.range(of: "Yangtze")!.lowerBound, "sorted by GDP")
        XCTAssertTrue(table.range(of: "Lanzhou")!.lowerBound < table.range(of: "Beibu")!.lowerBound, "missing last")
    }

    func testTableBlockReadsTheDictionary() {
        let spec = TableSpec(data: "clusters.csv", columns: [.init(column: "name_en"), .init(column: "tier"),
                                                             .init(column: "gdp_bn_cny"), .init(column: "population_year")],
                             sort: .descending, sortBy: "gdp_bn_cny")
        let (html, diagnostics) = Tables.html(spec, table: Self.clusters, options: .init(language: "en", id: "t1"))
        XCTAssertEqual(diagnostics, [])
        let table = html ?? ""
        XCTAssertTrue(table.contains("<th scope=\"col\">Name</th><th scope=\"col\">Tier</th><th scope=\"col\" class=\"num\">GDP (bn yuan)</th><th scope=\"col\">Population year</th>"))
        XCTAssertTrue(table.contains("<td>Optimize and upgrade</td><td class=\"num\">&gt;\u{00A0}14,000.0</td><td>2020</td>"),
                      "a year is not a number to group: 2020, never 2,020")
        XCTAssertTrue(table.contains("<td class=\"num nodata\">not reported</td>"))
        XCTAssertTrue(table.contains("The signs &gt; (more than)"))
        XCTAssertTrue(table.contains("Source: <a href=\"https://example.org/statistics\">Test statistics</a>"))
        XCTAssertTrue(table.range(of: "Pearl River")!.lowerBound < table.range(of: "Yangtze")!.lowerBound, "a bound sorts by its number")
    }
}

/// Text boxes of an SVG, estimated from TextWidth and the ink of a line of sans-serif text
/// (capitals and ascenders reach 0.76 em above the baseline, descenders 0.22 em below), to
/// check that a drawing keeps its texts apart.
enum TextBoxes {
    static let ascent = 0.76
    static let descent = 0.22

    struct Text {
        var text: String
        var cls: String
        var anchor: SVG.Anchor
        var box: Box
    }

    static func attribute(_ element: Substring, _ name: String) -> Double {
        guard let r = element.range(of: " \(name)=\"") else { return .nan }
        return Double(element[r.upperBound...].prefix { $0 != "\"" }) ?? .nan
    }

    static func attribute(_ element: String, _ name: String) -> Double { attribute(Substring(element), name) }

    static func parse(_ svg: String, font: Double) -> [Text] {
        var result: [Text] = []
        for part in svg.components(separatedBy: "<text class=\"").dropFirst() {
            let cls = String(part.prefix { $0 != "\"" })
            let tag = part.prefix { $0 != ">" }
            let anchor: SVG.Anchor = tag.contains("text-anchor=\"end\"") ? .end : tag.contains("text-anchor=\"middle\"") ? .middle : .start
            let content = part.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            let text = String(content).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            let size = cls.contains("chart-small") ? font - 1.5 : font
            let x = attribute(tag, "x"), y = attribute(tag, "y")
            let width = TextWidth.width(text, fontSize: size)
            let x0 = anchor == .start ? x : anchor == .end ? x - width : x - width / 2
            result.append(Text(text: text, cls: cls, anchor: anchor,
                               box: Box(x0: x0, y0: y - ascent * size, x1: x0 + width, y1: y + descent * size)))
        }
        return result
    }
}
