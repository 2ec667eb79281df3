/// A page's place in the output: `briefings/2021/city-clusters/` is written to
/// `briefings/2021/city-clusters/index.html` and linked as `/briefings/2021/city-clusters/`.
public struct Route: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path segments, none empty, none `.` or `..`.
    public let segments: [String]

    public init?(segments: [String]) {
        for s in segments {
            if s.isEmpty || s == "." || s == ".." { return nil }
            // Asked of the bytes first: a segment without any of them cannot contain them.
            guard s.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }) else { continue }
            if s.contains("/") || s.contains("\\") || s.contains("\0") { return nil }
        }
        self.segments = segments
    }

    public static let root = Route(segments: [])!

    /// URL path below the site's base path, with a trailing slash: `briefings/2021/x/` (empty for the home page).
    public var relativeURL: String { segments.isEmpty ? "" : segments.joined(separator: "/") + "/" }

    /// File to write, relative to the output folder.
    public var outputFile: String { relativeURL + "index.html" }

    public var description: String { "/" + relativeURL }

    public func appending(_ segment: String) -> Route? { Route(segments: segments + [segment]) }

    public static func < (a: Route, b: Route) -> Bool { a.segments.lexicographicallyPrecedes(b.segments) }
}
