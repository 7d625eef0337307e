import EmberBackend

// MARK: - backward

extension Tensor {
    /// Computes the gradient of this tensor with respect to the graph's leaves and adds it into
    /// their `.grad` (`tensor.backward(gradient, retain_graph, create_graph, inputs)`).
    ///
    /// - Parameters:
    ///   - gradient: the gradient of some scalar with respect to this tensor; may be omitted for
    ///     a one-element tensor (it is then 1).
    ///   - retainGraph: keep saved tensors for another backward pass (defaults to `createGraph`).
    ///   - createGraph: record the backward pass itself, for higher-order gradients.
    ///   - inputs: accumulate only into these leaves.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool? = nil, createGraph: Bool = false,
                         inputs: [Tensor]? = nil) throws {
        let root = try Tensor.rootGradient(self, gradient, index: 0)
        guard let edge = gradientEdge else {
            throw TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        try Tensor.checkRootDevice(self, root, index: 0)
        var filter: Set<ObjectIdentifier>?
        if let inputs {
            filter = Set(inputs.map(ObjectIdentifier.init))
            for input in inputs where !input.requiresGrad {
                throw TensorError.runtime("One of the differentiated Tensors does not require grad")
            }
            // Non-leaf inputs: keep their gradient in `.grad`, as PyTorch does.
            for input in inputs where !input.isLeaf { input.retainGrad() }
        }
        _ = try Engine.run(roots: [(edge, root)], retainGraph: retainGraph ?? createGraph,
                           createGraph: createGraph, accumulateInto: filter)
    }

    /// The gradient to start from: the given one (shape-checked) or 1 for a one-element tensor.
    static func rootGradient(_ output: Tensor, _ gradient: Tensor?, index: Int) throws(TensorError) -> Tensor {
        if let gradient {
            guard gradient.layout.shape == output.layout.shape else {
                throw TensorError.runtime(
                    "Mismatch in shape: grad_output[\(index)] has a shape of \(torchSize(gradient.layout.shape)) and output[\(index)] has a shape of \(torchSize(output.layout.shape)).")
            }
            return gradient
        }
        guard output.numel == 1 else {
            throw TensorError.runtime("grad can be implicitly created only for scalar outputs")
        }
        return Tensor.ones(like: output)
    }

    /// A given root gradient must be on its output's device (PyTorch's `validate_outputs` for
    /// the graph's roots, which names the root by its position).
    static func checkRootDevice(_ output: Tensor, _ gradient: Tensor, index: Int) throws(TensorError) {
        guard gradient.device != output.device else { return }
        throw TensorError.runtime(
            "invalid gradient at index \(index) - expected device \(output.device) but got \(gradient.device)")
    }

    /// PyTorch's printed `torch.Size([2, 3])` of a shape, for messages.
    package static func torchSize(_ shape: some Sequence<Int>) -> String {
        "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
    }
}

// MARK: - gradients(of:with:)

