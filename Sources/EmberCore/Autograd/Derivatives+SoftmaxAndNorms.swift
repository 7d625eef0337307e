import EmberBackend

// MARK: - Derivatives of softmax, logsumexp and norms
//
// softmax and log_softmax save their result, logsumexp its input and result, the vector norm
// its input and result (with PyTorch's subgradients where the norm is not differentiable).

extension Tensor {
    /// `softmax` (`SoftmaxBackward0`) or `log_softmax` (`LogSoftmaxBackward0`) along `rd` (nil
    /// for a 0-dim tensor, one slice of one element) of this tensor, the input after any dtype
    /// conversion.
    package func recordSoftmax(_ out: Tensor, dim rd: Int?, log: Bool) {
        func total(_ t: Tensor) -> Tensor { rd.map { t.sum(dim: $0, keepdim: true) } ?? t }
        if log {
            Tensor.record("LogSoftmaxBackward0", inputs: [self], outputs: [out], saving: [out]) { g, s in
                [g[0] - s[0].exp() * total(g[0])]
            }
        } else {
            Tensor.record("SoftmaxBackward0", inputs: [self], outputs: [out], saving: [out]) { g, s in
                let gy = g[0] * s[0]
                return [gy - s[0] * total(gy)]
            }
        }
    }

    /// `logsumexp` over the dims in `mask`: `LogsumexpBackward0`, the gradient times the softmax.
    package func recordLogsumexp(_ out: Tensor, mask: ReductionDimSet) {
        let keptShape = shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        Tensor.record("LogsumexpBackward0", inputs: [self], outputs: [out], saving: [self, out]) { g, s in
            [g[0].reshape(keptShape) * (s[0] - s[1].reshape(keptShape)).exp()]
        }
    }

    /// Records a vector norm as `node` (`LinalgVectorNormBackward0` by default) with PyTorch's `norm_backward`
    /// formulas and subgradients: zero where the norm is zero (p = 2 and general p), `sign(x)`
    /// for p = 1 (0 at 0), for p = ±inf the gradient shared evenly by the elements whose
    /// magnitude is the norm, and for p = 0 none at all (`.grad` stays nil, as in PyTorch).
    package func recordNorm(_ out: Tensor, order p: Double, mask: ReductionDimSet,
                            node: NormNode = .linalgVectorNorm) {
        let keptShape = shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        let dims = (0..<dim).filter { mask.contains($0) }
        Tensor.record(node.name, inputs: [self], outputs: [out], saving: [self, out]) { g, s in
            [Tensor.normBackward(g[0].reshape(keptShape), s[0], norm: s[1].reshape(keptShape), order: p, dims: dims)]
        }
    }

    /// PyTorch's `norm_backward`: the gradient of `x`'s `p`-norm over `dims`, given the norm and
    /// its gradient in the reduced shape kept (`nil` for p = 0). Built from differentiable ops.
    package static func normBackward(_ grad: Tensor, _ x: Tensor, norm: Tensor, order p: Double, dims: [Int]) -> Tensor? {
        let zeroNorm = norm .== 0
        switch p {
        case 0:
            return nil  // PyTorch's norm_backward returns no gradient for p = 0
        case 1:
            return x.sign() * grad
        case 2:
            return grad * Tensor.where(zeroNorm, 0.0, x / norm)
        case .infinity, -.infinity:
            let magnitude = x.abs()
            let hits = ((magnitude .== norm) .| magnitude.isnan()).to(x.dtype)
            let count = dims.isEmpty ? hits : hits.sum(dims: dims, keepdim: true)
            return x.sign() * (grad / count) * hits
        default:
            let scale = Tensor.where(zeroNorm, 0.0, grad / norm.pow(p - 1))
            if p < 1 {
                let magnitude = Tensor.where(x .== 0, 0.0, x.abs().pow(p - 1))
                return x.sign() * magnitude * grad * norm.pow(1 - p)
            }
            if p < 2 { return x.sign() * x.abs().pow(p - 1) * scale }
            return x * x.abs().pow(p - 2) * scale
        }
    }
}

// MARK: - Layer norm

