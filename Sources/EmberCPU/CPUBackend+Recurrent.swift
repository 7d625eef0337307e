import CEmberSIMD
import EmberBackend

// MARK: - LSTM and GRU cells, fused

// One LSTM or GRU step's element-wise work (Note [Fused LSTM] and Note [Fused GRU] in EmberNN) in
// one pass per direction: `ember_vm_lstm_cell_*`, `ember_vm_gru_cell_*` and their backward in
// VectorMathTemplate.h, with the batch's rows split across the pool's threads. Without AVX2
// these return false and the caller composes the same formulas from tensor ops.

extension CPUBackend {
    @usableFromInline package func lstmCell(gates: StridedBuffer, projected: StridedBuffer, bias: StridedBuffer?,
                                             previousCell: StridedBuffer, cell: StridedBuffer, tanhCell: StridedBuffer,
                                             hidden: StridedBuffer) -> Bool {
        let buffers = [gates, projected, previousCell, cell, tanhCell, hidden]
        guard let isa = VectorMath.instructionSet, let (rows, width) = RecurrentKernels.shape(buffers, gates: 4),
              RecurrentKernels.isBias(bias, gates.dtype, 4 * width) else { return false }
        if gates.dtype == .float32 {
            let b = UnsafeSendableBox(bias.map { UnsafePointer($0.pointer(as: Float.self)) })
            let kernel = isa == .avx512 ? ember_vm_lstm_cell_f32_avx512 : ember_vm_lstm_cell_f32_avx2
            RecurrentKernels.forRows(rows, width, buffers, Float.self) { r, p in
                kernel(r, width, p[0], p[1], b.value, p[2], p[3], p[4], p[5])
            }
        } else {
            let b = UnsafeSendableBox(bias.map { UnsafePointer($0.pointer(as: Double.self)) })
            let kernel = isa == .avx512 ? ember_vm_lstm_cell_f64_avx512 : ember_vm_lstm_cell_f64_avx2
            RecurrentKernels.forRows(rows, width, buffers, Double.self) { r, p in
                kernel(r, width, p[0], p[1], b.value, p[2], p[3], p[4], p[5])
            }
        }
        return true
    }

    @usableFromInline package func lstmCellBackward(activations: StridedBuffer, tanhCell: StridedBuffer,
                                                     previousCell: StridedBuffer, gradHidden: StridedBuffer,
                                                     gradOutput: StridedBuffer, gradCell: StridedBuffer,
                                                     gradGates: StridedBuffer) -> Bool {
        let buffers = [activations, tanhCell, previousCell, gradHidden, gradOutput, gradCell, gradGates]
        guard let isa = VectorMath.instructionSet, let (rows, width) = RecurrentKernels.shape(buffers, gates: 4)
        else { return false }
        if activations.dtype == .float32 {
            let kernel = isa == .avx512 ? ember_vm_lstm_cell_backward_f32_avx512 : ember_vm_lstm_cell_backward_f32_avx2
            RecurrentKernels.forRows(rows, width, buffers, Float.self) { r, p in
                kernel(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6])
            }
        } else {
            let kernel = isa == .avx512 ? ember_vm_lstm_cell_backward_f64_avx512 : ember_vm_lstm_cell_backward_f64_avx2
            RecurrentKernels.forRows(rows, width, buffers, Double.self) { r, p in
                kernel(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6])
            }
        }
        return true
    }
}

