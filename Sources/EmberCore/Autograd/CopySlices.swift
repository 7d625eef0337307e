import EmberBackend

// MARK: - CopySlices

/// The node of a tensor written in place through one of its views (PyTorch's `CopySlices`).
///
/// `a[0..<2].mul_(2)` computes the product out of place, recording `MulBackward0` (`fn`) on the
/// view, and writes it back. The base `a` then gets this node: its gradient passes through
/// unchanged outside the view, and inside it goes through `fn`. Its edges are the base's old
/// history followed by `fn`'s other inputs, so `next_functions` reads as in PyTorch.
package final class CopySlices: Node {
    private var fn: Node?
    /// The view's elements among the base's (`ElementMap.saved`).
    private let map: [Tensor]
    /// The base's elements outside the view.
    private let outside: Tensor
    private let baseShape: [Int]
    private let viewShape: [Int]
    private let viewMetadata: TensorMetadata

    package init(base: Tensor, view: Tensor, fn: Node) {
        let elementMap = ElementMap(view: view.layout, base: base.layout, device: base.device)
        map = elementMap.saved
        outside = Tensor(shape: [elementMap.covered.count], data: elementMap.covered.map { !$0 }, device: base.device)
        baseShape = base.shape
        viewShape = view.shape
        viewMetadata = TensorMetadata(view)
        self.fn = fn
        super.init(
            name: "torch::autograd::CopySlices",
            edges: SmallList([base.gradientEdge] + fn.edges.dropFirst()),
            inputMetadata: MetadataList([base.requiresGrad ? TensorMetadata(base) : nil] + fn.inputMetadata.dropFirst()),
            outputMetadata: MetadataList(TensorMetadata(base)))
    }

    override package func apply(_ gradOutputs: SmallList<Tensor>, createGraph: Bool) throws -> SmallList<Tensor?> {
        guard let fn else { return SmallList() }
        let g = gradOutputs[0]
        let slice = ElementMap.gather(g, saved: map, viewShape: viewShape)
        let results = try fn.apply(SmallList(slice), createGraph: createGraph)
        var baseGrad = g * outside.view(baseShape).to(g.dtype)
        if let viewGrad = results.first ?? nil {
            let reduced = try Engine.reduce(viewGrad, to: viewMetadata, node: fn, index: 0)
            baseGrad = baseGrad + ElementMap.scatter(reduced, saved: map, baseShape: baseShape)
        }
        var grads = SmallList<Tensor?>(baseGrad)
        for i in 1..<max(edges.count, 1) { grads.append(i < results.count ? results[i] : nil) }
        return grads
    }

    override package func releaseSavedTensors() { fn?.releaseSavedTensors() }

    override package func releaseOwnedObjects(into teardown: inout [AnyObject]) {
        if let fn { teardown.append(fn) }
        fn = nil
    }
}

extension Tensor {
    /// After an in-place op wrote `node`'s result through this view of `base`: `base` takes a
    /// `CopySlices` node over its old history, and this view becomes `AsStridedBackward0` of it
    /// (PyTorch's `rebase_history` for views). Other views of `base` regenerate their own history
    /// when next used (`refreshViewHistory`).
    package func rebaseHistory(onto base: Tensor, _ node: Node) {
        let copySlices = CopySlices(base: base, view: self, fn: node)
        base.history.requiresGrad = true
        base.history.gradFn = copySlices
        base.history.outputIndex = 0
        recordAsViewOf(base)
    }
}

// MARK: - The values an in-place op overwrites

extension Tensor {
    /// The input a recorded in-place `op` computes from: `self`, or, when the op's derivative
    /// saves `self` (`mul_` by a tensor, `div_`, `pow_`...), a copy of its values carrying its
    /// autograd history, so the write does not invalidate what was saved (PyTorch saves the
    /// original `self` the same way).
    package func originalForInPlace(_ op: BinaryOp, _ other: BinaryArgument) throws(TensorError) -> Tensor {
        let savesSelf: Bool
        switch (op, other) {
        case (.add, _), (.sub, _): savesSelf = false
        case (.mul, .scalar), (.div, .scalar), (.remainder, .scalar), (.fmod, .scalar): savesSelf = false
        default: savesSelf = true
        }
        return savesSelf ? try copyKeepingHistory() : self
    }

    /// The input a recorded in-place unary `op` computes from: `self`, or a copy of it carrying
    /// its history when the op's derivative reads its input (`sin_`, `log_`...; not `exp_`,
    /// `relu_` and the others whose derivative reads the result).
    package func originalForInPlace(_ op: UnaryOp) throws(TensorError) -> Tensor {
        op.derivativeReadsInput ? try copyKeepingHistory() : self
    }

    /// A copy of this tensor's values whose autograd history is this tensor's own (the same
    /// edge), so a derivative can save it while `self` is overwritten.
    private func copyKeepingHistory() throws(TensorError) -> Tensor {
        let copy = try cloned()
        if let edge = gradientEdge {
            copy.history.requiresGrad = true
            copy.history.gradFn = edge.node
            copy.history.outputIndex = edge.inputIndex
        }
        return copy
    }
}
