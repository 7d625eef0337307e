import EmberCore

// MARK: - Fused LSTM

// Note [Fused LSTM]
//
// Run op by op, one LSTM step records about a dozen autograd nodes (the gate product, four
// chunks, three sigmoids, two tanhs, the cell update) and makes as many passes over the gates; a
// 64-step sequence then spends most of its time in per-op overhead. Without a projection and on
// unpacked CPU data, each direction of a layer instead runs as one custom autograd function:
//
// - forward: the input projection `x @ W_ih^T + b_ih + b_hh` for all steps is one matrix product
//   (done by the caller, so its gradient flows through ordinary autograd); each step is one
//   `addmm` (`gates_t = proj_t + h @ W_hh^T`), a tanh of the `g` block and a sigmoid of the whole
//   gates in place, and one loop that forms `c_t` and, after a vectorized tanh of `c_t`, `h_t`.
//   The activated gates and the cells of every step are kept for backward.
// - backward: per step (in reverse processing order) one loop forms the gradients of the four
//   gates and of `c_{t-1}` from the saved activations, and one matrix product gives the gradient
//   of `h_{t-1}`; the gradient of `W_hh` is then one product over all steps at once
//   (`dGates^T @ H_prev`), and the gradient of the input projection is `dGates` itself.
//
// The arithmetic is PyTorch's; only the order of some sums differs, so results agree to rounding.
// A backward that records its own graph (`createGraph`, for gradients of gradients) cannot use
// the kept activations, which are constants to autograd: it recomputes the gates from the inputs
// in ordinary differentiable ops and runs the same formulas as tensor ops, so second derivatives
// flow through the fused layer as through PyTorch's composite one.

enum FusedLSTM {
    /// Whether a direction can take the fused path: an LSTM without projection, float32 or float64
    /// on the CPU, every sequence of the same length (unpacked).
    static func applies(mode: RecurrentMode, data: Tensor, steps: [Int], _ w: RecurrentWeights) -> Bool {
        mode == .lstm && w.projectionWeight == nil && data.device == .cpu
            && (data.dtype == .float32 || data.dtype == .float64) && w.hiddenWeight.dtype == data.dtype
            && !steps.isEmpty && steps.allSatisfy({ $0 == steps[0] }) && steps[0] > 0
    }

    /// One direction of one layer over `data` `[T * B, I]`: the outputs `[T * B, H]` in time order
    /// and the final `(h, c)`.
    static func run(_ data: Tensor, batch: Int, h0: Tensor, c0: Tensor, _ w: RecurrentWeights, reverse: Bool)
        -> (Tensor, [Tensor]) {
        let bias: Tensor? = switch (w.inputBias, w.hiddenBias) {
        case let (bi?, bh?): bi + bh
        case let (bi?, nil): bi
        case let (nil, bh?): bh
        default: nil
        }
        let projected = RecurrentMath.linear(data, w.inputWeight, bias)
        let outputs = FusedLSTMFunction.apply(projected, w.hiddenWeight, h0, c0,
                                              Tensor.full([], reverse ? 1 : 0))
        return (outputs[0], [outputs[1], outputs[2]])
    }
}

