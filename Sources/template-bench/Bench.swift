import DossierModel
import DossierTemplates
import Foundation
import Mustache

/// Renders the real theme's `briefing` page (base, partials, a realistic context) with
/// DossierTemplates and with swift-mustache over the equivalent `[String: Any]`, checks that both
/// give the same bytes, and prints µs per render for each.
///
///     swift run -c release template-bench [templates-folder] [renders]
@main
struct Bench {
    static func main() throws {
        let arguments = CommandLine.arguments
        let folder = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "templates")
        let renders = arguments.count > 2 ? Int(arguments[2])! : 100_000

        var sources: [TemplateSource] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where url.pathExtension == "mustache" {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            sources.append(TemplateSource(
                name: String(relative.dropLast(".mustache".count)), text: try String(contentsOf: url, encoding: .utf8),
                path: "templates/" + relative))
        }
        let strings = try interfaceStrings(folder.appendingPathComponent("i18n/en.yml"))
        let context = briefingContext(strings: strings)

        // DossierTemplates
        let (compiled, diagnostics) = TemplateLibrary.compile(sources)
        for d in diagnostics { print(d) }
        guard let library = compiled else { fatalError("the theme does not compile") }
        let ours = library.render("briefing", context)
        precondition(ours.diagnostics.isEmpty, "\(ours.diagnostics)")

        // swift-mustache, set up as DossierSite's Theme does it.
        MustacheContentTypes.register(FastHTMLEscaping(), named: "DOSSIER_HTML")
        var templates: [String: MustacheTemplate] = [:]
        for source in sources {
            // BENCH_NO_PRAGMA=1: without DossierSite's escaping pragma, which makes a standalone tag on a
            // template's first line not standalone (the pragma shares the line).
            let pragma = ProcessInfo.processInfo.environment["BENCH_NO_PRAGMA"] == nil ? "{{% CONTENT_TYPE: DOSSIER_HTML}}" : ""
            templates[source.name] = try MustacheTemplate(string: pragma + source.text)
        }
        let mustache = MustacheLibrary(templates: templates)
        let anyContext = context.any as! [String: Any]
        let theirs = mustache.render(anyContext, withTemplate: "briefing") ?? ""

