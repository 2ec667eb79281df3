import Foundation

/// What one document contributes to a search index: its distinct terms, each with the number of
/// times it occurs and whether it is in the title. A page job makes it as a by-product of
/// rendering; it is a small plain value, so that it can be cached with the job's other results.
public struct SearchEntry: Sendable, Equatable, Codable {
    /// The distinct terms' UTF-8 bytes, each followed by a newline (no term holds one), in the
    /// order they first occur: one array rather than an array of strings, a third of the memory
    /// for the 10,000 entries a build holds at once. The index sorts its whole vocabulary once.
    public private(set) var termBytes: [UInt8]
    /// One per term, in the same order: occurrences (at most 127) plus 128 when the term is in the title.
    public private(set) var weights: [UInt8]

    public static let titleFlag: UInt8 = 0x80
    public static let maxCount: UInt8 = 0x7F

    /// - Parameters:
    ///   - title: the title; its terms rank first.
    ///   - texts: everything else a reader sees of the document: summary, key points, topics,
    ///     collection names, body.
    public init(title: String, texts: [String], folding: SearchFolding) {
        var counter = TermCounter()
        SearchText.forEachTermBytes(title, folding: folding) { counter.add($0, inTitle: true) }
        for text in texts { SearchText.forEachTermBytes(text, folding: folding) { counter.add($0, inTitle: false) } }
        // Copied to arrays of their own size: the counter's have room to spare (4 KiB and 512
        // to start with, doubled as they fill), which a 100k build holds 100,000 times.
        termBytes = counter.bytes.withUnsafeBufferPointer { Array($0) }
        weights = counter.weights.withUnsafeBufferPointer { Array($0) }
    }

    /// An entry as stored (for tests and caches); terms must be distinct.
    public init(terms: [String], weights: [UInt8]) {
        precondition(terms.count == weights.count)
        termBytes = Array(terms.map { $0 + "\n" }.joined().utf8)
        self.weights = weights
    }

    /// An entry from its stored bytes (the build manifest keeps entries of pages it did not redo).
    public init(termBytes: [UInt8], weights: [UInt8]) {
        self.termBytes = termBytes
        self.weights = weights
    }

    /// The distinct terms, in the order they first occur.
    public var terms: [String] {
        termBytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with each term and its weight.
    public func forEachTerm(_ body: (String, UInt8) -> Void) {
        var start = 0, n = 0
        termBytes.withUnsafeBufferPointer { bytes in
            for i in bytes.indices where bytes[i] == 0x0A {
                body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self), weights[n])
                start = i + 1
                n += 1
            }
        }
    }

    public var isEmpty: Bool { weights.isEmpty }
}

/// Counts terms by their bytes in an open-addressing table: a Swift dictionary would make and
/// hash a `String` for every one of the some 700 words of a briefing.
private struct TermCounter {
    var bytes: [UInt8] = []
    var weights: [UInt8] = []
    private var starts: [Int32] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    init() {
        bytes.reserveCapacity(4096)
        weights.reserveCapacity(512)
        starts.reserveCapacity(512)
    }

    mutating func add(_ term: UnsafeBufferPointer<UInt8>, inTitle: Bool) {
        var hash: UInt32 = 2_166_136_261
        for byte in term { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            let start = Int(starts[id])
            let end = id + 1 < starts.count ? Int(starts[id + 1]) - 1 : bytes.count - 1
            if end - start == term.count && bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + start, term.baseAddress!, term.count) == 0 }) {
                weights[id].count(inTitle: inTitle)
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(weights.count)
        starts.append(Int32(bytes.count))
        bytes.append(contentsOf: term)
        bytes.append(0x0A)
        weights.append(0)
        weights[weights.count - 1].count(inTitle: inTitle)
        if weights.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for id in starts.indices {
            let start = Int(starts[id])
            let end = id + 1 < starts.count ? Int(starts[id + 1]) - 1 : bytes.count - 1
            var hash: UInt32 = 2_166_136_261
            for byte in bytes[start..<end] { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            var slot = Int(hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}

/// The one order of terms that the index files and the script share: UTF-16 code units, as
/// JavaScript's `<` compares strings (Swift's `<` compares Unicode scalars, which differs above
/// U+FFFF).
public enum SearchOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        // UTF-8 bytes compare as Unicode scalars do, and so as UTF-16 does, except where a scalar
        // of U+E000–U+FFFF (lead byte EE or EF) meets one above U+FFFF (lead byte F0–F4): UTF-16
        // writes the latter as surrogates (D800–DFFF), which sort first.
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                var i = 0
                while i < n && x[i] == y[i] { i += 1 }
                if i == n { return x.count < y.count }
                let p = x[i], q = y[i]
                if p >= 0xEE && q >= 0xEE && (p >= 0xF0) != (q >= 0xF0) { return p >= 0xF0 }
                return p < q
            }
        }
    }
}

private extension UInt8 {
    /// One more occurrence in a weight: the count stops at 127, the title flag stays once set.
    mutating func count(inTitle: Bool) {
        let n = Swift.min((self & SearchEntry.maxCount) + 1, SearchEntry.maxCount)
        self = (inTitle ? SearchEntry.titleFlag : self & SearchEntry.titleFlag) | n
    }
}
