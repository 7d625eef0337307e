import EmberBackend

// MARK: - View construction

extension Tensor {
    /// A tensor sharing this one's storage with another layout.
    /// The layout passes PyTorch's view checks first (see Note [Checked size arithmetic]), so a
    /// view op whose wrapping size arithmetic overflowed fails here with PyTorch's message.
    package func makeView(_ layout: Layout) throws(TensorError) -> Tensor {
        try SizeArithmetic.checkView(layout, itemSize: dtype.itemSize, storageBytes: storage.byteCount)
        return makeDerivedView(layout)
    }

    /// A view whose layout only reorders, drops or adds size-1 dims of this tensor's layout, or
    /// selects inside bounds already checked: its sizes, strides and reach are this tensor's, so
    /// it skips `makeView`'s checks.
    package func makeDerivedView(_ layout: Layout) -> Tensor {
        let view = Tensor(storage: storage, layout: layout, dtype: dtype)
        view.viewBase = viewBase ?? self
        return view
    }
}

// MARK: - Reshaping

extension Tensor {
    /// A view with a new shape (`tensor.view(*shape)`); one size may be -1 and is inferred.
    /// Stops with PyTorch's message when the layout cannot be expressed without a copy.
    public func view(_ shape: Int...) -> Tensor { view(shape) }

    /// A view with a new shape (`tensor.view(shape)`).
    public func view(_ shape: [Int]) -> Tensor {
        attempt {
            let newShape = try inferSize(shape, count: numel)
            guard let strides = computeViewStrides(newShape) else {
                throw TensorError.runtime(
                    "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
                )
            }
            return recordView(try makeView(Layout(shape: newShape, strides: strides, offset: layout.offset)))
        }
    }

    /// A view shaped like `other` (`tensor.view_as(other)`).
    public func view(as other: Tensor) -> Tensor { view(other.shape) }

    /// This tensor with a new shape: a view when the layout allows, else a copy (`tensor.reshape(*shape)`).
    public func reshape(_ shape: Int...) -> Tensor { reshape(shape) }

    /// This tensor with a new shape (`tensor.reshape(shape)`).
    public func reshape(_ shape: [Int]) -> Tensor {
        attempt {
            let newShape = try inferSize(shape, count: numel)
            if let strides = computeViewStrides(newShape) {
                return recordView(try makeView(Layout(shape: newShape, strides: strides, offset: layout.offset)))
            }
            let copy = contiguous()  // records CloneBackward0 when recording
            let result = Tensor(storage: copy.storage, layout: Layout(contiguous: newShape), dtype: dtype)
            return copy.recordUnsafeView(result)
        }
    }

    /// Shaped like `other` (`tensor.reshape_as(other)`).
    public func reshape(as other: Tensor) -> Tensor { reshape(other.shape) }

    /// Dims `startDim...endDim` merged into one (`tensor.flatten(start_dim, end_dim)`).
    public func flatten(startDim: Int = 0, endDim: Int = -1) -> Tensor {
        attempt {
            if dim == 0 { return reshape([1]) }
            let start = try normalizeDim(startDim, rank: dim), end = try normalizeDim(endDim, rank: dim)
            guard start <= end else {
                throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim")
            }
            if start == end { return self }
            var shape = Array(layout.shape[..<start])
            shape.append(layout.shape[start...end].reduce(1, *))
            shape.append(contentsOf: layout.shape[(end + 1)...])
            return reshape(shape)
        }
    }

    /// One dim split into `sizes` (`tensor.unflatten(dim, sizes)`); one size may be -1.
    public func unflatten(dim: Int, sizes: [Int]) -> Tensor {
        attempt {
            guard self.dim > 0 else {
                // PyTorch's text, up to the C++ stack trace it appends.
                throw TensorError.runtime(
                    "unflatten got an unexpected error:\nDimension specified as \(dim) but tensor has no dimensions")
            }
            let d = try normalizeDim(dim, rank: self.dim)
            guard !sizes.isEmpty else { throw TensorError.runtime("unflatten: sizes must be non-empty") }
            let count = layout.shape[d]
            // Sizes that are valid but do not multiply up get unflatten's own message.
            if sizes.allSatisfy({ $0 >= -1 }) && sizes.filter({ $0 == -1 }).count <= 1 {
                let product = sizes.filter { $0 != -1 }.reduce(1, &*)
                let fits = sizes.contains(-1) ? (product == 0 ? count == 0 : count % product == 0) : product == count
                guard fits else {
                    throw TensorError.runtime(
                        "unflatten: Provided sizes \(Dims(sizes)) don't multiply up to the size of dim \(d) (\(count)) in the input tensor")
                }
            }
            let inner = try inferSize(sizes, count: count)
            var shape = Array(layout.shape[..<d])
            shape.append(contentsOf: inner)
            shape.append(contentsOf: layout.shape[(d + 1)...])
            return view(shape)
        }
    }

