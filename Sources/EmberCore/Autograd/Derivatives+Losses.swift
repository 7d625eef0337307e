import EmberBackend

// MARK: - Derivatives of the losses
//
// The losses EmberNN computes as one node, as PyTorch's fused loss kernels record them. Their
// forward passes live in EmberNN; the formulas live here with the other families.
//
// Note [Double backward]
// ~~~~~~~~~~~~~~~~~~~~~~
// PyTorch gives each fused loss's backward its own derivative (`mse_loss_backward`,
// `smooth_l1_loss_double_backward`, `binary_cross_entropy_double_backward`, ...). Here every
// formula is written with differentiable tensor ops, so with `createGraph` the gradient records
// its own graph and a second derivative follows from it; the values are those of PyTorch's
// double-backward formulas (the second-order nodes carry the names of the ops used, not
// PyTorch's `...BackwardBackward0`).

extension Tensor {
    /// How a loss was reduced, for its derivative.
    package enum LossReductionKind: Sendable {
        case none, mean, sum
    }

    /// Records a loss of the difference `input - target` (`mse_loss`, `smooth_l1_loss`,
    /// `huber_loss`) as the one node `name`: `d/dinput = slope(input - target) * g` (divided by
    /// the element count for a mean) and `d/dtarget` its negation, as PyTorch's
    /// `<loss>_backward(grad, target, self)` is for these odd slopes. `slope` is built from
    /// differentiable ops, so the gradient is differentiable again (see Note [Double backward]).
    package static func recordDifferenceLoss(
        _ name: String, _ input: Tensor, _ target: Tensor, loss: Tensor, reduction: LossReductionKind,
        slope: @escaping (Tensor) -> Tensor
    ) {
        record(name, inputs: [input, target], outputs: [loss], saving: [input, target]) { g, s in
            let diff = s[0] - s[1]
            var grad = slope(diff) * g[0]
            if reduction == .mean { grad = grad / Double(Swift.max(diff.numel, 1)) }
            return [grad, -grad]
        }
    }

    /// Records `loss = reduce((input - target)^2)` as `MseLossBackward0`: the slope is
    /// `2 (input - target)`.
    package static func recordMSELoss(_ input: Tensor, _ target: Tensor, loss: Tensor, reduction: LossReductionKind) {
        recordDifferenceLoss("MseLossBackward0", input, target, loss: loss, reduction: reduction) { $0 * 2 }
    }

    /// Records `smooth_l1_loss` as `SmoothL1LossBackward0`: the slope is `x / beta` inside
    /// `[-beta, beta]` and `sign(x)` outside, that is `clamp(x, -beta, beta) / beta`.
    package static func recordSmoothL1Loss(_ input: Tensor, _ target: Tensor, loss: Tensor,
                                           reduction: LossReductionKind, beta: Double) {
        recordDifferenceLoss("SmoothL1LossBackward0", input, target, loss: loss, reduction: reduction) {
            $0.clamp(min: .float(-beta), max: .float(beta)) / beta
        }
    }

    /// Records `huber_loss` as `HuberLossBackward0`: the slope is `x` inside `[-delta, delta]`
    /// and `delta * sign(x)` outside, that is `clamp(x, -delta, delta)`.
    package static func recordHuberLoss(_ input: Tensor, _ target: Tensor, loss: Tensor,
                                        reduction: LossReductionKind, delta: Double) {
        recordDifferenceLoss("HuberLossBackward0", input, target, loss: loss, reduction: reduction) {
            $0.clamp(min: .float(-delta), max: .float(delta))
        }
    }

