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

    /// Writes `content/briefings/<year>/<slug>.md` (or `<slug>.<lang>.md`) with front matter to fill in.
    public static func briefing(title: String, content: URL, today: Day, language: String?, clusters: [String]) throws -> URL {
        let slug = Topics.slug(title)
        guard !slug.isEmpty else { throw Failure(description: "the title '\(title)' has no letters or digits to make a file name from") }
        let name = language.map { "\(slug).\($0).md" } ?? "\(slug).md"
        let url = content.appendingPathComponent("briefings/\(today.year)/\(name)")
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Failure(description: "\(url.path) exists already; it was left as it was")
        }
        let quoted = title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var text = "---\ntitle: \"\(quoted)\"\n"
        if language == nil {
            text += """
                date: \(today)
                summary: ""
                key_points:
                  - ""
                topics: []
                clusters: [\(clusters.joined(separator: ", "))]
                access: public
                draft: true      # remove when it is ready to publish
                sources: []

                """
        } else {
            // A translation inherits date, access, topics, clusters and sources from the original.
            text += "summary: \"\"\nkey_points:\n  - \"\"\n"
        }
        text += "---\n\n"
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
