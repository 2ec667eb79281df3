import DossierMarkdown
import DossierModel
import Foundation

/// Feeds and the sitemap: what a publisher needs beyond the pages (search: `Search.swift`).
extension PageRenderer {
    // MARK: - Atom feeds

    /// `/feed.xml`, `/de/feed.xml`, `/topics/<slug>/feed.xml`: the newest entries, dates from the
    /// content (never the clock), absolute URLs inside entry content; licensed entries carry only
    /// their teaser in the public edition.
    func feed(_ language: String, topic topicIndex: Int?) throws -> Result {
        let list = site.briefings[language] ?? []
        let topic = topicIndex.map { site.topics[language]![$0] }
        // Indices into the language's list, newest first: the body of each is read by index.
        let indices = (topic?.briefings ?? Array(list.indices.prefix(Self.feedSize))).prefix(Self.feedSize)
        let entries = indices.map { list[$0] }
        let pageRoute = topic.map { topicRoute(language, $0) } ?? site.routes.home(language)
        let feedPath = SiteRoutes.feedPath(of: pageRoute)
        let selfURL = site.config.baseURL + feedPath
        let title = topic.map { "\(site.config.title): \($0.label)" } ?? site.config.title
        // The latest change among the entries (an update may be newer than the newest entry);
        // an empty feed keeps a fixed date.
        let updated = entries.map(\.meta.lastModified).max().map(timestamp) ?? "1970-01-01T00:00:00Z"
        let absolute = MarkdownOptions(
            allowRawHTML: site.config.allowRawHTML, rootPrefix: String(site.config.baseURL.dropLast()))

        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(xmlEscape(language))\">\n"
        xml += "  <id>\(xmlEscape(selfURL))</id>\n  <title>\(xmlEscape(title))</title>\n"
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xmlEscape(selfURL))\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlEscape(site.absoluteURL(pageRoute)))\"/>\n"
        xml += "  <author><name>\(xmlEscape(site.config.publisher.name))</name></author>\n"
        for (index, briefing) in zip(indices, entries) {
            let url = site.absoluteURL(briefing.route)
            xml += "  <entry>\n    <id>\(xmlEscape(url))</id>\n    <title>\(xmlEscape(briefing.meta.title))</title>\n"
            xml += "    <published>\(timestamp(briefing.meta.date))</published>\n    <updated>\(timestamp(briefing.meta.lastModified))</updated>\n"
            for author in briefing.meta.authors {
                xml += "    <author><name>\(xmlEscape(author.name))</name>\(author.url.map { "<uri>\(xmlEscape($0))</uri>" } ?? "")</author>\n"
            }
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlEscape(url))\"/>\n"
            for name in briefing.meta.topics { xml += "    <category term=\"\(xmlEscape(site.topicSlugs[name] ?? Topics.slug(name)))\" label=\"\(xmlEscape(context.topicLabel(name, language)))\"/>\n" }
            if let summary = briefing.meta.summary { xml += "    <summary>\(xmlEscape(summary))</summary>\n" }
            var html = ""
            if !briefing.meta.keyPoints.isEmpty {
                html += "<ul>" + briefing.meta.keyPoints.map { "<li>\(htmlEscape($0))</li>" }.joined() + "</ul>"
            }
            if isTeaser(briefing) {
                let notice = site.config.licensedNotice[language] ?? strings.text("licensed_notice", language)
                html += "<p><em>\(htmlEscape(notice))</em></p>"
            } else {
                let source = site.briefingFiles[language]![index]
                let rendered = try renderBody(source.file, displayPath: source.displayPath, language: language, key: briefing.sourcePath, options: absolute)
                html += rendered.html
            }
            xml += "    <content type=\"html\">\(xmlEscape(html))</content>\n  </entry>\n"
        }
        xml += "</feed>\n"
        try emit(xml, to: feedPath)
        return Result(files: [feedPath])
    }

    func timestamp(_ day: Day) -> String { "\(day)T00:00:00Z" }

    // MARK: - Sitemap

    /// Every page with its hreflang alternates, sorted by URL.
    func writeSitemap(_ entries: [SitemapEntry]) throws -> [String] {
        // The licensee edition asks not to be indexed: it lists nothing.
        guard site.edition == .public else { return [] }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for entry in entries.sorted(by: { $0.route < $1.route }) {
            xml += "  <url>\n    <loc>\(xmlEscape(site.absoluteURL(entry.route)))</loc>\n"
            if let day = entry.lastModified { xml += "    <lastmod>\(day)</lastmod>\n" }
            let versions = context.translations(of: entry.route)
            if versions.count > 1 {
                for language in site.config.languages {
                    guard let route = versions[language] else { continue }
                    xml += "    <xhtml:link rel=\"alternate\" hreflang=\"\(language)\" href=\"\(xmlEscape(site.absoluteURL(route)))\"/>\n"
                }
            }
            xml += "  </url>\n"
        }
        xml += "</urlset>\n"
        try output.write(xml, to: SiteRoutes.sitemapFile)
        return [SiteRoutes.sitemapFile]
    }
}

func xmlEscape(_ s: String) -> String { htmlEscape(s) }
