import DossierCharts
import DossierModel
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

    static func load(folder: URL, displayPath: String, languages: [String]) -> (InterfaceStrings, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var raw: [String: [String: String]] = [:]
        for language in Set(languages + [fallbackLanguage]).sorted() {
            let file = folder.appendingPathComponent("\(language).yml")
            let path = (displayPath as NSString).appendingPathComponent("\(language).yml")
            guard FileManager.default.fileExists(atPath: file.path) else {
                if languages.contains(language) {
                    diagnostics.append(.warning(path, "no interface strings for '\(language)'; English is used"))
                }
                continue
            }
            switch SourceReader.read(file, displayPath: path) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                let (parsed, found) = YAMLMapping.parse(text, path: path, firstLine: 1)
                diagnostics += found
                guard var map = parsed else { continue }
                var strings: [String: String] = [:]
                for pair in map.pairs { if let value = map.string(pair.value, field: pair.key) { strings[pair.key] = value } }
                diagnostics += map.diagnostics
                raw[language] = strings
            }
        }
        let english = raw[fallbackLanguage] ?? [:]
        var merged: [String: [String: String]] = [:]
        for language in languages {
            var strings = raw[language] ?? [:]
            if raw[language] != nil {
                for key in english.keys.sorted() where strings[key] == nil {
                    diagnostics.append(.warning((displayPath as NSString).appendingPathComponent("\(language).yml"),
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
