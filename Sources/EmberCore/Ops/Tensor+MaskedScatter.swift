import EmberBackend

// MARK: - masked_scatter

extension Tensor {
    /// A copy with the elements where the bool `mask` is true replaced, in row-major order, by
    /// the leading elements of `source` read in its row-major order (`torch.masked_scatter`).
    /// `mask` and this tensor broadcast together; `source` has this tensor's dtype, any shape,
    /// and at least as many elements as `mask` has true ones.
    ///
    /// Differentiable in `self` and `source` (`MaskedScatterBackward0`).
    public func maskedScatter(_ mask: Tensor, _ source: Tensor) -> Tensor {
        attempt { try maskedScattered(mask, source) }
    }

    /// In-place `maskedScatter` (`Tensor.masked_scatter_`); `mask` must broadcast to this
    /// tensor's shape. Returns `self`.
    @discardableResult
    public func maskedScatter_(_ mask: Tensor, _ source: Tensor) -> Tensor {
        attemptVoid {
            if Tensor.recording(self, source) {
                _ = try checkMaskedScatterArguments(mask, source)
                try adoptResult(try maskedScattered(mask, source))
            } else {
                try maskedScatterInPlace(mask, source)
            }
        }
        return self
    }

    private func maskedScattered(_ mask: Tensor, _ source: Tensor) throws(TensorError) -> Tensor {
        let shape = try broadcastShapes(mask.layout.shape, layout.shape)
        let out = try makeView(layout.broadcast(to: shape)!).cloned()
        try out.maskedScatterInPlace(mask, source)
        if Tensor.recording(self, source) { recordMaskedScatter(out, mask: mask, source) }
        return out
    }

    /// PyTorch's `masked_scatter_` checks, in its order; the mask's layout in this tensor's shape.
    private func checkMaskedScatterArguments(_ mask: Tensor, _ source: Tensor) throws(TensorError) -> Layout {
        try checkInplace()
        guard dtype == source.dtype else {
            // Sic: PyTorch's message has no space after "got".
            throw TensorError.runtime(
                "masked_scatter: expected self and source to have same dtypes but got\(dtype.scalarTypeName) and \(source.dtype.scalarTypeName)")
        }
        guard mask.dim <= dim else {
            // PyTorch names the mask by its C++ type here (`CPUBoolType`), not as `torch.BoolTensor`.
            throw TensorError.runtime(
                "expand(CPU\(mask.dtype.scalarTypeName)Type{\(mask.layout.shape)}, size=\(layout.shape)): the number of sizes provided (\(dim)) must be greater or equal to the number of dimensions in the tensor (\(mask.dim))")
        }
        let maskLayout = try mask.expanded(Array(layout.shape)).layout
        guard mask.dtype == .bool else {
            throw TensorError.runtime("masked_scatter_ only supports boolean masks, but got mask with dtype \(mask.dtype.scalarTypeName)")
        }
        try checkSameDevice(mask)
        try checkSameDevice(source)
        return maskLayout
    }

    private func maskedScatterInPlace(_ mask: Tensor, _ source: Tensor) throws(TensorError) {
        var maskLayout = try checkMaskedScatterArguments(mask, source)
        let count = backend.countNonzero(mask.buffer.with(layout: maskLayout))
        guard count <= source.numel else {
            throw TensorError.runtime("Number of elements of source < number of ones in mask")
        }
        if count == 0 { return }
        // The source's leading `count` elements in row-major order, copied first (it may alias self).
        let flat = try Tensor.uninitialized([source.numel], dtype: dtype, device: device)
        backend.copy(source.buffer, into: flat.buffer.with(layout: Layout(contiguous: source.layout.shape)))
        let values = try flat.makeView(Layout(shape: [count], strides: [1], offset: 0))
        // `self[mask] = values`: PyTorch's `index_put_` writes the true positions in row-major order.
        if dim == 0 { maskLayout = Layout(shape: [1], strides: [0], offset: maskLayout.offset) }
        try asAtLeast1D().advancedIndexPut([try mask.makeView(maskLayout)], values)
    }
}
