// ReductionSpecialTests.swift
//
// NaN and infinity propagation, empty tensors and zero-size dims, 0-dim tensors, integer
// accumulation and overflow, float32 accuracy, and sizes large enough to take the threaded
// paths. Expected values are PyTorch 2's (printed by PyTorch from the same expressions in
// Python).

import Testing
import Ember
import EmberTestSupport

@Suite struct ReductionNaNAndInfinityTests {
    static let floating: [DType] = [.float32, .float64]

    @Test(arguments: floating)
    func nanPropagatesThroughExtremes(dtype: DType) {
        let t = Tensor([1, Double.nan, 3, Double.nan], dtype: dtype)
        expectTensor(t.max(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.min(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.amax(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.amin(dim: 0), shape: [], values: [Double.nan], dtype: dtype)
        expectInts(t.argmax(), shape: [], [1], dtype: .int64)
        expectInts(t.argmin(), shape: [], [1], dtype: .int64)
        let (values, indices) = t.max(dim: 0)
        expectTensor(values, shape: [], values: [Double.nan], dtype: dtype)
        expectInts(indices, shape: [], [1], dtype: .int64)
        // torch.tensor([[1., nan], [3., 2.]]).max(1) -> values [nan, 3], indices [1, 0]
        let m = Tensor([[1, Double.nan], [3, 2]], dtype: dtype)
        expectTensor(m.max(dim: 1).values, shape: [2], values: [Double.nan, 3], dtype: dtype)
        expectInts(m.max(dim: 1).indices, shape: [2], [1, 0])
        expectInts(m.t().max(dim: 0).indices, shape: [2], [1, 0])
        expectTensor(m.amax(dim: 0), shape: [2], values: [3, Double.nan], dtype: dtype)
        expectInts(m.argmin(dim: 0), shape: [2], [0, 0])
        expectTensor(m.norm(.infinity, dim: 0), shape: [2], values: [3, Double.nan], dtype: dtype)
    }

    @Test(arguments: floating)
    func nanPropagatesThroughSumsAndStatistics(dtype: DType) {
        let t = Tensor([1, Double.nan, 2], dtype: dtype)
        expectTensor(t.sum(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.mean(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.prod(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.var(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.norm(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.logsumexp(dim: 0), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(t.softmax(dim: 0), shape: [3], values: [Double.nan, .nan, .nan], dtype: dtype)
        expectTensor(t.cumsum(dim: 0), shape: [3], values: [1, Double.nan, .nan], dtype: dtype)
        expectBools(t.any(), shape: [], [true])
        expectBools(Tensor([Double.nan], dtype: dtype).all(), shape: [], [true])
        expectInts(Tensor([Double.nan, 0], dtype: dtype).countNonzero(), shape: [], [1])
    }

    @Test(arguments: floating)
    func infinities(dtype: DType) {
        let inf = Double.infinity
        expectTensor(Tensor([1, inf, -inf], dtype: dtype).sum(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(Tensor([1, inf, -inf], dtype: dtype).logsumexp(dim: 0), shape: [], values: [inf], dtype: dtype)
        expectTensor(Tensor([-inf, -inf], dtype: dtype).logsumexp(dim: 0), shape: [], values: [-inf], dtype: dtype)
        expectTensor(Tensor([inf, inf], dtype: dtype).logsumexp(dim: 0), shape: [], values: [inf], dtype: dtype)
        expectTensor(Tensor([-inf, -inf], dtype: dtype).softmax(dim: 0), shape: [2], values: [Double.nan, .nan], dtype: dtype)
        expectTensor(Tensor([inf, 1], dtype: dtype).softmax(dim: 0), shape: [2], values: [Double.nan, .nan], dtype: dtype)
        expectTensor(Tensor([-inf, 1], dtype: dtype).logSoftmax(dim: 0), shape: [2], values: [-inf, 0], dtype: dtype)
        expectTensor(Tensor([1, inf], dtype: dtype).var(), shape: [], values: [Double.nan], dtype: dtype)
        expectTensor(Tensor([1, inf], dtype: dtype).amax(), shape: [], values: [inf], dtype: dtype)
        expectTensor(Tensor([[1, -inf], [2, 0]], dtype: dtype).t().amin(dim: 1), shape: [2], values: [1, -inf], dtype: dtype)
    }

    @Test func largeInputsDoNotOverflow() {
        // torch.tensor([1000., 1000.]).softmax(0), .log_softmax(0), .logsumexp(0)
        expectTensor(Tensor([1000.0, 1000.0]).softmax(dim: 0), shape: [2], values: [0.5, 0.5], dtype: .float32)
        expectTensor(Tensor([1000.0, 0.0]).logSoftmax(dim: 0), shape: [2], values: [0, -1000], dtype: .float32)
        expectClose(Tensor([1000.0, 1000.0]).logsumexp(dim: 0), shape: [], [1000.6931762695312],
                    dtype: .float32, tolerance: 1e-7)
        expectClose(Tensor([1000.0, 1000.0], dtype: .float64).logsumexp(dim: 0), shape: [], [1000.6931471805599],
                    dtype: .float64, tolerance: 1e-15)
        // float32 squares overflow and underflow as PyTorch's do.
        expectTensor(Tensor([1e30, 1e30]).norm(), shape: [], values: [Double.infinity], dtype: .float32)
        expectTensor(Tensor([1e-30, 1e-30]).norm(), shape: [], values: [0], dtype: .float32)
    }
}

@Suite struct ReductionEmptyTests {
    @Test func emptyTensor() {
        let e = Tensor.zeros(0)
        expectTensor(e.sum(), shape: [], values: [0], dtype: .float32)
        expectTensor(e.prod(), shape: [], values: [1], dtype: .float32)
        expectTensor(e.mean(), shape: [], values: [Double.nan], dtype: .float32)
        expectTensor(e.var(), shape: [], values: [Double.nan], dtype: .float32)
        expectTensor(e.std(), shape: [], values: [Double.nan], dtype: .float32)
        expectTensor(e.norm(), shape: [], values: [0], dtype: .float32)
        expectTensor(e.norm(0.5), shape: [], values: [0], dtype: .float32)
        expectTensor(e.logsumexp(dim: 0), shape: [], values: [-Double.infinity], dtype: .float32)
        expectTensor(e.softmax(dim: 0), shape: [0], values: [Double](), dtype: .float32)
        expectTensor(e.cumsum(dim: 0), shape: [0], values: [Double](), dtype: .float32)
        expectBools(e.any(), shape: [], [false])
        expectBools(e.all(), shape: [], [true])
        expectInts(e.countNonzero(), shape: [], [0])
        expectInts(Tensor.zeros(0, dtype: .int32).sum(), shape: [], [0], dtype: .int64)
        expectInts(Tensor.zeros(0, dtype: .bool).prod(), shape: [], [1], dtype: .int64)
    }

    @Test func zeroSizeDims() {
        let e = Tensor.zeros(2, 0, 3)
        expectTensor(e.sum(dim: 1), shape: [2, 3], values: [Double](repeating: 0, count: 6), dtype: .float32)
        expectTensor(e.mean(dim: 1), shape: [2, 3], values: [Double](repeating: .nan, count: 6), dtype: .float32)
        expectTensor(e.prod(dim: 1, keepdim: true), shape: [2, 1, 3], values: [Double](repeating: 1, count: 6))
        expectTensor(e.var(dim: 1), shape: [2, 3], values: [Double](repeating: .nan, count: 6))
        expectTensor(e.logsumexp(dim: 1), shape: [2, 3], values: [Double](repeating: -.infinity, count: 6))
        expectTensor(e.norm(dim: 1), shape: [2, 3], values: [Double](repeating: 0, count: 6))
        expectBools(e.any(dim: 1), shape: [2, 3], [Bool](repeating: false, count: 6))
        expectBools(e.all(dim: 1), shape: [2, 3], [Bool](repeating: true, count: 6))
        expectInts(e.countNonzero(dim: 1), shape: [2, 3], [Int64](repeating: 0, count: 6))
        let (values, indices) = e.max(dim: 0)
        expectTensor(values, shape: [0, 3], values: [Double](), dtype: .float32)
        expectInts(indices, shape: [0, 3], [Int64](), dtype: .int64)
        expectTensor(e.amax(dim: 0), shape: [0, 3], values: [Double]())
        expectInts(e.argmin(dim: 0), shape: [0, 3], [Int64]())
        expectTensor(e.sum(dim: 0), shape: [0, 3], values: [Double]())
        expectTensor(e.cumsum(dim: 1), shape: [2, 0, 3], values: [Double]())
        expectTensor(e.softmax(dim: 1), shape: [2, 0, 3], values: [Double]())
        expectTensor(Tensor.zeros(2, 0).norm(.negativeInfinity, dim: 0), shape: [0], values: [Double]())
        expectTensor(Tensor.zeros(2, 0).norm(0), shape: [], values: [0])
        expectTensor(Tensor.zeros(3, 0).t().sum(dim: 1), shape: [0], values: [Double]())
    }

    @Test func zeroDimTensor() {
        let s = Tensor(5.0)
        expectTensor(s.sum(dim: 0), shape: [], values: [5], dtype: .float32)
        expectTensor(s.sum(dim: -1, keepdim: true), shape: [], values: [5])
        expectTensor(s.prod(dim: 0), shape: [], values: [5])
        expectTensor(s.max(dim: 0).values, shape: [], values: [5])
        expectInts(s.max(dim: 0).indices, shape: [], [0])
        expectInts(s.argmax(dim: 0), shape: [], [0])
        expectInts(s.argmin(keepdim: true), shape: [], [0])
        expectTensor(s.amax(dims: [0]), shape: [], values: [5])
        expectTensor(s.softmax(dim: 0), shape: [], values: [1])
        expectTensor(s.logSoftmax(dim: -1), shape: [], values: [0])
        expectTensor(s.cumsum(dim: 0), shape: [], values: [5])
        expectTensor(s.cumprod(dim: 0), shape: [], values: [5])
        expectTensor(s.var(), shape: [], values: [Double.nan])
        expectTensor(s.var(dim: 0, correction: 0), shape: [], values: [0])
        expectTensor(s.std(correction: 0), shape: [], values: [0])
        expectTensor(s.logsumexp(dim: 0), shape: [], values: [5])
        expectTensor(s.norm(dim: 0), shape: [], values: [5])
        expectBools(s.all(dim: 0), shape: [], [true])
        expectInts(Tensor(3).cumsum(dim: 0), shape: [], [3], dtype: .int64)
    }
}

@Suite struct ReductionManyDimsTests {
    @Test func nineDims() {
        // x = torch.arange(512.).reshape([2] * 9); y = x.permute(8, 7, ..., 0)
        let x = Tensor.arange(512.0).reshape(Array(repeating: 2, count: 9))
        expectTensor(x.sum(), shape: [], values: [130816])
        let s = x.sum(dims: [0, 4, 8])
        #expect(s.shape == [2, 2, 2, 2, 2, 2])
        #expect(Array(s.scalars(as: Double.self).prefix(4)) == [1092, 1108, 1124, 1140])
        let y = x.permute(Array((0..<9).reversed()))
        let t = y.sum(dim: 2).scalars(as: Double.self)
        #expect(Array(t.prefix(3)) == [4, 516, 260] && t.last == 1018)
        #expect(Array(y.amax(dims: [1, 3, 5, 7]).scalars(as: Double.self).prefix(3)) == [170, 426, 234])
        #expect(Array(y.argmax(dim: 4).scalars(as: Int64.self).prefix(3)) == [1, 1, 1])
        #expect(Array(y.cumsum(dim: 6).scalars(as: Double.self).suffix(3)) == [702, 446, 958])
        #expect(Swift.abs(y.softmax(dim: 3).scalars(as: Double.self)[1] - 0.00033535013790242374) < 1e-10)
    }
}

@Suite struct ReductionIntegerTests {
    @Test func integerSumsAccumulateInInt64() {
        // torch.tensor([2**31-1, 1], dtype=torch.int32).sum() -> tensor(2147483648)
        let big = Tensor([Int32.max, 1])
        expectInts(big.sum(), shape: [], [2147483648], dtype: .int64)
        expectInts(big.cumsum(dim: 0), shape: [2], [2147483647, 2147483648], dtype: .int64)
        expectInts(big.prod(), shape: [], [2147483647], dtype: .int64)
        expectInts(big.max(), shape: [], [2147483647], dtype: .int32)
        // int64 sums wrap: torch.tensor([2**62] * 3).sum() -> -4611686018427387904
        let huge = Tensor([Int64(1) << 62, Int64(1) << 62, Int64(1) << 62])
        expectInts(huge.sum(), shape: [], [-4611686018427387904], dtype: .int64)
        let flags = Tensor([[true, false, true], [true, true, false]])
        expectInts(flags.sum(), shape: [], [4], dtype: .int64)
        expectInts(flags.sum(dim: 0), shape: [3], [2, 1, 1], dtype: .int64)
        expectInts(flags.cumprod(dim: 1), shape: [2, 3], [1, 0, 0, 1, 1, 0], dtype: .int64)
        expectBools(flags.amax(dim: 1), shape: [2], [true, true], dtype: .bool)
        expectInts(flags.min(dim: 0).indices, shape: [3], [0, 0, 1])
    }

    @Test func requestedDTypes() {
        // torch.tensor([1.5, 2.5]).sum(dtype=torch.int32) -> tensor(3, dtype=torch.int32)
        expectInts(Tensor([1.5, 2.5]).sum(dtype: .int32), shape: [], [3], dtype: .int32)
        expectBools(Tensor([1.5, 2.5]).sum(dtype: .bool), shape: [], [true], dtype: .bool)
        expectBools(Tensor([1.5, 0]).prod(dtype: .bool), shape: [], [false], dtype: .bool)
        expectTensor(Tensor([1, 2, 3, 4]).mean(dtype: .float32), shape: [], values: [2.5], dtype: .float32)
        expectInts(Tensor([[0, 1, 2], [3, 4, 5]]).softmax(dim: 0, dtype: .float32).argmax(), shape: [],
                     [3])
        expectInts(Tensor([0.5, 1.5, 2.5]).cumsum(dim: 0, dtype: .int32), shape: [3], [0, 1, 3],
                     dtype: .int32)
        #expect(Tensor([1, 2, 3]).logsumexp(dim: 0).dtype == .float32)
    }

    @Test func varianceCorrections() {
        let x = Tensor.arange(6.0).reshape(2, 3)
        // x.var(correction=6) -> inf, x.var(correction=7) -> inf, x.var(0, correction=2) -> [inf, inf, inf]
        expectTensor(x.var(correction: 6), shape: [], values: [Double.infinity])
        expectTensor(x.var(correction: 7), shape: [], values: [Double.infinity])
        expectTensor(x.var(dim: 0, correction: 2), shape: [3], values: [Double.infinity, .infinity, .infinity])
        expectTensor(x.var(correction: 2), shape: [], values: [4.375])
        expectClose(x.std(correction: 0), shape: [], [1.7078251838684082], dtype: .float32, tolerance: 1e-7)
        expectClose(Tensor([3.0, -4.0]).norm(0.5), shape: [], [13.928203582763672], dtype: .float32, tolerance: 1e-7)
        expectClose(Tensor([3.0, 4.0]).norm(-1), shape: [], [1.7142856121063232], dtype: .float32, tolerance: 1e-7)
        expectTensor(Tensor([0.0, 4.0]).norm(-1), shape: [], values: [0])
    }
}

@Suite struct ReductionLargeTests {
    @Test func float32SumsAreAccurate() {
        // torch.ones(1 << 24).sum() -> 16777216.0; .mean() -> 1.0
        let ones = Tensor.ones(1 << 24)
        expectTensor(ones.sum(), shape: [], values: [16777216], dtype: .float32)
        expectTensor(ones.mean(), shape: [], values: [1], dtype: .float32)
        // torch.arange(200000, dtype=torch.float32).sum() -> 19999899648.0; float64 -> 19999900000.0
        expectTensor(Tensor.arange(200_000.0).sum(), shape: [], values: [19999899648])
        expectTensor(Tensor.arange(200_000.0, dtype: .float64).sum(), shape: [], values: [19999900000])
        expectTensor(Tensor.arange(200_000.0).mean(), shape: [], values: [99999.5])
    }

    /// A sum long enough to cross the AVX2 kernel's 1024-block groups (Note [Float sums in blocks],
    /// SIMD.c) on every thread, with a remainder group and a tail block: small integers, so the
    /// sum is exact whatever the order, and any block read twice or skipped shows.
    @Test func longSumCrossesBlockGroups() {
        let n = 2048 * 2203 + 777
        let x = (Tensor.arange(n) * 7).remainder(13) - 6
        var expected = 0
        for i in 0..<n { expected += (i * 7) % 13 - 6 }
        expectTensor(x.float().sum(), shape: [], values: [Double(expected)], dtype: .float32)
        expectTensor(x.float()[1...].sum(), shape: [], values: [Double(expected + 6)], dtype: .float32)
    }

    /// `((arange(300 * 400) % 7) - 3).reshape(300, 400).float()`.
    static func matrix() -> Tensor { (Tensor.arange(300 * 400).remainder(7) - 3).reshape(300, 400).float() }

    @Test func threadedOuterAndInnerSums() {
        let m = Self.matrix()
        let columns = m.sum(dim: 0).scalars(as: Double.self)  // one output row, reduced rows split across threads
        #expect(columns.count == 400)
        #expect([columns[0], columns[1], columns[399]] == [-3, 3, -3])
        #expect(columns.reduce(0, +) == -3 && columns.map(Swift.abs).reduce(0, +) == 687)
        let rows = m.sum(dim: 1).scalars(as: Double.self)  // many outputs across threads
        #expect([rows[0], rows[1], rows[299]] == [-3, -2, 2] && rows.map(Swift.abs).reduce(0, +) == 513)
        let transposed = m.t().sum(dim: 1).scalars(as: Double.self)
        #expect(transposed[0] == -3 && transposed[5] == -1 && transposed.map(Swift.abs).reduce(0, +) == 687)
        expectTensor(m.amax(dim: 0).sum(), shape: [], values: [1200])
        let variance = m.var(dim: 0).scalars(as: Double.self)
        #expect(Swift.abs(variance[0] - 3.9965550899505615) < 1e-6 && Swift.abs(variance[1] - 3.9965550899505615) < 1e-6)
        // Two long rows: each splits its elements across threads.
        let w = (Tensor.arange(200_000).remainder(13) - 6).reshape(2, 100_000).float()
        expectTensor(w.sum(dim: 1), shape: [2], values: [-18, -2])
        expectClose(w.mean(dim: 1), shape: [2], [-0.00018000000272877514, -1.9999999494757503e-05],
                    dtype: .float32, tolerance: 1e-7)
        expectClose(w.var(dim: 1), shape: [2], [14.000439643859863, 13.999640464782715], dtype: .float32, tolerance: 1e-6)
        expectClose(w.std(), shape: [], [3.7416534423828125], dtype: .float32, tolerance: 1e-6)
        let flags = (Tensor.arange(300 * 400).remainder(3) .== 0).reshape(300, 400)
        expectBools(flags.any(dim: 0).all(), shape: [], [true])
        expectBools(flags.all(dim: 0).any(), shape: [], [false])
        expectInts(flags.countNonzero(), shape: [], [40000])
        expectInts(flags.sum(), shape: [], [40000])
    }

    @Test func threadedArgmaxCumsumAndSoftmax() {
        let v = Tensor.arange(100_000).remainder(1000).float()
        expectInts(v.argmax(), shape: [], [999])
        expectInts(v.argmin(), shape: [], [0])
        expectInts(v.max(dim: 0).indices, shape: [], [999])
        v[70000] = Tensor(Double.nan)
        v[80000] = Tensor(Double.nan)
        expectInts(v.argmax(), shape: [], [70000])
        expectInts(v.argmin(), shape: [], [70000])
        let q = (Tensor.arange(100 * 1000).remainder(5) - 2).reshape(100, 1000).float()
        let c = q.cumsum(dim: 0)  // one block of 1000 side-by-side slices, split across threads
        let last = c[99].scalars(as: Double.self)
        #expect(last[0] == -200 && last[1] == -100 && last[999] == 200)
        #expect(c[50][3].item() == 51 && c.sum().item() == 0)
        let s = Tensor.arange(4 * 20000).remainder(17).reshape(4, 20000).float() / 4
        let sm = s.softmax(dim: 1)
        #expect(Swift.abs(sm[0][0].item() - 3.4946394862345187e-06) < 2e-11)
        #expect(Swift.abs(sm[3][19999].item() - 0.00011568332411115989) < 1e-9)
        let ls = s.logSoftmax(dim: 1)
        #expect(Swift.abs(ls[0][0].item() - -12.56428050994873) < 1e-5)
        #expect(Swift.abs(ls[3][19999].item() - -9.064654350280762) < 1e-5)
        expectClose(s.logsumexp(dim: 1), shape: [4],
                    [12.564277648925781, 12.564779281616211, 12.564448356628418, 12.564651489257812],
                    dtype: .float32, tolerance: 2e-6)
        // PyTorch's float32 sums of these 20000 exponentials are off by 1.4e-5 (its columns sum to
        // 0.99998569); Ember sums in double, so the tolerance covers PyTorch's error.
        let s0 = Tensor.arange(20000 * 4).remainder(17).reshape(20000, 4).float() / 4
        expectClose(s0.softmax(dim: 0)[0], shape: [4],
                    [3.493540361887426e-06, 4.4863913899462204e-06, 5.760232397733489e-06, 7.3956139203801285e-06],
                    dtype: .float32, tolerance: 3e-10)
    }
}
