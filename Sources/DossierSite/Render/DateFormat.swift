import DossierModel

/// Dates in a page's language, without Foundation's locale data (which differs between machines).
enum DateFormat {
    static let monthNames: [String: [String]] = [
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"],
        "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
               "Oktober", "November", "Dezember"],
    ]

    /// `29 November 2026` (en), `29. November 2026` (de).
    static func long(_ day: Day, language: String) -> String {
        let months = monthNames[language] ?? monthNames["en"]!
        let month = months[day.month - 1]
        switch language {
        case "de": return "\(day.day). \(month) \(day.year)"
        default: return "\(day.day) \(month) \(day.year)"
        }
    }
}
