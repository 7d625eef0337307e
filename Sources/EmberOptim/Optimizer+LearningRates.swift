import EmberCore
import Synchronization

// MARK: - What a schedule changes

/// An optimizer whose learning rates (and momentums) a learning-rate scheduler can read and
/// change, one value per parameter group: what PyTorch's schedulers read and write in
/// `optimizer.param_groups` (`group["lr"]`, `group["initial_lr"]`, `group["momentum"]` or
/// `group["betas"][0]`).
///
/// Every ``Optimizer`` conforms, whatever its options; a custom optimizer can conform too.
public protocol LearningRateScheduling: AnyObject {
    /// The learning rate of every parameter group, in order (`[g["lr"] for g in param_groups]`).
    /// Setting it changes the groups' learning rates; values past the last group are ignored.
    var learningRates: [Double] { get set }

    /// The learning rate every parameter group had when the first scheduler was attached to the
    /// optimizer (`group["initial_lr"]`), `nil` for a group that has none; shared by all the
    /// schedulers of the optimizer. See Note [Initial learning rates].
    var initialLearningRates: [Double?] { get set }

    /// Whether the groups have a momentum that a schedule can cycle (`"momentum"` or `"betas"`
    /// in `optimizer.defaults`). `false` unless the conformance says otherwise.
    var supportsMomentum: Bool { get }

    /// The momentum of every parameter group that a schedule cycles: SGD's `momentum`, Adam's
    /// `betas.0` (`group["momentum"]` or `group["betas"][0]`). Empty, and ignored when set, for
    /// an optimizer without momentum.
    var momentums: [Double] { get set }
}

// Note [Initial learning rates]
// PyTorch keeps `initial_lr` in each param group dict: the first scheduler attached to an
// optimizer stores the group's lr there (`group.setdefault("initial_lr", lr)`), later ones keep
// it, and every scheduler's `base_lrs` are read from it. A second scheduler therefore starts from
// the original learning rates, not from the ones the first scheduler has already changed (as in
// `SequentialLR([LinearLR(opt, ...), CosineAnnealingLR(opt, ...)])`), and SequentialLR resets
// the groups to it. OneCycleLR overwrites it with `max_lr / div_factor`.
//
// Ember's parameter groups hold typed options with no room for scheduler keys, so the values
// live in a table beside the optimizer, keyed by its identity (with a weak reference, so that a
// new object at the address of a freed optimizer does not inherit them). Any conformer of
// `LearningRateScheduling` gets this storage unless it provides its own.

/// The `initial_lr` of every optimizer that has had a scheduler, by identity.
private let initialLearningRateTable = Mutex<[ObjectIdentifier: InitialLearningRates]>([:])

/// One optimizer's `initial_lr` values and a weak reference to it. Only compared by identity
/// under the table's lock, never used through, so the reference can cross threads.
private struct InitialLearningRates: @unchecked Sendable {
    weak var owner: AnyObject?
    var values: [Double?]
}

extension LearningRateScheduling {
    /// The groups' `initial_lr`, kept beside the optimizer (see Note [Initial learning rates]).
    public var initialLearningRates: [Double?] {
        get {
            let key = ObjectIdentifier(self)
            return initialLearningRateTable.withLock { table in
                guard let entry = table[key], entry.owner === self else { return [] }
                return entry.values
            }
        }
        set {
            let key = ObjectIdentifier(self)
            initialLearningRateTable.withLock { table in
                table = table.filter { $0.value.owner != nil }
                table[key] = InitialLearningRates(owner: self, values: newValue)
            }
        }
    }

    /// No momentum, unless the conformance says otherwise.
    public var supportsMomentum: Bool { false }

    /// No momentum, unless the conformance says otherwise.
    public var momentums: [Double] {
        get { [] }
        set {}
    }
}

// MARK: - Momentum

/// The options of an optimizer with a momentum that a schedule can cycle (PyTorch's
/// `group["momentum"]`, or `group["betas"][0]` for the Adam family), as OneCycleLR does.
public protocol MomentumOptions: OptimizerOptions {
    /// The momentum a schedule cycles: SGD's `momentum`, Adam's `betas.0`.
    var scheduledMomentum: Double { get set }
}

extension SGDOptions: MomentumOptions {
    /// The momentum a schedule cycles: `momentum` (`group["momentum"]`).
    public var scheduledMomentum: Double {
        get { momentum }
        set { momentum = newValue }
    }
}

extension AdamOptions: MomentumOptions {
    /// The momentum a schedule cycles: the first beta (`group["betas"][0]`).
    public var scheduledMomentum: Double {
        get { betas.0 }
        set { betas.0 = newValue }
    }
}

// MARK: - Optimizer

extension Optimizer: LearningRateScheduling {
    /// The learning rate of every parameter group (`[g["lr"] for g in optimizer.param_groups]`);
    /// setting it changes the groups' `options.lr`.
    public var learningRates: [Double] {
        get { paramGroups.map(\.options.lr) }
        set {
            for (i, lr) in zip(paramGroups.indices, newValue) { paramGroups[i].options.lr = lr }
        }
    }

    /// Whether the options have a momentum a schedule can cycle (they conform to
    /// ``MomentumOptions``).
    public var supportsMomentum: Bool { Options.self is any MomentumOptions.Type }

    /// The groups' ``MomentumOptions/scheduledMomentum`` (SGD's `momentum`, Adam's `betas.0`);
    /// empty when the options have none.
    public var momentums: [Double] {
        get { paramGroups.compactMap { ($0.options as? any MomentumOptions)?.scheduledMomentum } }
        set {
            for (i, momentum) in zip(paramGroups.indices, newValue) {
                guard var options = paramGroups[i].options as? any MomentumOptions else { continue }
                options.scheduledMomentum = momentum
                if let changed = options as? Options { paramGroups[i].options = changed }
            }
        }
    }
}
