import EmberCore

// MARK: - Reduction

/// How a loss combines its per-element values (PyTorch's `reduction='mean'|'sum'|'none'`).
public enum LossReduction: PyTorchStringOption {
    /// No reduction: the loss of every element (`reduction='none'`).
    case none
    /// The mean over all elements (`reduction='mean'`, the default).
    case mean
    /// The sum over all elements (`reduction='sum'`).
    case sum
    /// A string that names no reduction; the loss fails with PyTorch's message.
    case unrecognized(String)

    /// PyTorch's string for each option.
    public static let spellings: [(option: Self, name: String)] = [(.none, "none"), (.mean, "mean"), (.sum, "sum")]
}

// MARK: - Functional forms

/// The functional forms of the layers and losses (PyTorch's `torch.nn.functional`, `F`).
public enum Functional {
    /// The mean squared error (`F.mse_loss(input, target, reduction)`), recorded as one
    /// `MseLossBackward0` node; `input` and `target` broadcast.
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let loss = try withNoGrad { try reduced((input - target).square(), reduction) }
            if Tensor.recording([input, target]) {
                Tensor.recordMSELoss(input, target, loss: loss, reduction: reduction.coreReduction)
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

    /// The per-element losses combined as `reduction` says, or PyTorch's error for an unknown one.
    static func reduced(_ losses: Tensor, _ reduction: LossReduction) throws(TensorError) -> Tensor {
        switch reduction {
        case .mean: losses.mean()
        case .sum: losses.sum()
        case .none: losses
        case .unrecognized(let name): throw TensorError.value("\(name) is not a valid value for reduction")
        }
    }
}

extension Functional {
    /// The negative log-likelihood of class indices (`F.nll_loss(input, target, weight,
    /// ignore_index, reduction)`), recorded as one `NllLossBackward0` node.
    ///
    /// `input` holds log-probabilities `[N, C]`, `[C]`, or `[N, C, d1, ...]`; `target` holds the
    /// class of each sample (int64, `[N]`, `[]` or `[N, d1, ...]`). A target equal to
    /// `ignoreIndex` contributes nothing, and a mean divides by the total weight of the targets
    /// that count.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                               reduction: LossReduction = .mean) -> Tensor {
        attempt {
            if case .unrecognized(let name) = reduction {
                throw TensorError.value("\(name) is not a valid value for reduction")
            }
            guard input.dim >= 1, input.dim == target.dim + 1 || (input.dim == 1 && target.dim == 0) else {
                throw TensorError.value("Expected input of rank target's rank + 1 (got input \(input.shape), target \(target.shape))")
            }
            // Samples as rows: [samples, classes], the class dim last.
            let classes = input.dim == 1 ? input.size(0) : input.size(1)
            let rows = input.dim == 1 ? input.reshape(1, classes)
                : input.dim == 2 ? input : input.movedim(1, -1).reshape(-1, classes)
            let labels = target.reshape(-1)
            let valid = labels .!= ignoreIndex
            for (label, counts) in zip(labels.scalars(as: Int64.self), valid.scalars(as: Bool.self)) where counts {
                guard label >= 0 && label < classes else { throw TensorError.index("Target \(label) is out of bounds.") }
            }
            let safe = Tensor.where(valid, labels, 0).unsqueeze(dim: 1)
            let weights = withNoGrad {
                (weight.map { $0.to(input.dtype).indexSelect(dim: 0, index: safe.squeeze(dim: 1)) }
                    ?? Tensor.ones([labels.numel], dtype: input.dtype)) * valid.to(input.dtype)
            }
            let losses = withNoGrad { -rows.gather(dim: 1, index: safe).squeeze(dim: 1) * weights }
            let totalWeight = withNoGrad { weights.sum() }
            let loss = withNoGrad {
                switch reduction {
                case .sum: losses.sum()
                case .mean: losses.sum() / totalWeight
                default: input.dim == 1 ? losses.reshape([]) : losses.reshape(target.shape)
                }
            }
            if Tensor.recording(input) {
                Tensor.recordNLLLoss(input, rows: rows.shape, index: safe, weights: weights, totalWeight: totalWeight,
                                     loss: loss, reduction: reduction.coreReduction)
            }
            return loss
        }
    }

    /// Cross entropy between logits and class indices (`F.cross_entropy(input, target, weight,
    /// ignore_index, reduction)`): `nllLoss` of `logSoftmax` along the class dim (dim 1, or 0
    /// for an unbatched `[C]` input), recorded as `LogSoftmaxBackward0` then `NllLossBackward0`.
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                                    reduction: LossReduction = .mean) -> Tensor {
        nllLoss(input.logSoftmax(dim: input.dim == 1 ? 0 : 1), target, weight: weight, ignoreIndex: ignoreIndex,
                reduction: reduction)
    }
}

extension LossReduction {
    /// The core's spelling of a checked reduction.
    var coreReduction: Tensor.LossReductionKind {
        switch self {
        case .sum: .sum
        case .mean: .mean
        default: .none
        }
    }
}

// MARK: - Loss modules

/// The base of the losses of an input and a target (PyTorch's `_Loss`): the reduction, and a
/// two-argument ``forward(_:_:)`` that subclasses override.
open class Loss: Module {
    /// How the per-element losses are combined.
    public let reduction: LossReduction

    /// A loss with the given reduction.
    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        super.init()
    }

    /// The loss of `input` against `target`; subclasses override it.
    open func forward(_ input: Tensor, _ target: Tensor) -> Tensor { missingForward() }

    /// `loss(input, target)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor { forward(input, target) }
}

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

/// The negative log-likelihood of class indices (PyTorch's `nn.NLLLoss`): takes log-probabilities.
open class NLLLoss: Loss {
    /// Per-class weights, or `nil` for equal weights (`weight`).
    public let weight: Tensor?
    /// A target value that contributes nothing (`ignore_index`).
    public let ignoreIndex: Int

    /// A loss (`nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')`).
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        super.init(reduction: reduction)
    }

    /// `F.nll_loss(input, target, ...)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.nllLoss(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// Cross entropy between logits and class indices (PyTorch's `nn.CrossEntropyLoss`).
open class CrossEntropyLoss: NLLLoss {
    /// `F.cross_entropy(input, target, ...)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.crossEntropy(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}
