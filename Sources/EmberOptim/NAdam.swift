import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Options

/// The options of an ``NAdam`` parameter group (the entries of `torch.optim.NAdam`'s
/// `param_groups`).
public struct NAdamOptions: OptimizerOptions {
    /// The learning rate (`lr`).
    public var lr: Double
    /// The decay rates of the first and second moment averages (`betas`).
    public var betas: (Double, Double)
    /// The term added to the denominator (`eps`).
    public var eps: Double
    /// The weight decay (`weight_decay`): an L2 penalty added to the gradient, or with
    /// `decoupledWeightDecay` a shrinking of the parameter by `lr * weightDecay`.
    public var weightDecay: Double
    /// The momentum decay ψ of the momentum schedule (`momentum_decay`).
    public var momentumDecay: Double
    /// Whether the weight decay is decoupled from the gradient, as in AdamW
    /// (`decoupled_weight_decay`).
    public var decoupledWeightDecay: Bool
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool

    /// Options with PyTorch's `NAdam` defaults for those not given.
    public init(lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false,
                maximize: Bool = false) {
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.maximize = maximize
    }

    /// The options under PyTorch's names: `lr`, `betas`, `eps`, `weight_decay`, `momentum_decay`,
    /// `decoupled_weight_decay`, `maximize`.
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "betas": .doubles([betas.0, betas.1]), "eps": .double(eps),
         "weight_decay": .double(weightDecay), "momentum_decay": .double(momentumDecay),
         "decoupled_weight_decay": .bool(decoupledWeightDecay), "maximize": .bool(maximize)]
    }

    /// Sets the options named in `entries` (`NAdam.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("betas", into: &betas)
        try entries.read("eps", into: &eps)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("momentum_decay", into: &momentumDecay)
        try entries.read("decoupled_weight_decay", into: &decoupledWeightDecay)
        try entries.read("maximize", into: &maximize)
    }
}

// MARK: - NAdam

/// Adam with Nesterov momentum (`torch.optim.NAdam`), updating as PyTorch's single-tensor path
/// does:
///
///     g = ±grad (+ weightDecay * p, or p *= 1 - lr * weightDecay when decoupled)
///     mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentumDecay))      (and mu_{t+1} likewise)
///     muProduct *= mu_t                                          (a float32 scalar)
///     m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g
///     d = sqrt(v / (1 - beta2^t)) + eps
///     p += -lr * (1 - mu_t) / (1 - muProduct) * g / d
///     p += -lr * mu_{t+1} / (1 - muProduct * mu_{t+1}) * m / d
///
/// The state of a parameter holds PyTorch's `step` and `mu_product` (float32 scalar tensors),
/// `exp_avg` and `exp_avg_sq`.
public final class NAdam: Optimizer<NAdamOptions> {
    /// An NAdam optimizer of `params` (`torch.optim.NAdam(params, lr, betas, eps, weight_decay,
    /// momentum_decay, decoupled_weight_decay, maximize=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative (or NaN) `lr`, `eps`, `weightDecay` or
    /// `momentumDecay`, and a beta outside `[0, 1)`.
    public init(_ params: [Tensor], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, momentumDecay: Double = 4e-3,
                decoupledWeightDecay: Bool = false, maximize: Bool = false) {
        attemptVoid {
            try requireNonNegative(lr, "learning rate")
            try requireNonNegative(eps, "epsilon value")
            try requireBetas(betas)
            try requireNonNegative(weightDecay, "weight_decay value")
            try requireNonNegative(momentumDecay, "momentum_decay value")
        }
        super.init(params, defaults: NAdamOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                                  momentumDecay: momentumDecay,
                                                  decoupledWeightDecay: decoupledWeightDecay, maximize: maximize))
    }

    /// Updates every parameter that has a gradient (`NAdam.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: NAdamOptions) {
        let s = initializedState(for: p) {
            ["step": Tensor(0.0, dtype: .float32), "mu_product": Tensor(1.0, dtype: .float32),
             "exp_avg": Tensor.zeros(like: p), "exp_avg_sq": Tensor.zeros(like: p)]
        }
        guard let stepT = s["step"], let muProductT = s["mu_product"], let expAvg = s["exp_avg"],
              let expAvgSq = s["exp_avg_sq"] else { return }
        let (beta1, beta2) = o.betas
        let step = stepT.incrementStep_()
        let biasCorrection2 = 1 - pow(beta2, step)
        let mu = beta1 * (1 - 0.5 * pow(0.96, step * o.momentumDecay))
        let muNext = beta1 * (1 - 0.5 * pow(0.96, (step + 1) * o.momentumDecay))
        // mu_product is a float32 tensor: the product is rounded to float32 at every step.
        muProductT.mul_(mu)
        let muProduct = muProductT.item()
        let gradCoefficient = -o.lr * (1 - mu) / (1 - muProduct)
        let expAvgCoefficient = -o.lr * muNext / (1 - muProduct * muNext)
        let fused = OptimizerStep.nadam(lr: o.lr, beta1: beta1, beta2: beta2, eps: o.eps, weightDecay: o.weightDecay,
                                        decoupled: o.decoupledWeightDecay, maximize: o.maximize,
                                        biasCorrection2: biasCorrection2, gradCoefficient: gradCoefficient,
                                        expAvgCoefficient: expAvgCoefficient)
        // See Note [Fused optimizer steps].
        if p.fusedOptimizerStep_(fused, grad: pGrad, state: [expAvg, expAvgSq]) { return }

        let grad = effectiveGradient(pGrad, of: p, maximize: o.maximize, weightDecay: o.weightDecay,
                                     decoupledLR: o.decoupledWeightDecay ? o.lr : nil)
        updateMoments(expAvg: expAvg, expAvgSq: expAvgSq, grad: grad, betas: o.betas)
        let denom = expAvgSq.div(biasCorrection2).sqrt_().add_(o.eps)
        p.add_(grad.mul(gradCoefficient).div_(denom))
        p.add_(expAvg.mul(expAvgCoefficient).div_(denom))
    }
}
