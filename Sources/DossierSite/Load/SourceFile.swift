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
            let reason = switch (error as? CocoaError)?.code {
            case .fileReadNoSuchFile?: "no such file (a broken link?)"
            case .fileReadNoPermission?: "permission denied"
            default: (error as NSError).localizedDescription
            }
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
    /// Works on bytes: this runs twice per page, and Character-level splitting of a whole
    /// body was the largest single cost of a build.
    static func split(_ text: String) -> SourceFile {
        var bytes = Array(text.utf8)
        var text = text
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(13) {
            // CRLF → LF; a lone CR stays.
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            for (i, b) in bytes.enumerated() where !(b == 13 && i + 1 < bytes.count && bytes[i + 1] == 10) { kept.append(b) }
            bytes = kept
        }
        if bytes.count != text.utf8.count { text = String(decoding: bytes, as: UTF8.self) }

        // The fence line: `---` (or `...` to close), then only spaces or tabs.
        func isFence(_ start: Int, _ end: Int, closing: Bool) -> Bool {
            guard end - start >= 3 else { return false }
            let c = bytes[start]
            guard c == UInt8(ascii: "-") || (closing && c == UInt8(ascii: ".")) else { return false }
            guard bytes[start + 1] == c, bytes[start + 2] == c else { return false }
            return bytes[(start + 3)..<end].allSatisfy { $0 == 32 || $0 == 9 }
        }
        func lineEnd(_ start: Int) -> Int { bytes[start...].firstIndex(of: 10) ?? bytes.count }

        let firstEnd = lineEnd(0)
        guard isFence(0, firstEnd, closing: false) else {
            return SourceFile(frontMatter: nil, frontMatterLine: 1, body: text, bodyLineOffset: 0)
        }
        var start = firstEnd + 1
        var line = 2
        while start <= bytes.count {
            let end = lineEnd(start)
            if isFence(start, end, closing: true) {
                let yaml = String(decoding: bytes[(firstEnd + 1)..<max(firstEnd + 1, start - 1)], as: UTF8.self)
                let body = end < bytes.count ? String(decoding: bytes[(end + 1)...], as: UTF8.self) : ""
                return SourceFile(frontMatter: yaml, frontMatterLine: 2, body: body, bodyLineOffset: line)
            }
            start = end + 1
            line += 1
        }
        return SourceFile(frontMatter: nil, frontMatterLine: 1, body: text, bodyLineOffset: 0, unclosedFence: true)
    }
}
