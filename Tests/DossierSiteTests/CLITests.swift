import ArgumentParser
import DossierApp
@testable import DossierServer
@testable import DossierCLI
import DossierModel
@testable import DossierSite
import XCTest

/// The tests drive `Dossier`, the root command the executable runs (with `serve`).
final class CLITests: XCTestCase {
    func run(_ arguments: [String]) throws {
        var command = try Dossier.parseAsRoot(arguments)
        try command.run()
    }

    func testBuildCommandBuildsAndFailsWithExitCodeOne() throws {
        let site = try SiteFixture.sample()
        let base = ["build", "--content", site.content.path, "--templates", site.templates.path,
                    "--out", site.output.path, "--quiet"]
        try run(base)
        XCTAssertTrue(site.exists("briefings/2024/tiers/index.html"))

        try site.write("briefings/2024/tiers.md", "---\ntitle: [broken\n---\n")
        XCTAssertThrowsError(try run(base)) { error in
            XCTAssertEqual(Dossier.exitCode(for: error), ExitCode.failure)
        }
        XCTAssertTrue(site.exists("briefings/2024/tiers/index.html"), "previous output kept")
    }

    func testOptionsAndDefaults() throws {
        let command = try XCTUnwrap(try Dossier.parseAsRoot(["build"]) as? BuildCommand)
        XCTAssertEqual(command.site.content, "content")
        XCTAssertEqual(command.out, "public")
        XCTAssertNil(command.site.templates)
        XCTAssertFalse(command.site.drafts)
        XCTAssertEqual(command.site.edition, .public)
        let drafts = try XCTUnwrap(try Dossier.parseAsRoot(
            ["build", "--drafts", "--base-url", "https://e.org/r/", "--edition", "licensee", "--now", "2026-01-02", "--future"]) as? BuildCommand)
        XCTAssertTrue(drafts.site.drafts)
        XCTAssertEqual(drafts.baseURL, "https://e.org/r/")
        XCTAssertEqual(drafts.site.edition, .licensee)
        XCTAssertEqual(drafts.site.buildOptions(out: "x", baseURL: nil).buildDate.description, "2026-01-02")
        XCTAssertThrowsError(try Dossier.parseAsRoot(["build", "--nope"]))
        XCTAssertThrowsError(try Dossier.parseAsRoot(["build", "--now", "2026-02-30"]))
        XCTAssertThrowsError(try Dossier.parseAsRoot(["build", "--edition", "vip"]))
        for bad in ["example.org", "https://example.org/?lang=en", "https://example.org/#top", "ftp://example.org/", "/reports/"] {
            XCTAssertThrowsError(try Dossier.parseAsRoot(["build", "--base-url", bad])) { error in
                XCTAssertEqual(Dossier.exitCode(for: error), ExitCode.validationFailure, bad)
                XCTAssertTrue(Dossier.message(for: error).hasPrefix("--base-url must"), Dossier.message(for: error))
            }
        }
        let serve = try XCTUnwrap(try Dossier.parseAsRoot(["serve", "--port", "0", "--drafts"]) as? ServeCommand)
        XCTAssertTrue(serve.site.drafts, "serve is a subcommand of the root users run")
    }

    func testHelpAndVersion() throws {
        let help = Dossier.helpMessage()
        XCTAssertTrue(help.contains("dossier build"))
        for name in ["build", "serve", "check", "new"] {
            XCTAssertNotNil(help.range(of: "\n  \(name) "), "--help lists \(name):\n\(help)")
        }
        XCTAssertTrue(Dossier.helpMessage(for: BuildCommand.self).contains("--base-url"))
        for command in [BuildCommand.self, ServeCommand.self, CheckCommand.self, NewSiteCommand.self, NewBriefingCommand.self] as [ParsableCommand.Type] {
            XCTAssertTrue(Dossier.helpMessage(for: command).contains("Example"), "\(command) has examples")
        }
        // `dossier --help` as users type it: the parser answers with the help text, exit status 0.
        var helpCommand = try Dossier.parseAsRoot(["--help"])
        XCTAssertThrowsError(try helpCommand.run()) { error in
            XCTAssertEqual(Dossier.exitCode(for: error), ExitCode.success)
            XCTAssertTrue(Dossier.fullMessage(for: error).contains("serve"))
        }
        // --version (version, commit, libcmark) is checked against independent sources in DossierReleaseTests.
    }
}

