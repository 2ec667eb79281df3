import DossierTemplates

// The view models templates render: what each template can use is declared once, here. The
// same declarations give the values, the shapes `Theme` checks templates against (strict
// variables) and the README's list of names (`ThemeDocumentation`).

// MARK: - Every page

/// A link in the main navigation.
struct NavItemView: Presentable {
    var label: String
    var url: String
    var current: Bool
    var lang: String?
    var langName: String?
    static let fields = Fields<NavItemView>(
        .field("label", \.label, "The link text, in the page's language"),
        .field("url", \.url, "Where it leads, with the base path (the page in this page's language, when it has one)"),
        .field("current", \.current, "Whether it leads to this page"),
        .field("lang", \.lang, "The language of the page it leads to, when that page exists only in another language"),
        .field("langName", \.langName, "That language's name, in this page's language (to say so beside the link)"))
}

struct PublisherView: Presentable {
    var name: String
    var blurb: String
    static let fields = Fields<PublisherView>(
        .field("name", \.name, "The publisher's name"),
        .field("blurb", \.blurb, "One or two sentences about the publisher, in the page's language"))
}

struct SiteView: Presentable {
    var title: String
    var publisher: PublisherView
    var nav: [NavItemView]
    var description: String?
    static let fields = Fields<SiteView>(
        .field("title", \.title, "The site's title"),
        .field("publisher", \.publisher, "Who publishes the site"),
        .field("nav", \.nav, "The main navigation from site.yml"),
        .field("description", \.description, "One sentence about the site (site.yml `description`), in the page's language"))
}

/// A picture for link previews (`og:image`).
struct ShareImageView: Presentable {
    var url: String
    var width: Int?
    var height: Int?
    static let fields = Fields<ShareImageView>(
        .field("url", \.url, "Its absolute URL"),
        .field("width", \.width, "Its width in pixels, when known"),
        .field("height", \.height, "Its height in pixels, when known"))
}

/// The page itself, as the `<head>` needs it.
struct PageMetaView: Presentable {
    var title: String
    var canonical: String?
    var kind: String
    var description: String?
    /// Open Graph type: `article` for briefings, `website` otherwise.
    var type = "website"
    var locale = ""
    var localeAlternates: [String] = []
    var image: ShareImageView?
    var published: String?
    var modified: String?
    var section: String?
    var tags: [String] = []
    var structuredData: HTML?
    var noindex = false

    init(title: String, canonical: String?, kind: String, description: String?) {
        self.title = title
        self.canonical = canonical
        self.kind = kind
        self.description = description
    }

    static let fields = Fields<PageMetaView>(
        .field("title", \.title, "The page's title"),
        .field("canonical", \.canonical, "Its absolute URL (none on the 404 page); in the licensee edition, its public edition's page"),
        .field("kind", \.kind, "briefing, home, list, topic, topics, search, page, alias, collection, collection-item or 404"),
        .field("description", \.description, "A sentence for search engines and link previews"),
        .field("type", \.type, "Its Open Graph type: article for a briefing, website otherwise"),
        .field("locale", \.locale, "Its Open Graph locale (the `og_locale` interface string: en_US, de_DE)"),
        .field("localeAlternates", \.localeAlternates, "The Open Graph locales of its other languages"),
        .field("image", \.image, "A picture for link previews (front matter or site.yml `image`), when there is one"),
        .field("twitterCard", "The Twitter card type: summary_large_image with a picture, else summary") {
            $0.image == nil ? "summary" : "summary_large_image"
        },
        .field("published", \.published, "A briefing's date, YYYY-MM-DD"),
        .field("modified", \.modified, "A briefing's last change (its update, else its date), YYYY-MM-DD"),
        .field("section", \.section, "A briefing's first topic"),
        .field("tags", \.tags, "A briefing's topics"),
        .field("structuredData", \.structuredData, "JSON-LD for the page (schema.org), safe to write inside a script element"),
        .field("noindex", \.noindex, "Whether search engines should leave the page out (licensee edition, redirects)"))
}

/// Another language's version of a page.
struct LanguageLinkView: Presentable {
    var lang: String
    var label: String?
    var url: String
    static let fields = Fields<LanguageLinkView>(
        .field("lang", \.lang, "Its language code (x-default for the default language's page)"),
        .field("label", \.label, "The language's name, in that language"),
        .field("url", \.url, "The page in that language"))
}

