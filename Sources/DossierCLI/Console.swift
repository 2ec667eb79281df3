import ArgumentParser
import DossierModel
import DossierSite
import Foundation

public struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only diagnostics.")
    public var quiet = false

    @Flag(name: .shortAndLong, help: "Print more about what happens.")
    public var verbose = false

    public init() {}
}

/// What the commands print: diagnostics on standard error (coloured only on a terminal),
/// summaries on standard output unless --quiet.
public struct Console: Sendable {
    var quiet = false
    var verbose = false

    public init(quiet: Bool, verbose: Bool) {
        self.quiet = quiet
        self.verbose = verbose
    }
    let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    public func diagnostics(_ list: [Diagnostic]) {
        for d in list {
            guard colour else { Self.standardError(d.description); continue }
            let (word, code) = d.severity == .error ? ("error", "31") : ("warning", "33")
            let text = d.description.replacingOccurrences(of: ": \(word): ", with: ": \u{1B}[1;\(code)m\(word)\u{1B}[0m: ")
            Self.standardError(text)
        }
    }

    func summary(_ report: BuildReport, out: String) {
        guard !quiet else { return }
        let stages = report.timings.map { "\($0.stage) \(Self.format($0.seconds))" }.joined(separator: ", ")
        let total = report.timings.reduce(0) { $0 + $1.seconds }
        let kept = report.pagesWritten - report.pagesRendered
        let reuse = kept > 0 ? ", \(report.pagesRendered) redone, \(kept) unchanged" : ""
        Self.standardOutput("Wrote \(report.pagesWritten) pages (\(report.briefings) briefings\(reuse)) to \(out) in \(Self.format(total)): \(stages); \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")")
    }

    public func info(_ line: String) { if !quiet { Self.standardOutput(line) } }

    /// A one-line progress counter, only when standard output is a terminal.
    var progress: (@Sendable (Int, Int) -> Void)? {
        guard !quiet, isatty(STDOUT_FILENO) == 1 else { return nil }
        return { done, total in
            FileHandle.standardOutput.write(Data("\rwriting pages: \(done) / \(total)\(done == total ? "\r\u{1B}[K" : "")".utf8))
        }
    }
    func detail(_ line: String) { if verbose && !quiet { Self.standardOutput(line) } }
    public func error(_ line: String) { Self.standardError(colour ? "\u{1B}[1;31m\(line)\u{1B}[0m" : line) }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }

    /// Unbuffered, so that each line arrives at once even through a pipe (serve's rebuild lines).
    static func standardOutput(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
