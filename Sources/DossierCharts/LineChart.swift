/// Lines over time (or any numeric x), labelled at their ends instead of with a legend.
/// A missing value breaks the line: the gap is bridged by a thin dashed connector so that it
/// never reads as zero or as a measured change.
enum LineChart {
    static func draw(_ series: [Charts.Series], integerX: Bool, spec: ChartSpec, layout: Charts.Layout) -> (String, Double) {
        let font = layout.font
        let known = series.flatMap { $0.points.compactMap(\.y) }
        let xs = series.flatMap { $0.points.map(\.x) }
        let decimals = Charts.decimals(known)
        let height = spec.height ?? (layout.width > 400 ? 300 : 250)
        let plotTop = font + 6
        let plotBottom = height - font - 10 - (spec.unit == nil ? 0 : font + 4)
        let yScale = LinearScale(values: known, range: (plotBottom, plotTop), spacing: 35, includeZero: false)
        let tickDecimals = NumberFormat.decimals(forStep: yScale.step)
        let tickWidth = yScale.ticks.map { TextWidth.width(layout.format.string($0, decimals: tickDecimals), fontSize: font) }.max() ?? 0
        let plotLeft = tickWidth + 10
        let endLabels = series.map { s -> String in
            guard let last = s.points.last(where: { $0.y != nil }) else { return s.label }
            return series.count == 1 ? layout.format.string(last.y!, decimals: decimals) : s.label
        }
        let labelWidth = min(endLabels.map { TextWidth.width($0, fontSize: font) }.max() ?? 0, layout.width * 0.35) + 14
        let plotRight = layout.width - labelWidth - 10
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 1
        let xScale: (Double) -> Double = { x in
            maxX == minX ? (plotLeft + plotRight) / 2 : plotLeft + (x - minX) / (maxX - minX) * (plotRight - plotLeft)
        }

        var svg = SVG()
        for tick in yScale.ticks {
            svg.line(x1: plotLeft, y1: yScale(tick), x2: plotRight, y2: yScale(tick), cls: "chart-grid")
            svg.text(layout.format.string(tick, decimals: tickDecimals), x: plotLeft - 6, y: yScale(tick) + font * 0.35,
                     anchor: .end, cls: "chart-tick")
        }
        let xTicks: [Double] = integerX
            ? yearTicks(from: Int(minX), to: Int(maxX), length: plotRight - plotLeft).map(Double.init)
            : LinearScale(values: xs, range: (plotLeft, plotRight), spacing: 80, includeZero: false).ticks.filter { $0 >= minX && $0 <= maxX }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, cls: "chart-axis")
        for tick in xTicks {
            svg.line(x1: xScale(tick), y1: plotBottom, x2: xScale(tick), y2: plotBottom + 4, cls: "chart-axis")
            svg.text(integerX ? String(Int(tick)) : layout.format.string(tick, decimals: NumberFormat.decimals(of: tick)),
                     x: xScale(tick), y: plotBottom + font + 6, anchor: .middle, cls: "chart-tick")
        }
        if let unit = spec.unit {
            svg.text(unit, x: plotLeft - tickWidth - 10, y: font - 2, cls: "chart-axis-title")
        }

