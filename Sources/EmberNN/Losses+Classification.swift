import EmberCore

// MARK: - Classification losses
//
// Negative log-likelihood over class indices is fused (one NllLossBackward0 node); cross entropy
// is composed as PyTorch's `cross_entropy` composes it in aten/src/ATen/native/LossNLL.cpp (see
// Note [Cross entropy's three paths]).

extension Functional {
    /// The negative log-likelihood of class indices (`F.nll_loss(input, target, weight,
    /// ignore_index, reduction)`), recorded as one `NllLossBackward0` node.
    ///
    /// `input` holds log-probabilities `[N, C]`, `[C]`, or `[N, C, d1, ...]`; `target` holds the
    /// class of each sample (int64, `[N]`, `[]` or `[N, d1, ...]`). A target equal to
    /// `ignoreIndex` contributes nothing, and a mean divides by the total weight of the targets
    /// that count.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                               reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            guard input.dim >= 1, input.dim == target.dim + 1 || (input.dim == 1 && target.dim == 0) else {
                throw TensorError.value("Expected input of rank target's rank + 1 (got input \(input.shape), target \(target.shape))")
            }
            // Samples as rows: [samples, classes], the class dim last.
            let classes = input.dim == 1 ? input.size(0) : input.size(1)
            let rows = input.dim == 1 ? input.reshape(1, classes)
                : input.dim == 2 ? input : input.movedim(1, -1).reshape(-1, classes)
            let labels = target.reshape(-1)
            let valid = labels .!= ignoreIndex
            for (label, counts) in zip(labels.scalars(as: Int64.self), valid.scalars(as: Bool.self)) where counts {
                guard label >= 0 && label < classes else { throw TensorError.index("Target \(label) is out of bounds.") }
            }
            let safe = Tensor.where(valid, labels, 0).unsqueeze(dim: 1)
            let weights = withNoGrad {
                (weight.map { $0.to(input.dtype).indexSelect(dim: 0, index: safe.squeeze(dim: 1)) }
                    ?? Tensor.ones([labels.numel], dtype: input.dtype)) * valid.to(input.dtype)
            }
            let losses = withNoGrad { -rows.gather(dim: 1, index: safe).squeeze(dim: 1) * weights }
            let totalWeight = withNoGrad { weights.sum() }
            let loss = withNoGrad {
                switch kind {
                case .sum: losses.sum()
                case .mean: losses.sum() / totalWeight
                case .none: input.dim == 1 ? losses.reshape([]) : losses.reshape(target.shape)
                }
            }
            if Tensor.recording(input) {
                Tensor.recordNLLLoss(input, rows: rows.shape, index: safe, weights: weights, totalWeight: totalWeight,
                                     loss: loss, reduction: kind)
            }
            return loss
        }
    }

    // Note [Cross entropy's three paths]
    // ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    // PyTorch's `cross_entropy_loss` picks one of three compositions over `log_softmax(input)`:
    // - a target of the input's shape holds class probabilities: `-(logp * target * weight)`
    //   summed over everything (a mean divides by the number of samples, `numel / C`, whatever
    //   the weights), with the target smoothed to `target (1 - ε) + ε / C` first;
    // - class indices with label smoothing ε: `(1 - ε) nll_loss(logp) + ε / C * smooth`, where
    //   `smooth` is `-(logp * weight).sum(classDim)` with ignored samples zeroed, and its mean
    //   divides by the same total weight as nll_loss's (the count of counted samples without
    //   weights);
    // - class indices without smoothing: `nll_loss(logp)`.

    /// Cross entropy between logits and a target (`F.cross_entropy(input, target, weight,
    /// ignore_index, reduction, label_smoothing)`), along the class dim (dim 1, or 0 for an
    /// unbatched `[C]` input). The target holds class indices (int64, the input's shape without
    /// the class dim) or, when it has the input's shape, class probabilities (floating). See
    /// Note [Cross entropy's three paths] for how `labelSmoothing`, `weight` and `ignoreIndex`
    /// combine; without smoothing, index targets record `LogSoftmaxBackward0` then
    /// `NllLossBackward0`.
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                                    reduction: LossReduction = .mean, labelSmoothing: Double = 0) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            let classDim = input.dim == 1 ? 0 : 1
            if input.shape == target.shape {
                return try probabilityCrossEntropy(input, target, weight: weight, ignoreIndex: ignoreIndex, kind: kind,
                                                   labelSmoothing: labelSmoothing)
            }
            let logProbabilities = input.logSoftmax(dim: classDim)
            guard labelSmoothing > 0 else {
                return nllLoss(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
            }
            try checkLabelSmoothing(labelSmoothing)
            let classes = input.size(classDim)
            let nll = nllLoss(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
            let ignored = target .== ignoreIndex
            let weighted = weight.map { logProbabilities * classBroadcast($0, rank: input.dim, classDim: classDim) }
            let smooth = (-(weighted ?? logProbabilities).sum(dim: classDim)).maskedFill(ignored, 0)
            let reducedSmooth: Tensor = switch kind {
            case .none: smooth
            case .sum: smooth.sum()
            case .mean:
                smooth.sum() / (weight.map { $0.gather(dim: 0, index: target.maskedSelect(ignored.logicalNot())).sum() }
                    ?? ignored.logicalNot().sum())
            }
            return nll * (1 - labelSmoothing) + reducedSmooth * (labelSmoothing / Double(classes))
        }
    }

    /// Cross entropy against class probabilities (PyTorch's `cross_entropy_loss_prob_target`).
    private static func probabilityCrossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor?, ignoreIndex: Int, kind: Tensor.LossReductionKind,
        labelSmoothing: Double
    ) throws(TensorError) -> Tensor {
        guard target.dtype.isFloatingPoint else {
            throw TensorError.runtime("Expected floating point type for target with class probabilities, got \(target.dtype.scalarTypeName)")
        }
        guard ignoreIndex < 0 else { throw TensorError.runtime("ignore_index is not supported for floating point target") }
        let classDim = input.dim == 1 ? 0 : 1
        let classes = input.size(classDim)
        if let weight, weight.dim != 1 || weight.numel != classes {
            throw TensorError.runtime(
                "cross_entropy: weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(weight.shape)")
        }
        let logProbabilities = input.logSoftmax(dim: classDim)
        var smoothed = target
        if labelSmoothing > 0 {
            try checkLabelSmoothing(labelSmoothing)
            smoothed = target * (1 - labelSmoothing) + labelSmoothing / Double(classes)
        }
        var products = logProbabilities * smoothed
        if let weight { products = products * classBroadcast(weight, rank: input.dim, classDim: classDim) }
        switch kind {
        case .none: return -products.sum(dim: classDim)
        case .sum: return -products.sum()
        case .mean:
            // PyTorch fills an empty input's mean with NaN rather than dividing by zero samples.
            if input.numel == 0 { return -products.sum() * Double.nan }
            return -products.sum() / (input.numel / classes)
        }
    }

    /// PyTorch's check that a label smoothing lies in `[0, 1]` (a positive one is checked).
    /// The multi-class margin (hinge) loss of scores `input` `[N, C]` (or `[C]`) against class
    /// indices `target` `[N]` (`F.multi_margin_loss(input, target, p=1, margin=1, weight=None,
    /// reduction)`): per sample, `sum over i != y of w[y] * max(0, margin - x[y] + x[i])^p / C`.
    /// Recorded as one `MultiMarginLossBackward0` node. `p` is 1 or 2; `weight` (one per class)
    /// gets no gradient, and PyTorch's errors are kept for sizes and out-of-range targets.
    public static func multiMarginLoss(_ input: Tensor, _ target: Tensor, p: Int = 1, margin: Double = 1,
                                       weight: Tensor? = nil, reduction: LossReduction = .mean) -> Tensor {
        attempt {
            guard p == 1 || p == 2 else { throw TensorError.value("only p == 1 and p == 2 supported") }
            if let weight, weight.dim != 1 { throw TensorError.value("weight must be one-dimensional") }
            let kind = try reduction.checked()
            let rank = input.dim
            guard (rank == 2 && input.shape[1] != 0) || (rank == 1 && input.shape[0] != 0) || rank == 0 else {
                throw TensorError.runtime(
                    "Expected non-empty vector or matrix with optional 0-dim batch size, but got: \(input.shape)")
            }
            let rows = rank <= 1 ? 1 : input.shape[0], classes = rank == 0 ? 1 : input.shape[rank - 1]
            guard target.dim <= 1 && target.numel == rows else {
                throw TensorError.runtime(
                    "multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size [\(rows)], but got \(target.shape). Input has shape \(input.shape).")
            }
            guard target.dtype == .int64 else {
                throw TensorError.runtime("expected scalar type Long but found \(target.dtype.scalarTypeName)")
            }
            if let weight, weight.numel != classes {
                throw TensorError.runtime("inconsistent weight size, expected \(classes) but got \(weight.shape)")
            }
            let labels = target.reshape([rows, 1])
            guard labels.scalars(as: Int64.self).allSatisfy({ $0 >= 0 && $0 < classes }) else {
                throw TensorError.runtime("target out of range")
            }
            let recording = Tensor.recording([input, weight])
            if recording, weight?.requiresGrad == true {
                throw Tensor.notDifferentiable("multi_margin_loss", argument: "weight")
            }
            let loss: Tensor = withNoGrad {
                let x = input.reshape([rows, classes])
                let z = Tensor.multiMarginTerms(x, labels, margin: margin).clampMin(0)
                var h = p == 1 ? z : z * z
                if let weight { h = h * weight.to(input.dtype).indexSelect(dim: 0, index: labels.flatten()).reshape([rows, 1]) }
                let perSample = h.scatter(dim: 1, index: labels, value: 0).sum(dim: 1) / Double(classes)
                return reduced(kind == .none && target.dim == 0 ? perSample.reshape([]) : perSample, kind)
            }
            if recording {
                Tensor.recordMultiMarginLoss(input, targets: labels, rows: rows, classes: classes, p: p, margin: margin,
                                             weight: weight, loss: loss, reduction: kind)
            }
            return loss
        }
    }

    private static func checkLabelSmoothing(_ labelSmoothing: Double) throws(TensorError) {
        guard labelSmoothing <= 1 else {
            throw TensorError.runtime("label_smoothing must be between 0.0 and 1.0. Got: \(cppDouble(labelSmoothing))")
        }
    }

    /// Per-class weights viewed to broadcast along `classDim` of a rank-`rank` tensor.
    private static func classBroadcast(_ weight: Tensor, rank: Int, classDim: Int) -> Tensor {
        guard rank > 1 else { return weight }
        var shape = [Int](repeating: 1, count: rank)
        shape[classDim] = weight.size(0)
        return weight.view(shape)
    }
}

