import DossierModel

/// A template as a tree, after standalone lines are removed and block content is dedented.
/// The compiler turns it into flat instructions.
indirect enum Node {
    case text([UInt8])
    /// Where a source line starts: a partial or block rendered with indentation writes it here.
    case lineStart
    case variable(NameSpec, escaped: Bool, TagSite)
    case section(NameSpec, inverted: Bool, [Node], TagSite)
    case partial(String, indent: [UInt8], TagSite)
    case dynamicPartial(NameSpec, indent: [UInt8], TagSite)
    case parent(String, indent: [UInt8], overrides: [Override], TagSite)
    /// `indent`: added to the block's lines when its tag stood alone on its line (nil otherwise).
    case block(String, indent: [UInt8]?, [Node], TagSite)
    case component(String, [Node], TagSite, bodyLine: Int)

    struct Override {
        var name: String
        var body: [Node]
        var site: TagSite
    }
}

/// Where a tag is, and how it was written (for messages).
struct TagSite {
    var line: Int
    var column: Int
    var source: String
}

/// A name as a tag writes it: `.` or dotted segments.
struct NameSpec {
    var text: String
    /// Empty for the implicit iterator `.`.
    var segments: [String]

    init?(_ text: String) {
        self.text = text
        if text == "." {
            segments = []
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        segments = parts
    }
}

/// Reads one template's source into a `Node` tree, reporting every syntax error it finds.
struct Parser {
    struct Token {
        enum Kind: Equatable {
            case text, variable, unescaped, section, inverted, close, comment
            case partial, dynamicPartial, parent, block, delimiters, component
        }

        var kind: Kind
        var start: Int
        var end: Int
        /// The tag's name (trimmed content after the sigil).
        var name = ""
        var line = 0
        var column = 0
        /// Open ↔ close, set by `match`.
        var partner = -1
        /// Where this token's line (its group of tokens up to a newline) starts and ends.
        var lineStart = 0
        var lineEnd = 0
        /// Set on every token of a line removed as standalone.
        var onStandaloneLine = false
        /// Text: removed with its standalone line.
        var dropped = false
        /// Text: bytes before this offset are removed (a block pair keeps only its newline).
        var keepFrom = -1
        /// Partial, parent, block: the whitespace before the tag on its standalone line.
        var indent: [UInt8] = []
        /// Block, component: its opening tag stood alone on its line, so its content is dedented.
        var standalone = false
        /// First token of a line that keeps its text: the indentation marker goes before it.
        var marksLine = false
    }

    let bytes: [UInt8]
    let path: String
    let options: CompileOptions
    var diagnostics: [Diagnostic] = []
    private var tokens: [Token] = []
    private let lineStarts: [Int]

    init(text: String, path: String, options: CompileOptions) {
        self.bytes = Array(text.utf8)
        self.path = path
        self.options = options
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// The tree, or nil when the template has syntax errors (all of them are in `diagnostics`).
    mutating func parse() -> [Node]? {
        tokenize()
        match()
        markStandaloneLines()
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        return build(0..<tokens.count, dedent: 0)
    }

    // MARK: Positions

    func position(_ offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var i = lineStarts[low]
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }  // count code points, not bytes
            i += 1
        }
        return (low + 1, column)
    }

    private mutating func error(at offset: Int, _ message: String) {
        let (line, column) = position(offset)
        diagnostics.append(.error(path, line: line, column: column, message))
    }

