import Foundation

/// What a result shows of a document: loaded only for the results on screen.
public struct SearchDocument: Sendable, Equatable, Codable {
    public var title: String
    /// Root-relative, with the site's base path: the script uses it as it is.
    public var url: String
    /// Written out in the index's language.
    public var date: String
    public var summary: String
    public var licensed: Bool

    public init(title: String, url: String, date: String, summary: String, licensed: Bool) {
        self.title = title
        self.url = url
        self.date = date
        self.summary = summary
        self.licensed = licensed
    }
}

/// A file of the index, relative to the index's folder (`index.json`, `t/3.json`, `d/12.json`).
public struct SearchFile: Sendable, Equatable {
    public var path: String
    public var contents: String
}

/// Sizes that bound what one query downloads.
public struct SearchIndexLayout: Sendable, Equatable {
    /// A shard is cut once its terms and postings reach this many bytes (before compression); a
    /// term whose postings alone are larger gets a shard of its own.
    public var shardBytes: Int
    /// Documents per result-metadata file.
    public var chunkSize: Int
    /// The word being typed matches as a prefix when it has at least this many characters
    /// (one for CJK) and its completions lie in at most `prefixShards` shards.
    public var minPrefix: Int
    public var prefixShards: Int

    public init(shardBytes: Int = 24_000, chunkSize: Int = 16, minPrefix: Int = 2, prefixShards: Int = 2) {
        precondition(chunkSize >= 1 && shardBytes >= 1)
        self.shardBytes = shardBytes
        self.chunkSize = chunkSize
        self.minPrefix = minPrefix
        self.prefixShards = prefixShards
    }
}

/// A static search index in small files, so that a query loads only what it needs:
///
/// - `index.json`, the manifest: the number of documents, the layout, the language's folding
///   rules and the first term of every shard.
/// - `t/<n>.json`, the shards: `{"t": [terms…], "p": [postings…]}`, terms in UTF-16 order and
///   split into consecutive ranges, so that the shard of a term (and of every completion of a
///   prefix) follows from the manifest alone.
/// - `d/<n>.json`, result metadata for documents `n·chunk ..< (n+1)·chunk`:
///   `[[title, url, date, summary, licensed 0|1], …]`.
///
/// Documents are numbered in the order given: newest first, so a smaller number ranks higher
/// on ties. A term's postings are grouped by rank class, best first: class = 16 when the term is
/// in the title, plus its occurrences on a log scale (`matchClass`: 1, 2, 3–4, 5–8, 9 or more →
/// 1…5). Each group is written as
/// `class, length, gaps…`, where a gap is the document number minus the previous one in the
/// group minus one (the first is the document number itself). Every number is a base-64 VLQ
/// (as in source maps, without a sign): digits of 5 bits, least significant first, from
/// `A–Za–z0–9+/`, with 32 added to every digit but the last. A word in every document is a run of
/// `A`s, which any gzip squeezes to almost nothing; the first ten documents of a one-word query
/// are the first ten of its list.
public enum SearchIndex {
    public static let format = 1
    /// The folders of shards and of result metadata, beside the manifest.
    public static let folders = ["t", "d"]

    public static func build(
        documents: [SearchDocument], entries: [SearchEntry], folding: SearchFolding, language: String,
        layout: SearchIndexLayout = SearchIndexLayout()
    ) -> [SearchFile] {
        precondition(documents.count == entries.count && documents.count < 1 << 27)
        // term → postings, each (31 - class) << 27 | document, so that sorting puts the best class
        // first. Consecutive ranges of documents are inverted on all cores, then joined in order.
        var parts = concurrentMap(Array(stride(from: 0, to: entries.count, by: 2_000))) { start -> [String: [UInt32]] in
            var postings: [String: [UInt32]] = [:]
            for document in start..<min(entries.count, start + 2_000) {
                entries[document].forEachTerm { term, weight in
                    let rankClass = (weight & SearchEntry.titleFlag != 0 ? 16 : 0) + matchClass(Int(weight & SearchEntry.maxCount))
                    postings[term, default: []].append(UInt32(31 - rankClass) << 27 | UInt32(document))
                }
            }
            return postings
        }
        // Each part is let go once joined (each list is sorted below, so the order of joining
        // does not matter): at 100k documents, holding every part beside the joined lists cost
        // as much memory again as the postings.
        var postings = parts.popLast() ?? [:]
        while let part = parts.popLast() {
            for (term, list) in part { postings[term, default: []].append(contentsOf: list) }
        }
        let terms = postings.keys.sorted(by: SearchOrder.precedes)
        let joined = postings
        let encodedLists = concurrentMap(terms) { encode(joined[$0]!.sorted()) }

        var files: [SearchFile] = []
        var firstTerms: [String] = []
        var shardTerms: [String] = []
        var shardPostings: [String] = []
        var shardSize = 0
        func closeShard() {
            guard !shardTerms.isEmpty else { return }
            let body = "{\"t\":[" + shardTerms.map(jsonString).joined(separator: ",") + "],\"p\":["
                + shardPostings.map { "\"\($0)\"" }.joined(separator: ",") + "]}\n"
            files.append(SearchFile(path: "t/\(firstTerms.count).json", contents: body))
            firstTerms.append(shardTerms[0])
            shardTerms = []
            shardPostings = []
            shardSize = 0
        }
        for (term, encoded) in zip(terms, encodedLists) {
            let size = term.utf8.count + encoded.utf8.count + 6
            if shardSize > 0 && shardSize + size > layout.shardBytes { closeShard() }
            shardTerms.append(term)
            shardPostings.append(encoded)
            shardSize += size
        }
        closeShard()

        var chunk = 0
        while chunk * layout.chunkSize < documents.count {
            let slice = documents[(chunk * layout.chunkSize)..<min(documents.count, (chunk + 1) * layout.chunkSize)]
            let rows = slice.map { d in
                "[" + [d.title, d.url, d.date, d.summary].map(jsonString).joined(separator: ",") + (d.licensed ? ",1]" : ",0]")
            }
            files.append(SearchFile(path: "d/\(chunk).json", contents: "[" + rows.joined(separator: ",\n") + "]\n"))
            chunk += 1
        }

        // The version changes whenever any file does; the script asks for `file?v=version`, so a
        // browser never mixes a cached shard of one build with the manifest of another.
        var hash = FNV1a()
        for file in files { hash.add(file.path); hash.add(file.contents) }
        let fold = folding.replacements.map { "[\(jsonString($0.from)),\(jsonString($0.to))]" }.joined(separator: ",")
        let manifest = "{\"format\":\(format),\"version\":\"\(hash.hex)\",\"language\":\(jsonString(language))"
            + ",\"documents\":\(documents.count),\"chunk\":\(layout.chunkSize),\"fold\":[\(fold)]"
            + ",\"minPrefix\":\(layout.minPrefix),\"prefixShards\":\(layout.prefixShards)"
            + ",\"shards\":[" + firstTerms.map(jsonString).joined(separator: ",") + "]}\n"
        return [SearchFile(path: "index.json", contents: manifest)] + files
    }

