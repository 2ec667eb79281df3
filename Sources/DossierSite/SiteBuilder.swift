import DossierMarkdown
import DossierModel
import DossierTheme
import Foundation

/// Runs a build: Load → Resolve → Render → Write. Pages are rendered and written in one
/// step each, in parallel, into a staging folder that replaces the output only on success.
///
/// Builds are incremental: every render job has a key (the digest of everything it reads, see
/// `JobKeys.swift`), and a job whose key and files the manifest of the reused staging folder
/// recorded keeps its files and by-products instead of rendering (`BuildManifest`). `serve`
/// runs the same build on every change, passing the previous build's state.
public enum SiteBuilder {
    /// - Parameters:
    ///   - previous: the state of the last build in this process, if any (`serve`).
    ///   - keepingBodies: keep rendered Markdown bodies in memory for the next build (`serve`:
    ///     a template edit then renders templates only).
    public static func build(_ options: BuildOptions, previous: BuildState? = nil, keepingBodies: Bool = false) throws(BuildFailure) -> BuildReport {
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
        loaded.documents = []  // the site holds what pages need: let go of the front matter as read
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
        var plain = PageRenderer(site: site, theme: theme, output: output, strings: strings).collectingLinks(options.collectLinks)
        let (global, bodiesGlobal) = plain.globalDigests(theme: themeFiles, options: options)
        let bodies = keepingBodies ? BodyCache(kept: previous?.bodies, global: bodiesGlobal) : nil
        plain.bodies = bodies
        let renderer = plain
        let jobs = renderer.jobs()
        let counter = ProgressCounter(total: jobs.count, report: options.progress)
        // What the manifest recorded for the folder being reused as staging (the output before last).
        let manifestFile = BuildManifest.location(for: options.outputFolder)
        var manifest = previous?.manifest ?? BuildManifest.read(from: manifestFile)
        let stagingID = FolderID.of(output.staging)
        let reusable = output.reused ? stagingID.flatMap { manifest.folders[$0] } ?? [:] : [:]
        let folder = output.staging.path
        let outcomes = parallelMap(jobs) { job in
            defer { counter.step() }
            return run(job, renderer: renderer, global: global, reusable: reusable, folder: folder)
        }
        var pages = 0, rendered = 0
        var written = Set<String>()
        var sitemap: [PageRenderer.SitemapEntry] = []
        let searchEntries = SearchEntries()
        var hiddenBodies: [String: HiddenBody] = [:]
        var records: [String: BuildManifest.Record] = [:]
        var links: [String: PageLinks] = [:]
        for (job, outcome) in zip(jobs, outcomes) {
            let result = outcome.result
            pages += result.pages
            if !outcome.reused { rendered += result.pages }
            written.formUnion(result.files)
            sitemap += result.sitemap
            diagnostics += result.diagnostics
            if case .briefing(let language, let index) = job, let entry = result.searchEntry {
                searchEntries[site.briefings[language]![index].route] = entry
            }
            hiddenBodies.merge(result.hiddenLinks) { a, _ in a }
            if let (identity, record) = outcome.record { records[identity] = record }
            links.merge(result.links) { a, _ in a }
        }
        lap("render")
        // The search index of each language, from the entries the briefing jobs made; kept when
        // none of its entries and documents changed.
        let languages = site.config.languages
        for outcome in parallelMap(languages, { language in
            searchIndex(language, entries: searchEntries, renderer: renderer, global: global, reusable: reusable, folder: folder)
        }) {
            written.formUnion(outcome.result.files)
            diagnostics += outcome.result.diagnostics
            if let (identity, record) = outcome.record { records[identity] = record }
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
            // The manifest stays as it was: files this build rewrote no longer match their stamps.
            output.discard()
            throw BuildFailure(diagnostics)
        }
        let replacedID = FolderID.of(options.outputFolder)
        do {
            try output.commit()
        } catch {
            output.discard()
            throw BuildFailure(diagnostics + [.error(options.display(options.outputFolder), "cannot replace output folder: \(error.localizedDescription)")])
        }
        // The new output's records, and the replaced output's (now the spare, the next staging folder).
        var folders: [FolderID: [String: BuildManifest.Record]] = [:]
        if let replacedID, let kept = manifest.folders[replacedID] { folders[replacedID] = kept }
        if let stagingID { folders[stagingID] = records }
        manifest.folders = folders
        // Without a manifest the next build renders everything, so failing to write one is no error.
        try? manifest.write(to: manifestFile)
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
        report.pagesRendered = rendered
        report.unpublished = Dictionary(uniqueKeysWithValues: site.unpublished.map { (site.url($0.key), $0.value) })
        report.sourceURLs = Set(site.briefings.values.joined().flatMap { $0.meta.sources.map(\.url) })
        report.state = BuildState(manifest: manifest, bodies: bodies)
        report.hiddenBodies = hiddenBodies
        if options.collectLinks {
            // HTML that no page job wrote (a theme's static file, a bundle's or data file) is read back.
            for path in written where path.hasSuffix(".html") && links[path] == nil {
                links[path] = LinkChecker.scanFile(options.outputFolder.path + "/" + path)
            }
            report.links = links
        }
        return report
    }

