import Foundation
import CCmark
import DossierModel

/// A heading of a rendered document, for the table of contents.
public struct Heading: Sendable, Equatable {
    public var level: Int
    /// Plain text (not escaped).
    public var text: String
    public var id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    public var headings: [Heading]
    public var diagnostics: [Diagnostic]
    /// The text a reader sees (headings, prose, list items, code, image descriptions), blocks
    /// separated by newlines; no markup, link targets, raw HTML or chart and table blocks. For
    /// the search index, collected while the tree is walked anyway.
    public var text: String
    /// Words a reader reads: text and inline code, not code blocks, figures or image alt text.
    public var wordCount: Int
    /// Fenced blocks that rendered, by kind (`chart`, `table`).
    public var blocks: [String: Int]
    /// The plain text of the first paragraph, for a page's description.
    public var firstParagraph: String?

    public init(html: String, headings: [Heading] = [], diagnostics: [Diagnostic] = [], text: String = "", wordCount: Int = 0,
                blocks: [String: Int] = [:], firstParagraph: String? = nil) {
        self.html = html
        self.headings = headings
        self.diagnostics = diagnostics
        self.text = text
        self.wordCount = wordCount
        self.blocks = blocks
        self.firstParagraph = firstParagraph
    }
}

/// A link or image destination as written in a document, for the host to check or rewrite.
public struct Reference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case link, image }
    public var kind: Kind
    public var url: String
    /// Where it was written (1-based, in the source file).
    public var line: Int
    public var column: Int

    public init(kind: Kind, url: String, line: Int, column: Int) {
        self.kind = kind
        self.url = url
        self.line = line
        self.column = column
    }
}

public enum ReferenceResolution: Sendable, Equatable {
    /// Leave the destination as written.
    case keep
    /// A new destination (root-relative ones still get `rootPrefix`); for an image, its size in pixels.
    case rewrite(String, width: Int? = nil, height: Int? = nil)
    /// The reference is wrong: the destination stays as written and the build reports this.
    case failed(Diagnostic)
}

/// Decides what becomes of each link and image destination (files beside a briefing).
public typealias ReferenceResolver = @Sendable (Reference) -> ReferenceResolution

/// A fenced code block whose info string names a handler (`chart`, `table`, …).
public struct FencedBlock: Sendable {
    /// The first word of the info string.
    public var kind: String
    public var content: String
    /// Line of the opening fence in the source file (1-based).
    public var line: Int
    public var column: Int

    public init(kind: String, content: String, line: Int, column: Int) {
        self.kind = kind
        self.content = content
        self.line = line
        self.column = column
    }
}

public enum FencedBlockOutput: Sendable {
    /// Our own HTML, emitted verbatim even in safe mode.
    case html(String)
    /// HTML, plus warnings about the block.
    case htmlWithWarnings(String, [Diagnostic])
    /// The block is wrong; it renders as nothing and the build reports the diagnostics.
    case failed([Diagnostic])
}

public struct MarkdownOptions: Sendable {
    /// Curly quotes, dashes and ellipses (applied at parse time).
    public var smartPunctuation = true
    /// Let the author's raw HTML through. Off by default: it is dropped, as are `javascript:` links.
    public var allowRawHTML = false
    /// Prefix for root-relative link and image destinations (`/reports` for a site under a sub-path).
    public var rootPrefix = ""
    /// Ids the page template already uses; headings never take them.
    public var reservedIDs: Set<String> = ["main"]
    /// The page's language: quotation marks follow it („…“ in German).
    public var language = "en"
    /// For a root-relative link (as written, before `rootPrefix`): the language of the page it
    /// leads to and that language's name, when that page exists only in another language. The
    /// link then gets `hreflang` and the name beside it, so a reader knows before following it.
    public var otherLanguage: (@Sendable (String) -> (code: String, name: String)?)?

    public init(smartPunctuation: Bool = true, allowRawHTML: Bool = false, rootPrefix: String = "",
                reservedIDs: Set<String> = ["main"], language: String = "en") {
        self.language = language
        self.smartPunctuation = smartPunctuation
        self.allowRawHTML = allowRawHTML
        self.rootPrefix = rootPrefix
        self.reservedIDs = reservedIDs
    }
}

public typealias FencedBlockHandler = @Sendable (FencedBlock) -> FencedBlockOutput

