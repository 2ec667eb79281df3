import DossierModel
import DossierSearch
import Foundation

/// Site search: each briefing job hands back its `SearchEntry` (the terms of what it rendered),
/// then one job per language writes the sharded index that `assets/search.js` reads.
extension PageRenderer {
    /// What a briefing contributes to its language's index: title, summary, key points, topics,
    /// row names and, unless it is a teaser, the text of its rendered body. A teaser's body is
    /// never read, so it cannot reach the public edition's index.
    func searchEntry(_ briefing: BriefingSummary, body: String?) -> SearchEntry {
        let meta = briefing.meta
        let language = briefing.language
        var texts = [meta.summary ?? ""] + meta.keyPoints
        texts += meta.topics.map { context.topicLabel($0, language) }
        texts += site.rowNames(of: meta, language: language)
        if let body, !isTeaser(briefing) { texts.append(body) }
        return SearchEntry(title: meta.title, texts: texts, folding: .forLanguage(language))
    }

    /// `/search/` (and `/de/search/`): the search box, and for readers without JavaScript the
    /// way to the archive and the topics, never a list of every briefing.
    func search(_ language: String) throws -> Result {
        let route = site.routes.search(language)
        let view = SearchPage(
            common: context.common(
                language: language, route: route, title: strings.text("search", language),
                description: context.text("description_search", language, ["site": site.config.title]), kind: "search"),
            index: site.url(route) + Self.searchManifest)
        let found = try write("search", view, to: route.outputFile)
        return Result(files: [route.outputFile], sitemap: [SitemapEntry(route: route)], diagnostics: found)
    }

    static let searchManifest = "index.json"

    /// The index of one language, from the entries the briefing jobs made (parallel to
    /// `site.briefings[language]`, newest first): manifest, shards and result metadata under the
    /// language's search folder.
    func searchIndex(_ language: String, entries: SearchEntries) -> Result {
        do {
            return try writeSearchIndex(language, entries: entries.list(language, renderer: self))
        } catch let diagnostic as Diagnostic {
            return Result(diagnostics: [diagnostic])
        } catch {
            return Result(diagnostics: [.error(output.target.path, "cannot write the search index: \(error.localizedDescription)")])
        }
    }

    /// The key of a language's index: everything `writeSearchIndex` reads.
    func searchIndexKey(_ language: String, entries: SearchEntries, global: Digest) -> Digest {
        var h = StableHasher()
        h.combine(global)
        h.combine(language)
        h.combine(site.routes.search(language).relativeURL)
        let list = site.briefings[language] ?? []
        for (briefing, entry) in zip(list, entries.list(language, renderer: self)) {
            h.combine(briefing.meta.title)
            h.combine(site.url(briefing.route))
            h.combine(briefing.meta.date.description)
            h.combine(briefing.meta.summary)
            h.combine(briefing.meta.access == .licensed)
            h.combine(entry.termBytes)
            h.combine(entry.weights)
        }
        return h.finalize()
    }

    private func writeSearchIndex(_ language: String, entries: [SearchEntry]) throws -> Result {
        let list = site.briefings[language] ?? []
        precondition(entries.count == list.count, "one search entry per briefing")
        let documents = list.map { briefing in
            SearchDocument(
                title: briefing.meta.title, url: site.url(briefing.route),
                date: DateFormat.long(briefing.meta.date, language: language),
                summary: briefing.meta.summary ?? "", licensed: briefing.meta.access == .licensed)
        }
        let folder = site.routes.search(language).relativeURL
        let files = SearchIndex.build(
            documents: documents, entries: entries, folding: .forLanguage(language), language: language)
        var written: [String] = []
        for file in files {
            try output.write(file.contents, to: folder + file.path)
            written.append(folder + file.path)
        }
        return Result(files: written)
    }
}

/// The search entries of the last build, by briefing route, so that `serve` can rewrite an index
/// Filled by the briefing jobs of a build (kept ones bring theirs from the manifest).
final class SearchEntries: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Route: SearchEntry]

    init(_ entries: [Route: SearchEntry] = [:]) { self.entries = entries }

    subscript(route: Route) -> SearchEntry? {
        get { lock.withLock { entries[route] } }
        set { lock.withLock { entries[route] = newValue } }
    }

    var all: [Route: SearchEntry] { lock.withLock { entries } }

    /// The entries of a language's briefings, in list order; a briefing without one (none
    /// should be missing) gets the entry of its front matter alone.
    func list(_ language: String, renderer: PageRenderer) -> [SearchEntry] {
        (renderer.site.briefings[language] ?? []).map { self[$0.route] ?? renderer.searchEntry($0, body: nil) }
    }
}
