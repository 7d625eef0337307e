import EmberBackend

// MARK: - index_copy

extension Tensor {
    /// A copy with the slices of `source` written at the entries `index` gives along `dim`:
    /// `out[index[i]] = source[i]` for `dim` 0 (`torch.index_copy(input, dim, index, source)`). `index` is a 1-D (or
    /// 0-dim) int64 tensor of positions in `0..<size(dim)`; `source` has this tensor's dtype and
    /// shape except along `dim`, where its size is `index`'s length. For a repeated position the
    /// last slice wins.
    ///
    /// Differentiable in `self` and `source` (`IndexCopyBackward0`).
    public func indexCopy(dim: Int, index: Tensor, source: Tensor) -> Tensor {
        attempt { try indexCopied(dim, index, source, inPlace: false) }
    }

    /// In-place `indexCopy(dim:index:source:)` (`Tensor.index_copy_`). Returns `self`.
    @discardableResult
    public func indexCopy_(dim: Int, index: Tensor, source: Tensor) -> Tensor {
        attemptVoid {
            if Tensor.recording(self, source) {
                _ = try checkIndexCopyArguments(dim, index, source)
                try checkInplace()
                try adoptResult(try indexCopied(dim, index, source, inPlace: true))
            } else {
                try indexCopyInPlace(dim, index, source)
            }
        }
        return self
    }

    private func indexCopied(_ dim: Int, _ index: Tensor, _ source: Tensor, inPlace: Bool) throws(TensorError) -> Tensor {
        let out = try cloned()
        try out.indexCopyInPlace(dim, index, source)
        if Tensor.recording(self, source) { recordIndexCopy(out, dim: try normalizeDim(dim, rank: self.dim), index, source) }
        return out
    }

    /// PyTorch's `index_copy_` checks, in its order; the normalized dim.
    private func checkIndexCopyArguments(_ dim: Int, _ index: Tensor, _ source: Tensor) throws(TensorError) -> Int {
        let d = try normalizeDim(dim, rank: self.dim)
        guard index.dim < 2 else {
            throw TensorError.index("index_copy_(): Index should have dimension 1 or 0 (got \(index.dim))")
        }
        let count = index.numel
        if source.dim == 0 && count != 1 {
            throw TensorError.index("index_copy_(): When source is scalar, index should have one element (got \(count))")
        }
        if source.dim != self.dim && source.dim != 0 && self.dim != 0 {
            throw TensorError.index(
                "index_copy_(): When source and destination are not scalars, their dimensionality must match. Source dimensionality (\(source.dim)), destination dimensionality (\(self.dim))")
        }
        guard index.dtype == .int64 else {
            throw TensorError.runtime("index_copy_(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
        }
        guard dtype == source.dtype else {
            throw TensorError.runtime(
                "index_copy_(): self and source expected to have the same dtype, but got (self) \(dtype.scalarTypeName) and (source) \(source.dtype.scalarTypeName)")
        }
        try checkSameDevice(source)
        try checkSameDevice(index)
        var selfSlice = Array(layout.shape), sourceSlice = Array(source.layout.shape)
        if !selfSlice.isEmpty { selfSlice.remove(at: d) }
        if !sourceSlice.isEmpty { sourceSlice.remove(at: d) }
        guard selfSlice == sourceSlice else {
            // PyTorch prints the slice shapes as space-separated sizes.
            func sizes(_ s: [Int]) -> String { s.map(String.init).joined(separator: " ") }
            throw TensorError.runtime(
                "index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: \(sizes(selfSlice)) at dimension \(d) and source slice shape: \(sizes(sourceSlice)) at dimension 0.")
        }
        if source.dim > 0 && count != source.layout.shape[d] {
            throw TensorError.index(
                "index_copy_(): Number of indices (\(count)) should be equal to source.size(dim) (\(source.layout.shape[d]))")
        }
        return d
    }

    private func indexCopyInPlace(_ dim: Int, _ index: Tensor, _ source: Tensor) throws(TensorError) {
        let d = try checkIndexCopyArguments(dim, index, source)
        try checkInplace()
        try checkNoOverlap(with: source)
        if index.numel == 0 || source.numel == 0 || numel == 0 { return }
        let src = source.storage === storage ? try source.cloned().asAtLeast1D() : source.asAtLeast1D()
        defer { withExtendedLifetime(src) {} }
        try putAlongDim(d, index, .buffer(src.buffer), shape: src.layout.shape, reduce: .none, allowsNegative: false) { error in
            TensorError.index("index_copy_(): index \(error.value) is out of bounds for dimension \(d) with size \(error.size)")
        }
    }
}

extension Tensor {
    /// PyTorch's `assert_no_overlap`: a dense source sharing any of this dense tensor's memory
    /// (fully or partly) stops the write; other layouts are "too hard" to tell and pass.
    fileprivate func checkNoOverlap(with source: Tensor) throws(TensorError) {
        try checkNoPartialOverlap(with: source)
        guard source.storage === storage, numel > 0, source.numel > 0, layout.isNonOverlappingAndDense,
            source.layout.isNonOverlappingAndDense, layout.offset == source.layout.offset, layout.strides == source.layout.strides
        else { return }
        throw TensorError.runtime(
            "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.")
    }
}

// MARK: - index_fill

extension Tensor {
    /// A copy with `value` written in the slices `index` gives along `dim`
    /// (`torch.index_fill(input, dim, index, value)`).
    /// `index` is a 1-D (or 0-dim) int64 tensor; negative positions count from the end. `value`
    /// is a number or a 0-dim tensor, converted to this tensor's dtype.
    ///
    /// Differentiable in `self` (`IndexFillBackward0` for a number, `IndexFillBackward1` for a
    /// tensor value, which gets the sum of the filled entries' gradients).
    public func indexFill(dim: Int, index: Tensor, value: some TensorOperand) -> Tensor {
        attempt { try indexFilled(dim, index, value.operandValue) }
    }

