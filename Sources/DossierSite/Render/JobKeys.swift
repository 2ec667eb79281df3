import DossierMarkdown
import DossierModel
import DossierTemplates
import Foundation

/// A render job's key: the digest of everything the job reads. Two runs of a job with the same
/// key write the same bytes, so a build keeps the files of a job whose key it recorded (see
/// `BuildManifest`).
///
/// The key is taken by running the job's own code with a renderer that only records: a page's
/// view model (everything its template can show, the site's interface strings included) is
/// digested instead of rendered, text written without a template (a feed) is digested as it
/// is, and a Markdown body is digested from its source instead of being rendered. What the
/// render of a body or template reads beyond that (the theme, the data tables, the site's
/// routes and files, the options) is in the build's global digest, which every key starts from.
/// So there is no list of dependencies to keep up to date by hand: a job reads what its code
/// reads, in both modes.
final class JobKeyRecorder: @unchecked Sendable {  // used by one job on one thread
    private(set) var hasher = StableHasher()
    /// The files the job would write, in order: the first is the job's identity.
    private(set) var files: [String] = []

    init(global: Digest) { hasher.combine(global) }

    func page(_ template: String, _ view: Value, to file: String) {
        files.append(file)
        hasher.combine(file)
        hasher.combine(template)
        view.digest(into: &hasher)
    }

    func text(_ text: String, to file: String) {
        files.append(file)
        hasher.combine(file)
        hasher.combine(text)
    }

    /// Digests the body's source and how it would be rendered; returns a stand-in with every
    /// part present, so that a view model built from it shows every field that depends on
    /// whether a part is present (the body's own values are covered by its source's digest).
    func body(_ file: URL, displayPath: String, key: String?, writes: Bool, options: MarkdownOptions, ids: FigureIDs) throws -> RenderedMarkdown {
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Diagnostic.error(displayPath, "cannot read file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var source = [UInt8]()
        // Read all of it (files are small), then digest once, so that the digest does not depend
        // on how reads split the file.
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic.error(displayPath, "cannot read file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            source += buffer[0..<n]
        }
        hasher.combine(UInt64(0xB0D1))
        source.withUnsafeBytes { hasher.combine($0) }
        Self.combineRendering(into: &hasher, displayPath: displayPath, key: key, writes: writes, options: options, ids: ids)
        return Self.standIn
    }

    /// How a body is rendered, besides its text: for page keys and for `BodyCache`.
    static func combineRendering(
        into h: inout StableHasher, displayPath: String, key: String?, writes: Bool, options: MarkdownOptions, ids: FigureIDs
    ) {
        h.combine(displayPath)
        h.combine(key)
        h.combine(writes)
        h.combine(options.smartPunctuation)
        h.combine(options.allowRawHTML)
        h.combine(options.rootPrefix)
        h.combine(options.language)
        for id in options.reservedIDs.sorted() { h.combine(id) }
        for (id, line) in ids.taken {
            h.combine(id)
            h.combine(line)
        }
    }

    static let standIn = RenderedMarkdown(
        html: "\u{1}", headings: [Heading(level: 2, text: "\u{1}", id: "\u{1}")], text: "\u{1}", wordCount: 1,
        blocks: ["chart": 1, "table": 1], firstParagraph: "\u{1}")

    var digest: Digest { hasher.finalize() }
}

extension PageRenderer {
    /// The key of a job and the files it writes, or nil when keying failed (the job then runs
    /// for real and reports why).
    func key(_ job: Job, global: Digest) -> (key: Digest, files: [String])? {
        let recorder = JobKeyRecorder(global: global)
        var copy = self
        copy.keying = recorder
        let result = copy.run(job)
        guard !result.diagnostics.contains(where: { $0.severity == .error }), !recorder.files.isEmpty else { return nil }
        return (recorder.digest, recorder.files)
    }
}

extension PageRenderer {
    /// What any job may read besides its own view model and body source: the program itself, the
    /// options, the theme (templates, interface strings), the site's configuration and data, and
    /// what a Markdown body's links and images are resolved against (the routes of every page
    /// in every language, the files beside pages). A change to any of them changes every key.
    /// `bodies` leaves out the templates and theme assets, which no Markdown body reads: it keys
    /// the rendered bodies that `serve` keeps (`BodyCache`), so a template edit renders no body.
    func globalDigests(theme: ThemeFiles, options: BuildOptions) -> (pages: Digest, bodies: Digest) {
        var h = StableHasher()
        var templates = StableHasher()
        // A different binary may render differently.
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath(), let stamp = FileStamp.of(path: executable.path) {
            h.combine(executable.path)
            h.combine(stamp.inode)
            h.combine(Int(stamp.size))
            h.combine(Int(stamp.modified))
        } else {
            h.combine(UInt64.random(in: 0...UInt64.max))  // unknown: reuse nothing
        }
        h.combine(options.contentFolder.standardizedFileURL.path)
        h.combine(options.baseURL)
        h.combine(options.includeDrafts)
        h.combine(options.edition.rawValue)
        h.combine(options.includeFuture)
        h.combine(options.buildDate.description)
        // A job's recorded result holds the links it scanned only when the build collected them.
        h.combine(options.collectLinks)
        for path in theme.allPaths {
            let file = theme.file(path)!
            let bodiesRead = path.hasPrefix("i18n/")
            bodiesRead ? h.combine(path) : templates.combine(path)
            bodiesRead ? h.combine(file.displayPath) : templates.combine(file.displayPath)
            file.contents.withUnsafeBytes { bodiesRead ? h.combine($0) : templates.combine($0) }
        }
        // site.yml and everything under data/ (tables, dictionaries, base maps).
        let content = options.contentFolder
        for file in [content.appendingPathComponent("site.yml")] + Self.files(below: content.appendingPathComponent("data")) {
            h.combine(file.path)
            if let data = try? Data(contentsOf: file) { data.withUnsafeBytes { h.combine($0) } } else { h.combine(false) }
        }
        for (key, versions) in site.translations.sorted(by: { $0.key < $1.key }) {
            h.combine(key)
            for (language, route) in versions.sorted(by: { $0.key < $1.key }) {
                h.combine(language)
                h.combine(route.description)
            }
        }
        for (path, file) in site.bundles.files.sorted(by: { $0.key < $1.key }) {
            h.combine(path)
            h.combine(file.imageSize.map { "\($0.width)x\($0.height)" })
        }
        for (key, bundle) in site.bundles.byKey.sorted(by: { $0.key < $1.key }) {
            h.combine(key)
            h.combine(bundle.route.description)
            h.combine(bundle.published)
        }
        let bodies = h.finalize()
        templates.combine(bodies)
        return (templates.finalize(), bodies)
    }

