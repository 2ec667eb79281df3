import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (recursively) with inotify and reports changed paths after a quiet period,
/// so that an editor's burst of saves (write, rename, chmod) becomes one rebuild.
public final class Watcher: @unchecked Sendable {
    private let fd: Int32
    private var folders: [Int32: String] = [:]
    private let debounce: Int32
    private let onChange: @Sendable ([String]) -> Void
    private var thread: Thread?
    private let lock = NSLock()
    private var stopped = false

    /// - Parameters:
    ///   - debounceMilliseconds: quiet time after the last event before `onChange` runs.
    public init(folders roots: [URL], debounceMilliseconds: Int32 = 20, onChange: @escaping @Sendable ([String]) -> Void) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        debounce = debounceMilliseconds
        self.onChange = onChange
        for root in roots { addRecursively(root.standardizedFileURL.path) }
    }

    deinit { close(fd) }

    public func start() {
        let thread = Thread { [weak self] in self?.run() }
        thread.name = "dossier-watcher"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

    private func addRecursively(_ path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        let wd = inotify_add_watch(fd, path, Self.mask)
        if wd >= 0 { folders[wd] = path }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !name.hasPrefix(".") {
            addRecursively(path + "/" + name)
        }
    }

    private func run() {
        var pending = Set<String>()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            lock.lock()
            let done = stopped
            lock.unlock()
            if done { return }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // Block while idle; once something changed, wait only the debounce time for more.
            let ready = poll(&poller, 1, pending.isEmpty ? 200 : debounce)
            if ready == 0 {
                // Temporary files (sed's `sedXXXXXX`, vim's `4913`) come and go within a save.
                let changed = pending.filter { path in
                    FileManager.default.fileExists(atPath: path) || (path as NSString).pathExtension != ""
                }
                if !changed.isEmpty { onChange(changed.sorted()) }
                pending.removeAll()
                continue
            }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { continue }
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
                // Editors write to hidden or temporary files first; the rename that follows counts.
                if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") { continue }
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addRecursively(path) }
                pending.insert(path)
            }
        }
    }
}
