@testable import DossierSite
import DossierModel
import Foundation
import XCTest

/// Sharing and search-engine metadata read back as a crawler reads it: the `<meta>` tags of the
/// head, and the JSON-LD parsed as JSON.
final class MetadataTests: XCTestCase {
    /// `property`/`name` → every `content` given for it, in order.
    static func metaTags(_ html: String) -> [String: [String]] {
        var tags: [String: [String]] = [:]
        for match in html.matches(of: /<meta (?:property|name)="([^"]+)" content="([^"]*)">/) {
            tags[String(match.1), default: []].append(LinkChecker.unescape(String(match.2)))
        }
        return tags
    }

    /// The page's JSON-LD graph, parsed; fails the test when the script is missing or not JSON.
    static func graph(_ html: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let scripts = html.matches(of: /<script type="application\/ld\+json">(.*?)<\/script>/)
        XCTAssertEqual(scripts.count, 1, "one JSON-LD script", file: file, line: line)
        let body = String(try XCTUnwrap(scripts.first, file: file, line: line).1)
        XCTAssertFalse(body.contains("</"), "nothing in the script can close it", file: file, line: line)
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        XCTAssertEqual(json?["@context"] as? String, "https://schema.org", file: file, line: line)
        return try XCTUnwrap(json?["@graph"] as? [[String: Any]], file: file, line: line)
    }

    static func node(_ graph: [[String: Any]], _ type: String) -> [String: Any]? {
        graph.first { $0["@type"] as? String == type }
    }

    func makeSite() throws -> SiteFixture {
        let site = try SiteFixture.sample()
        try site.write("briefings/2025/rail.md", briefing(
            title: "Rail </script><script>alert(1)</script>", date: "2025-03-18",
            extra: """
                summary: "Ten thousand km & more."
                topics: [Transport, Regional Policy]
                clusters: [beibu-gulf]
                authors: ["Ana Li", {name: "Ben Ortiz", url: "https://example.org/about/#ben"}]
                updated: 2025-09-01
                image: cover.png
                """))
        try site.write("briefings/2025/rail/cover.png", PublishingTests.png(width: 1200, height: 630))
        try site.write("briefings/2025/rail.de.md", "---\ntitle: \"Schiene\"\nsummary: \"Zehntausend km.\"\n---\nText.\n")
        return site
    }

