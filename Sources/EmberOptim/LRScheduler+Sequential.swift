import EmberCore

// MARK: - SequentialLR

/// Runs schedulers one after the other, switching at milestone epochs
/// (`torch.optim.lr_scheduler.SequentialLR`), for example a linear warmup then a cosine decay:
///
/// ```swift
/// let warmup = LinearLR(opt, startFactor: 0.1, totalIters: 5)
/// let decay = CosineAnnealingLR(opt, tMax: 95)
/// let scheduler = SequentialLR(opt, schedulers: [warmup, decay], milestones: [5])
/// ```
///
/// Construction resets the learning rates to the groups' `initial_lr`, undoes the initial step
/// of every scheduler and takes it again for the first one. At a milestone the next scheduler
/// restarts from epoch 0 with its closed form (from its base learning rates, not from the current
/// ones); between milestones the running scheduler steps as usual.
public final class SequentialLR: LRScheduler {
    /// The schedulers, in the order they run (`_schedulers`).
    public let schedulers: [LRScheduler]
    /// The epochs at which the next scheduler takes over (`_milestones`).
    public let milestones: [Int]

    /// A sequence of `schedulers` of `optimizer` switching at `milestones`
    /// (`SequentialLR(optimizer, schedulers, milestones, last_epoch=-1)`).
    ///
    /// Fails with PyTorch's `ValueError`s when there is no scheduler, one is a
    /// ``ReduceLROnPlateau`` or belongs to another optimizer, or there is not one milestone less
    /// than schedulers.
    public init(_ optimizer: any LearningRateScheduling, schedulers: [LRScheduler], milestones: [Int],
                lastEpoch: Int = -1) {
        var valid = false
        attemptVoid {
            if schedulers.isEmpty {
                throw TensorError.value("SequentialLR expects at least one scheduler, but got no scheduler.")
            }
            for (i, scheduler) in schedulers.enumerated() {
                if scheduler is ReduceLROnPlateau {
                    throw TensorError.value("""
                        SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional \
                        kwargs to be specified when calling `step`, but got one at index \(i) in the given \
                        schedulers sequence.
                        """)
                }
                if scheduler.optimizer !== optimizer {
                    throw TensorError.value("""
                        SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler \
                        \(type(of: scheduler)) at index \(i) has \(type(of: scheduler.optimizer)), which is \
                        different from \(type(of: optimizer)).
                        """)
                }
            }
            if milestones.count != schedulers.count - 1 {
                throw TensorError.value("""
                    Sequential Schedulers expects number of schedulers provided to be one more than the \
                    number of milestone points, but got number of schedulers \(schedulers.count) and the \
                    number of milestones to be equal to \(milestones.count)
                    """)
            }
            valid = true
        }
        self.schedulers = schedulers
        self.milestones = milestones
        super.init(settingUp: optimizer, lastEpoch: lastEpoch + 1)
        guard valid else { return }
        let lrs = optimizer.learningRates
        let initial = optimizer.initialLearningRates
        baseLrs = lrs.indices.map { i in i < initial.count ? initial[i] ?? lrs[i] : lrs[i] }
        optimizer.learningRates = baseLrs
        for scheduler in schedulers { Self.undoStep(scheduler) }
        let first = schedulers[bisectRight(milestones, 0)]
        first.initialStep()
        lastLr = first.getLastLr()
    }

    /// Takes one epoch back from `scheduler`, or from every scheduler of a nested sequence
    /// (`SequentialLR.recursive_undo`).
    private static func undoStep(_ scheduler: LRScheduler) {
        if let sequence = scheduler as? SequentialLR {
            for inner in sequence.schedulers { undoStep(inner) }
        } else {
            scheduler.lastEpoch -= 1
        }
    }

    /// Advances one epoch: the scheduler whose turn it is restarts from epoch 0 at its milestone,
    /// and steps otherwise (`SequentialLR.step()`).
    public override func step() {
        attemptVoid {
            lastEpoch += 1
            let index = bisectRight(milestones, lastEpoch)
            let scheduler = schedulers[index]
            if index > 0 && milestones[index - 1] == lastEpoch {
                try scheduler.updateLr(epoch: 0)
            } else {
                scheduler.step()
            }
            lastLr = scheduler.getLastLr()
        }
    }
}
