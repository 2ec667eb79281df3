@testable import DossierSite
import DossierModel
import XCTest

final class SourceSplitTests: XCTestCase {
    func testSplitsFrontMatterAndCountsBodyLines() {
        let source = SourceReader.split("---\ntitle: A\ndate: 2025-01-02\n---\n# Body\n")
        XCTAssertEqual(source.frontMatter, "title: A\ndate: 2025-01-02")
        XCTAssertEqual(source.frontMatterLine, 2)
        XCTAssertEqual(source.body, "# Body\n")
        XCTAssertEqual(source.bodyLineOffset, 4)
    }

    func testToleratesBOMAndCRLF() {
        let source = SourceReader.split("\u{FEFF}---\r\ntitle: A\r\n---\r\nBody\r\nmore\r\n")
        XCTAssertEqual(source.frontMatter, "title: A")
        XCTAssertEqual(source.body, "Body\nmore\n")
    }

    func testDotsCloseAndLaterRulesStayInBody() {
        let source = SourceReader.split("---\ntitle: A\n...\ntext\n\n---\n\nmore\n")
        XCTAssertEqual(source.frontMatter, "title: A")
        XCTAssertEqual(source.body, "text\n\n---\n\nmore\n")
    }

    func testNoFrontMatterAndUnclosedFence() {
        XCTAssertNil(SourceReader.split("# Just Markdown\n").frontMatter)
        XCTAssertTrue(SourceReader.split("---\ntitle: A\nno end\n").unclosedFence)
    }

    /// Markdown reaches libcmark as a Swift string, which is always valid UTF-8: invalid bytes
    /// must be caught when the file is read, in the body as in the front matter.
    func testInvalidUTF8InABodyIsReportedAtItsLineAndColumn() {
        let bytes = Array("---\ntitle: A\ndate: 2025-01-01\n---\nFirst paragraph.\n\nCaf".utf8) + [0xE9] + Array(" au lait.\n".utf8)
        guard case .failure(let d) = SourceReader.decode(Data(bytes), displayPath: "x.md") else {
            return XCTFail("invalid UTF-8 in a body must not be replaced silently")
        }
        XCTAssertEqual(d.description, "x.md:7:4: error: invalid UTF-8 byte sequence")
    }

    func testInvalidUTF8IsReportedAtItsLineAndColumn() {
        var bytes = Array("---\ntitle: caf".utf8)
        bytes += [0xC3, 0x28]
        let result = SourceReader.decode(Data(bytes), displayPath: "x.md")
        XCTAssertEqual(try? result.get(), nil)
        if case .failure(let d) = result {
            XCTAssertEqual(d.description, "x.md:2:11: error: invalid UTF-8 byte sequence")
        }
    }
}

final class FrontMatterTests: XCTestCase {
    func decode(_ yaml: String) -> (RawFrontMatter?, [String]) {
        let collections = [CollectionConfig(name: "clusters", data: "data/clusters.csv", title: ["": "name"])]
        let (raw, diagnostics) = FrontMatterDecoder.decode(
            yaml, path: "b.md", firstLine: 2, allowedKeys: FrontMatterDecoder.briefingKeys(collections: collections),
            collections: ["clusters"])
        return (raw, diagnostics.map(\.description))
    }

    func testDecodesEveryField() throws {
        let (raw, diagnostics) = decode("""
            title: "City clusters"
            date: 2021-06-15
            summary: One sentence.
            key_points: [First, Second]
            topics: [Regional Policy]
            clusters: [beibu-gulf, pearl-river-delta]
            access: licensed
            draft: false
            slug: clusters
            sources:
              - {title: NDRC, url: "https://example.org/ndrc"}
            """)
        XCTAssertEqual(diagnostics, [])
        let meta = try raw!.validated(path: "b.md").get()
        XCTAssertEqual(meta, FrontMatter(
            title: "City clusters", date: Day(year: 2021, month: 6, day: 15)!, summary: "One sentence.",
            keyPoints: ["First", "Second"], topics: ["Regional Policy"], rows: ["clusters": ["beibu-gulf", "pearl-river-delta"]], access: .licensed,
            draft: false, slug: "clusters", sources: [SourceLink(title: "NDRC", url: "https://example.org/ndrc")]))
        // Each row id with its own line and column, so that an unknown one is reported where it stands.
        XCTAssertEqual(raw!.rows["clusters"], [RowMention(id: "beibu-gulf", line: 7, column: 12),
                                                RowMention(id: "pearl-river-delta", line: 7, column: 24)])
    }

