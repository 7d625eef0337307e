import EmberCore

// MARK: - Group normalization

extension Functional {
    /// Group normalization (`F.group_norm(input, num_groups, weight, bias, eps)`): PyTorch's
    /// checks, then `Tensor.groupNorm(numGroups:weight:bias:eps:)`, recorded as
    /// `NativeGroupNormBackward0`.
    public static func groupNorm(_ input: Tensor, numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Double = 1e-5) -> Tensor {
        attempt {
            guard input.dim >= 2 else {
                throw TensorError.runtime("Expected at least 2 dimensions for input tensor but received \(input.dim)")
            }
            // Python divides by zero groups (a `ZeroDivisionError`); the core op's check reports it here.
            if numGroups != 0 {
                let size = [input.shape[0] * pythonFloorDivide(input.shape[1], numGroups), numGroups]
                    + input.shape.dropFirst(2)
                try verifyBatchSize(size, printed: "[" + size.map(String.init).joined(separator: ", ") + "]")
            }
            return input.groupNorm(numGroups: numGroups, weight: weight, bias: bias, eps: eps)
        }
    }

    /// Python's `a // b`, rounded towards minus infinity.
    private static func pythonFloorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// Normalizes each sample's channels in groups (PyTorch's `nn.GroupNorm`): the `numChannels`
/// channels are split into `numGroups` groups, each normalized with its own mean and biased
/// variance over the group's channels and spatial dims, then scaled and shifted per channel by
/// `weight` (ones) and `bias` (zeros). The same in training and evaluation mode.
open class GroupNorm: Module {
    /// The number of groups the channels are split into (`num_groups`).
    public let numGroups: Int
    /// The number of channels, `C` of an input `(N, C, ...)` (`num_channels`).
    public let numChannels: Int
    /// Added to the variance for numerical stability (`eps`).
    public let eps: Double
    /// Whether the layer has a learnable `weight` and `bias` (`affine`).
    public let affine: Bool
    /// The learnable per-channel scale; `nil` without `affine`.
    public var weight: Parameter?
    /// The learnable per-channel shift; `nil` without `affine` or `bias`.
    public var bias: Parameter?

    /// The layer (`nn.GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, bias=True)`).
    /// `numChannels` must be divisible by `numGroups` (a `ValueError` otherwise, as in PyTorch).
    public init(_ numGroups: Int, _ numChannels: Int, eps: Double = 1e-5, affine: Bool = true, bias: Bool = true,
                dtype: DType = .float32, device: Device = .cpu) {
        attemptVoid {
            // Python's `ZeroDivisionError` for zero groups is reported as the `ValueError`.
            if numGroups == 0 || numChannels % numGroups != 0 {
                throw TensorError.value("num_channels (\(numChannels)) must be divisible by num_groups (\(numGroups))")
            }
        }
        self.numGroups = numGroups
        self.numChannels = numChannels
        self.eps = eps
        self.affine = affine
        if affine {
            weight = Parameter(Tensor.empty([numChannels], dtype: dtype, device: device))
            self.bias = bias ? Parameter(Tensor.empty([numChannels], dtype: dtype, device: device)) : nil
        }
        super.init()
        resetParameters()
    }

    /// Sets `weight` to ones and `bias` to zeros (`reset_parameters`).
    open func resetParameters() {
        if let weight { Init.ones_(weight) }
        if let bias { Init.zeros_(bias) }
    }

    /// `F.group_norm(input, num_groups, weight, bias, eps)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.groupNorm(input, numGroups: numGroups, weight: weight, bias: bias, eps: eps)
    }

    /// `2, 4, eps=1e-05, affine=True, bias=True`.
    open override var extraRepr: String {
        "\(numGroups), \(numChannels), eps=\(eps), affine=\(pythonBool(affine)), bias=\(pythonBool(bias != nil))"
    }
}
