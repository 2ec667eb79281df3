/// A problem found in one of the user's files, reported as `path:line:col: severity: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    /// Path as the user would type it (relative to the working directory when possible).
    public var path: String
    /// 1-based; `nil` when the problem concerns the whole file.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(_ severity: Severity, _ path: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, path, line: line, column: column, message)
    }

    public static func warning(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path, line: line, column: column, message)
    }

    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics print in file order so that output is stable whatever thread found them.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
        return a.message < b.message
    }
}

/// Thrown when a build found errors; carries every diagnostic of the run.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// The same problem found twice (a table used on an English and a German page) is one problem.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.uniqued() }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// Sorted, each diagnostic once: where a build collects what its stages found, a problem
    /// seen from several pages is reported and counted once.
    public func uniqued() -> [Diagnostic] { Array(Set(self)).sorted() }
}