    // MARK: - Posting lists

    /// Occurrences on a log scale: 1, 2, 3–4, 5–8, 9 or more → 1…5. Every class more costs bytes
    /// in the lists of the most common words (their documents spread over more groups): exact
    /// counts up to 15 made them a quarter larger, for an order among documents that all use the
    /// word often. The script adds the classes of a query's words as its number of matches.
    public static func matchClass(_ count: Int) -> Int {
        switch count {
        case ...1: return 1
        case 2: return 2
        case 3...4: return 3
        case 5...8: return 4
        default: return 5
        }
    }

    /// Postings (sorted keys as built above) → `class, length, gaps…` per group, as VLQ digits.
    static func encode(_ keys: [UInt32]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(keys.count + 8)
        var start = 0
        while start < keys.count {
            let rankClass = 31 - Int(keys[start] >> 27)
            var end = start
            while end < keys.count && 31 - Int(keys[end] >> 27) == rankClass { end += 1 }
            appendVLQ(rankClass, to: &out)
            appendVLQ(end - start, to: &out)
            var previous = -1
            for key in keys[start..<end] {
                let document = Int(key & 0x07FF_FFFF)
                appendVLQ(document - previous - 1, to: &out)
                previous = document
            }
            start = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func appendVLQ(_ value: Int, to out: inout [UInt8]) {
        var v = value
        repeat {
            var digit = v & 31
            v >>= 5
            if v > 0 { digit |= 32 }
            out.append(digits[digit])
        } while v > 0
    }

    /// A group of a decoded posting list.
    public struct Group: Sendable, Equatable {
        public var rankClass: Int
        public var documents: [Int]
        public var inTitle: Bool { rankClass >= 16 }
        /// Occurrences on the log scale of `matchClass`.
        public var matchClass: Int { rankClass & 15 }
    }

    /// Reads a posting list back (the script's `decode` does the same).
    public static func decode(_ text: String) -> [Group]? {
        var values: [Int] = []
        var value = 0, shift = 0
        for byte in text.utf8 {
            guard let digit = digits.firstIndex(of: byte) else { return nil }
            value |= (digit & 31) << shift
            if digit & 32 != 0 { shift += 5; continue }
            values.append(value)
            value = 0
            shift = 0
        }
        guard shift == 0 else { return nil }
        var groups: [Group] = []
        var i = 0
        while i < values.count {
            guard i + 1 < values.count else { return nil }
            let rankClass = values[i], length = values[i + 1]
            i += 2
            guard i + length <= values.count else { return nil }
            var previous = -1
            var documents: [Int] = []
            for gap in values[i..<(i + length)] {
                previous += gap + 1
                documents.append(previous)
            }
            groups.append(Group(rankClass: rankClass, documents: documents))
            i += length
        }
        return groups
    }

    // MARK: - JSON

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// 64-bit FNV-1a: a stable fingerprint (Swift's `Hasher` is seeded per process).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ s: String) {
        for byte in s.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        value ^= 0xFF
        value = value &* 0x0000_0100_0000_01B3
    }
    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// `map` on all cores, results in order (the index of one language is one job of the build, and
/// the only one left running at its end).
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    let storage = UnsafeMutablePointer<R?>.allocate(capacity: items.count)
    storage.initialize(repeating: nil, count: items.count)
    defer {
        storage.deinitialize(count: items.count)
        storage.deallocate()
    }
    // Each index is written by exactly one worker.
    nonisolated(unsafe) let out = storage
    let chunk = max(1, items.count / (ProcessInfo.processInfo.activeProcessorCount * 8))
    let chunks = (items.count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        for i in (c * chunk)..<min(items.count, (c + 1) * chunk) { out[i] = transform(items[i]) }
    }
    return (0..<items.count).map { storage[$0]! }
}
