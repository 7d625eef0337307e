import EmberCore

// MARK: - ReduceLROnPlateau

/// Reduces the learning rates by `factor` when a metric has stopped improving for more than
/// `patience` epochs (`torch.optim.lr_scheduler.ReduceLROnPlateau`).
///
/// Stepped with the metric, usually a validation loss:
///
/// ```swift
/// let scheduler = ReduceLROnPlateau(opt, mode: .min, patience: 5)
/// for epoch in 0..<100 {
///     train(model, opt)
///     scheduler.step(validationLoss(model))
/// }
/// ```
///
/// A value is an improvement when it beats the best so far by more than `threshold` (relative or
/// absolute); after a reduction, `cooldown` epochs pass before bad epochs count again. A learning
/// rate never goes below its `minLr`, and changes by less than `eps` are skipped.
public final class ReduceLROnPlateau: LRScheduler {
    /// Whether the metric should go down or up (`mode`).
    public enum Mode: String, Sendable {
        /// Lower is better (`"min"`), as for a loss.
        case min
        /// Higher is better (`"max"`), as for an accuracy.
        case max
    }

    /// How the threshold applies to the best value (`threshold_mode`).
    public enum ThresholdMode: String, Sendable {
        /// Relative: better than `best * (1 ∓ threshold)` (`"rel"`).
        case rel
        /// Absolute: better than `best ∓ threshold` (`"abs"`).
        case abs
    }

    /// Whether the metric should go down or up (`mode`).
    public let mode: Mode
    /// The factor of each reduction, below 1 (`factor`).
    public let factor: Double
    /// The number of bad epochs tolerated before a reduction (`patience`).
    public let patience: Int
    /// The margin by which a value must beat the best to count as an improvement (`threshold`).
    public let threshold: Double
    /// Whether `threshold` is relative or absolute (`threshold_mode`).
    public let thresholdMode: ThresholdMode
    /// The number of epochs after a reduction during which bad epochs are not counted
    /// (`cooldown`).
    public let cooldown: Int
    /// The smallest change of a learning rate that is made (`eps`).
    public let eps: Double
    /// Each group's lowest learning rate (`min_lrs`).
    public var minLrs: [Double]
    /// The single `minLr` given for every group, which follows groups added later
    /// (`default_min_lr`); `nil` when one per group was given.
    let defaultMinLr: Double?

    /// The best value of the metric so far (`best`); infinity (or minus infinity in max mode)
    /// before the first step.
    public private(set) var best: Double
    /// The number of epochs since the last improvement, outside cooldowns (`num_bad_epochs`).
    public private(set) var numBadEpochs = 0
    /// The epochs of cooldown left (`cooldown_counter`).
    public private(set) var cooldownCounter = 0

    /// A plateau schedule of `optimizer` (`ReduceLROnPlateau(optimizer, mode='min', factor=0.1,
    /// patience=10, threshold=1e-4, threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)`).
    ///
    /// Fails with PyTorch's `ValueError` for a `factor` of 1 or more and for a list of `minLr`
    /// whose length is not the number of groups. It does not change the learning rates.
    public init(_ optimizer: any LearningRateScheduling, mode: Mode = .min, factor: Double = 0.1,
                patience: Int = 10, threshold: Double = 1e-4, thresholdMode: ThresholdMode = .rel,
                cooldown: Int = 0, minLr: GroupValues = 0, eps: Double = 1e-8) {
        let groups = optimizer.learningRates.count
        var minLrs = Array(repeating: 0.0, count: groups)
        attemptVoid {
            if factor >= 1.0 { throw TensorError.value("Factor should be < 1.0.") }
            if case .each(let values) = minLr, values.count != groups {
                throw TensorError.value("expected \(groups) min_lrs, got \(values.count)")
            }
            minLrs = try minLr.perGroup("min_lr", groups: groups)
        }
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.eps = eps
        self.minLrs = minLrs
        if case .all(let value) = minLr { defaultMinLr = value } else { defaultMinLr = nil }
        best = mode == .min ? .infinity : -.infinity
        super.init(settingUp: optimizer, lastEpoch: 0)
        lastLr = optimizer.learningRates
    }

    /// Whether a cooldown is running (`in_cooldown`).
    public var inCooldown: Bool { cooldownCounter > 0 }

    /// Fails as PyTorch's `step()` without a metric does: the schedule needs one
    /// (``step(_:)-(Double)``).
    public override func step() {
        attemptVoid {
            throw TensorError.type("ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'")
        }
    }

    /// Counts an epoch whose metric is `metric`, and reduces the learning rates when it is the
    /// epoch after `patience` bad ones (`scheduler.step(metrics)`).
    public func step(_ metric: Double) {
        attemptVoid {
            lastEpoch += 1
            if isBetter(metric) {
                best = metric
                numBadEpochs = 0
            } else {
                numBadEpochs += 1
            }
            if inCooldown {
                cooldownCounter -= 1
                numBadEpochs = 0
            }
            if numBadEpochs > patience {
                try reduceLr()
                cooldownCounter = cooldown
                numBadEpochs = 0
            }
            lastLr = optimizer.learningRates
        }
    }

    /// Counts an epoch whose metric is the one-element tensor `metric` (`scheduler.step(loss)`,
    /// PyTorch's `float(metrics)`).
    public func step(_ metric: Tensor) {
        step(metric.item())
    }

    /// Multiplies each learning rate by `factor`, down to its `minLr`, unless the change is at
    /// most `eps` (`_reduce_lr`).
    private func reduceLr() throws {
        var lrs = optimizer.learningRates
        if lrs.count != minLrs.count {
            guard let defaultMinLr else {
                throw TensorError.runtime("""
                    The number of param groups in the `optimizer` (\(lrs.count)) differs from when \
                    `ReduceLROnPlateau` was initialized (\(minLrs.count)), usually due to a new param group \
                    being added to the optimizer. Please modify the `min_lrs` field to match the length of \
                    the `optimizer` param groups.
                    """)
            }
            minLrs = Array(repeating: defaultMinLr, count: lrs.count)
        }
        for i in lrs.indices {
            let newLr = max(lrs[i] * factor, minLrs[i])
            if lrs[i] - newLr > eps { lrs[i] = newLr }
        }
        optimizer.learningRates = lrs
    }

    /// Whether `value` improves on the best so far by more than the threshold (`_is_better`).
    private func isBetter(_ value: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): value < best * (1.0 - threshold)
        case (.min, .abs): value < best - threshold
        case (.max, .rel): value > best * (threshold + 1.0)
        case (.max, .abs): value > best + threshold
        }
    }
}
