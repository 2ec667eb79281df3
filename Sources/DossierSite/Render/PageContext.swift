import DossierCharts
import DossierMarkdown
import DossierModel
import DossierTemplates
import Foundation

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
                alternates.append(LanguageLinkView(lang: lang, label: nil, url: site.canonicalURL(r)))
            }
            if let r = versions[config.language] {
                alternates.append(LanguageLinkView(lang: "x-default", label: nil, url: site.canonicalURL(r)))
            }
        }
        for lang in config.languages where lang != language {
            let target = versions[lang] ?? routes.home(lang)
            switchLinks.append(LanguageLinkView(lang: lang, label: strings.text("language_name", lang), url: site.url(target)))
        }
        let home = routes.home(language)
        var page = PageMetaView(
            title: title, canonical: site.canonicalURL(route), kind: kind,
            description: description.flatMap { $0.isEmpty ? nil : $0 } ?? siteDescription(language))
        page.locale = strings.text("og_locale", language)
        page.localeAlternates = config.languages.filter { $0 != language && versions[$0] != nil }.map { strings.text("og_locale", $0) }
        page.image = siteImage
        page.noindex = site.edition == .licensee
        page.structuredData = structuredData(kind: kind, language: language, route: route, title: title, description: page.description)
        return CommonView(
            site: SiteView(
                title: config.title,
                publisher: PublisherView(name: config.publisher.name, blurb: config.publisher.blurb(language)), nav: nav,
                description: config.descriptions[language]),
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
            page: page,
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
            topic: meta.topics.first.map { topicLabel($0, briefing.language) },
            updated: meta.updated.map { DateFormat.long($0, language: briefing.language) })
    }

    // MARK: - Descriptions and sharing

    /// The site's sentence about itself in a language, else the publisher's blurb.
    func siteDescription(_ language: String) -> String? {
        let text = site.config.descriptions[language] ?? site.config.publisher.blurb(language)
        return text.isEmpty ? nil : text
    }

    /// An interface string with `{name}` placeholders filled in.
    func text(_ key: String, _ language: String, _ values: [String: String]) -> String {
        var text = strings.text(key, language)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { text = FastText.replacing("{\(name)}", with: value, in: text) }
        return text
    }

    /// `1 chart` / `3 charts` from `<key>_one` and `<key>_other`.
    func counted(_ key: String, _ count: Int, _ language: String) -> String {
        text(count == 1 ? key + "_one" : key + "_other", language, ["count": NumberFormat.forLanguage(language).string(Double(count), decimals: 0)])
    }

    /// `A`, `A and B`, `A, B and C` in the page's language.
    func list(_ items: [String], _ language: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " " + strings.text("and", language) + " " + items.last!
    }

    /// The site's picture for link previews, as an absolute URL.
    var siteImage: ShareImageView? {
        site.config.image.map { ShareImageView(url: absoluteImageURL($0), width: nil, height: nil) }
    }

    /// A root-relative image path under the public address; absolute URLs stay as they are.
    func absoluteImageURL(_ path: String) -> String {
        path.hasPrefix("/") ? site.canonicalURL(.root) + path.dropFirst() : path
    }

    /// A page's JSON-LD: the site with its search on a home page, else the breadcrumbs Home ›
    /// (Topics › or the collection ›) this page; none for the 404 page and redirects. Briefings replace it with a Report.
    func structuredData(kind: String, language: String, route: Route, title: String, description: String?) -> HTML? {
        let config = site.config
        let home = site.routes.home(language)
        switch kind {
        case "404", "alias", "briefing":  // a briefing's is its Report (`reportData`), made after its view
            return nil
        case "home":
            return LinkedData.document([LinkedData.website(
                name: config.title, url: site.canonicalURL(home), language: language, description: description,
                publisher: publisherData, search: site.canonicalURL(site.routes.search(language)))]).map(HTML.init)
        default:
            var steps = [(name: config.title, url: site.canonicalURL(home))]
            if kind == "topic" { steps.append((strings.text("topics", language), site.canonicalURL(site.routes.topicsIndex(language)))) }
            if kind == "collection-item", let parent = Route(segments: Array(route.segments.dropLast())),
               let collection = site.collections.first(where: { $0.indexRoute(language, routes: site.routes) == parent }) {
                steps.append((collection.title(language, fallback: config.language), site.canonicalURL(parent)))
            }
            steps.append((title, site.canonicalURL(route)))
            return LinkedData.document([LinkedData.breadcrumbs(steps)].compactMap { $0 }).map(HTML.init)
        }
    }

    var publisherData: JSONValue {
        LinkedData.organization(name: site.config.publisher.name, url: site.canonicalURL(.root))
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

    /// Words read per minute, for a briefing's reading time.
    static let wordsPerMinute = 200

    func briefing(
        _ briefing: BriefingSummary, rendered: RenderedMarkdown, related: [BriefingSummary], teaser: Bool,
        image: ShareImageView? = nil
    ) -> BriefingPage {
        let meta = briefing.meta
        let language = briefing.language
        let toc = rendered.headings.filter { $0.level <= 3 }
        // A contents box helps only when there is something to navigate; `toc:` decides when set.
        let showTOC = meta.toc ?? (toc.filter { $0.level == 2 }.count >= 3)
        var view = BriefingView(
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
            // A teaser's body was read and checked, never shown: its headings are a plain list instead.
            body: HTML(teaser ? "" : rendered.html),
            toc: showTOC && !teaser ? toc.map { TOCEntryView(id: $0.id, text: $0.text, sub: $0.level == 3) } : [],
            teaser: teaser,
            // The public edition's licensed briefing: its parts that are public and a notice.
            notice: teaser ? site.config.licensedNotice[language] ?? strings.text("licensed_notice", language) : nil,
            contact: teaser ? site.config.licensedContact : nil)
        view.authors = meta.authors.map { AuthorView(name: $0.name, url: $0.url) }
        if !meta.authors.isEmpty {
            let names = meta.authors.map { author in
                author.url.map { "<a href=\"\(htmlEscape($0))\">\(htmlEscape(author.name))</a>" } ?? htmlEscape(author.name)
            }
            // The string's own text is escaped, the names are markup already.
            let parts = strings.text("byline", language).components(separatedBy: "{names}")
            view.byline = HTML(parts.map(htmlEscape).joined(separator: list(names, language)))
        }
        if let updated = meta.updated {
            view.updated = DateFormat.long(updated, language: language)
            view.updatedISO = updated.description
            view.updatedText = text("updated", language, ["date": view.updated!])
        }
        view.params = DynamicMap(meta.params.map { ($0.key, Self.value($0.value)) })
        if teaser && meta.toc != false { view.outline = toc.map { TOCEntryView(id: $0.id, text: $0.text, sub: $0.level == 3) } }
        let numbers = NumberFormat.forLanguage(language)
        view.words = rendered.wordCount
        view.readingMinutes = max(1, (rendered.wordCount + Self.wordsPerMinute - 1) / Self.wordsPerMinute)
        view.lengthText = text("word_count", language, ["words": numbers.string(Double(view.words), decimals: 0)]) + " · "
            + text(view.readingMinutes == 1 ? "reading_time_one" : "reading_time_other", language,
                   ["minutes": numbers.string(Double(view.readingMinutes), decimals: 0)])
        view.charts = rendered.blocks["chart"] ?? 0
        view.tables = rendered.blocks["table"] ?? 0
        let exhibits = (view.charts > 0 ? [counted("charts", view.charts, language)] : [])
            + (view.tables > 0 ? [counted("tables", view.tables, language)] : [])
        view.exhibitsText = exhibits.isEmpty ? nil : list(exhibits, language)
        if teaser { view.includes = site.config.licensedIncludes[language] }

        // A teaser's description never comes from its body: the summary, else its first key point.
        let description = meta.summary ?? meta.keyPoints.first ?? (teaser ? nil : rendered.firstParagraph.map(Self.shortened))
        var common = common(language: language, route: briefing.route, title: meta.title, description: description, kind: "briefing")
        let topics = meta.topics.map { topicLabel($0, language) }
        common.page.type = "article"
        common.page.published = meta.date.description
        common.page.modified = meta.lastModified.description
        common.page.section = topics.first
        common.page.tags = topics
        if let image { common.page.image = image }
        common.page.structuredData = reportData(
            briefing, view: view, description: common.page.description, image: common.page.image, teaser: teaser)
        return BriefingPage(common: common, briefing: view, related: related.map(card))
    }

    /// A description cut to about 160 characters at a word.
    static func shortened(_ text: String) -> String {
        guard text.count > 160 else { return text }
        let cut = text.prefix(160)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + " …"
    }

    /// Free-form front matter as template values.
    static func value(_ free: FreeValue) -> Value {
        switch free {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .text(let t): return .text(t)
        case .list(let items): return .list(items.map(value))
        case .map(let entries): return .object(Object(entries.map { ($0.key, value($0.value)) }))
        }
    }

    /// A briefing as a schema.org `Report`, with its breadcrumbs: Home › its first topic › it.
    func reportData(_ briefing: BriefingSummary, view: BriefingView, description: String?, image: ShareImageView?, teaser: Bool) -> HTML? {
        let meta = briefing.meta
        let language = briefing.language
        let url = site.canonicalURL(briefing.route)
        let authors: JSONValue = meta.authors.isEmpty
            ? .array([publisherData])
            : .array(meta.authors.map { .object(("@type", .string("Person")), ("name", .string($0.name)), ("url", .string($0.url))) })
        let about: [JSONValue] = view.rows.flatMap(\.rows).map { row in
            .object(("@type", .string("Thing")), ("name", .string(row.name)),
                    ("url", .string(row.url.map { site.canonicalURL(.root) + $0.dropFirst(site.basePath.count) })))
        }
        let licensed = meta.access == .licensed
        // Google's markup for content behind a paywall: the part readers cannot see is named by
        // a selector (the teaser's notice in the public edition, the body in the licensee one).
        let paywalled: JSONValue? = licensed
            ? .object([("@type", .string("WebPageElement")), ("isAccessibleForFree", .bool(false)),
                       ("cssSelector", .string(teaser ? ".licensed-notice" : ".prose"))])
            : nil
        let report = JSONValue.object(
            ("@type", .string("Report")), ("@id", .string(url + "#briefing")),
            ("headline", .string(meta.title)), ("description", .string(description)),
            ("url", .string(url)), ("mainEntityOfPage", .string(url)),
            ("datePublished", .string(meta.date.description)), ("dateModified", .string(meta.lastModified.description)),
            ("inLanguage", .string(language)), ("author", authors), ("publisher", publisherData),
            ("keywords", meta.topics.isEmpty ? nil : .array(meta.topics.map { .string(topicLabel($0, language)) })),
            ("about", about.isEmpty ? nil : .array(about)),
            ("image", .string(image?.url)),
            ("wordCount", view.words > 0 ? .int(view.words) : nil),
            ("isAccessibleForFree", .bool(!licensed)),
            ("hasPart", paywalled))
        var steps = [(name: site.config.title, url: site.canonicalURL(site.routes.home(language)))]
        if let topic = meta.topics.first { steps.append((topicLabel(topic, language), site.canonicalURL(site.routes.topic(language, slug: site.topicSlugs[topic] ?? Topics.slug(topic))))) }
        steps.append((meta.title, url))
        return LinkedData.document([report] + [LinkedData.breadcrumbs(steps)].compactMap { $0 }).map(HTML.init)
    }
}