    /// A 1-D tensor of all elements: a view when possible (`tensor.ravel()`).
    public func ravel() -> Tensor { reshape([-1]) }

    /// Resolves a -1 in `shape` against `count` elements (PyTorch's `infer_size`).
    func inferSize(_ shape: [Int], count: Int) throws(TensorError) -> Dims {
        var result = Dims(shape)
        var inferred: Int?
        var product = 1
        for (i, size) in shape.enumerated() {
            if size == -1 {
                if inferred != nil { throw TensorError.runtime("only one dimension can be inferred") }
                inferred = i
            } else if size >= 0 {
                product &*= size  // wrapping, as PyTorch's `infer_size` (see Note [Checked size arithmetic])
            } else {
                throw TensorError.runtime("invalid shape dimension \(size) at index \(i) of shape \(Dims(shape))")
            }
        }
        if let inferred {
            if product == 0 {
                throw TensorError.runtime(
                    "cannot reshape tensor of 0 elements into shape \(Dims(shape)) because the unspecified dimension size -1 can be any value and is ambiguous")
            }
            if count % product == 0 {
                result[inferred] = count / product
                return result
            }
        } else if product == count {
            return result
        }
        throw TensorError.runtime("shape '\(Dims(shape))' is invalid for input of size \(count)")
    }

