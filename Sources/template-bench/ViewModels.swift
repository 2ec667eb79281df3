import DossierTemplates

// The briefing page as typed view models, as DossierSite will declare them: what building the
// context costs on the typed path (`Presentable` → `Value`).

struct NavItemView: Presentable {
    var label: String, url: String, current: Bool
    static let fields = Fields<NavItemView>(
        .field("label", \.label, "The link text"), .field("url", \.url, "Where it goes"),
        .field("current", \.current, "Whether it is this page's section"))
}

struct PublisherView: Presentable {
    var name: String, blurb: String
    static let fields = Fields<PublisherView>(.field("name", \.name, "Name"), .field("blurb", \.blurb, "One or two sentences"))
}

struct SiteView: Presentable {
    var title: String, publisher: PublisherView, nav: [NavItemView]
    static let fields = Fields<SiteView>(
        .field("title", \.title, "The site's title"), .field("publisher", \.publisher, "Who publishes it"),
        .field("nav", \.nav, "The main navigation"))
}

struct PageMetaView: Presentable {
    var title: String, canonical: String, kind: String, description: String?
    static let fields = Fields<PageMetaView>(
        .field("title", \.title, "The page title"), .field("canonical", \.canonical, "Its absolute URL"),
        .field("kind", \.kind, "briefing, home, …"), .field("description", \.description, "For search engines"))
}

struct LanguageLinkView: Presentable {
    var lang: String, label: String?, url: String
    static let fields = Fields<LanguageLinkView>(
        .field("lang", \.lang, "Language code"), .field("label", \.label, "The language's name"), .field("url", \.url, "The page in it"))
}

struct CardView: Presentable {
    var title: String, url: String, date: String, dateISO: String, keyPoints: [String], licensed: Bool
    var summary: String?, topic: String?
    static let fields = Fields<CardView>(
        .field("title", \.title, "Title"), .field("url", \.url, "URL"), .field("date", \.date, "Date, long form"),
        .field("dateISO", \.dateISO, "Date, YYYY-MM-DD"), .field("keyPoints", \.keyPoints, "Key points"),
        .field("licensed", \.licensed, "Licensed"), .field("summary", \.summary, "Summary"), .field("topic", \.topic, "First topic"))
}

struct ClusterLinkView: Presentable {
    var id: String, name: String, url: String?
    static let fields = Fields<ClusterLinkView>(
        .field("id", \.id, "Id"), .field("name", \.name, "Name"), .field("url", \.url, "Its page, when it has one"))
}

struct LinkView: Presentable {
    var label: String, url: String
    static let fields = Fields<LinkView>(.field("label", \.label, "Text"), .field("url", \.url, "URL"))
}

struct SourceView: Presentable {
    var title: String, url: String
    static let fields = Fields<SourceView>(.field("title", \.title, "Title"), .field("url", \.url, "URL"))
}

struct TOCEntryView: Presentable {
    var id: String, text: String, sub: Bool
    static let fields = Fields<TOCEntryView>(
        .field("id", \.id, "Anchor"), .field("text", \.text, "Heading"), .field("sub", \.sub, "A level-3 heading"))
}

struct BriefingView: Presentable {
    var title: String, date: String, dateISO: String, keyPoints: [String], clusters: [ClusterLinkView]
    var licensed: Bool, sources: [SourceView], body: HTML, toc: [TOCEntryView], summary: String?
    var topicLinks: [LinkView], topicURL: String?, topic: String?
    static let fields = Fields<BriefingView>(
        .field("title", \.title, "Title"), .field("date", \.date, "Date"), .field("dateISO", \.dateISO, "ISO date"),
        .field("keyPoints", \.keyPoints, "Key points"),
        .field("hasKeyPoints", "Whether it has key points") { !$0.keyPoints.isEmpty },
        .field("hasTopics", "Whether it has topics") { !$0.topicLinks.isEmpty },
        .field("clusters", \.clusters, "Clusters"), .field("hasClusters", "Whether it names clusters") { !$0.clusters.isEmpty },
        .field("licensed", \.licensed, "Licensed"), .field("sources", \.sources, "Sources"),
        .field("hasSources", "Whether it cites sources") { !$0.sources.isEmpty },
        .field("body", \.body, "The body"), .field("toc", \.toc, "Contents"), .field("hasTOC", "Whether to show contents") { !$0.toc.isEmpty },
        .field("summary", \.summary, "Summary"), .field("topicLinks", \.topicLinks, "Topics"),
        .field("topicURL", \.topicURL, "First topic's page"), .field("topic", \.topic, "First topic"))
}

