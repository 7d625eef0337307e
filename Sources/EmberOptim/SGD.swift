import EmberCore

// MARK: - SGD

/// The options of an ``SGD`` parameter group (the entries of `torch.optim.SGD`'s `param_groups`).
public struct SGDOptions: OptimizerOptions {
    /// The learning rate (`lr`).
    public var lr: Double
    /// The momentum factor (`momentum`); 0 for plain gradient descent.
    public var momentum: Double
    /// The dampening of the momentum (`dampening`).
    public var dampening: Double
    /// The L2 penalty added to the gradient (`weight_decay`).
    public var weightDecay: Double
    /// Whether the momentum is Nesterov's (`nesterov`).
    public var nesterov: Bool
    /// Whether to maximize the objective instead of minimizing it (`maximize`).
    public var maximize: Bool

    /// Options with PyTorch's defaults for those not given.
    public init(lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
                nesterov: Bool = false, maximize: Bool = false) {
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.maximize = maximize
    }
}

/// Stochastic gradient descent, with optional momentum, Nesterov momentum and weight decay
/// (`torch.optim.SGD`), updating as PyTorch's single-tensor path does:
///
///     g = ±grad + weightDecay * p
///     buf = g (first step), else momentum * buf + (1 - dampening) * g
///     g = nesterov ? g + momentum * buf : buf          (when momentum != 0)
///     p -= lr * g
///
/// The momentum buffer is the parameter's state under `"momentum_buffer"`.
public final class SGD: Optimizer<SGDOptions> {
    /// An SGD optimizer of `params` (`torch.optim.SGD(params, lr, momentum, dampening,
    /// weight_decay, nesterov, maximize=)`).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative `lr`, `momentum` or `weightDecay`, and
    /// for `nesterov` without a positive momentum and zero dampening.
    public init(_ params: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false) {
        attemptVoid {
            if lr < 0 { throw TensorError.value("Invalid learning rate: \(lr)") }
            if momentum < 0 { throw TensorError.value("Invalid momentum value: \(momentum)") }
            if weightDecay < 0 { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
            if nesterov && (momentum <= 0 || dampening != 0) {
                throw TensorError.value("Nesterov momentum requires a momentum and zero dampening")
            }
        }
        super.init(params, defaults: SGDOptions(lr: lr, momentum: momentum, dampening: dampening,
                                                weightDecay: weightDecay, nesterov: nesterov, maximize: maximize))
    }

    /// Updates every parameter that has a gradient (`SGD.step()`).
    public override func step() { updateParameters(update) }

    private func update(_ p: Tensor, _ pGrad: Tensor, _ o: SGDOptions) {
        if fusedUpdate(p, pGrad, o) { return }
        var grad = o.maximize ? pGrad.neg() : pGrad
        if o.weightDecay != 0 { grad = grad.add(p.mul(o.weightDecay)) }
        if o.momentum != 0 {
            let id = ObjectIdentifier(p)
            let buf: Tensor
            if let existing = state[id]?["momentum_buffer"] {
                buf = existing
                buf.mul_(o.momentum)
                buf.add_(o.dampening == 0 ? grad : grad.mul(1 - o.dampening))
            } else {
                buf = grad.detach().clone()
                state[id, default: [:]]["momentum_buffer"] = buf
            }
            grad = o.nesterov ? grad.add(buf.mul(o.momentum)) : buf
        }
        p.sub_(grad.mul(o.lr))
    }

    /// The update as one fused kernel (see Note [Fused optimizer steps]); `false` when the
    /// parameter's backend has none for these tensors.
    private func fusedUpdate(_ p: Tensor, _ grad: Tensor, _ o: SGDOptions) -> Bool {
        let id = ObjectIdentifier(p)
        let existing = o.momentum == 0 ? nil : state[id]?["momentum_buffer"]
        let buffer = o.momentum == 0 ? nil : existing ?? Tensor.zeros(like: p)
        let step = OptimizerStep.sgd(lr: o.lr, momentum: o.momentum, dampening: o.dampening,
                                     weightDecay: o.weightDecay, nesterov: o.nesterov, maximize: o.maximize,
                                     firstStep: existing == nil)
        guard p.fusedOptimizerStep_(step, grad: grad, state: buffer.map { [$0] } ?? []) else { return false }
        if existing == nil, let buffer { state[id, default: [:]]["momentum_buffer"] = buffer }
        return true
    }
}
