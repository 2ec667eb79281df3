import DossierTemplates
import Foundation
import XCTest

/// Every test of the official Mustache spec files in `Spec/` (lambdas left out), each case
/// reported by name. The spec's data are JSON: numbers become `.int` or `.double` as written.
final class SpecTests: XCTestCase {
    func testInterpolation() throws { try run("interpolation.json", expectedCount: 42) }
    func testSections() throws { try run("sections.json", expectedCount: 34) }
    func testInverted() throws { try run("inverted.json", expectedCount: 22) }
    func testComments() throws { try run("comments.json", expectedCount: 12) }
    func testPartials() throws { try run("partials.json", expectedCount: 12) }
    func testDelimiters() throws { try run("delimiters.json", expectedCount: 14) }
    func testInheritance() throws { try run("~inheritance.json", expectedCount: 27) }
    func testDynamicNames() throws { try run("~dynamic-names.json", expectedCount: 21) }

    struct SpecFile: Decodable {
        var tests: [SpecCase]
    }

    struct SpecCase: Decodable {
        var name: String
        var data: JSON
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Spec")

    func run(_ file: String, expectedCount: Int) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
        let spec = try JSONDecoder().decode(SpecFile.self, from: data)
        XCTAssertEqual(spec.tests.count, expectedCount, "\(file) has a different number of tests than expected")
        var passed = 0
        for test in spec.tests {
            var sources = [TemplateSource(name: "(test)", text: test.template, path: "test.mustache")]
            for (name, text) in (test.partials ?? [:]).sorted(by: { $0.key < $1.key }) {
                sources.append(TemplateSource(name: name, text: text, path: "\(name).mustache"))
            }
            let (library, diagnostics) = TemplateLibrary.compile(sources, options: .spec)
            guard let library else {
                XCTFail("\(file) – \(test.name): does not compile: \(diagnostics)")
                continue
            }
            let rendered = library.render("(test)", test.data.value)
            XCTAssertEqual(rendered.diagnostics, [], "\(file) – \(test.name)")
            if rendered.string == test.expected {
                passed += 1
            } else {
                XCTFail("\(file) – \(test.name): expected \(test.expected.debugDescription), got \(rendered.string.debugDescription)")
            }
        }
        print("Mustache spec \(file): \(passed)/\(spec.tests.count) passed")
    }
}

/// JSON as the spec writes it.
indirect enum JSON: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSON]), object([(String, JSON)])

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(try object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }).map {
                ($0.stringValue, try object.decode(JSON.self, forKey: $0))
            })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !array.isAtEnd { items.append(try array.decode(JSON.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? single.decode(Int.self) {
            self = .int(i)
        } else if let d = try? single.decode(Double.self) {
            self = .double(d)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    var value: Value {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .text(s)
        case .array(let items): return .list(items.map(\.value))
        case .object(let pairs): return .object(Object(pairs.map { ($0.0, $0.1.value) }))
        }
    }
}
