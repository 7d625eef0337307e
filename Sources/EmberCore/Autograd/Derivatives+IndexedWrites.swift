import EmberBackend

// MARK: - Derivatives of indexed writes
//
// The out-of-place forms of scatter, scatter_add, scatter_reduce, index_add, index_copy,
// index_fill, masked_scatter and masked_fill: the written positions pass no gradient to the
// input (except where the write accumulates), and the source gets the gradient read back at
// those positions. The in-place forms are these recorded on a copy, which then takes the
// written tensor's place (`adoptResult`).

extension Tensor {
    /// Records `out = self.index_add(d, index, source, alpha)` as `IndexAddBackward0`.
    package func recordIndexAdd(_ out: Tensor, _ dim: Int, _ index: Tensor, _ source: Tensor, alpha: Scalar) throws(TensorError) {
        let d = try normalizeDim(dim, rank: self.dim), sourceShape = source.shape
        let a = alpha.converted(to: Double.self)
        Tensor.record("IndexAddBackward0", inputs: [self, source], outputs: [out], saving: [index]) { g, s in
            let picked = g[0].indexSelect(dim: d, index: s[0]).reshape(sourceShape)
            return [g[0], a == 1 ? picked : picked * a]
        }
    }

    /// Records `out = self.scatter(d, index, src, reduce: reduce)`: `ScatterBackward0` for a tensor
    /// `src` (which gets the gradient gathered at `index`), `ScatterBackward1` for a number; with a
    /// `reduce`, PyTorch's `NotImplemented` node, whose backward fails.
    package func recordScatter(_ out: Tensor, _ dim: Int, _ index: Tensor, _ src: OperandValue, reduce: ScatterReduction?) throws(TensorError) {
        let source: Tensor? = if case .tensor(let t) = src { t } else { nil }
        guard Tensor.recording([self, source]) else { return }
        let d = try normalizeDim(dim, rank: Swift.max(self.dim, 1))
        if reduce != nil {
            Tensor.record("torch::autograd::NotImplemented", inputs: [self, source], outputs: [out]) { _, _ in
                throw TensorError.runtime("derivative for aten::scatter is not implemented")
            }
        } else if let source {
            Tensor.record("ScatterBackward0", inputs: [self, source], outputs: [out], saving: [index]) { g, s in
                [g[0].scatter(dim: d, index: s[0], value: 0), g[0].gather(dim: d, index: s[0])]
            }
        } else {
            Tensor.record("ScatterBackward1", inputs: [self], outputs: [out], saving: [index]) { g, s in
                [g[0].scatter(dim: d, index: s[0], value: 0)]
            }
        }
    }

    /// Records `out = self.scatter_add(d, index, src)` as `ScatterAddBackward0`: `src` gets the
    /// gradient gathered at `index` (an `index` smaller than `src` fails in backward with
    /// PyTorch's message, as in PyTorch).
    package func recordScatterAdd(_ out: Tensor, _ dim: Int, _ index: Tensor, _ src: Tensor) throws(TensorError) {
        let d = try normalizeDim(dim, rank: Swift.max(self.dim, 1))
        Tensor.record("ScatterAddBackward0", inputs: [self, src], outputs: [out], saving: [index]) { g, s in
            [g[0], g[0].gather(dim: d, index: s[0])]
        }
    }

    /// `index_copy(d, index, source)`: `IndexCopyBackward0`.
    package func recordIndexCopy(_ out: Tensor, dim d: Int, _ index: Tensor, _ source: Tensor) {
        let sourceShape = source.shape
        Tensor.record("IndexCopyBackward0", inputs: [self, source], outputs: [out], saving: [index]) { g, s in
            let grad = g[0], index = s[0]
            let gradSource = sourceShape.isEmpty
                ? grad.indexSelect(dim: d, index: index.reshape([]))
                : grad.indexSelect(dim: d, index: index).expand(sourceShape)
            return [grad.indexFill(dim: d, index: index, value: 0), gradSource]
        }
    }

    /// `index_fill(d, index, value)`: `IndexFillBackward0` for a number, `IndexFillBackward1`
    /// for a 0-dim tensor `value`.
    package func recordIndexFill(_ out: Tensor, dim d: Int, _ index: Tensor, value valueTensor: Tensor?) {
        if valueTensor == nil {
            Tensor.record("IndexFillBackward0", inputs: [self], outputs: [out], saving: [index]) { g, s in
                [g[0].indexFill(dim: d, index: s[0], value: 0)]
            }
        } else {
            Tensor.record("IndexFillBackward1", inputs: [self, valueTensor], outputs: [out], saving: [index]) { g, s in
                let grad = g[0], index = s[0]
                // Each filled slice counts once, however often `index` names it.
                return [grad.indexFill(dim: d, index: index, value: 0), grad.indexSelect(dim: d, index: index.unique()).sum()]
            }
        }
    }

