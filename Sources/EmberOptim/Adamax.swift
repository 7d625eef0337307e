import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Options

/// The options of an ``Adamax`` parameter group (the entries of `torch.optim.Adamax`'s
/// `param_groups`).
public struct AdamaxOptions: OptimizerOptions {
    /// The learning rate (`lr`).
    public var lr: Double
    /// The decay rates of the first moment average and of the infinity norm (`betas`).
    public var betas: (Double, Double)
    /// The term added to the infinity norm (`eps`).
    public var eps: Double
    /// The L2 penalty added to the gradient (`weight_decay`).
    public var weightDecay: Double
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool

    /// Options with PyTorch's `Adamax` defaults for those not given.
    public init(lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                weightDecay: Double = 0, maximize: Bool = false) {
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.maximize = maximize
    }

    /// The options under PyTorch's names: `lr`, `betas`, `eps`, `weight_decay`, `maximize`.
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "betas": .doubles([betas.0, betas.1]), "eps": .double(eps),
         "weight_decay": .double(weightDecay), "maximize": .bool(maximize)]
    }

    /// Sets the options named in `entries` (`Adamax.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("betas", into: &betas)
        try entries.read("eps", into: &eps)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("maximize", into: &maximize)
    }
}

// MARK: - Adamax

/// Adamax, Adam with the infinity norm (`torch.optim.Adamax`), updating as PyTorch's
/// single-tensor path does:
///
///     g = ±grad + weightDecay * p
///     m = lerp(m, g, 1 - beta1);  u = max(beta2 * u, |g| + eps)
///     p -= lr / (1 - beta1^t) * m / u
///
/// The state of a parameter holds PyTorch's `step` (a float32 scalar tensor), `exp_avg` and
/// `exp_inf`.
public final class Adamax: Optimizer<AdamaxOptions> {
    /// An Adamax optimizer of `params` (`torch.optim.Adamax(params, lr, betas, eps, weight_decay,
    /// maximize=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative (or NaN) `lr`, `eps` or `weightDecay`,
    /// and a beta outside `[0, 1)`.
    public init(_ params: [Tensor], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, maximize: Bool = false) {
        attemptVoid {
            try requireNonNegative(lr, "learning rate")
            try requireNonNegative(eps, "epsilon value")
            try requireBetas(betas)
            try requireNonNegative(weightDecay, "weight_decay value")
        }
        super.init(params, defaults: AdamaxOptions(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                                   maximize: maximize))
    }

    /// Updates every parameter that has a gradient (`Adamax.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: AdamaxOptions) {
        let s = initializedState(for: p) {
            ["step": Tensor(0.0, dtype: .float32), "exp_avg": Tensor.zeros(like: p), "exp_inf": Tensor.zeros(like: p)]
        }
        guard let stepT = s["step"], let expAvg = s["exp_avg"], let expInf = s["exp_inf"] else { return }
        let step = stepT.incrementStep_()
        let clr = o.lr / (1 - pow(o.betas.0, step))
        let fused = OptimizerStep.adamax(beta1: o.betas.0, beta2: o.betas.1, eps: o.eps, weightDecay: o.weightDecay,
                                         maximize: o.maximize, stepSize: clr)
        // See Note [Fused optimizer steps].
        if p.fusedOptimizerStep_(fused, grad: pGrad, state: [expAvg, expInf]) { return }

        let grad = effectiveGradient(pGrad, of: p, maximize: o.maximize, weightDecay: o.weightDecay)
        expAvg.lerp_(grad, 1 - o.betas.0)
        expInf.copy_(expInf.mul_(o.betas.1).maximum(grad.abs().add_(o.eps)))
        p.add_(expAvg.mul(-clr).div_(expInf))
    }
}
