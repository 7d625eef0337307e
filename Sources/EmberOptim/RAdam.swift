import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Options

/// The options of an ``RAdam`` parameter group (the entries of `torch.optim.RAdam`'s
/// `param_groups`).
public struct RAdamOptions: OptimizerOptions {
    /// The learning rate (`lr`).
    public var lr: Double
    /// The decay rates of the first and second moment averages (`betas`).
    public var betas: (Double, Double)
    /// The term added to the denominator (`eps`).
    public var eps: Double
    /// The weight decay (`weight_decay`): an L2 penalty added to the gradient, or with
    /// `decoupledWeightDecay` a shrinking of the parameter by `lr * weightDecay`.
    public var weightDecay: Double
    /// Whether the weight decay is decoupled from the gradient, as in AdamW
    /// (`decoupled_weight_decay`).
    public var decoupledWeightDecay: Bool
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool

    /// Options with PyTorch's `RAdam` defaults for those not given.
    public init(lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                weightDecay: Double = 0, decoupledWeightDecay: Bool = false, maximize: Bool = false) {
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.maximize = maximize
    }

    /// The options under PyTorch's names: `lr`, `betas`, `eps`, `weight_decay`,
    /// `decoupled_weight_decay`, `maximize`.
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "betas": .doubles([betas.0, betas.1]), "eps": .double(eps),
         "weight_decay": .double(weightDecay), "decoupled_weight_decay": .bool(decoupledWeightDecay),
         "maximize": .bool(maximize)]
    }

    /// Sets the options named in `entries` (`RAdam.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("betas", into: &betas)
        try entries.read("eps", into: &eps)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("decoupled_weight_decay", into: &decoupledWeightDecay)
        try entries.read("maximize", into: &maximize)
    }
}

// MARK: - RAdam

/// Rectified Adam (`torch.optim.RAdam`), updating as PyTorch's single-tensor path does:
///
///     g = ±grad (+ weightDecay * p, or p *= 1 - lr * weightDecay when decoupled)
///     m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g
///     rhoInf = 2 / (1 - beta2) - 1;  rho = rhoInf - 2t * beta2^t / (1 - beta2^t)
///     rho > 5:  p -= m / (1 - beta1^t) * lr * sqrt(1 - beta2^t) / (sqrt(v) + eps) * r
///               with r = sqrt((rho - 4)(rho - 2) rhoInf / ((rhoInf - 4)(rhoInf - 2) rho))
///     else:     p -= m / (1 - beta1^t) * lr
///
/// The state of a parameter holds PyTorch's `step` (a float32 scalar tensor), `exp_avg` and
/// `exp_avg_sq`.
public final class RAdam: Optimizer<RAdamOptions> {
    /// An RAdam optimizer of `params` (`torch.optim.RAdam(params, lr, betas, eps, weight_decay,
    /// decoupled_weight_decay, maximize=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative (or NaN) `lr`, `eps` or `weightDecay`,
    /// and a beta outside `[0, 1)`.
    public init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false,
                maximize: Bool = false) {
        attemptVoid {
            try requireNonNegative(lr, "learning rate")
            try requireNonNegative(eps, "epsilon value")
            try requireBetas(betas)
            try requireNonNegative(weightDecay, "weight_decay value")
        }
        super.init(params, defaults: RAdamOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                                  decoupledWeightDecay: decoupledWeightDecay, maximize: maximize))
    }

    /// Updates every parameter that has a gradient (`RAdam.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: RAdamOptions) {
        let s = initializedState(for: p) {
            ["step": Tensor(0.0, dtype: .float32), "exp_avg": Tensor.zeros(like: p),
             "exp_avg_sq": Tensor.zeros(like: p)]
        }
        guard let stepT = s["step"], let expAvg = s["exp_avg"], let expAvgSq = s["exp_avg_sq"] else { return }
        let (beta1, beta2) = o.betas
        let step = stepT.incrementStep_()
        let biasCorrection1 = 1 - pow(beta1, step)
        let biasCorrection2 = 1 - pow(beta2, step)
        let rhoInf = 2 / (1 - beta2) - 1
        let rho = rhoInf - 2 * step * pow(beta2, step) / biasCorrection2
        let rect = rho > 5 ? pow((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho), 0.5) : nil
        let fused = OptimizerStep.radam(lr: o.lr, beta1: beta1, beta2: beta2, eps: o.eps, weightDecay: o.weightDecay,
                                        decoupled: o.decoupledWeightDecay, maximize: o.maximize,
                                        biasCorrection1: biasCorrection1,
                                        biasCorrection2Sqrt: pow(biasCorrection2, 0.5), rect: rect)
        // See Note [Fused optimizer steps].
        if p.fusedOptimizerStep_(fused, grad: pGrad, state: [expAvg, expAvgSq]) { return }

        let grad = effectiveGradient(pGrad, of: p, maximize: o.maximize, weightDecay: o.weightDecay,
                                     decoupledLR: o.decoupledWeightDecay ? o.lr : nil)
        updateMoments(expAvg: expAvg, expAvgSq: expAvgSq, grad: grad, betas: o.betas)

        let correctedExpAvg = expAvg.div(biasCorrection1)
        let change = correctedExpAvg.mul_(o.lr)
        if let rect {
            // PyTorch's `bias_correction2**0.5 / t` is `t.reciprocal() * bias_correction2**0.5`.
            let adaptiveLR = expAvgSq.sqrt().add_(o.eps).reciprocal_().mul_(pow(biasCorrection2, 0.5))
            change.mul_(adaptiveLR).mul_(rect)
        }
        p.sub_(change)
    }
}
