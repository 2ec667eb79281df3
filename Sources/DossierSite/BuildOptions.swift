import DossierModel
import Foundation

public struct BuildOptions: Sendable {
    public var contentFolder: URL
    /// `nil`: `templates/` beside the content folder, else `./templates`.
    public var templatesFolder: URL?
    public var outputFolder: URL
    /// Overrides `base_url` from site.yml.
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Diagnostics show paths relative to this folder when they are inside it.
    public var workingFolder: URL

    public init(
        contentFolder: URL, templatesFolder: URL? = nil, outputFolder: URL, baseURL: String? = nil,
        includeDrafts: Bool = false,
        workingFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.contentFolder = contentFolder.standardizedFileURL
        self.templatesFolder = templatesFolder?.standardizedFileURL
        self.outputFolder = outputFolder.standardizedFileURL
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.workingFolder = workingFolder.standardizedFileURL
    }

    /// `--templates`, else `templates/` beside the content folder, else `./templates`.
    public var resolvedTemplatesFolder: URL {
        if let templatesFolder { return templatesFolder }
        let beside = contentFolder.deletingLastPathComponent().appendingPathComponent("templates")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return workingFolder.appendingPathComponent("templates")
    }

    /// How a path is shown in diagnostics: relative to the working folder when inside it.
    func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = workingFolder.path.hasSuffix("/") ? workingFolder.path : workingFolder.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var briefings: Int
    public var warnings: [Diagnostic]
    /// Stage name and seconds, in order.
    public var timings: [(stage: String, seconds: Double)]
}
