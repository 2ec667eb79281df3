import DossierModel
import Foundation

/// An interned name: a template's `{{title}}` and a view model's `title` field become the same
/// small integer, so a lookup compares integers instead of hashing strings.
///
/// Interning takes a lock, so it happens when templates are compiled and when a view-model type
/// first builds its key list (a `static let`), never per lookup while rendering.
public struct Key: Hashable, Sendable, CustomStringConvertible {
    /// Dense, process-wide, starting at 0.
    public let id: Int32

    public init(_ name: String) { id = Interner.shared.id(for: name) }

    public var name: String { Interner.shared.name(of: id) }
    public var description: String { name }
}

/// The process-wide table of interned names. Names are never removed (there are few: the
/// fields of the view models and the names the templates use).
final class Interner: @unchecked Sendable {
    static let shared = Interner()

    private let lock = NSLock()
    private var ids: [String: Int32] = [:]
    private var names: [String] = []

    func id(for name: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    func name(of id: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[Int(id)]
    }
}

/// The ordered keys of an object, shared by every object of one view-model type.
/// Small lists are scanned; large ones (a language's interface strings) get a hash table.
public final class KeyList: @unchecked Sendable {
    public let keys: [Key]
    public let count: Int
    /// The keys' names, digested once: key ids depend on the order of interning in a process,
    /// names do not (see `Value.digest`).
    public let namesDigest: Digest
    /// Key ids, then (for long lists) the open-addressing table: slot → index + 1, 0 when empty.
    /// Owned by this object and never changed after init.
    private let ids: UnsafeMutablePointer<Int32>
    private let slots: UnsafeMutablePointer<Int32>?
    private let mask: Int

    static let scanLimit = 12

    public init(_ keys: [Key]) {
        self.keys = keys
        self.count = keys.count
        var hasher = StableHasher()
        for key in keys { hasher.combine(key.name) }
        namesDigest = hasher.finalize()
        ids = .allocate(capacity: max(1, keys.count))
        for (i, key) in keys.enumerated() { ids[i] = key.id }
        guard keys.count > Self.scanLimit else {
            slots = nil
            mask = 0
            return
        }
        var size = 16
        while size < keys.count * 2 { size *= 2 }
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        table.initialize(repeating: 0, count: size)
        for (index, key) in keys.enumerated() {
            var slot = Self.hash(key.id) & (size - 1)
            var duplicate = false
            while table[slot] != 0 {
                if ids[Int(table[slot]) - 1] == key.id {
                    duplicate = true  // the first one wins, as in a scan
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            if !duplicate { table[slot] = Int32(index + 1) }
        }
        slots = table
        mask = size - 1
    }

    public convenience init(_ names: [String]) { self.init(names.map(Key.init)) }

    deinit {
        ids.deallocate()
        slots?.deallocate()
    }

    @inline(__always)
    static func hash(_ id: Int32) -> Int { Int(truncatingIfNeeded: (UInt32(bitPattern: id) &* 0x9E37_79B1) >> 12) }

    /// The position of `id` in this list, or nil.
    @inline(__always)
    func index(of id: Int32) -> Int? {
        guard let slots else {
            for i in 0..<count where ids[i] == id { return i }
            return nil
        }
        var slot = Self.hash(id) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if ids[Int(entry) - 1] == id { return Int(entry) - 1 }
            slot = (slot + 1) & mask
        }
    }
}
