import DossierModel

enum SiteConfigLoader {
    static let knownKeys: Set<String> = [
        "title", "base_url", "language", "languages", "publisher", "nav", "topics", "licensed", "markdown",
        "collections", "description", "image",
    ]
    static let collectionKeys: Set<String> = ["data", "id", "title", "group", "path"]

    /// Text, or a map from language code to text: the texts by language ("" for plain text).
    static func perLanguage(_ map: inout YAMLMapping, _ key: String) -> [String: String]? {
        guard let node = map.node(key) else { return nil }
        if let pairs = node.mapping {
            var values: [String: String] = [:]
            for (k, v) in pairs {
                guard let k = k.string else { continue }
                if let text = map.string(v, field: "\(key).\(k)") { values[k] = text }
            }
            return values
        }
        return map.string(node, field: key).map { ["": $0] }
    }

    /// Per-language texts with the plain one (if any) standing for the default language.
    static func byLanguage(_ texts: [String: String]?, default language: String) -> [String: String] {
        guard var texts else { return [:] }
        if let plain = texts.removeValue(forKey: "") { texts[language] = texts[language] ?? plain }
        return texts
    }

    static func decode(_ yaml: String, path: String) -> (SiteConfig?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLMapping.parse(yaml, path: path, firstLine: 1)
        guard var map = parsed else { return (nil, parseDiagnostics) }

        let title = map.string("title")
        if title == nil { map.error(nil, "missing required field 'title'") }
        var baseURL = "/"
        if let node = map.node("base_url") {
            if let text = map.string(node, field: "base_url") {
                if let problem = SiteConfig.baseURLProblem(text) { map.error(node, "'base_url' \(problem)") } else { baseURL = text }
            } else if node.scalar != nil {
                map.error(node, "'base_url' must not be empty: write the site's address, such as https://example.org/")
            }
        } else {
            map.error(nil, "missing required field 'base_url' (the site's address, such as https://example.org/)")
        }
        let language = map.string("language") ?? "en"
        var languages = map.stringList("languages") ?? [language]
        if !languages.contains(language) { languages.insert(language, at: 0) }
        languages = [language] + languages.filter { $0 != language }

        var publisher = SiteConfig.Publisher(name: title ?? "", blurb: "")
        if var p = map.mapping("publisher") {
            publisher.name = p.string("name") ?? publisher.name
            // One text, or one per language.
            publisher.blurbs = byLanguage(perLanguage(&p, "blurb"), default: language)
            publisher.blurb = publisher.blurbs[language] ?? ""
            p.warnUnknownKeys(["name", "blurb"], what: "'publisher'")
            map.diagnostics += p.diagnostics
        }

        // `label` and `url` are text, or a mapping from language code to text.
        let nav: [SiteConfig.NavItem] = map.mappingList("nav") { item in
            func perLanguage(_ key: String) -> [String: String]? {
                guard let node = item.node(key) else { return nil }
                if let pairs = node.mapping {
                    var values: [String: String] = [:]
                    for (k, v) in pairs { if let k = k.string, let v = v.string { values[k] = v } }
                    return values
                }
                return item.string(node, field: key).map { ["": $0] }
            }
            let labels = perLanguage("label"), urls = perLanguage("url")
            item.warnUnknownKeys(["label", "url"], what: "a 'nav' item")
            guard let labels, let urls, let label = labels[""] ?? labels[language] ?? labels.values.sorted().first,
                  let url = urls[""] ?? urls[language] ?? urls.values.sorted().first else {
                item.error(nil, "each 'nav' item needs 'label' and 'url'")
                return nil
            }
            return SiteConfig.NavItem(label: label, url: url, labels: labels.filter { $0.key != "" },
                                      urls: urls.filter { $0.key != "" })
        } ?? []

        var topicLabels: [String: [String: String]] = [:]
        if let topics = map.mapping("topics") {
            var t = topics
            for pair in topics.pairs {
                guard let labels = pair.value.mapping else {
                    t.error(pair.value, "topic '\(pair.key)' must map language codes to labels")
                    continue
                }
                var byLanguage: [String: String] = [:]
                for (k, v) in labels { if let k = k.string, let v = v.string { byLanguage[k] = v } }
                topicLabels[pair.key] = byLanguage
            }
            map.diagnostics += t.diagnostics
        }

        var contact: String?
        var notices: [String: String] = [:]
        var includes: [String: String] = [:]
        if var licensed = map.mapping("licensed") {
            contact = licensed.string("contact")
            if let notice = licensed.mapping("notice") {
                for pair in notice.pairs { if let text = pair.value.string { notices[pair.key] = text } }
            }
            includes = byLanguage(perLanguage(&licensed, "includes"), default: language)
            licensed.warnUnknownKeys(["contact", "notice", "includes"], what: "'licensed'")
            map.diagnostics += licensed.diagnostics
        }

        var allowRawHTML = false
        if var markdown = map.mapping("markdown") {
            allowRawHTML = markdown.bool("raw_html") ?? false
            markdown.warnUnknownKeys(["raw_html"], what: "'markdown'")
            map.diagnostics += markdown.diagnostics
        }

        // A collection's mistakes fail the build, but the site is still resolved so that its data
        // and the briefings naming its rows are checked in the same run.
        var collectionMap = map
        collectionMap.diagnostics = []
        let collections = decodeCollections(&collectionMap, languages: languages, path: path)

        let descriptions = byLanguage(perLanguage(&map, "description"), default: language)
        var image: String?
        if let node = map.node("image"), let text = map.string(node, field: "image") {
            if text.hasPrefix("/") && !text.hasPrefix("//") || SiteConfig.baseURLProblem(text) == nil {
                image = text
            } else {
                map.error(node, "'image' must be a root-relative path such as /assets/share.png, or an absolute http(s) URL (found '\(text)')")
            }
        }

        map.warnUnknownKeys(knownKeys, what: "site.yml")
        let diagnostics = parseDiagnostics + map.diagnostics
        guard let title, !diagnostics.contains(where: { $0.severity == .error }) else {
            return (nil, diagnostics + collectionMap.diagnostics)
        }
        let config = SiteConfig(
            title: title, baseURL: baseURL, language: language, languages: languages, publisher: publisher,
            nav: nav, topicLabels: topicLabels, licensedContact: contact, licensedNotice: notices,
            allowRawHTML: allowRawHTML)
        var withMore = config
        withMore.collections = collections
        withMore.descriptions = descriptions
        withMore.licensedIncludes = includes
        withMore.image = image
        return (withMore, diagnostics + collectionMap.diagnostics)
    }

