import Foundation
import DossierData
import DossierModel

/// A `table` block: rows of a CSV file as an HTML table, numbers right-aligned and formatted
/// for the page's language, headings, value labels and missing-value texts from the data
/// dictionary, bounds and approximations with their sign.
public struct TableSpec: Sendable {
    public struct Column: Sendable, Equatable {
        public var column: String
        public var label: String?
        /// Fixed decimals for a numeric column; nil means as written in the data.
        public var decimals: Int?
        /// Whether the column holds numbers (formatted and right-aligned). Nil: decided from the data.
        public var numeric: Bool?

        public init(column: String, label: String? = nil, decimals: Int? = nil, numeric: Bool? = nil) {
            self.column = column
            self.label = label
            self.decimals = decimals
            self.numeric = numeric
        }
    }

    public var data: String
    public var columns: [Column]
    public var filter: [(column: String, values: [String])]
    public var sort: ChartSpec.Sort
    public var sortBy: String?
    public var title: String?
    public var caption: String?
    public var source: String?

    public init(data: String, columns: [Column], filter: [(column: String, values: [String])] = [],
                sort: ChartSpec.Sort = .none, sortBy: String? = nil, title: String? = nil, caption: String? = nil,
                source: String? = nil) {
        self.data = data
        self.columns = columns
        self.filter = filter
        self.sort = sort
        self.sortBy = sortBy
        self.title = title
        self.caption = caption
        self.source = source
    }
}

public enum Tables {
    public static func html(_ spec: TableSpec, table: DataTable, options: Charts.Options) -> (html: String?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let columns = spec.columns.isEmpty ? table.header.map { TableSpec.Column(column: $0) } : spec.columns
        let referenced = columns.map { ("columns", $0.column) } + spec.filter.map { ("filter", $0.column) }
            + (spec.sortBy.map { [("sort_by", $0)] } ?? [])
        for (key, column) in referenced where table.columnIndex(column) == nil {
            diagnostics.append(.error(options.specPath, line: options.line(key),
                "table '\(key)': unknown column '\(column)' in \(spec.data) (columns: \(table.header.joined(separator: ", ")))"))
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }

        let display = options.display
        var rows = table.filtered(spec.filter)
        // A column is numeric when asked, else by its dictionary type, else when every non-empty
        // cell is a number.
        let numeric = columns.map { column in column.numeric ?? display.isNumeric(table, column.column, rows: rows) }
        var quantities: [[Quantity?]] = rows.map { _ in [] }
        for (column, isNumeric) in zip(columns, numeric) {
            for (r, row) in rows.enumerated() {
                guard isNumeric else { quantities[r].append(nil); continue }
                switch table.quantity(row, column.column) {
                case .success(let q): quantities[r].append(q)
                case .failure(let d): diagnostics.append(d); quantities[r].append(nil)
                }
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }

        if let sortBy = spec.sortBy, spec.sort != .none {
            // By number (a bound sorts by its number), missing last; text columns by text.
            let values = rows.map { row -> Double? in
                if case .success(let q?) = table.quantity(row, sortBy) { return q.value }
                return nil
            }
            let texts = rows.map { table.value(row: $0, sortBy) }
            let order = rows.indices.sorted { a, b in
                switch (values[a], values[b]) {
                case let (va?, vb?) where va != vb: return spec.sort == .descending ? va > vb : va < vb
                case (nil, _?): return false  // missing last
                case (_?, nil): return true
                default:
                    if texts[a] != texts[b] { return spec.sort == .descending ? texts[a] > texts[b] : texts[a] < texts[b] }
                    return a < b
                }
            }
            rows = order.map { rows[$0] }
            quantities = order.map { quantities[$0] }
        }

        let decimals = columns.indices.map { i in
            columns[i].decimals ?? Charts.decimals(quantities.compactMap { $0[i]?.value })
        }
        var html = "<figure class=\"data-table\" id=\"\(htmlEscape(options.id))\">"
        if let title = spec.title { html += "<figcaption><span class=\"chart-title\">\(htmlEscape(title))</span></figcaption>" }
        html += "<div class=\"table-scroll\"><table><thead><tr>"
        for (column, isNumeric) in zip(columns, numeric) {
            let heading = column.label ?? display.heading(table, column.column)
            html += "<th scope=\"col\"\(isNumeric ? " class=\"num\"" : "")>\(htmlEscape(heading))</th>"
        }
        html += "</tr></thead><tbody>"
        var qualified = false
        for row in rows {
            html += "<tr>"
            for (index, column) in columns.enumerated() {
                let tag = index == 0 ? "th scope=\"row\"" : "td", close = index == 0 ? "th" : "td"
                let cell = display.cell(table, row, column.column, decimals: decimals[index], numeric: numeric[index])
                if cell.qualifier != nil { qualified = true }
                if cell.isMissing {
                    html += "<\(tag) class=\"\(cell.isNumeric ? "num nodata" : "nodata")\">\(htmlEscape(cell.text))</\(close)>"
                } else if cell.isNumeric {
                    html += "<\(tag) class=\"num\">\(htmlEscape(cell.text))</\(close)>"
                } else {
                    // Lists in one cell (`Guangdong;Hong Kong SAR`) read with a space after each `;`.
                    html += "<\(tag)>\(htmlEscape(cell.text.replacingOccurrences(of: ";", with: "; ")))</\(close)>"
                }
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        var notes: [String] = []
        if let caption = spec.caption { notes.append(htmlEscape(caption)) }
        if qualified { notes.append(htmlEscape(display.labels.text("table_qualifier_note"))) }
        if let source = Charts.sourceNote(spec.source, table: table, rows: rows, columns: columns.map(\.column), display: display) {
            notes.append(source)
        }
        if !notes.isEmpty { html += "<p class=\"chart-note\">\(notes.joined(separator: " "))</p>" }
        return (html + "</figure>", [])
    }
}

extension DataTable {
    func value(row: Row, _ column: String) -> String { value(row, column) ?? "" }
}
