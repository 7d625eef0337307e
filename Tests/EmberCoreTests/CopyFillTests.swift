// CopyFillTests.swift
//
// `copy_` (broadcasting, dtype conversion, transposed sources on the tiled path, every layout
// of source and destination), `fill_` and `zero_`, and the write checks in-place operations
// make. Expected values were printed by PyTorch 2.15 for the same calls.

import Testing
import Ember
import EmberTestSupport

/// Logical values used for the layout-variant checks: a (3, 4) tensor, and a (3, 4) tensor
/// whose rows are equal (so it also has an expanded variant).
enum CopyFillData {
    static let shape = [3, 4]
    static let values: [Double] = [0.5, -1, 2, 3.25, 4, -5.5, 6, 7, 8, 9, -10, 11]
    static let rowsEqual: [Double] = [1, -2, 3, 4, 1, -2, 3, 4, 1, -2, 3, 4]
}

/// A 1-D view of every element of `t`'s storage (float32).
func wholeStorage(of t: Tensor) -> Tensor {
    t.asStrided([t.storage.byteCount / t.elementSize], [1], storageOffset: 0)
}

@Suite struct CopyTests {
    @Test func broadcastsSource() {
        let a = Tensor.zeros(2, 3)
        let r = a.copy_(Tensor([1.0, 2, 3]))
        #expect(r === a, "copy_ returns self")
        expectTensor(a, shape: [2, 3], values: [1, 2, 3, 1, 2, 3])
        let b = Tensor.zeros(2, 3).copy_(Tensor([[1.0], [2.0]]))
        expectTensor(b, shape: [2, 3], values: [1, 1, 1, 2, 2, 2])
        // torch.zeros(2,2,dtype=torch.int32).copy_(torch.tensor(7.9)) -> 7 everywhere
        expectInts(Tensor.zeros(2, 2, dtype: .int32).copy_(Tensor(7.9)), shape: [2, 2], [7, 7, 7, 7], dtype: .int32)
        // An empty destination takes any source broadcastable to it.
        expectTensor(Tensor.zeros(0, 3).copy_(Tensor.ones(3)), shape: [0, 3], values: [])
    }

    /// `copy_` converts with PyTorch's casts: float to int truncates (NaN and inf give
    /// int64 min on x86), int64 to int32 wraps, nonzero (NaN included) is `True`.
    @Test func convertsDTypes() {
        expectInts(Tensor.zeros(3, dtype: .int64).copy_(Tensor([1.7, -2.7, 3.2])), shape: [3], [1, -2, 3])
        expectInts(Tensor.zeros(3, dtype: .int64).copy_(Tensor([true, false, true])), shape: [3], [1, 0, 1])
        expectBools(Tensor.zeros(3, dtype: .bool).copy_(Tensor([0.0, 0.5, -1])), shape: [3], [false, true, true])
        expectBools(Tensor.zeros(4, dtype: .bool).copy_(Tensor([0.0, -0.0, 0.5, .nan])), shape: [4],
                    [false, false, true, true])
        expectInts(Tensor.zeros(2, dtype: .int32).copy_(Tensor([(Int64(1) << 33) + 5, -(Int64(1) << 31) - 1])),
                   shape: [2], [5, 2_147_483_647])
        expectInts(Tensor.zeros(3, dtype: .int64).copy_(Tensor([Double.nan, .infinity, -2.5], dtype: .float64)),
                   shape: [3], [Int64.min, Int64.min, -2])
        let f = Tensor.zeros(2).copy_(Tensor([1.0 / 3.0, 1e40], dtype: .float64))
        #expect(f.scalars(as: Double.self) == [0.3333333432674408, .infinity])
        expectTensor(Tensor.zeros(2).copy_(Tensor([16_777_217, -3])), shape: [2], values: [16_777_216, -3])
        expectTensor(Tensor.zeros(2, dtype: .float64).copy_(Tensor([Int64(1) << 53 + 1, -3])), shape: [2],
                     values: [9_007_199_254_740_992, -3])
    }

