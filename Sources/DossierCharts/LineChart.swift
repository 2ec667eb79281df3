import DossierData

/// Lines over time (or any numeric x), labelled at their ends instead of with a legend.
/// One rule for gaps in every line: where values are missing between two known points (an
/// empty cell, or an x absent from the data's own interval), a thin dashed bridge joins them,
/// so that a gap never reads as zero or as a measured change; the note under the chart says so.
/// A bound or an approximation is an open marker (with an arrow for a bound), never a plain dot.
enum LineChart {
    static func draw(_ series: [Charts.Series], integerX: Bool, spec: ChartSpec, layout: Charts.Layout) -> (String, Double) {
        let font = layout.font
        let known = series.flatMap { $0.points.compactMap(\.y) }
        let xs = series.flatMap { $0.points.map(\.x) }
        let height = spec.height ?? (layout.width > 400 ? 300 : 250)
        // The unit stands above the value axis on its own line; the top tick label starts below it.
        let unit = layout.texts.unit
        let unitBaseline = font
        let plotTop = unit == nil ? font + 6 : axisTitleClearance(unitBaseline: unitBaseline, font: font)
        let plotBottom = height - font - 12
        let yScale = LinearScale(values: known, range: (plotBottom, plotTop), spacing: 35, includeZero: false)
        let tickDecimals = NumberFormat.decimals(forStep: yScale.step)
        let tickWidth = yScale.ticks.map { TextWidth.width(layout.format.string($0, decimals: tickDecimals), fontSize: font) }.max() ?? 0
        let plotLeft = tickWidth + 10
        let endLabels = series.map { s -> String in
            guard let last = s.points.last(where: { $0.y != nil }) else { return s.label }
            return series.count == 1 ? layout.value(last.y!, last.qualifier) : s.label
        }
        // End labels are semibold: wider than the regular metrics of TextWidth.
        let labelWidth = min(endLabels.map { TextWidth.width($0, fontSize: font) * boldWidth }.max() ?? 0, layout.width * 0.35) + 14
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
        let xTicks: [Double]
        if integerX {
            let labelWidth = TextWidth.width(String(Int(maxX)), fontSize: font)
            xTicks = yearTicks(from: Int(minX), to: Int(maxX), length: plotRight - plotLeft, minGap: labelWidth + 12).map(Double.init)
        } else {
            xTicks = LinearScale(values: xs, range: (plotLeft, plotRight), spacing: 80, includeZero: false).ticks.filter { $0 >= minX && $0 <= maxX }
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, cls: "chart-axis")
        for tick in xTicks {
            svg.line(x1: xScale(tick), y1: plotBottom, x2: xScale(tick), y2: plotBottom + 4, cls: "chart-axis")
            svg.text(integerX ? String(Int(tick)) : layout.format.string(tick, decimals: NumberFormat.decimals(of: tick)),
                     x: xScale(tick), y: plotBottom + font + 8, anchor: .middle, cls: "chart-tick")
        }
        if let unit {
            svg.text(unit, x: 0, y: unitBaseline, cls: "chart-axis-title")
        }

        var labelPositions: [(y: Double, text: String, cls: String)] = []
        for (index, line) in series.enumerated() {
            let color = "s\(index % 8 + 1)"
            let position: (Charts.Point) -> (Double, Double) = { (xScale($0.x), yScale($0.y!)) }
            for bridge in line.bridges {
                svg.path([position(line.points[bridge.from]), position(line.points[bridge.to])], cls: "chart-gap \(color)")
            }
            let segments = solidSegments(line)
            let knownCount = line.points.filter { $0.y != nil }.count
            for segment in segments {
                if segment.count > 1 { svg.path(segment.map(position), cls: "chart-line \(color)") }
                for point in segment {
                    let (cx, cy) = position(point)
                    if let qualifier = point.qualifier {
                        marker(&svg, cx: cx, cy: cy, qualifier: qualifier, color: color)
                    } else if segment.count == 1 || knownCount <= 12 {
                        svg.circle(cx: cx, cy: cy, r: 3, cls: "chart-dot \(color)")
                    }
                }
            }
            if let last = line.points.last(where: { $0.y != nil }) {
                labelPositions.append((yScale(last.y!) + font * 0.35, endLabels[index], color))
            }
        }
        for label in spreadLabels(labelPositions, gap: font + 2, top: plotTop, bottom: plotBottom + font) {
            // A short stroke in the series colour ties the label to its line.
            // A value is never cut ("86.1…" would misstate it); its room was measured for it.
            let text = series.count == 1 ? label.text
                : wrap(label.text, width: (labelWidth - 14) / boldWidth, fontSize: font, maxLines: 1).first ?? label.text
            svg.line(x1: plotRight + 5, y1: label.y - font * 0.35, x2: plotRight + 15, y2: label.y - font * 0.35, cls: "chart-key \(label.cls)")
            svg.text(text, x: plotRight + 19, y: label.y, cls: "chart-end-label")
        }
        return (svg.body, height)
    }

