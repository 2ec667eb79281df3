import Foundation
import DossierData
import DossierModel

/// A `table` block: rows of a CSV file as an HTML table, numbers right-aligned and formatted
/// for the page's language, empty cells shown as "no data".
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

        var rows = table.filtered(spec.filter)
        // A column is numeric when asked, or when every non-empty cell is a number.
        let numeric = columns.map { column in
            column.numeric ?? rows.allSatisfy { row in table.value(row, column.column).map { Double($0) != nil } ?? true }
        }
        for (column, isNumeric) in zip(columns, numeric) where isNumeric {
            for row in rows { if case .failure(let d) = table.number(row, column.column) { diagnostics.append(d) } }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }

        if let sortBy = spec.sortBy, spec.sort != .none {
            let values = rows.map { row in table.value(row, sortBy).flatMap(Double.init) }
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
        }

        let format = NumberFormat.forLanguage(options.language)
        let decimals = columns.map { column in
            column.decimals ?? Charts.decimals(rows.compactMap { table.value($0, column.column).flatMap(Double.init) })
        }
        var html = "<figure class=\"data-table\" id=\"\(htmlEscape(options.id))\">"
        if let title = spec.title { html += "<figcaption><span class=\"chart-title\">\(htmlEscape(title))</span></figcaption>" }
        html += "<div class=\"table-scroll\"><table><thead><tr>"
        for (column, isNumeric) in zip(columns, numeric) {
            html += "<th scope=\"col\"\(isNumeric ? " class=\"num\"" : "")>\(htmlEscape(column.label ?? column.column))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (index, column) in columns.enumerated() {
                let tag = index == 0 ? "th scope=\"row\"" : "td", close = index == 0 ? "th" : "td"
                guard let text = table.value(row, column.column) else {
                    html += "<\(tag) class=\"nodata\">\(htmlEscape(options.noData))</\(close)>"
                    continue
                }
                if numeric[index], let value = Double(text) {
                    html += "<\(tag) class=\"num\">\(htmlEscape(format.string(value, decimals: decimals[index])))</\(close)>"
                } else {
                    html += "<\(tag)>\(htmlEscape(text.replacingOccurrences(of: ";", with: "; ")))</\(close)>"
                }
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        var notes: [String] = []
        if let caption = spec.caption { notes.append(htmlEscape(caption)) }
        if let source = spec.source { notes.append(htmlEscape(options.labels.source) + ": " + htmlEscape(source)) }
        if !notes.isEmpty { html += "<p class=\"chart-note\">\(notes.joined(separator: " "))</p>" }
        return (html + "</figure>", [])
    }
}

extension DataTable {
    func value(row: Row, _ column: String) -> String { value(row, column) ?? "" }
}
