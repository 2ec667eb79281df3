@testable import DossierSite
import DossierModel
import XCTest

/// Collections: the rows of a CSV file as pages in every language, from site.yml, the data
/// dictionary and templates alone. Two different collections prove that no code knows a column:
/// city clusters (with series and a map) and countries (another id column, path, grouping and
/// enum, a qualified value and a missing value with its own meaning).
final class CollectionTests: XCTestCase {
    static let clustersSchema = """
        title: {en: City clusters, de: Stadtcluster}
        primaryKey: id
        fields:
          - {name: id, title: {en: Cluster, de: Cluster}}
          - {name: name_en, title: {en: Name, de: Name}}
          - {name: name_zh, title: {en: Chinese name, de: Chinesischer Name}, language: zh-Hans}
          - name: tier
            title: {en: Tier, de: Stufe}
            constraints: {enum: [optimize-upgrade, develop-strengthen, cultivate-develop]}
            labels:
              optimize-upgrade: {en: Optimize and upgrade, de: Optimieren und aufwerten}
              develop-strengthen: {en: Develop and strengthen, de: Entwickeln und stärken}
              cultivate-develop: {en: Cultivate and develop, de: Heranbilden und entwickeln}
          - {name: provinces, type: list, title: {en: Provinces, de: Provinzen}}
          - {name: core_cities, type: list, title: {en: Core cities, de: Kernstädte}}
          - name: plan_approved
            type: yearmonth
            title: {en: National plan approved, de: Nationaler Plan genehmigt}
            missing: {en: no national approval found, de: keine nationale Genehmigung gefunden}
          - {name: member_cities_count, type: integer, title: {en: Member cities, de: Mitgliedsstädte}}
          - {name: population_m, type: number, title: {en: Population, de: Bevölkerung}, unit: {en: million, de: Mio.}, year: population_year}
          - {name: population_year, type: year}
          - {name: gdp_bn_cny, type: number, title: {en: GDP, de: BIP}, unit: {en: bn yuan, de: Mrd. Yuan}, year: gdp_year, qualifiers: true}
          - {name: gdp_year, type: year}
          - {name: area_km2, type: number, title: {en: Land area, de: Landfläche}, unit: km²}
          - {name: lat, type: number, title: {en: Latitude, de: Breite}}
          - {name: lon, type: number, title: {en: Longitude, de: Länge}}
          - {name: source, title: {en: Sources, de: Quellen}}
          - {name: notes, title: {en: Notes, de: Anmerkungen}}
        """

    static let seriesSchema = """
        primaryKey: [cluster_id, year]
        foreignKeys:
          - {fields: cluster_id, reference: {resource: clusters.csv, fields: id}}
        fields:
          - {name: cluster_id, title: {en: Cluster, de: Cluster}}
          - {name: year, type: year, title: {en: Year, de: Jahr}}
          - {name: value, type: number, title: {en: GDP, de: BIP}, unit: {en: bn yuan, de: Mrd. Yuan}, qualifiers: true}
        """

    /// The second collection: nothing in it is named like anything in the clusters.
    static let countriesYML = """
        collections:
          countries:
            data: data/economies.csv
            id: iso
            title: {en: name, de: name_de}
            group: region
            path: economies
        """

    static let countriesCSV = """
        # Synthetic test data.
        iso,name,name_de,region,income,population,gdp_usd_bn,joined_imf,capital,capital_de,cites
        jpn,Japan,Japan,east,high,~124.5,4200,1952-08,Tokyo,Tokio,stat
        mng,Mongolia,Mongolei,east,lower-middle,3.4,,1991-02,Ulaanbaatar,Ulan-Bator,stat;press
        npl,Nepal,Nepal,south,lower-middle,30.5,41,1961-09,Kathmandu,,press
        """

