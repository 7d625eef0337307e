import EmberCore

// MARK: - Fused GRU

// Note [Fused GRU]
//
// As Note [Fused LSTM], for a GRU: on unpacked CPU data each direction of a layer runs as one
// custom autograd function. The input projection `x @ W_ih^T` of all steps is one product (by the
// caller); each step is one product `h @ W_hh^T` by the weight packed once, written into that
// step's slice of the kept gates, and one fused pass (`Tensor.gruCellForward`, the backend's
// `gruCell`) that adds the projection and both biases, activates `r` and `z`, forms `n =
// tanh(x_n + b_in + r * (h_n + b_hn))` and `h' = n + z * (h - n)` (PyTorch's formula), and keeps
// the gates and the hidden part `h_n + b_hn` of `n`. The backward is, per step, one fused pass
// (`gruCellBackward`) for the gates' gradients on the input side and on the hidden side (which
// differ in `n`, whose hidden part is scaled by `r`) and the direct part `dh * z` of the previous
// hidden state's gradient, plus one product adding `dGates_h @ W_hh` to it; then `W_hh`'s gradient
// is one product over all steps, the projection's gradient is the input-side gates' gradient,
// and the biases' are the two gradients summed over rows. A backward that records its own graph
// recomputes the steps from the inputs in differentiable ops, as the LSTM's does.

enum FusedGRU {
    /// Whether a direction can take the fused path: a GRU with both biases or neither, float32 or
    /// float64 on the CPU, every sequence of the same length (unpacked).
    static func applies(mode: RecurrentMode, data: Tensor, steps: [Int], _ w: RecurrentWeights) -> Bool {
        mode == .gru && data.device == .cpu && (w.inputBias == nil) == (w.hiddenBias == nil)
            && (data.dtype == .float32 || data.dtype == .float64) && w.hiddenWeight.dtype == data.dtype
            && !steps.isEmpty && steps.allSatisfy({ $0 == steps[0] }) && steps[0] > 0
    }

    /// One direction of one layer over `data` `[T * B, I]`: the outputs `[T * B, H]` in time order
    /// and the final `h`.
    static func run(_ data: Tensor, batch: Int, h0: Tensor, _ w: RecurrentWeights, reverse: Bool)
        -> (Tensor, [Tensor]) {
        let projected = RecurrentMath.linear(data, w.inputWeight, nil)
        let flag = Tensor.full([], reverse ? 1 : 0)
        let outputs = if let bi = w.inputBias, let bh = w.hiddenBias {
            FusedGRUFunction.apply(projected, w.hiddenWeight, h0, flag, bi, bh)
        } else {
            FusedGRUFunction.apply(projected, w.hiddenWeight, h0, flag)
        }
        return (outputs[0], [outputs[1]])
    }
}

