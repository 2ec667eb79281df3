import DossierModel
@testable import DossierSite
import Foundation
import XCTest

/// The byte scanner that `check` reads pages with, against the regular expressions it replaced
/// (kept here as the oracle), and the build's collected links against the files it wrote.
final class HTMLScannerTests: XCTestCase {
    /// What `check` used until the scanner: Swift Regex over the page as a `String`.
    enum Oracle {
        static func links(in html: String) -> [String] {
            html.matches(of: /\s(?:href|src)="([^"]*)"/).map { String($0.output.1) }
        }

        static func ids(in html: String) -> Set<String> {
            Set(html.matches(of: /\sid="([^"]*)"/).map { unescape(String($0.output.1)) })
        }

        static func unescape(_ s: String) -> String {
            guard s.contains("&") else { return s }
            return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    func assertSameAsOracle(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        let page = HTMLScanner.scan(html)
        XCTAssertEqual(page.links, Oracle.links(in: html), "links in \(html.debugDescription)", file: file, line: line)
        XCTAssertEqual(page.ids, Oracle.ids(in: html), "ids in \(html.debugDescription)", file: file, line: line)
        XCTAssertEqual(HTMLScanner.scan(Array(html.utf8)), page, "bytes and string agree", file: file, line: line)
    }

    func testReadsDoubleQuotedHrefSrcAndIdAfterWhitespace() {
        let html = """
            <!doctype html><html lang="en"><body>
            <a href="/a/">A</a> <img src="/x.png" alt=""> <h2 id="intro">Intro</h2>
            <a\thref="/tab/">t</a><a\nhref="/newline/">n</a><a\r\nhref="/crlf/">c</a>
            <a href="">empty</a><div id="">no id</div>
            """
        let page = HTMLScanner.scan(html)
        XCTAssertEqual(page.links, ["/a/", "/x.png", "/tab/", "/newline/", "/crlf/", ""])
        XCTAssertEqual(page.ids, ["intro", ""])
        assertSameAsOracle(html)
    }

    func testReadsNothingElse() {
        // Single quotes, no quotes, upper case, no whitespace before, other attributes that
        // end in the same letters, and spaces around `=`: none of them were ever read.
        let html = """
            <a href='/single/'>s</a><a href=/bare/>b</a><A HREF="/upper/">u</A><a x="1"href="/glued/">g</a>
            <img srcset="/a.png 1x, /b.png 2x" data-src="/lazy.png"><use xlink:href="#sprite"/>
            <a href ="/space-before/"><a href= "/space-after/"><div data-id="d" aria-id="a"></div>
            """
        let page = HTMLScanner.scan(html)
        XCTAssertEqual(page.links, [])
        XCTAssertEqual(page.ids, [])
        assertSameAsOracle(html)
        assertSameAsOracle("href=\"/first-byte/\" id=\"x\"")
        assertSameAsOracle(" href=\"/after-space/\"")
    }

    func testIdsAreUnescapedLinksAreNot() {
        let html = """
            <a href="/q?a=1&amp;b=2">q</a><h2 id="a&amp;b">x</h2><h2 id="&quot;q&quot; &#39;s&#39; &lt;t&gt;">y</h2>
            <h2 id="&amp;lt;">twice</h2><h2 id="&ampx; &amp &nbsp; &#38;">unknown</h2>
            """
        let page = HTMLScanner.scan(html)
        XCTAssertEqual(page.links, ["/q?a=1&amp;b=2"])
        XCTAssertEqual(page.ids, ["a&b", "\"q\" 's' <t>", "&lt;", "&ampx; &amp &nbsp; &#38;"])
        XCTAssertEqual(LinkChecker.unescape("/q?a=1&amp;b=2&amp;amp;"), "/q?a=1&b=2&amp;")
        assertSameAsOracle(html)
    }

    func testMatchesOfOneKindDoNotOverlapButLinksAndIdsAreReadApart() {
        // A value runs to the next quote, whatever it holds: a link's value hides links, not ids.
        assertSameAsOracle(#"<a href="/a/ src="/b/" id="c">"#)
        assertSameAsOracle(#"<a href="x id="y" href="z">"#)
        assertSameAsOracle(#"<a id="x href="y" id="z">"#)
        assertSameAsOracle(#"<a href="/a/" src="/b/"href="/c/" id="d"id="e">"#)
        let page = HTMLScanner.scan(#"<a href="x id="y">"#)
        XCTAssertEqual(page.links, ["x id="])
        XCTAssertEqual(page.ids, ["y"])
    }

    func testAnUnclosedValueEndsTheScan() {
        assertSameAsOracle(#"<a href="/a/"> <a href="/open id="x"#)
        assertSameAsOracle(#"<a href="/a/"> <a id="open"#)
        assertSameAsOracle("<a href=\"")
        assertSameAsOracle("<a href=")
        assertSameAsOracle(" id=\"")
        assertSameAsOracle("")
    }

    func testAttributesInScriptAndPreCountAsEverywhere() {
        let html = """
            <script>var s = ' <a href="/from-script/">';</script>
            <pre><code>&lt;a href="/escaped/"&gt; and <a href="/in-pre/"></code></pre>
            <!-- <a href="/in-comment/"> -->
            """
        XCTAssertEqual(HTMLScanner.scan(html).links, ["/from-script/", "/escaped/", "/in-pre/", "/in-comment/"])
        assertSameAsOracle(html)
    }

    /// A quote with a combining mark after it is another character than `"`, as the expressions
    /// saw it: it neither opens nor closes a value.
    func testAQuoteWithACombiningMarkIsNoQuote() {
        assertSameAsOracle("<a href=\"\u{301}/a/\" id=\"b\"> <a href=\"/c/\"\u{301} x\" id=\"d\u{301}\" id=\"e\">")
        XCTAssertEqual(HTMLScanner.scan("<a href=\"/c/\"\u{301} x\">").links, ["/c/\"\u{301} x"])
        assertSameAsOracle("<a href=\"/unclosed\"\u{301}")
        assertSameAsOracle("<a id=\"&amp;\u{301} &amp;&\u{301}amp; &lt;\u{301}\">")
        assertSameAsOracle("<a id=\"\u{600}&amp; ü &amp;\">")
    }

    func testValuesKeepTheirUnicode() {
        let html = "<a href=\"/städte/ü/\">ü</a><h2 id=\"größe-😀\">x</h2><img src=\"/日本.png\"> <a href=\"/é\u{301}/\">"
        XCTAssertEqual(HTMLScanner.scan(html).links, ["/städte/ü/", "/日本.png", "/é\u{301}/"])
        assertSameAsOracle(html)
    }

    /// `\s` is any Unicode `White_Space` character: the scanner knows each one's UTF-8 bytes.
    func testWhitespaceBeforeTheNameIsUnicodeWhitespace() {
        var checked = 0
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array("x\(scalar)h".utf8)
            let found = bytes.withUnsafeBufferPointer { HTMLScanner.whitespaceStart(before: bytes.count - 1, $0.baseAddress!) }
            XCTAssertEqual(found != nil, scalar.properties.isWhitespace, "U+\(String(value, radix: 16, uppercase: true))")
            if let found { XCTAssertEqual(found, 1, "U+\(String(value, radix: 16, uppercase: true)) starts after the x") }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1_000_000)
        // And the expression agrees on each of them (and on a few that are not whitespace).
        let spaces = (0...0x3000).compactMap(Unicode.Scalar.init).filter(\.properties.isWhitespace).map(String.init)
        XCTAssertEqual(spaces.count, 25)
        // Not whitespace: zero width space, Mongolian vowel separator, BOM, a space after a
        // prepended mark (one cluster). Whitespace: a space or NBSP with a combining mark (one
        // cluster too), a space after a combining mark.
        let others = ["\u{200B}", "\u{180E}", "\u{FEFF}", "\u{600} ", " \u{301}", "\u{A0}\u{301}\u{302}", "\u{301} ", "é\r\n"]
        let html = (spaces + others).enumerated().map { "<a\($0.element)href=\"/\($0.offset)/\" x\($0.element)id=\"i\($0.offset)\">" }.joined()
        assertSameAsOracle(html)
        XCTAssertEqual(HTMLScanner.scan(html).links.count, 29)
    }

    /// `normalize` works on bytes for ASCII paths: the same answers as splitting the string; a
    /// page's folder and percent-decoding skip Foundation where they can, with its answers.
    func testNormalizeOnBytesAgreesWithTheStringVersion() {
        func oracle(_ path: String) -> String? {
            var parts: [Substring] = []
            for part in path.split(separator: "/", omittingEmptySubsequences: true) {
                if part == "." { continue }
                if part == ".." {
                    guard !parts.isEmpty else { return nil }
                    parts.removeLast()
                } else {
                    parts.append(part)
                }
            }
            return parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
        }
        let pieces = ["", "/", "a", "b.html", ".", "..", "...", ".x", "//", "a b"]
        var paths: [String] = []
        for a in pieces { for b in pieces { for c in pieces { paths.append(a + "/" + b + c + "/" + c) ; paths.append(a + b + "/" + c) } } }
        paths += ["briefings/2024/x/../../2022/y/", "briefings/x/./#a", "../a", "a/../../b", "a/b/../", "a/..", "/a//b///c/"]
        for path in paths { XCTAssertEqual(LinkChecker.normalize(path), oracle(path), path) }
        XCTAssertEqual(LinkChecker.normalize("briefings/2024/x/../../2022/y/"), "briefings/2022/y/")
        XCTAssertEqual(LinkChecker.normalize("a/../.."), nil)
        // Not ASCII: by character, as before (a slash with a combining mark is not a slash).
        XCTAssertEqual(LinkChecker.normalize("städte/../ü/"), "ü/")
        XCTAssertEqual(LinkChecker.normalize("a/\u{301}../b"), "a/\u{301}../b")
        for page in ["index.html", "a/index.html", "a/b/c.html", "a//b.html", "/a/b.html", "a/b/", "ü/x.html", "/", ""] {
            XCTAssertEqual(LinkChecker.folder(of: page), (page as NSString).deletingLastPathComponent, page)
        }
        XCTAssertEqual(LinkChecker.percentDecoded("gr%C3%B6%C3%9Fe"), "größe")
        XCTAssertEqual(LinkChecker.percentDecoded("bad%zz"), "bad%zz")
        XCTAssertEqual(LinkChecker.percentDecoded("plain-id"), "plain-id")
    }

    /// The sample site, built with links collected: each HTML file's links and ids as the old
    /// expressions read them from the file written, and no HTML file left out.
    func testCollectedLinksAreWhatTheOldCheckReadFromTheOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-scan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for edition in Edition.allCases {
            var options = BuildOptions(
                contentFolder: SiteFixture.repository.appendingPathComponent("content"),
                templatesFolder: SiteFixture.repository.appendingPathComponent("templates"),
                outputFolder: folder.appendingPathComponent(edition.rawValue), edition: edition,
                buildDate: SiteFixture.buildDate, workingFolder: SiteFixture.repository)
            options.collectLinks = true
            let report = try SiteBuilder.build(options)
            let collected = try XCTUnwrap(report.links)
            var files: [String: PageLinks] = [:]
            var matches = 0
            let root = options.outputFolder.path
            for case let relative as String in FileManager.default.enumerator(atPath: root)! where relative.hasSuffix(".html") {
                let html = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
                files[relative] = PageLinks(links: Oracle.links(in: html), ids: Oracle.ids(in: html))
                matches += files[relative]!.links.count
            }
            XCTAssertGreaterThan(files.count, 40)
            XCTAssertGreaterThan(matches, 1000)
            XCTAssertEqual(Set(collected.keys), Set(files.keys), "\(edition)")
            for (path, page) in files where collected[path] != page {
                XCTFail("\(edition) \(path): collected \(collected[path].map { "\($0)" } ?? "nothing"), the file has \(page)")
            }
            // A build that did not collect them: check reads the output, with the same result.
            var reading = report
            reading.links = nil
            let fromBuild = LinkChecker.check(output: options.outputFolder, build: report, workingFolder: options.workingFolder)
            let fromFiles = LinkChecker.check(output: options.outputFolder, build: reading, workingFolder: options.workingFolder)
            XCTAssertEqual(fromBuild.findings, fromFiles.findings)
            XCTAssertEqual(fromBuild.externalLinks, fromFiles.externalLinks)
            XCTAssertEqual(fromBuild.pagesChecked, fromFiles.pagesChecked)
            XCTAssertEqual(fromBuild.pagesChecked, files.count)
        }
    }

    /// A build that collects links hands back what each job wrote, scanned, by output file; one
    /// that does not hands back none. Jobs kept from an earlier build bring theirs from the manifest.
    func testEachJobScansWhatItWritesWhenAsked() throws {
        let site = try SiteFixture.sample()
        XCTAssertNil(try site.build().links)
        var options = site.options()
        options.collectLinks = true
        for build in 1...3 {
            let report = try SiteBuilder.build(options)
            if build == 3 { XCTAssertEqual(report.pagesRendered, 0, "every job was kept") }
            let links = try XCTUnwrap(report.links)
            var pages = 0
            for (file, _) in SiteFixture.snapshot(site.output) where file.hasSuffix(".html") {
                XCTAssertEqual(links[file], HTMLScanner.scan(try Array(Data(contentsOf: site.output.appendingPathComponent(file)))), file)
                pages += 1
            }
            XCTAssertGreaterThan(pages, 20)
        }
    }

    /// HTML that no page job writes (a theme's static file, a file beside a briefing) is checked
    /// as before: read back from the output.
    func testStaticHTMLFilesAreCheckedToo() throws {
        let site = try SiteFixture.sample()
        try site.write("briefings/2025/embed/index.md", briefing(title: "Embed", body: "See [the figure](figure.html).\n"))
        try site.write("briefings/2025/embed/figure.html", "<p><a href=\"/nowhere/\">x</a> <span id=\"f\"></span></p>\n")
        let report = try LinkChecker.check(site.options())
        XCTAssertEqual(report.findings.map(\.description), [
            "templates: error: link '/nowhere/' is broken: there is no page at /nowhere/ (on 1 page, e.g. /briefings/2025/embed/figure.html)",
        ])
    }
}
