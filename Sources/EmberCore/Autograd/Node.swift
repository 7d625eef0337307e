import EmberBackend

// MARK: - Node

/// What the engine needs to know about a tensor that meets a node: the shape, dtype and device a
/// gradient for it must have.
package struct TensorMetadata {
    package var shape: Dims
    package var dtype: DType
    package var device: Device

    package init(_ tensor: Tensor) {
        shape = tensor.layout.shape
        dtype = tensor.dtype
        device = tensor.device
    }
}

/// A recorded operation in the autograd graph (PyTorch's `torch.autograd.graph.Node`, the class
/// of `tensor.gradFn`). Its edges point at the nodes of the inputs that need gradients.
public class Node {
    /// PyTorch's node name (`grad_fn.name()`), e.g. `MulBackward0`; `torch::autograd::AccumulateGrad`
    /// for a leaf's accumulator.
    public let name: String
    /// One entry per input: that input's node and which of the node's outputs the input was, or
    /// `nil` for an input that needs no gradient (`grad_fn.next_functions`).
    public var nextFunctions: [(node: Node, inputIndex: Int)?] { edges.array }
    // Note: the fields below are read on every backward step; Ember's rule that a graph is
    // differentiated by one thread at a time upholds their exclusivity, so the dynamic check
    // (which costs more than the read) is off. They are small lists, kept inside the node (see
    // Note [Small lists in nodes]).
    /// `nextFunctions` as the engine reads it.
    @exclusivity(unchecked) package var edges: SmallList<Engine.Edge?>
    /// Shape, dtype and device of each input, to which the engine reduces and casts gradients.
    @exclusivity(unchecked) package var inputMetadata: MetadataList
    /// Shape, dtype and device of each output (never `nil`), used to make zero gradients for
    /// unused outputs.
    @exclusivity(unchecked) package var outputMetadata: MetadataList
    /// Hooks and retained gradients on this node's outputs; `nil` until the first (few nodes
    /// have any, and one optional costs a node less to make and free than two dictionaries).
    @exclusivity(unchecked) package var outputObservers: OutputObservers?

    // MARK: Engine state (see Note [Engine state on nodes] in Engine.swift)

    /// The backward run that last reached this node.
    @exclusivity(unchecked) package var engineRun = 0
    /// Gradients still to arrive before this node can run, in the current run.
    @exclusivity(unchecked) package var enginePending = 0
    /// Gradients gathered so far for output 0, and for the others of a multi-output node.
    @exclusivity(unchecked) package var engineGrad: Tensor?
    @exclusivity(unchecked) package var engineOtherGrads: [Tensor?] = []

    package init(name: String, edges: SmallList<Engine.Edge?>,
                 inputMetadata: MetadataList, outputMetadata: MetadataList) {
        self.name = name
        isAccumulator = false
        self.edges = edges
        self.inputMetadata = inputMetadata
        self.outputMetadata = outputMetadata
    }

    /// A node with no edges or metadata yet: its creator appends them in place, which copies
    /// nothing (see Note [Small lists in nodes]).
    package init(name: String, isAccumulator: Bool = false) {
        self.name = name
        self.isAccumulator = isAccumulator
        edges = SmallList()
        inputMetadata = MetadataList()
        outputMetadata = MetadataList()
    }

    /// Whether this node is a leaf's `AccumulateGrad` (a field read, cheaper than a cast).
    package let isAccumulator: Bool

    /// The node at the end of edge `i` and the input index it carries, unretained: valid while
    /// this node is (see Note [Unretained nodes in the engine] in Engine.swift).
    @inline(__always)
    package func edgeTarget(_ i: Int) -> (node: Unmanaged<Node>, inputIndex: Int)? {
        guard let edge = edges[i] else { return nil }
        return (Unmanaged.passUnretained(edge.node), edge.inputIndex)
    }

    /// The observers of this node's outputs, made on first use.
    package var observers: OutputObservers {
        if let observers = outputObservers { return observers }
        let observers = OutputObservers()
        outputObservers = observers
        return observers
    }

    /// The leaf an accumulator writes into (`AccumulateGrad.variable`); `nil` for other nodes.
    public var variable: Tensor? { nil }

    /// Computes the gradients of the inputs from the gradients of the outputs (missing output
    /// gradients already replaced by zeros).
    package func apply(_ gradOutputs: SmallList<Tensor>, createGraph: Bool) throws -> SmallList<Tensor?> {
        fatalError("Ember internal error: \(name) has no backward")
    }