        if ours.string == theirs {
            print("same output: \(ours.bytes.count) bytes")
        } else {
            let a = ours.string.split(separator: "\n", omittingEmptySubsequences: false)
            let b = theirs.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) ?? min(a.count, b.count)
            print("DIFFERENT OUTPUT at line \(line + 1):\n  ours:   \(line < a.count ? a[line] : "<end>")\n  theirs: \(line < b.count ? b[line] : "<end>")")
        }

        // Every page template of the theme, with data for every section it has.
        let everything = everythingContext(base: context)
        let everythingAny = everything.any as! [String: Any]
        for name in library.names where !name.hasPrefix("partials/") {
            let a = library.render(name, everything).string
            let b = mustache.render(everythingAny, withTemplate: name) ?? ""
            print("\(name): \(a == b ? "same output" : "DIFFERENT OUTPUT"), \(a.utf8.count) bytes")
            if a != b {
                let x = a.split(separator: "\n", omittingEmptySubsequences: false)
                let y = b.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(x.count, y.count)).first(where: { x[$0] != y[$0] }) ?? min(x.count, y.count)
                print("  line \(line + 1):\n  ours:   \(x[max(0, line - 2)..<min(x.count, line + 3)])\n  theirs: \(y[max(0, line - 2)..<min(y.count, line + 3)])")
            }
        }

        var buffer: [UInt8] = []
        buffer.reserveCapacity(32 * 1024)
        var total = 0
        let oursTime = time {
            for _ in 0..<renders {
                buffer.removeAll(keepingCapacity: true)
                _ = library.render("briefing", context, into: &buffer)
                total &+= buffer.count
            }
        }
        // BENCH_ONLY=ours skips swift-mustache (for profiling).
        let oursOnly = ProcessInfo.processInfo.environment["BENCH_ONLY"] != nil
        let theirsTime = oursOnly ? 0 : time {
            for _ in 0..<renders { total &+= mustache.render(anyContext, withTemplate: "briefing")?.utf8.count ?? 0 }
        }
        // The typed path: view models → Value (interface strings built once per language) → bytes.
        let t = Value.object(Object(strings))
        guard case .html(let body)? = context["briefing"]?["body"] else { fatalError("no body") }
        let typed = briefingPage(strings: t, body: body).value
        precondition(library.render("briefing", typed).bytes == ours.bytes, "the view models give other bytes")
        let typedRenders = renders
        let buildTime = time {
            for _ in 0..<typedRenders {
                let page = briefingPage(strings: t, body: body)
                buffer.removeAll(keepingCapacity: true)
                _ = library.render("briefing", page.value, into: &buffer)
                total &+= buffer.count
            }
        }
        print(String(format: "DossierTemplates: %.2f µs CPU per render (%d renders)", oursTime / Double(renders) * 1e6, renders))
        print(String(format: "swift-mustache:   %.2f µs CPU per render (%d renders)", theirsTime / Double(renders) * 1e6, renders))
        print(String(format: "DossierTemplates, view models built and rendered: %.2f µs CPU per page", buildTime / Double(typedRenders) * 1e6))
        if total == 42 { print("") }  // keep the work observable
    }

    /// CPU seconds of this thread: steadier than wall time on a machine shared with other work.
    static func time(_ body: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        body()
        return now() - start
    }

    /// `key: "value"` lines of a theme's i18n file.
    static func interfaceStrings(_ url: URL) throws -> [(String, Value)] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return nil }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") && value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return (String(line[..<colon]), .text(value))
        }
    }

    /// What DossierSite's `PageContext.briefing` builds for a typical briefing page.
    static func briefingContext(strings: [(String, Value)]) -> Value {
        let body = (1...6).map { i in
            """
            <h2 id="section-\(i)">Section \(i): what the plan says</h2>
            <p>The 14th Five-Year Plan names nineteen city clusters and sorts them into three tiers. Each tier gets a \
            different mandate: the first to compete globally, the second to grow, the third to cultivate. “Cluster” \
            here means a group of cities with a shared plan &amp; a shared transport network.</p>
            <p>Population figures come from the 2020 census; GDP from provincial yearbooks. Where a year differs, the \
            table says so.</p>
            """
        }.joined(separator: "\n")
        let card: (Int) -> Value = { i in
            .object(Object([
                ("title", .text("Related briefing number \(i): the Chengdu–Chongqing corridor")),
                ("url", .text("/briefings/2024/related-\(i)/")),
                ("date", .text("15 June 2024")),
                ("dateISO", .text("2024-06-15")),
                ("keyPoints", .list([.text("A first point."), .text("A second point, with \"quotes\".")])),
                ("licensed", .bool(i == 2)),
                ("summary", .text("One sentence that sums the briefing up.")),
                ("topic", .text("Transport")),
            ]))
        }
        let briefing: Value = .object(Object([
            ("title", .text("City clusters: the building blocks of regional policy")),
            ("date", .text("15 June 2021")),
            ("dateISO", .text("2021-06-15")),
            ("keyPoints", .list([
                .text("China's plans now treat clusters of cities, not provinces, as the unit of regional policy."),
                .text("Nineteen clusters hold about three quarters of the population & most of the GDP."),
                .text("Tiers differ in mandate: <compete>, grow, cultivate."),
            ])),
            ("hasKeyPoints", .bool(true)),
            ("hasTopics", .bool(true)),
            ("clusters", .list([
                .object(Object([("id", .text("pearl-river-delta")), ("name", .text("Pearl River Delta")), ("url", .text("/clusters/pearl-river-delta/"))])),
                .object(Object([("id", .text("yangtze-river-delta")), ("name", .text("Yangtze River Delta")), ("url", .text("/clusters/yangtze-river-delta/"))])),
            ])),
            ("hasClusters", .bool(true)),
            ("licensed", .bool(false)),
            ("sources", .list((1...3).map { i in
                .object(Object([("title", .text("NDRC notice no. \(i)")), ("url", .text("https://example.org/ndrc/\(i)?a=1&b=2"))]))
            })),
            ("hasSources", .bool(true)),
            ("body", .html(body)),
            ("toc", .list((1...6).map { i in
                .object(Object([("id", .text("section-\(i)")), ("text", .text("Section \(i): what the plan says")), ("sub", .bool(i % 3 == 0))]))
            })),
            ("hasTOC", .bool(true)),
            ("summary", .text("Why China's planners think in clusters of cities, and what that means for investors.")),
            ("topicLinks", .list([
                .object(Object([("label", .text("Regional Policy")), ("url", .text("/topics/regional-policy/"))])),
                .object(Object([("label", .text("Transport")), ("url", .text("/topics/transport/"))])),
            ])),
            ("topicURL", .text("/topics/regional-policy/")),
            ("topic", .text("Regional Policy")),
        ]))
        return .object(Object([
            ("site", .object(Object([
                ("title", .text("Cluster Monitor")),
                ("publisher", .object(Object([
                    ("name", .text("Meridian Regional Analysis")),
                    ("blurb", .text("Independent research on China's regions & their economies.")),
                ]))),
                ("nav", .list([
                    .object(Object([("label", .text("Briefings")), ("url", .text("/")), ("current", .bool(false))])),
                    .object(Object([("label", .text("Data")), ("url", .text("/data/")), ("current", .bool(false))])),
                    .object(Object([("label", .text("About")), ("url", .text("/about/")), ("current", .bool(false))])),
                ])),
            ]))),
            ("lang", .text("en")),
            ("t", .object(Object(strings))),
            ("licenseeEdition", .bool(false)),
            ("search", .text("/search/")),
            ("topicsIndex", .text("/topics/")),
            ("feed", .text("/feed.xml")),
            ("page", .object(Object([
                ("title", .text("City clusters: the building blocks of regional policy")),
                ("canonical", .text("https://example.org/briefings/2021/city-clusters/")),
                ("kind", .text("briefing")),
                ("description", .text("Why China's planners think in clusters of cities.")),
            ]))),
            ("alternates", .list([
                .object(Object([("lang", .text("en")), ("url", .text("https://example.org/briefings/2021/city-clusters/"))])),
                .object(Object([("lang", .text("de")), ("url", .text("https://example.org/de/briefings/2021/city-clusters/"))])),
                .object(Object([("lang", .text("x-default")), ("url", .text("https://example.org/briefings/2021/city-clusters/"))])),
            ])),
            ("languageSwitch", .list([
                .object(Object([("lang", .text("de")), ("label", .text("Deutsch")), ("url", .text("/de/briefings/2021/city-clusters/"))])),
            ])),
            ("assets", .text("/assets/")),
            ("home", .text("/")),
            ("archive", .text("/briefings/")),
            ("briefing", briefing),
            ("related", .list((1...3).map(card))),
            ("hasRelated", .bool(true)),
        ]))
    }
}

