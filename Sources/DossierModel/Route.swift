/// A page's place in the output: `briefings/2021/city-clusters/` is written to
/// `briefings/2021/city-clusters/index.html` and linked as `/briefings/2021/city-clusters/`.
public struct Route: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path segments, none empty, none `.` or `..`.
    public let segments: [String]

    public init?(segments: [String]) {
        for s in segments where !Self.isSegment(s) { return nil }
        self.segments = segments
    }

    /// Not empty, not `.` or `..`, no `/`, `\\` or NUL. Read as bytes: `String.contains` with a
    /// string argument goes through Foundation, and routes are made for every page and link.
    static func isSegment(_ s: String) -> Bool {
        let utf8 = s.utf8
        if utf8.isEmpty || s == "." || s == ".." { return false }
        return !utf8.contains { $0 == 0x2F || $0 == 0x5C || $0 == 0 }
    }

    public static let root = Route(segments: [])!

    /// URL path below the site's base path, with a trailing slash: `briefings/2021/x/` (empty for the home page).
    public var relativeURL: String { segments.isEmpty ? "" : segments.joined(separator: "/") + "/" }

    /// File to write, relative to the output folder.
    public var outputFile: String { relativeURL + "index.html" }

    public var description: String { "/" + relativeURL }

    public func appending(_ segment: String) -> Route? {
        Self.isSegment(segment) ? Route(checked: segments + [segment]) : nil
    }

    private init(checked segments: [String]) { self.segments = segments }

    public static func < (a: Route, b: Route) -> Bool { a.segments.lexicographicallyPrecedes(b.segments) }
}
