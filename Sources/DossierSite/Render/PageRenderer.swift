import DossierCharts
import DossierMarkdown
import DossierModel
import DossierSearch
import DossierTemplates
import Foundation

/// Renders one page (or feed, or index) per job and writes it into the staging folder.
struct PageRenderer: Sendable {
    typealias Job = PageKind

    /// A page for the sitemap: its route and, for briefings, its date.
    struct SitemapEntry: Sendable {
        var route: Route
        var lastModified: Day?
    }

    struct Result: Sendable {
        /// Output files written, relative to the output folder.
        var files: [String] = []
        var sitemap: [SitemapEntry] = []
        var diagnostics: [Diagnostic] = []
        /// A briefing job's by-product: the terms of what it rendered, for its language's search index.
        var searchEntry: SearchEntry? = nil
        /// Links and ids of bodies read but not written (a teaser's), by output file, so that
        /// `check` checks them too.
        var hiddenLinks: [String: HiddenBody] = [:]
        /// With `collectsLinks`: the links and ids of each HTML file written, by output file,
        /// scanned from the bytes as they were written (for `check`). A plain value per file, so
        /// that it can be kept with a file whose job is not run again.
        var links: [String: PageLinks] = [:]
        var pages: Int { files.count }

        static func page(_ route: Route, lastModified: Day? = nil, diagnostics: [Diagnostic] = []) -> Result {
            Result(files: [route.outputFile], sitemap: [SitemapEntry(route: route, lastModified: lastModified)], diagnostics: diagnostics)
        }
    }

    static let homePageSize = 20
    static let topicPageSize = 20
    static let feedSize = 20

    let site: SiteModel
    let theme: Theme
    private(set) var output: OutputFolder
    let context: PageContext
    let strings: InterfaceStrings
    let markdownOptions: MarkdownOptions
    let blocks: ChartBlocks

    /// The `image:` of each briefing in the default language, by source path: a translation that
    /// inherits it leaves reporting its problems to the original.
    let originalImages: [String: String]

    /// Set while a job is only keyed (`JobKeys.swift`): nothing is rendered or written.
    var keying: JobKeyRecorder? = nil
    /// Rendered bodies kept between builds (`serve`).
    var bodies: BodyCache? = nil
    /// Whether each job scans the HTML it writes for links and ids (`Result.links`), for `check`.
    private(set) var collectsLinks = false
    /// Where `write` puts what it scanned, during one job of a renderer that collects links.
    private var linkCollector: LinkCollector?

    init(site: SiteModel, theme: Theme, output: OutputFolder, strings: InterfaceStrings) {
        self.site = site
        self.theme = theme
        self.output = output
        self.strings = strings
        self.context = PageContext(site: site, strings: strings)
        self.blocks = ChartBlocks(tables: site.tables, names: site.rowNames, strings: strings, basemaps: site.basemaps)
        let base = site.basePath
        self.markdownOptions = MarkdownOptions(
            allowRawHTML: site.config.allowRawHTML, rootPrefix: base == "/" ? "" : String(base.dropLast()))
        var images: [String: String] = [:]
        for briefing in site.briefings[site.config.language] ?? [] { if let image = briefing.meta.image { images[briefing.sourcePath] = image } }
        self.originalImages = images
    }

    /// `{{@chart}}` and `{{@table}}` in templates, for one page: its figures share `ids` with
    /// the page's Markdown, and a chart whose filter selects no row (a row without a series) is
    /// left out, since one template serves every row.
    func components(_ language: String, ids: FigureIDs) -> [String: ComponentHandler] {
        let blocks = self.blocks
        return [
            "chart": { call in Self.component(blocks.chart(Self.fencedBlock(call), path: call.path, language: language, ids: ids, empty: .omit)) },
            "table": { call in Self.component(blocks.table(Self.fencedBlock(call), path: call.path, language: language, ids: ids, empty: .omit)) },
        ]
    }

