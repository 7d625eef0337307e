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
        let h = gates.size(1) / 4
        return (gates.narrow(dim: 1, start: 0, length: h), gates.narrow(dim: 1, start: h, length: h),
                gates.narrow(dim: 1, start: 2 * h, length: h), gates.narrow(dim: 1, start: 3 * h, length: h))
    }
}
