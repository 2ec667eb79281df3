import DossierData
import DossierModel

/// The one place that turns a data cell into what a reader sees, in one language: titles and
/// units from the data dictionary, value labels of an enum, numbers with the language's
/// separators, months (`Apr 2015` / `Apr. 2015`), qualified values (`> 14,000`) and the
/// column's own text for an empty cell. Charts, table blocks and data pages all use it.
public struct DataDisplay: Sendable {
    public var language: String
    public var labels: Charts.Labels
    public var format: NumberFormat
    /// Language whose text stands in where a dictionary lacks the page's language.
    public var fallbackLanguage: String

    public init(language: String, labels: Charts.Labels = .init(), fallbackLanguage: String = "en") {
        self.language = language
        self.labels = labels
        self.format = NumberFormat.forLanguage(language)
        self.fallbackLanguage = fallbackLanguage
    }

    /// Text of the dictionary in the page's language.
    public func text(_ localized: Localized) -> String { localized.text(language, fallback: fallbackLanguage) }

    // MARK: - Columns

    /// A column's title from the dictionary, else its name (only a table without a dictionary
    /// shows a raw column name; the chart spec's own labels take precedence over both).
    public func title(_ table: DataTable, _ column: String) -> String {
        table.field(column)?.title.map(text) ?? column
    }

    public func unit(_ table: DataTable, _ column: String) -> String? {
        table.field(column)?.unit.map(text)
    }

    /// A column heading: "Population (million)".
    public func heading(_ table: DataTable, _ column: String, unit override: String? = nil) -> String {
        let title = title(table, column)
        guard let unit = override ?? unit(table, column), !unit.isEmpty else { return title }
        return "\(title) (\(unit))"
    }

    /// What an empty cell of the column means: its own `missing` text, else "no data".
    public func missing(_ table: DataTable, _ column: String) -> String {
        table.field(column)?.missing.map(text) ?? labels.noData
    }

    /// Whether the column holds numbers: by its dictionary type, else by its cells (every
    /// non-empty cell a number).
    public func isNumeric(_ table: DataTable, _ column: String, rows: [DataTable.Row]? = nil) -> Bool {
        if let field = table.field(column) { return field.isNumeric }
        return (rows ?? table.rows).allSatisfy { row in
            table.value(row, column).map { Quantity.parse($0, qualifiers: false) != nil } ?? true
        }
    }

    // MARK: - Cells

    /// One cell as a reader sees it.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var isNumeric: Bool
        public var isMissing: Bool
        /// Set for a bound or an approximation.
        public var qualifier: Quantity.Qualifier?

        public init(text: String, isNumeric: Bool = false, isMissing: Bool = false, qualifier: Quantity.Qualifier? = nil) {
            self.text = text
            self.isNumeric = isNumeric
            self.isMissing = isMissing
            self.qualifier = qualifier
        }
    }

    /// The cell of `row` in `column`. Numbers get `decimals` (nil: as written in the data) and,
    /// with `withUnit`, the dictionary's unit ("86.17 million").
    public func cell(_ table: DataTable, _ row: DataTable.Row, _ column: String, decimals: Int? = nil,
                     numeric: Bool? = nil, withUnit: Bool = false) -> Cell {
        let field = table.field(column)
        guard let raw = text(table, row, column) else {
            return Cell(text: missing(table, column), isNumeric: numeric ?? field?.isNumeric ?? false, isMissing: true)
        }
        if numeric ?? field?.isNumeric ?? false, case .success(let q?) = table.quantity(row, column) {
            var text = quantity(q, decimals: decimals ?? NumberFormat.decimals(of: q.value))
            if withUnit, let unit = unit(table, column), !unit.isEmpty { text += "\u{00A0}" + unit }
            return Cell(text: text, isNumeric: true, qualifier: q.qualifier)
        }
        return Cell(text: value(raw, field: field))
    }

    /// A cell's text in the page's language: its translation column's cell when the field names
    /// one for this language and that cell is not empty, else the cell itself.
    public func text(_ table: DataTable, _ row: DataTable.Row, _ column: String) -> String? {
        if let other = table.field(column)?.translations[language], let translated = table.value(row, other) { return translated }
        return table.value(row, column)
    }

    /// The values of a `list` cell, each as a reader sees it.
    public func items(_ raw: String, field: FieldSchema?) -> [String] {
        guard let field, field.type == .list else { return [value(raw, field: field)] }
        return raw.components(separatedBy: field.delimiter).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { field.labels[$0].map(text) ?? $0 }
    }

    /// A non-numeric value: its enum label, a month or a date in the page's language, the values
    /// of a list joined by commas, or the text.
    public func value(_ raw: String, field: FieldSchema?) -> String {
        if let label = field?.labels[raw] { return text(label) }
        if field?.type == .list { return items(raw, field: field).joined(separator: ", ") }
        switch field?.type {
        case .yearmonth?: return month(raw)
        case .date?: return Day(iso: raw).map(date) ?? raw
        default: return raw
        }
    }

    /// A quantity with its sign: `14,000`, `> 14,000`, `< 5`, `≈ 120` (the sign and the
    /// number held together by a no-break space).
    public func quantity(_ q: Quantity, decimals: Int) -> String {
        let number = format.string(q.value, decimals: decimals)
        switch q.qualifier {
        case nil: return number
        case .lowerBound?: return ">\u{00A0}" + number
        case .upperBound?: return "<\u{00A0}" + number
        case .approximate?: return "≈\u{00A0}" + number
        }
    }

    /// A quantity in words, for text alternatives: "more than 14,000".
    public func words(_ q: Quantity, decimals: Int) -> String {
        let number = format.string(q.value, decimals: decimals)
        switch q.qualifier {
        case nil: return number
        case .lowerBound?: return labels.text("chart_more_than", ["value": number])
        case .upperBound?: return labels.text("chart_less_than", ["value": number])
        case .approximate?: return labels.text("chart_about", ["value": number])
        }
    }

    // MARK: - Months and dates

    static let monthAbbreviations: [String: [String]] = [
        "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        // Duden's abbreviations: a dot where letters are left out, none for short names.
        "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    ]

    func monthName(_ month: Int) -> String {
        (Self.monthAbbreviations[language] ?? Self.monthAbbreviations["en"]!)[month - 1]
    }

    /// `2015-04` → `Apr 2015` (en), `Apr. 2015` (de); anything else as written.
    public func month(_ yearMonth: String) -> String {
        guard let (year, month) = TableSchema.yearMonth(yearMonth) else { return yearMonth }
        return "\(monthName(month)) \(year)"
    }

    /// `30 Apr 2015` (en), `30. Apr. 2015` (de).
    public func date(_ day: Day) -> String {
        language == "de" ? "\(day.day). \(monthName(day.month)) \(day.year)" : "\(day.day) \(monthName(day.month)) \(day.year)"
    }

    /// `a, b and c` in the page's language.
    public func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " " + labels.text("chart_list_and") + " " + items.last!
    }
}
