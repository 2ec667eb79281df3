import DossierMarkdown
import DossierModel
import DossierTheme
import Foundation

/// Runs a build: Load → Resolve → Render → Write. Pages are rendered and written in one
/// step each, in parallel, into a staging folder that replaces the output only on success.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        var timings: [(String, Double)] = []
        var clock = ContinuousClock.now
        func lap(_ stage: String) {
            let now = ContinuousClock.now
            let elapsed = now - clock
            timings.append((stage, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            clock = now
        }

        // Load
        var diagnostics: [Diagnostic] = []
        let templatesFolder = options.resolvedTemplatesFolder
        let (themeFiles, fileDiagnostics) = ThemeFiles.load(
            folder: templatesFolder, displayPath: templatesFolder.map(options.display) ?? "templates")
        diagnostics += fileDiagnostics
        let (theme, themeDiagnostics) = Theme.load(themeFiles)
        diagnostics += themeDiagnostics
        guard var loaded = ContentLoader.load(options) else { throw BuildFailure(diagnostics) }
        diagnostics += loaded.diagnostics
        let (strings, stringDiagnostics) = InterfaceStrings.load(theme: themeFiles, languages: loaded.config.languages)
        diagnostics += stringDiagnostics
        if let theme {
            let collections = loaded.config.collections.map { ($0.name, Theme.fieldsShape(loaded.tables[$0.dataPath]?.schema)) }
            diagnostics += theme.check(strings: strings.allKeys, collections: collections)
        }
        lap("load")

        // Resolve
        guard loaded.configLoaded else { throw BuildFailure(diagnostics) }
        let (site, resolveDiagnostics) = Resolver.resolve(loaded, options: options)
        diagnostics += resolveDiagnostics
        if !options.keepsState { loaded.documents = [] }  // the site holds what pages need
        lap("resolve")
        guard let theme, !diagnostics.contains(where: { $0.severity == .error }) else { throw BuildFailure(diagnostics) }

        // Render and write
        let output: OutputFolder
        switch OutputFolder.prepare(
            target: options.outputFolder, protecting: [options.contentFolder] + (templatesFolder.map { [$0] } ?? []),
            display: options.display)
        {
        case .success(let o): output = o
        case .failure(let d): throw BuildFailure(diagnostics + [d])
        }
        let renderer = PageRenderer(site: site, theme: theme, output: output, strings: strings)
        let jobs = renderer.jobs()
        let counter = ProgressCounter(total: jobs.count, report: options.progress)
        let results = parallelMap(jobs) { job in
            defer { counter.step() }
            return renderer.run(job)
        }
        var pages = 0
        var written = Set<String>()
        var sitemap: [PageRenderer.SitemapEntry] = []
        let searchEntries = SearchEntries()
        var hiddenBodies: [String: HiddenBody] = [:]
        for (job, result) in zip(jobs, results) {
            pages += result.pages
            written.formUnion(result.files)
            sitemap += result.sitemap
            diagnostics += result.diagnostics
            if case .briefing(let language, let index) = job, let entry = result.searchEntry {
                searchEntries[site.briefings[language]![index].route] = entry
            }
            hiddenBodies.merge(result.hiddenLinks) { a, _ in a }
        }
        lap("render")
        // The search index of each language, from the entries the briefing jobs made.
        for result in parallelMap(site.config.languages, { renderer.searchIndex($0, entries: searchEntries) }) {
            written.formUnion(result.files)
            diagnostics += result.diagnostics
        }
        lap("search")
        // The sitemap lists what the page jobs wrote, so it comes after them.
        do {
            written.formUnion(try renderer.writeSitemap(sitemap))
        } catch {
            diagnostics.append(.error(options.display(options.outputFolder), "cannot write sitemap: \(error.localizedDescription)"))
        }

        // Static files, then the swap
        do {
            for path in theme.assetPaths {
                try output.write(themeFiles.file(path)!.contents, to: path)
                written.insert(path)
            }
            let data = options.contentFolder.appendingPathComponent("data")
            if FileManager.default.fileExists(atPath: data.path) { written.formUnion(try output.copyFolder(data, to: "data")) }
            // Files beside briefings and pages, next to their page (none of a licensed briefing's
            // in the public edition: those bundles are not published).
            for (path, file) in site.bundles.publishedFiles {
                if written.contains(path) {
                    diagnostics.append(.error(file.displayPath, "would overwrite /\(path), which the site generates; rename the file"))
                    continue
                }
                try output.write(try Data(contentsOf: file.file), to: path)
                written.insert(path)
            }
            try output.removeStaleFiles(keeping: written)
        } catch {
            diagnostics.append(.error(options.display(options.outputFolder), "cannot copy static files: \(error.localizedDescription)"))
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            output.discard()
            throw BuildFailure(diagnostics)
        }
        do {
            try output.commit()
        } catch {
            output.discard()
            throw BuildFailure(diagnostics + [.error(options.display(options.outputFolder), "cannot replace output folder: \(error.localizedDescription)")])
        }
        lap("write")

        var sources: [String: String] = [:]
        for language in site.config.languages {
            for (briefing, source) in zip(site.briefings[language] ?? [], site.briefingFiles[language] ?? []) {
                sources[briefing.route.outputFile] = source.displayPath
            }
        }
        for page in site.pages { sources[page.route.outputFile] = page.displayPath }
        for collection in site.collections {
            for row in collection.rows {
                for (language, narrative) in row.narratives {
                    sources[collection.route(row, language: language, routes: site.routes).outputFile] = narrative.displayPath
                }
            }
            for (language, intro) in collection.intros {
                sources[collection.indexRoute(language, routes: site.routes).outputFile] = intro.source.displayPath
            }
        }
        var report = BuildReport(
            pagesWritten: pages, briefings: site.allBriefingCount,
            warnings: diagnostics.filter { $0.severity == .warning }.uniqued(), timings: timings, sources: sources,
            basePath: site.basePath, baseURL: site.config.baseURL)
        report.unpublished = Dictionary(uniqueKeysWithValues: site.unpublished.map { (site.url($0.key), $0.value) })
        report.sourceURLs = Set(site.briefings.values.joined().flatMap { $0.meta.sources.map(\.url) })
        report.state = options.keepsState ? BuildState(renderer: renderer, loaded: loaded, searchEntries: searchEntries) : nil
        report.hiddenBodies = hiddenBodies
        return report
    }
}

