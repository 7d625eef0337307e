import EmberCore

// MARK: - Divergence, embedding, ranking and margin losses
//
// Composed from differentiable ops as PyTorch composes them (torch.kl_div,
// cosine_embedding_loss, margin_ranking_loss, hinge_embedding_loss, triplet_margin_loss and
// pairwise_distance are composite in aten/src/ATen/native), so their nodes carry the names of
// those ops.

extension Functional {
    /// The Kullback-Leibler divergence of `target` from `input` (`F.kl_div(input, target,
    /// reduction, log_target)`), `input` holding log-probabilities: per element
    /// `xlogy(t, t) - t * input`, or `exp(t) * (t - input)` when the target holds
    /// log-probabilities too (`logTarget`). `.batchmean` sums and divides by the batch size
    /// (`input.size(0)`), which is the divergence's mathematical definition; `.mean` divides by
    /// the element count.
    public static func klDiv(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean,
                             logTarget: Bool = false) -> Tensor {
        attempt {
            let kind = reduction == .batchmean ? .sum : try reduction.checked()
            guard input.dtype.isFloatingPoint && target.dtype.isFloatingPoint else {
                throw TensorError.runtime("kl_div: Integral inputs not supported.")
            }
            let losses = logTarget ? target.exp() * (target - input) : target.xlogy(target) - target * input
            let loss = reduced(losses, kind)
            return reduction == .batchmean && input.dim != 0 ? loss / input.size(0) : loss
        }
    }

    /// The cosine embedding loss (`F.cosine_embedding_loss(input1, input2, target, margin,
    /// reduction)`): with `cos` the cosine similarity of each pair of rows, `1 - cos` where the
    /// target is 1 and `max(0, cos - margin)` where it is -1 (0 for any other target). Inputs are
    /// `[N, D]` with a `[N]` target, or `[D]` with a 0-dim target.
    public static func cosineEmbeddingLoss(_ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0,
                                           reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            let dim = target.dim
            guard dim <= 1 else { throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported") }
            guard input1.dim == dim + 1 && input2.dim == dim + 1 else {
                throw TensorError.runtime(
                    "\(dim)D target tensor expects \(dim + 1)D input tensors, but found inputs with sizes \(input1.shape) and \(input2.shape).")
            }
            let epsilon = 1e-12
            let products = (input1 * input2).sum(dim: dim)
            let squares1 = (input1 * input1).sum(dim: dim) + epsilon
            let squares2 = (input2 * input2).sum(dim: dim) + epsilon
            let cos = products / (squares1 * squares2).sqrt()
            let positive = Tensor.where(target .== 1, 1 - cos, Tensor.zeros(like: cos))
            let negative = Tensor.where(target .== -1, (cos - margin).clampMin(0), Tensor.zeros(like: cos))
            return reduced(positive + negative, kind)
        }
    }

    /// The margin ranking loss (`F.margin_ranking_loss(input1, input2, target, margin,
    /// reduction)`): `max(0, -target * (input1 - input2) + margin)`, a target of 1 asking for
    /// `input1` to rank higher and -1 for `input2`. The three must have the same rank; they
    /// broadcast.
    public static func marginRankingLoss(_ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0,
                                         reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            guard input1.dim == input2.dim && input1.dim == target.dim else {
                throw TensorError.runtime(
                    "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: \(Tensor.torchSize(input1.shape)), input2: \(Tensor.torchSize(input2.shape)), target: \(Tensor.torchSize(target.shape)) ")
            }
            return reduced((-target * (input1 - input2) + margin).clampMin(0), kind)
        }
    }

    /// The hinge embedding loss (`F.hinge_embedding_loss(input, target, margin=1.0, reduction)`):
    /// per element `input` where the target is 1 and `max(0, margin - input)` where it is -1 (the
    /// sum of both for any other target), composed as PyTorch's `hinge_embedding_loss` is.
    public static func hingeEmbeddingLoss(_ input: Tensor, _ target: Tensor, margin: Double = 1,
                                          reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            let zeros = Tensor.zeros(like: input)
            let marginClamp = (margin - input).clampMin(0)
            let outputMargin = Tensor.where(target .!= 1, marginClamp, zeros)
            let outputSelf = Tensor.where(target .!= -1, input, zeros)
            return reduced(outputMargin + outputSelf, kind)
        }
    }

    /// The triplet margin loss (`F.triplet_margin_loss(anchor, positive, negative, margin=1.0,
    /// p=2, eps=1e-6, swap=False, reduction)`): `max(0, margin + d(a, p) - d(a, n))` with `d` the
    /// ``pairwiseDistance(_:_:p:eps:keepdim:)``; `swap` takes `min(d(a, n), d(p, n))` for the
    /// negative distance. The three inputs must have the same rank.
    public static func tripletMarginLoss(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor, margin: Double = 1,
                                         p: Double = 2, eps: Double = 1e-6, swap: Bool = false,
                                         reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            guard anchor.dim == positive.dim && positive.dim == negative.dim else {
                throw TensorError.runtime(
                    "The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor \(anchor.dim)D, positive \(positive.dim)D, and negative \(negative.dim)D inputs")
            }
            let distancePositive = pairwiseDistance(anchor, positive, p: p, eps: eps)
            var distanceNegative = pairwiseDistance(anchor, negative, p: p, eps: eps)
            if swap { distanceNegative = distanceNegative.minimum(pairwiseDistance(positive, negative, p: p, eps: eps)) }
            return reduced((margin + distancePositive - distanceNegative).clampMin(0), kind)
        }
    }
}

