import DossierMarkdown
import DossierModel
import DossierTemplates

/// Builds the view models templates render (`Views.swift`) from the resolved site.
struct PageContext: Sendable {
    let site: SiteModel
    let strings: InterfaceStrings
    /// Route → document key, for finding a page's translations.
    let routeKeys: [Route: String]
    /// Route → the language of the page there.
    let routeLanguages: [Route: String]
    /// `t` of each language, built once.
    let stringValues: [String: Value]

    init(site: SiteModel, strings: InterfaceStrings) {
        self.site = site
        self.strings = strings
        var keys: [Route: String] = [:]
        var languages: [Route: String] = [:]
        for (key, versions) in site.translations {
            for (language, route) in versions {
                keys[route] = key
                languages[route] = language
            }
        }
        self.routeKeys = keys
        self.routeLanguages = languages
        var values: [String: Value] = [:]
        for language in site.config.languages { values[language] = strings.value(language) }
        self.stringValues = values
    }

    /// What every page has.
    func common(language: String, route: Route, title: String, description: String?, kind: String) -> CommonView {
        let config = site.config
        let routes = site.routes
        let url = site.url(route)
        let nav = config.nav.map { item in
            // A link to a page leads to its version in this page's language when there is one;
            // a page that exists only in another language says so.
            var target = item.urls[language] ?? item.url
            var lang: String?
            if let route = internalRoute(target) {
                if let own = translations(of: route)[language] {
                    target = "/" + own.relativeURL
                } else if let other = routeLanguages[route], other != language {
                    lang = other
                }
            }
            let href = link(target, language: language)
            return NavItemView(label: item.labels[language] ?? item.label, url: href, current: href == url, lang: lang,
                               langName: lang.map { languageName($0, in: language) })
        }
        // hreflang alternates for the versions that exist (x-default: the default language's);
        // the switch goes to the same page in another language, or to that language's home.
        var alternates: [LanguageLinkView] = []
        var switchLinks: [LanguageLinkView] = []
        let found = translations(of: route)
        let versions = found.isEmpty ? [language: route] : found
        if versions.count > 1 {
            for lang in config.languages {
                guard let r = versions[lang] else { continue }
                alternates.append(LanguageLinkView(lang: lang, label: nil, url: site.absoluteURL(r)))
            }
            if let r = versions[config.language] {
                alternates.append(LanguageLinkView(lang: "x-default", label: nil, url: site.absoluteURL(r)))
            }
        }
        for lang in config.languages where lang != language {
            let target = versions[lang] ?? routes.home(lang)
            switchLinks.append(LanguageLinkView(lang: lang, label: strings.text("language_name", lang), url: site.url(target)))
        }
        let home = routes.home(language)
        return CommonView(
            site: SiteView(
                title: config.title, publisher: PublisherView(name: config.publisher.name, blurb: config.publisher.blurb(language)), nav: nav),
            lang: language,
            t: stringValues[language] ?? .null,
            licenseeEdition: site.edition == .licensee,
            root: site.basePath,
            url: url,
            home: site.url(home),
            archive: site.url(routes.archive(language)),
            search: site.url(routes.search(language)),
            topicsIndex: site.url(routes.topicsIndex(language)),
            feed: site.basePath + SiteRoutes.feedPath(of: home),
            assets: site.basePath + "assets/",
            page: PageMetaView(
                title: title, canonical: site.absoluteURL(route), kind: kind,
                description: description.flatMap { $0.isEmpty ? nil : $0 }),
            alternates: alternates,
            languageSwitch: switchLinks)
    }

    /// A language's name in another language (`language_name_en` of German: "Englisch"), else in itself.
    func languageName(_ code: String, in language: String) -> String {
        strings[language]["language_name_" + code] ?? strings[code]["language_name"] ?? code
    }