extension Tensor {
    /// Records `layerNorm` over `dims` as `NativeLayerNormBackward0` (see Note [Layer norm backward]).
    package func recordLayerNorm(_ out: Tensor, dims: [Int], weight: Tensor?, bias: Tensor?, eps: Double) {
        let batchDims = Array(0..<(dim - dims.count))
        let hasWeight = weight != nil
        let saving = [self] + (weight.map { [$0] } ?? [])
        Tensor.record("NativeLayerNormBackward0", inputs: [self, weight, bias], outputs: [out], saving: saving) { g, s in
            let x = s[0], grad = g[0]
            let xc = x - x.mean(dims: dims, keepdim: true)
            let rstd = (xc.square().mean(dims: dims, keepdim: true) + eps).rsqrt()
            let xhat = xc * rstd
            let gradInput = Tensor.normalizedInputGradient(hasWeight ? grad * s[1] : grad, xhat: xhat, rstd: rstd,
                                                           dims: dims)
            // Summed over the batch dims; with none, the per-element products are the gradients.
            func batchSum(_ t: Tensor) -> Tensor { batchDims.isEmpty ? t : t.sum(dims: batchDims) }
            return [gradInput, hasWeight ? batchSum(grad * xhat) : nil, batchSum(grad)]
        }
    }

    // Note [Layer norm backward]
    //
    // PyTorch's `native_layer_norm` saves the input, the per-slice mean and `rstd = 1 /
    // sqrt(var + eps)`; its backward (`layer_norm_backward_cpu`) computes, with `xhat = (x -
    // mean) * rstd` and `gw = grad * weight` over the N normalized elements of a slice,
    //
    //     grad_input  = rstd * (gw - mean(gw) - xhat * mean(gw * xhat))
    //     grad_weight = sum over the batch dims of grad * xhat
    //     grad_bias   = sum over the batch dims of grad
    //
    // and switches to `layer_norm_double_backward` when the graph of the backward is recorded.
    // Ember saves only the input (and weight) and recomputes mean and rstd from it inside the
    // backward with differentiable ops, so the same formulas, run with `createGraph`, record a
    // graph that is correct to second order without a separate double-backward formula.
}

// MARK: - Batch norm and group norm

extension Tensor {
    /// The input's gradient of a normalization over `dims`, `rstd * (gw - mean(gw) - xhat *
    /// mean(gw * xhat))`, given `gw` (the output's gradient times the weight), the normalized
    /// input `xhat` and `rstd` (see Note [Layer norm backward]).
    package static func normalizedInputGradient(_ gw: Tensor, xhat: Tensor, rstd: Tensor, dims: [Int]) -> Tensor {
        rstd * (gw - gw.mean(dims: dims, keepdim: true) - xhat * (gw * xhat).mean(dims: dims, keepdim: true))
    }

    /// Records `batchNorm` over `dims` (all but the channel dim) as `NativeBatchNormBackward0`;
    /// `statistics` are the `[C]` mean and `1 / sqrt(var + eps)` that normalized the input: the
    /// batch's in training mode, the running ones in evaluation mode (see Note [Batch norm
    /// backward]).
    package func recordBatchNorm(_ out: Tensor, dims: [Int], weight: Tensor?, bias: Tensor?, eps: Double, training: Bool,
                                 statistics: (mean: Tensor, invstd: Tensor)) {
        let channelShape = [1, shape[1]] + [Int](repeating: 1, count: dim - 2)
        let weightShape = weight?.shape, biasShape = bias?.shape
        let saving = [self, statistics.mean, statistics.invstd] + (weight.map { [$0] } ?? [])
        Tensor.record("NativeBatchNormBackward0", inputs: [self, weight, bias], outputs: [out], saving: saving) { g, s in
            let x = s[0], grad = g[0], mean = s[1], invstd = s[2], weight = weightShape == nil ? nil : s[3]
            if let fused = Tensor.fusedBatchNormBackward(grad, input: x, mean: mean, invstd: invstd, weight: weight,
                                                         training: training, needsWeight: weightShape != nil,
                                                         needsBias: biasShape != nil) {
                return [fused.0, fused.1.map { $0.reshape(weightShape!) }, fused.2.map { $0.reshape(biasShape!) }]
            }
            let gw = weight.map { grad * $0.reshape(channelShape) } ?? grad
            let gradInput: Tensor, xhat: Tensor
            if !training {
                let invstd = invstd.reshape(channelShape)
                xhat = (x - mean.reshape(channelShape)) * invstd
                gradInput = gw * invstd
            } else {
                let xc = x - x.mean(dims: dims, keepdim: true)
                let rstd = (xc.square().mean(dims: dims, keepdim: true) + eps).rsqrt()
                xhat = xc * rstd
                gradInput = Tensor.normalizedInputGradient(gw, xhat: xhat, rstd: rstd, dims: dims)
            }
            return [gradInput, weightShape.map { (grad * xhat).sum(dims: dims).reshape($0) },
                    biasShape.map { grad.sum(dims: dims).reshape($0) }]
        }
    }

