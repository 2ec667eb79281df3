import DossierModel
import DossierSearch
import Foundation

/// What the build remembers between runs, kept beside the output (`.public.manifest` for
/// `public/`), never inside it, so it is never deployed.
///
/// For each output folder it wrote (the output and its spare, see `OutputFolder`) it records
/// every render job: the digest of everything the job read (`JobKeys`), the files it wrote with
/// their stamps, and its by-products (warnings, sitemap entry, search entry). A build that finds
/// a job with the same key, whose files are still exactly as written, keeps those files and the
/// recorded by-products instead of rendering again.
struct BuildManifest: Sendable {
    /// One job's last run into a folder.
    struct Record: Sendable {
        var key: Digest
        /// One per `result.files`, in the same order.
        var stamps: [FileStamp]
        var result: PageRenderer.Result
    }

    /// Records by folder, then by the job's first output file (its identity).
    var folders: [FolderID: [String: Record]] = [:]

    static let magic = Array("dossier build manifest 1\n".utf8)

    /// `.public.manifest` beside `public/`.
    static func location(for target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).manifest")
    }

    /// The manifest at `url`, or an empty one when there is none or it cannot be read (an old
    /// format, a damaged file): then every job renders, as in a first build.
    static func read(from url: URL) -> BuildManifest {
        guard let bytes = try? readBytes(url.path) else { return BuildManifest() }
        return (try? decode(bytes)) ?? BuildManifest()
    }

    /// The whole file, read straight into one array (the manifest of a 10k site is some 25 MB).
    private static func readBytes(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let size = Int(s.st_size)
        return try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Foundation.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw Damaged() }
                count += n
            }
        }
    }

    /// Writes through a temporary file and a rename: a build that stops half-way leaves the
    /// previous manifest.
    func write(to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let bytes = encode()
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                close(fd)
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += n
        }
        close(fd)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }
}

/// A file as a build left it. The inode, size and both times change whenever anything rewrites
/// or touches the file (the change time cannot be set back), so a file whose stamp matches is
/// the file the build wrote.
struct FileStamp: Equatable, Sendable {
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64