/// Markdown → HTML with libcmark. The only place that touches cmark: the tree is parsed,
/// rewritten (heading ids, fenced-block hooks, link prefixes), rendered and freed in one call.
public enum Markdown {
    /// - Parameters:
    ///   - source: Markdown without front matter.
    ///   - path: the source file, for diagnostics.
    ///   - lineOffset: lines that precede `source` in the file (the front matter).
    ///   - handlers: fenced-block handlers by info-string word.
    ///   - references: what to do with each link and image destination (nil: keep them all).
    public static func render(
        _ source: String, path: String = "", lineOffset: Int = 0, options: MarkdownOptions = MarkdownOptions(),
        handlers: [String: FencedBlockHandler] = [:], references: ReferenceResolver? = nil
    ) -> RenderedMarkdown {
        var parseOptions = CMARK_OPT_VALIDATE_UTF8
        // libcmark's SMART writes English quotes; other languages get theirs from `Typography`.
        let cmarkSmart = options.smartPunctuation && Typography.cmarkSmartFits(options.language)
        if cmarkSmart { parseOptions |= CMARK_OPT_SMART }
        let renderOptions = options.allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT

        // The tree lives in this thread's arena and goes with it at the end: no node is freed
        // one by one (every node of the tree, and every node added to it, is the arena's).
        let arena = CmarkArena.current
        let mark = arena.mark
        defer { arena.release(to: mark) }
        var utf8 = source
        let maybeDoc = utf8.withUTF8 { buffer -> OpaquePointer? in
            guard let parser = cmark_parser_new_with_mem(parseOptions, CmarkArena.memory) else { return nil }
            defer { cmark_parser_free(parser) }
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            return cmark_parser_finish(parser)
        }
        guard let doc = maybeDoc else {
            return RenderedMarkdown(html: "", headings: [], diagnostics: [.error(path, "could not parse Markdown")])
        }
        if options.smartPunctuation && !cmarkSmart { smarten(doc, quotes: Typography.quotes(for: options.language)) }

        // Collect first, mutate after: replacing nodes while iterating confuses the iterator.
        var headingNodes: [OpaquePointer] = []
        var fencedNodes: [(OpaquePointer, FencedBlock)] = []
        var foreignLinks: [(OpaquePointer, code: String, name: String)] = []
        var text: [UInt8] = []  // UTF-8 as cmark gives it (validated), made a String once
        text.reserveCapacity(source.utf8.count)
        var referenceNodes: [(OpaquePointer, Reference)] = []
        var words = WordCounter()
        var imageDepth = 0
        var firstParagraph: String?
        let iter = cmark_iter_new(doc)
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_IMAGE { imageDepth -= 1 }
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING { words.endWord() }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                let literal = cmark_node_get_literal(node)
                // Alt text is not read as part of the text; it describes an image.
                if imageDepth == 0 { words.feed(literal) }
                append(literal, to: &text)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                words.endWord()
                text.append(UInt8(ascii: " "))
            case CMARK_NODE_PARAGRAPH:
                words.endWord()
                if firstParagraph == nil, cmark_node_parent(node) == doc {
                    let plain = trimmed(plainText(node))
                    if !plain.isEmpty { firstParagraph = plain }
                }
                text.append(UInt8(ascii: "\n"))
            case CMARK_NODE_HEADING:
                words.endWord()
                headingNodes.append(node)
                text.append(UInt8(ascii: "\n"))
            case CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
                text.append(UInt8(ascii: "\n"))
            case CMARK_NODE_CODE_BLOCK:
                let info = string(cmark_node_get_fence_info(node))
                let kind = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                if handlers[kind] != nil {
                    let block = FencedBlock(
                        kind: kind, content: string(cmark_node_get_literal(node)),
                        line: Int(cmark_node_get_start_line(node)) + lineOffset,
                        column: Int(cmark_node_get_start_column(node)))
                    fencedNodes.append((node, block))
                } else {
                    text.append(UInt8(ascii: "\n"))
                    append(cmark_node_get_literal(node), to: &text)
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = string(cmark_node_get_url(node))
                if type == CMARK_NODE_LINK, let otherLanguage = options.otherLanguage, let found = otherLanguage(url) {
                    foreignLinks.append((node, found.code, found.name))
                }
                if type == CMARK_NODE_IMAGE { imageDepth += 1 }
                let reference = Reference(
                    kind: type == CMARK_NODE_IMAGE ? .image : .link, url: url,
                    line: Int(cmark_node_get_start_line(node)) + lineOffset, column: Int(cmark_node_get_start_column(node)))
                referenceNodes.append((node, reference))
            default:
                break
            }
        }
        cmark_iter_free(iter)