/// What every page template can use, besides its own fields.
struct CommonView: Sendable {
    var site: SiteView
    var lang: String
    /// The interface strings of the page's language (built once per language).
    var t: Value
    var licenseeEdition: Bool
    var root: String
    var url: String
    var home: String
    var archive: String
    var search: String
    var topicsIndex: String
    var feed: String
    var assets: String
    var page: PageMetaView
    var alternates: [LanguageLinkView]
    var languageSwitch: [LanguageLinkView]

    /// The common fields, read through `common` of any page view.
    static func fields<Root: PageView>(of _: Root.Type) -> [Field<Root>] {
        [
            .field("site", "The site: title, publisher, navigation") { $0.common.site },
            .field("lang", "The page's language code") { $0.common.lang },
            .field("t", "Interface strings of the page's language, from templates/i18n/<lang>.yml",
                   shape: .dynamic("strings")) { $0.common.t },
            .field("licenseeEdition", "Whether this is the licensee edition") { $0.common.licenseeEdition },
            .field("root", "The site's base path (/ or /reports/)") { $0.common.root },
            .field("url", "This page's URL, with the base path") { $0.common.url },
            .field("home", "The home page of the page's language") { $0.common.home },
            .field("archive", "All briefings by year, in the page's language") { $0.common.archive },
            .field("search", "The search page of the page's language") { $0.common.search },
            .field("topicsIndex", "The list of topics of the page's language") { $0.common.topicsIndex },
            .field("feed", "The Atom feed of the page's language") { $0.common.feed },
            .field("assets", "The folder of the theme's static files (style.css, …)") { $0.common.assets },
            .field("page", "This page: title, canonical URL, kind, description") { $0.common.page },
            .field("alternates", "The page in every language that has it (for hreflang links)") { $0.common.alternates },
            .field("languageSwitch", "Links to the page (or the home page) in the other languages") { $0.common.languageSwitch },
        ]
    }
}

/// A page template's root context: the common fields plus its own.
protocol PageView: Presentable {
    var common: CommonView { get }
}

extension PageView {
    static func pageFields(_ own: Field<Self>...) -> Fields<Self> { Fields(CommonView.fields(of: Self.self) + own) }
}

// MARK: - Briefings in lists

/// A briefing as a card or list entry (home, topics, archive, related, cluster pages).
struct CardView: Presentable {
    var title: String
    var url: String
    var date: String
    var dateISO: String
    var keyPoints: [String]
    var licensed: Bool
    var summary: String?
    var topic: String?
    var lead = false
    var updated: String?
    static let fields = Fields<CardView>(
        .field("title", \.title, "The briefing's title"),
        .field("url", \.url, "Its URL"),
        .field("date", \.date, "Its date, written out in the page's language"),
        .field("dateISO", \.dateISO, "Its date as YYYY-MM-DD"),
        .field("keyPoints", \.keyPoints, "Its key points"),
        .field("licensed", \.licensed, "Whether its full text is for licensees"),
        .field("summary", \.summary, "Its summary, when it has one"),
        .field("topic", \.topic, "Its first topic's label, when it has topics"),
        .field("lead", \.lead, "Whether it leads its list (the newest briefing on the first page)"),
        .field("topKeyPoints", "At most its first two key points, for cards") { Array($0.keyPoints.prefix(2)) },
        .field("hasKeyPoints", "Whether it has key points") { !$0.keyPoints.isEmpty },
        .field("updated", \.updated, "The date of its last update, written out, when it has one"))
}

/// Briefings of one year (archive).
struct YearView: Presentable {
    var year: Int
    var briefings: [CardView]
    static let fields = Fields<YearView>(
        .field("year", \.year, "The year"),
        .field("briefings", \.briefings, "Its briefings, newest first"))
}

struct PaginationView: Presentable {
    var current: Int
    var total: Int
    var newer: String?
    var older: String?
    static let fields = Fields<PaginationView>(
        .field("current", \.current, "This page's number"),
        .field("total", \.total, "The number of pages"),
        .field("show", "Whether there is more than one page") { $0.total > 1 },
        .field("newer", \.newer, "The page with newer briefings, when there is one"),
        .field("older", \.older, "The page with older briefings, when there is one"))
}

// MARK: - briefing.mustache

struct LinkView: Presentable {
    var label: String
    var url: String
    static let fields = Fields<LinkView>(
        .field("label", \.label, "The link text"),
        .field("url", \.url, "Where it leads"))
}

