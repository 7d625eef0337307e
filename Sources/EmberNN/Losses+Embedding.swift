import EmberCore

// MARK: - Divergence, embedding and ranking losses
//
// Composed from differentiable ops as PyTorch composes them (torch.kl_div,
// cosine_embedding_loss and margin_ranking_loss are composite in aten/src/ATen/native/Loss.cpp),
// so their nodes carry the names of those ops.

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
