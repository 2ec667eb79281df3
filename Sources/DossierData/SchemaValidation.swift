import DossierModel
import Foundation

extension DataTable {
    /// The table with its dictionary attached: cells listed in `missingValues` become empty, and
    /// every problem of table and dictionary together is reported, each at its file and line.
    public func attaching(_ schema: TableSchema) -> (DataTable, [Diagnostic]) {
        var table = self
        table.schema = schema
        let missing = Set(schema.missingValues.filter { !$0.isEmpty })
        if !missing.isEmpty {
            for r in table.rows.indices {
                table.rows[r].cells = table.rows[r].cells.map { cell in cell.flatMap { missing.contains($0) ? nil : $0 } }
            }
        }
        return (table, schema.validate(table))
    }

    /// A numeric cell as a quantity: nil when empty. A qualifier (`>`, `<`, `~`) is accepted only
    /// where the dictionary declares `qualifiers: true`; anything else that is not a number is an
    /// error at the cell's line.
    public func quantity(_ row: Row, _ column: String) -> Result<Quantity?, Diagnostic> {
        guard let text = value(row, column) else { return .success(nil) }
        let field = field(column)
        if let q = Quantity.parse(text, qualifiers: field?.qualifiers ?? false) {
            if field?.type == .integer && q.value != q.value.rounded() {
                return .failure(.error(path, line: row.line, "column '\(column)' must hold whole numbers, found '\(text)'"))
            }
            return .success(q)
        }
        return .failure(notANumber(row, column, text))
    }

    /// A numeric cell's number, for scales and sorting (a qualified cell gives its bound).
    public func number(_ row: Row, _ column: String) -> Result<Double?, Diagnostic> {
        quantity(row, column).map { $0?.value }
    }

    /// The works of the dictionary's `sources` that `rows` cite by id (ids separated by `;`)
    /// in the `source` column of any of `columns`; all of them when the rows cite none.
    public func citedSources(rows: [Row], columns: [String]) -> [TableSchema.Source] {
        guard let schema, !schema.sources.isEmpty else { return [] }
        var cited: Set<String> = []
        for column in Set(columns.compactMap { field($0)?.source }) {
            for row in rows {
                for id in (value(row, column) ?? "").split(separator: ";") {
                    cited.insert(id.trimmingCharacters(in: .whitespaces))
                }
            }
        }
        let works = schema.sources.filter { $0.id.map(cited.contains) ?? false }
        return works.isEmpty ? schema.sources : works
    }

    func notANumber(_ row: Row, _ column: String, _ text: String) -> Diagnostic {
        if Quantity.parse(text, qualifiers: true) != nil {
            let schema = schema.map { " in \($0.path)" } ?? " in a data dictionary"
            return .error(path, line: row.line,
                "column '\(column)' must hold numbers, found '\(text)' (a qualifier needs 'qualifiers: true' for this field\(schema))")
        }
        return .error(path, line: row.line,
            "column '\(column)' must hold numbers, found '\(text)' (leave the cell empty for no data)")
    }
}

extension TableSchema {
    /// Every problem of a table against its dictionary, in one run: fields the file lacks (at the
    /// dictionary's line), columns the dictionary does not describe (a warning), and cells of the
    /// wrong type or outside their enum, and bad primary keys (at the file's line).
    public func validate(_ table: DataTable) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let columns = Set(table.header)
        let columnList = table.header.joined(separator: ", ")
        var seen: Set<String> = []
        for field in fields {
            if !seen.insert(field.name).inserted {
                diagnostics.append(.error(path, line: field.line, "field '\(field.name)' is described twice"))
            }
            if !columns.contains(field.name) {
                diagnostics.append(.error(path, line: field.line,
                    "field '\(field.name)' is not a column of \(table.path) (columns: \(columnList))"))
            }
            for (language, column) in field.translations.sorted(by: { $0.key < $1.key }) where !columns.contains(column) {
                diagnostics.append(.error(path, line: field.line("translations"),
                    "field '\(field.name)': the '\(language)' translation names column '\(column)', which \(table.path) does not have"))
            }
            for (key, column) in [("year", field.year), ("source", field.source)] {
                if let column, !columns.contains(column) {
                    diagnostics.append(.error(path, line: field.line(key),
                        "field '\(field.name)': '\(key)' names column '\(column)', which \(table.path) does not have"))
                }
            }
            if field.qualifiers && !field.isNumeric {
                diagnostics.append(.error(path, line: field.line("qualifiers"),
                    "field '\(field.name)': 'qualifiers' needs a number or integer field, not \(field.type.rawValue)"))
            }
            if let allowed = field.enumValues {
                for value in field.labels.keys.sorted() where !allowed.contains(value) {
                    diagnostics.append(.warning(path, line: field.line("labels"),
                        "field '\(field.name)': label for '\(value)', which is not in its enum"))
                }
            }
        }
        for key in foreignKeys where !columns.contains(key.field) {
            diagnostics.append(.error(path, line: key.line,
                "foreign key '\(key.field)' is not a column of \(table.path) (columns: \(columnList))"))
        }
        let described = Set(fields.map(\.name))
        for column in table.header where !described.contains(column) {
            diagnostics.append(.warning(table.path, line: table.headerLine,
                "column '\(column)' is not described in \(path)"))
        }

