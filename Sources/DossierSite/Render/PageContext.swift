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
            let href = link(item.urls[language] ?? item.url, language: language)
            return ["label": item.labels[language] ?? item.label, "url": href, "current": href == url]
        }
        // hreflang alternates for the versions that exist (x-default: the default language's);
        // the switch goes to the same page in another language, or to that language's home.
        var alternates: [[String: Any]] = []
        var switchLinks: [[String: Any]] = []
        let versions = translationKey(route).flatMap { site.translations[$0] } ?? [language: route]
        if versions.count > 1 {
            for lang in config.languages {
                guard let r = versions[lang] else { continue }
                alternates.append(["lang": lang, "url": site.absoluteURL(r)])
            }
            if let r = versions[config.language] { alternates.append(["lang": "x-default", "url": site.absoluteURL(r)]) }
        }
        for lang in config.languages where lang != language {
            let target = versions[lang] ?? site.homeRoute(lang)
            switchLinks.append(["lang": lang, "label": strings.text("language_name", lang), "url": site.url(target)])
        }
        return [
            "site": [
                "title": config.title,
                "publisher": ["name": config.publisher.name, "blurb": config.publisher.blurb],
                "nav": nav,
            ] as [String: Any],
            "lang": language,
            "t": strings[language],
            "licenseeEdition": site.edition == .licensee,
            "search": site.url(site.homeRoute(language).appending("search")!),
            "topicsIndex": site.url(site.homeRoute(language).appending("topics")!),
            "feed": site.url(site.homeRoute(language)) + "feed.xml",
            "page": [
                "title": title,
                "canonical": site.absoluteURL(route),
                "kind": kind,
            ].settingText("description", description),
            "alternates": alternates,
            "languageSwitch": switchLinks,
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

    func topicLabel(_ name: String, _ language: String) -> String {
        site.config.topicLabels[name]?[language] ?? name
    }

    func topicURL(_ name: String, _ language: String) -> String {
        site.url(site.homeRoute(language).appending("topics")!) + (site.topicSlugs[name] ?? Topics.slug(name)) + "/"
    }

    private func translationKey(_ route: Route) -> String? { routeKeys[route] }

    /// The versions of a page in every language that has one.
    func translations(of route: Route) -> [String: Route] {
        translationKey(route).flatMap { site.translations[$0] } ?? [:]
    }

    /// Route → document key, for finding a page's translations.
    let routeKeys: [Route: String]

    let strings: InterfaceStrings

    init(site: SiteModel, strings: InterfaceStrings) {
        self.site = site
        self.strings = strings
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
        card.setText("topic", meta.topics.first.map { topicLabel($0, briefing.language) })
        return card
    }

    func briefing(_ briefing: BriefingSummary, rendered: RenderedMarkdown, related: [BriefingSummary], teaser: Bool) -> [String: Any] {
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
        page["topicLinks"] = meta.topics.map { ["label": topicLabel($0, briefing.language), "url": topicURL($0, briefing.language)] }
        page.setText("topicURL", meta.topics.first.map { topicURL($0, briefing.language) })
        page.setText("topic", meta.topics.first.map { topicLabel($0, briefing.language) })
        if teaser {
            // The public edition's licensed briefing: its parts that are public and a notice.
            page["teaser"] = true
            page["notice"] = site.config.licensedNotice[briefing.language] ?? strings.text("licensed_notice", briefing.language)
            page.setText("contact", site.config.licensedContact)
        }
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
