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

// MARK: - Embedding bags

/// Which table rows `embedding_bag` summed into which bags, for its derivative: the entries left
/// after padding is dropped, in input order.
package struct EmbeddingBagPlan {
    /// The table row of each kept entry, `[K]` int64.
    package let rows: Tensor
    /// The bag of each kept entry, `[K]` int64.
    package let bags: Tensor
    /// The input position of each kept entry, `[K]` int64 (where its per-sample weight is).
    package let positions: Tensor
    /// The number of entries in the input.
    package let inputCount: Int

    package init(rows: Tensor, bags: Tensor, positions: Tensor, inputCount: Int) {
        (self.rows, self.bags, self.positions, self.inputCount) = (rows, bags, positions, inputCount)
    }
}

extension Tensor {
    /// Records `embedding_bag` in sum or mean mode as `EmbeddingBackward0`'s sibling
    /// `EmbeddingBagBackward0`: each kept entry's row gets its bag's gradient (divided by the bag's
    /// size, `counts` `[B, 1]`, for a mean; times its per-sample weight), and each per-sample
    /// weight the dot product of its row with its bag's gradient. Built from differentiable ops.
    package static func recordEmbeddingBag(
        _ weight: Tensor, perSampleWeights: Tensor?, plan: EmbeddingBagPlan, counts: Tensor?, result: Tensor
    ) {
        let tableShape = weight.shape, inputCount = plan.inputCount
        let saving = [plan.rows, plan.bags, plan.positions, weight] + (counts.map { [$0] } ?? [])
            + (perSampleWeights.map { [$0] } ?? [])
        let hasCounts = counts != nil, hasWeights = perSampleWeights != nil
        record("EmbeddingBagBackward0", inputs: [weight, perSampleWeights], outputs: [result], saving: saving) { g, s in
            let rows = s[0], bags = s[1], positions = s[2], table = s[3]
            var perEntry = g[0].indexSelect(dim: 0, index: bags)
            if hasCounts { perEntry = perEntry / s[4].indexSelect(dim: 0, index: bags) }
            var gradWeights: Tensor? = nil
            if hasWeights {
                let entryWeights = s[s.count - 1].reshape(-1).indexSelect(dim: 0, index: positions)
                let dots = (perEntry * table.indexSelect(dim: 0, index: rows)).sum(dim: 1)
                gradWeights = Tensor.zeros([inputCount], dtype: g[0].dtype, device: g[0].device)
                    .indexAdd(dim: 0, index: positions, source: dots).reshape(s[s.count - 1].shape)
                perEntry = perEntry * entryWeights.unsqueeze(dim: 1)
            }
            let gradTable = Tensor.zeros(tableShape, dtype: g[0].dtype, device: g[0].device)
                .indexAdd(dim: 0, index: rows, source: perEntry)
            return [gradTable, gradWeights]
        }
    }

    /// Records `embedding_bag` in max mode as `EmbeddingBagBackward0`: each bag's gradient goes,
    /// column by column, to the table row that held the maximum (`maxRows` `[B, D]`, the first
    /// such row in input order, as PyTorch's kernel picks); empty bags (`nonEmpty` false) pass
    /// nothing on.
    package static func recordEmbeddingBagMax(_ weight: Tensor, maxRows: Tensor, nonEmpty: Tensor, result: Tensor) {
        let tableShape = weight.shape
        record("EmbeddingBagBackward0", inputs: [weight], outputs: [result], saving: [maxRows, nonEmpty]) { g, s in
            let passed = Tensor.where(s[1], g[0], 0.0)
            return [Tensor.zeros(tableShape, dtype: g[0].dtype, device: g[0].device)
                .scatterAdd(dim: 0, index: s[0], src: passed)]
        }
    }
}