    func testAKeyNamesRowsOnlyWhenACollectionHasThatName() {
        let (raw, diagnostics) = FrontMatterDecoder.decode("title: A\ncountries: [jpn]\n", path: "b.md", firstLine: 2)
        XCTAssertEqual(raw?.rows, [:])
        XCTAssertEqual(diagnostics.map(\.description), ["b.md:3:1: warning: unknown key 'countries' in front matter (ignored)"])
    }

    func testYAMLSyntaxErrorPointsAtFileLine() {
        XCTAssertEqual(decode("title: A\ndate: [2021\n").1,
                       ["b.md:4:1: error: invalid YAML: did not find expected ',' or ']'"])
    }

    func testWronglyTypedFieldsPointAtTheirLines() {
        let (_, diagnostics) = decode("title: A\ndate: 2021-01-01\nkey_points: just one\ndraft: maybe\ntitle2: x\n")
        XCTAssertEqual(diagnostics, [
            "b.md:4:13: error: 'key_points' must be a list, found a single value",
            "b.md:5:8: error: 'draft' must be true or false, found 'maybe'",
            "b.md:6:1: warning: unknown key 'title2' in front matter (ignored); did you mean 'title'?",
        ])
    }

    func testInvalidDateAccessAndSlug() {
        let (raw, diagnostics) = decode("title: A\ndate: 2024-02-30\naccess: members\nslug: ../../etc\n")
        XCTAssertEqual(diagnostics, [
            "b.md:3:7: error: invalid date '2024-02-30': expected a real date as YYYY-MM-DD",
            "b.md:4:9: error: unknown access value 'members': expected 'public' or 'licensed'",
            "b.md:5:7: error: invalid slug '../../etc': use letters, digits, '-', '_' or '.', without '/' or '..'",
        ])
        XCTAssertNil(raw?.slug)
    }

    func testMissingRequiredFields() {
        let (raw, _) = decode("summary: no title\n")
        guard case .failure(let d) = raw!.validated(path: "b.md") else { return XCTFail("expected failure") }
        XCTAssertEqual(d.diagnostic?.description, "b.md:1:1: error: missing required field 'title'")
        let (raw2, _) = decode("title: T\n")
        guard case .failure(let d2) = raw2!.validated(path: "b.md") else { return XCTFail("expected failure") }
        XCTAssertEqual(d2.diagnostic?.description, "b.md:1:1: error: missing required field 'date' (YYYY-MM-DD)")
    }

    func testDuplicateKeysAreRejected() {
        XCTAssertEqual(decode("title: A\ntitle: B\n").1.first?.hasPrefix("b.md:2:1: error: invalid YAML: duplicate key 'title'"), true)
    }

    func testTranslationInheritsWhatItLeavesOut() throws {
        let (base, _) = decode("title: A\ndate: 2021-01-01\ntopics: [T]\nclusters: [c]\naccess: licensed\n")
        let (de, _) = decode("title: B\n")
        let merged = try de!.inheriting(from: base!).validated(path: "b.de.md").get()
        XCTAssertEqual(merged.title, "B")
        XCTAssertEqual(merged.date.description, "2021-01-01")
        XCTAssertEqual(merged.topics, ["T"])
        XCTAssertEqual(merged.access, .licensed)
        XCTAssertEqual(merged.rows, ["clusters": ["c"]])
        let (own, _) = decode("title: B\nclusters: [d]\n")
        XCTAssertEqual(try own!.inheriting(from: base!).validated(path: "b.de.md").get().rows, ["clusters": ["d"]], "its own ids replace the original's")
    }
}

