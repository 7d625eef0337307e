import EmberBackend

// MARK: - Derivatives of the reductions
//
// sum and mean spread the gradient back over the reduced dims; prod gives each element the
// product of the others; the extremes send it to the elements that hold the extreme; var and std
// to each element by its distance from the mean. Reductions are recorded on the input even when
// a `dtype` argument converted it (the engine casts the gradient back).

extension Tensor {
    /// `sum` over all dims (`SumBackward0`) or over the dims in `mask` (`SumBackward1`).
    package func recordSum(_ result: Tensor, mask: ReductionDimSet, allDims: Bool) {
        recordReductionBackward(allDims ? "SumBackward0" : "SumBackward1", result, mask: mask, scale: nil)
    }

    /// `mean` over all dims (`MeanBackward0`) or over the dims in `mask` (`MeanBackward1`).
    package func recordMean(_ result: Tensor, mask: ReductionDimSet, allDims: Bool) {
        let count = shape.enumerated().reduce(1) { mask.contains($1.offset) ? $0 * $1.element : $0 }
        recordReductionBackward(allDims ? "MeanBackward0" : "MeanBackward1", result, mask: mask,
                                scale: 1 / Double(Swift.max(count, 1)))
    }

    /// `prod` of all elements (`ProdBackward0`, `dim` nil) or along `dim` (`ProdBackward1`).
    package func recordProd(_ result: Tensor, mask: ReductionDimSet, dim: Int?) {
        recordProductBackward(dim == nil ? "ProdBackward0" : "ProdBackward1", result, mask: mask, dim: dim)
    }

    /// Records sum or mean: the gradient is spread back over the reduced dims (divided by the
    /// count for a mean) (a built-in formula, see Note [Built-in backward formulas]).
    private func recordReductionBackward(_ name: String, _ result: Tensor, mask: ReductionDimSet, scale: Double?) {
        Tensor.record(name, inputs: SmallList(self), output: result, formula: .spread(mask: mask, scale: scale))
    }

    /// Records prod: each element's gradient is the product of the others, `g * result / x`
    /// when no element is zero, else the product over the line with that element set to one.
    private func recordProductBackward(_ name: String, _ result: Tensor, mask: ReductionDimSet, dim: Int?) {
        let inputShape = shape
        let keptShape = inputShape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        Tensor.record(name, inputs: [self], outputs: [result], saving: [self, result]) { g, s in
            let x = s[0], gk = g[0].reshape(keptShape)
            let hasZero = (x .== 0).any().scalars(as: Bool.self).first ?? false
            if !hasZero { return [gk * s[1].reshape(keptShape) / x] }
            // Exact with zeros: a new dim of n copies of each line, the diagonal set to one.
            let line = dim == nil || inputShape.isEmpty ? x.reshape([-1]) : x
            let d = dim == nil || inputShape.isEmpty ? 0 : dim!
            let others = line.copiesWithOneOnDiagonal(d).prod(dim: d + 1)
            return [gk * others.reshape(inputShape)]
        }
    }

    /// `n` copies of this tensor along a new dim `d` (`n` its size along `d`), copy `k` with its
    /// element `k` along the old dim (now `d + 1`) set to one: the factors of a product that
    /// leaves element `k` out (the derivatives of prod and cumprod where an element is zero).
    func copiesWithOneOnDiagonal(_ d: Int) -> Tensor {
        let n = shape[d]
        var copies = shape
        copies.insert(n, at: d)
        let diagonal = (Tensor.eye(n, dtype: dtype, device: device) .== 1).reshape(Tensor.pairShape(n, at: d, rank: copies.count))
        return Tensor.where(diagonal, 1.0, unsqueeze(dim: d).expand(copies))
    }

    /// `[1, ..., n, n, ..., 1]` of length `rank`, the two `n` at `d` and `d + 1`.
    static func pairShape(_ n: Int, at d: Int, rank: Int) -> [Int] {
        var shape = [Int](repeating: 1, count: rank)
        shape[d] = n
        shape[d + 1] = n
        return shape
    }

}

// MARK: Extremes

extension Tensor {
    /// `amax`, `amin` (`AmaxBackward0`, `AminBackward0`): the gradient is shared evenly among the
    /// elements equal to the extreme (NaN everywhere when it is NaN, as in PyTorch); the
    /// all-element `max`, `min` (`MaxBackward1`, `MinBackward1`), `name` being the op's, share
    /// it as PyTorch's `evenly_distribute_backward`, among the NaN elements when the result is NaN.
    package func recordExtreme(_ name: String, _ out: Tensor, mask: ReductionDimSet) {
        let keptShape = shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        let reducedDims = (0..<self.dim).filter { mask.contains($0) }
        if !name.hasPrefix("a") {
            Tensor.record(name == "max" ? "MaxBackward1" : "MinBackward1", inputs: [self], outputs: [out],
                          saving: [self, out]) { g, s in
                [Tensor.evenlyDistributed(g[0], input: s[0], value: s[1])]
            }
            return
        }
        Tensor.record(name == "amax" ? "AmaxBackward0" : "AminBackward0", inputs: [self], outputs: [out],
                      saving: [self, out]) { g, s in
            let hits = (s[0] .== s[1].reshape(keptShape)).to(g[0].dtype)
            let count = reducedDims.isEmpty ? hits.sum() : hits.sum(dims: reducedDims, keepdim: true)
            return [g[0].reshape(keptShape) * hits / count]
        }
    }

    /// `max(dim: d)`, `min(dim: d)` (`MaxBackward0`, `MinBackward0`): the gradient goes to the
    /// selected index only (a one-hot mask along `d`).
    package func recordExtreme(_ op: ArgReduceOp, values: Tensor, indices: Tensor, dim d: Int) {
        var keptShape = shape
        var line = [Int](repeating: 1, count: self.dim)
        if self.dim > 0 {
            keptShape[d] = 1
            line[d] = shape[d]
        }
        let size = self.dim > 0 ? shape[d] : 1
        Tensor.record(op == .max ? "MaxBackward0" : "MinBackward0", inputs: [self], outputs: [values],
                      saving: [indices]) { g, s in
            let positions = Tensor.arange(size, dtype: .int64, device: s[0].device).reshape(line)
            let hit = (positions .== s[0].reshape(keptShape)).to(g[0].dtype)
            return [g[0].reshape(keptShape) * hit]
        }
    }
}

// MARK: Variance and standard deviation

extension Tensor {
    /// `var` (`VarBackward0`) or `std` (`StdBackward0`) over the dims in `mask` (all of them when
    /// `allDims`), with PyTorch's `var_backward` and `std_backward` (see `varianceBackward`).
    package func recordVariance(_ out: Tensor, mask: ReductionDimSet, allDims: Bool, correction: Double, std: Bool) {
        let keptShape = shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        let reducedDims = (0..<self.dim).filter { mask.contains($0) }
        let count = shape.enumerated().reduce(1) { mask.contains($1.offset) ? $0 * $1.element : $0 }
        let wholeTensor = allDims || self.dim == 0
        Tensor.record(std ? "StdBackward0" : "VarBackward0", inputs: [self], outputs: [out],
                      saving: std ? [self, out] : [self]) { g, s in
            [Tensor.varianceBackward(g[0].reshape(keptShape), input: s[0], result: std ? s[1].reshape(keptShape) : nil,
                                     reducedDims: reducedDims, wholeTensor: wholeTensor, count: count,
                                     correction: correction)]
        }
    }
}
