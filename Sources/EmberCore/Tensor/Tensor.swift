import EmberBackend

// MARK: - Tensor

/// A multi-dimensional array with strided storage and reverse-mode autograd (PyTorch's `torch.Tensor`).
///
/// A class, so it has reference semantics as a PyTorch tensor does: `let b = a` names the same
/// tensor, and views (`view`, `t()`, subscripts...) share `a`'s storage. The autograd record
/// (`grad`, hooks) is allocated only for the tensors that need it.
///
/// The class is `open` so that `Parameter` (in EmberNN) can subclass it; its members are
/// `public`, not `open`, so no subclass overrides them and calls on a tensor stay direct.
open class Tensor: @unchecked Sendable {
    /// The buffer holding the elements, shared with every view (`tensor.untyped_storage()`).
    // Note: these two are read by every operation; their exclusivity is upheld by Ember's
    // single-writer rule (only `set`-style operations on the tensor itself replace them), so the
    // dynamic check, which costs more than a small op, is switched off.
    @exclusivity(unchecked) @usableFromInline package var storage: Storage
    /// Shape, strides and storage offset.
    @exclusivity(unchecked) @usableFromInline package var layout: Layout
    /// The element type (`tensor.dtype`); fixed for the tensor's life, except when a module
    /// converts its parameters in place (`module.to(dtype:)`).
    @exclusivity(unchecked) public package(set) var dtype: DType
    /// Where this tensor sits in the autograd graph: `requiresGrad`, `gradFn` and its output
    /// index (see Note [Autograd history in the tensor]).
    @exclusivity(unchecked) package var history = AutogradHistory()
    /// The rest of the autograd record (a leaf's `.grad` and accumulator, hooks); `nil` for
    /// tensors that never needed it.
    @exclusivity(unchecked) package var autograd: AutogradMeta?
    /// For a view, the tensor whose storage it shares (the root, as PyTorch's `_base`).
    @exclusivity(unchecked) package var viewBase: Tensor?

    /// Wraps a storage with a layout. The layout must lie inside the storage.
    package init(storage: Storage, layout: Layout, dtype: DType) {
        self.storage = storage
        self.layout = layout
        self.dtype = dtype
    }

    /// An empty float32 tensor on the CPU, `tensor([])` (`torch.Tensor()`).
    // Required, so that `Self()` makes a tensor of the dynamic class (the error placeholder);
    // public, as a required initializer of an open class must be.
    public required init() {
        storage = try! Backends.cpu.makeStorage(byteCount: 0, device: .cpu)
        layout = Layout(contiguous: [0])
        dtype = .float32
    }

    /// Makes a tensor of the same class sharing this one's data (a `Parameter` stays a `Tensor` result).
    package convenience init(sharing other: Tensor, layout: Layout) {
        self.init(storage: other.storage, layout: layout, dtype: other.dtype)
    }

    // MARK: - Properties

    /// The device holding the storage (`tensor.device`).
    @inlinable public var device: Device { storage.device }
    /// The size of each dimension (`tensor.shape`, `tensor.size()`).
    public var shape: [Int] { Array(layout.shape) }
    /// The elements to step in storage along each dimension (`tensor.stride()`).
    public var strides: [Int] { Array(layout.strides) }
    /// Where the first element sits in the storage, in elements (`tensor.storage_offset()`).
    @inlinable public var storageOffset: Int { layout.offset }
    /// The number of dimensions (`tensor.dim()`, `tensor.ndim`).
    @inlinable public var dim: Int { layout.rank }
    /// The number of elements (`tensor.numel()`).
    @inlinable public var numel: Int { layout.count }
    /// Whether the elements are laid out in row-major order (`tensor.is_contiguous()`).
    @inlinable public var isContiguous: Bool { layout.isContiguous }
    /// Bytes per element (`tensor.element_size()`).
    @inlinable public var elementSize: Int { dtype.itemSize }
    /// Whether the dtype is floating (`tensor.is_floating_point()`).
    @inlinable public var isFloatingPoint: Bool { dtype.isFloatingPoint }
    /// The storage's version counter: in-place writes through any view increment it (`tensor._version`).
    public var version: Int { storage.version }
    /// Whether this tensor is a view of another (`tensor._is_view()`).
    public var isView: Bool { viewBase != nil }

    /// The size of one dimension; negative `dim` counts from the end (`tensor.size(dim)`).
    public func size(_ dim: Int) -> Int {
        attempt {
            guard self.dim > 0 else {
                throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions")
            }
            return layout.shape[try normalizeDim(dim, rank: self.dim)]
        }
    }

    /// The stride of one dimension (`tensor.stride(dim)`).
    public func stride(_ dim: Int) -> Int {
        attempt {
            guard self.dim > 0 else {
                throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions")
            }
            return layout.strides[try normalizeDim(dim, rank: self.dim)]
        }
    }

    // MARK: - Kernel access

