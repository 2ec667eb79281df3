import DossierModel
import Foundation

public struct BuildOptions: Sendable {
    public var contentFolder: URL
    /// `nil`: `templates/` beside the content folder, else `./templates`.
    public var templatesFolder: URL?
    public var outputFolder: URL
    /// Overrides `base_url` from site.yml.
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Which edition to build: `public` shows licensed briefings as teasers only.
    public var edition: Edition
    /// Include briefings dated after `buildDate`.
    public var includeFuture: Bool
    /// "Today" for judging future dates: `--now`, else SOURCE_DATE_EPOCH, else the clock (UTC).
    public var buildDate: Day
    /// Diagnostics show paths relative to this folder when they are inside it.
    public var workingFolder: URL
    /// Called now and then while pages are written: (pages done, pages in all).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Keep what `serve` needs to redo one page (`BuildReport.state`). A one-off build turns it
    /// off and lets go of the loaded front matter once the site is resolved.
    public var keepsState = true

    public init(
        contentFolder: URL, templatesFolder: URL? = nil, outputFolder: URL, baseURL: String? = nil,
        includeDrafts: Bool = false, edition: Edition = .public, includeFuture: Bool = false,
        buildDate: Day = BuildOptions.defaultBuildDate(),
        workingFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.edition = edition
        self.includeFuture = includeFuture
        self.buildDate = buildDate
        self.contentFolder = contentFolder.standardizedFileURL
        self.templatesFolder = templatesFolder?.standardizedFileURL
        self.outputFolder = outputFolder.standardizedFileURL
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.workingFolder = workingFolder.standardizedFileURL
    }

    /// SOURCE_DATE_EPOCH (reproducible builds) when set, else today's date in UTC.
    public static func defaultBuildDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? Date().timeIntervalSince1970
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// `--templates`, else `templates/` beside the content folder, else `./templates`; nil when
    /// none exists (the build then uses the default theme inside the binary).
    public var resolvedTemplatesFolder: URL? {
        if let templatesFolder { return templatesFolder }
        for candidate in [contentFolder.deletingLastPathComponent().appendingPathComponent("templates"),
                          workingFolder.appendingPathComponent("templates")] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
        }
        return nil
    }

    /// How a path is shown in diagnostics: relative to the working folder when inside it.
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = workingFolder.path.hasSuffix("/") ? workingFolder.path : workingFolder.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

public enum Edition: String, Sendable, CaseIterable {
    /// For everyone: a licensed briefing shows its teaser (title, summary, key points) only.
    case `public`
    /// For licensees: every body, licensed briefings marked as such.
    case licensee
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var briefings: Int
    public var warnings: [Diagnostic]
    /// Stage name and seconds, in order.
    public var timings: [(stage: String, seconds: Double)]
    /// Output file (relative) → the source file it was rendered from, for `check`.
    public var sources: [String: String] = [:]
    /// `/` or the base URL's sub-path, and the absolute base URL.
    public var basePath: String = "/"
    public var baseURL: String = "/"
    /// Briefings left out (drafts, future dates): root-relative URL → why, for `check`.
    public var unpublished: [String: String] = [:]
    /// The URLs of every briefing's `sources`: references, never checked as pages.
    public var sourceURLs: Set<String> = []
    /// Kept for `serve`, which redoes single pages.
    public var state: BuildState?
    /// Links and ids of bodies that were read but not written (teasers), by output file, for `check`.
    var hiddenBodies: [String: HiddenBody] = [:]
}
