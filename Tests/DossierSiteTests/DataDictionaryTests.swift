@testable import DossierCharts
@testable import DossierSite
import DossierData
import DossierModel
import XCTest

/// Data dictionaries (`data/<name>.schema.yml`): decoding, validation at load, and what chart
/// and table blocks take from them in each language. The data are not clusters: nothing here
/// relies on a column the engine knows.
final class DataDictionaryTests: XCTestCase {
    static let schemaYAML = """
        # Countries (test data)
        primaryKey: iso
        missingValues: ["", "n/a"]
        fields:
          - name: iso
            type: string
            title: {en: Country, de: Land}
          - name: name
            title: {en: Name, de: Name}
          - name: region
            type: string
            title: {en: Region, de: Region}
            constraints: {enum: [north, south]}
            labels:
              north: {en: The north, de: Der Norden}
              south: {en: The south, de: Der Süden}
          - name: joined
            type: yearmonth
            title: {en: Joined, de: Beigetreten}
            missing: {en: never joined, de: nie beigetreten}
          - name: exports
            type: number
            title: {en: Exports, de: Ausfuhren}
            unit: {en: bn dollars, de: Mrd. Dollar}
            qualifiers: true
            source: cites
          - name: cites
            title: Sources
        sources:
          - {id: stat, title: {en: Statistics office, de: Statistikamt}, path: "https://stat.example/exports"}
          - {id: press, title: "Press report", path: "https://press.example/a/very/long/address/that/would/widen/a/phone/screen/if/it/were/printed/as/text"}
        notes: {en: "Test notes.", de: "Testnotizen."}
        """

    static let csv = """
        # Test data; the cites column names works listed in countries.schema.yml
        iso,name,region,joined,exports,cites
        nor,Norland,north,2015-04,1234.5,stat
        sud,Sudland,south,,>800,press
        mit,Mittelland,south,2019-09,~120,stat;press
        ost,Ostland,north,2020-05,n/a,
        """

    func makeSite() throws -> SiteFixture {
        let site = try SiteFixture()
        try site.write("data/countries.csv", Self.csv)
        try site.write("data/countries.schema.yml", Self.schemaYAML)
        let blocks = """
            ```chart
            type: bar
            data: countries.csv
            x: iso
            y: exports
            label: name
            sort: descending
            title: "Exports"
            ```

            ```table
            data: countries.csv
            columns: [name, region, joined, exports]
            sort: descending
            sort_by: exports
            ```

            """
        try site.write("briefings/2025/trade.md", briefing(title: "Trade", body: "Text.\n\n" + blocks))
        try site.write("briefings/2025/trade.de.md", "---\ntitle: \"Handel\"\n---\nText.\n\n" + blocks)
        return site
    }

    // MARK: - Decoding

    func testDecodesEveryKey() {
        let (schema, diagnostics) = SchemaLoader.decode(Self.schemaYAML, path: "s.yml")
        XCTAssertEqual(diagnostics, [])
        guard let schema else { return XCTFail("no schema") }
        XCTAssertEqual(schema.primaryKey, ["iso"])
        XCTAssertEqual(schema.missingValues, ["", "n/a"])
        XCTAssertEqual(schema.fields.map(\.name), ["iso", "name", "region", "joined", "exports", "cites"])
        XCTAssertEqual(schema.fields.map(\.line), [5, 8, 10, 17, 21, 27])
        let region = schema.field("region")!
        XCTAssertEqual(region.enumValues, ["north", "south"])
        XCTAssertEqual(region.labels["south"], .languages(["en": "The south", "de": "Der Süden"]))
        XCTAssertEqual(schema.field("name")!.type, .string, "string is the default type")
        XCTAssertEqual(schema.field("joined")!.missing?.text("de"), "nie beigetreten")
        let exports = schema.field("exports")!
        XCTAssertEqual(exports.type, .number)
        XCTAssertTrue(exports.qualifiers)
        XCTAssertEqual(exports.unit?.text("de"), "Mrd. Dollar")
        XCTAssertEqual(exports.source, "cites")
        XCTAssertEqual(exports.keyLines["qualifiers"], 25)
        XCTAssertEqual(schema.field("cites")!.title, .plain("Sources"))
        XCTAssertEqual(schema.sources, [
            .init(title: .languages(["en": "Statistics office", "de": "Statistikamt"]), path: "https://stat.example/exports", id: "stat"),
            .init(title: .plain("Press report"), path: "https://press.example/a/very/long/address/that/would/widen/a/phone/screen/if/it/were/printed/as/text", id: "press"),
        ])
        XCTAssertEqual(schema.notes?.text("en"), "Test notes.")
    }

