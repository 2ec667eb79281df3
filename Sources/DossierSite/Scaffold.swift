import DossierModel
import DossierTheme
import Foundation

/// `dossier new`: a new site with the default theme, or a new briefing file to fill in.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates `folder/content` (site.yml, one briefing, a data folder) and `folder/templates`
    /// (the default theme). Refuses a folder whose content or templates already exist.
    public static func site(at folder: URL, today: Day) throws -> [String] {
        let fm = FileManager.default
        for name in ["content", "templates"] where fm.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw Failure(description: "\(folder.appendingPathComponent(name).path) exists already; choose an empty folder")
        }
        let content = folder.appendingPathComponent("content")
        var created: [String] = []
        func write(_ relative: String, _ text: String) throws {
            let url = content.appendingPathComponent(relative)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            created.append("content/" + relative)
        }
        try write("site.yml", """
            title: "My Briefings"
            base_url: "https://example.org/"
            language: en
            languages: [en]
            publisher:
              name: "Example Publisher"
              blurb: "Replace this with two sentences about who publishes these briefings."
            nav:
              - {label: "Briefings", url: "/"}
              - {label: "Topics", url: "/topics/"}
            licensed:
              contact: "mailto:licensing@example.org"

            """)
        try write("briefings/\(today.year)/first-briefing.md", """
            ---
            title: "My first briefing"
            date: \(today)
            summary: "One sentence that says what this briefing is about."
            key_points:
              - "The first thing a reader should take away."
              - "The second one."
            topics: [Getting Started]
            access: public
            ---
            Write the body in Markdown. Link to other briefings by their URL, such as [the list of
            topics](/topics/).

            ## A chart from data

            ```chart
            type: column
            data: example.csv
            x: year
            y: value
            title: "Example values (replace with your own data)"
            unit: "units"
            ```

            """)
        try write("data/example.csv", """
            # Example data to replace: each chart and table reads CSV files from this folder.
            # An empty cell means "no data" and is shown as such, never as zero.
            year,value
            2021,12
            2022,15
            2023,
            2024,19

            """)
        try DefaultTheme.write(to: folder.appendingPathComponent("templates"))
        created.append("templates/ (the default theme)")
        return created
    }

    /// Writes `content/briefings/<year>/<slug>.md` with front matter to fill in, as a draft.
    /// `clusters` are row ids of a collection named `clusters` (the key is written only with ids,
    /// so a site without that collection gets no unknown key).
    public static func briefing(title: String, content: URL, today: Day, clusters: [String]) throws -> URL {
        let slug = Topics.slug(title)
        guard !slug.isEmpty else { throw Failure(description: "the title '\(title)' has no letters or digits to make a file name from") }
        let url = content.appendingPathComponent("briefings/\(today.year)/\(slug).md")
        let text = """
            ---
            title: \(quote(title))
            date: \(today)
            summary: ""
            key_points:
              - ""
            topics: []\(clusters.isEmpty ? "" : "\nclusters: [\(clusters.joined(separator: ", "))]")
            access: public
            draft: true      # remove when it is ready to publish
            sources: []
            ---


            """
        try create(url, text)
        return url
    }

    /// Writes the translation of `original` (`x.md` → `x.<language>.md` beside it), with the
    /// original's date, as a draft. The language must be one of the site's other languages.
    public static func translation(title: String, of original: URL, language: String, content: URL) throws -> URL {
        let siteFile = content.appendingPathComponent("site.yml")
        guard let siteText = try? String(contentsOf: siteFile, encoding: .utf8) else {
            throw Failure(description: "cannot read \(siteFile.path): a translation needs the site's languages")
        }
        let (config, found) = SiteConfigLoader.decode(siteText, path: siteFile.path)
        guard let config else { throw Failure(description: found.map(\.description).joined(separator: "\n")) }
        guard config.languages.dropFirst().contains(language) else {
            let list = "[\(config.languages.joined(separator: ", "))]"
            throw Failure(description: language == config.language
                ? "'\(language)' is the site's default language: the original is in it already"
                : "'\(language)' is not in languages: \(list); add it to 'languages' in \(siteFile.path) first")
        }
        let name = original.deletingPathExtension().lastPathComponent
        guard original.pathExtension == "md", Resolver.languageSuffixProblem(name, config: config) == nil,
              !config.languages.contains(where: { name.hasSuffix(".\($0)") }) else {
            throw Failure(description: "--of needs the original briefing, a file such as content/briefings/2021/x.md (found \(original.path))")
        }
        let text: String
        switch SourceReader.read(original, displayPath: original.path) {
        case .success(let t): text = t
        case .failure(let d): throw Failure(description: d.description)
        }
        let source = SourceReader.split(text)
        guard let yaml = source.frontMatter else {
            throw Failure(description: "\(original.path) has no front matter; fix the original first")
        }
        let (raw, problems) = FrontMatterDecoder.decode(yaml, path: original.path, firstLine: source.frontMatterLine)
        guard let date = raw?.date else {
            let errors = problems.filter { $0.severity == .error }.map(\.description)
            throw Failure(description: errors.isEmpty ? "\(original.path) has no date; fix the original first" : errors.joined(separator: "\n"))
        }
        let url = original.deletingLastPathComponent().appendingPathComponent("\(name).\(language).md")
        try create(url, """
            ---
            title: \(quote(title))
            date: \(date)     # the original's
            summary: ""
            key_points:
              - ""
            draft: true      # remove when it is ready to publish
            ---


            """)
        return url
    }

    /// A YAML double-quoted string.
    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Writes a new file; never over an existing one.
    static func create(_ url: URL, _ text: String) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Failure(description: "\(url.path) exists already; it was left as it was")
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
