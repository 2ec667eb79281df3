import ArgumentParser
import DossierApp
import DossierModel
@testable import DossierSite
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest

/// Hostile or mistaken input, one row each: the site builds once, then one thing goes wrong,
/// and `dossier` (the root command users run) must print exactly the expected lines on
/// standard error, exit with the expected status, and leave the previous output byte for byte.
final class FaultSuiteTests: XCTestCase {
    struct Fault: Sendable {
        var name: String
        /// Arguments after the command name (the site's --content and --templates are added).
        var command = ["build", "--out", "public", "--quiet"]
        var change: @Sendable (SiteFixture) throws -> Void
        var expected: [String]
        var status: Int32 = 1
    }

    /// A good site: the sample (a licensed briefing and its German edition, two public ones, a
    /// page, cluster data) plus a chart on an English page and on its German edition.
    static func goodSite() throws -> SiteFixture {
        let site = try SiteFixture.sample()
        try site.write("data/series.csv", "# values\nyear,value\n2020,1.5\n2021,2\n2022,\n")
        let chart = "```chart\ntype: column\ndata: series.csv\nx: year\ny: value\ntitle: \"Values\"\n```\n"
        try site.write("briefings/2025/rail.md", briefing(title: "Rail", date: "2025-03-18", extra: "topics: [Transport]", body: "Text.\n\n" + chart))
        try site.write("briefings/2025/rail.de.md", "---\ntitle: \"Bahn\"\n---\nText.\n\n" + chart)
        return site
    }

    /// The sample's data dictionary of clusters.csv, to extend in a fault.
    static let clustersSchema = """
        title: {en: City clusters, de: Stadtcluster}
        primaryKey: id
        fields:
          - {name: id, title: {en: Cluster, de: Cluster}}
          - {name: name_en, title: {en: Name, de: Name}}

        """

