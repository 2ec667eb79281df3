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
        let fm = FileManager.default

        for (page, content) in pages.sorted(by: { $0.key < $1.key }) {
            for raw in content.links {
                let link = unescape(raw)
                if link.isEmpty || link.hasPrefix("mailto:") || link.hasPrefix("tel:") || link.hasPrefix("data:") { continue }
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
                var path = link, fragment = ""
                if let hash = link.firstIndex(of: "#") {
                    path = String(link[..<hash])
                    fragment = String(link[link.index(after: hash)...])
                }
                if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
                // A cited source is a reference, wherever it is hosted (the site's own host too).
                if build.sourceURLs.contains(link) {
                    external.insert(link)
                    continue
                }
                if build.baseURL.contains("://") && path.hasPrefix(build.baseURL) {
                    path = build.basePath + path.dropFirst(build.baseURL.count)  // our own absolute URL
                } else if path.contains("://") || path.hasPrefix("//") {
                    external.insert(link)
                    continue
                }
                let target: String
                if path.isEmpty {
                    target = page
                } else if path.hasPrefix("/") {
                    guard path.hasPrefix(build.basePath) else {
                        record("leads outside the site's base path \(build.basePath)")
                        continue
                    }
                    target = resolve(String(path.dropFirst(build.basePath.count)), root: root)
                } else {
                    let folder = (page as NSString).deletingLastPathComponent
                    guard let joined = normalize(folder + "/" + path) else {
                        record("leads outside the site")
                        continue
                    }
                    target = resolve(joined, root: root)
                }
                if target.hasPrefix("..") || !fm.fileExists(atPath: root + "/" + target) {
                    let url = "/" + (target.hasSuffix("index.html") ? String(target.dropLast("index.html".count)) : target)
                    let address = build.basePath + url.dropFirst()
                    if let reason = build.unpublished[address] {
                        record("is broken: there is no page at \(path): \(reason)")
                    } else {
                        record("is broken: there is no page at \(path)")
                    }
                    continue
                }
                if !fragment.isEmpty, target.hasSuffix(".html") {
                    let id = fragment.removingPercentEncoding ?? fragment
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
