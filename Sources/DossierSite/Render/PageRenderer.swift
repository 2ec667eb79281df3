import DossierCharts
import DossierMarkdown
import DossierModel
import Foundation

/// Renders one page (or feed, or index) per job and writes it into the staging folder.
struct PageRenderer: Sendable {
    enum Job: Sendable {
        case briefing(language: String, index: Int)
        case page(Int)
        case home(String, page: Int)
        case archive(String)
        case topic(String, index: Int, page: Int)
        case topicsIndex(String)
        case feed(String, topic: Int?)
        case search(String)
        case cluster(Int)
        case clusterIndex
        case notFound
        case robots
    }

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
        self.blocks = ChartBlocks(tables: site.tables, names: site.clusterNames, strings: strings, basemaps: site.basemaps)
        let base = site.basePath
        self.markdownOptions = MarkdownOptions(
            allowRawHTML: site.config.allowRawHTML, rootPrefix: base == "/" ? "" : String(base.dropLast()))
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
        jobs += site.clusters.indices.map { .cluster($0) }
        if !site.clusters.isEmpty { jobs.append(.clusterIndex) }
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
        jobs += [.notFound, .robots]
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
            case .cluster(let index): return try clusterPage(index)
            case .clusterIndex: return try clusterIndex()
            case .notFound: return try notFound()
            case .robots: return try robots()
            }
        } catch let diagnostic as Diagnostic {
            return Result(diagnostics: [diagnostic])
        } catch {
            return Result(diagnostics: [.error(output.target.path, "cannot write page: \(error.localizedDescription)")])
        }
    }

    /// Reads a Markdown file again and renders its body: bodies are never held in the model.
    func renderBody(_ file: URL, displayPath: String, language: String, options: MarkdownOptions? = nil) throws -> RenderedMarkdown {
        let text: String
        switch SourceReader.read(file, displayPath: displayPath) {
        case .success(let t): text = t
        case .failure(let d): throw d
        }
        let source = SourceReader.split(text)
        return Markdown.render(
            source.body, path: displayPath, lineOffset: source.bodyLineOffset, options: options ?? markdownOptions,
            handlers: blocks.handlers(path: displayPath, language: language))
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
        let html = theme.render("briefing", context.briefing(summary, rendered: rendered, related: related, teaser: isTeaser(summary)))
        try output.write(html, to: summary.route.outputFile)
        return .page(summary.route, lastModified: summary.meta.date, diagnostics: rendered.diagnostics)
    }

    private func page(_ page: PageSummary) throws -> Result {
        let rendered = try renderBody(page.file, displayPath: page.displayPath, language: page.language)
        var ctx = context.common(
            language: page.language, route: page.route, title: page.title, description: page.summary, kind: "page")
        ctx["body"] = rendered.html
        ctx.setText("summary", page.summary)
        try output.write(theme.render("page", ctx), to: page.route.outputFile)
        return .page(page.route, diagnostics: rendered.diagnostics)
    }

    static func pageCount(_ items: Int, _ size: Int) -> Int { max(1, (items + size - 1) / size) }

    /// Page 1 lives at the list's own URL, the others at `page/N/` below it.
    static func pageRoute(_ base: Route, _ page: Int) -> Route {
        page == 1 ? base : Route(segments: base.segments + ["page", String(page)])!
    }

    func pagination(base: Route, page: Int, count: Int, size: Int) -> [String: Any] {
        let total = Self.pageCount(count, size)
        var p: [String: Any] = ["current": page, "total": total, "show": total > 1]
        if page > 1 { p["newer"] = site.url(Self.pageRoute(base, page - 1)) }
        if page < total { p["older"] = site.url(Self.pageRoute(base, page + 1)) }
        return p
    }

    private func home(_ language: String, page: Int) throws -> Result {
        let list = site.briefings[language] ?? []
        let base = site.homeRoute(language)
        let route = Self.pageRoute(base, page)
        let title = page == 1 ? site.config.title : "\(site.config.title) · \(strings.text("page", language)) \(page)"
        var ctx = context.common(language: language, route: route, title: title, description: site.config.publisher.blurb, kind: "home")
        let slice = list.dropFirst((page - 1) * Self.homePageSize).prefix(Self.homePageSize)
        ctx["briefings"] = slice.map { context.card($0) }
        ctx["pagination"] = pagination(base: base, page: page, count: list.count, size: Self.homePageSize)
        ctx["firstPage"] = page == 1
        ctx["total"] = list.count
        try output.write(theme.render("home", ctx), to: route.outputFile)
        return .page(route)
    }

    private func archive(_ language: String) throws -> Result {
        let list = site.briefings[language] ?? []
        let route = site.homeRoute(language).appending("briefings")!
        var ctx = context.common(
            language: language, route: route, title: strings.text("all_briefings", language), description: nil, kind: "list")
        ctx["years"] = byYear(list)
        ctx["total"] = list.count
        try output.write(theme.render("list", ctx), to: route.outputFile)
        return .page(route)
    }

    /// Briefings grouped by year, newest first.
    func byYear(_ list: [BriefingSummary]) -> [[String: Any]] {
        var years: [[String: Any]] = []
        var current: (year: Int, items: [[String: Any]])?
        for briefing in list {
            let year = briefing.meta.date.year
            if current?.year != year {
                if let c = current { years.append(["year": c.year, "briefings": c.items]) }
                current = (year, [])
            }
            current!.items.append(context.card(briefing))
        }
        if let c = current { years.append(["year": c.year, "briefings": c.items]) }
        return years
    }

    func topicRoute(_ language: String, _ topic: TopicInfo) -> Route {
        site.homeRoute(language).appending("topics")!.appending(topic.slug)!
    }

    private func topic(_ language: String, index: Int, page: Int) throws -> Result {
        let topic = site.topics[language]![index]
        let list = site.briefings[language]!
        let base = topicRoute(language, topic)
        let route = Self.pageRoute(base, page)
        let title = page == 1 ? topic.label : "\(topic.label) · \(strings.text("page", language)) \(page)"
        var ctx = context.common(language: language, route: route, title: title, description: nil, kind: "topic")
        ctx["topic"] = ["label": topic.label, "count": topic.briefings.count, "feed": site.url(base) + "feed.xml"] as [String: Any]
        ctx["briefings"] = topic.briefings.dropFirst((page - 1) * Self.topicPageSize).prefix(Self.topicPageSize).map { context.card(list[$0]) }
        ctx["pagination"] = pagination(base: base, page: page, count: topic.briefings.count, size: Self.topicPageSize)
        try output.write(theme.render("topic", ctx), to: route.outputFile)
        return .page(route)
    }

    private func topicsIndex(_ language: String) throws -> Result {
        let route = site.homeRoute(language).appending("topics")!
        var ctx = context.common(language: language, route: route, title: strings.text("topics", language), description: nil, kind: "topics")
        ctx["topics"] = (site.topics[language] ?? []).map { topic -> [String: Any] in
            ["label": topic.label, "url": site.url(topicRoute(language, topic)), "count": topic.briefings.count]
        }
        try output.write(theme.render("topics", ctx), to: route.outputFile)
        return .page(route)
    }

    private func notFound() throws -> Result {
        let language = site.config.language
        var ctx = context.common(
            language: language, route: .root, title: strings.text("page_not_found", language), description: nil, kind: "404")
        ctx["page"] = ["title": strings.text("page_not_found", language), "kind": "404"]
        ctx["alternates"] = [[String: Any]]()
        try output.write(theme.render("404", ctx), to: "404.html")
        return Result(files: ["404.html"])
    }

    private func robots() throws -> Result {
        try output.write("User-agent: *\nAllow: /\n\nSitemap: \(site.config.baseURL)sitemap.xml\n", to: "robots.txt")
        return Result(files: ["robots.txt"])
    }
}
