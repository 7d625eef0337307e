import EmberCore

// MARK: - Full backward hooks

// Note [Full backward hooks]
//
// As PyTorch's `torch.utils.hooks.BackwardHook` does, a call of a module with full backward
// hooks puts an identity node, `BackwardHookFunctionBackward`, between the caller's tensors and
// the module: one over the inputs before forward, one over the outputs after it. During
// backward the outputs' node runs first: it runs the backward-pre hooks on the output gradients
// and keeps them. The inputs' node runs once every gradient of the module's inputs is known (the
// engine runs a node when all of its gradients have arrived), and calls the backward hooks with
// those and the kept output gradients. When no input requires grad there is no inputs' node, and
// the outputs' node calls the backward hooks itself, with no input gradients. The node's outputs
// are the inputs returned as they are, so an in-place write into one fails, as in PyTorch.

/// The backward hooks of one call of a module (PyTorch's `BackwardHook`).
final class BackwardHookRun {
    private let module: Module
    private let hooks: [Module.BackwardHook]
    private let preHooks: [Module.BackwardPreHook]
    /// The output gradients, from the outputs' node until the inputs' node has used them.
    private var gradOutputs: [Tensor?]?
    private var inputCount = 0
    /// Whether the inputs got a node (some input required grad).
    private var inputsHooked = false

    init(module: Module, hooks: [Module.BackwardHook], preHooks: [Module.BackwardPreHook]) {
        self.module = module
        self.hooks = hooks
        self.preHooks = preHooks
    }

    private static let nodeName = "BackwardHookFunctionBackward"
    private static let functionName = "BackwardHookFunction"

    /// The inputs behind the inputs' node, when grad mode is on and one of them requires grad.
    func setUpInputs(_ inputs: [Tensor]) -> [Tensor] {
        inputCount = inputs.count
        guard Tensor.recording(inputs) else { return inputs }
        inputsHooked = true
        let shapes = inputs.map { ($0.shape, $0.dtype, $0.device) }
        return Tensor.recordPassThrough(inputs, name: Self.nodeName, function: Self.functionName) { [self] grads in
            // The identity's gradients, zeros where none arrived, as a custom Function's are.
            let gradInputs: [Tensor?] = zip(grads, shapes).map { g, s in g ?? Tensor.zeros(s.0, dtype: s.1, device: s.2) }
            return try runHooks(gradInputs: gradInputs)
        }
    }

    /// The outputs behind the outputs' node, when grad mode is on and one of them requires grad.
    func setUpOutputs(_ outputs: [Tensor]) -> [Tensor] {
        guard Tensor.recording(outputs) else { return outputs }
        return Tensor.recordPassThrough(outputs, name: Self.nodeName, function: Self.functionName) { [self] grads in
            try outputsBackward(grads)
        }
    }

    /// The outputs' node: the pre-hooks, then (without an inputs' node) the hooks.
    private func outputsBackward(_ grads: [Tensor?]) throws -> [Tensor?] {
        var gradOutputs = grads
        for hook in preHooks {
            guard let replacement = try hook(module, gradOutputs) else { continue }
            guard replacement.count == gradOutputs.count else {
                throw TensorError.runtime(
                    "Backward pre hook returned an invalid number of grad_output, got \(replacement.count), but expected \(gradOutputs.count)")
            }
            gradOutputs = replacement
        }
        self.gradOutputs = gradOutputs
        if !inputsHooked {
            let gradInputs = [Tensor?](repeating: nil, count: inputCount)
            for hook in hooks {
                if let result = try hook(module, gradInputs, gradOutputs), result.contains(where: { $0 != nil }) {
                    throw TensorError.runtime(
                        "Backward hook for Modules where no input requires gradient should always return None or None for all gradients.")
                }
            }
            self.gradOutputs = nil
        }
        return gradOutputs
    }

    /// The inputs' node: the hooks on the input gradients and the kept output gradients.
    private func runHooks(gradInputs: [Tensor?]) throws -> [Tensor?] {
        // No output gradients: the gradient reached the inputs without passing through the
        // outputs (double backward); PyTorch then runs no hook.
        guard let gradOutputs else { return gradInputs }
        var result = gradInputs
        for hook in hooks {
            guard let replacement = try hook(module, result, gradOutputs) else { continue }
            guard replacement.count == result.count else {
                throw TensorError.runtime(
                    "Backward hook returned an invalid number of grad_input, got \(replacement.count), but expected \(result.count)")
            }
            result = replacement
        }
        self.gradOutputs = nil
        return result
    }
}