// MARK: - Modules

/// The negative log-likelihood of class indices (PyTorch's `nn.NLLLoss`): takes log-probabilities.
open class NLLLoss: Loss {
    /// Per-class weights, or `nil` for equal weights (`weight`); a buffer, so it is in
    /// ``Module/stateDict(prefix:)`` and follows ``Module/to(dtype:)``, as in PyTorch.
    public var weight: Tensor? { buffer(named: "weight") }
    /// A target value that contributes nothing (`ignore_index`).
    public let ignoreIndex: Int

    /// A loss (`nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')`).
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.ignoreIndex = ignoreIndex
        super.init(reduction: reduction)
        registerBuffer("weight", weight)
    }

    /// `F.nll_loss(input, target, ...)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.nllLoss(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// Cross entropy between logits and class indices or class probabilities (PyTorch's
/// `nn.CrossEntropyLoss`).
open class CrossEntropyLoss: NLLLoss {
    /// How much of the target is spread evenly over the classes (`label_smoothing`, in `[0, 1]`).
    public let labelSmoothing: Double

    /// A loss (`nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)`).
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean,
                labelSmoothing: Double = 0) {
        self.labelSmoothing = labelSmoothing
        super.init(weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }

    /// `F.cross_entropy(input, target, ...)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.crossEntropy(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
                                labelSmoothing: labelSmoothing)
    }
}

/// The multi-class margin (hinge) loss of scores against class indices (PyTorch's
/// `nn.MultiMarginLoss`).
open class MultiMarginLoss: Loss {
    /// The exponent of each hinge term, 1 or 2 (`p`).
    public let p: Int
    /// The margin the target's score must beat every other score by (`margin`).
    public let margin: Double
    /// A weight for each class (`weight`); a buffer, as in PyTorch.
    public var weight: Tensor? { buffer(named: "weight") }

    /// A loss (`nn.MultiMarginLoss(p=1, margin=1.0, weight=None, reduction='mean')`); `p` other
    /// than 1 or 2 is PyTorch's ValueError.
    public init(p: Int = 1, margin: Double = 1, weight: Tensor? = nil, reduction: LossReduction = .mean) {
        if p != 1 && p != 2 { attemptVoid { throw TensorError.value("only p == 1 and p == 2 supported") } }
        self.p = p
        self.margin = margin
        super.init(reduction: reduction)
        registerBuffer("weight", weight)
    }

    /// `F.multi_margin_loss(input, target, p, margin, weight, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.multiMarginLoss(input, target, p: p, margin: margin, weight: weight, reduction: reduction)
    }
}
