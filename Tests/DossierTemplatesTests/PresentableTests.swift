import DossierModel
import DossierTemplates
import XCTest

struct CardView: Presentable {
    var title: String
    var url: String
    var summary: String?
    var keyPoints: [String]

    static let fields = Fields<CardView>(
        .field("title", \.title, "The briefing's title"),
        .field("url", \.url, "Its URL, with the base path"),
        .field("summary", \.summary, "One sentence, when the briefing has one"),
        .field("keyPoints", \.keyPoints, "Its key points"),
        .field("hasKeyPoints", "Whether it has key points") { !$0.keyPoints.isEmpty })
}

struct HomeView: Presentable {
    var title: String
    var intro: HTML
    var cards: [CardView]
    var page: Int
    var share: Double
    var params: DynamicMap

    static let fields = Fields<HomeView>(
        .field("title", \.title, "The page title"),
        .field("intro", \.intro, "The introduction, as HTML"),
        .field("cards", \.cards, "The briefings on this page, newest first"),
        .field("page", \.page, "The page number"),
        .field("share", \.share, "A share"),
        .field("params", \.params, "The briefing's own parameters", shape: .dynamic("params")))
}

/// A view model's fields, declared once, give both its value and its shape (with docs).
final class PresentableTests: XCTestCase {
    let home = HomeView(
        title: "Latest & greatest", intro: HTML("<p>Hi</p>"),
        cards: [
            CardView(title: "A <b>", url: "/a/", summary: nil, keyPoints: ["one", "two"]),
            CardView(title: "B", url: "/b/", summary: "Sum.", keyPoints: []),
        ],
        page: 2, share: 0.25, params: DynamicMap([("region", .text("north"))]))

    func testValueFromTheDeclaration() {
        XCTAssertEqual(home.value, [
            "title": "Latest & greatest", "intro": .html("<p>Hi</p>"),
            "cards": [
                ["title": "A <b>", "url": "/a/", "summary": nil, "keyPoints": ["one", "two"], "hasKeyPoints": true],
                ["title": "B", "url": "/b/", "summary": "Sum.", "keyPoints": [], "hasKeyPoints": false],
            ],
            "page": 2, "share": 0.25, "params": ["region": "north"],
        ])
        guard case .object(let first)? = home.value["cards"].flatMap({ if case .list(let l) = $0 { l.first } else { nil } }),
            case .object(let second)? = home.value["cards"].flatMap({ if case .list(let l) = $0 { l.last } else { nil } })
        else { return XCTFail("cards are objects") }
        XCTAssertTrue(first.keys === second.keys, "objects of one view-model type share one key list")
    }

    func testShapeFromTheDeclaration() {
        XCTAssertEqual(HomeView.shape, .object([
            ShapeField("title", .text, "The page title"),
            ShapeField("intro", .html, "The introduction, as HTML"),
            ShapeField("cards", .list(.object([
                ShapeField("title", .text, "The briefing's title"),
                ShapeField("url", .text, "Its URL, with the base path"),
                ShapeField("summary", .optional(.text), "One sentence, when the briefing has one"),
                ShapeField("keyPoints", .list(.text), "Its key points"),
                ShapeField("hasKeyPoints", .bool, "Whether it has key points"),
            ])), "The briefings on this page, newest first"),
            ShapeField("page", .number, "The page number"),
            ShapeField("share", .number, "A share"),
            ShapeField("params", .dynamic("params"), "The briefing's own parameters"),
        ]))
    }

    func testDocumentation() {
        XCTAssertEqual(HomeView.shape.documentation(), """
            - `title` (text): The page title
            - `intro` (HTML): The introduction, as HTML
            - `cards` (list of objects): The briefings on this page, newest first
              - `title` (text): The briefing's title
              - `url` (text): Its URL, with the base path
              - `summary` (optional text): One sentence, when the briefing has one
              - `keyPoints` (list of text): Its key points
              - `hasKeyPoints` (yes/no): Whether it has key points
            - `page` (number): The page number
            - `share` (number): A share
            - `params` (fields of params): The briefing's own parameters

            """)
        let refined = HomeView.shape.refining(["params": .object([ShapeField("region", .text, "Where")])])
        XCTAssertTrue(refined.documentation().hasSuffix("""
            - `params` (object): The briefing's own parameters
              - `region` (text): Where

            """))
    }

    func testRenderAndCheckAgainstTheDeclaration() {
        let templates = library([
            ("home", "<h1>{{title}}</h1>{{{intro}}}{{#cards}}<a href=\"{{url}}\">{{title}}</a>{{#summary}}({{.}}){{/summary}}{{/cards}} {{page}} {{share}} {{params.region}} {{titl}}"),
        ])
        XCTAssertEqual(templates.render("home", home.value).string,
            "<h1>Latest &amp; greatest</h1><p>Hi</p><a href=\"/a/\">A &lt;b&gt;</a><a href=\"/b/\">B</a>(Sum.) 2 0.25 north ")
        XCTAssertEqual(templates.check("home", shape: HomeView.shape).map(\.description), [
            "templates/home.mustache:1:150: warning: unknown name 'titl' in template 'home' (did you mean 'title'?)",
        ])
    }
}
