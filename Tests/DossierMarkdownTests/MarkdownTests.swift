@testable import DossierMarkdown
import DossierModel
import Synchronization
import XCTest

final class MarkdownTests: XCTestCase {
    func testRendersCommonMarkWithSmartPunctuation() {
        let out = Markdown.render("Say \"hello\" -- it's *fine*...\n")
        XCTAssertEqual(out.html, "<p>Say “hello” – it’s <em>fine</em>…</p>\n")
    }

    func testHeadingsGetGitHubStyleIdsThatKeepNonASCIILetters() {
        let out = Markdown.render("""
            ## Market integration & transport
            ## Überblick: Städte
            ## 城市群 2025
            ## Market integration & transport
            ## Main
            """)
        XCTAssertEqual(out.headings.map(\.id), [
            "market-integration--transport", "überblick-städte", "城市群-2025", "market-integration--transport-1", "main-1",
        ])
        XCTAssertTrue(out.html.contains("<h2 id=\"überblick-städte\">Überblick: Städte</h2>"))
        XCTAssertEqual(out.headings[0].text, "Market integration & transport")
        XCTAssertTrue(out.html.contains("<h2 id=\"market-integration--transport\">Market integration &amp; transport</h2>"))
    }

    func testHeadingTextIncludesCodeAndEmphasis() {
        let out = Markdown.render("### The `cmark` *way*\n")
        XCTAssertEqual(out.headings, [Heading(level: 3, text: "The cmark way", id: "the-cmark-way")])
    }

    func testSafeModeDropsRawHTMLAndJavascriptLinks() {
        let out = Markdown.render("""
            <script>alert(1)</script>

            Text <b onclick="x()">bold</b> and [a link](javascript:alert(1)).
            """)
        XCTAssertFalse(out.html.contains("<script"))
        XCTAssertFalse(out.html.contains("onclick"))
        XCTAssertFalse(out.html.contains("javascript:"))
        XCTAssertTrue(out.html.contains("<!-- raw HTML omitted -->"))
    }

    func testRawHTMLCanBeAllowed() {
        let out = Markdown.render("<aside>note</aside>\n", options: MarkdownOptions(allowRawHTML: true))
        XCTAssertEqual(out.html, "<aside>note</aside>\n")
    }

    func testFencedBlockHandlerReplacesBlockAndKnowsItsLine() {
        nonisolated(unsafe) var seen: FencedBlock?
        let handler: FencedBlockHandler = { block in
            seen = block
            return .html("<figure>chart</figure>")
        }
        let source = "Intro\n\n```chart\ntype: bar\n```\n\n```python\nprint(1)\n```\n"
        let out = Markdown.render(source, path: "x.md", lineOffset: 4, handlers: ["chart": handler])
        XCTAssertEqual(seen?.content, "type: bar\n")
        XCTAssertEqual(seen?.line, 7)
        XCTAssertTrue(out.html.contains("<figure>chart</figure>"))
        XCTAssertTrue(out.html.contains("<pre><code class=\"language-python\">print(1)"))
        XCTAssertFalse(out.html.contains("type: bar"))
    }

    func testFailedFencedBlockReportsDiagnostics() {
        let out = Markdown.render("```chart\nbad\n```\n", path: "b.md", handlers: [
            "chart": { block in .failed([.error("b.md", line: block.line, "unknown chart type")]) },
        ])
        XCTAssertEqual(out.diagnostics.map(\.description), ["b.md:1: error: unknown chart type"])
        XCTAssertEqual(out.html, "")
    }

    func testRootRelativeLinksGetTheBasePath() {
        let out = Markdown.render(
            "[a](/briefings/x/) [b](../y/) [c](//cdn.example/z) [d](https://e.org/) ![i](/img.png)\n",
            options: MarkdownOptions(rootPrefix: "/reports"))
        XCTAssertTrue(out.html.contains("href=\"/reports/briefings/x/\""))
        XCTAssertTrue(out.html.contains("href=\"../y/\""))
        XCTAssertTrue(out.html.contains("href=\"//cdn.example/z\""))
        XCTAssertTrue(out.html.contains("href=\"https://e.org/\""))
        XCTAssertTrue(out.html.contains("src=\"/reports/img.png\""))
    }

