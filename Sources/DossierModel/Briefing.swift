/// A calendar date as written in front matter (`YYYY-MM-DD`); no time zone, no clock.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` and rejects impossible dates (YAML libraries roll them over).
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// `2026-11-29`
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

public enum Access: String, Sendable, CaseIterable {
    case `public`, licensed
}

public struct SourceLink: Sendable, Equatable {
    public var title: String
    public var url: String
    public init(title: String, url: String) { self.title = title; self.url = url }
}

/// Who wrote a briefing: a name, and a page about them when there is one.
public struct Author: Sendable, Equatable {
    public var name: String
    public var url: String?
    public init(name: String, url: String? = nil) { self.name = name; self.url = url }
}

/// A value of free-form front matter (`params`), as written: YAML's `true` and `false` are
/// yes/no, every other scalar is text, lists and maps keep their order.
public indirect enum FreeValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case text(String)
    case list([FreeValue])
    case map([FreeEntry])
}

public struct FreeEntry: Sendable, Equatable {
    public var key: String
    public var value: FreeValue
    public init(_ key: String, _ value: FreeValue) { self.key = key; self.value = value }
}

/// Front matter of a briefing after decoding and validation.
public struct FrontMatter: Sendable, Equatable {
    public var title: String
    public var date: Day
    public var summary: String?
    public var keyPoints: [String]
    public var topics: [String]
    /// Rows of collections it names: collection name (its front-matter key) → row ids.
    public var rows: [String: [String]]
    public var access: Access
    public var draft: Bool
    public var slug: String?
    public var sources: [SourceLink]
    public var authors: [Author] = []
    /// The date of the last correction or update, when there was one (never before `date`).
    public var updated: Day?
    /// `true` or `false` overrides the automatic rule for the table of contents.
    public var toc: Bool?
    /// Old URLs (root-relative paths, without the base path) that redirect to this briefing.
    public var aliases: [String] = []
    /// Whatever a theme wants (`params` in templates).
    public var params: [FreeEntry] = []
    /// A picture for sharing (`og:image`): a file beside the briefing, a root-relative path or an absolute URL.
    public var image: String?

    /// When the briefing last changed: its update, else its date.
    public var lastModified: Day { updated ?? date }

    public init(
        title: String, date: Day, summary: String? = nil, keyPoints: [String] = [], topics: [String] = [],
        rows: [String: [String]] = [:], access: Access = .public, draft: Bool = false, slug: String? = nil,
        sources: [SourceLink] = []
    ) {
        self.title = title
        self.date = date
        self.summary = summary
        self.keyPoints = keyPoints
        self.topics = topics
        self.rows = rows
        self.access = access
        self.draft = draft
        self.slug = slug
        self.sources = sources
    }
}

/// What lists, feeds and related-briefing boxes need of a briefing. The body is not kept:
/// it is parsed, rendered and written in one step, then freed.
public struct BriefingSummary: Sendable, Equatable {
    /// Source path relative to the content folder, e.g. `briefings/2021/city-clusters.md`.
    public var sourcePath: String
    public var language: String
    public var route: Route
    public var meta: FrontMatter

    public init(sourcePath: String, language: String, route: Route, meta: FrontMatter) {
        self.sourcePath = sourcePath
        self.language = language
        self.route = route
        self.meta = meta
    }
}
