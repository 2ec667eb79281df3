import DossierData
import DossierMarkdown
import DossierModel
import Foundation

/// Where a document came from: the file to read and the path to show in diagnostics.
struct SourceRef: Sendable {
    var file: URL
    var displayPath: String
}

/// A standalone page (`content/pages/about.md` → `/about/`).
struct PageSummary: Sendable {
    var file: URL
    var displayPath: String
    var key: String
    var language: String
    var route: Route
    var title: String
    var summary: String?
}

/// An old URL of a briefing (`aliases` in its front matter): a page that sends readers on.
struct AliasInfo: Sendable {
    var route: Route
    var target: Route
    var language: String
    var title: String
}

/// The resolved site: routes, sorted lists, translations and related briefings.
/// It holds what lists and feeds need, never a body.
struct SiteModel: Sendable {
    var config: SiteConfig
    /// Per language, newest first (ties by source path).
    var briefings: [String: [BriefingSummary]]
    /// Source file of each briefing, parallel to `briefings`.
    var briefingFiles: [String: [SourceRef]]
    var pages: [PageSummary]
    /// Document key → language → route, for language switches and hreflang. Generated pages
    /// (home, archive, topics, search) use keys that start with a space, which no file path does.
    var translations: [String: [String: Route]]
    /// Per language, parallel to `briefings`: indices of related briefings.
    var related: [String: [[Int]]]
    var tables: [String: DataTable]
    /// Base maps (`data/**/*.geojson`) by path relative to `data/`.
    var basemaps: [String: GeoShapes] = [:]
    var edition: Edition = .public
    /// Per language, sorted by label.
    var topics: [String: [TopicInfo]] = [:]
    /// Topic name → URL slug.
    var topicSlugs: [String: String] = [:]
    /// The collections of site.yml, in its order.
    var collections: [CollectionModel] = []
    /// Language → row id → the row's name in that language, over every collection (the first
    /// collection in site.yml wins an id two share): charts name keys by it.
    var rowNames: [String: [String: String]] = [:]
    /// Briefings left out of this build (drafts, future dates) by route, with the reason, so
    /// that `check` can say why a link to one has no page.
    var unpublished: [Route: String] = [:]
    /// Files beside briefings and pages, by document key.
    var bundles = Bundles()
    /// Old URLs that redirect to a briefing (`aliases`), sorted by route.
    var aliases: [AliasInfo] = []
    /// Language → collection → row id → the briefings (indices into `briefings`) that name the
    /// row, in list order: a row's page lists them without going through every briefing.
    var briefingsByRow: [String: [String: [String: [Int]]]] = [:]

    /// The briefings of `language` that name row `id` of `collection`, in list order.
    func briefings(naming id: String, of collection: String, language: String) -> [Int] {
        briefingsByRow[language]?[collection]?[id] ?? []
    }

    init(config: SiteConfig, briefings: [String: [BriefingSummary]], briefingFiles: [String: [SourceRef]],
         pages: [PageSummary], translations: [String: [String: Route]], related: [String: [[Int]]],
         tables: [String: DataTable]) {
        self.config = config
        self.briefings = briefings
        self.briefingFiles = briefingFiles
        self.pages = pages
        self.translations = translations
        self.related = related
        self.tables = tables
        self.basePath = config.basePath
        self.routes = SiteRoutes(defaultLanguage: config.language)
    }

    /// Where generated pages live.
    let routes: SiteRoutes

    /// The names of the rows a briefing names, in the page's language, collection by collection
    /// in the order of site.yml (for search, feeds and lists).
    func rowNames(of meta: FrontMatter, language: String) -> [String] {
        collections.flatMap { collection in
            (meta.rows[collection.name] ?? []).compactMap { id in
                collection.rowIndex[id].map { collection.rowName(collection.rows[$0], language: language, fallback: config.language) }
            }
        }
    }

    /// The page of a row in `language`.
    func rowURL(_ collection: CollectionModel, id: String, language: String) -> String? {
        collection.rowIndex[id].map { url(collection.route(collection.rows[$0], language: language, routes: routes)) }
    }


    var allBriefingCount: Int { briefings.values.reduce(0) { $0 + $1.count } }

    /// `/` or `/reports/` (computed once: every link uses it).
    let basePath: String

    /// Root-relative URL of a route (with the base path).
    func url(_ route: Route) -> String { basePath + route.relativeURL }

    /// Absolute URL of a route.
    func absoluteURL(_ route: Route) -> String { config.baseURL + route.relativeURL }

