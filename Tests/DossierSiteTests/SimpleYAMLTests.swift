@testable import DossierSite
import Foundation
import XCTest

/// SimpleYAML reads plain front matter without Yams: wherever it gives a tree, it must be the tree
/// Yams gives (values, styles, positions), and it must give none where Yams finds an error.
final class SimpleYAMLTests: XCTestCase {
    /// Compares both readers on one text; returns whether SimpleYAML read it.
    @discardableResult
    func compare(_ yaml: String, _ what: String = "", file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let simple = SimpleYAML.compose(yaml) else { return false }
        do {
            let yams = try YAMLMapping.composeWithYams(yaml)
            XCTAssertEqual(simple, yams, "\(what)\n\(yaml)", file: file, line: line)
        } catch {
            XCTFail("SimpleYAML read what Yams rejects (\(error)): \(what)\n\(yaml)", file: file, line: line)
        }
        return true
    }

    func testTheSubsetAsYamsReadsIt() {
        let read = [
            "title: \"Plan\"\ndate: 2024-03-05\n",
            "title: 'It''s' \ntopics: [\"A\", b ,  'c''d']\nclusters: []\nempty: [ ]\n",
            "\n\ntitle: Plain words, with [brackets] and a colon:inside \n\nkey_points:\n  - \"One\"\n  - two: x\n",
            "topics:\n- a\n- \"b\"\naccess: public",
            "sources:\n  - title: \"Bureau\"\n    url: \"https://e.org/a?b=1#c\"\n  - url: x\n    title: 'y'\nnext: 1\n",
            "t: \"Städte \\\"quoted\\\" and \\\\ back\"\nl: [\"Städte\", \"城市\", x]\n",
            "summary: \"城市 (石家庄) – ¥2.4\"\nx: C#\ny: a#b\n",
            "k:   spaced   \n",
            "  \n",
        ]
        for yaml in read.dropLast() { XCTAssertTrue(compare(yaml), yaml) }
        let left = [
            "title: x # a comment\n", "# comment\ntitle: x\n", "title:\tx\n", "title: |\n  x\n", "title: >\n  x\n",
            "title: &a x\nother: *a\n", "title: !!str x\n", "title: x\n  continued\n", "title: \"two\n  lines\"\n",
            "title: x\ntitle: y\n", "title:\nnext: y\n", "title: [a,\n b]\n", "title: {a: b}\n", "title: [a, ]\n",
            "title: \"\\n\"\n", "title: \"\\u0041\"\n", "title: - x\n", "title: ? x\n", "title: a: b\n", "title: a:\n",
            "  title: x\n", "title : x\n", "\"title\": x\n", "title: x\u{85}y\n", "title: x\u{2028}\n", "title: 😀\n",
            "list:\n  - a\n\n  - b\n", "list:\n  - a\n    b\n", "list:\n  - a\n - b\n", "list:\n  - k: v\n     j: w\n",
            "list:\n  - k: v\n  j: w\n", "list:\n  - - a\n", "list:\n  - [a]\n", "list:\n  -\n", "t: x\u{7F}\n",
            "t: [a:b]\n", "t: [a, b] c\n", "t: \"a\" c\n", "", "t: x\r\n", "...\n", "%YAML 1.1\nt: x\n",
            "list:\n  - a\nz: 1\n    y\n", "t: 'unclosed\n", "list:\n  - k: v\n    k: w\n",
        ]
        for yaml in left { XCTAssertFalse(compare(yaml), yaml.debugDescription) }
    }

    /// Every front matter of the sample site and the examples: both readers agree, and the plain
    /// ones (all of the sample site's briefings) take the quick way.
    func testTheSampleSiteAsYamsReadsIt() throws {
        var files: [URL] = []
        for folder in ["content", "examples"] {
            let root = SiteFixture.repository.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator where url.pathExtension == "md" { files.append(url) }
        }
        XCTAssertGreaterThan(files.count, 20)
        var quick = 0
        for file in files {
            let source = SourceReader.split(try String(contentsOf: file, encoding: .utf8))
            guard let yaml = source.frontMatter else { continue }
            if compare(yaml, file.path) {
                quick += 1
            } else if file.path.contains("/content/briefings/") {
                XCTFail("a sample briefing's front matter took Yams: \(file.path)")
            }
        }
        XCTAssertGreaterThan(quick, 20)
    }

