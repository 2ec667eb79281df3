import Foundation

/// `content/site.yml`.
public struct SiteConfig: Sendable, Equatable {
    public struct Publisher: Sendable, Equatable {
        public var name: String
        /// The blurb in the default language (or in every language, when `blurbs` is empty).
        public var blurb: String
        /// Language code → blurb, when site.yml gives a map of languages (`blurb` is the default language's).
        public var blurbs: [String: String]
        public init(name: String, blurb: String, blurbs: [String: String] = [:]) {
            self.name = name
            self.blurb = blurb
            self.blurbs = blurbs
        }

        /// The blurb in `language`, else the default one.
        public func blurb(_ language: String) -> String { blurbs[language] ?? blurb }
    }

    /// A navigation link; `labels` and `urls` may differ per language (keys are language codes).
    public struct NavItem: Sendable, Equatable {
        public var label: String
        public var url: String
        public var labels: [String: String]
        public var urls: [String: String]
        public init(label: String, url: String, labels: [String: String] = [:], urls: [String: String] = [:]) {
            self.label = label
            self.url = url
            self.labels = labels
            self.urls = urls
        }
    }

    public var title: String
    /// Always ends with `/`.
    public var baseURL: String
    public var language: String
    public var languages: [String]
    public var publisher: Publisher
    public var nav: [NavItem]
    /// Topic name → language code → label.
    public var topicLabels: [String: [String: String]]
    /// Contact or subscribe URL shown with the licensed notice.
    public var licensedContact: String?
    /// Notice wording per language; the theme supplies a default.
    public var licensedNotice: [String: String]
    /// Lets authors' raw HTML through libcmark (off by default).
    public var allowRawHTML: Bool
    /// `collections:` of site.yml, in the order written.
    public var collections: [CollectionConfig] = []
    /// The public edition's address: site.yml's `base_url`, which `--base-url` does not change.
    /// Canonical URLs and sharing metadata of the licensee edition point there.
    public var publicBaseURL: String
    /// One sentence about the site per language (`description`): the home page's description.
    public var descriptions: [String: String] = [:]
    /// What a licence includes, per language (`licensed.includes`), shown on a teaser.
    public var licensedIncludes: [String: String] = [:]
    /// A picture for sharing pages that have none of their own: a root-relative path or an absolute URL.
    public var image: String?

    public init(
        title: String, baseURL: String, language: String = "en", languages: [String] = ["en"],
        publisher: Publisher, nav: [NavItem] = [], topicLabels: [String: [String: String]] = [:],
        licensedContact: String? = nil, licensedNotice: [String: String] = [:], allowRawHTML: Bool = false
    ) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.language = language
        self.languages = languages
        self.publisher = publisher
        self.nav = nav
        self.topicLabels = topicLabels
        self.licensedContact = licensedContact
        self.licensedNotice = licensedNotice
        self.allowRawHTML = allowRawHTML
        self.publicBaseURL = self.baseURL
    }

    /// The same site at another address (`--base-url`): its links move, its public address stays.
    public func relocated(to baseURL: String) -> SiteConfig {
        var copy = self
        copy.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        return copy
    }

    /// The path part of the base URL (`/` or `/reports/`): every root-relative link starts with it.
    public var basePath: String { SiteConfig.path(of: baseURL) }

    /// Why `url` cannot be a site's base URL, or nil when it can: it must be an absolute http(s)
    /// URL with a host and no query or fragment, since every page's address is built on it.
    public static func baseURLProblem(_ url: String) -> String? {
        let example = "such as https://example.org/ or https://example.org/reports/"
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            return "must be an absolute http or https URL, \(example) (found '\(url)')"
        }
        if components.query != nil { return "must not contain a query ('?…'), \(example) (found '\(url)')" }
        if components.fragment != nil { return "must not contain a fragment ('#…'), \(example) (found '\(url)')" }
        return nil
    }

    static func path(of baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return baseURL.hasPrefix("/") ? baseURL : "/" + baseURL }
        let rest = baseURL[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
