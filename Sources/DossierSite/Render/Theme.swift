import DossierModel
import Foundation
import Mustache

/// The templates of a theme, parsed once, with every syntax error and missing partial
/// reported against its template file.
struct Theme: Sendable {
    /// Templates every theme must provide.
    static let required = ["base", "briefing", "home", "list", "page", "404", "cluster", "clusters", "topic", "topics", "search"]

    let library: MustacheLibrary
    /// Folder with CSS, favicon and other static files copied to `assets/`.
    let assetsFolder: URL?

    static func load(folder: URL, displayPath: String) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: (text: String, path: String)] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return (nil, [.error(displayPath, "cannot read templates folder")])
        }
        for case let url as URL in enumerator where url.pathExtension == "mustache" {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            let name = String(relative.dropLast(".mustache".count))
            let path = (displayPath as NSString).appendingPathComponent(relative)
            switch SourceReader.read(url, displayPath: path) {
            case .success(let text): sources[name] = (text, path)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }

        _ = registerEscaper
        var templates: [String: MustacheTemplate] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try MustacheTemplate(string: contentTypePragma + source.text)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - contentTypePragma.count) : error.context.columnNumber
                diagnostics.append(.error(source.path, line: line, column: column,
                    "template syntax error: \(describe(error.error))"))
            } catch {
                diagnostics.append(.error(source.path, "template syntax error: \(error)"))
            }
            // swift-mustache renders a missing partial as nothing; a theme bug should fail the build.
            for reference in partialReferences(in: source.text) where sources[reference.name] == nil {
                diagnostics.append(.error(
                    source.path, line: reference.line, column: reference.column,
                    "template references missing partial '\(reference.name)'"))
            }
        }
        for name in required where sources[name] == nil {
            diagnostics.append(.error(
                (displayPath as NSString).appendingPathComponent("\(name).mustache"), "missing required template"))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }

        let assets = folder.appendingPathComponent("assets")
        var isDirectory: ObjCBool = false
        let hasAssets = fm.fileExists(atPath: assets.path, isDirectory: &isDirectory) && isDirectory.boolValue
        return (Theme(library: MustacheLibrary(templates: templates), assetsFolder: hasAssets ? assets : nil), diagnostics)
    }

    /// swift-mustache's own HTML escaping walks grapheme clusters through a dictionary; it was a
    /// tenth of a build. Every template starts with this pragma (on line 1, so line numbers stay)
    /// to escape with our byte-level `htmlEscape`, which escapes the same five characters.
    static let contentTypePragma = "{{% CONTENT_TYPE: DOSSIER_HTML}}"
    private static let registerEscaper: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: "DOSSIER_HTML")

    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// `{{> name}}` and `{{< name}}` tags with their positions (default delimiters only).
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        var line = 1
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\n" {
                line += 1
                lineStart = text.index(after: index)
            } else if text[index...].hasPrefix("{{") {
                var cursor = text.index(index, offsetBy: 2)
                if cursor < text.endIndex, text[cursor] == ">" || text[cursor] == "<" {
                    cursor = text.index(after: cursor)
                    if let close = text[cursor...].range(of: "}}") {
                        let name = text[cursor..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                        let column = text.distance(from: lineStart, to: index) + 1
                        if !name.isEmpty && !name.hasPrefix("*") { found.append((name, line, column)) }
                    }
                }
            }
            index = text.index(after: index)
        }
        return found
    }

    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "closing tag does not match the open section"
        case .unfinishedName?: return "unfinished tag"
        case .expectedSectionEnd?: return "section is never closed"
        case .invalidSetDelimiter?: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection?: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection?: return "only block definitions may appear inside an inheritance section"
        case .textInsideInheritSection?: return "text inside an inheritance section"
        case .invalidConfigVariableSyntax?: return "invalid pragma syntax"
        case .unrecognisedConfigVariable?: return "unrecognised pragma"
        case nil: return "\(error)"
        }
    }
}

private struct FastHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { htmlEscape(text) }
}
