import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` with the version from the top-level `VERSION` file and the commit
/// the sources are built from. The version-stamper tool reads both when the command runs (the
/// package manager reuses a plugin's commands, arguments included, until the package's
/// structure changes, so nothing read here may end up in the output). What the plugin gives is
/// the list of files whose change must re-run the command: VERSION, `.git` (a worktree's file),
/// HEAD, packed-refs and the ref folders and files (a folder changes when git renames a
/// new ref file into it, so commits on any branch are seen).
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
        let files = FileManager.default
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return [] }
        var gitDir = dotGit
        var found: [URL] = []
        if !isFolder.boolValue {  // a worktree: `gitdir: PATH`
            found.append(dotGit)
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return found }
            gitDir = resolve(String(text.dropFirst("gitdir:".count)).trimmingCharacters(in: .whitespacesAndNewlines), against: package)
        }
        var commonDir = gitDir
        if let common = try? String(contentsOf: gitDir.appending(path: "commondir"), encoding: .utf8) {
            commonDir = resolve(common.trimmingCharacters(in: .whitespacesAndNewlines), against: gitDir)
        }
        for folder in Set([gitDir, commonDir]) {
            for name in ["HEAD", "packed-refs"] where files.fileExists(atPath: folder.appending(path: name).path) {
                found.append(folder.appending(path: name))
            }
            let heads = folder.appending(path: "refs/heads")
            guard files.fileExists(atPath: heads.path) else { continue }
            found.append(heads)
            for case let url as URL in files.enumerator(at: heads, includingPropertiesForKeys: nil) ?? FileManager.DirectoryEnumerator() {
                found.append(url)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    static func resolve(_ path: String, against base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appending(path: path).standardizedFileURL
    }
}