extension CPUBackend {
    @usableFromInline package func gruCell(gates: StridedBuffer, projected: StridedBuffer, biasInput: StridedBuffer?,
                                            biasHidden: StridedBuffer?, previousHidden: StridedBuffer,
                                            hiddenGate: StridedBuffer, hidden: StridedBuffer) -> Bool {
        let buffers = [gates, projected, previousHidden, hiddenGate, hidden]
        guard let isa = VectorMath.instructionSet, let (rows, width) = RecurrentKernels.shape(buffers, gates: 3),
              RecurrentKernels.isBias(biasInput, gates.dtype, 3 * width),
              RecurrentKernels.isBias(biasHidden, gates.dtype, 3 * width) else { return false }
        if gates.dtype == .float32 {
            let bi = UnsafeSendableBox(biasInput.map { UnsafePointer($0.pointer(as: Float.self)) })
            let bh = UnsafeSendableBox(biasHidden.map { UnsafePointer($0.pointer(as: Float.self)) })
            let kernel = isa == .avx512 ? ember_vm_gru_cell_f32_avx512 : ember_vm_gru_cell_f32_avx2
            RecurrentKernels.forRows(rows, width, buffers, Float.self) { r, p in
                kernel(r, width, p[0], p[1], bi.value, bh.value, p[2], p[3], p[4])
            }
        } else {
            let bi = UnsafeSendableBox(biasInput.map { UnsafePointer($0.pointer(as: Double.self)) })
            let bh = UnsafeSendableBox(biasHidden.map { UnsafePointer($0.pointer(as: Double.self)) })
            let kernel = isa == .avx512 ? ember_vm_gru_cell_f64_avx512 : ember_vm_gru_cell_f64_avx2
            RecurrentKernels.forRows(rows, width, buffers, Double.self) { r, p in
                kernel(r, width, p[0], p[1], bi.value, bh.value, p[2], p[3], p[4])
            }
        }
        return true
    }

    @usableFromInline package func gruCellBackward(activations: StridedBuffer, hiddenGate: StridedBuffer,
                                                    previousHidden: StridedBuffer, gradHidden: StridedBuffer,
                                                    gradOutput: StridedBuffer, gradGatesInput: StridedBuffer,
                                                    gradGatesHidden: StridedBuffer,
                                                    gradPreviousHidden: StridedBuffer) -> Bool {
        let buffers = [activations, hiddenGate, previousHidden, gradHidden, gradOutput, gradGatesInput, gradGatesHidden,
                       gradPreviousHidden]
        guard let isa = VectorMath.instructionSet, let (rows, width) = RecurrentKernels.shape(buffers, gates: 3)
        else { return false }
        if activations.dtype == .float32 {
            let kernel = isa == .avx512 ? ember_vm_gru_cell_backward_f32_avx512 : ember_vm_gru_cell_backward_f32_avx2
            RecurrentKernels.forRows(rows, width, buffers, Float.self) { r, p in
                kernel(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
            }
        } else {
            let kernel = isa == .avx512 ? ember_vm_gru_cell_backward_f64_avx512 : ember_vm_gru_cell_backward_f64_avx2
            RecurrentKernels.forRows(rows, width, buffers, Double.self) { r, p in
                kernel(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
            }
        }
        return true
    }
}

enum RecurrentKernels {
    /// `(rows, hidden)` when every buffer is a contiguous float32 or float64 matrix of one dtype
    /// with the same rows, `hidden` or `gates * hidden` wide; else nil.
    static func shape(_ buffers: [StridedBuffer], gates: Int) -> (Int, Int)? {
        let dtype = buffers[0].dtype
        guard dtype == .float32 || dtype == .float64 else { return nil }
        var rows = -1, hidden = Int.max
        for b in buffers {
            guard b.dtype == dtype, b.layout.isContiguous, b.layout.rank == 2 else { return nil }
            if rows < 0 { rows = b.layout.shape[0] }
            guard b.layout.shape[0] == rows else { return nil }
            hidden = min(hidden, b.layout.shape[1])
        }
        for b in buffers where b.layout.shape[1] != hidden && b.layout.shape[1] != gates * hidden { return nil }
        return (rows, hidden)
    }

    /// Whether `bias` is absent or a contiguous vector of `count` elements of `dtype`.
    static func isBias(_ bias: StridedBuffer?, _ dtype: DType, _ count: Int) -> Bool {
        guard let bias else { return true }
        return bias.dtype == dtype && bias.layout.isContiguous && bias.layout.rank == 1 && bias.layout.count == count
    }

    /// Runs `body(rowCount, pointers)` over pieces of the rows across the pool's threads, each
    /// buffer's pointer advanced to the piece's first row.
    static func forRows<T>(_ rows: Int, _ hidden: Int, _ buffers: [StridedBuffer], _: T.Type,
                           _ body: (Int, [UnsafeMutablePointer<T>]) -> Void) {
        let bases = UnsafeSendableBox(buffers.map { ($0.pointer(as: T.self), $0.layout.shape[1]) })
        // About 40 element-wise operations per hidden element; a few rows per thread pay for the wake.
        Parallel.forRange(rows, grain: max(1, 4096 / max(hidden, 1))) { range in
            body(range.count, bases.value.map { $0.0 + range.lowerBound * $0.1 })
        }
    }
}
