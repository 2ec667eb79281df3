import DossierModel
import Foundation

/// The output is built in a staging folder beside it and swapped in only when the build
/// succeeded, so a failed build leaves the previous output exactly as it was.
struct OutputFolder: Sendable {
    /// Marks a folder as Dossier's own, so that a build never replaces a folder it did not write.
    static let marker = ".dossier-output"

    let target: URL
    let staging: URL

    /// Checks the target and creates an empty staging folder beside it.
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
            let entries = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            if !entries.isEmpty && !entries.contains(marker) {
                return .failure(.error(display(target),
                    "output folder is not empty and was not written by dossier; remove it or choose another --out"))
            }
        }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(getpid())")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data("Written by dossier. This folder is replaced on every build.\n".utf8)
                .write(to: staging.appendingPathComponent(marker))
        } catch {
            return .failure(.error(display(target), "cannot create staging folder: \(error.localizedDescription)"))
        }
        return .success(OutputFolder(target: target, staging: staging))
    }

    /// Writes `contents` to `relativePath` inside the staging folder, creating folders as needed.
    /// Plain POSIX calls: one mkdir per new folder and one open/write/close per page, where
    /// FileManager checks every ancestor of every path.
    func write(_ contents: String, to relativePath: String) throws {
        let path = stagingPath + "/" + relativePath
        if let slash = path.lastIndex(of: "/") { try Self.makeFolder(String(path[..<slash])) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var contents = contents
        try contents.withUTF8 { buffer in
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
    }

    private var stagingPath: String { staging.path }

    /// `mkdir -p`, trying the folder itself first: its parent usually exists already.
    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        try makeFolder(String(path[..<slash]))
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Copies a folder's files into the staging folder (skipping hidden files), sorted for determinism.
    func copyFolder(_ source: URL, to relativePath: String) throws -> Int {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(
            at: source, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return 0 }
        let base = source.standardizedFileURL.path
        var copied = 0
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            let destination = staging.appendingPathComponent(relativePath).appendingPathComponent(relative)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: url, to: destination)
            copied += 1
        }
        return copied
    }

    /// Swaps the staging folder in with two renames (the old output is deleted only after).
    func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            let old = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
            try fm.moveItem(at: target, to: old)
            try fm.moveItem(at: staging, to: target)
            try fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: staging, to: target)
        }
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    private static func resolved(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
