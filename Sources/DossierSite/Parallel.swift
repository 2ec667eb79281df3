import Dispatch

/// Maps `items` across all cores, keeping order. `transform` must be safe to run concurrently.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.isEmpty { return [] }
    let results = ResultBuffer<R>(count: items.count)
    // Chunks keep scheduling overhead small while still balancing uneven pages.
    let chunk = max(1, min(64, items.count / 32))
    let chunks = (items.count + chunk - 1) / chunk
    items.withUnsafeBufferPointer { input in
        nonisolated(unsafe) let input = input
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let end = min(items.count, (c + 1) * chunk)
            for i in (c * chunk)..<end { results.set(i, transform(input[i])) }
        }
    }
    return results.values()
}

/// Each index is written by exactly one worker, so no lock is needed.
private final class ResultBuffer<R>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<R?>
    private let count: Int
    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }
    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
    func set(_ i: Int, _ value: R) { storage[i] = value }
    func values() -> [R] { (0..<count).map { storage[$0]! } }
}
