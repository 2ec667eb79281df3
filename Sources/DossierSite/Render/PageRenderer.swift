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
        let rendered = theme.library.render(template, view.value, components: components(view.common.lang, ids: ids))
        try output.write(rendered.bytes, to: file)
        return rendered.diagnostics
    }

    /// The same renderer writing elsewhere (serve redoes pages in the live folder).
    func writing(to output: OutputFolder) -> PageRenderer {
        var copy = self
        copy.output = output
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
        return jobs
    }

    func run(_ job: Job) -> Result {
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
            }
        } catch let diagnostic as Diagnostic {
            return Result(diagnostics: [diagnostic])
        } catch {
            return Result(diagnostics: [.error(output.target.path, "cannot write page: \(error.localizedDescription)")])
        }
    }

    /// Reads a Markdown file again and renders its body: bodies are never held in the model.
    func renderBody(_ file: URL, displayPath: String, language: String, options: MarkdownOptions? = nil,
                    ids: FigureIDs = FigureIDs()) throws -> RenderedMarkdown {
        let text: String
        switch SourceReader.read(file, displayPath: displayPath) {
        case .success(let t): text = t
        case .failure(let d): throw d
        }
        let source = SourceReader.split(text)
        var options = options ?? markdownOptions
        options.language = language
        let context = self.context
        options.otherLanguage = { url in
            let path = String(url.prefix { $0 != "#" && $0 != "?" })
            guard let route = context.internalRoute(path), context.translations(of: route)[language] == nil,
                  let other = context.routeLanguages[route], other != language else { return nil }
            return (other, context.languageName(other, in: language))
        }
        return Markdown.render(
            source.body, path: displayPath, lineOffset: source.bodyLineOffset, options: options,
            handlers: blocks.handlers(path: displayPath, language: language, ids: ids))
    }

    /// In the public edition a licensed briefing is a teaser: its body is never even read.
    func isTeaser(_ briefing: BriefingSummary) -> Bool {
        briefing.meta.access == .licensed && site.edition == .public
    }

    private func briefing(language: String, index: Int) throws -> Result {
        let list = site.briefings[language]!
        let summary = list[index]
        let source = site.briefingFiles[language]![index]
        let rendered = isTeaser(summary)
            ? RenderedMarkdown(html: "", headings: [], diagnostics: [])
            : try renderBody(source.file, displayPath: source.displayPath, language: language)
        let related = (site.related[language]?[index] ?? []).map { list[$0] }
        let view = context.briefing(summary, rendered: rendered, related: related, teaser: isTeaser(summary))
        let found = try write("briefing", view, to: summary.route.outputFile)
        var result = Result.page(summary.route, lastModified: summary.meta.date, diagnostics: rendered.diagnostics + found)
        result.searchEntry = searchEntry(summary, body: rendered.text)
        return result
    }

    private func page(_ page: PageSummary) throws -> Result {
        let rendered = try renderBody(page.file, displayPath: page.displayPath, language: page.language)
        let view = StandalonePage(
            common: context.common(language: page.language, route: page.route, title: page.title, description: page.summary, kind: "page"),
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
        let view = HomePage(
            common: context.common(language: language, route: route, title: title, description: site.config.publisher.blurb, kind: "home"),
            briefings: list.dropFirst((page - 1) * Self.homePageSize).prefix(Self.homePageSize).map(context.card),
            pagination: context.pagination(base: base, page: page, count: list.count, size: Self.homePageSize),
            firstPage: page == 1, total: list.count)
        let found = try write("home", view, to: route.outputFile)
        return .page(route, diagnostics: found)
    }

    private func archive(_ language: String) throws -> Result {
        let list = site.briefings[language] ?? []
        let route = site.routes.archive(language)
        let view = ArchivePage(
            common: context.common(language: language, route: route, title: strings.text("all_briefings", language), description: nil, kind: "list"),
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
            common: context.common(language: language, route: route, title: title, description: nil, kind: "topic"),
            topic: TopicInfoView(label: topic.label, count: topic.briefings.count, feed: site.basePath + SiteRoutes.feedPath(of: base)),
            briefings: topic.briefings.dropFirst((page - 1) * Self.topicPageSize).prefix(Self.topicPageSize).map { context.card(list[$0]) },
            pagination: context.pagination(base: base, page: page, count: topic.briefings.count, size: Self.topicPageSize))
        let found = try write("topic", view, to: route.outputFile)
        return .page(route, diagnostics: found)
    }

    private func topicsIndex(_ language: String) throws -> Result {
        let route = site.routes.topicsIndex(language)
        let view = TopicsPage(
            common: context.common(language: language, route: route, title: strings.text("topics", language), description: nil, kind: "topics"),
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
        common.page = PageMetaView(title: title, canonical: nil, kind: "404", description: nil)
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

    private func robots() throws -> Result {
        try output.write("User-agent: *\nAllow: /\n\nSitemap: \(site.config.baseURL)\(SiteRoutes.sitemapFile)\n", to: SiteRoutes.robotsFile)
        return Result(files: [SiteRoutes.robotsFile])
    }
}