    func testEscapingOfHTMLHelper() {
        XCTAssertEqual(htmlEscape("<a href=\"x\">R&D's</a>"), "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;")
        XCTAssertEqual(htmlEscape("plain 城市"), "plain 城市")
    }

    // MARK: - Typography per language

    func testGermanQuotesApostrophesDashesAndEllipses() {
        func de(_ text: String) -> String { Typography.smarten(text, language: "de") }
        XCTAssertEqual(de("Der \"Plan\" und die 'Stufen'"), "Der „Plan“ und die ‚Stufen‘")
        XCTAssertEqual(de("Pekings \"Wachstum\", geht's, Xi'an"), "Pekings „Wachstum“, geht’s, Xi’an")
        XCTAssertEqual(de("(\"in Klammern\")"), "(„in Klammern“)")
        XCTAssertEqual(de("2015--2020 --- und ..."), "2015–2020 — und …")
        XCTAssertEqual(de("„schon getippt“ bleibt"), "„schon getippt“ bleibt")
        XCTAssertEqual(Typography.smarten("the \"plan\" and it's", language: "en"), "the “plan” and it’s")
        XCTAssertEqual(Typography.dashes(5), "—–")
        XCTAssertEqual(Typography.dashes(7), "—––")
    }

    /// Titles and summaries are smartened scalar by scalar when every scalar is a Character of
    /// its own: the properties the rules ask of a Character are then its scalar's.
    func testSingleScalarCharactersHaveTheirScalarsProperties() {
        var checked = 0
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), Typography.isSingleScalarCharacter(scalar) else { continue }
            let character = Character(scalar)
            XCTAssertEqual(character.isWhitespace, scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
            XCTAssertEqual(character.isLetter, scalar.properties.isAlphabetic, "U+\(String(value, radix: 16))")
            XCTAssertEqual(character.isNumber, scalar.properties.numericType != nil, "U+\(String(value, radix: 16))")
            // Its own Character beside any other scalar of the set, and beside a combining mark.
            XCTAssertEqual(("a" + String(scalar) + "\u{4E00}").count, 3, "U+\(String(value, radix: 16))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20_000)
        XCTAssertNil(Typography.singleScalarCharacters("e\u{301}'s"), "a combining mark takes the Character path")
        XCTAssertNil(Typography.singleScalarCharacters("a\r\nb"))
    }

    /// The scalar path and the Character path agree on random texts of quotes, dashes, dots,
    /// letters of several scripts, digits and spaces, in both languages' quotes.
    func testScalarSmarteningEqualsCharacterSmartening() {
        let alphabet: [Unicode.Scalar] = ["\"", "'", "-", ".", " ", "\t", "\n", "a", "Z", "7", "é", "城", "(", "[", "/", "\u{2013}", "\u{201E}", "\u{201C}", "\u{2018}", "!", "\u{A0}", "\u{3000}", "カ"]
        var generator = SystemRandomNumberGenerator()
        for language in ["en", "de"] {
            let quotes = Typography.quotes(for: language)
            for _ in 0..<20_000 {
                var text = String.UnicodeScalarView()
                for _ in 0..<Int.random(in: 0...12, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
                let string = String(text)
                let scalars = Typography.singleScalarCharacters(string)!
                XCTAssertEqual(Typography.smarten(scalars: scalars, quotes: quotes), Typography.smartenCharacters(string, quotes: quotes),
                               "\(language): \(string.debugDescription)")
            }
        }
        XCTAssertEqual(Typography.smarten("e\u{301}'s \"x\"", language: "en"), "e\u{301}’s “x”", "the Character path")
    }

    /// Heading ids of ASCII headings are made from the bytes: the same as from the Unicode tables.
    func testASCIIHeadingIdsEqualTheUnicodeWay() {
        var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["Quota in Central Yunnan `cluster_id`", "R&D: 2015--2020", "Hello, World -- again_1", "  ", ""]
        for text in texts {
            XCTAssertEqual(HeadingSlugger.asciiBase(text), HeadingSlugger.base(text), text.debugDescription)
        }
        XCTAssertNil(HeadingSlugger.asciiBase("Städte"))
    }

    /// The first paragraph is trimmed by Foundation only when it starts or ends with white space.
    func testTrimmingAsFoundationDoes() {
        for text in ["", " ", "a", " a ", "\u{A0}x", "x\u{2029}", "\n\tword\u{3000}", "城市", "a\u{301}", "\u{85}b\u{85}"] {
            XCTAssertEqual(Markdown.trimmed(text), text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
        }
    }

    /// Trees live in a per-thread arena released after each render: a render nested in a fenced
    /// block's handler leaves its page's tree intact, and documents larger than an arena block
    /// (or with a single huge text) render whole.
    func testNestedAndLargeRendersInTheArena() {
        let inner: FencedBlockHandler = { block in .html(Markdown.render(block.content).html) }
        let source = (1...3).map { "Before \($0) with *emphasis*.\n\n```inner\n# Inner \($0)\n\n- a\n- b\n```\n" }.joined() + "\nAfter all.\n"
        let out = Markdown.render(source, handlers: ["inner": inner])
        let expected = (1...3).map { "<p>Before \($0) with <em>emphasis</em>.</p>\n<h1 id=\"inner-\($0)\">Inner \($0)</h1>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n" }
            .joined() + "<p>After all.</p>\n"
        XCTAssertEqual(out.html, expected)
        // Many nodes (several arena blocks) and one text larger than a quarter block.
        let paragraphs = (0..<20_000).map { "Paragraph \($0) with `code` and [a link](/x/\($0)/)." }
        let big = Markdown.render(paragraphs.joined(separator: "\n\n") + "\n\n" + String(repeating: "word ", count: 100_000) + "\n")
        XCTAssertTrue(big.html.hasPrefix("<p>Paragraph 0 with <code>code</code> and <a href=\"/x/0/\">a link</a>.</p>\n"))
        XCTAssertTrue(big.html.contains("<p>Paragraph 19999 with <code>code</code> and <a href=\"/x/19999/\">a link</a>.</p>\n"))
        XCTAssertTrue(big.html.hasSuffix("word</p>\n"))
        XCTAssertEqual(big.wordCount, 20_000 * 7 + 100_000)
        // The next render on this thread starts from a released arena and is whole again.
        XCTAssertEqual(Markdown.render("Again.\n").html, "<p>Again.</p>\n")
    }

    func testGermanMarkdownJudgesQuotesAcrossInlinesAndLeavesCodeAlone() {
        let out = Markdown.render("Ein \"*betontes*\" Wort, `\"Code\"` und \"[Link](/x/)\".\n", options: MarkdownOptions(language: "de"))
        XCTAssertEqual(out.html, "<p>Ein „<em>betontes</em>“ Wort, <code>&quot;Code&quot;</code> und „<a href=\"/x/\">Link</a>“.</p>\n")
        let english = Markdown.render("An \"*emphatic*\" word.\n")
        XCTAssertEqual(english.html, "<p>An “<em>emphatic</em>” word.</p>\n")
        let heading = Markdown.render("## Der \"Plan\"\n", options: MarkdownOptions(language: "de"))
        XCTAssertEqual(heading.headings.first?.text, "Der „Plan“")
    }

    func testALinkToAPageInAnotherLanguageSaysSo() {
        var options = MarkdownOptions(rootPrefix: "/r", language: "de")
        options.otherLanguage = { $0 == "/en-only/" ? ("en", "Englisch") : nil }
        let out = Markdown.render("Siehe [dort](/en-only/ \"Titel\") und [hier](/de/x/).\n", options: options)
        XCTAssertEqual(out.html, "<p>Siehe <a href=\"/r/en-only/\" hreflang=\"en\" title=\"Titel\">dort</a> <span class=\"lang-note\">(Englisch)</span> und <a href=\"/r/de/x/\">hier</a>.</p>\n")
    }

    // MARK: - What a teaser may say of a body: its length and figures

    func testWordCountReadsTextAsAReaderDoes() {
        let out = Markdown.render("""
            ## Two words

            It's *one* sentence — with "quotes", `code` and 10,000 km.

            - a list item

            ![alt text is not read](x.png)

            ```
            a code block is not counted
            ```
            """)
        // Two words, then It's one sentence with quotes code and 10,000 km (the dash is no word), then a list item.
        XCTAssertEqual(out.wordCount, 2 + 9 + 3)
    }

    func testWordsInOtherScriptsAndSpacesCount() {
        // Non-ASCII letters make words; a no-break space and an em dash do not.
        XCTAssertEqual(Markdown.render("Über\u{00A0}Städte — 城市群 « 2025 »\n", options: MarkdownOptions(smartPunctuation: false)).wordCount, 4)
    }

    func testFencedBlocksThatRenderAreCountedByKind() {
        let handler: FencedBlockHandler = { block in block.content.contains("bad") ? .failed([]) : .html("<figure></figure>") }
        let out = Markdown.render("```chart\nok\n```\n\n```chart\nok\n```\n\n```table\nok\n```\n\n```table\nbad\n```\n",
                                  handlers: ["chart": handler, "table": handler])
        XCTAssertEqual(out.blocks, ["chart": 2, "table": 1])
    }

    func testFirstParagraphIsPlainText() {
        let out = Markdown.render("## Heading\n\n> quoted\n\nThe *first* paragraph\nover two lines.\n\nSecond.\n")
        XCTAssertEqual(out.firstParagraph, "The first paragraph over two lines.")
    }

    // MARK: - Links and images for the host to rewrite

    func testReferencesAreResolvedAtTheirLinesAndImagesGetSizesAndLazyLoading() {
        let seen = Mutex<[Reference]>([])
        let out = Markdown.render("""
            Intro with a [link](notes.pdf) and
            an image ![first](a.png "A title") on line 2.

            ![second *one*](sub/b.svg)

            ![missing](gone.png)
            """, path: "x.md", lineOffset: 4, options: MarkdownOptions(rootPrefix: "/reports")) { reference in
            seen.withLock { $0.append(reference) }
            switch reference.url {
            case "notes.pdf": return .rewrite("/briefings/x/notes.pdf")
            case "a.png": return .rewrite("/briefings/x/a.png", width: 640, height: 480)
            case "sub/b.svg": return .rewrite("/briefings/x/sub/b.svg", width: 100, height: 50)
            default: return .failed(.error("x.md", line: reference.line, column: reference.column, "image '\(reference.url)' not found"))
            }
        }
        XCTAssertEqual(seen.withLock { $0 }.map { "\($0.kind) \($0.url) \($0.line):\($0.column)" }, [
            "link notes.pdf 5:14", "image a.png 6:10", "image sub/b.svg 8:1", "image gone.png 10:1",
        ])
        XCTAssertEqual(out.diagnostics.map(\.description), ["x.md:10:1: error: image 'gone.png' not found"])
        XCTAssertTrue(out.html.contains("<a href=\"/reports/briefings/x/notes.pdf\">link</a>"), out.html)
        XCTAssertTrue(out.html.contains("<img src=\"/reports/briefings/x/a.png\" alt=\"first\" title=\"A title\" width=\"640\" height=\"480\" decoding=\"async\" />"), out.html)
        XCTAssertTrue(out.html.contains("<img src=\"/reports/briefings/x/sub/b.svg\" alt=\"second one\" width=\"100\" height=\"50\" loading=\"lazy\" decoding=\"async\" />"), out.html)
        XCTAssertTrue(out.html.contains("<img src=\"gone.png\" alt=\"missing\" loading=\"lazy\" decoding=\"async\" />"), out.html)
    }

    func testImagesStayUnderSafeModesURLFilter() {
        let out = Markdown.render("![x](javascript:alert(1)) ![y](<a\"b.png>)\n")
        XCTAssertFalse(out.html.contains("javascript:"), out.html)
        XCTAssertTrue(out.html.contains("<img src=\"a%22b.png\" alt=\"y\" loading=\"lazy\" decoding=\"async\" />"), out.html)
    }
}