    func testBriefingHasOpenGraphTwitterAndAReportInBothLanguages() throws {
        let site = try makeSite()
        try site.build()
        let html = try site.page("briefings/2025/rail/index.html")
        let tags = Self.metaTags(html)
        XCTAssertEqual(tags["og:title"], ["Rail </script><script>alert(1)</script>"])
        XCTAssertEqual(tags["og:description"], ["Ten thousand km & more."])
        XCTAssertEqual(tags["description"], ["Ten thousand km & more."])
        XCTAssertEqual(tags["og:url"], ["https://example.org/briefings/2025/rail/"])
        XCTAssertEqual(tags["og:type"], ["article"])
        XCTAssertEqual(tags["og:site_name"], ["Test Monitor"])
        XCTAssertEqual(tags["og:locale"], ["en_US"])
        XCTAssertEqual(tags["og:locale:alternate"], ["de_DE"])
        XCTAssertEqual(tags["og:image"], ["https://example.org/briefings/2025/rail/cover.png"])
        XCTAssertEqual(tags["og:image:width"], ["1200"])
        XCTAssertEqual(tags["og:image:height"], ["630"])
        XCTAssertEqual(tags["article:published_time"], ["2025-03-18"])
        XCTAssertEqual(tags["article:modified_time"], ["2025-09-01"])
        XCTAssertEqual(tags["article:section"], ["Transport"])
        XCTAssertEqual(tags["article:tag"], ["Transport", "Regional Policy"])
        XCTAssertEqual(tags["twitter:card"], ["summary_large_image"])
        XCTAssertEqual(tags["twitter:title"], tags["og:title"])
        XCTAssertNil(tags["robots"], "the public edition is indexed")
        XCTAssertTrue(site.exists("briefings/2025/rail/cover.png"))

        let graph = try Self.graph(html)
        let report = try XCTUnwrap(Self.node(graph, "Report"))
        XCTAssertEqual(report["headline"] as? String, "Rail </script><script>alert(1)</script>")
        XCTAssertEqual(report["description"] as? String, "Ten thousand km & more.")
        XCTAssertEqual(report["url"] as? String, "https://example.org/briefings/2025/rail/")
        XCTAssertEqual(report["datePublished"] as? String, "2025-03-18")
        XCTAssertEqual(report["dateModified"] as? String, "2025-09-01")
        XCTAssertEqual(report["inLanguage"] as? String, "en")
        XCTAssertEqual(report["keywords"] as? [String], ["Transport", "Regional Policy"])
        XCTAssertEqual(report["image"] as? String, "https://example.org/briefings/2025/rail/cover.png")
        XCTAssertEqual(report["isAccessibleForFree"] as? Bool, true)
        XCTAssertNil(report["hasPart"])
        let authors = try XCTUnwrap(report["author"] as? [[String: Any]])
        XCTAssertEqual(authors.map { $0["@type"] as? String }, ["Person", "Person"])
        XCTAssertEqual(authors.map { $0["name"] as? String }, ["Ana Li", "Ben Ortiz"])
        XCTAssertEqual(authors.map { $0["url"] as? String }, [nil, "https://example.org/about/#ben"])
        let publisher = try XCTUnwrap(report["publisher"] as? [String: Any])
        XCTAssertEqual(publisher["@type"] as? String, "Organization")
        XCTAssertEqual(publisher["name"] as? String, "Fictional Analysis")
        let about = try XCTUnwrap(report["about"] as? [[String: Any]])
        XCTAssertEqual(about.map { $0["name"] as? String }, ["Beibu Gulf"])
        XCTAssertEqual(about.map { $0["url"] as? String }, ["https://example.org/clusters/beibu-gulf/"])
        let crumbs = try XCTUnwrap(Self.node(graph, "BreadcrumbList")?["itemListElement"] as? [[String: Any]])
        XCTAssertEqual(crumbs.map { $0["position"] as? Int }, [1, 2, 3])
        XCTAssertEqual(crumbs.map { $0["item"] as? String }, [
            "https://example.org/", "https://example.org/topics/transport/", "https://example.org/briefings/2025/rail/",
        ])

        // The German edition: its own language and locale, the same picture and update.
        let german = try site.page("de/briefings/2025/rail/index.html")
        let deTags = Self.metaTags(german)
        XCTAssertEqual(deTags["og:locale"], ["de_DE"])
        XCTAssertEqual(deTags["og:locale:alternate"], ["en_US"])
        XCTAssertEqual(deTags["og:url"], ["https://example.org/de/briefings/2025/rail/"])
        XCTAssertEqual(deTags["og:image"], ["https://example.org/briefings/2025/rail/cover.png"])
        XCTAssertEqual(deTags["og:description"], ["Zehntausend km."])
        let deReport = try XCTUnwrap(Self.node(try Self.graph(german), "Report"))
        XCTAssertEqual(deReport["inLanguage"] as? String, "de")
        XCTAssertEqual(deReport["headline"] as? String, "Schiene")
        XCTAssertEqual(deReport["dateModified"] as? String, "2025-09-01", "the update is inherited")
    }

    func testLicensedBriefingIsMarkedAsPaywalledWhereItsNoticeIs() throws {
        let site = try makeSite()
        try site.build()
        let html = try site.page("briefings/2021/city-clusters/index.html")
        let report = try XCTUnwrap(Self.node(try Self.graph(html), "Report"))
        XCTAssertEqual(report["isAccessibleForFree"] as? Bool, false)
        let part = try XCTUnwrap(report["hasPart"] as? [String: Any])
        XCTAssertEqual(part["@type"] as? String, "WebPageElement")
        XCTAssertEqual(part["isAccessibleForFree"] as? Bool, false)
        XCTAssertEqual(part["cssSelector"] as? String, ".licensed-notice")
        XCTAssertTrue(html.contains("<section class=\"licensed-notice\""), "the selector names an element of the page")
    }

