import EmberBackend

// MARK: - Derivatives of the losses
//
// The losses EmberNN computes as one node, as PyTorch's fused loss kernels record them. Their
// forward passes live in EmberNN; the formulas live here with the other families.

extension Tensor {
    /// How a loss was reduced, for its derivative.
    package enum LossReductionKind: Sendable {
        case none, mean, sum
    }

    /// Records `loss = reduce((input - target)^2)` as `MseLossBackward0`:
    /// `d/dinput = 2 (input - target) g` (divided by the element count for a mean) and
    /// `d/dtarget` its negation; the engine sums broadcast gradients back to each shape.
    package static func recordMSELoss(_ input: Tensor, _ target: Tensor, loss: Tensor, reduction: LossReductionKind) {
        record("MseLossBackward0", inputs: [input, target], outputs: [loss], saving: [input, target]) { g, s in
            let diff = s[0] - s[1]
            var grad = diff * g[0] * 2
            if reduction == .mean { grad = grad / Double(Swift.max(diff.numel, 1)) }
            return [grad, -grad]
        }
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
            let coefficients = (-s[1] * perSample).unsqueeze(dim: 1)
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
