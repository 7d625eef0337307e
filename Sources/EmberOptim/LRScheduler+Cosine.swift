import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - CosineAnnealingLR

/// Anneals the learning rates from their base values to `etaMin` along half a cosine over `tMax`
/// epochs, and back up over the next `tMax` (`torch.optim.lr_scheduler.CosineAnnealingLR`).
///
/// Each step computes the next learning rate from the current one with PyTorch's recursive
/// formula, so that the values agree with PyTorch's to the last bit (they drift from the closed
/// form `etaMin + (base - etaMin) * (1 + cos(pi * epoch / tMax)) / 2` by a few ulps):
///
///     lr = (1 + cos(pi * epoch / tMax)) / (1 + cos(pi * (epoch - 1) / tMax)) * (lr - etaMin) + etaMin
///
/// and at the bottom of each cycle, where that ratio is 0 / 0,
/// `lr + (base - etaMin) * (1 - cos(pi / tMax)) / 2`.
public final class CosineAnnealingLR: LRScheduler {
    /// The number of epochs of half a cosine period (`T_max`).
    public let tMax: Int
    /// The lowest learning rate (`eta_min`).
    public let etaMin: Double

    /// A cosine annealing of `optimizer`'s learning rates (`CosineAnnealingLR(optimizer, T_max,
    /// eta_min=0.0, last_epoch=-1)`).
    ///
    /// A `tMax` of 0 fails at the first step, as PyTorch's `ZeroDivisionError` does.
    public init(_ optimizer: any LearningRateScheduling, tMax: Int, etaMin: Double = 0, lastEpoch: Int = -1) {
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The next learning rates by the recursive formula, kept by the initial step
    /// (`CosineAnnealingLR.get_lr()`).
    public override func getLr() throws -> [Double] {
        let lrs = optimizer.learningRates
        if isInitial { return lrs }
        let epoch = Double(lastEpoch), period = Double(tMax)
        if stepCount == 1 && lastEpoch > 0 {
            guard tMax != 0 else { throw TensorError.runtime("float division by zero") }
            return try zipGroups(baseLrs, lrs).map { base, _ in
                etaMin + (base - etaMin) * (1 + cos(epoch * Double.pi / period)) / 2
            }
        }
        guard tMax != 0 else { throw moduloByZero }
        if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
            return try zipGroups(baseLrs, lrs).map { base, lr in
                lr + (base - etaMin) * (1 - cos(Double.pi / period)) / 2
            }
        }
        let ratio = (1 + cos(Double.pi * epoch / period)) / (1 + cos(Double.pi * (epoch - 1) / period))
        return lrs.map { lr in ratio * (lr - etaMin) + etaMin }
    }

    /// `etaMin + (base - etaMin) * (1 + cos(pi * lastEpoch / tMax)) / 2`
    /// (`CosineAnnealingLR._get_closed_form_lr()`).
    public override func closedFormLr() -> [Double]? {
        baseLrs.map { base in
            etaMin + (base - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2
        }
    }
}