/// What a finished build keeps so that `serve` can redo one page without a full build.
public struct BuildState: Sendable {
    /// The build's renderer, with its resolved site and prepared contexts.
    let renderer: PageRenderer
    /// Front matter as read, by source file path.
    let frontMatter: [String: RawFrontMatter]
    /// The page job of each briefing and page, by source file path.
    let jobs: [String: PageRenderer.Job]
    /// What was loaded, so that a front-matter edit reloads one file, not all.
    let loaded: LoadedContent
    /// Each briefing's search entry, so that an edit rewrites its language's index without
    /// redoing every page.
    let searchEntries: SearchEntries

    var site: SiteModel { renderer.site }

    init(renderer: PageRenderer, loaded: LoadedContent, searchEntries: SearchEntries) {
        self.renderer = renderer
        self.loaded = loaded
        self.searchEntries = searchEntries
        var frontMatter: [String: RawFrontMatter] = [:]
        for document in loaded.documents { frontMatter[document.file.standardizedFileURL.path] = document.raw }
        self.frontMatter = frontMatter
        var jobs: [String: PageRenderer.Job] = [:]
        let site = renderer.site
        for language in site.config.languages {
            for (index, source) in (site.briefingFiles[language] ?? []).enumerated() {
                jobs[source.file.standardizedFileURL.path] = .briefing(language: language, index: index)
            }
        }
        for (index, page) in site.pages.enumerated() { jobs[page.file.standardizedFileURL.path] = .page(index) }
        self.jobs = jobs
    }
}

extension SiteBuilder {
    /// The result of redoing one edited page.
    public struct PageUpdate: Sendable {
        /// Output files rewritten.
        public var files: [String]
        public var warnings: [Diagnostic]
        /// Work that can follow once the page is served: the feeds that include the briefing.
        public var followUp: @Sendable () -> Void
    }

