import EmberCore

// MARK: - Local response normalization

extension Functional {
    /// Local response normalization across channels (`F.local_response_norm(input, size,
    /// alpha=1e-4, beta=0.75, k=1.0)`): each element divided by `(k + alpha / size * s)^beta`,
    /// `s` the sum of squares over the `size` channels around it (zeros past the ends), as
    /// PyTorch composes it: the squares padded along the channels and average-pooled by a
    /// `size x 1` window. Input `[N, C, ...]` with at least one dim after the channels; the result
    /// is recorded as `DivBackward0`.
    public static func localResponseNorm(_ input: Tensor, size: Int, alpha: Double = 1e-4, beta: Double = 0.75,
                                         k: Double = 1) -> Tensor {
        attempt {
            guard input.dim >= 3 else {
                // PyTorch's message keeps the indentation of its continued source line.
                throw TensorError.value(
                    "Expected 3D or higher dimensionality                          input (got \(input.dim) dimensions)")
            }
            if input.numel == 0 { return input }
            let sizes = input.shape
            // [N, 1, C, rest]: PyTorch's unsqueeze(1) for 3-D input, and its view for more dims,
            // whose pool3d over (size, 1, 1) is this pool2d over (size, 1) of the flattened rest.
            let squares = (input * input).reshape([sizes[0], 1, sizes[1], input.numel / (sizes[0] * sizes[1])])
            let before = size / 2, after = size > 0 ? (size - 1) / 2 : (size - 2) / 2  // Python's floor division
            let average = squares.pad([0, 0, before, after]).avgPool2d(kernelSize: [size, 1], stride: [1]).reshape(sizes)
            return input / (average * alpha + k).pow(beta)
        }
    }
}

/// Local response normalization across channels (PyTorch's `nn.LocalResponseNorm`), as in
/// AlexNet: see `Functional.localResponseNorm(_:size:alpha:beta:k:)`. No parameters.
open class LocalResponseNorm: Module {
    /// The number of neighbouring channels summed over (`size`).
    public let size: Int
    /// The multiplicative factor (`alpha`).
    public let alpha: Double
    /// The exponent (`beta`).
    public let beta: Double
    /// The additive factor (`k`).
    public let k: Double

    /// The layer (`nn.LocalResponseNorm(size, alpha=0.0001, beta=0.75, k=1.0)`).
    public init(_ size: Int, alpha: Double = 1e-4, beta: Double = 0.75, k: Double = 1) {
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.k = k
        super.init()
    }

    /// `F.local_response_norm(input, size, alpha, beta, k)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.localResponseNorm(input, size: size, alpha: alpha, beta: beta, k: k)
    }

    /// `3, alpha=0.0001, beta=0.75, k=1.0`.
    open override var extraRepr: String { "\(size), alpha=\(alpha), beta=\(beta), k=\(k)" }
}
