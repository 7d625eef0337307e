import EmberBackend

// MARK: - Cumulative sums and products

extension Tensor {
    /// Running sums along `dim` (`torch.cumsum(input, dim, dtype=None)`). Integer and bool
    /// tensors give int64; `dtype` converts the input first. Floating sums accumulate in double.
    public func cumsum(dim: Int, dtype: DType? = nil) -> Tensor {
        attempt { try scanned(.sum, "cumsum", dim: dim, dtype: dtype) }
    }

    /// Running products along `dim` (`torch.cumprod(input, dim, dtype=None)`). Integer and bool
    /// tensors give int64.
    public func cumprod(dim: Int, dtype: DType? = nil) -> Tensor {
        attempt { try scanned(.prod, "cumprod", dim: dim, dtype: dtype) }
    }

    func scanned(_ op: ScanOp, _ name: String, dim: Int, dtype requested: DType?) throws(TensorError) -> Tensor {
        let d = try normalizeDim(dim, rank: self.dim)
        if requested == .bool {
            throw TensorError.notImplemented("\"\(name)_out_cpu\" not implemented for 'Bool'")
        }
        let input = try casted(requested ?? dtype)
        let output = requested ?? (dtype.isFloatingPoint ? dtype : .int64)
        let out = try input.uninitializedLike(dtype: output)
        // A 0-dim tensor is one slice of one element.
        let shape: Dims = self.dim == 0 ? [1] : input.layout.shape
        let source = self.dim == 0
            ? input.buffer.with(layout: Layout(shape: [1], strides: [1], offset: input.layout.offset)) : input.buffer
        if out.numel > 0 {
            backend.scan(op, source, dim: d, into: out.buffer.with(layout: Layout(contiguous: shape)))
        }
        if Tensor.recording(self) && output.isFloatingPoint {
            // Recorded on this tensor even when `dtype` converted it (the engine casts the gradient
            // back). A 0-dim input is its own running sum or product.
            let scanDim: Int? = self.dim == 0 ? nil : d
            switch op {
            case .sum:
                // CumsumBackward0: the running sums of the gradient taken from the end.
                Tensor.record("CumsumBackward0", inputs: [self], outputs: [out]) { g, _ in
                    [scanDim.map { g[0].flip(dims: $0).cumsum(dim: $0).flip(dims: $0) } ?? g[0]]
                }
            case .prod:
                Tensor.record("CumprodBackward0", inputs: [self], outputs: [out], saving: [input, out]) { g, s in
                    [scanDim.map { Tensor.cumprodBackward(g[0], input: s[0], result: s[1], dim: $0) } ?? g[0]]
                }
            }
        }
        return out
    }

    /// The gradient of `cumprod` along `d`: `sum_{j >= k} g_j * y_j / x_k`, the running sums of
    /// `g * y` from the end divided by `x` when no element is zero; else, exactly,
    /// `sum_{j >= k} g_j * prod_{i <= j, i != k} x_i` from copies with one element left out.
    static func cumprodBackward(_ g: Tensor, input x: Tensor, result y: Tensor, dim d: Int) -> Tensor {
        let hasZero = (x .== 0).any().scalars(as: Bool.self).first ?? false
        if !hasZero { return (g * y).flip(dims: d).cumsum(dim: d).flip(dims: d) / x }
        let n = x.shape[d]
        let partial = x.copiesWithOneOnDiagonal(d).cumprod(dim: d + 1)  // [..., k, j, ...]
        let positions = Tensor.arange(n, dtype: .int64, device: x.device)
        let later = (positions.unsqueeze(dim: 1) .<= positions).reshape(pairShape(n, at: d, rank: x.dim + 1))
        return (Tensor.where(later, partial, 0.0) * g.unsqueeze(dim: d)).sum(dim: d + 1)
    }
}
