import DossierModel
import DossierSite
import Foundation

/// Builds the site into a private folder and rebuilds it on changes, one rebuild at a time:
/// an edited body redoes just its page (and the feeds that carry it), anything else the whole
/// site. A failed rebuild keeps the last good site and reports its diagnostics.
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

    /// Rebuilds for a batch of changed paths and returns what happened; `afterReload` work (the
    /// feeds of an edited page) runs once `then` has announced the result.
    public func rebuild(changed paths: [String], then announce: @escaping @Sendable (Outcome) -> Void) {
        queue.async {
            let start = ContinuousClock.now
            var outcome: Outcome
            var followUp: (@Sendable () -> Void)?
            // A path that is gone (a deleted or renamed file) changes the routes: only a full
            // build removes its page from the lists. New files reach a full build below, as
            // neither incremental update knows them.
            let removed = paths.contains { !FileManager.default.fileExists(atPath: $0) }
            if let state = self.state, !removed, paths.allSatisfy({ $0.hasSuffix(".md") }) {
                do {
                    var updated: [(String, SiteBuilder.PageUpdate)] = []
                    for path in paths {
                        guard let update = try SiteBuilder.updateBody(of: URL(fileURLWithPath: path), state: state, options: self.options) else {
                            updated = []
                            break
                        }
                        updated.append((path, update))
                    }
                    if updated.count != paths.count,
                       let (newState, update) = try SiteBuilder.updateFrontMatter(
                           of: paths.map { URL(fileURLWithPath: $0) }, state: state, options: self.options) {
                        self.state = newState
                        outcome = Outcome(summary: "front matter of \(paths.count) file\(paths.count == 1 ? "" : "s"): \(update.files.count) files",
                                          milliseconds: Self.milliseconds(since: start), diagnostics: update.warnings, succeeded: true)
                        announce(outcome)
                        return
                    }
                    if updated.count == paths.count {
                        let names = paths.map { self.options.display(URL(fileURLWithPath: $0)) }.joined(separator: ", ")
                        let pages = updated.reduce(0) { $0 + $1.1.files.count }
                        outcome = Outcome(summary: "\(names): \(pages) page\(pages == 1 ? "" : "s")", milliseconds: Self.milliseconds(since: start),
                                          diagnostics: updated.flatMap { $0.1.warnings }, succeeded: true)
                        let jobs = updated.map { $0.1.followUp }
                        followUp = { for job in jobs { job() } }
                        announce(outcome)
                        followUp?()
                        return
                    }
                    outcome = self.fullBuild()
                } catch let failure as BuildFailure {
                    outcome = Outcome(summary: "build failed", milliseconds: Self.milliseconds(since: start),
                                      diagnostics: failure.diagnostics, succeeded: false)
                } catch {
                    outcome = self.fullBuild()
                }
            } else {
                outcome = self.fullBuild()
            }
            outcome.milliseconds = Self.milliseconds(since: start)
            announce(outcome)
        }
    }

    private func fullBuild() -> Outcome {
        let start = ContinuousClock.now
        do {
            let report = try SiteBuilder.build(options)
            state = report.state
            return Outcome(summary: "full build: \(report.pagesWritten) pages", milliseconds: Self.milliseconds(since: start),
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
