import DossierModel
import Yams

/// Front matter as written: every field optional, so a translation can inherit what it leaves out.
struct RawFrontMatter: Sendable, Equatable {
    var title: String?
    var date: Day?
    var summary: String?
    var keyPoints: [String]?
    var topics: [String]?
    /// Collection name → the row ids it names, each with where it was written.
    var rows: [String: [RowMention]] = [:]
    var access: Access?
    var draft: Bool?
    var slug: String?
    var sources: [SourceLink]?
    var authors: [Author]?
    var updated: Day?
    var toc: Bool?
    var aliases: [String]?
    var params: [FreeEntry]?
    var image: String?
    /// Whether `date` was present but invalid (so "missing date" is not reported twice).
    var dateInvalid = false

    /// Fields a translation takes from the original unless it sets them (DESIGN.md).
    func inheriting(from base: RawFrontMatter) -> RawFrontMatter {
        var merged = self
        merged.date = date ?? base.date
        // An original without a valid date reports that itself: the translation does not repeat it.
        merged.dateInvalid = dateInvalid || (date == nil && (base.dateInvalid || base.date == nil))
        merged.access = access ?? base.access
        merged.topics = topics ?? base.topics
        for (collection, ids) in base.rows where rows[collection] == nil { merged.rows[collection] = ids }
        merged.sources = sources ?? base.sources
        merged.draft = draft ?? base.draft
        merged.authors = authors ?? base.authors
        merged.updated = updated ?? base.updated
        merged.toc = toc ?? base.toc
        merged.params = params ?? base.params
        merged.image = image ?? base.image
        // Aliases are old URLs of one language's page: the resolver gives a translation its
        // original's, under its language's prefix (`/de/…`), when it sets none of its own.
        return merged
    }

    /// Checks required fields; errors point at the file's first line. A failure without a
    /// diagnostic means the problem was already reported (an invalid date).
    func validated(path: String) -> Result<FrontMatter, ValidationFailure> {
        guard let title, !title.isEmpty else {
            return .failure(ValidationFailure(.error(path, line: 1, column: 1, "missing required field 'title'")))
        }
        guard let date else {
            if dateInvalid { return .failure(ValidationFailure(nil)) }
            return .failure(ValidationFailure(.error(path, line: 1, column: 1, "missing required field 'date' (YYYY-MM-DD)")))
        }
        var meta = FrontMatter(
            title: title, date: date, summary: summary, keyPoints: keyPoints ?? [], topics: topics ?? [],
            rows: rows.mapValues { $0.map(\.id) }, access: access ?? .public, draft: draft ?? false, slug: slug,
            sources: sources ?? [])
        meta.authors = authors ?? []
        meta.updated = updated
        meta.toc = toc
        meta.aliases = aliases ?? []
        meta.params = params ?? []
        meta.image = image
        if let updated, updated < date {
            // Reported here too when the date was inherited from the original.
            return .failure(ValidationFailure(.error(path, line: 1, column: 1,
                "'updated' (\(updated)) is before 'date' (\(date)): an update comes after the first publication")))
        }
        return .success(meta)
    }
}

/// A row id as a briefing's front matter names it (`clusters: [beibu-gulf]`), with its place.
struct RowMention: Sendable, Equatable {
    var id: String
    var line: Int
    var column: Int?
}

struct ValidationFailure: Error {
    var diagnostic: Diagnostic?
    init(_ diagnostic: Diagnostic?) { self.diagnostic = diagnostic }
}

enum FrontMatterDecoder {
    static let knownKeys: Set<String> = [
        "title", "date", "summary", "key_points", "topics", "access", "draft", "slug", "sources",
        "authors", "updated", "toc", "aliases", "params", "image",
    ]

    /// A briefing's keys on a site with these collections: each collection's name names rows.
    static func briefingKeys(collections: [CollectionConfig]) -> Set<String> {
        knownKeys.union(collections.map(\.name))
    }

    /// Decodes one briefing's front matter. Problems come back as diagnostics with lines;
    /// the result is nil only when the YAML itself could not be read.
    /// `collections` are the names of the site's collections: each is a key that names rows.
    static func decode(
        _ yaml: String, path: String, firstLine: Int, allowedKeys: Set<String> = knownKeys, collections: [String] = []
    ) -> (RawFrontMatter?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLMapping.parse(yaml, path: path, firstLine: firstLine)
        guard var map = parsed else { return (nil, parseDiagnostics) }

        var fm = RawFrontMatter()
        fm.title = map.string("title")
        if let node = map.node("date") {
            // A date is read from its text: YAML libraries roll impossible dates over.
            if let text = node.scalar?.string, let day = Day(iso: text) {
                fm.date = day
            } else {
                let shown = node.scalar.map { "'\($0.string)'" } ?? YAMLMapping.describe(node)
                map.error(node, "invalid date \(shown): expected a real date as YYYY-MM-DD")
                fm.dateInvalid = true
            }
        }
        fm.summary = map.string("summary")
        fm.keyPoints = map.stringList("key_points")
        fm.topics = map.stringList("topics")
        for collection in collections where allowedKeys.contains(collection) {
            guard let node = map.node(collection) else { continue }
            guard let ids = map.stringList(collection) else { continue }
            // Each id with its own place, so that an unknown one is reported where it stands.
            let items = node.sequence.map(Array.init) ?? []
            fm.rows[collection] = ids.enumerated().map { index, id in
                let mark = index < items.count ? items[index].mark : node.mark
                return RowMention(id: id, line: (mark?.line ?? 1) + map.lineOffset, column: mark?.column)
            }
        }
        if let node = map.node("access") {
            if let text = map.string(node, field: "access") {
                if let access = Access(rawValue: text) {
                    fm.access = access
                } else {
                    map.error(node, "unknown access value '\(text)': expected 'public' or 'licensed'")
                }
            }
        }
        fm.draft = map.bool("draft")
        if let node = map.node("slug"), let slug = map.string(node, field: "slug") {
            if isSafeSegment(slug) {
                fm.slug = slug
            } else {
                map.error(node, "invalid slug '\(slug)': use letters, digits, '-', '_' or '.', without '/' or '..'")
            }
        }
        fm.sources = map.mappingList("sources") { item in
            let title = item.string("title")
            let url = item.string("url")
            item.warnUnknownKeys(["title", "url"], what: "a source")
            guard let url else {
                item.error(nil, "a source needs a 'url'")
                return nil
            }
            return SourceLink(title: title ?? url, url: url)
        }
        decodeReaderFields(&map, into: &fm)
        map.warnUnknownKeys(allowedKeys, what: "front matter")
        return (fm, parseDiagnostics + map.diagnostics)
    }

