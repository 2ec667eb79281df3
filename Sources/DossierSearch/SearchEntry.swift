/// What one document contributes to a search index: its distinct terms, each with the number of
/// times it occurs and whether it is in the title. A page job makes it as a by-product of
/// rendering; it is a small plain value, so that it can be cached with the job's other results.
public struct SearchEntry: Sendable, Equatable, Codable {
    /// Distinct terms, sorted by UTF-16 code units (the order JavaScript compares strings in).
    public private(set) var terms: [String]
    /// Parallel to `terms`: occurrences (at most 127) plus 128 when the term is in the title.
    public private(set) var weights: [UInt8]

    public static let titleFlag: UInt8 = 0x80
    public static let maxCount: UInt8 = 0x7F

    /// - Parameters:
    ///   - title: the title; its terms rank first.
    ///   - texts: everything else a reader sees of the document: summary, key points, topics,
    ///     collection names, body.
    public init(title: String, texts: [String], folding: SearchFolding) {
        var counts: [String: UInt8] = [:]
        func add(_ text: String, inTitle: Bool) {
            SearchText.forEachTerm(text, folding: folding) { term in
                let old = counts[term, default: 0]
                let count = min((old & Self.maxCount) + 1, Self.maxCount)
                counts[term] = (inTitle ? Self.titleFlag : old & Self.titleFlag) | count
            }
        }
        add(title, inTitle: true)
        for text in texts { add(text, inTitle: false) }
        let sorted = counts.keys.sorted(by: SearchOrder.precedes)
        terms = sorted
        weights = sorted.map { counts[$0]! }
    }

    /// An entry as stored (for tests and caches); terms must be distinct and sorted.
    public init(terms: [String], weights: [UInt8]) {
        precondition(terms.count == weights.count)
        self.terms = terms
        self.weights = weights
    }

    public var isEmpty: Bool { terms.isEmpty }
}

/// The one order of terms that the index files and the script share: UTF-16 code units, as
/// JavaScript's `<` compares strings (Swift's `<` compares Unicode scalars, which differs above
/// U+FFFF).
public enum SearchOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}
