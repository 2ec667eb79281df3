import DossierData
import DossierModel
import DossierTemplates
import DossierTheme
import Foundation

/// The files of a theme: the built-in theme overlaid, file by file, by the user's templates
/// folder, so that a site's `templates/` holds only what it changes (a template, a partial, a CSS
/// file, or a few interface strings of `i18n/<lang>.yml`, which merge key by key).
struct ThemeFiles: Sendable {
    struct File: Sendable {
        var contents: Data
        /// Shown in diagnostics: `templates/briefing.mustache`, or `(built-in theme)/briefing.mustache`.
        var displayPath: String
        var builtIn: Bool
    }

    /// Relative path → the built-in file and the user's, in that order (either may be absent).
    private(set) var layers: [String: [File]] = [:]

    static let builtInDisplay = "(built-in theme)"

    /// The built-in theme, then every file of `folder` (hidden files skipped).
    static func load(folder: URL?, displayPath: String) -> (ThemeFiles, [Diagnostic]) {
        var files = ThemeFiles()
        for (path, contents) in DefaultTheme.files {
            files.layers[path] = [File(contents: contents, displayPath: builtInDisplay + "/" + path, builtIn: true)]
        }
        guard let folder else { return (files, []) }
        var diagnostics: [Diagnostic] = []
        let root = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            return (files, [.error(displayPath, "cannot read templates folder")])
        }
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
            let display = (displayPath as NSString).appendingPathComponent(relative)
            do {
                let data = try Data(contentsOf: url)
                files.layers[relative, default: []].append(File(contents: data, displayPath: display, builtIn: false))
            } catch {
                diagnostics.append(.error(display, "cannot read file: \(error.localizedDescription)"))
            }
        }
        return (files, diagnostics)
    }

    /// The file that wins for a path: the user's when there is one.
    func file(_ path: String) -> File? { layers[path]?.last }

    /// Every relative path, sorted.
    var allPaths: [String] { layers.keys.sorted() }

    /// Relative paths below `folder/` (e.g. `assets`), sorted.
    func paths(under folder: String) -> [String] {
        layers.keys.filter { $0.hasPrefix(folder + "/") }.sorted()
    }
}

/// The templates of a theme, compiled once, with every syntax error and missing partial
/// reported against its template file, and every name checked against the view model of the
/// page that renders it.
struct Theme: Sendable {
    /// Templates every theme provides (the built-in theme has them all, so a user's folder need not).
    static let required = [
        "base", "briefing", "home", "list", "page", "404", "collection", "collection-item", "topic", "topics", "search", "alias",
    ]

    /// Constructs of the engine that place a chart or table (`{{@chart}} spec {{/chart}}`).
    static let components: Set<String> = ["chart", "table"]

    /// Each page template and the view model it renders.
    static let pageTemplates: [(name: String, shape: Shape)] = [
        ("briefing", BriefingPage.shape), ("home", HomePage.shape), ("list", ArchivePage.shape),
        ("topic", TopicPage.shape), ("topics", TopicsPage.shape), ("search", SearchPage.shape),
        ("page", StandalonePage.shape), ("404", NotFoundPage.shape), ("alias", AliasPage.shape),
        ("collection", CollectionPage.shape), ("collection-item", CollectionItemPage.shape),
    ]

    /// Page templates a collection name could take over (`<name>.mustache`), so no collection may have these names.
    static var pageTemplateNames: Set<String> { Set(pageTemplates.map(\.name) + ["base", "partials"]) }

    let library: TemplateLibrary
    let files: ThemeFiles

    static func load(_ files: ThemeFiles) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [TemplateSource] = []
        for (path, layers) in files.layers.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let file = layers.last!
            switch SourceReader.decode(file.contents, displayPath: file.displayPath) {
            case .success(let text):
                sources.append(TemplateSource(name: String(path.dropLast(".mustache".count)), text: text, path: file.displayPath))
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        let (library, found) = TemplateLibrary.compile(sources, components: components)
        diagnostics += found
        guard let library else { return (nil, diagnostics) }
        for name in required where !library.has(name) {
            diagnostics.append(.error("templates/\(name).mustache", "missing required template"))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (Theme(library: library, files: files), diagnostics)
    }

    /// Strict variables: a name no context of a page template can have is a warning at its line.
    /// `strings` are the interface-string keys of any language (a `{{t.key}}` no language has is one).
    /// Each collection's templates are checked with the fields of its data dictionary
    /// (`collections`: name → the shape of a row's `fields`); a template several collections
    /// share reports a name once.
    func check(strings: Set<String>, collections: [(name: String, fields: Shape)] = []) -> [Diagnostic] {
        let stringsShape = Shape.object(strings.sorted().map { ShapeField($0, .text) })
        var diagnostics: [Diagnostic] = []
        for (name, shape) in Self.pageTemplates where library.has(name) {
            // The generic collection templates are checked per collection below, when there are any.
            if (name == "collection" || name == "collection-item") && !collections.isEmpty { continue }
            diagnostics += library.check(name, shape: shape.refining(["strings": stringsShape]))
        }
        var seen = Set<Diagnostic>()
        for collection in collections {
            let shapes = ["strings": stringsShape, "the data dictionary": collection.fields]
            for (template, shape) in [
                (PageRenderer.indexTemplate(collection.name, library: library), CollectionPage.shape),
                (PageRenderer.itemTemplate(collection.name, library: library), CollectionItemPage.shape),
            ] {
                for diagnostic in library.check(template, shape: shape.refining(shapes)) where seen.insert(diagnostic).inserted {
                    diagnostics.append(diagnostic)
                }
            }
        }
        return diagnostics
    }

    /// The shape of a row's `fields` for a data dictionary: one `FieldView` per column.
    static func fieldsShape(_ schema: TableSchema?) -> Shape {
        .object((schema?.fields ?? []).map { ShapeField($0.name, FieldView.shape) })
    }

    /// Static files copied to `assets/` (the built-in ones and the user's, file by file).
    var assetPaths: [String] { files.paths(under: "assets") }
}