    /// Frees saved tensors after a backward pass without `retainGraph`.
    package func releaseSavedTensors() {}

    /// The class name Python prints for this node: the name without its `torch::autograd::`
    /// namespace (`AccumulateGrad`, `CopySlices`).
    package var pythonClassName: String {
        name.hasPrefix("torch::autograd::") ? String(name.dropFirst("torch::autograd::".count)) : name
    }

    /// Hands the objects this node keeps alive besides its edges (saved tensors) to `teardown`.
    package func releaseOwnedObjects(into teardown: inout [AnyObject]) {}

    deinit {
        // See Note [Tearing down long graphs].
        let context = ThreadContext.current
        // Moved out, not copied: a copy would retain each node only to release it below.
        for i in 0..<edges.count { if let edge = edges.take(i) { context.pendingReleases.append(edge.node) } }
        releaseOwnedObjects(into: &context.pendingReleases)
        GraphTeardown.drain(context)
    }
}

extension Node: CustomStringConvertible {
    /// PyTorch's `repr(grad_fn)`: `<AddBackward0 object at 0x7f3bb05e3be0>`, with this node's
    /// address, so that two prints of one node agree and two nodes differ.
    public var description: String {
        "<\(pythonClassName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self)), radix: 16))>"
    }
}

/// What watches a node's outputs' gradients: tensor hooks registered on non-leaf outputs and
/// the outputs that retain their gradient.
package final class OutputObservers {
    /// Hooks on the gradients of the node's outputs (tensor hooks on non-leaves), per output.
    package var hooks = [Int: [TensorHook]]()
    /// Non-leaf outputs that keep their gradient (`retain_grad()`), per output.
    package var retained = [Int: WeakTensor]()

    package init() {}
}

/// A weak reference to a tensor (a retained gradient must not keep its tensor alive).
package struct WeakTensor {
    package weak var tensor: Tensor?
    package init(_ tensor: Tensor) { self.tensor = tensor }
}

// Note [Tearing down long graphs]
//
// A graph is a chain of strong references: tensor -> node -> next node (and saved tensors ->
// their nodes). Dropping the last tensor of a 100,000-op chain would free it recursively and
// overflow the stack. So a node's deinit does not drop its references itself: it hands them to
// `GraphTeardown`, which the outermost deinit on the thread drains in a loop. Each object freed
// in that loop hands over its own references in turn, and the recursion depth stays constant.

package enum GraphTeardown {
    /// Unless a teardown is already running on this thread, releases everything pending in
    /// `context.pendingReleases` (where deinits put the references they give up).
    package static func drain(_ context: ThreadContext) {
        if context.isTearingDown { return }
        context.isTearingDown = true
        while let next = context.pendingReleases.popLast() {
            _ = next  // the last reference goes here; its deinit appends instead of recursing
        }
        context.isTearingDown = false
    }
}

// MARK: - FunctionNode