    /// Records `binary_cross_entropy(input, target, weight)` as `BinaryCrossEntropyBackward0`
    /// (PyTorch's `binary_cross_entropy_backward` and `binary_cross_entropy_target_backward`):
    /// `d/dinput = g w (x - t) / max(x (1 - x), ε)` (ε the float 1e-12) and `d/dtarget = -g w logit(x)`, each
    /// divided by the input's element count for a mean.
    package static func recordBinaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor?, loss: Tensor,
                                                 reduction: LossReductionKind) {
        let needsTarget = target.requiresGrad, count = Double(Swift.max(input.numel, 1))
        // PyTorch's EPSILON is the float 1e-12, widened: x = 1 gives 1.0000000039958e12, not 1e12.
        let epsilon = Double(Float(1e-12))
        record("BinaryCrossEntropyBackward0", inputs: [input, target], outputs: [loss],
               saving: [input, target] + (weight.map { [$0] } ?? [])) { g, s in
            let x = s[0], t = s[1], w = s.count > 2 ? s[2] : nil
            var scale = w.map { g[0] * $0 } ?? g[0]
            if reduction == .mean { scale = scale / count }
            let gradInput = scale * (x - t) / ((1 - x) * x).clamp(min: .float(epsilon))
            return [gradInput, needsTarget ? -scale * x.logit() : nil]
        }
    }

    /// Records `binary_cross_entropy_with_logits(input, target, weight, pos_weight)` as
    /// `BinaryCrossEntropyWithLogitsBackward0` (PyTorch's `binary_cross_entropy_with_logits_backward`
    /// and `_target_backward`): with `p = pos_weight * t`, `d/dinput = g w ((p + 1 - t) sigmoid(x) - p)`
    /// (`g w (sigmoid(x) - t)` without `pos_weight`) and `d/dtarget = g w (logsigmoid(-x) -
    /// pos_weight logsigmoid(x))` (`-g w x` without), each divided by the input's element count
    /// for a mean.
    package static func recordBinaryCrossEntropyWithLogits(
        _ input: Tensor, _ target: Tensor, weight: Tensor?, posWeight: Tensor?, loss: Tensor,
        reduction: LossReductionKind
    ) {
        let needsTarget = target.requiresGrad, count = Double(Swift.max(input.numel, 1))
        let hasWeight = weight != nil
        let saving = [input, target] + [weight, posWeight].compactMap { $0 }
        record("BinaryCrossEntropyWithLogitsBackward0", inputs: [input, target], outputs: [loss],
               saving: saving) { g, s in
            let x = s[0], t = s[1], w = hasWeight ? s[2] : nil
            let posWeight = s.count > (hasWeight ? 3 : 2) ? s[s.count - 1] : nil
            var scale = w.map { g[0] * $0 } ?? g[0]
            if reduction == .mean { scale = scale / count }
            let gradInput: Tensor, gradTarget: Tensor?
            if let posWeight {
                let p = posWeight * t
                gradInput = scale * ((p + 1 - t) * x.sigmoid() - p)
                gradTarget = needsTarget ? scale * (logSigmoid(-x) - logSigmoid(x) * posWeight) : nil
            } else {
                gradInput = scale * (x.sigmoid() - t)
                gradTarget = needsTarget ? -scale * x : nil
            }
            return [gradInput, gradTarget]
        }
    }

    /// `log(sigmoid(x))` computed stably, `min(x, 0) - log1p(exp(-|x|))` (PyTorch's
    /// `log_sigmoid`), recorded as `LogSigmoidBackward0` with the derivative `sigmoid(-x)`
    /// (1/2 at 0, where the composed form's `min` and `abs` would give 0); the formula is made
    /// of recorded ops, so it differentiates again.
    package static func logSigmoid(_ x: Tensor) -> Tensor {
        let y = withNoGrad { x.clamp(max: 0) - (-x.abs()).exp().log1p() }
        if recording(x) {
            record("LogSigmoidBackward0", inputs: [x], outputs: [y], saving: [x]) { g, s in [g[0] * (-s[0]).sigmoid()] }
        }
        return y
    }

    /// Records `loss = -reduce(weights * input[i, index[i]])` as `NllLossBackward0`: the gradient
    /// is `-weights[i] * g` (over the total weight for a mean) at each sample's class, zero
    /// elsewhere. `rows` is the input seen as `[samples, classes]`; `index` is `[samples, 1]`.
    package static func recordNLLLoss(_ input: Tensor, rows: [Int], index: Tensor, weights: Tensor, totalWeight: Tensor,
                                      loss: Tensor, reduction: LossReductionKind) {
        let inputShape = input.shape
        let movesClassDim = input.dim > 2
        record("NllLossBackward0", inputs: [input], outputs: [loss], saving: [index, weights, totalWeight]) { g, s in
            let perSample: Tensor = switch reduction {
            case .none: g[0].reshape(-1)
            case .sum: g[0]
            case .mean: g[0] / s[2]
            }
            // Ignored samples (weight 0) get no gradient, even when a mean over no samples makes
            // `perSample` infinite: PyTorch never writes their entries (zero gradients, NaN loss).
            let coefficients = (-s[1] * perSample).maskedFill(s[1] .== 0, 0).unsqueeze(dim: 1)
            let grad = Tensor.zeros(rows, dtype: g[0].dtype, device: g[0].device)
                .scatter(dim: 1, index: s[0], src: coefficients.expand(rows[0], 1))
            if !movesClassDim { return [grad.reshape(inputShape)] }
            // Back from [samples, classes] to [N, d1, ..., C], then the class dim to 1.
            var moved = inputShape
            moved.append(moved.remove(at: 1))
            return [grad.reshape(moved).movedim(-1, 1)]
        }
    }
}

