import DossierData
import Foundation

/// Points on a map: the base map's outlines (when the spec names one) on an Albers equal-area
/// conic projection fitted to the frame, the points over them, and labels placed so that none
/// overlaps (with leader lines where a label cannot stand beside its point). On a phone the
/// priority points are labelled and the others where they fit; every point is in the data table.
enum MapChart {
    /// Where everything goes: the frame, the points and their labels (nil: not labelled).
    struct Drawing {
        var width: Double
        var height: Double
        var toScreen: (GeoPoint) -> (Double, Double)
        var marks: [(item: Charts.Item, x: Double, y: Double, r: Double)]
        /// Per point: nil when it gets no label, else whether its label must show.
        var required: [Bool?]
        var labels: [LabelPlacement.Placed?]
    }

    static func draw(_ items: [Charts.Item], spec: ChartSpec, layout: Charts.Layout) -> (String, Double) {
        let drawing = plan(items, spec: spec, layout: layout)
        let (width, height) = (drawing.width, drawing.height)
        let frame = Box(x0: 0, y0: 0, x1: width, y1: height)
        let focus = Set(spec.focus)
        let highlight = Set(spec.highlight)
        var svg = SVG()
        if let basemap = layout.basemap {
            for feature in basemap.features {
                let d = outline(feature, frame: frame, toScreen: drawing.toScreen)
                guard !d.isEmpty else { continue }
                svg.shape(d, cls: feature.matches(focus) ? "chart-land chart-focus" : "chart-land")
            }
        }
        svg.rect(x: 0.5, y: 0.5, width: width - 1, height: height - 1, cls: "chart-frame")
        let labels = drawing.labels.compactMap { $0 }
        for label in labels {
            if let l = label.leader { svg.line(x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, cls: "chart-leader") }
        }
        for mark in drawing.marks {
            let base = highlight.isEmpty ? "chart-dot s1" : (highlight.contains(mark.item.key) ? "chart-dot chart-highlight" : "chart-dot chart-muted")
            let cls = mark.item.isQualified ? base + " chart-open" : base
            svg.circle(cx: mark.x, cy: mark.y, r: mark.r, cls: cls, title: mark.item.label)
        }
        for label in labels {
            svg.block(label.lines, x: label.textX, y: label.baseline, lineHeight: label.lineHeight, anchor: label.anchor,
                      cls: "chart-point-label chart-small")
        }
        return (svg.body, height)
    }

    static func plan(_ items: [Charts.Item], spec: ChartSpec, layout: Charts.Layout) -> Drawing {
        let placed = items.filter { $0.lat != nil && $0.lon != nil }
        let focus = Set(spec.focus)
        let focusFeatures = layout.basemap?.features.filter { $0.matches(focus) } ?? []

        // The frame shows the focus features whole and every point.
        var geo = placed.map { GeoPoint(lon: $0.lon!, lat: $0.lat!) }
        for feature in focusFeatures { for polygon in feature.polygons { geo += polygon.first ?? [] } }
        let projection = AlbersProjection(fitting: geo)
        let projected = geo.map { projection($0) }
        var (minX, maxX) = (projected.map(\.x).min() ?? 0, projected.map(\.x).max() ?? 1)
        var (minY, maxY) = (projected.map(\.y).min() ?? 0, projected.map(\.y).max() ?? 1)
        // A margin of 4% (more for points alone, whose labels need room), and never a zero span.
        let span = max(maxX - minX, maxY - minY, 0.02)
        let margin = span * (focusFeatures.isEmpty ? 0.08 : 0.04)
        (minX, maxX, minY, maxY) = (minX - margin, maxX + margin, minY - margin, maxY + margin)
        if maxX - minX < span { let pad = (span - (maxX - minX)) / 2; minX -= pad; maxX += pad }
        let width = layout.width
        let scale = width / (maxX - minX)
        let height = min(((maxY - minY) * scale).rounded(.up), width * 1.25)
        let toScreen: (GeoPoint) -> (Double, Double) = { p in
            let q = projection(p)
            return ((q.x - minX) * scale, (maxY - q.y) * scale)
        }
        let frame = Box(x0: 0, y0: 0, x1: width, y1: height)

        let values = placed.compactMap { $0.values.first ?? nil }
        let maxValue = values.max() ?? 0
        let highlight = Set(spec.highlight)
        func radius(_ item: Charts.Item) -> Double {
            guard maxValue > 0, let v = item.values.first ?? nil else { return highlight.contains(item.key) ? 6 : 4 }
            return 3 + 10 * (max(0, v) / maxValue).squareRoot()
        }
        let ordered = placed.sorted { a, b in
            let ha = highlight.contains(a.key), hb = highlight.contains(b.key)
            if ha != hb { return hb }  // highlighted drawn last, on top
            return radius(a) > radius(b)
        }
        var marks: [(item: Charts.Item, x: Double, y: Double, r: Double)] = []
        for item in ordered {
            let (x, y) = toScreen(GeoPoint(lon: item.lon!, lat: item.lat!))
            marks.append((item, x, y, radius(item)))
        }

        // Labels: with a highlight, only the highlighted points must be labelled (a locator map);
        // otherwise all of them on a wide drawing, the priority ones on a phone.
        let wide = width > 400
        let font = layout.small
        var requests: [LabelPlacement.Request] = []
        var labelled: [Int] = []
        for (index, mark) in marks.enumerated() {
            let isHighlight = highlight.contains(mark.item.key)
            let required = highlight.isEmpty ? (wide || mark.item.priority) : isHighlight
            // A locator map names only what it locates: the others are dots (and rows of its table).
            guard required || highlight.isEmpty else { continue }
            requests.append(.init(text: shortLabel(mark.item.label), x: mark.x, y: mark.y, radius: mark.r, required: required))
            labelled.append(index)
        }
        let obstacles = marks.map { Box(x0: $0.x - $0.r - 1.5, y0: $0.y - $0.r - 1.5, x1: $0.x + $0.r + 1.5, y1: $0.y + $0.r + 1.5) }
        let placedLabels = LabelPlacement.place(requests, obstacles: obstacles, frame: frame, font: font)
        var labels = [LabelPlacement.Placed?](repeating: nil, count: marks.count)
        var required = [Bool?](repeating: nil, count: marks.count)
        for (request, index) in labelled.enumerated() {
            labels[index] = placedLabels[request]
            required[index] = requests[request].required
        }
        return Drawing(width: width, height: height, toScreen: toScreen, marks: marks, required: required, labels: labels)
    }

