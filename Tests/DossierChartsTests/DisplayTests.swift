@testable import DossierCharts
import DossierData
import DossierModel
import XCTest

/// What a reader sees of one cell, in English and German.
final class DisplayTests: XCTestCase {
    let en = DataDisplay(language: "en")
    let de = DataDisplay(language: "de", labels: ChartTests.labels("de"))
    let table = ChartTests.clusters

    func row(_ id: String) -> DataTable.Row { table.rows.first { table.value($0, "id") == id }! }

    func testMonthsInBothLanguages() {
        let months = (1...12).map { String(format: "2015-%02d", $0) }
        XCTAssertEqual(months.map(en.month), ["Jan 2015", "Feb 2015", "Mar 2015", "Apr 2015", "May 2015", "Jun 2015",
                                              "Jul 2015", "Aug 2015", "Sep 2015", "Oct 2015", "Nov 2015", "Dec 2015"])
        XCTAssertEqual(months.map(de.month), ["Jan. 2015", "Feb. 2015", "März 2015", "Apr. 2015", "Mai 2015", "Juni 2015",
                                              "Juli 2015", "Aug. 2015", "Sept. 2015", "Okt. 2015", "Nov. 2015", "Dez. 2015"])
        XCTAssertEqual(en.month("2015-13"), "2015-13", "not a month: as written")
        XCTAssertEqual(en.date(Day(iso: "2015-04-30")!), "30 Apr 2015")
        XCTAssertEqual(de.date(Day(iso: "2015-04-30")!), "30. Apr. 2015")
        let field = FieldSchema(name: "approved", type: .yearmonth)
        XCTAssertEqual(de.value("2019-02", field: field), "Feb. 2019")
        XCTAssertEqual(en.value("2019-02-18", field: FieldSchema(name: "d", type: .date)), "18 Feb 2019")
    }

    func testQualifiersHaveASignInTablesAndWordsInDescriptions() {
        let nbsp = "\u{00A0}"
        XCTAssertEqual(en.quantity(Quantity(14000, .lowerBound), decimals: 0), ">\(nbsp)14,000")
        XCTAssertEqual(de.quantity(Quantity(14000, .lowerBound), decimals: 0), ">\(nbsp)14.000")
        XCTAssertEqual(en.quantity(Quantity(5, .upperBound), decimals: 0), "<\(nbsp)5")
        XCTAssertEqual(de.quantity(Quantity(120.5, .approximate), decimals: 1), "≈\(nbsp)120,5")
        XCTAssertEqual(en.quantity(Quantity(86.17), decimals: 2), "86.17")
        XCTAssertEqual(en.words(Quantity(14000, .lowerBound), decimals: 0), "more than 14,000")
        XCTAssertEqual(de.words(Quantity(14000, .lowerBound), decimals: 0), "mehr als 14.000")
        XCTAssertEqual(en.words(Quantity(5, .upperBound), decimals: 0), "less than 5")
        XCTAssertEqual(de.words(Quantity(5, .upperBound), decimals: 0), "weniger als 5")
        XCTAssertEqual(en.words(Quantity(120, .approximate), decimals: 0), "about 120")
        XCTAssertEqual(de.words(Quantity(120, .approximate), decimals: 0), "etwa 120")
    }

    func testCellsFromTheDictionary() {
        XCTAssertEqual(en.cell(table, row("prd"), "tier"), .init(text: "Optimize and upgrade"))
        XCTAssertEqual(de.cell(table, row("lx"), "tier"), .init(text: "Heranbilden und entwickeln"))
        XCTAssertEqual(en.cell(table, row("prd"), "gdp_bn_cny"), .init(text: ">\u{00A0}14,000", isNumeric: true, qualifier: .lowerBound))
        XCTAssertEqual(de.cell(table, row("prd"), "gdp_bn_cny", withUnit: true).text, ">\u{00A0}14.000\u{00A0}Mrd. Yuan")
        XCTAssertEqual(de.cell(table, row("prd"), "population_m", withUnit: true).text, "86,17\u{00A0}Mio.")
        XCTAssertEqual(en.cell(table, row("yrd"), "population_m", decimals: 1).text, "150.0")
        XCTAssertEqual(en.cell(table, row("prd"), "population_year").text, "2020", "a year is never 2,020")
        // An empty cell says what it means in this column.
        XCTAssertEqual(en.cell(table, row("bbg"), "gdp_bn_cny"), .init(text: "not reported", isNumeric: true, isMissing: true))
        XCTAssertEqual(de.cell(table, row("bbg"), "gdp_bn_cny").text, "nicht gemeldet")
        XCTAssertEqual(en.cell(table, row("bbg"), "population_m").text, "no data")
        XCTAssertEqual(de.cell(table, row("bbg"), "population_m").text, "keine Daten")
        // Without a dictionary the text is shown as written.
        let plain = ChartTests.plainClusters
        XCTAssertEqual(en.cell(plain, plain.rows[1], "tier").text, "optimize-upgrade")
    }

    func testHeadingsTitlesAndUnits() {
        XCTAssertEqual(en.heading(table, "population_m"), "Population (million)")
        XCTAssertEqual(de.heading(table, "population_m"), "Bevölkerung (Mio.)")
        XCTAssertEqual(de.heading(table, "area_km2"), "Landfläche (km²)")
        XCTAssertEqual(en.heading(table, "gdp_bn_cny", unit: "trillion yuan"), "GDP (trillion yuan)", "the spec's unit wins")
        XCTAssertEqual(en.heading(table, "tier"), "Tier")
        XCTAssertEqual(en.heading(ChartTests.plainClusters, "population_m"), "population_m", "no dictionary: the column name")
        XCTAssertTrue(en.isNumeric(table, "population_year") == false, "a year is not a quantity")
        XCTAssertTrue(en.isNumeric(table, "gdp_bn_cny"))
        XCTAssertTrue(en.isNumeric(ChartTests.plainClusters, "gdp_bn_cny"))
        XCTAssertFalse(en.isNumeric(ChartTests.plainClusters, "tier"))
        XCTAssertEqual(en.list(["a", "b", "c"]), "a, b and c")
        XCTAssertEqual(de.list(["a", "b"]), "a und b")
    }
}
