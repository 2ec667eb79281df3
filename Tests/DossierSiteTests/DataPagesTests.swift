@testable import DossierSite
import DossierModel
import XCTest

/// Chart and table blocks in briefings.
final class DataPagesTests: XCTestCase {
    func makeSite() throws -> SiteFixture {
        let site = try SiteFixture(siteYML: SiteFixture.sampleSiteYML)
        try site.write("data/clusters.csv", """
            # Test data: sources and units
            id,name_en,name_zh,tier,provinces,core_cities,plan_approved,member_cities_count,population_m,population_year,gdp_bn_cny,gdp_year,area_km2,lat,lon,source,notes
            pearl-river-delta,Pearl River Delta,珠江三角洲城市群,optimize-upgrade,Guangdong;Hong Kong SAR,Guangzhou;Shenzhen,2019-02,11,86.17,2020,14000,2023,56000,23.12,113.25,"Macao DSEDT [area]; Newsgd [GDP]","GDP is a lower bound."
            beibu-gulf,Beibu Gulf,北部湾城市群,develop-strengthen,Guangxi,Nanning,2017-01,15,,,,,116600,22.82,108.32,planning.org.cn [area],
            lanzhou-xining,Lanzhou-Xining,兰西城市群,cultivate-develop,Gansu;Qinghai,Lanzhou;Xining,2018-02,9,11.93,2016,487.4,2016,97500,36.06,103.79,Qinghai Daily,
            """)
        try site.write("data/clusters.schema.yml", CollectionTests.clustersSchema)
        try site.write("data/series/gdp.csv", "# GDP, billion yuan, long format.\ncluster_id,year,value\npearl-river-delta,2017,10000\npearl-river-delta,2021,12000\n")
        try site.write("data/series/gdp.schema.yml", CollectionTests.seriesSchema)
        try site.write("briefings/2025/gba.md", briefing(title: "GBA", extra: "clusters: [pearl-river-delta]", body: """
            Text.

            ```chart
            type: bar
            data: clusters.csv
            x: id
            y: gdp_bn_cny
            sort: descending
            title: "GDP"
            ```

            ```table
            data: clusters.csv
            columns: [name_en, population_m]
            ```

            """))
        return site
    }

    func testChartAndTableBlocksBecomeFigures() throws {
        let site = try makeSite()
        try site.build()
        let html = try site.page("briefings/2025/gba/index.html")
        XCTAssertTrue(html.contains("<figure class=\"chart chart-bar\" id=\"chart.gdp\">"), "the id comes from the title")
        XCTAssertTrue(html.contains("<span class=\"chart-title\">GDP</span>"))
        XCTAssertTrue(html.contains("<svg class=\"chart-wide\" viewBox=\"0 0 640 "))
        XCTAssertTrue(html.contains("<svg class=\"chart-narrow\" viewBox=\"0 0 340 "))
        XCTAssertTrue(html.contains("<figure class=\"data-table\" id=\"table.clusters\">"), "no title: the id comes from the data file")
        XCTAssertTrue(html.contains("<td class=\"num\">86.17</td>"))
        XCTAssertTrue(html.contains("<td class=\"num nodata\">no data</td>"))
        XCTAssertFalse(html.contains("type: bar"), "the spec is not shown as code")
    }

    func testChartBlockErrorsNameFileLineKeyAndColumn() throws {
        let site = try makeSite()
        try site.write("briefings/2025/bad.md", briefing(title: "Bad", body: """
            ```chart
            type: pie
            data: clusters.csv
            x: id
            y: gdp
            ```

            ```chart
            type: bar
            data: nowhere.csv
            x: id
            y: value
            ```

            ```chart
            type: bar
            data: clusters.csv
            x: id
            y: gdp_bn_cny
            filter: [broken
            ```

            ```chart
            type: bar
            data: clusters.csv
            x: nope
            y: gdp_bn_cny
            ```

            ```table
            data: clusters.csv
            columns: [name_en, populace]
            ```

            """))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/bad.md:6:7: error: chart 'type': unknown chart type 'pie' (expected bar, column, line, scatter, map, sparkline)",
            "content/briefings/2025/bad.md:14: error: chart 'data': no data file 'nowhere.csv' under content/data/ (found: clusters.csv, series/gdp.csv)",
            "content/briefings/2025/bad.md:25:1: error: invalid YAML: did not find expected ',' or ']'",
            "content/briefings/2025/bad.md:30: error: chart 'x': unknown column 'nope' in clusters.csv (columns: id, name_en, name_zh, tier, provinces, core_cities, plan_approved, member_cities_count, population_m, population_year, gdp_bn_cny, gdp_year, area_km2, lat, lon, source, notes)",
            "content/briefings/2025/bad.md:36: error: table 'columns': unknown column 'populace' in clusters.csv (columns: id, name_en, name_zh, tier, provinces, core_cities, plan_approved, member_cities_count, population_m, population_year, gdp_bn_cny, gdp_year, area_km2, lat, lon, source, notes)",
        ])
    }

    func testNonNumericCellIsAnErrorAtItsCSVLine() throws {
        let site = try makeSite()
        try site.write("data/series/gdp.csv", "# note\ncluster_id,year,value\npearl-river-delta,2017,10000\npearl-river-delta,2021,about 12000\n")
        try site.write("data/series/gdp.schema.yml", "fields:\n  - {name: cluster_id}\n  - {name: year, type: year}\n  - {name: value, type: number}\n")
        XCTAssertEqual(site.failingBuild(), [
            "content/data/series/gdp.csv:4: error: column 'value' must hold numbers, found 'about 12000' (leave the cell empty for no data)",
        ])
    }

    func testBrokenCSVIsReported() throws {
        let site = try makeSite()
        try site.write("data/broken.csv", "a,b\n1,2,3\n\"open,4\n")
        XCTAssertEqual(site.failingBuild(), ["content/data/broken.csv:3: error: unterminated quoted field"])
        try site.write("data/broken.csv", "a,b\n1,2,3\n")
        XCTAssertEqual(site.failingBuild(), ["content/data/broken.csv:2: error: row has 3 fields, the header has 2"])
    }

}