final class NewCommandTests: XCTestCase {
    func testNewSiteCreatesASiteThatBuilds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var command = try Dossier.parseAsRoot(["new", "site", folder.path])
        try command.run()
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("templates/base.mustache").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("templates/assets/style.css").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("content/data/example.csv").path))
        let report = try SiteBuilder.build(BuildOptions(
            contentFolder: folder.appendingPathComponent("content"), outputFolder: folder.appendingPathComponent("public"),
            workingFolder: folder))
        XCTAssertEqual(report.warnings, [])
        XCTAssertEqual(report.briefings, 1)
        let home = try String(contentsOf: folder.appendingPathComponent("public/index.html"), encoding: .utf8)
        XCTAssertTrue(home.contains("My first briefing"))
        XCTAssertThrowsError(try { var again = try Dossier.parseAsRoot(["new", "site", folder.path]); try again.run() }(),
                             "never over an existing site")
    }

    func testNewBriefingNeverOverwrites() throws {
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: content) }
        let today = Day(iso: "2026-11-29")!
        let url = try Scaffold.briefing(title: "Rail links: the \"Yangtze\" plan", content: content, today: today, clusters: ["yangtze-river-delta"])
        XCTAssertEqual(url.path, content.appendingPathComponent("briefings/2026/rail-links-the-yangtze-plan.md").path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("title: \"Rail links: the \\\"Yangtze\\\" plan\"\ndate: 2026-11-29\n"))
        XCTAssertTrue(text.contains("clusters: [yangtze-river-delta]"))
        XCTAssertThrowsError(try Scaffold.briefing(title: "Rail links: the \"Yangtze\" plan", content: content, today: today, clusters: []))
        let plain = try Scaffold.briefing(title: "Other", content: content, today: today, clusters: [])
        XCTAssertFalse(try String(contentsOf: plain, encoding: .utf8).contains("clusters:"), "no key for a collection the site may not have")
        // The new file parses: decoding its front matter gives no error.
        let split = SourceReader.split(text)
        XCTAssertEqual(FrontMatterDecoder.decode(split.frontMatter!, path: "x", firstLine: 2).1.filter { $0.severity == .error }, [])
    }

    /// `new briefing --lang de --of x.md` writes `x.de.md` with the original's date, as a draft,
    /// and the site builds with it (without --drafts, and with it, where it is the German edition).
    func testNewTranslationOfAnOriginalBuilds() throws {
        let site = try SiteFixture.sample()
        let original = site.content.appendingPathComponent("briefings/2024/tiers.md")
        func new(_ arguments: [String]) throws {
            var command = try Dossier.parseAsRoot(["new", "briefing"] + arguments + ["--content", site.content.path])
            try command.run()
        }
        try new(["Drei Stufen", "--lang", "de", "--of", original.path])
        let translation = site.content.appendingPathComponent("briefings/2024/tiers.de.md")
        XCTAssertEqual(try String(contentsOf: translation, encoding: .utf8), """
            ---
            title: "Drei Stufen"
            date: 2024-05-14     # the original's
            summary: ""
            key_points:
              - ""
            draft: true      # remove when it is ready to publish
            ---


            """)
        try site.build()
        XCTAssertFalse(site.exists("de/briefings/2024/tiers/index.html"), "a draft until the author says otherwise")
        XCTAssertEqual(try site.build(drafts: true).warnings, [])
        let page = try site.page("de/briefings/2024/tiers/index.html")
        XCTAssertTrue(page.contains("Drei Stufen"))
        XCTAssertTrue(page.contains("hreflang=\"en\""), "linked to its original")

        XCTAssertThrowsError(try new(["Drei Stufen", "--lang", "de", "--of", original.path]), "never overwrites")
        XCTAssertThrowsError(try Dossier.parseAsRoot(["new", "briefing", "Drei Stufen", "--lang", "de"])) { error in
            XCTAssertEqual(Dossier.message(for: error),
                           "--lang writes a translation: name its original with --of, e.g. --of content/briefings/2026/x.md")
        }
        XCTAssertThrowsError(try Scaffold.translation(title: "Trois", of: original, language: "fr", content: site.content)) { error in
            XCTAssertEqual("\(error)", "'fr' is not in languages: [en, de]; add it to 'languages' in \(site.content.path)/site.yml first")
        }
        XCTAssertThrowsError(try Scaffold.translation(title: "X", of: translation, language: "de", content: site.content)) { error in
            XCTAssertTrue("\(error)".hasPrefix("--of needs the original briefing"), "\(error)")
        }
    }
}

