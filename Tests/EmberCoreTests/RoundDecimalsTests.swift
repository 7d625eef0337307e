// RoundDecimalsTests.swift
//
// round(decimals=) against what PyTorch 2.15 printed (its algorithm: `nearbyint(x * 10^d) / 10^d`,
// or `nearbyint(x / 10^-d) * 10^-d`, with 10^|d| rounded to the element type, so that huge `d`
// gives NaN):
//
//     import torch
//     x = [1.2345, -1.2345, 2.5, 3.5, -2.5, 0.125, 1234.5678, -0., nan, inf, -inf, 1e300, 0.0049999]
//     for d in [0, 1, 2, 3, -1, -2, -3, 20, 400, -400]:
//         print(torch.round(torch.tensor(x, dtype=torch.float64), decimals=d).tolist(),
//               torch.round(torch.tensor(x), decimals=d).tolist())
//     torch.round(torch.tensor([15, 25]), decimals=1)    # NotImplementedError: "round_cpu" not implemented for 'Long'
//     torch.round(torch.tensor([15, 25]), decimals=0)    # NotImplementedError: "round_vml_cpu" not implemented for 'Long'
//     torch.round(torch.tensor([True]), decimals=1)      # NotImplementedError: "round_cpu" not implemented for 'Bool'
//     torch.tensor([15, 25]).round_(decimals=1)          # NotImplementedError: "round_cpu" not implemented for 'Long'

import Testing
import Ember
import EmberTestSupport

struct RoundCase: Sendable, CustomTestStringConvertible {
    let decimals: Int
    let f64: [Double], f32: [Double]
    init(_ decimals: Int, f64: [Double], f32: [Double]) { self.decimals = decimals; self.f64 = f64; self.f32 = f32 }
    var testDescription: String { "decimals \(decimals)" }
}

@Suite struct RoundDecimalsTests {
    static let input: [Double] = [1.2345, -1.2345, 2.5, 3.5, -2.5, 0.125, 1234.5678, -0.0, .nan, .infinity, -.infinity, 1e300, 0.0049999]

    static let cases: [RoundCase] = [
        RoundCase(0, f64: [1.0, -1.0, 2.0, 4.0, -2.0, 0.0, 1235.0, -0.0, .nan, .infinity, -.infinity, 1e+300, 0.0],
                  f32: [1.0, -1.0, 2.0, 4.0, -2.0, 0.0, 1235.0, -0.0, .nan, .infinity, -.infinity, .infinity, 0.0]),
        RoundCase(1, f64: [1.2, -1.2, 2.5, 3.5, -2.5, 0.1, 1234.6, -0.0, .nan, .infinity, -.infinity, 1e+300, 0.0],
                  f32: [1.2000000476837158, -1.2000000476837158, 2.5, 3.5, -2.5, 0.10000000149011612, 1234.5999755859375, -0.0, .nan, .infinity, -.infinity, .infinity, 0.0]),
        RoundCase(2, f64: [1.23, -1.23, 2.5, 3.5, -2.5, 0.12, 1234.57, -0.0, .nan, .infinity, -.infinity, 1e+300, 0.0],
                  f32: [1.2300000190734863, -1.2300000190734863, 2.5, 3.5, -2.5, 0.11999999731779099, 1234.5699462890625, -0.0, .nan, .infinity, -.infinity, .infinity, 0.0]),
        RoundCase(3, f64: [1.234, -1.234, 2.5, 3.5, -2.5, 0.125, 1234.568, -0.0, .nan, .infinity, -.infinity, 1e+300, 0.005],
                  f32: [1.2339999675750732, -1.2339999675750732, 2.5, 3.5, -2.5, 0.125, 1234.5679931640625, -0.0, .nan, .infinity, -.infinity, .infinity, 0.004999999888241291]),
        RoundCase(-1, f64: [0.0, -0.0, 0.0, 0.0, -0.0, 0.0, 1230.0, -0.0, .nan, .infinity, -.infinity, 1e+300, 0.0],
                  f32: [0.0, -0.0, 0.0, 0.0, -0.0, 0.0, 1230.0, -0.0, .nan, .infinity, -.infinity, .infinity, 0.0]),
        RoundCase(-2, f64: [0.0, -0.0, 0.0, 0.0, -0.0, 0.0, 1200.0, -0.0, .nan, .infinity, -.infinity, 1e+300, 0.0],
                  f32: [0.0, -0.0, 0.0, 0.0, -0.0, 0.0, 1200.0, -0.0, .nan, .infinity, -.infinity, .infinity, 0.0]),
        RoundCase(-3, f64: [0.0, -0.0, 0.0, 0.0, -0.0, 0.0, 1000.0, -0.0, .nan, .infinity, -.infinity, 1e+300, 0.0],
                  f32: [0.0, -0.0, 0.0, 0.0, -0.0, 0.0, 1000.0, -0.0, .nan, .infinity, -.infinity, .infinity, 0.0]),
        RoundCase(20, f64: [1.2345, -1.2345, 2.5, 3.5, -2.5, 0.125, 1234.5678, -0.0, .nan, .infinity, -.infinity, .infinity, 0.0049999],
                  f32: [1.2345000505447388, -1.2345000505447388, 2.5, 3.499999761581421, -2.5, 0.125, 1234.5677490234375, -0.0, .nan, .infinity, -.infinity, .infinity, 0.00499989977106452]),
        RoundCase(400, f64: [.nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan],
                  f32: [.nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan]),
        RoundCase(-400, f64: [.nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan],
                  f32: [.nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan]),
    ]

    @Test(arguments: cases) func values(_ c: RoundCase) {
        expectClose(Tensor(Self.input, dtype: .float64).round(decimals: c.decimals), shape: [13], c.f64, dtype: .float64, tolerance: 0)
        expectClose(Tensor(Self.input, dtype: .float32).round(decimals: c.decimals), shape: [13], c.f32, dtype: .float32, tolerance: 0)
    }

    @Test func transposedAndInPlace() {
        let t = Tensor([[1.25, 2.375], [-0.125, 9.99]], dtype: .float64).t()
        expectClose(t.round(decimals: 1), shape: [2, 2], [1.2, -0.1, 2.4, 10.0], tolerance: 0)
        let u = Tensor([1234.5678, -15.0], dtype: .float64)
        u.round_(decimals: -1)
        expectClose(u, shape: [2], [1230.0, -20.0], tolerance: 0)
    }

    @Test func integerInputsAreRefused() {
        expectTensorError(.notImplementedError, "\"round_cpu\" not implemented for 'Long'") { _ = Tensor([15, 25]).round(decimals: 1) }
        expectTensorError(.notImplementedError, "\"round_cpu\" not implemented for 'Long'") { _ = Tensor([15, 25]).round(decimals: -1) }
        expectTensorError(.notImplementedError, "\"round_vml_cpu\" not implemented for 'Long'") { _ = Tensor([15, 25]).round(decimals: 0) }
        expectTensorError(.notImplementedError, "\"round_cpu\" not implemented for 'Bool'") { _ = Tensor([true]).round(decimals: 1) }
        expectTensorError(.notImplementedError, "\"round_cpu\" not implemented for 'Long'") { Tensor([15, 25]).round_(decimals: 1) }
        // Without decimals, integers round to themselves, as in PyTorch.
        expectInts(Tensor([15, 25]).round(), shape: [2], [15, 25], dtype: .int64)
    }
}