    /// A template's `{{@chart}}` body is the spec, as a fenced block's content would be.
    static func fencedBlock(_ call: ComponentCall) -> FencedBlock {
        FencedBlock(kind: call.name, content: call.body, line: call.bodyLine - 1, column: call.column)
    }

    static func component(_ output: FencedBlockOutput) -> ComponentOutput {
        switch output {
        case .html(let html): return .html(html)
        case .htmlWithWarnings(let html, _): return .html(html)
        case .failed(let diagnostics): return .failed(diagnostics)
        }
    }

    /// Renders a page template with its view model and writes it.
    func write<View: PageView>(_ template: String, _ view: View, to file: String, ids: FigureIDs = FigureIDs()) throws -> [Diagnostic] {
        if let keying {
            keying.page(template, view.value, to: file)
            return []
        }
        let rendered = theme.library.render(template, view.value, components: components(view.common.lang, ids: ids))
        try output.write(rendered.bytes, to: file)
        linkCollector?.pages[file] = HTMLScanner.scan(rendered.bytes)
        return rendered.diagnostics
    }

    /// Writes text that no template renders (a feed, robots.txt).
    func emit(_ text: String, to file: String) throws {
        if let keying { return keying.text(text, to: file) }
        try output.write(text, to: file)
    }

    /// The same renderer, with each job scanning what it writes for `check` (or not).
    func collectingLinks(_ collects: Bool) -> PageRenderer {
        var copy = self
        copy.collectsLinks = collects
        return copy
    }

    /// Briefings first: they are the bulk of the work, so the short jobs fill in at the end.
    func jobs() -> [Job] {
        var jobs: [Job] = []
        for language in site.config.languages {
            for index in (site.briefings[language] ?? []).indices { jobs.append(.briefing(language: language, index: index)) }
        }
        for (c, collection) in site.collections.enumerated() {
            for language in site.config.languages {
                jobs += collection.rows.indices.map { Job.collectionRow(collection: c, row: $0, language: language) }
                jobs.append(.collectionIndex(collection: c, language: language))
            }
        }
        jobs += site.pages.indices.map { .page($0) }
        for language in site.config.languages {
            let count = site.briefings[language]?.count ?? 0
            jobs += (1...Self.pageCount(count, Self.homePageSize)).map { .home(language, page: $0) }
            jobs += [.archive(language), .topicsIndex(language), .feed(language, topic: nil), .search(language)]
            for (index, topic) in (site.topics[language] ?? []).enumerated() {
                jobs += (1...Self.pageCount(topic.briefings.count, Self.topicPageSize)).map { .topic(language, index: index, page: $0) }
                jobs.append(.feed(language, topic: index))
            }
        }
        jobs += site.config.languages.map { Job.notFound($0) } + [.robots]
        jobs += site.aliases.indices.map { .alias($0) }
        return jobs
    }

    func run(_ job: Job) -> Result {
        guard collectsLinks, keying == nil else { return perform(job) }
        var collecting = self
        let collector = LinkCollector()
        collecting.linkCollector = collector
        var result = collecting.perform(job)
        result.links = collector.pages
        return result
    }

    private func perform(_ job: Job) -> Result {
        do {
            switch job {
            case .briefing(let language, let index): return try briefing(language: language, index: index)
            case .page(let index): return try page(site.pages[index])
            case .home(let language, let page): return try home(language, page: page)
            case .archive(let language): return try archive(language)
            case .topic(let language, let index, let page): return try topic(language, index: index, page: page)
            case .topicsIndex(let language): return try topicsIndex(language)
            case .feed(let language, let topic): return try feed(language, topic: topic)
            case .search(let language): return try search(language)
            case .collectionRow(let c, let row, let language): return try collectionRow(c, row: row, language: language)
            case .collectionIndex(let c, let language): return try collectionIndex(c, language: language)
            case .notFound(let language): return try notFound(language)
            case .robots: return try robots()
            case .alias(let index): return try alias(site.aliases[index])
            }
        } catch let diagnostic as Diagnostic {
            return Result(diagnostics: [diagnostic])
        } catch {
            return Result(diagnostics: [.error(output.target.path, "cannot write page: \(error.localizedDescription)")])
        }
    }

