import DossierModel
import Foundation
import Hummingbird

/// Serves a built site from its private folder: correct content types, `index.html` for
/// folders, the site's own 404 page, and a small live-reload script added to every HTML page
/// it serves (never to what `build` writes). Nothing outside the folder is ever served.
public enum PreviewServer {
    public static let eventsPath = "/__dossier/events"
    public static let scriptPath = "/__dossier/live.js"
    static let scriptTag = "<script src=\"\(scriptPath)\"></script>"

    public static func responder(root: URL, reload: LiveReload) -> CallbackResponder<BasicRequestContext> {
        // The folder may not exist yet (the first build writes it): resolve its parent, which does.
        let root = root.standardizedFileURL
        let rootPath = root.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(root.lastPathComponent).path
        return CallbackResponder { request, _ in
            guard request.method == .get || request.method == .head else {
                return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
            }
            let path = request.uri.path
            if path == eventsPath { return events(reload) }
            if path == scriptPath {
                return Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: liveScript)))
            }
            switch resolve(path, root: rootPath) {
            case .file(let file): return try serve(file, status: .ok, head: request.method == .head)
            case .redirect(let location): return Response(status: .movedPermanently, headers: [.location: location])
            case .refused: return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: "Refused.\n")))
            case .missing:
                let notFound = rootPath + "/404.html"
                if FileManager.default.fileExists(atPath: notFound) { return try serve(notFound, status: .notFound, head: request.method == .head) }
                return noSite(failure: await reload.failure, head: request.method == .head)
            }
        }
    }

    public enum Resolution: Equatable {
        case file(String)
        case redirect(String)
        case missing
        case refused
    }

    /// Maps a request path to a file inside `root`. Percent-encoded slashes, backslashes, NUL,
    /// `..` segments, and symbolic links that lead out of the folder are refused.
    public static func resolve(_ rawPath: String, root: String) -> Resolution {
        let lowered = rawPath.lowercased()
        guard rawPath.hasPrefix("/"), !lowered.contains("%2f"), !lowered.contains("%5c"), !rawPath.contains("\\"),
              !lowered.contains("%00"), let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0") else { return .refused }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return .refused }
        var candidate = root + "/" + segments.joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else { return .redirect(rawPath + "/") }
            candidate += candidate.hasSuffix("/") ? "index.html" : "/index.html"
            guard FileManager.default.fileExists(atPath: candidate) else { return .missing }
        }
        // A symbolic link inside the folder may point anywhere: only its target counts.
        let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return .refused }
        return .file(real)
    }

    static func serve(_ file: String, status: HTTPResponse.Status, head: Bool) throws -> Response {
        var data = try Data(contentsOf: URL(fileURLWithPath: file))
        let type = contentType(file)
        if type.hasPrefix("text/html") {
            var html = String(decoding: data, as: UTF8.self)
            if let end = html.range(of: "</body>", options: .backwards) {
                html.insert(contentsOf: scriptTag + "\n", at: end.lowerBound)
            } else {
                html += scriptTag
            }
            data = Data(html.utf8)
        }
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: head ? .init() : .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// What every path answers while there is no site yet: the first build failed (its
    /// diagnostics, also shown by the overlay) or is still running. The page listens for
    /// events like any other, so it reloads by itself once the site builds.
    static func noSite(failure: String?, head: Bool) -> Response {
        let title = failure == nil ? "Building the site…" : "The site does not build"
        let detail = failure.map { "<pre>\(htmlEscape($0))</pre>" } ?? "<p>This page reloads when the build is done.</p>"
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body><h1>\(title)</h1>\(detail)
            \(scriptTag)
            </body></html>

            """
        let data = ByteBuffer(string: html)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        headers[.contentLength] = String(data.readableBytes)
        return Response(status: failure == nil ? .serviceUnavailable : .internalServerError, headers: headers,
                        body: head ? .init() : .init(byteBuffer: data))
    }

    static func events(_ reload: LiveReload) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                let stream = await reload.subscribe()
                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                for await event in stream { try await writer.write(ByteBuffer(string: event.wire)) }
                try await writer.finish(nil)
            })
    }

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml", "svg": "image/svg+xml", "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "ico": "image/x-icon",
        "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8", "md": "text/plain; charset=utf-8",
        "pdf": "application/pdf", "woff2": "font/woff2",
    ]

    static func contentType(_ file: String) -> String {
        let ext = (file as NSString).pathExtension.lowercased()
        if file.hasSuffix("/feed.xml") { return "application/atom+xml" }
        return types[ext] ?? "application/octet-stream"
    }

    /// Listens for build events; reloads on success, shows the diagnostics over the page on failure.
    static let liveScript = """
        (function () {
          "use strict";
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("failure", function (event) {
            var box = document.getElementById("dossier-overlay");
            if (!box) {
              box = document.createElement("div");
              box.id = "dossier-overlay";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
                "margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#ffe9e9;font:13px/1.5 ui-monospace,monospace;" +
                "white-space:pre-wrap;border-top:4px solid #e5484d";
              document.body.appendChild(box);
            }
            box.textContent = "Build failed; the page shows the last good build.\\n\\n" + event.data;
          });
        })();
        """
}
