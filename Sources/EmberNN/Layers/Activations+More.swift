import EmberCore

// MARK: - More activations
//
// Layers over the activations of Tensor+Activations.swift (EmberCore), with PyTorch's names,
// settings and printed forms.

/// `min(max(x, 0), 6)` (PyTorch's `nn.ReLU6`).
open class ReLU6: Module {
    /// The layer (`nn.ReLU6()`).
    public override init() { super.init() }
    /// `input.relu6()`.
    open override func forward(_ input: Tensor) -> Tensor { input.relu6() }
}

/// `min(max(x + 3, 0), 6) / 6` (PyTorch's `nn.Hardsigmoid`).
open class Hardsigmoid: Module {
    /// The layer (`nn.Hardsigmoid()`).
    public override init() { super.init() }
    /// `input.hardsigmoid()`.
    open override func forward(_ input: Tensor) -> Tensor { input.hardsigmoid() }
}

/// `x * min(max(x + 3, 0), 6) / 6` (PyTorch's `nn.Hardswish`).
open class Hardswish: Module {
    /// The layer (`nn.Hardswish()`).
    public override init() { super.init() }
    /// `input.hardswish()`.
    open override func forward(_ input: Tensor) -> Tensor { input.hardswish() }
}

/// The scaled exponential linear unit (PyTorch's `nn.SELU`).
open class SELU: Module {
    /// The layer (`nn.SELU()`).
    public override init() { super.init() }
    /// `input.selu()`.
    open override func forward(_ input: Tensor) -> Tensor { input.selu() }
}

/// `max(0, x) + min(0, alpha * (exp(x / alpha) - 1))` (PyTorch's `nn.CELU`).
open class CELU: Module {
    /// The scale of the negative part (`alpha`).
    public let alpha: Double
    /// The layer (`nn.CELU(alpha=1.0)`).
    public init(alpha: Double = 1) {
        self.alpha = alpha
        super.init()
    }
    /// `input.celu(alpha:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.celu(alpha: alpha) }
    /// `alpha=1.0`.
    open override var extraRepr: String { "alpha=\(alpha)" }
}

/// `x / (1 + |x|)` (PyTorch's `nn.Softsign`).
open class Softsign: Module {
    /// The layer (`nn.Softsign()`).
    public override init() { super.init() }
    /// `input.softsign()`.
    open override func forward(_ input: Tensor) -> Tensor { input.softsign() }
}

/// `log(sigmoid(x))` (PyTorch's `nn.LogSigmoid`).
open class LogSigmoid: Module {
    /// The layer (`nn.LogSigmoid()`).
    public override init() { super.init() }
    /// `F.logsigmoid(input)`.
    open override func forward(_ input: Tensor) -> Tensor { Functional.logsigmoid(input) }
}

/// `x - tanh(x)` (PyTorch's `nn.Tanhshrink`).
open class Tanhshrink: Module {
    /// The layer (`nn.Tanhshrink()`).
    public override init() { super.init() }
    /// `input.tanhshrink()`.
    open override func forward(_ input: Tensor) -> Tensor { input.tanhshrink() }
}

/// `x` moved towards zero by `lambd`, zero within `lambd` of it (PyTorch's `nn.Softshrink`).
open class Softshrink: Module {
    /// The half width of the zero band (`lambd`).
    public let lambd: Double
    /// The layer (`nn.Softshrink(lambd=0.5)`).
    public init(lambd: Double = 0.5) {
        self.lambd = lambd
        super.init()
    }
    /// `input.softshrink(lambd:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.softshrink(lambd: lambd) }
    /// `0.5`.
    open override var extraRepr: String { "\(lambd)" }
}

/// `x` outside `[-lambd, lambd]`, zero inside (PyTorch's `nn.Hardshrink`).
open class Hardshrink: Module {
    /// The half width of the zero band (`lambd`).
    public let lambd: Double
    /// The layer (`nn.Hardshrink(lambd=0.5)`).
    public init(lambd: Double = 0.5) {
        self.lambd = lambd
        super.init()
    }
    /// `input.hardshrink(lambd:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.hardshrink(lambd: lambd) }
    /// `0.5`.
    open override var extraRepr: String { "\(lambd)" }
}

/// `value` where `x <= threshold`, `x` elsewhere (PyTorch's `nn.Threshold`).
open class Threshold: Module {
    /// The bound at or below which inputs are replaced (`threshold`).
    public let threshold: Double
    /// What they are replaced with (`value`).
    public let value: Double
    /// The layer (`nn.Threshold(threshold, value)`).
    public init(_ threshold: Double, _ value: Double) {
        self.threshold = threshold
        self.value = value
        super.init()
    }
    /// `input.threshold(_:value:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.threshold(threshold, value: value) }
    /// `threshold=0.1, value=20.0`.
    open override var extraRepr: String { "threshold=\(threshold), value=\(value)" }
}

/// The gated linear unit: the first half of `dim` times the sigmoid of the second (PyTorch's
/// `nn.GLU`).
open class GLU: Module {
    /// The dim halved (`dim`).
    public let dim: Int
    /// The layer (`nn.GLU(dim=-1)`).
    public init(dim: Int = -1) {
        self.dim = dim
        super.init()
    }
    /// `input.glu(dim:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.glu(dim: dim) }
    /// `dim=-1`.
    open override var extraRepr: String { "dim=\(dim)" }
}

/// `x` where positive, a learned `weight * x` elsewhere, one weight or one per channel (PyTorch's
/// `nn.PReLU`).
open class PReLU: Module {
    /// The number of weights: 1, or the input's channel count (`num_parameters`).
    public let numParameters: Int
    /// The slopes of the negative part, `[numParameters]`, initially `init` (`weight`).
    public var weight: Parameter

    /// The layer (`nn.PReLU(num_parameters=1, init=0.25)`).
    public init(numParameters: Int = 1, init initialValue: Double = 0.25, dtype: DType = .float32,
                device: Device = .cpu) {
        self.numParameters = numParameters
        weight = Parameter(Tensor.full([numParameters], .float(initialValue), dtype: dtype, device: device))
        super.init()
    }
    /// `input.prelu(weight:)`.
    open override func forward(_ input: Tensor) -> Tensor { input.prelu(weight: weight) }
    /// `num_parameters=1`.
    open override var extraRepr: String { "num_parameters=\(numParameters)" }
}
