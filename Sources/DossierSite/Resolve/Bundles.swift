import DossierMarkdown
import DossierModel
import Foundation

/// The files of one briefing or page (its "bundle"): the folder named after its Markdown file
/// (`briefings/2025/x/` for `briefings/2025/x.md`), or the folder of `briefings/2025/x/index.md`.
/// They are published once, in the folder of the page in the default language
/// (`/briefings/2025/x/map.png`); every language's page refers to them there.
struct PageBundle: Sendable {
    /// The folder, relative to the content folder: `briefings/2025/x`.
    var folder: String
    /// The page whose folder holds the files once published.
    var route: Route
    /// By path relative to the folder (`map.png`, `img/chart.svg`).
    var files: [String: ContentFile]
    /// False in the public edition for a licensed briefing: none of its files is published there.
    var published: Bool
    /// The Markdown file, for messages.
    var displayPath: String

    /// The published file's URL below the base path: `/briefings/2025/x/img/map.png`.
    func url(_ relative: String) -> String {
        "/" + route.relativeURL + relative.split(separator: "/").map { segment in
            String(segment).addingPercentEncoding(withAllowedCharacters: Bundles.segmentCharacters) ?? String(segment)
        }.joined(separator: "/")
    }
}

/// Every bundle of the site, and how references in Markdown find their files.
///
/// A relative reference (`map.png`, `img/map.svg`, `../y/chart.png`) is looked up in the
/// briefing's own folder first (as the page's URL resolves it), then beside the Markdown file (as
/// an editor's preview of `x.md` resolves `x/map.png`). A reference to a file of a bundle becomes
/// the file's published address, so it works from every language's page and from feeds. A
/// relative image that finds no file is an error; a relative link that finds none is left as
/// written (it is a page's URL, such as `../three-tiers/`).
struct Bundles: Sendable {
    /// By document key (`briefings/2025/x`, or `briefings/2025/x/index` for the index form).
    var byKey: [String: PageBundle] = [:]
    /// Bundle folder → document key, for finding the owner of a file.
    var folderKeys: [String: String] = [:]
    /// Every non-Markdown file below `briefings/` and `pages/`, by content path.
    var files: [String: ContentFile] = [:] {
        didSet { fileNames = Set(files.keys.map { String($0.split(separator: "/").last ?? "") }) }
    }
    /// The last path segment of every file in `files`: a reference whose last segment is none of
    /// these finds no file, whatever folder it names (most links are other pages' URLs).
    private(set) var fileNames: Set<String> = []

