@testable import DossierCharts
import DossierData
import DossierModel
import Foundation
import XCTest

/// Maps: the projection, clipping of outlines, and label placement on the sample site's 19
/// points with the Natural Earth outlines it ships.
final class MapTests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../content/data").standardizedFileURL

    static let points: DataTable = {
        let text = try! String(contentsOf: data.appendingPathComponent("clusters.csv"), encoding: .utf8)
        return DataTable.parse(text, path: "clusters.csv").0!
    }()

    static let basemap: GeoShapes = {
        let file = data.appendingPathComponent("geo/east_asia_110m.geojson")
        return GeoShapes.parse(try! Data(contentsOf: file), path: "geo/east_asia_110m.geojson").0!
    }()

    static let spec = ChartSpec(kind: .map, data: "clusters.csv", x: "id", y: [], label: "name_en", title: "Where",
                                basemap: "geo/east_asia_110m.geojson", basemapCredit: "Natural Earth", focus: ["CHN"],
                                priority: [("tier", ["optimize-upgrade"])])

    func plan(_ spec: ChartSpec = MapTests.spec, width: Double) -> MapChart.Drawing {
        let options = Charts.Options(id: "m", basemaps: [spec.basemap ?? "": Self.basemap])
        let (bound, diagnostics) = Charts.bind(spec, table: Self.points, options: options)
        XCTAssertEqual(diagnostics, [])
        guard case .points(let items)? = bound else { fatalError("a map binds points") }
        let display = options.display
        let layout = Charts.Layout(width: width, font: width > 400 ? 13 : 12, display: display,
                                   texts: .init(spec, table: Self.points, display: display), basemap: Self.basemap)
        return MapChart.plan(items, spec: spec, layout: layout)
    }

    // MARK: - Projection

    func testAlbersKeepsAreasAndPointsNorthUp() {
        let p = AlbersProjection(lon0: 105, lat1: 25, lat2: 47, lat0: 36)
        // Equal area: a 1° cell's projected area over its area on the sphere is the same everywhere.
        func ratio(lon: Double, lat: Double) -> Double {
            let c = [(lon, lat), (lon + 1, lat), (lon + 1, lat + 1), (lon, lat + 1)].map { p(GeoPoint(lon: $0.0, lat: $0.1)) }
            var area = 0.0
            for i in 0..<4 { let (a, b) = (c[i], c[(i + 1) % 4]); area += a.x * b.y - b.x * a.y }
            let sphere = (sin((lat + 1) * .pi / 180) - sin(lat * .pi / 180)) * (.pi / 180)
            return abs(area) / 2 / sphere
        }
        let reference = ratio(lon: 105, lat: 36)
        for (lon, lat) in [(75.0, 40.0), (120.0, 20.0), (130.0, 50.0), (90.0, 28.0)] {
            XCTAssertEqual(ratio(lon: lon, lat: lat) / reference, 1, accuracy: 0.002, "\(lon), \(lat)")
        }
        let beijing = p(GeoPoint(lon: 116.4, lat: 39.9)), guangzhou = p(GeoPoint(lon: 113.3, lat: 23.1))
        XCTAssertGreaterThan(beijing.y, guangzhou.y, "north is up")
        XCTAssertGreaterThan(p(GeoPoint(lon: 121.5, lat: 31.2)).x, p(GeoPoint(lon: 104, lat: 30.7)).x, "east is right")
        // The far side of the world wraps instead of crossing the map.
        XCTAssertEqual(p(GeoPoint(lon: -180, lat: 65)).x, p(GeoPoint(lon: 180, lat: 65)).x, accuracy: 1e-12)
    }

    func testClippingKeepsThePartInsideTheFrame() {
        let frame = Box(x0: 0, y0: 0, x1: 100, y1: 100)
        let across = MapChart.clip([(-50, 50), (50, -50), (150, 50), (50, 150)], to: frame)
        XCTAssertFalse(across.isEmpty)
        XCTAssertTrue(across.allSatisfy { frame.contains($0.0, $0.1) })
        XCTAssertTrue(MapChart.clip([(200, 200), (300, 200), (300, 300)], to: frame).isEmpty, "far away, nothing left")
        let inside = [(10.0, 10.0), (90.0, 10.0), (50.0, 90.0)]
        XCTAssertEqual(MapChart.clip(inside, to: frame).map { [$0.0, $0.1] }, inside.map { [$0.0, $0.1] })
    }

    // MARK: - Outlines

    func testOutlinesStayInTheFrameAndTheMapCreditsItsSource() {
        let (html, diagnostics) = Charts.figure(Self.spec, table: Self.points, options: .init(
            id: "m", labels: .init(), basemaps: ["geo/east_asia_110m.geojson": Self.basemap]))
        XCTAssertEqual(diagnostics, [])
        let figure = html ?? ""
        XCTAssertTrue(figure.contains("<path class=\"chart-land chart-focus\" d=\"M"), "China, the focus")
        XCTAssertGreaterThan(figure.components(separatedBy: "<path class=\"chart-land\" d=").count, 8, "and its neighbours")
        XCTAssertTrue(figure.contains("Outlines: Natural Earth. Boundaries are shown for orientation only."))
        for svg in figure.components(separatedBy: "<svg class=\"").dropFirst() {
            let box = svg.components(separatedBy: "viewBox=\"0 0 ")[1].prefix { $0 != "\"" }.split(separator: " ").compactMap { Double($0) }
            for path in svg.components(separatedBy: "class=\"chart-land").dropFirst() {
                let d = path.components(separatedBy: "d=\"")[1].prefix { $0 != "\"" }
                let numbers = d.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
                for (i, n) in numbers.enumerated() {
                    XCTAssertTrue(n >= 0 && n <= box[i % 2], "outline point \(n) outside the frame \(box)")
                }
            }
        }
        let (again, _) = Charts.figure(Self.spec, table: Self.points, options: .init(
            id: "m", labels: .init(), basemaps: ["geo/east_asia_110m.geojson": Self.basemap]))
        XCTAssertEqual(again, html, "same input, same bytes")
    }

    func testBasemapAndFocusMustExist() {
        var spec = Self.spec
        spec.basemap = "geo/world.geojson"
        let (_, missing) = Charts.figure(spec, table: Self.points, options: .init(
            id: "m", specPath: "b.md", keyLines: ["basemap": 12], basemaps: ["geo/east_asia_110m.geojson": Self.basemap]))
        XCTAssertEqual(missing.map(\.description),
                       ["b.md:12: error: chart 'basemap': no GeoJSON file 'geo/world.geojson' under content/data/ (found: geo/east_asia_110m.geojson)"])
        spec = Self.spec
        spec.focus = ["Atlantis"]
        let (_, focus) = Charts.figure(spec, table: Self.points, options: .init(
            id: "m", specPath: "b.md", keyLines: ["focus": 14], basemaps: ["geo/east_asia_110m.geojson": Self.basemap]))
        XCTAssertEqual(focus.map(\.description), ["b.md:14: error: chart 'focus': no feature of geo/east_asia_110m.geojson has a property 'Atlantis'"])
    }

    // MARK: - Labels

    /// At 640 px (the wide drawing, 1280 px screens) every point has its label; no label
    /// overlaps another, covers a dot or leaves the frame, and no leader runs through a label.
    func testEveryLabelFitsAtWideWidth() {
        let drawing = plan(width: 640)
        XCTAssertEqual(drawing.marks.count, 19)
        XCTAssertEqual(drawing.labels.compactMap { $0 }.count, 19, "none dropped: \(missing(drawing))")
        assertNoCollisions(drawing)
    }

    func testPriorityLabelsShowOnAPhone() {
        let drawing = plan(width: 340)
        for (mark, (required, label)) in zip(drawing.marks, zip(drawing.required, drawing.labels)) {
            let priority = Self.points.value(Self.points.rows.first { Self.points.value($0, "id") == mark.item.key }!, "tier") == "optimize-upgrade"
            XCTAssertEqual(required, priority, mark.item.label)
            if priority { XCTAssertNotNil(label, "\(mark.item.label) is a priority point") }
        }
        assertNoCollisions(drawing)
    }

    func testALocatorLabelsItsOwnPointOnly() {
        var spec = Self.spec
        spec.highlight = ["beibu-gulf"]
        let drawing = plan(spec, width: 340)
        let labelled = zip(drawing.marks, drawing.labels).filter { $0.1 != nil }.map(\.0.item.key)
        XCTAssertEqual(labelled, ["beibu-gulf"])
        let wide = plan(spec, width: 640)
        XCTAssertEqual(zip(wide.marks, wide.labels).filter { $0.1 != nil }.map(\.0.item.key), ["beibu-gulf"],
                       "on a wide drawing too: a row page's locator names its row, and costs one label search")
        XCTAssertEqual(drawing.marks.last?.item.key, "beibu-gulf", "the highlighted point is drawn last, on top")
    }

    func testPlacementAvoidsCollisionsWhenCrowded() {
        // Twelve points in a tight ring: labels must move out, with leaders, or be left out.
        var requests: [LabelPlacement.Request] = []
        for i in 0..<12 {
            let angle = Double(i) * .pi / 6
            requests.append(.init(text: "Point number \(i)", x: 200 + 25 * cos(angle), y: 150 + 25 * sin(angle), radius: 4, required: true))
        }
        let obstacles = requests.map { Box(x0: $0.x - 5.5, y0: $0.y - 5.5, x1: $0.x + 5.5, y1: $0.y + 5.5) }
        let frame = Box(x0: 0, y0: 0, x1: 400, y1: 300)
        let placed = LabelPlacement.place(requests, obstacles: obstacles, frame: frame, font: 11.5)
        XCTAssertEqual(placed.compactMap { $0 }.count, 12, "room enough for all with leaders")
        XCTAssertTrue(placed.contains { $0?.leader != nil }, "some labels stand away from their points")
        let boxes = placed.compactMap { $0?.box }
        for (i, a) in boxes.enumerated() {
            XCTAssertTrue(frame.contains(a))
            for b in boxes[(i + 1)...] { XCTAssertFalse(a.intersects(b)) }
            for o in obstacles { XCTAssertFalse(a.intersects(o)) }
        }
        XCTAssertEqual(LabelPlacement.place(requests, obstacles: obstacles, frame: frame, font: 11.5), placed, "deterministic")

        // Far too little room: optional labels are left out rather than overlap.
        let tiny = Box(x0: 150, y0: 100, x1: 250, y1: 200)
        let squeezed = LabelPlacement.place(requests.map { var r = $0; r.required = false; return r },
                                            obstacles: obstacles, frame: tiny, font: 11.5)
        let kept = squeezed.compactMap { $0?.box }
        XCTAssertLessThan(kept.count, 12)
        for (i, a) in kept.enumerated() { for b in kept[(i + 1)...] { XCTAssertFalse(a.intersects(b)) } }
    }

    func testLongNamesBreakInTwoLines() {
        XCTAssertEqual(LabelPlacement.twoLines("Northern Slope of the Tianshan Mountains"), ["Northern Slope of the", "Tianshan Mountains"])
        XCTAssertEqual(LabelPlacement.twoLines("Hohhot-Baotou-Ordos-Yulin"), ["Hohhot-Baotou-", "Ordos-Yulin"])
        XCTAssertNil(LabelPlacement.twoLines("Beibu"))
    }

    // MARK: - Helpers

    func missing(_ drawing: MapChart.Drawing) -> String {
        zip(drawing.marks, drawing.labels).filter { $0.1 == nil }.map(\.0.item.label).joined(separator: ", ")
    }

    func assertNoCollisions(_ drawing: MapChart.Drawing, file: StaticString = #filePath, line: UInt = #line) {
        let frame = Box(x0: 0, y0: 0, x1: drawing.width, y1: drawing.height)
        let placed = zip(drawing.marks, drawing.labels).compactMap { mark, label in label.map { (mark.item.label, $0) } }
        for (i, (name, label)) in placed.enumerated() {
            XCTAssertTrue(frame.contains(label.box), "\(name) leaves the frame", file: file, line: line)
            for mark in drawing.marks {
                let dot = Box(x0: mark.x - mark.r, y0: mark.y - mark.r, x1: mark.x + mark.r, y1: mark.y + mark.r)
                XCTAssertFalse(label.box.intersects(dot), "\(name) covers the dot of \(mark.item.label)", file: file, line: line)
            }
            for (other, otherLabel) in placed[(i + 1)...] {
                XCTAssertFalse(label.box.intersects(otherLabel.box), "\(name) overlaps \(other)", file: file, line: line)
                if let l = label.leader {
                    XCTAssertFalse(otherLabel.box.crosses(l.x1, l.y1, l.x2, l.y2), "\(name)'s leader crosses \(other)", file: file, line: line)
                }
            }
        }
    }
}