    private func source(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    // MARK: Tokens

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Text between tags, split after each newline so that lines can be judged one by one.
    private mutating func addText(_ start: Int, _ end: Int) {
        var s = start
        var i = start
        while i < end {
            if bytes[i] == 0x0A {
                tokens.append(Token(kind: .text, start: s, end: i + 1))
                s = i + 1
            }
            i += 1
        }
        if s < end { tokens.append(Token(kind: .text, start: s, end: end)) }
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var a = range.lowerBound
        var b = range.upperBound
        while a < b && Self.isSpace(bytes[a]) { a += 1 }
        while b > a && Self.isSpace(bytes[b - 1]) { b -= 1 }
        return a..<b
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The start of an unfinished tag, up to the end of its line (at most 30 bytes).
    private func excerpt(from start: Int) -> String {
        var end = start
        while end < bytes.count && end - start < 30 && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self) + (end < bytes.count && end - start == 30 ? "…" : "")
    }

    private mutating func tokenize() {
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var pos = 0
        while pos < bytes.count {
            guard let tagStart = find(open, from: pos) else {
                addText(pos, bytes.count)
                break
            }
            addText(pos, tagStart)
            let contentStart = tagStart + open.count
            var token = Token(kind: .variable, start: tagStart, end: tagStart)
            var content: Range<Int>
            if contentStart < bytes.count && bytes[contentStart] == UInt8(ascii: "{") {
                let closer = [UInt8(ascii: "}")] + close
                guard let end = find(closer, from: contentStart + 1) else {
                    error(at: tagStart, "unfinished tag: '\(excerpt(from: tagStart))' has no closing '\(String(decoding: closer, as: UTF8.self))'")
                    return
                }
                token.kind = .unescaped
                token.end = end + closer.count
                content = trimmed(contentStart + 1..<end)
            } else {
                guard let end = find(close, from: contentStart) else {
                    error(at: tagStart, "unfinished tag: '\(excerpt(from: tagStart))' has no closing '\(String(decoding: close, as: UTF8.self))'")
                    return
                }
                token.end = end + close.count
                content = trimmed(contentStart..<end)
                if let sigil = content.first.map({ bytes[$0] }) {
                    let kind: Token.Kind? = switch sigil {
                    case UInt8(ascii: "#"): .section
                    case UInt8(ascii: "^"): .inverted
                    case UInt8(ascii: "/"): .close
                    case UInt8(ascii: "!"): .comment
                    case UInt8(ascii: ">"): .partial
                    case UInt8(ascii: "<"): .parent
                    case UInt8(ascii: "$"): .block
                    case UInt8(ascii: "="): .delimiters
                    case UInt8(ascii: "&"): .unescaped
                    case UInt8(ascii: "@"): .component
                    default: nil
                    }
                    if let kind {
                        token.kind = kind
                        content = trimmed(content.lowerBound + 1..<content.upperBound)
                    }
                }
            }
            (token.line, token.column) = position(tagStart)
            pos = token.end

            switch token.kind {
            case .comment:
                break
            case .delimiters:
                // `{{=<% %>=}}`: the content (after the first '=') must end with '='.
                guard content.upperBound > content.lowerBound, bytes[content.upperBound - 1] == UInt8(ascii: "=") else {
                    error(at: tagStart, "invalid set-delimiter tag '\(source(token))': it must end with '=', as in {{=<% %>=}}")
                    continue
                }
                let inner = trimmed(content.lowerBound..<content.upperBound - 1)
                let parts = bytes[inner].split(whereSeparator: Self.isSpace).map(Array.init)
                guard parts.count == 2 else {
                    error(at: tagStart, "invalid set-delimiter tag '\(source(token))': expected two delimiters separated by a space, as in {{=<% %>=}}")
                    continue
                }
                open = parts[0]
                close = parts[1]
            case .partial where content.first.map({ bytes[$0] }) == UInt8(ascii: "*"):
                token.kind = .dynamicPartial
                token.name = string(trimmed(content.lowerBound + 1..<content.upperBound))
                if NameSpec(token.name) == nil {
                    error(at: tagStart, "invalid name '\(token.name)' in '\(source(token))'")
                }
            default:
                token.name = string(content)
                if token.name.isEmpty {
                    error(at: tagStart, "tag '\(source(token))' has no name")
                } else if token.name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                    error(at: tagStart, "invalid name '\(token.name)' in '\(source(token))': a name has no spaces")
                } else if [.variable, .unescaped, .section, .inverted].contains(token.kind), NameSpec(token.name) == nil {
                    error(at: tagStart, "invalid name '\(token.name)' in '\(source(token))'")
                }
            }
            tokens.append(token)
        }
    }

    // MARK: Structure