/// A collection row a briefing names (a city cluster, a country).
struct RowLinkView: Presentable {
    var id: String
    var name: String
    var url: String?
    static let fields = Fields<RowLinkView>(
        .field("id", \.id, "The row's id"),
        .field("name", \.name, "Its name in the page's language"),
        .field("url", \.url, "Its page, when the site has one"))
}

/// The rows of one collection that a briefing names.
struct NamedRowsView: Presentable {
    var collection: String
    var title: String
    var rows: [RowLinkView]
    static let fields = Fields<NamedRowsView>(
        .field("collection", \.collection, "The collection's name in site.yml (its front-matter key)"),
        .field("title", \.title, "What the collection is called, in the page's language"),
        .field("rows", \.rows, "The rows it names, in the order written"))
}

struct SourceView: Presentable {
    var title: String
    var url: String
    static let fields = Fields<SourceView>(
        .field("title", \.title, "The source's title"),
        .field("url", \.url, "Its address"))
}

struct TOCEntryView: Presentable {
    var id: String
    var text: String
    var sub: Bool
    static let fields = Fields<TOCEntryView>(
        .field("id", \.id, "The heading's id (link to #id)"),
        .field("text", \.text, "The heading's text"),
        .field("sub", \.sub, "Whether it is a level-3 heading"))
}

struct AuthorView: Presentable {
    var name: String
    var url: String?
    static let fields = Fields<AuthorView>(
        .field("name", \.name, "The author's name"),
        .field("url", \.url, "A page about the author, when there is one"))
}

struct BriefingView: Presentable {
    var title: String
    var date: String
    var dateISO: String
    var summary: String?
    var keyPoints: [String]
    var topic: String?
    var topicURL: String?
    var topicLinks: [LinkView]
    var rows: [NamedRowsView]
    var licensed: Bool
    var sources: [SourceView]
    var body: HTML
    var toc: [TOCEntryView]
    var teaser: Bool
    var notice: String?
    var contact: String?
    var authors: [AuthorView] = []
    /// "By A and B", in the page's language, names linked to their pages.
    var byline: HTML?
    var updated: String?
    var updatedISO: String?
    var updatedText: String?
    var params = DynamicMap([])
    /// Level-2 and level-3 headings without links, for a teaser's contents list.
    var outline: [TOCEntryView] = []
    var words = 0
    var readingMinutes = 0
    var lengthText = ""
    var charts = 0
    var tables = 0
    var exhibitsText: String?
    var includes: String?
    static let fields = Fields<BriefingView>(
        .field("title", \.title, "The briefing's title"),
        .field("date", \.date, "Its date, written out in the page's language"),
        .field("dateISO", \.dateISO, "Its date as YYYY-MM-DD"),
        .field("summary", \.summary, "Its summary, when it has one"),
        .field("keyPoints", \.keyPoints, "Its key points"),
        .field("hasKeyPoints", "Whether it has key points") { !$0.keyPoints.isEmpty },
        .field("topic", \.topic, "Its first topic's label"),
        .field("topicURL", \.topicURL, "Its first topic's page"),
        .field("topicLinks", \.topicLinks, "Every topic, with its page"),
        .field("hasTopics", "Whether it has topics") { !$0.topicLinks.isEmpty },
        .field("rows", \.rows, "The collection rows it names (front-matter keys named after collections), collection by collection"),
        .field("hasRows", "Whether it names rows of a collection") { !$0.rows.isEmpty },
        .field("licensed", \.licensed, "Whether its full text is for licensees"),
        .field("sources", \.sources, "The sources it cites"),
        .field("hasSources", "Whether it cites sources") { !$0.sources.isEmpty },
        .field("body", \.body, "The rendered body (empty on a teaser)"),
        .field("toc", \.toc, "Its contents: level-2 and level-3 headings"),
        .field("hasTOC", "Whether to show the contents (three or more sections)") { !$0.toc.isEmpty },
        .field("teaser", \.teaser, "Whether the page shows only the public part of a licensed briefing"),
        .field("notice", \.notice, "On a teaser: the notice that the full text is for licensees"),
        .field("contact", \.contact, "On a teaser: the contact or subscribe link, when site.yml has one"),
        .field("authors", \.authors, "Who wrote it (front matter `authors`)"),
        .field("byline", \.byline, "Its authors as one line (\"By A and B\"), linked where they have a page, in the page's language"),
        .field("updated", \.updated, "The date of its last update, written out, when it has one"),
        .field("updatedISO", \.updatedISO, "That date as YYYY-MM-DD"),
        .field("updatedText", \.updatedText, "\"Updated …\" with that date, in the page's language"),
        .field("params", \.params, "Its front matter `params`: whatever the theme wants, by name"),
        .field("outline", \.outline, "Its level-2 and level-3 headings, as text (a teaser's contents list)"),
        .field("hasOutline", "Whether the contents list has entries") { !$0.outline.isEmpty },
        .field("words", \.words, "Its length in words"),
        .field("readingMinutes", \.readingMinutes, "Its reading time in minutes"),
        .field("lengthText", \.lengthText, "Its length and reading time, in the page's language"),
        .field("charts", \.charts, "Its number of charts"),
        .field("tables", \.tables, "Its number of tables"),
        .field("exhibitsText", \.exhibitsText, "Its charts and tables counted in words (\"3 charts and 1 table\"), when it has any"),
        .field("includes", \.includes, "On a teaser: what a licence includes (site.yml `licensed.includes`), in the page's language"))
}