        // Cells, column by column in file order, so a run lists each row's problems together.
        let checked = fields.compactMap { field in table.columnIndex(field.name).map { (field, $0) } }
        for row in table.rows {
            for (field, index) in checked {
                guard index < row.cells.count, let text = row.cells[index] else { continue }
                if let problem = cellProblem(text, field: field, table: table, row: row) {
                    diagnostics.append(problem)
                } else if let allowed = field.enumValues, !allowed.contains(text) {
                    diagnostics.append(.error(table.path, line: row.line,
                        "column '\(field.name)' must be one of \(allowed.joined(separator: ", ")), found '\(text)'"))
                }
            }
        }
        diagnostics += primaryKeyProblems(table)
        diagnostics += citationProblems(table)
        return diagnostics
    }

    private func cellProblem(_ text: String, field: FieldSchema, table: DataTable, row: DataTable.Row) -> Diagnostic? {
        func wrong(_ what: String) -> Diagnostic {
            .error(table.path, line: row.line, "column '\(field.name)' must hold \(what), found '\(text)'")
        }
        switch field.type {
        case .string, .list: return nil
        case .number, .integer:
            if case .failure(let d) = table.quantity(row, field.name) { return d }
            return nil
        case .year: return Self.isYear(text) ? nil : wrong("years as YYYY")
        case .yearmonth: return Self.yearMonth(text) != nil ? nil : wrong("months as YYYY-MM")
        case .date: return Day(iso: text) != nil ? nil : wrong("dates as YYYY-MM-DD")
        }
    }

    /// When `sources` give ids, a `source` column cites by id: an id that no source has is an
    /// error at its CSV line (a reader would miss the citation).
    private func citationProblems(_ table: DataTable) -> [Diagnostic] {
        let ids = Set(sources.compactMap(\.id))
        guard !ids.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for column in Set(fields.compactMap(\.source)).sorted() where table.columnIndex(column) != nil {
            for row in table.rows {
                for id in (table.value(row, column) ?? "").split(separator: ";") {
                    let id = id.trimmingCharacters(in: .whitespaces)
                    guard !id.isEmpty, !ids.contains(id) else { continue }
                    let suggestion = ids.sorted().first { $0.hasPrefix(id) || id.hasPrefix($0) }.map { "; did you mean '\($0)'?" } ?? ""
                    diagnostics.append(.error(table.path, line: row.line,
                        "column '\(column)' cites '\(id)', which is not the id of a source in \(path)\(suggestion)"))
                }
            }
        }
        return diagnostics
    }

    private func primaryKeyProblems(_ table: DataTable) -> [Diagnostic] {
        guard !primaryKey.isEmpty else { return [] }
        let indices = primaryKey.map { table.columnIndex($0) }
        var diagnostics: [Diagnostic] = []
        for (name, index) in zip(primaryKey, indices) where index == nil {
            diagnostics.append(.error(path, line: line("primaryKey"),
                "primaryKey '\(name)' is not a column of \(table.path) (columns: \(table.header.joined(separator: ", ")))"))
        }
        guard diagnostics.isEmpty else { return diagnostics }
        let keyName = primaryKey.joined(separator: ", ")
        var firstLine: [[String]: Int] = [:]
        for row in table.rows {
            let values = indices.map { i in i! < row.cells.count ? row.cells[i!] : nil }
            guard values.allSatisfy({ $0 != nil }) else {
                diagnostics.append(.error(table.path, line: row.line, "empty key in column '\(keyName)': every row needs one"))
                continue
            }
            let key = values.map { $0! }
            if primaryKey.count == 1, !Self.isSafeSegment(key[0]) {
                diagnostics.append(.error(table.path, line: row.line,
                    "key '\(key[0])' in column '\(keyName)' is not a safe URL segment: use letters a–z and A–Z, digits, '-', '_' and '.', not starting with '.'"))
            }
            if let first = firstLine[key] {
                diagnostics.append(.error(table.path, line: row.line,
                    "duplicate key '\(key.joined(separator: ", "))' in column '\(keyName)' (first on line \(first))"))
            } else {
                firstLine[key] = row.line
            }
        }
        return diagnostics
    }

    /// Every cell of a foreign-key column must be an id of the table it references (`tables` by
    /// path relative to `content/data/`); each one that is not is an error at its CSV line.
    public func foreignKeyProblems(_ table: DataTable, tables: [String: DataTable]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for key in foreignKeys where table.columnIndex(key.field) != nil {
            guard let other = tables[key.resource] else {
                diagnostics.append(.error(path, line: key.line,
                    "foreign key '\(key.field)': no data file '\(key.resource)' under content/data/"))
                continue
            }
            guard other.columnIndex(key.referenced) != nil else {
                diagnostics.append(.error(path, line: key.line,
                    "foreign key '\(key.field)': \(other.path) has no column '\(key.referenced)'"))
                continue
            }
            let ids = Set(other.rows.compactMap { other.value($0, key.referenced) })
            for row in table.rows {
                guard let value = table.value(row, key.field), !ids.contains(value) else { continue }
                diagnostics.append(.error(table.path, line: row.line,
                    "column '\(key.field)': '\(value)' is not an id in column '\(key.referenced)' of \(other.path)"))
            }
        }
        return diagnostics
    }

    /// An id that can stand as one URL segment on every file system and server.
    public static func isSafeSegment(_ s: String) -> Bool {
        guard let first = s.first, first != "." else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    static func isYear(_ s: String) -> Bool { s.count == 4 && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// `2015-04` → (2015, 4).
    public static func yearMonth(_ s: String) -> (year: Int, month: Int)? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, isYear(String(parts[0])), parts[1].count == 2, let month = Int(parts[1]),
              (1...12).contains(month), let year = Int(parts[0]) else { return nil }
        return (year, month)
    }
}
