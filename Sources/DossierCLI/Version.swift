import DossierMarkdown

/// What `dossier --version` prints: the version from the top-level `VERSION` file and the commit
/// the binary was built from (both stamped at build time by the StampVersion plugin; the commit
/// is "unknown" when built outside a git checkout), and the libcmark it runs with.
public struct VersionInfo: Sendable, Equatable, CustomStringConvertible {
    public var version: String
    public var commit: String
    public var libcmark: String

    public static let current = VersionInfo(
        version: GeneratedBuildInfo.version, commit: GeneratedBuildInfo.commit, libcmark: Markdown.libcmarkVersion)

    /// `dossier 0.3.0 (commit 1a2b…, libcmark 0.30.2)`
    public var description: String { "dossier \(version) (commit \(commit), libcmark \(libcmark))" }
}
