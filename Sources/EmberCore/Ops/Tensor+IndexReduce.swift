import EmberBackend

// MARK: - index_reduce

extension Tensor {
    /// A copy with `source`'s slices combined into the slices `index` names along `dim`:
    /// `out[index[i]] = reduce(out[index[i]], source[i])` for `dim` 0
    /// (`torch.Tensor.index_reduce(dim, index, source, reduce, include_self=True)`). `reduce` is
    /// `.prod`, `.mean`, `.amax` or `.amin` (or PyTorch's string, `"amax"`); `.sum` and unknown
    /// strings fail with PyTorch's message. With `includeSelf: false` the values already at a
    /// reached slice take no part.
    ///
    /// `index` is a 1-D (or 0-dim) int64 or int32 tensor of positions in `0..<size(dim)`;
    /// `source` has this tensor's dtype and shape except along `dim`, where its size is `index`'s
    /// length. As in PyTorch, a NaN wins in `amax` and `amin`, `mean` of integers rounds down, a
    /// slice no index reaches keeps its values, and bool tensors are not supported.
    ///
    /// Differentiable in `self` and `source` for floating dtypes (`IndexReduceBackward0`): `amax`
    /// and `amin` split the gradient evenly among tied values, `prod` handles zeros as PyTorch.
    public func indexReduce(dim: Int, index: Tensor, source: Tensor, reduce: Reduction, includeSelf: Bool = true) -> Tensor {
        attempt { try indexReduced(dim, index, source, reduce: reduce, includeSelf: includeSelf, inPlace: false) }
    }

    /// In-place `indexReduce(dim:index:source:reduce:includeSelf:)` (`torch.Tensor.index_reduce_`).
    /// Returns `self`.
    @discardableResult
    public func indexReduce_(dim: Int, index: Tensor, source: Tensor, reduce: Reduction, includeSelf: Bool = true) -> Tensor {
        attemptVoid {
            if Tensor.recordsInPlace(self, source) {
                _ = try indexReduceArguments(dim, index, source, reduce: reduce)
                try checkInplace()
                try adoptResult(try indexReduced(dim, index, source, reduce: reduce, includeSelf: includeSelf, inPlace: true))
            } else {
                let (d, expandedIndex) = try indexReduceArguments(dim, index, source, reduce: reduce)
                try checkInplace()
                try scatterReduceInPlace(d, expandedIndex, source, reduce: reduce, includeSelf: includeSelf)
            }
        }
        return self
    }

    /// The result, recorded; for an in-place op (whose result then overwrites `self`) the node
    /// saves a copy of the original `self`.
    private func indexReduced(_ dim: Int, _ index: Tensor, _ source: Tensor, reduce: Reduction, includeSelf: Bool,
                              inPlace: Bool) throws(TensorError) -> Tensor {
        let (d, expandedIndex) = try indexReduceArguments(dim, index, source, reduce: reduce)
        let out = try cloned()
        try out.scatterReduceInPlace(d, expandedIndex, source, reduce: reduce, includeSelf: includeSelf)
        if Tensor.recording(self, source) {
            recordIndexReduce(out, dim: d, expandedIndex, source, reduce: reduce, includeSelf: includeSelf,
                              original: inPlace ? try cloned() : self)
        }
        return out
    }

    /// PyTorch's checks of `index_reduce`'s arguments, in its order; the normalized dim and
    /// `index` seen as a `scatter_reduce` index (int64, `source`'s shape, stride 0 but along `dim`).
    private func indexReduceArguments(_ dim: Int, _ index: Tensor, _ source: Tensor,
                                      reduce: Reduction) throws(TensorError) -> (Int, Tensor) {
        switch reduce {
        case .prod, .mean, .amax, .amin: break
        default:
            throw TensorError.runtime("index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got \(reduce).")
        }
        let d = try checkIndexFuncArguments("index_reduce", dim, index, source)
        guard dtype != .bool else { throw TensorError.notImplemented("\"index_func_\" not implemented for 'Bool'") }
        let positions = try index.casted(.int64)
        let size = self.dim == 0 ? 1 : layout.shape[d]
        for position in try positions.scalarArray(as: Int64.self) where position < 0 || position >= size {
            throw TensorError.index("index out of range in self")
        }
        guard source.dim > 0 else {
            return (d, try positions.makeView(Layout(shape: [], strides: [], offset: positions.layout.offset)))
        }
        var strides = Dims(repeating: 0, count: source.dim)
        strides[d] = positions.dim == 0 ? 0 : positions.layout.strides[0]
        return (d, try positions.makeView(Layout(shape: source.layout.shape, strides: strides, offset: positions.layout.offset)))
    }
}
