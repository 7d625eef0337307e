import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - OneCycleLR

/// The 1cycle policy (`torch.optim.lr_scheduler.OneCycleLR`): the learning rates rise from
/// `maxLr / divFactor` to `maxLr` over the first `pctStart` of `totalSteps` steps, then fall to
/// `maxLr / divFactor / finalDivFactor`; the momentum (SGD's `momentum`, Adam's `betas.0`) moves
/// the opposite way between `maxMomentum` and `baseMomentum`. With `threePhase` the learning
/// rates come back down to `maxLr / divFactor` symmetrically before the final fall.
///
/// Meant to be stepped after every batch. Construction overwrites the groups' learning rates,
/// `initial_lr` and momentums; stepping more than `totalSteps` times fails with PyTorch's
/// `ValueError` (the step at `totalSteps` itself extrapolates past the end, as PyTorch's does).
public final class OneCycleLR: LRScheduler {
    /// How a phase goes from its start value to its end value (`anneal_strategy`).
    public enum AnnealStrategy: String, Sendable {
        /// Along half a cosine (`"cos"`): `end + (start - end) / 2 * (cos(pi * pct) + 1)`.
        case cos
        /// Linearly (`"linear"`): `(end - start) * pct + start`.
        case linear
    }

    /// One phase of the cycle: its last step and the values it goes between.
    struct Phase {
        enum Value { case initialLr, maxLr, minLr, maxMomentum, baseMomentum }
        let endStep: Double
        let startLr: Value, endLr: Value
        let startMomentum: Value, endMomentum: Value
    }

    /// The number of steps of the cycle (`total_steps`).
    public let totalSteps: Int
    /// How the phases anneal (`anneal_strategy`).
    public let annealStrategy: AnnealStrategy
    /// Whether the momentum cycles too (`cycle_momentum`).
    public let cycleMomentum: Bool
    /// The groups' peak learning rates (`group["max_lr"]`).
    public let maxLrs: [Double]
    /// The groups' final learning rates, `maxLr / divFactor / finalDivFactor` (`group["min_lr"]`).
    public let minLrs: [Double]
    /// The groups' momentums at the start and end of the cycle (`group["max_momentum"]`).
    public let maxMomentums: [Double]
    /// The groups' momentums at the peak learning rate (`group["base_momentum"]`).
    public let baseMomentums: [Double]
    let phases: [Phase]

