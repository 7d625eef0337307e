import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - StepLR

/// Multiplies the learning rates by `gamma` every `stepSize` epochs
/// (`torch.optim.lr_scheduler.StepLR`): `lr = base_lr * gamma ** (epoch // stepSize)`, computed
/// step by step from the current learning rates as PyTorch does.
public final class StepLR: LRScheduler {
    /// The period of the decay, in epochs (`step_size`).
    public let stepSize: Int
    /// The factor of each decay (`gamma`).
    public let gamma: Double

    /// A step decay of `optimizer`'s learning rates (`StepLR(optimizer, step_size, gamma=0.1,
    /// last_epoch=-1)`).
    ///
    /// A `stepSize` of 0 fails at the first step, as PyTorch's `ZeroDivisionError` does.
    public init(_ optimizer: any LearningRateScheduling, stepSize: Int, gamma: Double = 0.1, lastEpoch: Int = -1) {
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current learning rates, times `gamma` at a multiple of `stepSize`
    /// (`StepLR.get_lr()`).
    public override func getLr() throws -> [Double] {
        let lrs = optimizer.learningRates
        if lastEpoch == 0 { return lrs }
        guard stepSize != 0 else { throw moduloByZero }
        if lastEpoch % stepSize != 0 { return lrs }
        return lrs.map { $0 * gamma }
    }

    /// `base_lr * gamma ** (lastEpoch // stepSize)` (`StepLR._get_closed_form_lr()`).
    public override func closedFormLr() -> [Double]? {
        guard stepSize != 0 else { return nil }
        let (q, r) = lastEpoch.quotientAndRemainder(dividingBy: stepSize)
        let floored = r != 0 && (r < 0) != (stepSize < 0) ? q - 1 : q
        return baseLrs.map { $0 * pow(gamma, Double(floored)) }
    }
}

/// Python's error for `n % 0`, which a zero period of StepLR or CosineAnnealingLR meets (a
/// `ZeroDivisionError` in Python; a RuntimeError here, Ember having no such kind).
let moduloByZero = TensorError.runtime("integer modulo by zero")

// MARK: - MultiStepLR

/// Multiplies the learning rates by `gamma` at each milestone epoch
/// (`torch.optim.lr_scheduler.MultiStepLR`); a milestone listed twice decays twice.
public final class MultiStepLR: LRScheduler {
    /// The epochs at which the learning rates decay, ascending, repeats kept (`milestones`).
    public let milestones: [Int]
    /// The factor of each decay (`gamma`).
    public let gamma: Double

    /// A decay of `optimizer`'s learning rates at `milestones` (`MultiStepLR(optimizer,
    /// milestones, gamma=0.1, last_epoch=-1)`).
    public init(_ optimizer: any LearningRateScheduling, milestones: [Int], gamma: Double = 0.1,
                lastEpoch: Int = -1) {
        self.milestones = milestones.sorted()
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current learning rates, times `gamma` to the number of times the epoch is a milestone
    /// (`MultiStepLR.get_lr()`).
    public override func getLr() throws -> [Double] {
        let lrs = optimizer.learningRates
        let count = milestones.count(where: { $0 == lastEpoch })
        if count == 0 { return lrs }
        return lrs.map { $0 * pow(gamma, Double(count)) }
    }

    /// `base_lr * gamma ** (milestones passed)` (`MultiStepLR._get_closed_form_lr()`).
    public override func closedFormLr() -> [Double]? {
        let passed = Double(bisectRight(milestones, lastEpoch))
        return baseLrs.map { $0 * pow(gamma, passed) }
    }
}

// MARK: - ExponentialLR

/// Multiplies the learning rates by `gamma` every epoch (`torch.optim.lr_scheduler.ExponentialLR`).
public final class ExponentialLR: LRScheduler {
    /// The factor of each decay (`gamma`).
    public let gamma: Double

