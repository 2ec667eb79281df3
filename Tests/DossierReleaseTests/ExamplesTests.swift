import XCTest

/// The publishing examples in examples/: each passes its linter, installs the portable binary
/// (never a Swift toolchain), checks its hash, and builds with an explicit --base-url.
final class ExamplesTests: XCTestCase {
    static let ciFiles = [
        "examples/github-pages/pages.yml", "examples/gitlab-pages/.gitlab-ci.yml", "examples/netlify/netlify-build.sh",
        "examples/s3/s3.yml", "examples/rsync/rsync.yml", "examples/licensee/licensee.yml",
    ]

    func testExamplesPassTheirLinters() throws {
        let output = try XCTUnwrap(try Repository.run("bash", ["scripts/lint-examples.sh"]), "bash is not installed")
        if output.status == 77 { throw XCTSkip("linters unavailable: \(output.trimmed)") }
        XCTAssertEqual(output.status, 0, output.text)
    }

    func testEveryExampleUsesThePortableBinary() throws {
        for file in Self.ciFiles {
            let text = try Repository.text(file)
            XCTAssertTrue(text.contains("sha256sum -c"), "\(file) checks the tarball's hash")
            XCTAssertTrue(text.contains("dossier build --base-url") || text.contains("--base-url \""), "\(file) sets the base URL")
            for toolchain in ["swift build", "setup-swift", "swiftly", "swift:"] {
                XCTAssertFalse(text.contains(toolchain), "\(file) uses a Swift toolchain (\(toolchain))")
            }
        }
        // The download address is an obvious placeholder until a release exists.
        for file in Self.ciFiles.filter({ !$0.hasSuffix(".sh") }) + ["examples/netlify/netlify.toml"] {
            let text = try Repository.text(file)
            XCTAssertTrue(text.contains("PLACEHOLDER") && text.contains("REPLACE-ME.invalid"), "\(file) marks its download address")
            let version = try Repository.text("VERSION").split(separator: "-").first.map(String.init) ?? ""
            XCTAssertTrue(text.contains("dossier-\(version.trimmingCharacters(in: .whitespacesAndNewlines))-linux-x86_64.tar.gz"),
                          "\(file) downloads the tarball name that make dist writes for VERSION")
        }
    }

    func testReadmeLinksEveryExample() throws {
        let readme = try Repository.text("README.md")
        for file in Self.ciFiles + ["examples/netlify/netlify.toml", "examples/licensee/nginx.conf"] {
            XCTAssertTrue(readme.contains(file), "README.md does not mention \(file)")
        }
    }
}
