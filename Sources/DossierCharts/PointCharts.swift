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
        let plotTop = font + 8
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
        svg.text(spec.y[0], x: plotLeft - tickWidth - 10, y: font - 2, cls: "chart-axis-title")
        svg.text(spec.x + (spec.unit.map { " (\($0))" } ?? ""), x: plotRight, y: plotBottom + 2 * font + 8, anchor: .end, cls: "chart-axis-title")

        var placer = LabelPlacer()
        placer.left = plotLeft
        let dx = Charts.decimals(placed.map { $0.x! }), dy = Charts.decimals(ys)
        for item in placed {
            let cx = xScale(item.x!), cy = yScale(item.values[0]!)
            placer.reserve(cx: cx, cy: cy, r: 4)
            svg.circle(cx: cx, cy: cy, r: 4.5, cls: "chart-dot s1",
                       title: "\(item.label): \(layout.format.string(item.x!, decimals: dx)), \(layout.format.string(item.values[0]!, decimals: dy))")
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

/// Points on an equirectangular projection, labelled where labels fit. Without an outline
/// (none is bundled) the frame shows the extent; the highlight marks the page's own place.
enum MapChart {
    static let chinaExtent = (lonMin: 73.0, lonMax: 135.5, latMin: 17.5, latMax: 54.0)

    static func draw(_ items: [Charts.Item], spec: ChartSpec, layout: Charts.Layout) -> (String, Double) {
        let placed = items.filter { $0.lat != nil && $0.lon != nil }
        var extent = chinaExtent
        let inChina = placed.allSatisfy { ($0.lon! >= extent.lonMin && $0.lon! <= extent.lonMax && $0.lat! >= extent.latMin && $0.lat! <= extent.latMax) }
        if !inChina, let lonMin = placed.map({ $0.lon! }).min(), let lonMax = placed.map({ $0.lon! }).max(),
           let latMin = placed.map({ $0.lat! }).min(), let latMax = placed.map({ $0.lat! }).max() {
            extent = (lonMin - 2, lonMax + 2, latMin - 2, latMax + 2)
        }
        let k = cos((extent.latMin + extent.latMax) / 2 * .pi / 180)
        let width = layout.width
        let scale = (width - 4) / ((extent.lonMax - extent.lonMin) * k)
        let height = ((extent.latMax - extent.latMin) * scale + 4).rounded(.up)
        let project: (Double, Double) -> (Double, Double) = { lat, lon in
            (2 + (lon - extent.lonMin) * k * scale, 2 + (extent.latMax - lat) * scale)
        }
        var svg = SVG()
        svg.rect(x: 0.5, y: 0.5, width: width - 1, height: height - 1, cls: "chart-frame")
        let values = placed.compactMap { $0.values.first ?? nil }
        let maxValue = values.max() ?? 0
        let highlight = Set(spec.highlight)
        func radius(_ item: Charts.Item) -> Double {
            guard maxValue > 0, let v = item.values.first ?? nil else { return highlight.contains(item.key) ? 6 : 4 }
            return 3 + 10 * (max(0, v) / maxValue).squareRoot()
        }
        var placer = LabelPlacer()
        let ordered = placed.sorted { a, b in
            let ha = highlight.contains(a.key), hb = highlight.contains(b.key)
            if ha != hb { return hb }  // highlighted drawn last, on top
            return radius(a) > radius(b)
        }
        for item in ordered {
            let (x, y) = project(item.lat!, item.lon!)
            let cls = highlight.isEmpty ? "chart-dot s1" : (highlight.contains(item.key) ? "chart-dot chart-highlight" : "chart-dot chart-muted")
            svg.circle(cx: x, cy: y, r: radius(item), cls: cls, title: item.label)
            placer.reserve(cx: x, cy: y, r: radius(item))
        }
        // Labels: highlighted first, then the larger dots.
        for item in ordered.reversed() where highlight.isEmpty || highlight.contains(item.key) || layout.width > 400 {
            let (x, y) = project(item.lat!, item.lon!)
            let label = shortLabel(item.label)
            let w = TextWidth.width(label, fontSize: layout.small)
            let r = radius(item)
            if placer.place(x: x + r + 3, y: y + layout.small * 0.35, width: w, height: layout.small, bounds: (width, height)) {
                svg.text(label, x: x + r + 3, y: y + layout.small * 0.35, cls: "chart-point-label chart-small")
            } else if placer.place(x: x - r - 3 - w, y: y + layout.small * 0.35, width: w, height: layout.small, bounds: (width, height)) {
                svg.text(label, x: x - r - 3, y: y + layout.small * 0.35, anchor: .end, cls: "chart-point-label chart-small")
            }
        }
        return (svg.body, height)
    }
}