    /// A 1cycle schedule of `optimizer` (`OneCycleLR(optimizer, max_lr, total_steps=None,
    /// epochs=None, steps_per_epoch=None, pct_start=0.3, anneal_strategy='cos',
    /// cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25.0,
    /// final_div_factor=1e4, three_phase=False, last_epoch=-1)`), over `totalSteps` steps or
    /// `epochs * stepsPerEpoch`.
    ///
    /// Fails with PyTorch's `ValueError`s for a step count that is missing or not positive, a
    /// `pctStart` outside [0, 1], a list of values whose length is not the number of groups, and
    /// `cycleMomentum` with an optimizer without momentum.
    public init(_ optimizer: any LearningRateScheduling, maxLr: GroupValues, totalSteps: Int? = nil,
                epochs: Int? = nil, stepsPerEpoch: Int? = nil, pctStart: Double = 0.3,
                annealStrategy: AnnealStrategy = .cos, cycleMomentum: Bool = true,
                baseMomentum: GroupValues = 0.85, maxMomentum: GroupValues = 0.95, divFactor: Double = 25.0,
                finalDivFactor: Double = 1e4, threePhase: Bool = false, lastEpoch: Int = -1) {
        let groups = optimizer.learningRates.count
        var total = 1
        var maxLrs = Array(repeating: 0.0, count: groups)
        var maxMomentums: [Double] = [], baseMomentums: [Double] = []
        attemptVoid {
            if let totalSteps {
                guard totalSteps > 0 else {
                    throw TensorError.value("Expected positive integer total_steps, but got \(totalSteps)")
                }
                total = totalSteps
            } else if let epochs, let stepsPerEpoch {
                guard epochs > 0 else { throw TensorError.value("Expected positive integer epochs, but got \(epochs)") }
                guard stepsPerEpoch > 0 else {
                    throw TensorError.value("Expected positive integer steps_per_epoch, but got \(stepsPerEpoch)")
                }
                total = epochs * stepsPerEpoch
            } else {
                throw TensorError.value("You must define either total_steps OR (epochs AND steps_per_epoch)")
            }
            if pctStart < 0 || pctStart > 1 {
                throw TensorError.value("Expected float between 0 and 1 pct_start, but got \(pctStart)")
            }
            maxLrs = try maxLr.perGroup("max_lr", groups: groups)
            if cycleMomentum {
                guard optimizer.supportsMomentum else {
                    throw TensorError.value(
                        "optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
                }
                maxMomentums = try maxMomentum.perGroup("max_momentum", groups: groups)
                baseMomentums = try baseMomentum.perGroup("base_momentum", groups: groups)
            }
        }
        let initialLrs = maxLrs.map { $0 / divFactor }
        self.totalSteps = total
        self.annealStrategy = annealStrategy
        self.cycleMomentum = cycleMomentum
        self.maxLrs = maxLrs
        self.minLrs = initialLrs.map { $0 / finalDivFactor }
        self.maxMomentums = maxMomentums
        self.baseMomentums = baseMomentums
        let rise = pctStart * Double(total) - 1
        if threePhase {
            phases = [
                Phase(endStep: rise, startLr: .initialLr, endLr: .maxLr,
                      startMomentum: .maxMomentum, endMomentum: .baseMomentum),
                Phase(endStep: 2 * pctStart * Double(total) - 2, startLr: .maxLr, endLr: .initialLr,
                      startMomentum: .baseMomentum, endMomentum: .maxMomentum),
                Phase(endStep: Double(total - 1), startLr: .initialLr, endLr: .minLr,
                      startMomentum: .maxMomentum, endMomentum: .maxMomentum),
            ]
        } else {
            phases = [
                Phase(endStep: rise, startLr: .initialLr, endLr: .maxLr,
                      startMomentum: .maxMomentum, endMomentum: .baseMomentum),
                Phase(endStep: Double(total - 1), startLr: .maxLr, endLr: .minLr,
                      startMomentum: .baseMomentum, endMomentum: .maxMomentum),
            ]
        }
        attemptVoid {
            if lastEpoch == -1 {
                optimizer.initialLearningRates = initialLrs
                if cycleMomentum { optimizer.momentums = maxMomentums }
            }
        }
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The learning rates (and, with `cycleMomentum`, the optimizer's momentums) at step
    /// ``LRScheduler/lastEpoch`` of the cycle (`OneCycleLR.get_lr()`); fails with PyTorch's
    /// `ValueError` past `totalSteps`.
    public override func getLr() throws -> [Double] {
        let step = lastEpoch
        if step > totalSteps {
            throw TensorError.value(
                "Tried to step \(step) times. The specified number of total steps is \(totalSteps)")
        }
        let initialLrs = optimizer.initialLearningRates
        var lrs: [Double] = [], momentums: [Double] = []
        for group in maxLrs.indices {
            func value(_ v: Phase.Value) -> Double {
                switch v {
                case .initialLr: group < initialLrs.count ? initialLrs[group] ?? 0 : 0
                case .maxLr: maxLrs[group]
                case .minLr: minLrs[group]
                case .maxMomentum: maxMomentums[group]
                case .baseMomentum: baseMomentums[group]
                }
            }
            var startStep = 0.0
            for (i, phase) in phases.enumerated() {
                let endStep = phase.endStep
                if Double(step) <= endStep || i == phases.count - 1 {
                    guard endStep != startStep else { throw TensorError.runtime("float division by zero") }
                    let pct = (Double(step) - startStep) / (endStep - startStep)
                    lrs.append(anneal(value(phase.startLr), value(phase.endLr), pct))
                    if cycleMomentum {
                        momentums.append(anneal(value(phase.startMomentum), value(phase.endMomentum), pct))
                    }
                    break
                }
                startStep = phase.endStep
            }
        }
        if cycleMomentum { optimizer.momentums = momentums }
        return lrs
    }

    /// The value `pct` of the way from `start` to `end` (`OneCycleLR._annealing_cos` and
    /// `_annealing_linear`).
    private func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch annealStrategy {
        case .cos: end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1)
        case .linear: (end - start) * pct + start
        }
    }
}