struct BriefingPage: PageView {
    var common: CommonView
    var briefing: BriefingView
    var related: [CardView]
    static let fields = pageFields(
        .field("briefing", \.briefing, "The briefing"),
        .field("related", \.related, "Related briefings in the same language, up to five"),
        .field("hasRelated", "Whether there are related briefings") { !$0.related.isEmpty })
}

// MARK: - Lists

struct HomePage: PageView {
    var common: CommonView
    var briefings: [CardView]
    var pagination: PaginationView
    var firstPage: Bool
    var total: Int
    static let fields = pageFields(
        .field("briefings", \.briefings, "This page's briefings, newest first"),
        .field("pagination", \.pagination, "Links to newer and older pages"),
        .field("firstPage", \.firstPage, "Whether this is the first page"),
        .field("total", \.total, "The number of briefings in the page's language"))
}

struct ArchivePage: PageView {
    var common: CommonView
    var years: [YearView]
    var total: Int
    static let fields = pageFields(
        .field("years", \.years, "Every briefing of the page's language, by year, newest first"),
        .field("total", \.total, "The number of briefings"))
}

struct TopicInfoView: Presentable {
    var label: String
    var count: Int
    var feed: String
    static let fields = Fields<TopicInfoView>(
        .field("label", \.label, "The topic's label in the page's language"),
        .field("count", \.count, "Its number of briefings"),
        .field("feed", \.feed, "Its Atom feed"))
}

struct TopicPage: PageView {
    var common: CommonView
    var topic: TopicInfoView
    var briefings: [CardView]
    var pagination: PaginationView
    static let fields = pageFields(
        .field("topic", \.topic, "The topic"),
        .field("briefings", \.briefings, "This page's briefings on the topic, newest first"),
        .field("pagination", \.pagination, "Links to newer and older pages"))
}

struct TopicEntryView: Presentable {
    var label: String
    var url: String
    var count: Int
    static let fields = Fields<TopicEntryView>(
        .field("label", \.label, "The topic's label in the page's language"),
        .field("url", \.url, "Its page"),
        .field("count", \.count, "Its number of briefings"))
}

struct TopicsPage: PageView {
    var common: CommonView
    var topics: [TopicEntryView]
    static let fields = pageFields(.field("topics", \.topics, "Every topic of the page's language, by label"))
}

struct SearchPage: PageView {
    var common: CommonView
    var index: String
    static let fields = pageFields(
        .field("index", \.index, "The search index's manifest, which the script loads first"))
}

/// `content/pages/<name>.md`.
struct StandalonePage: PageView {
    var common: CommonView
    var body: HTML
    var summary: String?
    static let fields = pageFields(
        .field("body", \.body, "The rendered page"),
        .field("summary", \.summary, "Its summary, when it has one"))
}

/// The 404 page in one language, as the other languages' readers get it on the same page:
/// a static host serves one error page for every missing address.
struct NotFoundTextView: Presentable {
    var lang: String
    var title: String
    var text: String
    var home: String
    var goHome: String
    var archive: String
    var browseAll: String
    static let fields = Fields<NotFoundTextView>(
        .field("lang", \.lang, "The language's code"),
        .field("title", \.title, "'Page not found' in that language"),
        .field("text", \.text, "The explanation in that language"),
        .field("home", \.home, "That language's home page"),
        .field("goHome", \.goHome, "The link text to it"),
        .field("archive", \.archive, "That language's list of all briefings"),
        .field("browseAll", \.browseAll, "The link text to it"))
}

