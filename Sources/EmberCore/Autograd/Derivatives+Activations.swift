import EmberBackend

// MARK: - Activations composed of other ops
//
// The backward formulas of Tensor+Activations.swift, from PyTorch's derivatives.yaml and its
// `*_backward` kernels, written in differentiable ops so that a backward that records its graph
// gives second derivatives. Each saves the input.

extension Tensor {
    /// `HardsigmoidBackward0`: `grad / 6` where `-3 < x < 3`, zero elsewhere.
    package func recordHardsigmoid(_ out: Tensor) {
        Tensor.record("HardsigmoidBackward0", inputs: [self], outputs: [out], saving: [self]) { g, s in
            let x = s[0]
            return [Tensor.where((x .> -3).logicalAnd(x .< 3), g[0] / 6, 0)]
        }
    }

    /// `HardswishBackward0`: zero up to -3, `grad * (x / 3 + 0.5)` below 3, `grad` from 3 on (the
    /// bounds as PyTorch's kernel puts them).
    package func recordHardswish(_ out: Tensor) {
        Tensor.record("HardswishBackward0", inputs: [self], outputs: [out], saving: [self]) { g, s in
            let x = s[0]
            return [Tensor.where(x .<= -3, 0, Tensor.where(x .< 3, g[0] * (x / 3 + 0.5), g[0]))]
        }
    }

    /// `EluBackward0`, as PyTorch records selu (an elu with `scale`); see `recordScaledElu`.
    package func recordSelu(_ out: Tensor, alpha: Double, scale: Double) {
        recordScaledElu(out, name: "EluBackward0", alpha: alpha, scale: scale, inputScale: 1)
    }

    /// `CeluBackward0` (an elu with input scale `1 / alpha`); see `recordScaledElu`.
    package func recordCelu(_ out: Tensor, alpha: Double) {
        recordScaledElu(out, name: "CeluBackward0", alpha: alpha, scale: 1, inputScale: 1 / alpha)
    }

    /// PyTorch's `elu_backward` from the input: `grad * inputScale * alpha * scale *
    /// exp(x * inputScale)` where `x <= 0`, `grad * scale` elsewhere.
    private func recordScaledElu(_ out: Tensor, name: String, alpha: Double, scale: Double, inputScale: Double) {
        Tensor.record(name, inputs: [self], outputs: [out], saving: [self]) { g, s in
            let x = s[0]
            return [Tensor.where(x .<= 0, g[0] * (inputScale * alpha * scale) * (x * inputScale).exp(), g[0] * scale)]
        }
    }

    /// `SoftshrinkBackward0`; see `recordShrink`.
    package func recordSoftshrink(_ out: Tensor, lambd: Double) {
        recordShrink(out, name: "SoftshrinkBackward0", lambd: lambd)
    }

    /// `HardshrinkBackward0`; see `recordShrink`.
    package func recordHardshrink(_ out: Tensor, lambd: Double) {
        recordShrink(out, name: "HardshrinkBackward0", lambd: lambd)
    }

    /// Both shrinks' backward: zero where `-lambd <= x <= lambd`, `grad` elsewhere (NaN inputs
    /// pass the gradient, as PyTorch's kernels do).
    private func recordShrink(_ out: Tensor, name: String, lambd: Double) {
        Tensor.record(name, inputs: [self], outputs: [out], saving: [self]) { g, s in
            let x = s[0]
            return [Tensor.where((x .>= -lambd).logicalAnd(x .<= lambd), 0, g[0])]
        }
    }

    /// `ThresholdBackward0`: zero where `x <= threshold`, `grad` elsewhere.
    package func recordThreshold(_ out: Tensor, threshold: Double) {
        Tensor.record("ThresholdBackward0", inputs: [self], outputs: [out], saving: [self]) { g, s in
            [Tensor.where(s[0] .<= threshold, 0, g[0])]
        }
    }

    /// `GluBackward0`: for `a * σ(b)`, `grad * σ(b)` for `a` and `grad * a * σ(b) * (1 - σ(b))`
    /// for `b`, joined along `dim`.
    package func recordGlu(_ out: Tensor, dim: Int) {
        Tensor.record("GluBackward0", inputs: [self], outputs: [out], saving: [self]) { g, s in
            let halves = s[0].chunk(2, dim: dim)
            let gate = halves[1].sigmoid()
            return [Tensor.cat([g[0] * gate, g[0] * halves[0] * gate * (1 - gate)], dim: dim)]
        }
    }

    /// `PreluKernelBackward0`: `grad` where `x > 0` and `weight * grad` elsewhere for the input;
    /// for the weight, `x * grad` where `x <= 0` summed over every dim but the channel's.
    package func recordPrelu(_ out: Tensor, weight: Tensor) {
        let weightShape = weight.shape, perChannel = weight.numel != 1 && dim > 1
        Tensor.record("PreluKernelBackward0", inputs: [self, weight], outputs: [out], saving: [self, weight]) { g, s in
            let x = s[0], positive = x .> 0
            let inputGrad = Tensor.where(positive, g[0], x.preluWeight(s[1]) * g[0])
            let weightTerms = Tensor.where(positive, 0, x * g[0])
            let weightGrad = perChannel
                ? weightTerms.sum(dims: [0] + Array(2..<x.dim)).reshape(weightShape)
                : weightTerms.sum().reshape(weightShape)
            return [inputGrad, weightGrad]
        }
    }
}