// MARK: - Margin losses

extension Tensor {
    /// PyTorch's error for a loss input that its fused kernel has no derivative for.
    package static func notDifferentiable(_ function: String, argument: String) -> TensorError {
        TensorError.runtime(
            "The function '\(function)' is not differentiable with respect to argument '\(argument)'. This input cannot have requires_grad True.")
    }

    /// Records `soft_margin_loss(input, target)` as `SoftMarginLossBackward0`, with PyTorch's
    /// `soft_margin_loss_backward`: `d/dinput = -y z / (1 + z) * g` with `z = exp(-y x)`, divided
    /// by the element count for a mean. The target gets no gradient (PyTorch refuses one that
    /// requires grad). Differentiable again (see Note [Double backward]).
    package static func recordSoftMarginLoss(_ input: Tensor, _ target: Tensor, loss: Tensor, reduction: LossReductionKind) {
        record("SoftMarginLossBackward0", inputs: [input], outputs: [loss], saving: [input, target]) { g, s in
            let z = (-s[1] * s[0]).exp()
            var grad = -s[1] * z / (z + 1)
            if reduction == .mean { grad = grad / Double(Swift.max(s[0].numel, 1)) }
            return [grad * g[0]]
        }
    }

    /// `margin - x[n, y[n]] + x[n, i]` for every sample `n` and class `i` of `x` `[N, C]`, the
    /// targets `y` `[N, 1]` (int64): the terms of `multi_margin_loss`, as its kernel forms them.
    package static func multiMarginTerms(_ x: Tensor, _ y: Tensor, margin: Double) -> Tensor {
        margin - x.gather(dim: 1, index: y) + x
    }

    /// Records `multi_margin_loss` of `x` `[N, C]` (the input reshaped) as
    /// `MultiMarginLossBackward0`, with PyTorch's `multi_margin_loss_backward`: each class `i` other
    /// than the target whose term `z` is positive gets `w[y] * (p == 1 ? 1 : 2z) / C` (also divided
    /// by `N` for a mean), the target minus their sum, times the output gradient. Like PyTorch's,
    /// the gradient has no derivative of its own: a second backward through it fails.
    package static func recordMultiMarginLoss(
        _ input: Tensor, targets y: Tensor, rows: Int, classes: Int, p: Int, margin: Double, weight: Tensor?,
        loss: Tensor, reduction: LossReductionKind
    ) {
        let inputShape = input.shape
        record("MultiMarginLossBackward0", inputs: [input], outputs: [loss],
               saving: [input, y] + (weight.map { [$0] } ?? [])) { g, s in
            let gradient: Tensor = withNoGrad {
                let x = s[0].reshape([rows, classes])
                let z = multiMarginTerms(x, s[1], margin: margin)
                let positive = z.gt(0).to(x.dtype)
                var h = p == 1 ? positive : positive * z * 2
                if s.count > 2 { h = h * s[2].to(x.dtype).indexSelect(dim: 0, index: s[1].flatten()).reshape([rows, 1]) }
                h = h.scatter(dim: 1, index: s[1], value: 0)
                h = h.scatter(dim: 1, index: s[1], src: -h.sum(dim: 1, keepdim: true))
                let scale = Double(classes) * (reduction == .mean ? Double(Swift.max(rows, 1)) : 1)
                let outputGrad = reduction == .none ? g[0].reshape([rows, 1]) : g[0]
                return (h / scale * outputGrad).reshape(inputShape)
            }
            if isGradEnabled && (g[0].requiresGrad || s[0].requiresGrad) {
                record("torch::autograd::NotImplemented", inputs: [g[0], s[0]], outputs: [gradient]) { _, _ in
                    throw TensorError.runtime("derivative for aten::multi_margin_loss_backward is not implemented")
                }
            }
            return [gradient]
        }
    }
}
