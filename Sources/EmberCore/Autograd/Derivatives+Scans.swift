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

    /// The gradient of `cumprod` along `d`, as PyTorch's `cumprod_backward`: the gradient itself
    /// along a dim of size one; `sum_{j >= k} g_j * y_j / x_k`, the running sums of `g * y` from
    /// the end divided by `x`, when no element is zero; else, in a slice whose first zero is at
    /// `z`, that formula with the sums stopped before `z` for `k < z`, the exact
    /// `sum_{j >= z} g_j * prod_{i <= j, i != z} x_i` at `z` (from copies with one element left
    /// out), and zero after `z`.
    static func cumprodBackward(_ g: Tensor, input x: Tensor, result y: Tensor, dim d: Int) -> Tensor {
        if x.shape[d] <= 1 { return g }
        let isZero = x .== 0
        let hasZero = isZero.any().scalars(as: Bool.self).first ?? false
        if !hasZero { return (g * y).flip(dims: d).cumsum(dim: d).flip(dims: d) / x }
        let n = x.shape[d]
        let zerosSoFar = isZero.cumsum(dim: d)
        let beforeZero = zerosSoFar .== 0, firstZero = isZero.logicalAnd(zerosSoFar .== 1)
        let before = Tensor.where(beforeZero, g * y, 0.0).flip(dims: d).cumsum(dim: d).flip(dims: d) / x
        let partial = x.copiesWithOneOnDiagonal(d).cumprod(dim: d + 1)  // [..., k, j, ...]
        let positions = Tensor.arange(n, dtype: .int64, device: x.device)
        let later = (positions.unsqueeze(dim: 1) .<= positions).reshape(pairShape(n, at: d, rank: x.dim + 1))
        let atZero = (Tensor.where(later, partial, 0.0) * g.unsqueeze(dim: d)).sum(dim: d + 1)
        return Tensor.where(beforeZero, before, Tensor.where(firstZero, atZero, 0.0))
    }
}

// MARK: logcumsumexp

extension Tensor {
    /// `logcumsumexp` along `d` (`LogcumsumexpBackward0`), PyTorch's `logcumsumexp_backward`: the
    /// gradient's positive and negative parts, each as a log (the dtype's lowest value for none),
    /// run back through a reversed `logcumsumexp` against the result. Built from differentiable
    /// ops, so it differentiates again.
    package func recordLogcumsumexp(_ result: Tensor, dim d: Int) {
        let lowest = dtype == .float32 ? Double(-Float.greatestFiniteMagnitude) : -Double.greatestFiniteMagnitude
        Tensor.record("LogcumsumexpBackward0", inputs: [self], outputs: [result], saving: [self, result]) { g, s in
            let grad = g[0]
            if grad.dim == 0 || grad.numel == 0 { return [grad] }
            func reversed(_ t: Tensor) -> Tensor { t.flip(dims: d).logcumsumexp(dim: d).flip(dims: d) }
            let logAbs = grad.abs().log()
            let positive = Tensor.where(grad .> 0, logAbs, lowest), negative = Tensor.where(grad .< 0, logAbs, lowest)
            return [(reversed(positive - s[1]) + s[0]).exp() - (reversed(negative - s[1]) + s[0]).exp()]
        }
    }
}
