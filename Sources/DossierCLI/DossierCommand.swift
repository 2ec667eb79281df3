import ArgumentParser
import DossierModel
import DossierSite
import Foundation

/// The root command's words and version. The root users run is `Dossier` in DossierApp, which
/// adds `serve` (it needs the HTTP server, which this module does not link).
public struct DossierCommand: ParsableCommand {
    public static let version = VersionInfo.current.description

    public static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Build research-briefing sites from Markdown and CSV.",
        discussion: """
            Examples:
              dossier new site my-site           a new site with the default theme
              dossier build                      build content/ into public/
              dossier serve                      preview with live reload on http://127.0.0.1:8000/
              dossier check                      every internal link and anchor must resolve
            """,
        version: version
    )

    public init() {}
}

/// Options every command that builds a site shares.
public struct SiteOptions: ParsableArguments, Sendable {
    @Option(help: "The content folder (site.yml, briefings/, pages/, clusters/, data/).")
    var content: String = "content"

    @Option(help: "The templates folder (default: templates/ beside the content folder, else ./templates, else the built-in theme).")
    var templates: String?

    @Option(help: "public (licensed briefings as teasers) or licensee (everything).")
    var edition: Edition = .public

    @Flag(help: "Include briefings marked draft: true.")
    var drafts = false

    @Flag(help: "Include briefings dated after the build date.")
    var future = false

    @Option(help: "The build date (YYYY-MM-DD) for judging future dates; default SOURCE_DATE_EPOCH, else today.")
    var now: String?

    public init() {}

    public func validate() throws {
        if let now, Day(iso: now) == nil { throw ValidationError("--now must be a date as YYYY-MM-DD, got '\(now)'") }
    }

    public func buildOptions(out: String, baseURL: String?) -> BuildOptions {
        BuildOptions(
            contentFolder: URL(fileURLWithPath: content),
            templatesFolder: templates.map { URL(fileURLWithPath: $0) },
            outputFolder: URL(fileURLWithPath: out),
            baseURL: baseURL,
            includeDrafts: drafts, edition: edition, includeFuture: future,
            buildDate: now.flatMap(Day.init(iso:)) ?? BuildOptions.defaultBuildDate())
    }
}

public struct BuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            The output folder is replaced only when the build succeeds.

            Examples:
              dossier build
              dossier build --content site/content --out site/public
              dossier build --drafts --quiet
              dossier build --edition licensee --out public-licensee
              dossier build --base-url https://example.org/reports/ --check
              dossier build --now 2026-01-01 --future
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The output folder.")
    var out: String = "public"

    @Option(name: .customLong("base-url"), help: "Overrides base_url from site.yml.")
    var baseURL: String?

    @Flag(help: "After building, check every internal link and anchor (as `dossier check`).")
    var check = false

    @OptionGroup var output: OutputOptions

    public init() {}

    public func validate() throws {
        if let baseURL, let problem = SiteConfig.baseURLProblem(baseURL) { throw ValidationError("--base-url \(problem)") }
    }

    public func run() throws {
        var options = site.buildOptions(out: out, baseURL: baseURL)
        let console = Console(quiet: output.quiet, verbose: output.verbose)
        options.progress = console.progress
        options.keepsState = false  // nothing is redone after a one-off build
        console.detail("content \(options.contentFolder.path), templates \(options.resolvedTemplatesFolder?.path ?? "built-in theme"), "
            + "edition \(options.edition.rawValue), build date \(options.buildDate)")
        do {
            let report = try SiteBuilder.build(options)
            console.diagnostics(report.warnings)
            console.summary(report, out: out)
            if check {
                let result = LinkChecker.check(output: options.outputFolder, build: report, workingFolder: options.workingFolder)
                console.diagnostics(result.findings)
                console.info("Checked \(result.pagesChecked) pages: \(result.findings.count) problem\(result.findings.count == 1 ? "" : "s")")
                if !result.findings.isEmpty { throw ExitCode.failure }
            }
        } catch let failure as BuildFailure {
            console.diagnostics(failure.diagnostics)
            console.error("build failed: \(failure.errorCount) error\(failure.errorCount == 1 ? "" : "s"); \(out) was left as it was")
            throw ExitCode.failure
        }
    }
}