/// The custom function of Note [Fused LSTM]: inputs `(projected [T*B, 4H], W_hh [4H, H],
/// h0 [B, H], c0 [B, H], reverse flag)`, outputs `(out [T*B, H], h_n, c_n)`.
enum FusedLSTMFunction: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        let projected = inputs[0], whh = inputs[1], h0 = inputs[2].contiguous(), c0 = inputs[3].contiguous()
        let reverse = inputs[4].item() != 0
        let batch = h0.size(0), hidden = h0.size(1), steps = projected.size(0) / max(batch, 1)
        let acts = Tensor.empty([steps, batch, 4 * hidden], dtype: projected.dtype)
        let cells = Tensor.empty([steps, batch, hidden], dtype: projected.dtype)
        let out = Tensor.empty([steps * batch, hidden], dtype: projected.dtype)
        // Transposed once, so that each step's product reads B by rows (a strided B is gathered
        // into the kernel's panels at every step).
        let whhT = whh.t().contiguous()
        var h = h0, c = c0
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let gates = projected.narrow(dim: 0, start: t * batch, length: batch).addmm(h, whhT)
            let g = gates.narrow(dim: 1, start: 2 * hidden, length: hidden).tanh()
            gates.sigmoid_()
            let cell = cells.select(dim: 0, index: t)
            let act = acts.select(dim: 0, index: t)
            if projected.dtype == .float64 {
                cellForward(Double.self, gates, g, c, act, cell, batch, hidden)
            } else {
                cellForward(Float.self, gates, g, c, act, cell, batch, hidden)
            }
            let tanhCell = cell.tanh()
            h = out.narrow(dim: 0, start: t * batch, length: batch)
            if projected.dtype == .float64 {
                hiddenForward(Double.self, act, tanhCell, h, batch, hidden)
            } else {
                hiddenForward(Float.self, act, tanhCell, h, batch, hidden)
            }
            c = cell
        }
        ctx.values["reverse"] = reverse
        // The inputs themselves too, for a backward that records its graph (h0 and c0 above may
        // be contiguous copies, made without history).
        ctx.saveForBackward(acts, cells, out, whh, h0, c0, projected, inputs[2], inputs[3])
        return [out, h.clone(), c.clone()]
    }

    static func backward(_ ctx: FunctionContext, _ grads: [Tensor]) throws -> [Tensor?] {
        let saved = ctx.savedTensors
        let acts = saved[0], cells = saved[1], out = saved[2], whh = saved[3], h0 = saved[4], c0 = saved[5]
        let reverse = ctx.values["reverse"] as? Bool ?? false
        if isGradEnabled {
            // A backward that records its own graph (createGraph): see Note [Fused LSTM].
            return differentiableBackward(saved[6], whh, saved[7], saved[8], reverse: reverse, grads)
        }
        let steps = acts.size(0), batch = acts.size(1), hidden = cells.size(2)
        let dtype = acts.dtype
        let gradOut = grads[0].contiguous()
        var dh = grads[1].contiguous()
        let dc = grads[2].contiguous().clone()
        let tanhCells = cells.tanh()
        let dGates = Tensor.empty([steps, batch, 4 * hidden], dtype: dtype)
        for s in 0..<steps {
            // The forward processed step `t` at position `steps - 1 - s`; undo in reverse.
            let t = reverse ? s : steps - 1 - s
            let prevIndex = reverse ? t + 1 : t - 1
            let cPrev = prevIndex >= 0 && prevIndex < steps ? cells.select(dim: 0, index: prevIndex) : c0
            let dhTotal = dh + gradOut.narrow(dim: 0, start: t * batch, length: batch)
            let dg = dGates.select(dim: 0, index: t)
            if dtype == .float64 {
                cellBackward(Double.self, acts.select(dim: 0, index: t), tanhCells.select(dim: 0, index: t), cPrev,
                             dhTotal, dc, dg, batch, hidden)
            } else {
                cellBackward(Float.self, acts.select(dim: 0, index: t), tanhCells.select(dim: 0, index: t), cPrev,
                             dhTotal, dc, dg, batch, hidden)
            }
            dh = dg.mm(whh)
        }
        let flat = dGates.reshape([steps * batch, 4 * hidden])
        var dWhh: Tensor? = nil
        if ctx.needsInputGrad[1] {
            // Each step's previous hidden state, in time order.
            let previous = reverse
                ? Tensor.cat([out.narrow(dim: 0, start: batch, length: (steps - 1) * batch), h0], dim: 0)
                : Tensor.cat([h0, out.narrow(dim: 0, start: 0, length: (steps - 1) * batch)], dim: 0)
            dWhh = flat.t().mm(previous)
        }
        return [flat, dWhh, dh, dc, nil]
    }

    /// The backward pass from the inputs alone, in differentiable ops, for a backward that records
    /// its own graph: the gates and cells are recomputed as functions of `projected`, `whh`, `h0`
    /// and `c0` (the forward's kept ones are constants to autograd), then the same per-step
    /// formulas as `cellBackward` run as tensor ops.
    private static func differentiableBackward(_ projected: Tensor, _ whh: Tensor, _ h0: Tensor, _ c0: Tensor,
                                               reverse: Bool, _ grads: [Tensor]) -> [Tensor?] {
        let batch = h0.size(0), steps = projected.size(0) / max(batch, 1)
        struct Step { let i, f, g, o, tanhCell, cPrev, hPrev: Tensor }
        var kept = [Step?](repeating: nil, count: steps)
        var h = h0, c = c0
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let gates = projected.narrow(dim: 0, start: t * batch, length: batch) + h.mm(whh.t())
            let chunks = gates.chunk(4, dim: 1)
            let i = chunks[0].sigmoid(), f = chunks[1].sigmoid(), g = chunks[2].tanh(), o = chunks[3].sigmoid()
            let cell = f * c + i * g, tanhCell = cell.tanh()
            kept[t] = Step(i: i, f: f, g: g, o: o, tanhCell: tanhCell, cPrev: c, hPrev: h)
            h = o * tanhCell
            c = cell
        }
        var dh = grads[1], dc = grads[2]
        var dGates = [Tensor](repeating: Tensor(), count: steps)
        for s in 0..<steps {
            let t = reverse ? s : steps - 1 - s
            guard let a = kept[t] else { continue }
            let dhTotal = dh + grads[0].narrow(dim: 0, start: t * batch, length: batch)
            let dct = dc + dhTotal * a.o * (1 - a.tanhCell.square())
            dGates[t] = Tensor.cat([dct * a.g * a.i * (1 - a.i), dct * a.cPrev * a.f * (1 - a.f),
                                    dct * a.i * (1 - a.g.square()), dhTotal * a.tanhCell * a.o * (1 - a.o)], dim: 1)
            dh = dGates[t].mm(whh)
            dc = dct * a.f
        }
        let flat = Tensor.cat(dGates, dim: 0)
        let previous = Tensor.cat(kept.map { $0!.hPrev }, dim: 0)
        return [flat, flat.t().mm(previous), dh, dc, nil]
    }

    /// `c = σf * cPrev + σi * tanh g`, and the activated gates (with `tanh g` in the `g` block)
    /// into `act`.
    private static func cellForward<T: TensorScalar & BinaryFloatingPoint>(
        _: T.Type, _ gates: Tensor, _ g: Tensor, _ cPrev: Tensor, _ act: Tensor, _ cell: Tensor, _ batch: Int, _ hidden: Int
    ) {
        gates.withUnsafeBufferPointer(as: T.self) { sg in
            g.withUnsafeBufferPointer(as: T.self) { tg in
                cPrev.withUnsafeBufferPointer(as: T.self) { cp in
                    act.withUnsafeMutableBufferPointer(as: T.self) { a in
                        cell.withUnsafeMutableBufferPointer(as: T.self) { c in
                            for b in 0..<batch {
                                let row = b * 4 * hidden, hrow = b * hidden
                                for j in 0..<hidden {
                                    let i = sg[row + j], f = sg[row + hidden + j], gg = tg[hrow + j]
                                    let o = sg[row + 3 * hidden + j]
                                    a[row + j] = i
                                    a[row + hidden + j] = f
                                    a[row + 2 * hidden + j] = gg
                                    a[row + 3 * hidden + j] = o
                                    c[hrow + j] = f * cp[hrow + j] + i * gg
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `h = σo * tanh c` into `h`.
    private static func hiddenForward<T: TensorScalar & BinaryFloatingPoint>(
        _: T.Type, _ act: Tensor, _ tanhCell: Tensor, _ h: Tensor, _ batch: Int, _ hidden: Int
    ) {
        act.withUnsafeBufferPointer(as: T.self) { a in
            tanhCell.withUnsafeBufferPointer(as: T.self) { tc in
                h.withUnsafeMutableBufferPointer(as: T.self) { hh in
                    for b in 0..<batch {
                        let row = b * 4 * hidden, hrow = b * hidden
                        for j in 0..<hidden { hh[hrow + j] = a[row + 3 * hidden + j] * tc[hrow + j] }
                    }
                }
            }
        }
    }

    /// The gates' gradients into `dGates` and `dc` replaced by the gradient of `cPrev`.
    private static func cellBackward<T: TensorScalar & BinaryFloatingPoint>(
        _: T.Type, _ act: Tensor, _ tanhCell: Tensor, _ cPrev: Tensor, _ dh: Tensor, _ dc: Tensor, _ dGates: Tensor,
        _ batch: Int, _ hidden: Int
    ) {
        act.withUnsafeBufferPointer(as: T.self) { a in
            tanhCell.withUnsafeBufferPointer(as: T.self) { tc in
                cPrev.withUnsafeBufferPointer(as: T.self) { cp in
                    dh.withUnsafeBufferPointer(as: T.self) { dhp in
                        dc.withUnsafeMutableBufferPointer(as: T.self) { dcp in
                            dGates.withUnsafeMutableBufferPointer(as: T.self) { dg in
                                for b in 0..<batch {
                                    let row = b * 4 * hidden, hrow = b * hidden
                                    for j in 0..<hidden {
                                        let i = a[row + j], f = a[row + hidden + j], g = a[row + 2 * hidden + j]
                                        let o = a[row + 3 * hidden + j]
                                        let tcv = tc[hrow + j], dhv = dhp[hrow + j]
                                        let dct = dcp[hrow + j] + dhv * o * (1 - tcv * tcv)
                                        dg[row + j] = dct * g * i * (1 - i)
                                        dg[row + hidden + j] = dct * cp[hrow + j] * f * (1 - f)
                                        dg[row + 2 * hidden + j] = dct * i * (1 - g * g)
                                        dg[row + 3 * hidden + j] = dhv * tcv * o * (1 - o)
                                        dcp[hrow + j] = dct * f
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
