import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Adam

/// The options of an ``Adam`` or ``AdamW`` parameter group (the entries of `torch.optim.Adam`'s
/// `param_groups`).
public struct AdamOptions: OptimizerOptions {
    /// The learning rate (`lr`).
    public var lr: Double
    /// The decay rates of the first and second moment averages (`betas`).
    public var betas: (Double, Double)
    /// The term added to the denominator (`eps`).
    public var eps: Double
    /// The weight decay (`weight_decay`): an L2 penalty added to the gradient, or with
    /// `decoupledWeightDecay` a shrinking of the parameter by `lr * weightDecay` (AdamW).
    public var weightDecay: Double
    /// Whether to use the maximum of the second moment averages so far (`amsgrad`).
    public var amsgrad: Bool
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool
    /// Whether the weight decay is decoupled from the gradient, as in AdamW
    /// (`decoupled_weight_decay`).
    public var decoupledWeightDecay: Bool

    /// Options with PyTorch's `Adam` defaults for those not given.
    public init(lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false,
                decoupledWeightDecay: Bool = false) {
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.maximize = maximize
        self.decoupledWeightDecay = decoupledWeightDecay
    }
}

/// The Adam algorithm (`torch.optim.Adam`), updating as PyTorch's single-tensor path does:
///
///     g = ±grad (+ weightDecay * p, or p *= 1 - lr * weightDecay when decoupled)
///     m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g
///     vmax = max(vmax, v)                                     (amsgrad)
///     p -= lr / (1 - beta1^t) * m / (sqrt(v or vmax) / sqrt(1 - beta2^t) + eps)
///
/// The state of a parameter holds PyTorch's `step` (a float32 scalar tensor), `exp_avg`,
/// `exp_avg_sq` and, with amsgrad, `max_exp_avg_sq`.
public class Adam: Optimizer<AdamOptions> {
    /// An Adam optimizer of `params` (`torch.optim.Adam(params, lr, betas, eps, weight_decay,
    /// amsgrad, maximize=, decoupled_weight_decay=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative (or NaN) `lr`, `eps` or `weightDecay`,
    /// and a beta outside `[0, 1)`.
    public init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false,
                decoupledWeightDecay: Bool = false) {
        attemptVoid {
            if !(0 <= lr) { throw TensorError.value("Invalid learning rate: \(lr)") }
            if !(0 <= eps) { throw TensorError.value("Invalid epsilon value: \(eps)") }
            if !(0 <= betas.0 && betas.0 < 1) {
                throw TensorError.value("Invalid beta parameter at index 0: \(betas.0)")
            }
            if !(0 <= betas.1 && betas.1 < 1) {
                throw TensorError.value("Invalid beta parameter at index 1: \(betas.1)")
            }
            if !(0 <= weightDecay) { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        }
        super.init(params, defaults: AdamOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                                 amsgrad: amsgrad, maximize: maximize,
                                                 decoupledWeightDecay: decoupledWeightDecay))
    }

    /// Updates every parameter that has a gradient (`Adam.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: AdamOptions) {
        let id = ObjectIdentifier(p)
        var s = state[id] ?? [:]
        if s.isEmpty {
            s["step"] = Tensor(0.0, dtype: .float32)
            s["exp_avg"] = Tensor.zeros(like: p)
            s["exp_avg_sq"] = Tensor.zeros(like: p)
            if o.amsgrad { s["max_exp_avg_sq"] = Tensor.zeros(like: p) }
            state[id] = s
        }
        guard let stepT = s["step"], let expAvg = s["exp_avg"], let expAvgSq = s["exp_avg_sq"] else { return }
        let (beta1, beta2) = o.betas
        let step = stepT.incrementStep_()
        let biasCorrection1 = 1 - pow(beta1, step)
        let biasCorrection2 = 1 - pow(beta2, step)
        let stepSize = o.lr / biasCorrection1
        let biasCorrection2Sqrt = pow(biasCorrection2, 0.5)

        if o.amsgrad && s["max_exp_avg_sq"] == nil {
            // A group switched to amsgrad after its first step: PyTorch's state would lack it too.
            s["max_exp_avg_sq"] = Tensor.zeros(like: p)
            state[id] = s
        }
        let fused = OptimizerStep.adam(lr: o.lr, beta1: beta1, beta2: beta2, eps: o.eps, weightDecay: o.weightDecay,
                                       decoupled: o.decoupledWeightDecay, maximize: o.maximize, stepSize: stepSize,
                                       biasCorrection2Sqrt: biasCorrection2Sqrt)
        let moments = [expAvg, expAvgSq] + (o.amsgrad ? s["max_exp_avg_sq"].map { [$0] } ?? [] : [])
        // See Note [Fused optimizer steps].
        if p.fusedOptimizerStep_(fused, grad: pGrad, state: moments) { return }

        var grad = o.maximize ? pGrad.neg() : pGrad
        if o.weightDecay != 0 {
            if o.decoupledWeightDecay {
                p.mul_(1 - o.lr * o.weightDecay)
            } else {
                grad = grad.add(p.mul(o.weightDecay))
            }
        }
        expAvg.lerp_(grad, 1 - beta1)
        expAvgSq.mul_(beta2).add_(grad.mul(1 - beta2).mul_(grad))

        let second: Tensor
        if o.amsgrad, let maxSq = s["max_exp_avg_sq"] {
            maxSq.copy_(maxSq.maximum(expAvgSq))
            second = maxSq
        } else {
            second = expAvgSq
        }
        let denom = second.sqrt().div_(biasCorrection2Sqrt).add_(o.eps)
        p.add_(expAvg.mul(-stepSize).div_(denom))
    }
}

// MARK: - AdamW

/// Adam with decoupled weight decay (`torch.optim.AdamW`): each step first shrinks the parameter
/// by `lr * weightDecay`, then takes Adam's step without weight decay in the gradient.
public final class AdamW: Adam {
    /// An AdamW optimizer of `params` (`torch.optim.AdamW(params, lr, betas, eps, weight_decay,
    /// amsgrad, maximize=)`); its weight decay defaults to 1e-2.
    ///
    /// Fails with Adam's `ValueError`s.
    public init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false) {
        super.init(params, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                   maximize: maximize, decoupledWeightDecay: true)
    }
}
