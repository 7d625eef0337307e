// LSTMCellTests.swift
//
// One fused LSTM step (`Tensor.lstmCellForward` and `lstmCellBackward`, Note [Fused LSTM] in
// EmberNN), forward and backward, against the cell's formulas evaluated here in Double, element
// by element. The sizes cover whole vectors and a row's last partial vector (hidden 1, 7, 16, 21,
// 40), one row and rows split across threads, with and without biases, in float32 and float64.
// CI runs the suite again at each lower EMBER_CPU_CAPABILITY, where the step is composed from
// tensor ops instead, so both ways are checked against the same numbers.

import Foundation
import Testing
import EmberCore

struct LSTMCellCase: CustomTestStringConvertible, Sendable {
    var rows: Int, hidden: Int, bias: Bool, dtype: DType
    var testDescription: String { "\(rows)x\(hidden) bias=\(bias) \(dtype)" }
}

@Suite struct LSTMCellTests {
    static let cases: [LSTMCellCase] = [
        LSTMCellCase(rows: 1, hidden: 1, bias: true, dtype: .float32),
        LSTMCellCase(rows: 3, hidden: 7, bias: false, dtype: .float32),
        LSTMCellCase(rows: 2, hidden: 16, bias: true, dtype: .float32),
        LSTMCellCase(rows: 33, hidden: 21, bias: true, dtype: .float32),
        LSTMCellCase(rows: 64, hidden: 40, bias: false, dtype: .float32),
        LSTMCellCase(rows: 5, hidden: 21, bias: true, dtype: .float64),
        LSTMCellCase(rows: 40, hidden: 9, bias: false, dtype: .float64),
    ]

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    static func expectClose(_ actual: Tensor, _ expected: [Double], _ what: String, _ dtype: DType) {
        let values = actual.to(.float64).contiguous().scalars(as: Double.self)
        #expect(values.count == expected.count, "\(what): count")
        let tolerance = dtype == .float32 ? 2e-6 : 1e-13
        let worst = zip(values, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= tolerance, "\(what): worst relative error \(worst)")
    }

    @Test(arguments: cases)
    func forwardAndBackward(_ c: LSTMCellCase) {
        manualSeed(7)
        let b = c.rows, h = c.hidden, dtype = c.dtype
        let hPrev = Tensor.randn([b, h], dtype: dtype), weightT = Tensor.randn([h, 4 * h], dtype: dtype) * 0.5
        let projected = Tensor.randn([b, 4 * h], dtype: dtype), cPrev = Tensor.randn([b, h], dtype: dtype)
        let bias = c.bias ? Tensor.randn([4 * h], dtype: dtype) : nil
        let gates = Tensor.empty([b, 4 * h], dtype: dtype), cell = Tensor.empty([b, h], dtype: dtype)
        let tanhCell = Tensor.empty([b, h], dtype: dtype), output = Tensor.empty([b, h], dtype: dtype)
        Tensor.lstmCellForward(hidden: hPrev, weight: PackedProductOperand(weightT), projected: projected, bias: bias,
                               previousCell: cPrev, gates: gates, cell: cell, tanhCell: tanhCell, output: output)

        // The reference, in Double from the same inputs.
        func doubles(_ t: Tensor) -> [Double] { t.to(.float64).contiguous().scalars(as: Double.self) }
        let hp = doubles(hPrev), w = doubles(weightT), p = doubles(projected), cp = doubles(cPrev)
        let bs = bias.map(doubles) ?? [Double](repeating: 0, count: 4 * h)
        var acts = [Double](repeating: 0, count: b * 4 * h), cells = [Double](repeating: 0, count: b * h)
        var tanhCells = cells, hidden = cells
        for r in 0..<b {
            for j in 0..<(4 * h) {
                var sum = p[r * 4 * h + j] + bs[j]
                for q in 0..<h { sum += hp[r * h + q] * w[q * 4 * h + j] }
                acts[r * 4 * h + j] = j / h == 2 ? Foundation.tanh(sum) : Self.sigmoid(sum)
            }
            for j in 0..<h {
                let a = r * 4 * h
                let cv = acts[a + h + j] * cp[r * h + j] + acts[a + j] * acts[a + 2 * h + j]
                cells[r * h + j] = cv
                tanhCells[r * h + j] = Foundation.tanh(cv)
                hidden[r * h + j] = acts[a + 3 * h + j] * Foundation.tanh(cv)
            }
        }
        Self.expectClose(gates, acts, "gates", dtype)
        Self.expectClose(cell, cells, "cell", dtype)
        Self.expectClose(tanhCell, tanhCells, "tanh(cell)", dtype)
        Self.expectClose(output, hidden, "hidden", dtype)

        // Backward from the kernel's own activations (so that only the backward's error counts).
        let gradHidden = Tensor.randn([b, h], dtype: dtype), gradOutput = Tensor.randn([b, h], dtype: dtype)
        let gradCell = Tensor.randn([b, h], dtype: dtype), gradGates = Tensor.empty([b, 4 * h], dtype: dtype)
        let a = doubles(gates), tc = doubles(tanhCell), dh1 = doubles(gradHidden), dh2 = doubles(gradOutput)
        let dc0 = doubles(gradCell)
        Tensor.lstmCellBackward(activations: gates, tanhCell: tanhCell, previousCell: cPrev, gradHidden: gradHidden,
                                gradOutput: gradOutput, gradCell: gradCell, gradGates: gradGates)
        var dGates = [Double](repeating: 0, count: b * 4 * h), dc = [Double](repeating: 0, count: b * h)
        for r in 0..<b {
            for j in 0..<h {
                let k = r * h + j, row = r * 4 * h
                let i = a[row + j], f = a[row + h + j], g = a[row + 2 * h + j], o = a[row + 3 * h + j]
                let dhv = dh1[k] + dh2[k]
                let dct = dc0[k] + dhv * o * (1 - tc[k] * tc[k])
                dGates[row + j] = dct * g * i * (1 - i)
                dGates[row + h + j] = dct * cp[k] * f * (1 - f)
                dGates[row + 2 * h + j] = dct * i * (1 - g * g)
                dGates[row + 3 * h + j] = dhv * tc[k] * o * (1 - o)
                dc[k] = dct * f
            }
        }
        Self.expectClose(gradGates, dGates, "gate gradients", dtype)
        Self.expectClose(gradCell, dc, "previous cell's gradient", dtype)
    }

    /// NaN in one element stays in its own element (and its cell), and saturated gates stay exact.
    @Test func nanAndSaturation() {
        let h = 17
        var values = [Float](repeating: 0, count: 4 * h)
        values[0] = .nan
        values[1] = 100
        values[h + 1] = -100
        let projected = Tensor(values).reshape([1, 4 * h])
        let gates = Tensor.empty([1, 4 * h]), cell = Tensor.empty([1, h]), tanhCell = Tensor.empty([1, h])
        let output = Tensor.empty([1, h])
        Tensor.lstmCellForward(hidden: Tensor.zeros([1, h]), weight: PackedProductOperand(Tensor.zeros([h, 4 * h])),
                               projected: projected, bias: nil, previousCell: Tensor.ones([1, h]), gates: gates,
                               cell: cell, tanhCell: tanhCell, output: output)
        let c = cell.scalars(as: Float.self), g = gates.scalars(as: Float.self)
        #expect(g[0].isNaN && c[0].isNaN)
        #expect(g[1] == 1 && g[h + 1] == 0 && c[1] == 0)
        #expect(c[2...].allSatisfy { $0 == 0.5 }, "σ(0) * 1 + σ(0) * tanh(0)")
    }
}
