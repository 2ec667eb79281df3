import Foundation

/// Tells every open browser tab what happened: `reload` after a good build, `failure` with the
/// diagnostics after a bad one. Tabs listen through server-sent events.
public actor LiveReload {
    public enum Event: Sendable, Equatable {
        case reload
        case failure(String)

        /// The event as server-sent-events text.
        var wire: String {
            switch self {
            case .reload: return "event: reload\ndata: ok\n\n"
            case .failure(let text):
                return "event: failure\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n") + "\n\n"
            }
        }
    }

    private var listeners: [UUID: AsyncStream<Event>.Continuation] = [:]
    /// The diagnostics of the last failed build, shown to tabs that connect while it stands.
    public private(set) var failure: String?

    public init() {}

    public func subscribe() -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        if let failure { continuation.yield(.failure(failure)) }
        return stream
    }

    private func remove(_ id: UUID) { listeners[id] = nil }

    public func send(_ event: Event) {
        switch event {
        case .reload: failure = nil
        case .failure(let text): failure = text
        }
        for continuation in listeners.values { continuation.yield(event) }
    }

    public var listenerCount: Int { listeners.count }

    public func finishAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }
}
