import EmberCore

// MARK: - Distances

extension Functional {
    /// The p-norm distance between matching rows of `x1` and `x2` over their last dim
    /// (`F.pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False)`): `norm(x1 - x2 + eps, p)`,
    /// composed as PyTorch composes it (so its node is `NormBackward1`); the inputs broadcast.
    public static func pairwiseDistance(_ x1: Tensor, _ x2: Tensor, p: Double = 2, eps: Double = 1e-6,
                                        keepdim: Bool = false) -> Tensor {
        attempt {
            let innermost = max(x1.dim, x2.dim) - 1
            return try (x1 - x2 + eps).vectorNorm(.p(p), dims: [innermost], keepdim: keepdim, node: .atenNorm)
        }
    }

    /// The cosine of the angle between `x1` and `x2` along `dim`
    /// (`F.cosine_similarity(x1, x2, dim=1, eps=1e-8)`), computed as PyTorch computes it: each
    /// input divided by its 2-norm (held at `eps` or above, without recording) first, then the
    /// products summed, which keeps the result within [-1, 1]. The inputs broadcast; integer
    /// inputs are converted when the other is floating.
    public static func cosineSimilarity(_ x1: Tensor, _ x2: Tensor, dim: Int = 1, eps: Double = 1e-8) -> Tensor {
        attempt {
            let common = resultType(x1, x2)
            guard common.isFloatingPoint else {
                throw TensorError.runtime(
                    "expected common dtype to be floating point, yet common dtype is \(common.scalarTypeName)")
            }
            var a = x1.dtype.isFloatingPoint ? x1 : x1.to(common)
            var b = x2.dtype.isFloatingPoint ? x2 : x2.to(common)
            if a.shape != b.shape {
                let shape = Array(try broadcastShapes(a.layout.shape, b.layout.shape))
                if a.shape != shape { a = a.expand(shape) }
                if b.shape != shape { b = b.expand(shape) }
            }
            let norm1 = a.norm(2, dim: dim, keepdim: true).clone()
            let norm2 = b.norm(2, dim: dim, keepdim: true).clone()
            withNoGrad {
                _ = norm1.clamp_(min: .float(eps))
                _ = norm2.clamp_(min: .float(eps))
            }
            return ((a / norm1) * (b / norm2)).sum(dim: dim)
        }
    }
}

/// The cosine similarity of two inputs along a dim (PyTorch's `nn.CosineSimilarity`).
open class CosineSimilarity: Module {
    /// The dim the similarity is computed along (`dim`).
    public let dim: Int
    /// The smallest norm divided by (`eps`).
    public let eps: Double

    /// `nn.CosineSimilarity(dim=1, eps=1e-8)`.
    public init(dim: Int = 1, eps: Double = 1e-8) {
        self.dim = dim
        self.eps = eps
        super.init()
    }

    /// The similarities of `x1` and `x2`.
    open func forward(_ x1: Tensor, _ x2: Tensor) -> Tensor { Functional.cosineSimilarity(x1, x2, dim: dim, eps: eps) }

    /// `similarity(x1, x2)`, with the module's hooks.
    public func callAsFunction(_ x1: Tensor, _ x2: Tensor) -> Tensor {
        callWithOneOutput([x1, x2]) { x in forward(x[0], x[1]) }
    }
}

/// The p-norm distance between matching rows of two inputs (PyTorch's `nn.PairwiseDistance`).
open class PairwiseDistance: Module {
    /// The norm's order (`norm`).
    public let norm: Double
    /// Added to the difference, keeping the norm's gradient finite at 0 (`eps`).
    public let eps: Double
    /// Whether the reduced dim is kept with size 1 (`keepdim`).
    public let keepdim: Bool

    /// `nn.PairwiseDistance(p=2.0, eps=1e-6, keepdim=False)`.
    public init(p: Double = 2, eps: Double = 1e-6, keepdim: Bool = false) {
        self.norm = p
        self.eps = eps
        self.keepdim = keepdim
        super.init()
    }

    /// The distances of `x1`'s and `x2`'s rows.
    open func forward(_ x1: Tensor, _ x2: Tensor) -> Tensor {
        Functional.pairwiseDistance(x1, x2, p: norm, eps: eps, keepdim: keepdim)
    }

    /// `distance(x1, x2)`, with the module's hooks.
    public func callAsFunction(_ x1: Tensor, _ x2: Tensor) -> Tensor {
        callWithOneOutput([x1, x2]) { x in forward(x[0], x[1]) }
    }
}
