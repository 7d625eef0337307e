import EmberCore

// MARK: - OptimizerStateDict

/// An optimizer's state in PyTorch's layout (the dict `optimizer.state_dict()` returns): the
/// per-parameter state keyed by parameter index, and each group's options with the indices of its
/// parameters. The indices count through the groups in order: the first group's parameters are
/// `0..<n`, the next group's follow.
///
/// See Note [Optimizer state dicts].
public struct OptimizerStateDict {
    /// The per-parameter state by parameter index (`state_dict()["state"]`): for example
    /// `[0: ["momentum_buffer": ...]]`. A parameter without state has no entry.
    public var state: [Int: [String: Tensor]]
    /// Each group's options under PyTorch's names, and under `"params"` the indices of its
    /// parameters as ``OptimizerValue/ints(_:)`` (`state_dict()["param_groups"]`).
    public var paramGroups: [[String: OptimizerValue]]

    /// A state dict of `state` and `paramGroups`.
    public init(state: [Int: [String: Tensor]], paramGroups: [[String: OptimizerValue]]) {
        self.state = state
        self.paramGroups = paramGroups
    }
}

// Note [Optimizer state dicts]
// ----------------------------
// `stateDict()` mirrors PyTorch's `Optimizer.state_dict()`: the parameters themselves are not in
// it, only their positions, and the state tensors are the optimizer's own (not copies), so a dict
// taken and kept while training goes on changes with the optimizer, as PyTorch's does. Clone the
// tensors (or serialize them) for a snapshot.
//
// `loadStateDict(_:)` mirrors `Optimizer.load_state_dict()`: the groups must match in number and
// size (PyTorch's two `ValueError`s), the saved indices are paired with this optimizer's parameters
// in order, each state tensor is copied onto its parameter's device and, other than `step`,
// converted to a floating-point parameter's dtype (PyTorch's
// `_process_value_according_to_param_policy`: NAdam's float32 `mu_product` comes back as float64,
// so a resumed NAdam run differs from an uninterrupted one in the last digits, in PyTorch as in
// Ember), and the groups' options are restored from their entries. Unlike PyTorch, which keeps the loaded
// tensors when they need no conversion, the state is always copied: a resumed run never shares
// storage with the dict it came from. State under an index that matches no parameter is dropped
// (PyTorch keeps it under the integer key, where no step reads it). Nothing changes unless the
// whole dict loads.

extension Optimizer {
    /// The optimizer's state and options (`optimizer.state_dict()`); see Note [Optimizer state dicts].
    public func stateDict() -> OptimizerStateDict {
        var packedState: [Int: [String: Tensor]] = [:]
        var groups: [[String: OptimizerValue]] = []
        var index = 0
        for group in paramGroups {
            var entries = group.options.entries
            var indices: [Int] = []
            for p in group.params {
                if let s = state[ObjectIdentifier(p)], !s.isEmpty { packedState[index] = s }
                indices.append(index)
                index += 1
            }
            entries["params"] = .ints(indices)
            groups.append(entries)
        }
        return OptimizerStateDict(state: packedState, paramGroups: groups)
    }

    /// Restores the state and options from `stateDict`, usually one this kind of optimizer saved on
    /// parameters of the same shapes (`optimizer.load_state_dict(state_dict)`). The tensors are
    /// copied; see Note [Optimizer state dicts].
    ///
    /// Fails with PyTorch's `ValueError`s when the number of groups or the size of a group differs,
    /// a `KeyError` when a group has no `params`, and a `TypeError` when an option has the wrong kind.
    public func loadStateDict(_ stateDict: OptimizerStateDict) {
        attemptVoid {
            let saved = stateDict.paramGroups
            guard saved.count == paramGroups.count else {
                throw TensorError.value("loaded state dict has a different number of parameter groups")
            }
            var savedIndices: [[Int]] = []
            for entries in saved {
                guard let params = entries["params"] else { throw TensorError(.keyError, "'params'") }
                guard case .ints(let indices) = params else {
                    throw TensorError.type("param_groups option 'params' must be a list of ints, not \(params)")
                }
                savedIndices.append(indices)
            }
            if zip(paramGroups, savedIndices).contains(where: { $0.params.count != $1.count }) {
                throw TensorError.value(
                    "loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
            }
            var options: [Options] = []
            for (group, entries) in zip(paramGroups, saved) {
                var o = group.options
                try o.update(from: entries)
                options.append(o)
            }
            var parameterAt: [Int: Tensor] = [:]
            for (group, indices) in zip(paramGroups, savedIndices) {
                for (p, i) in zip(group.params, indices) { parameterAt[i] = p }
            }
            var newState: [ObjectIdentifier: [String: Tensor]] = [:]
            for (index, values) in stateDict.state {
                guard let p = parameterAt[index] else { continue }
                newState[ObjectIdentifier(p)] = values.reduce(into: [:]) { copied, entry in
                    copied[entry.key] = Self.loadedCopy(entry.value, key: entry.key, for: p)
                }
            }
            state = newState
            for i in paramGroups.indices { paramGroups[i].options = options[i] }
        }
    }

    /// A copy of a saved state tensor on `param`'s device; converted to `param`'s dtype when that
    /// is floating point, except `step` (PyTorch's `_process_value_according_to_param_policy`).
    private static func loadedCopy(_ value: Tensor, key: String, for param: Tensor) -> Tensor {
        let convert = key != "step" && param.dtype.isFloatingPoint
        return value.detach().to(device: param.device, dtype: convert ? param.dtype : value.dtype, copy: true)
    }
}
