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
    ) -> ([String: [TopicInfo]], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var nameOfSlug: [String: (name: String, file: String)] = [:]
        var result: [String: [TopicInfo]] = [:]
        for language in config.languages {
            var topics: [String: TopicInfo] = [:]
            for (index, briefing) in (briefings[language] ?? []).enumerated() {
                let file = files[language]?[index].displayPath ?? briefing.sourcePath
                for name in Set(briefing.meta.topics) {
                    let slug = slug(name)
                    guard !slug.isEmpty else {
                        diagnostics.append(.error(file, "topic '\(name)' has no letters or digits to make a URL from"))
                        continue
                    }
                    if let first = nameOfSlug[slug], first.name != name {
                        let d = Diagnostic.error(file, "topics '\(first.name)' (\(first.file)) and '\(name)' share the URL /topics/\(slug)/; use one name")
                        if !diagnostics.contains(d) { diagnostics.append(d) }
                        continue
                    }
                    nameOfSlug[slug] = nameOfSlug[slug] ?? (name, file)
                    let label = config.topicLabels[name]?[language] ?? name
                    topics[slug, default: TopicInfo(slug: slug, name: name, label: label, briefings: [])].briefings.append(index)
                }
            }
            result[language] = topics.values.sorted { $0.label.lowercased() != $1.label.lowercased() ? $0.label.lowercased() < $1.label.lowercased() : $0.slug < $1.slug }
        }
        return (result, diagnostics)
    }
}

/// Related briefings in the manner of Hugo's related content: shared clusters weigh most,
/// then shared topics, then closeness in date; up to five, never the briefing itself, same
/// language, ties to the newer and then by path.
enum Related {
    static let limit = 5
    static let clusterWeight = 3.0
    static let topicWeight = 2.0
    /// Full closeness bonus for the same day, none beyond two years.
    static let dateWeight = 1.0
    static let dateHorizonDays = 730.0
    /// Candidates per shared key, nearest in date; keeps a 10k site fast.
    static let window = 40

    static func indices(_ list: [BriefingSummary]) -> [[Int]] {
        var byKey: [String: [Int]] = [:]
        for (index, briefing) in list.enumerated() {
            for topic in Set(briefing.meta.topics) { byKey["t:" + topic, default: []].append(index) }
            for cluster in Set(briefing.meta.clusters) { byKey["c:" + cluster, default: []].append(index) }
        }
        let days = list.map { dayNumber($0.meta.date) }
        return list.indices.map { index in
            let briefing = list[index]
            let topics = Set(briefing.meta.topics), clusters = Set(briefing.meta.clusters)
            var candidates = Set<Int>()
            for key in topics.map({ "t:" + $0 }) + clusters.map({ "c:" + $0 }) {
                let members = byKey[key] ?? []
                // `members` is newest first like `list`; take the window around this briefing's position.
                var low = 0, high = members.count  // binary search: first member >= index
                while low < high {
                    let mid = (low + high) / 2
                    if members[mid] < index { low = mid + 1 } else { high = mid }
                }
                let position = low
                let lower = max(0, position - window), upper = min(members.count, position + window + 1)
                for other in members[lower..<upper] where other != index { candidates.insert(other) }
            }
            let scored = candidates.map { other -> (Int, Double) in
                let o = list[other].meta
                var score = clusterWeight * Double(clusters.intersection(o.clusters).count)
                score += topicWeight * Double(topics.intersection(o.topics).count)
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
