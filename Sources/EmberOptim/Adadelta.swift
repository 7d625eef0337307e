import EmberCore

// MARK: - Options

/// The options of an ``Adadelta`` parameter group (the entries of `torch.optim.Adadelta`'s
/// `param_groups`).
public struct AdadeltaOptions: OptimizerOptions {
    /// The coefficient that scales the delta before it is applied (`lr`).
    public var lr: Double
    /// The decay rate of the running averages of squared gradients and deltas (`rho`).
    public var rho: Double
    /// The term added inside the square roots (`eps`).
    public var eps: Double
    /// The L2 penalty added to the gradient (`weight_decay`).
    public var weightDecay: Double
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool

    /// Options with PyTorch's `Adadelta` defaults for those not given.
    public init(lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6, weightDecay: Double = 0,
                maximize: Bool = false) {
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.weightDecay = weightDecay
        self.maximize = maximize
    }

    /// The options under PyTorch's names: `lr`, `rho`, `eps`, `weight_decay`, `maximize`.
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "rho": .double(rho), "eps": .double(eps), "weight_decay": .double(weightDecay),
         "maximize": .bool(maximize)]
    }

    /// Sets the options named in `entries` (`Adadelta.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("rho", into: &rho)
        try entries.read("eps", into: &eps)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("maximize", into: &maximize)
    }
}

// MARK: - Adadelta

/// Adadelta (`torch.optim.Adadelta`), updating as PyTorch's single-tensor path does:
///
///     g = ±grad + weightDecay * p
///     v = rho * v + (1 - rho) * g * g
///     delta = sqrt(u + eps) / sqrt(v + eps) * g
///     u = rho * u + (1 - rho) * delta * delta
///     p -= lr * delta
///
/// The state of a parameter holds PyTorch's `step` (a float32 scalar tensor), `square_avg` (v)
/// and `acc_delta` (u).
public final class Adadelta: Optimizer<AdadeltaOptions> {
    /// An Adadelta optimizer of `params` (`torch.optim.Adadelta(params, lr, rho, eps, weight_decay,
    /// maximize=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative (or NaN) `lr`, `eps` or `weightDecay`,
    /// and a `rho` outside `[0, 1]`.
    public init(_ params: [Tensor], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6,
                weightDecay: Double = 0, maximize: Bool = false) {
        attemptVoid {
            try requireNonNegative(lr, "learning rate")
            if !(0 <= rho && rho <= 1) { throw TensorError.value("Invalid rho value: \(rho)") }
            try requireNonNegative(eps, "epsilon value")
            try requireNonNegative(weightDecay, "weight_decay value")
        }
        super.init(params, defaults: AdadeltaOptions(lr: lr, rho: rho, eps: eps, weightDecay: weightDecay,
                                                     maximize: maximize))
    }

    /// Updates every parameter that has a gradient (`Adadelta.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: AdadeltaOptions) {
        let s = initializedState(for: p) {
            ["step": Tensor(0.0, dtype: .float32), "square_avg": Tensor.zeros(like: p),
             "acc_delta": Tensor.zeros(like: p)]
        }
        guard let stepT = s["step"], let squareAvg = s["square_avg"], let accDelta = s["acc_delta"] else { return }
        _ = stepT.incrementStep_()
        let fused = OptimizerStep.adadelta(lr: o.lr, rho: o.rho, eps: o.eps, weightDecay: o.weightDecay,
                                           maximize: o.maximize)
        // See Note [Fused optimizer steps].
        if p.fusedOptimizerStep_(fused, grad: pGrad, state: [squareAvg, accDelta]) { return }

        let grad = effectiveGradient(pGrad, of: p, maximize: o.maximize, weightDecay: o.weightDecay)
        squareAvg.mul_(o.rho).add_(grad.mul(1 - o.rho).mul_(grad))
        let std = squareAvg.add(o.eps).sqrt_()
        let delta = accDelta.add(o.eps).sqrt_().div_(std).mul_(grad)
        accDelta.mul_(o.rho).add_(delta.mul(1 - o.rho).mul_(delta))
        p.add_(delta.mul(-o.lr))
    }
}
