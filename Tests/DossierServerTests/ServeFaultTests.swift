import ArgumentParser
import DossierApp
@testable import DossierServer
import DossierCLI
import DossierModel
import DossierSite
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest

/// `serve` meeting what authors do: files deleted and renamed while it runs, a port in use, a
/// site that does not build when it starts, no content folder. Each through the real server.
final class ServeFaultTests: XCTestCase {
    var root: URL!
    var content: URL { root.appendingPathComponent("content") }
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-serve-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("briefings"), withIntermediateDirectories: true)
        try write("site.yml", "title: \"Fault test\"\nbase_url: \"https://example.org/\"\npublisher: {name: P, blurb: B}\n")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func briefing(_ title: String, body: String = "Text.") -> String {
        "---\ntitle: \"\(title)\"\ndate: 2025-01-01\n---\n\(body)\n"
    }

    var options: BuildOptions {
        BuildOptions(
            contentFolder: content, templatesFolder: Self.repository.appendingPathComponent("templates"),
            outputFolder: root.appendingPathComponent("preview/site"), baseURL: "http://127.0.0.1:0/",
            buildDate: Day(iso: "2026-11-29")!, workingFolder: root)
    }

    func testDeletedBriefingLeavesTheSiteAndRenamedOneIsServedAtItsNewURL() async throws {
        try write("briefings/keep.md", briefing("Keep"))
        try write("briefings/gone.md", briefing("Gone soon"))
        try write("briefings/old-name.md", briefing("Renamed", body: "Renamed body."))
        try await withPreview(options) { port in try self.deleteAndRename(port) }
    }

    func deleteAndRename(_ port: Int) throws {
        XCTAssertEqual(try get(port, "/briefings/gone/").0, 200)
        XCTAssertTrue(try get(port, "/").1.contains("Gone soon"))
        let events = try EventStream(port: port)

        try FileManager.default.removeItem(at: content.appendingPathComponent("briefings/gone.md"))
        XCTAssertEqual(try events.next(), "event: reload\ndata: ok", "a deletion is a change, not an error")
        XCTAssertEqual(try get(port, "/briefings/gone/").0, 404)
        XCTAssertFalse(try get(port, "/").1.contains("Gone soon"), "it leaves the lists")
        XCTAssertFalse(try get(port, "/briefings/").1.contains("Gone soon"))
        XCTAssertTrue(try get(port, "/").1.contains("Keep"))

        try FileManager.default.moveItem(at: content.appendingPathComponent("briefings/old-name.md"),
                                         to: content.appendingPathComponent("briefings/new-name.md"))
        XCTAssertEqual(try events.next(), "event: reload\ndata: ok")
        let (status, body) = try get(port, "/briefings/new-name/")
        XCTAssertEqual(status, 200, "served at its new URL at once")
        XCTAssertTrue(body.contains("Renamed body."))
        XCTAssertEqual(try get(port, "/briefings/old-name/").0, 404)

        // A new folder and then that folder moved away (its files with it) are changes too.
        try write("briefings/2024/in-folder.md", briefing("In a folder"))
        try eventually("the new folder's briefing is served") { try get(port, "/briefings/2024/in-folder/").0 == 200 }
        try FileManager.default.moveItem(at: content.appendingPathComponent("briefings/2024"), to: root.appendingPathComponent("moved-away"))
        try eventually("the moved folder's briefing is gone") { try get(port, "/briefings/2024/in-folder/").0 == 404 }
        XCTAssertFalse(try get(port, "/").1.contains("In a folder"))
    }

    func testBrokenSiteAtStartShowsTheOverlayAndReloadsWhenFixed() async throws {
        try write("briefings/one.md", "---\ntitle: [broken\ndate: 2025-01-01\n---\nText.\n")
        try await withPreview(options) { port in try self.brokenThenFixed(port) }
    }

    func brokenThenFixed(_ port: Int) throws {
        let (status, body) = try get(port, "/")
        XCTAssertEqual(status, 500)
        XCTAssertTrue(body.contains("<script src=\"/__dossier/live.js\"></script>"), "the page listens for the overlay and the reload: \(body)")
        XCTAssertTrue(body.contains("<pre>content/briefings/one.md:3:5: error: invalid YAML: did not find expected &#39;,&#39; or &#39;]&#39;</pre>"), body)
        XCTAssertFalse(body.contains("Not found."))
        let events = try EventStream(port: port)
        let failure = try events.next()
        XCTAssertEqual(failure, "event: failure\ndata: content/briefings/one.md:3:5: error: invalid YAML: did not find expected ',' or ']'")

        try write("briefings/one.md", briefing("One", body: "Fixed."))
        XCTAssertEqual(try events.next(), "event: reload\ndata: ok", "fixing the file reloads the tab")
        let fixed = try get(port, "/briefings/one/")
        XCTAssertEqual(fixed.0, 200)
        XCTAssertTrue(fixed.1.contains("Fixed."))
    }

    /// Runs `dossier ARGUMENTS` in a task, raced against a timeout (the faults guarded against
    /// include a hang); returns how it ended and what it printed.
    func runDossier(_ arguments: [String], timeout: Duration = .seconds(3)) async -> (outcome: Outcome, stderr: String, stdout: String) {
        let outcome = Outcome()
        let (stderr, stdout) = await captureOutput {
            let start = ContinuousClock.now
            let task = Task {
                do {
                    var command = try XCTUnwrap(try Dossier.parseAsRoot(arguments) as? AsyncParsableCommand)
                    try await command.run()
                    outcome.set(nil)
                } catch {
                    outcome.set(error)
                }
            }
            while !outcome.done && ContinuousClock.now - start < timeout { try? await Task.sleep(for: .milliseconds(10)) }
            task.cancel()
        }
        return (outcome, stderr, stdout)
    }

    /// `dossier serve --port P` while P is taken: an error that names the port, status 1, at once.
    func testBusyPortIsAnErrorNamingThePortWithinASecond() async throws {
        let listener = try Listener()
        try write("briefings/one.md", briefing("One"))
        let start = ContinuousClock.now
        let (outcome, stderr, stdout) = await runDossier(
            ["serve", "--port", String(listener.port), "--content", content.path, "--templates",
             Self.repository.appendingPathComponent("templates").path])
        XCTAssertTrue(outcome.done, "serve on a busy port never ended")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
        XCTAssertEqual(outcome.error.map { Dossier.exitCode(for: $0) }, ExitCode.failure)
        XCTAssertEqual(stderr, "error: cannot listen on 127.0.0.1:\(listener.port): the port is in use; stop the program that uses it or choose another port with --port\n")
        XCTAssertFalse(stdout.contains("Serving"), stdout)
    }

    func testMissingContentFolderIsAnErrorAndServeStops() async throws {
        let (outcome, stderr, stdout) = await runDossier(["serve", "--port", "0", "--content", root.appendingPathComponent("nowhere").path])
        XCTAssertTrue(outcome.done, "serve without a content folder never ended")
        XCTAssertEqual(outcome.error.map { Dossier.exitCode(for: $0) }, ExitCode.failure)
        XCTAssertEqual(stderr, "\(root.appendingPathComponent("nowhere").path): error: content folder not found\nserve stopped: 1 error\n")
        XCTAssertEqual(stdout, "", "no 'Serving…'")
    }

    /// The executable itself: a busy port ends it with status 1 within a second (it used to
    /// hang, deaf to SIGINT and SIGTERM), and SIGTERM stops a running preview cleanly.
    func testTheExecutableExitsOnABusyPortAndStopsOnSIGTERM() throws {
        // Built beside the test bundle (`swift test` builds every product).
        #if os(macOS)
        let products = Bundle(for: Self.self).bundleURL.deletingLastPathComponent()
        #else
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        #endif
        let binary = products.appendingPathComponent("dossier")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return XCTFail("no dossier executable beside the test bundle at \(binary.path): `swift build` first")
        }
        try write("briefings/one.md", briefing("One"))
        let templates = Self.repository.appendingPathComponent("templates").path
        let listener = try Listener()
        let busy = try Run(binary, ["serve", "--port", String(listener.port), "--content", content.path, "--templates", templates])
        XCTAssertTrue(busy.wait(seconds: 1), "exits by itself within a second")
        XCTAssertEqual(busy.process.terminationStatus, 1)
        XCTAssertTrue(busy.standardError.contains("error: cannot listen on 127.0.0.1:\(listener.port): the port is in use"), busy.standardError)

        let running = try Run(binary, ["serve", "--port", "0", "--content", content.path, "--templates", templates])
        let deadline = Date().addingTimeInterval(30)
        while !running.standardOutput.contains("Serving http://127.0.0.1:") && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(running.standardOutput.contains("Serving"), running.standardOutput + running.standardError)
        kill(running.process.processIdentifier, SIGTERM)
        XCTAssertTrue(running.wait(seconds: 5), "SIGTERM stops it")
        XCTAssertEqual(running.process.terminationStatus, 0)
        XCTAssertTrue(running.standardOutput.hasSuffix("Stopped.\n"), running.standardOutput)
    }

    func get(_ port: Int, _ path: String) throws -> (Int, String) { try httpGet(port, path) }

    /// Waits until `condition` holds (a rebuild is done), up to five seconds.
    func eventually(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("never: \(what)")
    }
}