struct BriefingPageView: Presentable {
    var site: SiteView, lang: String, t: Value, licenseeEdition: Bool, search: String, topicsIndex: String, feed: String
    var page: PageMetaView, alternates: [LanguageLinkView], languageSwitch: [LanguageLinkView], assets: String
    var home: String, archive: String, briefing: BriefingView, related: [CardView]
    static let fields = Fields<BriefingPageView>(
        .field("site", \.site, "The site"), .field("lang", \.lang, "Language"), .field("t", \.t, "Interface strings"),
        .field("licenseeEdition", \.licenseeEdition, "Licensee edition"), .field("search", \.search, "Search page"),
        .field("topicsIndex", \.topicsIndex, "Topics page"), .field("feed", \.feed, "Feed"), .field("page", \.page, "This page"),
        .field("alternates", \.alternates, "Other languages"), .field("languageSwitch", \.languageSwitch, "Language switch"),
        .field("assets", \.assets, "Assets folder"), .field("home", \.home, "Home"), .field("archive", \.archive, "Archive"),
        .field("briefing", \.briefing, "The briefing"), .field("related", \.related, "Related briefings"),
        .field("hasRelated", "Whether there are related briefings") { !$0.related.isEmpty })
}

extension Bench {
    /// The same page as `briefingContext`, as typed view models (interface strings built once, shared).
    static func briefingPage(strings t: Value, body: String) -> BriefingPageView {
        let card: (Int) -> CardView = { i in
            CardView(
                title: "Related briefing number \(i): the Chengdu–Chongqing corridor", url: "/briefings/2024/related-\(i)/",
                date: "15 June 2024", dateISO: "2024-06-15", keyPoints: ["A first point.", "A second point, with \"quotes\"."],
                licensed: i == 2, summary: "One sentence that sums the briefing up.", topic: "Transport")
        }
        return BriefingPageView(
            site: SiteView(
                title: "Cluster Monitor",
                publisher: PublisherView(name: "Meridian Regional Analysis", blurb: "Independent research on China's regions & their economies."),
                nav: [
                    NavItemView(label: "Briefings", url: "/", current: false), NavItemView(label: "Data", url: "/data/", current: false),
                    NavItemView(label: "About", url: "/about/", current: false),
                ]),
            lang: "en", t: t, licenseeEdition: false, search: "/search/", topicsIndex: "/topics/", feed: "/feed.xml",
            page: PageMetaView(
                title: "City clusters: the building blocks of regional policy",
                canonical: "https://example.org/briefings/2021/city-clusters/", kind: "briefing",
                description: "Why China's planners think in clusters of cities."),
            alternates: [
                LanguageLinkView(lang: "en", label: nil, url: "https://example.org/briefings/2021/city-clusters/"),
                LanguageLinkView(lang: "de", label: nil, url: "https://example.org/de/briefings/2021/city-clusters/"),
                LanguageLinkView(lang: "x-default", label: nil, url: "https://example.org/briefings/2021/city-clusters/"),
            ],
            languageSwitch: [LanguageLinkView(lang: "de", label: "Deutsch", url: "/de/briefings/2021/city-clusters/")],
            assets: "/assets/", home: "/", archive: "/briefings/",
            briefing: BriefingView(
                title: "City clusters: the building blocks of regional policy", date: "15 June 2021", dateISO: "2021-06-15",
                keyPoints: [
                    "China's plans now treat clusters of cities, not provinces, as the unit of regional policy.",
                    "Nineteen clusters hold about three quarters of the population & most of the GDP.",
                    "Tiers differ in mandate: <compete>, grow, cultivate.",
                ],
                clusters: [
                    ClusterLinkView(id: "pearl-river-delta", name: "Pearl River Delta", url: "/clusters/pearl-river-delta/"),
                    ClusterLinkView(id: "yangtze-river-delta", name: "Yangtze River Delta", url: "/clusters/yangtze-river-delta/"),
                ],
                licensed: false,
                sources: (1...3).map { SourceView(title: "NDRC notice no. \($0)", url: "https://example.org/ndrc/\($0)?a=1&b=2") },
                body: HTML(body),
                toc: (1...6).map { TOCEntryView(id: "section-\($0)", text: "Section \($0): what the plan says", sub: $0 % 3 == 0) },
                summary: "Why China's planners think in clusters of cities, and what that means for investors.",
                topicLinks: [LinkView(label: "Regional Policy", url: "/topics/regional-policy/"), LinkView(label: "Transport", url: "/topics/transport/")],
                topicURL: "/topics/regional-policy/", topic: "Regional Policy"),
            related: (1...3).map(card))
    }
}
