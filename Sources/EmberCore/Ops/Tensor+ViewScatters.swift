import EmberBackend

// MARK: - diagonal_scatter, select_scatter, slice_scatter
//
// The out-of-place forms of writing through a view: a copy of `self` with `src` copied into the
// view (`diagonal`, `select` or `slice`) of that copy, `src` having exactly the view's shape.

extension Tensor {
    /// A copy with `src` written into the diagonal of dims `dim1` and `dim2`
    /// (`torch.diagonal_scatter(input, src, offset=0, dim1=0, dim2=1)`); `src` has the shape of
    /// `diagonal(offset:dim1:dim2:)` and is converted to this tensor's dtype. Differentiable in
    /// both (`DiagonalScatterBackward0`).
    public func diagonalScatter(_ src: Tensor, offset: Int = 0, dim1: Int = 0, dim2: Int = 1) -> Tensor {
        attempt {
            let a = try normalizeDim(dim1, rank: dim), b = try normalizeDim(dim2, rank: dim)
            guard a != b else { throw TensorError.runtime("diagonal dimensions cannot be identical \(dim1), \(dim2)") }
            let out = try scatteredIntoView(src) { $0.diagonal(offset: offset, dim1: a, dim2: b) }
            if Tensor.recording(self, src) {
                recordViewScatter(out, src, "DiagonalScatterBackward0") { $0.diagonal(offset: offset, dim1: a, dim2: b) } scatter: {
                    $0.diagonalScatter($1, offset: offset, dim1: a, dim2: b)
                }
            }
            return out
        }
    }

    /// A copy with `src` written into entry `index` of `dim` (`torch.select_scatter(input, src,
    /// dim, index)`); `src` has the shape of `select(dim:index:)` and is converted to this
    /// tensor's dtype. Differentiable in both (`SelectScatterBackward0`).
    public func selectScatter(_ src: Tensor, dim: Int, index: Int) -> Tensor {
        attempt {
            guard self.dim > 0 else { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
            let d = try normalizeDim(dim, rank: self.dim)
            let size = layout.shape[d]
            guard index >= -size && index < size else {
                throw TensorError.index("select(): index \(index) out of range for tensor of size \(layout.shape) at dimension \(d)")
            }
            let i = index < 0 ? index + size : index
            let out = try scatteredIntoView(src) { $0.selected(d, i) }
            if Tensor.recording(self, src) {
                recordViewScatter(out, src, "SelectScatterBackward0") { $0.select(dim: d, index: i) } scatter: {
                    $0.selectScatter($1, dim: d, index: i)
                }
            }
            return out
        }
    }

    /// A copy with `src` written into the entries `start..<end` by `step` of `dim`
    /// (`torch.slice_scatter(input, src, dim=0, start=None, end=None, step=1)`); the bounds are
    /// clamped as Python's slices are, and `src` has the slice's shape and is converted to this
    /// tensor's dtype. Differentiable in both (`SliceScatterBackward0`).
    public func sliceScatter(_ src: Tensor, dim: Int = 0, start: Int? = nil, end: Int? = nil, step: Int = 1) -> Tensor {
        attempt {
            guard self.dim > 0 else { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
            let d = try normalizeDim(dim, rank: self.dim)
            guard step > 0 else { throw TensorError.runtime("slice step must be positive") }
            let size = layout.shape[d]
            func clamp(_ bound: Int) -> Int { Swift.min(Swift.max(bound < 0 ? bound + size : bound, 0), size) }
            let s = clamp(start ?? 0), e = Swift.max(clamp(end ?? size), s)
            let out = try scatteredIntoView(src) { (view: Tensor) throws(TensorError) in try view.slice(d, start: s, end: e, step: step) }
            if Tensor.recording(self, src) {
                recordViewScatter(out, src, "SliceScatterBackward0") { $0.narrowedSlice(d, s, e, step) } scatter: {
                    $0.sliceScatter($1, dim: d, start: s, end: e, step: step)
                }
            }
            return out
        }
    }

    /// The recorded slice (`SliceBackward0`) of already clamped bounds.
    private func narrowedSlice(_ d: Int, _ start: Int, _ end: Int, _ step: Int) -> Tensor {
        attempt { try slicing(d, start: start, end: end, step: step) }
    }

    /// A copy of this tensor with `src` copied into `view` of the copy, after PyTorch's check
    /// that `src` has the view's shape. Not recorded.
    private func scatteredIntoView(_ src: Tensor, _ view: (Tensor) throws(TensorError) -> Tensor) throws(TensorError) -> Tensor {
        let out = try cloned()
        let target = try view(out)
        guard target.layout.shape == src.layout.shape else {
            throw TensorError.runtime(
                "expected src to have a size equal to the slice of self. src size = \(src.layout.shape), slice size = \(target.layout.shape)")
        }
        try target.copyIn(src.detach())
        return out
    }
}
