@testable import DossierMarkdown
import DossierModel
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
}
