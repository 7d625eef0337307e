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
            return try (x1 - x2 + eps).vectorNorm(.p(p), dims: [innermost], keepdim: keepdim, nodeName: "NormBackward1")
        }
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