    func testHomeIsAWebSiteWithSearchInEachLanguage() throws {
        let site = try makeSite()
        try site.build()
        for (path, language, search) in [("index.html", "en", "https://example.org/search/"), ("de/index.html", "de", "https://example.org/de/search/")] {
            let html = try site.page(path)
            let website = try XCTUnwrap(Self.node(try Self.graph(html), "WebSite"), path)
            XCTAssertEqual(website["inLanguage"] as? String, language)
            XCTAssertEqual(website["name"] as? String, "Test Monitor")
            let action = try XCTUnwrap(website["potentialAction"] as? [String: Any])
            XCTAssertEqual(action["@type"] as? String, "SearchAction")
            XCTAssertEqual((action["target"] as? [String: Any])?["urlTemplate"] as? String, search + "?q={search_term_string}")
            XCTAssertEqual(action["query-input"] as? String, "required name=search_term_string")
            XCTAssertEqual(Self.metaTags(html)["og:type"], ["website"])
        }
    }

    /// Every page has a description, in its language; lists and topics say what they list.
    /// A collection row's breadcrumbs pass through its collection's index, in the page's language.
    func testCollectionRowBreadcrumbsPassThroughTheIndex() throws {
        let site = try SiteFixture.sample()
        try site.build()
        for (path, expected) in [
            ("clusters/beibu-gulf/index.html", [("Test Monitor", "https://example.org/"), ("City clusters", "https://example.org/clusters/"),
                                                ("Beibu Gulf", "https://example.org/clusters/beibu-gulf/")]),
            ("de/clusters/beibu-gulf/index.html", [("Test Monitor", "https://example.org/de/"), ("Stadtcluster", "https://example.org/de/clusters/"),
                                                   ("Beibu Gulf", "https://example.org/de/clusters/beibu-gulf/")]),
        ] {
            let crumbs = try XCTUnwrap(Self.node(try Self.graph(try site.page(path)), "BreadcrumbList")?["itemListElement"] as? [[String: Any]])
            XCTAssertEqual(crumbs.map { "\($0["name"] as? String ?? "")|\($0["item"] as? String ?? "")" }, expected.map { "\($0.0)|\($0.1)" }, path)
        }
    }

    func testEveryPageHasADescription() throws {
        let site = try makeSite()
        try site.write("site.yml", SiteFixture.siteYML + "\ndescription: {en: \"Briefings on test clusters.\", de: \"Briefings zu Testclustern.\"}\n")
        try site.build()
        for (path, text) in SiteFixture.snapshot(site.output).mapValues { String(decoding: $0, as: UTF8.self) } where path.hasSuffix(".html") {
            let description = Self.metaTags(text)["description"]?.first ?? ""
            XCTAssertFalse(description.isEmpty, "\(path) has no description")
        }
        func description(_ path: String) throws -> String? { Self.metaTags(try site.page(path))["description"]?.first }
        XCTAssertEqual(try description("index.html"), "Briefings on test clusters.")
        XCTAssertEqual(try description("de/index.html"), "Briefings zu Testclustern.")
        XCTAssertEqual(try description("briefings/index.html"), "Every briefing of Test Monitor, by year: 3 in all.")
        XCTAssertEqual(try description("topics/index.html"), "The topics of the briefings of Test Monitor, each with its number of briefings.")
        XCTAssertEqual(try description("topics/transport/index.html"), "Briefings of Test Monitor on Transport, newest first.")
        XCTAssertEqual(try description("de/topics/transport/index.html"), "Briefings von Test Monitor zum Thema „Transport“, neueste zuerst.")
        XCTAssertEqual(try description("search/index.html"), "Search the briefings of Test Monitor by title, summary, key points, topic and cluster.")
        XCTAssertEqual(try description("404.html"), "There is no page at this address. It may have moved, or the link may be mistyped.")
        XCTAssertEqual(try description("about/index.html"), "What this is.")
        XCTAssertTrue(try site.page("index.html").contains("<p class=\"standfirst\">Briefings on test clusters.</p>"))
    }