extension Bench {
    /// The briefing page's context plus what every other page template reads.
    static func everythingContext(base: Value) -> Value {
        guard case .object(let page) = base else { fatalError() }
        let card: (Int) -> Value = { i in
            ["title": .text("Card \(i) & more"), "url": .text("/b/\(i)/"), "date": "1 May 2024", "dateISO": "2024-05-01",
             "keyPoints": ["Point <one>", "Point two"], "licensed": .bool(i.isMultiple(of: 2)), "summary": "Summary.", "topic": "Trade"]
        }
        let cards: Value = .list((1...4).map(card))
        let extra: [(String, Value)] = [
            ("firstPage", true), ("briefings", cards), ("total", 42), ("index", "/search.json"),
            ("pagination", ["show": true, "newer": "/page/1/", "older": "/page/3/", "current": 2, "total": 5]),
            ("years", [["year": 2024, "briefings": cards], ["year": 2021, "briefings": [card(9)]]]),
            ("topic", ["label": "Trade & Ports", "count": 3, "feed": "/topics/trade/feed.xml"]),
            ("topics", [["url": "/topics/a/", "label": "A", "count": 2], ["url": "/topics/b/", "label": "B <b>", "count": 1]]),
            ("summary", "A page summary."), ("body", .html("<p>Page body</p>")),
            ("map", .html("<svg class=\"map\"></svg>")),
            ("tiers", [[
                "label": "Tier 1", "count": 2, "summary": "Compete globally.",
                "clusters": [
                    ["url": "/clusters/prd/", "name": "Pearl River Delta", "nameZh": "珠三角", "coreCitiesText": "Guangzhou, Shenzhen", "planApproved": "2019"],
                    ["url": "/clusters/x/", "name": "X", "coreCitiesText": "Y"],
                ],
            ]]),
            ("charts", [.html("<figure>1</figure>"), .html("<figure>2</figure>")]),
            ("cluster", [
                "tier": "Tier 1", "name": "Pearl River Delta", "nameZh": "珠三角", "summary": "South.",
                "provinces": ["Guangdong"], "coreCities": ["Guangzhou", "Shenzhen"], "planApproved": "2019",
                "figures": [["label": "Population", "value": "86.2 m", "year": 2020], ["label": "GDP", "value": nil, "year": nil]],
                "gdpPerPerson": "112,000 yuan", "gdpPerPersonYear": 2020, "notes": "Boundaries differ.",
                "sources": ["Census 2020", "Yearbook"], "narrative": .html("<p>Story</p>"), "hasCharts": true,
                "charts": [.html("<figure>gdp</figure>")], "hasBriefings": true,
                "briefings": [["url": "/b/1/", "title": "One", "dateISO": "2024-01-01", "date": "1 Jan 2024", "licensed": true]],
                "locator": .html("<svg class=\"locator\"></svg>"), "clustersIndex": "/clusters/",
            ]),
        ]
        return .object(Object(page.pairs.map { ($0.0.name, $0.1) }.filter { key, _ in !extra.contains { $0.0 == key } } + extra))
    }
}

extension Value {
    /// The same data as swift-mustache wants it; a null leaves its key out, as PageContext does.
    var any: Any? {
        switch self {
        case .null: return nil
        case .bool(let b): return b
        case .int(let i): return i
        case .double(let d): return d
        case .text(let s), .html(let s): return s
        case .list(let items): return items.compactMap(\.any)
        case .object(let object):
            var dictionary: [String: Any] = [:]
            for (key, value) in object.pairs { dictionary[key.name] = value.any }
            return dictionary
        }
    }

    var count: Int {
        if case .object(let object) = self { return object.values.count }
        return 0
    }
}

private struct FastHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { htmlEscape(text) }
}
