@testable import DossierServer
import DossierModel
import DossierSite
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest

final class PathSafetyTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site/briefings/x"), withIntermediateDirectories: true)
        try "<p>x</p>".write(to: root.appendingPathComponent("site/briefings/x/index.html"), atomically: true, encoding: .utf8)
        try "secret".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("site/leak.txt").path,
                                                   withDestinationPath: root.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("site/outside").path, withDestinationPath: "/etc")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func testTraversalAttemptsAreRefused() {
        let site = root.appendingPathComponent("site").resolvingSymlinksInPath().path
        for attempt in ["/../secret.txt", "/briefings/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                        "/briefings%2fx/index.html", "/briefings\\x", "/x%00.html", "/leak.txt", "/outside/passwd", "relative"] {
            XCTAssertEqual(PreviewServer.resolve(attempt, root: site), .refused, attempt)
        }
    }

    func testFilesFoldersAndMisses() {
        let site = root.appendingPathComponent("site").resolvingSymlinksInPath().path
        XCTAssertEqual(PreviewServer.resolve("/briefings/x/", root: site), .file(site + "/briefings/x/index.html"))
        XCTAssertEqual(PreviewServer.resolve("/briefings/x", root: site), .redirect("/briefings/x/"))
        XCTAssertEqual(PreviewServer.resolve("/briefings/y/", root: site), .missing)
        XCTAssertEqual(PreviewServer.resolve("/briefings/%78/", root: site), .file(site + "/briefings/x/index.html"))
    }
}

/// A preview of a fixture site on an ephemeral loopback port.
final class PreviewTests: XCTestCase {
    func testServesReloadsAndShowsFailures() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: content.appendingPathComponent("briefings"), withIntermediateDirectories: true)
        try "title: \"Preview test\"\nbase_url: \"https://example.org/\"\npublisher: {name: P, blurb: B}\n"
            .write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        let briefing = content.appendingPathComponent("briefings/one.md")
        try "---\ntitle: \"One\"\ndate: 2025-01-01\n---\nFirst version.\n".write(to: briefing, atomically: true, encoding: .utf8)
        let options = BuildOptions(
            contentFolder: content, templatesFolder: repository.appendingPathComponent("templates"),
            outputFolder: root.appendingPathComponent("preview/site"), baseURL: "http://127.0.0.1:0/",
            buildDate: Day(iso: "2026-11-29")!, workingFolder: root)
        try await withPreview(options) { port in try self.check(port, options: options, briefing: briefing) }
    }

    func check(_ port: Int, options: BuildOptions, briefing: URL) throws {

        var (status, body) = try get(port, "/briefings/one/")
        XCTAssertEqual(status, 200)
        XCTAssertTrue(body.contains("First version."))
        XCTAssertTrue(body.contains("<script src=\"/__dossier/live.js\"></script>\n</body>"), "the reload script, in served pages only")
        XCTAssertFalse(try String(contentsOf: options.outputFolder.appendingPathComponent("briefings/one/index.html"), encoding: .utf8)
            .contains("live.js"), "never in the built files")
        (status, body) = try get(port, "/missing/")
        XCTAssertEqual(status, 404)
        XCTAssertTrue(body.contains("Page not found"), "the site's own 404 page")
        (status, _) = try get(port, "/../../etc/passwd")
        XCTAssertEqual(status, 400)

        let events = try EventStream(port: port)
        try "---\ntitle: \"One\"\ndate: 2025-01-01\n---\nSecond version.\n".write(to: briefing, atomically: true, encoding: .utf8)
        XCTAssertEqual(try events.next(), "event: reload\ndata: ok")
        XCTAssertTrue(try get(port, "/briefings/one/").1.contains("Second version."))

        try "---\ntitle: [broken\ndate: 2025-01-01\n---\nThird.\n".write(to: briefing, atomically: true, encoding: .utf8)
        let failure = try events.next()
        XCTAssertTrue(failure.hasPrefix("event: failure\ndata: content/briefings/one.md:3:5: error: invalid YAML"), failure)
        XCTAssertTrue(try get(port, "/briefings/one/").1.contains("Second version."), "the last good page stays up")

        try "---\ntitle: \"One\"\ndate: 2025-01-01\n---\nFixed.\n".write(to: briefing, atomically: true, encoding: .utf8)
        XCTAssertEqual(try events.next(), "event: reload\ndata: ok", "fixing the file clears the overlay")
        XCTAssertTrue(try get(port, "/briefings/one/").1.contains("Fixed."))
    }

    func get(_ port: Int, _ path: String) throws -> (Int, String) { try httpGet(port, path) }
}

/// Runs a preview of `options` on an ephemeral loopback port while `body` runs, then stops it
/// and waits until it has stopped (its watcher too), so that nothing of it outlives the test.
func withPreview(_ options: BuildOptions, _ body: (Int) async throws -> Void) async throws {
    let preview = try Preview.make(options: options, host: "127.0.0.1", port: 0, console: .init(quiet: true, verbose: false))
    let ready = AsyncStream<Int>.makeStream()
    let server = Task { try await preview.run { port in ready.continuation.yield(port) } }
    var iterator = ready.stream.makeAsyncIterator()
    var failure: (any Error)?
    if let port = await iterator.next() {
        do { try await body(port) } catch { failure = error }
    } else {
        failure = POSIXError(.ECONNREFUSED)
    }
    server.cancel()
    _ = await server.result
    if let failure { throw failure }
}

/// A minimal HTTP/1.1 GET over a loopback socket: status and body.
func httpGet(_ port: Int, _ path: String) throws -> (Int, String) {
    let socket = try Socket(port: port)
    try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    let response = try socket.readAll()
    let status = Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
    let body = response.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    return (status, body)
}

/// Reads server-sent events, one block at a time, with a timeout.
final class EventStream {
    let socket: Socket
    var buffer = ""

    init(port: Int) throws {
        socket = try Socket(port: port)
        try socket.send("GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        _ = try next(prefix: ": connected")
    }

    /// The next event block (comment lines and chunk sizes skipped).
    func next(prefix: String = "event:") throws -> String {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let range = buffer.range(of: prefix), let end = buffer[range.lowerBound...].range(of: "\n\n") {
                let block = String(buffer[range.lowerBound..<end.lowerBound])
                buffer = String(buffer[end.upperBound...])
                return block.split(separator: "\r\n").filter { !$0.allSatisfy(\.isHexDigit) }.joined(separator: "\n")
                    .replacingOccurrences(of: "\r", with: "")
            }
            buffer += try socket.read(timeout: 0.5)
        }
        throw POSIXError(.ETIMEDOUT)
    }
}

final class Socket {
    let fd: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
        let sent = Glibc.send(fd, bytes, bytes.count, 0)
        #else
        let sent = Darwin.send(fd, bytes, bytes.count, 0)
        #endif
        guard sent == bytes.count else { throw POSIXError(.EIO) }
    }

    func read(timeout: Double) throws -> String {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return "" }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }

    func readAll() throws -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