    /// `scatter_reduce(d, index, src, reduce, includeSelf)`: `ScatterReduceBackward0`. For an
    /// in-place op (whose result then overwrites `self`) `original` is a copy of the original
    /// `self`, as PyTorch's in-place derivatives save it; else `self`.
    package func recordScatterReduce(
        _ out: Tensor, dim d: Int, _ index: Tensor, _ src: Tensor, reduce: Reduction, includeSelf: Bool, original: Tensor
    ) {
        Tensor.record("ScatterReduceBackward0", inputs: [self, src], outputs: [out], saving: [original, index, src, out]) { g, s in
            Tensor.scatterReduceBackward(g[0], input: s[0], d, s[1], src: s[2], result: s[3], reduce: reduce,
                                         includeSelf: includeSelf)
        }
    }

    /// `index_reduce(d, index, source, reduce, includeSelf)`: `IndexReduceBackward0`, PyTorch's
    /// `index_reduce_backward`, which is `scatter_reduce_backward` with `index` seen as a
    /// `scatter_reduce` index (`expandedIndex`: `source`'s shape). `original` as in
    /// `recordScatterReduce`.
    package func recordIndexReduce(
        _ out: Tensor, dim d: Int, _ expandedIndex: Tensor, _ source: Tensor, reduce: Reduction, includeSelf: Bool,
        original: Tensor
    ) {
        Tensor.record("IndexReduceBackward0", inputs: [self, source], outputs: [out],
                      saving: [original, expandedIndex, source, out]) { g, s in
            Tensor.scatterReduceBackward(g[0], input: s[0], d, s[1], src: s[2], result: s[3], reduce: reduce,
                                         includeSelf: includeSelf, op: "index_reduce", srcName: "source")
        }
    }

    /// `put(index, source, accumulate)`: `PutBackward0`. Without `accumulate` the overwritten
    /// positions pass no gradient to `self`; `source` gets the gradient taken at `index`.
    package func recordPut(_ out: Tensor, index: Tensor, source: Tensor, accumulate: Bool) {
        let sourceShape = source.shape
        Tensor.record("PutBackward0", inputs: [self, source], outputs: [out], saving: [index]) { g, s in
            let grad = g[0], index = s[0]
            let gradSelf = accumulate ? grad : grad.put(index: index, source: Tensor.zeros(sourceShape, dtype: grad.dtype, device: grad.device))
            return [gradSelf, grad.take(index).reshape(sourceShape)]
        }
    }

