import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` with the version from the top-level `VERSION` file and the commit
/// the sources are built from. The version-stamper tool reads both when the command runs: the
/// package manager reuses a plugin's commands, arguments and inputs included, until the package's
/// structure changes, so nothing read here may end up in the output, and every input must be a
/// path that stays. The inputs are VERSION and git's folders: a folder's time changes when git
/// renames a file into it, as it does for HEAD, the index and packed-refs on a commit, checkout
/// or pack (the git folder) and for a branch's ref (refs/heads).
@main
struct StampVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        return [.buildCommand(
            displayName: "Stamping the version and commit",
            executable: try context.tool(named: "version-stamper").url,
            arguments: [package.path, output.path],
            inputFiles: [package.appending(path: "VERSION")] + Self.gitFiles(package: package),
            outputFiles: [output])]
    }

    static func gitFiles(package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return [] }
        guard !isFolder.boolValue else { return [dotGit, dotGit.appending(path: "refs/heads")] }
        // A worktree: `.git` is a file holding `gitdir: PATH`; that folder has HEAD and the index,
        // the common folder (`commondir`) the refs.
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return [dotGit] }
        let gitDir = resolve(String(text.dropFirst("gitdir:".count)).trimmingCharacters(in: .whitespacesAndNewlines), against: package)
        guard let common = try? String(contentsOf: gitDir.appending(path: "commondir"), encoding: .utf8) else { return [dotGit, gitDir] }
        let commonDir = resolve(common.trimmingCharacters(in: .whitespacesAndNewlines), against: gitDir)
        return [dotGit, gitDir, commonDir, commonDir.appending(path: "refs/heads")]
    }

    static func resolve(_ path: String, against base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appending(path: path).standardizedFileURL
    }
}