    static let countriesSchema = """
        title: {en: Economies, de: Volkswirtschaften}
        primaryKey: iso
        fields:
          - {name: iso, title: {en: ISO code, de: ISO-Code}}
          - {name: name, title: {en: Name, de: Name}}
          - {name: name_de, title: {en: German name, de: Name}}
          - name: region
            title: {en: Region, de: Region}
            constraints: {enum: [south, east]}
            labels:
              east: {en: East Asia, de: Ostasien}
              south: {en: South Asia, de: Südasien}
          - name: income
            title: {en: Income group, de: Einkommensgruppe}
            constraints: {enum: [high, upper-middle, lower-middle, low]}
            labels:
              high: {en: High income, de: Hohes Einkommen}
              lower-middle: {en: Lower-middle income, de: Unteres mittleres Einkommen}
          - {name: population, type: number, title: {en: Population, de: Bevölkerung}, unit: {en: million, de: Mio.}, qualifiers: true, source: cites}
          - name: gdp_usd_bn
            type: number
            title: {en: GDP, de: BIP}
            unit: {en: bn dollars, de: Mrd. Dollar}
            missing: {en: not reported to the fund, de: nicht an den Fonds gemeldet}
            source: cites
          - {name: joined_imf, type: yearmonth, title: {en: Member since, de: Mitglied seit}}
          - {name: capital, title: {en: Capital, de: Hauptstadt}, translations: {de: capital_de}}
          - {name: capital_de, title: {en: Capital (German), de: Hauptstadt}}
          - {name: cites, title: {en: Sources, de: Quellen}}
        sources:
          - {id: stat, title: {en: Statistics office, de: Statistikamt}, path: "https://stat.example/", description: {en: population, de: Bevölkerung}}
          - {id: press, title: "Press report", path: "https://press.example/report"}
        notes: {en: "Synthetic figures.", de: "Erfundene Zahlen."}
        """

    func countriesSite() throws -> SiteFixture { try Self.countriesSite() }

    static func countriesSite() throws -> SiteFixture {
        let site = try SiteFixture(siteYML: SiteFixture.siteYML + "\n" + Self.countriesYML)
        try site.write("data/economies.csv", Self.countriesCSV)
        try site.write("data/economies.schema.yml", Self.countriesSchema)
        try site.write("countries/_index.md", "---\ntitle: \"Economies of Asia\"\nsummary: \"Three economies.\"\n---\nAn introduction.\n")
        try site.write("countries/_index.de.md", "---\ntitle: \"Volkswirtschaften Asiens\"\n---\nEine Einführung.\n")
        try site.write("countries/jpn.md", "---\nsummary: \"An island economy.\"\n---\nJapan's narrative.\n")
        try site.write("countries/jpn.de.md", "---\nsummary: \"Eine Inselwirtschaft.\"\n---\nDie \"Erzählung\" zu Japan.\n")
        try site.write("countries/npl.md", "Only in English.\n")
        try site.write("briefings/2025/trade.md", briefing(title: "Trade", extra: "countries: [jpn, npl]"))
        try site.write("briefings/2025/trade.de.md", "---\ntitle: \"Handel\"\n---\nText.\n")
        return site
    }