    /// Batch norm's three first-order gradients from the backend's fused kernel (see Note [Fused
    /// batch norm and pooling kernels] in EmberCPU), or nil where it does not apply: grad mode on
    /// (`createGraph`, which needs the composite formula), or a backend without the kernel.
    private static func fusedBatchNormBackward(_ grad: Tensor, input x: Tensor, mean: Tensor, invstd: Tensor,
                                               weight: Tensor?, training: Bool, needsWeight: Bool,
                                               needsBias: Bool) -> (Tensor, Tensor?, Tensor?)? {
        guard !isGradEnabled, x.layout.isContiguous, grad.dtype == x.dtype, grad.device == x.device,
              grad.layout.shape == x.layout.shape else { return nil }
        // Named, so that the contiguous weight lives until the kernel returns (see Note [Buffers
        // do not own their memory] in Tensor.swift).
        let g = grad.contiguous(), c = x.shape[1], weight = weight?.contiguous()
        func channels(_ needed: Bool) -> Tensor?? {
            guard needed else { return .some(nil) }
            return (try? Tensor.uninitialized([c], dtype: x.dtype, device: x.device)).map { .some($0) }
        }
        guard let gradInput = try? x.uninitializedLike(), let gradWeight = channels(needsWeight),
              let gradBias = channels(needsBias) else { return nil }
        guard x.backend.batchNormBackward(g.buffer, input: x.buffer, mean: mean.buffer, invstd: invstd.buffer,
                                          weight: weight?.buffer, training: training,
                                          gradInput: gradInput.buffer, gradWeight: gradWeight?.buffer,
                                          gradBias: gradBias?.buffer) else { return nil }
        return (gradInput, gradWeight, gradBias)
    }

    /// Records `groupNorm` as `NativeGroupNormBackward0`: the input seen as `groupShape` (batch,
    /// group, the group's elements) is normalized over its last dim (see Note [Batch norm backward]).
    package func recordGroupNorm(_ out: Tensor, groupShape: [Int], weight: Tensor?, bias: Tensor?, eps: Double) {
        let channelShape = [1, shape[1]] + [Int](repeating: 1, count: dim - 2)
        let dims = [0] + Array(2..<dim)
        let weightShape = weight?.shape, biasShape = bias?.shape
        let saving = [self] + (weight.map { [$0] } ?? [])
        Tensor.record("NativeGroupNormBackward0", inputs: [self, weight, bias], outputs: [out], saving: saving) { g, s in
            let grouped = s[0].reshape(groupShape), grad = g[0]
            let xc = grouped - grouped.mean(dim: 2, keepdim: true)
            let rstd = (xc.square().mean(dim: 2, keepdim: true) + eps).rsqrt()
            let xhat = xc * rstd
            let gw = weightShape == nil ? grad : grad * s[1].reshape(channelShape)
            let gradInput = Tensor.normalizedInputGradient(gw.reshape(groupShape), xhat: xhat, rstd: rstd, dims: [2])
            return [gradInput.reshape(s[0].shape), weightShape.map { (grad * xhat.reshape(s[0].shape)).sum(dims: dims).reshape($0) },
                    biasShape.map { grad.sum(dims: dims).reshape($0) }]
        }
    }

    // Note [Batch norm backward]
    //
    // PyTorch's `native_batch_norm` and `native_group_norm` each record one node for the input,
    // weight and bias (`NativeBatchNormBackward0`, `NativeGroupNormBackward0`), whose backward
    // computes the three gradients in one pass. They are the formulas of Note [Layer norm
    // backward] over other slices: batch norm normalizes each channel over the batch and spatial
    // dims, group norm each (sample, group) over the group's channels and spatial dims, and both
    // sum the weight's and bias's gradients over every dim but the channel dim. As for layer
    // norm, Ember saves the input (and weight) and recomputes the statistics inside the backward
    // with differentiable ops, so `createGraph` records a graph correct to second order.
    //
    // In evaluation mode batch norm normalizes with its running statistics, which are constants
    // of the graph: the input's gradient is `grad * weight * invstd`. The node saves copies of
    // them taken in the forward, since a later training step updates the buffers in place.
    //
    // Batch norm also saves the per-channel mean and `invstd` it normalized with, for the
    // first-order backward: with grad mode off (no `createGraph`) and a contiguous input, its three
    // gradients come from one fused kernel (`Backend.batchNormBackward`, PyTorch's
    // `batch_norm_cpu_backward`), and the composite formulas above run only when the gradient's
    // own graph is recorded.
}

/// The node a vector norm is recorded as: Python's `torch.norm` and `linalg.vector_norm` record
/// `LinalgVectorNormBackward0`; the C++ `at::norm` that PyTorch's composite ops call
/// (`pairwise_distance`) records `NormBackward1`. Both use `norm_backward`.
package enum NormNode {
    case linalgVectorNorm, atenNorm

    var name: String {
        switch self {
        case .linalgVectorNorm: "LinalgVectorNormBackward0"
        case .atenNorm: "NormBackward1"
        }
    }
}
