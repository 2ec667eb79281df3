import DossierModel
import Foundation

/// `dossier check` and `build --check`: every internal link and `#anchor` of the built site must
/// resolve (front matter naming rows that do not exist fails the build itself). Findings point at the source
/// file and line where the link was written, not at the output file.
public enum LinkChecker {
    public struct Report: Sendable {
        public var findings: [Diagnostic]
        /// Distinct external URLs, sorted (listed, never fetched: the check works offline).
        public var externalLinks: [String]
        public var pagesChecked: Int
    }

    /// Builds into a private folder (never the publishing output) and checks the result.
    public static func check(_ options: BuildOptions) throws(BuildFailure) -> Report {
        var options = options
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        options.outputFolder = folder.appendingPathComponent("site")
        options.collectLinks = true
        let build = try SiteBuilder.build(options)
        return check(output: options.outputFolder, build: build, workingFolder: options.workingFolder)
    }

    /// Checks a built output folder. Its links and ids come from the build when it collected them
    /// (`BuildOptions.collectLinks`), else every HTML file of the output is read.
    public static func check(output: URL, build: BuildReport, workingFolder: URL) -> Report {
        let root = output.standardizedFileURL.path
        let fm = FileManager.default
        var pages = build.links ?? read(root)
        // Bodies read but not written (a licensed briefing's, in the public edition) are checked
        // as if they were on their page: the public build checks what the licensee one publishes.
        for (page, body) in build.hiddenBodies where pages[page] != nil {
            pages[page]!.ids.formUnion(body.ids)
            pages[page]!.links += body.links
        }
        var findings = Set<Diagnostic>()
        var external = Set<String>()
        var fromTheme: [String: (count: Int, example: String)] = [:]
        var sourceTexts: [String: String] = [:]
        // Pages share most of their links (the menu, lists, related boxes): each distinct link is
        // read once, each distinct path resolved and looked up on disk once.
        var kinds: [String: LinkKind] = [:]
        var normalized: [String: String?] = [:]
        var resolved: [String: String] = [:]
        var exists: [String: Bool] = [:]
        func resolveOnce(_ relative: String) -> String {
            if let known = resolved[relative] { return known }
            let target = resolve(relative, root: root)
            resolved[relative] = target
            return target
        }

        for (page, content) in pages.sorted(by: { $0.key < $1.key }) {
            let folder = (page as NSString).deletingLastPathComponent
            for raw in content.links {
                let kind: LinkKind
                if let known = kinds[raw] {
                    kind = known
                } else {
                    kind = LinkKind(raw, build: build, resolve: resolveOnce)
                    kinds[raw] = kind
                }
                let link: String, path: String, id: String?
                switch kind {
                case .skipped:
                    continue
                case .external(let url):
                    external.insert(url)
                    continue
                case .local(let l, let p, let i, _):
                    (link, path, id) = (l, p, i)
                }
                func record(_ problem: String) {
                    let message = "link '\(link)' \(problem)"
                    var candidates = [link]
                    if build.basePath != "/", link.hasPrefix(build.basePath) { candidates.append("/" + link.dropFirst(build.basePath.count)) }
                    if let source = build.sources[page],
                       let (line, column) = locate(candidates: candidates, in: source, texts: &sourceTexts, workingFolder: workingFolder) {
                        findings.insert(.error(source, line: line, column: column, message))
                    } else {
                        fromTheme[message, default: (0, "/" + page)].count += 1
                    }
                }
                let target: String
                switch kind {
                case .local(_, _, _, .page):
                    target = page
                case .local(_, _, _, .root(let resolved)):
                    target = resolved
                case .local(_, _, _, .outsideBasePath):
                    record("leads outside the site's base path \(build.basePath)")
                    continue
                default:  // relative to the page's folder
                    let joinedPath = folder + "/" + path
                    let joined: String?
                    if let known = normalized[joinedPath] {
                        joined = known
                    } else {
                        joined = normalize(joinedPath)
                        normalized[joinedPath] = joined
                    }
                    guard let joined else {
                        record("leads outside the site")
                        continue
                    }
                    target = resolveOnce(joined)
                }
                let found: Bool
                if let known = exists[target] {
                    found = known
                } else {
                    found = fm.fileExists(atPath: root + "/" + target)
                    exists[target] = found
                }
                if target.hasPrefix("..") || !found {
                    let url = "/" + (target.hasSuffix("index.html") ? String(target.dropLast("index.html".count)) : target)
                    let address = build.basePath + url.dropFirst()
                    if let reason = build.unpublished[address] {
                        record("is broken: there is no page at \(path): \(reason)")
                    } else {
                        record("is broken: there is no page at \(path)")
                    }
                    continue
                }
                if let id, target.hasSuffix(".html") {
                    if let ids = pages[target]?.ids, !ids.contains(id) {
                        record("has no target: no id '\(id)' on \(target == page ? "this page" : "/" + target)")
                    }
                }
            }
        }
        var all = Array(findings)
        for (message, seen) in fromTheme {
            all.append(.error("templates", "\(message) (on \(seen.count) page\(seen.count == 1 ? "" : "s"), e.g. \(seen.example))"))
        }
        return Report(findings: all.sorted(), externalLinks: external.sorted(), pagesChecked: pages.count)
    }