struct NotFoundPage: PageView {
    var common: CommonView
    var others: [NotFoundTextView]
    static let fields = pageFields(
        .field("others", \.others, "The same message in the site's other languages"))
}

/// The common fields alone (for the documentation).
private struct CommonFieldsOnly: PageView {
    var common: CommonView
    static let fields = pageFields()
}

// MARK: - Collections

/// A work a data row cites, linked.
struct CitedSourceView: Presentable {
    var title: String
    var url: String
    var note: String?
    static let fields = Fields<CitedSourceView>(
        .field("title", \.title, "The work's title, in the page's language"),
        .field("url", \.url, "Its address"),
        .field("note", \.note, "What it supports, when the data dictionary says"))
}

/// One cell of a row, as a reader sees it and as a template may need it.
struct FieldView: Presentable {
    var name: String
    var title: String
    var text: String
    var raw: String?
    var number: Double?
    var unit: String?
    var year: String?
    var items: [String]
    var missing: Bool
    var qualified: Bool
    var words: String?
    var numeric: Bool
    var lang: String?
    var description: String?
    var sources: [CitedSourceView]
    static let fields = Fields<FieldView>(
        .field("name", \.name, "The column's name (for class names; never shown)"),
        .field("title", \.title, "The column's title from the data dictionary, in the page's language"),
        .field("text", \.text, "The value as a reader sees it: number with its sign and unit, label, month, list; or what an empty cell means"),
        .field("raw", \.raw, "The cell as written (in the page's language when the dictionary names a translation); none when empty"),
        .field("number", \.number, "The number of a numeric cell (a bound's number for a qualified one)"),
        .field("unit", \.unit, "The unit, in the page's language"),
        .field("year", \.year, "The value's reference year, from the column the dictionary names"),
        .field("items", \.items, "The values of a list cell, each as a reader sees it (one for other cells)"),
        .field("missing", \.missing, "Whether the cell is empty (then text is the column's missing-value text)"),
        .field("qualified", \.qualified, "Whether the value is a bound or an approximation (> 14,000, ≈ 70)"),
        .field("words", \.words, "A qualified value in words (more than 14,000 bn yuan)"),
        .field("numeric", \.numeric, "Whether the column holds numbers"),
        .field("lang", \.lang, "The language the cell is written in, when the dictionary names one (zh-Hans)"),
        .field("description", \.description, "The column's description, in the page's language"),
        .field("sources", \.sources, "The works this row cites for this value"))
}

/// A row of a collection: its id, name, page and every field.
struct RowView: Presentable {
    var id: String
    var name: String
    var url: String
    var summary: String?
    var group: String?
    var fieldMap: DynamicMap
    var facts: [FieldView]
    var sources: [CitedSourceView]
    static let fields = Fields<RowView>(
        .field("id", \.id, "The row's id (its URL segment)"),
        .field("name", \.name, "Its name in the page's language (the collection's title column)"),
        .field("url", \.url, "Its page in the page's language"),
        .field("summary", \.summary, "The summary of its narrative in the page's language, when there is one"),
        .field("group", \.group, "The label of its group, when the collection has a group column"),
        .field("fields", \.fieldMap, "Every column by name (row.fields.population_m.text): what each field above has", shape: .dynamic("the data dictionary")),
        .field("facts", \.facts, "Its fields to list, in the dictionary's order: all but the id, names, coordinates, the columns that serve another (years, sources, translations) and empty text without a missing-value meaning"),
        .field("hasQualified", "Whether a fact is a bound or an approximation") { $0.facts.contains(where: \.qualified) },
        .field("sources", \.sources, "The works the row cites, linked"),
        .field("hasSources", "Whether it cites works") { !$0.sources.isEmpty })
}

struct CollectionInfoView: Presentable {
    var name: String
    var title: String
    var url: String
    var count: Int
    var notes: String?
    static let fields = Fields<CollectionInfoView>(
        .field("name", \.name, "Its name in site.yml"),
        .field("title", \.title, "What it is called, in the page's language (_index.md's title, else the data dictionary's)"),
        .field("url", \.url, "Its index page in the page's language"),
        .field("count", \.count, "Its number of rows"),
        .field("notes", \.notes, "The data dictionary's notes, in the page's language"))
}

/// Rows sharing a value of the collection's group column.
struct GroupView: Presentable {
    var label: String?
    var rows: [RowView]
    static let fields = Fields<GroupView>(
        .field("label", \.label, "The group's label (none for the one group of an ungrouped collection)"),
        .field("count", "Its number of rows") { $0.rows.count },
        .field("rows", \.rows, "Its rows, in the order of the data file"))
}

