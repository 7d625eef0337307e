import EmberCore

// MARK: - Calls and forward hooks

// Note [Modules with several inputs]
//
// PyTorch's `Module.__call__` takes any arguments, and its hooks see them as a tuple: a
// forward-pre hook gets `(module, args)`, a forward hook `(module, args, output)`, where output
// is whatever forward returned (a tensor, or a tuple for LSTM's `output, (h, c)` and attention's
// `output, weights`). In Ember every call goes through one method, `call(_:_:)`, whose inputs
// and outputs are `[Tensor]`, and the hooks see those arrays:
//
// - A single-tensor module overrides `forward(_ input: Tensor) -> Tensor`; `module(x)`
//   (`callAsFunction(_:)`) calls `forward` directly when the module has no hooks, and otherwise
//   runs it through `call([x]) { [forward($0[0])] }`. Its hooks see `[x]` and `[y]` and return
//   `[x2]` or `[y2]` to replace them (as a PyTorch hook returns a tensor or a tuple).
// - A module with several inputs or outputs declares its own typed entry point and forward,
//   and routes the call through `call` so that hooks see every tensor:
//
//       func callAsFunction(_ query: Tensor, _ key: Tensor, _ value: Tensor) -> (Tensor, Tensor) {
//           let out = call([query, key, value]) { x in
//               let (output, weights) = forward(x[0], x[1], x[2])
//               return [output, weights]
//           }
//           return (out[0], out[1])
//       }
//
//   Settings that are not tensors (`needWeights`, a causal flag) are captured by the closure,
//   as PyTorch's keyword arguments are not given to hooks. An optional tensor input (LSTM's
//   `(h0, c0)`) is in the array when given and left out when not, as the tuple PyTorch's hooks
//   see holds what the caller passed; nested outputs are flattened (`[output, h, c]`). The
//   recurrent layers and cells do this through `callWithOptionalInputs`; a packed sequence is
//   seen as its `data` (the batch sizes and orders are not tensors a hook could replace).
// - Backward hooks (`registerFullBackwardHook`) are set up by `call` too, around the arrays, so
//   they see one gradient per input and per output whatever the module's shape.
//
// Typed tuples cannot be generic over their arity in a way hooks could share, and one array
// type keeps every hook's signature the same for every module; the cost is the packing in the
// typed entry point, which only modules with several inputs pay.

extension Module {
    /// A forward-pre hook: the module and its inputs; a non-nil result replaces the inputs.
    public typealias ForwardPreHook = (_ module: Module, _ inputs: [Tensor]) -> [Tensor]?
    /// A forward hook: the module, its inputs and its outputs; a non-nil result replaces the outputs.
    public typealias ForwardHook = (_ module: Module, _ inputs: [Tensor], _ outputs: [Tensor]) -> [Tensor]?
    /// A full backward-pre hook: the module and the gradients of its outputs (`nil` for an output
    /// that got none); a non-nil result replaces them.
    public typealias BackwardPreHook = (_ module: Module, _ gradOutputs: [Tensor?]) throws -> [Tensor?]?
    /// A full backward hook: the module, the gradients of its inputs (`nil` where there is none)
    /// and of its outputs; a non-nil result replaces the gradients of the inputs.
    public typealias BackwardHook = (_ module: Module, _ gradInputs: [Tensor?], _ gradOutputs: [Tensor?]) throws -> [Tensor?]?

    /// Whether any hook is registered on this module.
    var hasHooks: Bool {
        !forwardPreHooks.isEmpty || !forwardHooks.isEmpty || !backwardHooks.isEmpty || !backwardPreHooks.isEmpty
    }

    /// Runs one call of the module: the forward-pre hooks on `inputs`, the backward hooks' setup
    /// on the inputs, `forward` (the module's computation on the possibly replaced inputs), the
    /// forward hooks, then the backward hooks' setup on the outputs (PyTorch's
    /// `Module.__call__`). Modules with several inputs or outputs call it from their own
    /// `callAsFunction`; see Note [Modules with several inputs].
    public final func call(_ inputs: [Tensor], _ forward: ([Tensor]) -> [Tensor]) -> [Tensor] {
        var inputs = inputs
        for (_, hook) in forwardPreHooks { if let replacement = hook(self, inputs) { inputs = replacement } }
        let backward = backwardHooks.isEmpty && backwardPreHooks.isEmpty
            ? nil : BackwardHookRun(module: self, hooks: backwardHooks.map(\.hook), preHooks: backwardPreHooks.map(\.hook))
        if let backward { inputs = backward.setUpInputs(inputs) }
        var outputs = forward(inputs)
        for (_, hook) in forwardHooks { if let replacement = hook(self, inputs, outputs) { outputs = replacement } }
        if let backward { outputs = backward.setUpOutputs(outputs) }
        return outputs
    }