    /// What a link is, as far as that does not depend on the page it is on.
    enum LinkKind {
        /// Empty, `mailto:`, `tel:`, `data:`.
        case skipped
        /// Another site, or a cited source: listed, never fetched.
        case external(String)
        /// A page of this site. `link` is the link with entities decoded, `path` without its query
        /// and fragment (the site's own absolute URL made root-relative), `id` the fragment
        /// decoded, nil when there is none.
        case local(link: String, path: String, id: String?, Base)

        enum Base {
            /// No path: the page itself.
            case page
            /// Below the base path, resolved to an output file.
            case root(String)
            case outsideBasePath
            /// Relative to the page's folder.
            case folder
        }

        init(_ raw: String, build: BuildReport, resolve: (String) -> String) {
            let link = LinkChecker.unescape(raw)
            if link.isEmpty || link.hasPrefix("mailto:") || link.hasPrefix("tel:") || link.hasPrefix("data:") {
                self = .skipped
                return
            }
            var path = link, fragment = ""
            if let hash = link.firstIndex(of: "#") {
                path = String(link[..<hash])
                fragment = String(link[link.index(after: hash)...])
            }
            if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
            // A cited source is a reference, wherever it is hosted (the site's own host too).
            if build.sourceURLs.contains(link) {
                self = .external(link)
                return
            }
            if build.baseURL.contains("://") && path.hasPrefix(build.baseURL) {
                path = build.basePath + path.dropFirst(build.baseURL.count)  // our own absolute URL
            } else if path.contains("://") || path.hasPrefix("//") {
                self = .external(link)
                return
            }
            let id = fragment.isEmpty ? nil : fragment.removingPercentEncoding ?? fragment
            let base: Base
            if path.isEmpty {
                base = .page
            } else if path.hasPrefix("/") {
                base = path.hasPrefix(build.basePath) ? .root(resolve(String(path.dropFirst(build.basePath.count)))) : .outsideBasePath
            } else {
                base = .folder
            }
            self = .local(link: link, path: path, id: id, base)
        }
    }

    /// Resolves `.` and `..` in a relative path (Foundation does so only for absolute paths);
    /// nil when it climbs above the root. A trailing slash is kept.
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
        return parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }

    /// `briefings/x/` → `briefings/x/index.html`; a folder without a slash likewise.
    static func resolve(_ relative: String, root: String) -> String {
        var path = relative.removingPercentEncoding ?? relative
        if path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") || path == "." { return (path == "." ? "" : path) + "index.html" }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), isDirectory.boolValue {
            return path + "/index.html"
        }
        return path
    }

    /// Where a link was written in its Markdown source: the first occurrence of the link as the
    /// author wrote it, preferring Markdown link syntax.
    static func locate(candidates: [String], in source: String, texts: inout [String: String], workingFolder: URL) -> (Int, Int)? {
        if texts[source] == nil {
            let url = source.hasPrefix("/") ? URL(fileURLWithPath: source) : workingFolder.appendingPathComponent(source)
            texts[source] = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        let text = texts[source]!
        for candidate in candidates where !candidate.isEmpty {
            for (pattern, offset) in [("](\(candidate)", 2), ("]: \(candidate)", 3), ("<\(candidate)>", 1), (candidate, 0)] {
                guard let range = text.range(of: pattern) else { continue }
                let start = text.index(range.lowerBound, offsetBy: offset)
                let before = text[..<start]
                let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
                return (line, before.distance(from: lineStart, to: before.endIndex) + 1)
            }
        }
        return nil
    }

    /// Every HTML file below `root` (as a build that did not collect links left it), by path
    /// relative to it. A file that is not UTF-8 is not a page.
    static func read(_ root: String) -> [String: PageLinks] {
        var pages: [String: PageLinks] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return pages }
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".html"), let page = scanFile(root + "/" + relative) else { continue }
            pages[relative] = page
        }
        return pages
    }

    /// The links and ids of one HTML file on disk; nil when it cannot be read or is not UTF-8.
    static func scanFile(_ path: String) -> PageLinks? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.withUnsafeBytes { bytes -> PageLinks? in
            guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
            return HTMLScanner.scan(bytes)
        }
    }

    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        return HTMLScanner.unescape(s)
    }
}
