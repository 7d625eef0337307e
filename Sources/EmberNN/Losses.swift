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
            if case .unrecognized(let name) = reduction {
                throw TensorError.value("\(name) is not a valid value for reduction")
            }
            let squared = withNoGrad { (input - target).square() }
            let loss = withNoGrad {
                switch reduction {
                case .sum: squared.sum()
                case .mean: squared.mean()
                default: squared
                }
            }
            if Tensor.recording([input, target]) {
                Tensor.recordMSELoss(input, target, loss: loss, reduction: reduction.coreReduction)
            }
            return loss
        }
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

/// The mean squared error between an input and a target (PyTorch's `nn.MSELoss`).
open class MSELoss: Module {
    /// How the per-element losses are combined.
    public let reduction: LossReduction

    /// A loss with the given reduction (`nn.MSELoss(reduction='mean')`).
    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        super.init()
    }

    /// `F.mse_loss(input, target, reduction)`.
    open func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.mseLoss(input, target, reduction: reduction)
    }

    /// `loss(input, target)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor { forward(input, target) }
}
