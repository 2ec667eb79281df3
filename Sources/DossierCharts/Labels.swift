import DossierModel
import Foundation

extension Charts {
    /// Interface words of charts and tables in the page's language: the `no_data`, `data_table`,
    /// `source`, `sources` and `chart_*` keys of `templates/i18n/<lang>.yml`. A key the language
    /// lacks falls back to English. `{name}` in a text is replaced by the argument `name`.
    public struct Labels: Sendable {
        public var strings: [String: String]

        public init(_ strings: [String: String] = [:]) {
            self.strings = Self.english.merging(strings) { _, own in own }
        }

        /// The English texts, the same as `templates/i18n/en.yml` (a test keeps them equal), so
        /// that charts drawn without a theme still read well.
        public static let english: [String: String] = [
            "no_data": "no data",
            "data_table": "Data table",
            "source": "Source",
            "sources": "Sources",
            "chart_bar": "Bar chart: {title}.",
            "chart_column": "Column chart: {title}.",
            "chart_line": "Line chart: {title}.",
            "chart_scatter": "Scatter plot: {title}.",
            "chart_map": "Map: {title}.",
            "chart_items_one": "1 item.",
            "chart_items_other": "{count} items.",
            "chart_points_one": "1 point.",
            "chart_points_other": "{count} points.",
            "chart_places_one": "1 place by latitude and longitude.",
            "chart_places_other": "{count} places by latitude and longitude.",
            "chart_highest_lowest": "Highest: {high}, {high_value}. Lowest: {low}, {low_value}.",
            "chart_only_value": "{label}: {value}.",
            "chart_without_value": "Without a value ({missing}): {list}.",
            "chart_series_range": "{label}: {first} in {first_x} to {last} in {last_x}.",
            "chart_series_single": "{label}: {value} in {x}.",
            "chart_series_none": "{label}: {missing}.",
            "chart_series_missing": "No value for {list}.",
            "chart_more_series": "And {count} more series.",
            "chart_not_shown": "Not shown for lack of data: {list}.",
            "chart_qualified": "Not exact, drawn as open marks: {list}.",
            "chart_qualified_item": "{value} for {label}",
            "chart_qualified_x": "{value} in {x}",
            "chart_qualified_series": "{value} for {label} in {x}",
            "chart_more_than": "more than {value}",
            "chart_less_than": "less than {value}",
            "chart_about": "about {value}",
            "chart_qualifier_note": "Open marks and the signs > (more than), < (less than) and ≈ (about) show values that the source gives only as a bound or an approximation.",
            "table_qualifier_note": "The signs > (more than), < (less than) and ≈ (about) mark values that the source gives only as a bound or an approximation.",
            "chart_gap_rule": "A dashed line bridges a stretch without values; it is not a measured path.",
            "chart_map_credit": "Outlines: {credit}.",
            "chart_map_boundaries": "Boundaries are shown for orientation only.",
            "chart_default_title": "{y} by {x}",
            "chart_name": "Name",
            "chart_latitude": "Latitude",
            "chart_longitude": "Longitude",
            "chart_series": "Series",
            "chart_list_and": "and",
        ]

        /// Every key charts and tables read; each must be in every language's i18n file.
        public static var keys: [String] { english.keys.sorted() }

        public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
            var text = strings[key] ?? Self.english[key] ?? key
            for (name, value) in arguments { text = FastText.replacing("{\(name)}", with: value, in: text) }
            return text
        }

        /// `one` or `other` form of a key by count (the two forms English and German need).
        public func count(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
            text(key + (count == 1 ? "_one" : "_other"), arguments.merging(["count": String(count)]) { a, _ in a })
        }

        public var noData: String { text("no_data") }
        public var dataTable: String { text("data_table") }
        public var source: String { text("source") }
        public var sources: String { text("sources") }
    }
}

extension String {
    /// The text with its first letter upper-cased (for a sentence that starts with a value).
    var sentenceCased: String { prefix(1).uppercased() + dropFirst() }
}
