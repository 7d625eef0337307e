// MARK: - Storage

/// A device buffer shared by a tensor and all its views (PyTorch's `UntypedStorage`), with the
/// version counter that in-place operations bump.
///
/// Freed back to the allocator it came from when the last tensor using it goes away.
@usableFromInline package final class Storage: @unchecked Sendable {
    /// The buffer's address on its device (64-byte aligned).
    @usableFromInline package let data: UnsafeMutableRawPointer
    /// The buffer's size in bytes.
    @usableFromInline package let byteCount: Int
    /// The device holding the buffer (`cpu` for every CPU index, see `Device.placement`).
    @usableFromInline package let device: Device
    /// The allocator that owns the memory.
    @usableFromInline package let allocator: any DeviceAllocator
    /// Incremented by every in-place write through any view of this storage (`tensor._version`).
    // Note: `@exclusivity(unchecked)` holds only for accesses compiled in this module; other
    // modules would check every access (a `swift_beginAccess` per saved tensor and in-place
    // op), so they go through these accessors, which are not inlinable. (As for the fields of
    // Note [Thread context fields].)
    @usableFromInline package var version: Int {
        get { _version }
        set { _version = newValue }
    }
    @exclusivity(unchecked) private var _version: Int = 0

    /// Wraps memory that `allocator` handed out.
    @usableFromInline package init(data: UnsafeMutableRawPointer, byteCount: Int, device: Device, allocator: any DeviceAllocator) {
        self.data = data
        self.byteCount = byteCount
        self.device = device.placement
        self.allocator = allocator
    }

    deinit {
        allocator.deallocate(data, byteCount: byteCount)
    }
}

// MARK: - Allocation

/// Hands out and takes back device memory (one per device kind).
@usableFromInline package protocol DeviceAllocator: AnyObject, Sendable {
    /// Allocates at least `byteCount` bytes, 64-byte aligned.
    func allocate(byteCount: Int) throws(TensorError) -> UnsafeMutableRawPointer
    /// Returns memory from `allocate`.
    func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int)
    /// Current figures.
    func stats() -> MemoryStats
    /// Releases cached blocks to the system.
    func emptyCache()
}

/// Allocator figures (PyTorch's `torch.cuda.memory_allocated()` / `memory_reserved()` family).
public struct MemoryStats: Sendable, Equatable, CustomStringConvertible {
    /// Bytes held by live storages.
    public var bytesInUse: Int
    /// Bytes freed by storages and kept for reuse.
    public var bytesCached: Int
    /// The most bytes in use at once since the process started.
    public var peakBytesInUse: Int
    /// Requests served from the cache.
    public var cacheHits: Int
    /// Requests that went to the system.
    public var cacheMisses: Int

    /// Figures as an allocator reports them.
    @usableFromInline package init(bytesInUse: Int, bytesCached: Int, peakBytesInUse: Int, cacheHits: Int, cacheMisses: Int) {
        self.bytesInUse = bytesInUse
        self.bytesCached = bytesCached
        self.peakBytesInUse = peakBytesInUse
        self.cacheHits = cacheHits
        self.cacheMisses = cacheMisses
    }

    public var description: String {
        "MemoryStats(inUse: \(bytesInUse), cached: \(bytesCached), peak: \(peakBytesInUse), hits: \(cacheHits), misses: \(cacheMisses))"
    }
}