final class ModelTests: XCTestCase {
    func testDays() {
        XCTAssertNil(Day(iso: "2023-02-29"))
        XCTAssertNotNil(Day(iso: "2024-02-29"))
        XCTAssertNil(Day(iso: "2024-1-05"))
        XCTAssertEqual(Day(iso: "0999-12-31")?.description, "0999-12-31")
        XCTAssertEqual(DateFormat.long(Day(iso: "2026-11-29")!, language: "en"), "29 November 2026")
        XCTAssertEqual(DateFormat.long(Day(iso: "2026-03-01")!, language: "de"), "1. März 2026")
    }

    func testRoutes() {
        let route = Route(segments: ["briefings", "2021", "city-clusters"])!
        XCTAssertEqual(route.outputFile, "briefings/2021/city-clusters/index.html")
        XCTAssertEqual(route.description, "/briefings/2021/city-clusters/")
        XCTAssertNil(Route(segments: ["..", "etc"]))
        XCTAssertNil(Route(segments: ["a/b"]))
        XCTAssertEqual(Route.root.outputFile, "index.html")
    }

    func testBasePath() {
        let publisher = SiteConfig.Publisher(name: "", blurb: "")
        XCTAssertEqual(SiteConfig(title: "", baseURL: "https://e.org/reports", publisher: publisher).basePath, "/reports/")
        XCTAssertEqual(SiteConfig(title: "", baseURL: "https://e.org", publisher: publisher).basePath, "/")
        XCTAssertEqual(SiteConfig(title: "", baseURL: "/", publisher: publisher).basePath, "/")
    }

    func testRelatedWeighRowsThenTopicsThenDate() {
        func b(_ path: String, _ date: String, _ topics: [String], _ clusters: [String] = []) -> BriefingSummary {
            BriefingSummary(sourcePath: path, language: "en", route: Route(segments: [path])!,
                            meta: FrontMatter(title: path, date: Day(iso: date)!, topics: topics,
                                              rows: clusters.isEmpty ? [:] : ["clusters": clusters]))
        }
        // Newest first, as the resolver sorts them.
        let list = [
            b("a", "2025-06-01", ["Transport"]),                       // 0: shares a topic, close in date
            b("b", "2025-05-01", ["Housing"], ["prd"]),                // 1: shares the cluster
            b("c", "2025-04-01", ["Transport", "Housing"], ["prd"]),   // 2: the briefing we look at
            b("d", "2019-01-01", ["Transport", "Housing"]),            // 3: two topics, far in date
            b("e", "2025-03-01", ["Energy"]),                          // 4: shares nothing
            b("f", "2025-04-02", ["Housing"]),                         // 5: one topic, next day
        ]
        let related = Related.indices(list)
        XCTAssertEqual(related[2], [1, 3, 5, 0], "cluster + topic first, then two topics, then one topic by closeness")
        XCTAssertFalse(related[2].contains(2), "never itself")
        XCTAssertFalse(related[2].contains(4), "nothing shared, not related")
        XCTAssertEqual(Related.dayNumber(Day(iso: "1970-01-01")!), 719468)
        XCTAssertEqual(Related.dayNumber(Day(iso: "2024-03-01")!) - Related.dayNumber(Day(iso: "2024-02-28")!), 2)
    }