// MARK: - Modules

/// The Kullback-Leibler divergence loss (PyTorch's `nn.KLDivLoss`): the input holds
/// log-probabilities. Takes ``LossReduction/batchmean``, the divergence's definition.
open class KLDivLoss: Loss {
    /// Whether the target holds log-probabilities too (`log_target`).
    public let logTarget: Bool

    /// A loss (`nn.KLDivLoss(reduction='mean', log_target=False)`).
    public init(reduction: LossReduction = .mean, logTarget: Bool = false) {
        self.logTarget = logTarget
        super.init(reduction: reduction)
    }

    /// `F.kl_div(input, target, reduction, log_target)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.klDiv(input, target, reduction: reduction, logTarget: logTarget)
    }
}

/// The cosine embedding loss of two inputs against targets of 1 (similar) or -1 (dissimilar)
/// (PyTorch's `nn.CosineEmbeddingLoss`).
open class CosineEmbeddingLoss: MarginLoss {
    /// `F.cosine_embedding_loss(input1, input2, target, margin, reduction)`.
    open override func forward(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor {
        Functional.cosineEmbeddingLoss(input1, input2, target, margin: margin, reduction: reduction)
    }
}

/// The margin ranking loss of two inputs against targets of 1 (the first ranks higher) or -1
/// (PyTorch's `nn.MarginRankingLoss`).
open class MarginRankingLoss: MarginLoss {
    /// `F.margin_ranking_loss(input1, input2, target, margin, reduction)`.
    open override func forward(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor {
        Functional.marginRankingLoss(input1, input2, target, margin: margin, reduction: reduction)
    }
}

/// The hinge embedding loss of an input against targets of 1 or -1 (PyTorch's
/// `nn.HingeEmbeddingLoss`).
open class HingeEmbeddingLoss: Loss {
    /// The margin a -1 target's input is pushed below (`margin`).
    public let margin: Double

    /// A loss (`nn.HingeEmbeddingLoss(margin=1.0, reduction='mean')`).
    public init(margin: Double = 1, reduction: LossReduction = .mean) {
        self.margin = margin
        super.init(reduction: reduction)
    }

    /// `F.hinge_embedding_loss(input, target, margin, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.hingeEmbeddingLoss(input, target, margin: margin, reduction: reduction)
    }
}

/// The triplet margin loss of anchors, positives and negatives (PyTorch's
/// `nn.TripletMarginLoss`).
open class TripletMarginLoss: Loss {
    /// The margin between the positive and the negative distance (`margin`).
    public let margin: Double
    /// The distance's norm order (`p`).
    public let p: Double
    /// Added to the differences (`eps`).
    public let eps: Double
    /// Whether the positive-negative distance may stand for the negative one (`swap`).
    public let swap: Bool

    /// A loss (`nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-6, swap=False, reduction='mean')`).
    public init(margin: Double = 1, p: Double = 2, eps: Double = 1e-6, swap: Bool = false,
                reduction: LossReduction = .mean) {
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap
        super.init(reduction: reduction)
    }

    /// `F.triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, reduction)`.
    open func forward(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor) -> Tensor {
        Functional.tripletMarginLoss(anchor, positive, negative, margin: margin, p: p, eps: eps, swap: swap,
                                     reduction: reduction)
    }

    /// `loss(anchor, positive, negative)`, with the module's hooks.
    public func callAsFunction(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor) -> Tensor {
        callWithOneOutput([anchor, positive, negative]) { x in forward(x[0], x[1], x[2]) }
    }
}
