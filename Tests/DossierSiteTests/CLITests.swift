import ArgumentParser
@testable import DossierCLI
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
        XCTAssertEqual(command.content, "content")
        XCTAssertEqual(command.out, "public")
        XCTAssertNil(command.templates)
        XCTAssertFalse(command.drafts)
        let drafts = try XCTUnwrap(try DossierCommand.parseAsRoot(["build", "--drafts", "--base-url", "https://e.org/r/"]) as? BuildCommand)
        XCTAssertTrue(drafts.drafts)
        XCTAssertEqual(drafts.baseURL, "https://e.org/r/")
        XCTAssertThrowsError(try DossierCommand.parseAsRoot(["build", "--nope"]))
    }

    func testHelpAndVersion() {
        XCTAssertTrue(DossierCommand.helpMessage().contains("dossier build"))
        XCTAssertTrue(DossierCommand.helpMessage(for: BuildCommand.self).contains("--base-url"))
        XCTAssertEqual(DossierCommand.configuration.version, DossierCommand.version)
    }
}