    func testDecodesCollectionKeys() throws {
        let yaml = """
            title: {en: Countries, de: Länder}
            description: Test data
            primaryKey: iso
            foreignKeys:
              - {fields: region, reference: {resource: regions.csv, fields: id}}
              - {fields: [capital], reference: {resource: cities.csv, fields: [id]}}
            fields:
              - name: name
                translations: {de: name_de}
                language: en
              - {name: cities, type: list, delimiter: "|"}
            sources:
              - {id: stat, title: Statistics office, path: "https://stat.example/", description: {en: exports, de: Ausfuhren}}
            """
        let (schema, diagnostics) = SchemaLoader.decode(yaml, path: "s.yml")
        XCTAssertEqual(diagnostics, [])
        let decoded = try XCTUnwrap(schema)
        XCTAssertEqual(decoded.title?.text("de"), "Länder")
        XCTAssertEqual(decoded.foreignKeys, [
            .init(field: "region", resource: "regions.csv", referenced: "id", line: 5),
            .init(field: "capital", resource: "cities.csv", referenced: "id", line: 6),
        ])
        XCTAssertEqual(decoded.field("name")?.translations, ["de": "name_de"])
        XCTAssertEqual(decoded.field("name")?.language, "en")
        XCTAssertEqual(decoded.field("cities")?.type, .list)
        XCTAssertEqual(decoded.field("cities")?.delimiter, "|")
        XCTAssertEqual(decoded.field("name")?.delimiter, ";", "lists split at ';' unless the field says otherwise")
        XCTAssertEqual(decoded.sources.first?.description?.text("de"), "Ausfuhren")

        let (_, problems) = SchemaLoader.decode("fields: []\nforeignKeys:\n  - {fields: [a, b], reference: {fields: x}}\n", path: "s.yml")
        XCTAssertEqual(problems.map(\.description), [
            "s.yml:3:14: error: a foreign key of 2 columns is not supported: name one",
            "s.yml:3:33: error: a foreign key's 'reference' needs 'resource': the CSV file under content/data/",
        ])
    }

    func testUnknownKeysWarnAndWrongTypesAreErrorsAtTheirLines() {
        let yaml = """
            primaryKey: id
            resources: []
            fields:
              - name: id
                format: default
              - name: value
                type: float
                qualifiers: sometimes
                title: [a, list]
                constraints: {enum: [a], minimum: 3}
              - title: No name
            sources:
              - {title: Somewhere, path: "data/file.csv"}
              - {path: "https://example.org/"}
            """
        let (schema, diagnostics) = SchemaLoader.decode(yaml, path: "s.yml")
        XCTAssertNil(schema, "errors give no dictionary")
        XCTAssertEqual(diagnostics.sorted().map(\.description), [
            "s.yml:2:1: warning: unknown key 'resources' in a data dictionary (ignored); did you mean 'sources'?",
            "s.yml:5:5: warning: unknown key 'format' in field 'id' (ignored)",
            "s.yml:7:11: error: field 'value': unknown type 'float' (expected string, number, integer, date, yearmonth, year, list)",
            "s.yml:8:17: error: 'qualifiers' must be true or false, found 'sometimes'",
            "s.yml:9:12: error: 'title' must be text or a map of languages to text ({en: …, de: …}), found a list",
            "s.yml:10:30: warning: unknown key 'minimum' in the constraints of field 'value' (ignored)",
            "s.yml:11:5: error: a field: missing 'name'",
            "s.yml:13:30: error: a source's 'path' must be a web address (https://…), found 'data/file.csv'",
            "s.yml:14:5: error: a source needs a 'title', shown to readers instead of its address",
        ])
    }

    // MARK: - Validation at load

    func testEveryProblemOfTablesAndDictionariesInOneRun() throws {
        let site = try makeSite()
        try site.write("data/countries.csv", """
            iso,name,region,joined,exports,cites,extra
            nor,Norland,north,2015-04,1234.5,stat,
            nor,Sudland,west,2015-4,>800,press,
            Mit Land,Mittelland,south,2019-09,about 120,stat,
            """)
        try site.write("data/countries.schema.yml", Self.schemaYAML.replacingOccurrences(of: "    title: Sources", with: """
                title: Sources
              - name: population
                type: number
              - name: name_de
                qualifiers: true
            """))
        try site.write("data/other.csv", "id,value\na,>3\n")
        XCTAssertEqual(site.failingBuild(), [
            "content/data/countries.csv:1: warning: column 'extra' is not described in content/data/countries.schema.yml",
            "content/data/countries.csv:3: error: column 'joined' must hold months as YYYY-MM, found '2015-4'",
            "content/data/countries.csv:3: error: column 'region' must be one of north, south, found 'west'",
            "content/data/countries.csv:3: error: duplicate key 'nor' in column 'iso' (first on line 2)",
            "content/data/countries.csv:4: error: column 'exports' must hold numbers, found 'about 120' (leave the cell empty for no data)",
            "content/data/countries.csv:4: error: key 'Mit Land' in column 'iso' is not a safe URL segment: use letters a–z and A–Z, digits, '-', '_' and '.', not starting with '.'",
            "content/data/countries.schema.yml:29: error: field 'population' is not a column of content/data/countries.csv (columns: iso, name, region, joined, exports, cites, extra)",
            "content/data/countries.schema.yml:31: error: field 'name_de' is not a column of content/data/countries.csv (columns: iso, name, region, joined, exports, cites, extra)",
            "content/data/countries.schema.yml:32: error: field 'name_de': 'qualifiers' needs a number or integer field, not string",
        ], "other.csv has no dictionary: its '>3' is checked where a chart uses it, not at load")
    }

