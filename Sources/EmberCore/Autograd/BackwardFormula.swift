import EmberBackend

// MARK: - BackwardFormula

// Note [Built-in backward formulas]
// Most nodes of a training step are arithmetic (`AddBackward0`, `MulBackward0`...), reductions
// (`SumBackward0`, `MeanBackward0`) and views (`ViewBackward0`, `TBackward0`...). A capturing
// closure for their formula costs a context allocation per recorded op (the captured number or
// shapes), and the closure's calling convention an array for the gradients in, one for the
// saved tensors and one for the gradients out, per backward step. Their formulas are therefore
// cases of `BackwardFormula`, which a `FunctionNode` runs on small lists (see Note [Small lists
// in nodes]); a view keeps its one-tensor map (`.view`) without the closure that adapted it to
// lists; every other op records a `.closure`. A case computes exactly what the closure it
// replaces computed, in the same order, so the graph a `createGraph` pass records is the same.

/// How a `FunctionNode` computes its inputs' gradients from its output's gradient.
package enum BackwardFormula {
    /// Any formula: the gradients of the outputs and the saved tensors in, the inputs' out.
    case closure(FunctionNode.Backward)
    /// A view's (one input, one output, nothing saved): `[map(g)]`.
    case view((Tensor) -> Tensor)
    /// `a + b`: `[g, g]`.
    case add
    /// `a - b`: `[g, -g]`.
    case sub
    /// `a * b`, saving `[a, b]`: `[g * b, g * a]`.
    case mul
    /// `a / b`, saving `[a, b]`: `[g / b, -g * a / (b * b)]`.
    case div
    /// An op of a tensor and a number whose derivative for the tensor is 1 (`x + c`, `c + x`,
    /// `x - c`, `x % c`): `[g, nil]`.
    case passFirst
    /// `c - x`: `[-g, nil]`.
    case negateFirst
    /// `x * c`, `c * x`: `[g.mul(c), nil]`.
    case scaleFirst(Scalar)
    /// `x / c`: `[g.div(c), nil]`.
    case divideFirst(Scalar)
    /// `sum` or `mean` (`scale` 1/count) over the dims in `mask`: the gradient reshaped to the
    /// input's shape with those dims 1 (unless 0-dim), expanded to the input's shape (from the
    /// node's input metadata, so that the case stays small), and scaled: `[spread * scale]`.
    case spread(mask: ReductionDimSet, scale: Double?)

    /// The inputs' gradients for a built-in case (not `.closure`), from the output's gradient.
    package func apply(_ g: Tensor, saved s: SmallList<Tensor>, node: Node) throws -> SmallList<Tensor?> {
        switch self {
        case .closure: preconditionFailure("a closure formula runs through its closure")
        case .view(let map): return SmallList(map(g))
        case .add: return SmallList(g, g)
        case .sub: return SmallList(g, -g)
        case .mul: return SmallList(g * s[1], g * s[0])
        case .div: return SmallList(g / s[1], -g * s[0] / (s[1] * s[1]))
        case .passFirst: return SmallList(g, nil)
        case .negateFirst: return SmallList(-g, nil)
        case .scaleFirst(let c): return SmallList(g.mul(c), nil)
        case .divideFirst(let c): return SmallList(g.div(c), nil)
        case .spread(let mask, let scale):
            let input = node.inputMetadata[0]!.shape
            var kept = input
            for d in 0..<kept.count where mask.contains(d) { kept[d] = 1 }
            // A 0-dim gradient (every dim reduced, without keepdim) expands as it is.
            let reshaped = g.dim == 0 ? g : g.reshape(Array(kept))
            let spread = attempt { try reshaped.expanded(dims: input) }  // `expand`, without its array
            return SmallList(scale.map { spread * $0 } ?? spread)
        }
    }
}
