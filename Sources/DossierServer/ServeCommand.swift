import ArgumentParser
import DossierCLI
import DossierModel
import DossierSite
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve on this machine and rebuild as you edit; open tabs reload by themselves.",
        discussion: """
            The preview is built into a private temporary folder with the local address as its
            base URL; the publishing output folder is never touched. A failed rebuild keeps the
            last good site and shows the diagnostics in the terminal and over the page.

            Examples:
              dossier serve
              dossier serve --port 8080 --drafts
              dossier serve --edition licensee --content site/content
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8000

    @Option(help: "The address to listen on; loopback by default.")
    var host: String = "127.0.0.1"

    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-serve-\(getpid())-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let console = Console(quiet: output.quiet, verbose: output.verbose)
        let host = self.host
        do {
            let server = try await Preview.start(site: site, host: host, port: port, folder: folder.appendingPathComponent("site"),
                                                 console: console)
            try await server.run(host: host) { port in
                console.info("Serving http://\(host):\(port)/ — edit and save, open tabs reload. Ctrl-C stops.")
            }
        } catch let failure as BuildFailure {
            console.diagnostics(failure.diagnostics)
            console.error("serve stopped: \(failure.errorCount) error\(failure.errorCount == 1 ? "" : "s")")
            throw ExitCode.failure
        } catch let failure as Preview.ListenFailure {
            console.error("error: \(failure)")
            throw ExitCode.failure
        }
        console.info("Stopped.")
    }
}

/// A running preview: session, server and watcher wired together. Tests start one on port 0.
public struct Preview: Sendable {
    public let session: PreviewSession
    public let reload: LiveReload
    public let port: Int
    let application: Application<CallbackResponder<BasicRequestContext>>
    let watcher: Watcher
    let portBox: PortBox

    /// The bound port, once the server listens. Waiting ends with nil when the task is
    /// cancelled: a server that cannot bind cancels the group, and nothing may wait forever.
    final class PortBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Int?
        private var cancelled = false
        private var waiters: [CheckedContinuation<Int?, Never>] = []
        func set(_ port: Int) { finish(port) }
        func cancel() { finish(nil) }
        private func finish(_ port: Int?) {
            lock.lock()
            if port == nil { cancelled = true } else { value = port }
            let w = waiters
            waiters = []
            lock.unlock()
            for c in w { c.resume(returning: port) }
        }
        var port: Int? {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
        func get() async -> Int? {
            await withTaskCancellationHandler {
                await withCheckedContinuation { c in
                    lock.lock()
                    if value != nil || cancelled { let v = value; lock.unlock(); c.resume(returning: v) } else { waiters.append(c); lock.unlock() }
                }
            } onCancel: { cancel() }
        }
    }

    /// The server could not listen (a port in use, a port below 1024 without the right).
    public struct ListenFailure: Error, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var reason: String

        init(host: String, port: Int, error: any Error) {
            self.host = host
            self.port = port
            let text = String(describing: error)
            if text.contains("in use") || text.contains("EADDRINUSE") {
                reason = "the port is in use; stop the program that uses it or choose another port with --port"
            } else if text.contains("ermission denied") || text.contains("EACCES") {
                reason = "permission denied; choose a port above 1023 with --port"
            } else {
                reason = text
            }
        }

        public var description: String { "cannot listen on \(host):\(port): \(reason)" }
    }

    /// Builds once, then prepares the server and the watcher (call `run`).
    public static func start(site: SiteOptions, host: String, port: Int, folder: URL, console: Console) async throws -> Preview {
        let options = site.buildOptions(out: folder.path, baseURL: "http://\(host):\(port)/")
        return try make(options: options, host: host, port: port, console: console)
    }

    public static func make(options: BuildOptions, host: String, port: Int, console: Console) throws -> Preview {
        // Without a content folder there is nothing to watch or serve: stop before listening.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.contentFolder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildFailure([.error(options.display(options.contentFolder), "content folder not found")])
        }
        let reload = LiveReload()
        let portBox = PortBox()
        var logger = Logger(label: "dossier-serve")
        logger.logLevel = .critical  // shutdown chatter; real failures (a busy port) are thrown
        // The base URL must name the real port; with port 0 it is known only once bound, so the
        // first build waits for it.
        let sessionBox = SessionBox()
        let application = Application(
            responder: PreviewServer.responder(root: options.outputFolder, reload: reload),
            configuration: .init(address: .hostname(host, port: port), serverName: "dossier"),
            onServerRunning: { channel in portBox.set(channel.localAddress?.port ?? port) },
            logger: logger)
        let contentFolders = [options.contentFolder] + (options.resolvedTemplatesFolder.map { [$0] } ?? [])
        let watcher = try Watcher(folders: contentFolders) { paths in
            guard let session = sessionBox.session else { return }
            session.rebuild(changed: paths) { outcome in
                console.rebuilt(outcome)
                Task { await reload.send(outcome.succeeded ? .reload : .failure(outcome.diagnostics.map(\.description).joined(separator: "\n"))) }
            }
        }
        _ = sessionBox
        let preview = Preview(session: PreviewSession(options: options), reload: reload, port: port, application: application,
                              watcher: watcher, portBox: portBox)
        sessionBox.session = preview.session
        return preview
    }

    final class SessionBox: @unchecked Sendable { var session: PreviewSession? }

    /// Binds, builds with the bound port in the base URL, then serves until Ctrl-C (or until
    /// the task is cancelled) and stops cleanly.
    public func run(host: String = "127.0.0.1", onReady: (@Sendable (Int) async -> Void)? = nil) async throws {
        let console = Console(quiet: false, verbose: false)
        let reload = self.reload
        let portBox = self.portBox
        let session = self.session
        let watcher = self.watcher
        defer { watcher.stop() }
        let ready = ReadyHook {
            guard let port = await portBox.get() else { return }
            session.setBaseURL("http://\(host):\(port)/")
            let outcome = session.build()
            if !outcome.succeeded {
                console.diagnostics(outcome.diagnostics)
                await reload.send(.failure(outcome.diagnostics.map(\.description).joined(separator: "\n")))
            }
            watcher.start()
            await onReady?(port)
        }
        let group = ServiceGroup(configuration: .init(
            services: [application, ShutdownHook { await reload.finishAll() }, ready],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "dossier-serve")))
        do {
            try await group.run()
        } catch {
            // Before the port was bound, an error is the listening socket's.
            guard portBox.port == nil, !(error is CancellationError) else { throw error }
            throw ListenFailure(host: host, port: self.port, error: error)
        }
    }
}

/// Ends the live-reload streams when the server shuts down, so that open tabs do not keep it waiting.
struct ShutdownHook: Service {
    let action: @Sendable () async -> Void
    func run() async throws {
        try? await gracefulShutdown()
        await action()
    }
}

/// Calls back once the server has its port (tests use it to learn the ephemeral port).
struct ReadyHook: Service {
    let action: @Sendable () async -> Void
    func run() async throws {
        await action()
        try? await gracefulShutdown()
    }
}

extension Console {
    /// One line per rebuild, with its time.
    func rebuilt(_ outcome: PreviewSession.Outcome) {
        diagnostics(outcome.diagnostics)
        let time = outcome.milliseconds < 1000 ? "\(Int(outcome.milliseconds.rounded())) ms" : String(format: "%.2f s", outcome.milliseconds / 1000)
        info(outcome.succeeded ? "rebuilt \(outcome.summary) in \(time)" : "rebuild failed in \(time); still serving the last good site")
    }
}
