import DossierModel
import Foundation

/// An axis-aligned box in SVG user units.
struct Box: Equatable {
    var x0: Double, y0: Double, x1: Double, y1: Double

    func intersects(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
    func contains(_ o: Box) -> Bool { o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1 }
    func insetBy(_ d: Double) -> Box { Box(x0: x0 + d, y0: y0 + d, x1: x1 - d, y1: y1 - d) }
    func contains(_ x: Double, _ y: Double) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }

    /// Whether the segment from (ax, ay) to (bx, by) passes through the box.
    func crosses(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
        // Liang–Barsky clipping of the segment against the box.
        var t0 = 0.0, t1 = 1.0
        let dx = bx - ax, dy = by - ay
        for (p, q) in [(-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }
}

/// Point labels placed so that none overlaps another label or any point, each inside the frame:
/// next to its point where there is room, else moved away and tied to its point by a leader
/// line. A deterministic search (greedy start, then simulated annealing with a fixed seed)
/// chooses among candidate positions; a label that must show is never dropped while any
/// arrangement without overlaps exists, and an optional one only when it does not fit.
enum LabelPlacement {
    struct Request {
        var text: String
        var x: Double
        var y: Double
        /// Radius of the point's mark.
        var radius: Double
        /// A required label is dropped only if no position is free of overlaps.
        var required: Bool
    }

    struct Placed: Equatable {
        var lines: [String]
        var anchor: SVG.Anchor
        var textX: Double
        /// Baseline of the first line.
        var baseline: Double
        var lineHeight: Double
        /// The label's text box (with its safety margin).
        var box: Box
        /// From the point's edge to the label, when the label stands away from its point.
        var leader: (x1: Double, y1: Double, x2: Double, y2: Double)?

        static func == (a: Placed, b: Placed) -> Bool {
            a.lines == b.lines && a.anchor == b.anchor && a.textX == b.textX && a.baseline == b.baseline && a.box == b.box
                && a.leader.map { [$0.x1, $0.y1, $0.x2, $0.y2] } == b.leader.map { [$0.x1, $0.y1, $0.x2, $0.y2] }
        }
    }

    /// Estimated widths are multiplied by this: browsers may fall back to a font wider than the
    /// Helvetica metrics of `TextWidth` (DejaVu Sans, measured in Chromium: 9–13% wider).
    static let widthMargin = 1.15

    struct Candidate {
        var placed: Placed?
        var cost: Double
    }

    static let overlapCost = 1_000_000.0
    static let droppedRequired = 100_000.0
    static let droppedOptional = 400.0
    static let crossingLeaders = 40.0

    static func place(_ requests: [Request], obstacles: [Box], frame: Box, font: Double, seed: UInt64 = 0x5EED) -> [Placed?] {
        let candidates = requests.enumerated().map { index, request in
            candidatesFor(request, index: index, requests: requests, obstacles: obstacles, frame: frame, font: font)
        }
        let n = requests.count
        guard n > 0 else { return [] }

        func pair(_ a: Placed?, _ b: Placed?) -> Double {
            guard let a, let b else { return 0 }
            if a.box.intersects(b.box) { return overlapCost }
            var cost = 0.0
            if let l = a.leader, b.box.crosses(l.x1, l.y1, l.x2, l.y2) { cost += overlapCost }
            if let l = b.leader, a.box.crosses(l.x1, l.y1, l.x2, l.y2) { cost += overlapCost }
            if let la = a.leader, let lb = b.leader, segmentsCross(la, lb) { cost += crossingLeaders }
            return cost
        }
        var state = [Int](repeating: 0, count: n)
        var placedSet = [Bool](repeating: false, count: n)
        func cost(_ i: Int, _ c: Int) -> Double {
            var total = candidates[i][c].cost
            let p = candidates[i][c].placed
            for j in 0..<n where j != i && placedSet[j] { total += pair(p, candidates[j][state[j]].placed) }
            return total
        }

        // Greedy start: the most constrained labels first, each at its cheapest position.
        let order = (0..<n).sorted { a, b in
            let (ca, cb) = (candidates[a].count, candidates[b].count)
            if requests[a].required != requests[b].required { return requests[a].required }
            return ca != cb ? ca < cb : a < b
        }
        for i in order {
            var best = 0, bestCost = Double.infinity
            for c in candidates[i].indices {
                let value = cost(i, c)
                if value < bestCost { best = c; bestCost = value }
            }
            state[i] = best
            placedSet[i] = true
        }

        // Simulated annealing: move one label at a time; worse moves are taken less often as
        // the temperature falls. The seed is fixed, so the result is the same on every build.
        var rng = SplitMix64(seed: seed)
        var total = (0..<n).reduce(0.0) { sum, i in
            sum + candidates[i][state[i]].cost + (0..<i).reduce(0.0) { $0 + pair(candidates[i][state[i]].placed, candidates[$1][state[$1]].placed) }
        }
        var best = state, bestTotal = total
        let steps = max(6000, 600 * n)
        let (t0, t1) = (30.0, 0.05)
        for step in 0..<steps {
            let temperature = t0 * pow(t1 / t0, Double(step) / Double(steps))
            let i = Int(rng.next() % UInt64(n))
            let c = Int(rng.next() % UInt64(candidates[i].count))
            guard c != state[i] else { continue }
            let delta = cost(i, c) - cost(i, state[i])
            if delta <= 0 || rng.unit() < exp(-delta / temperature) {
                state[i] = c
                total += delta
                if total < bestTotal - 1e-9 { best = state; bestTotal = total }
            }
        }

        // Whatever still collides is left out (required labels last), so the drawing never
        // shows two texts on top of each other.
        var result = best.enumerated().map { candidates[$0][$1].placed }
        let dropOrder = (0..<n).sorted { a, b in
            requests[a].required != requests[b].required ? !requests[a].required : a > b
        }
        for i in dropOrder where result[i] != nil {
            let conflict = (0..<n).contains { j in j != i && result[j] != nil && pair(result[i], result[j]) >= overlapCost }
            if conflict { result[i] = nil }
        }
        return result
    }

    /// Positions around the point (no leader), then positions further out with a leader;
    /// each as one line and, for long names, as two. Positions that leave the frame or cover
    /// any point are never candidates.
    static func candidatesFor(_ request: Request, index: Int, requests: [Request], obstacles: [Box], frame: Box, font: Double) -> [Candidate] {
        let lineHeight = (font * 1.15).rounded(toPlaces: 1)
        var variants = [[request.text]]
        if let split = twoLines(request.text), TextWidth.width(request.text, fontSize: font) > 80 { variants.append(split) }
        var result: [Candidate] = [Candidate(placed: nil, cost: request.required ? droppedRequired : droppedOptional)]
        let inner = frame.insetBy(2)
        let r = request.radius
        for (v, lines) in variants.enumerated() {
            let width = (lines.map { TextWidth.width($0, fontSize: font) }.max() ?? 0) * widthMargin + 2
            let height = Double(lines.count - 1) * lineHeight + (TextBox.ascent + TextBox.descent) * font
            let extra = Double(v) * 0.8
            func add(_ box: Box, anchor: SVG.Anchor, cost: Double, leader: (Double, Double, Double, Double)?) {
                guard inner.contains(box), !obstacles.contains(where: { $0.intersects(box) }) else { return }
                if let l = leader {
                    // A leader must not run through another point.
                    let others = obstacles.filter { !$0.contains(request.x, request.y) }
                    if others.contains(where: { $0.crosses(l.0, l.1, l.2, l.3) }) { return }
                }
                let textX = anchor == .start ? box.x0 + 1 : anchor == .end ? box.x1 - 1 : (box.x0 + box.x1) / 2
                let placed = Placed(lines: lines, anchor: anchor, textX: textX, baseline: box.y0 + TextBox.ascent * font,
                                    lineHeight: lineHeight, box: box, leader: leader.map { ($0.0, $0.1, $0.2, $0.3) })
                result.append(Candidate(placed: placed, cost: cost + extra))
            }
            // Beside the point: east first (where readers look), then west, the diagonals, north and south.
            let g = r + 3, d = (r + 2) * 0.75
            let (x, y) = (request.x, request.y)
            add(Box(x0: x + g, y0: y - height / 2, x1: x + g + width, y1: y + height / 2), anchor: .start, cost: 0, leader: nil)
            add(Box(x0: x - g - width, y0: y - height / 2, x1: x - g, y1: y + height / 2), anchor: .end, cost: 0.2, leader: nil)
            add(Box(x0: x + d, y0: y - d - height, x1: x + d + width, y1: y - d), anchor: .start, cost: 0.3, leader: nil)
            add(Box(x0: x + d, y0: y + d, x1: x + d + width, y1: y + d + height), anchor: .start, cost: 0.35, leader: nil)
            add(Box(x0: x - d - width, y0: y - d - height, x1: x - d, y1: y - d), anchor: .end, cost: 0.45, leader: nil)
            add(Box(x0: x - d - width, y0: y + d, x1: x - d, y1: y + d + height), anchor: .end, cost: 0.5, leader: nil)
            add(Box(x0: x - width / 2, y0: y - g - height, x1: x + width / 2, y1: y - g), anchor: .middle, cost: 0.6, leader: nil)
            add(Box(x0: x - width / 2, y0: y + g, x1: x + width / 2, y1: y + g + height), anchor: .middle, cost: 0.7, leader: nil)
            // Further out, with a leader from the point's edge to the label.
            for distance in [14.0, 22, 32, 44, 58, 74, 92, 112, 135] {
                for k in 0..<24 {
                    let angle = Double(k) * .pi / 12
                    let (c, s) = (cos(angle), sin(angle))
                    let px = x + (r + distance) * c, py = y + (r + distance) * s
                    let box: Box, anchor: SVG.Anchor
                    if c > 0.35 {
                        box = Box(x0: px, y0: py - height / 2, x1: px + width, y1: py + height / 2); anchor = .start
                    } else if c < -0.35 {
                        box = Box(x0: px - width, y0: py - height / 2, x1: px, y1: py + height / 2); anchor = .end
                    } else if s < 0 {
                        box = Box(x0: px - width / 2, y0: py - height, x1: px + width / 2, y1: py); anchor = .middle
                    } else {
                        box = Box(x0: px - width / 2, y0: py, x1: px + width / 2, y1: py + height); anchor = .middle
                    }
                    let leader = (x + (r + 1) * c, y + (r + 1) * s, px - 2 * c, py - 2 * s)
                    add(box, anchor: anchor, cost: 1 + distance / 12, leader: leader)
                }
            }
        }
        return result
    }

    /// A long name in two lines, broken at the space (or else the hyphen) nearest its middle.
    static func twoLines(_ text: String) -> [String]? {
        let characters = Array(text)
        let middle = Double(characters.count) / 2
        var best: Int?
        for separator in [" ", "-"] as [Character] {
            for (i, c) in characters.enumerated() where c == separator && i > 0 && i < characters.count - 1 {
                if best == nil || abs(Double(i) - middle) < abs(Double(best!) - middle) { best = i }
            }
            if best != nil { break }
        }
        guard let split = best else { return nil }
        let keep = characters[split] == "-"  // a hyphen stays at the end of the first line
        let first = String(characters[..<(keep ? split + 1 : split)])
        let second = String(characters[(split + 1)...])
        return [first, second]
    }

    static func segmentsCross(_ a: (x1: Double, y1: Double, x2: Double, y2: Double),
                              _ b: (x1: Double, y1: Double, x2: Double, y2: Double)) -> Bool {
        func orient(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Double {
            (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        }
        let d1 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1), d2 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2)
        let d3 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1), d4 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
