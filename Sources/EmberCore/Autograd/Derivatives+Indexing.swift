import EmberBackend

// MARK: - Derivatives of indexed reads
//
// Reading with tensor indices (`IndexBackward0`) sends the gradient back with an accumulating
// index-put into zeros, itself recorded (`IndexPutImplBackward0`, whose derivative is the read
// again); index assignment is `IndexPutBackward0`. `index_select`, `gather`, `take` and
// `masked_select` add their gradients back with the recorded `index_add`, `scatter_add` and
// `masked_scatter` (see Derivatives+IndexedWrites.swift), so they are differentiable too.

extension Tensor {
    /// `out = self[indices]` with tensor indices: `IndexBackward0`.
    package func recordIndex(_ out: Tensor, _ indices: [Tensor?]) {
        let pattern = indices.map { $0 != nil }, inputShape = shape
        Tensor.record("IndexBackward0", inputs: [self], outputs: [out], saving: indices.compactMap { $0 }) { g, s in
            [Tensor.indexScatter(g[0], Tensor.expandIndices(pattern, s), shape: inputShape)]
        }
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

    /// `self[indices] = value` with tensor indices, computed out of place as `result`:
    /// `IndexPutBackward0`, or `MaskedFillBackward0` for a plain number written through one mask,
    /// as PyTorch does.
    package func recordIndexPut(_ result: Tensor, _ indices: [Tensor?], _ value: Tensor) throws(TensorError) {
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
    }

    /// The index list of a subscript from its non-nil entries (`saved`) and where they go.
    static func expandIndices(_ pattern: [Bool], _ saved: [Tensor]) -> [Tensor?] {
        var next = saved.makeIterator()
        return pattern.map { $0 ? next.next() : nil }
    }
}

// MARK: index_select, gather, take, masked_select

extension Tensor {
    /// `index_select(d, idx)`: `IndexSelectBackward0`, the gradient added back at the selected
    /// positions.
    package func recordIndexSelect(_ out: Tensor, dim d: Int, index idx: Tensor) {
        let inputShape = self.shape
        Tensor.record("IndexSelectBackward0", inputs: [self], outputs: [out], saving: [idx]) { g, s in
            [Tensor.zeros(inputShape, dtype: g[0].dtype, device: g[0].device).indexAdd(dim: d, index: s[0], source: g[0])]
        }
    }

    /// `gather(d, idx)`: `GatherBackward0`, the gradient scatter-added back to the gathered
    /// positions.
    package func recordGather(_ out: Tensor, dim d: Int, index idx: Tensor) {
        let inputShape = self.shape
        Tensor.record("GatherBackward0", inputs: [self], outputs: [out], saving: [idx]) { g, s in
            [Tensor.zeros(inputShape, dtype: g[0].dtype, device: g[0].device).scatterAdd(dim: d, index: s[0], src: g[0])]
        }
    }

    /// `take(index)`: `TakeBackward0`, as PyTorch's `zeros_like(self).put_(index, grad,
    /// accumulate=True)`.
    package func recordTake(_ out: Tensor, index: Tensor) {
        let inputShape = self.shape, n = numel
        Tensor.record("TakeBackward0", inputs: [self], outputs: [out], saving: [index]) { g, s in
            let flat = s[0].reshape(-1)
            let positions = Tensor.where(flat .< 0, flat + n, flat)
            let grad = Tensor.zeros([n], dtype: g[0].dtype, device: g[0].device)
            return [grad.indexAdd(dim: 0, index: positions, source: g[0].reshape(-1)).view(inputShape)]
        }
    }

    /// `masked_select(mask)`: `MaskedSelectBackward0`. The gradient goes back to the selected
    /// positions, in the broadcast shape; the engine sums it down to this tensor's shape.
    package func recordMaskedSelect(_ out: Tensor, mask: Tensor, broadcastShape: [Int]) {
        Tensor.record("MaskedSelectBackward0", inputs: [self], outputs: [out], saving: [mask]) { g, s in
            let zeros = Tensor.zeros(broadcastShape, dtype: g[0].dtype, device: g[0].device)
            return [zeros.maskedScatter(s[0].expand(broadcastShape), g[0])]
        }
    }
}

// MARK: - Embedding

extension Tensor {
    /// Records `result = weight[indices]` (an embedding lookup) as `EmbeddingBackward0`: each
    /// looked-up row gathers the gradients of its lookups (`index_add`), and the padding row, if
    /// any, gets none (PyTorch's `embedding_backward`).
    package static func recordEmbedding(_ weight: Tensor, indices: Tensor, result: Tensor, paddingIndex: Int?) {
        let rows = weight.size(0), width = weight.size(1)
        record("EmbeddingBackward0", inputs: [weight], outputs: [result], saving: [indices]) { g, s in
            var grad = Tensor.zeros([rows, width], dtype: g[0].dtype, device: g[0].device)
                .indexAdd(dim: 0, index: s[0].reshape(-1), source: g[0].reshape(-1, width))
            if let paddingIndex {
                grad = grad.indexFill(dim: 0, index: Tensor([paddingIndex], device: g[0].device), value: 0.0)
            }
            return [grad]
        }
    }
}
