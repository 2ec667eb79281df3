import DossierModel

/// Every kind of output file the site generates, with its route rule. The resolver reserves the
/// routes of generated pages through `SiteRoutes`, and the renderer's job list is a list of these:
/// a URL segment like `topics` or `feed.xml` is spelled here and nowhere else.
enum PageKind: Hashable, Sendable {
    case briefing(language: String, index: Int)
    /// `content/pages/<name>.md`.
    case page(Int)
    case home(String, page: Int)
    case archive(String)
    case topicsIndex(String)
    case topic(String, index: Int, page: Int)
    case feed(String, topic: Int?)
    case search(String)
    /// A collection's index page in one language (`/clusters/`, `/de/clusters/`).
    case collectionIndex(collection: Int, language: String)
    /// One row's page in one language (`/clusters/<id>/`, `/de/clusters/<id>/`).
    case collectionRow(collection: Int, row: Int, language: String)
    /// `404.html` of a language (`/404.html`, `/de/404.html`).
    case notFound(String)
    case robots
    /// An old URL of a briefing (`aliases`): a page that redirects to it, by index in `SiteModel.aliases`.
    case alias(Int)
}

/// Where generated pages live, computed from site.yml alone so that the resolver can reserve
/// routes before the site model exists.
struct SiteRoutes: Sendable {
    static let archiveSegment = "briefings"
    static let topicsSegment = "topics"
    static let searchSegment = "search"
    static let paginationSegment = "page"
    static let indexFile = "_index"
    static let feedFile = "feed.xml"
    static let notFoundFile = "404.html"
    static let robotsFile = "robots.txt"
    static let sitemapFile = "sitemap.xml"

    let defaultLanguage: String

    /// `/` for the default language, `/de/` for German.
    func home(_ language: String) -> Route {
        language == defaultLanguage ? .root : Route(segments: [language])!
    }

    func archive(_ language: String) -> Route { home(language).appending(Self.archiveSegment)! }
    func topicsIndex(_ language: String) -> Route { home(language).appending(Self.topicsSegment)! }
    func topic(_ language: String, slug: String) -> Route { topicsIndex(language).appending(slug)! }
    func search(_ language: String) -> Route { home(language).appending(Self.searchSegment)! }
    /// A collection's index: its `path` below the language's home.
    func collection(_ language: String, path: [String]) -> Route { Route(segments: home(language).segments + path)! }
    /// A row's page: the row id below its collection's index.
    func row(_ language: String, path: [String], id: String) -> Route? { collection(language, path: path).appending(id) }

    /// Page 1 of a list lives at the list's own URL, the others at `page/N/` below it.
    static func paginated(_ base: Route, page: Int) -> Route {
        page == 1 ? base : Route(segments: base.segments + [paginationSegment, String(page)])!
    }

    /// The feed of a list page (`feed.xml`, `de/feed.xml`, `topics/<slug>/feed.xml`), relative to the base path.
    static func feedPath(of list: Route) -> String { list.relativeURL + feedFile }

    /// Routes of generated pages that no content file may take, with what owns them.
    func reserved(languages: [String]) -> [(route: Route, owner: String)] {
        languages.flatMap { language -> [(Route, String)] in
            let home = home(language)
            return [
                (home, "the \(language) home page"),
                (archive(language), "the briefings archive"),
                (topicsIndex(language), "the topic pages"),
                (search(language), "the search page"),
                (home.appending(Self.paginationSegment)!, "the home page's pagination"),
            ]
        }
    }
}
