import DossierData
import DossierModel
import XCTest

/// The data dictionary against its table: every problem at its file and line, in one run.
final class SchemaTests: XCTestCase {
    static let csv = """
        # Test data
        id,name,tier,approved,count,gdp,gdp_year,note
        a,Alpha,top,2015-04,13,>14000,2023,
        b,Beta,middle,,5,~120,2020,x
        c,Gamma,top,2019-02,,7300,2020,
        """

    static let schema = TableSchema(
        path: "t.schema.yml",
        fields: [
            FieldSchema(name: "id", line: 3),
            FieldSchema(name: "name", title: .languages(["en": "Name", "de": "Name"]), line: 4),
            FieldSchema(name: "tier", enumValues: ["top", "middle", "low"],
                        labels: ["top": .languages(["en": "Top", "de": "Oben"])], line: 5),
            FieldSchema(name: "approved", type: .yearmonth, missing: .plain("not approved"), line: 9),
            FieldSchema(name: "count", type: .integer, line: 11),
            FieldSchema(name: "gdp", type: .number, year: "gdp_year", qualifiers: true, line: 13, keyLines: ["year": 15]),
            FieldSchema(name: "gdp_year", type: .year, line: 17),
            FieldSchema(name: "note", line: 19),
        ],
        primaryKey: ["id"], keyLines: ["primaryKey": 1])

    func table(_ csv: String = SchemaTests.csv, schema: TableSchema = SchemaTests.schema) -> (DataTable, [Diagnostic]) {
        let (parsed, diagnostics) = DataTable.parse(csv, path: "t.csv")
        XCTAssertEqual(diagnostics, [])
        return parsed!.attaching(schema)
    }

    func testAValidTableHasNoProblems() {
        let (table, diagnostics) = table()
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(table.headerLine, 2)
        XCTAssertEqual(table.schema?.field("gdp")?.qualifiers, true)
    }

    func testEveryProblemAtItsLineInOneRun() {
        let csv = """
            id,name,tier,approved,count,gdp,gdp_year,extra
            a,Alpha,top,2015-4,13,>14000,23,
            a,Beta,best,2015-13,1.5,about 7,2020,
            ,Gamma,low,2015-02-30,2,<5,2020,
            a b,Delta,low,,3,1e3,2020,
            """
        var schema = Self.schema
        schema.fields.append(FieldSchema(name: "population", type: .number, qualifiers: true, line: 21))
        schema.fields[6].qualifiers = true
        schema.fields[6].keyLines = ["qualifiers": 18]
        schema.fields[5].year = "gdp_yr"
        schema.fields.append(FieldSchema(name: "when", type: .date, line: 23))
        let (_, diagnostics) = table(csv, schema: schema)
        XCTAssertEqual(diagnostics.sorted().map(\.description), [
            "t.csv:1: warning: column 'extra' is not described in t.schema.yml",
            "t.csv:2: error: column 'approved' must hold months as YYYY-MM, found '2015-4'",
            "t.csv:2: error: column 'gdp_year' must hold years as YYYY, found '23'",
            "t.csv:3: error: column 'approved' must hold months as YYYY-MM, found '2015-13'",
            "t.csv:3: error: column 'count' must hold whole numbers, found '1.5'",
            "t.csv:3: error: column 'gdp' must hold numbers, found 'about 7' (leave the cell empty for no data)",
            "t.csv:3: error: column 'tier' must be one of top, middle, low, found 'best'",
            "t.csv:3: error: duplicate key 'a' in column 'id' (first on line 2)",
            "t.csv:4: error: column 'approved' must hold months as YYYY-MM, found '2015-02-30'",
            "t.csv:4: error: empty key in column 'id': every row needs one",
            "t.csv:5: error: key 'a b' in column 'id' is not a safe URL segment: use letters a–z and A–Z, digits, '-', '_' and '.', not starting with '.'",
            "t.schema.yml:15: error: field 'gdp': 'year' names column 'gdp_yr', which t.csv does not have",
            "t.schema.yml:18: error: field 'gdp_year': 'qualifiers' needs a number or integer field, not year",
            "t.schema.yml:19: error: field 'note' is not a column of t.csv (columns: id, name, tier, approved, count, gdp, gdp_year, extra)",
            "t.schema.yml:21: error: field 'population' is not a column of t.csv (columns: id, name, tier, approved, count, gdp, gdp_year, extra)",
            "t.schema.yml:23: error: field 'when' is not a column of t.csv (columns: id, name, tier, approved, count, gdp, gdp_year, extra)",
        ])
    }

    func testAQualifierNeedsQualifiersTrue() {
        var schema = Self.schema
        schema.fields[5].qualifiers = false
        let (_, diagnostics) = table(schema: schema)
        XCTAssertEqual(diagnostics.map(\.description), [
            "t.csv:3: error: column 'gdp' must hold numbers, found '>14000' (a qualifier needs 'qualifiers: true' for this field in t.schema.yml)",
            "t.csv:4: error: column 'gdp' must hold numbers, found '~120' (a qualifier needs 'qualifiers: true' for this field in t.schema.yml)",
        ])
        // Without a dictionary a qualifier is just a non-number, as every other text.
        let plain = DataTable.parse(Self.csv, path: "t.csv").0!
        if case .failure(let d) = plain.quantity(plain.rows[0], "gdp") {
            XCTAssertEqual(d.description, "t.csv:3: error: column 'gdp' must hold numbers, found '>14000' (a qualifier needs 'qualifiers: true' for this field in a data dictionary)")
        } else {
            XCTFail("a qualifier without a dictionary must be an error")
        }
    }