    // Note [Buffers do not own their memory]
    // A `StridedBuffer` is a raw address and a layout: it does not retain the storage it points
    // into. Swift ends a temporary's life right after its last use, not at the end of the
    // statement, so `backend.op(x.contiguous().buffer, ...)` may free the contiguous copy before
    // the kernel reads it. On one thread the freed block usually still holds the data when the
    // kernel reads it, so such a bug passes alone and fails only when another thread reuses the
    // block in between (it did, about one parallel test run in five). Bind the tensor to a name
    // first (`let columns = contiguous()`): a named variable lives to the end of its scope across
    // the kernel call. `EMBER_DEBUG_POISON_FREED=1` (see Note [Poisoned frees] in
    // CPUAllocator.swift) makes every such use read NaN at once; CI runs the tests with it.

    /// What a kernel sees of this tensor; see Note [Buffers do not own their memory].
    @inlinable package var buffer: StridedBuffer {
        StridedBuffer(base: storage.data, layout: layout, dtype: dtype)
    }

    /// The address of this tensor's first element (its storage plus the offset).
    @inlinable package var dataStart: UnsafeMutableRawPointer {
        storage.data + layout.offset * dtype.itemSize
    }

    /// The backend of this tensor's device.
    package var backend: any Backend {
        // A tensor exists only on a device whose backend is loaded, so the lookup cannot fail.
        if storage.device.kind == .cpu { return Backends.cpu }
        guard let backend = BackendRegistry.backend(for: storage.device.kind) else {
            preconditionFailure("a tensor on \(storage.device) outlived its backend")
        }
        return backend
    }

    /// Makes this tensor hold `source`'s data (its storage, layout and dtype) while keeping its
    /// identity and autograd record (PyTorch's `tensor.data = source`): how a module converts its
    /// parameters in place, so that optimizers holding them see the new data.
    package func replaceData(with source: Tensor) {
        storage = source.storage
        layout = source.layout
        dtype = source.dtype
    }

    /// Marks an in-place write: bumps the shared version counter.
    @inlinable package func bumpVersion() { storage.version &+= 1 }
}

extension Tensor: ErrorPlaceholder {
    /// An empty float32 tensor, returned by a failed operation inside `withErrorCapture`.
    public static var errorPlaceholder: Self { Self() }
}

// MARK: - Allocation

extension Tensor {
    /// A new tensor with uninitialized contiguous storage.
    package static func uninitialized(_ shape: Dims, dtype: DType, device: Device) throws(TensorError) -> Tensor {
        let bytes = try SizeArithmetic.contiguousByteCount(shape, itemSize: dtype.itemSize)
        let backend = try Backends.backend(for: device)
        let storage = try backend.makeStorage(byteCount: bytes, device: device)
        return Tensor(storage: storage, layout: Layout(contiguous: shape), dtype: dtype)
    }

    /// A new contiguous tensor shaped like this contiguous one, reusing its layout (the cheapest allocation).
    @inline(__always)
    package func emptyContiguousLike(dtype: DType) throws(TensorError) -> Tensor {
        let storage = try backend.makeStorage(byteCount: layout.count * dtype.itemSize, device: storage.device)
        return Tensor(storage: storage, layout: layout.withOffset(0), dtype: dtype)
    }

    /// A new tensor shaped like this one, keeping its dim order when it is dense
    /// (PyTorch's `preserve_format`, what `clone`, `to` and the `*_like` factories do).
    package func uninitializedPreservingFormat(dtype: DType? = nil, device: Device? = nil) throws(TensorError) -> Tensor {
        if layout.isContiguous && (device == nil || device == self.device) {
            // This layout at offset 0 (PyTorch's `empty_strided` with these strides), without
            // computing strides again; its byte count cannot overflow, as it fits this storage.
            return try emptyContiguousLike(dtype: dtype ?? self.dtype)
        }
        if layout.isContiguous || !layout.isNonOverlappingAndDense {
            // A contiguous tensor going to another device, or one that is not dense: row-major
            // (what `densePreservingOrder` gives), without building it twice.
            return try Tensor.uninitialized(layout.shape, dtype: dtype ?? self.dtype, device: device ?? self.device)
        }
        let target = layout.densePreservingOrder
        let out = try Tensor.uninitialized(layout.shape, dtype: dtype ?? self.dtype, device: device ?? self.device)
        return target.isContiguous ? out : Tensor(storage: out.storage, layout: target, dtype: out.dtype)
    }

    /// A new contiguous tensor shaped like this one.
    package func uninitializedLike(dtype: DType? = nil) throws(TensorError) -> Tensor {
        try Tensor.uninitialized(layout.shape, dtype: dtype ?? self.dtype, device: device)
    }
}

// MARK: - Dims helpers

/// Wraps a possibly negative dim into `0..<rank`, or PyTorch's IndexError.
package func normalizeDim(_ dim: Int, rank: Int) throws(TensorError) -> Int {
    let r = max(rank, 1)
    guard dim >= -r && dim < r else {
        throw TensorError.index(
            "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))")
    }
    return dim < 0 ? dim + r : dim
}
