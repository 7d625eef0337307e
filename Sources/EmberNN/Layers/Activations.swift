import EmberCore

// MARK: - Activations
//
// Each layer runs the tensor method of the same name, which holds the op's one implementation;
// the layer adds its settings and PyTorch's printed form.

/// `max(0, x)` element-wise (PyTorch's `nn.ReLU`).
open class ReLU: Module {
    /// Whether the layer overwrites its input (`inplace`).
    public let inplace: Bool
    /// The layer (`nn.ReLU(inplace=False)`).
    public init(inplace: Bool = false) {
        self.inplace = inplace
        super.init()
    }
    /// `Functional.relu(input, inplace:)`.
    open override func forward(_ input: Tensor) -> Tensor { Functional.relu(input, inplace: inplace) }
    /// `inplace=True` when set, else nothing.
    open override var extraRepr: String { inplace ? "inplace=True" : "" }
}

/// The input unchanged (PyTorch's `nn.Identity`), a placeholder for a layer taken out.
open class Identity: Module {
    /// The layer.
    public override init() { super.init() }
    /// `input`.
    open override func forward(_ input: Tensor) -> Tensor { input }
}

/// Flattens the dims from `startDim` to `endDim` into one (PyTorch's `nn.Flatten`); by default
/// every dim but the batch's.
open class Flatten: Module {
    /// The first dim flattened (`start_dim`).
    public let startDim: Int
    /// The last dim flattened (`end_dim`).
    public let endDim: Int
    /// The layer (`nn.Flatten(start_dim=1, end_dim=-1)`).
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }
    /// `input.flatten(startDim:endDim:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: startDim, endDim: endDim) }
    /// `start_dim=1, end_dim=-1`.
    open override var extraRepr: String { "start_dim=\(startDim), end_dim=\(endDim)" }
}

/// Splits dim `dim` into the dims `unflattenedSize` (PyTorch's `nn.Unflatten`), the inverse of
/// ``Flatten``; one size may be -1.
open class Unflatten: Module {
    /// The dim split (`dim`).
    public let dim: Int
    /// The sizes it is split into (`unflattened_size`).
    public let unflattenedSize: [Int]
    /// The layer (`nn.Unflatten(dim, unflattened_size)`).
    public init(dim: Int, unflattenedSize: [Int]) {
        self.dim = dim
        self.unflattenedSize = unflattenedSize
        super.init()
    }
    /// `input.unflatten(dim:sizes:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.unflatten(dim: dim, sizes: unflattenedSize) }
    /// `dim=1, unflattened_size=(2, 3)`.
    open override var extraRepr: String {
        "dim=\(dim), unflattened_size=\(pythonTuple(unflattenedSize))"
    }
}

/// `x` where positive, `negativeSlope * x` elsewhere (PyTorch's `nn.LeakyReLU`).
open class LeakyReLU: Module {
    /// The slope for negative inputs (`negative_slope`).
    public let negativeSlope: Double
    /// The layer (`nn.LeakyReLU(negative_slope=0.01)`).
    public init(negativeSlope: Double = 0.01) {
        self.negativeSlope = negativeSlope
        super.init()
    }
    /// `input.leakyRelu(negativeSlope:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.leakyRelu(negativeSlope: negativeSlope) }
    /// `negative_slope=0.01`.
    open override var extraRepr: String { "negative_slope=\(negativeSlope)" }
}

/// The Gaussian error linear unit (PyTorch's `nn.GELU`), exact or with the tanh approximation.
open class GELU: Module {
    /// The formula (`approximate`).
    public let approximate: Tensor.GeluApproximation
    /// The layer (`nn.GELU(approximate='none')`).
    public init(approximate: Tensor.GeluApproximation = .none) {
        self.approximate = approximate
        super.init()
    }
    /// `input.gelu(approximate:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.gelu(approximate: approximate) }
    /// `approximate='none'`.
    open override var extraRepr: String { "approximate='\(approximate)'" }
}

/// `x * sigmoid(x)` (PyTorch's `nn.SiLU`).
open class SiLU: Module {
    /// Whether the layer overwrites its input (`inplace`).
    public let inplace: Bool
    /// The layer (`nn.SiLU(inplace=False)`).
    public init(inplace: Bool = false) {
        self.inplace = inplace
        super.init()
    }
    /// `Functional.silu(input, inplace:)`.
    open override func forward(_ input: Tensor) -> Tensor { Functional.silu(input, inplace: inplace) }
    /// `inplace=True` when set, else nothing.
    open override var extraRepr: String { inplace ? "inplace=True" : "" }
}

/// `x * tanh(softplus(x))` (PyTorch's `nn.Mish`).
open class Mish: Module {
    /// Whether the layer overwrites its input (`inplace`).
    public let inplace: Bool
    /// The layer (`nn.Mish(inplace=False)`).
    public init(inplace: Bool = false) {
        self.inplace = inplace
        super.init()
    }
    /// `Functional.mish(input, inplace:)`.
    open override func forward(_ input: Tensor) -> Tensor { Functional.mish(input, inplace: inplace) }
    /// `inplace=True` when set, else nothing.
    open override var extraRepr: String { inplace ? "inplace=True" : "" }
}