    /// An exponential decay of `optimizer`'s learning rates (`ExponentialLR(optimizer, gamma,
    /// last_epoch=-1)`).
    public init(_ optimizer: any LearningRateScheduling, gamma: Double, lastEpoch: Int = -1) {
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current learning rates times `gamma`, kept by the initial step
    /// (`ExponentialLR.get_lr()`).
    public override func getLr() throws -> [Double] {
        let lrs = optimizer.learningRates
        return isInitial ? lrs : lrs.map { $0 * gamma }
    }

    /// `base_lr * gamma ** lastEpoch` (`ExponentialLR._get_closed_form_lr()`).
    public override func closedFormLr() -> [Double]? {
        baseLrs.map { $0 * pow(gamma, Double(lastEpoch)) }
    }
}

// MARK: - LinearLR

/// Scales the learning rates by a factor going linearly from `startFactor` to `endFactor` over
/// `totalIters` epochs, then keeps them (`torch.optim.lr_scheduler.LinearLR`).
public final class LinearLR: LRScheduler {
    /// The factor at epoch 0 (`start_factor`).
    public let startFactor: Double
    /// The factor from epoch `totalIters` on (`end_factor`).
    public let endFactor: Double
    /// The number of epochs the factor takes to reach `endFactor` (`total_iters`).
    public let totalIters: Int

    /// A linear ramp of `optimizer`'s learning rates (`LinearLR(optimizer, start_factor=1/3,
    /// end_factor=1.0, total_iters=5, last_epoch=-1)`).
    ///
    /// Fails with PyTorch's `ValueError` when `startFactor` is not in (0, 1] or `endFactor` not
    /// in [0, 1].
    public init(_ optimizer: any LearningRateScheduling, startFactor: Double = 1.0 / 3, endFactor: Double = 1.0,
                totalIters: Int = 5, lastEpoch: Int = -1) {
        attemptVoid {
            if startFactor > 1.0 || startFactor <= 0 {
                throw TensorError.value(
                    "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
            }
            if endFactor > 1.0 || endFactor < 0 {
                throw TensorError.value("Ending multiplicative factor expected to be between 0 and 1.")
            }
        }
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The learning rates times `startFactor` at epoch 0, then times the ratio of consecutive
    /// factors until `totalIters` (`LinearLR.get_lr()`).
    public override func getLr() throws -> [Double] {
        let lrs = optimizer.learningRates
        if lastEpoch == 0 { return lrs.map { $0 * startFactor } }
        if isInitial || lastEpoch > totalIters { return lrs }
        let delta = endFactor - startFactor
        let ratio = 1.0 + delta / (Double(totalIters) * startFactor + Double(lastEpoch - 1) * delta)
        return lrs.map { $0 * ratio }
    }

    /// `base_lr * (startFactor + (endFactor - startFactor) * min(totalIters, lastEpoch) /
    /// totalIters)` (`LinearLR._get_closed_form_lr()`).
    public override func closedFormLr() -> [Double]? {
        let reached = Double(min(totalIters, lastEpoch))
        return baseLrs.map { $0 * (startFactor + (endFactor - startFactor) * reached / Double(totalIters)) }
    }
}

// MARK: - LambdaLR

/// Sets each learning rate to its base learning rate times a function of the epoch
/// (`torch.optim.lr_scheduler.LambdaLR`).
public final class LambdaLR: LRScheduler {
    /// The factor of each group's base learning rate, as a function of the epoch (`lr_lambdas`).
    public let lrLambdas: [(Int) -> Double]

    /// A schedule of `optimizer`'s learning rates, `base_lr * lrLambda(epoch)` for every group
    /// (`LambdaLR(optimizer, lr_lambda, last_epoch=-1)`).
    public convenience init(_ optimizer: any LearningRateScheduling, lrLambda: @escaping (Int) -> Double,
                            lastEpoch: Int = -1) {
        self.init(optimizer, lrLambdas: Array(repeating: lrLambda, count: optimizer.learningRates.count),
                  lastEpoch: lastEpoch)
    }

    /// A schedule of `optimizer`'s learning rates with one function per group
    /// (`LambdaLR(optimizer, [lambda1, lambda2], last_epoch=-1)`).
    ///
    /// Fails with PyTorch's `ValueError` when there is not one function per group.
    public init(_ optimizer: any LearningRateScheduling, lrLambdas: [(Int) -> Double], lastEpoch: Int = -1) {
        let groups = optimizer.learningRates.count
        attemptVoid {
            if lrLambdas.count != groups {
                throw TensorError.value("Expected \(groups) lr_lambdas, but got \(lrLambdas.count)")
            }
        }
        self.lrLambdas = lrLambdas
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// `base_lr * lrLambda(lastEpoch)` for every group (`LambdaLR.get_lr()`).
    public override func getLr() throws -> [Double] {
        try zipGroups(lrLambdas, baseLrs).map { lambda, base in base * lambda(lastEpoch) }
    }
}
