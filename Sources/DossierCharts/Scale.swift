import Foundation

/// A linear scale with a "nice" domain: ticks on 1, 2 or 5 times a power of ten.
public struct LinearScale: Sendable, Equatable {
    public var domain: (min: Double, max: Double)
    public var range: (start: Double, end: Double)
    public var ticks: [Double]
    public var step: Double

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range && a.ticks == b.ticks && a.step == b.step
    }

    /// - Parameters:
    ///   - values: the data (missing values left out).
    ///   - length: available pixels; the tick count follows from `spacing` (about 80 px on x, 35 px on y).
    ///   - includeZero: bars always start at zero.
    public init(values: [Double], range: (Double, Double), spacing: Double, includeZero: Bool) {
        var lo = values.min() ?? 0
        var hi = values.max() ?? 1
        if includeZero {
            lo = Swift.min(lo, 0)
            hi = Swift.max(hi, 0)
        }
        if lo == hi {
            // A single value (or all equal): give it room around itself, or from zero.
            if lo == 0 { hi = 1 } else if includeZero { lo < 0 ? (hi = 0) : (lo = 0) } else {
                let pad = abs(lo) * 0.1
                lo -= pad
                hi += pad
            }
        }
        let length = abs(range.1 - range.0)
        let maxTicks = Swift.max(2, Int((length / spacing).rounded(.down)) + 1)
        let step = LinearScale.niceStep(span: hi - lo, maxTicks: maxTicks)
        let niceLo = (lo / step).rounded(.down) * step
        let niceHi = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var t = niceLo
        while t <= niceHi + step * 1e-9 {
            // Snap to the step's decimals so that 0.30000000000000004 prints as 0.3.
            ticks.append(LinearScale.snap(t, step: step))
            t += step
        }
        self.domain = (niceLo, niceHi)
        self.range = range
        self.ticks = ticks
        self.step = step
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ that covers `span` in at most `maxTicks - 1` steps.
    public static func niceStep(span: Double, maxTicks: Int) -> Double {
        let intervals = Double(Swift.max(1, maxTicks - 1))
        let raw = span / intervals
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for multiple in [1.0, 2.0, 2.5, 5.0, 10.0] where multiple * magnitude >= raw * (1 - 1e-9) {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    static func snap(_ value: Double, step: Double) -> Double {
        let decimals = Double(NumberFormat.decimals(forStep: step))
        let scale = pow(10, decimals)
        let snapped = (value * scale).rounded() / scale
        return snapped == 0 ? 0 : snapped  // no negative zero
    }

    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.max - domain.min
        guard span != 0 else { return range.start }
        return range.start + (value - domain.min) / span * (range.end - range.start)
    }
}

/// Year ticks for a time axis: whole years, spaced so labels do not crowd, always with the
/// first and the last year (a reader must see where the series starts and ends). Between them,
/// round years on a 1-2-5 step; one that would crowd an end (closer than `minGap` pixels) is left out.
public func yearTicks(from first: Int, to last: Int, length: Double, spacing: Double = 80, minGap: Double = 40) -> [Int] {
    guard last > first else { return [first] }
    let pixelsPerYear = length / Double(last - first)
    // Two labels that cannot both fit leave only the last year.
    guard length >= minGap else { return [last] }
    let maxTicks = Swift.max(2, Int(length / spacing) + 1)
    let span = Double(last - first)
    var step = 100
    for candidate in [1, 2, 5, 10, 20, 25, 50, 100] where Double(candidate) * Double(maxTicks - 1) >= span {
        step = candidate
        break
    }
    let start = Int((Double(first) / Double(step)).rounded(.up)) * step
    var ticks = [first]
    for year in stride(from: start, through: last, by: step) where year > first && year < last {
        let fromFirst = Double(year - first) * pixelsPerYear, toLast = Double(last - year) * pixelsPerYear
        if fromFirst >= minGap && toLast >= minGap { ticks.append(year) }
    }
    return ticks + [last]
}
