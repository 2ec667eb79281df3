@testable import DossierSite
import DossierModel
import XCTest

/// A build that keeps unchanged pages (`BuildManifest`, `JobKeys.swift`) must write exactly what
/// a build from nothing writes, after any edit.
final class IncrementalTests: XCTestCase {
    /// Builds twice, so that the next build reuses a folder the manifest knows (the spare).
    private func warmed() throws -> SiteFixture {
        let site = try SiteFixture.sample()
        try site.build()
        let second = try site.build()
        XCTAssertEqual(second.pagesRendered, second.pagesWritten, "the first reuse needs a spare folder")
        let third = try site.build()
        XCTAssertEqual(third.pagesRendered, 0, "nothing changed")
        return site
    }

    /// A full build of the site as it is now, into a folder with no manifest and no spare.
    private func fresh(_ site: SiteFixture, edition: Edition = .public) throws -> (URL, BuildReport) {
        let out = site.root.appendingPathComponent("fresh-\(UUID().uuidString)")
        let report = try site.build(out: out, edition: edition)
        XCTAssertEqual(report.pagesRendered, report.pagesWritten)
        return (out, report)
    }

    func testBodyEditRedoesItsPageAndFeedsAndMatchesAFullBuild() throws {
        let site = try warmed()
        try site.write("briefings/2024/tiers.md", briefing(
            title: "Three tiers", date: "2024-05-14", extra: "topics: [Regional Policy]\nclusters: [beibu-gulf]", body: "A new body.\n"))
        let report = try site.build()
        // The page, the site's feed and its topic's feed carry the body; nothing else does.
        XCTAssertEqual(report.pagesRendered, 3)
        let (out, full) = try fresh(site)
        XCTAssertEqual(SiteFixture.snapshot(site.output), SiteFixture.snapshot(out))
        XCTAssertEqual(report.warnings, full.warnings)
    }

    func testTitleEditRedoesThePagesThatShowIt() throws {
        let site = try warmed()
        try site.write("briefings/2025/rail.md", briefing(title: "Rail, revised", date: "2025-03-18", extra: "topics: [Transport]"))
        let report = try site.build()
        XCTAssertGreaterThan(report.pagesRendered, 3, "lists, feeds and the topic show the title")
        XCTAssertLessThan(report.pagesRendered, report.pagesWritten, "the other briefings' pages are kept")
        let (out, _) = try fresh(site)
        XCTAssertEqual(SiteFixture.snapshot(site.output), SiteFixture.snapshot(out))
    }

    func testServeKeepsBodiesSoATemplateEditRendersNone() throws {
        let site = try SiteFixture.sample()
        let first = try SiteBuilder.build(site.options(), keepingBodies: true)
        try FileManager.default.createDirectory(at: site.templates, withIntermediateDirectories: true)
        let base = try String(contentsOf: SiteFixture.repository.appendingPathComponent("templates/briefing.mustache"), encoding: .utf8)
        try (base + "<!-- edited -->\n").write(to: site.templates.appendingPathComponent("briefing.mustache"), atomically: true, encoding: .utf8)
        let second = try SiteBuilder.build(site.options(), previous: first.state, keepingBodies: true)
        XCTAssertEqual(second.state?.bodies?.rendered, 0, "every body was kept")
        XCTAssertEqual(second.pagesRendered, second.pagesWritten, "a new binary's first build, or a template edit: every page")
        let (out, _) = try fresh(site)
        XCTAssertEqual(SiteFixture.snapshot(site.output), SiteFixture.snapshot(out))
        // A body edit renders that body again (once for its page, once for the feeds that carry it).
        try site.write("briefings/2025/rail.md", briefing(title: "Rail", date: "2025-03-18", extra: "topics: [Transport]", body: "New.\n"))
        let third = try SiteBuilder.build(site.options(), previous: second.state, keepingBodies: true)
        XCTAssertEqual(third.state?.bodies?.rendered, 2)
    }

    func testAFileChangedInTheOutputIsWrittenAgain() throws {
        let site = try warmed()
        // The spare is the next build's staging folder: tamper with a page there.
        let spare = site.root.appendingPathComponent(".public.spare/briefings/2025/rail/index.html")
        let original = try Data(contentsOf: spare)
        try Data("tampered".utf8).write(to: spare)
        let report = try site.build()
        XCTAssertEqual(report.pagesRendered, 1)
        XCTAssertEqual(try Data(contentsOf: site.output.appendingPathComponent("briefings/2025/rail/index.html")), original)
    }

    func testAFailedBuildKeepsTheOutputAndTheNextBuildIsRight() throws {
        let site = try warmed()
        let before = SiteFixture.snapshot(site.output)
        try site.write("briefings/2024/tiers.md", briefing(title: "Three tiers", date: "2024-05-14", body: "```chart\nnonsense: [\n```\n"))
        _ = site.failingBuild()
        XCTAssertEqual(SiteFixture.snapshot(site.output), before)
        try site.write("briefings/2024/tiers.md", briefing(title: "Three tiers", date: "2024-05-14", body: "Fixed.\n"))
        try site.build()
        let (out, _) = try fresh(site)
        XCTAssertEqual(SiteFixture.snapshot(site.output), SiteFixture.snapshot(out))
    }