    /// The route of a root-relative URL as site.yml writes it (`/about/`), or nil for others.
    func internalRoute(_ url: String) -> Route? {
        guard url.hasPrefix("/"), !url.hasPrefix("//"), !url.contains("?"), !url.contains("#") else { return nil }
        return Route(segments: url.split(separator: "/").map(String.init))
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
        site.url(site.routes.topic(language, slug: site.topicSlugs[name] ?? Topics.slug(name)))
    }

    /// The versions of a page in every language that has one.
    func translations(of route: Route) -> [String: Route] {
        routeKeys[route].flatMap { site.translations[$0] } ?? [:]
    }

    func card(_ briefing: BriefingSummary) -> CardView {
        let meta = briefing.meta
        return CardView(
            title: meta.title, url: site.url(briefing.route),
            date: DateFormat.long(meta.date, language: briefing.language), dateISO: meta.date.description,
            keyPoints: meta.keyPoints, licensed: meta.access == .licensed, summary: meta.summary,
            topic: meta.topics.first.map { topicLabel($0, briefing.language) })
    }

    /// Briefings grouped by year, newest first.
    func byYear(_ list: [BriefingSummary]) -> [YearView] {
        var years: [YearView] = []
        for briefing in list {
            let year = briefing.meta.date.year
            if years.last?.year != year { years.append(YearView(year: year, briefings: [])) }
            years[years.count - 1].briefings.append(card(briefing))
        }
        return years
    }

    func pagination(base: Route, page: Int, count: Int, size: Int) -> PaginationView {
        let total = PageRenderer.pageCount(count, size)
        return PaginationView(
            current: page, total: total,
            newer: page > 1 ? site.url(SiteRoutes.paginated(base, page: page - 1)) : nil,
            older: page < total ? site.url(SiteRoutes.paginated(base, page: page + 1)) : nil)
    }

    /// The rows a briefing names, collection by collection in site.yml's order, linked to their pages.
    func namedRows(_ meta: FrontMatter, language: String) -> [NamedRowsView] {
        site.collections.compactMap { collection in
            let ids = meta.rows[collection.name] ?? []
            guard !ids.isEmpty else { return nil }
            let rows = ids.compactMap { id -> RowLinkView? in
                guard let index = collection.rowIndex[id] else { return nil }
                return RowLinkView(id: id, name: collection.rowName(collection.rows[index], language: language, fallback: site.config.language),
                                   url: site.rowURL(collection, id: id, language: language))
            }
            return NamedRowsView(collection: collection.name, title: collection.title(language, fallback: site.config.language), rows: rows)
        }
    }

    func briefing(_ briefing: BriefingSummary, rendered: RenderedMarkdown, related: [BriefingSummary], teaser: Bool) -> BriefingPage {
        let meta = briefing.meta
        let language = briefing.language
        let toc = rendered.headings.filter { $0.level <= 3 }
        // A contents box helps only when there is something to navigate.
        let showTOC = toc.filter { $0.level == 2 }.count >= 3
        let view = BriefingView(
            title: meta.title,
            date: DateFormat.long(meta.date, language: language),
            dateISO: meta.date.description,
            summary: meta.summary,
            keyPoints: meta.keyPoints,
            topic: meta.topics.first.map { topicLabel($0, language) },
            topicURL: meta.topics.first.map { topicURL($0, language) },
            topicLinks: meta.topics.map { LinkView(label: topicLabel($0, language), url: topicURL($0, language)) },
            rows: namedRows(meta, language: language),
            licensed: meta.access == .licensed,
            sources: meta.sources.map { SourceView(title: $0.title, url: $0.url) },
            body: HTML(rendered.html),
            toc: showTOC ? toc.map { TOCEntryView(id: $0.id, text: $0.text, sub: $0.level == 3) } : [],
            teaser: teaser,
            // The public edition's licensed briefing: its parts that are public and a notice.
            notice: teaser ? site.config.licensedNotice[language] ?? strings.text("licensed_notice", language) : nil,
            contact: teaser ? site.config.licensedContact : nil)
        return BriefingPage(
            common: common(language: language, route: briefing.route, title: meta.title, description: meta.summary, kind: "briefing"),
            briefing: view, related: related.map(card))
    }
}
