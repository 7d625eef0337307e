// GRUCellTests.swift
//
// One fused GRU step (`Tensor.gruCellForward` and `gruCellBackward`, Note [Fused GRU] in EmberNN),
// forward and backward, against PyTorch's GRU cell formulas evaluated here in Double, element by
// element. The sizes cover whole vectors and a row's last partial vector, one row and rows split
// across threads, with and without biases, in float32 and float64; CI runs the suite again at
// each lower EMBER_CPU_CAPABILITY, where the step is composed from tensor ops instead.

import Foundation
import Testing
import EmberCore

@Suite struct GRUCellTests {
    /// The sizes of the LSTM cell's tests.
    @Test(arguments: LSTMCellTests.cases)
    func forwardAndBackward(_ c: LSTMCellCase) {
        manualSeed(9)
        let b = c.rows, h = c.hidden, dtype = c.dtype
        let hPrev = Tensor.randn([b, h], dtype: dtype), weightT = Tensor.randn([h, 3 * h], dtype: dtype) * 0.5
        let projected = Tensor.randn([b, 3 * h], dtype: dtype)
        let biasInput = c.bias ? Tensor.randn([3 * h], dtype: dtype) : nil
        let biasHidden = c.bias ? Tensor.randn([3 * h], dtype: dtype) : nil
        let gates = Tensor.empty([b, 3 * h], dtype: dtype), hiddenGate = Tensor.empty([b, h], dtype: dtype)
        let output = Tensor.empty([b, h], dtype: dtype)
        Tensor.gruCellForward(hidden: hPrev, weight: PackedProductOperand(weightT), projected: projected,
                              biasInput: biasInput, biasHidden: biasHidden, gates: gates, hiddenGate: hiddenGate,
                              output: output)

        func doubles(_ t: Tensor) -> [Double] { t.to(.float64).contiguous().scalars(as: Double.self) }
        let hp = doubles(hPrev), w = doubles(weightT), p = doubles(projected)
        let bi = biasInput.map(doubles) ?? [Double](repeating: 0, count: 3 * h)
        let bh = biasHidden.map(doubles) ?? [Double](repeating: 0, count: 3 * h)
        var acts = [Double](repeating: 0, count: b * 3 * h), hn = [Double](repeating: 0, count: b * h)
        var hidden = hn
        for r in 0..<b {
            var gh = [Double](repeating: 0, count: 3 * h)
            for j in 0..<(3 * h) {
                var sum = bh[j]
                for q in 0..<h { sum += hp[r * h + q] * w[q * 3 * h + j] }
                gh[j] = sum
            }
            for j in 0..<h {
                let row = r * 3 * h
                let rg = LSTMCellTests.sigmoid(p[row + j] + bi[j] + gh[j])
                let zg = LSTMCellTests.sigmoid(p[row + h + j] + bi[h + j] + gh[h + j])
                let ng = Foundation.tanh(p[row + 2 * h + j] + bi[2 * h + j] + rg * gh[2 * h + j])
                acts[row + j] = rg
                acts[row + h + j] = zg
                acts[row + 2 * h + j] = ng
                hn[r * h + j] = gh[2 * h + j]
                hidden[r * h + j] = ng + zg * (hp[r * h + j] - ng)
            }
        }
        LSTMCellTests.expectClose(gates, acts, "gates", dtype)
        LSTMCellTests.expectClose(hiddenGate, hn, "hidden part of n", dtype)
        LSTMCellTests.expectClose(output, hidden, "hidden", dtype)

        // Backward from the kernel's own activations (so that only the backward's error counts).
        let weight = weightT.t().contiguous()  // W_hh [3H, H]
        let gradHidden = Tensor.randn([b, h], dtype: dtype), gradOutput = Tensor.randn([b, h], dtype: dtype)
        let dInput = Tensor.empty([b, 3 * h], dtype: dtype), dHidden = Tensor.empty([b, 3 * h], dtype: dtype)
        let dPrevious = Tensor.empty([b, h], dtype: dtype)
        Tensor.gruCellBackward(activations: gates, hiddenGate: hiddenGate, previousHidden: hPrev,
                               gradHidden: gradHidden, gradOutput: gradOutput, weight: PackedProductOperand(weight),
                               gradGatesInput: dInput, gradGatesHidden: dHidden, gradPreviousHidden: dPrevious)
        let a = doubles(gates), hnk = doubles(hiddenGate), d1 = doubles(gradHidden), d2 = doubles(gradOutput)
        let wv = doubles(weight)
        var di = [Double](repeating: 0, count: b * 3 * h), dhs = di, dp = [Double](repeating: 0, count: b * h)
        for r in 0..<b {
            let row = r * 3 * h
            for j in 0..<h {
                let k = r * h + j
                let rg = a[row + j], zg = a[row + h + j], ng = a[row + 2 * h + j]
                let d = d1[k] + d2[k]
                let dnPre = d * (1 - zg) * (1 - ng * ng)
                let drPre = dnPre * hnk[k] * rg * (1 - rg)
                let dzPre = d * (hp[k] - ng) * zg * (1 - zg)
                di[row + j] = drPre
                di[row + h + j] = dzPre
                di[row + 2 * h + j] = dnPre
                dhs[row + j] = drPre
                dhs[row + h + j] = dzPre
                dhs[row + 2 * h + j] = dnPre * rg
                dp[k] = d * zg
            }
            for q in 0..<h {
                for j in 0..<(3 * h) { dp[r * h + q] += dhs[row + j] * wv[j * h + q] }
            }
        }
        LSTMCellTests.expectClose(dInput, di, "input-side gate gradients", dtype)
        LSTMCellTests.expectClose(dHidden, dhs, "hidden-side gate gradients", dtype)
        LSTMCellTests.expectClose(dPrevious, dp, "previous hidden state's gradient", dtype)
    }
}
