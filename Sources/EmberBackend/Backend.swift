import Synchronization

// MARK: - StridedBuffer

/// What a kernel sees of a tensor: the storage's base address, the layout and the dtype.
public struct StridedBuffer: @unchecked Sendable {
    /// The storage's base address (element 0 of the storage, not of the view).
    public var base: UnsafeMutableRawPointer
    /// Shape, strides and offset in elements.
    public var layout: Layout
    /// The element type.
    public var dtype: DType

    /// Wraps a buffer.
    public init(base: UnsafeMutableRawPointer, layout: Layout, dtype: DType) {
        self.base = base
        self.layout = layout
        self.dtype = dtype
    }

    /// The address of the view's first element.
    @inlinable public var start: UnsafeMutableRawPointer { base + layout.offset * dtype.itemSize }

    /// The view's first element, typed.
    @inlinable public func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        start.assumingMemoryBound(to: T.self)
    }

    /// The same memory seen with another layout (e.g. a broadcast input).
    @inlinable public func with(layout: Layout) -> StridedBuffer {
        StridedBuffer(base: base, layout: layout, dtype: dtype)
    }
}

// MARK: - Backend

/// A device's kernels and memory. The tensor front end validates, broadcasts and allocates, then
/// calls its device's backend; a backend never sees a `Tensor`.
///
/// Kernels are grouped by family (copy, fill, and later unary, binary, reduce, gemm), as MLX's are.
/// The CPU backend is always present; the CUDA backend registers itself when it loads.
public protocol Backend: AnyObject, Sendable {
    /// The device kind this backend serves.
    var kind: Device.Kind { get }
    /// How many devices of this kind exist.
    var deviceCount: Int { get }
    /// The allocator for one device.
    func allocator(for device: Device) -> any DeviceAllocator
    /// Copies `source` into `destination` element by element, converting dtypes. Shapes are equal;
    /// `source` may have zero strides (broadcast). Both are on this backend's device.
    func copy(_ source: StridedBuffer, into destination: StridedBuffer)
    /// Sets every element of `destination` to `value`, converted to its dtype.
    func fill(_ destination: StridedBuffer, with value: Scalar)
    /// Runs an element-wise op of one input (see `UnaryOp`).
    func unary(_ op: UnaryOp, _ input: StridedBuffer, into output: StridedBuffer)
    /// Runs an element-wise op of two inputs (see `BinaryOp`).
    func binary(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand, into output: StridedBuffer)
    // MARK: Reduction family (Backend+Reduce)
    // MARK: Indexing family (Backend+Index)
    // MARK: Sorting family (Backend+Sort)
    // MARK: Linear algebra family (Backend+Gemm)

    /// Copies `byteCount` bytes from host memory to device memory.
    func copyFromHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int)
    /// Copies `byteCount` bytes from device memory to host memory.
    func copyToHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int)
}

extension Backend {
    /// Allocates a storage of `byteCount` bytes on `device`.
    public func makeStorage(byteCount: Int, device: Device) throws(TensorError) -> Storage {
        let allocator = allocator(for: device)
        let data = try allocator.allocate(byteCount: byteCount)
        return Storage(data: data, byteCount: byteCount, device: device, allocator: allocator)
    }
}

// MARK: - Registry

/// Finds the backend for a device. The CPU's is built in; others register at run time.
public enum BackendRegistry {
    private static let registered = Mutex<[Device.Kind: any Backend]>([:])

    /// Makes `backend` serve its device kind.
    public static func register(_ backend: any Backend) {
        registered.withLock { $0[backend.kind] = backend }
    }

    /// The backend for a device kind, if one is loaded.
    public static func backend(for kind: Device.Kind) -> (any Backend)? {
        if kind == .cpu { return CPUBackend.shared }
        return registered.withLock { $0[kind] }
    }

    /// The backend for a device, or PyTorch's error when it cannot be used.
    public static func backend(for device: Device) throws(TensorError) -> any Backend {
        if device.kind == .cpu { return CPUBackend.shared }
        guard let backend = backend(for: device.kind) else {
            throw TensorError.runtime(
                "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"
            )
        }
        guard device.index < backend.deviceCount else {
            throw TensorError.runtime(
                "CUDA error: invalid device ordinal (device \(device.index) requested, \(backend.deviceCount) available)")
        }
        return backend
    }
}

/// Memory figures for a device's allocator (`torch.cuda.memory_stats()` analogue; CPU by default).
public func memoryStats(device: Device = .cpu) -> MemoryStats {
    (try? BackendRegistry.backend(for: device))?.allocator(for: device).stats()
        ?? MemoryStats(bytesInUse: 0, bytesCached: 0, peakBytesInUse: 0, cacheHits: 0, cacheMisses: 0)
}

/// Releases the cached blocks of a device's allocator to the system (`torch.cuda.empty_cache()`).
public func emptyCache(device: Device = .cpu) {
    (try? BackendRegistry.backend(for: device))?.allocator(for: device).emptyCache()
}