    /// `collections:`: name → {data, id, title, group, path}. What can be checked without the data
    /// is checked here (keys, names, a title column for every language); the columns themselves
    /// are checked against the CSV file when the site is resolved.
    static func decodeCollections(_ map: inout YAMLMapping, languages: [String], path: String) -> [CollectionConfig] {
        guard let top = map.mapping("collections") else { return [] }
        var collections: [CollectionConfig] = []
        for pair in top.pairs {
            let name = pair.key
            let nameLine = (pair.keyNode.mark?.line ?? 1) + top.lineOffset
            guard let pairs = pair.value.mapping else {
                map.error(pair.value, "collection '\(name)' must be a mapping of 'data', 'id', 'title', 'group' and 'path', found \(YAMLMapping.describe(pair.value))")
                continue
            }
            var item = YAMLMapping(path: path, lineOffset: top.lineOffset,
                                   pairs: pairs.map { ($0.key.string ?? "", $0.key, $0.value) }, mark: pair.value.mark)
            let keyLines = item.keyLines()
            var ok = true
            if !CollectionConfig.isSafeName(name) {
                item.error(pair.keyNode, "collection name '\(name)' must be lower-case letters, digits, '-' and '_' (it is a front-matter key and a folder)")
                ok = false
            }
            if FrontMatterDecoder.knownKeys.union(["briefings", "pages", "data"]).union(Theme.pageTemplateNames).contains(name) {
                item.error(pair.keyNode, "collection name '\(name)' is taken: it is a front-matter key, a content folder or a page template of its own")
                ok = false
            }
            for key in item.pairs where !collectionKeys.contains(key.key) {
                let suggestion = YAMLMapping.nearest(key.key, in: collectionKeys).map { "; did you mean '\($0)'?" } ?? ""
                item.error(key.keyNode, "unknown key '\(key.key)' in collection '\(name)' (expected data, id, title, group, path)\(suggestion)")
            }
            let data = item.string("data")
            if data == nil {
                item.error(pair.keyNode, "collection '\(name)' needs 'data': the CSV file of its rows, such as data/\(name).csv")
                ok = false
            }
            var titles: [String: String] = [:]
            if let node = item.node("title") {
                if let pairs = node.mapping {
                    for (key, value) in pairs {
                        if let code = key.string, let column = item.string(value, field: "title: \(code)") { titles[code] = column }
                    }
                    for language in languages where titles[language] == nil {
                        item.error(node, "collection '\(name)': 'title' names no column for '\(language)' (languages: [\(languages.joined(separator: ", "))]); give one column per language, or one column for all")
                    }
                    for code in titles.keys.sorted() where !languages.contains(code) {
                        item.warning(node, "collection '\(name)': 'title' has a column for '\(code)', which is not in languages: [\(languages.joined(separator: ", "))]")
                    }
                } else if let column = item.string(node, field: "title") {
                    titles[""] = column
                }
            } else {
                item.error(pair.keyNode, "collection '\(name)' needs 'title': the column naming each row, or a map of languages to columns")
                ok = false
            }
            var segments: [String]?
            if let node = item.node("path"), let text = item.string(node, field: "path") {
                let parts = text.split(separator: "/").map(String.init)
                if parts.isEmpty || !parts.allSatisfy(FrontMatterDecoder.isSafeSegment) {
                    item.error(node, "collection '\(name)': 'path' must be URL segments of letters, digits, '-', '_' or '.', found '\(text)'")
                    ok = false
                } else if languages.contains(parts[0]) {
                    item.error(node, "collection '\(name)': 'path' must not start with a language code ('\(parts[0])'): the pages of other languages live there")
                    ok = false
                }
                segments = parts
            }
            if segments == nil && languages.contains(name) {
                item.error(pair.keyNode, "collection '\(name)': its URL would start with a language code; set 'path'")
                ok = false
            }
            let id = item.string("id"), group = item.string("group")
            map.diagnostics += item.diagnostics
            guard ok, let data else { continue }
            collections.append(CollectionConfig(
                name: name, data: data, id: id, title: titles, group: group, path: segments, file: path,
                line: nameLine, keyLines: keyLines))
        }
        return collections
    }
}
