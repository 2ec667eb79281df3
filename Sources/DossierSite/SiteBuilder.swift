import DossierMarkdown
import DossierModel
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
        let templatesFolder = options.resolvedTemplatesFolder
        var diagnostics: [Diagnostic] = []
        let (theme, themeDiagnostics) = Theme.load(folder: templatesFolder, displayPath: options.display(templatesFolder))
        diagnostics += themeDiagnostics
        guard let loaded = ContentLoader.load(options) else { throw BuildFailure(diagnostics) }
        diagnostics += loaded.diagnostics
        lap("load")

        // Resolve
        let (site, resolveDiagnostics) = Resolver.resolve(loaded, includeDrafts: options.includeDrafts)
        diagnostics += resolveDiagnostics
        lap("resolve")
        guard let theme, !diagnostics.contains(where: { $0.severity == .error }) else { throw BuildFailure(diagnostics) }

        // Render and write
        let output: OutputFolder
        switch OutputFolder.prepare(
            target: options.outputFolder, protecting: [options.contentFolder, templatesFolder], display: options.display)
        {
        case .success(let o): output = o
        case .failure(let d): throw BuildFailure(diagnostics + [d])
        }
        let renderer = PageRenderer(site: site, theme: theme, output: output)
        let jobs = renderer.jobs()
        let results = parallelMap(jobs) { job in renderer.run(job) }
        var pages = 0
        var written = Set<String>()
        for result in results {
            pages += result.pages
            written.formUnion(result.files)
            diagnostics += result.diagnostics
        }
        lap("render")

        // Static files, then the swap
        do {
            if let assets = theme.assetsFolder { written.formUnion(try output.copyFolder(assets, to: "assets")) }
            let data = options.contentFolder.appendingPathComponent("data")
            if FileManager.default.fileExists(atPath: data.path) { written.formUnion(try output.copyFolder(data, to: "data")) }
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

        return BuildReport(
            pagesWritten: pages, briefings: site.allBriefingCount,
            warnings: diagnostics.filter { $0.severity == .warning }.sorted(), timings: timings)
    }
}

/// Renders one page per job and writes it into the staging folder.
struct PageRenderer: Sendable {
    enum Job: Sendable {
        case briefing(language: String, index: Int)
        case page(Int)
        case home(String)
        case archive(String)
        case cluster(Int)
        case clusterIndex
        case notFound
    }

    struct Result: Sendable {
        /// Output files written, relative to the output folder.
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var pages: Int { files.count }
    }

    let site: SiteModel
    let theme: Theme
    let output: OutputFolder
    let context: PageContext
    let markdownOptions: MarkdownOptions
    let blocks: ChartBlocks

    init(site: SiteModel, theme: Theme, output: OutputFolder) {
        self.site = site
        self.theme = theme
        self.output = output
        self.context = PageContext(site: site)
        self.blocks = ChartBlocks(tables: site.tables, names: site.clusterNames)
        let base = site.basePath
        self.markdownOptions = MarkdownOptions(
            allowRawHTML: site.config.allowRawHTML, rootPrefix: base == "/" ? "" : String(base.dropLast()))
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
        jobs += site.config.languages.flatMap { [Job.home($0), .archive($0)] }
        jobs.append(.notFound)
        return jobs
    }

    func run(_ job: Job) -> Result {
        do {
            switch job {
            case .briefing(let language, let index): return try briefing(language: language, index: index)
            case .page(let index): return try page(site.pages[index])
            case .home(let language): return try home(language)
            case .archive(let language): return try archive(language)
            case .cluster(let index): return try clusterPage(index)
            case .clusterIndex: return try clusterIndex()
            case .notFound: return try notFound()
            }
        } catch let diagnostic as Diagnostic {
            return Result(diagnostics: [diagnostic])
        } catch {
            return Result(diagnostics: [.error(output.target.path, "cannot write page: \(error.localizedDescription)")])
        }
    }

    /// Reads a Markdown file again and renders its body: bodies are never held in the model.
    func renderBody(_ file: URL, displayPath: String, language: String) throws -> RenderedMarkdown {
        let text: String
        switch SourceReader.read(file, displayPath: displayPath) {
        case .success(let t): text = t
        case .failure(let d): throw d
        }
        let source = SourceReader.split(text)
        return Markdown.render(
            source.body, path: displayPath, lineOffset: source.bodyLineOffset, options: markdownOptions,
            handlers: blocks.handlers(path: displayPath, language: language))
    }

    private func briefing(language: String, index: Int) throws -> Result {
        let list = site.briefings[language]!
        let summary = list[index]
        let source = site.briefingFiles[language]![index]
        let rendered = try renderBody(source.file, displayPath: source.displayPath, language: language)
        let related = (site.related[language]?[index] ?? []).map { list[$0] }
        let html = theme.render("briefing", context.briefing(summary, rendered: rendered, related: related))
        try output.write(html, to: summary.route.outputFile)
        return Result(files: [summary.route.outputFile], diagnostics: rendered.diagnostics)
    }

    private func page(_ page: PageSummary) throws -> Result {
        let rendered = try renderBody(page.file, displayPath: page.displayPath, language: page.language)
        var ctx = context.common(
            language: page.language, route: page.route, title: page.title, description: page.summary, kind: "page")
        ctx["body"] = rendered.html
        ctx.setText("summary", page.summary)
        try output.write(theme.render("page", ctx), to: page.route.outputFile)
        return Result(files: [page.route.outputFile], diagnostics: rendered.diagnostics)
    }

    static let homeLimit = 10

    private func home(_ language: String) throws -> Result {
        let list = site.briefings[language] ?? []
        let route = site.homeRoute(language)
        var ctx = context.common(
            language: language, route: route, title: site.config.title, description: site.config.publisher.blurb,
            kind: "home")
        ctx["briefings"] = list.prefix(Self.homeLimit).map(context.card)
        ctx["hasMore"] = list.count > Self.homeLimit
        ctx["total"] = list.count
        try output.write(theme.render("home", ctx), to: route.outputFile)
        return Result(files: [route.outputFile])
    }

    private func archive(_ language: String) throws -> Result {
        let list = site.briefings[language] ?? []
        let route = site.homeRoute(language).appending("briefings")!
        var ctx = context.common(
            language: language, route: route, title: "All briefings", description: nil, kind: "list")
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
        ctx["years"] = years
        ctx["total"] = list.count
        try output.write(theme.render("list", ctx), to: route.outputFile)
        return Result(files: [route.outputFile])
    }

    private func notFound() throws -> Result {
        let language = site.config.language
        var ctx = context.common(
            language: language, route: .root, title: "Page not found", description: nil, kind: "404")
        ctx["page"] = ["title": "Page not found", "kind": "404"]
        ctx["alternates"] = [[String: Any]]()
        try output.write(theme.render("404", ctx), to: "404.html")
        return Result(files: ["404.html"])
    }
}
