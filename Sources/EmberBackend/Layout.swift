// MARK: - Layout

/// The strided view of a storage buffer: shape, strides and storage offset, all in elements.
///
/// A value type with its contiguity flags computed once at creation (MLX's design). Kernels
/// receive a `Layout` and a raw pointer, never a tensor.
@usableFromInline package struct Layout: Sendable, Hashable, CustomStringConvertible {
    /// Sizes of each dimension (`tensor.shape`).
    @usableFromInline package let shape: Dims
    /// Elements to step in storage for one step along each dimension (`tensor.stride()`).
    @usableFromInline package let strides: Dims
    /// Position of the first element in the storage (`tensor.storage_offset()`).
    @inlinable package var offset: Int { _offset }
    @usableFromInline var _offset: Int
    /// The number of elements (`tensor.numel()`).
    @usableFromInline package let count: Int
    /// Row-major contiguous (`is_contiguous()`; strides of size-1 dims are ignored, as PyTorch does).
    @usableFromInline package let isContiguous: Bool
    /// Contiguous with exactly the strides `init(contiguous:)` gives, size-1 dims included: what
    /// PyTorch's element-wise ops give their output, so such a layout serves an output as it is.
    @usableFromInline package let isRowMajor: Bool
    /// Every element has its own storage location and together they fill a dense block in some
    /// dimension order (a permutation of a contiguous tensor).
    @usableFromInline package let isNonOverlappingAndDense: Bool

    /// A layout with explicit strides.
    @usableFromInline package init(shape: Dims, strides: Dims, offset: Int = 0) {
        precondition(shape.count == strides.count, "Layout: shape and strides differ in rank")
        self.shape = shape
        self.strides = strides
        self._offset = offset
        self.count = shape.product
        // Row-major strides are contiguous ones: the common case needs one walk over the dims.
        self.isRowMajor = Layout.hasRowMajorStrides(shape: shape, strides: strides)
        self.isContiguous = isRowMajor || Layout.computeContiguous(shape: shape, strides: strides)
        self.isNonOverlappingAndDense =
            isContiguous || Layout.computeNonOverlappingAndDense(shape: shape, strides: strides)
    }

    /// A row-major contiguous layout of `shape`.
    @usableFromInline package init(contiguous shape: Dims, offset: Int = 0) {
        var strides = shape
        var running = 1
        var i = shape.count - 1
        while i >= 0 {
            strides[i] = running
            running &*= Swift.max(shape[i], 1)
            i -= 1
        }
        self.shape = shape
        self.strides = strides
        self._offset = offset
        self.count = shape.product
        self.isContiguous = true
        self.isRowMajor = true
        self.isNonOverlappingAndDense = true
    }

    /// A fresh layout of this shape at offset 0 that keeps this one's dim order when this one is
    /// dense but not row-major (PyTorch's `preserve_format`: `b.t().clone().stride() == (1, 4)`);
    /// row-major otherwise.
    @usableFromInline package var densePreservingOrder: Layout {
        guard !isContiguous, isNonOverlappingAndDense else { return Layout(contiguous: shape) }
        // Innermost first: ascending stride, and for equal strides (size-1 dims) the later dim inside.
        let order = (0..<rank).sorted { a, b in strides[a] != strides[b] ? strides[a] < strides[b] : a > b }
        var newStrides = Dims(repeating: 0, count: rank)
        var running = 1
        for d in order {
            newStrides[d] = running
            running &*= Swift.max(shape[d], 1)
        }
        return Layout(shape: shape, strides: newStrides, offset: 0)
    }

    /// This layout moved to another storage offset (flags unchanged).
    @inlinable package func withOffset(_ offset: Int) -> Layout {
        var copy = self
        copy._offset = offset
        return copy
    }

    /// The number of dimensions.
    @inlinable package var rank: Int { shape.count }

    /// Row-major strides for `shape`.
    @usableFromInline package static func contiguousStrides(for shape: Dims) -> Dims {
        var strides = Dims(repeating: 1, count: shape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = running
            running &*= max(shape[i], 1)
        }
        return strides
    }

    /// Whether every element is the same storage location: each dim longer than 1 has stride 0
    /// (a number broadcast to a shape, such as the gradient of a sum). True for 0-dim and
    /// one-element layouts; false for empty ones.
    @inlinable package var isOneLocation: Bool {
        if count == 0 { return false }
        for i in 0..<shape.count where shape[i] != 1 && strides[i] != 0 { return false }
        return true
    }

    // The flags below use wrapping arithmetic: a layout whose sizes overflow is computed, then
    // rejected by `SizeArithmetic.checkView` (see Note [Checked size arithmetic]).

    static func computeContiguous(shape: Dims, strides: Dims) -> Bool {
        // A tensor with no elements is contiguous whatever its strides, as in PyTorch.
        if shape.contains(0) { return true }
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            let size = shape[i]
            if size == 1 { continue }
            if strides[i] != expected { return false }
            expected &*= size
        }
        return true
    }

    static func hasRowMajorStrides(shape: Dims, strides: Dims) -> Bool {
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            if strides[i] != expected { return false }
            expected &*= Swift.max(shape[i], 1)
        }
        return true
    }

    static func computeNonOverlappingAndDense(shape: Dims, strides: Dims) -> Bool {
        // The dims of size other than 1 by ascending stride, equal strides in dim order (a stable
        // insertion sort into an inline list: no allocation, as views of small tensors need).
        var dims = Dims()
        for d in 0..<shape.count where shape[d] != 1 {
            var i = dims.count
            dims.append(d)
            while i > 0 && strides[dims[i - 1]] > strides[d] {
                dims[i] = dims[i - 1]
                i -= 1
            }
            dims[i] = d
        }
        var expected = 1
        for d in dims {
            if shape[d] == 0 { return true }
            if strides[d] != expected { return false }
            expected &*= shape[d]
        }
        return true
    }

    /// Storage positions spanned: the lowest and one past the highest element offset (empty for no elements).
    @usableFromInline package var storageSpan: Range<Int> {
        if count == 0 { return offset..<offset }
        var low = offset
        var high = offset
        for i in 0..<rank {
            let reach = (shape[i] &- 1) &* strides[i]
            if reach < 0 { low &+= reach } else { high &+= reach }
        }
        return low..<(high &+ 1)
    }

    /// Whether two or more elements share a storage location (a stride 0 on a dim of size > 1,
    /// or overlapping strides). Conservative: `false` only when surely not.
    @usableFromInline package var hasInternalOverlap: Bool {
        if isNonOverlappingAndDense { return false }
        for i in 0..<rank where shape[i] > 1 && strides[i] == 0 { return true }
        // Sort dims by stride; non-overlapping if each stride exceeds the span of the smaller ones.
        let dims = (0..<rank).filter { shape[$0] > 1 }.sorted { strides[$0].magnitude < strides[$1].magnitude }
        var span: UInt = 0
        for d in dims {
            if strides[d].magnitude <= span { return true }
            span &+= strides[d].magnitude &* UInt(shape[d] - 1)
        }
        return false
    }

    /// Whether two elements surely share a storage location: PyTorch's `has_internal_overlap`
    /// answering YES (a stride 0 on a dim of size > 1), not "too hard".
    @usableFromInline package var hasProvableInternalOverlap: Bool {
        if isNonOverlappingAndDense { return false }
        for i in 0..<rank where shape[i] > 1 && strides[i] == 0 { return true }
        return false
    }

    /// Storage offset of the element at a multi-index.
    @inlinable package func offset(of index: Dims) -> Int {
        var o = offset
        for i in 0..<index.count { o += index[i] * strides[i] }
        return o
    }

    /// Storage offset of the element at a row-major flat index.
    @inlinable package func offset(ofFlat flat: Int) -> Int {
        if isContiguous { return offset + flat }
        var rest = flat
        var o = offset
        for i in stride(from: rank - 1, through: 0, by: -1) {
            let size = shape[i]
            o += (rest % size) * strides[i]
            rest /= size
        }
        return o
    }

    @usableFromInline package var description: String { "Layout(shape: \(shape), strides: \(strides), offset: \(offset))" }
}
