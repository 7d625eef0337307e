import EmberCore

// MARK: - Fused LSTM

// Note [Fused LSTM]
//
// Run op by op, one LSTM step records about a dozen autograd nodes (the gate product, four
// chunks, three sigmoids, two tanhs, the cell update) and makes as many passes over the gates; a
// 64-step sequence then spends most of its time in per-op overhead. Without a projection and on
// unpacked CPU data, each direction of a layer instead runs as one custom autograd function:
//
// - forward: the input projection `x @ W_ih^T` for all steps is one matrix product (done by the
//   caller, so its gradient flows through ordinary autograd); each step is one product
//   `h @ W_hh^T` (the weight packed once for all steps: `PackedProductOperand`) written into that
//   step's slice of the kept gates, and one fused pass (`Tensor.lstmCellForward`, the backend's
//   `lstmCell`: one vectorized loop in VectorMathTemplate.h, the batch's rows split across
//   threads) that adds the projection and the biases `b_ih + b_hh` (summed once, so that no
//   `[T*B, 4H]` broadcast of them is written), activates the gates in place and forms `c_t`,
//   `tanh(c_t)` and `h_t`. The activated gates, the cells and their tanh are kept for backward.
// - backward: per step (in reverse processing order) one fused pass (`lstmCellBackward`) forms
//   the gradients of the four gates and of `c_{t-1}` from the kept activations, and one matrix
//   product (by the packed `W_hh`) gives the gradient of `h_{t-1}`; the gradient of `W_hh` is
//   then one product over all steps at once (`dGates^T @ H_prev`), the gradient of the input
//   projection is `dGates` itself and that of the biases its sum over rows. A backend without
//   the fused passes composes them from tensor ops.
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
        // The biases are added inside the step (see Note [Fused LSTM]).
        let projected = RecurrentMath.linear(data, w.inputWeight, nil)
        let flag = Tensor.full([], reverse ? 1 : 0)
        let outputs = if let bias {
            FusedLSTMFunction.apply(projected, w.hiddenWeight, h0, c0, flag, bias)
        } else {
            FusedLSTMFunction.apply(projected, w.hiddenWeight, h0, c0, flag)
        }
        return (outputs[0], [outputs[1], outputs[2]])
    }

    /// Each step's previous hidden state, in time order (`[T * B, H]`), from a direction's outputs
    /// `out` and its initial state `h0`: the gradient of `W_hh` is one product with it.
    static func previousHiddenStates(_ out: Tensor, _ h0: Tensor, steps: Int, batch: Int, reverse: Bool) -> Tensor {
        reverse
            ? Tensor.cat([out.narrow(dim: 0, start: batch, length: (steps - 1) * batch), h0], dim: 0)
            : Tensor.cat([h0, out.narrow(dim: 0, start: 0, length: (steps - 1) * batch)], dim: 0)
    }
}

