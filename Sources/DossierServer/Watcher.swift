import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches folders (recursively) and reports changed paths after a quiet period, so that an
/// editor's burst of saves (write, rename, chmod) becomes one rebuild. A deleted or renamed
/// file is reported too (the path that is gone, and the new one).
///
/// On Linux it uses inotify; elsewhere (macOS, Windows) it compares file times and sizes a few
/// times a second. Building with `-Xswiftc -DDOSSIER_POLLING_WATCHER` makes Linux use the
/// polling watcher as well, which is how its code is compiled and tested here.
public final class Watcher: @unchecked Sendable {
    public enum Method: Sendable {
        case inotify
        case polling
    }

    /// The method `serve` uses on this platform.
    public static var defaultMethod: Method {
        #if canImport(Glibc) && !DOSSIER_POLLING_WATCHER
        return .inotify
        #else
        return .polling
        #endif
    }

    private let roots: [String]
    private let debounce: Int
    private let onChange: @Sendable ([String]) -> Void
    private let lock = NSLock()
    private var stopped = false
    private var source: ChangeSource
    /// How long one wait lasts while nothing is pending (inotify wakes up early on an event).
    private let idleWait: Int

    /// - Parameters:
    ///   - debounceMilliseconds: quiet time after the last event before `onChange` runs.
    ///   - pollMilliseconds: how often the polling method looks at the files.
    public init(folders roots: [URL], debounceMilliseconds: Int = 20, method: Method = Watcher.defaultMethod,
                pollMilliseconds: Int = 150, onChange: @escaping @Sendable ([String]) -> Void) throws {
        self.roots = roots.map { $0.standardizedFileURL.path }
        self.onChange = onChange
        #if canImport(Glibc) && !DOSSIER_POLLING_WATCHER
        let polls = method == .polling
        source = polls ? PollingSource(roots: self.roots) : try InotifySource(roots: self.roots)
        #else
        let polls = true
        source = PollingSource(roots: self.roots)
        #endif
        // Polling sees a burst only once per look: the quiet time is at least one look.
        debounce = polls ? max(debounceMilliseconds, pollMilliseconds) : debounceMilliseconds
        idleWait = polls ? pollMilliseconds : 200
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "dossier-watcher"
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func run() {
        var pending = Set<String>()
        while !isStopped {
            // Block while idle; once something changed, wait only the quiet time for more.
            let found = source.wait(milliseconds: pending.isEmpty ? idleWait : debounce)
            if found.isEmpty {
                guard !pending.isEmpty else { continue }
                // Temporary files (sed's `sedXXXXXX`, vim's `4913`) come and go within a save;
                // a folder that went away (moved or deleted) counts.
                let changed = pending.filter { path in
                    FileManager.default.fileExists(atPath: path) || (path as NSString).pathExtension != ""
                        || source.wasFolder(path)
                }
                pending.removeAll()
                if !changed.isEmpty && !isStopped { onChange(changed.sorted()) }
                continue
            }
            for path in found where !Self.isScratch((path as NSString).lastPathComponent) { pending.insert(path) }
        }
    }

    /// Editors write to hidden or temporary files first; the rename that follows counts.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp")
    }
}

/// Where changes come from: each call waits up to `milliseconds` and returns the paths that
/// changed meanwhile (empty when none did).
protocol ChangeSource: AnyObject {
    func wait(milliseconds: Int) -> [String]
    /// Whether `path` was a watched folder (it may be gone now).
    func wasFolder(_ path: String) -> Bool
}

/// Compares each file's modification time and size with the previous look. Portable (only
/// Foundation); a thousand files take a few milliseconds per look.
final class PollingSource: ChangeSource {
    struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
        var isFolder: Bool
    }

    let roots: [String]
    private var stamps: [String: Stamp]

    init(roots: [String]) {
        self.roots = roots
        stamps = [:]
        stamps = scan()
    }

    func scan() -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey]
        for root in roots {
            guard let enumerator = FileManager.default.enumerator(
                at: URL(fileURLWithPath: root), includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator {
                let values = try? url.resourceValues(forKeys: Set(keys))
                result[url.standardizedFileURL.path] = Stamp(
                    modified: values?.contentModificationDate, size: values?.fileSize, isFolder: values?.isDirectory ?? false)
            }
        }
        return result
    }

    /// Seconds the last look took: a large site is looked at less often, so that watching
    /// never takes more than a fifth of a core.
    private var lastScan = 0.0

    func wait(milliseconds: Int) -> [String] {
        Thread.sleep(forTimeInterval: max(Double(milliseconds) / 1000, lastScan * 4))
        let start = Date()
        let now = scan()
        lastScan = Date().timeIntervalSince(start)
        var changed: [String] = []
        // A folder's own time changes with every file saved in it: only its coming and going counts.
        for (path, stamp) in now where stamps[path] != stamp && !(stamp.isFolder && stamps[path]?.isFolder == true) {
            changed.append(path)
        }
        for path in stamps.keys where now[path] == nil { changed.append(path) }
        let before = stamps
        stamps = now
        // A folder that is gone stays known, so that its removal counts as a change.
        for (path, stamp) in before where stamp.isFolder && now[path] == nil { gone.insert(path) }
        return changed
    }

    private var gone = Set<String>()

    func wasFolder(_ path: String) -> Bool { stamps[path]?.isFolder == true || gone.contains(path) || roots.contains(path) }

}

#if canImport(Glibc) && !DOSSIER_POLLING_WATCHER
/// inotify: one watch per folder, added as folders appear; events are read without polling.
final class InotifySource: ChangeSource {
    private let fd: Int32
    private var folders: [Int32: String] = [:]
    private var knownFolders = Set<String>()
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(roots: [String]) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        for root in roots { addRecursively(root) }
    }

    private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

    private func addRecursively(_ path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        let wd = inotify_add_watch(fd, path, Self.mask)
        if wd >= 0 { folders[wd] = path }
        knownFolders.insert(path)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !name.hasPrefix(".") {
            addRecursively(path + "/" + name)
        }
    }

    func wasFolder(_ path: String) -> Bool { knownFolders.contains(path) }

    func wait(milliseconds: Int) -> [String] {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(milliseconds)) > 0 else { return [] }
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return [] }
        var changed: [String] = []
        var offset = 0
        while offset + 16 <= count {
            let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
            let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
            let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
            let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += 16 + length
            guard let folder = folders[wd] else { continue }
            let path = name.isEmpty ? folder : folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0 {
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addRecursively(path) }
                knownFolders.insert(path)
            }
            changed.append(path)
        }
        return changed
    }

    deinit { Glibc.close(fd) }
}
#endif
