/// A reader for the plain YAML that front matter nearly always is, giving the tree that
/// `Yams.compose(yaml:, .basic)` gives, for a fraction of its cost (composing every front matter
/// of a 100k site with Yams took a tenth of the build). It reads only:
///
/// - a top-level block mapping whose keys are plain words (`key_points`) at column 1;
/// - values on the key's line: a double-quoted string (escapes `\"` and `\\`), a single-quoted
///   one, a one-line plain scalar, or a one-line flow sequence of such scalars (`[]`, `["a", b]`);
/// - a block sequence below a key (`  - item`, or `- item` at column 1) whose items are one-line
///   scalars or one-line-per-key mappings of scalars (`- title: "…"` / `  url: "…"`);
/// - blank lines between entries.
///
/// Anything else (comments, tabs, anchors, tags, multi-line scalars, deeper nesting, odd
/// indentation, duplicate keys, characters YAML forbids or reads as line breaks) returns nil,
/// and the caller asks Yams, which also words the errors. Tests compare both readers on the
/// sample site, the benchmark corpus and generated tricky front matter.
enum SimpleYAML {
    /// The composed tree, or nil when the text is not in the subset above (or is empty).
    static func compose(_ yaml: String) -> YAMLNode? {
        var yaml = yaml
        return yaml.withUTF8 { bytes -> YAMLNode? in
            guard bytes.count > 0, allowed(bytes) else { return nil }
            var reader = Reader(bytes: bytes)
            return reader.document()
        }
    }

