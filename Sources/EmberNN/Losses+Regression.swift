import EmberCore

// MARK: - Regression losses
//
// Losses of the difference between an input and a target. MSE, smooth L1 and Huber are fused in
// PyTorch: each is computed here without recording and recorded as one node whose formula lives
// in the core (Derivatives+Losses.swift). L1 is composed, as PyTorch composes it.

extension Functional {
    /// The mean squared error (`F.mse_loss(input, target, reduction)`), recorded as one
    /// `MseLossBackward0` node; `input` and `target` broadcast.
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            let loss = withNoGrad { reduced((input - target).square(), kind) }
            if Tensor.recording(input, target) {
                Tensor.recordMSELoss(input, target, loss: loss, reduction: kind)
            }
            return loss
        }
    }

    /// The mean absolute error (`F.l1_loss(input, target, reduction)`), composed of `abs` and the
    /// reduction as PyTorch composes it (so its nodes are `AbsBackward0`, then `MeanBackward0` or
    /// `SumBackward0`).
    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        attempt { try reduced((input - target).abs(), reduction) }
    }

    /// The smooth L1 loss (`F.smooth_l1_loss(input, target, reduction, beta)`): with
    /// `z = |input - target|`, `0.5 z² / beta` where `z < beta` and `z - 0.5 beta` elsewhere;
    /// recorded as one `SmoothL1LossBackward0` node. `beta == 0` is ``l1Loss(_:_:reduction:)``,
    /// as in PyTorch; a negative `beta` fails with PyTorch's message. `input` and `target`
    /// broadcast.
    public static func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean,
                                    beta: Double = 1) -> Tensor {
        if beta == 0 { return l1Loss(input, target, reduction: reduction) }
        return attempt {
            let kind = try reduction.checked()
            guard beta >= 0 else { throw TensorError.runtime("smooth_l1_loss does not support negative values for beta.") }
            let loss = withNoGrad {
                let z = (input - target).abs()
                return reduced(Tensor.where(z .< beta, z * 0.5 * z / beta, z - 0.5 * beta), kind)
            }
            if Tensor.recording(input, target) {
                Tensor.recordSmoothL1Loss(input, target, loss: loss, reduction: kind, beta: beta)
            }
            return loss
        }
    }

    /// The Huber loss (`F.huber_loss(input, target, reduction, delta, weight)`): with
    /// `z = |input - target|`, `0.5 z²` where `z < delta` and `delta (z - 0.5 delta)` elsewhere;
    /// recorded as one `HuberLossBackward0` node. `delta` must be positive. A `weight` of the
    /// input's size multiplies the unreduced losses before the reduction (`MulBackward0`, then
    /// `MeanBackward0` or `SumBackward0`, as PyTorch composes it).
    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean,
                                 delta: Double = 1, weight: Tensor? = nil) -> Tensor {
        attempt {
            if let weight {
                guard weight.shape == input.shape else { throw TensorError.value("Weights and input must have the same size.") }
                let weighted = huberLoss(input, target, reduction: .none, delta: delta) * weight
                switch reduction {
                case .none: return weighted
                case .sum: return weighted.sum()
                case .mean: return weighted.mean()
                default:
                    throw TensorError.value("Invalid reduction mode: \(reduction). Expected one of 'none', 'mean', 'sum'.")
                }
            }
            let kind = try reduction.checked()
            guard delta > 0 else { throw TensorError.runtime("huber_loss does not support non-positive values for delta.") }
            let loss = withNoGrad {
                let z = (input - target).abs()
                return reduced(Tensor.where(z .< delta, z * 0.5 * z, (z - 0.5 * delta) * delta), kind)
            }
            if Tensor.recording(input, target) {
                Tensor.recordHuberLoss(input, target, loss: loss, reduction: kind, delta: delta)
            }
            return loss
        }
    }

    /// The negative log likelihood of a Poisson-distributed target (`F.poisson_nll_loss(input,
    /// target, log_input=True, full=False, eps=1e-8, reduction)`): `exp(input) - target * input`
    /// when the input is the rate's log (`logInput`), else `input - target * log(input + eps)`;
    /// `full` adds Stirling's approximation of `log(target!)` where the target is above 1.
    /// Composed as PyTorch's `poisson_nll_loss` is.
    public static func poissonNLLLoss(_ input: Tensor, _ target: Tensor, logInput: Bool = true, full: Bool = false,
                                      eps: Double = 1e-8, reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            var losses = logInput ? input.exp() - target * input : input - target * (input + eps).log()
            if full {
                let stirling = target * target.log() - target + 0.5 * (2 * Double.pi * target).log()
                losses = losses + stirling.maskedFill(target .<= 1, 0)
            }
            return reduced(losses, kind)
        }
    }

    /// The negative log likelihood of a Gaussian target (`F.gaussian_nll_loss(input, target, var,
    /// full=False, eps=1e-6, reduction)`): `0.5 * (log(var) + (input - target)^2 / var)`, plus
    /// `0.5 log(2 pi)` with `full`, the variance held at `eps` or above (without recording).
    /// `var` has the input's shape, or one dim short of it, or a 1 in the one dim where it
    /// differs (one variance shared along that dim); PyTorch's ValueErrors otherwise and for a
    /// negative variance. Composed as PyTorch's Python function composes it.
    public static func gaussianNLLLoss(_ input: Tensor, _ target: Tensor, variance: Tensor, full: Bool = false,
                                       eps: Double = 1e-6, reduction: LossReduction = .mean) -> Tensor {
        attempt {
            guard !(variance .< 0).any().item(as: Bool.self) else {
                throw TensorError.value("var has negative entry/entries")
            }
            var v = variance
            if v.shape != input.shape {
                let mismatched = zip(input.shape, v.shape).filter { $0 != $1 }.map(\.1)
                if Array(input.shape.dropLast()) == v.shape {
                    v = v.unsqueeze(dim: -1)
                } else if !(input.dim == v.dim && mismatched.reduce(0, +) == 1) {
                    throw TensorError.value("var is of incorrect size")
                }
            }
            let kind: Tensor.LossReductionKind
            switch reduction {
            case .none: kind = .none
            case .mean: kind = .mean
            case .sum: kind = .sum
            case .batchmean, .unrecognized: throw TensorError.value("\(reduction) is not valid")
            }
            v = v.clone()
            withNoGrad { _ = v.clamp_(min: .float(eps)) }
            var losses = 0.5 * (v.log() + (input - target).pow(2) / v)
            if full { losses = losses.add_(0.9189385332046727) }  // 0.5 * log(2 pi), as Python rounds it
            return reduced(losses, kind)
        }
    }

    /// ``gaussianNLLLoss(_:_:variance:full:eps:reduction:)`` with one variance for every element
    /// (`var` given as a float).
    public static func gaussianNLLLoss(_ input: Tensor, _ target: Tensor, variance: Double, full: Bool = false,
                                       eps: Double = 1e-6, reduction: LossReduction = .mean) -> Tensor {
        attempt {
            guard variance >= 0 else { throw TensorError.value("var has negative entry/entries") }
            return gaussianNLLLoss(input, target, variance: variance * Tensor.ones(like: input), full: full, eps: eps,
                                   reduction: reduction)
        }
    }
}

