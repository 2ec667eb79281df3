import Foundation

/// The repository's top folder and a way to run its scripts and tools from the tests.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    struct Output {
        var status: Int32
        var text: String
        var trimmed: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Runs a command (looked up on PATH) in the repository folder; stdout and stderr together.
    /// nil when the command is not installed.
    static func run(_ command: String, _ arguments: [String]) throws -> Output? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { return nil }  // env: command not found
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }
}
