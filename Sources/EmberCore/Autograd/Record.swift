import EmberBackend

// MARK: - Recording

extension Tensor {
    /// Whether an op with this input records a node: grad mode is on and the input requires grad.
    @inline(__always)
    package static func recording(_ a: Tensor) -> Bool {
        a.history.requiresGrad && isGradEnabled
    }

    /// Whether an op with these inputs records a node.
    @inline(__always)
    package static func recording(_ a: Tensor, _ b: Tensor) -> Bool {
        (a.history.requiresGrad || b.history.requiresGrad) && isGradEnabled
    }

    /// Whether an op with these inputs records a node.
    package static func recording(_ inputs: [Tensor?]) -> Bool {
        inputs.contains { $0?.history.requiresGrad == true } && isGradEnabled
    }

    /// Whether an in-place op on `target` with `other` must be recorded: grad mode is on and the
    /// target, the other operand or the target's base takes part in autograd.
    package static func recordsInPlace(_ target: Tensor, _ other: Tensor?) -> Bool {
        isGradEnabled
            && (target.requiresGrad || other?.requiresGrad == true || target.viewBase?.requiresGrad == true)
    }

    /// The edge a gradient for this tensor flows along: its `gradFn` output, or its leaf
    /// accumulator (one per leaf, shared while a graph holds it); `nil` if it needs no gradient.
    package var gradientEdge: Engine.Edge? {
        guard history.requiresGrad else { return nil }
        if history.viewVersion != nil { refreshViewHistory() }
        if let fn = history.gradFn { return (fn, history.outputIndex) }
        let meta = autogradMeta
        if let accumulator = meta.gradAccumulator { return (accumulator, 0) }
        let accumulator = AccumulateGrad(variable: self)
        meta.gradAccumulator = accumulator
        return (accumulator, 0)
    }

    /// Records `name` as the creator of `outputs` (PyTorch's `grad_fn`), with edges to the inputs
    /// that need gradients. `saving` lists tensors the backward closure receives, version-checked;
    /// outputs among them are saved without a reference cycle. The closure must not capture tensors.
    ///
    /// Call only when `recording(...)` is true.
    package static func record(
        _ name: String, inputs: [Tensor?], outputs: [Tensor], saving: [Tensor] = [],
        isCustomFunction: Bool = false, backward: @escaping FunctionNode.Backward
    ) {
        let node = FunctionNode(name: name, isCustomFunction: isCustomFunction, formula: .closure(backward))
        for tensor in saving {
            if let k = outputs.firstIndex(where: { $0 === tensor }) {
                node.save(SavedTensor(tensor, isOutputOf: true, outputIndex: k))
            } else {
                node.save(SavedTensor(tensor))
            }
        }
        for input in inputs { node.edges.append(input?.gradientEdge) }
        for input in inputs { node.inputMetadata.append(input.flatMap { $0.requiresGrad ? TensorMetadata($0) : nil }) }
        for output in outputs { node.outputMetadata.append(TensorMetadata(output)) }
        for (k, output) in outputs.enumerated() { attach(node, to: output, index: k) }
    }

    /// Records `name` as the creator of the one output `output`, with one or two inputs and a
    /// built-in formula (see Note [Built-in backward formulas]): `record(_:inputs:outputs:...)`
    /// without its arrays, for the ops a small step is made of. `saving` holds inputs only.
    ///
    /// Call only when `recording(...)` is true.
    package static func record(
        _ name: String, inputs: SmallList<Tensor?>, output: Tensor, saving: SmallList<Tensor> = SmallList(),
        formula: BackwardFormula
    ) {
        let node = FunctionNode(name: name, formula: formula)
        // By index: a `for` loop over a small list copies it (retaining all it holds).
        for i in 0..<saving.count {
            let tensor = saving[i]
            node.save(tensor === output ? SavedTensor(tensor, isOutputOf: true, outputIndex: 0) : SavedTensor(tensor))
        }
        for i in 0..<inputs.count {
            guard let input = inputs[i] else {
                node.edges.append(nil)
                node.inputMetadata.append(nil)
                continue
            }
            node.edges.append(input.gradientEdge)
            node.inputMetadata.append(input.history.requiresGrad ? TensorMetadata(input) : nil)
        }
        node.outputMetadata.append(TensorMetadata(output))
        attach(node, to: output, index: 0)
    }

    /// Makes `node` the `gradFn` of a floating `output`, as its output `index`.
    @inline(__always)
    private static func attach(_ node: Node, to output: Tensor, index k: Int) {
        guard output.dtype.isFloatingPoint else { return }
        output.history.requiresGrad = true
        output.history.gradFn = node
        output.history.outputIndex = k
        if output.viewBase != nil { output.history.viewVersion = output.storage.version }
    }

    /// Records `name` as an identity over `inputs` and returns its outputs: aliases of the inputs
    /// (same storage) that an in-place write refuses, as PyTorch refuses writes into a custom
    /// `function`'s outputs that are its inputs returned as they are. `backward` receives the
    /// outputs' gradients, `nil` where none arrived (an `OptionalGradNode`), and returns the
    /// inputs'. Inputs that do not require grad are returned as aliases without history.
    ///
    /// Call only when `recording(inputs)` is true.
    package static func recordPassThrough(
        _ inputs: [Tensor], name: String, function: String, backward: @escaping OptionalGradNode.Backward
    ) -> [Tensor] {
        let outputs = inputs.map { $0.detach() }
        let differentiable = zip(inputs, outputs).filter { $0.0.requiresGrad }.map(\.1)
        let node = OptionalGradNode(
            name: name,
            edges: SmallList(inputs.lazy.map { $0.gradientEdge }),
            inputMetadata: MetadataList(inputs.lazy.map { $0.requiresGrad ? TensorMetadata($0) : nil }),
            outputMetadata: MetadataList(outputs.lazy.map { TensorMetadata($0) }),
            backward: backward)
        for (k, output) in outputs.enumerated() where differentiable.contains(where: { $0 === output }) {
            output.history.requiresGrad = true
            output.history.gradFn = node
            output.history.outputIndex = k
            output.autogradMeta.passedThroughBy = (function, k)
        }
        return outputs
    }
}
