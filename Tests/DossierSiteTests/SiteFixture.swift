@testable import DossierSite
import DossierModel
import Foundation
import XCTest

/// A small site in a temporary folder: `content/`, a copy of the default theme in `templates/`,
/// and `public/` as output. Files are written with `write(_:_:)` and built with `build()`.
final class SiteFixture {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var templates: URL { root.appendingPathComponent("templates") }
    var output: URL { root.appendingPathComponent("public") }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let siteYML = """
        title: "Test Monitor"
        base_url: "https://example.org/"
        language: en
        languages: [en, de]
        publisher:
          name: "Fictional Analysis"
          blurb: "A fictional publisher for tests."
        nav:
          - {label: "Briefings", url: "/"}
          - {label: "About", url: "/about/"}
        """

    init(siteYML: String = SiteFixture.siteYML) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("templates"), to: templates)
        try write("site.yml", siteYML)
    }

    /// A copy of another fixture's folder (content, templates, output), to change on its own.
    init(copying other: SiteFixture) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: other.root, to: root)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Builds are judged against a fixed date, so that tests never depend on the clock.
    static let buildDate = Day(iso: "2026-11-29")!

    func options(
        out: URL? = nil, drafts: Bool = false, baseURL: String? = nil, edition: Edition = .public,
        future: Bool = false, now: Day = SiteFixture.buildDate
    ) -> BuildOptions {
        BuildOptions(
            contentFolder: content, templatesFolder: templates, outputFolder: out ?? output, baseURL: baseURL,
            includeDrafts: drafts, edition: edition, includeFuture: future, buildDate: now, workingFolder: root)
    }

    @discardableResult
    func build(
        out: URL? = nil, drafts: Bool = false, baseURL: String? = nil, edition: Edition = .public,
        future: Bool = false, now: Day = SiteFixture.buildDate
    ) throws -> BuildReport {
        try SiteBuilder.build(options(out: out, drafts: drafts, baseURL: baseURL, edition: edition, future: future, now: now))
    }

    /// Builds and expects failure; returns the diagnostics as printed.
    func failingBuild(out: URL? = nil) -> [String] {
        do {
            _ = try SiteBuilder.build(options(out: out))
            XCTFail("build succeeded but should have failed")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    func page(_ path: String, in folder: URL? = nil) throws -> String {
        try String(contentsOf: (folder ?? output).appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String, in folder: URL? = nil) -> Bool {
        FileManager.default.fileExists(atPath: (folder ?? output).appendingPathComponent(path).path)
    }

    /// Every file below a folder, relative path → bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try? Data(contentsOf: url)
            }
        }
        return files
    }
}

/// A briefing file with front matter.
func briefing(
    title: String, date: String = "2025-03-01", extra: String = "", body: String = "Body text.\n"
) -> String {
    "---\ntitle: \"\(title)\"\ndate: \(date)\n\(extra.isEmpty ? "" : extra + "\n")---\n\(body)"
}

extension SiteFixture {
    /// site.yml's lines declaring the sample's collection of city clusters.
    static let clustersCollection = """
        collections:
          clusters:
            data: data/clusters.csv
            title: name_en
        """

    static let sampleSiteYML = siteYML + "\n" + clustersCollection

    /// A site with a licensed briefing, its German edition, two public briefings, a page and data.
    static func sample() throws -> SiteFixture {
        let site = try SiteFixture()
        try site.write("briefings/2021/city-clusters.md", briefing(
            title: "City clusters <script>alert(1)</script>", date: "2021-06-15",
            extra: """
                summary: "Why 19 clusters & what they do."
                key_points: ["Point one", "Point two"]
                topics: [Regional Policy]
                clusters: [beibu-gulf]
                access: licensed
                sources:
                  - {title: "NDRC notice", url: "https://ndrc.example/notice"}
                """,
            body: """
                Intro with a [link](/briefings/2024/tiers/).

                ## First part
                Text.
                ## Second part
                ### Detail
                ## Third part
                Done.

                """))
        try site.write("briefings/2021/city-clusters.de.md", """
            ---
            title: "Stadtcluster"
            key_points: ["Punkt eins"]
            ---
            Deutscher Text.
            """)
        try site.write("briefings/2024/tiers.md", briefing(
            title: "Three tiers", date: "2024-05-14", extra: "topics: [Regional Policy]\nclusters: [beibu-gulf]"))
        try site.write("briefings/2025/rail.md", briefing(
            title: "Rail", date: "2025-03-18", extra: "topics: [Transport]"))
        try site.write("pages/about.md", "---\ntitle: About\nsummary: What this is.\n---\nAbout text.\n")
        try site.write("site.yml", sampleSiteYML)
        try site.write("data/clusters.csv", "# test data\nid,name_en\nbeibu-gulf,Beibu Gulf\n")
        try site.write("data/clusters.schema.yml", FaultSuiteTests.clustersSchema)
        return site
    }

}