    /// In-place `indexFill(dim:index:value:)` (`Tensor.index_fill_`). As in PyTorch, an expanded tensor may be
    /// filled. Returns `self`.
    @discardableResult
    public func indexFill_(dim: Int, index: Tensor, value: some TensorOperand) -> Tensor {
        attemptVoid {
            let valueTensor = value.operandValue.asTensor
            if Tensor.recording([self, valueTensor]) {
                _ = try checkIndexFillArguments(dim, index, value.operandValue)
                try checkInplace(allowingOverlap: true)
                try adoptResult(try indexFilled(dim, index, value.operandValue))
            } else {
                try indexFillInPlace(dim, index, value.operandValue)
            }
        }
        return self
    }

    private func indexFilled(_ dim: Int, _ index: Tensor, _ value: OperandValue) throws(TensorError) -> Tensor {
        let out = try cloned()
        try out.indexFillInPlace(dim, index, value)
        let valueTensor = value.asTensor
        if Tensor.recording([self, valueTensor]) {
            recordIndexFill(out, dim: try normalizeDim(dim, rank: self.dim), index, value: valueTensor)
        }
        return out
    }

    /// PyTorch's `index_fill_` checks, in its order; the normalized dim and the value.
    private func checkIndexFillArguments(_ dim: Int, _ index: Tensor, _ value: OperandValue) throws(TensorError) -> (Int, Scalar) {
        let fill: Scalar
        switch value {
        case .scalar(let s):
            try Tensor.checkFillValue(s, fits: dtype)  // 1 << 40 into int32 raises, as in PyTorch
            fill = s
        case .tensor(let t):
            guard t.dim == 0 else {
                throw TensorError.runtime(
                    "index_fill_ only supports a 0-dimensional value tensor, but got tensor with \(t.dim) dimension(s).")
            }
            fill = try t.scalarValue()
        }
        guard index.dtype == .int64 else { throw TensorError.index("index_fill_(): Expected dtype int64 for index.") }
        let d = try normalizeDim(dim, rank: self.dim)
        guard index.dim <= 1 else { throw TensorError.runtime("Index has to be a vector/scalar") }
        try checkSameDevice(index)
        return (d, fill)
    }

    private func indexFillInPlace(_ dim: Int, _ index: Tensor, _ value: OperandValue) throws(TensorError) {
        let (d, fill) = try checkIndexFillArguments(dim, index, value)
        try checkInplace(allowingOverlap: true)
        var shape = asAtLeast1D().layout.shape
        shape[d] = index.numel
        try putAlongDim(d, index, .scalar(fill), shape: shape, reduce: .none, allowsNegative: true) { error in
            TensorError.index("index \(error.value) is out of bounds for dimension \(d) with size \(error.size)")
        }
    }
}

extension OperandValue {
    /// The tensor, or nil for a number.
    fileprivate var asTensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }
}
