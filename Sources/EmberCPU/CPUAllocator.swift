import EmberBackend
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

// MARK: - CPUAllocator

// Note [Huge pages for large blocks]
// A block of 2 MiB or more is aligned to 2 MiB and, on Linux,
// advised `MADV_HUGEPAGE`, so that where transparent huge pages are in `madvise` mode (the
// common default) a large tensor is mapped with 2 MiB pages: a stream over it then misses the
// TLB once per 2 MiB instead of once per 4 KiB, which reads a 64 MiB tensor 15-30% faster on
// the benchmark machine. PyTorch does the same behind `THP_MEM_ALLOC_ENABLE=1`. The advice
// costs nothing where huge pages are off or always on.

/// The CPU's caching allocator: 64-byte aligned blocks in size classes, recycled through
/// per-class free lists, so a large temporary freed and allocated again does not page-fault again.
///
/// Size classes: multiples of 64 bytes up to 1 KiB, then four classes per power of two (at most
/// 25% rounding). The cache holds at most `cacheLimit` bytes; beyond that blocks go back to the
/// system. Thread-safe.
@usableFromInline package final class CPUAllocator: DeviceAllocator {
    /// The shared instance.
    @usableFromInline package static let shared = CPUAllocator()

    /// The most bytes kept in the cache.
    @usableFromInline package let cacheLimit: Int

    // Note [Intrusive free lists]
    // A cached block holds the address of the next cached block of its size class in its first
    // eight bytes (every block has at least 64), so the cache is one head address per class:
    // taking or returning a block is a load and a store under the lock, with no array to grow
    // or check for uniqueness. (Reading a freed storage, always a bug, then reads that address;
    // `EMBER_DEBUG_POISON_FREED` finds such reads, see Note [Poisoned frees].)

    /// The number of size classes (`sizeClass(for:)` gives at most 223, for 2^62 bytes).
    static let classCount = 512

    /// Per size class, the address of its first cached block, 0 when none (see Note [Intrusive
    /// free lists]). Read and written only under `state`'s lock.
    nonisolated(unsafe) private let heads: UnsafeMutablePointer<UInt>

    private struct State {
        var quarantine: [(block: UInt, bytes: Int)] = []
        var quarantineStart = 0
        var quarantineBytes = 0
        var stats = MemoryStats(bytesInUse: 0, bytesCached: 0, peakBytesInUse: 0, cacheHits: 0, cacheMisses: 0)
    }
    private let state = Mutex(State())

    /// Whether freed blocks are poisoned and quarantined (see Note [Poisoned frees]).
    package let poisonsFreedBlocks: Bool

    /// An allocator that caches up to `cacheLimit` bytes (default 4 GiB), and poisons freed
    /// blocks where `EMBER_DEBUG_POISON_FREED` is set (see Note [Poisoned frees]).
    @usableFromInline package init(cacheLimit: Int = 4 << 30,
                                   poisonsFreedBlocks: Bool = getenv("EMBER_DEBUG_POISON_FREED") != nil) {
        self.cacheLimit = cacheLimit
        self.poisonsFreedBlocks = poisonsFreedBlocks
        heads = .allocate(capacity: CPUAllocator.classCount)
        heads.initialize(repeating: 0, count: CPUAllocator.classCount)
    }

    deinit {
        // The shared allocator lives as long as the process; others (tests') give their cache back.
        emptyCache()
        heads.deallocate()
    }

    /// The size class index and rounded byte count for a request.
    /// PyTorch's error for an allocation the system refused: its CPU allocator raises a plain
    /// RuntimeError (only CUDA's raises torch.OutOfMemoryError); its text, after the
    /// "[enforce fail at ...]" location.
    static func outOfMemory(_ byteCount: Int) -> TensorError {
        TensorError(
            .runtimeError,
            "DefaultCPUAllocator: can't allocate memory: you tried to allocate \(byteCount) bytes. Error code 12 (Cannot allocate memory)"
        )
    }

    static func sizeClass(for byteCount: Int) -> (index: Int, bytes: Int) {
        let n = max(byteCount, 1)
        if n <= 1024 {
            let units = (n + 63) >> 6
            return (units - 1, units << 6)  // classes 0...15
        }
        let highBit = Int.bitWidth - 1 - (n - 1).leadingZeroBitCount  // 2^highBit < n <= 2^(highBit+1)
        let quarter = 1 << (highBit - 2)
        let steps = (n - (1 << highBit) + quarter - 1) / quarter  // 1...4
        let bytes = (1 << highBit) + steps * quarter
        let index = 16 + (highBit - 10) * 4 + (steps - 1)
        return (index, bytes)
    }

    @usableFromInline package func allocate(byteCount: Int) throws(TensorError) -> UnsafeMutableRawPointer {
        // No machine has 2^62 bytes, and size classes above it would overflow: fail at once.
        guard byteCount <= 1 << 62 else { throw CPUAllocator.outOfMemory(byteCount) }
        let (index, bytes) = CPUAllocator.sizeClass(for: byteCount)
        let cached: UInt? = state.withLock { state in
            var block: UInt? = nil
            if index < CPUAllocator.classCount, let head = UnsafePointer<UInt>(bitPattern: heads[index]) {
                block = UInt(bitPattern: head)
                heads[index] = head.pointee
            }
            if block != nil {
                state.stats.bytesCached -= bytes
                state.stats.cacheHits += 1
            } else {
                state.stats.cacheMisses += 1
            }
            state.stats.bytesInUse += bytes
            state.stats.peakBytesInUse = max(state.stats.peakBytesInUse, state.stats.bytesInUse)
            return block
        }
        if let cached, let pointer = UnsafeMutableRawPointer(bitPattern: cached) { return pointer }
        var pointer: UnsafeMutableRawPointer?
        let alignment = bytes >= CPUAllocator.hugePageBytes ? CPUAllocator.hugePageBytes : 64
        var status = posix_memalign(&pointer, alignment, bytes)
        if status != 0 {
            // Give the cache back and try once more before failing.
            emptyCache()
            status = posix_memalign(&pointer, alignment, bytes)
        }
        guard status == 0, let pointer else {
            state.withLock { $0.stats.bytesInUse -= bytes }
            throw CPUAllocator.outOfMemory(byteCount)
        }
        #if os(Linux)
        if alignment == CPUAllocator.hugePageBytes {
            // Advice only: a failure leaves 4 KiB pages (see Note [Huge pages for large blocks]).
            _ = madvise(pointer, bytes & ~(CPUAllocator.hugePageBytes - 1), MADV_HUGEPAGE)
        }
        #endif
        return pointer
    }

    /// The size of a transparent huge page on x86-64 and most arm64 Linux kernels.
    static let hugePageBytes = 2 << 20

    // Note [Poisoned frees]
    // A raw pointer used after its storage was released (a temporary's buffer read after the
    // temporary died) reads intact data as long as no other allocation reuses the block; on one
    // thread that can hold for a whole test, and it fails only when another thread allocates in
    // between. With `EMBER_DEBUG_POISON_FREED` set, every freed block is filled with 0xFF bytes
    // (NaN for floating types, -1 for integers) and held back from reuse in a quarantine of
    // `quarantineLimit` bytes, so such a use reads NaN at once, on any thread count.

    static let quarantineLimit = 1 << 30

    @usableFromInline package func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        let (index, bytes) = CPUAllocator.sizeClass(for: byteCount)
        if poisonsFreedBlocks {
            memset(pointer, 0xFF, bytes)
            let released: [UInt] = state.withLock { state in
                state.stats.bytesInUse -= bytes
                state.quarantine.append((UInt(bitPattern: pointer), bytes))
                state.quarantineBytes += bytes
                var out: [UInt] = []
                while state.quarantineBytes > CPUAllocator.quarantineLimit {
                    let oldest = state.quarantine[state.quarantineStart]
                    state.quarantineStart += 1
                    state.quarantineBytes -= oldest.bytes
                    out.append(oldest.block)
                }
                if state.quarantineStart > 4096 {
                    state.quarantine.removeFirst(state.quarantineStart)
                    state.quarantineStart = 0
                }
                return out
            }
            for block in released { free(UnsafeMutableRawPointer(bitPattern: block)) }
            return
        }
        let keep = state.withLock { state -> Bool in
            state.stats.bytesInUse -= bytes
            guard index < CPUAllocator.classCount, state.stats.bytesCached + bytes <= cacheLimit else { return false }
            pointer.storeBytes(of: heads[index], as: UInt.self)
            heads[index] = UInt(bitPattern: pointer)
            state.stats.bytesCached += bytes
            return true
        }
        if !keep { free(pointer) }
    }

    @usableFromInline package func stats() -> MemoryStats { state.withLock { $0.stats } }

    @usableFromInline package func emptyCache() {
        let blocks: [UInt] = state.withLock { state in
            var all: [UInt] = []
            for i in 0..<CPUAllocator.classCount {
                var block = heads[i]
                while block != 0 {
                    all.append(block)
                    block = UnsafePointer<UInt>(bitPattern: block)!.pointee
                }
                heads[i] = 0
            }
            state.stats.bytesCached = 0
            return all
        }
        for block in blocks { free(UnsafeMutableRawPointer(bitPattern: block)) }
    }
}