    /// `authors`, `updated`, `toc`, `aliases`, `params` and `image`.
    static func decodeReaderFields(_ map: inout YAMLMapping, into fm: inout RawFrontMatter) {
        if let node = map.node("authors") {
            if let sequence = node.sequence {
                var authors: [Author] = []
                for item in sequence {
                    if item.scalar != nil {
                        if let name = map.string(item, field: "authors"), !name.isEmpty { authors.append(Author(name: name)) }
                    } else if let pairs = item.mapping {
                        var sub = YAMLMapping(path: map.path, lineOffset: map.lineOffset,
                                              pairs: pairs.map { ($0.key.string ?? "", $0.key, $0.value) }, mark: item.mark)
                        if let name = sub.string("name"), !name.isEmpty {
                            authors.append(Author(name: name, url: sub.string("url")))
                        } else {
                            sub.error(nil, "an author needs a 'name'")
                        }
                        sub.warnUnknownKeys(["name", "url"], what: "an author")
                        map.diagnostics += sub.diagnostics
                    } else {
                        map.error(item, "each author must be a name, or a mapping with 'name' and 'url'")
                    }
                }
                fm.authors = authors
            } else if let name = map.string(node, field: "authors") {
                map.error(node, "'authors' must be a list, as in authors: [\"\(name)\"]")
            }
        }
        if let node = map.node("updated") {
            if let text = node.scalar?.string, let day = Day(iso: text) {
                fm.updated = day
                if let date = fm.date, day < date {
                    map.error(node, "'updated' (\(day)) is before 'date' (\(date)): an update comes after the first publication")
                    fm.updated = nil
                }
            } else {
                let shown = node.scalar.map { "'\($0.string)'" } ?? YAMLMapping.describe(node)
                map.error(node, "invalid date \(shown) for 'updated': expected a real date as YYYY-MM-DD")
            }
        }
        fm.toc = map.bool("toc")
        if let node = map.node("aliases"), let list = map.stringList("aliases") {
            var aliases: [String] = []
            for alias in list {
                if let problem = aliasProblem(alias) {
                    map.error(node, "alias '\(alias)' \(problem)")
                } else {
                    aliases.append(alias)
                }
            }
            fm.aliases = aliases
        }
        if let node = map.node("params") {
            if node.mapping != nil {
                if case .map(let entries) = freeValue(node) { fm.params = entries }
            } else {
                map.error(node, "'params' must be a mapping of names to values, found \(YAMLMapping.describe(node))")
            }
        }
        if let node = map.node("image"), let text = map.string(node, field: "image") {
            if text.isEmpty || text.hasPrefix("//") || (text.contains("://") && SiteConfig.baseURLProblem(text) != nil) {
                map.error(node, "'image' must be a file beside the briefing (cover.png), a root-relative path or an absolute http(s) URL")
            } else {
                fm.image = text
            }
        }
    }

    /// Why an alias cannot be an old URL of this site, or nil: it is written root-relative, as
    /// the page's address was (`/briefings/2020/old-name/`), without the base path.
    static func aliasProblem(_ alias: String) -> String? {
        guard alias.hasPrefix("/"), !alias.hasPrefix("//") else {
            return "must be a root-relative path such as /briefings/2020/old-name/"
        }
        if alias.contains("?") || alias.contains("#") { return "must not contain a query or a fragment" }
        let segments = alias.split(separator: "/").map(String.init)
        guard !segments.isEmpty else { return "cannot be the home page" }
        guard segments.allSatisfy(isSafeSegment) else {
            return "has an unsafe segment; use letters, digits, '-', '_' or '.'"
        }
        return nil
    }

    /// Any YAML node as free-form data.
    static func freeValue(_ node: YAMLNode) -> FreeValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                switch scalar.string {
                case "true", "True", "TRUE": return .bool(true)
                case "false", "False", "FALSE": return .bool(false)
                case "", "~", "null", "Null", "NULL": return .null
                default: break
                }
            }
            return .text(scalar.string)
        case .sequence(let sequence, _):
            return .list(sequence.map(freeValue))
        case .mapping(let pairs, _):
            return .map(pairs.map { FreeEntry($0.key.string ?? "", freeValue($0.value)) })
        case .alias:
            return .null
        }
    }

    /// A URL segment that stays inside its folder.
    static func isSafeSegment(_ s: String) -> Bool {
        guard !s.isEmpty, s != ".", s != "..", !s.hasPrefix(".") else { return false }
        return s.unicodeScalars.allSatisfy { c in
            (c.properties.isAlphabetic || c.properties.numericType != nil || c == "-" || c == "_" || c == ".")
        }
    }
}
