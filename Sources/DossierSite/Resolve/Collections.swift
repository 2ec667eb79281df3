import DossierData
import DossierMarkdown
import DossierModel
import Foundation

/// A collection of site.yml bound to its data: the rows of one CSV file, each with its page in
/// every language, its narratives (`content/<name>/<id>.md`, `.de.md`) and the index's bodies
/// (`content/<name>/_index.md`). Nothing here knows a column: the id, title and group columns
/// come from site.yml, everything a reader sees of a cell from the data dictionary.
struct CollectionModel: Sendable {
    struct Row: Sendable {
        var id: String
        var row: DataTable.Row
        /// Language → narrative.
        var narratives: [String: SourceRef] = [:]
        /// Language → the narrative's `summary`.
        var summaries: [String: String] = [:]
    }

    /// `_index.md` (or `_index.de.md`): the index page's body, title and summary in one language.
    struct Intro: Sendable {
        var source: SourceRef
        var title: String?
        var summary: String?
    }

    var config: CollectionConfig
    var table: DataTable
    var idColumn: String
    var rows: [Row]
    /// Row id → index into `rows`.
    var rowIndex: [String: Int]
    /// Language → index body.
    var intros: [String: Intro] = [:]

    var name: String { config.name }
    var schema: TableSchema? { table.schema }

    func indexRoute(_ language: String, routes: SiteRoutes) -> Route { routes.collection(language, path: config.path) }

    func route(_ row: Row, language: String, routes: SiteRoutes) -> Route {
        routes.row(language, path: config.path, id: row.id)!
    }

    /// A row's name in `language`: its title column for that language (or that column's
    /// translation), else the default language's, else the id.
    func rowName(_ row: Row, language: String, fallback: String) -> String {
        for code in [language, fallback] {
            guard let column = config.titleColumn(code, fallback: fallback) else { continue }
            if let translated = table.field(column)?.translations[code], let text = table.value(row.row, translated) { return text }
            if let text = table.value(row.row, column) { return text }
        }
        return row.id
    }

    /// What the collection is called in `language`: its `_index` page's title, else the data
    /// dictionary's `title`, else the default language's, else its name.
    func title(_ language: String, fallback: String) -> String {
        intros[language]?.title ?? schema?.title.flatMap { $0.has(language) ? $0.text(language) : nil }
            ?? intros[fallback]?.title ?? schema?.title?.text(language, fallback: fallback) ?? name
    }

    /// Columns whose text a reader sees elsewhere on a row's page (id, names) or that serve
    /// another field (its year, sources or translation), so a list of the row's figures skips them.
    var servingColumns: Set<String> {
        var columns: Set<String> = [idColumn]
        columns.formUnion(config.title.values)
        for field in schema?.fields ?? [] {
            if let year = field.year { columns.insert(year) }
            if let source = field.source { columns.insert(source) }
            columns.formUnion(field.translations.values)
        }
        return columns
    }
}

