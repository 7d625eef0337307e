import EmberCore

// MARK: - Options

/// The options of an ``Adagrad`` parameter group (the entries of `torch.optim.Adagrad`'s
/// `param_groups`).
public struct AdagradOptions: OptimizerOptions {
    /// The learning rate (`lr`).
    public var lr: Double
    /// The learning-rate decay: step `t` uses `lr / (1 + (t - 1) * lrDecay)` (`lr_decay`).
    public var lrDecay: Double
    /// The L2 penalty added to the gradient (`weight_decay`).
    public var weightDecay: Double
    /// The starting value of the sum of squared gradients (`initial_accumulator_value`).
    public var initialAccumulatorValue: Double
    /// The term added to the denominator (`eps`).
    public var eps: Double
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool

    /// Options with PyTorch's `Adagrad` defaults for those not given.
    public init(lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false) {
        self.lr = lr
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.eps = eps
        self.maximize = maximize
    }

    /// The options under PyTorch's names: `lr`, `lr_decay`, `weight_decay`,
    /// `initial_accumulator_value`, `eps`, `maximize`.
    public var entries: [String: OptimizerValue] {
        ["lr": .double(lr), "lr_decay": .double(lrDecay), "weight_decay": .double(weightDecay),
         "initial_accumulator_value": .double(initialAccumulatorValue), "eps": .double(eps),
         "maximize": .bool(maximize)]
    }

    /// Sets the options named in `entries` (`Adagrad.load_state_dict`'s groups).
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
        try entries.read("lr_decay", into: &lrDecay)
        try entries.read("weight_decay", into: &weightDecay)
        try entries.read("initial_accumulator_value", into: &initialAccumulatorValue)
        try entries.read("eps", into: &eps)
        try entries.read("maximize", into: &maximize)
    }
}

// MARK: - Adagrad

/// Adagrad (`torch.optim.Adagrad`), updating as PyTorch's single-tensor path does:
///
///     g = ±grad + weightDecay * p
///     clr = lr / (1 + (t - 1) * lrDecay)
///     sum += g * g
///     p -= clr * g / (sqrt(sum) + eps)
///
/// The state of a parameter holds PyTorch's `step` (a float32 scalar tensor) and `sum`. Unlike
/// the other optimizers, Adagrad creates the state of the constructor's parameters at once (`sum`
/// filled with `initialAccumulatorValue`); a group added later gets its state at its first step,
/// from the ``Optimizer/defaults``' `initialAccumulatorValue`, as PyTorch's does.
public final class Adagrad: Optimizer<AdagradOptions> {
    /// An Adagrad optimizer of `params` (`torch.optim.Adagrad(params, lr, lr_decay, weight_decay,
    /// initial_accumulator_value, eps, maximize=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative (or NaN) `lr`, `lrDecay`, `weightDecay`,
    /// `initialAccumulatorValue` or `eps`.
    public init(_ params: [Tensor], lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false) {
        attemptVoid {
            try requireNonNegative(lr, "learning rate")
            try requireNonNegative(lrDecay, "lr_decay value")
            try requireNonNegative(weightDecay, "weight_decay value")
            try requireNonNegative(initialAccumulatorValue, "initial_accumulator_value value")
            try requireNonNegative(eps, "epsilon value")
        }
        super.init(params, defaults: AdagradOptions(lr: lr, lrDecay: lrDecay, weightDecay: weightDecay,
                                                    initialAccumulatorValue: initialAccumulatorValue, eps: eps,
                                                    maximize: maximize))
        for group in paramGroups {
            for p in group.params { state[ObjectIdentifier(p)] = initialState(for: p) }
        }
    }

    /// A parameter's fresh state: `step` 0 and `sum` filled with the defaults' accumulator value.
    private func initialState(for p: Tensor) -> [String: Tensor] {
        ["step": Tensor(0.0, dtype: .float32),
         "sum": Tensor.full(like: p, .float(defaults.initialAccumulatorValue))]
    }

    /// Updates every parameter that has a gradient (`Adagrad.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: AdagradOptions) {
        let s = initializedState(for: p) { initialState(for: p) }
        guard let stepT = s["step"], let sum = s["sum"] else { return }
        let step = stepT.incrementStep_()
        let clr = o.lr / (1 + (step - 1) * o.lrDecay)
        let fused = OptimizerStep.adagrad(clr: clr, eps: o.eps, weightDecay: o.weightDecay, maximize: o.maximize)
        // See Note [Fused optimizer steps].
        if p.fusedOptimizerStep_(fused, grad: pGrad, state: [sum]) { return }

        let grad = effectiveGradient(pGrad, of: p, maximize: o.maximize, weightDecay: o.weightDecay)
        sum.add_(grad.mul(grad))
        let std = sum.sqrt().add_(o.eps)
        p.add_(grad.mul(-clr).div_(std))
    }
}
