import EmberBackend

// MARK: - Scaled dot-product attention

extension Tensor {
    /// Attention of `query` over `key` and `value` (`torch.nn.functional.scaled_dot_product_attention(query,
    /// key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False)`):
    /// `softmax(query @ key^T * scale + mask) @ value`.
    ///
    /// Shapes are `query [..., L, E]`, `key [..., S, E]`, `value [..., S, Ev]`, giving `[..., L,
    /// Ev]`; the leading dims broadcast. `attnMask` broadcasts to `[..., L, S]`: a bool mask marks
    /// with `true` the positions that take part (the others get `-inf`), a float mask is added to
    /// the scores. `isCausal` masks the upper triangle, aligned top-left (query `i` sees keys
    /// `0...i`). `scale` defaults to `1 / sqrt(E)`. A query row whose keys are all masked gives
    /// zeros, as PyTorch's CPU kernel does. `dropoutP > 0` drops attention weights with the global
    /// generator (whatever the caller's training mode, as in PyTorch). With `enableGQA`, `key`
    /// and `value` may have fewer heads (dim -3) than `query`, a number that divides it; each is
    /// shared by consecutive query heads.
    ///
    /// On the CPU the scores, mask, softmax and product run as one pass of batched products and
    /// one fused softmax, recorded as one `ScaledDotProductFlashAttentionForCpuBackward0` node for
    /// 3-D and higher inputs (see Note [Attention backward]); with dropout, a mask that requires
    /// grad, 2-D inputs or (4-D and up) a value width other than the query's, it is composed of recorded ops as PyTorch's math path is.
    public static func scaledDotProductAttention(
        query: Tensor, key: Tensor, value: Tensor, attnMask: Tensor? = nil, dropoutP: Double = 0,
        isCausal: Bool = false, scale: Double? = nil, enableGQA: Bool = false
    ) -> Tensor {
        attempt {
            try checkAttentionInputs(query, key, value, attnMask: attnMask, dropoutP: dropoutP, isCausal: isCausal)
            var key = key, value = value
            if enableGQA { (key, value) = try groupedKeyValue(query, key, value) }
            let scale = scale ?? 1 / Double(query.shape[query.dim - 1]).squareRoot()
            let bias = try attentionBias(attnMask, query: query, key: key, isCausal: isCausal)
            let composite = dropoutP > 0 || query.dim == 2 || attnMask?.requiresGrad == true
                || (query.dim > 3 && value.shape[value.dim - 1] != query.shape[query.dim - 1])
            if composite {
                return attentionMath(query, key, value, bias: bias, scale: scale, dropoutP: dropoutP)
            }
            if query.dim == 3 && key.dim == 3 && value.dim == 3 {
                // PyTorch's CPU kernel takes 4-D inputs: a batch dim is added, then squeezed away.
                return fusedAttention(query.unsqueeze(dim: 0), key.unsqueeze(dim: 0), value.unsqueeze(dim: 0),
                                      bias: bias, scale: scale).squeeze(dim: 0)
            }
            return fusedAttention(query, key, value, bias: bias, scale: scale)
        }
    }

    /// The fused forward: the attention probabilities are computed without recording and kept
    /// for the backward (see Note [Attention backward]).
    private static func fusedAttention(_ query: Tensor, _ key: Tensor, _ value: Tensor, bias: Tensor?,
                                       scale: Double) -> Tensor {
        let (out, probabilities) = withNoGrad { () -> (Tensor, Tensor) in
            let p = attentionProbabilities(query, key, bias: bias, scale: scale)
            return (p.matmul(value), p)
        }
        if recording([query, key, value]) {
            recordAttention(out, query: query, key: key, value: value, probabilities: probabilities, bias: bias,
                            scale: scale)
        }
        return out
    }

    /// `softmax(query @ key^T * scale + bias)` along the keys, zero on rows whose keys are all
    /// masked; differentiable when recorded.
    package static func attentionProbabilities(_ query: Tensor, _ key: Tensor, bias: Tensor?, scale: Double) -> Tensor {
        var scores = query.matmul(key.mT)
        if isGradEnabled && (query.requiresGrad || key.requiresGrad) {
            scores = scores * scale
            if let bias { scores = scores + bias }
        } else {
            scores.mul_(scale)  // the product is a fresh tensor: scaled and masked in place
            if let bias { scores = scores.shape == Tensor.broadcastShape(scores, bias) ? scores.add_(bias) : scores + bias }
        }
        guard bias != nil else { return scores.softmax(dim: -1) }
        // A row of -inf scores has no softmax: it is given zeros, and (so that its gradients, first
        // and second, are zero rather than NaN) finite scores to take the softmax of.
        let allMasked = scores.amax(dim: -1, keepdim: true) .== -Double.infinity
        return scores.maskedFill(allMasked, 0.0).softmax(dim: -1).maskedFill(allMasked, 0.0)
    }

    /// PyTorch's math path (`_scaled_dot_product_attention_math`), of recorded ops: used with
    /// dropout, with a mask that requires grad, for 2-D inputs or a value width other than E, and to differentiate the fused
    /// node twice.
    package static func attentionMath(_ query: Tensor, _ key: Tensor, _ value: Tensor, bias: Tensor?, scale: Double,
                                      dropoutP: Double) -> Tensor {
        var p = attentionProbabilities(query, key, bias: bias, scale: scale)
        if dropoutP > 0 {
            let noise = Tensor.empty(like: p)
            withNoGrad {
                if dropoutP == 1 {
                    noise.zero_()
                } else {
                    noise.bernoulli_(p: 1 - dropoutP)
                    noise.div_(1 - dropoutP)
                }
            }
            p = p * noise
        }
        return p.matmul(value)
    }

