import EmberBackend
import Synchronization

// MARK: - Caching device allocator

// Note [CUDA caching allocator]
// `cuMemAlloc` and `cuMemFree` are slow and `cuMemFree` synchronizes the device, so, as
// PyTorch's CUDACachingAllocator does, freed blocks are kept and handed out again. Requests are
// rounded up to a size class (multiples of 512 bytes below 1 MiB, of 2 MiB above) and a free
// block of exactly that class is reused. Frees are stream-ordered: each device has one stream
// (see `CUDADevice`), so a block freed by the host while kernels that use it are still queued can
// be handed out at once, since whatever uses it next is queued behind them on the same stream.
// A failed `cuMemAlloc` releases the cache (`emptyCache`) and tries once more before reporting
// PyTorch's "CUDA out of memory" error. The figures are PyTorch's: allocated (`bytesInUse`),
// reserved minus allocated (`bytesCached`), peak allocated, and cache hits and misses.
//
// Unverified on a GPU (see the CUDA article).

/// The caching allocator of one CUDA device (see Note [CUDA caching allocator]).
package final class CUDAAllocator: DeviceAllocator, @unchecked Sendable {
    private struct State {
        var free: [Int: [CUdeviceptr]] = [:]
        var sizes: [CUdeviceptr: Int] = [:]
        var inUse = 0, cached = 0, peak = 0, hits = 0, misses = 0
    }
    private let state = Mutex(State())
    private unowned let device: CUDADevice

    init(device: CUDADevice) { self.device = device }

    /// The size class of a request of `byteCount` bytes.
    package static func sizeClass(_ byteCount: Int) -> Int {
        let small = 512, large = 2 << 20
        let n = max(byteCount, 1)
        return n < (1 << 20) ? (n + small - 1) / small * small : (n + large - 1) / large * large
    }

    package func allocate(byteCount: Int) throws(TensorError) -> UnsafeMutableRawPointer {
        let size = CUDAAllocator.sizeClass(byteCount)
        let reused: CUdeviceptr? = state.withLock { s in
            guard let pointer = s.free[size]?.popLast() else { return nil }
            s.cached -= size
            s.inUse += size
            s.peak = max(s.peak, s.inUse)
            s.hits += 1
            return pointer
        }
        if let reused { return UnsafeMutableRawPointer(bitPattern: UInt(reused))! }
        var pointer: CUdeviceptr = 0
        var result = device.withContext { device.api.cuMemAlloc(&pointer, size) }
        if result != 0 {
            emptyCache()
            result = device.withContext { device.api.cuMemAlloc(&pointer, size) }
        }
        guard result == 0, pointer != 0 else {
            let mib = Double(size) / 1_048_576
            throw TensorError.runtime(
                "CUDA out of memory. Tried to allocate \(Double(Int(mib * 100)) / 100) MiB (\(device.api.message(result)))")
        }
        state.withLock { s in
            s.sizes[pointer] = size
            s.inUse += size
            s.peak = max(s.peak, s.inUse)
            s.misses += 1
        }
        return UnsafeMutableRawPointer(bitPattern: UInt(pointer))!
    }

    package func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        let address = CUdeviceptr(UInt(bitPattern: pointer))
        state.withLock { s in
            let size = s.sizes[address] ?? CUDAAllocator.sizeClass(byteCount)
            s.free[size, default: []].append(address)
            s.inUse -= size
            s.cached += size
        }
    }

    package func stats() -> MemoryStats {
        state.withLock { s in
            MemoryStats(bytesInUse: s.inUse, bytesCached: s.cached, peakBytesInUse: s.peak,
                        cacheHits: s.hits, cacheMisses: s.misses)
        }
    }

    /// Frees every cached block (`torch.cuda.empty_cache()`), after the device's queued work.
    package func emptyCache() {
        let blocks: [CUdeviceptr] = state.withLock { s in
            let blocks = s.free.values.flatMap { $0 }
            for block in blocks { s.sizes[block] = nil }
            s.free = [:]
            s.cached = 0
            return blocks
        }
        guard !blocks.isEmpty else { return }
        device.synchronize()
        device.withContext {
            for block in blocks { _ = device.api.cuMemFree(block) }
        }
    }

    /// Whether `pointer` lies in a block this allocator handed out.
    func owns(_ pointer: UnsafeRawPointer) -> Bool {
        let address = CUdeviceptr(UInt(bitPattern: pointer))
        return state.withLock { s in
            // Views point inside their storage: find a block that contains the address.
            s.sizes.contains { address >= $0.key && address < $0.key + CUdeviceptr($0.value) }
        }
    }
}
