import EmberBackend
import Synchronization

// MARK: - Engine

// Note [Engine state on nodes]
// A run keeps its bookkeeping (how many gradients a node still
// waits for, the gradients gathered so far) in fields of the nodes themselves, stamped with the
// run's number, rather than in dictionaries keyed by node: a lookup is then a field read, which
// is what makes small graphs cheap. The price is PyTorch's one-graph-one-thread rule made
// strict: two threads must not run backward through the same nodes at the same time.

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

        // 1. Discover the graph and count each node's incoming edges. One array serves as the
        //    discovery stack and then as the ready stack (it is empty in between).
        var stack: [Node] = []
        stack.reserveCapacity(16)
        @inline(__always) func discover(_ node: Node) -> Bool {
            guard node.engineRun != run else { return false }
            node.engineRun = run
            node.enginePending = 0
            node.engineGrad = nil
            if !node.engineOtherGrads.isEmpty { node.engineOtherGrads = [] }
            return true
        }
        for root in roots where discover(root.edge.node) { stack.append(root.edge.node) }
        while let node = stack.popLast() {
            // By index: iterating `node.edges` would copy the list (and retain all it holds).
            for i in 0..<node.edges.count {
                guard let next = node.edges[i]?.node else { continue }
                if discover(next) { stack.append(next) }
                next.enginePending += 1
            }
        }
        // A run that completes leaves no gradient parked in a node; one that throws clears them.
        var completed = false
        defer { if !completed { clearParkedGradients(from: roots.map { $0.edge.node }, run: run) } }

        // 2. Seed the root gradients.
        var ready = stack
        stack = []  // `ready` owns the buffer now
        for root in roots {
            add(root.grad, to: root.edge)
            let node = root.edge.node
            if node.enginePending == 0 && !ready.contains(where: { $0 === node }) { ready.append(node) }
        }

        var captured: [Tensor?] = Array(repeating: nil, count: captures?.count ?? 0)

        // 3. Run nodes whose gradients are complete.
        try withGrad(enabled: createGraph) {
            while let node = ready.popLast() {
                var inputGrads = SmallList<Tensor?>()
                if node.outputMetadata.count == 1 && captures == nil && node.outputObservers == nil {
                    // The common case, without the per-output bookkeeping below.
                    var grad = node.engineGrad.take()
                    if let accumulator = node as? AccumulateGrad {
                        if accumulates(accumulator, into: accumulateInto) {
                            try accumulator.accumulate(&grad, createGraph: createGraph)
                        }
                        continue
                    }
                    if let g = grad.take() { inputGrads = try node.apply(SmallList(g), createGraph: createGraph) }
                } else {
                    inputGrads = try runGeneral(node, captures: captures, captured: &captured,
                                                accumulateInto: accumulateInto, createGraph: createGraph)
                    if node is AccumulateGrad { continue }
                }
                if !retainGraph { node.releaseSavedTensors() }
                for i in node.edges.indices {
                    guard let edge = node.edges[i] else { continue }
                    if i < inputGrads.count, let g = inputGrads.take(i) {
                        add(try reduce(g, to: node.inputMetadata[i], node: node, index: i), to: edge)
                    }
                    let next = edge.node
                    next.enginePending -= 1
                    if next.enginePending == 0 { ready.append(next) }
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

    /// Adds a gradient into the buffer of the node at the end of `edge`.
    private static func add(_ grad: consuming Tensor, to edge: Edge) {
        let node = edge.node
        if edge.inputIndex == 0 {
            sum(into: &node.engineGrad, grad)
            return
        }
        let count = max(node.outputMetadata.count, 1) - 1
        if node.engineOtherGrads.count < count { node.engineOtherGrads = Array(repeating: nil, count: count) }
        sum(into: &node.engineOtherGrads[edge.inputIndex - 1], grad)
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
            _ = existing.add_(grad)
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