    /// The broadcast shape of two tensors' shapes, or `nil` where they do not broadcast.
    private static func broadcastShape(_ a: Tensor, _ b: Tensor) -> [Int]? {
        let rank = max(a.dim, b.dim)
        var shape = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.dim ? 1 : a.shape[i - (rank - a.dim)]
            let y = i < rank - b.dim ? 1 : b.shape[i - (rank - b.dim)]
            guard x == y || x == 1 || y == 1 else { return nil }
            shape[i] = x == 1 ? y : x
        }
        return shape
    }

    // MARK: - Checks and masks

    /// PyTorch's checks of `scaled_dot_product_attention`'s arguments (`validate_sdpa_input`).
    private static func checkAttentionInputs(_ query: Tensor, _ key: Tensor, _ value: Tensor, attnMask: Tensor?,
                                             dropoutP: Double, isCausal: Bool) throws(TensorError) {
        guard query.dtype == key.dtype && query.dtype == value.dtype else {
            throw TensorError.runtime(
                "Expected query, key, and value to have the same dtype, but got query.dtype: \(query.dtype.typeMetaName) key.dtype: \(key.dtype.typeMetaName) and value.dtype: \(value.dtype.typeMetaName) instead.")
        }
        guard query.dim >= 2 && key.dim >= 2 && value.dim >= 2 else {
            throw TensorError.runtime(
                "Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: \(query.dim) key.dim: \(key.dim) and value.dim: \(value.dim) instead.")
        }
        guard query.dtype.isFloatingPoint else {
            throw TensorError.runtime("expected scalar type Float but found \(query.dtype.scalarTypeName)")
        }
        if let attnMask {
            guard !isCausal else {
                throw TensorError.runtime("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
            }
            guard attnMask.dtype == .bool || attnMask.dtype.isFloatingPoint else {
                throw TensorError.runtime(
                    "Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: \(attnMask.dtype.typeMetaName) and  query.dtype: \(query.dtype.typeMetaName) instead.")
            }
        }
        guard dropoutP >= 0 && dropoutP <= 1 else {
            throw TensorError.runtime("dropout probability has to be between 0 and 1, but got \(dropoutP)")
        }
        let e = query.shape[query.dim - 1], s = key.shape[key.dim - 2]
        guard key.shape[key.dim - 1] == e else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(query.shape.dropLast().reduce(1, *) / max(query.shape[query.dim - 2], 1)), \(e)] but got: [\(key.shape.dropLast().reduce(1, *) / max(s, 1)), \(key.shape[key.dim - 1])].")
        }
        guard value.shape[value.dim - 2] == s else {
            throw TensorError.runtime(
                "Expected key and value to have the same sequence length, but got key: \(s) and value: \(value.shape[value.dim - 2]).")
        }
    }

    /// `key` and `value` with each head repeated for the query heads that share it (`enable_gqa`).
    private static func groupedKeyValue(_ query: Tensor, _ key: Tensor, _ value: Tensor) throws(TensorError) -> (Tensor, Tensor) {
        guard query.dim >= 3 && key.dim >= 3 && value.dim >= 3 else { return (key, value) }
        let heads = query.shape[query.dim - 3], keyHeads = key.shape[key.dim - 3], valueHeads = value.shape[value.dim - 3]
        guard keyHeads > 0, valueHeads > 0, heads % keyHeads == 0, heads % valueHeads == 0 else {
            throw TensorError.runtime("Number of heads in key and value must divide the number of heads in query")
        }
        func repeated(_ t: Tensor, _ times: Int) -> Tensor {
            guard times > 1 else { return t }
            var expanded = t.shape
            expanded.insert(times, at: t.dim - 2)
            var merged = t.shape
            merged[t.dim - 3] *= times
            return t.unsqueeze(dim: t.dim - 2).expand(expanded).reshape(merged)  // repeat_interleave on dim -3
        }
        return (repeated(key, heads / keyHeads), repeated(value, heads / valueHeads))
    }

    /// The mask as the float added to the scores (PyTorch's `convert_boolean_attn_mask`: `0` where
    /// a bool mask is `true`, `-inf` elsewhere); the causal mask as the same for `[L, S]`.
    private static func attentionBias(_ attnMask: Tensor?, query: Tensor, key: Tensor,
                                      isCausal: Bool) throws(TensorError) -> Tensor? {
        if isCausal {
            let l = query.shape[query.dim - 2], s = key.shape[key.dim - 2]
            let keep = Tensor.ones([l, s], dtype: .bool, device: query.device).tril()
            return Tensor.zeros([l, s], dtype: query.dtype, device: query.device).maskedFill(keep.logicalNot(), -Double.infinity)
        }
        guard let attnMask else { return nil }
        if attnMask.dtype == .bool {
            return Tensor.zeros(attnMask.shape, dtype: query.dtype, device: query.device)
                .maskedFill(attnMask.logicalNot(), -Double.infinity)
        }
        return attnMask.dtype == query.dtype ? attnMask : attnMask.to(query.dtype)
    }
}

extension DType {
    /// The name PyTorch's `TypeMeta` prints in attention's messages (`float`, `long int`).
    fileprivate var typeMetaName: String { self == .int64 ? "long int" : cppTypeName }
}
