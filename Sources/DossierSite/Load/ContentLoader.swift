import DossierData
import DossierModel
import Foundation

/// A Markdown file of the content folder after its front matter was read. The body is not
/// kept: the render stage reads, renders and frees it in one step.
struct LoadedDocument: Sendable {
    enum Kind: Sendable, Equatable {
        case briefing, page
        /// `content/<collection>/<id>.md` (a row's narrative) or `_index.md` (the index's body).
        case row(collection: String)
    }

    var kind: Kind
    var file: URL
    var displayPath: String
    /// Relative to the content folder, without the language suffix and `.md`:
    /// `briefings/2021/city-clusters`. A document and its translations share it.
    var key: String
    var language: String
    var raw: RawFrontMatter
}

/// Everything the Load stage read.
struct LoadedContent: Sendable {
    var config: SiteConfig
    var documents: [LoadedDocument]
    /// Every CSV file under `data/`, by path relative to it, with its dictionary when it has one.
    var tables: [String: DataTable]
    /// Every GeoJSON file under `data/` (base maps), by path relative to it.
    var basemaps: [String: GeoShapes]
    var diagnostics: [Diagnostic]
    /// site.yml was read. Without it the languages are unknown, and resolving would only
    /// repeat its error as misleading ones (a translation "missing" its date).
    var configLoaded = true
    /// Files other than Markdown below `briefings/` and `pages/`: what briefings and pages
    /// keep beside them (images, PDFs), each with its size when it is an image.
    var files: [ContentFile] = []
}

/// A file beside the Markdown of the content folder.
struct ContentFile: Sendable {
    /// Relative to the content folder: `briefings/2025/x/map.png`.
    var path: String
    var file: URL
    var displayPath: String
    /// Width and height when the file is an image whose header could be read.
    var imageSize: ImageSize?
}