    /// Copies from a transposed source large enough for the tiled transpose path
    /// (`dst[i, j] == src[i, j] == j * 70 + i`).
    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func transposedSource(_ dtype: DType) {
        let src = Tensor.arange(3500.0).reshape(50, 70).t()
        #expect(src.shape == [70, 50] && src.strides == [1, 70])
        let dst = Tensor.zeros([70, 50], dtype: dtype).copy_(src)
        let got = dst.scalars(as: Double.self)
        var expected = [Double](repeating: 0, count: 3500)
        for i in 0..<70 { for j in 0..<50 { expected[i * 50 + j] = Double(j * 70 + i) } }
        #expect(got == expected)
        // The same through contiguous() and clone().
        #expect(src.contiguous().scalars(as: Double.self) == expected)
        #expect(src.clone().scalars(as: Double.self) == expected)
    }

    /// A sliced, offset, transposed source: `arange(4000.).reshape(50,80)[3:, 5:75].t()`
    /// has shape (70, 47), strides (1, 80), offset 245; `dst[i, j] == (j + 3) * 80 + i + 5`.
    @Test func slicedTransposedSource() {
        let src = Tensor.arange(4000.0).reshape(50, 80)[3..., 5..<75].t()
        expectLayout(src, shape: [70, 47], strides: [1, 80], offset: 245)
        let dst = Tensor.zeros([70, 47], dtype: .int32).copy_(src)
        var expected = [Int64](repeating: 0, count: 70 * 47)
        for i in 0..<70 { for j in 0..<47 { expected[i * 47 + j] = Int64((j + 3) * 80 + i + 5) } }
        #expect(dst.scalars(as: Int64.self) == expected)
    }

    /// A transposed destination: `dst.t().copy_(src)` writes `dst` in transposed order.
    @Test func transposedDestination() {
        let dst = Tensor.zeros(50, 70)
        dst.t().copy_(Tensor.arange(3500.0).reshape(70, 50))
        // dst[r, c] = dst.t()[c, r] = c * 50 + r
        var expected = [Double](repeating: 0, count: 3500)
        for r in 0..<50 { for c in 0..<70 { expected[r * 70 + c] = Double(c * 50 + r) } }
        #expect(dst.scalars(as: Double.self) == expected)
    }

    /// Every layout of the source gives the same logical copy.
    @Test func everySourceLayout() {
        for dtype in [DType.float32, .float64, .int64] {
            let expected = CopyFillData.values.map { dtype == .int64 ? Double(Int64($0)) : $0 }
            for v in layoutVariants(shape: CopyFillData.shape, values: CopyFillData.values, dtype: dtype) {
                let dst = Tensor.zeros(3, 4, dtype: .float64).copy_(v.tensor)
                #expect(dst.scalars(as: Double.self) == expected, "\(dtype) \(v.name)")
                #expect(v.tensor.scalars(as: Double.self) == expected, "scalars of \(dtype) \(v.name)")
                #expect(v.tensor.clone().scalars(as: Double.self) == expected, "clone of \(dtype) \(v.name)")
                #expect(v.tensor.contiguous().scalars(as: Double.self) == expected, "contiguous of \(v.name)")
                #expect(v.tensor.to(.float32).scalars(as: Double.self) == expected.map { Double(Float($0)) })
            }
        }
        let variants = layoutVariants(shape: CopyFillData.shape, values: CopyFillData.rowsEqual)
        #expect(variants.map(\.name).contains("expanded"))
        for v in variants {
            #expect(Tensor.zeros(3, 4).copy_(v.tensor).scalars(as: Double.self) == CopyFillData.rowsEqual, "\(v.name)")
        }
    }

    /// Every non-overlapping layout of the destination receives the logical values, and the
    /// filler (-777) around the view is untouched.
    @Test func everyDestinationLayout() {
        let source = Tensor(shape: CopyFillData.shape, data: CopyFillData.values)
        for v in layoutVariants(shape: CopyFillData.shape, values: [Double](repeating: 0, count: 12))
        where v.name != "expanded" {
            v.tensor.copy_(source)
            #expect(v.tensor.scalars(as: Double.self) == CopyFillData.values, "\(v.name)")
            let whole = wholeStorage(of: v.tensor).scalars(as: Double.self)
            #expect(whole.filter { $0 == -777 }.count == whole.count - 12, "filler of \(v.name)")
        }
    }