/// How a command run in a task ended.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (any Error)??
    func set(_ error: (any Error)?) { lock.lock(); value = .some(error); lock.unlock() }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return value != nil }
    var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return value ?? nil }
}

/// The portable watcher and the Linux one report the same kinds of change.
final class WatcherTests: XCTestCase {
    func changes(method: Watcher.Method, expectingNone: Bool = false, _ edit: (URL) throws -> Void) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-watch-\(UUID().uuidString)").resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "a".write(to: folder.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try "b".write(to: folder.appendingPathComponent("sub/b.md"), atomically: true, encoding: .utf8)
        let seen = Seen()
        let watcher = try Watcher(folders: [folder], method: method, pollMilliseconds: 50) { seen.add($0) }
        watcher.start()
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.2)
        try edit(folder)
        let deadline = Date().addingTimeInterval(expectingNone ? 0.5 : 5)
        while seen.paths.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 0.2)  // anything that follows in the same burst
        return seen.paths.map { String($0.dropFirst(folder.path.count + 1)) }.sorted()
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ paths: [String]) { lock.lock(); list += paths; lock.unlock() }
        var paths: Set<String> { lock.lock(); defer { lock.unlock() }; return Set(list) }
    }

    func methods() -> [Watcher.Method] {
        Watcher.defaultMethod == .inotify ? [.inotify, .polling] : [.polling]
    }

    func testModifyCreateDeleteRenameAndFolderMoves() throws {
        for method in methods() {
            XCTAssertEqual(try changes(method: method) { try "a2, longer".write(to: $0.appendingPathComponent("a.md"), atomically: false, encoding: .utf8) },
                           ["a.md"], "\(method): modified")
            XCTAssertEqual(try changes(method: method) { try "c".write(to: $0.appendingPathComponent("sub/c.md"), atomically: false, encoding: .utf8) },
                           ["sub/c.md"], "\(method): created")
            XCTAssertEqual(try changes(method: method) { try FileManager.default.removeItem(at: $0.appendingPathComponent("a.md")) },
                           ["a.md"], "\(method): deleted")
            XCTAssertEqual(try changes(method: method) {
                try FileManager.default.moveItem(at: $0.appendingPathComponent("a.md"), to: $0.appendingPathComponent("z.md"))
            }, ["a.md", "z.md"], "\(method): renamed: both the old and the new path")
            let moved = try changes(method: method) {
                try FileManager.default.moveItem(at: $0.appendingPathComponent("sub"), to: $0.deletingLastPathComponent().appendingPathComponent("away-\(UUID().uuidString)"))
            }
            XCTAssertTrue(moved.contains("sub"), "\(method): a folder moved away: \(moved)")
            XCTAssertEqual(try changes(method: method, expectingNone: true) { try "x".write(to: $0.appendingPathComponent(".a.md.swp"), atomically: false, encoding: .utf8) },
                           [], "\(method): an editor's scratch file is no change")
        }
    }

    func testTheDefaultMethodFollowsTheBuildFlag() {
        #if canImport(Glibc) && !DOSSIER_POLLING_WATCHER
        XCTAssertEqual(Watcher.defaultMethod, .inotify)
        #else
        XCTAssertEqual(Watcher.defaultMethod, .polling)
        #endif
    }
}