    /// Characters kept as they are in a URL path segment.
    static let segmentCharacters: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/?#;")
        return set
    }()

    /// The folder of a document key: `briefings/2025/x` for both `x.md` and `x/index.md`.
    static func folder(ofKey key: String) -> String {
        key.hasSuffix("/index") ? String(key.dropLast("/index".count)) : key
    }

    /// The bundle folder a content path belongs to (the deepest), and its document key.
    func owner(of path: String) -> (key: String, relative: String)? {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            if let key = folderKeys[folder] { return (key, String(path.dropFirst(folder.count + 1))) }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// `a/b/../c` → `a/c`; nil when it climbs out of the content folder.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The last segment of a destination's path (before `?` or `#`, trailing slashes aside), which
    /// the path normalized against any folder still ends in; nil when that is not sure (`.`, `..`,
    /// or a percent-escape to decode). Read from the bytes: it runs for every link of every page.
    static func lastSegment(_ url: String) -> String? {
        let bytes = url.utf8
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let path = bytes[..<end]
        if path.contains(UInt8(ascii: "%")) { return nil }
        var last = path.endIndex
        while last > path.startIndex, path[path.index(before: last)] == UInt8(ascii: "/") { last = path.index(before: last) }
        let first = path[..<last].lastIndex(of: UInt8(ascii: "/")).map { path.index(after: $0) } ?? path.startIndex
        let name = String(Substring(path[first..<last]))
        return name == "." || name == ".." ? nil : name
    }

    /// Whether a destination is relative to the page (no scheme, not root-relative, not a fragment).
    static func isRelative(_ url: String) -> Bool {
        guard !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("#"), !url.hasPrefix("?") else { return false }
        if let colon = url.firstIndex(of: ":") {
            let scheme = url[..<colon]
            if let first = scheme.first, first.isLetter,
               scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) {
                return false
            }
        }
        return true
    }

    /// What becomes of a reference written in the Markdown of document `key` (file `displayPath`).
    /// - Parameter writes: whether the page will be written (false for a teaser, whose body is
    ///   read only to be checked): only then is a file of a withheld bundle an error.
    func resolve(_ reference: Reference, key: String, displayPath: String, writes: Bool) -> ReferenceResolution {
        // Most links are other pages' URLs: one whose last segment names no file is kept as it is.
        if reference.kind == .link, let name = Self.lastSegment(reference.url), !fileNames.contains(name) { return .keep }
        guard Self.isRelative(reference.url) else { return .keep }
        var path = reference.url
        var suffix = ""
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            suffix = String(path[cut...])
            path = String(path[..<cut])
        }
        guard !path.isEmpty else { return .keep }
        let decoded = path.removingPercentEncoding ?? path
        let bundleFolder = Self.folder(ofKey: key)
        let markdownFolder = (key as NSString).deletingLastPathComponent
        let candidates = [bundleFolder + "/" + decoded, markdownFolder + "/" + decoded].compactMap(Self.normalize)
        func error(_ message: String) -> ReferenceResolution {
            .failed(.error(displayPath, line: reference.line, column: reference.column, message))
        }
        let what = reference.kind == .image ? "image" : "link"
        for candidate in candidates {
            guard let file = files[candidate] else { continue }
            guard let (owner, relative) = owner(of: candidate) else {
                // In no briefing's folder: it would not be published.
                return error("\(what) '\(reference.url)': \(file.displayPath) is in no briefing's or page's folder, so it is not published; "
                    + "move it into \(bundleFolder)/ (the folder named after \((displayPath as NSString).lastPathComponent))")
            }
            guard let bundle = byKey[owner] else {
                return error("\(what) '\(reference.url)': \(file.displayPath) belongs to \(owner), which is not published in this build (a draft?)")
            }
            if !bundle.published && writes && owner != key {
                return error("\(what) '\(reference.url)': \(file.displayPath) belongs to the licensed \(bundle.displayPath), "
                    + "whose files the public edition does not publish")
            }
            let size = reference.kind == .image ? file.imageSize : nil
            return .rewrite(bundle.url(relative) + suffix, width: size?.width, height: size?.height)
        }
        guard reference.kind == .image else { return .keep }
        return error("image '\(reference.url)' not found: no file \(candidates.first ?? decoded) in the content folder "
            + "(a briefing's files go in the folder named after it, \(bundleFolder)/)")
    }

    /// Output path (relative to the output folder) → file, for every published bundle file.
    var publishedFiles: [(output: String, file: ContentFile)] {
        byKey.values.filter(\.published).flatMap { bundle in
            bundle.files.map { (bundle.route.relativeURL + $0.key, $0.value) }
        }.sorted { $0.output < $1.output }
    }
}

extension Resolver {
    /// Binds the files below `briefings/` and `pages/` to the bundles of the documents they sit
    /// in. Files in no document's folder are warnings: they would otherwise vanish silently.
    /// - Parameters:
    ///   - keys: every document key read (drafts too: their files are theirs, though unpublished).
    ///   - published: per document key, the routes of its versions in this build, by language,
    ///     and whether any version is licensed.
    static func bundles(
        files: [ContentFile], keys: [String: String], published: [String: (routes: [String: Route], licensed: Bool)],
        config: SiteConfig, edition: Edition
    ) -> (Bundles, [Diagnostic]) {
        var bundles = Bundles()
        var byPath: [String: ContentFile] = [:]
        for file in files { byPath[file.path] = file }
        bundles.files = byPath  // at once: each assignment recomputes `fileNames`
        for key in keys.keys { bundles.folderKeys[Bundles.folder(ofKey: key)] = key }
        var diagnostics: [Diagnostic] = []
        var grouped: [String: [String: ContentFile]] = [:]
        for file in files {
            guard let (key, relative) = bundles.owner(of: file.path) else {
                diagnostics.append(.warning(file.displayPath,
                    "not published: this file is in no briefing's or page's folder (a briefing's files go in the folder named after it, such as briefings/2025/x/ for briefings/2025/x.md)"))
                continue
            }
            grouped[key, default: [:]][relative] = file
        }
        for (key, files) in grouped {
            // Files of a document left out of this build (a draft) go with it.
            guard let versions = published[key],
                  let route = versions.routes[config.language] ?? config.languages.lazy.compactMap({ versions.routes[$0] }).first
            else { continue }
            bundles.byKey[key] = PageBundle(
                folder: Bundles.folder(ofKey: key), route: route, files: files,
                published: edition == .licensee || !versions.licensed, displayPath: keys[key] ?? key)
        }
        return (bundles, diagnostics)
    }
}
