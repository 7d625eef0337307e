import EmberBackend

// MARK: - take_along_dim, put, argwhere

extension Tensor {
    /// The values at `indices` along `dim`: `out[i][j] = self[i][indices[i][j]]` for `dim` 1
    /// (`torch.take_along_dim(input, indices, dim)`), as `gather`, except that `indices` and this
    /// tensor broadcast against each other in every dim but `dim`.
    ///
    /// `indices` is int64 with this tensor's rank. As PyTorch 2.15 does, a position outside
    /// `dim` wraps around (Python's modulo: `-1` is the last entry, `size` the first).
    /// Differentiable (`GatherBackward0`).
    public func takeAlongDim(_ indices: Tensor, dim: Int) -> Tensor {
        attempt {
            guard self.dim == indices.dim else {
                throw TensorError.runtime(
                    "torch.take_along_dim(): input and indices should have the same number of dimensions, but got \(self.dim) dimensions for input, and \(indices.dim) dimensions for indices")
            }
            guard indices.dtype == .int64 else {
                throw TensorError.runtime(
                    "torch.take_along_dim(): dtype of indices should be Long but got \(indices.dtype.scalarTypeName)")
            }
            let d = try normalizeDim(dim, rank: self.dim)
            // A 0-dim tensor has no size at the (wrapped) dim 0.
            guard self.dim > 0 else { throw TensorError.index("Dimension specified as 0 but tensor has no dimensions") }
            try checkSameDevice(indices)
            // PyTorch's `_take_along_dim_helper`: each side takes the other's sizes but along `dim`.
            var selfSizes = layout.shape
            selfSizes[d] = indices.layout.shape[d]
            let indexShape = try broadcastShapes(selfSizes, indices.layout.shape)
            var indexSizes = indices.layout.shape
            indexSizes[d] = layout.shape[d]
            let inputShape = try broadcastShapes(indexSizes, layout.shape)
            let size = layout.shape[d]
            if size == 0 && indexShape.product > 0 { throw TensorError.runtime("ZeroDivisionError") }
            var index = try indices.expanded(Array(indexShape))
            if size > 0 { index = index.remainder(size) }
            return try expanded(Array(inputShape)).gather(dim: d, index: index)
        }
    }

    /// The values at flat (row-major) positions `indices` (`torch.take_along_dim(input, indices)`
    /// with no `dim`): this tensor and `indices` flattened with `view(-1)` (so both must be
    /// viewable as 1-D, as in PyTorch), then `gather` along dim 0; positions must lie in range
    /// (negative ones are out of range). Differentiable (`GatherBackward0`).
    public func takeAlongDim(_ indices: Tensor) -> Tensor {
        view([-1]).gather(dim: 0, index: indices.view([-1]))
    }

    /// A copy with `source`'s values written at the flat (row-major) positions `index`, or added
    /// there with `accumulate` (`torch.Tensor.put(index, source, accumulate=False)`). Negative
    /// positions count from the end; without `accumulate`, the last write to a repeated position
    /// wins. `index` is int64 with as many elements as `source`, whose dtype is this tensor's.
    /// Differentiable in `self` and `source` (`PutBackward0`).
    public func put(index: Tensor, source: Tensor, accumulate: Bool = false) -> Tensor {
        attempt {
            try checkPutArguments(index, source)
            let out = try cloned()
            try out.putValues(index, source, accumulate: accumulate)
            if Tensor.recording(self, source) { recordPut(out, index: index, source: source, accumulate: accumulate) }
            return out
        }
    }

    /// In-place `put(index:source:accumulate:)` (`torch.Tensor.put_`). Returns `self`.
    @discardableResult
    public func put_(index: Tensor, source: Tensor, accumulate: Bool = false) -> Tensor {
        attemptVoid {
            try checkPutArguments(index, source)
            try checkInplace()
            guard Tensor.recordsInPlace(self, source) else { return try putValues(index, source, accumulate: accumulate) }
            try adoptResult(put(index: index, source: source, accumulate: accumulate))
        }
        return self
    }

    /// PyTorch's checks of `put_`'s arguments, in its order.
    private func checkPutArguments(_ index: Tensor, _ source: Tensor) throws(TensorError) {
        guard index.dtype == .int64 else {
            throw TensorError.runtime("put_(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
        }
        guard source.dtype == dtype else {
            throw TensorError.runtime(
                "put_(): self and source expected to have the same dtype, but got self.dtype = \(dtype.scalarTypeName) and source.dtype = \(source.dtype.scalarTypeName)")
        }
        try checkSameDevice(source)
        try checkSameDevice(index)
        guard source.numel == index.numel else {
            throw TensorError.index(
                "put_(): Expected source and index to have the same number of elements, but got source.numel() = \(source.numel), index.numel() = \(index.numel)")
        }
        if numel == 0 && index.numel != 0 {
            throw TensorError.index("put_(): Tried to put elements into an empty tensor")
        }
    }

    /// The write of `put_`, on checked arguments: through a contiguous copy when this tensor is
    /// not contiguous (its row-major positions are not its storage's).
    private func putValues(_ index: Tensor, _ source: Tensor, accumulate: Bool) throws(TensorError) {
        if index.numel == 0 { return }
        let target = isContiguous ? self : try cloned()
        // The kernel iterates over the index's elements; the target is reached through them alone.
        let flat = target.buffer.with(layout: Layout(shape: [index.numel], strides: [0], offset: target.layout.offset))
        let positions = try index.contiguousFlat(), values = try source.contiguousFlat(copying: source.storage === storage)
        let operand = IndexOperand(indices: positions.buffer, stride: 1, size: numel)
        defer { withExtendedLifetime((positions, values)) {} }
        do throws(IndexOutOfRange) {
            try backend.indexPut(.buffer(values.buffer), [operand], into: flat, reduce: accumulate ? .add : .none)
        } catch {
            throw TensorError.index("out of range: tried to access index \(error.value) on a tensor of \(numel) elements.")
        }
        if target !== self {
            backend.copy(target.buffer, into: buffer)
        }
        bumpVersion()
    }

    /// This tensor's elements in row-major order as a contiguous 1-D tensor (a view when it is
    /// contiguous and `copying` is false, else a copy).
    private func contiguousFlat(copying: Bool = false) throws(TensorError) -> Tensor {
        let source = isContiguous && !copying ? self : try cloned()
        return source.makeDerivedView(Layout(shape: [numel], strides: [1], offset: source.layout.offset))
    }

    /// The multi-indices of the nonzero elements, as an int64 `[n, dim]` tensor in row-major
    /// order (`torch.argwhere`; the same as `nonzero()`). NaN counts as nonzero.
    public func argwhere() -> Tensor {
        attempt { try nonzeroMatrix() }
    }
}
