@testable import DossierSite
import DossierModel
import XCTest

/// Invalid sites: every problem is reported as `path:line:col: severity: message`, all in one
/// run, and the previous output survives.
final class DiagnosticsTests: XCTestCase {
    func testReportsEveryProblemOfABuildAtOnce() throws {
        let site = try SiteFixture()
        try site.write("briefings/a-yaml.md", "---\ntitle: A\ndate: [2021\n---\nBody\n")
        try site.write("briefings/b-type.md", "---\ntitle: B\ndate: 2021-01-01\ntopics: Transport\n---\n")
        try site.write("briefings/c-date.md", "---\ntitle: C\ndate: 2021-13-01\n---\n")
        try site.write("briefings/d-access.md", "---\ntitle: D\ndate: 2021-01-01\naccess: secret\n---\n")
        try site.write("briefings/e-missing.md", "---\ndate: 2021-01-01\n---\n")
        try site.write("briefings/f-utf8.md", Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x3A, 0x20, 0xFF, 0x0A]))
        try site.write("briefings/g-nofm.md", "# No front matter\n")
        try site.write("briefings/h-unknown.md", "---\ntitle: H\ndate: 2021-01-01\nauthor: me\n---\n")
        try FileManager.default.createSymbolicLink(
            atPath: site.content.appendingPathComponent("briefings/i-unreadable.md").path,
            withDestinationPath: "/nonexistent/file.md")
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/a-yaml.md:4:1: error: invalid YAML: did not find expected ',' or ']'",
            "content/briefings/b-type.md:4:9: error: 'topics' must be a list, found a single value",
            "content/briefings/c-date.md:3:7: error: invalid date '2021-13-01': expected a real date as YYYY-MM-DD",
            "content/briefings/d-access.md:4:9: error: unknown access value 'secret': expected 'public' or 'licensed'",
            "content/briefings/e-missing.md:1:1: error: missing required field 'title'",
            "content/briefings/f-utf8.md:2:4: error: invalid UTF-8 byte sequence",
            "content/briefings/g-nofm.md:1:1: error: missing front matter: start the file with '---', then 'title:' and 'date:'",
            "content/briefings/h-unknown.md:4:1: warning: unknown key 'author' in front matter (ignored); did you mean 'authors'?",
            "content/briefings/i-unreadable.md: error: cannot read file: no such file (a broken link?)",
        ])
        XCTAssertFalse(site.exists("", in: site.output), "no output from a failed first build")
    }

    func testDuplicateRouteNamesBothFiles() throws {
        let site = try SiteFixture()
        try site.write("briefings/2025/rail.md", briefing(title: "Rail"))
        try site.write("briefings/2025/other.md", briefing(title: "Other", extra: "slug: rail"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/rail.md: error: duplicate route /briefings/2025/rail/: also produced by content/briefings/2025/other.md",
        ])
    }

    func testFailedBuildLeavesPreviousOutputExactlyAsItWas() throws {
        let site = try SiteFixture()
        try site.write("briefings/2025/rail.md", briefing(title: "Rail"))
        try site.build()
        let before = SiteFixture.snapshot(site.output)
        try site.write("briefings/2025/rail.md", briefing(title: "Rail changed", date: "2025-02-30"))
        try site.write("briefings/2025/new.md", briefing(title: "New"))
        XCTAssertEqual(site.failingBuild().count, 1)
        XCTAssertEqual(SiteFixture.snapshot(site.output), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("staging") }
        XCTAssertEqual(leftovers, [], "the staging folder is gone (kept as the spare)")
    }

    func testTemplateSyntaxErrorAndMissingPartialNameTheTemplate() throws {
        let site = try SiteFixture()
        try site.write("briefings/a.md", briefing(title: "A"))
        try "{{<base}}{{$main}}\n{{#briefing}}\n{{title}}\n{{/brief}}\n{{/main}}{{/base}}\n"
            .write(to: site.templates.appendingPathComponent("briefing.mustache"), atomically: true, encoding: .utf8)
        try "<p>{{> partials/nowhere}}</p>\n"
            .write(to: site.templates.appendingPathComponent("partials/footer.mustache"), atomically: true, encoding: .utf8)
        XCTAssertEqual(site.failingBuild(), [
            "templates/briefing.mustache:4:1: error: closing tag '{{/brief}}' does not match section 'briefing' opened at line 2",
            "templates/partials/footer.mustache:1:4: error: partial 'partials/nowhere' does not exist",
        ])
    }

    func testSiteConfigErrors() throws {
        let site = try SiteFixture(siteYML: "base_url: https://e.org/\nnav: Briefings\n")
        XCTAssertEqual(site.failingBuild(), [
            "content/site.yml:1:1: error: missing required field 'title'",
            "content/site.yml:2:6: error: 'nav' must be a list, found a single value",
        ])
    }

    func testUnsafeFileNameIsRefused() throws {
        let site = try SiteFixture()
        try site.write("briefings/2025/what now?.md", briefing(title: "Q"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2025/what now?.md: error: file name gives an unsafe URL segment; use letters, digits, '-', '_' or '.' (or set 'slug')",
        ])
    }

    func testOutputFolderMayNotOverlapContentOrTemplates() throws {
        let site = try SiteFixture()
        try site.write("briefings/a.md", briefing(title: "A"))
        for out in [site.content, site.content.appendingPathComponent("public"), site.root, site.templates] {
            let messages = site.failingBuild(out: out)
            XCTAssertEqual(messages.count, 1)
            XCTAssertTrue(messages[0].contains("error: refusing to write output to"), messages[0])
        }
        XCTAssertTrue(site.exists("briefings/a.md", in: site.content), "content untouched")
    }

    func testForeignNonEmptyOutputFolderIsNotReplaced() throws {
        let site = try SiteFixture()
        try site.write("briefings/a.md", briefing(title: "A"))
        let foreign = site.root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "keep me".write(to: foreign.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(site.failingBuild(out: foreign), [
            "mine: error: output folder is not empty and was not written by dossier; remove it or choose another --out",
        ])
        XCTAssertEqual(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8), "keep me")
    }
}
