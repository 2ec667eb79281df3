import DossierModel

extension Value {
    /// Feeds this value into a stable digest: the same value gives the same digest in every
    /// process (object keys by name, not by interned id). A build keys a page by the digest of
    /// its view model, so a page is redone exactly when something it shows has changed.
    public func digest(into hasher: inout StableHasher) {
        switch self {
        case .null: hasher.combine(UInt64(0))
        case .bool(let b):
            hasher.combine(UInt64(1))
            hasher.combine(b)
        case .int(let i):
            hasher.combine(UInt64(2))
            hasher.combine(i)
        case .double(let d):
            hasher.combine(UInt64(3))
            hasher.combine(d.bitPattern)
        case .text(let s):
            hasher.combine(UInt64(4))
            hasher.combine(s)
        case .html(let s):
            hasher.combine(UInt64(5))
            hasher.combine(s)
        case .list(let items):
            hasher.combine(UInt64(6))
            hasher.combine(items.count)
            for item in items { item.digest(into: &hasher) }
        case .object(let object):
            hasher.combine(UInt64(7))
            hasher.combine(object.keys.namesDigest)
            object.storage.withUnsafeMutablePointerToElements { values in
                for i in 0..<object.keys.count { values[i].digest(into: &hasher) }
            }
        }
    }
}