    /// Reads a Markdown file again and renders its body: bodies are never held in the model.
    /// - Parameters:
    ///   - key: the document's key, whose folder holds its files (references to them are rewritten).
    ///   - writes: false when the body is only checked (a teaser's).
    ///   - ids: figure ids already taken on the page.
    func renderBody(
        _ file: URL, displayPath: String, language: String, key: String? = nil, writes: Bool = true,
        options: MarkdownOptions? = nil, ids: FigureIDs = FigureIDs()
    ) throws -> RenderedMarkdown {
        if let keying {
            var options = options ?? markdownOptions
            options.language = language
            return try keying.body(file, displayPath: displayPath, key: key, writes: writes, options: options, ids: ids)
        }
        let text: String
        switch SourceReader.read(file, displayPath: displayPath) {
        case .success(let t): text = t
        case .failure(let d): throw d
        }
        var options = options ?? markdownOptions
        options.language = language
        let cacheKey = bodies?.key(text, displayPath: displayPath, key: key, writes: writes, options: options, ids: ids)
        if let cacheKey, let kept = bodies?[cacheKey] {
            for (id, line) in kept.ids { ids.take(id, line: line) }
            return kept.rendered
        }
        let before = cacheKey == nil ? [] : ids.taken
        let source = SourceReader.split(text)
        let context = self.context
        options.otherLanguage = { url in
            guard url.utf8.first == UInt8(ascii: "/") else { return nil }  // only root-relative links lead to a route
            let path = String(url.prefix { $0 != "#" && $0 != "?" })
            guard let route = context.internalRoute(path), context.translations(of: route)[language] == nil,
                  let other = context.routeLanguages[route], other != language else { return nil }
            return (other, context.languageName(other, in: language))
        }
        var references: ReferenceResolver?
        if let key {
            let bundles = site.bundles
            references = { reference in bundles.resolve(reference, key: key, displayPath: displayPath, writes: writes) }
        }
        let rendered = Markdown.render(
            source.body, path: displayPath, lineOffset: source.bodyLineOffset, options: options,
            handlers: blocks.handlers(path: displayPath, language: language, ids: ids), references: references)
        if let cacheKey, let bodies {
            let taken = Set(before.map(\.id))
            bodies[cacheKey] = BodyCache.Entry(rendered: rendered, ids: ids.taken.filter { !taken.contains($0.id) })
        }
        return rendered
    }

    /// In the public edition a licensed briefing is a teaser: its body is read, rendered and
    /// checked like any other (so the public build fails on what the licensee build would), but
    /// only what the teaser may show of it is kept: its headings, length and count of figures.
    func isTeaser(_ briefing: BriefingSummary) -> Bool {
        briefing.meta.access == .licensed && site.edition == .public
    }

    private func briefing(language: String, index: Int) throws -> Result {
        let list = site.briefings[language]!
        let summary = list[index]
        let source = site.briefingFiles[language]![index]
        let teaser = isTeaser(summary)
        let rendered = try renderBody(source.file, displayPath: source.displayPath, language: language, key: summary.sourcePath, writes: !teaser)
        let related = (site.related[language]?[index] ?? []).map { list[$0] }
        let (image, imageDiagnostics) = shareImage(summary, source: source)
        let view = context.briefing(summary, rendered: rendered, related: related, teaser: teaser, image: image)
        let found = try write("briefing", view, to: summary.route.outputFile)
        var result = Result.page(summary.route, lastModified: summary.meta.lastModified, diagnostics: rendered.diagnostics + imageDiagnostics + found)
        guard keying == nil else { return result }
        result.searchEntry = searchEntry(summary, body: rendered.text)
        if teaser {
            // Its own files are not published in this edition: links to them are not broken.
            let ownFiles = Set(site.bundles.byKey[summary.sourcePath].map { bundle in
                bundle.files.keys.map { site.basePath + bundle.url($0).dropFirst() }
            } ?? [])
            let body = HTMLScanner.scan(rendered.html)
            result.hiddenLinks[summary.route.outputFile] = HiddenBody(
                links: body.links.filter { !ownFiles.contains(LinkChecker.unescape($0)) }, ids: body.ids)
        }
        return result
    }

