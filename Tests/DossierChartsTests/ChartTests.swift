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
    static let clusters: DataTable = {
        let csv = """
            # Test data
            id,name_en,tier,population_m,population_year,gdp_bn_cny,area_km2,lat,lon
            yrd,Yangtze River Delta,optimize-upgrade,150,2014,12670,211700,31.22,121.46
            prd,Pearl River Delta (Greater Bay Area),optimize-upgrade,86.17,2020,14000,56000,23.12,113.25
            bbg,Beibu Gulf,develop-strengthen,,,,116600,22.82,108.32
            lx,Lanzhou-Xining <script>alert(1)</script>,cultivate-develop,11.93,2016,487.4,97500,36.06,103.79
            """
        return DataTable.parse(csv, path: "clusters.csv").0!
    }()

    static let series: DataTable = {
        let csv = """
            cluster_id,year,value
            prd,2017,10000
            prd,2018,10800
            prd,2021,12000
            prd,2022,13000
            prd,2023,14000
            myr,2014,6000
            myr,2017,7900
            cc,2017,
            """
        return DataTable.parse(csv, path: "series.csv").0!
    }()

    func figure(_ spec: ChartSpec, table: DataTable = ChartTests.clusters, language: String = "en") -> String {
        let (html, diagnostics) = Charts.figure(spec, table: table, options: .init(
            language: language, id: "c1", names: ["prd": "Pearl River Delta", "myr": "Middle Yangtze", "cc": "Chengdu-Chongqing"]))
        XCTAssertEqual(diagnostics, [])
        return html ?? ""
    }

    static let specs: [(String, ChartSpec)] = [
        ("bar", ChartSpec(kind: .bar, data: "clusters.csv", x: "name_en", y: ["gdp_bn_cny"], sort: .descending,
                          title: "GDP", unit: "bn yuan", source: "test")),
        ("column", ChartSpec(kind: .column, data: "clusters.csv", x: "id", y: ["population_m"], title: "Population")),
        ("grouped", ChartSpec(kind: .bar, data: "clusters.csv", x: "id", y: ["population_m", "area_km2"], title: "Two")),
        ("line", ChartSpec(kind: .line, data: "series.csv", x: "year", y: ["value"], series: "cluster_id", title: "GDP over time", unit: "bn yuan")),
        ("scatter", ChartSpec(kind: .scatter, data: "clusters.csv", x: "population_m", y: ["gdp_bn_cny"], title: "Scatter")),
        ("map", ChartSpec(kind: .map, data: "clusters.csv", x: "id", y: [], title: "Map", highlight: ["bbg"])),
        ("sparkline", ChartSpec(kind: .sparkline, data: "series.csv", x: "year", y: ["value"], filter: [("cluster_id", ["prd"])])),
    ]

    func testEveryChartTypeMatchesItsGoldenFile() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let update = ProcessInfo.processInfo.environment["DOSSIER_UPDATE_GOLDEN"] == "1"
        for (name, spec) in Self.specs {
            // One element per line, so that a change reads as a small diff.
            let html = figure(spec, table: spec.data == "series.csv" ? Self.series : Self.clusters)
                .replacingOccurrences(of: "><", with: ">\n<") + "\n"
            let file = folder.appendingPathComponent("\(name).html")
            if update { try html.write(to: file, atomically: true, encoding: .utf8); continue }
            XCTAssertEqual(html, try String(contentsOf: file, encoding: .utf8), "\(name) differs from Golden/\(name).html")
        }
    }

    func testEverySVGIsWellFormedAndAccessible() throws {
        for (name, spec) in Self.specs {
            let html = figure(spec, table: spec.data == "series.csv" ? Self.series : Self.clusters)
            let parser = XMLParser(data: Data(html.utf8))
            XCTAssertTrue(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
            for svg in html.components(separatedBy: "<svg").dropFirst() {
                XCTAssertTrue(svg.contains("role=\"img\""), name)
                XCTAssertTrue(svg.contains("viewBox=\"0 0 "), name)
                XCTAssertTrue(svg.contains("<title id="), name)
                XCTAssertTrue(svg.contains("<desc id="), name)
            }
            XCTAssertTrue(html.contains("<details class=\"chart-data\"><summary>Data table</summary><table>"), name)
            XCTAssertFalse(html.contains("rotate"), "\(name): no rotated labels")
            XCTAssertFalse(html.contains("<script>"), "\(name): labels are escaped")
        }
    }

    func testDescriptionNamesTopAndBottomAndMissing() {
        let html = figure(Self.specs[0].1)
        XCTAssertTrue(html.contains("Highest: Pearl River Delta (Greater Bay Area), 14,000. Lowest: Lanzhou-Xining &lt;script&gt;alert(1)&lt;/script&gt;, 487.4. No data for 1."))
    }

    func testBarsStartAtZeroAndMissingValuesSayNoData() {
        let html = figure(Self.specs[0].1)
        XCTAssertTrue(html.contains("class=\"chart-zero\""))
        XCTAssertTrue(html.contains(">0</text>"), "the axis starts at zero")
        XCTAssertTrue(html.contains("<text class=\"chart-nodata\""), "an explicit no-data mark")
        XCTAssertTrue(html.contains("<td class=\"nodata\">no data</td>"))
        // Missing values are listed last, not sorted as zero.
        let labels = html.components(separatedBy: "class=\"chart-label\"").dropFirst().map { $0.components(separatedBy: "</text>")[0] }
        XCTAssertTrue(labels.first?.hasSuffix(">Pearl River Delta (Greater Bay") == true || labels.first?.contains("Pearl River") == true)
        XCTAssertTrue(labels.last?.hasSuffix(">Beibu Gulf") == true)
    }

    func testGermanNumbers() {
        let html = figure(Self.specs[0].1, language: "de")
        XCTAssertTrue(html.contains(">14.000</text>"))
        XCTAssertTrue(html.contains(">487,4</text>"))
    }

    func testLineGapsAreDashedNeverZero() {
        let html = figure(Self.specs[3].1, table: Self.series)
        XCTAssertTrue(html.contains("class=\"chart-gap s1\""), "2018→2021 has no data in between")
        XCTAssertTrue(html.contains("<td class=\"nodata\">no data</td>"), "an empty cell is shown as no data")
        XCTAssertTrue(html.contains("Chengdu-Chongqing: no data."))
        XCTAssertFalse(html.contains(">2017.5<"), "time axes use whole years")
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
        for (_, spec) in Self.specs {
            let table = spec.data == "series.csv" ? Self.series : Self.clusters
            XCTAssertEqual(figure(spec, table: table), figure(spec, table: table))
        }
    }

    func testTableBlockFormatsAndAligns() {
        let spec = TableSpec(data: "clusters.csv", columns: [
            .init(column: "name_en", label: "Cluster"), .init(column: "gdp_bn_cny", label: "GDP"),
            .init(column: "population_year", label: "Year", numeric: false),
        ], sort: .descending, sortBy: "gdp_bn_cny")
        let (html, diagnostics) = Tables.html(spec, table: Self.clusters, options: .init(language: "de", id: "t1"))
        XCTAssertEqual(diagnostics, [])
        let table = html ?? ""
        XCTAssertTrue(table.contains("<th scope=\"col\" class=\"num\">GDP</th>"))
        XCTAssertTrue(table.contains("<td class=\"num\">14.000,0</td>"))
        XCTAssertTrue(table.contains("<td class=\"nodata\">no data</td>"))
        XCTAssertTrue(table.contains("Lanzhou-Xining &lt;script&gt;"))
        XCTAssertTrue(table.range(of: "Pearl River")!.lowerBound < table.range(of: "Yangtze")!.lowerBound, "sorted by GDP")
        XCTAssertTrue(table.range(of: "Lanzhou")!.lowerBound < table.range(of: "Beibu")!.lowerBound, "missing last")
    }
}
