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
        // Topics and rows as small integers: scoring then compares ints, not strings.
        var ids: [String: Int] = [:]
        func intern(_ key: String) -> Int {
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
        let topics = list.map { Array(Set($0.meta.topics.map { intern("t:" + $0) })).sorted() }
        let rows = list.map { briefing in
            Array(Set(briefing.meta.rows.sorted { $0.key < $1.key }.flatMap { collection, ids in ids.map { intern("r:\(collection)/\($0)") } })).sorted()
        }
        var members = [[Int]](repeating: [], count: ids.count)
        for index in list.indices {
            for key in topics[index] + rows[index] { members[key].append(index) }
        }
        let byKey = members
        let days = list.map { dayNumber($0.meta.date) }
        return parallelMap(Array(list.indices)) { index in
            var candidates = Set<Int>()
            for key in topics[index] + rows[index] {
                let members = byKey[key]
                // `members` is newest first like `list`; take the window around this briefing's position.
                var low = 0, high = members.count  // binary search: first member >= index
                while low < high {
                    let mid = (low + high) / 2
                    if members[mid] < index { low = mid + 1 } else { high = mid }
                }
                for other in members[max(0, low - window)..<min(members.count, low + window + 1)] where other != index {
                    candidates.insert(other)
                }
            }
            func shared(_ a: [Int], _ b: [Int]) -> Int { a.reduce(0) { $0 + (b.contains($1) ? 1 : 0) } }
            let scored = candidates.map { other -> (Int, Double) in
                var score = rowWeight * Double(shared(rows[index], rows[other]))
                score += topicWeight * Double(shared(topics[index], topics[other]))
                score += dateWeight * max(0, 1 - abs(Double(days[index] - days[other])) / dateHorizonDays)
                return (other, score)
            }
            return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
        }
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