    func testQuantitiesKeepTheirQualifier() {
        let (table, _) = table()
        XCTAssertEqual(try table.quantity(table.rows[0], "gdp").get(), Quantity(14000, .lowerBound))
        XCTAssertEqual(try table.quantity(table.rows[1], "gdp").get(), Quantity(120, .approximate))
        XCTAssertEqual(try table.quantity(table.rows[2], "gdp").get(), Quantity(7300))
        XCTAssertEqual(try table.number(table.rows[0], "gdp").get(), 14000, "scales and sorting use the number")
        XCTAssertNil(try table.quantity(table.rows[2], "count").get(), "an empty cell is missing, never zero")
    }

    func testQuantityParsing() {
        XCTAssertEqual(Quantity.parse("<5", qualifiers: true), Quantity(5, .upperBound))
        XCTAssertEqual(Quantity.parse("> 14000", qualifiers: true), Quantity(14000, .lowerBound))
        XCTAssertEqual(Quantity.parse(" -2.5 ", qualifiers: false), Quantity(-2.5))
        XCTAssertNil(Quantity.parse(">14000", qualifiers: false))
        XCTAssertNil(Quantity.parse("nan", qualifiers: true))
        XCTAssertNil(Quantity.parse("inf", qualifiers: true))
        XCTAssertNil(Quantity.parse("0x1p3", qualifiers: true))
        XCTAssertNil(Quantity.parse(">>3", qualifiers: true))
        XCTAssertNil(Quantity.parse("~", qualifiers: true))
    }

    func testMissingValuesBecomeEmptyCells() {
        var schema = Self.schema
        schema.missingValues = ["", "n/a"]
        let (table, diagnostics) = table(Self.csv.replacingOccurrences(of: "b,Beta,middle,,5", with: "b,Beta,middle,n/a,n/a"), schema: schema)
        XCTAssertEqual(diagnostics, [])
        XCTAssertNil(table.value(table.rows[1], "approved"))
        XCTAssertNil(table.value(table.rows[1], "count"))
    }

    func testLocalizedTextFallsBack() {
        let text = Localized.languages(["en": "Population", "de": "Bevölkerung"])
        XCTAssertEqual(text.text("de"), "Bevölkerung")
        XCTAssertEqual(text.text("fr"), "Population", "the fallback language")
        XCTAssertEqual(Localized.languages(["zh": "人口", "de": "Bevölkerung"]).text("fr"), "Bevölkerung", "else the first by code")
        XCTAssertEqual(Localized.plain("km²").text("de"), "km²")
        XCTAssertTrue(Localized.plain("x").has("de"))
        XCTAssertFalse(text.has("fr"))
        XCTAssertEqual(text.languages, ["de", "en"])
    }

    func testSafeSegments() {
        for ok in ["pearl-river-delta", "jpn", "A_1", "v1.2"] { XCTAssertTrue(TableSchema.isSafeSegment(ok), ok) }
        for bad in ["", ".hidden", "a/b", "a b", "..", "ü", "a?b"] { XCTAssertFalse(TableSchema.isSafeSegment(bad), bad) }
    }

    func testGeoJSONPolygonsAndMultiPolygons() throws {
        let json = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"name": "Square", "iso_a3": "SQR", "rank": 3},
               "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
              {"type": "Feature", "properties": {"name": "Islands"},
               "geometry": {"type": "MultiPolygon", "coordinates": [[[[2, 2], [3, 2], [3, 3], [2, 2]]], [[[4, 4], [5, 4], [5, 5], [4, 4]]]]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 1]}}
            ]}
            """
        let (shapes, diagnostics) = GeoShapes.parse(Data(json.utf8), path: "g.geojson")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(shapes?.features.count, 2, "points carry no outline")
        XCTAssertEqual(shapes?.features[0].properties, ["name": "Square", "iso_a3": "SQR", "rank": "3"])
        XCTAssertEqual(shapes?.features[1].polygons.count, 2)
        XCTAssertTrue(shapes!.features[0].matches(["SQR"]))
        let (_, bad) = GeoShapes.parse(Data(#"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0, "x"]]]}}"#.utf8), path: "g.geojson")
        XCTAssertEqual(bad.map(\.description), ["g.geojson: error: invalid GeoJSON: feature 1 has malformed Polygon coordinates"])
        let (_, broken) = GeoShapes.parse(Data("{".utf8), path: "g.geojson")
        XCTAssertEqual(broken.count, 1)
        XCTAssertTrue(broken[0].description.hasPrefix("g.geojson: error: invalid GeoJSON"))
    }
}