    /// Copying into an expanded tensor would write one element from several sources.
    @Test func intoExpandedStops() {
        let e = Tensor.ones(1, 3).expand(2, 3)
        expectTensorError(.runtimeError,
            "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
        ) { e.copy_(Tensor.zeros(2, 3)) }
        expectTensorError(.runtimeError,
            "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
        ) { e.copy_(Tensor(5.0)) }
    }

    /// PyTorch only refuses a destination it can prove overlapping (a stride 0 on a dim of
    /// size > 1); for other overlapping layouts (`unfold` windows, overlapping `as_strided` rows)
    /// its check gives up and the copy goes ahead:
    /// `arange(12.).reshape(3,4).unfold(1,2,1).copy_(tensor(0.))` and
    /// `arange(9.).as_strided((3,3),(2,1)).copy_(zeros(3,3))` succeed.
    @Test
    func intoOverlappingWindowsIsAllowed() {
        let b = Tensor.arange(12.0).reshape(3, 4)
        let x = Tensor.arange(9.0)
        #expect(capturedError { b.unfold(dim: 1, size: 2, step: 1).copy_(Tensor(0.0)) } == nil)
        expectTensor(b, shape: [3, 4], values: [Double](repeating: 0, count: 12))
        #expect(capturedError { x.asStrided([3, 3], [2, 1]).copy_(Tensor.zeros(3, 3)) } == nil)
        expectTensor(x, shape: [9], values: [0, 0, 0, 0, 0, 0, 0, 7, 8])
        #expect(capturedError { b.unfold(dim: 1, size: 2, step: 1)[0] = 5 } == nil)
    }

    /// Copying a tensor into itself is fine; copying between disjoint parts of one storage is fine.
    @Test func sameStorageCopies() {
        let x = Tensor.arange(5.0)
        x.copy_(x)
        expectTensor(x, shape: [5], values: [0, 1, 2, 3, 4])
        let y = Tensor.arange(6.0)
        y[..<3].copy_(y[3...])
        expectTensor(y, shape: [6], values: [3, 4, 5, 3, 4, 5])
        let z = Tensor.arange(4.0).reshape(2, 2)
        z[0] = z[1]
        expectTensor(z, shape: [2, 2], values: [2, 3, 2, 3])
    }

    /// PyTorch refuses a copy whose source partly overlaps the destination:
    /// `sq.copy_(sq.t())`, `x[1:].copy_(x[:-1])` and `x[1:4] = x[0:3]` all raise.
    @Test
    func partialOverlapStops() {
        let message = "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation."
        let sq = Tensor.arange(9.0).reshape(3, 3)
        expectTensorError(.runtimeError, message) { sq.copy_(sq.t()) }
        let x = Tensor.arange(5.0)
        expectTensorError(.runtimeError, message) { x[1...].copy_(x[..<(-1)]) }
        let y = Tensor.arange(6.0)
        expectTensorError(.runtimeError, message) { y[1..<4] = y[0..<3] }
    }
}

@Suite struct FillTests {
    @Test func fillEachDType() {
        let f64 = Tensor.zeros(2, dtype: .float64)
        #expect(f64.fill_(2.5) === f64)
        expectTensor(f64, shape: [2], values: [2.5, 2.5], dtype: .float64)
        expectInts(Tensor.zeros(2, dtype: .int32).fill_(-3), shape: [2], [-3, -3], dtype: .int32)
        expectInts(Tensor.zeros(2, dtype: .int64).fill_(Scalar(Int64(1) << 40)), shape: [2], [1 << 40, 1 << 40])
        expectTensor(Tensor.zeros(2).fill_(true), shape: [2], values: [1, 1], dtype: .float32)
        expectBools(Tensor.zeros(2, dtype: .bool).fill_(true), shape: [2], [true, true], dtype: .bool)
        #expect(Tensor.zeros(1).fill_(Scalar(1.0 / 3.0)).item() == 0.3333333432674408)
        expectTensor(Tensor.zeros(2).fill_(Scalar(-7)), shape: [2], values: [-7, -7])
        expectTensor(Tensor.ones(2, 2).zero_(), shape: [2, 2], values: [0, 0, 0, 0])
        expectInts(Tensor.ones(3, dtype: .int32).zero_(), shape: [3], [0, 0, 0], dtype: .int32)
        expectTensor(Tensor.zeros(0).fill_(1), shape: [0], values: [])
        let s = Tensor(3.0)
        s.fill_(-1)
        #expect(s.item() == -1)
    }