    /// The address search engines and shared links should use: the page itself, except in the
    /// licensee edition, whose pages name their public edition's page (site.yml's `base_url`).
    func canonicalURL(_ route: Route) -> String {
        (edition == .licensee ? config.publicBaseURL : config.baseURL) + route.relativeURL
    }

    /// The home route of a language: `/` for the default language, `/de/` for German.
    func homeRoute(_ language: String) -> Route { routes.home(language) }
}

extension FrontMatter {
    /// Title, summary and key points with the language's quotation marks, dashes and apostrophes,
    /// as the body's Markdown gets them.
    func smartened(_ language: String) -> FrontMatter {
        var copy = self
        copy.title = Typography.smarten(title, language: language)
        copy.summary = summary.map { Typography.smarten($0, language: language) }
        copy.keyPoints = keyPoints.map { Typography.smarten($0, language: language) }
        return copy
    }
}

enum Resolver {
    static let relatedLimit = 5

    /// Why a document's file name ends in a language code the site does not have (`x.fr.md`
    /// with `languages: [en, de]`, or `x.en.md` for the default language), or nil. Such a file
    /// would otherwise be published as an extra page at `/briefings/x.fr/`.
    static func languageSuffixProblem(_ key: String, config: SiteConfig) -> String? {
        let name = key.split(separator: "/").last.map(String.init) ?? key
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let suffix = String(name[name.index(after: dot)...])
        let parts = suffix.split(separator: "-", omittingEmptySubsequences: false)
        guard parts[0].count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isLowercase }),
              parts.count == 1 || (parts.count == 2 && (2...4).contains(parts[1].count) && parts[1].allSatisfy({ $0.isASCII && $0.isLetter }))
        else { return nil }
        let list = "[\(config.languages.joined(separator: ", "))]"
        let base = String(name[..<dot])
        if suffix == config.language {
            return "'\(suffix)' is the default language, which takes no suffix: name the file \(base).md"
        }
        return "'\(suffix)' is not in languages: \(list); add it to 'languages' in site.yml, or rename the file"
    }

    static func resolve(_ loaded: LoadedContent, options: BuildOptions) -> (SiteModel, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let config = loaded.config

        // A translation inherits from the document in the default language with the same key.
        var originalsByKey: [String: RawFrontMatter] = [:]
        for document in loaded.documents where document.language == config.language {
            originalsByKey[document.key] = document.raw
        }
        let originals = originalsByKey

        // Generated pages own their routes; a file that would produce one of them is a duplicate.
        var routeOwners: [Route: String] = [:]
        let routes = SiteRoutes(defaultLanguage: config.language)
        for (route, owner) in routes.reserved(languages: config.languages) { routeOwners[route] = owner }

        var briefings: [String: [(BriefingSummary, SourceRef)]] = [:]
        var pages: [PageSummary] = []
        var translations: [String: [String: Route]] = [:]

        // Collections: their index and row pages exist in every language and switch to each other.
        let (collections, collectionDiagnostics) = Collections.resolve(loaded, options: options)
        diagnostics += collectionDiagnostics
        for collection in collections {
            for language in config.languages {
                let index = collection.indexRoute(language, routes: routes)
                let owner = "collection '\(collection.name)' (\(collection.config.file))"
                if let other = routeOwners[index] {
                    diagnostics.append(.error(collection.config.file, line: collection.config.line("path"),
                        "collection '\(collection.name)': its index \(index) is also \(other); set another 'path'"))
                    continue
                }
                routeOwners[index] = owner
                translations[" collection:" + collection.name, default: [:]][language] = index
                for row in collection.rows {
                    let route = collection.route(row, language: language, routes: routes)
                    routeOwners[route] = collection.table.path
                    translations[" row:\(collection.name)/\(row.id)", default: [:]][language] = route
                }
            }
        }
        // Tables whose column holds the ids of another table's rows (series of a collection).
        for path in loaded.tables.keys.sorted() {
            if let table = loaded.tables[path], let schema = table.schema {
                diagnostics += schema.foreignKeyProblems(table, tables: loaded.tables)
            }
        }

        // Routes differing only in case are one file on macOS and Windows: keep them apart.
        var caseOwners: [String: (route: Route, owner: String)] = [:]
        for (route, owner) in routeOwners { caseOwners[route.description.lowercased()] = (route, owner) }
        var unpublished: [Route: String] = [:]
        var publishedVersions: [String: (routes: [String: Route], licensed: Bool)] = [:]
        var aliases: [AliasInfo] = []
        var documentPaths: [String: String] = [:]

        // A briefing's front matter, validated and smartened, on every core: a quarter of a large
        // site's Resolve went there. nil for a translation whose original could not be read.
        @Sendable func effective(_ document: LoadedDocument) -> RawFrontMatter? {
            var raw = document.raw
            if document.language != config.language {
                if let original = originals[document.key] {
                    raw = raw.inheriting(from: original)
                    // The original's old URLs, in this language's part of the site.
                    if raw.aliases == nil { raw.aliases = original.aliases?.map { "/\(document.language)" + $0 } }
                } else if FileManager.default.fileExists(atPath: options.contentFolder.appendingPathComponent(document.key + ".md").path) {
                    return nil  // the original could not be read; its own error says why
                }
            }
            return raw
        }
        /// What each document gives on its own, worked out on every core; the loop below only
        /// reports and claims routes, in document order.
        enum Prepared: Sendable {
            case skipped
            case failed(Diagnostic?)
            case ready(page: (title: String, summary: String?)?, meta: FrontMatter?, route: Route, caseKey: String, rowProblems: [Diagnostic])
        }
        let prepared = parallelMap(loaded.documents) { document -> Prepared in
            guard document.kind == .briefing || document.kind == .page else { return .skipped }
            // `x.fr.md` is a translation only when `fr` is a language of the site.
            if let problem = languageSuffixProblem(document.key, config: config) { return .failed(.error(document.displayPath, problem)) }
            guard let raw = effective(document) else { return .skipped }
            // Pages need only a title; briefings need a title and a date.
            var page: (title: String, summary: String?)?
            var meta: FrontMatter?
            if document.kind == .page {
                guard let title = raw.title, !title.isEmpty else {
                    return .failed(.error(document.displayPath, line: 1, column: 1, "missing required field 'title'"))
                }
                page = (Typography.smarten(title, language: document.language),
                        raw.summary.map { Typography.smarten($0, language: document.language) })
            } else {
                switch raw.validated(path: document.displayPath) {
                case .success(let m): meta = m.smartened(document.language)
                case .failure(let failure): return .failed(failure.diagnostic)
                }
            }
            var segments = document.key.split(separator: "/").map(String.init)
            if document.kind == .page { segments.removeFirst() }  // pages/about → about
            // `x/index.md` is the page of its folder (`/…/x/`), with its files beside it.
            if segments.count >= 2, segments.last == "index" { segments.removeLast() }
            if let slug = raw.slug { segments[segments.count - 1] = slug }
            if document.language != config.language { segments.insert(document.language, at: 0) }
            guard segments.allSatisfy(FrontMatterDecoder.isSafeSegment), let route = Route(segments: segments) else {
                return .failed(.error(document.displayPath,
                    "file name gives an unsafe URL segment; use letters, digits, '-', '_' or '.' (or set 'slug')"))
            }
            // Checked where written: a translation's inherited ids are its original's.
            let rowProblems = meta == nil ? [] : Collections.unknownRows(document.raw, path: document.displayPath, collections: collections)
            return .ready(page: page, meta: meta, route: route, caseKey: route.description.lowercased(), rowProblems: rowProblems)
        }

        for (position, document) in loaded.documents.enumerated() where document.kind == .briefing || document.kind == .page {
            if document.language == config.language || documentPaths[document.key] == nil {
                documentPaths[document.key] = document.displayPath
            }
            let page: (title: String, summary: String?)?, meta: FrontMatter?, route: Route, caseKey: String, rowProblems: [Diagnostic]
            switch prepared[position] {
            case .skipped: continue
            case .failed(let diagnostic):
                if let diagnostic { diagnostics.append(diagnostic) }
                continue
            case .ready(let p, let m, let r, let k, let d): (page, meta, route, caseKey, rowProblems) = (p, m, r, k, d)
            }
            if let meta {
                if meta.draft && !options.includeDrafts {
                    unpublished[route] = "that briefing is a draft (build with --drafts to include it)"
                    continue
                }
                if meta.date > options.buildDate && !options.includeFuture {
                    unpublished[route] = "that briefing is dated \(meta.date), after the build date \(options.buildDate) (build with --future to include it)"
                    continue
                }
            }
            if let owner = routeOwners[route] {
                diagnostics.append(.error(document.displayPath, "duplicate route \(route): also produced by \(owner)"))
                continue
            }
            if let other = caseOwners[caseKey] {
                diagnostics.append(.error(document.displayPath,
                    "route \(route) differs only in case from \(other.route), produced by \(other.owner): the two are one file on macOS and Windows; rename one"))
                continue
            }
            routeOwners[route] = document.displayPath
            caseOwners[caseKey] = (route, document.displayPath)
            translations[document.key, default: [:]][document.language] = route
            publishedVersions[document.key, default: ([:], false)].routes[document.language] = route
            if meta?.access == .licensed { publishedVersions[document.key]!.licensed = true }

            // Old URLs: each a page of its own that sends readers here; their routes are taken.
            for alias in meta?.aliases ?? [] {
                guard let aliasRoute = Route(segments: alias.split(separator: "/").map(String.init)) else { continue }
                let owner = "an alias in \(document.displayPath)"
                if let other = routeOwners[aliasRoute] {
                    diagnostics.append(.error(document.displayPath, "alias \(aliasRoute) is taken: also produced by \(other)"))
                    continue
                }
                if let other = caseOwners[aliasRoute.description.lowercased()] {
                    diagnostics.append(.error(document.displayPath,
                        "alias \(aliasRoute) differs only in case from \(other.route), produced by \(other.owner): the two are one file on macOS and Windows"))
                    continue
                }
                routeOwners[aliasRoute] = owner
                caseOwners[aliasRoute.description.lowercased()] = (aliasRoute, owner)
                aliases.append(AliasInfo(route: aliasRoute, target: route, language: document.language, title: meta!.title))
            }

            if let meta {
                diagnostics += rowProblems
                let summary = BriefingSummary(
                    sourcePath: document.key, language: document.language, route: route, meta: meta)
                briefings[document.language, default: []].append(
                    (summary, SourceRef(file: document.file, displayPath: document.displayPath)))
            } else if let page {
                pages.append(PageSummary(
                    file: document.file, displayPath: document.displayPath, key: document.key,
                    language: document.language, route: route, title: page.title, summary: page.summary))
            }
        }

        // Home and archive pages exist in every language and switch to each other.
        for language in config.languages {
            translations[" home", default: [:]][language] = routes.home(language)
            translations[" archive", default: [:]][language] = routes.archive(language)
        }

        var sorted: [String: [BriefingSummary]] = [:]
        var files: [String: [SourceRef]] = [:]
        var related: [String: [[Int]]] = [:]
        for language in config.languages {
            let list = (briefings[language] ?? []).sorted { a, b in
                a.0.meta.date != b.0.meta.date ? a.0.meta.date > b.0.meta.date : a.0.sourcePath < b.0.sourcePath
            }
            sorted[language] = list.map(\.0)
            files[language] = list.map(\.1)
            related[language] = Related.indices(list.map(\.0))
        }
        pages.sort { $0.route < $1.route }

        var model = SiteModel(
            config: config, briefings: sorted, briefingFiles: files, pages: pages, translations: translations,
            related: related, tables: loaded.tables)
        model.collections = collections
        for language in config.languages {
            var names: [String: String] = [:]
            for collection in collections {
                for row in collection.rows where names[row.id] == nil {
                    names[row.id] = collection.rowName(row, language: language, fallback: config.language)
                }
            }
            model.rowNames[language] = names
        }
        for language in config.languages {
            var byRow: [String: [String: [Int]]] = [:]
            for (index, briefing) in (sorted[language] ?? []).enumerated() {
                for (collection, ids) in briefing.meta.rows {
                    // Once per briefing, as a filter over the list would find it.
                    for id in Set(ids) { byRow[collection, default: [:]][id, default: []].append(index) }
                }
            }
            model.briefingsByRow[language] = byRow
        }
        model.edition = options.edition
        model.basemaps = loaded.basemaps
        model.unpublished = unpublished
        model.aliases = aliases.sorted { $0.route < $1.route }
        let (bundles, bundleDiagnostics) = Self.bundles(
            files: loaded.files, keys: documentPaths, published: publishedVersions, config: config, edition: options.edition)
        model.bundles = bundles
        diagnostics += bundleDiagnostics
        let (topics, slugs, topicDiagnostics) = Topics.resolve(sorted, files: files, config: config)
        model.topics = topics
        model.topicSlugs = slugs
        diagnostics += topicDiagnostics
        // Topic pages, the topic index and search exist per language and switch to each other.
        for language in config.languages {
            model.translations[" topics", default: [:]][language] = routes.topicsIndex(language)
            model.translations[" search", default: [:]][language] = routes.search(language)
            for topic in topics[language] ?? [] {
                model.translations[" topic:" + topic.slug, default: [:]][language] = routes.topic(language, slug: topic.slug)
            }
        }
        return (model, diagnostics)
    }
}