    /// The flat-array Related equals the plain one it replaced (kept here as the reference) on
    /// random sites: many briefings per key (the window applies), ties in score, no keys at all.
    func testRelatedEqualsTheReferenceOnRandomSites() {
        func reference(_ list: [BriefingSummary]) -> [[Int]] {
            var ids: [String: Int] = [:]
            func intern(_ key: String) -> Int {
                if let id = ids[key] { return id }
                ids[key] = ids.count
                return ids.count - 1
            }
            let topics = list.map { Array(Set($0.meta.topics.map { intern("t:" + $0) })).sorted() }
            let rows = list.map { briefing in
                Array(Set(briefing.meta.rows.sorted { $0.key < $1.key }.flatMap { collection, ids in ids.map { intern("r:\(collection)/\($0)") } })).sorted()
            }
            var members = [[Int]](repeating: [], count: ids.count)
            for index in list.indices { for key in topics[index] + rows[index] { members[key].append(index) } }
            let days = list.map { Related.dayNumber($0.meta.date) }
            return list.indices.map { index in
                var candidates = Set<Int>()
                for key in topics[index] + rows[index] {
                    let members = members[key]
                    var low = 0, high = members.count
                    while low < high {
                        let mid = (low + high) / 2
                        if members[mid] < index { low = mid + 1 } else { high = mid }
                    }
                    for other in members[max(0, low - Related.window)..<min(members.count, low + Related.window + 1)] where other != index {
                        candidates.insert(other)
                    }
                }
                func shared(_ a: [Int], _ b: [Int]) -> Int { a.reduce(0) { $0 + (b.contains($1) ? 1 : 0) } }
                let scored = candidates.map { other -> (Int, Double) in
                    var score = Related.rowWeight * Double(shared(rows[index], rows[other]))
                    score += Related.topicWeight * Double(shared(topics[index], topics[other]))
                    score += Related.dateWeight * max(0, 1 - abs(Double(days[index] - days[other])) / Related.dateHorizonDays)
                    return (other, score)
                }
                return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(Related.limit).map(\.0)
            }
        }
        var random = SplitMix(seed: 42)
        let topicNames = ["Transport", "Housing", "Energy", "Water", "Finance"]
        for size in [0, 1, 7, 60, 400] {
            var day = 20_000
            let list = (0..<size).map { i -> BriefingSummary in
                day -= random.next(3)  // newest first, with days shared
                let date = Day(iso: String(format: "%04d-%02d-%02d", 1970 + day / 372, 1 + day % 372 / 31, 1 + day % 31)) ?? Day(iso: "2020-01-01")!
                let topics = (0..<random.next(3)).map { _ in topicNames[random.next(topicNames.count)] }
                let rows = (0..<random.next(3)).map { _ in "r\(random.next(6))" }
                return BriefingSummary(sourcePath: "b\(i)", language: "en", route: Route(segments: ["b\(i)"])!,
                                       meta: FrontMatter(title: "b\(i)", date: date, topics: topics,
                                                         rows: rows.isEmpty ? [:] : [random.next(2) == 0 ? "clusters" : "countries": rows]))
            }
            XCTAssertEqual(Related.indices(list), reference(list), "\(size) briefings")
        }
    }

    /// ASCII names are slugged from their bytes, as Foundation's folding slugs them.
    func testASCIITopicSlugsEqualFoldedOnes() {
        var names = (0..<128).map { "a" + String(UnicodeScalar(UInt8($0))) + "B" }
        names += ["Regional Policy", "  R&D  ", "Chart: GDP per capita, 2015--2023 (CNY)", "", "---", "x_y-z 9"]
        for name in names { XCTAssertEqual(Topics.asciiSlug(name), Topics.foldedSlug(name), name.debugDescription) }
        XCTAssertNil(Topics.asciiSlug("Öffentliche Finanzen"))
    }

    func testTopicSlugs() {
        XCTAssertEqual(Topics.slug("Regional Policy"), "regional-policy")
        XCTAssertEqual(Topics.slug("Öffentliche Finanzen"), "offentliche-finanzen")
        XCTAssertEqual(Topics.slug("Straßenbau & Verkehr"), "strassenbau-verkehr")
        XCTAssertEqual(Topics.slug("  R&D  "), "r-d")
        XCTAssertEqual(Topics.slug("城市群"), "")

    }
}
