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
        var collected = build.links ?? read(root)
        // Bodies read but not written (a licensed briefing's, in the public edition) are checked
        // as if they were on their page: the public build checks what the licensee one publishes.
        for (page, body) in build.hiddenBodies where collected[page] != nil {
            collected[page]!.ids.formUnion(body.ids)
            collected[page]!.links += body.links
        }
        let pages = collected
        let order = pages.keys.sorted()

        // Pages are judged in parallel, in runs of pages; then what they found is reported in
        // page order, as one pass over them would.
        let runLength = max(64, (order.count + 15) / 16)
        let runs = stride(from: 0, to: order.count, by: runLength).map { $0..<min(order.count, $0 + runLength) }
        let site = Site(build)
        let outcomes = parallelMap(runs) { run in
            var judge = Judge(root: root, site: site, pages: pages, links: run.reduce(0) { $0 + pages[order[$1]]!.links.count })
            return run.map { judge.outcomes(of: order[$0]) }
        }

        var findings = Set<Diagnostic>()
        var external = Set<String>()
        var fromTheme: [String: (count: Int, example: String)] = [:]
        var sourceTexts: [String: String] = [:]
        for (page, found) in zip(order, outcomes.joined()) {
            for outcome in found {
                switch outcome {
                case .external(let url):
                    external.insert(url)
                case .problem(let link, let problem):
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
            }
        }
        var all = Array(findings)
        for (message, seen) in fromTheme {
            all.append(.error("templates", "\(message) (on \(seen.count) page\(seen.count == 1 ? "" : "s"), e.g. \(seen.example))"))
        }
        return Report(findings: all.sorted(), externalLinks: external.sorted(), pagesChecked: pages.count)
    }

    /// What judging a link needs of the build.
    struct Site: Sendable {
        var basePath: String
        var baseURL: String
        var sourceURLs: Set<String>
        var unpublished: [String: String]
        /// Whether `baseURL` is absolute (with `://`), so that links to it are the site's own.
        var absoluteBaseURL: Bool

        init(_ build: BuildReport) {
            (basePath, baseURL, sourceURLs, unpublished) = (build.basePath, build.baseURL, build.sourceURLs, build.unpublished)
            absoluteBaseURL = build.baseURL.contains("://")
        }
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    /// What one link of a page comes to, when it is more than fine.
    enum Outcome: Sendable {
        case external(String)
        /// `link` (entities decoded) and what is wrong with it.
        case problem(link: String, String)
    }

    /// Judges the links of pages, one after another. Pages share most of their links (the menu,
    /// lists, related boxes): each distinct link is read once, each distinct path resolved and
    /// looked up on disk once.
    struct Judge {
        let root: String
        let site: Site
        let pages: [String: PageLinks]
        private var kinds: [String: Known] = [:]
        private var folders: [String: Bool] = [:]
        private var exists: [String: Bool] = [:]

        init(root: String, site: Site, pages: [String: PageLinks], links: Int = 0) {
            self.root = root
            self.site = site
            self.pages = pages
            kinds.reserveCapacity(links / 3)  // about as many distinct links as a run of pages has
        }

        mutating func resolve(_ relative: String) -> String {
            LinkChecker.resolve(relative) { path in
                if let known = folders[path] { return known }
                let isFolder = LinkChecker.isFolder(root + "/" + path)
                folders[path] = isFolder
                return isFolder
            }
        }

        /// Whether an output file exists: a page does (it was read or written; the same bytes, not
        /// only an equal string), anything else is looked up on disk.
        mutating func exists(_ target: String) -> Bool {
            if let page = pages.index(forKey: target), sameBytes(pages.keys[page], target) { return true }
            if let known = exists[target] { return known }
            let found = FileManager.default.fileExists(atPath: root + "/" + target)
            exists[target] = found
            return found
        }

        /// A link as far as it does not depend on the page: for a root-relative one also whether
        /// its target exists and lacks the fragment's id.
        final class Known {
            let kind: LinkKind
            var found = false
            var idMissing = false

            init(kind: LinkKind) { self.kind = kind }
        }

        mutating func outcomes(of page: String) -> [Outcome] {
            var outcomes: [Outcome] = []
            let content = pages[page]!
            let folder = LinkChecker.folder(of: page)
            for raw in content.links {
                let known: Known
                if let k = kinds[raw] {
                    known = k
                } else {
                    let k = Known(kind: LinkKind(raw, site: site, resolve: { resolve($0) }))
                    if case .local(_, _, let id, .root(let target)) = k.kind {
                        k.found = !target.hasPrefix("..") && exists(target)
                        k.idMissing = idMissing(id, on: target)
                    }
                    kinds[raw] = k
                    known = k
                }
                guard case .local(let link, let path, let id, let base) = known.kind else {
                    if case .external(let url) = known.kind { outcomes.append(.external(url)) }
                    continue
                }
                let problem: String?
                switch base {
                case .page:
                    let missing = id.map { page.hasSuffix(".html") && !content.ids.contains($0) } ?? false
                    problem = self.problem(path: path, id: id, target: page, found: !page.hasPrefix(".."), idMissing: missing, on: page)
                case .root(let target):
                    problem = self.problem(path: path, id: id, target: target, found: known.found, idMissing: known.idMissing, on: page)
                case .outsideBasePath:
                    problem = "leads outside the site's base path \(site.basePath)"
                case .folder:
                    if let joined = normalize(folder + "/" + path) {
                        let target = resolve(joined)
                        let found = !target.hasPrefix("..") && exists(target)
                        problem = self.problem(path: path, id: id, target: target, found: found, idMissing: found && idMissing(id, on: target), on: page)
                    } else {
                        problem = "leads outside the site"
                    }
                }
                if let problem { outcomes.append(.problem(link: link, problem)) }
            }
            return outcomes
        }

        /// Whether `target` is a page without the id of a link's fragment.
        func idMissing(_ id: String?, on target: String) -> Bool {
            guard let id, target.hasSuffix(".html"), let ids = pages[target]?.ids else { return false }
            return !ids.contains(id)
        }

        func problem(path: String, id: String?, target: String, found: Bool, idMissing: Bool, on page: String) -> String? {
            if !found {
                let url = "/" + (target.hasSuffix("index.html") ? String(target.dropLast("index.html".count)) : target)
                let address = site.basePath + url.dropFirst()
                if let reason = site.unpublished[address] {
                    return "is broken: there is no page at \(path): \(reason)"
                }
                return "is broken: there is no page at \(path)"
            }
            if idMissing, let id {
                return "has no target: no id '\(id)' on \(target == page ? "this page" : "/" + target)"
            }
            return nil
        }
    }

    /// A page's folder: `briefings/x` for `briefings/x/index.html`, as `deletingLastPathComponent`
    /// has it (which also tidies slashes, so a path with `//` goes through it).
    static func folder(of page: String) -> String {
        guard !ASCII.contains("//", in: page), !page.hasSuffix("/"), let slash = ASCII.lastIndex(of: "/", in: page) else {
            return (page as NSString).deletingLastPathComponent
        }
        return String(page[..<slash])
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

        init(_ raw: String, site: Site, resolve: (String) -> String) {
            let link = LinkChecker.unescape(raw)
            if link.isEmpty || link.hasPrefix("mailto:") || link.hasPrefix("tel:") || link.hasPrefix("data:") {
                self = .skipped
                return
            }
            // In ASCII text a character is a byte; else (a `#` with a combining mark is no `#`) by character.
            let ascii = ASCII.isASCII(link)
            var path = link, fragment = ""
            if let hash = ascii ? ASCII.firstIndex(of: "#", in: link) : link.firstIndex(of: "#") {
                path = String(link[..<hash])
                fragment = String(link[(ascii ? link.utf8.index(after: hash) : link.index(after: hash))...])
            }
            if let query = ascii ? ASCII.firstIndex(of: "?", in: path) : path.firstIndex(of: "?") { path = String(path[..<query]) }
            // A cited source is a reference, wherever it is hosted (the site's own host too).
            if site.sourceURLs.contains(link) {
                self = .external(link)
                return
            }
            if site.absoluteBaseURL && path.hasPrefix(site.baseURL) {
                path = site.basePath + path.dropFirst(site.baseURL.count)  // our own absolute URL
            } else if (ascii ? ASCII.contains("://", in: path) : path.contains("://")) || path.hasPrefix("//") {
                self = .external(link)
                return
            }
            let id = fragment.isEmpty ? nil : percentDecoded(fragment)
            let base: Base
            if path.isEmpty {
                base = .page
            } else if path.hasPrefix("/") {
                base = path.hasPrefix(site.basePath) ? .root(resolve(String(path.dropFirst(site.basePath.count)))) : .outsideBasePath
            } else {
                base = .folder
            }
            self = .local(link: link, path: path, id: id, base)
        }
    }

    /// `removingPercentEncoding` (the text itself when that fails), without Foundation when
    /// there is no `%` to decode.
    static func percentDecoded(_ text: String) -> String {
        ASCII.firstIndex(of: "%", in: text) == nil ? text : text.removingPercentEncoding ?? text
    }

    /// Byte-wise string operations, for text where they answer as the character-wise ones.
    enum ASCII {
        static func isASCII(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
        }

        /// The first `byte` (an ASCII character), in any UTF-8 text.
        static func firstIndex(of byte: Unicode.Scalar, in text: String) -> String.Index? {
            text.utf8.firstIndex(of: UInt8(byte.value))
        }

        static func lastIndex(of byte: Unicode.Scalar, in text: String) -> String.Index? {
            text.utf8.lastIndex(of: UInt8(byte.value))
        }

        static func contains(_ needle: StaticString, in text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in
                let n = needle.utf8CodeUnitCount
                guard bytes.count >= n else { return false }
                let first = needle.utf8Start
                return (0...(bytes.count - n)).contains { i in (0..<n).allSatisfy { bytes[i + $0] == first[$0] } }
            }
        }
    }

    /// Resolves `.` and `..` in a relative path (Foundation does so only for absolute paths);
    /// nil when it climbs above the root. A trailing slash is kept.
    static func normalize(_ path: String) -> String? {
        if ASCII.isASCII(path) { return normalizeASCII(path) }
        guard let normalized = Bundles.normalize(path) else { return nil }
        return normalized + (path.hasSuffix("/") && !normalized.isEmpty ? "/" : "")
    }

    /// `normalize` on bytes, for ASCII text.
    private static func normalizeASCII(_ path: String) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var path = path
        return path.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var starts: [Int] = []  // where each part kept starts in `out`
            var i = 0
            while i < bytes.count {
                if bytes[i] == slash {
                    i += 1
                    continue
                }
                var end = i
                while end < bytes.count && bytes[end] != slash { end += 1 }
                let part = bytes[i..<end]
                i = end
                if part.count == 1 && part.first == dot { continue }
                if part.count == 2 && part.allSatisfy({ $0 == dot }) {
                    guard let start = starts.popLast() else { return nil }
                    out.removeSubrange((start == 0 ? 0 : start - 1)...)
                    continue
                }
                if !starts.isEmpty { out.append(slash) }
                starts.append(out.count)
                out.append(contentsOf: part)
            }
            if bytes.last == slash && !starts.isEmpty { out.append(slash) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `briefings/x/` → `briefings/x/index.html`; a folder without a slash likewise.
    static func resolve(_ relative: String, isFolder: (String) -> Bool) -> String {
        var path = percentDecoded(relative)
        if path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") || path == "." { return (path == "." ? "" : path) + "index.html" }
        return isFolder(path) ? path + "/index.html" : path
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
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