public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Build in a private folder and check links, anchors and cluster ids, without writing the site.",
        discussion: """
            Reports each problem at the line of the source file that caused it and exits with
            status 1 when there is any. External links are listed with --external, never fetched.

            Examples:
              dossier check
              dossier check --edition licensee --drafts
              dossier check --external
            """
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "List the external links (they are not fetched: the check works offline).")
    var external = false

    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() throws {
        let console = Console(quiet: output.quiet, verbose: output.verbose)
        do {
            let report = try LinkChecker.check(site.buildOptions(out: "public", baseURL: nil))
            console.diagnostics(report.findings)
            if external {
                for link in report.externalLinks { Console.standardOutput(link) }
                console.info("\(report.externalLinks.count) external link\(report.externalLinks.count == 1 ? "" : "s") (not fetched)")
            }
            console.info("Checked \(report.pagesChecked) pages: \(report.findings.count) problem\(report.findings.count == 1 ? "" : "s")")
            if report.findings.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        } catch let failure as BuildFailure {
            console.diagnostics(failure.diagnostics)
            console.error("check failed: the site does not build (\(failure.errorCount) error\(failure.errorCount == 1 ? "" : "s"))")
            throw ExitCode.failure
        }
    }
}

public struct NewCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new site or a new briefing.",
        discussion: """
            Examples:
              dossier new site my-site
              dossier new briefing "Rail links in the Yangtze River Delta" --clusters yangtze-river-delta
              dossier new briefing "Schienenverbindungen im Jangtse-Delta" --lang de --of content/briefings/2026/rail-links.md
            """,
        subcommands: [NewSiteCommand.self, NewBriefingCommand.self]
    )

    public init() {}
}

public struct NewSiteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "site", abstract: "Create DIR/content and DIR/templates (the default theme).",
        discussion: "Example:\n  dossier new site my-site")

    @Argument(help: "The folder for the new site.")
    var folder: String

    public init() {}

    public func run() throws {
        let url = URL(fileURLWithPath: folder)
        do {
            let created = try Scaffold.site(at: url, today: BuildOptions.defaultBuildDate())
            for path in created { Console.standardOutput("created \(folder)/\(path)") }
            Console.standardOutput("""

                Next:
                  cd \(folder)
                  dossier serve            # preview on http://127.0.0.1:8000/ while you write
                  dossier build            # write the site into public/
                """)
        } catch let failure as Scaffold.Failure {
            Console.standardError("error: \(failure.description)")
            throw ExitCode.failure
        }
    }
}

public struct NewBriefingCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "briefing", abstract: "Write content/briefings/<year>/<slug>.md with today's date, to fill in.",
        discussion: """
            The file starts as a draft; it is never overwritten. With --lang and --of it is the
            translation of that original (x.md → x.de.md beside it), with the original's date.

            Examples:
              dossier new briefing "Rail links in the Yangtze River Delta" --clusters yangtze-river-delta
              dossier new briefing "Schienenverbindungen" --lang de --of content/briefings/2026/rail-links.md
            """)

    @Argument(help: "The briefing's title.")
    var title: String

    @Option(help: "Write a translation into this language (one of site.yml's languages); needs --of.")
    var lang: String?

    @Option(help: "The original briefing that --lang translates, e.g. content/briefings/2026/x.md.")
    var of: String?

    @Option(help: "Cluster ids, separated by commas.")
    var clusters: String?

    @Option(help: "The content folder.")
    var content: String = "content"

    public init() {}

    public func validate() throws {
        if lang != nil && of == nil {
            throw ValidationError("--lang writes a translation: name its original with --of, e.g. --of content/briefings/2026/x.md")
        }
        if of != nil && lang == nil { throw ValidationError("--of names the original of a translation: add --lang with its language") }
        if lang != nil && clusters != nil { throw ValidationError("a translation takes its clusters from the original: leave out --clusters") }
    }

    public func run() throws {
        do {
            let url: URL
            if let lang, let of {
                url = try Scaffold.translation(title: title, of: URL(fileURLWithPath: of), language: lang, content: URL(fileURLWithPath: content))
            } else {
                url = try Scaffold.briefing(
                    title: title, content: URL(fileURLWithPath: content), today: BuildOptions.defaultBuildDate(),
                    clusters: clusters.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [])
            }
            Console.standardOutput("created \(url.path)")
        } catch let failure as Scaffold.Failure {
            Console.standardError("error: \(failure.description)")
            throw ExitCode.failure
        }
    }
}

extension Edition: ExpressibleByArgument {}