    /// Regular files below a folder, sorted; none when it does not exist.
    static func files(below folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url.standardizedFileURL)
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// Rendered Markdown bodies kept in memory from one build to the next (`serve`), by a digest of
/// everything a body's rendering reads: its text, how it is rendered, the figure ids taken
/// before it, and the build's `bodies` digest. Only the bodies the last build used are kept.
final class BodyCache: @unchecked Sendable {  // guarded by `lock`
    struct Entry: Sendable {
        var rendered: RenderedMarkdown
        /// The figure ids the body took, taken again when it is reused.
        var ids: [(id: String, line: Int)]
    }

    private let lock = NSLock()
    private let kept: [Digest: Entry]
    private var used: [Digest: Entry] = [:]
    let global: Digest

    init(kept: BodyCache?, global: Digest) {
        self.kept = kept?.lock.withLock { kept!.used } ?? [:]
        self.global = global
    }

    subscript(key: Digest) -> Entry? {
        get {
            lock.withLock {
                guard let entry = used[key] ?? kept[key] else { return nil }
                used[key] = entry
                return entry
            }
        }
        set {
            lock.withLock {
                used[key] = newValue
                rendered += 1
            }
        }
    }

    /// Bodies rendered (not found) in this build.
    private(set) var rendered = 0
    /// Bodies this build used.
    var count: Int { lock.withLock { used.count } }

    func key(_ text: String, displayPath: String, key: String?, writes: Bool, options: MarkdownOptions, ids: FigureIDs) -> Digest {
        var h = StableHasher()
        h.combine(global)
        h.combine(text)
        JobKeyRecorder.combineRendering(into: &h, displayPath: displayPath, key: key, writes: writes, options: options, ids: ids)
        return h.finalize()
    }
}
