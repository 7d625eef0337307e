import EmberCore

// MARK: - Options

/// The options of an ``RMSprop`` parameter group (the entries of `torch.optim.RMSprop`'s
/// `param_groups`).
public struct RMSpropOptions: OptimizerOptions {
    /// The learning rate (`lr`).
    public var lr: Double
    /// The smoothing constant of the running averages (`alpha`).
    public var alpha: Double
    /// The term added to the denominator (`eps`).
    public var eps: Double
    /// The L2 penalty added to the gradient (`weight_decay`).
    public var weightDecay: Double
    /// The momentum factor (`momentum`); 0 for none.
    public var momentum: Double
    /// Whether the second moment is centered by the running average of the gradient (`centered`).
    public var centered: Bool
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool

    /// Options with PyTorch's `RMSprop` defaults for those not given.
    public init(lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0,
                momentum: Double = 0, centered: Bool = false, maximize: Bool = false) {
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        self.maximize = maximize
    }

    /// The options under PyTorch's names: `lr`, `alpha`, `eps`, `weight_decay`, `momentum`,
    /// `centered`, `maximize`.
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "alpha": .double(alpha), "eps": .double(eps), "weight_decay": .double(weightDecay),
         "momentum": .double(momentum), "centered": .bool(centered), "maximize": .bool(maximize)]
    }

    /// Sets the options named in `entries` (`RMSprop.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("alpha", into: &alpha)
        try entries.read("eps", into: &eps)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("momentum", into: &momentum)
        try entries.read("centered", into: &centered)
        try entries.read("maximize", into: &maximize)
    }
}

// MARK: - RMSprop

/// RMSprop (`torch.optim.RMSprop`), updating as PyTorch's single-tensor path does:
///
///     g = ±grad + weightDecay * p
///     v = alpha * v + (1 - alpha) * g * g
///     avg = sqrt(v - ga * ga) + eps,  ga = lerp(ga, g, 1 - alpha)      (centered)
///     avg = sqrt(v) + eps                                               (otherwise)
///     momentum > 0:  buf = momentum * buf + g / avg;  p -= lr * buf
///     otherwise:     p -= lr * g / avg
///
/// The state of a parameter holds PyTorch's `step` (a float32 scalar tensor), `square_avg` (v),
/// and `momentum_buffer` (buf) when the momentum is positive and `grad_avg` (ga) when centered.
public final class RMSprop: Optimizer<RMSpropOptions> {
    /// An RMSprop optimizer of `params` (`torch.optim.RMSprop(params, lr, alpha, eps,
    /// weight_decay, momentum, centered, maximize=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative (or NaN) `lr`, `eps`, `momentum`,
    /// `weightDecay` or `alpha`.
    public init(_ params: [Tensor], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8,
                weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false, maximize: Bool = false) {
        attemptVoid {
            try requireNonNegative(lr, "learning rate")
            try requireNonNegative(eps, "epsilon value")
            try requireNonNegative(momentum, "momentum value")
            try requireNonNegative(weightDecay, "weight_decay value")
            try requireNonNegative(alpha, "alpha value")
        }
        super.init(params, defaults: RMSpropOptions(lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay,
                                                    momentum: momentum, centered: centered, maximize: maximize))
    }

    /// Updates every parameter that has a gradient (`RMSprop.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: RMSpropOptions) {
        let s = initializedState(for: p) {
            var s = ["step": Tensor(0.0, dtype: .float32), "square_avg": Tensor.zeros(like: p)]
            if o.momentum > 0 { s["momentum_buffer"] = Tensor.zeros(like: p) }
            if o.centered { s["grad_avg"] = Tensor.zeros(like: p) }
            return s
        }
        guard let stepT = s["step"], let squareAvg = s["square_avg"] else { return }
        _ = stepT.incrementStep_()
        // See Note [Fused optimizer steps].
        let extra = (o.momentum > 0 ? [buffer("momentum_buffer", of: p)] : [])
            + (o.centered ? [buffer("grad_avg", of: p)] : [])
        let fused = OptimizerStep.rmsprop(lr: o.lr, alpha: o.alpha, eps: o.eps, weightDecay: o.weightDecay,
                                          momentum: o.momentum, centered: o.centered, maximize: o.maximize)
        if p.fusedOptimizerStep_(fused, grad: pGrad, state: [squareAvg] + extra) { return }

        let grad = effectiveGradient(pGrad, of: p, maximize: o.maximize, weightDecay: o.weightDecay)
        squareAvg.mul_(o.alpha).add_(grad.mul(1 - o.alpha).mul_(grad))

        let avg: Tensor
        if o.centered {
            let gradAvg = buffer("grad_avg", of: p)
            gradAvg.lerp_(grad, 1 - o.alpha)
            avg = squareAvg.add(gradAvg.mul(-1).mul_(gradAvg)).sqrt_()
        } else {
            avg = squareAvg.sqrt()
        }
        avg.add_(o.eps)
        if o.momentum > 0 {
            let buf = buffer("momentum_buffer", of: p)
            buf.mul_(o.momentum).add_(grad.div(avg))
            p.add_(buf.mul(-o.lr))
        } else {
            p.add_(grad.mul(-o.lr).div_(avg))
        }
    }

    /// The state tensor `name` of `p`, made zero when missing: a group that turned on momentum or
    /// centering after its first step (where PyTorch fails with a `KeyError`).
    private func buffer(_ name: String, of p: Tensor) -> Tensor {
        let id = ObjectIdentifier(p)
        if let existing = state[id]?[name] { return existing }
        let zeros = Tensor.zeros(like: p)
        state[id, default: [:]][name] = zeros
        return zeros
    }
}