/// `collection.mustache` (or `<name>.mustache`): a collection's index.
struct CollectionPage: PageView {
    var common: CommonView
    var collection: CollectionInfoView
    var summary: String?
    var body: HTML
    var groups: [GroupView]
    static let fields = pageFields(
        .field("collection", \.collection, "The collection"),
        .field("summary", \.summary, "The summary of _index.md in the page's language"),
        .field("body", \.body, "The body of _index.md (charts and tables as in briefings); empty without one"),
        .field("groups", \.groups, "Its rows by group, groups in the order of the group column's enum"))
}

/// A table whose rows belong to a collection's rows (its dictionary's foreign key), drawn as a line.
struct SeriesView: Presentable {
    var data: String
    var key: String
    var x: String
    var y: String
    var title: String
    var description: String?
    static let fields = Fields<SeriesView>(
        .field("data", \.data, "The data file, relative to content/data/ (for a chart's data)"),
        .field("key", \.key, "Its column holding row ids (for series and filter)"),
        .field("x", \.x, "Its other key column (the year)"),
        .field("y", \.y, "Its value column"),
        .field("title", \.title, "The value column's title, in the page's language"),
        .field("description", \.description, "The value column's description, in the page's language"))
}

/// Where a collection's rows are, when its data has the map's coordinate columns.
struct MapView: Presentable {
    var data: String
    var key: String
    var lat: String
    var lon: String
    var basemap: String?
    var credit: String?
    static let fields = Fields<MapView>(
        .field("data", \.data, "The collection's data file, relative to content/data/"),
        .field("key", \.key, "Its id column (for the map's x, and highlight)"),
        .field("lat", \.lat, "Its latitude column"),
        .field("lon", \.lon, "Its longitude column"),
        .field("basemap", \.basemap, "The site's base map, when data/ holds exactly one GeoJSON file"),
        .field("credit", \.credit, "Who made the base map (its GeoJSON 'attribution')"))
}

/// `collection-item.mustache` (or `<name>-item.mustache`): one row's page.
struct CollectionItemPage: PageView {
    var common: CommonView
    var collection: CollectionInfoView
    var row: RowView
    var narrative: HTML
    var series: [SeriesView]
    var map: MapView?
    var briefings: [CardView]
    static let fields = pageFields(
        .field("collection", \.collection, "The collection"),
        .field("row", \.row, "The row"),
        .field("narrative", \.narrative, "Its narrative in the page's language (content/<name>/<id>.md); empty without one"),
        .field("series", \.series, "Tables with rows for this row (their dictionary's foreignKeys name the collection's data), for line charts"),
        .field("hasSeries", "Whether there are any") { !$0.series.isEmpty },
        .field("map", \.map, "The collection's coordinates, for a locator map"),
        .field("briefings", \.briefings, "Briefings of the page's language that name the row, newest first"),
        .field("hasBriefings", "Whether there are any") { !$0.briefings.isEmpty })
}

/// An old URL of a briefing (`aliases`): it sends readers to the briefing's page.
struct AliasPage: PageView {
    var common: CommonView
    var target: LinkView
    var targetURL: String
    static let fields = pageFields(
        .field("target", \.target, "The briefing: its title and URL"),
        .field("targetURL", \.targetURL, "Its absolute URL"))
}

// MARK: - Documentation

/// The README's list of what each template can use, generated from the view models above.
enum ThemeDocumentation {
    static let begin = "<!-- theme-variables: generated from Sources/DossierSite/Render/Views.swift -->"
    static let end = "<!-- /theme-variables -->"

    static var markdown: String {
        var text = "Every page template (and the partials it includes) can use:\n\n"
        text += Shape.object(commonFields).documentation()
        for (name, shape) in Theme.pageTemplates {
            text += "\n`\(name).mustache` also has:\n\n"
            guard case .object(let fields) = shape else { continue }
            let own = fields.filter { field in !commonFields.contains { $0.name == field.name } }
            text += own.isEmpty ? "- nothing else\n" : Shape.object(own).documentation()
        }
        text += "\n`fields` of a row holds one entry per column of the collection's data dictionary, by column name, "
            + "each with the fields of a `facts` entry; templates are checked against the dictionary of each collection that uses them.\n"
        return text
    }

    private static var commonFields: [ShapeField] {
        guard case .object(let fields) = CommonFieldsOnly.shape else { return [] }
        return fields
    }
}