    private static func noun(_ kind: Token.Kind) -> String {
        switch kind {
        case .section: return "section"
        case .inverted: return "inverted section"
        case .parent: return "parent"
        case .block: return "block"
        case .component: return "component"
        default: return "tag"
        }
    }

    /// Pairs each opening tag with its closing tag; checks what may stand directly inside a parent.
    private mutating func match() {
        var stack: [Int] = []
        for i in tokens.indices {
            let token = tokens[i]
            if let top = stack.last, tokens[top].kind == .parent, token.kind != .close {
                checkInsideParent(i, parent: top)
            }
            switch token.kind {
            case .section, .inverted, .parent, .block, .component:
                stack.append(i)
            case .close:
                guard let top = stack.last else {
                    error(at: token.start, "closing tag '\(source(token))' has no open section")
                    continue
                }
                if tokens[top].name == token.name {
                    tokens[top].partner = i
                    tokens[i].partner = top
                    stack.removeLast()
                    continue
                }
                let opened = tokens[top]
                error(at: token.start, "closing tag '\(source(token))' does not match \(Self.noun(opened.kind)) '\(opened.name)' opened at line \(opened.line)")
                // Recover: close up to a matching open tag if there is one; else the tag is taken
                // as a misspelt close of the innermost section, so that one typo is one error.
                let k = stack.lastIndex(where: { tokens[$0].name == token.name }) ?? stack.count - 1
                tokens[stack[k]].partner = i
                tokens[i].partner = stack[k]
                stack.removeSubrange(k...)
            default:
                break
            }
        }
        for open in stack {
            let token = tokens[open]
            error(at: token.start, "\(Self.noun(token.kind)) '\(token.name)' opened at line \(token.line) is never closed")
        }
    }

    /// Directly inside `{{<parent}}…{{/parent}}` only block overrides, comments, delimiter
    /// changes and whitespace belong; the spec ignores anything else, the strict mode reports it.
    private mutating func checkInsideParent(_ i: Int, parent: Int) {
        guard options.contentInsideParentIsError else { return }
        let token = tokens[i]
        switch token.kind {
        case .block, .comment, .delimiters:
            return
        case .text:
            let text = bytes[token.start..<token.end]
            guard let first = text.firstIndex(where: { !Self.isSpace($0) }) else { return }
            let shown = String(decoding: text[first...].prefix(while: { $0 != 0x0A }), as: UTF8.self)
                .trimmingCharactersInBlank()
            error(at: first, "text '\(shown)' inside parent '\(tokens[parent].name)' would be ignored: only {{$block}} overrides belong there")
        default:
            error(at: token.start, "'\(source(token))' inside parent '\(tokens[parent].name)' would be ignored: only {{$block}} overrides belong there")
        }
    }

    // MARK: Standalone lines

    private static let standaloneKinds: Set<Token.Kind> = [
        .section, .inverted, .close, .comment, .partial, .dynamicPartial, .parent, .block, .delimiters, .component,
    ]

    /// Whitespace only (spaces, tabs), optionally ending in a newline.
    private func isBlankText(_ token: Token) -> Bool {
        var end = token.end
        if end > token.start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > token.start && bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[token.start..<end].allSatisfy(Self.isBlank)
    }

    /// A text token that is only a newline once `dedent` blanks are removed: no indentation for it.
    private func isEmptyLine(_ token: Token, dedent: Int) -> Bool {
        guard token.kind == .text, endsLine(token) else { return false }
        var i = token.start
        var removed = 0
        while removed < dedent && i < token.end && Self.isBlank(bytes[i]) {
            i += 1
            removed += 1
        }
        return token.end - i == 1 || (token.end - i == 2 && bytes[i] == 0x0D)
    }

    private func endsLine(_ token: Token) -> Bool {
        token.kind == .text && token.end > token.start && bytes[token.end - 1] == 0x0A
    }

    private func closes(_ close: Int, _ kind: Token.Kind) -> Bool {
        tokens[close].kind == .close && tokens[close].partner >= 0 && tokens[tokens[close].partner].kind == kind
    }