    /// No byte YAML forbids or reads specially anywhere: controls (tab and CR too), DEL, C1
    /// controls, NEL, U+2028/9 (line breaks to libyaml), U+FEFF, U+FFFE/F; and nothing beyond
    /// U+FFFF (emoji), which Yams may read differently.
    private static func allowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x0A { return false }
            } else if b == 0x7F || b >= 0xF0 {
                return false
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] < 0xA0 {
                return false  // U+0080–U+009F (NEL among them)
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                return false
            } else if b == 0xEF, i + 2 < n,
                      (bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF) || (bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE) {
                return false
            }
            i += 1
        }
        return true
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Start offset of each line (and one past the end).
        var lineStarts: [Int] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            lineStarts.reserveCapacity(32)
            lineStarts.append(0)
            for i in 0..<bytes.count where bytes[i] == 0x0A { lineStarts.append(i + 1) }
            if lineStarts.last! <= bytes.count { lineStarts.append(bytes.count + 1) }
        }

        var lineCount: Int { lineStarts.count - 1 }
        func start(_ line: Int) -> Int { lineStarts[line] }
        /// End of a line's content (its newline, or the end of the text).
        func end(_ line: Int) -> Int { lineStarts[line + 1] - 1 }

        func isBlank(_ line: Int) -> Bool {
            var p = start(line)
            while p < end(line) { if bytes[p] != 0x20 { return false }; p += 1 }
            return true
        }

        func indent(_ line: Int) -> Int {
            var p = start(line)
            while p < end(line) && bytes[p] == 0x20 { p += 1 }
            return p - start(line)
        }

        /// Line and column (in scalars) of a byte offset on a line.
        func mark(_ line: Int, _ offset: Int) -> YAMLMark {
            var column = 1
            var p = start(line)
            while p < offset {
                if bytes[p] & 0xC0 != 0x80 { column += 1 }
                p += 1
            }
            return YAMLMark(line: line + 1, column: column)
        }

        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }

        static func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
        }

        /// A plain key followed by `:` and then a space or the line's end: the offset after the colon.
        func key(at p: Int, line: Int) -> Int? {
            let e = end(line)
            guard p < e, Self.isWordByte(bytes[p]), bytes[p] != 0x2D else { return nil }
            var q = p
            while q < e && Self.isWordByte(bytes[q]) { q += 1 }
            guard q < e, bytes[q] == 0x3A else { return nil }
            guard q + 1 == e || bytes[q + 1] == 0x20 else { return nil }
            return q + 1
        }

        mutating func document() -> YAMLNode? {
            var pairs: [YAMLNode.Pair] = []
            var keys = Set<String>()
            var rootMark: YAMLMark?
            var line = 0
            while line < lineCount {
                if isBlank(line) { line += 1; continue }
                let s = start(line)
                guard let colon = key(at: s, line: line) else { return nil }
                let name = text(s, colon - 1)
                guard keys.insert(name).inserted else { return nil }  // Yams reports duplicates
                let keyMark = mark(line, s)
                if rootMark == nil { rootMark = keyMark }
                let keyNode = YAMLNode.scalar(.init(string: name, style: .plain, mark: keyMark))
                var p = colon
                while p < end(line) && bytes[p] == 0x20 { p += 1 }
                let value: YAMLNode
                if p == end(line) {
                    // Nothing on the key's line: a block sequence must follow.
                    line += 1
                    guard line < lineCount, !isBlank(line), let (sequence, next) = blockSequence(from: line) else { return nil }
                    value = sequence
                    line = next
                } else {
                    guard let (node, after) = inlineValue(at: p, line: line, flow: true), restIsBlank(after, line: line) else { return nil }
                    value = node
                    line += 1
                }
                // An indented line here would continue a plain scalar or nest deeper: not ours.
                if line < lineCount, !isBlank(line), bytes[start(line)] == 0x20 { return nil }
                pairs.append(.init(key: keyNode, value: value))
            }
            guard let rootMark else { return nil }  // an empty document: Yams says what it is
            return .mapping(pairs, mark: rootMark)
        }

        func restIsBlank(_ p: Int, line: Int) -> Bool {
            var q = p
            while q < end(line) { if bytes[q] != 0x20 { return false }; q += 1 }
            return true
        }

        /// Items `- …` at one indentation, from `first` on; returns the sequence and the line after it.
        func blockSequence(from first: Int) -> (YAMLNode, Int)? {
            let n = indent(first)
            var items: [YAMLNode] = []
            var line = first
            let sequenceMark = mark(first, start(first) + n)
            while line < lineCount, !isBlank(line) {
                let s = start(line), e = end(line)
                let i = indent(line)
                if i < n || (i == n && bytes[s + i] != 0x2D) {
                    guard n == 0 || i == 0 else { return nil }  // back to a top-level key, or odd
                    break
                }
                guard i == n, s + n + 1 < e, bytes[s + n] == 0x2D, bytes[s + n + 1] == 0x20 else { return nil }
                var p = s + n + 2
                while p < e && bytes[p] == 0x20 { p += 1 }
                guard p < e else { return nil }
                if key(at: p, line: line) != nil {
                    guard let (mapping, next) = itemMapping(at: p, line: line, sequenceIndent: n) else { return nil }
                    items.append(mapping)
                    line = next
                } else {
                    guard let (node, after) = inlineValue(at: p, line: line, flow: false), restIsBlank(after, line: line) else { return nil }
                    items.append(node)
                    line += 1
                    if line < lineCount, !isBlank(line), indent(line) > n { return nil }  // a continued scalar
                }
            }
            guard !items.isEmpty else { return nil }  // `key:` alone is null: Yams says so
            return (.sequence(items, mark: sequenceMark), line)
        }

        /// `- key: value` and the item's further `key: value` lines at that key's column.
        func itemMapping(at p0: Int, line first: Int, sequenceIndent: Int) -> (YAMLNode, Int)? {
            let column = p0 - start(first)
            var pairs: [YAMLNode.Pair] = []
            var keys = Set<String>()
            var line = first
            var p = p0
            let mappingMark = mark(first, p0)
            while true {
                guard let colon = key(at: p, line: line) else { return nil }
                let name = text(p, colon - 1)
                guard keys.insert(name).inserted else { return nil }
                var q = colon
                while q < end(line) && bytes[q] == 0x20 { q += 1 }
                guard q < end(line), let (value, after) = inlineValue(at: q, line: line, flow: false),
                      restIsBlank(after, line: line) else { return nil }
                pairs.append(.init(key: .scalar(.init(string: name, style: .plain, mark: mark(line, p))), value: value))
                line += 1
                guard line < lineCount, !isBlank(line) else { break }
                let i = indent(line)
                if i == column {
                    p = start(line) + i
                    continue
                }
                if i <= sequenceIndent { break }  // the next item, or back to the top
                return nil
            }
            return (.mapping(pairs, mark: mappingMark), line)
        }

        /// A scalar, or (where `flow`) a one-line flow sequence of scalars, starting at `p`.
        func inlineValue(at p: Int, line: Int, flow: Bool) -> (YAMLNode, Int)? {
            let b = bytes[p]
            if b == 0x5B {  // [
                guard flow else { return nil }
                return flowSequence(at: p, line: line)
            }
            return scalar(at: p, line: line, inFlow: false)
        }

        func flowSequence(at p0: Int, line: Int) -> (YAMLNode, Int)? {
            let e = end(line)
            var items: [YAMLNode] = []
            var p = p0 + 1
            func skipSpaces() { while p < e && bytes[p] == 0x20 { p += 1 } }
            skipSpaces()
            if p < e && bytes[p] == 0x5D { return (.sequence([], mark: mark(line, p0)), p + 1) }
            while true {
                skipSpaces()
                guard p < e, let (item, after) = scalar(at: p, line: line, inFlow: true) else { return nil }
                items.append(item)
                p = after
                skipSpaces()
                guard p < e else { return nil }
                if bytes[p] == 0x2C {  // ,
                    p += 1
                    skipSpaces()
                    guard p < e, bytes[p] != 0x5D else { return nil }  // a trailing comma: leave it to Yams
                    continue
                }
                guard bytes[p] == 0x5D else { return nil }
                return (.sequence(items, mark: mark(line, p0)), p + 1)
            }
        }

        /// A quoted or plain scalar on one line; returns it and the offset after it.
        func scalar(at p: Int, line: Int, inFlow: Bool) -> (YAMLNode, Int)? {
            let e = end(line)
            let b = bytes[p]
            let at = mark(line, p)
            if b == 0x22 {  // "
                var out: [UInt8] = []
                var q = p + 1
                var run = q
                while q < e {
                    let c = bytes[q]
                    if c == 0x22 {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<q]))
                        let string = String(decoding: out, as: UTF8.self)
                        return (.scalar(.init(string: string, style: .doubleQuoted, mark: at)), q + 1)
                    }
                    if c == 0x5C {  // backslash: only \" and \\ here
                        guard q + 1 < e else { return nil }
                        let escaped = bytes[q + 1]
                        guard escaped == 0x22 || escaped == 0x5C else { return nil }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<q]))
                        out.append(escaped)
                        q += 2
                        run = q
                        continue
                    }
                    q += 1
                }
                return nil  // continues on the next line
            }
            if b == 0x27 {  // '
                var out: [UInt8] = []
                var q = p + 1
                var run = q
                while q < e {
                    if bytes[q] == 0x27 {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<q]))
                        if q + 1 < e && bytes[q + 1] == 0x27 {
                            out.append(0x27)
                            q += 2
                            run = q
                            continue
                        }
                        return (.scalar(.init(string: String(decoding: out, as: UTF8.self), style: .singleQuoted, mark: at)), q + 1)
                    }
                    q += 1
                }
                return nil
            }
            // Plain: no indicator first (`-`, `?` and `:` too, though YAML allows some of them),
            // and none of `: `, ` #` or a final `:` inside; in a flow sequence it ends at `,` or `]`.
            switch b {
            case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x25, 0x40, 0x60, 0x20:
                return nil
            default:
                break
            }
            var q = p
            var last = p  // one past the last non-space byte
            while q < e {
                let c = bytes[q]
                if inFlow && (c == 0x2C || c == 0x5D) { break }
                if inFlow && (c == 0x5B || c == 0x7B || c == 0x7D || c == 0x3A) { return nil }
                if c == 0x3A && (q + 1 == e || bytes[q + 1] == 0x20 || (inFlow && (bytes[q + 1] == 0x2C || bytes[q + 1] == 0x5D))) { return nil }
                if c == 0x23 && bytes[q - 1] == 0x20 { return nil }
                q += 1
                if c != 0x20 { last = q }
            }
            return (.scalar(.init(string: text(p, last), style: .plain, mark: at)), last)
        }
    }
}