    static let faults: [Fault] = [
        Fault(name: "YAML syntax error", change: { try $0.write("briefings/2025/rail.md", "---\ntitle: [broken\ndate: 2025-03-18\n---\nText.\n") },
              expected: ["content/briefings/2025/rail.md:3:5: error: invalid YAML: did not find expected ',' or ']'"]),
        Fault(name: "YAML error in an original is not repeated on its translation",
              change: { try $0.write("briefings/2021/city-clusters.md", "---\ntitle: \"City clusters\"\ndate: 2021-06-15\naccess: [licensed\n---\n") },
              expected: ["content/briefings/2021/city-clusters.md:5:1: error: invalid YAML: did not find expected ',' or ']'"]),
        Fault(name: "YAML error in site.yml is not repeated on translations",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "title: \"Test Monitor\"", with: "title: \"Test Monitor")) },
              expected: ["content/site.yml:2:12: error: invalid YAML: did not find expected key"]),
        Fault(name: "unquoted colon in a value",
              change: { try $0.write("briefings/2025/rail.md", "---\ntitle: Rail: the plan\ndate: 2025-03-18\n---\n") },
              expected: ["content/briefings/2025/rail.md:2:12: error: invalid YAML: mapping values are not allowed in this context; quote a title that contains a colon, as in title: \"…: …\""]),
        Fault(name: "tab in YAML",
              change: { try $0.write("briefings/2025/rail.md", "---\ntitle: Rail\ndate: 2025-03-18\ntopics:\n\t- Transport\n---\n") },
              expected: ["content/briefings/2025/rail.md:5:1: error: invalid YAML: found character that cannot start any token; YAML does not allow tabs for indentation: use spaces"]),
        Fault(name: "missing title", change: { try $0.write("briefings/2025/rail.md", "---\ndate: 2025-03-18\n---\n") },
              expected: ["content/briefings/2025/rail.md:1:1: error: missing required field 'title'"]),
        Fault(name: "missing date", change: { try $0.write("briefings/2024/tiers.md", "---\ntitle: Tiers\n---\n") },
              expected: ["content/briefings/2024/tiers.md:1:1: error: missing required field 'date' (YYYY-MM-DD)"]),
        Fault(name: "missing date in an original is not repeated on its translation",
              change: { try $0.write("briefings/2025/rail.md", "---\ntitle: Rail\n---\n") },
              expected: ["content/briefings/2025/rail.md:1:1: error: missing required field 'date' (YYYY-MM-DD)"]),
        Fault(name: "impossible date", change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-02-30")) },
              expected: ["content/briefings/2024/tiers.md:3:7: error: invalid date '2024-02-30': expected a real date as YYYY-MM-DD"]),
        Fault(name: "unknown access", change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", extra: "access: secret")) },
              expected: ["content/briefings/2024/tiers.md:4:9: error: unknown access value 'secret': expected 'public' or 'licensed'"]),
        Fault(name: "wrongly typed field", change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", extra: "topics: Transport")) },
              expected: ["content/briefings/2024/tiers.md:4:9: error: 'topics' must be a list, found a single value"]),
        Fault(name: "no front matter", change: { try $0.write("briefings/2024/tiers.md", "# Tiers\n") },
              expected: ["content/briefings/2024/tiers.md:1:1: error: missing front matter: start the file with '---', then 'title:' and 'date:'"]),
        Fault(name: "front matter never closed", change: { try $0.write("briefings/2024/tiers.md", "---\ntitle: Tiers\n") },
              expected: ["content/briefings/2024/tiers.md:1:1: error: front matter starts with '---' but is never closed"]),
        Fault(name: "duplicate route", change: { try $0.write("briefings/2025/other.md", briefing(title: "Other", extra: "slug: rail")) },
              expected: ["content/briefings/2025/rail.md: error: duplicate route /briefings/2025/rail/: also produced by content/briefings/2025/other.md"]),
        Fault(name: "routes that differ only in case", change: { try $0.write("briefings/2025/Rail.md", briefing(title: "Rail again")) },
              expected: ["content/briefings/2025/rail.md: error: route /briefings/2025/rail/ differs only in case from /briefings/2025/Rail/, produced by content/briefings/2025/Rail.md: the two are one file on macOS and Windows; rename one"]),
        Fault(name: "unsafe file name", change: { try $0.write("briefings/2025/what now?.md", briefing(title: "Q")) },
              expected: ["content/briefings/2025/what now?.md: error: file name gives an unsafe URL segment; use letters, digits, '-', '_' or '.' (or set 'slug')"]),
        Fault(name: "broken symbolic link", change: { site in
                  try FileManager.default.createSymbolicLink(
                      atPath: site.content.appendingPathComponent("briefings/2025/link.md").path, withDestinationPath: "/nonexistent/file.md")
              },
              expected: ["content/briefings/2025/link.md: error: cannot read file: no such file (a broken link?)"]),
        Fault(name: "invalid UTF-8 in front matter",
              change: { try $0.write("briefings/2024/tiers.md", Data("---\ntitle: caf".utf8) + Data([0xC3, 0x28]) + Data("\ndate: 2024-05-14\n---\n".utf8)) },
              expected: ["content/briefings/2024/tiers.md:2:11: error: invalid UTF-8 byte sequence"]),
        Fault(name: "invalid UTF-8 in a body",
              change: { try $0.write("briefings/2024/tiers.md", Data(briefing(title: "Tiers", date: "2024-05-14", body: "One.\n\nTwo caf").utf8) + Data([0xE9, 0x0A])) },
              expected: ["content/briefings/2024/tiers.md:7:8: error: invalid UTF-8 byte sequence"]),
        Fault(name: "translation in a language the site does not have",
              change: { try $0.write("briefings/2024/tiers.fr.md", "---\ntitle: \"Trois niveaux\"\n---\n") },
              expected: ["content/briefings/2024/tiers.fr.md: error: 'fr' is not in languages: [en, de]; add it to 'languages' in site.yml, or rename the file"]),
        Fault(name: "German edition of an English-only site",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "languages: [en, de]", with: "languages: [en]")) },
              expected: [
                  "content/briefings/2021/city-clusters.de.md: error: 'de' is not in languages: [en]; add it to 'languages' in site.yml, or rename the file",
                  "content/briefings/2025/rail.de.md: error: 'de' is not in languages: [en]; add it to 'languages' in site.yml, or rename the file",
              ]),
        Fault(name: "the default language as a suffix", change: { try $0.write("briefings/2024/tiers.en.md", briefing(title: "Tiers")) },
              expected: ["content/briefings/2024/tiers.en.md: error: 'en' is the default language, which takes no suffix: name the file tiers.md"]),
        Fault(name: "base_url without a scheme",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "\"https://example.org/\"", with: "\"example.org\"")) },
              expected: ["content/site.yml:2:11: error: 'base_url' must be an absolute http or https URL, such as https://example.org/ or https://example.org/reports/ (found 'example.org')"]),
        Fault(name: "base_url with a query",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "\"https://example.org/\"", with: "\"https://example.org/?lang=en\"")) },
              expected: ["content/site.yml:2:11: error: 'base_url' must not contain a query ('?…'), such as https://example.org/ or https://example.org/reports/ (found 'https://example.org/?lang=en')"]),
        Fault(name: "base_url with a fragment",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "\"https://example.org/\"", with: "\"https://example.org/#top\"")) },
              expected: ["content/site.yml:2:11: error: 'base_url' must not contain a fragment ('#…'), such as https://example.org/ or https://example.org/reports/ (found 'https://example.org/#top')"]),
        Fault(name: "no base_url",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "base_url: \"https://example.org/\"\n", with: "")) },
              expected: ["content/site.yml:1:1: error: missing required field 'base_url' (the site's address, such as https://example.org/)"]),
        Fault(name: "--base-url that is not absolute", command: ["build", "--out", "public", "--base-url", "example.org"], change: { _ in },
              expected: ["Error: --base-url must be an absolute http or https URL, such as https://example.org/ or https://example.org/reports/ (found 'example.org')"],
              status: 64),
        Fault(name: "non-numeric cell in a chart's column, on two pages: once",
              change: { try $0.write("data/series.csv", "year,value\n2020,1.5\n2021,about 2\n") },
              expected: ["content/data/series.csv:3: error: column 'value' must hold numbers, found 'about 2' (leave the cell empty for no data)"]),
        Fault(name: "ragged CSV row", change: { try $0.write("data/clusters.csv", "id,name_en\nbeibu-gulf,Beibu Gulf,extra\n") },
              expected: ["content/data/clusters.csv:2: error: row has 3 fields, the header has 2"]),
        Fault(name: "unterminated quote in CSV", change: { try $0.write("data/clusters.csv", "id,name_en\nbeibu-gulf,\"Beibu Gulf\n") },
              expected: ["content/data/clusters.csv:2: error: unterminated quoted field"]),
        Fault(name: "chart with an unknown column",
              change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: "```chart\ntype: bar\ndata: series.csv\nx: year\ny: gdp\n```\n")) },
              expected: ["content/briefings/2024/tiers.md:9: error: chart 'y': unknown column 'gdp' in series.csv (columns: year, value)"]),
        Fault(name: "chart of an unknown type",
              change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: "```chart\ntype: pie\ndata: series.csv\nx: year\ny: value\n```\n")) },
              expected: ["content/briefings/2024/tiers.md:6:7: error: chart 'type': unknown chart type 'pie' (expected bar, column, line, scatter, map, sparkline)"]),
        Fault(name: "chart of a missing data file",
              change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: "```chart\ntype: bar\ndata: gdp.csv\nx: year\ny: value\n```\n")) },
              expected: ["content/briefings/2024/tiers.md:7: error: chart 'data': no data file 'gdp.csv' under content/data/ (found: clusters.csv, series.csv)"]),
        Fault(name: "two charts with one id",
              change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: """
                  ```chart
                  id: values
                  type: bar
                  data: series.csv
                  x: year
                  y: value
                  ```

                  ```table
                  data: series.csv
                  ```

                  ```chart
                  id: values
                  type: line
                  data: series.csv
                  x: year
                  y: value
                  ```

                  """)) },
              expected: ["content/briefings/2024/tiers.md:18: error: chart 'id': 'values' is already used on this page (line 6)"]),
        Fault(name: "chart id with a space",
              change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: "```table\nid: my table\ndata: series.csv\n```\n")) },
              expected: ["content/briefings/2024/tiers.md:6: error: table 'id': use letters, digits, '-' and '_' only (found 'my table')"]),
        Fault(name: "topics that share a URL, reported once (not again on a translation that inherits them)",
              change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", extra: "topics: [\"Regional policy!\"]")) },
              expected: ["content/briefings/2021/city-clusters.md: error: topics 'Regional policy!' (content/briefings/2024/tiers.md) and 'Regional Policy' share the URL /topics/regional-policy/; use one name"]),
        Fault(name: "template syntax error", change: { site in
                  try "{{<base}}{{$main}}\n{{#briefing}}\n{{title}}\n{{/brief}}\n{{/main}}{{/base}}\n"
                      .write(to: site.templates.appendingPathComponent("briefing.mustache"), atomically: true, encoding: .utf8)
              },
              expected: ["templates/briefing.mustache:4:1: error: closing tag '{{/brief}}' does not match section 'briefing' opened at line 2"]),
        Fault(name: "template with a missing partial", change: { site in
                  try "<p>{{> partials/nowhere}}</p>\n".write(to: site.templates.appendingPathComponent("partials/footer.mustache"), atomically: true, encoding: .utf8)
              },
              expected: ["templates/partials/footer.mustache:1:4: error: partial 'partials/nowhere' does not exist"]),
        Fault(name: "no content folder", command: ["build", "--out", "public", "--content", "nowhere"], change: { _ in },
              expected: ["nowhere: error: content folder not found"]),
        Fault(name: "output folder inside the content folder", command: ["build", "--out", "content/public"], change: { _ in },
              expected: ["content/public: error: refusing to write output to 'content/public': it is, contains or is inside 'content'"]),
        Fault(name: "a link to a draft (check)", command: ["check"], change: { site in
                  try site.write("briefings/2025/soon.md", briefing(title: "Soon", extra: "draft: true"))
                  try site.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: "See [soon](/briefings/2025/soon/).\n"))
              },
              expected: ["content/briefings/2024/tiers.md:5:12: error: link '/briefings/2025/soon/' is broken: there is no page at /briefings/2025/soon/: that briefing is a draft (build with --drafts to include it)"]),
        Fault(name: "a link to a future briefing (check)", command: ["check"], change: { site in
                  try site.write("briefings/2027/later.md", briefing(title: "Later", date: "2027-01-05"))
                  try site.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: "See [later](../../2027/later/).\n"))
              },
              expected: ["content/briefings/2024/tiers.md:5:13: error: link '../../2027/later/' is broken: there is no page at ../../2027/later/: that briefing is dated 2027-01-05, after the build date 2026-11-29 (build with --future to include it)"]),
        // Collections (site.yml's `collections:`, the data dictionary, the rows briefings name).
        Fault(name: "a dictionary field the CSV lacks",
              change: { try $0.write("data/clusters.schema.yml", FaultSuiteTests.clustersSchema + "  - {name: population_m, type: number}\n") },
              expected: ["content/data/clusters.schema.yml:6: error: field 'population_m' is not a column of content/data/clusters.csv (columns: id, name_en)"]),
        Fault(name: "a value outside its enum",
              change: { site in
                  try site.write("data/clusters.csv", "id,name_en,tier\nbeibu-gulf,Beibu Gulf,top\n")
                  try site.write("data/clusters.schema.yml", FaultSuiteTests.clustersSchema + "  - {name: tier, constraints: {enum: [first, second]}}\n")
              },
              expected: ["content/data/clusters.csv:2: error: column 'tier' must be one of first, second, found 'top'"]),
        Fault(name: "a duplicate row id", change: { try $0.write("data/clusters.csv", "id,name_en\nbeibu-gulf,Beibu Gulf\nbeibu-gulf,Beibu\n") },
              expected: ["content/data/clusters.csv:3: error: duplicate key 'beibu-gulf' in column 'id' (first on line 2)"]),
        Fault(name: "an unsafe row id", change: { try $0.write("data/clusters.csv", "id,name_en\nbeibu-gulf,Beibu Gulf\nbad id/,Bad\n") },
              expected: ["content/data/clusters.csv:3: error: key 'bad id/' in column 'id' is not a safe URL segment: use letters a–z and A–Z, digits, '-', '_' and '.', not starting with '.'"]),
        Fault(name: "qualifiers on a field that is not numeric",
              change: { try $0.write("data/clusters.schema.yml", FaultSuiteTests.clustersSchema.replacingOccurrences(of: "{name: name_en,", with: "{name: name_en, qualifiers: true,")) },
              expected: ["content/data/clusters.schema.yml:5: error: field 'name_en': 'qualifiers' needs a number or integer field, not string"]),
        Fault(name: "a qualified value where the dictionary allows none",
              change: { site in
                  try site.write("data/clusters.csv", "id,name_en,area\nbeibu-gulf,Beibu Gulf,>100\n")
                  try site.write("data/clusters.schema.yml", FaultSuiteTests.clustersSchema + "  - {name: area, type: number}\n")
              },
              expected: ["content/data/clusters.csv:2: error: column 'area' must hold numbers, found '>100' (a qualifier needs 'qualifiers: true' for this field in content/data/clusters.schema.yml)"]),
        Fault(name: "no title column for a language of the site",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "title: name_en", with: "title: {en: name_en}")) },
              expected: ["content/site.yml:14:12: error: collection 'clusters': 'title' names no column for 'de' (languages: [en, de]); give one column per language, or one column for all"]),
        Fault(name: "an unknown key in a collection",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML + "\n    grop: tier\n") },
              expected: ["content/site.yml:15:5: error: unknown key 'grop' in collection 'clusters' (expected data, id, title, group, path); did you mean 'group'?"]),
        Fault(name: "a collection whose data file does not exist",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "data/clusters.csv", with: "data/cluster.csv")) },
              expected: ["content/site.yml:13: error: collection 'clusters': no data file 'data/cluster.csv' (found: data/clusters.csv, data/series.csv)"]),
        Fault(name: "a column site.yml names that the data file lacks",
              change: { try $0.write("site.yml", SiteFixture.sampleSiteYML.replacingOccurrences(of: "title: name_en", with: "title: name_de")) },
              expected: ["content/site.yml:14: error: collection 'clusters': 'title' names column 'name_de', which content/data/clusters.csv does not have (columns: id, name_en)"]),
        Fault(name: "a briefing naming an unknown row",
              change: { try $0.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", extra: "clusters: [beibu-gulf, beibu-gulph]")) },
              expected: ["content/briefings/2024/tiers.md:4:24: error: unknown clusters id 'beibu-gulph': not a row of data/clusters.csv; did you mean 'beibu-gulf'?"]),
        Fault(name: "a narrative for an unknown row",
              change: { try $0.write("clusters/atlantis.md", "Somewhere.\n") },
              expected: ["content/clusters/atlantis.md: error: no row with id 'atlantis' in data/clusters.csv (collection 'clusters')"]),
    ]

    func testEveryFaultHasItsExactDiagnosticStatusAndKeepsThePreviousOutput() throws {
        let good = try Self.goodSite()
        let (goodStatus, goodErrors) = run(["build", "--out", "public", "--quiet"], in: good)
        XCTAssertEqual(goodStatus, 0, "the good site builds: \(goodErrors)")
        let before = SiteFixture.snapshot(good.output)
        XCTAssertGreaterThan(before.count, 20)
        for fault in Self.faults {
            let site = try SiteFixture(copying: good)  // built once, then broken in a copy
            XCTAssertEqual(SiteFixture.snapshot(site.output), before)
            try fault.change(site)
            let (status, printed) = run(fault.command, in: site)
            var expected = fault.expected
            let errors = expected.count
            if fault.command.first == "build" && fault.status == 1 {
                let out = fault.command.firstIndex(of: "--out").map { fault.command[$0 + 1] } ?? "public"
                expected.append("build failed: \(errors) error\(errors == 1 ? "" : "s"); \(out) was left as it was")
            }
            XCTAssertEqual(printed.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), expected, fault.name)
            XCTAssertEqual(status, fault.status, "\(fault.name): exit status")
            XCTAssertEqual(SiteFixture.snapshot(site.output), before, "\(fault.name): the previous output is unchanged")
        }
    }

    /// Warnings stay warnings: an unknown key (with a suggestion) builds, exit status 0, printed once.
    func testUnknownKeyIsAWarningWithASuggestion() throws {
        let site = try Self.goodSite()
        try site.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", extra: "sumary: \"One line.\"\nauthor: me"))
        let (status, printed) = run(["build", "--out", "public", "--quiet"], in: site)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(printed, """
            content/briefings/2024/tiers.md:4:1: warning: unknown key 'sumary' in front matter (ignored); did you mean 'summary'?
            content/briefings/2024/tiers.md:5:1: warning: unknown key 'author' in front matter (ignored); did you mean 'authors'?

            """)
        XCTAssertTrue(site.exists("briefings/2024/tiers/index.html"))
    }

    /// A source on the site's own host is a reference: `check` lists it once as external and
    /// does not look for it as a page.
    func testSourceOnTheSitesOwnHostIsAnExternalReference() throws {
        let site = try Self.goodSite()
        try site.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", extra: """
            sources:
              - {title: "Our 2020 report", url: "https://example.org/reports/2020.pdf"}
            """))
        try site.write("briefings/2024/tiers.de.md", "---\ntitle: Stufen\n---\nText.\n")
        let report = try LinkChecker.check(site.options())
        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.externalLinks.filter { $0.contains("example.org/reports") }, ["https://example.org/reports/2020.pdf"])
    }

    /// Runs `dossier ARGUMENTS --content … --templates …` from the site's folder, as a user would;
    /// returns the exit status and what it printed on standard error.
    func run(_ arguments: [String], in site: SiteFixture) -> (Int32, String) {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(site.root.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        var full = arguments
        if !full.contains("--content") { full += ["--content", "content"] }
        full += ["--templates", "templates", "--now", "2026-11-29"]
        var status: Int32 = 0
        let printed = captureStandardError {
            do {
                var command = try Dossier.parseAsRoot(full)
                try command.run()
            } catch {
                status = Dossier.exitCode(for: error).rawValue
                // What `main` prints for a usage error (our commands print their own diagnostics).
                if status != 1 { FileHandle.standardError.write(Data(("Error: " + Dossier.message(for: error) + "\n").utf8)) }
            }
        }
        return (status, printed)
    }
}

/// Figure ids that survive edits above them, with `id:` to name one.
final class FigureIDTests: XCTestCase {
    func ids(_ body: String) throws -> [String] {
        let site = try FaultSuiteTests.goodSite()
        try site.write("briefings/2024/tiers.md", briefing(title: "Tiers", date: "2024-05-14", body: body))
        try site.build()
        let html = try site.page("briefings/2024/tiers/index.html")
        return html.matches(of: /<figure class="[^"]*" id="([^"]*)"/).map { String($0.output.1) }
    }

    func testIdsComeFromTitlesAndStayWhenLinesMove() throws {
        let blocks = """
            ```chart
            type: bar
            data: series.csv
            x: year
            y: value
            title: "Values by year"
            ```

            ```chart
            type: line
            data: series.csv
            x: year
            y: value
            title: "Values by year"
            ```

            ```table
            data: series.csv
            ```

            ```chart
            id: main-figure
            type: column
            data: series.csv
            x: year
            y: value
            ```

            ```chart
            type: column
            data: series.csv
            x: year
            y: value
            ```

            """
        let expected = ["chart.values-by-year", "chart.values-by-year-2", "table.series", "chart.main-figure", "chart.series-value"]
        XCTAssertEqual(try ids(blocks), expected)
        XCTAssertEqual(try ids("A new paragraph.\n\nAnd another one, with lines.\n\n" + blocks), expected, "lines added above change no id")
        XCTAssertEqual(FigureIDs.slug("The 19 clusters, their tiers and national plan approvals, 2015–2023"),
                       "the-19-clusters-their-tiers-and-national-plan", "a long title is cut after a word")
    }
}

/// Runs `body` with standard error going to a file; returns what it printed.
func captureStandardError(_ body: () -> Void) -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-stderr-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let saved = dup(STDERR_FILENO)
    dup2(fd, STDERR_FILENO)
    close(fd)
    body()
    dup2(saved, STDERR_FILENO)
    close(saved)
    return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
}
