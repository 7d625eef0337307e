import EmberCore

// MARK: - Root mean square normalization

extension Functional {
    /// Root mean square normalization over the trailing dims `normalizedShape` names
    /// (`F.rms_norm(input, normalized_shape, weight, eps)`): `input * rsqrt(mean(input², dims) +
    /// eps) * weight`, with `eps` `nil` meaning the dtype's machine epsilon
    /// (`torch.finfo(input.dtype).eps`). Composed of differentiable ops as PyTorch's CPU
    /// implementation is, so the result's node is `MulBackward0`.
    public static func rmsNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil,
                               eps: Double? = nil) -> Tensor {
        attempt {
            func list(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
            guard !normalizedShape.isEmpty else {
                throw TensorError.runtime(
                    "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []")
            }
            if let weight, weight.shape != normalizedShape {
                throw TensorError.runtime(
                    "Expected weight to be of same shape as normalized_shape, but got weight of shape \(list(weight.shape)) and normalized_shape = \(list(normalizedShape))")
            }
            guard input.dim >= normalizedShape.count, Array(input.shape.suffix(normalizedShape.count)) == normalizedShape
            else {
                throw TensorError.runtime(
                    "Given normalized_shape=\(list(normalizedShape)), expected input with shape [*\(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(list(input.shape))")
            }
            guard input.dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"rms_norm\" not implemented for '\(input.dtype.scalarTypeName)'")
            }
            let dims = Array((input.dim - normalizedShape.count)..<input.dim)
            let eps = eps ?? (input.dtype == .float64 ? Double.ulpOfOne : Double(Float.ulpOfOne))
            let normalized = input * (input.square().mean(dims: dims, keepdim: true) + eps).rsqrt()
            return weight.map { normalized * $0 } ?? normalized
        }
    }
}

/// Normalizes each sample over its trailing dims by their root mean square (PyTorch's
/// `nn.RMSNorm`), then scales element-wise by a learnable `weight` that starts at ones.
open class RMSNorm: Module {
    /// The trailing dims normalized over (`normalized_shape`).
    public let normalizedShape: [Int]
    /// Added to the mean square for numerical stability (`eps`); `nil` uses the input dtype's
    /// machine epsilon (`torch.finfo(x.dtype).eps`).
    public let eps: Double?
    /// Whether the layer has a learnable `weight` (`elementwise_affine`).
    public let elementwiseAffine: Bool
    /// The learnable scale, shaped `normalizedShape`; `nil` without `elementwiseAffine`.
    public var weight: Parameter?

    /// The layer (`nn.RMSNorm(normalized_shape, eps=None, elementwise_affine=True)`).
    public init(_ normalizedShape: [Int], eps: Double? = nil, elementwiseAffine: Bool = true, dtype: DType = .float32,
                device: Device = .cpu) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        if elementwiseAffine { weight = Parameter(Tensor.empty(normalizedShape, dtype: dtype, device: device)) }
        super.init()
        resetParameters()
    }

    /// The layer over one trailing dim of size `normalizedShape` (`nn.RMSNorm(4)`).
    public convenience init(_ normalizedShape: Int, eps: Double? = nil, elementwiseAffine: Bool = true,
                            dtype: DType = .float32, device: Device = .cpu) {
        self.init([normalizedShape], eps: eps, elementwiseAffine: elementwiseAffine, dtype: dtype, device: device)
    }

    /// Sets `weight` to ones (`reset_parameters`).
    open func resetParameters() {
        if let weight { Init.ones_(weight) }
    }

    /// `F.rms_norm(x, normalized_shape, weight, eps)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.rmsNorm(input, normalizedShape: normalizedShape, weight: weight, eps: eps)
    }

    /// `(4,), eps=None, elementwise_affine=True`.
    open override var extraRepr: String {
        "\(pythonTuple(normalizedShape)), eps=\(eps.map { "\($0)" } ?? "None"), "
            + "elementwise_affine=\(pythonBool(elementwiseAffine))"
    }
}
