import EmberBackend

// MARK: - Derivatives of the scans
//
// cumsum's gradient is the running sums of the gradient taken from the end; cumprod's divides
// those of `g * y` by the input, or, where the input holds a zero, computes them exactly.

extension Tensor {
    /// `cumsum` (`CumsumBackward0`) or `cumprod` (`CumprodBackward0`) along `d` of this tensor,
    /// `input` being it converted to the requested dtype. Recorded on this tensor even when
    /// `dtype` converted it (the engine casts the gradient back). A 0-dim input is its own
    /// running sum or product.
    package func recordScan(_ op: ScanOp, input: Tensor, result out: Tensor, dim d: Int) {
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