/// The custom function of Note [Fused LSTM]: inputs `(projected [T*B, 4H], W_hh [4H, H],
/// h0 [B, H], c0 [B, H], reverse flag)` and the summed biases `[4H]` where the layer has them,
/// outputs `(out [T*B, H], h_n, c_n)`.
enum FusedLSTMFunction: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        let projected = inputs[0], whh = inputs[1], h0 = inputs[2].contiguous(), c0 = inputs[3].contiguous()
        let reverse = inputs[4].item() != 0, bias = inputs.count > 5 ? inputs[5] : nil
        let batch = h0.size(0), hidden = h0.size(1), steps = projected.size(0) / max(batch, 1)
        let acts = Tensor.empty([steps, batch, 4 * hidden], dtype: projected.dtype)
        let cells = Tensor.empty([steps, batch, hidden], dtype: projected.dtype)
        let tanhCells = Tensor.empty([steps, batch, hidden], dtype: projected.dtype)
        let out = Tensor.empty([steps * batch, hidden], dtype: projected.dtype)
        // Packed once for the products of all steps (a float32 weight on the CPU: see
        // `PackedProductOperand`), transposed first so that the packing reads it by rows.
        let whhT = PackedProductOperand(whh.t().contiguous())
        var h = h0, c = c0
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let cell = cells.select(dim: 0, index: t), output = out.narrow(dim: 0, start: t * batch, length: batch)
            Tensor.lstmCellForward(hidden: h, weight: whhT,
                                   projected: projected.narrow(dim: 0, start: t * batch, length: batch), bias: bias,
                                   previousCell: c, gates: acts.select(dim: 0, index: t), cell: cell,
                                   tanhCell: tanhCells.select(dim: 0, index: t), output: output)
            h = output
            c = cell
        }
        ctx.values["reverse"] = reverse
        // The inputs themselves too, for a backward that records its graph (h0 and c0 above may
        // be contiguous copies, made without history).
        ctx.saveForBackward(acts, cells, out, whh, h0, c0, projected, inputs[2], inputs[3], tanhCells)
        if let bias { ctx.saveForBackward(bias) }
        return [out, h.clone(), c.clone()]
    }

    static func backward(_ ctx: FunctionContext, _ grads: [Tensor]) throws -> [Tensor?] {
        let saved = ctx.savedTensors
        let acts = saved[0], cells = saved[1], out = saved[2], whh = saved[3], h0 = saved[4], c0 = saved[5]
        let tanhCells = saved[9], bias = saved.count > 10 ? saved[10] : nil
        let reverse = ctx.values["reverse"] as? Bool ?? false
        if isGradEnabled {
            // A backward that records its own graph (createGraph): see Note [Fused LSTM].
            return differentiableBackward(saved[6], whh, saved[7], saved[8], bias, reverse: reverse, grads)
        }
        let steps = acts.size(0), batch = acts.size(1), hidden = cells.size(2)
        let gradOut = grads[0].contiguous()
        var dh = grads[1].contiguous()
        let dc = grads[2].contiguous().clone()
        let dGates = Tensor.empty([steps, batch, 4 * hidden], dtype: acts.dtype)
        let packedWhh = PackedProductOperand(whh)
        for s in 0..<steps {
            // The forward processed step `t` at position `steps - 1 - s`; undo in reverse.
            let t = reverse ? s : steps - 1 - s
            let prevIndex = reverse ? t + 1 : t - 1
            let cPrev = prevIndex >= 0 && prevIndex < steps ? cells.select(dim: 0, index: prevIndex) : c0
            let dg = dGates.select(dim: 0, index: t)
            Tensor.lstmCellBackward(activations: acts.select(dim: 0, index: t),
                                    tanhCell: tanhCells.select(dim: 0, index: t), previousCell: cPrev,
                                    gradHidden: dh, gradOutput: gradOut.narrow(dim: 0, start: t * batch, length: batch),
                                    gradCell: dc, gradGates: dg)
            dh = packedWhh.multiply(dg)
        }
        let flat = dGates.reshape([steps * batch, 4 * hidden])
        var dWhh: Tensor? = nil
        if ctx.needsInputGrad[1] {
            let previous = FusedLSTM.previousHiddenStates(out, h0, steps: steps, batch: batch, reverse: reverse)
            dWhh = flat.t().mm(previous)
        }
        let dBias = bias != nil && ctx.needsInputGrad[5] ? [flat.sum(dim: 0)] : bias.map { _ in [nil] } ?? []
        return [flat, dWhh, dh, dc, nil] + dBias
    }

    /// The backward pass from the inputs alone, in differentiable ops, for a backward that records
    /// its own graph: the gates and cells are recomputed as functions of `projected`, `whh`, `h0`
    /// and `c0` (the forward's kept ones are constants to autograd), then the same per-step
    /// formulas as `cellBackward` run as tensor ops.
    private static func differentiableBackward(_ projected: Tensor, _ whh: Tensor, _ h0: Tensor, _ c0: Tensor,
                                               _ bias: Tensor?, reverse: Bool, _ grads: [Tensor]) -> [Tensor?] {
        let batch = h0.size(0), steps = projected.size(0) / max(batch, 1)
        struct Step { let i, f, g, o, tanhCell, cPrev, hPrev: Tensor }
        var kept = [Step?](repeating: nil, count: steps)
        var h = h0, c = c0
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let part = projected.narrow(dim: 0, start: t * batch, length: batch) + h.mm(whh.t())
            let gates = bias.map { part + $0 } ?? part
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
        return [flat, flat.t().mm(previous), dh, dc, nil] + (bias.map { _ in [flat.sum(dim: 0)] } ?? [])
    }
}