/// `1 / (1 + exp(-x))` (PyTorch's `nn.Sigmoid`).
open class Sigmoid: Module {
    /// The layer.
    public override init() { super.init() }
    /// `input.sigmoid()`.
    open override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// The hyperbolic tangent (PyTorch's `nn.Tanh`).
open class Tanh: Module {
    /// The layer.
    public override init() { super.init() }
    /// `input.tanh()`.
    open override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// Softmax along `dim` (PyTorch's `nn.Softmax`).
open class Softmax: Module {
    /// The dim the values of each slice sum to one along.
    public let dim: Int
    /// The layer (`nn.Softmax(dim)`).
    public init(dim: Int) {
        self.dim = dim
        super.init()
    }
    /// `input.softmax(dim:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.softmax(dim: dim) }
    /// `dim=1`.
    open override var extraRepr: String { "dim=\(dim)" }
}

/// Softmin along `dim` (PyTorch's `nn.Softmin`): the softmax of the negated input.
open class Softmin: Module {
    /// The dim the values of each slice sum to one along.
    public let dim: Int
    /// The layer (`nn.Softmin(dim)`).
    public init(dim: Int) {
        self.dim = dim
        super.init()
    }
    /// `F.softmin(input, dim)`.
    open override func forward(_ input: Tensor) -> Tensor { Functional.softmin(input, dim: dim) }
    /// `dim=1`.
    open override var extraRepr: String { "dim=\(dim)" }
}

/// Softmax over the channels of each position of a `(N, C, H, W)` or `(C, H, W)` input
/// (PyTorch's `nn.Softmax2d`).
open class Softmax2d: Module {
    /// The layer (`nn.Softmax2d()`).
    public override init() { super.init() }
    /// `F.softmax(input, -3)`; PyTorch's ValueError for an input that is not 3-D or 4-D.
    open override func forward(_ input: Tensor) -> Tensor {
        attempt {
            guard input.dim == 3 || input.dim == 4 else {
                throw TensorError.value("Softmax2d: expected input to be 3D or 4D, got \(input.dim)D instead")
            }
            return input.softmax(dim: -3)
        }
    }
}

/// Log-softmax along `dim` (PyTorch's `nn.LogSoftmax`).
open class LogSoftmax: Module {
    /// The dim the softmax is taken along.
    public let dim: Int
    /// The layer (`nn.LogSoftmax(dim)`).
    public init(dim: Int) {
        self.dim = dim
        super.init()
    }
    /// `input.logSoftmax(dim:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.logSoftmax(dim: dim) }
    /// `dim=1`.
    open override var extraRepr: String { "dim=\(dim)" }
}

/// `x` where positive, `alpha * (exp(x) - 1)` elsewhere (PyTorch's `nn.ELU`).
open class ELU: Module {
    /// The scale of the negative part (`alpha`).
    public let alpha: Double
    /// The layer (`nn.ELU(alpha=1.0)`).
    public init(alpha: Double = 1) {
        self.alpha = alpha
        super.init()
    }
    /// `input.elu(alpha:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.elu(alpha: alpha) }
    /// `alpha=1.0`.
    open override var extraRepr: String { "alpha=\(alpha)" }
}

/// `log(1 + exp(beta * x)) / beta`, linear above `threshold` (PyTorch's `nn.Softplus`).
open class Softplus: Module {
    /// The sharpness (`beta`).
    public let beta: Double
    /// Where the layer turns linear (`threshold`).
    public let threshold: Double
    /// The layer (`nn.Softplus(beta=1.0, threshold=20.0)`).
    public init(beta: Double = 1, threshold: Double = 20) {
        self.beta = beta
        self.threshold = threshold
        super.init()
    }
    /// `input.softplus(beta:threshold:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.softplus(beta: beta, threshold: threshold) }
    /// `beta=1.0, threshold=20.0`.
    open override var extraRepr: String { "beta=\(beta), threshold=\(threshold)" }
}

/// `x` clamped to `[minValue, maxValue]` (PyTorch's `nn.Hardtanh`).
open class Hardtanh: Module {
    /// The lower bound (`min_val`).
    public let minValue: Double
    /// The upper bound (`max_val`).
    public let maxValue: Double
    /// The layer (`nn.Hardtanh(min_val=-1.0, max_val=1.0)`).
    public init(minValue: Double = -1, maxValue: Double = 1) {
        self.minValue = minValue
        self.maxValue = maxValue
        super.init()
    }
    /// `input.hardtanh(minValue:maxValue:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.hardtanh(minValue: minValue, maxValue: maxValue) }
    /// `min_val=-1.0, max_val=1.0`.
    open override var extraRepr: String { "min_val=\(minValue), max_val=\(maxValue)" }
}