        // A step larger than usual is a gap in the data even when the rows are simply absent.
        let usualStep = typicalStep(xs)
        var labelPositions: [(y: Double, text: String, cls: String)] = []
        for (index, line) in series.enumerated() {
            let color = "s\(index % 8 + 1)"
            var segments: [[(Double, Double)]] = [[]]
            var previous: (x: Double, y: Double)?
            var gaps: [((Double, Double), (Double, Double))] = []
            for point in line.points {
                guard let y = point.y else {
                    if !segments.last!.isEmpty { segments.append([]) }
                    continue
                }
                let position = (xScale(point.x), yScale(y))
                if let p = previous, segments.last!.isEmpty || point.x - p.x > usualStep * 1.5 {
                    gaps.append(((xScale(p.x), yScale(p.y)), position))
                    if !segments.last!.isEmpty { segments.append([]) }
                }
                segments[segments.count - 1].append(position)
                previous = (point.x, y)
            }
            for gap in gaps { svg.path([gap.0, gap.1], cls: "chart-gap \(color)") }
            let knownCount = line.points.filter { $0.y != nil }.count
            for segment in segments where !segment.isEmpty {
                if segment.count > 1 { svg.path(segment, cls: "chart-line \(color)") }
                if segment.count == 1 || knownCount <= 12 {
                    for p in segment { svg.circle(cx: p.0, cy: p.1, r: 3, cls: "chart-dot \(color)") }
                }
            }
            if let last = line.points.last(where: { $0.y != nil }) {
                labelPositions.append((yScale(last.y!) + font * 0.35, endLabels[index], color))
            }
        }
        for label in spreadLabels(labelPositions, gap: font + 2, top: plotTop, bottom: plotBottom + font) {
            // A short stroke in the series colour ties the label to its line.
            let text = wrap(label.text, width: labelWidth - 14, fontSize: font, maxLines: 1).first ?? label.text
            svg.line(x1: plotRight + 5, y1: label.y - font * 0.35, x2: plotRight + 15, y2: label.y - font * 0.35, cls: "chart-key \(label.cls)")
            svg.text(text, x: plotRight + 19, y: label.y, cls: "chart-end-label")
        }
        return (svg.body, height)
    }

    /// A small line without axes, for tables and running text.
    static func sparkline(_ series: [Charts.Series], integerX: Bool, layout: Charts.Layout) -> (String, Double) {
        let width = 160.0, height = 32.0
        let points = series.first?.points.compactMap { p in p.y.map { (p.x, $0) } } ?? []
        let xs = points.map(\.0), ys = points.map(\.1)
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else {
            var svg = SVG()
            svg.text(layout.noData, x: 0, y: 20, cls: "chart-nodata")
            return (svg.body, height)
        }
        let sx: (Double) -> Double = { maxX == minX ? width / 2 : 3 + ($0 - minX) / (maxX - minX) * (width - 6) }
        let sy: (Double) -> Double = { maxY == minY ? height / 2 : height - 3 - ($0 - minY) / (maxY - minY) * (height - 6) }
        var svg = SVG()
        svg.path(points.map { (sx($0.0), sy($0.1)) }, cls: "chart-line s1")
        if let last = points.last { svg.circle(cx: sx(last.0), cy: sy(last.1), r: 2.5, cls: "chart-dot s1") }
        _ = layout
        return (svg.body, height)
    }

    /// The most common distance between neighbouring x values.
    static func typicalStep(_ xs: [Double]) -> Double {
        let sorted = Array(Set(xs)).sorted()
        guard sorted.count > 1 else { return 1 }
        var counts: [Double: Int] = [:]
        for (a, b) in zip(sorted, sorted.dropFirst()) { counts[b - a, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
    }

    /// Pushes labels apart so that none overlaps, keeping their order, inside [top, bottom].
    static func spreadLabels(_ labels: [(y: Double, text: String, cls: String)], gap: Double, top: Double, bottom: Double)
        -> [(y: Double, text: String, cls: String)] {
        var sorted = labels.sorted { $0.y != $1.y ? $0.y < $1.y : $0.text < $1.text }
        for i in sorted.indices.dropFirst() where sorted[i].y - sorted[i - 1].y < gap {
            sorted[i].y = sorted[i - 1].y + gap
        }
        if let last = sorted.last, last.y > bottom {
            let shift = last.y - bottom
            for i in sorted.indices { sorted[i].y -= shift }
            for i in sorted.indices.dropFirst().reversed() where sorted[i].y - sorted[i - 1].y < gap {
                sorted[i - 1].y = sorted[i].y - gap
            }
        }
        return sorted.map { ($0.y, $0.text, $0.cls) }
    }
}