    /// The outline of one feature as SVG path data, clipped to the frame; points closer than
    /// half a pixel to the previous one are left out (a locator map needs no more detail).
    static func outline(_ feature: GeoShapes.Feature, frame: Box, toScreen: (GeoPoint) -> (Double, Double)) -> String {
        var d = ""
        for polygon in feature.polygons {
            for ring in polygon {
                let clipped = clip(ring.map(toScreen), to: frame)
                var kept: [(Double, Double)] = []
                for p in clipped {
                    if let last = kept.last, abs(p.0 - last.0) < 0.5 && abs(p.1 - last.1) < 0.5 { continue }
                    kept.append(p)
                }
                guard kept.count >= 3 else { continue }
                d += "M" + kept.map { "\(SVG.n($0.0)) \(SVG.n($0.1))" }.joined(separator: "L") + "Z"
            }
        }
        return d
    }

    /// Sutherland–Hodgman: the part of a polygon inside a box (a ring far outside, such as
    /// Russia's east, vanishes; one crossing the frame follows its edge).
    static func clip(_ ring: [(Double, Double)], to box: Box) -> [(Double, Double)] {
        var output = ring
        let edges: [((Double, Double) -> Bool, ((Double, Double), (Double, Double)) -> (Double, Double))] = [
            ({ x, _ in x >= box.x0 }, { a, b in cut(a, b, x: box.x0) }),
            ({ x, _ in x <= box.x1 }, { a, b in cut(a, b, x: box.x1) }),
            ({ _, y in y >= box.y0 }, { a, b in cut(a, b, y: box.y0) }),
            ({ _, y in y <= box.y1 }, { a, b in cut(a, b, y: box.y1) }),
        ]
        for (inside, intersect) in edges {
            guard let last = output.last else { break }
            let input = output
            output = []
            var previous = last
            for point in input {
                let (pin, cin) = (inside(previous.0, previous.1), inside(point.0, point.1))
                if cin {
                    if !pin { output.append(intersect(previous, point)) }
                    output.append(point)
                } else if pin {
                    output.append(intersect(previous, point))
                }
                previous = point
            }
        }
        return output
    }

    static func cut(_ a: (Double, Double), _ b: (Double, Double), x: Double) -> (Double, Double) {
        let t = (x - a.0) / (b.0 - a.0)
        return (x, a.1 + t * (b.1 - a.1))
    }

    static func cut(_ a: (Double, Double), _ b: (Double, Double), y: Double) -> (Double, Double) {
        let t = (y - a.1) / (b.1 - a.1)
        return (a.0 + t * (b.0 - a.0), y)
    }
}

/// Albers equal-area conic projection on the sphere (Snyder, Map Projections — A Working
/// Manual, 1987, pp. 98–100), with standard parallels one sixth inside the latitudes it is
/// fitted to: areas keep their proportions, and shapes stay true near the middle of the frame.
/// Output is in radians of the unit sphere, y pointing north.
struct AlbersProjection {
    let n: Double, c: Double, rho0: Double, lambda0: Double

    init(lon0: Double, lat1: Double, lat2: Double, lat0: Double) {
        let (phi1, phi2, phi0) = (lat1 * .pi / 180, lat2 * .pi / 180, lat0 * .pi / 180)
        var n = (sin(phi1) + sin(phi2)) / 2
        if abs(n) < 1e-3 { n = n < 0 ? -1e-3 : 1e-3 }  // straddling the equator: nearly cylindrical
        self.n = n
        c = cos(phi1) * cos(phi1) + 2 * n * sin(phi1)
        rho0 = (max(0, c - 2 * n * sin(phi0))).squareRoot() / n
        lambda0 = lon0 * .pi / 180
    }

    /// Fitted to the extent of `points`.
    init(fitting points: [GeoPoint]) {
        let lons = points.map(\.lon), lats = points.map(\.lat)
        let (lonMin, lonMax) = (lons.min() ?? 0, lons.max() ?? 0)
        let (latMin, latMax) = (lats.min() ?? 0, lats.max() ?? 0)
        let latSpan = latMax - latMin
        self.init(lon0: (lonMin + lonMax) / 2, lat1: latMin + latSpan / 6, lat2: latMax - latSpan / 6, lat0: (latMin + latMax) / 2)
    }

    func callAsFunction(_ p: GeoPoint) -> (x: Double, y: Double) {
        var delta = p.lon * .pi / 180 - lambda0
        // Longitudes on the far side of the world wrap instead of running through the map.
        while delta > .pi { delta -= 2 * .pi }
        while delta < -.pi { delta += 2 * .pi }
        let rho = (max(0, c - 2 * n * sin(p.lat * .pi / 180))).squareRoot() / n
        let theta = n * delta
        return (rho * sin(theta), rho0 - rho * cos(theta))
    }
}
