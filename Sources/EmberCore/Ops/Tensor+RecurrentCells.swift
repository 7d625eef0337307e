import EmberBackend

// MARK: - Fused LSTM steps

extension Tensor {
    /// One step of a fused LSTM's forward (see Note [Fused LSTM] in EmberNN), written into the
    /// caller's buffers and recorded nowhere: `gates` `[B, 4H]` receives the activated gates
    /// `(σ(i), σ(f), tanh(g), σ(o))` of `projected + hidden @ weight + bias` (`bias` `[4H]`, or
    /// none), `cell` `σ(f) * previousCell + σ(i) * tanh(g)`, `tanhCell` its tanh and `output`
    /// `σ(o) * tanhCell`. `hidden` is `[B, H]`, `weight` `[H, 4H]` (`W_hh^T`); the outputs are
    /// contiguous and every operand has one floating dtype on one device.
    package static func lstmCellForward(hidden: Tensor, weight: PackedProductOperand, projected: Tensor, bias: Tensor?,
                                        previousCell: Tensor, gates: Tensor, cell: Tensor, tanhCell: Tensor,
                                        output: Tensor) {
        let backend = gates.backend
        weight.multiply(hidden, into: gates)
        let projected = projected.contiguous(), previousCell = previousCell.contiguous()
        let bias = bias?.contiguous()
        if backend.lstmCell(gates: gates.buffer, projected: projected.buffer, bias: bias?.buffer,
                            previousCell: previousCell.buffer, cell: cell.buffer, tanhCell: tanhCell.buffer,
                            hidden: output.buffer) { return }
        withNoGrad {
            gates.add_(projected)
            if let bias { gates.add_(bias) }
            let (i, f, g, o) = lstmGateBlocks(gates)
            i.sigmoid_()
            f.sigmoid_()
            g.tanh_()
            o.sigmoid_()
            cell.copy_(f * previousCell + i * g)
            tanhCell.copy_(cell.tanh())
            output.copy_(o * tanhCell)
        }
    }

    /// The backward of one `lstmCellForward` step, recorded nowhere: the gates' gradients into
    /// `gradGates` `[B, 4H]`, and `gradCell` (the gradient of the step's cell on entry) replaced by
    /// that of `previousCell`. The gradient of the step's hidden state comes in two parts,
    /// `gradHidden` from the next step and `gradOutput` from the layer's output. `gradCell` and
    /// `gradGates` are contiguous.
    package static func lstmCellBackward(activations: Tensor, tanhCell: Tensor, previousCell: Tensor,
                                         gradHidden: Tensor, gradOutput: Tensor, gradCell: Tensor,
                                         gradGates: Tensor) {
        let operands = [activations, tanhCell, previousCell, gradHidden, gradOutput].map { $0.contiguous() }
        if gradGates.backend.lstmCellBackward(activations: operands[0].buffer, tanhCell: operands[1].buffer,
                                              previousCell: operands[2].buffer, gradHidden: operands[3].buffer,
                                              gradOutput: operands[4].buffer, gradCell: gradCell.buffer,
                                              gradGates: gradGates.buffer) { return }
        withNoGrad {
            let (i, f, g, o) = lstmGateBlocks(activations)
            let (di, df, dg, dO) = lstmGateBlocks(gradGates)
            let dh = gradHidden + gradOutput
            let dc = gradCell + dh * o * (1 - tanhCell * tanhCell)
            di.copy_(dc * g * i * (1 - i))
            df.copy_(dc * previousCell * f * (1 - f))
            dg.copy_(dc * i * (1 - g * g))
            dO.copy_(dh * tanhCell * o * (1 - o))
            gradCell.copy_(dc * f)
        }
    }

    /// The four `[B, H]` blocks of a `[B, 4H]` gates tensor, in PyTorch's order `i, f, g, o`.
    private static func lstmGateBlocks(_ gates: Tensor) -> (Tensor, Tensor, Tensor, Tensor) {
        let b = gateBlocks(gates, 4)
        return (b[0], b[1], b[2], b[3])
    }

    /// The `count` `[B, H]` blocks of a `[B, count * H]` gates tensor, as views.
    private static func gateBlocks(_ gates: Tensor, _ count: Int) -> [Tensor] {
        let h = gates.size(1) / count
        return (0..<count).map { gates.narrow(dim: 1, start: $0 * h, length: h) }
    }
}

// MARK: - Fused GRU steps

