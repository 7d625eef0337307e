import EmberBackend
import Synchronization

// MARK: - Engine

// Note [Engine state on nodes]
// A run keeps its bookkeeping (how many gradients a node still
// waits for, the gradients gathered so far) in fields of the nodes themselves, stamped with the
// run's number, rather than in dictionaries keyed by node: a lookup is then a field read, which
// is what makes small graphs cheap. The price is PyTorch's one-graph-one-thread rule made
// strict: two threads must not run backward through the same nodes at the same time.

// Note [Unretained nodes in the engine]
// The engine's stacks hold nodes as `Unmanaged` references and walk edges without retaining
// the nodes they reach: a retain and a release per node per stack push and per edge read are
// atomic operations, a large part of a small graph's backward. This is safe because the roots'
// edges are held (strongly) by `run`'s `roots` for the whole run, every node the run reaches
// is reachable from them through edges, and a node's edges never change while it is alive
// (only its deinit clears them). Releasing saved tensors (`retainGraph` false), hooks and
// accumulation drop tensors, never edges, so no reached node can be freed before `run` returns.

/// Runs backward passes: counts dependencies, runs nodes once all their gradients have
/// arrived, sums gradients that meet, and reduces broadcast gradients to each input's shape.
/// Iterative throughout (a 100,000-op chain needs no deep stack).
package enum Engine {
    package typealias Edge = (node: Node, inputIndex: Int)

    private static let runCounter = Atomic<Int>(0)

    /// Runs the graph from `roots` (edge, gradient). With `captures`, returns the gradients that
    /// reach those edges (PyTorch's `autograd.grad`) and writes no `.grad`; otherwise leaves
    /// accumulate, limited to `accumulateInto` when given.
    package static func run(
        roots: [(edge: Edge, grad: Tensor)], retainGraph: Bool, createGraph: Bool,
        captures: [Edge]? = nil, accumulateInto: Set<ObjectIdentifier>? = nil
    ) throws -> [Tensor?] {
        let run = runCounter.wrappingAdd(1, ordering: .relaxed).newValue

        // 1. Discover the graph and count each node's incoming edges. The stacks (discovery,
        //    then ready) hold nodes unretained: see Note [Unretained nodes in the engine].
        var stack = NodeStack()
        @inline(__always) func discover(_ node: Node) -> Bool {
            guard node.engineRun != run else { return false }
            node.engineRun = run
            node.enginePending = 0
            node.engineGrad = nil
            if !node.engineOtherGrads.isEmpty { node.engineOtherGrads = [] }
            return true
        }
        for root in roots where discover(root.edge.node) { stack.push(Unmanaged.passUnretained(root.edge.node)) }
        while let popped = stack.pop() {
            popped._withUnsafeGuaranteedRef { node in
                for i in 0..<node.edges.count {
                    guard let next = node.edgeTarget(i)?.node else { continue }
                    next._withUnsafeGuaranteedRef { next in
                        if discover(next) { stack.push(Unmanaged.passUnretained(next)) }
                        next.enginePending += 1
                    }
                }
            }
        }
        // A run that completes leaves no gradient parked in a node; one that throws clears them.
        var completed = false
        defer { if !completed { clearParkedGradients(from: roots.map { $0.edge.node }, run: run) } }

        // 2. Seed the root gradients.
        var ready = stack  // empty now; a long graph's spilled array is reused
        for root in roots {
            add(root.grad, to: root.edge)
            let node = root.edge.node
            if node.enginePending == 0 && !ready.contains(node) {
                ready.push(Unmanaged.passUnretained(node))
            }
        }

        var captured: [Tensor?] = Array(repeating: nil, count: captures?.count ?? 0)

        // 3. Run nodes whose gradients are complete.
        try withGrad(enabled: createGraph) {
            while let popped = ready.pop() {
                try popped._withUnsafeGuaranteedRef { (node) throws in
                    var inputGrads = SmallList<Tensor?>()
                    if node.outputMetadata.count == 1 && captures == nil && node.outputObservers == nil {
                        // The common case, without the per-output bookkeeping below.
                        var grad = node.engineGrad.take()
                        if node.isAccumulator {
                            let accumulator = unsafeDowncast(node, to: AccumulateGrad.self)
                            if accumulates(accumulator, into: accumulateInto) {
                                try accumulator.accumulate(&grad, createGraph: createGraph)
                            }
                            return
                        }
                        if let g = grad.take() { inputGrads = try node.apply(SmallList(g), createGraph: createGraph) }
                    } else {
                        inputGrads = try runGeneral(node, captures: captures, captured: &captured,
                                                    accumulateInto: accumulateInto, createGraph: createGraph)
                        if node.isAccumulator { return }
                    }
                    if !retainGraph { node.releaseSavedTensors() }
                    for i in 0..<node.edges.count {
                        guard let (target, inputIndex) = node.edgeTarget(i) else { continue }
                        if i < inputGrads.count, let g = inputGrads.take(i) {
                            let grad = try reduce(g, to: node.inputMetadata[i], node: node, index: i)
                            target._withUnsafeGuaranteedRef { add(grad, to: $0, input: inputIndex) }
                        }
                        target._withUnsafeGuaranteedRef { next in
                            next.enginePending -= 1
                            if next.enginePending == 0 { ready.push(target) }
                        }
                    }
                }
            }
        }
        completed = true
        return captured
    }

    /// Runs a node with several outputs, output hooks, retained outputs or captures: the
    /// gradients of all its outputs gathered, hooked, retained and captured, then applied.
    private static func runGeneral(
        _ node: Node, captures: [Edge]?, captured: inout [Tensor?], accumulateInto: Set<ObjectIdentifier>?,
        createGraph: Bool
    ) throws -> SmallList<Tensor?> {
        var grads = takeGrads(of: node)
        // Tensor hooks and retained gradients of this node's outputs.
        if let observers = node.outputObservers {
            for (index, hooks) in observers.hooks where index < grads.count {
                for hook in hooks {
                    if let g = grads[index] { grads[index] = try hook(g) }
                }
            }
            for (index, weak) in observers.retained where index < grads.count {
                if let tensor = weak.tensor, let g = grads[index] {
                    tensor.autogradMeta.grad = createGraph ? g : g.detach()
                }
            }
        }
        if let captures {
            for (k, edge) in captures.enumerated() where edge.node === node && edge.inputIndex < grads.count {
                if let g = grads[edge.inputIndex] {
                    // A leaf's hooks run before its gradient is reported.
                    var value = g
                    if let leaf = (node as? AccumulateGrad)?.variable {
                        for hook in leaf.autograd?.hooks ?? [] { value = try hook(value) }
                    }
                    captured[k] = captured[k].map { $0 + value } ?? value
                }
            }
        }
        if let accumulator = node as? AccumulateGrad {
            // Leaves: accumulate into `.grad`, unless only captured or filtered out.
            if captures == nil, accumulates(accumulator, into: accumulateInto) {
                var grad = grads.isEmpty ? nil : grads[0]
                grads = []  // the accumulator may keep the gradient if nothing else holds it
                try accumulator.accumulate(&grad, createGraph: createGraph)
            }
            return SmallList()
        }
        guard grads.contains(where: { $0 != nil }) else { return SmallList() }
        if let node = node as? OptionalGradNode { return try node.applyUnmaterialized(grads) }
        var materialized = SmallList<Tensor>()
        for (i, g) in grads.enumerated() {
            let meta = node.outputMetadata[i]!
            materialized.append(g ?? Tensor.zeros(Array(meta.shape), dtype: meta.dtype, device: meta.device))
        }
        grads = []
        return try node.apply(materialized, createGraph: createGraph)
    }

    /// Whether a leaf's accumulator writes `.grad` in this run: always, unless `backward(inputs:)`
    /// limited the run to other leaves.
    private static func accumulates(_ accumulator: AccumulateGrad, into filter: Set<ObjectIdentifier>?) -> Bool {
        guard let filter else { return true }
        return accumulator.variable.map { filter.contains(ObjectIdentifier($0)) } ?? false
    }

    /// After a run that threw: drops the gradients it parked in the nodes it reached.
    private static func clearParkedGradients(from roots: [Node], run: Int) {
        var stack = roots
        while let node = stack.popLast() {
            guard node.engineRun == run else { continue }
            node.engineRun = 0
            node.engineGrad = nil
            node.engineOtherGrads = []
            for case let edge? in node.edges { stack.append(edge.node) }
        }
    }

    /// A stack of unretained nodes (see Note [Unretained nodes in the engine]) whose first 16
    /// live inline, on the caller's stack: a small graph's backward allocates no array for them.
    private struct NodeStack {
        private var inline = InlineArray<16, Unmanaged<Node>?>(repeating: nil)
        private var spill: [Unmanaged<Node>] = []
        private var count = 0

        mutating func push(_ node: Unmanaged<Node>) {
            if count < 16 { inline[count] = node } else { spill.append(node) }
            count += 1
        }

        mutating func pop() -> Unmanaged<Node>? {
            guard count > 0 else { return nil }
            count -= 1
            return count < 16 ? inline[count] : spill.removeLast()
        }

        func contains(_ node: Node) -> Bool {
            let target = Unmanaged.passUnretained(node).toOpaque()
            for i in 0..<Swift.min(count, 16) where inline[i]!.toOpaque() == target { return true }
            return spill.contains { $0.toOpaque() == target }
        }
    }

    /// Adds a gradient into the buffer of the node at the end of `edge`.
    private static func add(_ grad: consuming Tensor, to edge: Edge) {
        add(grad, to: edge.node, input: edge.inputIndex)
    }

    /// Adds a gradient into the buffer of `node` for its output `inputIndex` (the index of the
    /// edge that reaches it).
    @inline(__always)
    private static func add(_ grad: consuming Tensor, to node: Node, input inputIndex: Int) {
        if inputIndex == 0 {
            sum(into: &node.engineGrad, grad)
            return
        }
        let count = max(node.outputMetadata.count, 1) - 1
        if node.engineOtherGrads.count < count { node.engineOtherGrads = Array(repeating: nil, count: count) }
        sum(into: &node.engineOtherGrads[inputIndex - 1], grad)
    }

    /// `buffer = buffer + grad`, in place when nothing else can see the buffer (as PyTorch's
    /// InputBuffer accumulates): a gradient that only the engine holds, in memory of its own,
    /// dense, and not recorded (no `createGraph`).
    private static func sum(into buffer: inout Tensor?, _ grad: consuming Tensor) {
        guard var existing = buffer.take() else {
            buffer = grad
            return
        }
        if !isGradEnabled && existing.isUntracked && grad.isUntracked && existing.viewBase == nil
            && existing.isContiguous && existing.dtype == grad.dtype && existing.layout.shape == grad.layout.shape
            && existing.storage !== grad.storage
            && isKnownUniquelyReferenced(&existing) && isKnownUniquelyReferenced(&existing.storage) {
            if !existing.flatCPUInPlace(.add, grad) { _ = existing.add_(grad) }
            buffer = existing
            return
        }
        buffer = existing + grad
    }

    /// Moves a node's gathered gradients out of it, one entry per output.
    private static func takeGrads(of node: Node) -> [Tensor?] {
        var grads: [Tensor?] = [node.engineGrad]
        node.engineGrad = nil
        if node.outputMetadata.count > 1 {
            grads.append(contentsOf: node.engineOtherGrads)
            if grads.count < node.outputMetadata.count {
                grads.append(contentsOf: repeatElement(nil, count: node.outputMetadata.count - grads.count))
            }
            node.engineOtherGrads = []
        }
        return grads
    }

    // Note [Broadcast gradients]
    // Ops broadcast their inputs; their derivative formulas return
    // gradients of the broadcast shape, and this is the one place that sums them back.

    /// A gradient summed down to (and cast to) the input it belongs to (see "broadcast gradients").
    static func reduce(_ grad: consuming Tensor, to metadata: TensorMetadata?, node: Node, index: Int) throws(TensorError) -> Tensor {
        guard let metadata else { return grad }
        var g = grad
        if g.layout.shape != metadata.shape {
            let target = metadata.shape
            guard let _ = Layout(contiguous: target).broadcast(to: g.layout.shape) else {
                throw TensorError.runtime(
                    "Function \(node.name) returned an invalid gradient at index \(index) - got \(g.layout.shape) but expected shape compatible with \(target)")
            }
            let lead = g.dim - target.count
            var dims: [Int] = Array(0..<lead)
            for i in 0..<target.count where target[i] == 1 && g.layout.shape[lead + i] != 1 { dims.append(lead + i) }
            if !dims.isEmpty { g = g.sum(dims: dims, keepdim: true) }
            g = g.reshape(Array(target))
        }
        if g.dtype != metadata.dtype { g = g.to(metadata.dtype) }
        if g.device != metadata.device { g = g.to(metadata.device) }
        return g
    }
}