enum Collections {
    /// Binds every collection of site.yml to its table and its Markdown files, and reports, each
    /// at its file and line, what does not fit: a data file that is missing or has no dictionary,
    /// a column site.yml names that the file lacks, an empty, unsafe or repeated id, a narrative
    /// for a row that does not exist.
    static func resolve(
        _ loaded: LoadedContent, options: BuildOptions
    ) -> (collections: [CollectionModel], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var collections: [CollectionModel] = []
        let config = loaded.config
        for collection in config.collections {
            let site = collection.file
            func error(_ key: String, _ message: String) {
                diagnostics.append(.error(site, line: collection.line(key), "collection '\(collection.name)': \(message)"))
            }
            guard collection.data.hasPrefix("data/"), collection.data.hasSuffix(".csv") else {
                error("data", "'data' must be a CSV file under data/, such as data/\(collection.name).csv (found '\(collection.data)')")
                continue
            }
            guard let table = loaded.tables[collection.dataPath] else {
                // A file that exists but could not be read has reported why already.
                let file = options.contentFolder.appendingPathComponent(collection.data)
                if !FileManager.default.fileExists(atPath: file.path) {
                    let found = loaded.tables.keys.sorted().map { "data/" + $0 }.joined(separator: ", ")
                    error("data", "no data file '\(collection.data)' (found: \(found.isEmpty ? "none" : found))")
                }
                continue
            }
            guard let schema = table.schema else {
                let dictionary = String(collection.data.dropLast(4)) + ".schema.yml"
                error("data", "\(collection.data) has no data dictionary: write \(dictionary) (what each column means, in every language), so that readers see titles, not column names")
                continue
            }
            var idColumn = collection.id
            if idColumn == nil {
                if schema.primaryKey.count == 1 { idColumn = schema.primaryKey[0] } else {
                    error("data", "name the column of row ids with 'id' (the data dictionary has no single-column primaryKey)")
                    continue
                }
            }
            let columns = table.header.joined(separator: ", ")
            var ok = true
            func requireColumn(_ column: String, key: String) {
                guard table.columnIndex(column) == nil else { return }
                error(key, "'\(key)' names column '\(column)', which \(table.path) does not have (columns: \(columns))")
                ok = false
            }
            requireColumn(idColumn!, key: "id")
            for column in Set(collection.title.values).sorted() { requireColumn(column, key: "title") }
            guard ok, let idColumn else { continue }
            var collection = collection
            if let group = collection.group, table.columnIndex(group) == nil {
                // Reported; the rows still get their pages checked, ungrouped.
                requireColumn(group, key: "group")
                collection.group = nil
            }

            // Ids: the dictionary's primary-key check reports these when the key is this column.
            let checkedBySchema = schema.primaryKey == [idColumn]
            var rows: [CollectionModel.Row] = []
            var index: [String: Int] = [:]
            for row in table.rows {
                guard let id = table.value(row, idColumn) else {
                    if !checkedBySchema {
                        diagnostics.append(.error(table.path, line: row.line, "empty key in column '\(idColumn)': every row needs one"))
                    }
                    continue
                }
                guard TableSchema.isSafeSegment(id) else {
                    if !checkedBySchema {
                        diagnostics.append(.error(table.path, line: row.line,
                            "key '\(id)' in column '\(idColumn)' is not a safe URL segment: use letters a–z and A–Z, digits, '-', '_' and '.', not starting with '.'"))
                    }
                    continue
                }
                if let first = index[id] {
                    if !checkedBySchema {
                        diagnostics.append(.error(table.path, line: row.line,
                            "duplicate key '\(id)' in column '\(idColumn)' (first on line \(rows[first].row.line))"))
                    }
                    continue
                }
                index[id] = rows.count
                rows.append(.init(id: id, row: row))
            }
            // A row with no name in a language would show its id there.
            for language in config.languages {
                guard let column = collection.titleColumn(language, fallback: config.language) else { continue }
                for row in rows where table.value(row.row, column) == nil {
                    diagnostics.append(.warning(table.path, line: row.row.line,
                        "row '\(row.id)' has no name in column '\(column)'; its \(language) page shows \(language == config.language ? "its id" : "the \(config.language) name")"))
                }
            }
            collections.append(CollectionModel(config: collection, table: table, idColumn: idColumn, rows: rows, rowIndex: index))
        }

        // Narratives and index bodies attach by file name.
        var byName: [String: Int] = [:]
        for (i, collection) in collections.enumerated() { byName[collection.name] = i }
        for document in loaded.documents {
            guard case .row(let name) = document.kind, let c = byName[name] else { continue }
            if let problem = Resolver.languageSuffixProblem(document.key, config: config) {
                diagnostics.append(.error(document.displayPath, problem))
                continue
            }
            let stem = String(document.key.dropFirst(name.count + 1))
            let source = SourceRef(file: document.file, displayPath: document.displayPath)
            if stem == SiteRoutes.indexFile {
                let smart = { (text: String) in Typography.smarten(text, language: document.language) }
                collections[c].intros[document.language] = .init(
                    source: source, title: document.raw.title.map(smart), summary: document.raw.summary.map(smart))
                continue
            }
            guard let r = collections[c].rowIndex[stem] else {
                let known = collections[c].rows.map(\.id)
                let suggestion = YAMLMapping.nearest(stem, in: Set(known)).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(.error(document.displayPath,
                    "no row with id '\(stem)' in \(collections[c].config.data) (collection '\(name)')\(suggestion)"))
                continue
            }
            collections[c].rows[r].narratives[document.language] = source
            if let summary = document.raw.summary {
                collections[c].rows[r].summaries[document.language] = Typography.smarten(summary, language: document.language)
            }
        }
        return (collections, diagnostics)
    }

    /// Rows a briefing names that no collection has: each an error where the id was written.
    static func unknownRows(_ raw: RawFrontMatter, path: String, collections: [CollectionModel]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for collection in collections {
            for mention in raw.rows[collection.name] ?? [] where collection.rowIndex[mention.id] == nil {
                let suggestion = YAMLMapping.nearest(mention.id, in: Set(collection.rowIndex.keys)).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(.error(path, line: mention.line, column: mention.column,
                    "unknown \(collection.name) id '\(mention.id)': not a row of \(collection.config.data)\(suggestion)"))
            }
        }
        return diagnostics
    }
}
