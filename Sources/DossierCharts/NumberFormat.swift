/// Numbers for a page's language, with a fixed number of decimals and no locale data from the
/// machine (Foundation's formatters differ between systems, which would break determinism).
public struct NumberFormat: Sendable, Equatable {
    public var decimalSeparator: Character
    public var groupSeparator: Character

    public static let english = NumberFormat(decimalSeparator: ".", groupSeparator: ",")
    public static let german = NumberFormat(decimalSeparator: ",", groupSeparator: ".")

    public init(decimalSeparator: Character, groupSeparator: Character) {
        self.decimalSeparator = decimalSeparator
        self.groupSeparator = groupSeparator
    }

    public static func forLanguage(_ language: String) -> NumberFormat {
        switch language {
        case "de", "fr", "es", "it", "nl", "pt": return .german
        default: return .english
        }
    }

    /// `1,234.5` (en) or `1.234,5` (de); negative numbers use a true minus sign.
    public func string(_ value: Double, decimals: Int) -> String {
        let decimals = max(0, min(decimals, 6))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        // Round half away from zero on the scaled integer: identical on every machine.
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return value < 0 ? "−∞" : "∞" }
        let units = UInt64(scaled)
        let factor = UInt64(scale)
        let whole = units / factor
        let fraction = units % factor

        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = String(groupSeparator) + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 {
            let f = String(fraction)
            grouped += String(decimalSeparator) + String(repeating: "0", count: decimals - f.count) + f
        }
        return value < 0 && units > 0 ? "−" + grouped : grouped
    }

    /// Decimals that show a value as written in the data (up to 3), e.g. 86.17 → 2, 14000 → 0.
    public static func decimals(of value: Double) -> Int {
        for d in 0...3 {
            var scale = 1.0
            for _ in 0..<d { scale *= 10 }
            let scaled = value * scale
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return d }
        }
        return 3
    }

    /// Decimals that tell ticks `step` apart: 0.25 → 2, 5 → 0.
    public static func decimals(forStep step: Double) -> Int {
        decimals(of: step)
    }
}
