import EmberCore

// MARK: - Options

/// The options of one parameter group of an optimizer (the entries of a PyTorch `param_groups`
/// dict other than `params`). Every optimizer has a learning rate, which schedulers change.
///
/// A state dict (``Optimizer/stateDict()``) holds the options as ``entries`` under PyTorch's names;
/// ``update(from:)`` reads them back. The default implementations cover `lr` only: options with
/// more fields implement both.
public protocol OptimizerOptions: Sendable {
    /// The learning rate (`param_group["lr"]`).
    var lr: Double { get set }

    /// The options under PyTorch's names (a `state_dict()["param_groups"]` entry without `params`),
    /// such as `["lr": 0.001, "betas": [0.9, 0.999], "amsgrad": false]`.
    var entries: [String: OptimizerValue] { get }

    /// Sets the options named in `entries`, as `load_state_dict` restores a group's options;
    /// options not named keep their value and unknown names are ignored.
    ///
    /// Throws a `TypeError` when a value has the wrong kind (a flag where a number is expected).
    mutating func update(from entries: [String: OptimizerValue]) throws(TensorError)
}

extension OptimizerOptions {
    /// `["lr": lr]`.
    public var entries: [String: OptimizerValue] { ["lr": .double(lr)] }

    /// Sets `lr` from `entries["lr"]`.
    public mutating func update(from entries: [String: OptimizerValue]) throws(TensorError) {
        try entries.read("lr", into: &lr)
    }
}

// MARK: - Optimizer

/// The base class of the optimizers (PyTorch's `torch.optim.Optimizer`): parameter groups with
/// their options, per-parameter state, `zeroGrad` and `step`.
///
/// A subclass supplies its `Options` and overrides ``step()``, which updates the parameters in
/// place from their `grad` under no-grad, skipping those whose `grad` is `nil`:
///
/// ```swift
/// let opt = SGD(model.parameters(), lr: 0.1, momentum: 0.9)
/// opt.addParamGroup(head.parameters()) { $0.lr = 0.01 }
/// for (x, y) in batches {
///     opt.zeroGrad()
///     lossFunction(model(x), y).backward()
///     opt.step()
/// }
/// ```
open class Optimizer<Options: OptimizerOptions> {
    /// One group of parameters and the options they are updated with (an entry of PyTorch's
    /// `optimizer.param_groups`).
    public struct ParamGroup {
        /// The group's tensors (`param_group["params"]`), in the order given.
        public var params: [Tensor]
        /// The group's options (the group's other entries: `lr`, ...).
        public var options: Options

        /// A group of `params` updated with `options`.
        public init(params: [Tensor], options: Options) {
            self.params = params
            self.options = options
        }
    }

    /// The options a group gets when none are given (`optimizer.defaults`).
    public let defaults: Options

    /// The parameter groups, in the order they were added (`optimizer.param_groups`). A group's
    /// options can be changed between steps (as a learning-rate schedule does).
    public var paramGroups: [ParamGroup] = []

    /// Per-parameter state, keyed by the parameter's identity (`optimizer.state`): for example
    /// SGD's `momentum_buffer`, Adam's `step`, `exp_avg` and `exp_avg_sq`, under PyTorch's names.
    /// A parameter has no entry until a step has updated it.
    public var state: [ObjectIdentifier: [String: Tensor]] = [:]

    /// An optimizer of `params`, one group with `defaults` (`Optimizer(params, defaults)`).
    ///
    /// Fails with PyTorch's `ValueError` when `params` is empty or holds a non-leaf tensor.
    public init(_ params: [Tensor], defaults: Options) {
        self.defaults = defaults
        attemptVoid {
            guard !params.isEmpty else { throw TensorError.value("optimizer got an empty parameter list") }
        }
        addParamGroup(params, options: defaults)
    }

    /// Adds a group of parameters updated with `options`, `defaults` when `nil`
    /// (`optimizer.add_param_group`).
    ///
    /// Fails with PyTorch's `ValueError` when a tensor is not a leaf (nor retains its grad) or is
    /// already in another group.
    public func addParamGroup(_ params: [Tensor], options: Options? = nil) {
        attemptVoid {
            for p in params where !(p.isLeaf || p.retainsGrad) {
                throw TensorError.value("can't optimize a non-leaf Tensor")
            }
            var existing = Set<ObjectIdentifier>()
            for group in paramGroups { for p in group.params { existing.insert(ObjectIdentifier(p)) } }
            if params.contains(where: { existing.contains(ObjectIdentifier($0)) }) {
                throw TensorError.value("some parameters appear in more than one parameter group")
            }
            paramGroups.append(ParamGroup(params: params, options: options ?? defaults))
        }
    }

    /// Adds a group of parameters whose options are `defaults` changed by `configure`
    /// (`optimizer.add_param_group({"params": params, "lr": 0.01})` is
    /// `addParamGroup(params) { $0.lr = 0.01 }`).
    public func addParamGroup(_ params: [Tensor], _ configure: (inout Options) -> Void) {
        var options = defaults
        configure(&options)
        addParamGroup(params, options: options)
    }

    /// Clears the gradients of every parameter (`optimizer.zero_grad(set_to_none)`): sets them to
    /// `nil`, or with `setToNone: false` fills them with zeros in place.
    public func zeroGrad(setToNone: Bool = true) {
        for group in paramGroups {
            for p in group.params { p.clearGrad(setToNone: setToNone) }
        }
    }

    /// Performs one optimization step (`optimizer.step()`): updates every parameter that has a
    /// gradient, in place. Subclasses override it; the base class fails with a
    /// `NotImplementedError`, as PyTorch's does.
    open func step() {
        attemptVoid {
            throw TensorError.notImplemented("\(type(of: self)) does not implement step()")
        }
    }

    /// Runs `update` on every parameter that has a gradient, group by group, without recording
    /// autograd: the loop of every `step()` (`for group in param_groups: for p in group['params']`).
    public func updateParameters(_ update: (_ parameter: Tensor, _ grad: Tensor, _ options: Options) throws -> Void) {
        attemptVoid {
            try withNoGrad {
                for group in paramGroups {
                    for p in group.params { if let grad = p.grad { try update(p, grad, group.options) } }
                }
            }
        }
    }

    /// Reevaluates the loss with `closure`, under grad mode, then performs one step; returns the
    /// loss (`optimizer.step(closure)`). The closure usually clears the gradients, computes the
    /// loss and calls `backward()` on it.
    @discardableResult
    public func step(_ closure: () throws -> Tensor) rethrows -> Tensor {
        let loss = try withGrad(enabled: true) { try closure() }
        step()
        return loss
    }

    /// The state of `param`, first set to `initial()` when it has none: the lazy initialization
    /// (`if len(state) == 0:`) of PyTorch's `_init_group`.
    package func initializedState(for param: Tensor, _ initial: () -> [String: Tensor]) -> [String: Tensor] {
        let id = ObjectIdentifier(param)
        if let s = state[id], !s.isEmpty { return s }
        let s = initial()
        state[id] = s
        return s
    }

    /// The state of `param` (`optimizer.state[param]`); empty before its first update.
    public func state(for param: Tensor) -> [String: Tensor] {
        state[ObjectIdentifier(param)] ?? [:]
    }
}
