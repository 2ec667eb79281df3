/// A 128-bit digest that is the same in every process and on every run: Swift's `Hasher` is
/// seeded per process, and the build manifest compares digests across builds.
public struct Digest: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static let zero = Digest(high: 0, low: 0)

    public var description: String {
        let h = String(high, radix: 16), l = String(low, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }
}

/// Feeds bytes, integers and strings into two independent 64-bit lanes (multiply–rotate mixing,
/// eight bytes at a time) and finishes with an avalanche. Not cryptographic: it tells apart the
/// inputs of one site's render jobs, where nobody crafts collisions. Strings are framed by their
/// length, so ("ab", "c") and ("a", "bc") differ.
public struct StableHasher: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var count: UInt64 = 0

    public init() {}

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        a = (a ^ word) &* 0x87C3_7B91_1142_53D5
        a = (a << 31) | (a >> 33)
        b = (b ^ (word &* 0x4CF5_AD43_2745_937F)) &* 0x9FB2_1C65_1E98_DF25
        b = (b << 29) | (b >> 35)
        count &+= 1
    }

    public mutating func combine(_ value: UInt64) { mix(value) }
    public mutating func combine(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }
    public mutating func combine(_ value: Bool) { mix(value ? 0x5A : 0xA5) }
    public mutating func combine(_ digest: Digest) {
        mix(digest.high)
        mix(digest.low)
    }

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        guard let base = bytes.baseAddress else { return }
        var i = 0
        while i + 8 <= bytes.count {
            mix(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < bytes.count {
            var tail: UInt64 = 0
            for k in i..<bytes.count { tail |= UInt64(base.load(fromByteOffset: k, as: UInt8.self)) << (8 * UInt64(k - i)) }
            mix(tail)
        }
    }

    public mutating func combine(_ bytes: [UInt8]) { bytes.withUnsafeBytes { combine($0) } }

    public mutating func combine(_ string: String) {
        var s = string
        s.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ value: String?) {
        if let value { combine(true); combine(value) } else { combine(false) }
    }

    public func finalize() -> Digest {
        func avalanche(_ x: UInt64) -> UInt64 {
            var x = x
            x ^= x >> 33
            x &*= 0xFF51_AFD7_ED55_8CCD
            x ^= x >> 33
            x &*= 0xC4CE_B9FE_1A85_EC53
            x ^= x >> 33
            return x
        }
        let x = avalanche(a ^ count), y = avalanche((b &+ (count << 1)) ^ a)
        return Digest(high: x, low: y)
    }

    /// The digest of one byte buffer.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> Digest {
        var hasher = StableHasher()
        hasher.combine(bytes)
        return hasher.finalize()
    }
}
