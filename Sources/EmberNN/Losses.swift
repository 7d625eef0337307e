import EmberCore

// MARK: - Reduction

/// How a loss combines its per-element values (PyTorch's `reduction='mean'|'sum'|'none'`, and
/// `'batchmean'` for `KLDivLoss`).
public enum LossReduction: PyTorchStringOption {
    /// No reduction: the loss of every element (`reduction='none'`).
    case none
    /// The mean over all elements (`reduction='mean'`, the default).
    case mean
    /// The sum over all elements (`reduction='sum'`).
    case sum
    /// The sum divided by the batch size (`reduction='batchmean'`). Only ``KLDivLoss`` and
    /// ``Functional/klDiv(_:_:reduction:logTarget:)`` take it; every other loss fails with
    /// PyTorch's "batchmean is not a valid value for reduction", as PyTorch's do.
    case batchmean
    /// A string that names no reduction; the loss fails with PyTorch's message.
    case unrecognized(String)

    /// PyTorch's string for each option.
    public static let spellings: [(option: Self, name: String)] = [
        (.none, "none"), (.mean, "mean"), (.sum, "sum"), (.batchmean, "batchmean"),
    ]

    /// The core's spelling of this reduction, or PyTorch's error (`_Reduction.get_enum`) for one
    /// that a loss other than KL divergence cannot take.
    func checked() throws(TensorError) -> Tensor.LossReductionKind {
        switch self {
        case .none: .none
        case .mean: .mean
        case .sum: .sum
        case .batchmean, .unrecognized: throw TensorError.value("\(self) is not a valid value for reduction")
        }
    }
}

// MARK: - Functional forms

/// The functional forms of the layers and losses (PyTorch's `torch.nn.functional`, `F`).
public enum Functional {
    /// The per-element losses combined as `reduction` says (PyTorch's `apply_loss_reduction`), or
    /// PyTorch's error for a reduction the loss cannot take.
    static func reduced(_ losses: Tensor, _ reduction: LossReduction) throws(TensorError) -> Tensor {
        switch try reduction.checked() {
        case .mean: losses.mean()
        case .sum: losses.sum()
        case .none: losses
        }
    }

    /// `losses` reduced by an already checked reduction.
    static func reduced(_ losses: Tensor, _ kind: Tensor.LossReductionKind) -> Tensor {
        switch kind {
        case .mean: losses.mean()
        case .sum: losses.sum()
        case .none: losses
        }
    }

    /// A float as C++'s `operator<<` prints it in PyTorch's messages (`2`, `1.5`).
    static func cppDouble(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
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

    /// The buffer registered under `name`, or `nil` (a weighted loss's `weight`).
    func buffer(named name: String) -> Tensor? { registeredBuffers[name] ?? nil }

    /// `loss(input, target)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        callWithOneOutput([input, target]) { x in forward(x[0], x[1]) }
    }
}

/// The base of the losses of two inputs against a target (PyTorch's `_Loss` subclasses
/// `CosineEmbeddingLoss` and `MarginRankingLoss`): a ``margin`` and a three-argument
/// ``forward(_:_:_:)`` that subclasses override.
open class MarginLoss: Loss {
    /// The margin (`margin`).
    public let margin: Double

    /// A loss with the given margin and reduction.
    public init(margin: Double = 0, reduction: LossReduction = .mean) {
        self.margin = margin
        super.init(reduction: reduction)
    }

    /// The loss of `input1` and `input2` against `target`; subclasses override it.
    open func forward(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor { missingForward() }

    /// `loss(input1, input2, target)`.
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor {
        callWithOneOutput([input1, input2, target]) { x in forward(x[0], x[1], x[2]) }
    }
}