    func testADictionaryWithoutItsTableIsAWarning() throws {
        let site = try makeSite()
        try site.write("data/lonely.schema.yml", "fields: []\n")
        let report = try site.build()
        XCTAssertEqual(report.warnings.map(\.description), ["content/data/lonely.schema.yml: warning: no data file 'lonely.csv' beside this data dictionary"])
    }

    func testTheSampleDataAndTheBenchmarkDictionaryLoad() throws {
        let (tables, basemaps, diagnostics) = ContentLoader.loadData(
            SiteFixture.repository.appendingPathComponent("content/data"),
            options: try SiteFixture().options())
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertNotNil(tables["clusters.csv"]?.schema)
        XCTAssertNotNil(tables["series/gdp_bn_cny.csv"]?.schema)
        XCTAssertEqual(tables["clusters.csv"]?.schema?.field("tier")?.labels.count, 3)
        XCTAssertEqual(basemaps["geo/east_asia_110m.geojson"]?.features.count, 23)

        // The benchmark corpus ships an English-only dictionary without `sources`.
        let bench = """
            primaryKey: id
            missingValues: [""]
            fields:
              - {name: id, type: string, title: Id}
              - name: tier
                type: string
                title: Tier
                constraints: {enum: [optimize-upgrade, develop-strengthen, cultivate-develop]}
                labels:
                  optimize-upgrade: Optimize and upgrade
              - {name: plan_approved, type: yearmonth, title: National plan, missing: no national approval found}
              - {name: area_km2, type: number, title: Area, unit: km², source: source}
              - {name: source, type: string, title: Sources}
            """
        let (schema, found) = SchemaLoader.decode(bench, path: "b.yml")
        XCTAssertEqual(found, [])
        XCTAssertEqual(schema?.field("plan_approved")?.missing, .plain("no national approval found"))
        XCTAssertEqual(schema?.sources, [])
    }

    // MARK: - What readers see