    /// A line holding only whitespace and one tag that renders nothing where it stands (a section
    /// tag, a comment, a partial, …) is removed with its newline; a partial's whitespace becomes
    /// the indentation of its lines. Inheritance adds pairs on one line: `{{<p}}{{/p}}`,
    /// `{{<p}}{{$b}}`, `{{/b}}{{/p}}` (removed) and `{{$b}}{{/b}}` (keeps its newline).
    private mutating func markStandaloneLines() {
        var first = 0
        while first < tokens.count {
            var last = first
            while last < tokens.count - 1 && !endsLine(tokens[last]) { last += 1 }
            let line = first...last
            for i in line {
                tokens[i].lineStart = tokens[first].start
                tokens[i].lineEnd = tokens[last].end
            }
            judgeLine(line)
            first = last + 1
        }
    }

    private mutating func judgeLine(_ line: ClosedRange<Int>) {
        let tags = line.filter { tokens[$0].kind != .text }
        let blank = line.allSatisfy { tokens[$0].kind != .text || isBlankText(tokens[$0]) }
        let leading: [UInt8] =
            tokens[line.lowerBound].kind == .text && !endsLine(tokens[line.lowerBound])
            ? Array(bytes[tokens[line.lowerBound].start..<tokens[line.lowerBound].end]) : []

        enum Pattern { case single, parentPair, blockPair, parentBlock, closePair }
        var pattern: Pattern?
        if blank {
            if tags.count == 1, Self.standaloneKinds.contains(tokens[tags[0]].kind) {
                pattern = .single
            } else if tags.count == 2 {
                let (a, b) = (tags[0], tags[1])
                switch (tokens[a].kind, tokens[b].kind) {
                case (.parent, .close) where tokens[a].partner == b: pattern = .parentPair
                case (.block, .close) where tokens[a].partner == b: pattern = .blockPair
                case (.parent, .block): pattern = .parentBlock
                case (.close, .close) where closes(a, .block) && closes(b, .parent): pattern = .closePair
                default: break
                }
            }
        }

        guard let pattern else {
            if !isEmptyLine(tokens[line.lowerBound], dedent: 0) { tokens[line.lowerBound].marksLine = true }
            return
        }

        for i in line where tokens[i].kind == .text { tokens[i].dropped = true }
        if pattern == .blockPair {
            // The block's whitespace becomes its indentation; its newline stays.
            let tail = line.upperBound
            if tokens[tail].kind == .text && endsLine(tokens[tail]) {
                tokens[tail].dropped = false
                var from = tokens[tail].end - 1
                if from > tokens[tail].start && bytes[from - 1] == 0x0D { from -= 1 }
                tokens[tail].keepFrom = from
            }
            tokens[tags[0]].standalone = true
            tokens[tags[0]].indent = leading
            return
        }
        for i in line { tokens[i].onStandaloneLine = true }
        let tag = tags[0]
        switch (pattern, tokens[tag].kind) {
        case (.single, .partial), (.single, .dynamicPartial), (.single, .parent), (.parentPair, _):
            tokens[tag].indent = leading
        case (.single, .block), (.single, .component):
            tokens[tag].standalone = true
            tokens[tag].indent = leading
        case (.parentBlock, _):
            tokens[tag].indent = leading
            tokens[tags[1]].standalone = true
        default:
            break
        }
    }

    // MARK: Tree

    /// The common leading whitespace of the non-blank lines of a standalone block's content.
    private func contentIndent(of open: Int) -> [UInt8] {
        let close = tokens[open].partner
        let start = tokens[open].lineEnd
        let end = tokens[close].onStandaloneLine ? tokens[close].lineStart : tokens[close].start
        guard start < end else { return [] }
        var common: [UInt8]?
        var i = start
        while i < end {
            var j = i
            while j < end && Self.isBlank(bytes[j]) { j += 1 }
            let lineEnd = bytes[j..<end].firstIndex(of: 0x0A) ?? end
            let nonBlank = bytes[j..<lineEnd].contains { $0 != 0x0D }
            if nonBlank {
                let indent = bytes[i..<j]
                if let c = common {
                    common = Array(zip(c, indent).prefix(while: { $0 == $1 }).map(\.0))
                } else {
                    common = Array(indent)
                }
            }
            i = lineEnd + 1
        }
        return common ?? []
    }