extension Tensor {
    /// One step of a fused GRU's forward (see Note [Fused GRU] in EmberNN), written into the
    /// caller's buffers and recorded nowhere: `gates` `[B, 3H]` receives the activated gates `r =
    /// σ(projected_r + biasInput_r + (hidden @ weight)_r + biasHidden_r)`, `z` likewise and `n =
    /// tanh(projected_n + biasInput_n + r * hiddenGate)`, where `hiddenGate` `[B, H]` receives
    /// `(hidden @ weight)_n + biasHidden_n`, and `output` `n + z * (hidden - n)` (PyTorch's gate
    /// order and formula). `hidden` is `[B, H]`, `weight` `[H, 3H]` (`W_hh^T`), the biases `[3H]`
    /// or none; the outputs are contiguous and every operand has one floating dtype on one device.
    package static func gruCellForward(hidden: Tensor, weight: PackedProductOperand, projected: Tensor,
                                       biasInput: Tensor?, biasHidden: Tensor?, gates: Tensor, hiddenGate: Tensor,
                                       output: Tensor) {
        let backend = gates.backend
        weight.multiply(hidden, into: gates)
        let projected = projected.contiguous(), previous = hidden.contiguous()
        let biasInput = biasInput?.contiguous(), biasHidden = biasHidden?.contiguous()
        if backend.gruCell(gates: gates.buffer, projected: projected.buffer, biasInput: biasInput?.buffer,
                           biasHidden: biasHidden?.buffer, previousHidden: previous.buffer,
                           hiddenGate: hiddenGate.buffer, hidden: output.buffer) { return }
        withNoGrad {
            let gi = biasInput.map { projected + $0 } ?? projected
            let gh = biasHidden.map { gates + $0 } ?? gates.clone()
            let i = gateBlocks(gi, 3), h = gateBlocks(gh, 3), g = gateBlocks(gates, 3)
            let r = (i[0] + h[0]).sigmoid(), z = (i[1] + h[1]).sigmoid()
            let n = (i[2] + r * h[2]).tanh()
            hiddenGate.copy_(h[2])
            g[0].copy_(r)
            g[1].copy_(z)
            g[2].copy_(n)
            output.copy_(n + z * (previous - n))
        }
    }

    /// The backward of one `gruCellForward` step, recorded nowhere: from the activated gates,
    /// `hiddenGate` and `previousHidden` of the step and the gradient of its hidden state in two
    /// parts (`gradHidden` from the next step, `gradOutput` from the layer's output), the
    /// gradients of the gates' pre-activations on the input side into `gradGatesInput` `[B, 3H]`
    /// and on the hidden side into `gradGatesHidden` (`n`'s multiplied by `r`), and the previous
    /// hidden state's gradient into `gradPreviousHidden` `[B, H]`, `weight` (`W_hh` `[3H, H]`)
    /// included. The outputs are contiguous.
    package static func gruCellBackward(activations: Tensor, hiddenGate: Tensor, previousHidden: Tensor,
                                        gradHidden: Tensor, gradOutput: Tensor, weight: PackedProductOperand,
                                        gradGatesInput: Tensor, gradGatesHidden: Tensor, gradPreviousHidden: Tensor) {
        let operands = [activations, hiddenGate, previousHidden, gradHidden, gradOutput].map { $0.contiguous() }
        if !gradGatesInput.backend.gruCellBackward(
            activations: operands[0].buffer, hiddenGate: operands[1].buffer, previousHidden: operands[2].buffer,
            gradHidden: operands[3].buffer, gradOutput: operands[4].buffer, gradGatesInput: gradGatesInput.buffer,
            gradGatesHidden: gradGatesHidden.buffer, gradPreviousHidden: gradPreviousHidden.buffer) {
            withNoGrad {
                let a = gateBlocks(activations, 3), di = gateBlocks(gradGatesInput, 3)
                let dh = gateBlocks(gradGatesHidden, 3)
                let r = a[0], z = a[1], n = a[2]
                let d = gradHidden + gradOutput
                let dnPre = d * (1 - z) * (1 - n * n)
                let drPre = dnPre * hiddenGate * r * (1 - r)
                let dzPre = d * (previousHidden - n) * z * (1 - z)
                di[0].copy_(drPre)
                di[1].copy_(dzPre)
                di[2].copy_(dnPre)
                dh[0].copy_(drPre)
                dh[1].copy_(dzPre)
                dh[2].copy_(dnPre * r)
                gradPreviousHidden.copy_(d * z)
            }
        }
        weight.multiply(gradGatesHidden, into: gradPreviousHidden, accumulating: true)
    }
}