    func testASecondCollectionBuildsInEveryLanguageFromItsDeclarationAlone() throws {
        let site = try countriesSite()
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), [])
        for page in ["economies/", "de/economies/", "economies/jpn/", "de/economies/jpn/", "economies/npl/", "de/economies/mng/"] {
            XCTAssertTrue(site.exists(page + "index.html"), page)
        }

        let index = try site.page("economies/index.html")
        XCTAssertTrue(index.contains("<h1>Economies of Asia</h1>"), "the title of _index.md")
        XCTAssertTrue(index.contains("<p class=\"standfirst\">Three economies.</p>"))
        XCTAssertTrue(index.contains("<p>An introduction.</p>"))
        // Groups follow the enum's order (south before east), with the labels of the page's language.
        let south = try XCTUnwrap(index.range(of: "<h2>South Asia <span class=\"count\">(1)</span></h2>"))
        let east = try XCTUnwrap(index.range(of: "<h2>East Asia <span class=\"count\">(2)</span></h2>"))
        XCTAssertLessThan(south.lowerBound, east.lowerBound)
        XCTAssertTrue(index.contains("<li><a href=\"/economies/jpn/\">Japan</a> <span class=\"row-meta\">An island economy.</span></li>"))
        XCTAssertTrue(index.contains("<p class=\"data-note\">Synthetic figures.</p>"))
        let germanIndex = try site.page("de/economies/index.html")
        XCTAssertTrue(germanIndex.contains("<h1>Volkswirtschaften Asiens</h1>"))
        XCTAssertTrue(germanIndex.contains("<h2>Ostasien <span class=\"count\">(2)</span></h2>"))
        XCTAssertTrue(germanIndex.contains("<a href=\"/de/economies/mng/\">Mongolei</a>"))

        let japan = try site.page("economies/jpn/index.html")
        XCTAssertTrue(japan.contains("<h1>Japan</h1>"))
        XCTAssertTrue(japan.contains("<a href=\"/economies/\">Economies of Asia</a> · East Asia</p>"), "kicker: collection and group")
        XCTAssertTrue(japan.contains("<dt>Income group</dt>\n      <dd>High income</dd>"), "an enum's label")
        XCTAssertTrue(japan.contains("<dt>Population</dt>\n      <dd><span class=\"num\">≈\u{00A0}124.5\u{00A0}million</span></dd>"),
                      "a qualified value keeps its sign")
        XCTAssertTrue(japan.contains("<dt>Member since</dt>\n      <dd>Aug 1952</dd>"))
        XCTAssertTrue(japan.contains("<p>Japan’s narrative.</p>"))
        XCTAssertTrue(japan.contains("<li><a href=\"https://stat.example/\">Statistics office</a> <span class=\"source-note\">(population)</span></li>"))
        XCTAssertTrue(japan.contains("<li><a href=\"/briefings/2025/trade/\">Trade</a>"), "briefings that name the row")
        XCTAssertFalse(japan.contains("<dt>ISO code</dt>"), "the id is the page's address, not a fact")
        XCTAssertFalse(japan.contains("<dt>German name</dt>"), "a title column is the page's heading")
        XCTAssertFalse(japan.contains("<dt>Sources</dt>"), "a source column serves the sources list")
        XCTAssertTrue(japan.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/economies/jpn/\">"))
        XCTAssertTrue(japan.contains("<li class=\"lang-switch\"><a href=\"/de/economies/jpn/\" hreflang=\"de\" lang=\"de\">Deutsch</a></li>"),
                      "the language switch leads to the same row")

        let mongolia = try site.page("economies/mng/index.html")
        XCTAssertTrue(mongolia.contains("<dt>GDP</dt>\n      <dd><span class=\"nodata\">not reported to the fund</span></dd>"),
                      "an empty cell reads as its column's own missing text")

        let japanDE = try site.page("de/economies/jpn/index.html")
        XCTAssertTrue(japanDE.contains("<dd><span class=\"num\">≈\u{00A0}124,5\u{00A0}Mio.</span></dd>"))
        XCTAssertTrue(japanDE.contains("<dd>Aug. 1952</dd>"))
        XCTAssertTrue(japanDE.contains("<dt>Hauptstadt</dt>\n      <dd>Tokio</dd>"), "a translated column in German")
        XCTAssertTrue(japan.contains("<dt>Capital</dt>\n      <dd>Tokyo</dd>"))
        XCTAssertFalse(japan.contains("Capital (German)"), "a translation column serves its field")
        XCTAssertTrue(try site.page("de/economies/npl/index.html").contains("<dd>Kathmandu</dd>"), "an empty translation falls back")
        XCTAssertTrue(japanDE.contains("<p>Die „Erzählung“ zu Japan.</p>"), "German quotation marks")
        XCTAssertTrue(japanDE.contains("<dt>Einkommensgruppe</dt>\n      <dd>Hohes Einkommen</dd>"))
        XCTAssertFalse(japanDE.contains("Trade"), "an English briefing is not listed on a German page")
        XCTAssertFalse(try site.page("de/economies/npl/index.html").contains("Only in English."),
                       "a narrative only in English is not shown on the German page")
        XCTAssertTrue(try site.page("de/economies/mng/index.html").contains("<dd><span class=\"nodata\">nicht an den Fonds gemeldet</span></dd>"))

        // A briefing lists the rows it names, under the collection's title, linked in its language.
        let trade = try site.page("briefings/2025/trade/index.html")
        XCTAssertTrue(trade.contains("<dt>Economies of Asia</dt>\n      <dd><ul class=\"inline-list\"><li data-pagefind-filter=\"countries\"><a href=\"/economies/jpn/\">Japan</a></li>"
            + "<li data-pagefind-filter=\"countries\"><a href=\"/economies/npl/\">Nepal</a></li></ul></dd>"))
        let handel = try site.page("de/briefings/2025/trade/index.html")
        XCTAssertTrue(handel.contains("<dt>Volkswirtschaften Asiens</dt>"), "inherited from the original, titled in German")
        XCTAssertTrue(handel.contains("<a href=\"/de/economies/jpn/\">Japan</a>"))
        let search = try BuiltSearchIndex(site.output.appendingPathComponent("search"))
        XCTAssertTrue(search.titles("nepal").contains(where: { $0.hasPrefix("Trade") }), "search finds briefings by their rows' names")
    }

    func testATemplateOfTheCollectionsNameIsUsedAndCheckedAgainstItsDictionary() throws {
        let site = try countriesSite()
        try """
            {{<base}}{{$main}}
            <h1>{{row.name}}</h1>
            <p class="pop">{{row.fields.population.text}} · {{row.fields.populaton.text}}</p>
            {{/main}}{{/base}}

            """.write(to: site.templates.appendingPathComponent("countries-item.mustache"), atomically: true, encoding: .utf8)
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), [
            "templates/countries-item.mustache:3:49: warning: unknown name 'row.fields.populaton.text' in template 'countries-item' (did you mean 'row.fields.population'?)",
        ])
        XCTAssertTrue(try site.page("economies/npl/index.html").contains("<p class=\"pop\">30.5\u{00A0}million · </p>"))
    }

    // MARK: - Clusters: series, maps, narratives

    func clustersSite() throws -> SiteFixture {
        let site = try SiteFixture(siteYML: SiteFixture.siteYML + """

            collections:
              clusters:
                data: data/clusters.csv
                title: name_en
                group: tier
            """)
        try site.write("data/clusters.csv", """
            id,name_en,name_zh,tier,provinces,core_cities,plan_approved,member_cities_count,population_m,population_year,gdp_bn_cny,gdp_year,area_km2,lat,lon,source,notes
            pearl-river-delta,Pearl River Delta,珠江三角洲城市群,optimize-upgrade,Guangdong;Hong Kong SAR,Guangzhou;Shenzhen,2019-02,11,86.17,2020,>14000,2023,56000,23.12,113.25,x,GDP is a lower bound.
            beibu-gulf,Beibu Gulf,北部湾城市群,develop-strengthen,Guangxi,Nanning,,15,,,,,116600,22.82,108.32,x,
            """)
        try site.write("data/clusters.schema.yml", Self.clustersSchema)
        try site.write("data/series/gdp.csv", "cluster_id,year,value\npearl-river-delta,2017,~10000\npearl-river-delta,2021,>12000\n")
        try site.write("data/series/gdp.schema.yml", Self.seriesSchema)
        return site
    }

    func testARowPageDrawsItsSeriesAndLocatorMapAndLeavesOutWhatItLacks() throws {
        let site = try clustersSite()
        XCTAssertEqual(try site.build().warnings.map(\.description), [])
        let prd = try site.page("clusters/pearl-river-delta/index.html")
        XCTAssertTrue(prd.contains("<dd lang=\"zh-Hans\">珠江三角洲城市群</dd>"), "a field's language")
        XCTAssertTrue(prd.contains("<dd>Guangdong, Hong Kong SAR</dd>"), "a list reads as a list")
        XCTAssertTrue(prd.contains("<dd><span class=\"num\">&gt;\u{00A0}14,000\u{00A0}bn yuan</span> <span class=\"year\">(2023)</span></dd>"))
        XCTAssertTrue(prd.contains("<p class=\"data-note\">The signs &gt; (more than)"), "a bound on the page says what the signs mean")
        XCTAssertTrue(prd.contains("<figure class=\"chart chart-line\" id=\"chart.gdp\">"), "the series its foreign key ties to the row")
        XCTAssertTrue(prd.contains("<figure class=\"chart chart-map\" id=\"chart.locator\">"), "the locator map")
        XCTAssertFalse(prd.contains("<dt>Latitude</dt>"), "coordinates are the map, not facts")
        let bbg = try site.page("clusters/beibu-gulf/index.html")
        XCTAssertFalse(bbg.contains("chart-line"), "no series rows for this cluster: no chart, no error")
        XCTAssertFalse(bbg.contains(">Over time<"))
        XCTAssertTrue(bbg.contains("<dd><span class=\"nodata\">no national approval found</span></dd>"))
        XCTAssertTrue(bbg.contains("<dt>Population</dt>\n      <dd><span class=\"nodata\">no data</span></dd>"))
        let german = try site.page("de/clusters/pearl-river-delta/index.html")
        XCTAssertTrue(german.contains("<span class=\"chart-title\">BIP</span>"))
        XCTAssertTrue(german.contains("Liniendiagramm: BIP."), "the chart's description in German")
        XCTAssertTrue(german.contains("<dd>Feb. 2019</dd>"))
    }

    func testATemplateChartThatSelectsNoRowIsLeftOutButAMarkdownOneIsAWarning() throws {
        let site = try clustersSite()
        try """
            {{<base}}{{$main}}
            {{@chart}}
            type: line
            data: series/gdp.csv
            x: year
            y: value
            series: cluster_id
            filter: {cluster_id: [{{row.id}}]}
            {{/chart}}
            {{/main}}{{/base}}

            """.write(to: site.templates.appendingPathComponent("clusters-item.mustache"), atomically: true, encoding: .utf8)
        try site.write("briefings/2025/x.md", briefing(title: "X", body: """
            ```chart
            type: line
            data: series/gdp.csv
            x: year
            y: value
            series: cluster_id
            filter: {cluster_id: [beibu-gulf]}
            ```

            """))
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), [
            "content/briefings/2025/x.md:11: warning: chart 'filter' selects no row of series/gdp.csv (cluster_id: beibu-gulf): the chart is left out",
        ])
        XCTAssertTrue(try site.page("clusters/pearl-river-delta/index.html").contains("chart-line"))
        XCTAssertFalse(try site.page("clusters/beibu-gulf/index.html").contains("<figure"))
    }

    // MARK: - Errors

    func testACollectionsPathMayNotTakeAnotherPagesRoute() throws {
        let site = try SiteFixture(siteYML: SiteFixture.siteYML + "\n" + Self.countriesYML.replacingOccurrences(of: "path: economies", with: "path: briefings"))
        try site.write("data/economies.csv", Self.countriesCSV)
        try site.write("data/economies.schema.yml", Self.countriesSchema)
        XCTAssertEqual(site.failingBuild(), [
            "content/site.yml:17: error: collection 'countries': its index /briefings/ is also the briefings archive; set another 'path'",
            "content/site.yml:17: error: collection 'countries': its index /de/briefings/ is also the briefings archive; set another 'path'",
        ])
    }

    func testASeriesRowForAnUnknownRowAndAnUnknownSourceAreErrorsAtTheirLines() throws {
        let site = try clustersSite()
        try site.write("data/series/gdp.csv", "cluster_id,year,value\npearl-river-delta,2017,~10000\natlantis,2021,5\n")
        try site.write("data/economies.csv", Self.countriesCSV.replacingOccurrences(of: "stat;press", with: "stat;pres"))
        try site.write("data/economies.schema.yml", Self.countriesSchema)
        XCTAssertEqual(site.failingBuild(), [
            "content/data/economies.csv:4: error: column 'cites' cites 'pres', which is not the id of a source in content/data/economies.schema.yml; did you mean 'press'?",
            "content/data/series/gdp.csv:3: error: column 'cluster_id': 'atlantis' is not an id in column 'id' of content/data/clusters.csv",
        ])
    }

    func testEveryCollectionProblemIsReportedAtItsLineInOneRun() throws {
        let site = try SiteFixture(siteYML: SiteFixture.siteYML + """

            collections:
              countries:
                data: data/economies.csv
                id: iso
                title: {en: name}
                group: continent
                pages: yes
              places:
                data: data/places.csv
                title: name
            """)
        try site.write("data/economies.csv", Self.countriesCSV
            .replacingOccurrences(of: "npl,Nepal,Nepal,south", with: "jpn,Nepal,Nepal,west")
            .replacingOccurrences(of: "mng,Mongolia", with: "Mon golia,Mongolia"))
        try site.write("data/economies.schema.yml", Self.countriesSchema
            .replacingOccurrences(of: "  - {name: iso,", with: "  - {name: currency}\n  - {name: iso,")
            .replacingOccurrences(of: "title: {en: Member since, de: Mitglied seit}", with: "title: {en: Member since, de: Mitglied seit}, qualifiers: true"))
        try site.write("briefings/2025/trade.md", briefing(title: "Trade", extra: "countries: [jpn, jpnn]"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/trade.md:4:18: error: unknown countries id 'jpnn': not a row of data/economies.csv; did you mean 'jpn'?",
            "content/data/economies.csv:4: error: key 'Mon golia' in column 'iso' is not a safe URL segment: use letters a–z and A–Z, digits, '-', '_' and '.', not starting with '.'",
            "content/data/economies.csv:5: error: column 'region' must be one of south, east, found 'west'",
            "content/data/economies.csv:5: error: duplicate key 'jpn' in column 'iso' (first on line 3)",
            "content/data/economies.schema.yml:4: error: field 'currency' is not a column of content/data/economies.csv (columns: iso, name, name_de, region, income, population, gdp_usd_bn, joined_imf, capital, capital_de, cites)",
            "content/data/economies.schema.yml:27: error: field 'joined_imf': 'qualifiers' needs a number or integer field, not yearmonth",
            "content/site.yml:15:12: error: collection 'countries': 'title' names no column for 'de' (languages: [en, de]); give one column per language, or one column for all",
            "content/site.yml:16: error: collection 'countries': 'group' names column 'continent', which content/data/economies.csv does not have (columns: iso, name, name_de, region, income, population, gdp_usd_bn, joined_imf, capital, capital_de, cites)",
            "content/site.yml:17:5: error: unknown key 'pages' in collection 'countries' (expected data, id, title, group, path)",
            "content/site.yml:19: error: collection 'places': no data file 'data/places.csv' (found: data/economies.csv)",
        ])
    }
}
