import EmberBackend

// MARK: - Derivatives of median, nansum, aminmax, var_mean and std_mean, and the ops without one

extension Tensor {
    /// The median of all elements (`MedianBackward0`, `NanmedianBackward0`): the gradient shared
    /// evenly among the elements equal to the median.
    package func recordMedian(_ value: Tensor, ignoreNan: Bool) {
        Tensor.record(ignoreNan ? "NanmedianBackward0" : "MedianBackward0", inputs: [self], outputs: [value],
                      saving: [self, value]) { g, s in
            [Tensor.evenlyDistributed(g[0], input: s[0], value: s[1])]
        }
    }

    /// An op PyTorch gives no derivative (`bincount`'s weights, `unique_consecutive`): the result
    /// requires grad, and its backward fails with `error`.
    package static func recordNotDifferentiable(_ name: String, inputs: [Tensor?], outputs: [Tensor], _ error: TensorError) {
        Tensor.record(name, inputs: inputs, outputs: outputs) { _, _ in throw error }
    }

    /// `nansum` over the dims in `mask` (`NansumBackward0`): the gradient spread back over the
    /// reduced dims, times zero at the NaN positions (so an infinite gradient gives NaN there,
    /// as PyTorch's `grad * self.isnan().logical_not()`).
    package func recordNansum(_ result: Tensor, mask: ReductionDimSet) {
        let inputShape = shape
        let keptShape = inputShape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        Tensor.record("NansumBackward0", inputs: [self], outputs: [result], saving: [self]) { g, s in
            let spread = (g[0].dim == 0 ? g[0] : g[0].reshape(keptShape)).expand(inputShape)
            return [spread * s[0].isnan().logicalNot().to(spread.dtype)]
        }
    }

    /// `aminmax` (`AminmaxBackward0`): each gradient shared evenly among the elements equal to
    /// its extreme, as `amin` and `amax` share theirs (NaN everywhere in a slice whose extreme is NaN).
    package func recordAminmax(min low: Tensor, max high: Tensor, mask: ReductionDimSet) {
        let keptShape = shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        let reducedDims = (0..<self.dim).filter { mask.contains($0) }
        Tensor.record("AminmaxBackward0", inputs: [self], outputs: [low, high], saving: [self, low, high]) { g, s in
            func share(_ grad: Tensor, _ extreme: Tensor) -> Tensor {
                let hits = (s[0] .== extreme.reshape(keptShape)).to(grad.dtype)
                let count = reducedDims.isEmpty ? hits.sum() : hits.sum(dims: reducedDims, keepdim: true)
                return grad.reshape(keptShape) * hits / count
            }
            return [share(g[0], s[1]) + share(g[1], s[2])]
        }
    }

    /// `varMean` (`VarMeanBackward0`) or `stdMean` (`StdMeanBackward0`): the gradient of the
    /// variance or deviation plus that of the mean.
    package func recordSpreadAndMean(spread: Tensor, mean: Tensor, mask: ReductionDimSet, allDims: Bool,
                                     correction: Double, std: Bool) {
        let inputShape = shape
        let keptShape = inputShape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        let reducedDims = (0..<self.dim).filter { mask.contains($0) }
        let count = inputShape.enumerated().reduce(1) { mask.contains($1.offset) ? $0 * $1.element : $0 }
        let wholeTensor = allDims || inputShape.isEmpty
        Tensor.record(std ? "StdMeanBackward0" : "VarMeanBackward0", inputs: [self], outputs: [spread, mean],
                      saving: [self, spread]) { g, s in
            let spreadGrad = Tensor.varianceBackward(
                g[0].reshape(keptShape), input: s[0], result: std ? s[1].reshape(keptShape) : nil,
                reducedDims: reducedDims, wholeTensor: wholeTensor, count: count, correction: correction)
            let meanGrad = g[1].reshape(keptShape).expand(inputShape) / Double(Swift.max(count, 1))
            return [spreadGrad + meanGrad]
        }
    }

    /// PyTorch's `var_backward` (and, given the deviation `result`, `std_backward`): with
    /// `dof = count - correction`, `2 / dof * g * (x - mean)`; over the whole tensor with
    /// `dof <= 0`, `g` times NaN where `x` equals the mean and infinity elsewhere. The deviation's
    /// gradient first becomes `g / (2 * std)`, zero where the deviation is zero.
    static func varianceBackward(_ g: Tensor, input x: Tensor, result deviation: Tensor?, reducedDims: [Int],
                                 wholeTensor: Bool, count: Int, correction: Double) -> Tensor {
        var grad = g
        if let deviation { grad = Tensor.where(deviation .== 0, 0.0, grad / (deviation * 2)) }
        let dof = Double(count) - correction
        if wholeTensor {
            let mean = x.mean()
            if dof <= 0 {
                return grad * Tensor.where(x .== mean, Double.nan, Double.infinity).to(x.dtype)
            }
            return grad * (x - mean) * (2 / dof)
        }
        return grad * (x - x.mean(dims: reducedDims, keepdim: true)) * (2 / dof)
    }

    /// PyTorch's `evenly_distribute_backward`: the gradient of a whole-tensor `max`, `min` or
    /// `median` shared evenly among the elements equal to the result, or among the NaN
    /// elements when the result is NaN.
    static func evenlyDistributed(_ g: Tensor, input x: Tensor, value: Tensor) -> Tensor {
        let hits = (x .== value).logicalOr(x.isnan().logicalAnd(value.isnan())).to(g.dtype)
        return hits * (g / hits.sum())
    }
}
