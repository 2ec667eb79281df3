import DossierModel
import DossierTemplates
import XCTest

/// `{{@name}} … {{/name}}`: the body rendered against the current context with YAML-safe values,
/// handed to the host's handler with its position; the handler's HTML or diagnostics come back.
final class ComponentTests: XCTestCase {
    static let template = """
        <section>
        {{#row}}
          {{@chart}}
          type: line
          filter: {cluster_id: {{id}}}
          title: {{title}}
          raw: {{{raw}}}
          n: {{n}}
          share: {{share}}
          tags: {{tags}}
          {{#years}}
          - {{.}}
          {{/years}}
          {{/chart}}
        {{/row}}
        </section>
        """

    final class Calls: @unchecked Sendable {
        let lock = NSLock()
        var calls: [ComponentCall] = []
        func add(_ call: ComponentCall) {
            lock.lock()
            calls.append(call)
            lock.unlock()
        }
    }

    func testTheBodyIsQuotedYAMLAndTheHandlersHTMLIsInsertedVerbatim() {
        let templates = library([("cluster", Self.template)], components: ["chart"])
        let calls = Calls()
        let row: Value = [
            "id": "pearl-river-delta",
            "title": "GDP: \"real\" terms\nsince 2000 \\ o/",
            "raw": "[1, 2]",
            "n": 42,
            "share": 0.5,
            "tags": ["a", "b: c"],
            "years": [2020, 2021],
        ]
        let rendered = templates.render("cluster", ["row": row], components: [
            "chart": { call in
                calls.add(call)
                return .html("<svg aria-label=\"a & b\"></svg>\n")
            },
        ])
        XCTAssertEqual(rendered.diagnostics, [])
        XCTAssertEqual(rendered.string, "<section>\n<svg aria-label=\"a & b\"></svg>\n</section>")
        XCTAssertEqual(calls.calls.count, 1)
        let call = calls.calls[0]
        XCTAssertEqual(call.body, """
            type: line
            filter: {cluster_id: "pearl-river-delta"}
            title: "GDP: \\"real\\" terms\\nsince 2000 \\\\ o/"
            raw: [1, 2]
            n: 42
            share: 0.5
            tags: ["a", "b: c"]
            - 2020
            - 2021

            """, "dedented by the body's common indentation; values quoted as JSON strings")
        XCTAssertEqual(call.name, "chart")
        XCTAssertEqual(call.path, "templates/cluster.mustache")
        XCTAssertEqual([call.line, call.column, call.bodyLine], [3, 3, 4])
    }

    func testHandlerDiagnosticsComeBackWithTheRendering() {
        let templates = library([("page", "a{{@table}}data: x.csv{{/table}}b")], components: ["table"])
        let rendered = templates.render("page", [:], components: [
            "table": { call in
                .failed([.error(call.path, line: call.line, column: call.column, "table: no file '\(call.body)'")])
            },
        ])
        XCTAssertEqual(rendered.string, "ab")
        XCTAssertEqual(rendered.diagnostics.map(\.description), ["templates/page.mustache:1:2: error: table: no file 'data: x.csv'"])
    }

    func testAComponentWithoutAHandlerIsAnError() {
        let templates = library([("page", "{{@table}}x{{/table}}")], components: ["table"])
        XCTAssertEqual(templates.render("page", [:]).diagnostics.map(\.description),
            ["templates/page.mustache:1:1: error: no handler for component 'table' was given to render"])
    }

    func testPartialsInsideABodyQuoteTooAndOutsideTheyEscapeAgain() {
        let templates = library([
            ("page", "{{@chart}}t: {{>partials/title}}{{/chart}} {{>partials/title}}"), ("partials/title", "{{title}}"),
        ], components: ["chart"])
        let rendered = templates.render("page", ["title": "a \"b\" <c>"], components: ["chart": { .html("[\($0.body)]") }])
        XCTAssertEqual(rendered.string, "[t: \"a \\\"b\\\" <c>\"] a &quot;b&quot; &lt;c&gt;")
    }
}