enum ContentLoader {
    static func load(_ options: BuildOptions) -> LoadedContent? {
        var diagnostics: [Diagnostic] = []
        let content = options.contentFolder
        let siteFile = content.appendingPathComponent("site.yml")
        let sitePath = options.display(siteFile)

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error(options.display(content), "content folder not found"))
            return LoadedContent(config: placeholderConfig, documents: [], tables: [:], basemaps: [:],
                                 diagnostics: diagnostics, configLoaded: false)
        }

        var config = placeholderConfig
        var configLoaded = false
        switch SourceReader.read(siteFile, displayPath: sitePath) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
        case .success(let text):
            let (decoded, found) = SiteConfigLoader.decode(text, path: sitePath)
            diagnostics += found
            if let decoded { config = decoded; configLoaded = true }
        }
        if let baseURL = options.baseURL, let problem = SiteConfig.baseURLProblem(baseURL) {
            diagnostics.append(.error("--base-url", problem))
        } else if let baseURL = options.baseURL {
            config = config.relocated(to: baseURL)
        }

        let briefingFiles = markdownFiles(in: content.appendingPathComponent("briefings"))
        let pageFiles = markdownFiles(in: content.appendingPathComponent("pages"))
        var work = briefingFiles.map { ($0, LoadedDocument.Kind.briefing) } + pageFiles.map { ($0, .page) }
        for collection in config.collections {
            work += markdownFiles(in: content.appendingPathComponent(collection.name)).map { ($0, .row(collection: collection.name)) }
        }
        if configLoaded { diagnostics += strayFolders(content, config: config, options: options) }
        let collections = config.collections
        let languages = Set(config.languages.dropFirst())
        let defaultLanguage = config.language

        // Reading and YAML are the costly part of loading: one pass per file, on every core.
        let results = parallelMap(work) { item in
            loadDocument(item.0, kind: item.1, options: options, languages: languages, defaultLanguage: defaultLanguage,
                         collections: collections)
        }
        var documents: [LoadedDocument] = []
        for (document, found) in results {
            // Without site.yml the collections are unknown: their front-matter keys are not strays.
            diagnostics += configLoaded ? found : found.filter { $0.severity == .error }
            if let document { documents.append(document) }
        }
        let files = contentFiles(in: ["briefings", "pages"], options: options)

        let (tables, basemaps, dataDiagnostics) = loadData(content.appendingPathComponent("data"), options: options)
        diagnostics += dataDiagnostics
        var result = LoadedContent(
            config: config, documents: documents, tables: tables, basemaps: basemaps,
            diagnostics: diagnostics, configLoaded: configLoaded)
        result.files = files
        return result
    }

    /// Every file but Markdown below the named folders of the content folder, sorted, with the
    /// sizes of images read from their headers (in parallel: a site may have many).
    static func contentFiles(in folders: [String], options: BuildOptions) -> [ContentFile] {
        let base = options.contentFolder.standardizedFileURL.path
        var paths: [String] = []
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(
                at: options.contentFolder.appendingPathComponent(folder), includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator where url.pathExtension != "md" {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                paths.append(url.standardizedFileURL.path)
            }
        }
        return parallelMap(paths.sorted()) { path in
            let url = URL(fileURLWithPath: path)
            var size: ImageSize?
            if ImageSize.extensions.contains(url.pathExtension.lowercased()), let handle = try? FileHandle(forReadingFrom: url) {
                defer { try? handle.close() }
                if let data = try? handle.read(upToCount: ImageSize.headerBytes) { size = ImageSize.read(data) }
            }
            return ContentFile(path: String(path.dropFirst(base.count + 1)), file: url, displayPath: options.display(url), imageSize: size)
        }
    }

    /// Reads one Markdown file and its front matter.
    static func loadDocument(
        _ file: URL, kind: LoadedDocument.Kind, options: BuildOptions, languages: Set<String>, defaultLanguage: String,
        collections: [CollectionConfig] = []
    ) -> (LoadedDocument?, [Diagnostic]) {
        let display = options.display(file)
        let text: String
        switch SourceReader.read(file, displayPath: display) {
        case .success(let t): text = t
        case .failure(let d): return (nil, [d])
        }
        let source = SourceReader.split(text)
        if source.unclosedFence {
            return (nil, [.error(display, line: 1, column: 1, "front matter starts with '---' but is never closed")])
        }
        var relative = String(file.path.dropFirst(options.contentFolder.path.count + 1).dropLast(3))
        var language = defaultLanguage
        if let dot = relative.lastIndex(of: "."), languages.contains(String(relative[relative.index(after: dot)...])) {
            language = String(relative[relative.index(after: dot)...])
            relative = String(relative[..<dot])
        }
        guard let yaml = source.frontMatter else {
            if case .row = kind {  // a row's narrative may be plain Markdown
                return (LoadedDocument(kind: kind, file: file, displayPath: display, key: relative, language: language, raw: RawFrontMatter()), [])
            }
            return (nil, [.error(display, line: 1, column: 1, "missing front matter: start the file with '---', then 'title:' and 'date:'")])
        }
        // Pages and a collection's index take a title and a summary, a row's narrative a summary only.
        let allowed: Set<String> = switch kind {
        case .briefing: FrontMatterDecoder.briefingKeys(collections: collections)
        case .page: ["title", "summary"]
        case .row: relative.hasSuffix("/_index") ? ["title", "summary"] : ["summary"]
        }
        let (raw, found) = FrontMatterDecoder.decode(
            yaml, path: display, firstLine: source.frontMatterLine, allowedKeys: allowed,
            collections: kind == .briefing ? collections.map(\.name) : [])
        guard let raw else { return (nil, found) }
        return (LoadedDocument(kind: kind, file: file, displayPath: display, key: relative, language: language, raw: raw), found)
    }

    /// Every `*.csv` below the data folder with its dictionary (`<name>.schema.yml` beside it), and
    /// every `*.geojson` (base maps). A CSV file that cannot be read is reported and left out; a
    /// table that breaks its dictionary is kept, so that every problem is reported in one run.
    static func loadData(_ folder: URL, options: BuildOptions) -> (tables: [String: DataTable], basemaps: [String: GeoShapes], diagnostics: [Diagnostic]) {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return ([:], [:], []) }
        let base = folder.standardizedFileURL.path
        var files: [String] = []
        for case let url as URL in enumerator { files.append(url.standardizedFileURL.path) }
        files.sort()
        let present = Set(files)
        var tables: [String: DataTable] = [:]
        var basemaps: [String: GeoShapes] = [:]
        var diagnostics: [Diagnostic] = []
        for path in files {
            let file = URL(fileURLWithPath: path)
            let display = options.display(file)
            let relative = String(path.dropFirst(base.count + 1))
            if path.hasSuffix(".schema.yml") {
                let csv = String(path.dropLast(".schema.yml".count)) + ".csv"
                if !present.contains(csv) {
                    diagnostics.append(.warning(display, "no data file '\((csv as NSString).lastPathComponent)' beside this data dictionary"))
                }
                continue
            }
            if file.pathExtension == "geojson" {
                do {
                    let (shapes, found) = GeoShapes.parse(try Data(contentsOf: file), path: display)
                    diagnostics += found
                    if let shapes { basemaps[relative] = shapes }
                } catch {
                    diagnostics.append(.error(display, "cannot read file: \((error as NSError).localizedDescription)"))
                }
                continue
            }
            guard file.pathExtension == "csv" else { continue }
            switch SourceReader.read(file, displayPath: display) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                let (parsed, found) = DataTable.parse(text, path: display)
                diagnostics += found
                guard var table = parsed, !found.contains(where: { $0.severity == .error }) else { continue }
                let schemaFile = URL(fileURLWithPath: String(path.dropLast(4)) + ".schema.yml")
                if present.contains(schemaFile.path) {
                    let schemaDisplay = options.display(schemaFile)
                    switch SourceReader.read(schemaFile, displayPath: schemaDisplay) {
                    case .failure(let d): diagnostics.append(d)
                    case .success(let yaml):
                        let (schema, schemaFound) = SchemaLoader.decode(yaml, path: schemaDisplay)
                        diagnostics += schemaFound
                        if let schema {
                            let (attached, problems) = table.attaching(schema)
                            diagnostics += problems
                            table = attached
                        }
                    }
                }
                tables[relative] = table
            }
        }
        return (tables, basemaps, diagnostics)
    }

    /// Folders of Markdown files directly under `content/` that nothing reads (an old
    /// `content/clusters/` with no collection of that name): a warning, so they are not lost silently.
    static func strayFolders(_ content: URL, config: SiteConfig, options: BuildOptions) -> [Diagnostic] {
        let read = Set(["briefings", "pages", "data"] + config.collections.map(\.name))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: content.path)) ?? []
        var diagnostics: [Diagnostic] = []
        for name in names.sorted() where !read.contains(name) && !name.hasPrefix(".") {
            let folder = content.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
                  !markdownFiles(in: folder).isEmpty else { continue }
            diagnostics.append(.warning(options.display(folder),
                "Markdown files in a folder that is not a collection are not read: declare '\(name)' under 'collections:' in site.yml"))
        }
        return diagnostics
    }

    /// `*.md` files below `folder`, sorted so that builds are deterministic.
    static func markdownFiles(in folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "md" {
            paths.append(url.standardizedFileURL.path)
        }
        return paths.sorted().map { URL(fileURLWithPath: $0) }
    }

    static let placeholderConfig = SiteConfig(title: "", baseURL: "/", publisher: .init(name: "", blurb: ""))
}