/// A node whose backward is a formula over saved tensors: how every built-in op records itself.
package final class FunctionNode: Node {
    package typealias Backward = (_ grads: [Tensor], _ saved: [Tensor]) throws -> [Tensor?]
    @exclusivity(unchecked) private var saved = SavedTensors()
    private let formula: BackwardFormula
    /// Whether a backward pass without `retainGraph` has freed what this node kept.
    @exclusivity(unchecked) private var released = false
    /// A custom function's node (`AutogradFunction`), which prints as PyTorch's Python class.
    private let isCustomFunction: Bool

    /// A node with nothing saved, no edges and no metadata yet, which its recorder appends in
    /// place (`save`, `edges`, `inputMetadata`, `outputMetadata`). `isCustomFunction` marks a
    /// custom function's node, which keeps state only when it saved tensors (see Note
    /// [Backward through a freed graph]).
    package init(name: String, isCustomFunction: Bool = false, formula: BackwardFormula) {
        self.formula = formula
        self.isCustomFunction = isCustomFunction
        super.init(name: name)
    }

    /// Keeps a tensor for the backward formula (after those saved before).
    package func save(_ tensor: SavedTensor) { saved.append(tensor) }

    override package func apply(_ gradOutputs: SmallList<Tensor>, createGraph: Bool) throws -> SmallList<Tensor?> {
        if released && keepsState { throw SavedTensor.backwardTwiceError }
        guard case .closure(let backward) = formula else {
            var unpacked = SmallList<Tensor>()
            try saved.forEach { (s) throws(TensorError) in unpacked.append(try s.unpack(node: self)) }
            return try formula.apply(gradOutputs[0], saved: unpacked, node: self)
        }
        var unpacked: [Tensor] = []
        unpacked.reserveCapacity(saved.count)
        try saved.forEach { (s) throws(TensorError) in unpacked.append(try s.unpack(node: self)) }
        return SmallList(try backward(gradOutputs.array, unpacked))
    }

    override package func releaseSavedTensors() {
        // Marked at once; whether a second run raises is asked only on that run (the name
        // lookup stays off the backward path). A node PyTorch keeps nothing for runs again:
        // what Ember saved for it stays.
        released = true
        guard !saved.isEmpty, keepsState else { return }
        saved.forEach { $0.release() }
    }

    /// Whether PyTorch's node of this op keeps tensors for its backward (see Note [Backward
    /// through a freed graph]); asked when a released node runs again or has tensors to release.
    private var keepsState: Bool {
        if isCustomFunction { return !saved.isEmpty }
        switch formula {
        // The built-in cases know their PyTorch node without looking its name up:
        // `MulBackward0` and `DivBackward0` keep their operands (a number wrapped as a tensor).
        case .mul, .div, .scaleFirst, .divideFirst: return true
        case .add, .sub, .passFirst, .negateFirst, .spread: return false
        case .closure, .view: return !PyTorchNodes.keepNoTensors.contains(name)
        }
    }

    override package var pythonClassName: String {
        isCustomFunction ? "torch.autograd.function.\(name)" : super.pythonClassName
    }

    override package func releaseOwnedObjects(into teardown: inout [AnyObject]) {
        saved.forEach { s in if let tensor = s.ownedTensor { teardown.append(tensor) } }
        saved.removeAll()
    }
}

// MARK: - OptionalGradNode

/// A node whose backward receives `nil` for the outputs that got no gradient, instead of zeros
/// (PyTorch's custom functions with `ctx.set_materialize_grads(False)`): what a module's
/// backward hooks are built on, since they report a missing gradient as `None`.
package final class OptionalGradNode: Node {
    package typealias Backward = (_ grads: [Tensor?]) throws -> [Tensor?]
    private let backward: Backward

    package init(name: String, edges: SmallList<Engine.Edge?>, inputMetadata: MetadataList,
                 outputMetadata: MetadataList, backward: @escaping Backward) {
        self.backward = backward
        super.init(name: name, edges: edges, inputMetadata: inputMetadata, outputMetadata: outputMetadata)
    }

    override package func apply(_ gradOutputs: SmallList<Tensor>, createGraph: Bool) throws -> SmallList<Tensor?> {
        SmallList(try backward(gradOutputs.map { $0 }))
    }

    /// The backward on the gradients as they arrived, `nil` where none did.
    package func applyUnmaterialized(_ gradOutputs: [Tensor?]) throws -> SmallList<Tensor?> {
        SmallList(try backward(gradOutputs))
    }
}

// MARK: - AccumulateGrad

