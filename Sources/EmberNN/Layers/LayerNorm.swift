import EmberCore

// MARK: - Layer normalization

extension Functional {
    /// Layer normalization over the trailing dims `normalizedShape` names (`F.layer_norm(input,
    /// normalized_shape, weight, bias, eps)`), recorded as `NativeLayerNormBackward0`; see
    /// `Tensor.layerNorm(normalizedShape:weight:bias:eps:)`.
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Double = 1e-5) -> Tensor {
        input.layerNorm(normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }
}

/// Normalizes each sample over its trailing dims (PyTorch's `nn.LayerNorm`): zero mean and unit
/// (biased) variance, then an element-wise affine map whose `weight` starts at ones and `bias`
/// at zeros.
open class LayerNorm: Module {
    /// The trailing dims normalized over (`normalized_shape`).
    public let normalizedShape: [Int]
    /// Added to the variance for numerical stability (`eps`).
    public let eps: Double
    /// Whether the layer has a learnable `weight` (and, with `bias`, a `bias`) (`elementwise_affine`).
    public let elementwiseAffine: Bool
    /// The learnable scale, shaped `normalizedShape`; `nil` without `elementwiseAffine`.
    public var weight: Parameter?
    /// The learnable shift, shaped `normalizedShape`; `nil` without `elementwiseAffine` or `bias`.
    public var bias: Parameter?

    /// The layer (`nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)`).
    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
                dtype: DType = .float32, device: Device = .cpu) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        if elementwiseAffine {
            weight = Parameter(Tensor.empty(normalizedShape, dtype: dtype, device: device))
            self.bias = bias ? Parameter(Tensor.empty(normalizedShape, dtype: dtype, device: device)) : nil
        }
        super.init()
        resetParameters()
    }

    /// The layer over one trailing dim of size `normalizedShape` (`nn.LayerNorm(4)`).
    public convenience init(_ normalizedShape: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true,
                            bias: Bool = true, dtype: DType = .float32, device: Device = .cpu) {
        self.init([normalizedShape], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias, dtype: dtype,
                  device: device)
    }

    /// Sets `weight` to ones and `bias` to zeros (`reset_parameters`).
    open func resetParameters() {
        if let weight { Init.ones_(weight) }
        if let bias { Init.zeros_(bias) }
    }

    /// `F.layer_norm(input, normalized_shape, weight, bias, eps)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    /// `(4,), eps=1e-05, elementwise_affine=True, bias=True`.
    open override var extraRepr: String {
        "\(pythonTuple(normalizedShape)), eps=\(eps), elementwise_affine=\(elementwiseAffine ? "True" : "False"), "
            + "bias=\(bias == nil ? "False" : "True")"
    }
}
