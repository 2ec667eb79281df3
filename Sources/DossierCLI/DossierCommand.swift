import ArgumentParser
import DossierModel
import DossierSite
import Foundation

/// `dossier`: the root command.
public struct DossierCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Build research-briefing sites from Markdown and CSV.",
        discussion: """
            Examples:
              dossier build                         build content/ into public/
              dossier build --drafts --out /tmp/preview
              dossier build --base-url https://example.org/reports/
            """,
        version: version,
        subcommands: [BuildCommand.self]
    )

    public init() {}
}

public struct BuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            Templates come from --templates, else templates/ beside the content folder, else ./templates.
            The output folder is replaced only when the build succeeds.

            Examples:
              dossier build
              dossier build --content site/content --out site/public
              dossier build --drafts --quiet
              dossier build --edition licensee --out public-licensee
              dossier build --now 2026-01-01 --future
            """
    )

    @Option(help: "The content folder (site.yml, briefings/, pages/, data/).")
    var content: String = "content"

    @Option(help: "The templates folder.")
    var templates: String?

    @Option(help: "The output folder.")
    var out: String = "public"

    @Option(name: .customLong("base-url"), help: "Overrides base_url from site.yml.")
    var baseURL: String?

    @Flag(help: "Include briefings marked draft: true.")
    var drafts = false

    @Option(help: "public (licensed briefings as teasers) or licensee (everything).")
    var edition: Edition = .public

    @Flag(help: "Include briefings dated after the build date.")
    var future = false

    @Option(help: "The build date (YYYY-MM-DD) for judging future dates; default SOURCE_DATE_EPOCH, else today.")
    var now: String?

    @Flag(name: .shortAndLong, help: "Print only diagnostics.")
    var quiet = false

    public init() {}

    public func validate() throws {
        if let now, Day(iso: now) == nil { throw ValidationError("--now must be a date as YYYY-MM-DD, got '\(now)'") }
    }

    public func run() throws {
        let options = BuildOptions(
            contentFolder: URL(fileURLWithPath: content),
            templatesFolder: templates.map { URL(fileURLWithPath: $0) },
            outputFolder: URL(fileURLWithPath: out),
            baseURL: baseURL,
            includeDrafts: drafts, edition: edition, includeFuture: future,
            buildDate: now.flatMap(Day.init(iso:)) ?? BuildOptions.defaultBuildDate())
        do {
            let report = try SiteBuilder.build(options)
            for warning in report.warnings { printError(warning.description) }
            if !quiet {
                let stages = report.timings.map { "\($0.stage) \(format($0.seconds))" }.joined(separator: ", ")
                let total = report.timings.reduce(0) { $0 + $1.seconds }
                print("Wrote \(report.pagesWritten) pages (\(report.briefings) briefings) to \(out) in \(format(total)): \(stages); \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")")
            }
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let warnings = error.diagnostics.count - error.errorCount
            printError("build failed: \(error.errorCount) error\(error.errorCount == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"); \(out) was left as it was")
            throw ExitCode.failure
        }
    }

    private func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension Edition: ExpressibleByArgument {}