    /// A briefing's own picture for link previews (`image:`), checked like an image in its body.
    /// A licensed briefing's files are never published in the public edition, so a file of its
    /// own is not used for sharing (the site's picture is).
    func shareImage(_ briefing: BriefingSummary, source: SourceRef) -> (ShareImageView?, [Diagnostic]) {
        guard let image = briefing.meta.image else { return (nil, []) }
        guard Bundles.isRelative(image) else { return (ShareImageView(url: context.absoluteImageURL(image)), []) }
        let reference = Reference(kind: .image, url: image, line: 1, column: 1)
        switch site.bundles.resolve(reference, key: briefing.sourcePath, displayPath: source.displayPath, writes: true) {
        case .failed(var diagnostic):
            if briefing.language != site.config.language, originalImages[briefing.sourcePath] == image { return (nil, []) }
            diagnostic.message = "front matter 'image': " + diagnostic.message
            return (nil, [diagnostic])
        case .rewrite(let url, let width, let height) where briefing.meta.access == .public:
            return (ShareImageView(url: site.canonicalURL(.root) + url.dropFirst(), width: width, height: height), [])
        default:
            return (nil, [])
        }
    }

    private func page(_ page: PageSummary) throws -> Result {
        let rendered = try renderBody(page.file, displayPath: page.displayPath, language: page.language, key: page.key)
        let description = page.summary ?? rendered.firstParagraph.map(PageContext.shortened)
        let view = StandalonePage(
            common: context.common(language: page.language, route: page.route, title: page.title, description: description, kind: "page"),
            body: HTML(rendered.html), summary: page.summary)
        let found = try write("page", view, to: page.route.outputFile)
        return .page(page.route, diagnostics: rendered.diagnostics + found)
    }

    static func pageCount(_ items: Int, _ size: Int) -> Int { max(1, (items + size - 1) / size) }

    private func home(_ language: String, page: Int) throws -> Result {
        let list = site.briefings[language] ?? []
        let base = site.routes.home(language)
        let route = SiteRoutes.paginated(base, page: page)
        let title = page == 1 ? site.config.title : "\(site.config.title) · \(strings.text("page", language)) \(page)"
        var cards = list.dropFirst((page - 1) * Self.homePageSize).prefix(Self.homePageSize).map(context.card)
        if page == 1, !cards.isEmpty { cards[0].lead = true }
        let view = HomePage(
            common: context.common(language: language, route: route, title: title, description: nil, kind: "home"),
            briefings: cards,
            pagination: context.pagination(base: base, page: page, count: list.count, size: Self.homePageSize),
            firstPage: page == 1, total: list.count)
        let found = try write("home", view, to: route.outputFile)
        return .page(route, diagnostics: found)
    }

    private func archive(_ language: String) throws -> Result {
        let list = site.briefings[language] ?? []
        let route = site.routes.archive(language)
        let view = ArchivePage(
            common: context.common(language: language, route: route, title: strings.text("all_briefings", language),
                                   description: context.text("description_archive", language, [
                                       "site": site.config.title,
                                       "count": NumberFormat.forLanguage(language).string(Double(list.count), decimals: 0)]),
                                   kind: "list"),
            years: context.byYear(list), total: list.count)
        let found = try write("list", view, to: route.outputFile)
        return .page(route, diagnostics: found)
    }

    func topicRoute(_ language: String, _ topic: TopicInfo) -> Route {
        site.routes.topic(language, slug: topic.slug)
    }