    /// A job's result, and what the manifest records of it (nil when it cannot be kept: its key
    /// could not be taken, or it failed).
    struct JobOutcome: Sendable {
        var result: PageRenderer.Result
        var record: (identity: String, record: BuildManifest.Record)?
        var reused: Bool
    }

    /// Keeps the job's files when its key and files are as recorded, else renders it.
    static func run(
        _ job: PageRenderer.Job, renderer: PageRenderer, global: Digest, reusable: [String: BuildManifest.Record], folder: String
    ) -> JobOutcome {
        let key = renderer.key(job, global: global)
        if let key, let record = reusable[key.files[0]], record.key == key.key, record.result.files == key.files,
           stillWritten(record, in: folder) {
            return JobOutcome(result: record.result, record: (key.files[0], record), reused: true)
        }
        let result = renderer.run(job)
        return JobOutcome(result: result, record: key.flatMap { record($0.key, identity: $0.files[0], result, folder: folder) }, reused: false)
    }

    static func searchIndex(
        _ language: String, entries: SearchEntries, renderer: PageRenderer, global: Digest,
        reusable: [String: BuildManifest.Record], folder: String
    ) -> JobOutcome {
        let identity = "search index " + language
        let key = renderer.searchIndexKey(language, entries: entries, global: global)
        if let record = reusable[identity], record.key == key, stillWritten(record, in: folder) {
            return JobOutcome(result: record.result, record: (identity, record), reused: true)
        }
        let result = renderer.searchIndex(language, entries: entries)
        return JobOutcome(result: result, record: record(key, identity: identity, result, folder: folder), reused: false)
    }

    /// Whether every file of a record is in the folder exactly as the build that recorded it wrote it.
    static func stillWritten(_ record: BuildManifest.Record, in folder: String) -> Bool {
        record.stamps.count == record.result.files.count
            && zip(record.result.files, record.stamps).allSatisfy { FileStamp.of(path: folder + "/" + $0) == $1 }
    }

    static func record(_ key: Digest, identity: String, _ result: PageRenderer.Result, folder: String) -> (String, BuildManifest.Record)? {
        guard !result.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        let stamps = result.files.compactMap { FileStamp.of(path: folder + "/" + $0) }
        guard stamps.count == result.files.count else { return nil }
        return (identity, BuildManifest.Record(key: key, stamps: stamps, result: result))
    }
}

/// What a finished build hands to the next one in the same process (`serve`): the manifest, so
/// that it need not be read back from disk, and the rendered bodies.
public struct BuildState: Sendable {
    let manifest: BuildManifest
    /// The bodies this build rendered or reused, when it kept them.
    let bodies: BodyCache?
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