    /// Random sequences of edits, each followed by two incremental builds: one in the same
    /// process with the last build's state and kept bodies, as `serve` runs it, one from the
    /// manifest on disk, as `dossier build` does. Both are compared byte for byte, and by their
    /// warnings, with a build from nothing.
    func testRandomEditsMatchAFullBuildAfterEveryStep() throws {
        var kept = 0, bodiesKept = 0
        for seed in 1...3 {
            let site = try SiteFixture.sample()
            try site.write("briefings/2024/extra.md", briefing(title: "Extra", date: "2024-01-02", extra: "topics: [Transport]"))
            var random = SplitMix64(seed: UInt64(seed))
            let served = site.root.appendingPathComponent("served")
            var state = try SiteBuilder.build(site.options(out: served), keepingBodies: true).state
            try site.build()
            var log: [String] = []
            for step in 0..<16 {
                let edit = try Self.edits[Self.weightedEdits[Int(random.next() % UInt64(Self.weightedEdits.count))]](site, &random, step)
                log.append(edit)
                let serve: BuildReport, build: BuildReport
                do {
                    serve = try SiteBuilder.build(site.options(out: served), previous: state, keepingBodies: true)
                    build = try site.build()
                } catch {
                    XCTFail("seed \(seed), \(log): \(error)")
                    return
                }
                state = serve.state
                kept += (serve.pagesWritten - serve.pagesRendered) + (build.pagesWritten - build.pagesRendered)
                bodiesKept += serve.state?.bodies.map { $0.count - $0.rendered } ?? 0
                let (out, full) = try fresh(site)
                let expected = SiteFixture.snapshot(out)
                for (name, folder, report) in [("serve", served, serve), ("build", site.output, build)] {
                    let incremental = SiteFixture.snapshot(folder)
                    XCTAssertEqual(Set(incremental.keys), Set(expected.keys), "\(name), seed \(seed) after \(log)")
                    for (path, data) in expected where incremental[path] != data {
                        XCTFail("\(name), seed \(seed) after \(log): \(path) differs from a full build")
                    }
                    XCTAssertEqual(report.warnings, full.warnings, "\(name), seed \(seed) after \(log)")
                }
                try FileManager.default.removeItem(at: out)
            }
        }
        // The sequences must exercise keeping pages and bodies, or they prove nothing about it.
        XCTAssertGreaterThan(kept, 600)
        XCTAssertGreaterThan(bodiesKept, 100)
    }

    /// Edits of a body or front matter (which keep most pages) come more often than those that
    /// change what every page reads (theme, data, files, the set of pages).
    static let weightedEdits = [0, 0, 0, 1, 1, 1, 2, 3, 4, 5]

    typealias Edit = @Sendable (SiteFixture, inout SplitMix64, Int) throws -> String

    static let bodies = ["Short.\n", "Two\n\nparagraphs.\n", "## A heading\nText [about](/about/).\n",
                         "See [the tiers](/briefings/2024/tiers/).\n", "Ünïcode “quotes”.\n",
                         "A table of the data:\n\n```table\ndata: clusters.csv\ncolumns: [id, name_en]\n```\n"]
    static let titles = ["Rail", "Rail, revised", "Three tiers", "Zebra", "Ähnlich"]
    static let dates = ["2024-05-14", "2025-03-18", "2023-01-01", "2025-12-31"]
    static let topics = ["[Transport]", "[Regional Policy]", "[Transport, Regional Policy]", "[New Topic]"]

    static let edits: [Edit] = [
        // A body.
        { site, random, _ in
            let body = bodies[Int(random.next() % UInt64(bodies.count))]
            try site.write("briefings/2025/rail.md", briefing(title: "Rail", date: "2025-03-18", extra: "topics: [Transport]", body: body))
            return "rail body"
        },
        // Front matter: title, date and topics.
        { site, random, _ in
            let title = titles[Int(random.next() % UInt64(titles.count))]
            let date = dates[Int(random.next() % UInt64(dates.count))]
            let topic = topics[Int(random.next() % UInt64(topics.count))]
            try site.write("briefings/2024/extra.md", briefing(title: title, date: date, extra: "topics: \(topic)"))
            return "extra front matter \(title) \(date) \(topic)"
        },
        // A new briefing, or one deleted.
        { site, random, step in
            let path = "briefings/2025/new-\(random.next() % 3).md"
            if FileManager.default.fileExists(atPath: site.content.appendingPathComponent(path).path) {
                try FileManager.default.removeItem(at: site.content.appendingPathComponent(path))
                return "delete \(path)"
            }
            try site.write(path, briefing(title: "New \(step)", date: "2025-0\(1 + step % 9)-01", extra: "topics: [Transport]"))
            return "new \(path)"
        },
        // A template and an interface string of the theme.
        { site, random, step in
            let folder = site.templates
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("i18n"), withIntermediateDirectories: true)
            if random.next() % 2 == 0 {
                let base = try String(contentsOf: SiteFixture.repository.appendingPathComponent("templates/briefing.mustache"), encoding: .utf8)
                try (base + "<!-- step \(step) -->\n").write(to: folder.appendingPathComponent("briefing.mustache"), atomically: true, encoding: .utf8)
                return "briefing template"
            }
            try "search: \"Find \(step)\"\n".write(to: folder.appendingPathComponent("i18n/en.yml"), atomically: true, encoding: .utf8)
            return "i18n string"
        },
        // Data that charts and collection pages show.
        { site, random, _ in
            let name = ["Beibu Gulf", "Beibu Gulf Region", "Gulf of Tonkin"][Int(random.next() % 3)]
            try site.write("data/clusters.csv", "# test data\nid,name_en\nbeibu-gulf,\(name)\n")
            return "data \(name)"
        },
        // A file beside a briefing, referenced from its body.
        { site, random, step in
            try site.write("briefings/2024/tiers/note.txt", "note \(step)\n")
            let linked = random.next() % 2 == 0
            try site.write("briefings/2024/tiers.md", briefing(
                title: "Three tiers", date: "2024-05-14", extra: "topics: [Regional Policy]\nclusters: [beibu-gulf]",
                body: linked ? "See [the note](note.txt).\n" : "No note.\n"))
            return "bundle file, linked: \(linked)"
        },
    ]
}