    /// Random front matter from pieces that are plain, nearly plain or not YAML at all.
    func testGeneratedFrontMatterAsYamsReadsIt() {
        var random = SplitMix(seed: 0x5eed)
        let keys = ["title", "date", "summary", "topics", "clusters", "key_points", "k-1", "_x", "2024", "-x", "a b", "é"]
        let plain = ["plain", "two words", "Städte", "城市 (石家庄)", "x#c", "it's", "\\\"q\\\"", "\\\\", "a,b", "a]b", "true", "\u{A0}"]
        let wild = ["a: b", "a:b", "x #c", "\\n", "-x", "- x", "? x", "&a", "*a", "!t", "|", ">", "%", "@", "`", "null", "~",
                    "[a]", "{a}", "", " ", "  lead", "trail  ", "'", "''", "\"", "#", ":", "\t", "é\u{301}", "😀", "\u{85}"]
        func text() -> String {
            (0..<(1 + random.next(3))).map { _ in random.next(10) == 0 ? wild[random.next(wild.count)] : plain[random.next(plain.count)] }.joined()
        }
        func scalar(flow: Bool) -> String {
            switch random.next(4) {
            case 0: return "\"" + text() + "\""
            case 1: return "'" + text().replacingOccurrences(of: "'", with: random.next(2) == 0 ? "''" : "'") + "'"
            default:
                let t = text()
                return flow ? t.replacingOccurrences(of: ",", with: "") : t
            }
        }
        func spaces() -> String { String(repeating: " ", count: [0, 0, 1, 1, 2, 3][random.next(6)]) }
        var read = 0, left = 0
        for _ in 0..<6000 {
            var yaml = ""
            for _ in 0..<(1 + random.next(5)) {
                if random.next(8) == 0 { yaml += spaces() + "\n" }
                yaml += keys[random.next(random.next(4) == 0 ? keys.count : 6)] + [": ", ": ", ":  ", " :", ":"][random.next(5)]
                switch random.next(5) {
                case 0, 1:
                    yaml += scalar(flow: false)
                case 2:
                    yaml += "[" + spaces() + (0..<random.next(4)).map { _ in scalar(flow: true) }.joined(separator: [", ", ",", " , "][random.next(3)]) + spaces() + "]"
                default:
                    let indent = String(repeating: " ", count: [0, 2, 2, 4, 1][random.next(5)])
                    for _ in 0..<(1 + random.next(3)) {
                        yaml += "\n" + indent + ["- ", "-  ", "-"][random.next(3)]
                        if random.next(3) == 0 {
                            let inner = indent + String(repeating: " ", count: [2, 2, 3, 1][random.next(4)])
                            yaml += "title: " + scalar(flow: false)
                            if random.next(2) == 0 { yaml += "\n" + inner + "url: " + scalar(flow: false) }
                        } else {
                            yaml += scalar(flow: false)
                        }
                        if random.next(10) == 0 { yaml += "\n" }
                    }
                }
                yaml += spaces() + (random.next(10) == 0 ? " # note" : "") + "\n"
            }
            if compare(yaml) { read += 1 } else { left += 1 }
        }
        // Both ways are exercised.
        XCTAssertGreaterThan(read, 500)
        XCTAssertGreaterThan(left, 500)
    }

    /// Front matter as the benchmark corpus writes it, when `DOSSIER_YAML_CORPUS` names a content
    /// folder (for a one-off check of a large corpus): every file agrees and takes the quick way.
    func testACorpusAsYamsReadsIt() throws {
        guard let folder = ProcessInfo.processInfo.environment["DOSSIER_YAML_CORPUS"] else { throw XCTSkip("DOSSIER_YAML_CORPUS not set") }
        let paths = ContentLoader.markdownFiles(in: URL(fileURLWithPath: folder))
        var quick = 0, all = 0
        for url in paths {
            guard let yaml = SourceReader.split(try String(contentsOf: url, encoding: .utf8)).frontMatter else { continue }
            all += 1
            if compare(yaml, url.path) { quick += 1 } else { print("taken by Yams: \(url.path)") }
        }
        print("SimpleYAML read \(quick) of \(all) front matters in \(folder)")
        XCTAssertEqual(quick, all)
    }
}

/// A small seeded generator, so that the generated cases are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
