import CCmark
import Foundation

/// A bump allocator for libcmark, one per thread: a document's nodes, strings and rendered HTML
/// are carved out of large blocks and all let go at once when `Markdown.render` is done with the
/// tree, instead of one `calloc` and one `free` each (libcmark's allocations were about 7% of a
/// 10k build's samples, most of it in glibc's allocator). `cmark_mem` has no context pointer, so
/// the callbacks find the thread's arena through a pthread key.
final class CmarkArena {
    /// Blocks of `blockSize` bytes; the last one is being filled.
    private var blocks: [UnsafeMutableRawPointer] = []
    /// Allocations too large for a block, freed when released past.
    private var large: [UnsafeMutableRawPointer] = []
    private var offset = 0
    static let blockSize = 1 << 20
    /// Every allocation starts with its size, and at a 16-byte boundary.
    static let header = 16

    /// Where the arena stands, to release back to it (renders may nest: a fenced block's
    /// handler may render Markdown while its page's tree is alive).
    struct Mark {
        var blocks: Int
        var offset: Int
        var large: Int
    }

    var mark: Mark { Mark(blocks: blocks.count, offset: offset, large: large.count) }

    /// Lets go of everything allocated since `mark`, keeping one block for the next document.
    func release(to mark: Mark) {
        while large.count > mark.large { free(large.removeLast()) }
        let keep = max(mark.blocks, 1)
        while blocks.count > keep { free(blocks.removeLast()) }
        offset = mark.blocks == 0 ? 0 : mark.offset
    }

    func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let needed = (size + Self.header + 15) & ~15
        if needed > Self.blockSize / 4 {
            let pointer = malloc(needed)!
            large.append(pointer)
            return Self.stamp(pointer, size)
        }
        if blocks.isEmpty || offset + needed > Self.blockSize {
            blocks.append(malloc(Self.blockSize)!)
            offset = 0
        }
        let pointer = blocks[blocks.count - 1] + offset
        offset += needed
        return Self.stamp(pointer, size)
    }

    private static func stamp(_ pointer: UnsafeMutableRawPointer, _ size: Int) -> UnsafeMutableRawPointer {
        pointer.storeBytes(of: size, as: Int.self)
        return pointer + header
    }

    static func size(of pointer: UnsafeMutableRawPointer) -> Int {
        (pointer - header).load(as: Int.self)
    }

    deinit {
        for pointer in large { free(pointer) }
        for block in blocks { free(block) }
    }

    // MARK: - The thread's arena and libcmark's view of it

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<CmarkArena>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// This thread's arena, made on first use and freed when the thread ends.
    static var current: CmarkArena {
        if let pointer = pthread_getspecific(key) { return Unmanaged<CmarkArena>.fromOpaque(pointer).takeUnretainedValue() }
        let arena = CmarkArena()
        pthread_setspecific(key, Unmanaged.passRetained(arena).toOpaque())
        return arena
    }

    /// The allocator libcmark is given (it keeps the pointer in the parser and every node):
    /// every callback works on the calling thread's arena.
    nonisolated(unsafe) static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in
                let bytes = count * size
                let pointer = CmarkArena.current.allocate(bytes)
                memset(pointer, 0, bytes)
                return pointer
            },
            realloc: { old, size in
                let pointer = CmarkArena.current.allocate(size)
                if let old { memcpy(pointer, old, min(CmarkArena.size(of: old), size)) }
                return pointer
            },
            free: { _ in }))
        return memory
    }()
}
