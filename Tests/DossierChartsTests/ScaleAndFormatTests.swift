@testable import DossierCharts
import XCTest

final class ScaleTests: XCTestCase {
    func ticks(_ values: [Double], length: Double = 300, spacing: Double = 80, zero: Bool = false) -> [Double] {
        LinearScale(values: values, range: (0, length), spacing: spacing, includeZero: zero).ticks
    }

    func testTicksStepOnOneTwoOrFiveAndCoverTheData() {
        XCTAssertEqual(ticks([0, 14000], zero: true), [0, 5000, 10000, 15000])
        XCTAssertEqual(ticks([487.4, 14000], length: 600, zero: true), [0, 2000, 4000, 6000, 8000, 10000, 12000, 14000])
        XCTAssertEqual(ticks([53.3, 87.9], length: 200, spacing: 35), [50, 60, 70, 80, 90])
        XCTAssertEqual(ticks([0.12, 0.31], length: 200, spacing: 35), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35])
        for (lo, hi) in [(3.0, 97.0), (-40.0, 12.0), (1e6, 3.7e6), (0.001, 0.009), (-5.0, -1.0)] {
            let s = LinearScale(values: [lo, hi], range: (0, 400), spacing: 80, includeZero: false)
            XCTAssertLessThanOrEqual(s.domain.min, lo)
            XCTAssertGreaterThanOrEqual(s.domain.max, hi)
            XCTAssertLessThanOrEqual(s.ticks.count, 6, "about one tick per 80 px")
            let mantissa = s.step / pow(10, log10(s.step).rounded(.down))
            XCTAssertTrue([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(s.step)")
        }
    }

    func testNegativesSpanZeroWhenBarsNeedIt() {
        XCTAssertEqual(ticks([-12, 30], zero: true), [-20, 0, 20, 40])
        XCTAssertEqual(ticks([-5, -1], zero: true), [-6, -4, -2, 0])
    }

    func testSingleValueAndAllMissing() {
        XCTAssertEqual(ticks([42], zero: true), [0, 20, 40, 60])
        let single = LinearScale(values: [42], range: (0, 300), spacing: 80, includeZero: false)
        XCTAssertTrue(single.domain.min < 42 && single.domain.max > 42)
        XCTAssertEqual(ticks([], zero: true), [0, 0.5, 1])
        XCTAssertEqual(ticks([0, 0], zero: true), [0, 0.5, 1])
    }

    func testTinyRangesDoNotPrintFloatingNoise() {
        let s = LinearScale(values: [0.1, 0.3], range: (0, 300), spacing: 80, includeZero: false)
        XCTAssertEqual(s.ticks, [0.1, 0.2, 0.3], "0.30000000000000004 would print as noise")
    }

    func testTickCountFollowsLength() {
        XCTAssertLessThan(ticks([0, 100], length: 100, zero: true).count, ticks([0, 100], length: 600, zero: true).count)
    }

    func testYearTicksAreWholeYearsWithTheFirstAndTheLast() {
        XCTAssertEqual(yearTicks(from: 2005, to: 2023, length: 500), [2005, 2010, 2015, 2020, 2023])
        XCTAssertEqual(yearTicks(from: 2014, to: 2017, length: 500), [2014, 2015, 2016, 2017])
        // A phone's axis: the first and the last year, and a round year between when it fits.
        XCTAssertEqual(yearTicks(from: 2017, to: 2023, length: 200), [2017, 2020, 2023])
        XCTAssertEqual(yearTicks(from: 2017, to: 2023, length: 70, minGap: 40), [2017, 2023])
        XCTAssertEqual(yearTicks(from: 2005, to: 2023, length: 500, minGap: 90), [2005, 2010, 2015, 2023],
                       "2020 would crowd 2023")
        XCTAssertEqual(yearTicks(from: 2020, to: 2020, length: 200), [2020])
        XCTAssertEqual(yearTicks(from: 2020, to: 2021, length: 20, minGap: 40), [2021], "two labels that cannot both fit")
    }
}

final class NumberFormatTests: XCTestCase {
    func testEnglishAndGerman() {
        XCTAssertEqual(NumberFormat.english.string(1234.5, decimals: 1), "1,234.5")
        XCTAssertEqual(NumberFormat.german.string(1234.5, decimals: 1), "1.234,5")
        XCTAssertEqual(NumberFormat.english.string(14000, decimals: 0), "14,000")
        XCTAssertEqual(NumberFormat.german.string(217156, decimals: 0), "217.156")
        XCTAssertEqual(NumberFormat.english.string(1234567.891, decimals: 2), "1,234,567.89")
        XCTAssertEqual(NumberFormat.english.string(0.05, decimals: 2), "0.05")
        XCTAssertEqual(NumberFormat.english.string(-2500, decimals: 0), "−2,500")
        XCTAssertEqual(NumberFormat.english.string(-0.01, decimals: 0), "0", "no negative zero")
        XCTAssertEqual(NumberFormat.english.string(2.5, decimals: 0), "3", "half away from zero")
        XCTAssertEqual(NumberFormat.forLanguage("de"), .german)
        XCTAssertEqual(NumberFormat.forLanguage("en"), .english)
    }

    func testDecimalsAsWritten() {
        XCTAssertEqual(NumberFormat.decimals(of: 86.17), 2)
        XCTAssertEqual(NumberFormat.decimals(of: 14000), 0)
        XCTAssertEqual(NumberFormat.decimals(of: 487.4), 1)
        XCTAssertEqual(NumberFormat.decimals(forStep: 0.25), 2)
    }
}

final class TextWidthTests: XCTestCase {
    func testWidthsGrowWithTextAndScript() {
        XCTAssertEqual(TextWidth.width("", fontSize: 13), 0)
        XCTAssertLessThan(TextWidth.width("iiii", fontSize: 13), TextWidth.width("MMMM", fontSize: 13))
        XCTAssertEqual(TextWidth.width("城市群", fontSize: 10), 30, accuracy: 0.001)
        // "Beibu Gulf" in Helvetica at 13 px is about 61 px wide.
        XCTAssertEqual(TextWidth.width("Beibu Gulf", fontSize: 13), 61, accuracy: 5)
    }

    func testWrapNeverExceedsWidthAndMarksCuts() {
        let lines = wrap("Pearl River Delta (Guangdong-Hong Kong-Macao Greater Bay Area)", width: 150, fontSize: 13, maxLines: 2)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasSuffix("…"))
        for line in lines { XCTAssertLessThanOrEqual(TextWidth.width(line, fontSize: 13), 150) }
        XCTAssertEqual(wrap("Beibu Gulf", width: 200, fontSize: 13, maxLines: 2), ["Beibu Gulf"])
    }
}
