import DossierCharts
import DossierModel
import DossierTemplates
import Foundation

/// Interface strings per language from `templates/i18n/<lang>.yml`. English is the fallback:
/// a key missing in another language is a warning that names it.
struct InterfaceStrings: Sendable {
    let byLanguage: [String: [String: String]]

    static let fallbackLanguage = "en"

    subscript(language: String) -> [String: String] { byLanguage[language] ?? byLanguage[Self.fallbackLanguage] ?? [:] }

    func text(_ key: String, _ language: String) -> String { self[language][key] ?? key }

    /// The words of charts and tables (`no_data`, `data_table`, `source`, `sources`, `chart_*`, `table_*`).
    func chartLabels(_ language: String) -> Charts.Labels {
        Charts.Labels(self[language].filter { key, _ in Charts.Labels.english[key] != nil })
    }

    /// Reads `i18n/<lang>.yml` of the theme: the built-in file, then the user's, key by key.
    static func load(theme: ThemeFiles, languages: [String]) -> (InterfaceStrings, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var raw: [String: [String: String]] = [:]
        var displayPaths: [String: String] = [:]
        for language in Set(languages + [fallbackLanguage]).sorted() {
            let layers = theme.layers["i18n/\(language).yml"] ?? []
            guard !layers.isEmpty else {
                if languages.contains(language) {
                    diagnostics.append(.warning("templates/i18n/\(language).yml", "no interface strings for '\(language)'; English is used"))
                }
                continue
            }
            var strings: [String: String] = [:]
            for file in layers {
                displayPaths[language] = file.displayPath
                switch SourceReader.decode(file.contents, displayPath: file.displayPath) {
                case .failure(let d): diagnostics.append(d)
                case .success(let text):
                    let (parsed, found) = YAMLMapping.parse(text, path: file.displayPath, firstLine: 1)
                    diagnostics += found
                    guard var map = parsed else { continue }
                    for pair in map.pairs { if let value = map.string(pair.value, field: pair.key) { strings[pair.key] = value } }
                    diagnostics += map.diagnostics
                }
            }
            raw[language] = strings
        }
        let english = raw[fallbackLanguage] ?? [:]
        var merged: [String: [String: String]] = [:]
        for language in languages {
            var strings = raw[language] ?? [:]
            if raw[language] != nil {
                for key in english.keys.sorted() where strings[key] == nil {
                    diagnostics.append(.warning(displayPaths[language] ?? "templates/i18n/\(language).yml",
                        "missing interface string '\(key)'; using the English one"))
                }
            }
            strings.merge(english) { own, _ in own }
            merged[language] = strings
        }
        merged[fallbackLanguage] = merged[fallbackLanguage] ?? english
        return (InterfaceStrings(byLanguage: merged), diagnostics)
    }
}

extension InterfaceStrings {
    /// Every key of every language, for checking `{{t.key}}` in templates.
    var allKeys: Set<String> { Set(byLanguage.values.flatMap(\.keys)) }

    /// The strings of a language as the `t` value templates see (built once per language).
    func value(_ language: String) -> Value {
        .object(Object(self[language].sorted { $0.key < $1.key }.map { ($0.key, Value.text($0.value)) }))
    }
}