final class CheckTests: XCTestCase {
    func testCheckFindsBrokenLinksAndAnchorsAtTheirSourceLines() throws {
        let site = try SiteFixture.sample()
        try site.write("briefings/2025/links.md", briefing(title: "Links", extra: "clusters: [beibu-gulf]", body: """
            Intro.

            A [good link](/briefings/2024/tiers/) and a [broken one](/briefings/2024/nowhere/).
            An [anchor that exists](/briefings/2024/tiers/#main) and [one that does not](../../2024/tiers/#missing).
            [Local](#nothing-here) and <https://external.example/page>.

            """))
        let report = try LinkChecker.check(site.options(edition: .licensee))
        XCTAssertEqual(report.findings.map(\.description), [
            "content/briefings/2025/links.md:8:58: error: link '/briefings/2024/nowhere/' is broken: there is no page at /briefings/2024/nowhere/",
            "content/briefings/2025/links.md:9:78: error: link '../../2024/tiers/#missing' has no target: no id 'missing' on /briefings/2024/tiers/index.html",
            "content/briefings/2025/links.md:10:9: error: link '#nothing-here' has no target: no id 'nothing-here' on this page",
        ])
        XCTAssertEqual(report.externalLinks.filter { $0.contains("external.example") }, ["https://external.example/page"])
        XCTAssertFalse(site.exists("index.html"), "check never writes the output folder")
    }

    /// An unknown row id fails the build itself, so `check` (which builds first) reports it once,
    /// where it was written: one source of truth.
    func testCheckReportsAnUnknownRowIdAtItsLine() throws {
        let site = try SiteFixture.sample()
        try site.write("briefings/2025/links.md", briefing(title: "Links", extra: "clusters: [beibu-gulf, atlantis]"))
        do {
            _ = try LinkChecker.check(site.options())
            XCTFail("check should fail")
        } catch {
            XCTAssertEqual(error.diagnostics.map(\.description), [
                "content/briefings/2025/links.md:4:24: error: unknown clusters id 'atlantis': not a row of data/clusters.csv",
            ])
        }
    }

    func testCheckPassesOnTheSampleSite() throws {
        let content = SiteFixture.repository.appendingPathComponent("content")
        let report = try LinkChecker.check(BuildOptions(
            contentFolder: content, templatesFolder: SiteFixture.repository.appendingPathComponent("templates"),
            outputFolder: FileManager.default.temporaryDirectory.appendingPathComponent("unused"), edition: .licensee,
            buildDate: SiteFixture.buildDate, workingFolder: SiteFixture.repository))
        XCTAssertEqual(report.findings.map(\.description), [])
        XCTAssertGreaterThan(report.pagesChecked, 40)
    }
}
