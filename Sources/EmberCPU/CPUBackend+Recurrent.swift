import CEmberSIMD
import EmberBackend

// MARK: - LSTM cells, fused

// One LSTM step's element-wise work (Note [Fused LSTM] in EmberNN) in one pass per direction:
// `ember_vm_lstm_cell_*` and `ember_vm_lstm_cell_backward_*` in VectorMathTemplate.h, with the
// batch's rows split across the pool's threads. Without AVX2 these return false and the caller
// composes the same formulas from tensor ops.

extension CPUBackend {
    @usableFromInline package func lstmCell(gates: StridedBuffer, projected: StridedBuffer, bias: StridedBuffer?,
                                             previousCell: StridedBuffer, cell: StridedBuffer, tanhCell: StridedBuffer,
                                             hidden: StridedBuffer) -> Bool {
        let buffers = [gates, projected, previousCell, cell, tanhCell, hidden]
        guard let isa = VectorMath.instructionSet, let (rows, width) = LSTMKernels.shape(buffers) else { return false }
        if let bias {
            guard bias.dtype == gates.dtype, bias.layout.isContiguous, bias.layout.shape == [4 * width] else { return false }
        }
        if gates.dtype == .float32 {
            let b = UnsafeSendableBox(bias.map { UnsafePointer($0.pointer(as: Float.self)) })
            LSTMKernels.forRows(rows, width, buffers, Float.self) { r, p in
                if isa == .avx512 {
                    ember_vm_lstm_cell_f32_avx512(r, width, p[0], p[1], b.value, p[2], p[3], p[4], p[5])
                } else {
                    ember_vm_lstm_cell_f32_avx2(r, width, p[0], p[1], b.value, p[2], p[3], p[4], p[5])
                }
            }
        } else {
            let b = UnsafeSendableBox(bias.map { UnsafePointer($0.pointer(as: Double.self)) })
            LSTMKernels.forRows(rows, width, buffers, Double.self) { r, p in
                if isa == .avx512 {
                    ember_vm_lstm_cell_f64_avx512(r, width, p[0], p[1], b.value, p[2], p[3], p[4], p[5])
                } else {
                    ember_vm_lstm_cell_f64_avx2(r, width, p[0], p[1], b.value, p[2], p[3], p[4], p[5])
                }
            }
        }
        return true
    }

    @usableFromInline package func lstmCellBackward(activations: StridedBuffer, tanhCell: StridedBuffer,
                                                     previousCell: StridedBuffer, gradHidden: StridedBuffer,
                                                     gradOutput: StridedBuffer, gradCell: StridedBuffer,
                                                     gradGates: StridedBuffer) -> Bool {
        let buffers = [activations, tanhCell, previousCell, gradHidden, gradOutput, gradCell, gradGates]
        guard let isa = VectorMath.instructionSet, let (rows, width) = LSTMKernels.shape(buffers) else { return false }
        if activations.dtype == .float32 {
            LSTMKernels.forRows(rows, width, buffers, Float.self) { r, p in
                if isa == .avx512 {
                    ember_vm_lstm_cell_backward_f32_avx512(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6])
                } else {
                    ember_vm_lstm_cell_backward_f32_avx2(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6])
                }
            }
        } else {
            LSTMKernels.forRows(rows, width, buffers, Double.self) { r, p in
                if isa == .avx512 {
                    ember_vm_lstm_cell_backward_f64_avx512(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6])
                } else {
                    ember_vm_lstm_cell_backward_f64_avx2(r, width, p[0], p[1], p[2], p[3], p[4], p[5], p[6])
                }
            }
        }
        return true
    }
}

enum LSTMKernels {
    /// `(rows, hidden)` when every buffer is a contiguous float32 or float64 matrix of one dtype
    /// with the same rows, `hidden` or `4 * hidden` wide (the gates); else nil.
    static func shape(_ buffers: [StridedBuffer]) -> (Int, Int)? {
        let dtype = buffers[0].dtype
        guard dtype == .float32 || dtype == .float64 else { return nil }
        var rows = -1, hidden = Int.max
        for b in buffers {
            guard b.dtype == dtype, b.layout.isContiguous, b.layout.rank == 2 else { return nil }
            if rows < 0 { rows = b.layout.shape[0] }
            guard b.layout.shape[0] == rows else { return nil }
            hidden = min(hidden, b.layout.shape[1])
        }
        for b in buffers where b.layout.shape[1] != hidden && b.layout.shape[1] != 4 * hidden { return nil }
        return (rows, hidden)
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
