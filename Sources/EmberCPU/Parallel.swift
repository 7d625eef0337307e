import EmberBackend
import CEmberThreads

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Threads

/// Splitting work across the CPU's cores (PyTorch's `at::parallel_for`).
@usableFromInline package enum Parallel {
    nonisolated(unsafe) private static var _threadCount: Int = {
        if let value = getenv("EMBER_NUM_THREADS"), let n = Int(String(cString: value)), n > 0 { return n }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()

    /// Threads used by kernels (`torch.get_num_threads()`); `EMBER_NUM_THREADS` sets the start value.
    @usableFromInline package static var threadCount: Int {
        get { _threadCount }
        set { _threadCount = max(1, newValue) }
    }

    /// Runs `body` over `0..<count` in contiguous chunks, on several threads when
    /// `count >= grain * 2`. Each chunk is at least `grain` long.
    @inlinable
    package static func forRange(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        let chunks = min(threadCount, count / max(grain, 1))
        if chunks <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        perform(chunks) { chunk in
            body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }

    /// Runs `body(i)` for every `i` in `0..<count` on Ember's thread pool, the calling thread
    /// included, each thread taking the next index until none is left; returns when all have run.
    /// Up to `threadCount` threads take part (see Note [A spinning thread pool] in Pool.c). Calls from
    /// inside a piece run their pieces in order on that thread.
    @usableFromInline
    static func perform(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var piece = body
            withUnsafeMutablePointer(to: &piece) { pointer in
                ember_pool_run(count, threadCount, { context, index in
                    context.unsafelyUnwrapped.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }, pointer)
            }
        }
    }
}

/// Carries a non-Sendable value into `concurrentPerform`, whose chunks touch disjoint memory.
@usableFromInline
struct UnsafeSendableBox<T>: @unchecked Sendable {
    @usableFromInline let value: T
    @usableFromInline init(_ value: T) { self.value = value }
}