/// The node that adds gradients into a leaf's `.grad` (PyTorch's `AccumulateGrad`). One per
/// leaf while a graph that uses the leaf is alive.
package final class AccumulateGrad: Node {
    private let leaf: Tensor

    package init(variable: Tensor) {
        leaf = variable
        super.init(name: "torch::autograd::AccumulateGrad", isAccumulator: true)
        outputMetadata.append(TensorMetadata(variable))
    }

    deinit {
        // The leaf's record points here without owning us (see `AutogradMeta.gradAccumulator`).
        if let meta = leaf.autograd, meta.gradAccumulator === self { meta.gradAccumulator = nil }
    }

    override public var variable: Tensor? { leaf }

    override package func apply(_ gradOutputs: SmallList<Tensor>, createGraph: Bool) throws -> SmallList<Tensor?> {
        var grad: Tensor? = gradOutputs[0]
        try accumulate(&grad, createGraph: createGraph)
        return SmallList()
    }

    /// Adds `incoming` into the leaf's `.grad`, running the leaf's hooks first. The engine hands
    /// the gradient over (leaving `incoming` nil), so that a gradient nobody else holds becomes
    /// `.grad` itself instead of a copy (PyTorch's AccumulateGrad "steals" it the same way).
    package func accumulate(_ incoming: inout Tensor?, createGraph: Bool) throws {
        guard var grad = incoming.take() else { return }
        if let hooks = leaf.autograd?.hooks, !hooks.isEmpty {
            for hook in hooks { grad = try hook(grad) }
        }
        let meta = leaf.autogradMeta
        if let existing = meta.grad {
            if createGraph || existing.requiresGrad {
                meta.grad = existing + grad
            } else {
                if !existing.flatCPUInPlace(.add, grad) { withNoGrad { _ = existing.add_(grad) } }
            }
        } else if createGraph {
            meta.grad = grad
        } else if grad.isUntracked && grad.layout.isNonOverlappingAndDense && grad.storageOffset == 0
                    && obeysLayoutContract(grad) && isKnownUniquelyReferenced(&grad) && takeSoleOwnership(&grad) {
            // Nothing else can see this tensor or its memory: it becomes `.grad` as it is.
            meta.grad = grad
        } else {
            // A fresh copy: the incoming gradient may also be another leaf's or the caller's
            // tensor, and later accumulation writes into `.grad` in place.
            meta.grad = try cloneObeyingLayoutContract(grad)
        }
        for hook in meta.postAccumulateHooks { hook.body(leaf) }
    }

    override package func releaseOwnedObjects(into teardown: inout [AnyObject]) { teardown.append(leaf) }

    // Note [Gradient layout contract]
    // As in PyTorch, a leaf's `.grad` has the leaf's strides when the leaf is dense and
    // non-overlapping (a transposed weight gets a transposed gradient), and is contiguous
    // otherwise. A gradient that arrives in another layout is copied into that one. Kernels that
    // read a parameter and its gradient together (the fused optimizer steps, see Note [Fused
    // optimizer steps]) then see one layout, and the products' backward formulas produce the
    // gradient of a column-major operand in column-major order so that no copy is needed (see
    // Note [Product gradient layouts]).

    /// Whether `grad` has the layout `.grad` must have (PyTorch's `obeys_layout_contract`):
    /// the leaf's strides (ignoring dims of size 1) for a dense leaf, else contiguous.
    private func obeysLayoutContract(_ grad: Tensor) -> Bool {
        guard leaf.layout.isNonOverlappingAndDense else { return grad.isContiguous }
        let shape = grad.layout.shape, strides = grad.layout.strides, leafStrides = leaf.layout.strides
        guard shape == leaf.layout.shape else { return grad.isContiguous }
        for d in 0..<shape.count where shape[d] != 1 && strides[d] != leafStrides[d] { return false }
        return true
    }

    /// Whether nothing but `grad` (held only by the caller) can see its memory. A view qualifies
    /// when its base is held by nothing but the view and the storage by nothing but the two (a
    /// product's gradient transposed twice, as a `Linear` weight's is: see Note [Product gradient
    /// layouts]); it is then cut loose from its base, which it no longer needs.
    /// The empty storage a view holds while its own storage's holders are counted (shared, so
    /// that a step's gradients allocate nothing for it).
    private static let lentStorage = try! Backends.cpu.makeStorage(byteCount: 0, device: .cpu)

    private func takeSoleOwnership(_ grad: inout Tensor) -> Bool {
        guard grad.viewBase != nil else { return isKnownUniquelyReferenced(&grad.storage) }
        guard isKnownUniquelyReferenced(&grad.viewBase), grad.viewBase!.storage === grad.storage,
              grad.viewBase!.isUntracked else { return false }
        // Count the storage's holders without the view's own reference: lend the view an empty
        // storage while the base's reference is tested, then give the storage back.
        grad.storage = Self.lentStorage
        let sole = isKnownUniquelyReferenced(&grad.viewBase!.storage)
        grad.storage = grad.viewBase!.storage
        if sole { grad.viewBase = nil }
        return sole
    }

    /// A copy of `grad` in the layout `.grad` must have (PyTorch's `clone_obey_contract`).
    private func cloneObeyingLayoutContract(_ grad: Tensor) throws(TensorError) -> Tensor {
        let out = leaf.layout.isNonOverlappingAndDense && grad.layout.shape == leaf.layout.shape
            ? try leaf.uninitializedPreservingFormat(dtype: grad.dtype, device: grad.device)
            : try Tensor.uninitialized(grad.layout.shape, dtype: grad.dtype, device: grad.device)
        grad.backend.copy(grad.buffer, into: out.buffer)
        return out
    }
}