    /// Strides that express `newShape` over this layout without copying (PyTorch's `computeStride`), or nil.
    /// Wrapping arithmetic: `newShape` may hold sizes whose product overflowed (see Note [Checked size arithmetic]).
    func computeViewStrides(_ newShape: Dims) -> Dims? {
        let oldShape = layout.shape, oldStrides = layout.strides
        if oldShape.isEmpty { return Dims(repeating: 1, count: newShape.count) }
        let count = layout.count
        if count == 0 && oldShape == newShape { return oldStrides }
        var newStrides = Dims(repeating: 0, count: newShape.count)
        if count == 0 {
            for d in Swift.stride(from: newShape.count - 1, through: 0, by: -1) {
                newStrides[d] = d == newShape.count - 1 ? 1 : max(newShape[d + 1], 1) &* newStrides[d + 1]
            }
            return newStrides
        }
        var viewD = newShape.count - 1
        var chunkBaseStride = oldStrides[oldStrides.count - 1]
        var tensorNumel = 1, viewNumel = 1
        for tensorD in Swift.stride(from: oldShape.count - 1, through: 0, by: -1) {
            tensorNumel &*= oldShape[tensorD]
            if tensorD == 0
                || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel &* chunkBaseStride)
            {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel &* chunkBaseStride
                    viewNumel &*= newShape[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if tensorD > 0 {
                    chunkBaseStride = oldStrides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
        }
        return viewD == -1 ? newStrides : nil
    }
}

// MARK: - Reordering dims

extension Tensor {
    /// Dims `dim0` and `dim1` swapped (`tensor.transpose(dim0, dim1)`).
    public func transpose(_ dim0: Int, _ dim1: Int) -> Tensor {
        attempt {
            let a = try normalizeDim(dim0, rank: dim), b = try normalizeDim(dim1, rank: dim)
            if dim == 0 { return recordTranspose(makeDerivedView(layout), a, b, isScalar: true) }
            var shape = layout.shape, strides = layout.strides
            shape.swapAt(a, b)
            strides.swapAt(a, b)
            return recordTranspose(makeDerivedView(Layout(shape: shape, strides: strides, offset: layout.offset)), a, b)
        }
    }

    /// The transpose of a matrix; 0-D and 1-D tensors come back as they are (`tensor.t()`).
    public func t() -> Tensor {
        attempt {
            guard dim <= 2 else {
                throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(dim)D")
            }
            let view = dim < 2 ? makeDerivedView(layout) : withNoGrad { transpose(0, 1) }
            return recordT(view)
        }
    }

    /// The last two dims swapped (`tensor.mT`).
    public var mT: Tensor {
        attempt {
            guard dim >= 2 else {
                throw TensorError.runtime("tensor.mT is only supported on matrices or batches of matrices. Got \(dim)-D tensor.")
            }
            return transpose(-2, -1)
        }
    }

    /// Dims reordered (`tensor.permute(*dims)`).
    public func permute(_ dims: Int...) -> Tensor { permute(dims) }

    /// Dims reordered (`tensor.permute(dims)`).
    public func permute(_ dims: [Int]) -> Tensor {
        attempt {
            guard dims.count == dim else {
                throw TensorError.runtime(
                    "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(dim) is not equal to len(dims) = \(dims.count)")
            }
            var seen = [Bool](repeating: false, count: dim)
            var shape = Dims(), strides = Dims()
            for d in dims {
                let n = try normalizeDim(d, rank: dim)
                guard !seen[n] else { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
                seen[n] = true
                shape.append(layout.shape[n])
                strides.append(layout.strides[n])
            }
            var inverse = [Int](repeating: 0, count: dim)
            for (i, d) in dims.enumerated() { inverse[d < 0 ? d + dim : d] = i }
            return recordPermute(makeDerivedView(Layout(shape: shape, strides: strides, offset: layout.offset)), inverse: inverse)
        }
    }

    /// Dim `source` moved to position `destination` (`tensor.movedim(source, destination)`).
    public func movedim(_ source: Int, _ destination: Int) -> Tensor {
        attempt {
            let s = try normalizeDim(source, rank: dim), d = try normalizeDim(destination, rank: dim)
            if dim == 0 { return self }
            var order = Array(0..<dim)
            order.remove(at: s)
            order.insert(s, at: d)
            return permute(order)
        }
    }
}

// MARK: - Adding and removing dims

extension Tensor {
    /// All dims of size 1 removed (`tensor.squeeze()`).
    public func squeeze() -> Tensor {
        var shape = Dims(), strides = Dims()
        for d in 0..<dim where layout.shape[d] != 1 {
            shape.append(layout.shape[d])
            strides.append(layout.strides[d])
        }
        return recordSqueeze(makeDerivedView(Layout(shape: shape, strides: strides, offset: layout.offset)), allDims: true)
    }

    /// Dim `dim` removed if its size is 1; otherwise unchanged (`tensor.squeeze(dim)`).
    public func squeeze(dim: Int) -> Tensor {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            guard self.dim > 0, layout.shape[d] == 1 else {
                return recordSqueeze(makeDerivedView(layout), allDims: false)
            }
            var shape = layout.shape, strides = layout.strides
            shape.remove(at: d)
            strides.remove(at: d)
            return recordSqueeze(makeDerivedView(Layout(shape: shape, strides: strides, offset: layout.offset)), allDims: false)
        }
    }

    /// A dim of size 1 inserted at `dim` (`tensor.unsqueeze(dim)`).
    public func unsqueeze(dim: Int) -> Tensor {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim + 1)
            var shape = layout.shape, strides = layout.strides
            let stride = d >= self.dim ? 1 : layout.shape[d] * layout.strides[d]
            shape.insert(1, at: d)
            strides.insert(stride, at: d)
            return recordUnsqueeze(makeDerivedView(Layout(shape: shape, strides: strides, offset: layout.offset)), dim: d)
        }
    }

    /// Size-1 dims repeated to `sizes` without copying (stride 0); -1 keeps a size (`tensor.expand(*sizes)`).
    public func expand(_ sizes: Int...) -> Tensor { expand(sizes) }

    /// Expanded to `sizes` (`tensor.expand(sizes)`).
    public func expand(_ sizes: [Int]) -> Tensor {
        attempt { try expanded(sizes) }
    }

    /// `expand(sizes)` that throws its error.
    package func expanded(_ sizes: [Int]) throws(TensorError) -> Tensor {
        try expanded(dims: Dims(sizes))
    }

