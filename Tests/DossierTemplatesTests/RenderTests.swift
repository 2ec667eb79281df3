import DossierModel
import DossierTemplates
import Foundation
import XCTest

/// Rendering beyond the spec: the typed values, the documented deviations, fingerprints, threads.
final class RenderTests: XCTestCase {
    func testValuesRenderAsDocumented() {
        let templates = library([("v", "{{t}}|{{{t}}}|{{h}}|{{{h}}}|{{&h}}|{{i}}|{{d}}|{{w}}|{{b}}|{{n}}|{{l}}|{{o}}")])
        let rendered = templates.render("v", [
            "t": "<a href='x'>&\"", "h": .html("<b>&amp;</b>"), "i": -12, "d": 1.210, "w": 3.0, "b": true,
            "n": nil, "l": [1], "o": ["a": 1],
        ])
        XCTAssertEqual(rendered.string,
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;|<a href='x'>&\"|&lt;b&gt;&amp;amp;&lt;/b&gt;|<b>&amp;</b>|<b>&amp;</b>|-12|1.21|3|true|||")
    }

    func testEmptyTextIsFalsyUnlikeTheSpec() {
        let templates = library([("v", "{{#s}}[{{s}}]{{/s}}{{^s}}none{{/s}} {{#h}}x{{/h}}{{^h}}no html{{/h}} {{#z}}zero is true{{/z}}")])
        XCTAssertEqual(templates.render("v", ["s": "", "h": .html(""), "z": 0]).string, "none no html zero is true")
        XCTAssertEqual(templates.render("v", ["s": "a", "h": .html("<i/>"), "z": 0]).string, "[a] x zero is true")
    }

    func testRenderIntoAppendsAndUnknownTemplates() {
        let templates = library([("a", "{{x}}")])
        var buffer = Array("head:".utf8)
        XCTAssertEqual(templates.render("a", ["x": "1"], into: &buffer), [])
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), "head:1")
        XCTAssertEqual(templates.render("nope", [:]).diagnostics.map(\.description), ["nope: error: no template named 'nope'"])
        XCTAssertTrue(templates.has("a"))
        XCTAssertFalse(templates.has("b"))
        XCTAssertEqual(library([("b", ""), ("a", "")]).names, ["a", "b"])
    }

    func testBigObjectsFindEveryKey() {
        // More keys than a scan handles: the hash table path.
        let pairs = (0..<100).map { ("key\($0)", Value.int($0)) } + [("key7", .int(-1))]
        let object = Value.object(Object(pairs))
        let templates = library([("a", (0..<100).map { "{{key\($0)}}" }.joined(separator: ",") + "{{missing}}")])
        XCTAssertEqual(templates.render("a", object).string, (0..<100).map(String.init).joined(separator: ","),
            "the first of two equal keys wins")
    }

    func testFingerprintFollowsWhatATemplateReaches() {
        func fingerprints(_ card: String, _ unrelated: String, _ base: String = "<html>{{$main}}{{/main}}</html>") -> [String] {
            let templates = library([
                ("home", "{{<base}}{{$main}}{{#cards}}{{>partials/card}}{{/cards}}{{/main}}{{/base}}"),
                ("base", base), ("partials/card", card), ("unrelated", unrelated),
            ])
            return ["home", "partials/card", "unrelated", "nothing"].map(templates.fingerprint)
        }
        let first = fingerprints("<a>{{title}}</a>", "x")
        XCTAssertEqual(first, fingerprints("<a>{{title}}</a>", "x"), "stable")
        XCTAssertEqual(first[3], "")
        let cardChanged = fingerprints("<a>{{title}}!</a>", "x")
        XCTAssertNotEqual(cardChanged[0], first[0], "a reachable partial changed")
        XCTAssertEqual(cardChanged[2], first[2])
        let unrelatedChanged = fingerprints("<a>{{title}}</a>", "y")
        XCTAssertEqual(unrelatedChanged[0], first[0], "an unrelated template changed")
        XCTAssertNotEqual(unrelatedChanged[2], first[2])
        XCTAssertNotEqual(fingerprints("<a>{{title}}</a>", "x", "<html>{{$main}}{{/main}}</html>\n")[0], first[0], "the parent changed")
        // FNV-1a 64 of "a\0x\0", computed independently: the same on every machine and run.
        XCTAssertEqual(library([("a", "x")]).fingerprint("a"), "ab8b9b820d8005fc")
    }

    func testIndentationOfStandalonePartialsAndBlocks() {
        let templates = library([
            ("list", "<ul>\n  {{$items}}\n    <li>default</li>\n  {{/items}}\n</ul>\n"),
            ("page", "{{<list}}\n{{$items}}\n<li>a</li>\n<li>b</li>\n{{/items}}\n{{/list}}"),
            ("outer", "<div>\n  {{>middle}}\n</div>"), ("middle", "<p>\n  {{>inner}}\n</p>\n"), ("inner", "x\n{{{y}}}\n"),
        ])
        XCTAssertEqual(templates.render("list", [:]).string, "<ul>\n    <li>default</li>\n</ul>\n",
            "a default keeps its own indentation")
        XCTAssertEqual(templates.render("page", [:]).string, "<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>\n",
            "an override takes the indentation of the block it replaces")
        XCTAssertEqual(templates.render("outer", ["y": "1\n2"]).string, "<div>\n  <p>\n    x\n    1\n2\n  </p>\n</div>",
            "indentation adds up; data is not indented")
    }

    func testConcurrentRendersGiveTheSameBytes() {
        let templates = library([
            ("page", "{{<base}}{{$main}}{{#items}}{{>item}}{{/items}}{{/main}}{{/base}}"),
            ("base", "<main>\n{{$main}}{{/main}}</main>"), ("item", "<li>{{name}} {{n}}</li>\n"),
        ])
        // Contexts are built on many threads at once, with names never seen before: interning is shared.
        @Sendable func context(_ page: Int, extra: String) -> Value {
            .object(Object(
                [("items", .list((0..<50).map { ["name": .text("item <\(page)>"), "n": .int($0)] }))]
                    + (0..<40).map { ("\(extra)-\($0)", .text("unused")) }))
        }
        let pages = 64
        let expected = (0..<pages).map { templates.render("page", context($0, extra: "serial")).bytes }
        nonisolated(unsafe) var results = [[UInt8]](repeating: [], count: pages * 4)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: out.count) { i in
                out[i] = templates.render("page", context(i % pages, extra: "concurrent-\(i)-\(UUID())")).bytes
            }
        }
        for (i, bytes) in results.enumerated() { XCTAssertEqual(bytes, expected[i % pages], "render \(i)") }
        XCTAssertTrue(String(decoding: expected[3], as: UTF8.self).contains("<li>item &lt;3&gt; 49</li>"))
    }
}
