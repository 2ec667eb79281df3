import DossierData
import XCTest

final class DataTableTests: XCTestCase {
    func testReadsHeaderRowsCommentsAndMissingCells() {
        let csv = """
            \u{FEFF}# Source: example
            # Units: millions
            id,name,value
            a,"Alpha, the first",1.5
            b,Beta,
            """
        let (table, diagnostics) = DataTable.parse(csv, path: "d.csv")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(table?.header, ["id", "name", "value"])
        XCTAssertEqual(table?.comments, ["Source: example", "Units: millions"])
        XCTAssertEqual(table?.rows.map(\.line), [4, 5])
        XCTAssertEqual(table?.rows[0].cells, ["a", "Alpha, the first", "1.5"])
        XCTAssertEqual(table?.rows[1].cells, ["b", "Beta", nil], "an empty cell is missing, not zero")
    }

    func testRaggedRowIsAnErrorAtItsPhysicalLine() {
        let csv = "# c\nid,note\nx,\"two\nlines\"\ny,ok,extra\n"
        let (table, diagnostics) = DataTable.parse(csv, path: "d.csv")
        XCTAssertEqual(diagnostics.map(\.description), ["d.csv:5: error: row has 3 fields, the header has 2"])
        XCTAssertEqual(table?.rows.count, 1)
        XCTAssertEqual(table?.rows[0].cells[1], "two\nlines")
    }

    func testUnterminatedQuoteIsAnError() {
        let (_, diagnostics) = DataTable.parse("id,note\na,\"open\nb,c\n", path: "d.csv")
        XCTAssertEqual(diagnostics.map(\.description), ["d.csv:2: error: unterminated quoted field"])
    }

    func testSharedClustersFileReads() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../content/data/clusters.csv").standardizedFileURL
        let (table, diagnostics) = DataTable.parse(try String(contentsOf: url, encoding: .utf8), path: "clusters.csv")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(table?.rows.count, 19)
        XCTAssertNil(table.flatMap { t in t.value(t.rows.first { t.value($0, "id") == "beibu-gulf" }!, "population_m") })
    }
}
