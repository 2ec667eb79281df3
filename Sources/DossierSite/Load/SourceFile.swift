import DossierModel
import Foundation

/// A content file split into its front matter and its Markdown body.
struct SourceFile: Sendable {
    /// YAML between the `---` fences, or nil when the file has none.
    var frontMatter: String?
    /// Line of the file on which the YAML starts (the line after the opening fence).
    var frontMatterLine: Int
    var body: String
    /// Lines before the body, for Markdown line numbers.
    var bodyLineOffset: Int
    /// The opening `---` has no closing fence.
    var unclosedFence = false
}

enum SourceReader {
    /// Reads a file as UTF-8; invalid bytes are an error at their line and column.
    static func read(_ url: URL, displayPath: String) -> Result<String, Diagnostic> {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "\((error as NSError).localizedDescription)"
            return .failure(.error(displayPath, "cannot read file: \(reason)"))
        }
        return decode(data, displayPath: displayPath)
    }

    static func decode(_ data: Data, displayPath: String) -> Result<String, Diagnostic> {
        if let text = String(validating: data, as: UTF8.self) {
            return .success(text)
        }
        // Find the first invalid sequence to point at it.
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                break loop
            }
        }
        return .failure(.error(displayPath, line: line, column: column, "invalid UTF-8 byte sequence"))
    }

    /// Splits `---` front matter from the body. Tolerates a UTF-8 BOM and CRLF line ends.
    static func split(_ text: String) -> SourceFile {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.contains("\r\n") { text = text.replacingOccurrences(of: "\r\n", with: "\n") }

        guard text.hasPrefix("---") else {
            return SourceFile(frontMatter: nil, frontMatterLine: 1, body: text, bodyLineOffset: 0)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines[0].trimmingCharacters(in: .whitespaces) == "---" else {
            return SourceFile(frontMatter: nil, frontMatterLine: 1, body: text, bodyLineOffset: 0)
        }
        for index in 1..<lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed == "---" || trimmed == "..." {
                let yaml = lines[1..<index].joined(separator: "\n")
                let body = index + 1 < lines.count ? lines[(index + 1)...].joined(separator: "\n") : ""
                return SourceFile(frontMatter: yaml, frontMatterLine: 2, body: body, bodyLineOffset: index + 1)
            }
        }
        return SourceFile(frontMatter: nil, frontMatterLine: 1, body: text, bodyLineOffset: 0, unclosedFence: true)
    }
}