    init(inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    init(_ s: stat) {
        inode = UInt64(s.st_ino)
        size = Int64(s.st_size)
        #if os(Linux)
        modified = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
        changed = Int64(s.st_ctim.tv_sec) * 1_000_000_000 + Int64(s.st_ctim.tv_nsec)
        #else
        modified = Int64(s.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(s.st_mtimespec.tv_nsec)
        changed = Int64(s.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(s.st_ctimespec.tv_nsec)
        #endif
    }

    /// The stamp of the file at `path` (not following a symbolic link), or nil.
    static func of(path: String) -> FileStamp? {
        var s = stat()
        guard lstat(path, &s) == 0, (s.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(s)
    }
}

/// A folder by device and inode: both survive the renames that turn the staging folder into the
/// output and the output into the spare.
struct FolderID: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    static func of(_ url: URL) -> FolderID? {
        var s = stat()
        guard lstat(url.path, &s) == 0 else { return nil }
        return FolderID(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))
    }
}

// MARK: - Binary form

/// A compact binary form (varints, length-prefixed strings): the manifest of a 10k site holds
/// some 20,000 records with their search entries, read and written on every build.
extension BuildManifest {
    struct Damaged: Error {}

    func encode() -> [UInt8] {
        var w = ByteWriter()
        // Most of it is search entries: about 3 KB a page (grown arrays would touch twice that).
        w.bytes.reserveCapacity(folders.values.reduce(0) { $0 + $1.count } * 3_000)
        w.raw(Self.magic)
        // Records of the same job in both folders share their result: write each result once.
        var resultIndex: [Digest: Int] = [:]
        var results: [PageRenderer.Result] = []
        for records in folders.values {
            for record in records.values where resultIndex[record.key] == nil {
                resultIndex[record.key] = results.count
                results.append(record.result)
            }
        }
        w.int(results.count)
        for result in results { w.result(result) }
        w.int(folders.count)
        for (folder, records) in folders.sorted(by: { ($0.key.device, $0.key.inode) < ($1.key.device, $1.key.inode) }) {
            w.uint(folder.device)
            w.uint(folder.inode)
            w.int(records.count)
            for (file, record) in records.sorted(by: { $0.key < $1.key }) {
                w.string(file)
                w.digest(record.key)
                w.int(resultIndex[record.key]!)
                w.int(record.stamps.count)
                for stamp in record.stamps {
                    w.uint(stamp.inode)
                    w.int64(stamp.size)
                    w.int64(stamp.modified)
                    w.int64(stamp.changed)
                }
            }
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> BuildManifest {
        var r = ByteReader(bytes)
        guard try r.raw(magic.count) == magic else { throw Damaged() }
        var results: [PageRenderer.Result] = []
        for _ in 0..<(try r.count()) { results.append(try r.result()) }
        var manifest = BuildManifest()
        for _ in 0..<(try r.count()) {
            let folder = FolderID(device: try r.uint(), inode: try r.uint())
            var records: [String: Record] = [:]
            for _ in 0..<(try r.count()) {
                let file = try r.string()
                let key = try r.digest()
                let index = try r.int()
                guard results.indices.contains(index) else { throw Damaged() }
                var stamps: [FileStamp] = []
                for _ in 0..<(try r.count()) {
                    stamps.append(FileStamp(inode: try r.uint(), size: try r.int64(), modified: try r.int64(), changed: try r.int64()))
                }
                records[file] = Record(key: key, stamps: stamps, result: results[index])
            }
            manifest.folders[folder] = records
        }
        guard r.atEnd else { throw Damaged() }
        return manifest
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ b: [UInt8]) { bytes += b }

    mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ value: Int) { int64(Int64(value)) }
    /// Zigzag, so that small negative numbers stay short.
    mutating func int64(_ value: Int64) { uint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func byteArray(_ b: [UInt8]) {
        int(b.count)
        bytes += b
    }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes += s.utf8
    }

    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func digest(_ d: Digest) {
        for v in [d.high, d.low] { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    }
}

struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func raw(_ n: Int) throws -> [UInt8] {
        guard n >= 0, position + n <= bytes.count else { throw BuildManifest.Damaged() }
        defer { position += n }
        return Array(bytes[position..<position + n])
    }

    mutating func uint() throws -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw BuildManifest.Damaged() }
            let b = bytes[position]
            position += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int64() throws -> Int64 {
        let u = try uint()
        return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
    }

    mutating func int() throws -> Int { Int(try int64()) }

    /// A count of following items: never more than the bytes left could hold.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - position else { throw BuildManifest.Damaged() }
        return n
    }

    mutating func bool() throws -> Bool { try raw(1)[0] != 0 }
    mutating func byteArray() throws -> [UInt8] { try raw(count()) }
    mutating func string() throws -> String {
        let n = try count()
        defer { position += n }
        return String(decoding: bytes[position..<position + n], as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout ByteReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func digest() throws -> Digest {
        let b = try raw(16)
        func word(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }
        return Digest(high: word(0), low: word(8))
    }
}

// MARK: - A job's result

extension ByteWriter {
    mutating func result(_ r: PageRenderer.Result) {
        int(r.files.count)
        for file in r.files { string(file) }
        int(r.sitemap.count)
        for entry in r.sitemap {
            int(entry.route.segments.count)
            for segment in entry.route.segments { string(segment) }
            optional(entry.lastModified) { w, day in
                w.int(day.year)
                w.int(day.month)
                w.int(day.day)
            }
        }
        int(r.diagnostics.count)
        for d in r.diagnostics {
            bool(d.severity == .error)
            string(d.path)
            optional(d.line) { $0.int($1) }
            optional(d.column) { $0.int($1) }
            string(d.message)
        }
        optional(r.searchEntry) { w, entry in
            w.byteArray(entry.termBytes)
            w.byteArray(entry.weights)
        }
        int(r.hiddenLinks.count)
        for (file, body) in r.hiddenLinks.sorted(by: { $0.key < $1.key }) {
            string(file)
            int(body.links.count)
            for link in body.links { string(link) }
            int(body.ids.count)
            for id in body.ids.sorted() { string(id) }
        }
        int(r.links.count)
        for (file, page) in r.links.sorted(by: { $0.key < $1.key }) {
            string(file)
            int(page.links.count)
            for link in page.links { string(link) }
            int(page.ids.count)
            for id in page.ids.sorted() { string(id) }
        }
    }
}

extension ByteReader {
    mutating func result() throws -> PageRenderer.Result {
        var r = PageRenderer.Result()
        for _ in 0..<(try count()) { r.files.append(try string()) }
        for _ in 0..<(try count()) {
            var segments: [String] = []
            for _ in 0..<(try count()) { segments.append(try string()) }
            guard let route = Route(segments: segments) else { throw BuildManifest.Damaged() }
            let day = try optional { r -> Day in
                guard let day = Day(year: try r.int(), month: try r.int(), day: try r.int()) else { throw BuildManifest.Damaged() }
                return day
            }
            r.sitemap.append(.init(route: route, lastModified: day))
        }
        for _ in 0..<(try count()) {
            let severity: Diagnostic.Severity = try bool() ? .error : .warning
            let path = try string()
            let line = try optional { try $0.int() }
            let column = try optional { try $0.int() }
            r.diagnostics.append(Diagnostic(severity, path, line: line, column: column, try string()))
        }
        r.searchEntry = try optional { SearchEntry(termBytes: try $0.byteArray(), weights: try $0.byteArray()) }
        for _ in 0..<(try count()) {
            let file = try string()
            var links: [String] = []
            for _ in 0..<(try count()) { links.append(try string()) }
            var ids = Set<String>()
            for _ in 0..<(try count()) { ids.insert(try string()) }
            r.hiddenLinks[file] = HiddenBody(links: links, ids: ids)
        }
        for _ in 0..<(try count()) {
            let file = try string()
            var page = PageLinks()
            for _ in 0..<(try count()) { page.links.append(try string()) }
            for _ in 0..<(try count()) { page.ids.insert(try string()) }
            r.links[file] = page
        }
        return r
    }
}
