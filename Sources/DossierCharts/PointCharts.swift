import DossierData
import Foundation

/// A name without its parenthesis ("Pearl River Delta (Greater Bay Area)" → "Pearl River Delta"):
/// point labels must be short; the full name stays in the tooltip and the data table.
func shortLabel(_ label: String) -> String {
    label.components(separatedBy: " (").first ?? label
}

/// Label boxes placed greedily: a label that would overlap one already placed is left out
/// (the point keeps its tooltip and its row in the data table).
struct LabelPlacer {
    private var boxes: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []

    /// Left edge that labels must not cross (the y-axis tick labels end there).
    var left = 0.0

    mutating func place(x: Double, y: Double, width: Double, height: Double, bounds: (Double, Double)) -> Bool {
        let box = (x0: x, y0: y - height, x1: x + width, y1: y + 2)
        guard box.x0 >= left, box.x1 <= bounds.0, box.y0 >= 0, box.y1 <= bounds.1 else { return false }
        for b in boxes where box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1 { return false }
        boxes.append(box)
        return true
    }

    /// Reserves a point's own mark so labels do not cover other points.
    mutating func reserve(cx: Double, cy: Double, r: Double) { boxes.append((cx - r, cy - r, cx + r, cy + r)) }
}

enum ScatterChart {
    static func draw(_ items: [Charts.Item], spec: ChartSpec, layout: Charts.Layout) -> (String, Double) {
        let font = layout.font
        let placed = items.filter { $0.x != nil && ($0.values.first ?? nil) != nil }
        let missing = items.filter { $0.x == nil || ($0.values.first ?? nil) == nil }
        let height = spec.height ?? (layout.width > 400 ? 340 : 300)
        let noteLines = missing.isEmpty ? [] : wrap("\(layout.noData.prefix(1).uppercased() + layout.noData.dropFirst()): "
            + missing.map(\.label).joined(separator: ", "), width: layout.width, fontSize: layout.small, maxLines: 3)
        let plotTop = LineChart.axisTitleClearance(unitBaseline: font, font: font)  // the y title stands above
        let plotBottom = height - font - 12 - Double(noteLines.count) * (layout.small + 3) - (font + 4)
        let ys = placed.map { $0.values[0]! }
        let yScale = LinearScale(values: ys, range: (plotBottom, plotTop), spacing: 35, includeZero: true)
        let yDecimals = NumberFormat.decimals(forStep: yScale.step)
        let tickWidth = yScale.ticks.map { TextWidth.width(layout.format.string($0, decimals: yDecimals), fontSize: font) }.max() ?? 0
        let plotLeft = tickWidth + 10, plotRight = layout.width - 8
        let xScale = LinearScale(values: placed.map { $0.x! }, range: (plotLeft, plotRight), spacing: 80, includeZero: true)
        let xDecimals = NumberFormat.decimals(forStep: xScale.step)

        var svg = SVG()
        for tick in yScale.ticks {
            svg.line(x1: plotLeft, y1: yScale(tick), x2: plotRight, y2: yScale(tick), cls: tick == 0 ? "chart-zero" : "chart-grid")
            svg.text(layout.format.string(tick, decimals: yDecimals), x: plotLeft - 6, y: yScale(tick) + font * 0.35, anchor: .end, cls: "chart-tick")
        }
        for tick in xScale.ticks {
            svg.line(x1: xScale(tick), y1: plotTop, x2: xScale(tick), y2: plotBottom, cls: tick == 0 ? "chart-zero" : "chart-grid")
            svg.text(layout.format.string(tick, decimals: xDecimals), x: xScale(tick), y: plotBottom + font + 4, anchor: .middle, cls: "chart-tick")
        }
        svg.text(layout.texts.yHeadings[0], x: 0, y: font, cls: "chart-axis-title")
        svg.text(layout.texts.xHeading, x: plotRight, y: plotBottom + 2 * font + 8, anchor: .end, cls: "chart-axis-title")

        var placer = LabelPlacer()
        placer.left = plotLeft
        let dx = Charts.decimals(placed.map { $0.x! }), dy = Charts.decimals(ys)
        for item in placed {
            let cx = xScale(item.x!), cy = yScale(item.values[0]!)
            placer.reserve(cx: cx, cy: cy, r: 4)
            let x = layout.display.quantity(Quantity(item.x!, item.xQualifier), decimals: dx)
            let y = layout.display.quantity(Quantity(item.values[0]!, item.qualifiers[0]), decimals: dy)
            svg.circle(cx: cx, cy: cy, r: 4.5, cls: item.isQualified ? "chart-dot chart-open s1" : "chart-dot s1", title: "\(item.label): \(x), \(y)")
        }
        // Larger values first: they are the ones readers look for.
        for item in placed.sorted(by: { $0.values[0]! > $1.values[0]! }) {
            let cx = xScale(item.x!), cy = yScale(item.values[0]!)
            let label = shortLabel(item.label)
            let w = TextWidth.width(label, fontSize: layout.small)
            if placer.place(x: cx + 7, y: cy + layout.small * 0.35, width: w, height: layout.small, bounds: (layout.width, plotBottom)) {
                svg.text(label, x: cx + 7, y: cy + layout.small * 0.35, cls: "chart-point-label chart-small")
            } else if placer.place(x: cx - 7 - w, y: cy + layout.small * 0.35, width: w, height: layout.small, bounds: (layout.width, plotBottom)) {
                svg.text(label, x: cx - 7, y: cy + layout.small * 0.35, anchor: .end, cls: "chart-point-label chart-small")
            }
        }
        svg.lines(noteLines, x: 0, y: height - Double(noteLines.count - 1) * (layout.small + 3) - 4, lineHeight: layout.small + 3, cls: "chart-nodata chart-small")
        return (svg.body, height)
    }
}