    private func site(_ token: Token) -> TagSite {
        TagSite(line: token.line, column: token.column, source: source(token))
    }

    /// `dedent`: bytes of leading whitespace removed from each line (the content of enclosing
    /// standalone blocks is moved left by its common indentation, then indented where it lands).
    private func build(_ range: Range<Int>, dedent: Int) -> [Node] {
        var nodes: [Node] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let token = tokens[i]
            if token.marksLine && !isEmptyLine(token, dedent: dedent) { nodes.append(.lineStart) }
            switch token.kind {
            case .text:
                guard !token.dropped else { break }
                var start = token.keepFrom >= 0 ? token.keepFrom : token.start
                if token.start == token.lineStart {
                    var removed = 0
                    while removed < dedent && start < token.end && Self.isBlank(bytes[start]) {
                        start += 1
                        removed += 1
                    }
                }
                if start < token.end { nodes.append(.text(Array(bytes[start..<token.end]))) }
            case .variable, .unescaped:
                nodes.append(.variable(NameSpec(token.name)!, escaped: token.kind == .variable, site(token)))
            case .section, .inverted:
                let body = body(i, dedent: dedent)
                nodes.append(.section(NameSpec(token.name)!, inverted: token.kind == .inverted, body, site(token)))
                i = token.partner
            case .partial:
                nodes.append(.partial(token.name, indent: Array(token.indent.dropFirst(dedent)), site(token)))
            case .dynamicPartial:
                nodes.append(.dynamicPartial(NameSpec(token.name)!, indent: Array(token.indent.dropFirst(dedent)), site(token)))
            case .parent:
                nodes.append(.parent(
                    token.name, indent: Array(token.indent.dropFirst(dedent)),
                    overrides: overrides(i + 1..<token.partner, dedent: dedent), site(token)))
                i = token.partner
            case .block:
                var inner = dedent
                var indent: [UInt8]?
                if token.standalone {
                    let own = contentIndent(of: i)
                    inner = max(own.count, dedent)
                    let expansion = own.count > dedent ? Array(own.dropFirst(dedent)) : Array(token.indent.dropFirst(dedent))
                    indent = expansion
                }
                nodes.append(.block(token.name, indent: indent.flatMap { $0.isEmpty ? nil : $0 }, body(i, dedent: inner), site(token)))
                i = token.partner
            case .component:
                let inner = token.standalone ? max(contentIndent(of: i).count, dedent) : dedent
                let bodyLine = token.standalone ? token.line + 1 : token.line
                nodes.append(.component(token.name, body(i, dedent: inner), site(token), bodyLine: bodyLine))
                i = token.partner
            case .close, .comment, .delimiters:
                break
            }
            i += 1
        }
        return nodes
    }

    /// The content of the tag at `open` up to its closing tag. A line that starts with the closing
    /// tag starts inside the body, so its indentation goes at the body's end.
    private func body(_ open: Int, dedent: Int) -> [Node] {
        let close = tokens[open].partner
        var nodes = build(open + 1..<close, dedent: dedent)
        if tokens[close].marksLine { nodes.append(.lineStart) }
        return nodes
    }

    /// The `{{$block}}` overrides directly inside a parent tag; anything else there is ignored.
    private func overrides(_ range: Range<Int>, dedent: Int) -> [Node.Override] {
        var result: [Node.Override] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let token = tokens[i]
            switch token.kind {
            case .block:
                let inner = token.standalone ? max(contentIndent(of: i).count, dedent) : dedent
                result.append(Node.Override(name: token.name, body: body(i, dedent: inner), site: site(token)))
                i = token.partner
            case .section, .inverted, .parent, .component:
                i = token.partner
            default:
                break
            }
            i += 1
        }
        return result
    }
}

extension String {
    fileprivate func trimmingCharactersInBlank() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return String(s)
    }
}