    /// Redoes the page of one edited briefing or page when only its body changed: its front
    /// matter (and so every list, feed order, related box and the search index in the public
    /// edition) is as before. Returns nil when that is not the case and a full build is needed.
    public static func updateBody(of file: URL, state: BuildState, options: BuildOptions) throws(BuildFailure) -> PageUpdate? {
        let path = file.standardizedFileURL.path
        guard let before = state.frontMatter[path] else { return nil }
        let display = options.display(file)
        let text: String
        switch SourceReader.read(file, displayPath: display) {
        case .success(let t): text = t
        case .failure(let d): throw BuildFailure([d])
        }
        let source = SourceReader.split(text)
        guard let yaml = source.frontMatter else { return nil }
        let collections = state.loaded.config.collections
        let (raw, found) = FrontMatterDecoder.decode(
            yaml, path: display, firstLine: source.frontMatterLine,
            allowedKeys: FrontMatterDecoder.briefingKeys(collections: collections), collections: collections.map(\.name))
        if found.contains(where: { $0.severity == .error }) { throw BuildFailure(found) }
        guard let raw, raw == before else { return nil }

        let renderer = state.renderer.writing(to: OutputFolder.live(options.outputFolder))
        guard let job = state.jobs[path] else { return nil }
        var briefing: (language: String, index: Int)?
        if case .briefing(let language, let index) = job { briefing = (language, index) }
        let result = renderer.run(job)
        if result.diagnostics.contains(where: { $0.severity == .error }) { throw BuildFailure(result.diagnostics) }

        // Feeds carry bodies of their newest entries: redo those that include this briefing.
        var feeds: [PageRenderer.Job] = []
        if let (language, index) = briefing, state.site.edition == .licensee || !renderer.isTeaser(state.site.briefings[language]![index]) {
            if index < PageRenderer.feedSize { feeds.append(.feed(language, topic: nil)) }
            for (t, topic) in (state.site.topics[language] ?? []).enumerated() {
                if let position = topic.briefings.firstIndex(of: index), position < PageRenderer.feedSize {
                    feeds.append(.feed(language, topic: t))
                }
            }
        }
        let feedJobs = feeds
        // The body's words are in its language's search index (in the public edition too, for a
        // public briefing): rewrite that index once the page is served.
        var searchLanguage: String?
        if let (language, index) = briefing, let entry = result.searchEntry {
            let route = state.site.briefings[language]![index].route
            if state.searchEntries[route] != entry {
                state.searchEntries[route] = entry
                searchLanguage = language
            }
        }
        let entries = state.searchEntries
        return PageUpdate(files: result.files, warnings: result.diagnostics, followUp: { [searchLanguage] in
            for feed in feedJobs { _ = renderer.run(feed) }
            if let searchLanguage { _ = renderer.searchIndex(searchLanguage, entries: entries) }
        })
    }
}

/// Counts finished jobs across threads and reports every few hundred.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func step() {
        guard let report else { return }
        lock.lock()
        done += 1
        let now = done
        lock.unlock()
        if now % 250 == 0 || now == total { report(now, total) }
    }
}

