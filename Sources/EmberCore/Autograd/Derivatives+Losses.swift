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
}