    /// `expand(sizes)` from sizes already in a `Dims` (no array on the way).
    package func expanded(dims sizes: Dims) throws(TensorError) -> Tensor {
        let layout = try expandedLayout(sizes)
        // An expanded layout reaches no byte that this one does not (kept dims keep their
        // strides, added and widened ones have stride 0): only its element count is checked.
        _ = try SizeArithmetic.count(layout.shape)
        // The engine sums the gradient back to this tensor's shape.
        return recordExpand(makeDerivedView(layout))
    }

    /// This tensor's layout expanded to `sizes` (-1 keeps a dim), with `expand`'s errors.
    package func expandedLayout(_ sizes: Dims) throws(TensorError) -> Layout {
        guard sizes.count >= dim else {
            throw TensorError.runtime(
                "expand(\(dtype.legacyTensorTypeName){\(layout.shape)}, size=\(sizes)): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(dim))")
        }
        let lead = sizes.count - dim
        var shape = Dims(repeating: 0, count: sizes.count), strides = shape
        // From the last dim, as PyTorch's `inferExpandGeometry` goes: its error names the last
        // mismatch.
        for i in (0..<sizes.count).reversed() {
            let target = sizes[i], d = i - lead
            if d < 0 {
                guard target >= 0 else {
                    throw TensorError.runtime(
                        "The expanded size of the tensor (\(target)) isn't allowed in a leading, non-existing dimension \(i)")
                }
                shape[i] = target
                continue
            }
            let size = layout.shape[d]
            let wanted = target == -1 ? size : target
            if size == wanted {
                shape[i] = size
                strides[i] = layout.strides[d]
            } else if size == 1 && wanted >= 0 {
                shape[i] = wanted
            } else {
                throw TensorError.runtime(
                    "The expanded size of the tensor (\(wanted)) must match the existing size (\(size)) at non-singleton dimension \(i).  Target sizes: \(sizes).  Tensor sizes: \(layout.shape)")
            }
        }
        return Layout(shape: shape, strides: strides, offset: layout.offset)
    }

    /// Expanded to `other`'s shape (`tensor.expand_as(other)`).
    public func expand(as other: Tensor) -> Tensor { expand(other.shape) }
}

// MARK: - Selecting parts

