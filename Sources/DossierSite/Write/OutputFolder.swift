import DossierModel
import Foundation

/// The output is built in a staging folder beside it and swapped in only when the build
/// succeeded, so a failed build leaves the previous output exactly as it was.
///
/// The output that a swap replaces is kept as a hidden spare (`.public.spare`) and becomes the
/// next build's staging folder: pages whose key the manifest recorded for it are kept as they
/// are (`BuildManifest`), the others rewritten in place, and stale files removed. Deleting and
/// creating some 20,000 files and folders per build made the file system, not Dossier, the
/// largest cost of a rebuild on ext4.
struct OutputFolder: Sendable {
    /// Marks a folder as Dossier's own, so that a build never replaces a folder it did not write.
    static let marker = ".dossier-output"

    let target: URL
    let staging: URL
    let spare: URL
    /// Whether the staging folder holds a previous build whose stale files must go.
    let reused: Bool
    private let stagingPath: String

    private init(target: URL, staging: URL, spare: URL, reused: Bool) {
        self.target = target
        self.staging = staging
        self.spare = spare
        self.reused = reused
        self.stagingPath = staging.path
    }

    /// Checks the target and makes a staging folder beside it (from the spare when there is one).
    static func prepare(target: URL, protecting protected: [URL], display: (URL) -> String) -> Result<OutputFolder, Diagnostic> {
        let targetPath = resolved(target)
        for folder in protected {
            let p = resolved(folder)
            if targetPath == p || targetPath.hasPrefix(p + "/") || p.hasPrefix(targetPath + "/") || targetPath == "/" {
                return .failure(.error(display(target),
                    "refusing to write output to '\(display(target))': it is, contains or is inside '\(display(folder))'"))
            }
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                return .failure(.error(display(target), "output path exists and is not a folder"))
            }
            if !isOurs(target) {
                return .failure(.error(display(target),
                    "output folder is not empty and was not written by dossier; remove it or choose another --out"))
            }
        }
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        let spare = parent.appendingPathComponent(".\(name).spare")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            // rename(2) claims the spare atomically, even if another build races for it.
            let reused = isOurs(spare) && rename(spare.path, staging.path) == 0
            if !reused {
                try fm.createDirectory(at: staging, withIntermediateDirectories: false)
                try Data("Written by dossier. This folder is replaced on every build.\n".utf8)
                    .write(to: staging.appendingPathComponent(marker))
            }
            return .success(OutputFolder(target: target, staging: staging, spare: spare, reused: reused))
        } catch {
            return .failure(.error(display(target), "cannot create staging folder: \(error.localizedDescription)"))
        }
    }

    /// Empty, or marked as written by Dossier.
    private static func isOurs(_ folder: URL) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        return entries.isEmpty || entries.contains(marker)
    }

    /// Writes `contents` to `relativePath` inside the staging folder, creating folders as needed.
    /// Plain POSIX calls: one mkdir per new folder and one open/write/close per page, where
    /// FileManager checks every ancestor of every path.
    func write(_ contents: String, to relativePath: String) throws {
        var contents = contents
        try contents.withUTF8 { try write(UnsafeRawBufferPointer($0), to: relativePath) }
    }

    func write(_ data: Data, to relativePath: String) throws {
        try data.withUnsafeBytes { try write($0, to: relativePath) }
    }

    func write(_ bytes: [UInt8], to relativePath: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: relativePath) }
    }

    private func write(_ buffer: UnsafeRawBufferPointer, to relativePath: String) throws {
        let path = stagingPath + "/" + relativePath
        if let slash = path.lastIndex(of: "/") { try Self.makeFolder(String(path[..<slash])) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += n
        }
    }

    /// `mkdir -p`, trying the folder itself first: its parent usually exists already.
    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        try makeFolder(String(path[..<slash]))
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Copies a folder's files into the staging folder (skipping hidden files); returns the
    /// relative paths written.
    func copyFolder(_ source: URL, to relativePath: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: source, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        let base = source.standardizedFileURL.path
        var written: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let destination = relativePath + "/" + url.standardizedFileURL.path.dropFirst(base.count + 1)
            try write(Data(contentsOf: url), to: destination)
            written.append(destination)
        }
        return written.sorted()
    }

    /// Removes what a reused staging folder holds from an earlier build and this one did not write.
    func removeStaleFiles(keeping written: Set<String>) throws {
        guard reused else { return }
        _ = try removeStale(in: "", keeping: written)
    }

    /// Walks one folder with readdir (FileManager's enumerator stats every entry and took
    /// 0.6 s on a 10k site); returns whether the folder is empty afterwards.
    private func removeStale(in relative: String, keeping written: Set<String>) throws -> Bool {
        let path = relative.isEmpty ? stagingPath : stagingPath + "/" + relative
        guard let dir = opendir(path) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var entries: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            entries.append((name, entry.pointee.d_type == UInt8(DT_DIR)))
        }
        closedir(dir)
        var remaining = entries.count
        for entry in entries {
            let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
            if entry.isFolder {
                if try removeStale(in: child, keeping: written) {
                    if rmdir(stagingPath + "/" + child) == 0 { remaining -= 1 }
                }
            } else if child != Self.marker && !written.contains(child) {
                if unlink(stagingPath + "/" + child) == 0 { remaining -= 1 }
            }
        }
        return remaining == 0
    }

    /// Swaps the staging folder in with two renames; the replaced output becomes the spare.
    func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            try? fm.removeItem(at: spare)
            try fm.moveItem(at: target, to: spare)
        }
        try fm.moveItem(at: staging, to: target)
    }

    /// Gives up the staging folder; it is kept as the spare when there is none.
    func discard() {
        if rename(staging.path, spare.path) != 0 { try? FileManager.default.removeItem(at: staging) }
    }

    private static func resolved(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
