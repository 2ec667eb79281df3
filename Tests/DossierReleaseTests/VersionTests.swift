import ArgumentParser
import DossierCLI
import DossierMarkdown
import XCTest

/// `dossier --version`: the version comes from VERSION, the commit from the checkout the tests were
/// built from, the libcmark version from the library linked. Each is compared with an independent
/// source, so a stale stamp, a wrong ref lookup or a mismatched library fails here.
final class VersionTests: XCTestCase {
    func testVersionIsTheVersionFile() throws {
        let file = try Repository.text("VERSION").split(whereSeparator: \.isNewline).first.map(String.init)
        XCTAssertEqual(VersionInfo.current.version, file)
        XCTAssertNotNil(VersionInfo.current.version.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$"#, options: .regularExpression))
    }

    func testCommitIsTheCheckedOutCommit() throws {
        guard Repository.exists(".git") else {
            XCTAssertEqual(VersionInfo.current.commit, "unknown", "built outside a git checkout")
            return
        }
        guard let head = try Repository.run("git", ["rev-parse", "HEAD"]), head.status == 0 else {
            throw XCTSkip("git is not installed, so the commit cannot be compared")
        }
        XCTAssertEqual(VersionInfo.current.commit, head.trimmed,
                       "the StampVersion plugin read another commit than git's HEAD")
    }

    func testLibcmarkIsTheLinkedLibrary() throws {
        guard let installed = try Repository.run("pkg-config", ["--modversion", "libcmark"]), installed.status == 0 else {
            throw XCTSkip("pkg-config does not know libcmark")
        }
        XCTAssertEqual(VersionInfo.current.libcmark, installed.trimmed)
        XCTAssertEqual(Markdown.libcmarkVersion, installed.trimmed)
    }

    func testVersionFlagPrintsVersionCommitAndLibcmark() throws {
        XCTAssertThrowsError(try DossierCommand.parseAsRoot(["--version"])) { error in
            let printed = DossierCommand.fullMessage(for: error)
            XCTAssertEqual(printed, VersionInfo.current.description)
            XCTAssertNotNil(printed.range(
                of: #"^dossier [0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)? \(commit ([0-9a-f]{40}|[0-9a-f]{64}|unknown), libcmark [0-9]+\.[0-9]+\.[0-9]+\)$"#,
                options: .regularExpression), printed)
        }
    }

    /// Keep a Changelog: an [Unreleased] section while VERSION is a pre-release, else a dated
    /// section for the version.
    func testChangelogHasASectionForTheVersion() throws {
        let changelog = try Repository.text("CHANGELOG.md")
        XCTAssertTrue(changelog.hasPrefix("# Changelog\n"))
        XCTAssertTrue(changelog.contains("keepachangelog.com"))
        let version = VersionInfo.current.version
        if version.contains("-") {
            XCTAssertTrue(changelog.contains("\n## [Unreleased]\n"), "CHANGELOG.md needs an [Unreleased] section for \(version)")
        } else {
            XCTAssertNotNil(changelog.range(of: #"\n## \[\#(version)\] - [0-9]{4}-[0-9]{2}-[0-9]{2}\n"#, options: .regularExpression),
                            "CHANGELOG.md needs a dated section for \(version)")
        }
        for line in changelog.split(separator: "\n") where line.hasPrefix("### ") {
            XCTAssertTrue(["### Added", "### Changed", "### Deprecated", "### Removed", "### Fixed", "### Security"].contains(String(line)),
                          "not a Keep a Changelog heading: \(line)")
        }
    }
}
