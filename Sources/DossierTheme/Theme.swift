import Foundation

/// The default theme, embedded in the binary so that `dossier new site` and `dossier build`
/// work without a templates folder. Its one source of truth is the top-level `templates/`
/// folder, which the EmbedTheme build plugin turns into `EmbeddedTheme.swift`.
public enum DefaultTheme {
    /// Relative path → file contents, sorted by path.
    public static var files: [(path: String, contents: Data)] {
        embeddedThemeFiles.map { ($0.path, Data(base64Encoded: $0.base64) ?? Data()) }
    }

    /// Writes the theme into `folder` (created if needed); refuses to overwrite a file.
    public static func write(to folder: URL) throws {
        let fm = FileManager.default
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard !fm.fileExists(atPath: url.path) else {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: url.path])
            }
            try contents.write(to: url)
        }
    }
}
