import EmberCore

// MARK: - Binary classification losses
//
// Both are fused in PyTorch: computed here without recording, then recorded as one node whose
// formula lives in the core (Derivatives+Losses.swift), with gradients for input and target.

extension Functional {
    /// Binary cross entropy between probabilities and targets (`F.binary_cross_entropy(input,
    /// target, weight, reduction)`): `-w (t log(x) + (1 - t) log(1 - x))`, each log clamped at
    /// -100 so that a certain wrong answer costs 100 rather than infinity. Recorded as one
    /// `BinaryCrossEntropyBackward0` node.
    ///
    /// `target` must have the input's size and `input` must lie in `[0, 1]` (PyTorch's errors
    /// otherwise); `weight` broadcasts to the target's size.
    public static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                          reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            guard target.shape == input.shape else {
                throw TensorError.value(
                    "Using a target size (\(Tensor.torchSize(target.shape))) that is different to the input size (\(Tensor.torchSize(input.shape))) is deprecated. Please ensure they have the same size.")
            }
            let expandedWeight = weight.map { $0.expand(target.shape) }
            let inRange = withNoGrad { ((input .>= 0) .& (input .<= 1)).all().item(as: Bool.self) }
            guard inRange else { throw TensorError.runtime("all elements of input should be between 0 and 1") }
            let loss = withNoGrad {
                let losses = (target - 1) * (1 - input).log().clamp(min: -100) - target * input.log().clamp(min: -100)
                return reduced(expandedWeight.map { losses * $0 } ?? losses, kind)
            }
            if Tensor.recording(input, target) {
                Tensor.recordBinaryCrossEntropy(input, target, weight: expandedWeight, loss: loss, reduction: kind)
            }
            return loss
        }
    }

    /// Binary cross entropy between logits and targets (`F.binary_cross_entropy_with_logits(input,
    /// target, weight, reduction, pos_weight)`): `-w (p t logsigmoid(x) + (1 - t) logsigmoid(-x))`,
    /// computed as `(1 - t) x - (1 + (p - 1) t) logsigmoid(x)`, which stays finite for any logit.
    /// Recorded as one `BinaryCrossEntropyWithLogitsBackward0` node.
    ///
    /// `target` must have the input's size; `weight` and `posWeight` (one weight per class, the
    /// last dim) broadcast against it.
    public static func binaryCrossEntropyWithLogits(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                                    reduction: LossReduction = .mean, posWeight: Tensor? = nil) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            guard target.shape == input.shape else {
                throw TensorError.value(
                    "Target size (\(Tensor.torchSize(target.shape))) must be the same as input size (\(Tensor.torchSize(input.shape)))")
            }
            let loss = withNoGrad {
                var logSigmoid = Tensor.logSigmoid(input)
                if let posWeight { logSigmoid = logSigmoid * ((posWeight - 1) * target + 1) }
                let losses = (1 - target) * input - logSigmoid
                return reduced(weight.map { losses * $0 } ?? losses, kind)
            }
            if Tensor.recording(input, target) {
                Tensor.recordBinaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, loss: loss,
                                                          reduction: kind)
            }
            return loss
        }
    }

    /// The multi-label soft margin loss (`F.multilabel_soft_margin_loss(input, target, weight,
    /// reduction)`): a binary cross entropy with logits per class, `-(t log σ(x) + (1 - t) log
    /// σ(-x))`, times `weight`, averaged over the last (class) dim, then reduced over the
    /// samples; composed as PyTorch's Python function composes it.
    public static func multilabelSoftMarginLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                                reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            var losses = -(target * Tensor.logSigmoid(input) + (1 - target) * Tensor.logSigmoid(-input))
            if let weight { losses = losses * weight }
            let classDim = input.dim - 1
            return reduced(losses.sum(dim: classDim) / input.size(classDim), kind)
        }
    }
}

extension Functional {
    /// The two-class soft margin loss of logits against targets of 1 or -1
    /// (`F.soft_margin_loss(input, target, reduction)`): `log(1 + exp(-y x))`, computed as
    /// PyTorch's kernel computes it. Recorded as one `SoftMarginLossBackward0` node; `target`
    /// broadcasts to the input's size and gets no gradient (PyTorch's error if it requires one).
    public static func softMarginLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        attempt {
            let kind = try reduction.checked()
            let recording = Tensor.recording(input, target)
            if recording && target.requiresGrad {
                throw Tensor.notDifferentiable("soft_margin_loss", argument: "target")
            }
            let loss = withNoGrad { reduced(((-input) * target).exp().log1p(), kind) }
            if recording { Tensor.recordSoftMarginLoss(input, target, loss: loss, reduction: kind) }
            return loss
        }
    }
}

// MARK: - Modules

/// Binary cross entropy between probabilities and targets (PyTorch's `nn.BCELoss`).
open class BCELoss: Loss {
    /// A weight for each element's loss, broadcast to the target's size (`weight`); a buffer,
    /// so it is in ``Module/stateDict(prefix:)`` and follows ``Module/to(dtype:)``.
    public var weight: Tensor? { buffer(named: "weight") }

    /// A loss (`nn.BCELoss(weight=None, reduction='mean')`).
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean) {
        super.init(reduction: reduction)
        registerBuffer("weight", weight)
    }

    /// `F.binary_cross_entropy(input, target, weight, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }
}

/// Binary cross entropy between logits and targets, a sigmoid and ``BCELoss`` in one stable step
/// (PyTorch's `nn.BCEWithLogitsLoss`).
open class BCEWithLogitsLoss: Loss {
    /// A weight for each element's loss, broadcast against the target (`weight`); a buffer, as
    /// in PyTorch.
    public var weight: Tensor? { buffer(named: "weight") }
    /// A weight for the positive examples of each class, broadcast against the target's last
    /// dim (`pos_weight`); a buffer, as in PyTorch.
    public var posWeight: Tensor? { buffer(named: "pos_weight") }

    /// A loss (`nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)`).
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean, posWeight: Tensor? = nil) {
        super.init(reduction: reduction)
        registerBuffer("weight", weight)
        registerBuffer("pos_weight", posWeight)
    }

    /// `F.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.binaryCrossEntropyWithLogits(input, target, weight: weight, reduction: reduction,
                                                posWeight: posWeight)
    }
}

/// The multi-label soft margin loss of logits against 0/1 targets per class (PyTorch's
/// `nn.MultiLabelSoftMarginLoss`).
open class MultiLabelSoftMarginLoss: Loss {
    /// A weight for each class (`weight`); a buffer, as in PyTorch.
    public var weight: Tensor? { buffer(named: "weight") }

    /// A loss (`nn.MultiLabelSoftMarginLoss(weight=None, reduction='mean')`).
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean) {
        super.init(reduction: reduction)
        registerBuffer("weight", weight)
    }

    /// `F.multilabel_soft_margin_loss(input, target, weight, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.multilabelSoftMarginLoss(input, target, weight: weight, reduction: reduction)
    }
}

/// The two-class soft margin loss of logits against targets of 1 or -1 (PyTorch's
/// `nn.SoftMarginLoss`).
open class SoftMarginLoss: Loss {
    /// `F.soft_margin_loss(input, target, reduction)`.
    open override func forward(_ input: Tensor, _ target: Tensor) -> Tensor {
        Functional.softMarginLoss(input, target, reduction: reduction)
    }
}