    /// `fill_` through every layout writes exactly the view's elements.
    @Test func fillEveryLayout() {
        for v in layoutVariants(shape: CopyFillData.shape, values: CopyFillData.values) where v.name != "expanded" {
            v.tensor.fill_(9)
            #expect(v.tensor.scalars(as: Double.self) == [Double](repeating: 9, count: 12), "\(v.name)")
            let whole = wholeStorage(of: v.tensor).scalars(as: Double.self)
            #expect(whole.filter { $0 == -777 }.count == whole.count - 12, "filler of \(v.name)")
            #expect(whole.filter { $0 == 9 }.count == 12, "\(v.name)")
        }
        // A strided view fills only its elements.
        let b = Tensor.arange(12.0).reshape(3, 4)
        b[.all, .slice(1, nil, step: 2)].fill_(0)
        expectTensor(b, shape: [3, 4], values: [0, 0, 2, 0, 4, 0, 6, 0, 8, 0, 10, 0])
        b.t()[2].zero_()
        expectTensor(b, shape: [3, 4], values: [0, 0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0])
    }

    /// `torch.zeros(3, dtype=torch.long).fill_(1.5)` is `tensor([1, 1, 1])`, `fill_(-2.7)` gives
    /// -2, and a bool tensor takes `fill_(0)`, `fill_(2)` and `zero_()`: `fill_` converts its
    /// value and makes no type-promotion check (the "result type Float can't be cast to the
    /// desired output type Long" error belongs to ops like `add_`, not to `fill_`).
    @Test
    func fillConvertsValue() {
        let i = Tensor.zeros(3, dtype: .int64)
        let e1 = capturedError { i.fill_(1.5) }
        #expect(e1 == nil)
        expectInts(i, shape: [3], [1, 1, 1])
        let j = Tensor.zeros(2, dtype: .int32)
        #expect(capturedError { j.fill_(-2.7) } == nil)
        expectInts(j, shape: [2], [-2, -2])
        let b = Tensor.ones(2, dtype: .bool)
        #expect(capturedError { b.zero_() } == nil)
        expectBools(b, shape: [2], [false, false])
        #expect(capturedError { b.fill_(2) } == nil)
        expectBools(b, shape: [2], [true, true])
        #expect(capturedError { b.fill_(0.0) } == nil)
        expectBools(b, shape: [2], [false, false])
    }

    /// `torch.zeros(2, dtype=torch.int32).fill_(2**33 + 5)` raises: the value does not fit.
    @Test
    func fillOverflowStops() {
        expectTensorError(.runtimeError, "value cannot be converted to type int without overflow") {
            Tensor.zeros(2, dtype: .int32).fill_(Scalar(Int64(1) << 33 + 5))
        }
    }

    /// Fill is idempotent, so PyTorch allows it on an expanded (overlapping) tensor:
    /// `torch.ones(1,3).expand(2,3).fill_(2)` and `.zero_()` succeed.
    @Test
    func fillOnExpandedIsAllowed() {
        let base = Tensor.ones(1, 3)
        let e = base.expand(2, 3)
        #expect(capturedError { e.fill_(2) } == nil)
        expectTensor(e, shape: [2, 3], values: [2, 2, 2, 2, 2, 2])
        #expect(capturedError { e.zero_() } == nil)
        expectTensor(base, shape: [1, 3], values: [0, 0, 0])
    }
}
