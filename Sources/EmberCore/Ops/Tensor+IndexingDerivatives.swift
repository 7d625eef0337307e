import EmberBackend

// MARK: - Derivatives of advanced indexing and the index ops
//
// Reading with tensor indices (`IndexBackward0`) sends the gradient back with an accumulating
// index-put into zeros, itself recorded (`IndexPutImplBackward0`, whose derivative is the read
// again). Index assignment (`IndexPutBackward0`), `index_add` (`IndexAddBackward0`) and
// `scatter_add` (`ScatterAddBackward0`) are recorded, so the gradients of `index_select` and
// `gather`, which use them, are differentiable too.

extension Tensor {
    /// Whether an in-place op on `target` with `other` must be recorded: grad mode is on and the
    /// target, the other operand or the target's base takes part in autograd.
    package static func recordsInPlace(_ target: Tensor, _ other: Tensor?) -> Bool {
        isGradEnabled
            && (target.requiresGrad || other?.requiresGrad == true || target.viewBase?.requiresGrad == true)
    }

    /// `self[indices]` with tensor indices, recorded as `IndexBackward0`.
    package func advancedIndexedRecording(_ indices: [Tensor?]) throws(TensorError) -> Tensor {
        let out = try advancedIndexed(indices)
        guard Tensor.recording(self) && out.dtype.isFloatingPoint else { return out }
        let pattern = indices.map { $0 != nil }, inputShape = shape
        Tensor.record("IndexBackward0", inputs: [self], outputs: [out], saving: indices.compactMap { $0 }) { g, s in
            [Tensor.indexScatter(g[0], Tensor.expandIndices(pattern, s), shape: inputShape)]
        }
        return out
    }

    /// Zeros of `shape` with `g` added at `indices` (repeated positions sum): the gradient of
    /// `x[indices]`, recorded as `IndexPutImplBackward0`.
    package static func indexScatter(_ g: Tensor, _ indices: [Tensor?], shape: [Int]) -> Tensor {
        let out = withNoGrad {
            let zeros = Tensor.zeros(shape, dtype: g.dtype, device: g.device)
            attemptVoid { try zeros.advancedIndexPut(indices, g, accumulate: true) }
            return zeros
        }
        if recording(g) {
            let pattern = indices.map { $0 != nil }
            record("IndexPutImplBackward0", inputs: [g], outputs: [out], saving: indices.compactMap { $0 }) { gg, s in
                [attempt { try gg[0].advancedIndexedRecording(Tensor.expandIndices(pattern, s)) }]
            }
        }
        return out
    }

    /// `self[indices] = value` with tensor indices, recorded as `IndexPutBackward0` (or
    /// `MaskedFillBackward0` for a plain number written through one mask, as PyTorch does) when
    /// this tensor, its base or the value takes part in autograd.
    package func advancedIndexPutRecording(_ indices: [Tensor?], _ value: Tensor) throws(TensorError) {
        guard Tensor.recordsInPlace(self, value) else { return try advancedIndexPut(indices, value) }
        try checkInplace(allowingOverlap: true)
        let result = try cloned()
        try result.advancedIndexPut(indices, value)
        let pattern = indices.map { $0 != nil }, valueShape = value.shape
        let oneMask = try singleMask(indices) != nil
        let asMaskedFill = !value.requiresGrad && value.dim == 0 && oneMask
        let name = asMaskedFill ? "MaskedFillBackward0" : "IndexPutBackward0"
        Tensor.record(name, inputs: asMaskedFill ? [self] : [self, value], outputs: [result],
                      saving: indices.compactMap { $0 }) { g, s in
            let indices = Tensor.expandIndices(pattern, s)
            // The overwritten positions get no gradient; the value gets what reached them.
            let kept = withNoGrad {
                let ones = Tensor.ones(like: g[0])
                attemptVoid { try ones.advancedIndexPut(indices, Tensor.zeros([], dtype: g[0].dtype, device: g[0].device)) }
                return ones
            }
            guard !asMaskedFill else { return [g[0] * kept] }
            var valueGrad = attempt { try g[0].advancedIndexedRecording(indices) }
            if valueGrad.dim < valueShape.count {
                valueGrad = valueGrad.reshape(Array(repeating: 1, count: valueShape.count - valueGrad.dim) + valueGrad.shape)
            }
            return [g[0] * kept, valueGrad]
        }
        try adoptResult(result)
    }

    /// The index list of a subscript from its non-nil entries (`saved`) and where they go.
    static func expandIndices(_ pattern: [Bool], _ saved: [Tensor]) -> [Tensor?] {
        var next = saved.makeIterator()
        return pattern.map { $0 ? next.next() : nil }
    }

    /// Records `out = self.index_add(d, index, source, alpha)` as `IndexAddBackward0`.
    func recordIndexAdd(_ out: Tensor, _ dim: Int, _ index: Tensor, _ source: Tensor, alpha: Scalar) throws(TensorError) {
        let d = try normalizeDim(dim, rank: self.dim), sourceShape = source.shape
        let a = alpha.converted(to: Double.self)
        Tensor.record("IndexAddBackward0", inputs: [self, source], outputs: [out], saving: [index]) { g, s in
            let picked = g[0].indexSelect(dim: d, index: s[0]).reshape(sourceShape)
            return [g[0], a == 1 ? picked : picked * a]
        }
    }

    /// Records `out = self.scatter(dim: d, index: index, src: src, reduce: reduce)`: `ScatterBackward0` for a tensor
    /// `src` (which gets the gradient gathered at `index`), `ScatterBackward1` for a number; with a
    /// `reduce`, PyTorch's `NotImplemented` node, whose backward fails.
    func recordScatter(_ out: Tensor, _ dim: Int, _ index: Tensor, _ src: OperandValue, reduce: ScatterReduction?) throws(TensorError) {
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
    func recordScatterAdd(_ out: Tensor, _ dim: Int, _ index: Tensor, _ src: Tensor) throws(TensorError) {
        let d = try normalizeDim(dim, rank: Swift.max(self.dim, 1))
        Tensor.record("ScatterAddBackward0", inputs: [self, src], outputs: [out], saving: [index]) { g, s in
            [g[0], g[0].gather(dim: d, index: s[0])]
        }
    }
}
