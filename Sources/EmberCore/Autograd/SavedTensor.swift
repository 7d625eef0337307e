import EmberBackend

// MARK: - SavedTensor

// Note [Saved outputs and cycles]
// A node that saved its own output strongly would form a cycle
// (output -> node -> output). An output is therefore saved as a bare alias of its storage with no
// autograd record, and the node is linked weakly; unpacking rebuilds a tensor whose `gradFn` is
// the node, so higher-order gradients still flow through it.

/// A tensor a node keeps for its backward pass, with the version it had when saved
/// (PyTorch's `SavedVariable`).
package struct SavedTensor {
    private var tensor: Tensor?
    private let isOutput: Bool
    private let outputIndex: Int
    private let savedVersion: Int
    private let requiredGrad: Bool
    /// The node that produced the tensor and which of its outputs it was, for the in-place
    /// error message (the text is built only when it is needed).
    private let producer: (name: String, outputIndex: Int)?
    private var released = false

    /// Saves an input (kept as is) or one of the node's outputs (kept as a bare alias).
    package init(_ tensor: Tensor, isOutputOf node: Bool = false, outputIndex: Int = 0) {
        isOutput = node
        self.outputIndex = outputIndex
        savedVersion = tensor.storage.version
        requiredGrad = node ? true : tensor.requiresGrad
        producer = node ? nil : tensor.gradFn.map { ($0.name, tensor.history.outputIndex) }
        self.tensor = node ? Tensor(storage: tensor.storage, layout: tensor.layout, dtype: tensor.dtype) : tensor
    }

    /// The tensor this slot keeps alive (for teardown).
    package var ownedTensor: Tensor? { tensor }

    /// Frees the tensor (after a backward pass without `retainGraph`).
    package mutating func release() {
        tensor = nil
        released = true
    }

    /// The saved tensor, checked against in-place changes since it was saved.
    package func unpack(node: Node) throws(TensorError) -> Tensor {
        guard let tensor, !released else { throw SavedTensor.backwardTwiceError }
        if tensor.storage.version != savedVersion {
            let description = "[\(tensor.dtype.legacyTensorTypeName) \(tensor.layout.shape)]"
            let origin: String
            if isOutput {
                origin = ", which is output \(outputIndex) of \(SavedTensor.shortName(node.name)),"
            } else if let producer {
                origin = ", which is output \(producer.outputIndex) of \(SavedTensor.shortName(producer.name)),"
            } else {
                origin = ""
            }
            throw TensorError.runtime(
                "one of the variables needed for gradient computation has been modified by an inplace operation: \(description)\(origin) is at version \(tensor.storage.version); expected version \(savedVersion) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
            )
        }
        guard isOutput && requiredGrad else { return tensor }
        let alias = Tensor(storage: tensor.storage, layout: tensor.layout, dtype: tensor.dtype)
        alias.history.requiresGrad = true
        alias.history.gradFn = node
        alias.history.outputIndex = outputIndex
        return alias
    }

    /// PyTorch's error for a backward pass through a node whose saved tensors were freed.
    package static let backwardTwiceError = TensorError.runtime(
        "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."
    )

    /// `ExpBackward0` -> `Exp`, as PyTorch names the producing op in its message.
    static func shortName(_ name: String) -> String {
        var s = Substring(name)
        while let last = s.last, last.isNumber { s = s.dropLast() }
        if s.hasSuffix("Backward") { s = s.dropLast("Backward".count) }
        return String(s)
    }
}

// Note [Backward through a freed graph]
// PyTorch frees a node's saved tensors after a backward pass without `retain_graph`, and a later
// pass raises only when it reaches a node that had saved some: `y = x + 1` can be differentiated
// again and again, `y = x * 2` cannot (its `MulBackward0` saved the wrapped scalar 2), nor
// `x * x` or `x.exp()`. Ember's closures capture scalars instead of saving them, so a node with
// nothing in `saved` is not stateless for that reason alone: a node raises after its release
// unless PyTorch's node of that name saves no tensor in any of its forms (the list below, read
// from `grad_fn._saved_*` in PyTorch 2.15). A custom function's node raises only if it saved
// tensors, as PyTorch's `ctx.saved_tensors` does.

/// Facts about PyTorch's autograd nodes.
package enum PyTorchNodes {
    /// The nodes that save no tensor for their backward (sizes, dims and scalars only).
    package static let keepNoTensors: Set<String> = [
        // Arithmetic whose derivative needs no operand.
        "AddBackward0", "AddBackward1", "SubBackward0", "SubBackward1", "RsubBackward0", "RsubBackward1",
        "NegBackward0", "LerpBackward0", "RemainderBackward0", "FmodBackward0", "SignBackward0",
        "FracBackward0", "RoundBackward0", "RoundBackward1", "FloorBackward0", "CeilBackward0", "TruncBackward0",
        "Deg2RadBackward0", "Rad2DegBackward0", "NarrowCopyBackward0", "CloneBackward0", "ToCopyBackward0", "AliasBackward0",
        "torch::autograd::CopyBackwards", "CopyBackwards", "torch::autograd::NotImplemented",
        // Reductions and scans that spread the gradient evenly.
        "SumBackward0", "SumBackward1", "MeanBackward0", "MeanBackward1", "CumsumBackward0", "TraceBackward0",
        // Views and their backwards.
        "ViewBackward0", "UnsafeViewBackward0", "TBackward0", "TransposeBackward0", "PermuteBackward0",
        "ExpandBackward0", "SqueezeBackward0", "SqueezeBackward1", "SqueezeBackward2", "SqueezeBackward3",
        "SqueezeBackward4", "UnsqueezeBackward0", "SelectBackward0", "SliceBackward0",
        "AsStridedBackward0", "DiagonalBackward0", "UnfoldBackward0", "SplitBackward0",
        "SplitWithSizesBackward0", "UnbindBackward0", "SelectBackwardBackward0", "SliceBackwardBackward0",
        "DiagonalBackwardBackward0", "UnfoldBackwardBackward0", "ViewAsRealBackward0",
        // Rearrangements.
        "CatBackward0", "StackBackward0", "FlipBackward0", "RollBackward0", "RepeatBackward0",
        "TrilBackward0", "TriuBackward0", "Rot90Backward0", "DiagEmbedBackward0", "DiagonalScatterBackward0",
        "SelectScatterBackward0", "SliceScatterBackward0",
    ]
}
