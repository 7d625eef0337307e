// ReductionSpecialTests.swift
//
// NaN and infinity propagation, empty tensors and zero-size dims, 0-dim tensors, integer
// accumulation and overflow, float32 accuracy, and sizes large enough to take the threaded
// paths. Expected values are PyTorch 2's (printed by /opt/torch-reference/bin/python from the
// same expressions in Python).

import Testing
import Ember
import EmberTestSupport

/// Shape, dtype (when given) and values compared exactly (NaN equals NaN; -0 and 0 differ).
func expectDoubles(_ t: Tensor, shape: [Int], values: [Double], dtype: DType? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    if let dtype { #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation) }
    let got = t.scalars(as: Double.self)
    let same = got.count == values.count && zip(got, values).allSatisfy { sameValue($0, $1) }
    #expect(same, "got \(got), expected \(values)", sourceLocation: sourceLocation)
}

/// Shape, dtype (when given) and integer values.
func expectInts(_ t: Tensor, shape: [Int], values: [Int64], dtype: DType? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    if let dtype { #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation) }
    #expect(t.scalars(as: Int64.self) == values, sourceLocation: sourceLocation)
}

/// Shape, dtype (bool unless given) and truth values.
func expectBools(_ t: Tensor, shape: [Int], values: [Bool], dtype: DType = .bool,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation)
    #expect(t.scalars(as: Bool.self) == values, sourceLocation: sourceLocation)
}

/// Shape, dtype and values within `tolerance` (relative, at least absolute for small values).
func expectClose(_ t: Tensor, shape: [Int], values: [Double], dtype: DType, tolerance: Double,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation)
    let got = t.scalars(as: Double.self)
    guard got.count == values.count else {
        Issue.record("\(got.count) elements, expected \(values.count)", sourceLocation: sourceLocation)
        return
    }
    for (g, e) in zip(got, values) {
        let ok = e.isNaN || e.isInfinite ? sameValue(g, e) : Swift.abs(g - e) <= tolerance * Swift.max(1, Swift.abs(e))
        if !ok {
            Issue.record("got \(got), expected \(values)", sourceLocation: sourceLocation)
            return
        }
    }
}

@Suite struct ReductionNaNAndInfinityTests {
    static let floating: [DType] = [.float32, .float64]