/// A listening loopback socket on an ephemeral port, to make a port busy.
final class Listener {
    let fd: Int32
    let port: Int

    init() throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 1) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

/// A child process with its output collected.
final class Run: @unchecked Sendable {
    let process = Process()
    private let out = Collected(), err = Collected()

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.lock(); data += more; lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    init(_ binary: URL, _ arguments: [String]) throws {
        process.executableURL = binary
        process.arguments = arguments
        for (pipe, collected) in [(Pipe(), out), (Pipe(), err)] {
            if collected === out { process.standardOutput = pipe } else { process.standardError = pipe }
            pipe.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        }
        try process.run()
    }

    deinit { if process.isRunning { process.terminate() } }

    var standardOutput: String { out.text }
    var standardError: String { err.text }

    /// Whether the process ended within the time.
    func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        guard !process.isRunning else { return false }
        Thread.sleep(forTimeInterval: 0.1)  // the last output
        return true
    }
}

/// Runs `body` with standard error and standard output going to files; returns what it printed.
func captureOutput(_ body: () async -> Void) async -> (standardError: String, standardOutput: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-capture-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var saved: [Int32] = []
    for (fd, name) in [(STDERR_FILENO, "err"), (STDOUT_FILENO, "out")] {
        let file = open(folder.appendingPathComponent(name).path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        saved.append(dup(fd))
        dup2(file, fd)
        close(file)
    }
    await body()
    dup2(saved[0], STDERR_FILENO)
    dup2(saved[1], STDOUT_FILENO)
    saved.forEach { close($0) }
    func read(_ name: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
    return (read("err"), read("out"))
}
