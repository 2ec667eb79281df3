import DossierModel

/// A small SVG writer: every text is escaped, every coordinate printed with one decimal at most
/// and without locale, so the same chart gives the same bytes everywhere.
struct SVG {
    private(set) var body = ""

    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        let sign = r < 0 ? "-" : ""
        let a = abs(r)
        return "\(sign)\(Int(a)).\(Int((a * 10).rounded()) % 10)"
    }

    mutating func raw(_ s: String) { body += s }

    mutating func open(_ tag: String, _ attributes: String = "") {
        body += "<\(tag)\(attributes.isEmpty ? "" : " " + attributes)>"
    }

    mutating func close(_ tag: String) { body += "</\(tag)>" }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, cls: String, title: String? = nil) {
        body += "<rect class=\"\(cls)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\""
        if let title { body += "><title>\(htmlEscape(title))</title></rect>" } else { body += "/>" }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, cls: String) {
        body += "<line class=\"\(cls)\" x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\"/>"
    }

    mutating func circle(cx: Double, cy: Double, r: Double, cls: String, title: String? = nil) {
        body += "<circle class=\"\(cls)\" cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\""
        if let title { body += "><title>\(htmlEscape(title))</title></circle>" } else { body += "/>" }
    }

    mutating func path(_ points: [(Double, Double)], cls: String) {
        guard let first = points.first else { return }
        var d = "M\(Self.n(first.0)) \(Self.n(first.1))"
        for p in points.dropFirst() { d += "L\(Self.n(p.0)) \(Self.n(p.1))" }
        body += "<path class=\"\(cls)\" d=\"\(d)\"/>"
    }

    /// A filled outline from ready path data (several rings; holes by the even-odd rule in CSS).
    mutating func shape(_ d: String, cls: String) {
        body += "<path class=\"\(cls)\" d=\"\(d)\"/>"
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ s: String, x: Double, y: Double, anchor: Anchor = .start, cls: String) {
        body += "<text class=\"\(cls)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        body += ">\(htmlEscape(s))</text>"
    }

    /// One text of several lines (`tspan`s), the first baseline at `y`: a single element, so
    /// that a label's box is one box.
    mutating func block(_ lines: [String], x: Double, y: Double, lineHeight: Double, anchor: Anchor = .start, cls: String) {
        guard lines.count > 1 else { return text(lines.first ?? "", x: x, y: y, anchor: anchor, cls: cls) }
        body += "<text class=\"\(cls)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        body += ">"
        for (i, line) in lines.enumerated() {
            body += "<tspan x=\"\(Self.n(x))\"\(i == 0 ? "" : " dy=\"\(Self.n(lineHeight))\"")>\(htmlEscape(line))</tspan>"
        }
        body += "</text>"
    }

    /// Several lines of text, the first baseline at `y`.
    mutating func lines(_ lines: [String], x: Double, y: Double, lineHeight: Double, anchor: Anchor = .start, cls: String) {
        for (i, line) in lines.enumerated() { text(line, x: x, y: y + Double(i) * lineHeight, anchor: anchor, cls: cls) }
    }
}

/// Breaks `text` into lines no wider than `width`, at most `maxLines` (the last ends in "…").
func wrap(_ text: String, width: Double, fontSize: Double, maxLines: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ").map(String.init) {
        let candidate = current.isEmpty ? word : current + " " + word
        if TextWidth.width(candidate, fontSize: fontSize) <= width || current.isEmpty {
            current = candidate
        } else {
            lines.append(current)
            current = word
        }
    }
    if !current.isEmpty { lines.append(current) }
    if lines.count > maxLines {
        lines = Array(lines.prefix(maxLines))
        lines[maxLines - 1] += "…"
    }
    // A single word wider than the line is shortened.
    return lines.map { line in
        guard TextWidth.width(line, fontSize: fontSize) > width else { return line }
        var l = line.hasSuffix("…") ? String(line.dropLast()) : line
        while l.count > 1 && TextWidth.width(l + "…", fontSize: fontSize) > width { l.removeLast() }
        return l + "…"
    }
}
