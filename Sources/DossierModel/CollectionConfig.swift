/// One entry of `collections:` in site.yml: the rows of one CSV file as pages (DESIGN.md,
/// "Collections"). The engine knows no column of any collection: everything comes from here
/// and from the CSV file's data dictionary.
public struct CollectionConfig: Sendable, Equatable {
    /// The key in site.yml: the front-matter key that names rows, and the content folder of
    /// narratives (`content/<name>/<id>.md`).
    public var name: String
    /// The CSV file, relative to the content folder (`data/clusters.csv`).
    public var data: String
    /// The column holding each row's id (unique, a safe URL segment); nil: the dictionary's primary key.
    public var id: String?
    /// Language code → the column naming each row; the key "" is one column for every language.
    public var title: [String: String]
    /// The column whose values (their labels) group the rows on the index page.
    public var group: String?
    /// URL segments of the index page (`clusters` → `/clusters/`, `/de/clusters/`).
    public var path: [String]
    /// The site.yml file and the line of each key, for diagnostics.
    public var file: String
    public var line: Int
    public var keyLines: [String: Int]

    public init(name: String, data: String, id: String? = nil, title: [String: String], group: String? = nil,
                path: [String]? = nil, file: String = "site.yml", line: Int = 1, keyLines: [String: Int] = [:]) {
        self.name = name
        self.data = data
        self.id = id
        self.title = title
        self.group = group
        self.path = path ?? [name]
        self.file = file
        self.line = line
        self.keyLines = keyLines
    }

    /// The column naming rows in `language`, else in `fallback`, else the first by language code.
    public func titleColumn(_ language: String, fallback: String) -> String? {
        title[""] ?? title[language] ?? title[fallback] ?? title.keys.sorted().first.map { title[$0]! }
    }

    /// `data/clusters.csv` → `clusters.csv`: how chart specs and the loader name the file.
    public var dataPath: String { data.hasPrefix("data/") ? String(data.dropFirst(5)) : data }

    public func line(_ key: String) -> Int { keyLines[key] ?? line }

    /// A name that can be a front-matter key and a folder on every system.
    public static func isSafeName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
