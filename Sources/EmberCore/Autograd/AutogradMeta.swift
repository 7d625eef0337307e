import EmberBackend

// MARK: - AutogradHistory

// Note [Autograd history in the tensor]
// Every output of a recorded op needs three facts: that it requires grad, its `gradFn` and which
// output of that node it is (and a view, the storage version its history was recorded at). They
// live in the tensor object itself, in an `AutogradHistory` value, rather than in a record of
// their own: a record per output was one more allocation and teardown per recorded op, about a
// tenth of a small autograd step. What only some tensors need (a leaf's `.grad` and its
// accumulator, hooks, `retain_grad`) stays in the `AutogradMeta` allocated on first use.

/// A tensor's place in the autograd graph (see Note [Autograd history in the tensor]).
package struct AutogradHistory {
    /// Whether gradients flow to this tensor.
    package var requiresGrad = false
    /// The node that created this tensor; `nil` for leaves.
    package var gradFn: Node?
    /// Which output of `gradFn` this tensor is.
    package var outputIndex = 0
    /// For a view recorded in autograd, the storage version when its `gradFn` was set; a write
    /// into the storage since makes `refreshViewHistory()` regenerate it. `nil` for non-views.
    package var viewVersion: Int?

    package init() {}
}

// MARK: - AutogradMeta

/// The autograd record of a tensor that needs more than its history (PyTorch's `AutogradMeta`):
/// a leaf's gradient and accumulator, hooks, a retained gradient. Allocated on first use.
package final class AutogradMeta {
    /// The accumulated gradient of a leaf (or a non-leaf that retains its grad).
    @exclusivity(unchecked) package var grad: Tensor?
    /// Whether a non-leaf keeps its gradient (`retain_grad()`).
    @exclusivity(unchecked) package var retainsGrad = false
    /// The leaf's shared gradient accumulator, owned by the graph. Not a `weak` reference
    /// (which would cost a side table per accumulator): the accumulator clears it as it dies.
    @exclusivity(unchecked) package unowned(unsafe) var gradAccumulator: AccumulateGrad?
    /// Hooks run on this tensor's gradient (`register_hook`), in registration order.
    @exclusivity(unchecked) package var hooks: [TensorHook] = []
    /// Hooks run after a leaf's `.grad` has been accumulated (`register_post_accumulate_grad_hook`).
    @exclusivity(unchecked) package var postAccumulateHooks: [(id: Int, body: (Tensor) -> Void)] = []
    /// For an output of a custom function that is one of its inputs returned as it is, the
    /// function's name and the output's position: an in-place write into it fails (see
    /// `checkInplace`), as it would replace the function's backward.
    @exclusivity(unchecked) package var passedThroughBy: (function: String, output: Int)?

    package init() {}
}

// MARK: - Tensor autograd fields

extension Tensor {
    /// Whether nothing about this tensor concerns autograd: no history, no record (a plain
    /// tensor, which an engine buffer or an accumulator may write into or keep as it is).
    package var isUntracked: Bool { !history.requiresGrad && history.gradFn == nil && autograd == nil }

    package var autogradMeta: AutogradMeta {
        if let meta = autograd { return meta }
        let meta = AutogradMeta()
        autograd = meta
        return meta
    }

    /// Whether gradients are computed for this tensor (`tensor.requires_grad`).
    ///
    /// Setting it is PyTorch's `tensor.requires_grad = flag`: only floating leaves can be changed.
    public var requiresGrad: Bool {
        get { history.requiresGrad }
        set { attemptVoid { try setRequiresGrad(newValue, property: true) } }
    }

    /// Sets `requiresGrad` and returns `self` (`tensor.requires_grad_()`).
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) -> Tensor {
        attemptVoid { try setRequiresGrad(flag) }
        return self
    }

    /// PyTorch words the integer-dtype error three ways: factories (`requires_grad=True`), the
    /// property setter (`t.requires_grad = True`) and the method (`requires_grad_()`).
    package func setRequiresGrad(_ flag: Bool, fromFactory: Bool = false, property: Bool = false) throws(TensorError) {
        if flag && !dtype.isFloatingPoint {
            throw TensorError.runtime(
                fromFactory
                    ? "Only Tensors of floating point and complex dtype can require gradients"
                    : property
                        ? "only Tensors of floating point and complex dtype can require gradients"
                        : "only Tensors of floating point dtype can require gradients")
        }
        if !isLeaf && !flag {
            throw TensorError.runtime(
                "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
            )
        }
        history.requiresGrad = flag
    }

    /// The accumulated gradient (`tensor.grad`); `nil` until a backward pass reaches this leaf.
    public var grad: Tensor? {
        get { autograd?.grad }
        set { attemptVoid { try setGrad(newValue) } }
    }

    package func setGrad(_ newGrad: Tensor?) throws(TensorError) {
        if let g = newGrad, g.layout.shape != layout.shape {
            throw TensorError.runtime(
                "attempting to assign a gradient of size '\(g.layout.shape)' to a tensor of size '\(layout.shape)'. Please ensure that the gradient and the tensor are the same size"
            )
        }
        if let g = newGrad, g.dtype != dtype {
            let cName: String
            switch g.dtype {
            case .float32: cName = "float"
            case .float64: cName = "double"
            case .int32: cName = "int"
            case .int64: cName = "long int"
            case .bool: cName = "bool"
            }
            throw TensorError.runtime(
                "attempting to assign a gradient with dtype '\(cName)' to a tensor with grad_dtype '\(dtype.scalarTypeName)'. The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match.")
        }
        if newGrad == nil && autograd == nil { return }
        autogradMeta.grad = newGrad
    }

    /// The node that created this tensor (`tensor.grad_fn`); `nil` for leaves.
    public var gradFn: Node? {
        refreshViewHistory()
        return history.gradFn
    }

    /// Whether this tensor was created by the user rather than by a recorded operation (`tensor.is_leaf`).
    public var isLeaf: Bool { history.gradFn == nil }

    /// Whether this non-leaf keeps its gradient after backward (`tensor.retains_grad`).
    public var retainsGrad: Bool { autograd?.retainsGrad ?? false }

    /// Makes a non-leaf keep its gradient in `grad` (`tensor.retain_grad()`); does nothing on a leaf.
    public func retainGrad() {
        attemptVoid {
            guard requiresGrad else {
                throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
            }
            if isLeaf { return }
            let meta = autogradMeta
            if meta.retainsGrad { return }
            meta.retainsGrad = true
            history.gradFn?.observers.retained[history.outputIndex] = WeakTensor(self)
        }
    }
}

// MARK: - Grad mode

/// Whether operations on this thread record autograd nodes (`torch.is_grad_enabled()`).
public var isGradEnabled: Bool { ThreadContext.current.gradEnabled }

/// Runs `body` with gradient recording switched on or off on this thread (`torch.set_grad_enabled`).
public func withGrad<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
    let context = ThreadContext.current
    let saved = context.gradEnabled
    context.gradEnabled = enabled
    defer { context.gradEnabled = saved }
    return try body()
}

/// Runs `body` without recording autograd nodes (`with torch.no_grad():`).
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try withGrad(enabled: false, body)
}
