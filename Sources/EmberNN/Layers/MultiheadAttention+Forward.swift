import EmberCore

// MARK: - The attention computation

// Note [Multi-head attention layout]
//
// PyTorch's `multi_head_attention_forward` works sequence first: it moves a batch-first input
// to `[L, N, E]`, projects, and folds the heads into the batch as `[N * H, L, head_dim]`. Ember
// computes the same numbers batch first instead: the inputs are seen as `[N, L, E]` (a
// transposed view for sequence-first inputs, no copy), projected by one product for
// self-attention (the packed `in_proj_weight`) or one per input, and split into heads as the
// view `[N, L, H, head_dim]` transposed to `[N, H, L, head_dim]`; the batched products of the
// attention run over `N` and `H` at once without copying those views. Masks become one float
// tensor added to the scores that broadcasts to `[N, H, L, S]`. The heads are joined with one
// copy to `[N, L, E]` before `out_proj`, and the result is transposed back (a view) for a
// sequence-first caller.

extension MultiheadAttention {
    /// `[output]` or `[output, weights]` (see Note [Multi-head attention layout]).
    func attention(_ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor?, needWeights: Bool,
                   attnMask: Tensor?, averageAttnWeights: Bool, isCausal: Bool) throws(TensorError) -> [Tensor] {
        let batched = try checkInputs(query, key, value, keyPaddingMask: keyPaddingMask, attnMask: attnMask,
                                      isCausal: isCausal)
        func batchFirstView(_ t: Tensor) -> Tensor { batched ? (batchFirst ? t : t.transpose(0, 1)) : t.unsqueeze(dim: 0) }
        let n = batched ? query.shape[batchFirst ? 0 : 1] : 1
        let l = query.shape[batched && batchFirst ? 1 : 0]
        var (q, k, v) = project(query, key, value, batchFirstView)
        var mask = try combinedMask(keyPaddingMask: keyPaddingMask, attnMask: attnMask, batched: batched, n: n, l: l,
                                    dtype: query.dtype)
        if let biasK, let biasV {
            k = Tensor.cat([k, biasK.expand([n, 1, embedDim])], dim: 1)
            v = Tensor.cat([v, biasV.expand([n, 1, embedDim])], dim: 1)
            mask = mask.map(padded)
        }
        func heads(_ t: Tensor) -> Tensor { t.reshape([n, t.shape[1], numHeads, headDim]).transpose(1, 2) }
        q = heads(q)
        k = heads(k)
        v = heads(v)
        if addZeroAttn {
            k = Tensor.cat([k, Tensor.zeros([n, numHeads, 1, headDim], dtype: k.dtype, device: k.device)], dim: 2)
            v = Tensor.cat([v, Tensor.zeros([n, numHeads, 1, headDim], dtype: v.dtype, device: v.device)], dim: 2)
            mask = mask.map(padded)
        }
        let p = isTraining ? dropout : 0
        let attended: Tensor
        var weights: Tensor?
        if needWeights {
            // As PyTorch's path that returns the weights: explicit products and softmax.
            var scores = (q * (1 / Double(headDim)).squareRoot()).matmul(k.mT)
            if let mask { scores = scores + mask }
            let probabilities = scores.softmax(dim: -1)
            attended = Functional.dropout(probabilities, p: p).matmul(v)
            weights = averageAttnWeights ? probabilities.mean(dim: 1) : probabilities
            if !batched { weights = weights?.squeeze(dim: 0) }
        } else {
            attended = Tensor.scaledDotProductAttention(query: q, key: k, value: v, attnMask: mask, dropoutP: p)
        }
        var output = outProj(attended.transpose(1, 2).reshape([n, l, embedDim]))
        output = batched ? (batchFirst ? output : output.transpose(0, 1)) : output.squeeze(dim: 0)
        return [output] + (weights.map { [$0] } ?? [])
    }

    /// The projected query, key and value, `[N, L or S, embedDim]`.
    private func project(_ query: Tensor, _ key: Tensor, _ value: Tensor,
                         _ batchFirstView: (Tensor) -> Tensor) -> (Tensor, Tensor, Tensor) {
        let e = embedDim
        let biases = inProjBias.map { b in (0..<3).map { b.narrow(dim: 0, start: $0 * e, length: e) } }
        func linear(_ x: Tensor, _ w: Tensor, _ i: Int) -> Tensor {
            let y = x.matmul(w.t())
            return biases.map { y + $0[i] } ?? y
        }
        guard let w = inProjWeight else {
            return (linear(batchFirstView(query), qProjWeight!, 0), linear(batchFirstView(key), kProjWeight!, 1),
                    linear(batchFirstView(value), vProjWeight!, 2))
        }
        if query === key && key === value {
            // Self-attention: one product with the packed weight, then views of its three parts.
            var packed = batchFirstView(query).matmul(w.t())
            if let inProjBias { packed = packed + inProjBias }
            let parts = packed.chunk(3, dim: -1)
            return (parts[0], parts[1], parts[2])
        }
        let ws = (0..<3).map { w.narrow(dim: 0, start: $0 * e, length: e) }
        return (linear(batchFirstView(query), ws[0], 0), linear(batchFirstView(key), ws[1], 1),
                linear(batchFirstView(value), ws[2], 2))
    }