    func testChartsAndTablesReadTheDictionaryInEachLanguage() throws {
        let site = try makeSite()
        try site.build()
        let en = try site.page("briefings/2025/trade/index.html")
        // Headings from titles and units, never column names.
        XCTAssertTrue(en.contains("<th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Exports (bn dollars)</th>"), "chart data table")
        XCTAssertTrue(en.contains("<th scope=\"col\">Name</th><th scope=\"col\">Region</th><th scope=\"col\">Joined</th><th scope=\"col\" class=\"num\">Exports (bn dollars)</th>"), "table block")
        // Enum labels, months, qualifiers, the column's own missing text.
        XCTAssertTrue(en.contains("<td>The south</td><td class=\"nodata\">never joined</td><td class=\"num\">&gt;\u{00A0}800.0</td>"))
        XCTAssertTrue(en.contains("<td>The north</td><td>Apr 2015</td><td class=\"num\">1,234.5</td>"))
        XCTAssertTrue(en.contains("<td class=\"num\">≈\u{00A0}120.0</td>"))
        XCTAssertTrue(en.contains("<td>The north</td><td>May 2020</td><td class=\"num nodata\">no data</td>"), "n/a is a missing value")
        XCTAssertTrue(en.contains("The signs &gt; (more than), &lt; (less than) and ≈ (about) mark values"))
        // Sorted by the number, a bound by its bound, missing last.
        let order = ["Norland", "Sudland", "Mittelland", "Ostland"].map { en.range(of: "<th scope=\"row\">\($0)</th><td>")!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        // The chart: open bars and words in the description; sources as links with their titles.
        XCTAssertTrue(en.contains("class=\"chart-bar chart-open s1\""))
        XCTAssertTrue(en.contains("Highest: Norland, 1,234.5. Lowest: Mittelland, about 120."))
        XCTAssertTrue(en.contains("Not exact, drawn as open marks: more than 800 for Sudland and about 120 for Mittelland."))
        XCTAssertTrue(en.contains("Sources: <a href=\"https://stat.example/exports\">Statistics office</a>; <a href=\"https://press.example/a/very/long/address/that/would/widen/a/phone/screen/if/it/were/printed/as/text\">Press report</a>"))
        XCTAssertTrue(en.contains(">bn dollars</text>"), "the unit on the axis")
        for raw in ["exports (", ">exports<", ">iso<", ">joined<", "2015-04<", ">north<", "countries.csv"] {
            XCTAssertFalse(en.contains(raw), "a reader never sees '\(raw)'")
        }

        let de = try site.page("de/briefings/2025/trade/index.html")
        XCTAssertTrue(de.contains("<th scope=\"col\">Name</th><th scope=\"col\">Region</th><th scope=\"col\">Beigetreten</th><th scope=\"col\" class=\"num\">Ausfuhren (Mrd. Dollar)</th>"))
        XCTAssertTrue(de.contains("<td>Der Süden</td><td class=\"nodata\">nie beigetreten</td><td class=\"num\">&gt;\u{00A0}800,0</td>"))
        XCTAssertTrue(de.contains("<td>Der Norden</td><td>Apr. 2015</td><td class=\"num\">1.234,5</td>"))
        XCTAssertTrue(de.contains("<td>Der Süden</td><td>Sept. 2019</td>"))
        XCTAssertTrue(de.contains("Balkendiagramm: Exports. 4 Einträge. Höchster Wert: Norland, 1.234,5. Niedrigster Wert: Mittelland, etwa 120. Ohne Wert (keine Daten): Ostland."))
        XCTAssertTrue(de.contains("Quellen: <a href=\"https://stat.example/exports\">Statistikamt</a>"))
        XCTAssertTrue(de.contains("<summary>Datentabelle</summary>"))
        XCTAssertTrue(de.contains(">Mrd. Dollar</text>"))
        for english in ["Bar chart", "no data", "Data table", "Sources:", "more than", "about 120", "bn dollars", "never joined"] {
            XCTAssertFalse(de.contains(english), "German pages show no English: '\(english)'")
        }
    }

    func testMapBlocksDrawTheirBasemapAndNameItsProblems() throws {
        let site = try makeSite()
        try site.write("data/places.csv", "id,name,kind,lat,lon\nn,North town,big,10.5,20.5\ns,South town,small,9.5,20.2\n")
        try site.write("data/geo/land.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"name": "Land", "code": "LND"},
               "geometry": {"type": "Polygon", "coordinates": [[[19, 9], [22, 9], [22, 12], [19, 12], [19, 9]]]}}]}
            """)
        try site.write("briefings/2025/map.md", briefing(title: "Map", body: """
            ```chart
            type: map
            data: places.csv
            label: name
            basemap: geo/land.geojson
            basemap_credit: "Test Atlas"
            focus: [LND]
            priority: {kind: big}
            ```

            """))
        try site.build()
        let html = try site.page("briefings/2025/map/index.html")
        XCTAssertTrue(html.contains("<path class=\"chart-land chart-focus\" d=\"M"))
        XCTAssertTrue(html.contains("Outlines: Test Atlas. Boundaries are shown for orientation only."))
        XCTAssertTrue(html.contains(">North town</text>") && html.contains(">South town</text>"))
        XCTAssertTrue(site.exists("data/geo/land.geojson"), "base maps are copied with the data")

        try site.write("briefings/2025/map.md", briefing(title: "Map", body: """
            ```chart
            type: map
            data: places.csv
            basemap: geo/sea.geojson
            priority: {size: big}
            ```

            """))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/map.md:8: error: chart 'basemap': no GeoJSON file 'geo/sea.geojson' under content/data/ (found: geo/land.geojson)",
            "content/briefings/2025/map.md:9: error: chart 'priority': unknown column 'size' in places.csv (columns: id, name, kind, lat, lon)",
        ])
    }

    func testEveryChartWordIsInEveryLanguage() throws {
        let folder = SiteFixture.repository.appendingPathComponent("templates/i18n")
        let (theme, _) = ThemeFiles.load(folder: folder.deletingLastPathComponent(), displayPath: "templates")
        let (strings, diagnostics) = InterfaceStrings.load(theme: theme, languages: ["en", "de"])
        XCTAssertEqual(diagnostics, [])
        let de = try String(contentsOf: folder.appendingPathComponent("de.yml"), encoding: .utf8)
        for key in Charts.Labels.keys {
            XCTAssertEqual(strings["en"][key], Charts.Labels.english[key], "en.yml and the built-in English agree on '\(key)'")
            XCTAssertTrue(de.contains("\n\(key): "), "de.yml has its own '\(key)'")
            if !["chart_name", "chart_only_value", "chart_series_none"].contains(key) {
                XCTAssertNotEqual(strings["de"][key], Charts.Labels.english[key], "'\(key)' is translated")
            }
        }
    }
}
