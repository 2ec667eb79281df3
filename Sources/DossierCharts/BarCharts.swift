import DossierData

/// Ranked horizontal bars: long category names fit (wrapped, never rotated) and every bar
/// carries its value as a direct label.
enum BarChart {
    static func draw(_ items: [Charts.Item], spec: ChartSpec, layout: Charts.Layout) -> (String, Double) {
        let font = layout.font
        let lineHeight = (font * 1.2).rounded()
        let groups = spec.y.count
        let values = items.flatMap { $0.values.compactMap { $0 } }
        let valueTexts = items.flatMap { item in item.values.indices.compactMap { i in item.values[i].map { layout.value($0, item.qualifiers[i]) } } }
        // A bound's arrow stands between the bar and its label.
        let arrowRoom = items.contains(where: \.isQualified) ? 9.0 : 0
        let valueWidth = max((valueTexts.map { TextWidth.width($0, fontSize: font) }.max() ?? 0) + arrowRoom,
                             layout.texts.missing.map { TextWidth.width($0, fontSize: font) }.max() ?? 0)
        let longest = items.map { TextWidth.width($0.label, fontSize: font) }.max() ?? 0
        let labelWidth = min(longest, layout.width * 0.36)
        let wrapped = items.map { wrap($0.label, width: labelWidth, fontSize: font, maxLines: 3) }

        var svg = SVG()
        var y = 4.0
        if groups > 1 { y = Legend.draw(&svg, labels: layout.texts.yTitles, x: 0, y: y, layout: layout) + 4 }
        let plotLeft = labelWidth + 10
        let hasNegative = values.contains { $0 < 0 }
        let plotRight = layout.width - valueWidth - 6
        let scale = LinearScale(
            values: values, range: (plotLeft + (hasNegative ? valueWidth + 6 : 0), plotRight), spacing: 80, includeZero: true)
        let barHeight = (font * (groups > 1 ? 0.95 : 1.25)).rounded()
        let plotTop = y
        var rows = SVG()
        for (item, lines) in zip(items, wrapped) {
            let barsHeight = Double(groups) * barHeight + Double(groups - 1) * 2
            let rowHeight = max(Double(lines.count) * lineHeight, barsHeight) + 8
            let middle = y + rowHeight / 2
            rows.lines(lines, x: plotLeft - 8, y: middle - Double(lines.count - 1) * lineHeight / 2 + font * 0.35,
                       lineHeight: lineHeight, anchor: .end, cls: "chart-label")
            var barY = middle - barsHeight / 2
            for (g, value) in item.values.enumerated() {
                if let value {
                    let x0 = scale(0), x1 = scale(value)
                    let qualifier = item.qualifiers[g]
                    let text = layout.value(value, qualifier)
                    let open = qualifier == nil ? "" : " chart-open"
                    rows.rect(x: min(x0, x1), y: barY, width: abs(x1 - x0), height: barHeight,
                              cls: "chart-bar\(open) s\(g % 8 + 1)", title: "\(item.label): \(text)")
                    var labelX = value < 0 ? x1 - 4 : x1 + 4
                    if let qualifier, qualifier != .approximate {
                        let (tip, base) = boundArrow(end: x1, away: value < 0 ? -1 : 1, towards: qualifier == .lowerBound ? 1 : -1)
                        let middle = barY + barHeight / 2
                        rows.path([(base, middle - 4), (tip, middle), (base, middle + 4)], cls: "chart-arrow s\(g % 8 + 1)")
                        labelX += value < 0 ? -9 : 9
                    }
                    rows.text(text, x: labelX, y: barY + barHeight / 2 + font * 0.35,
                              anchor: value < 0 ? .end : .start, cls: "chart-value")
                } else {
                    rows.text(layout.texts.missing[g], x: scale(0) + 4, y: barY + barHeight / 2 + font * 0.35, cls: "chart-nodata")
                }
                barY += barHeight + 2
            }
            y += rowHeight
        }
        let plotBottom = y
        for tick in scale.ticks {
            svg.line(x1: scale(tick), y1: plotTop, x2: scale(tick), y2: plotBottom, cls: tick == 0 ? "chart-zero" : "chart-grid")
            svg.text(layout.format.string(tick, decimals: NumberFormat.decimals(forStep: scale.step)),
                     x: scale(tick), y: plotBottom + font + 4, anchor: .middle, cls: "chart-tick")
        }
        svg.raw(rows.body)
        var height = plotBottom + font + 8
        if let unit = layout.texts.unit {
            svg.text(unit, x: plotRight, y: height + font, anchor: .end, cls: "chart-axis-title")
            height += font + 6
        }
        return (svg.body, height.rounded(.up))
    }
}

