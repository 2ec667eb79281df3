import CSV
import DossierModel
import Foundation

/// A CSV file read into memory: header, rows, and the physical line each row starts on.
/// An empty cell is `nil` — missing, never zero.
public struct DataTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line in the file where the row starts.
        public var line: Int
        public var cells: [String?]

        public init(line: Int, cells: [String?]) {
            self.line = line
            self.cells = cells
        }
    }

    /// Path for diagnostics.
    public var path: String
    public var header: [String]
    public var rows: [Row]
    /// `#` lines without the `#`: sources, units, caveats.
    public var comments: [String]
    /// 1-based line of the header row.
    public var headerLine: Int
    /// The data dictionary (`<name>.schema.yml`), when the file has one.
    public var schema: TableSchema?

    public init(path: String, header: [String], rows: [Row], comments: [String] = [], headerLine: Int = 1,
                schema: TableSchema? = nil) {
        self.path = path
        self.header = header
        self.rows = rows
        self.comments = comments
        self.headerLine = headerLine
        self.schema = schema
    }

    /// The dictionary's entry for a column, if any.
    public func field(_ column: String) -> FieldSchema? { schema?.field(column) }

    public func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The cell of `row` in column `name`, or nil when the column is unknown or the cell is empty.
    public func value(_ row: Row, _ name: String) -> String? {
        guard let i = columnIndex(name), i < row.cells.count else { return nil }
        return row.cells[i]
    }

    /// Reads a CSV text. Lines starting with `#` (outside quoted fields) are comments.
    /// A ragged row and an unterminated quote are errors at their physical line.
    public static func parse(_ text: String, path: String) -> (DataTable?, [Diagnostic]) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n")

        // Drop comment lines, remembering which physical line each kept line was,
        // and find an unterminated quote (the CSV library accepts one silently).
        var comments: [String] = []
        var kept: [Substring] = []
        var physicalLine: [Int] = []
        var inQuote = false
        var quoteStart = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if !inQuote && line.hasPrefix("#") {
                comments.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
                continue
            }
            if !inQuote && line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            for character in line where character == "\"" {
                inQuote.toggle()
                if inQuote { quoteStart = index + 1 }
            }
            kept.append(line)
            physicalLine.append(index + 1)
        }
        if inQuote {
            return (nil, [.error(path, line: quoteStart, "unterminated quoted field")])
        }
        guard !kept.isEmpty else { return (nil, [.error(path, line: 1, "no header row")]) }

        let reader: CSVReader
        do {
            reader = try CSVReader(string: kept.joined(separator: "\n"), hasHeaderRow: false)
        } catch {
            return (nil, [.error(path, line: physicalLine[0], "cannot read CSV: \(error)")])
        }
        guard let header = reader.next() else { return (nil, [.error(path, line: 1, "no header row")]) }
        var diagnostics: [Diagnostic] = []
        var rows: [Row] = []
        var keptIndex = 1 + header.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        while let fields = reader.next() {
            let line = keptIndex < physicalLine.count ? physicalLine[keptIndex] : physicalLine.last! + 1
            keptIndex += 1 + fields.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if fields.count != header.count {
                diagnostics.append(.error(path, line: line,
                    "row has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(header.count)"))
                continue
            }
            rows.append(Row(line: line, cells: fields.map { $0.isEmpty ? nil : $0 }))
        }
        if let error = reader.error {
            diagnostics.append(.error(path, "cannot read CSV: \(error)"))
        }
        return (DataTable(path: path, header: header, rows: rows, comments: comments, headerLine: physicalLine[0]), diagnostics)
    }
}