    /// ``call(_:_:)`` for a module of a fixed number of tensor inputs and one output (Bilinear,
    /// the losses): fails with Python's `TypeError` when a pre-hook changes the number of
    /// inputs, and with a `RuntimeError` when a forward hook returns other than one output.
    package final func callWithOneOutput(_ inputs: [Tensor], _ forward: ([Tensor]) -> Tensor) -> Tensor {
        if !hasHooks { return forward(inputs) }
        let arity = inputs.count
        let outputs = call(inputs) { given in
            attempt {
                guard given.count == arity else {
                    throw TensorError(.typeError, "forward() takes \(arity + 1) positional arguments but \(given.count + 1) were given")
                }
                return [forward(given)]
            }
        }
        return attempt {
            guard outputs.count == 1 else {
                throw TensorError.runtime("the forward hooks of \(typeName) returned \(outputs.count) outputs where 1 was expected")
            }
            return outputs[0]
        }
    }

    /// ``call(_:_:)`` for a module whose inputs may be left out (a recurrent layer's or cell's
    /// initial states): the hooks see the given inputs only, and `forward` gets the array back
    /// with `nil` where an input was not given. Fails with Python's `TypeError` when a pre-hook
    /// changes the number of inputs, and with a `RuntimeError` when a forward hook returns other
    /// than `outputCount` outputs (the module's outputs flattened, as `[output, h, c]`); the
    /// result then holds `outputCount` placeholders.
    package final func callWithOptionalInputs(_ inputs: [Tensor?], outputCount: Int,
                                              _ forward: ([Tensor?]) -> [Tensor]) -> [Tensor] {
        if !hasHooks { return forward(inputs) }
        let given = inputs.compactMap { $0 }
        let failed = [Tensor](repeating: Tensor.errorPlaceholder, count: outputCount)
        let outputs = call(given) { replaced in
            recurrentAttempt(failed) {
                guard replaced.count == given.count else {
                    throw TensorError(.typeError, "forward() takes from 2 to \(inputs.count + 1) positional arguments but \(replaced.count + 1) were given")
                }
                var next = replaced.makeIterator()
                return forward(inputs.map { $0 == nil ? nil : next.next() })
            }
        }
        return recurrentAttempt(failed) {
            guard outputs.count == outputCount else {
                throw TensorError.runtime("the forward hooks of \(typeName) returned \(outputs.count) outputs where \(outputCount) were expected")
            }
            return outputs
        }
    }

    /// Adds a hook and returns the handle that removes it.
    private func addHook<Hook>(_ hook: Hook, to list: ReferenceWritableKeyPath<Module, [(id: Int, hook: Hook)]>) -> HookHandle {
        lastHookID += 1
        let id = lastHookID
        self[keyPath: list].append((id, hook))
        return HookHandle { [weak self] in self?[keyPath: list].removeAll { $0.id == id } }
    }

    /// Runs `hook` before every call's forward with the module and its inputs (`[x]` for a
    /// single-tensor module); a non-nil result replaces the inputs (`register_forward_pre_hook`).
    /// Hooks run in registration order, each on the previous one's result.
    @discardableResult
    public func registerForwardPreHook(_ hook: @escaping ForwardPreHook) -> HookHandle {
        addHook(hook, to: \.forwardPreHooks)
    }

    /// Runs `hook` after every call's forward with the module, its inputs (as the forward saw
    /// them) and its outputs (`[y]` for a single-tensor module); a non-nil result replaces the
    /// outputs (`register_forward_hook`). Hooks run in registration order.
    @discardableResult
    public func registerForwardHook(_ hook: @escaping ForwardHook) -> HookHandle {
        addHook(hook, to: \.forwardHooks)
    }

    /// Runs `hook` during backward, once per call of the module, when the gradients of its
    /// outputs are known and before those of its inputs are computed; a non-nil result replaces
    /// the output gradients (`register_full_backward_pre_hook`). It must return as many
    /// gradients as it was given.
    @discardableResult
    public func registerFullBackwardPreHook(_ hook: @escaping BackwardPreHook) -> HookHandle {
        addHook(hook, to: \.backwardPreHooks)
    }

    /// Runs `hook` during backward, once per call of the module, when the gradients of all its
    /// inputs are known (`register_full_backward_hook`). It sees one gradient per input (`nil`
    /// when no input requires grad; zeros for an input that does not when another does) and
    /// per output (`nil` for an output that got none); a non-nil result replaces the input
    /// gradients, and must have one entry per input. The hooks of a call are those registered
    /// when the call ran.
    @discardableResult
    public func registerFullBackwardHook(_ hook: @escaping BackwardHook) -> HookHandle {
        addHook(hook, to: \.backwardHooks)
    }
}