extension Tensor {
    /// `length` entries of `dim` from `start` (`tensor.narrow(dim, start, length)`).
    public func narrow(dim: Int, start: Int, length: Int) -> Tensor {
        attempt {
            guard self.dim > 0 else { throw TensorError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
            let d = try normalizeDim(dim, rank: self.dim)
            let size = layout.shape[d]
            guard start >= -size && start <= size else {
                throw TensorError.index(
                    "start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
            }
            let s = start < 0 ? start + size : start
            guard length >= 0 else { throw TensorError.runtime("narrow(): length must be non-negative.") }
            guard s <= size - length else {  // not `s + length`, which can overflow
                throw TensorError.runtime("start (\(s)) + length (\(length)) exceeds dimension size (\(size)).")
            }
            return try slicing(d, start: s, end: s + length, step: 1)
        }
    }

    /// `slice` recorded as `SliceBackward0`, whose gradient is itself differentiable
    /// (`SliceBackwardBackward0`, the slice again).
    package func slicing(_ d: Int, start: Int, end: Int, step: Int) throws(TensorError) -> Tensor {
        recordSlice(try slice(d, start: start, end: end, step: step), dim: d, start: start, end: end, step: step)
    }

    /// Entry `index` of `dim`, removing that dim (`tensor.select(dim, index)`).
    public func select(dim: Int, index: Int) -> Tensor {
        attempt {
            guard self.dim > 0 else { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
            let d = try normalizeDim(dim, rank: self.dim)
            let size = layout.shape[d]
            guard index >= -size && index < size else {
                throw TensorError.index(
                    "select(): index \(index) out of range for tensor of size \(layout.shape) at dimension \(d)")
            }
            let i = index < 0 ? index + size : index
            return recordSelect(selected(d, i), dim: d, index: i)
        }
    }

    /// The view at an already-checked index.
    package func selected(_ d: Int, _ index: Int) -> Tensor {
        var shape = layout.shape, strides = layout.strides
        let offset = layout.offset + index * strides[d]
        shape.remove(at: d)
        strides.remove(at: d)
        return makeDerivedView(Layout(shape: shape, strides: strides, offset: offset))
    }

    /// `start..<end` by `step` along dim `d`; bounds already clamped.
    package func slice(_ d: Int, start: Int, end: Int, step: Int) throws(TensorError) -> Tensor {
        guard step > 0 else { throw TensorError.value("step must be greater than zero") }
        var shape = layout.shape, strides = layout.strides
        // Wrapping, as PyTorch's C++ computes it: a step near Int.max gives PyTorch's length (-1)
        // and its error from the view check (see Note [Checked size arithmetic]).
        let length = end > start ? (end &- start &+ step &- 1) / step : 0
        let offset = layout.offset &+ start &* strides[d]  // as PyTorch, even for an empty slice
        shape[d] = length
        strides[d] &*= step
        return try makeView(Layout(shape: shape, strides: strides, offset: offset))
    }

    /// Sliding windows of `size` entries every `step` along `dim`, as a new last dim
    /// (`tensor.unfold(dimension, size, step)`).
    public func unfold(dim: Int, size: Int, step: Int) -> Tensor {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            let length = self.dim == 0 ? 1 : layout.shape[d]
            guard size <= length else {
                throw TensorError.runtime("maximum size for tensor at dimension \(d) is \(length) but size is \(size)")
            }
            guard step > 0 else { throw TensorError.runtime("step is \(step) but must be > 0") }
            guard size >= 0 else { throw TensorError.runtime("size is \(size) but must be >= 0") }
            var shape = layout.shape, strides = layout.strides
            let elementStride = self.dim == 0 ? 1 : strides[d]
            if self.dim > 0 {
                shape[d] = (length - size) / step + 1
                strides[d] &*= step
            }
            shape.append(size)
            strides.append(elementStride)
            let view = try makeView(Layout(shape: shape, strides: strides, offset: layout.offset))
            recordUnfold(view, dim: d, size: size, step: step)
            return view
        }
    }

    /// The diagonal of dims `dim1` and `dim2`, as a new last dim (`tensor.diagonal(offset, dim1, dim2)`).
    public func diagonal(offset: Int = 0, dim1: Int = 0, dim2: Int = 1) -> Tensor {
        attempt {
            let a = try normalizeDim(dim1, rank: dim), b = try normalizeDim(dim2, rank: dim)
            guard a != b else { throw TensorError.runtime("diagonal dimensions cannot be identical \(dim1), \(dim2)") }
            let sa = layout.shape[a], sb = layout.shape[b]
            // `sb - offset` and `sa + offset` cannot overflow: sizes are non-negative.
            let length = offset >= 0 ? max(min(sa, sb - offset), 0) : max(min(sa + offset, sb), 0)
            var start = layout.offset
            if length > 0 { start += offset >= 0 ? offset * layout.strides[b] : -offset * layout.strides[a] }
            var shape = Dims(), strides = Dims()
            for d in 0..<dim where d != a && d != b {
                shape.append(layout.shape[d])
                strides.append(layout.strides[d])
            }
            shape.append(length)
            strides.append(layout.strides[a] + layout.strides[b])
            return recordDiagonal(try makeView(Layout(shape: shape, strides: strides, offset: start))) {
                $0.diagonal(offset: offset, dim1: a, dim2: b)
            }
        }
    }

    /// A view with explicit sizes, strides and storage offset (`tensor.as_strided(size, stride, storage_offset)`).
    public func asStrided(_ size: [Int], _ stride: [Int], storageOffset: Int? = nil) -> Tensor {
        attempt {
            guard size.count == stride.count else {
                throw TensorError.runtime("mismatch in length of strides and shape")
            }
            for s in stride where s < 0 {
                throw TensorError.runtime("as_strided: Negative strides are not supported at the moment, got strides: \(Dims(stride))")
            }
            let offset = storageOffset ?? layout.offset
            // Negative sizes, overflowing reaches and out-of-bounds views fail here, as in PyTorch.
            let view = try makeView(Layout(shape: Dims(size), strides: Dims(stride), offset: offset))
            if Tensor.recording(self) {
                // AsStridedBackward0 keeps one int64 position per element of the view (see
                // `ElementMap`): a view too large to map fails here with the allocator's error.
                _ = try Tensor.uninitialized([view.numel], dtype: .int64, device: .cpu)
            }
            recordAsStrided(view)
            return view
        }
    }
}
