import EmberCore

// MARK: - Dropout

// Note [Dropout noise]
// Every dropout form is PyTorch's `_dropout_impl`, so that after the same `manualSeed` it drops
// what PyTorch drops: a noise tensor of the input's dtype (the input's shape, or `[N, C, 1, ...]`
// for the channel-wise forms) filled by `bernoulli_(1 - p)`, then either divided by `1 - p`
// (dropout) or turned into alpha dropout's affine pair (`b = (noise - 1) * alpha a + alpha a p`,
// `noise *= a`, with alpha the SELU saturation value); the result is `input * noise` (plus `b`),
// recorded as `MulBackward0` (and `AddBackward0`). Not training, `p == 0` or an empty input give
// `input` itself; `p == 1` gives `input * 0`. `inplace` multiplies `input` in place.

extension Functional {
    /// Zeroes each element with probability `p` and scales the rest by `1 / (1 - p)`
    /// (`F.dropout(input, p=0.5, training=True, inplace=False)`); see Note [Dropout noise].
    public static func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false) -> Tensor {
        attempt { try dropoutNoise(input, p: p, training: training, inplace: inplace, channelWise: false, alpha: false) }
    }

    /// Alpha dropout (`F.alpha_dropout(input, p=0.5, training=False, inplace=False)`): dropped
    /// elements take SELU's negative saturation value and the result is rescaled so that a
    /// zero-mean, unit-variance input keeps its mean and variance. Note PyTorch's default of
    /// `training: false`. See Note [Dropout noise].
    public static func alphaDropout(_ input: Tensor, p: Double = 0.5, training: Bool = false, inplace: Bool = false) -> Tensor {
        attempt { try dropoutNoise(input, p: p, training: training, inplace: inplace, channelWise: false, alpha: true) }
    }

    /// Alpha dropout of whole channels (`F.feature_alpha_dropout(input, p=0.5, training=False,
    /// inplace=False)`): one draw per `input[n, c]`.
    public static func featureAlphaDropout(_ input: Tensor, p: Double = 0.5, training: Bool = false,
                                           inplace: Bool = false) -> Tensor {
        attempt { try dropoutNoise(input, p: p, training: training, inplace: inplace, channelWise: true, alpha: true) }
    }

    /// Zeroes whole channels of a `(N, C, L)` or unbatched `(C, L)` input
    /// (`F.dropout1d(input, p=0.5, training=True, inplace=False)`); PyTorch's RuntimeError for
    /// another rank.
    public static func dropout1d(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false) -> Tensor {
        attempt {
            try checkProbability(p)
            guard input.dim == 2 || input.dim == 3 else {
                throw TensorError.runtime(
                    "dropout1d: Expected 2D or 3D input, but received a \(input.dim)D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).")
            }
            return try channelDropout(input, p: p, training: training, inplace: inplace, batched: input.dim == 3)
        }
    }

    /// Zeroes whole channels, `input[n, c]`, of an `(N, C, H, W)` input
    /// (`F.dropout2d(input, p=0.5, training=True, inplace=False)`). As PyTorch does today (with a
    /// warning there), an input of another rank is taken as batched: a 3-D input is `(N, C, L)`.
    public static func dropout2d(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false) -> Tensor {
        attempt { try dropoutNoise(input, p: p, training: training, inplace: inplace, channelWise: true, alpha: false) }
    }

    /// Zeroes whole channels of an `(N, C, D, H, W)` or unbatched `(C, D, H, W)` input
    /// (`F.dropout3d(input, p=0.5, training=True, inplace=False)`); as in PyTorch (which warns),
    /// any rank but 5 is taken as unbatched.
    public static func dropout3d(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false) -> Tensor {
        attempt {
            try checkProbability(p)
            return try channelDropout(input, p: p, training: training, inplace: inplace, batched: input.dim == 5)
        }
    }

    // MARK: Implementation

    private static func checkProbability(_ p: Double) throws(TensorError) {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
        }
    }

    /// Channel-wise dropout of a batched input, or of an unbatched one given a batch dim of 1
    /// (PyTorch's `unsqueeze(0)` ... `squeeze(0)`; in place, the noise is squeezed instead).
    private static func channelDropout(_ input: Tensor, p: Double, training: Bool, inplace: Bool,
                                       batched: Bool) throws(TensorError) -> Tensor {
        if batched {
            return try dropoutNoise(input, p: p, training: training, inplace: inplace, channelWise: true, alpha: false)
        }
        if inplace {
            return try dropoutNoise(input, p: p, training: training, inplace: true, channelWise: true, alpha: false,
                                    unbatched: true)
        }
        let result = try dropoutNoise(input.unsqueeze(dim: 0), p: p, training: training, inplace: false,
                                      channelWise: true, alpha: false)
        return result.squeeze(dim: 0)
    }

    /// PyTorch's `_dropout_impl` (see Note [Dropout noise]). `unbatched` draws the noise of
    /// `input.unsqueeze(0)` and applies it without the batch dim.
    private static func dropoutNoise(_ input: Tensor, p: Double, training: Bool, inplace: Bool, channelWise: Bool,
                                     alpha: Bool, unbatched: Bool = false) throws(TensorError) -> Tensor {
        try checkProbability(p)
        if p == 0 || !training || input.numel == 0 { return input }
        if p == 1 {
            let zero = Tensor.zeros([], dtype: input.dtype, device: input.device)
            return inplace ? input.mul_(zero) : input * zero
        }
        var noise: Tensor
        if channelWise {
            let shape = unbatched ? [1] + input.shape : input.shape
            guard shape.count >= 2 else {
                throw TensorError.runtime("Feature dropout requires at least 2 dimensions in the input")
            }
            noise = Tensor.empty([shape[0], shape[1]] + Array(repeating: 1, count: shape.count - 2),
                                 dtype: input.dtype, device: input.device)
        } else {
            noise = Tensor.empty(like: input)  // keeps a dense input's dim order, as empty_like does
        }
        noise.bernoulli_(p: 1 - p)
        if unbatched { noise = noise.squeeze(dim: 0) }
        guard alpha else {
            noise.div_(1 - p)
            return inplace ? input.mul_(noise) : input * noise
        }
        let selu = 1.7580993408473766
        let a = 1 / ((selu * selu * p + 1) * (1 - p)).squareRoot()
        let b = (noise + -1).mul_(selu * a).add_(selu * a * p)
        noise.mul_(a)
        return inplace ? input.mul_(noise).add_(b) : (input * noise).add_(b)
    }
}