        var diagnostics: [Diagnostic] = []
        var blocks: [String: Int] = [:]
        for (node, block) in fencedNodes {
            switch handlers[block.kind]!(block) {
            case .html(let html):
                replace(node, withHTML: html)
                blocks[block.kind, default: 0] += 1
            case .htmlWithWarnings(let html, let found):
                diagnostics += found
                replace(node, withHTML: html)
                blocks[block.kind, default: 0] += 1
            case .failed(let found):
                diagnostics += found
                replace(node, withHTML: "")
            }
        }

        // Links and images: the host may rewrite them (files beside a briefing); root-relative
        // ones get the site's sub-path. Images get their size, and all but the first load lazily.
        var images = 0
        for (node, reference) in referenceNodes {
            var url = reference.url
            var size: (width: Int, height: Int)?
            switch references?(reference) ?? .keep {
            case .keep: break
            case .rewrite(let rewritten, let width, let height):
                url = rewritten
                if let width, let height { size = (width, height) }
            case .failed(let diagnostic):
                diagnostics.append(diagnostic)
            }
            if !options.rootPrefix.isEmpty, url.hasPrefix("/"), !url.hasPrefix("//") { url = options.rootPrefix + url }
            if url != reference.url { _ = cmark_node_set_url(node, url) }
            guard reference.kind == .image else { continue }
            images += 1
            // cmark renders the image alone (escaping and the safe-mode URL filter stay its own),
            // then the attributes go in before its closing ` />`.
            var html = take(cmark_render_html(node, renderOptions))
            var attributes = ""
            if let size { attributes += " width=\"\(size.width)\" height=\"\(size.height)\"" }
            if images > 1 { attributes += " loading=\"lazy\"" }
            attributes += " decoding=\"async\""
            if html.hasSuffix(" />") { html = String(html.dropLast(3)) + attributes + " />" }
            replaceInline(node, withHTML: html)
        }
        // After the rewrites above: the marked link keeps its final address.
        for (node, code, name) in foreignLinks { markLanguage(node, code: code, name: name) }

        var slugger = HeadingSlugger(reserved: options.reservedIDs)
        var headings: [Heading] = []
        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let text = plainText(node)
            let id = slugger.slug(for: text)
            headings.append(Heading(level: level, text: text, id: id))
            // Render the heading alone (still in safe mode) and give it its id.
            var html = take(cmark_render_html(node, renderOptions))
            let open = "<h\(level)>"
            if html.hasPrefix(open) {
                html = "<h\(level) id=\"\(htmlEscape(id))\">" + html.dropFirst(open.count)
            }
            replace(node, withHTML: html)
        }

        let html = take(cmark_render_html(doc, renderOptions))
        words.endWord()
        return RenderedMarkdown(
            html: html, headings: headings, diagnostics: diagnostics, text: String(decoding: text, as: UTF8.self),
            wordCount: words.count, blocks: blocks,
            firstParagraph: firstParagraph)
    }

    /// Swaps an inline `node` for a custom inline whose HTML cmark emits verbatim.
    private static func replaceInline(_ node: OpaquePointer, withHTML html: String) {
        guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, CmarkArena.memory) else { return }
        _ = cmark_node_set_on_enter(custom, html)
        _ = cmark_node_replace(node, custom)
    }

    /// Typographic punctuation in every text node, paragraph by paragraph, so that a quote is
    /// judged by what stands around it across emphasis, links and code spans. Code is left alone.
    private static func smarten(_ doc: OpaquePointer, quotes: Typography.Quotes) {
        var groups: [(characters: [Character], nodes: [(OpaquePointer, Range<Int>)])] = []
        let iter = cmark_iter_new(doc)
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                groups.append(([], []))
            case CMARK_NODE_TEXT where !groups.isEmpty:
                let text = Array(string(cmark_node_get_literal(node)))
                let start = groups[groups.count - 1].characters.count
                groups[groups.count - 1].characters += text
                groups[groups.count - 1].nodes.append((node, start..<start + text.count))
            case CMARK_NODE_CODE where !groups.isEmpty:
                groups[groups.count - 1].characters.append("x")  // a word: quotes around code pair up
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if !groups.isEmpty { groups[groups.count - 1].characters.append(" ") }
            default:
                break
            }
        }
        cmark_iter_free(iter)
        for group in groups where !group.nodes.isEmpty {
            let texts = Typography.smarten(group.characters, segments: group.nodes.map(\.1), quotes: quotes)
            for ((node, _), text) in zip(group.nodes, texts) { _ = cmark_node_set_literal(node, text) }
        }
    }

    /// Rewrites a link as a custom inline (its text stays inside) with `hreflang` and the
    /// language's name after it: `<a href="/x/" hreflang="en">…</a> <span class="lang-note">(Englisch)</span>`.
    private static func markLanguage(_ link: OpaquePointer, code: String, name: String) {
        guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, CmarkArena.memory) else { return }
        let url = string(cmark_node_get_url(link)), title = string(cmark_node_get_title(link))
        var open = "<a href=\"\(htmlEscape(url))\" hreflang=\"\(htmlEscape(code))\""
        if !title.isEmpty { open += " title=\"\(htmlEscape(title))\"" }
        _ = cmark_node_set_on_enter(custom, open + ">")
        _ = cmark_node_set_on_exit(custom, "</a> <span class=\"lang-note\">(\(htmlEscape(name)))</span>")
        while let child = cmark_node_first_child(link) {
            cmark_node_unlink(child)
            _ = cmark_node_append_child(custom, child)
        }
        _ = cmark_node_replace(link, custom)
    }

    /// Swaps `node` for a custom block whose HTML cmark emits verbatim, even in safe mode.
    private static func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, CmarkArena.memory) else { return }
        _ = cmark_node_set_on_enter(custom, html)
        _ = cmark_node_replace(node, custom)
    }

    /// The text of a node's inlines, as a reader sees it.
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iter = cmark_iter_new(node)
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += string(cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        cmark_iter_free(iter)
        return text
    }

    /// A C string's bytes, appended.
    private static func append(_ pointer: UnsafePointer<CChar>?, to bytes: inout [UInt8]) {
        guard let pointer else { return }
        pointer.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(pointer))) }
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, asked only when the text starts or ends
    /// with such a character (Foundation's trimming was a percent of a build).
    static func trimmed(_ text: String) -> String { FastText.trimming(text, .whitespacesAndNewlines) }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Copies a string that cmark allocated (in the arena, which frees it with the tree).
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// Counts words as a reader sees them: runs of characters between spaces that hold at least one
/// letter or digit (a dash alone is no word). Text arrives in pieces (cmark splits it at
/// punctuation), so a word may span several pieces until `endWord`.
struct WordCounter {
    private(set) var count = 0
    private var inWord = false
    private var wordHasLetter = false