    private func topic(_ language: String, index: Int, page: Int) throws -> Result {
        let topic = site.topics[language]![index]
        let list = site.briefings[language]!
        let base = topicRoute(language, topic)
        let route = SiteRoutes.paginated(base, page: page)
        let title = page == 1 ? topic.label : "\(topic.label) · \(strings.text("page", language)) \(page)"
        let view = TopicPage(
            common: context.common(language: language, route: route, title: title,
                                   description: context.text("description_topic", language, ["site": site.config.title, "topic": topic.label]),
                                   kind: "topic"),
            topic: TopicInfoView(label: topic.label, count: topic.briefings.count, feed: site.basePath + SiteRoutes.feedPath(of: base)),
            briefings: topic.briefings.dropFirst((page - 1) * Self.topicPageSize).prefix(Self.topicPageSize).map { context.card(list[$0]) },
            pagination: context.pagination(base: base, page: page, count: topic.briefings.count, size: Self.topicPageSize))
        let found = try write("topic", view, to: route.outputFile)
        return .page(route, diagnostics: found)
    }

    private func topicsIndex(_ language: String) throws -> Result {
        let route = site.routes.topicsIndex(language)
        let view = TopicsPage(
            common: context.common(language: language, route: route, title: strings.text("topics", language),
                                   description: context.text("description_topics", language, ["site": site.config.title]), kind: "topics"),
            topics: (site.topics[language] ?? []).map {
                TopicEntryView(label: $0.label, url: site.url(topicRoute(language, $0)), count: $0.briefings.count)
            })
        let found = try write("topics", view, to: route.outputFile)
        return .page(route, diagnostics: found)
    }

    /// The 404 page has no address of its own: no canonical URL, no alternates. A static host
    /// serves one file for every missing address (`/404.html`), so it carries the message in every
    /// language; `/de/404.html` is the German one, for hosts that can serve one per folder.
    private func notFound(_ language: String) throws -> Result {
        let title = strings.text("page_not_found", language)
        var common = context.common(language: language, route: site.routes.home(language), title: title, description: nil, kind: "404")
        common.page.canonical = nil
        common.page.description = strings.text("not_found_text", language)
        common.alternates = []
        common.languageSwitch = []
        let others = site.config.languages.filter { $0 != language }.map { other in
            NotFoundTextView(
                lang: other, title: strings.text("page_not_found", other), text: strings.text("not_found_text", other),
                home: site.url(site.routes.home(other)), goHome: strings.text("go_home", other),
                archive: site.url(site.routes.archive(other)), browseAll: strings.text("browse_all", other))
        }
        let file = site.routes.home(language).relativeURL + SiteRoutes.notFoundFile
        let found = try write("404", NotFoundPage(common: common, others: others), to: file)
        return Result(files: [file], diagnostics: found)
    }

    /// The licensee edition is for licensees only: no crawler is welcome, and it has no sitemap.
    private func robots() throws -> Result {
        let text = site.edition == .licensee
            ? "User-agent: *\nDisallow: /\n"
            : "User-agent: *\nAllow: /\n\nSitemap: \(site.config.baseURL)\(SiteRoutes.sitemapFile)\n"
        try emit(text, to: SiteRoutes.robotsFile)
        return Result(files: [SiteRoutes.robotsFile])
    }

    /// An old URL: a page that names the briefing's address as canonical and sends readers on.
    private func alias(_ alias: AliasInfo) throws -> Result {
        var common = context.common(language: alias.language, route: alias.route, title: alias.title, description: nil, kind: "alias")
        common.page.canonical = site.canonicalURL(alias.target)
        common.page.noindex = true
        common.alternates = []
        let view = AliasPage(
            common: common, target: LinkView(label: alias.title, url: site.url(alias.target)), targetURL: site.canonicalURL(alias.target))
        let found = try write("alias", view, to: alias.route.outputFile)
        return Result(files: [alias.route.outputFile], diagnostics: found)
    }
}

/// What `check` needs of a body that was read but not written (a teaser's): its links and ids.
typealias HiddenBody = PageLinks

/// The links and ids a job's `write` calls scanned. Each job has its own, used by one thread.
private final class LinkCollector: @unchecked Sendable {
    var pages: [String: PageLinks] = [:]
}