// MARK: - Layers

/// What the dropout layers share: the probability and whether the input is overwritten,
/// checked as PyTorch's `_DropoutNd` checks them.
open class DropoutLayer: Module {
    /// The probability of zeroing an element or channel (`p`).
    public let p: Double
    /// Whether the input is overwritten (`inplace`).
    public let inplace: Bool

    /// The layer; fails with PyTorch's ValueError for `p` outside [0, 1].
    public init(p: Double = 0.5, inplace: Bool = false) {
        attemptVoid {
            guard p >= 0 && p <= 1 else {
                throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
            }
        }
        self.p = p
        self.inplace = inplace
        super.init()
    }

    /// `p=0.5, inplace=False`.
    open override var extraRepr: String { "p=\(p), inplace=\(inplace ? "True" : "False")" }
}

/// Zeroes random elements in training (PyTorch's `nn.Dropout`): each with probability `p`, the
/// others scaled by `1 / (1 - p)`; the identity in evaluation mode. See ``Functional/dropout(_:p:training:inplace:)``.
open class Dropout: DropoutLayer {
    /// `F.dropout(input, p, training, inplace)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.dropout(input, p: p, training: isTraining, inplace: inplace)
    }
}

/// Zeroes whole channels of `(N, C, L)` or `(C, L)` inputs in training (PyTorch's `nn.Dropout1d`).
open class Dropout1d: DropoutLayer {
    /// `F.dropout1d(input, p, training, inplace)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.dropout1d(input, p: p, training: isTraining, inplace: inplace)
    }
}

/// Zeroes whole channels of `(N, C, H, W)` inputs in training (PyTorch's `nn.Dropout2d`).
open class Dropout2d: DropoutLayer {
    /// `F.dropout2d(input, p, training, inplace)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.dropout2d(input, p: p, training: isTraining, inplace: inplace)
    }
}

/// Zeroes whole channels of `(N, C, D, H, W)` or `(C, D, H, W)` inputs in training (PyTorch's
/// `nn.Dropout3d`).
open class Dropout3d: DropoutLayer {
    /// `F.dropout3d(input, p, training, inplace)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.dropout3d(input, p: p, training: isTraining, inplace: inplace)
    }
}

/// Alpha dropout in training, for SELU networks (PyTorch's `nn.AlphaDropout`).
open class AlphaDropout: DropoutLayer {
    /// `F.alpha_dropout(input, p, training)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.alphaDropout(input, p: p, training: isTraining, inplace: inplace)
    }
}

/// Alpha dropout of whole channels in training (PyTorch's `nn.FeatureAlphaDropout`).
open class FeatureAlphaDropout: DropoutLayer {
    /// `F.feature_alpha_dropout(input, p, training)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.featureAlphaDropout(input, p: p, training: isTraining, inplace: inplace)
    }
}
