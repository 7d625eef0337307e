import EmberBackend

// MARK: - Derivative of scaled dot-product attention

extension Tensor {
    /// Records fused attention as `ScaledDotProductFlashAttentionForCpuBackward0` (see
    /// Note [Attention backward]); `probabilities` are the forward's softmax, computed unrecorded.
    package static func recordAttention(_ out: Tensor, query: Tensor, key: Tensor, value: Tensor, probabilities: Tensor,
                                        bias: Tensor?, scale: Double) {
        let needs = (query.requiresGrad, key.requiresGrad, value.requiresGrad)
        let saving = [query, key, value, probabilities] + (bias.map { [$0] } ?? [])
        let hasBias = bias != nil
        record("ScaledDotProductFlashAttentionForCpuBackward0", inputs: [query, key, value], outputs: [out],
               saving: saving) { g, s in
            let q = s[0], k = s[1], v = s[2], grad = g[0]
            // Recording the backward (create_graph): the probabilities again, as recorded ops.
            let p = isGradEnabled ? attentionProbabilities(q, k, bias: hasBias ? s[4] : nil, scale: scale) : s[3]
            let gradValue = needs.2 ? p.mT.matmul(grad) : nil
            guard needs.0 || needs.1 else { return [nil, nil, gradValue] }
            let gradP = grad.matmul(v.mT)
            let gradScores = p * (gradP - (gradP * p).sum(dim: -1, keepdim: true)) * scale
            return [needs.0 ? gradScores.matmul(k) : nil, needs.1 ? gradScores.mT.matmul(q) : nil, gradValue]
        }
    }

    // Note [Attention backward]
    //
    // With `P = softmax(Q K^T * scale + bias)` and `O = P V`, the gradients are
    //
    //     dV = P^T dO
    //     dS = P * (dO V^T - rowsum(P * dO V^T)) * scale
    //     dQ = dS K,    dK = dS^T Q
    //
    // PyTorch's CPU flash kernel saves the output and the log-sum-exp of each row and recomputes
    // P block by block in its backward. Ember keeps P from the forward instead (one [..., L, S]
    // tensor; the products and the softmax are each one batched kernel), so the backward is three
    // products and one element-wise pass. When the backward itself is recorded (`createGraph`),
    // P is recomputed from the saved query and key with recorded ops, so the formulas above give
    // a graph that is right to second order. Batch dims that were broadcast are summed back by
    // the engine. Rows whose keys are all masked have P = 0, hence no gradient, as in PyTorch.
}