    /// Semibold text and fallback fonts (DejaVu Sans) run wider than Helvetica's metrics.
    static let boldWidth = 1.2

    /// Top of the plot when the unit stands above it: the top tick label (centred on the plot's
    /// top edge) must start below the unit's descenders with room to spare.
    static func axisTitleClearance(unitBaseline: Double, font: Double) -> Double {
        let unitBottom = unitBaseline + TextBox.descent * font
        // A tick label's top is at tick + 0.35 font − ascent.
        return unitBottom + 4 + (TextBox.ascent - 0.35) * font
    }

    /// An open marker for a value that is not exact; a bound gets an arrow pointing the way the
    /// true value lies (up for "more than", down for "less than").
    static func marker(_ svg: inout SVG, cx: Double, cy: Double, qualifier: Quantity.Qualifier, color: String) {
        svg.circle(cx: cx, cy: cy, r: 3.5, cls: "chart-dot chart-open \(color)")
        switch qualifier {
        case .lowerBound:
            svg.path([(cx - 3.5, cy - 7), (cx, cy - 11), (cx + 3.5, cy - 7)], cls: "chart-arrow \(color)")
        case .upperBound:
            svg.path([(cx - 3.5, cy + 7), (cx, cy + 11), (cx + 3.5, cy + 7)], cls: "chart-arrow \(color)")
        case .approximate:
            break
        }
    }

    /// A small line without axes, for tables and running text; gaps are bridged as in every line.
    static func sparkline(_ series: [Charts.Series], integerX: Bool, layout: Charts.Layout) -> (String, Double) {
        let width = 160.0, height = 32.0
        let line = series.first
        let points = line?.points.filter { $0.y != nil } ?? []
        let xs = points.map(\.x), ys = points.map { $0.y! }
        guard let line, let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else {
            var svg = SVG()
            svg.text(layout.noData, x: 0, y: 20, cls: "chart-nodata")
            return (svg.body, height)
        }
        let sx: (Double) -> Double = { maxX == minX ? width / 2 : 3 + ($0 - minX) / (maxX - minX) * (width - 6) }
        let sy: (Double) -> Double = { maxY == minY ? height / 2 : height - 3 - ($0 - minY) / (maxY - minY) * (height - 6) }
        let position: (Charts.Point) -> (Double, Double) = { (sx($0.x), sy($0.y!)) }
        var svg = SVG()
        for bridge in line.bridges {
            svg.path([position(line.points[bridge.from]), position(line.points[bridge.to])], cls: "chart-gap s1")
        }
        for segment in solidSegments(line) where segment.count > 1 { svg.path(segment.map(position), cls: "chart-line s1") }
        if let last = points.last {
            svg.circle(cx: sx(last.x), cy: sy(last.y!), r: 2.5, cls: last.qualifier == nil ? "chart-dot s1" : "chart-dot chart-open s1")
        }
        return (svg.body, height)
    }

    /// Runs of known points with no bridge between them.
    static func solidSegments(_ line: Charts.Series) -> [[Charts.Point]] {
        let bridged = Set(line.bridges.map(\.from))
        var segments: [[Charts.Point]] = []
        var current: [Charts.Point] = []
        for (i, point) in line.points.enumerated() where point.y != nil {
            current.append(point)
            if bridged.contains(i) { segments.append(current); current = [] }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
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

/// Vertical extent of a line of text around its baseline, in ems: the font's ascent and
/// descent as browsers report them in a text's box (DejaVu Sans 0.93 + 0.24, Arial 0.91 + 0.21),
/// rounded up so that boxes computed from it never understate the drawn text.
enum TextBox {
    static let ascent = 0.95
    static let descent = 0.25
}