extension SiteBuilder {
    /// Redoes what a front-matter edit of existing briefings touches: the model is resolved
    /// again from the one reloaded file, then the edited pages, the pages whose related list
    /// changed, and every list, feed, topic, cluster and search page are rewritten in place.
    /// Returns nil when routes come or go (a new slug, topic or page of a list): then a full
    /// build is needed.
    public static func updateFrontMatter(of files: [URL], state: BuildState, options: BuildOptions)
        throws(BuildFailure) -> (BuildState, PageUpdate)? {
        var loaded = state.loaded
        let languages = Set(loaded.config.languages.dropFirst())
        var changedKeys = Set<String>()
        for file in files {
            let path = file.standardizedFileURL.path
            guard let index = loaded.documents.firstIndex(where: { $0.file.standardizedFileURL.path == path }),
                  loaded.documents[index].kind == .briefing else { return nil }
            let (document, found) = ContentLoader.loadDocument(
                loaded.documents[index].file, kind: .briefing, options: options, languages: languages,
                defaultLanguage: loaded.config.language, collections: loaded.config.collections)
            if found.contains(where: { $0.severity == .error }) { throw BuildFailure(found) }
            guard let document else { return nil }
            loaded.documents[index] = document
            changedKeys.insert(document.key)
        }
        loaded.diagnostics = []
        let (site, diagnostics) = Resolver.resolve(loaded, options: options)
        if diagnostics.contains(where: { $0.severity == .error }) { throw BuildFailure(diagnostics) }

        let old = state.site
        func shape(_ s: SiteModel) -> [String] {
            s.config.languages.flatMap { language in
                (s.briefings[language] ?? []).map(\.route.description).sorted()
                    + (s.topics[language] ?? []).map { "\($0.slug):\(PageRenderer.pageCount($0.briefings.count, PageRenderer.topicPageSize))" }
            } + s.aliases.map { "alias:\($0.route)" }  // an alias that comes or goes is a page that comes or goes
        }
        guard shape(old) == shape(site) else { return nil }

        // Related boxes as shown (route, title, date, topic), before and after.
        func related(_ s: SiteModel) -> [Route: [String]] {
            var map: [Route: [String]] = [:]
            for language in s.config.languages {
                let list = s.briefings[language] ?? []
                for (index, briefing) in list.enumerated() {
                    map[briefing.route] = (s.related[language]?[index] ?? []).map {
                        let m = list[$0].meta
                        return "\(list[$0].route)|\(m.title)|\(m.date)|\(m.topics.first ?? "")|\(m.access)"
                    }
                }
            }
            return map
        }
        let before = related(old), after = related(site)
        let renderer = PageRenderer(site: site, theme: state.renderer.theme, output: OutputFolder.live(options.outputFolder),
                                    strings: state.renderer.strings)
        let jobs = renderer.jobs().filter { job in
            guard case .briefing(let language, let index) = job else { return true }
            let briefing = site.briefings[language]![index]
            return changedKeys.contains(briefing.sourcePath) || before[briefing.route] != after[briefing.route]
        }
        let results = parallelMap(jobs) { renderer.run($0) }
        var found = results.flatMap(\.diagnostics)
        if found.contains(where: { $0.severity == .error }) { throw BuildFailure(found) }
        let sitemap = results.flatMap(\.sitemap)
        var files = results.flatMap(\.files)
        // Redone briefings bring new search entries; the others keep theirs. Every index is
        // rewritten: titles, dates and order may have changed.
        let searchEntries = SearchEntries(state.searchEntries.all)
        for (job, result) in zip(jobs, results) {
            if case .briefing(let language, let index) = job, let entry = result.searchEntry {
                searchEntries[site.briefings[language]![index].route] = entry
            }
        }
        for result in parallelMap(site.config.languages, { renderer.searchIndex($0, entries: searchEntries) }) {
            files += result.files
            found += result.diagnostics
        }
        // The sitemap lists every page; its entries are the full set, so rebuild it from all jobs' routes.
        if let written = try? renderer.writeSitemap(sitemapEntries(site: site, renderer: renderer, partial: sitemap)) { files += written }
        let newState = BuildState(renderer: renderer, loaded: loaded, searchEntries: searchEntries)
        return (newState, PageUpdate(files: files, warnings: found, followUp: {}))
    }

    /// Every page of the site for the sitemap, with dates for briefings.
    static func sitemapEntries(site: SiteModel, renderer: PageRenderer, partial: [PageRenderer.SitemapEntry]) -> [PageRenderer.SitemapEntry] {
        var entries: [Route: PageRenderer.SitemapEntry] = [:]
        for entry in partial { entries[entry.route] = entry }
        for language in site.config.languages {
            for briefing in site.briefings[language] ?? [] {
                entries[briefing.route] = .init(route: briefing.route, lastModified: briefing.meta.lastModified)
            }
        }
        return Array(entries.values)
    }
}