    /// PyTorch's `scatter_reduce_backward`, written with differentiable ops.
    /// `op` and `srcName` name the op and its source in the error that a double backward of a
    /// `prod` raises when more than one zero of the source reach one position, as PyTorch's does.
    static func scatterReduceBackward(_ grad: Tensor, input: Tensor, _ d: Int, _ index: Tensor, src: Tensor,
                                      result: Tensor, reduce: Reduction, includeSelf: Bool,
                                      op: String = "scatter_reduce", srcName: String = "src") -> [Tensor?] {
        var gradSelf: Tensor, gradSrc: Tensor
        switch reduce {
        case .sum:
            gradSelf = grad
            gradSrc = grad.gather(dim: d, index: index)
        case .prod:
            // The product without each factor, computed so that a single zero still gets its gradient.
            let maskedSelf = input.maskedFill(input .== 0, 1)
            let maskedSelfResult = maskedSelf.scatterReduce(dim: d, index: index, src: src, reduce: reduce, includeSelf: includeSelf)
            gradSelf = grad * maskedSelfResult / maskedSelf
            let srcZero = src .== 0
            let srcZeroCount = Tensor.zeros(like: input).scatterAdd(dim: d, index: index, src: srcZero.to(input.dtype)).gather(dim: d, index: index)
            let srcSingleZero = srcZero .& (srcZeroCount .== 1)
            let maskedSrcResult = input.scatterReduce(dim: d, index: index, src: src.maskedFill(srcSingleZero, 1), reduce: reduce,
                                                      includeSelf: includeSelf)
            gradSrc = Tensor.where(srcSingleZero, (grad * maskedSrcResult).gather(dim: d, index: index),
                                   (grad * result).gather(dim: d, index: index) / src.maskedFill(srcZero, 1))
            if recording(gradSrc), (srcZeroCount .> 1).any().item(as: Bool.self) {
                gradSrc = delayedError(gradSrc,
                    "\(op)(): Double backward is unsupported for \(srcName) when >1 zeros in \(srcName) are scattered to the same position in self")
            }
        case .mean:
            let counts = (includeSelf ? Tensor.ones(like: grad) : Tensor.zeros(like: grad))
                .scatterAdd(dim: d, index: index, src: Tensor.ones(like: src))
            let n = counts.maskedFill(counts .== 0, 1)
            gradSelf = grad / n
            gradSrc = grad.gather(dim: d, index: index) / n.gather(dim: d, index: index)
        default:
            // amax / amin: the gradient is shared evenly among the values equal to the result.
            let value = result.gather(dim: d, index: index)
            let selfIsResult = (input .== result).to(input.dtype)
            let srcIsResult = (src .== value).to(input.dtype)
            let distributed = grad / selfIsResult.scatterAdd(dim: d, index: index, src: srcIsResult)
            gradSelf = selfIsResult * distributed
            gradSrc = srcIsResult * distributed.gather(dim: d, index: index)
        }
        if !includeSelf {
            let scattered = Tensor.zeros(like: input, dtype: .bool).scatter(dim: d, index: index, value: true)
            gradSelf = gradSelf.maskedFill(scattered, 0)
        }
        return [gradSelf, gradSrc]
    }

    /// `masked_scatter(mask, source)`: `MaskedScatterBackward0`.
    package func recordMaskedScatter(_ out: Tensor, mask: Tensor, _ source: Tensor) {
        let sourceShape = source.shape
        Tensor.record("MaskedScatterBackward0", inputs: [self, source], outputs: [out], saving: [mask]) { g, s in
            [g[0].maskedFill(s[0], 0), Tensor.maskedScatterSourceGradient(g[0], mask: s[0], sourceShape: sourceShape)]
        }
    }

    /// PyTorch's `masked_scatter_backward`: the gradient at the true positions of `mask` in
    /// row-major order, padded with zeros to `source`'s element count and shaped like it.
    private static func maskedScatterSourceGradient(_ grad: Tensor, mask: Tensor, sourceShape: [Int]) -> Tensor {
        let positions = mask.expand(grad.shape).reshape([-1]).nonzero().reshape([-1])
        var selected = grad.reshape([-1]).indexSelect(dim: 0, index: positions)
        let missing = sourceShape.reduce(1, *) - positions.numel
        if missing > 0 {
            selected = Tensor.cat([selected, Tensor.zeros([missing], dtype: grad.dtype, device: grad.device)])
        }
        return selected.reshape(sourceShape)
    }

    /// Records `masked_fill`: `MaskedFillBackward0` (no gradient where the value was written) or,
    /// for a 0-dim value tensor that requires grad, `MaskedFillBackward1`, whose value gets the
    /// sum of the gradient over the mask.
    package func recordMaskedFill(_ out: Tensor, _ mask: Tensor, _ value: OperandValue) {
        var valueTensor: Tensor?
        if case .tensor(let t) = value, t.requiresGrad, t.dtype.isFloatingPoint { valueTensor = t }
        guard Tensor.recording([self, valueTensor]) else { return }
        let toValue = valueTensor != nil
        Tensor.record(toValue ? "MaskedFillBackward1" : "MaskedFillBackward0", inputs: toValue ? [self, valueTensor] : [self],
                      outputs: [out], saving: [mask]) { g, s in
            // Selected, not multiplied by the mask: an infinite gradient at a written place
            // gives 0 there, as PyTorch's `grad.masked_fill(mask, 0)` does, not NaN.
            let kept = g[0].maskedFill(s[0], 0)
            return toValue ? [kept, Tensor.where(s[0], g[0], 0).sum()] : [kept]
        }
    }

    /// `value` passed through a `torch::autograd::Error` node, whose backward raises `message`
    /// (PyTorch's `DelayedError`: the first derivative is fine, a second one is not).
    private static func delayedError(_ value: Tensor, _ message: String) -> Tensor {
        let out = value.detach()
        record("torch::autograd::Error", inputs: [value], outputs: [out]) { _, _ in throw TensorError.runtime(message) }
        return out
    }
}
