@testable import DossierSite
import DossierModel
import XCTest

/// What `serve` redoes after an edit must equal a full build of the edited site.
final class IncrementalTests: XCTestCase {
    func testBodyEditRedoesOnePageAndMatchesAFullBuild() throws {
        let site = try SiteFixture.sample()
        let state = try XCTUnwrap(try site.build().state)
        let file = site.content.appendingPathComponent("briefings/2024/tiers.md")
        try site.write("briefings/2024/tiers.md", briefing(
            title: "Three tiers", date: "2024-05-14", extra: "topics: [Regional Policy]\nclusters: [beibu-gulf]", body: "A new body.\n"))
        let update = try XCTUnwrap(try SiteBuilder.updateBody(of: file, state: state, options: site.options()))
        update.followUp()
        XCTAssertEqual(update.files, ["briefings/2024/tiers/index.html"])
        let fresh = site.root.appendingPathComponent("fresh")
        try site.build(out: fresh)
        XCTAssertEqual(SiteFixture.snapshot(site.output), SiteFixture.snapshot(fresh))
    }

    func testFrontMatterEditRedoesListsAndMatchesAFullBuild() throws {
        let site = try SiteFixture.sample()
        let state = try XCTUnwrap(try site.build().state)
        let file = site.content.appendingPathComponent("briefings/2024/tiers.md")
        // A new date moves it to the top of every list; a new title shows in related boxes.
        try site.write("briefings/2024/tiers.md", briefing(
            title: "Three tiers, revised", date: "2025-12-01", extra: "topics: [Regional Policy]\nclusters: [beibu-gulf]"))
        XCTAssertNil(try SiteBuilder.updateBody(of: file, state: state, options: site.options()), "front matter changed")
        let (_, update) = try XCTUnwrap(try SiteBuilder.updateFrontMatter(of: [file], state: state, options: site.options()))
        XCTAssertTrue(update.files.contains("index.html"))
        XCTAssertTrue(update.files.contains("briefings/2021/city-clusters/index.html"), "its related box changed")
        XCTAssertFalse(update.files.contains("briefings/2025/rail/index.html"), "untouched pages are not rewritten")
        let fresh = site.root.appendingPathComponent("fresh")
        try site.build(out: fresh)
        XCTAssertEqual(SiteFixture.snapshot(site.output), SiteFixture.snapshot(fresh))
    }

    func testANewTopicNeedsAFullBuild() throws {
        let site = try SiteFixture.sample()
        let state = try XCTUnwrap(try site.build().state)
        let file = site.content.appendingPathComponent("briefings/2024/tiers.md")
        try site.write("briefings/2024/tiers.md", briefing(title: "Three tiers", date: "2024-05-14", extra: "topics: [Brand New Topic]"))
        XCTAssertNil(try SiteBuilder.updateFrontMatter(of: [file], state: state, options: site.options()))
    }
}