/// The gradients of `outputs` with respect to `inputs`, without touching `.grad`
/// (`torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused, materialize_grads)`).
///
/// ```swift
/// let x = Tensor(2.0, requiresGrad: true)
/// let g = try gradients(of: [x.pow(3)], with: [x], createGraph: true)[0]!   // 12, with a grad_fn
/// let g2 = try gradients(of: [g], with: [x])[0]!                             // 12 (= 6x)
/// ```
public func gradients(
    of outputs: [Tensor], with inputs: [Tensor], gradOutputs: [Tensor?]? = nil, retainGraph: Bool? = nil,
    createGraph: Bool = false, allowUnused: Bool = false, materializeGrads: Bool = false
) throws -> [Tensor?] {
    var roots: [(edge: Engine.Edge, grad: Tensor)] = []
    for (i, output) in outputs.enumerated() {
        let grad = try Tensor.rootGradient(output, gradOutputs?[i] ?? nil, index: i)
        guard let edge = output.gradientEdge else {
            throw TensorError.runtime("element \(i) of tensors does not require grad and does not have a grad_fn")
        }
        roots.append((edge, grad))
    }
    var captures: [Engine.Edge] = []
    for input in inputs {
        guard let edge = input.gradientEdge else {
            throw TensorError.runtime("One of the differentiated Tensors does not require grad")
        }
        captures.append(edge)
    }
    for (i, root) in roots.enumerated() { try Tensor.checkRootDevice(outputs[i], root.grad, index: i) }
    let results = try Engine.run(roots: roots, retainGraph: retainGraph ?? createGraph, createGraph: createGraph,
                                 captures: captures)
    return try results.enumerated().map { i, g in
        if let g { return createGraph ? g : g.detach() }
        if materializeGrads { return Tensor.zeros(like: inputs[i]) }
        guard allowUnused else {
            throw TensorError.runtime(
                "The differentiated Tensor at index \(i) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
        }
        return nil
    }
}

// MARK: - Hooks

/// Unregisters a hook when `remove()` is called (PyTorch's `RemovableHandle`).
public final class HookHandle {
    private var onRemove: (() -> Void)?
    package init(_ onRemove: @escaping () -> Void) { self.onRemove = onRemove }
    /// Unregisters the hook; calling it again does nothing.
    public func remove() {
        onRemove?()
        onRemove = nil
    }
}

/// A tensor hook as the engine runs it: PyTorch's checks on what the hook returns.
package struct TensorHook {
    package let id: Int
    /// The name PyTorch's messages give the hook (Python's `hook.__name__`).
    package let name: String
    package let body: (Tensor) throws -> Tensor?

    /// The gradient after the hook: the hook's result, which must keep the gradient's dtype,
    /// device and shape (PyTorch's `check_single_result`), or `grad` when it returns `nil`.
    package func callAsFunction(_ grad: Tensor) throws -> Tensor {
        guard let result = try body(grad) else { return grad }
        if result.dtype != grad.dtype || result.device != grad.device {
            throw TensorError.runtime(
                "hook '\(name)' has changed the type of value (was \(grad.legacyTypeName) got \(result.legacyTypeName))")
        }
        if result.layout.shape != grad.layout.shape {
            throw TensorError.runtime("hook '\(name)' has changed the size of value")
        }
        return result
    }
}

extension Tensor {
    /// The legacy type name PyTorch prints for a tensor: `torch.FloatTensor`,
    /// `torch.cuda.DoubleTensor`.
    package var legacyTypeName: String {
        device.kind == .cpu ? dtype.legacyTensorTypeName : "torch.cuda.\(dtype.scalarTypeName)Tensor"
    }
}

extension Tensor {
    /// Runs `hook` on this tensor's gradient during backward; a non-nil result replaces the
    /// gradient (`tensor.register_hook(hook)`). Hooks run in registration order and chain.
    ///
    /// A replacement must keep the gradient's shape, dtype and device, or backward fails with
    /// PyTorch's error, `hook 'hook' has changed the size of value`. PyTorch names the hook by
    /// its Python function's `__name__`; a Swift closure has none, so the message uses `name`,
    /// which is `"hook"` unless given.
    @discardableResult
    public func registerHook(name: String = "hook", _ hook: @escaping (Tensor) throws -> Tensor?) -> HookHandle {
        attempt {
            guard requiresGrad else {
                throw TensorError.runtime("cannot register a hook on a tensor that doesn't require gradient")
            }
            let context = ThreadContext.current
            context.nextHookID += 1
            let id = context.nextHookID
            let entry = TensorHook(id: id, name: name, body: hook)
            if let node = history.gradFn {
                let index = history.outputIndex
                let observers = node.observers
                observers.hooks[index, default: []].append(entry)
                return HookHandle { [weak observers] in observers?.hooks[index]?.removeAll { $0.id == id } }
            }
            let meta = autogradMeta
            meta.hooks.append(entry)
            return HookHandle { [weak meta] in meta?.hooks.removeAll { $0.id == id } }
        }
    }

    /// Runs `hook` with this leaf after its `.grad` has been accumulated
    /// (`tensor.register_post_accumulate_grad_hook(hook)`).
    @discardableResult
    public func registerPostAccumulateGradHook(_ hook: @escaping (Tensor) -> Void) -> HookHandle {
        attempt {
            guard requiresGrad else {
                throw TensorError.runtime("cannot register a hook on a tensor that doesn't require gradient")
            }
            guard isLeaf else {
                throw TensorError.runtime("post accumulate grad hooks cannot be registered on non-leaf tensors")
            }
            let context = ThreadContext.current
            context.nextHookID += 1
            let id = context.nextHookID
            let meta = autogradMeta
            meta.postAccumulateHooks.append((id, hook))
            return HookHandle { [weak meta] in meta?.postAccumulateHooks.removeAll { $0.id == id } }
        }
    }
}

extension HookHandle: ErrorPlaceholder {
    public static var errorPlaceholder: HookHandle { HookHandle {} }
}

// MARK: - Clearing gradients

extension Tensor {
    /// Clears `grad` as `zero_grad` does for one parameter: removes it, or with `setToNone: false`
    /// fills it with zeros in place (the one implementation behind `Module.zeroGrad` and
    /// `Optimizer.zeroGrad`).
    package func clearGrad(setToNone: Bool) {
        guard let grad else { return }
        if setToNone { self.grad = nil } else { grad.detach().zero_() }
    }
}