    @Test(arguments: floating)
    func nanPropagatesThroughExtremes(dtype: DType) {
        let t = Tensor([1, Double.nan, 3, Double.nan], dtype: dtype)
        expectDoubles(t.max(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.min(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.amax(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.amin(dim: 0), shape: [], values: [Double.nan], dtype: dtype)
        expectInts(t.argmax(), shape: [], values: [1], dtype: .int64)
        expectInts(t.argmin(), shape: [], values: [1], dtype: .int64)
        let (values, indices) = t.max(dim: 0)
        expectDoubles(values, shape: [], values: [Double.nan], dtype: dtype)
        expectInts(indices, shape: [], values: [1], dtype: .int64)
        // torch.tensor([[1., nan], [3., 2.]]).max(1) -> values [nan, 3], indices [1, 0]
        let m = Tensor([[1, Double.nan], [3, 2]], dtype: dtype)
        expectDoubles(m.max(dim: 1).values, shape: [2], values: [Double.nan, 3], dtype: dtype)
        expectInts(m.max(dim: 1).indices, shape: [2], values: [1, 0])
        expectInts(m.t().max(dim: 0).indices, shape: [2], values: [1, 0])
        expectDoubles(m.amax(dim: 0), shape: [2], values: [3, Double.nan], dtype: dtype)
        expectInts(m.argmin(dim: 0), shape: [2], values: [0, 0])
        expectDoubles(m.norm(.infinity, dim: 0), shape: [2], values: [3, Double.nan], dtype: dtype)
    }

    @Test(arguments: floating)
    func nanPropagatesThroughSumsAndStatistics(dtype: DType) {
        let t = Tensor([1, Double.nan, 2], dtype: dtype)
        expectDoubles(t.sum(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.mean(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.prod(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.var(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.norm(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.logsumexp(dim: 0), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(t.softmax(dim: 0), shape: [3], values: [Double.nan, .nan, .nan], dtype: dtype)
        expectDoubles(t.cumsum(dim: 0), shape: [3], values: [1, Double.nan, .nan], dtype: dtype)
        expectBools(t.any(), shape: [], values: [true])
        expectBools(Tensor([Double.nan], dtype: dtype).all(), shape: [], values: [true])
        expectInts(Tensor([Double.nan, 0], dtype: dtype).countNonzero(), shape: [], values: [1])
    }

    @Test(arguments: floating)
    func infinities(dtype: DType) {
        let inf = Double.infinity
        expectDoubles(Tensor([1, inf, -inf], dtype: dtype).sum(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(Tensor([1, inf, -inf], dtype: dtype).logsumexp(dim: 0), shape: [], values: [inf], dtype: dtype)
        expectDoubles(Tensor([-inf, -inf], dtype: dtype).logsumexp(dim: 0), shape: [], values: [-inf], dtype: dtype)
        expectDoubles(Tensor([inf, inf], dtype: dtype).logsumexp(dim: 0), shape: [], values: [inf], dtype: dtype)
        expectDoubles(Tensor([-inf, -inf], dtype: dtype).softmax(dim: 0), shape: [2], values: [Double.nan, .nan], dtype: dtype)
        expectDoubles(Tensor([inf, 1], dtype: dtype).softmax(dim: 0), shape: [2], values: [Double.nan, .nan], dtype: dtype)
        expectDoubles(Tensor([-inf, 1], dtype: dtype).logSoftmax(dim: 0), shape: [2], values: [-inf, 0], dtype: dtype)
        expectDoubles(Tensor([1, inf], dtype: dtype).var(), shape: [], values: [Double.nan], dtype: dtype)
        expectDoubles(Tensor([1, inf], dtype: dtype).amax(), shape: [], values: [inf], dtype: dtype)
        expectDoubles(Tensor([[1, -inf], [2, 0]], dtype: dtype).t().amin(dim: 1), shape: [2], values: [1, -inf], dtype: dtype)
    }

    @Test func largeInputsDoNotOverflow() {
        // torch.tensor([1000., 1000.]).softmax(0), .log_softmax(0), .logsumexp(0)
        expectDoubles(Tensor([1000.0, 1000.0]).softmax(dim: 0), shape: [2], values: [0.5, 0.5], dtype: .float32)
        expectDoubles(Tensor([1000.0, 0.0]).logSoftmax(dim: 0), shape: [2], values: [0, -1000], dtype: .float32)
        expectClose(Tensor([1000.0, 1000.0]).logsumexp(dim: 0), shape: [], values: [1000.6931762695312],
                    dtype: .float32, tolerance: 1e-7)
        expectClose(Tensor([1000.0, 1000.0], dtype: .float64).logsumexp(dim: 0), shape: [], values: [1000.6931471805599],
                    dtype: .float64, tolerance: 1e-15)
        // float32 squares overflow and underflow as PyTorch's do.
        expectDoubles(Tensor([1e30, 1e30]).norm(), shape: [], values: [Double.infinity], dtype: .float32)
        expectDoubles(Tensor([1e-30, 1e-30]).norm(), shape: [], values: [0], dtype: .float32)
    }
}

@Suite struct ReductionEmptyTests {
    @Test func emptyTensor() {
        let e = Tensor.zeros(0)
        expectDoubles(e.sum(), shape: [], values: [0], dtype: .float32)
        expectDoubles(e.prod(), shape: [], values: [1], dtype: .float32)
        expectDoubles(e.mean(), shape: [], values: [Double.nan], dtype: .float32)
        expectDoubles(e.var(), shape: [], values: [Double.nan], dtype: .float32)
        expectDoubles(e.std(), shape: [], values: [Double.nan], dtype: .float32)
        expectDoubles(e.norm(), shape: [], values: [0], dtype: .float32)
        expectDoubles(e.norm(0.5), shape: [], values: [0], dtype: .float32)
        expectDoubles(e.logsumexp(dim: 0), shape: [], values: [-Double.infinity], dtype: .float32)
        expectDoubles(e.softmax(dim: 0), shape: [0], values: [Double](), dtype: .float32)
        expectDoubles(e.cumsum(dim: 0), shape: [0], values: [Double](), dtype: .float32)
        expectBools(e.any(), shape: [], values: [false])
        expectBools(e.all(), shape: [], values: [true])
        expectInts(e.countNonzero(), shape: [], values: [0])
        expectInts(Tensor.zeros(0, dtype: .int32).sum(), shape: [], values: [0], dtype: .int64)
        expectInts(Tensor.zeros(0, dtype: .bool).prod(), shape: [], values: [1], dtype: .int64)
    }

    @Test func zeroSizeDims() {
        let e = Tensor.zeros(2, 0, 3)
        expectDoubles(e.sum(dim: 1), shape: [2, 3], values: [Double](repeating: 0, count: 6), dtype: .float32)
        expectDoubles(e.mean(dim: 1), shape: [2, 3], values: [Double](repeating: .nan, count: 6), dtype: .float32)
        expectDoubles(e.prod(dim: 1, keepdim: true), shape: [2, 1, 3], values: [Double](repeating: 1, count: 6))
        expectDoubles(e.var(dim: 1), shape: [2, 3], values: [Double](repeating: .nan, count: 6))
        expectDoubles(e.logsumexp(dim: 1), shape: [2, 3], values: [Double](repeating: -.infinity, count: 6))
        expectDoubles(e.norm(dim: 1), shape: [2, 3], values: [Double](repeating: 0, count: 6))
        expectBools(e.any(dim: 1), shape: [2, 3], values: [Bool](repeating: false, count: 6))
        expectBools(e.all(dim: 1), shape: [2, 3], values: [Bool](repeating: true, count: 6))
        expectInts(e.countNonzero(dim: 1), shape: [2, 3], values: [Int64](repeating: 0, count: 6))
        let (values, indices) = e.max(dim: 0)
        expectDoubles(values, shape: [0, 3], values: [Double](), dtype: .float32)
        expectInts(indices, shape: [0, 3], values: [Int64](), dtype: .int64)
        expectDoubles(e.amax(dim: 0), shape: [0, 3], values: [Double]())
        expectInts(e.argmin(dim: 0), shape: [0, 3], values: [Int64]())
        expectDoubles(e.sum(dim: 0), shape: [0, 3], values: [Double]())
        expectDoubles(e.cumsum(dim: 1), shape: [2, 0, 3], values: [Double]())
        expectDoubles(e.softmax(dim: 1), shape: [2, 0, 3], values: [Double]())
        expectDoubles(Tensor.zeros(2, 0).norm(.negativeInfinity, dim: 0), shape: [0], values: [Double]())
        expectDoubles(Tensor.zeros(2, 0).norm(0), shape: [], values: [0])
        expectDoubles(Tensor.zeros(3, 0).t().sum(dim: 1), shape: [0], values: [Double]())
    }

    @Test func zeroDimTensor() {
        let s = Tensor(5.0)
        expectDoubles(s.sum(dim: 0), shape: [], values: [5], dtype: .float32)
        expectDoubles(s.sum(dim: -1, keepdim: true), shape: [], values: [5])
        expectDoubles(s.prod(dim: 0), shape: [], values: [5])
        expectDoubles(s.max(dim: 0).values, shape: [], values: [5])
        expectInts(s.max(dim: 0).indices, shape: [], values: [0])
        expectInts(s.argmax(dim: 0), shape: [], values: [0])
        expectInts(s.argmin(keepdim: true), shape: [], values: [0])
        expectDoubles(s.amax(dims: [0]), shape: [], values: [5])
        expectDoubles(s.softmax(dim: 0), shape: [], values: [1])
        expectDoubles(s.logSoftmax(dim: -1), shape: [], values: [0])
        expectDoubles(s.cumsum(dim: 0), shape: [], values: [5])
        expectDoubles(s.cumprod(dim: 0), shape: [], values: [5])
        expectDoubles(s.var(), shape: [], values: [Double.nan])
        expectDoubles(s.var(dim: 0, correction: 0), shape: [], values: [0])
        expectDoubles(s.std(correction: 0), shape: [], values: [0])
        expectDoubles(s.logsumexp(dim: 0), shape: [], values: [5])
        expectDoubles(s.norm(dim: 0), shape: [], values: [5])
        expectBools(s.all(dim: 0), shape: [], values: [true])
        expectInts(Tensor(3).cumsum(dim: 0), shape: [], values: [3], dtype: .int64)
    }
}

@Suite struct ReductionManyDimsTests {
    @Test func nineDims() {
        // x = torch.arange(512.).reshape([2] * 9); y = x.permute(8, 7, ..., 0)
        let x = Tensor.arange(512.0).reshape(Array(repeating: 2, count: 9))
        expectDoubles(x.sum(), shape: [], values: [130816])
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
        expectInts(big.sum(), shape: [], values: [2147483648], dtype: .int64)
        expectInts(big.cumsum(dim: 0), shape: [2], values: [2147483647, 2147483648], dtype: .int64)
        expectInts(big.prod(), shape: [], values: [2147483647], dtype: .int64)
        expectInts(big.max(), shape: [], values: [2147483647], dtype: .int32)
        // int64 sums wrap: torch.tensor([2**62] * 3).sum() -> -4611686018427387904
        let huge = Tensor([Int64(1) << 62, Int64(1) << 62, Int64(1) << 62])
        expectInts(huge.sum(), shape: [], values: [-4611686018427387904], dtype: .int64)
        let flags = Tensor([[true, false, true], [true, true, false]])
        expectInts(flags.sum(), shape: [], values: [4], dtype: .int64)
        expectInts(flags.sum(dim: 0), shape: [3], values: [2, 1, 1], dtype: .int64)
        expectInts(flags.cumprod(dim: 1), shape: [2, 3], values: [1, 0, 0, 1, 1, 0], dtype: .int64)
        expectBools(flags.amax(dim: 1), shape: [2], values: [true, true], dtype: .bool)
        expectInts(flags.min(dim: 0).indices, shape: [3], values: [0, 0, 1])
    }

    @Test func requestedDTypes() {
        // torch.tensor([1.5, 2.5]).sum(dtype=torch.int32) -> tensor(3, dtype=torch.int32)
        expectInts(Tensor([1.5, 2.5]).sum(dtype: .int32), shape: [], values: [3], dtype: .int32)
        expectBools(Tensor([1.5, 2.5]).sum(dtype: .bool), shape: [], values: [true], dtype: .bool)
        expectBools(Tensor([1.5, 0]).prod(dtype: .bool), shape: [], values: [false], dtype: .bool)
        expectDoubles(Tensor([1, 2, 3, 4]).mean(dtype: .float32), shape: [], values: [2.5], dtype: .float32)
        expectInts(Tensor([[0, 1, 2], [3, 4, 5]]).softmax(dim: 0, dtype: .float32).argmax(), shape: [],
                     values: [3])
        expectInts(Tensor([0.5, 1.5, 2.5]).cumsum(dim: 0, dtype: .int32), shape: [3], values: [0, 1, 3],
                     dtype: .int32)
        #expect(Tensor([1, 2, 3]).logsumexp(dim: 0).dtype == .float32)
    }

    @Test func varianceCorrections() {
        let x = Tensor.arange(6.0).reshape(2, 3)
        // x.var(correction=6) -> inf, x.var(correction=7) -> inf, x.var(0, correction=2) -> [inf, inf, inf]
        expectDoubles(x.var(correction: 6), shape: [], values: [Double.infinity])
        expectDoubles(x.var(correction: 7), shape: [], values: [Double.infinity])
        expectDoubles(x.var(dim: 0, correction: 2), shape: [3], values: [Double.infinity, .infinity, .infinity])
        expectDoubles(x.var(correction: 2), shape: [], values: [4.375])
        expectClose(x.std(correction: 0), shape: [], values: [1.7078251838684082], dtype: .float32, tolerance: 1e-7)
        expectClose(Tensor([3.0, -4.0]).norm(0.5), shape: [], values: [13.928203582763672], dtype: .float32, tolerance: 1e-7)
        expectClose(Tensor([3.0, 4.0]).norm(-1), shape: [], values: [1.7142856121063232], dtype: .float32, tolerance: 1e-7)
        expectDoubles(Tensor([0.0, 4.0]).norm(-1), shape: [], values: [0])
    }
}

@Suite struct ReductionLargeTests {
    @Test func float32SumsAreAccurate() {
        // torch.ones(1 << 24).sum() -> 16777216.0; .mean() -> 1.0
        let ones = Tensor.ones(1 << 24)
        expectDoubles(ones.sum(), shape: [], values: [16777216], dtype: .float32)
        expectDoubles(ones.mean(), shape: [], values: [1], dtype: .float32)
        // torch.arange(200000, dtype=torch.float32).sum() -> 19999899648.0; float64 -> 19999900000.0
        expectDoubles(Tensor.arange(200_000.0).sum(), shape: [], values: [19999899648])
        expectDoubles(Tensor.arange(200_000.0, dtype: .float64).sum(), shape: [], values: [19999900000])
        expectDoubles(Tensor.arange(200_000.0).mean(), shape: [], values: [99999.5])
    }

    /// A sum long enough to cross the AVX2 kernel's 1024-block groups (Note [Float sums in blocks],
    /// SIMD.c) on every thread, with a remainder group and a tail block: small integers, so the
    /// sum is exact whatever the order, and any block read twice or skipped shows.
    @Test func longSumCrossesBlockGroups() {
        let n = 2048 * 2203 + 777
        let x = (Tensor.arange(n) * 7).remainder(13) - 6
        var expected = 0
        for i in 0..<n { expected += (i * 7) % 13 - 6 }
        expectDoubles(x.float().sum(), shape: [], values: [Double(expected)], dtype: .float32)
        expectDoubles(x.float()[1...].sum(), shape: [], values: [Double(expected + 6)], dtype: .float32)
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
        expectDoubles(m.amax(dim: 0).sum(), shape: [], values: [1200])
        let variance = m.var(dim: 0).scalars(as: Double.self)
        #expect(Swift.abs(variance[0] - 3.9965550899505615) < 1e-6 && Swift.abs(variance[1] - 3.9965550899505615) < 1e-6)
        // Two long rows: each splits its elements across threads.
        let w = (Tensor.arange(200_000).remainder(13) - 6).reshape(2, 100_000).float()
        expectDoubles(w.sum(dim: 1), shape: [2], values: [-18, -2])
        expectClose(w.mean(dim: 1), shape: [2], values: [-0.00018000000272877514, -1.9999999494757503e-05],
                    dtype: .float32, tolerance: 1e-7)
        expectClose(w.var(dim: 1), shape: [2], values: [14.000439643859863, 13.999640464782715], dtype: .float32, tolerance: 1e-6)
        expectClose(w.std(), shape: [], values: [3.7416534423828125], dtype: .float32, tolerance: 1e-6)
        let flags = (Tensor.arange(300 * 400).remainder(3) .== 0).reshape(300, 400)
        expectBools(flags.any(dim: 0).all(), shape: [], values: [true])
        expectBools(flags.all(dim: 0).any(), shape: [], values: [false])
        expectInts(flags.countNonzero(), shape: [], values: [40000])
        expectInts(flags.sum(), shape: [], values: [40000])
    }

    @Test func threadedArgmaxCumsumAndSoftmax() {
        let v = Tensor.arange(100_000).remainder(1000).float()
        expectInts(v.argmax(), shape: [], values: [999])
        expectInts(v.argmin(), shape: [], values: [0])
        expectInts(v.max(dim: 0).indices, shape: [], values: [999])
        v[70000] = Tensor(Double.nan)
        v[80000] = Tensor(Double.nan)
        expectInts(v.argmax(), shape: [], values: [70000])
        expectInts(v.argmin(), shape: [], values: [70000])
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
                    values: [12.564277648925781, 12.564779281616211, 12.564448356628418, 12.564651489257812],
                    dtype: .float32, tolerance: 2e-6)
        // PyTorch's float32 sums of these 20000 exponentials are off by 1.4e-5 (its columns sum to
        // 0.99998569); Ember sums in double, so the tolerance covers PyTorch's error.
        let s0 = Tensor.arange(20000 * 4).remainder(17).reshape(20000, 4).float() / 4
        expectClose(s0.softmax(dim: 0)[0], shape: [4],
                    values: [3.493540361887426e-06, 4.4863913899462204e-06, 5.760232397733489e-06, 7.3956139203801285e-06],
                    dtype: .float32, tolerance: 3e-10)
    }
}