    /// The key padding mask and attention mask as one float tensor added to the scores,
    /// broadcasting to `[N, H, L, S]` (PyTorch's `_canonical_mask`: a bool `true` is `-inf`).
    private func combinedMask(keyPaddingMask: Tensor?, attnMask: Tensor?, batched: Bool, n: Int, l: Int,
                              dtype: DType) throws(TensorError) -> Tensor? {
        func additive(_ mask: Tensor, _ name: String) throws(TensorError) -> Tensor {
            if mask.dtype == .bool {
                return Tensor.zeros(mask.shape, dtype: dtype, device: mask.device).maskedFill(mask, -Double.infinity)
            }
            guard mask.dtype.isFloatingPoint else {
                throw TensorError(.assertionError, "only bool and floating types of \(name) are supported")
            }
            return mask.dtype == dtype ? mask : mask.to(dtype)
        }
        var mask: Tensor?
        if let attnMask {
            let m = try additive(attnMask, "attn_mask")
            mask = m.dim == 3 ? m.reshape([n, numHeads, l, m.shape[2]]) : m
        }
        if let keyPaddingMask {
            let m = try additive(keyPaddingMask, "key_padding_mask")
            let padding = m.reshape([n, 1, 1, m.shape[m.dim - 1]])
            mask = mask.map { $0 + padding } ?? padding
        }
        return mask
    }

    /// A mask with a zero column appended for an appended key (`F.pad(mask, (0, 1))`).
    private func padded(_ mask: Tensor) -> Tensor {
        var shape = mask.shape
        shape[shape.count - 1] = 1
        return Tensor.cat([mask, Tensor.zeros(shape, dtype: mask.dtype, device: mask.device)], dim: -1)
    }

    // MARK: - Checks

    /// PyTorch's checks of the inputs' shapes; whether the query is batched.
    private func checkInputs(_ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor?,
                             attnMask: Tensor?, isCausal: Bool) throws(TensorError) -> Bool {
        guard query.dim == 2 || query.dim == 3 else {
            throw TensorError(.assertionError,
                              "query should be unbatched 2D or batched 3D tensor but received \(query.dim)-D query tensor")
        }
        let batched = query.dim == 3
        guard key.dim == query.dim && value.dim == query.dim else {
            throw TensorError(.assertionError,
                              "For \(batched ? "batched (3-D)" : "unbatched (2-D)") `query`, expected `key` and `value` to be \(batched ? "3-D" : "2-D"), but found \(key.dim)-D and \(value.dim)-D tensors respectively")
        }
        guard query.shape[query.dim - 1] == embedDim else {
            throw TensorError(.assertionError,
                              "was expecting embedding dimension of \(embedDim), but got \(query.shape[query.dim - 1])")
        }
        if qkvSameEmbedDim {
            guard key.shape == value.shape else {
                throw TensorError(.assertionError,
                                  "key shape torch.Size(\(key.shape)) does not match value shape torch.Size(\(value.shape))")
            }
        } else {
            guard key.shape.dropLast() == value.shape.dropLast() else {
                throw TensorError(.assertionError,
                                  "key's sequence and batch dims torch.Size(\(Array(key.shape.dropLast()))) do not match value's torch.Size(\(Array(value.shape.dropLast())))")
            }
            guard key.shape[key.dim - 1] == kdim && value.shape[value.dim - 1] == vdim else {
                throw TensorError.runtime(
                    "mat1 and mat2 shapes cannot be multiplied (\(key.shape.dropLast().reduce(1, *))x\(key.shape[key.dim - 1]) and \(kdim)x\(embedDim))")
            }
        }
        let l = query.shape[batched && batchFirst ? 1 : 0], s = key.shape[batched && batchFirst ? 1 : 0]
        let n = batched ? query.shape[batchFirst ? 0 : 1] : 1
        if isCausal && attnMask == nil {
            throw TensorError.runtime(
                "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.")
        }
        if let keyPaddingMask {
            let expected = batched ? [n, s] : [s]
            guard keyPaddingMask.shape == expected else {
                throw TensorError(.assertionError,
                                  "expecting key_padding_mask shape of \(pythonTuple(expected)), but got torch.Size(\(keyPaddingMask.shape))")
            }
        }
        if let attnMask {
            switch attnMask.dim {
            case 2:
                guard attnMask.shape == [l, s] else {
                    throw TensorError.runtime(
                        "The shape of the 2D attn_mask is torch.Size(\(attnMask.shape)), but should be \(pythonTuple([l, s])).")
                }
            case 3:
                guard attnMask.shape == [n * numHeads, l, s] else {
                    throw TensorError.runtime(
                        "The shape of the 3D attn_mask is torch.Size(\(attnMask.shape)), but should be \(pythonTuple([n * numHeads, l, s])).")
                }
            default:
                throw TensorError(.assertionError,
                                  "For \(batched ? "batched (3-D)" : "unbatched (2-D)") `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found \(attnMask.dim)-D tensor instead")
            }
        }
        return batched
    }
}