/// Vertical columns, for few categories with short names. Returns nil when the labels would
/// not fit under their columns; the caller then draws horizontal bars instead of rotating text.
enum ColumnChart {
    static func draw(_ items: [Charts.Item], spec: ChartSpec, layout: Charts.Layout) -> (String, Double)? {
        let font = layout.font
        let lineHeight = (font * 1.2).rounded()
        let groups = spec.y.count
        let values = items.flatMap { $0.values.compactMap { $0 } }
        let scaleProbe = LinearScale(values: values, range: (0, 200), spacing: 35, includeZero: true)
        let tickDecimals = NumberFormat.decimals(forStep: scaleProbe.step)
        let tickWidth = scaleProbe.ticks.map { TextWidth.width(layout.format.string($0, decimals: tickDecimals), fontSize: font) }.max() ?? 0
        let plotLeft = tickWidth + 8
        let band = (layout.width - plotLeft) / Double(max(1, items.count))
        let labels = items.map { wrap($0.label, width: band - 6, fontSize: font, maxLines: 2) }
        let valueWidth = items.flatMap { item in item.values.indices.compactMap { i in
            item.values[i].map { TextWidth.width(layout.value($0, item.qualifiers[i]), fontSize: font - 1) } } }.max() ?? 0
        let noDataWidth = layout.texts.missing.map { TextWidth.width($0, fontSize: font - 1) }.max() ?? 0
        guard !items.isEmpty, labels.allSatisfy({ !($0.last ?? "").hasSuffix("…") }),
              noDataWidth <= band - 2, band >= 18 else { return nil }

        var svg = SVG()
        var top = 4.0
        if groups > 1 { top = Legend.draw(&svg, labels: layout.texts.yTitles, x: plotLeft, y: top, layout: layout) + 4 }
        // Room for value labels (and a bound's arrow) above the tallest column.
        let plotTop = top + font + 4 + (items.contains(where: \.isQualified) ? 10 : 0)
        let height = spec.height ?? (layout.width > 400 ? 280 : 240)
        let labelLines = Double(labels.map(\.count).max() ?? 1)
        let plotBottom = height - labelLines * lineHeight - 8 - (layout.texts.unit == nil ? 0 : font + 4)
        let scale = LinearScale(values: values, range: (plotBottom, plotTop), spacing: 35, includeZero: true)
        for tick in scale.ticks {
            svg.line(x1: plotLeft, y1: scale(tick), x2: layout.width, y2: scale(tick), cls: tick == 0 ? "chart-zero" : "chart-grid")
            svg.text(layout.format.string(tick, decimals: NumberFormat.decimals(forStep: scale.step)),
                     x: plotLeft - 6, y: scale(tick) + font * 0.35, anchor: .end, cls: "chart-tick")
        }
        let showValues = valueWidth <= band / Double(groups) + 4
        for (index, item) in items.enumerated() {
            let x = plotLeft + Double(index) * band
            let barWidth = band * 0.7 / Double(groups)
            var barX = x + band * 0.15
            for (g, value) in item.values.enumerated() {
                if let value {
                    let y0 = scale(0), y1 = scale(value)
                    let qualifier = item.qualifiers[g]
                    let text = layout.value(value, qualifier)
                    svg.rect(x: barX, y: min(y0, y1), width: barWidth, height: abs(y1 - y0),
                             cls: "chart-bar\(qualifier == nil ? "" : " chart-open") s\(g % 8 + 1)", title: "\(item.label): \(text)")
                    var labelY = value < 0 ? y1 + font : y1 - 4
                    if let qualifier, qualifier != .approximate {
                        // Screen y grows downwards: a larger value lies towards smaller y.
                        let (tip, base) = boundArrow(end: y1, away: value < 0 ? 1 : -1, towards: qualifier == .lowerBound ? -1 : 1)
                        let cx = barX + barWidth / 2
                        svg.path([(cx - 4, base), (cx, tip), (cx + 4, base)], cls: "chart-arrow s\(g % 8 + 1)")
                        labelY += value < 0 ? 10 : -10
                    }
                    if showValues {
                        svg.text(text, x: barX + barWidth / 2, y: labelY, anchor: .middle, cls: "chart-value")
                    }
                } else {
                    svg.text(layout.texts.missing[g], x: x + band / 2, y: scale(0) - 4, anchor: .middle, cls: "chart-nodata")
                }
                barX += barWidth
            }
            svg.lines(labels[index], x: x + band / 2, y: plotBottom + font + 4, lineHeight: lineHeight, anchor: .middle, cls: "chart-label")
        }
        if let unit = layout.texts.unit {
            svg.text(unit, x: plotLeft, y: height - 4, cls: "chart-axis-title")
        }
        return (svg.body, height)
    }
}

/// The arrow of a bound beyond a bar's end (`end`, in pixels along the value axis): it stands
/// in the 2–8 px after the end (`away`: the direction of the bar from zero, ±1) and points
/// `towards` the side where the true value lies (±1).
func boundArrow(end: Double, away: Double, towards: Double) -> (tip: Double, base: Double) {
    let tip = end + away * (towards == away ? 8 : 2)
    return (tip, tip - towards * 5)
}

/// A row of colour swatches, for grouped bars and multi-column charts (lines label their ends).
enum Legend {
    static func draw(_ svg: inout SVG, labels: [String], x: Double, y: Double, layout: Charts.Layout) -> Double {
        var cursor = x
        var line = y
        for (i, label) in labels.enumerated() {
            let w = TextWidth.width(label, fontSize: layout.small) + 22
            if cursor + w > layout.width, cursor > x { cursor = x; line += layout.font + 6 }
            svg.rect(x: cursor, y: line + 2, width: 12, height: 12, cls: "chart-bar s\(i % 8 + 1)")
            svg.text(label, x: cursor + 16, y: line + 12, cls: "chart-legend chart-small")
            cursor += w
        }
        return line + layout.font + 6
    }
}
