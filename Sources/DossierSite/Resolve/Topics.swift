import DossierModel
import Foundation

/// A topic in one language: its briefings (indices into that language's list, newest first).
struct TopicInfo: Sendable {
    var slug: String
    var name: String
    var label: String
    var briefings: [Int]
}

enum Topics {
    /// Lower-cased, ASCII-folded and hyphenated: "Öffentliche Finanzen" → "offentliche-finanzen".
    /// The same in every language, so `/topics/x/` and `/de/topics/x/` are one topic.
    static func slug(_ name: String) -> String {
        asciiSlug(name) ?? foldedSlug(name)
    }

    /// `slug` of an ASCII name, from its bytes: folding changes nothing in ASCII but case (a
    /// test holds this for every ASCII character). Nil for any other name. Chart ids are made
    /// from titles this way, one Foundation folding each before.
    static func asciiSlug(_ name: String) -> String? {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var pendingHyphen = false
        for byte in name.utf8 {
            let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower) {
                if pendingHyphen && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                bytes.append(lower)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func foldedSlug(_ name: String) -> String {
        let folded = name.replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// Topics per language, sorted by label; two names with one slug are an error.
    static func resolve(
        _ briefings: [String: [BriefingSummary]], files: [String: [SourceRef]], config: SiteConfig
    ) -> ([String: [TopicInfo]], slugs: [String: String], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var nameOfSlug: [String: (name: String, file: String)] = [:]
        var result: [String: [TopicInfo]] = [:]
        var slugs: [String: String] = [:]  // folding is costly; each name is folded once
        var reported = Set<String>()
        for language in config.languages {
            var topics: [String: TopicInfo] = [:]
            for (index, briefing) in (briefings[language] ?? []).enumerated() {
                let file = files[language]?[index].displayPath ?? briefing.sourcePath
                for name in Set(briefing.meta.topics) {
                    let slug = slugs[name] ?? slug(name)
                    slugs[name] = slug
                    guard !slug.isEmpty else {
                        diagnostics.append(.error(file, "topic '\(name)' has no letters or digits to make a URL from"))
                        continue
                    }
                    if let first = nameOfSlug[slug], first.name != name {
                        // Once per pair of names: not again on each translation that inherits them.
                        if reported.insert("\(first.name)\u{0}\(name)").inserted {
                            diagnostics.append(.error(file, "topics '\(first.name)' (\(first.file)) and '\(name)' share the URL /topics/\(slug)/; use one name"))
                        }
                        continue
                    }
                    nameOfSlug[slug] = nameOfSlug[slug] ?? (name, file)
                    let label = config.topicLabels[name]?[language] ?? name
                    topics[slug, default: TopicInfo(slug: slug, name: name, label: label, briefings: [])].briefings.append(index)
                }
            }
            result[language] = topics.values.sorted { $0.label.lowercased() != $1.label.lowercased() ? $0.label.lowercased() < $1.label.lowercased() : $0.slug < $1.slug }
        }
        return (result, slugs, diagnostics)
    }
}

/// Related briefings in the manner of Hugo's related content: shared collection rows (city
/// clusters, countries) weigh most,
/// then shared topics, then closeness in date; up to five, never the briefing itself, same
/// language, ties to the newer and then by path.
enum Related {
    static let limit = 5
    static let rowWeight = 3.0
    static let topicWeight = 2.0
    /// Full closeness bonus for the same day, none beyond two years.
    static let dateWeight = 1.0
    static let dateHorizonDays = 730.0
    /// Candidates per shared key, nearest in date; keeps a 10k site fast.
    static let window = 40

    static func indices(_ list: [BriefingSummary]) -> [[Int]] {
        // Topics and rows as small integers: scoring then compares ints, not strings. Each
        // briefing's keys, and each key's members, lie in one flat array (a slice per owner):
        // at 100k briefings, arrays of arrays cost more in pointer chasing than the scoring.
        var ids: [String: Int32] = [:]
        func intern(_ key: String) -> Int32 {
            if let id = ids[key] { return id }
            let id = Int32(ids.count)
            ids[key] = id
            return id
        }
        var topicKeys = Slices(), rowKeys = Slices()
        for briefing in list {
            topicKeys.append(Set(briefing.meta.topics.map { intern("t:" + $0) }).sorted())
            rowKeys.append(Set(briefing.meta.rows.sorted { $0.key < $1.key }.flatMap { collection, ids in
                ids.map { intern("r:\(collection)/\($0)") }
            }).sorted())
        }
        var lists = [[Int32]](repeating: [], count: ids.count)
        for index in list.indices {
            for key in topicKeys[index] { lists[Int(key)].append(Int32(index)) }
            for key in rowKeys[index] { lists[Int(key)].append(Int32(index)) }
        }
        var members = Slices()
        for list in lists { members.append(list) }
        let topics = topicKeys, rows = rowKeys, byKey = members
        let days = list.map { dayNumber($0.meta.date) }
        return parallelMap(Array(list.indices)) { index in
            var candidates: [Int32] = []
            candidates.reserveCapacity(4 * (2 * window + 1))
            func gather(_ keys: ArraySlice<Int32>) {
                for key in keys {
                    let members = byKey[Int(key)]
                    // `members` is newest first like `list`; take the window around this briefing's position.
                    var low = members.startIndex, high = members.endIndex  // binary search: first member >= index
                    while low < high {
                        let mid = (low + high) / 2
                        if members[mid] < Int32(index) { low = mid + 1 } else { high = mid }
                    }
                    for other in members[max(members.startIndex, low - window)..<min(members.endIndex, low + window + 1)]
                    where other != Int32(index) {
                        candidates.append(other)
                    }
                }
            }
            let ownTopics = topics[index], ownRows = rows[index]
            gather(ownTopics)
            gather(ownRows)
            candidates.sort()
            func shared(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>) -> Int { a.reduce(0) { $0 + (b.contains($1) ? 1 : 0) } }
            // The best `limit` by score, then by index: as sorting all of them and taking the first.
            var best: [(Int, Double)] = []
            best.reserveCapacity(limit + 1)
            var previous: Int32 = -1
            for other32 in candidates where other32 != previous {
                previous = other32
                let other = Int(other32)
                var score = rowWeight * Double(shared(ownRows, rows[other]))
                score += topicWeight * Double(shared(ownTopics, topics[other]))
                score += dateWeight * max(0, 1 - abs(Double(days[index] - days[other])) / dateHorizonDays)
                if best.count == limit, let last = best.last, !(score > last.1 || (score == last.1 && other < last.0)) { continue }
                var at = best.count
                while at > 0, score > best[at - 1].1 || (score == best[at - 1].1 && other < best[at - 1].0) { at -= 1 }
                best.insert((other, score), at: at)
                if best.count > limit { best.removeLast() }
            }
            return best.map(\.0)
        }
    }

    /// Arrays of Int32 kept end to end, with the start of each.
    struct Slices: Sendable {
        private var values: [Int32] = []
        private var starts: [Int] = [0]
        mutating func append(_ slice: [Int32]) {
            values += slice
            starts.append(values.count)
        }
        subscript(i: Int) -> ArraySlice<Int32> { values[starts[i]..<starts[i + 1]] }
    }

    /// Days since a fixed origin, for date distances.
    static func dayNumber(_ day: Day) -> Int {
        // Days from civil (Howard Hinnant's algorithm).
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = day.month
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }
}
