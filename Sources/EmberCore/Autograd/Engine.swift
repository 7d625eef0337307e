import EmberBackend

// MARK: - Engine

/// Runs backward passes: counts dependencies, runs nodes once all their gradients have
/// arrived, sums gradients that meet, and reduces broadcast gradients to each input's shape.
/// Iterative throughout (a 100,000-op chain needs no deep stack).
package enum Engine {
    package typealias Edge = (node: Node, inputIndex: Int)

    /// Runs the graph from `roots` (edge, gradient). With `captures`, returns the gradients that
    /// reach those edges (PyTorch's `autograd.grad`) and writes no `.grad`; otherwise leaves
    /// accumulate, limited to `accumulateInto` when given.
    package static func run(
        roots: [(edge: Edge, grad: Tensor)], retainGraph: Bool, createGraph: Bool,
        captures: [Edge]? = nil, accumulateInto: Set<ObjectIdentifier>? = nil
    ) throws -> [Tensor?] {
        // 1. Discover the graph and count each node's incoming edges.
        var dependencies: [ObjectIdentifier: Int] = [:]
        var seen: Set<ObjectIdentifier> = []
        var stack: [Node] = []
        for root in roots where seen.insert(ObjectIdentifier(root.edge.node)).inserted {
            stack.append(root.edge.node)
        }
        while let node = stack.popLast() {
            for case let edge? in node.nextFunctions {
                let id = ObjectIdentifier(edge.node)
                dependencies[id, default: 0] += 1
                if seen.insert(id).inserted { stack.append(edge.node) }
            }
        }

        // 2. Seed the root gradients.
        var buffers: [ObjectIdentifier: [Tensor?]] = [:]
        func add(_ grad: Tensor, to edge: Edge) {
            let id = ObjectIdentifier(edge.node)
            var buffer = buffers[id] ?? Array(repeating: nil, count: max(edge.node.outputMetadata.count, 1))
            if let existing = buffer[edge.inputIndex] {
                buffer[edge.inputIndex] = existing + grad
            } else {
                buffer[edge.inputIndex] = grad
            }
            buffers[id] = buffer
        }
        var ready: [Node] = []
        var queued: Set<ObjectIdentifier> = []
        for root in roots {
            add(root.grad, to: root.edge)
            let id = ObjectIdentifier(root.edge.node)
            if dependencies[id, default: 0] == 0 && queued.insert(id).inserted { ready.append(root.edge.node) }
        }

        var captured: [Tensor?] = Array(repeating: nil, count: captures?.count ?? 0)

        // 3. Run nodes whose gradients are complete.
        try withGrad(enabled: createGraph) {
            while let node = ready.popLast() {
                let id = ObjectIdentifier(node)
                var grads = buffers.removeValue(forKey: id) ?? []
                // Tensor hooks and retained gradients of this node's outputs.
                for (index, hooks) in node.outputHooks where index < grads.count {
                    for hook in hooks {
                        if let g = grads[index], let replaced = try hook.body(g) { grads[index] = replaced }
                    }
                }
                for (index, weak) in node.retainedOutputs where index < grads.count {
                    if let tensor = weak.tensor, let g = grads[index] {
                        tensor.autogradMeta.grad = createGraph ? g : g.detach()
                    }
                }
                if let captures {
                    for (k, edge) in captures.enumerated() where edge.node === node && edge.inputIndex < grads.count {
                        if let g = grads[edge.inputIndex] {
                            // A leaf's hooks run before its gradient is reported.
                            var value = g
                            if let leaf = (node as? AccumulateGrad)?.variable {
                                for hook in leaf.autograd?.hooks ?? [] {
                                    if let replaced = try hook.body(value) { value = replaced }
                                }
                            }
                            captured[k] = captured[k].map { $0 + value } ?? value
                        }
                    }
                }
                var inputGrads: [Tensor?] = []
                let skipLeaf: Bool = {
                    guard let accumulator = node as? AccumulateGrad else { return false }
                    if captures != nil { return true }
                    if let accumulateInto, let v = accumulator.variable {
                        return !accumulateInto.contains(ObjectIdentifier(v))
                    }
                    return false
                }()
                if !skipLeaf && grads.contains(where: { $0 != nil }) {
                    let materialized = grads.enumerated().map { i, g in
                        g ?? Tensor.zeros(Array(node.outputMetadata[i].shape), dtype: node.outputMetadata[i].dtype,
                                          device: node.outputMetadata[i].device)
                    }
                    inputGrads = try node.apply(materialized, createGraph: createGraph)
                }
                if !retainGraph { node.releaseSavedTensors() }
                for (i, edgeOrNil) in node.nextFunctions.enumerated() {
                    guard let edge = edgeOrNil else { continue }
                    if i < inputGrads.count, let g = inputGrads[i] {
                        add(try reduce(g, to: node.inputMetadata[i], node: node, index: i), to: edge)
                    }
                    let next = ObjectIdentifier(edge.node)
                    dependencies[next, default: 1] -= 1
                    if dependencies[next] == 0 && queued.insert(next).inserted { ready.append(edge.node) }
                }
            }
        }
        return captured
    }

    /// A gradient summed down to (and cast to) the input it belongs to (see "broadcast gradients").
    ///
    /// Note: broadcast gradients. Ops broadcast their inputs; their derivative formulas return
    /// gradients of the broadcast shape, and this is the one place that sums them back.
    static func reduce(_ grad: Tensor, to metadata: TensorMetadata?, node: Node, index: Int) throws(TensorError) -> Tensor {
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
            if !dims.isEmpty { g = g.sum(dim: dims, keepdim: true) }
            g = g.reshape(Array(target))
        }
        if g.dtype != metadata.dtype { g = g.to(metadata.dtype) }
        if g.device != metadata.device { g = g.to(metadata.device) }
        return g
    }
}
