import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` with the version from the top-level `VERSION` file and the commit
/// the sources were built from, read from `.git` without running `git` (a worktree's `.git` file,
/// loose refs and `packed-refs` are understood). Without a `.git` (a source tarball) the commit is
/// "unknown". The files read are the command's inputs, so a new commit or checkout re-stamps.
@main
struct StampVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let versionFile = package.appending(path: "VERSION")
        let head = GitHead(package: package)
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        return [.buildCommand(
            displayName: "Stamping the version and commit",
            executable: try context.tool(named: "version-stamper").url,
            arguments: [versionFile.path, head.commit, output.path],
            inputFiles: [versionFile] + head.filesRead,
            outputFiles: [output])]
    }
}

/// The commit that `.git/HEAD` names, and the files that had to be read to find it.
struct GitHead {
    var commit = "unknown"
    var filesRead: [URL] = []

    init(package: URL) {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return }
        var gitDir = dotGit
        if !isFolder.boolValue {
            // A worktree or submodule: `.git` is a file holding `gitdir: PATH`.
            guard let text = read(dotGit), text.hasPrefix("gitdir:") else { return }
            gitDir = Self.resolve(String(text.dropFirst("gitdir:".count)).trimmingCharacters(in: .whitespaces), against: package)
        }
        // Refs shared by all worktrees live in the common folder (`commondir`), HEAD in the worktree's.
        var commonDir = gitDir
        if let common = read(gitDir.appending(path: "commondir")) {
            commonDir = Self.resolve(common, against: gitDir)
        }
        guard let headText = read(gitDir.appending(path: "HEAD")) else { return }
        if !headText.hasPrefix("ref:") {
            if Self.isObjectID(headText) { commit = headText }  // detached HEAD
            return
        }
        let ref = String(headText.dropFirst("ref:".count)).trimmingCharacters(in: .whitespaces)
        for folder in [gitDir, commonDir] {
            if let loose = read(folder.appending(path: ref)), Self.isObjectID(loose) {
                commit = loose
                return
            }
        }
        if let packed = read(commonDir.appending(path: "packed-refs")) {
            for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
                let fields = line.split(separator: " ", maxSplits: 1)
                if fields.count == 2, fields[1] == ref, Self.isObjectID(String(fields[0])) {
                    commit = String(fields[0])
                    return
                }
            }
        }
        // A branch with no commits yet: stays "unknown".
    }

    /// Reads a file, trims it, and remembers it as an input of the build command.
    private mutating func read(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        filesRead.append(url)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func resolve(_ path: String, against base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appending(path: path).standardizedFileURL
    }

    /// A SHA-1 (40) or SHA-256 (64) object id in lower-case hex.
    private static func isObjectID(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
