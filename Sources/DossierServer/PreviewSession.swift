import DossierModel
import DossierSite
import Foundation

/// Builds the site into a private folder and rebuilds it on changes, one rebuild at a time,
/// redoing only the pages a change touches. A failed rebuild keeps the last good site and
/// reports its diagnostics.
public final class PreviewSession: @unchecked Sendable {
    public struct Outcome: Sendable {
        /// What was rebuilt, for the terminal: "briefings/x.md: 1 page" or "full build: 12,345 pages".
        public var summary: String
        public var milliseconds: Double
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool
    }

    public private(set) var options: BuildOptions
    private var state: BuildState?
    private let queue = DispatchQueue(label: "dossier-preview-rebuild")

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Sets the base URL once the server knows its port (port 0 picks one when it binds).
    public func setBaseURL(_ url: String) {
        queue.sync { options.baseURL = url }
    }

    /// A full build (the first one, or after a change that needs it).
    public func build() -> Outcome {
        queue.sync { fullBuild() }
    }

    /// Rebuilds for a batch of changed paths and announces what happened. Every change runs the
    /// same incremental build as `dossier build`: the jobs whose key changed are redone, the rest
    /// kept, so a deleted, renamed or new file, a template or a data file needs no special case.
    public func rebuild(changed paths: [String], then announce: @escaping @Sendable (Outcome) -> Void) {
        queue.async {
            let start = ContinuousClock.now
            var outcome = self.fullBuild()
            outcome.milliseconds = Self.milliseconds(since: start)
            announce(outcome)
        }
    }

    private func fullBuild() -> Outcome {
        let start = ContinuousClock.now
        do {
            let report = try SiteBuilder.build(options, previous: state, keepingBodies: true)
            state = report.state
            let summary = report.pagesRendered == report.pagesWritten
                ? "full build: \(report.pagesWritten) pages"
                : "\(report.pagesRendered) of \(report.pagesWritten) pages redone"
            return Outcome(summary: summary, milliseconds: Self.milliseconds(since: start),
                           diagnostics: report.warnings, succeeded: true)
        } catch {
            return Outcome(summary: "build failed", milliseconds: Self.milliseconds(since: start),
                           diagnostics: error.diagnostics, succeeded: false)
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