    /// The licensee edition is not for search engines: noindex everywhere, a robots.txt that
    /// turns every crawler away, no sitemap, and canonical URLs that name the public pages.
    func testLicenseeEditionIsNotIndexedAndPointsAtThePublicEdition() throws {
        let site = try makeSite()
        let licensee = site.root.appendingPathComponent("licensee")
        try site.build(out: licensee, baseURL: "https://members.example.net/library/", edition: .licensee)
        for (path, text) in SiteFixture.snapshot(licensee).mapValues { String(decoding: $0, as: UTF8.self) } where path.hasSuffix(".html") {
            XCTAssertTrue(text.contains("<meta name=\"robots\" content=\"noindex\">"), "\(path) lacks noindex")
            for canonical in text.matches(of: /<link rel="canonical" href="([^"]*)">/) {
                XCTAssertTrue(canonical.1.hasPrefix("https://example.org/"), "\(path): canonical \(canonical.1)")
            }
        }
        XCTAssertEqual(try site.page("robots.txt", in: licensee), "User-agent: *\nDisallow: /\n")
        XCTAssertFalse(site.exists("sitemap.xml", in: licensee))
        let html = try site.page("briefings/2021/city-clusters/index.html", in: licensee)
        XCTAssertTrue(html.contains("<link rel=\"canonical\" href=\"https://example.org/briefings/2021/city-clusters/\">"))
        XCTAssertTrue(html.contains("<link rel=\"stylesheet\" href=\"/library/assets/style.css\">"), "its own links use --base-url")
        XCTAssertEqual(Self.metaTags(html)["og:url"], ["https://example.org/briefings/2021/city-clusters/"])
        let report = try XCTUnwrap(Self.node(try Self.graph(html), "Report"))
        XCTAssertEqual(report["url"] as? String, "https://example.org/briefings/2021/city-clusters/")
        XCTAssertEqual((report["hasPart"] as? [String: Any])?["cssSelector"] as? String, ".prose")
        XCTAssertTrue(html.contains("<div class=\"prose\">"))

        // The public edition is indexed and has its sitemap.
        try site.build()
        XCTAssertTrue(try site.page("robots.txt").hasPrefix("User-agent: *\nAllow: /\n"))
        XCTAssertTrue(site.exists("sitemap.xml"))
        XCTAssertFalse(try site.page("index.html").contains("noindex"))
    }

    func testSiteImageIsTheFallbackAndALicensedBriefingsOwnFileIsNeverShared() throws {
        let site = try makeSite()
        try site.write("site.yml", SiteFixture.sampleSiteYML + "\nimage: /assets/share.png\n")
        let path = "briefings/2021/city-clusters.md"
        let text = try String(contentsOf: site.content.appendingPathComponent(path), encoding: .utf8)
        try site.write(path, text.replacingOccurrences(of: "access: licensed", with: "access: licensed\nimage: secret.png"))
        try site.write("briefings/2021/city-clusters/secret.png", PublishingTests.png(width: 10, height: 10))
        try site.build()
        XCTAssertEqual(Self.metaTags(try site.page("index.html"))["og:image"], ["https://example.org/assets/share.png"])
        XCTAssertEqual(Self.metaTags(try site.page("briefings/2021/city-clusters/index.html"))["og:image"], ["https://example.org/assets/share.png"])
        XCTAssertFalse(site.exists("briefings/2021/city-clusters/secret.png"))
        XCTAssertEqual(Self.metaTags(try site.page("briefings/2025/rail/index.html"))["og:image"], ["https://example.org/briefings/2025/rail/cover.png"])

        try site.write(path, text.replacingOccurrences(of: "access: licensed", with: "access: licensed\nimage: nowhere.png"))
        XCTAssertEqual(site.failingBuild(), [
            "content/briefings/2021/city-clusters.md:1:1: error: front matter 'image': image 'nowhere.png' not found: no file briefings/2021/city-clusters/nowhere.png in the content folder (a briefing's files go in the folder named after it, briefings/2021/city-clusters/)",
        ])
    }

    /// Placeholders are filled by bytes where that is what Foundation does, and by Foundation
    /// elsewhere: random texts of placeholders, braces, letters and marks give the same either way.
    func testPlaceholdersAreFilledAsFoundationFillsThem() {
        var random = SplitMix(seed: 7)
        let pieces = ["{date}", "{words}", "{", "}", "date", "März", "a", " ", "é", "e\u{301}", "}\u{301}", "城", "{date}\u{301}", "\r\n"]
        for _ in 0..<3000 {
            let text = (0..<random.next(6)).map { _ in pieces[random.next(pieces.count)] }.joined()
            let value = ["3 March", "3. März", "{words}", ""][random.next(4)]
            XCTAssertEqual(FastText.replacing("{date}", with: value, in: text), text.replacingOccurrences(of: "{date}", with: value),
                           text.debugDescription)
        }
        for text in ["", "12", " 12", "12\t", "\u{A0}~120", "1 2", "\n5\n", "城 ", "\u{3000}"] {
            XCTAssertEqual(FastText.trimming(text, .whitespaces), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }

    func testJSONIsEscapedForAScriptElement() {
        let value = JSONValue.object([("a", .string("</script><!-- & \u{2028} \"q\" \\ \n")), ("b", .array([.int(1), .bool(false), .null]))])
        XCTAssertEqual(value.serialized, #"{"a":"\u003c/script\u003e\u003c!-- \u0026 \u2028 \"q\" \\ \n","b":[1,false,null]}"#)
        let parsed = try? JSONSerialization.jsonObject(with: Data(value.serialized.utf8)) as? [String: Any]
        XCTAssertEqual(parsed?["a"] as? String, "</script><!-- & \u{2028} \"q\" \\ \n")
        // Control characters, the other line separator, and text that is copied as it is.
        let other = JSONValue.string("城市 \u{1}\t\r\u{1F}x\u{2029}é\u{2027}")
        XCTAssertEqual(other.serialized, #""城市 \u0001\t\r\u001fx\u2029é"# + "\u{2027}\"")
    }

    /// The sample site's metadata as extruct (the extractor search tools use) reads it, in both
    /// editions: `scripts/check-metadata.py` installs it into `.build/metadata-venv` on first use.
    func testAnExtractorReadsTheSampleSitesMetadataInBothEditions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-metadata-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for edition in Edition.allCases {
            let out = folder.appendingPathComponent(edition.rawValue)
            try SiteBuilder.build(BuildOptions(
                contentFolder: SiteFixture.repository.appendingPathComponent("content"),
                templatesFolder: SiteFixture.repository.appendingPathComponent("templates"), outputFolder: out,
                baseURL: edition == .licensee ? "https://licensees.example.net/" : nil, edition: edition,
                buildDate: SiteFixture.buildDate, workingFolder: SiteFixture.repository))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", SiteFixture.repository.appendingPathComponent("scripts/check-metadata.py").path,
                                 out.path, "https://example.org/"] + (edition == .licensee ? ["--licensee"] : [])
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus == 77 { throw XCTSkip("extruct unavailable: \(printed)") }
            XCTAssertEqual(process.terminationStatus, 0, "\(edition): \(printed)")
            XCTAssertTrue(printed.contains("\"reports\": 8"), printed)
            XCTAssertTrue(printed.contains("\"websites\": 2"), printed)
        }
    }
}