// MARK: - Modules

/// The mean squared error between an input and a target (PyTorch's `nn.MSELoss`).
open class MSELoss: Loss {
    /// `F.mse_loss(input, target, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.mseLoss(input, target, reduction: reduction)
    }
}

/// The mean absolute error between an input and a target (PyTorch's `nn.L1Loss`).
open class L1Loss: Loss {
    /// `F.l1_loss(input, target, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.l1Loss(input, target, reduction: reduction)
    }
}

/// The smooth L1 loss: quadratic below `beta`, linear above (PyTorch's `nn.SmoothL1Loss`).
open class SmoothL1Loss: Loss {
    /// Where the loss turns from quadratic to linear (`beta`).
    public let beta: Double

    /// A loss (`nn.SmoothL1Loss(reduction='mean', beta=1.0)`).
    public init(reduction: LossReduction = .mean, beta: Double = 1) {
        self.beta = beta
        super.init(reduction: reduction)
    }

    /// `F.smooth_l1_loss(input, target, reduction, beta)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.smoothL1Loss(input, target, reduction: reduction, beta: beta)
    }
}

/// The Huber loss: quadratic below `delta`, linear with slope `delta` above (PyTorch's
/// `nn.HuberLoss`).
open class HuberLoss: Loss {
    /// Where the loss turns from quadratic to linear (`delta`).
    public let delta: Double

    /// A loss (`nn.HuberLoss(reduction='mean', delta=1.0)`).
    public init(reduction: LossReduction = .mean, delta: Double = 1) {
        self.delta = delta
        super.init(reduction: reduction)
    }

    /// `F.huber_loss(input, target, reduction, delta)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.huberLoss(input, target, reduction: reduction, delta: delta)
    }
}

/// The negative log likelihood of Poisson-distributed targets (PyTorch's `nn.PoissonNLLLoss`).
open class PoissonNLLLoss: Loss {
    /// Whether the input is the log of the rate (`log_input`).
    public let logInput: Bool
    /// Whether Stirling's term is added (`full`).
    public let full: Bool
    /// Keeps `log(input + eps)` finite when the input is the rate itself (`eps`).
    public let eps: Double

    /// A loss (`nn.PoissonNLLLoss(log_input=True, full=False, eps=1e-8, reduction='mean')`).
    public init(logInput: Bool = true, full: Bool = false, eps: Double = 1e-8, reduction: LossReduction = .mean) {
        self.logInput = logInput
        self.full = full
        self.eps = eps
        super.init(reduction: reduction)
    }

    /// `F.poisson_nll_loss(input, target, log_input, full, eps, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.poissonNLLLoss(input, target, logInput: logInput, full: full, eps: eps, reduction: reduction)
    }
}

/// The negative log likelihood of targets drawn from Gaussians with the input as mean and a
/// given variance (PyTorch's `nn.GaussianNLLLoss`).
open class GaussianNLLLoss: Loss {
    /// Whether the constant `0.5 log(2 pi)` is added (`full`).
    public let full: Bool
    /// The smallest variance used (`eps`).
    public let eps: Double

    /// A loss (`nn.GaussianNLLLoss(full=False, eps=1e-6, reduction='mean')`).
    public init(full: Bool = false, eps: Double = 1e-6, reduction: LossReduction = .mean) {
        self.full = full
        self.eps = eps
        super.init(reduction: reduction)
    }

    /// `F.gaussian_nll_loss(input, target, var, full, eps, reduction)`.
    open func forward(_ input: Tensor, _ target: Tensor, _ variance: Tensor) -> Tensor {
        Functional.gaussianNLLLoss(input, target, variance: variance, full: full, eps: eps, reduction: reduction)
    }

    /// `loss(input, target, var)`, with the module's hooks.
    public func callAsFunction(_ input: Tensor, _ target: Tensor, _ variance: Tensor) -> Tensor {
        callWithOneOutput([input, target, variance]) { x in forward(x[0], x[1], x[2]) }
    }
}
