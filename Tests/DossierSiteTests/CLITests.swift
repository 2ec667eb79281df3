import ArgumentParser
@testable import DossierCLI
import DossierModel
@testable import DossierSite
import XCTest

final class CLITests: XCTestCase {
    func run(_ arguments: [String]) throws {
        var command = try DossierCommand.parseAsRoot(arguments)
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
            XCTAssertEqual(DossierCommand.exitCode(for: error), ExitCode.failure)
        }
        XCTAssertTrue(site.exists("briefings/2024/tiers/index.html"), "previous output kept")
    }

    func testOptionsAndDefaults() throws {
        let command = try XCTUnwrap(try DossierCommand.parseAsRoot(["build"]) as? BuildCommand)
        XCTAssertEqual(command.site.content, "content")
        XCTAssertEqual(command.out, "public")
        XCTAssertNil(command.site.templates)
        XCTAssertFalse(command.site.drafts)
        XCTAssertEqual(command.site.edition, .public)
        let drafts = try XCTUnwrap(try DossierCommand.parseAsRoot(
            ["build", "--drafts", "--base-url", "https://e.org/r/", "--edition", "licensee", "--now", "2026-01-02", "--future"]) as? BuildCommand)
        XCTAssertTrue(drafts.site.drafts)
        XCTAssertEqual(drafts.baseURL, "https://e.org/r/")
        XCTAssertEqual(drafts.site.edition, .licensee)
        XCTAssertEqual(drafts.site.buildOptions(out: "x", baseURL: nil).buildDate.description, "2026-01-02")
        XCTAssertThrowsError(try DossierCommand.parseAsRoot(["build", "--nope"]))
        XCTAssertThrowsError(try DossierCommand.parseAsRoot(["build", "--now", "2026-02-30"]))
        XCTAssertThrowsError(try DossierCommand.parseAsRoot(["build", "--edition", "vip"]))
    }

    func testHelpAndVersion() {
        XCTAssertTrue(DossierCommand.helpMessage().contains("dossier build"))
        XCTAssertTrue(DossierCommand.helpMessage(for: BuildCommand.self).contains("--base-url"))
        for command in [BuildCommand.self, CheckCommand.self, NewSiteCommand.self, NewBriefingCommand.self] as [ParsableCommand.Type] {
            XCTAssertTrue(DossierCommand.helpMessage(for: command).contains("Example"), "\(command) has examples")
        }
        // --version (version, commit, libcmark) is checked against independent sources in DossierReleaseTests.
    }
}

final class NewCommandTests: XCTestCase {
    func testNewSiteCreatesASiteThatBuilds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var command = try DossierCommand.parseAsRoot(["new", "site", folder.path])
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
        XCTAssertThrowsError(try { var again = try DossierCommand.parseAsRoot(["new", "site", folder.path]); try again.run() }(),
                             "never over an existing site")
    }

    func testNewBriefingNeverOverwrites() throws {
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: content) }
        let today = Day(iso: "2026-11-29")!
        let url = try Scaffold.briefing(title: "Rail links: the \"Yangtze\" plan", content: content, today: today, language: nil, clusters: ["yangtze-river-delta"])
        XCTAssertEqual(url.path, content.appendingPathComponent("briefings/2026/rail-links-the-yangtze-plan.md").path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("title: \"Rail links: the \\\"Yangtze\\\" plan\"\ndate: 2026-11-29\n"))
        XCTAssertTrue(text.contains("clusters: [yangtze-river-delta]"))
        XCTAssertThrowsError(try Scaffold.briefing(title: "Rail links: the \"Yangtze\" plan", content: content, today: today, language: nil, clusters: []))
        let de = try Scaffold.briefing(title: "Rail links: the \"Yangtze\" plan", content: content, today: today, language: "de", clusters: [])
        XCTAssertTrue(de.lastPathComponent.hasSuffix(".de.md"))
        // The new file parses: decoding its front matter gives no error.
        let split = SourceReader.split(text)
        XCTAssertEqual(FrontMatterDecoder.decode(split.frontMatter!, path: "x", firstLine: 2).1.filter { $0.severity == .error }, [])
    }
}

final class CheckTests: XCTestCase {
    func testCheckFindsBrokenLinksAndAnchorsAtTheirSourceLines() throws {
        let site = try SiteFixture.sample()
        try site.write("briefings/2025/links.md", briefing(title: "Links", extra: "clusters: [atlantis]", body: """
            Intro.

            A [good link](/briefings/2024/tiers/) and a [broken one](/briefings/2024/nowhere/).
            An [anchor that exists](/briefings/2024/tiers/#main) and [one that does not](../../2024/tiers/#missing).
            [Local](#nothing-here) and <https://external.example/page>.

            """))
        let report = try LinkChecker.check(site.options(edition: .licensee))
        XCTAssertEqual(report.findings.map(\.description), [
            "content/briefings/2025/links.md:4:12: error: unknown cluster id 'atlantis' (not in data/clusters.csv)",
            "content/briefings/2025/links.md:8:58: error: link '/briefings/2024/nowhere/' is broken: there is no page at /briefings/2024/nowhere/",
            "content/briefings/2025/links.md:9:78: error: link '../../2024/tiers/#missing' has no target: no id 'missing' on /briefings/2024/tiers/index.html",
            "content/briefings/2025/links.md:10:9: error: link '#nothing-here' has no target: no id 'nothing-here' on this page",
        ])
        XCTAssertEqual(report.externalLinks.filter { $0.contains("external.example") }, ["https://external.example/page"])
        XCTAssertFalse(site.exists("index.html"), "check never writes the output folder")
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
