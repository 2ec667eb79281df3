import DossierMarkdown
import DossierModel

/// Builds the dictionaries templates see. Plain `[String: Any]` is the fastest context
/// swift-mustache renders (TOOLCHAIN.md); every value is text to escape unless a key says `html`.
struct PageContext: Sendable {
    let site: SiteModel

    /// Keys every page has: `site`, `lang`, `page`, `alternates`, `assets`, `home`.
    func common(language: String, route: Route, title: String, description: String?, kind: String) -> [String: Any] {
        let config = site.config
        let url = site.url(route)
        let nav: [[String: Any]] = config.nav.map { item in
            let href = link(item.url, language: language)
            return ["label": item.label, "url": href, "current": href == url]
        }
        var alternates: [[String: Any]] = []
        var switchLinks: [[String: Any]] = []
        if let key = translationKey(route), let versions = site.translations[key], versions.count > 1 {
            for lang in config.languages {
                guard let r = versions[lang] else { continue }
                alternates.append(["lang": lang, "url": site.absoluteURL(r)])
                if lang != language { switchLinks.append(["lang": lang, "label": languageName(lang), "url": site.url(r)]) }
            }
        }
        return [
            "site": [
                "title": config.title,
                "publisher": ["name": config.publisher.name, "blurb": config.publisher.blurb],
                "nav": nav,
            ] as [String: Any],
            "lang": language,
            "page": [
                "title": title,
                "canonical": site.absoluteURL(route),
                "kind": kind,
            ].settingText("description", description),
            "isHome": kind == "home",
            "alternates": alternates,
            "languageSwitch": switchLinks,
            "hasLanguageSwitch": !switchLinks.isEmpty,
            "assets": site.basePath + "assets/",
            "home": site.url(site.homeRoute(language)),
            "archive": site.url(Route(segments: (language == config.language ? [] : [language]) + ["briefings"])!),
        ]
    }

    /// Nav URLs are written root-relative in site.yml; put them under the base path.
    func link(_ url: String, language: String) -> String {
        guard url.hasPrefix("/"), !url.hasPrefix("//") else { return url }
        return site.basePath + url.dropFirst()
    }

    func languageName(_ code: String) -> String {
        ["en": "English", "de": "Deutsch", "fr": "Français", "zh": "中文"][code] ?? code
    }

    private func translationKey(_ route: Route) -> String? { routeKeys[route] }

    /// Route → document key, for finding a page's translations.
    let routeKeys: [Route: String]

    init(site: SiteModel) {
        self.site = site
        var keys: [Route: String] = [:]
        for (key, versions) in site.translations { for route in versions.values { keys[route] = key } }
        self.routeKeys = keys
    }

    func card(_ briefing: BriefingSummary) -> [String: Any] {
        let meta = briefing.meta
        var card: [String: Any] = [
            "title": meta.title,
            "url": site.url(briefing.route),
            "date": DateFormat.long(meta.date, language: briefing.language),
            "dateISO": meta.date.description,
            "keyPoints": meta.keyPoints,
            "licensed": meta.access == .licensed,
        ]
        card.setText("summary", meta.summary)
        card.setText("topic", meta.topics.first)
        return card
    }

    func briefing(_ briefing: BriefingSummary, rendered: RenderedMarkdown, related: [BriefingSummary]) -> [String: Any] {
        let meta = briefing.meta
        var context = common(
            language: briefing.language, route: briefing.route, title: meta.title, description: meta.summary,
            kind: "briefing")
        let toc = rendered.headings.filter { $0.level <= 3 }
        let clusters: [[String: Any]] = meta.clusters.map { id in
            var cluster: [String: Any] = ["id": id, "name": site.clusterNames[id] ?? id]
            cluster.setText("url", site.clusterURL(id))
            return cluster
        }
        // A contents box helps only when there is something to navigate.
        let showTOC = toc.filter { $0.level == 2 }.count >= 3
        var page: [String: Any] = [
            "title": meta.title,
            "date": DateFormat.long(meta.date, language: briefing.language),
            "dateISO": meta.date.description,
            "keyPoints": meta.keyPoints,
            "hasKeyPoints": !meta.keyPoints.isEmpty,
            "topics": meta.topics,
            "hasTopics": !meta.topics.isEmpty,
            "clusters": clusters,
            "hasClusters": !clusters.isEmpty,
            "licensed": meta.access == .licensed,
            "sources": meta.sources.map { ["title": $0.title, "url": $0.url] },
            "hasSources": !meta.sources.isEmpty,
            "body": rendered.html,
            "toc": showTOC ? toc.map { ["id": $0.id, "text": $0.text, "sub": $0.level == 3] as [String: Any] } : [],
            "hasTOC": showTOC,
        ]
        page.setText("summary", meta.summary)
        page.setText("topic", meta.topics.first)
        context["briefing"] = page
        context["related"] = related.map(card)
        context["hasRelated"] = !related.isEmpty
        return context
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Mustache treats any string, even an empty one, as true: leave absent text out.
    mutating func setText(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { self[key] = value }
    }

    func settingText(_ key: String, _ value: String?) -> [String: Any] {
        var copy = self
        copy.setText(key, value)
        return copy
    }
}