/// The custom function of Note [Fused GRU]: inputs `(projected [T*B, 3H], W_hh [3H, H], h0 [B, H],
/// reverse flag)` and the biases `b_ih`, `b_hh` `[3H]` where the layer has them; outputs
/// `(out [T*B, H], h_n)`.
enum FusedGRUFunction: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        let projected = inputs[0], whh = inputs[1], h0 = inputs[2].contiguous()
        let reverse = inputs[3].item() != 0
        let biasInput = inputs.count > 5 ? inputs[4] : nil, biasHidden = inputs.count > 5 ? inputs[5] : nil
        let batch = h0.size(0), hidden = h0.size(1), steps = projected.size(0) / max(batch, 1)
        let acts = Tensor.empty([steps, batch, 3 * hidden], dtype: projected.dtype)
        let hiddenGates = Tensor.empty([steps, batch, hidden], dtype: projected.dtype)
        let out = Tensor.empty([steps * batch, hidden], dtype: projected.dtype)
        let whhT = PackedProductOperand(whh.t().contiguous())
        var h = h0
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let output = out.narrow(dim: 0, start: t * batch, length: batch)
            Tensor.gruCellForward(hidden: h, weight: whhT,
                                  projected: projected.narrow(dim: 0, start: t * batch, length: batch),
                                  biasInput: biasInput, biasHidden: biasHidden, gates: acts.select(dim: 0, index: t),
                                  hiddenGate: hiddenGates.select(dim: 0, index: t), output: output)
            h = output
        }
        ctx.values["reverse"] = reverse
        // The inputs themselves too, for a backward that records its graph.
        ctx.saveForBackward(acts, hiddenGates, out, whh, h0, projected, inputs[2])
        if let biasInput, let biasHidden { ctx.saveForBackward(biasInput, biasHidden) }
        return [out, h.clone()]
    }

    static func backward(_ ctx: FunctionContext, _ grads: [Tensor]) throws -> [Tensor?] {
        let saved = ctx.savedTensors
        let acts = saved[0], hiddenGates = saved[1], out = saved[2], whh = saved[3], h0 = saved[4]
        let biases = saved.count > 7 ? (saved[7], saved[8]) : nil
        let reverse = ctx.values["reverse"] as? Bool ?? false
        if isGradEnabled {
            // A backward that records its own graph (createGraph): see Note [Fused GRU].
            return differentiableBackward(saved[5], whh, saved[6], biases, reverse: reverse, grads)
        }
        let steps = acts.size(0), batch = acts.size(1), hidden = hiddenGates.size(2)
        let gradOut = grads[0].contiguous()
        var dh = grads[1].contiguous()
        let dInput = Tensor.empty([steps, batch, 3 * hidden], dtype: acts.dtype)
        let dHidden = Tensor.empty([steps, batch, 3 * hidden], dtype: acts.dtype)
        let packedWhh = PackedProductOperand(whh)
        for s in 0..<steps {
            // The forward processed step `t` at position `steps - 1 - s`; undo in reverse.
            let t = reverse ? s : steps - 1 - s
            let prevIndex = reverse ? t + 1 : t - 1
            let hPrev = prevIndex >= 0 && prevIndex < steps ? out.narrow(dim: 0, start: prevIndex * batch, length: batch)
                : h0
            let dhPrev = Tensor.empty([batch, hidden], dtype: acts.dtype)
            Tensor.gruCellBackward(activations: acts.select(dim: 0, index: t),
                                   hiddenGate: hiddenGates.select(dim: 0, index: t), previousHidden: hPrev,
                                   gradHidden: dh, gradOutput: gradOut.narrow(dim: 0, start: t * batch, length: batch),
                                   weight: packedWhh, gradGatesInput: dInput.select(dim: 0, index: t),
                                   gradGatesHidden: dHidden.select(dim: 0, index: t), gradPreviousHidden: dhPrev)
            dh = dhPrev
        }
        let flatInput = dInput.reshape([steps * batch, 3 * hidden])
        let flatHidden = dHidden.reshape([steps * batch, 3 * hidden])
        var dWhh: Tensor? = nil
        if ctx.needsInputGrad[1] {
            let previous = FusedLSTM.previousHiddenStates(out, h0, steps: steps, batch: batch, reverse: reverse)
            dWhh = flatHidden.t().mm(previous)
        }
        let dBiases: [Tensor?] = biases == nil ? []
            : [ctx.needsInputGrad[4] ? flatInput.sum(dim: 0) : nil, ctx.needsInputGrad[5] ? flatHidden.sum(dim: 0) : nil]
        return [flatInput, dWhh, dh, nil] + dBiases
    }

    /// The backward pass from the inputs alone, in differentiable ops, for a backward that records
    /// its own graph: the steps are recomputed as functions of `projected`, `whh`, `h0` and the
    /// biases, then the same per-step formulas as `gruCellBackward` run as tensor ops.
    private static func differentiableBackward(_ projected: Tensor, _ whh: Tensor, _ h0: Tensor,
                                               _ biases: (Tensor, Tensor)?, reverse: Bool,
                                               _ grads: [Tensor]) -> [Tensor?] {
        let batch = h0.size(0), steps = projected.size(0) / max(batch, 1)
        struct Step { let r, z, n, hiddenGate, hPrev: Tensor }
        var kept = [Step?](repeating: nil, count: steps)
        var h = h0
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let part = projected.narrow(dim: 0, start: t * batch, length: batch), product = h.mm(whh.t())
            let gi = (biases.map { part + $0.0 } ?? part).chunk(3, dim: 1)
            let gh = (biases.map { product + $0.1 } ?? product).chunk(3, dim: 1)
            let r = (gi[0] + gh[0]).sigmoid(), z = (gi[1] + gh[1]).sigmoid()
            let n = (gi[2] + r * gh[2]).tanh()
            kept[t] = Step(r: r, z: z, n: n, hiddenGate: gh[2], hPrev: h)
            h = n + z * (h - n)
        }
        var dh = grads[1]
        var dInput = [Tensor](repeating: Tensor(), count: steps), dHidden = dInput
        for s in 0..<steps {
            let t = reverse ? s : steps - 1 - s
            guard let a = kept[t] else { continue }
            let d = dh + grads[0].narrow(dim: 0, start: t * batch, length: batch)
            let dnPre = d * (1 - a.z) * (1 - a.n * a.n)
            let drPre = dnPre * a.hiddenGate * a.r * (1 - a.r)
            let dzPre = d * (a.hPrev - a.n) * a.z * (1 - a.z)
            dInput[t] = Tensor.cat([drPre, dzPre, dnPre], dim: 1)
            dHidden[t] = Tensor.cat([drPre, dzPre, dnPre * a.r], dim: 1)
            dh = d * a.z + dHidden[t].mm(whh)
        }
        let flatInput = Tensor.cat(dInput, dim: 0), flatHidden = Tensor.cat(dHidden, dim: 0)
        let previous = Tensor.cat(kept.map { $0!.hPrev }, dim: 0)
        return [flatInput, flatHidden.t().mm(previous), dh, nil]
            + (biases == nil ? [] : [flatInput.sum(dim: 0), flatHidden.sum(dim: 0)])
    }
}
