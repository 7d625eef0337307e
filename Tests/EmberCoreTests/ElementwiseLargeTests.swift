// ElementwiseLargeTests.swift
//
// Sizes past the kernels' thresholds: more than 2 x 32768 elements (the work is split across
// threads), 2-D operands with a transposed side larger than the 64 x 64 tiles of the tiled path
// (with partial tiles), and float32 `exp` runs whose thread chunks do not end on a multiple of
// eight. Integer-valued data keeps the expected values exact: each is given by a closed form,
// checked against PyTorch 2.15 (`a = torch.arange(3150.).reshape(45, 70).t(); b =
// torch.arange(3150.).reshape(70, 45); (a + b)[i, j] == (70*j + i) + (45*i + j)`, and the sums
// quoted below). `exp` is compared with libm's double-precision `exp` rounded to float32.

import Testing
@testable import EmberCore
import EmberTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ElementwiseLargeTests {
    /// (70, 45) transposed + (70, 45) contiguous: the tiled path with partial tiles.
    @Test func transposedOperandInTiles() throws {
        let a = Tensor.arange(3150.0).reshape(45, 70).t(), b = Tensor.arange(3150.0).reshape(70, 45)
        let (sum, product) = try withErrorCapture { (a + b, b * a) }
        var expectedSum: [Double] = [], expectedProduct: [Double] = []
        for i in 0..<70 {
            for j in 0..<45 {
                let x = Double(70 * j + i), y = Double(45 * i + j)
                expectedSum.append(x + y)
                expectedProduct.append(Double(Float(x * y)))
            }
        }
        ewExpect(sum, shape: [70, 45], dtype: .float32, expectedSum)
        ewExpect(product, shape: [70, 45], dtype: .float32, expectedProduct)
        // torch: (a + b).sum().item() == 9919350.0
        #expect(expectedSum.reduce(0, +) == 9_919_350)
    }

    /// 300 x 300 int64 (90000 elements): split across threads, contiguous, transposed and with a
    /// broadcast row; `torch.arange(90000).reshape(300, 300)`.
    @Test func manyElementsAcrossThreads() throws {
        let a = Tensor.arange(90000).reshape(300, 300)
        let row = Tensor.arange(300)
        let (twice, mixed, shifted, remainder) = try withErrorCapture {
            (a + a, a - a.t(), a + row, a.remainder(7))
        }
        // Element k is a[i, j] = 300 i + j with i = k / 300, j = k % 300.
        func values(_ f: (_ k: Int, _ i: Int, _ j: Int) -> Int) -> [Double] {
            (0..<90000).map { (k: Int) -> Double in Double(f(k, k / 300, k % 300)) }
        }
        ewExpect(twice, shape: [300, 300], dtype: .int64, values { k, _, _ in 2 * k })
        ewExpect(mixed, shape: [300, 300], dtype: .int64, values { _, i, j in (300 * i + j) - (300 * j + i) })
        ewExpect(shifted, shape: [300, 300], dtype: .int64, values { k, _, j in k + j })
        ewExpect(remainder, shape: [300, 300], dtype: .int64, values { k, _, _ in k % 7 })
        // torch: (a - a.t()).abs().sum().item() == 2690970100; (a + row).sum().item() == 4063410000
        #expect(mixed.scalars(as: Int64.self).reduce(Int64(0)) { (s: Int64, v: Int64) in s + Swift.abs(v) } == 2_690_970_100)
        #expect(shifted.scalars(as: Int64.self).reduce(0, +) == 4_063_410_000)
    }

    /// float32 `exp` over 70001 contiguous elements in [-100, 100]: vector lanes, lanes outside
    /// the vector range, and thread chunks that split a group of eight; also in place.
    @Test func float32ExpOnManyElements() throws {
        let n = 70001
        let x = (0..<n).map { (k: Int) -> Double in -100.0 + 200.0 * Double(k) / Double(n - 1) }
        let t = Tensor(shape: [n], data: x, dtype: .float32)
        let expected = t.scalars(as: Float.self).map { Double(Float(Glibc.exp(Double($0)))) }
        let r = try withErrorCapture { t.exp() }
        ewExpect(r, shape: [n], dtype: .float32, expected)
        _ = try withErrorCapture { t.exp_() }
        ewExpect(t, shape: [n], dtype: .float32, expected, "exp_")
    }

    /// float32 `exp` with an output past 16 MiB, written with streaming stores where the CPU has
    /// AVX-512 (see Note [Streaming exp] in SIMD.c): a fresh output, and in place on a view that starts
    /// 20 bytes into its storage, so the stores begin with a partial line. Values cycle through
    /// [-100, 100], so lanes outside the vector range fall inside stored lines.
    @Test func float32ExpStreamingOutputs() throws {
        let n = 4_200_001, period = 9973
        let t = ((Tensor.arange(n).remainder(period) * (200.0 / Double(period - 1))) - 100).float()
        let source = t.scalars(as: Float.self)
        func check(_ r: Tensor, from offset: Int, _ note: String) {
            let got = r.scalars(as: Float.self)
            #expect(got.count == n - offset, "\(note): count")
            var bad = 0
            for i in 0..<got.count where !ewClose(Double(got[i]), Double(Float(Glibc.exp(Double(source[i + offset])))),
                                                  .float32, atol: nil) {
                bad += 1
            }
            #expect(bad == 0, "\(note): \(bad) elements off")
        }
        check(try withErrorCapture { t.exp() }, from: 0, "exp")
        let view = t[5...]
        _ = try withErrorCapture { view.exp_() }
        check(view, from: 5, "exp_ on a view")
        #expect(t[0..<5].scalars(as: Float.self) == Array(source[0..<5]), "elements before the view untouched")
    }

    /// An int32 target viewed transposed, `add_` with an int64 tensor (computed in int64, written
    /// back as int32); a float32 view `mul_` by float64 values.
    @Test func inPlaceWithConversionOnViews() throws {
        let base = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6] as [Double], dtype: .int32)
        let view = base.t()
        _ = try withErrorCapture { view.add_(Tensor([[10, 20], [30, 40], [50, 60]])) }
        // torch: b = torch.tensor([[1,2,3],[4,5,6]], dtype=torch.int32); b.t().add_(...); b
        expectInts(base, shape: [2, 3], [11, 32, 53, 24, 45, 66], dtype: .int32)
        let f = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        _ = try withErrorCapture { f.select(dim: 1, index: 1).mul_(Tensor([0.5, 0.25], dtype: .float64)) }
        ewExpect(f, shape: [2, 3], dtype: .float32, [1, 1, 3, 4, 1.25, 6])
        #expect(f.version == 1 && base.version == 1)
    }
}
