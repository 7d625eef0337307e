import EmberCore

// MARK: - LRScheduler

/// The base class of the learning-rate schedulers (PyTorch's
/// `torch.optim.lr_scheduler.LRScheduler`): it keeps the epoch count and the base learning
/// rates, and each ``step()`` writes the next learning rates into the optimizer.
///
/// Constructing a scheduler records each group's `initial_lr` (see Note [Initial learning
/// rates]) and takes the initial step, which sets the learning rates to their epoch-0 values:
///
/// ```swift
/// let opt = SGD(model.parameters(), lr: 0.1, momentum: 0.9)
/// let scheduler = StepLR(opt, stepSize: 30, gamma: 0.1)
/// for epoch in 0..<100 {
///     train(model, opt)            // calls opt.step()
///     scheduler.step()
///     print(scheduler.getLastLr())
/// }
/// ```
///
/// A custom scheduler overrides ``getLr()`` (and, to be usable as a later stage of a
/// ``SequentialLR``, ``closedFormLr()``).
open class LRScheduler {
    /// The optimizer whose learning rates the scheduler sets (`scheduler.optimizer`).
    public let optimizer: any LearningRateScheduling

    /// The groups' learning rates the schedule starts from (`scheduler.base_lrs`): their
    /// `initial_lr`.
    public var baseLrs: [Double]

    /// The index of the last epoch (`scheduler.last_epoch`): 0 after construction, one more after
    /// each ``step()``.
    public var lastEpoch: Int

    /// How many times ``step()`` has run, the initial step included (`scheduler._step_count`).
    public internal(set) var stepCount = 0

    /// Whether the step running is the initial one, taken by the constructor
    /// (`scheduler._is_initial`); ``getLr()`` usually keeps the learning rates then.
    public private(set) var isInitial = false

    /// The learning rates the last step set.
    var lastLr: [Double] = []

    /// A scheduler of `optimizer` resuming after `lastEpoch` (`LRScheduler(optimizer,
    /// last_epoch=-1)`); takes the initial step.
    ///
    /// With the default `lastEpoch` of -1 it records the groups' current learning rates as their
    /// `initial_lr` where they have none; otherwise (resuming) fails with PyTorch's `KeyError`
    /// for a group without one.
    public init(_ optimizer: any LearningRateScheduling, lastEpoch: Int = -1) {
        self.optimizer = optimizer
        self.lastEpoch = lastEpoch
        self.baseLrs = []
        attemptVoid {
            let lrs = optimizer.learningRates
            var initial = optimizer.initialLearningRates
            if initial.count < lrs.count { initial += Array(repeating: nil, count: lrs.count - initial.count) }
            for i in lrs.indices where initial[i] == nil {
                guard lastEpoch == -1 else {
                    throw TensorError(.keyError, """
                        param 'initial_lr' is not specified in param_groups[\(i)] when resuming scheduler \
                        with last_epoch >= 0.
                        This typically happens when:
                        1. You're trying to resume training from a checkpoint but haven't properly loaded \
                        the optimizer state
                        2. You're using last_epoch >= 0 for a fresh training run (not recommended)
                        """)
                }
                initial[i] = lrs[i]
            }
            if lastEpoch == -1 { optimizer.initialLearningRates = initial }
            baseLrs = initial.prefix(lrs.count).map { $0 ?? 0 }
        }
        initialStep()
    }

    /// A scheduler that sets itself up (ReduceLROnPlateau, SequentialLR): no `initial_lr`, no
    /// initial step.
    init(settingUp optimizer: any LearningRateScheduling, lastEpoch: Int) {
        self.optimizer = optimizer
        self.lastEpoch = lastEpoch
        self.baseLrs = []
    }

    // MARK: - Stepping

    /// The learning rates of the next epoch, computed from the current ones or from
    /// ``baseLrs`` and ``lastEpoch`` (already advanced) (`scheduler.get_lr()`). Subclasses
    /// override it; the base class fails with PyTorch's `NotImplementedError`.
    open func getLr() throws -> [Double] {
        throw TensorError.notImplemented("")
    }

    /// The learning rates at ``lastEpoch`` computed from ``baseLrs`` alone
    /// (`scheduler._get_closed_form_lr()`), or `nil` for a schedule without a closed form. A
    /// ``SequentialLR`` uses it when it switches to this scheduler.
    open func closedFormLr() -> [Double]? { nil }

    /// Advances one epoch and sets the optimizer's learning rates to the schedule's
    /// (`scheduler.step()`).
    open func step() {
        attemptVoid {
            stepCount += 1
            try updateLr(epoch: nil)
        }
    }

    /// The learning rates the last step set (`scheduler.get_last_lr()`).
    public func getLastLr() -> [Double] { lastLr }

    /// The constructor's step (`scheduler._initial_step()`): resets the step count and steps with
    /// ``isInitial`` set.
    func initialStep() {
        stepCount = 0
        isInitial = true
        defer { isInitial = false }
        step()
    }

    /// Moves to the next epoch, or to `epoch` with the closed form where there is one, and writes
    /// the learning rates into the optimizer (`scheduler._update_lr(epoch)`).
    func updateLr(epoch: Int?) throws {
        let values: [Double]
        if let epoch {
            lastEpoch = epoch
            values = try closedFormLr() ?? getLr()
        } else {
            lastEpoch += 1
            values = try getLr()
        }
        _ = try zipGroups(optimizer.learningRates, values)
        optimizer.learningRates = values
        lastLr = optimizer.learningRates
    }
}

// MARK: - Per-group arguments

/// A scheduler argument given once for every parameter group or once per group (PyTorch's
/// `float | list[float]` arguments such as OneCycleLR's `max_lr`): `0.1` or `[0.1, 0.01]`.
public enum GroupValues: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral
{
    /// The same value for every group.
    case all(Double)
    /// One value per group, in order.
    case each([Double])

    public init(floatLiteral value: Double) { self = .all(value) }
    public init(integerLiteral value: Int) { self = .all(Double(value)) }
    public init(arrayLiteral elements: Double...) { self = .each(elements) }

    /// One value per group (PyTorch's `_format_param(name, optimizer, param)`); fails with
    /// PyTorch's `ValueError` when a list's length is not the number of groups.
    func perGroup(_ name: String, groups: Int) throws -> [Double] {
        switch self {
        case .all(let value):
            return Array(repeating: value, count: groups)
        case .each(let values):
            guard values.count == groups else {
                throw TensorError.value("""
                    \(name) must have the same length as optimizer.param_groups. \(name) has \(values.count) \
                    values, param_groups has \(groups).
                    """)
            }
            return values
        }
    }
}

/// The number of elements of ascending `sorted` that are `<= x` (Python's
/// `bisect.bisect_right`).
func bisectRight(_ sorted: [Int], _ x: Int) -> Int {
    var low = 0, high = sorted.count
    while low < high {
        let mid = (low + high) / 2
        if x < sorted[mid] { high = mid } else { low = mid + 1 }
    }
    return low
}

/// The pairs of `first` and `second`, failing as Python's `zip(first, second, strict=True)`
/// does when their lengths differ (as they do for a parameter group added after the scheduler).
func zipGroups<A, B>(_ first: [A], _ second: [B]) throws -> Zip2Sequence<[A], [B]> {
    guard first.count == second.count else {
        throw TensorError.value(
            "zip() argument 2 is \(second.count < first.count ? "shorter" : "longer") than argument 1")
    }
    return zip(first, second)
}