    /// Reads cmark's UTF-8 bytes directly: ASCII (most of any text) without Unicode property
    /// lookups, which cost a tenth of a whole build when asked of every character.
    mutating func feed(_ pointer: UnsafePointer<CChar>?) {
        guard var p = pointer.map({ UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }) else { return }
        while p.pointee != 0 {
            let byte = p.pointee
            if byte < 0x80 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    endWord()
                } else {
                    inWord = true
                    if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { wordHasLetter = true }
                }
                p += 1
                continue
            }
            // A multi-byte sequence: decode one scalar (cmark has validated the UTF-8).
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var count = 1
            while count < length, p[count] & 0xC0 == 0x80 {
                value = value << 6 | UInt32(p[count] & 0x3F)
                count += 1
            }
            p += count
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.isWhitespace {
                endWord()
            } else {
                inWord = true
                if !wordHasLetter, scalar.properties.isAlphabetic || scalar.properties.numericType != nil { wordHasLetter = true }
            }
        }
    }

    mutating func endWord() {
        if inWord && wordHasLetter { count += 1 }
        inWord = false
        wordHasLetter = false
    }
}

/// GitHub-style heading ids: lower-cased, punctuation dropped, spaces to hyphens, letters of
/// every script kept; repeats get `-1`, `-2`, ….
public struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    public init(reserved: Set<String> = []) {
        for id in reserved { used[id] = 0 }
    }

    public mutating func slug(for text: String) -> String {
        unique(Self.asciiBase(text) ?? Self.base(text))
    }

    /// `base` of an ASCII text, lower-cased byte by byte (its letters and digits are the only
    /// ones it has, and they need no Unicode tables); nil for any other text.
    static func asciiBase(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"): bytes.append(UInt8(ascii: "-"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): bytes.append(byte)
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The id of any text, before repeats are numbered.
    static func base(_ text: String) -> String {
        var base = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " || scalar == "-" {
                base.unicodeScalars.append("-")
            } else if scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || scalar.properties.generalCategory == .nonspacingMark {
                base.unicodeScalars.append(scalar)
            }
        }
        return base
    }

    private mutating func unique(_ base: String) -> String {
        var base = base
        if base.isEmpty { base = "section" }
        var candidate = base
        while let n = used[candidate] {
            used[candidate] = n + 1
            candidate = "\(base)-\(n + 1)"
            if used[candidate] == nil { break }
        }
        used[candidate] = 0
        return candidate
    }
}
