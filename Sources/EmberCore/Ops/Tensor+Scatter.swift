import EmberBackend

// MARK: - scatter_reduce

extension Tensor {
    /// A copy with `src`'s values combined into the positions `index` gives along `dim`:
    /// `out[index[i][j]][j] = reduce(out[index[i][j]][j], src[i][j])` for `dim` 0
    /// (`torch.scatter_reduce(input, dim, index, src, reduce, include_self=True)`). `reduce` is
    /// `.sum`, `.prod`, `.mean`, `.amax` or `.amin`, or PyTorch's string (`"amax"`); an unknown
    /// string fails with PyTorch's message. With `includeSelf: false` the values already at a
    /// scattered position take no part.
    ///
    /// `src` has this tensor's dtype; `index` (int64 or int32) has its rank and is no larger than
    /// `src`, nor than this tensor except along `dim`. As in PyTorch, a NaN wins in `amax` and
    /// `amin`, `"mean"` of integers rounds down (floor division), a position no value reaches
    /// keeps its value, and bool tensors take every reduction but `"mean"`.
    ///
    /// Differentiable in `self` and `src` for floating dtypes (`ScatterReduceBackward0`): `amax`
    /// and `amin` split the gradient evenly among tied values, `prod` handles zeros as PyTorch.
    public func scatterReduce(dim: Int, index: Tensor, src: Tensor, reduce: Reduction, includeSelf: Bool = true) -> Tensor {
        attempt { try scatterReduced(dim, index, src, reduce: reduce, includeSelf: includeSelf, inPlace: false) }
    }

    /// In-place `scatterReduce(dim:index:src:reduce:includeSelf:)` (`Tensor.scatter_reduce_`).
    /// Returns `self`.
    @discardableResult
    public func scatterReduce_(dim: Int, index: Tensor, src: Tensor, reduce: Reduction, includeSelf: Bool = true) -> Tensor {
        attemptVoid {
            if Tensor.recording(self, src) {
                _ = try scatterReduceReduction(dim, index, src, reduce: reduce)
                try checkInplace()
                try adoptResult(try scatterReduced(dim, index, src, reduce: reduce, includeSelf: includeSelf, inPlace: true))
            } else {
                try scatterReduceInPlace(dim, index, src, reduce: reduce, includeSelf: includeSelf)
            }
        }
        return self
    }

    /// The result, recorded; for an in-place op (whose result then overwrites `self`) the node
    /// saves a copy of the original `self`, as PyTorch's in-place derivatives do.
    private func scatterReduced(_ dim: Int, _ index: Tensor, _ src: Tensor, reduce: Reduction, includeSelf: Bool,
                                inPlace: Bool) throws(TensorError) -> Tensor {
        let out = try cloned()
        try out.scatterReduceInPlace(dim, index, src, reduce: reduce, includeSelf: includeSelf)
        if Tensor.recording(self, src) {
            let d = try normalizeDim(dim, rank: self.dim)
            let original = inPlace ? try cloned() : self
            recordScatterReduce(out, dim: d, index, src, reduce: reduce, includeSelf: includeSelf, original: original)
        }
        return out
    }

    /// The checks, then the reduction `reduce` names.
    private func scatterReduceReduction(_ dim: Int, _ index: Tensor, _ src: Tensor,
                                        reduce: Reduction) throws(TensorError) -> (dim: Int, reduction: IndexReduction) {
        let d = try checkScatterArguments(dim, index, .tensor(src))
        let reduction: IndexReduction
        switch reduce {
        case .sum, .mean: reduction = .add
        case .prod: reduction = .multiply
        case .amax: reduction = .maximum
        case .amin: reduction = .minimum
        case .unrecognized: throw TensorError.runtime("reduce argument must be either sum, prod, mean, amax or amin, got \(reduce)")
        }
        if reduce == .mean && dtype == .bool {
            throw TensorError.notImplemented("\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'")
        }
        return (d, reduction)
    }

    /// PyTorch's `scatter_reduce_two_cpu`: without `includeSelf` the scattered positions first
    /// take the reduction's identity; a mean divides each sum by its count (self included or not).
    func scatterReduceInPlace(_ dim: Int, _ index: Tensor, _ src: Tensor, reduce: Reduction,
                                      includeSelf: Bool) throws(TensorError) {
        let (d, reduction) = try scatterReduceReduction(dim, index, src, reduce: reduce)
        try checkInplace()
        if index.numel == 0 { return }
        if !includeSelf { try scatterApply(d, index, .scalar(identity(of: reduction)), reduce: .none) }
        try scatterApply(d, index, .tensor(src), reduce: reduction)
        guard reduce == .mean else { return }
        let counts = try Tensor.filled(layout.shape, .int(includeSelf ? 1 : 0), dtype: dtype, device: device, requiresGrad: false)
        try counts.scatterApply(d, index, .scalar(1), reduce: .add)
        // Positions no value reached keep their value: divide them by 1.
        backend.binary(.maximum, .buffer(counts.buffer), .scalar(1), into: counts.buffer)
        backend.binary(dtype.isFloatingPoint ? .div : .floorDivide, .buffer(buffer), .buffer(counts.buffer), into: buffer)
        bumpVersion()
    }

    /// The value a reduction starts from when `includeSelf` is false, in this tensor's dtype.
    private func identity(of reduction: IndexReduction) -> Scalar {
        switch (reduction, dtype) {
        case (.multiply, _): .int(1)
        case (.maximum, .bool): .bool(false)
        case (.minimum, .bool): .bool(true)
        case (.maximum, .int32): .int(Int64(Int32.min))
        case (.minimum, .int32): .int(Int64(Int32.max))
        case (.maximum, .int64): .int(Int64.min)
        case (.minimum, .int64): .int(Int64.max)
        case (.maximum, _): .float(-.infinity)
        case (.minimum, _): .float(.infinity)
        default: .int(0)
        }
    }
}
