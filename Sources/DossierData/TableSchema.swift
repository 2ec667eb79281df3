import DossierModel
import Foundation

/// Text a reader sees: one string for every language, or one per language.
public enum Localized: Sendable, Hashable {
    case plain(String)
    /// Language code → text.
    case languages([String: String])

    /// The text in `language`, else in `fallback`, else in the first language by code (so the
    /// choice never depends on dictionary order).
    public func text(_ language: String, fallback: String = "en") -> String {
        switch self {
        case .plain(let text): return text
        case .languages(let map):
            if let text = map[language] ?? map[fallback] { return text }
            return map.keys.sorted().first.map { map[$0]! } ?? ""
        }
    }

    /// Whether the text exists in `language` itself (a plain string serves every language).
    public func has(_ language: String) -> Bool {
        switch self {
        case .plain: return true
        case .languages(let map): return map[language] != nil
        }
    }

    /// Languages named in a language map, sorted; empty for a plain string.
    public var languages: [String] {
        if case .languages(let map) = self { return map.keys.sorted() }
        return []
    }
}

/// One column of a data dictionary (a Frictionless Table Schema field, plus Dossier's keys).
public struct FieldSchema: Sendable, Equatable {
    public enum FieldType: String, Sendable, CaseIterable {
        case string, number, integer, date, yearmonth, year
        /// Several values in one cell, separated by `delimiter` (`;` unless the field says otherwise).
        case list
    }

    public var name: String
    public var title: Localized?
    public var description: Localized?
    public var type: FieldType
    /// `constraints.enum`: the only values a cell may hold (an empty cell is always allowed).
    public var enumValues: [String]?
    /// Value → what a reader sees.
    public var labels: [String: Localized]
    /// What an empty cell means in this column; nil means the interface's "no data".
    public var missing: Localized?
    public var unit: Localized?
    /// Column holding the reference year of this field's values.
    public var year: String?
    /// Column citing the sources of this field's values.
    public var source: String?
    /// Numeric cells may read `>14000`, `<5` or `~120`.
    public var qualifiers: Bool
    /// Language code → the column holding this field's text in that language (`notes` →
    /// `{de: notes_de}`); an empty cell there falls back to this column.
    public var translations: [String: String]
    /// Separator of a `list` field's values.
    public var delimiter: String
    /// The language the cells are written in, when it is not the page's (`zh-Hans`), for `lang`.
    public var language: String?
    /// Line of the field in the schema file (its `name`), for diagnostics.
    public var line: Int
    /// Line of each key of the field (`year`, `source`, `constraints`, …).
    public var keyLines: [String: Int]

    public init(
        name: String, title: Localized? = nil, description: Localized? = nil, type: FieldType = .string,
        enumValues: [String]? = nil, labels: [String: Localized] = [:], missing: Localized? = nil, unit: Localized? = nil,
        year: String? = nil, source: String? = nil, qualifiers: Bool = false, translations: [String: String] = [:],
        delimiter: String = ";", language: String? = nil, line: Int = 1, keyLines: [String: Int] = [:]
    ) {
        self.translations = translations
        self.delimiter = delimiter
        self.language = language
        self.name = name
        self.title = title
        self.description = description
        self.type = type
        self.enumValues = enumValues
        self.labels = labels
        self.missing = missing
        self.unit = unit
        self.year = year
        self.source = source
        self.qualifiers = qualifiers
        self.line = line
        self.keyLines = keyLines
    }

    public var isNumeric: Bool { type == .number || type == .integer }

    func line(_ key: String) -> Int { keyLines[key] ?? line }
}

/// A data dictionary: what each column of one CSV file means, in every language
/// (`data/<name>.schema.yml` beside `data/<name>.csv`).
public struct TableSchema: Sendable, Equatable {
    /// A work the table cites (a Frictionless resource `sources` entry).
    public struct Source: Sendable, Equatable {
        public var title: Localized
        /// Where readers find it: an http(s) address.
        public var path: String
        /// Rows may cite it by this id in the column a field names as its `source`.
        public var id: String?
        /// What the work supports, when that helps a reader ("GDP 2023").
        public var description: Localized?

        public init(title: Localized, path: String, id: String? = nil, description: Localized? = nil) {
            self.title = title
            self.path = path
            self.id = id
            self.description = description
        }
    }

    /// The schema file, for diagnostics.
    public var path: String
    public var fields: [FieldSchema]
    public var primaryKey: [String]
    /// Cells that mean "missing"; the empty cell always does.
    public var missingValues: [String]
    public var sources: [Source]
    public var notes: Localized?
    /// Line of each top-level key (`primaryKey`, `fields`, …).
    public var keyLines: [String: Int]
    /// What the table is, for readers ("City clusters"): a Frictionless resource's `title`.
    public var title: Localized?
    public var description: Localized?
    /// Columns whose values are the ids of another table's rows (Frictionless `foreignKeys`).
    public var foreignKeys: [ForeignKey] = []

    /// `foreignKeys: [{fields: cluster_id, reference: {resource: clusters.csv, fields: id}}]`.
    public struct ForeignKey: Sendable, Equatable {
        /// The column of this table.
        public var field: String
        /// The referenced CSV file, relative to `content/data/`.
        public var resource: String
        /// The referenced column of that file.
        public var referenced: String
        /// Line in the dictionary, for diagnostics.
        public var line: Int

        public init(field: String, resource: String, referenced: String, line: Int = 1) {
            self.field = field
            self.resource = resource
            self.referenced = referenced
            self.line = line
        }
    }

    public init(path: String, fields: [FieldSchema], primaryKey: [String] = [], missingValues: [String] = [""],
                sources: [Source] = [], notes: Localized? = nil, keyLines: [String: Int] = [:],
                title: Localized? = nil, description: Localized? = nil, foreignKeys: [ForeignKey] = []) {
        self.title = title
        self.description = description
        self.foreignKeys = foreignKeys
        self.path = path
        self.fields = fields
        self.primaryKey = primaryKey
        self.missingValues = missingValues
        self.sources = sources
        self.notes = notes
        self.keyLines = keyLines
    }

    public func field(_ name: String) -> FieldSchema? { fields.first { $0.name == name } }

    func line(_ key: String) -> Int { keyLines[key] ?? 1 }
}

/// A number as a source gives it: exact, or a bound, or an approximation.
public struct Quantity: Sendable, Hashable {
    public enum Qualifier: Character, Sendable, CaseIterable {
        /// `>14000`: more than.
        case lowerBound = ">"
        /// `<5`: less than.
        case upperBound = "<"
        /// `~120`: about.
        case approximate = "~"
    }

    public var value: Double
    public var qualifier: Qualifier?

    public init(_ value: Double, _ qualifier: Qualifier? = nil) {
        self.value = value
        self.qualifier = qualifier
    }

    public var isExact: Bool { qualifier == nil }

    /// Reads `1234.5`, and with `qualifiers`, also `>14000`, `<5`, `~120`. Nil for anything else.
    public static func parse(_ text: String, qualifiers: Bool) -> Quantity? {
        var body = Substring(FastText.trimming(text, .whitespaces))
        var qualifier: Qualifier?
        if qualifiers, let first = body.first, let q = Qualifier(rawValue: first) {
            qualifier = q
            body = body.dropFirst().drop { $0 == " " }
        }
        guard let value = Double(body), value.isFinite else { return nil }
        // Double() also reads "nan", "inf" and hex; a data cell is decimal digits only.
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Quantity(value, qualifier)
    }
}
