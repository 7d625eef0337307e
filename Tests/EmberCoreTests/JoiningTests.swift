// JoiningTests.swift
//
// `cat`, `stack`, `vstack` / `hstack` / `dstack`, `split` / `chunk` / `tensorSplit` /
// `vsplit` / `hsplit` / `dsplit` / `unbind` (views), `flip`, `roll`, `repeat`, `tile`,
// `tril` / `triu`: values, dtypes, layouts, empty tensors and every error path.
// Expected values are PyTorch 2.15's, from running the same expressions with
// `x = torch.tensor([[3., -1., 2., 7.], [0., 5., -4., 1.], [2., 2., 8., -3.]])`.

import Testing
import Ember
import EmberTestSupport

/// `x` above, row-major.
let joiningX: [Double] = [3, -1, 2, 7, 0, 5, -4, 1, 2, 2, 8, -3]

func joiningTensor(_ dtype: DType = .float32) -> Tensor { Tensor(shape: [3, 4], data: joiningX, dtype: dtype) }

@Suite struct CatTests {
    @Test func values() {
        let x = joiningTensor()
        expectTensor(Tensor.cat([x, x[..<2] * 10]), shape: [5, 4],
                     values: [3, -1, 2, 7, 0, 5, -4, 1, 2, 2, 8, -3, 30, -10, 20, 70, 0, 50, -40, 10] as [Double], dtype: .float32)
        expectTensor(Tensor.cat([x, x[.all, ..<1] * 10, x[.all, 2...]], dim: 1), shape: [3, 7],
                     values: [3, -1, 2, 7, 30, 2, 7, 0, 5, -4, 1, 0, -4, 1, 2, 2, 8, -3, 20, 8, -3] as [Double])
        expectTensor(Tensor.cat([x.t(), Tensor.ones(1, 3)]), shape: [5, 3],
                     values: [3, 0, 2, -1, 5, 2, 2, -4, 8, 7, 1, -3, 1, 1, 1] as [Double])
        expectTensor(Tensor.cat([x[.all, ..<1], x[.all, 3...]], dim: -1), shape: [3, 2], values: [3, 7, 0, 1, 2, -3] as [Double])
        expectInts(Tensor.cat([Tensor.arange(8).reshape(2, 2, 2), Tensor.arange(4).reshape(2, 1, 2) + 100], dim: 1),
                     shape: [2, 3, 2], [0, 1, 2, 3, 100, 101, 4, 5, 6, 7, 102, 103], dtype: .int64)
        // A single tensor is copied.
        let single = Tensor.cat([x])
        #expect(!sharesStorage(single, x))
        expectTensor(single, shape: [3, 4], values: joiningX)
    }

    @Test func typePromotionAndEmpties() {
        expectTensor(Tensor.cat([Tensor([1, 2], dtype: .int32), Tensor([2.5])]), shape: [3], values: [1, 2, 2.5], dtype: .float32)
        expectInts(Tensor.cat([Tensor([true, false]), Tensor([3, 4], dtype: .int32)]), shape: [4], [1, 0, 3, 4],
                     dtype: .int32)
        expectTensor(Tensor.cat([Tensor.ones(2, dtype: .int32), Tensor.ones([2], dtype: .float64)]), shape: [4],
                     values: [1, 1, 1, 1] as [Double], dtype: .float64)
        // 1-D empty tensors are skipped whatever the others' rank, but take part in the dtype.
        expectTensor(Tensor.cat([Tensor.ones(2, 2), Tensor.zeros(0), Tensor.ones(2, 1) * 2], dim: 1), shape: [2, 3],
                     values: [1, 1, 2, 1, 1, 2] as [Double])
        expectTensor(Tensor.cat([Tensor.ones(2, 2), Tensor.zeros([0], dtype: .float64)], dim: 1), shape: [2, 2],
                     values: [1, 1, 1, 1] as [Double], dtype: .float64)
        expectTensor(Tensor.cat([Tensor.ones(2, 2), Tensor.zeros(0, 2)]), shape: [2, 2], values: [1, 1, 1, 1] as [Double])
        expectTensor(Tensor.cat([Tensor.zeros(0), Tensor.zeros(0, 2)]), shape: [0, 2], values: [] as [Double])
        expectTensor(Tensor.cat([Tensor.zeros(0), Tensor.zeros(0)], dim: 5), shape: [0], values: [] as [Double])
    }

    @Test(arguments: [DType.float32, .float64, .int32, .int64, .bool])
    func layouts(_ dtype: DType) {
        let doubled0 = joiningX + joiningX
        var doubled1: [Double] = []
        for r in 0..<3 { for _ in 0..<2 { doubled1 += joiningX[(r * 4)..<(r * 4 + 4)] } }
        let expect0 = dtype == .bool ? doubled0.map { $0 != 0 ? 1.0 : 0.0 } : doubled0
        let expect1 = dtype == .bool ? doubled1.map { $0 != 0 ? 1.0 : 0.0 } : doubled1
        for variant in layoutVariants(shape: [3, 4], values: joiningX, dtype: dtype) {
            let v = variant.tensor
            let r0 = Tensor.cat([v, joiningTensor(dtype)])
            #expect(r0.dtype == dtype, "\(variant)")
            expectTensor(r0, shape: [6, 4], values: expect0)
            expectTensor(Tensor.cat([v, v], dim: 1), shape: [3, 8], values: expect1)
            expectTensor(Tensor.stack([v, v], dim: 2), shape: [3, 4, 2], values: joiningX.flatMap { [$0, $0] }.map {
                dtype == .bool ? ($0 != 0 ? 1 : 0) : $0
            })
        }
        let expanded = Tensor([1.0, 2], dtype: dtype).expand(2, 2)
        expectTensor(Tensor.cat([expanded, expanded], dim: 1), shape: [2, 4], values: [1, 2, 1, 2, 1, 2, 1, 2].map {
            dtype == .bool ? 1.0 : Double($0)
        })
    }

    @Test func largeContiguousInputs() {
        // Large enough for the block copies to split across threads.
        let a = Tensor.arange(300_000.0).reshape(3, 100_000)
        let b = Tensor.arange(200_000.0).reshape(2, 100_000) * -1
        let rows = Tensor.cat([a, b])
        #expect(rows.shape == [5, 100_000])
        let r = rows.scalars(as: Float.self)
        #expect(r[0] == 0 && r[299_999] == 299_999 && r[300_000] == -0.0 && r[300_001] == -1 && r[499_999] == -199_999)
        let cols = Tensor.cat([a, a[.all, ..<50_000]], dim: 1)
        #expect(cols.shape == [3, 150_000])
        let c = cols.scalars(as: Float.self)
        #expect(c[0] == 0 && c[99_999] == 99_999 && c[100_000] == 0 && c[149_999] == 49_999 && c[150_000] == 100_000)
        #expect(c[449_999] == 249_999)
        // Many short rows.
        let m = Tensor.arange(40_000).reshape(20_000, 2)
        let mm = Tensor.cat([m, m * 10, m], dim: 1).scalars(as: Int64.self)
        #expect(mm.count == 120_000)
        #expect(mm[0..<6] == [0, 1, 0, 10, 0, 1])
        #expect(mm[119_994..<120_000] == [39_998, 39_999, 399_980, 399_990, 39_998, 39_999])
    }

    @Test func stackAndFriends() {
        expectInts(Tensor.stack([Tensor([1, 2]), Tensor([3, 4])]), shape: [2, 2], [1, 2, 3, 4], dtype: .int64)
        expectInts(Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], dim: 1), shape: [2, 2], [1, 3, 2, 4])
        let x = joiningTensor()
        expectTensor(Tensor.stack([x[0], x[1]], dim: -1), shape: [4, 2], values: [3, 0, -1, 5, 2, -4, 7, 1] as [Double])
        expectTensor(Tensor.stack([Tensor(1.0), Tensor(2.0)]), shape: [2], values: [1, 2] as [Double])
        expectTensor(Tensor.stack([Tensor.ones(2), Tensor.ones([2], dtype: .int32)]), shape: [2, 2], values: [1, 1, 1, 1] as [Double],
                     dtype: .float32)
        expectInts(Tensor.vstack([Tensor([1, 2]), Tensor([[3, 4], [5, 6]])]), shape: [3, 2], [1, 2, 3, 4, 5, 6])
        expectTensor(Tensor.vstack([Tensor(1.0), Tensor(2.0)]), shape: [2, 1], values: [1, 2] as [Double])
        expectInts(Tensor.hstack([Tensor([1, 2]), Tensor([3])]), shape: [3], [1, 2, 3])
        expectInts(Tensor.hstack([Tensor([[1], [2]]), Tensor([[3, 4], [5, 6]])]), shape: [2, 3], [1, 3, 4, 2, 5, 6])
        expectTensor(Tensor.hstack([Tensor(1.0), Tensor(2.0)]), shape: [2], values: [1, 2] as [Double])
        expectInts(Tensor.dstack([Tensor([1, 2]), Tensor([3, 4])]), shape: [1, 2, 2], [1, 3, 2, 4])
        expectInts(Tensor.dstack([Tensor([[1, 2]]), Tensor([[3, 4]])]), shape: [1, 2, 2], [1, 3, 2, 4])
        expectTensor(Tensor.dstack([Tensor(1.0), Tensor(2.0)]), shape: [1, 1, 2], values: [1, 2] as [Double])
        expectTensor(Tensor.stack([Tensor.zeros(0, 2), Tensor.zeros(0, 2)], dim: 1), shape: [0, 2, 2], values: [] as [Double])
    }
}

@Suite struct SplitTests {
    @Test func splitBySize() {
        let b = Tensor.arange(12.0).reshape(3, 4)
        let pieces = b.split(3, dim: 1)
        #expect(pieces.count == 2)
        expectLayout(pieces[0], shape: [3, 3], strides: [4, 1], offset: 0)
        expectLayout(pieces[1], shape: [3, 1], strides: [4, 1], offset: 3)
        #expect(pieces.allSatisfy { sharesStorage($0, b) && $0.isView })
        expectTensor(pieces[1], shape: [3, 1], values: [3, 7, 11] as [Double])
        let v = Tensor([1.0, 2, 3])
        #expect(v.split(2).map(\.shape) == [[2], [1]])
        #expect(v.split(5).map(\.shape) == [[3]])
        #expect(Tensor.zeros(0).split(2).map(\.shape) == [[0]])
        #expect(Tensor.zeros(0).split(0).map(\.shape) == [[0]])
        // Writing through a piece reaches the base.
        pieces[1].fill_(-1)
        expectTensor(b, shape: [3, 4], values: [0, 1, 2, -1, 4, 5, 6, -1, 8, 9, 10, -1] as [Double])
    }

    @Test func splitBySizes() {
        let b = Tensor.arange(12.0).reshape(3, 4)
        let pieces = b.split([1, 0, 3], dim: -1)
        #expect(pieces.map(\.shape) == [[3, 1], [3, 0], [3, 3]])
        expectLayout(pieces[2], shape: [3, 3], strides: [4, 1], offset: 1)
        expectTensor(pieces[2], shape: [3, 3], values: [1, 2, 3, 5, 6, 7, 9, 10, 11] as [Double])
        let t = b.t().split([3, 1])
        expectLayout(t[1], shape: [1, 3], strides: [1, 4], offset: 3)
        expectTensor(t[1], shape: [1, 3], values: [3, 7, 11] as [Double])
    }

    @Test func chunk() {
        let b = Tensor.arange(12.0).reshape(3, 4)
        let halves = b.chunk(2, dim: 1)
        expectLayout(halves[1], shape: [3, 2], strides: [4, 1], offset: 2)
        #expect(Tensor.ones(5).chunk(3).map(\.shape) == [[2], [2], [1]])
        #expect(Tensor.ones(6).chunk(4).map(\.shape) == [[2], [2], [2]])
        #expect(Tensor.zeros(0).chunk(2).map(\.shape) == [[0], [0]])
        #expect(Tensor([1.0, 2, 3]).chunk(2).map { $0.scalars(as: Double.self) } == [[1, 2], [3]])
    }

    @Test func tensorSplitAndDirectional() {
        let b = Tensor.arange(12.0).reshape(3, 4)
        #expect(b.tensorSplit(3, dim: 1).map(\.shape) == [[3, 2], [3, 1], [3, 1]])
        let cut = b.tensorSplit(indices: [1, 10, 2], dim: 1)
        #expect(cut.map(\.shape) == [[3, 1], [3, 3], [3, 0], [3, 2]])
        expectTensor(cut[3], shape: [3, 2], values: [2, 3, 6, 7, 10, 11] as [Double])
        #expect(b.hsplit([1, 10, 2]).map(\.shape) == [[3, 1], [3, 3], [3, 0], [3, 2]])
        #expect(b.hsplit(2).map(\.shape) == [[3, 2], [3, 2]])
        #expect(Tensor([1.0, 2, 3]).hsplit(3).map(\.shape) == [[1], [1], [1]])
        #expect(Tensor.ones(4, 2).vsplit(2).map(\.shape) == [[2, 2], [2, 2]])
        #expect(Tensor.ones(4, 2).vsplit([1, 3]).map(\.shape) == [[1, 2], [2, 2], [1, 2]])
        let d = Tensor.arange(24).reshape(2, 3, 4).dsplit(2)
        #expect(d.map(\.shape) == [[2, 3, 2], [2, 3, 2]])
        expectInts(d[1], shape: [2, 3, 2], [2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23])
        #expect(d.allSatisfy { $0.isView })
    }

    @Test func unbind() {
        let b = Tensor.arange(12.0).reshape(3, 4)
        let columns = b.unbind(dim: 1)
        #expect(columns.count == 4)
        expectLayout(columns[2], shape: [3], strides: [4], offset: 2)
        expectTensor(columns[2], shape: [3], values: [2, 6, 10] as [Double])
        let rows = b.unbind()
        expectTensor(rows[2], shape: [4], values: [8, 9, 10, 11] as [Double])
        #expect(sharesStorage(rows[0], b))
        #expect(Tensor.zeros(0, 2).unbind().isEmpty)
    }
}

@Suite struct ReorderTests {
    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func flipAndRollLayouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: joiningX, dtype: dtype) {
            let x = variant.tensor
            let f = x.flip(dims: 0)
            #expect(f.dtype == dtype && f.isContiguous, "\(variant)")
            expectTensor(f, shape: [3, 4], values: [2, 2, 8, -3, 0, 5, -4, 1, 3, -1, 2, 7] as [Double])
            expectTensor(x.flip(dims: 0, 1), shape: [3, 4], values: [-3, 8, 2, 2, 1, -4, 5, 0, 7, 2, -1, 3] as [Double])
            expectTensor(x.flip(dims: -1), shape: [3, 4], values: [7, 2, -1, 3, 1, -4, 5, 0, -3, 8, 2, 2] as [Double])
            expectTensor(x.roll(1, dim: 1), shape: [3, 4], values: [7, 3, -1, 2, 1, 0, 5, -4, -3, 2, 2, 8] as [Double])
            expectTensor(x.roll(-5, dim: 0), shape: [3, 4], values: [2, 2, 8, -3, 3, -1, 2, 7, 0, 5, -4, 1] as [Double])
            expectTensor(x.roll(3), shape: [3, 4], values: [2, 8, -3, 3, -1, 2, 7, 0, 5, -4, 1, 2] as [Double])
            expectTensor(x.roll([1, -1], dims: [0, 1]), shape: [3, 4], values: [2, 8, -3, 2, -1, 2, 7, 3, 5, -4, 1, 0] as [Double])
        }
    }

    @Test func flipAndRollEdges() {
        expectInts(Tensor.arange(24).reshape(2, 3, 4).flip(dims: 0, 2), shape: [2, 3, 4],
                     [15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8])
        expectBools(Tensor([true, false, false]).flip(dims: 0), shape: [3], [false, false, true])
        expectTensor(Tensor(1.0).flip(dims: 0), shape: [], values: [1] as [Double])
        expectTensor(Tensor(1.0).flip(dims: []), shape: [], values: [1] as [Double])
        expectTensor(Tensor.zeros(0, 2).flip(dims: 0, 1), shape: [0, 2], values: [] as [Double])
        expectInts(Tensor([[1, 2], [3, 4]]).roll([1, 1], dims: [0, 1]), shape: [2, 2], [4, 3, 2, 1])
        expectInts(Tensor([1, 2, 3]).roll(-4), shape: [3], [2, 3, 1])
        expectTensor(Tensor(1.0).roll(1), shape: [], values: [1] as [Double])
        expectTensor(Tensor.zeros(0).roll(1), shape: [0], values: [] as [Double])
        let x = joiningTensor()
        let same = x.roll(4, dim: 1)
        #expect(!sharesStorage(same, x))
        expectTensor(same, shape: [3, 4], values: joiningX)
        // An expanded input.
        expectTensor(Tensor([1.0, 2, 3]).expand(2, 3).flip(dims: 1), shape: [2, 3], values: [3, 2, 1, 3, 2, 1] as [Double])
    }

    @Test func repeatAndTile() {
        let x = joiningTensor()
        expectTensor(x[..<2, ..<2].repeat(2, 3), shape: [4, 6],
                     values: [3, -1, 3, -1, 3, -1, 0, 5, 0, 5, 0, 5, 3, -1, 3, -1, 3, -1, 0, 5, 0, 5, 0, 5] as [Double])
        expectTensor(x[..<2, ..<2].t().repeat(1, 2), shape: [2, 4], values: [3, 0, 3, 0, -1, 5, -1, 5] as [Double])
        expectInts(Tensor([1, 2]).repeat(2, 1, 2), shape: [2, 1, 4], [1, 2, 1, 2, 1, 2, 1, 2])
        expectBools(Tensor([[true, false]]).repeat(2, 1, 2), shape: [2, 1, 4],
                     [true, false, true, false, true, false, true, false])
        expectTensor(x.repeat(0, 2), shape: [0, 8], values: [] as [Double])
        expectTensor(Tensor(2.0).repeat(3), shape: [3], values: [2, 2, 2] as [Double])
        expectTensor(Tensor([1.0, 2]).expand(2, 2).repeat(1, 2), shape: [2, 4], values: [1, 2, 1, 2, 1, 2, 1, 2] as [Double])
        expectInts(Tensor([[1, 2], [3, 4]]).tile(2), shape: [2, 4], [1, 2, 1, 2, 3, 4, 3, 4])
        expectInts(Tensor([[1, 2], [3, 4]]).tile(2, 1, 1), shape: [2, 2, 2], [1, 2, 3, 4, 1, 2, 3, 4])
        expectTensor(Tensor([1.0, 2, 3]).tile([]), shape: [3], values: [1, 2, 3] as [Double])
    }

    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func triangles(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: joiningX, dtype: dtype) {
            let x = variant.tensor
            let lower = x.tril()
            #expect(lower.dtype == dtype && lower.isContiguous, "\(variant)")
            expectTensor(lower, shape: [3, 4], values: [3, 0, 0, 0, 0, 5, 0, 0, 2, 2, 8, 0] as [Double])
            expectTensor(x.tril(diagonal: 1), shape: [3, 4], values: [3, -1, 0, 0, 0, 5, -4, 0, 2, 2, 8, -3] as [Double])
            expectTensor(x.tril(diagonal: -1), shape: [3, 4], values: [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 0] as [Double])
            expectTensor(x.triu(), shape: [3, 4], values: [3, -1, 2, 7, 0, 5, -4, 1, 0, 0, 8, -3] as [Double])
            expectTensor(x.triu(diagonal: 1), shape: [3, 4], values: [0, -1, 2, 7, 0, 0, -4, 1, 0, 0, 0, -3] as [Double])
            expectTensor(x.triu(diagonal: -1), shape: [3, 4], values: [3, -1, 2, 7, 0, 5, -4, 1, 0, 2, 8, -3] as [Double])
            expectTensor(x.t().triu(), shape: [4, 3], values: [3, 0, 2, 0, 5, 2, 0, 0, 8, 0, 0, 0] as [Double])
            expectTensor(x.tril(diagonal: -5), shape: [3, 4], values: [Double](repeating: 0, count: 12))
        }
        expectInts(Tensor.ones([2, 3, 4], dtype: .int32).tril(diagonal: -1), shape: [2, 3, 4],
                     [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0], dtype: .int32)
        expectBools(Tensor.ones([3, 3], dtype: .bool).tril(diagonal: 1), shape: [3, 3],
                     [true, true, false, true, true, true, true, true, true])
        expectTensor(Tensor.zeros(0, 3).tril(), shape: [0, 3], values: [] as [Double])
    }

    @Test func trianglesInPlace() {
        let x = joiningTensor()
        let version = x.version
        x.t().tril_()
        #expect(x.version == version + 1)
        // x.t().tril() zeroes above the diagonal of the transpose, i.e. below the diagonal of x.
        expectTensor(x, shape: [3, 4], values: [3, -1, 2, 7, 0, 5, -4, 1, 0, 0, 8, -3] as [Double])
        let y = joiningTensor()
        y.triu_(diagonal: 1)
        expectTensor(y, shape: [3, 4], values: [0, -1, 2, 7, 0, 0, -4, 1, 0, 0, 0, -3] as [Double])
    }
}

// MARK: - Errors

enum JoiningErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("cat empty list", .valueError, "torch.cat(): expected a non-empty list of Tensors") {
            _ = Tensor.cat([])
        },
        OpErrorCase("cat sizes dim 1", .runtimeError,
                    "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.") {
            _ = Tensor.cat([Tensor.ones(2, 2), Tensor.ones(3, 3)], dim: 1)
        },
        OpErrorCase("cat sizes dim 0", .runtimeError,
                    "Sizes of tensors must match except in dimension 0. Expected size 2 but got size 3 for tensor number 1 in the list.") {
            _ = Tensor.cat([Tensor.ones(2, 2), Tensor.ones(2, 3)])
        },
        OpErrorCase("cat empty sizes", .runtimeError,
                    "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list.") {
            _ = Tensor.cat([Tensor.zeros(0, 3), Tensor.zeros(0, 2)])
        },
        OpErrorCase("cat ranks", .runtimeError, "Tensors must have same number of dimensions: got 2 and 3") {
            _ = Tensor.cat([Tensor.ones(2, 2), Tensor.ones(2, 2, 2)])
        },
        OpErrorCase("cat ranks 1-D", .runtimeError, "Tensors must have same number of dimensions: got 2 and 1") {
            _ = Tensor.cat([Tensor.ones(2, 2), Tensor.ones(2)])
        },
        OpErrorCase("cat zero-dim first", .runtimeError, "zero-dimensional tensor (at position 0) cannot be concatenated") {
            _ = Tensor.cat([Tensor(1.0), Tensor(2.0)])
        },
        OpErrorCase("cat zero-dim second", .runtimeError, "zero-dimensional tensor (at position 1) cannot be concatenated") {
            _ = Tensor.cat([Tensor.ones(2), Tensor(2.0)])
        },
        OpErrorCase("cat dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = Tensor.cat([Tensor.ones(2, 2), Tensor.ones(2, 2)], dim: 2)
        },
        OpErrorCase("cat dim skipping empties", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 5)") {
            _ = Tensor.cat([Tensor.zeros(0), Tensor.ones(2, 2)], dim: 5)
        },
        OpErrorCase("stack empty list", .runtimeError, "stack expects a non-empty TensorList") {
            _ = Tensor.stack([])
        },
        OpErrorCase("stack sizes", .runtimeError, "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1") {
            _ = Tensor.stack([Tensor.ones(2), Tensor.ones(3)])
        },
        OpErrorCase("stack sizes 2-D", .runtimeError,
                    "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1") {
            _ = Tensor.stack([Tensor.ones(2, 3), Tensor.ones(3, 2)])
        },
        OpErrorCase("stack dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = Tensor.stack([Tensor.ones(2), Tensor.ones(2)], dim: 2)
        },
        OpErrorCase("stack negative dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got -3)") {
            _ = Tensor.stack([Tensor.ones(2), Tensor.ones(2)], dim: -3)
        },
        OpErrorCase("vstack empty", .runtimeError, "vstack expects a non-empty TensorList") { _ = Tensor.vstack([]) },
        OpErrorCase("hstack empty", .runtimeError, "hstack expects a non-empty TensorList") { _ = Tensor.hstack([]) },
        OpErrorCase("dstack empty", .runtimeError, "dstack expects a non-empty TensorList") { _ = Tensor.dstack([]) },
        OpErrorCase("vstack sizes", .runtimeError,
                    "Sizes of tensors must match except in dimension 0. Expected size 2 but got size 3 for tensor number 1 in the list.") {
            _ = Tensor.vstack([Tensor.ones(2), Tensor.ones(3)])
        },
        OpErrorCase("hstack sizes", .runtimeError,
                    "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.") {
            _ = Tensor.hstack([Tensor.ones(2, 1), Tensor.ones(3, 1)])
        },
        OpErrorCase("split zero size", .runtimeError, "split_size can only be 0 if dimension size is 0, but got dimension size of 3") {
            _ = Tensor([1.0, 2, 3]).split(0)
        },
        OpErrorCase("split negative size", .runtimeError, "split expects split_size be non-negative, but got split_size=-1") {
            _ = Tensor([1.0, 2, 3]).split(-1)
        },
        OpErrorCase("split negative size before dim", .runtimeError, "split expects split_size be non-negative, but got split_size=-1") {
            _ = Tensor.ones(3, 4).split(-1, dim: 5)
        },
        OpErrorCase("split dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 5)") {
            _ = Tensor.ones(3, 4).split(0, dim: 5)
        },
        OpErrorCase("split 0-dim", .runtimeError, "split expects at least a 1-dimensional tensor") {
            _ = Tensor(1.0).split(1)
        },
        OpErrorCase("split sizes sum", .runtimeError,
                    "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 0), but got split_sizes=[1, 1]") {
            _ = Tensor([1.0, 2, 3]).split([1, 1])
        },
        OpErrorCase("split sizes sum negative dim", .runtimeError,
                    "split_with_sizes expects split_sizes to sum exactly to 4 (input tensor's size at dimension -1), but got split_sizes=[1, 1]") {
            _ = Tensor.ones(3, 4).split([1, 1], dim: -1)
        },
        OpErrorCase("split sizes negative", .runtimeError,
                    "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[1, -1, 3]") {
            _ = Tensor([1.0, 2, 3]).split([1, -1, 3])
        },
        OpErrorCase("split sizes dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 5)") {
            _ = Tensor.ones(3, 4).split([1, -1], dim: 5)
        },
        OpErrorCase("chunk zero", .runtimeError, "chunk expects `chunks` to be greater than 0, got: 0") {
            _ = Tensor([1.0, 2, 3]).chunk(0)
        },
        OpErrorCase("chunk negative", .runtimeError, "chunk expects `chunks` to be greater than 0, got: -1") {
            _ = Tensor([1.0, 2, 3]).chunk(-1)
        },
        OpErrorCase("chunk 0-dim", .runtimeError, "chunk expects at least a 1-dimensional tensor") {
            _ = Tensor(1.0).chunk(2)
        },
        OpErrorCase("vsplit rank", .runtimeError,
                    "torch.vsplit requires a tensor with at least 2 dimension, but got a tensor with 1 dimensions!") {
            _ = Tensor([1.0, 2, 3]).vsplit(2)
        },
        OpErrorCase("vsplit divisible", .runtimeError,
                    "torch.vsplit attempted to split along dimension 0, but the size of the dimension 3 is not divisible by the split_size 2!") {
            _ = Tensor.ones(3, 2).vsplit(2)
        },
        OpErrorCase("hsplit vector divisible", .runtimeError,
                    "torch.hsplit attempted to split along dimension 0, but the size of the dimension 3 is not divisible by the split_size 2!") {
            _ = Tensor([1.0, 2, 3]).hsplit(2)
        },
        OpErrorCase("hsplit divisible", .runtimeError,
                    "torch.hsplit attempted to split along dimension 1, but the size of the dimension 3 is not divisible by the split_size 2!") {
            _ = Tensor.ones(2, 3).hsplit(2)
        },
        OpErrorCase("hsplit zero", .runtimeError,
                    "torch.hsplit attempted to split along dimension 1, but the size of the dimension 3 is not divisible by the split_size 0!") {
            _ = Tensor.ones(2, 3).hsplit(0)
        },
        OpErrorCase("hsplit 0-dim", .runtimeError,
                    "torch.hsplit requires a tensor with at least 1 dimension, but got a tensor with 0 dimensions!") {
            _ = Tensor(1.0).hsplit(1)
        },
        OpErrorCase("dsplit rank", .runtimeError,
                    "torch.dsplit requires a tensor with at least 3 dimension, but got a tensor with 2 dimensions!") {
            _ = Tensor.ones(2, 3).dsplit(3)
        },
        OpErrorCase("dsplit divisible", .runtimeError,
                    "torch.dsplit attempted to split along dimension 2, but the size of the dimension 4 is not divisible by the split_size 3!") {
            _ = Tensor.ones(2, 3, 4).dsplit(3)
        },
        OpErrorCase("unbind 0-dim", .indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(1.0).unbind()
        },
        OpErrorCase("unbind dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0, 2, 3]).unbind(dim: 1)
        },
        OpErrorCase("flip repeated dim", .runtimeError, "dim 0 appears multiple times in the list of dims") {
            _ = Tensor([1.0, 2, 3]).flip(dims: 0, 0)
        },
        OpErrorCase("flip dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0, 2, 3]).flip(dims: 1)
        },
        OpErrorCase("roll dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0, 2, 3]).roll(1, dim: 1)
        },
        OpErrorCase("roll align", .runtimeError, "shifts and dimensions must align. shifts: 2, dims:1") {
            _ = Tensor([1.0, 2, 3]).roll([1, 2], dims: [0])
        },
        OpErrorCase("roll align no dims", .runtimeError, "shifts and dimensions must align. shifts: 2, dims:0") {
            _ = Tensor.ones(3, 4).roll([1, 2], dims: [])
        },
        OpErrorCase("roll no shifts", .runtimeError, "`shifts` required") {
            _ = Tensor.ones(3, 4).roll([], dims: [])
        },
        OpErrorCase("repeat rank", .runtimeError,
                    "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor") {
            _ = Tensor.ones(3, 4).repeat(2)
        },
        OpErrorCase("repeat negative", .runtimeError, "Trying to create tensor with negative dimension -3: [-3]") {
            _ = Tensor([1.0, 2, 3]).repeat(-1)
        },
        OpErrorCase("repeat negative 2-D", .runtimeError, "Trying to create tensor with negative dimension -4: [6, -4]") {
            _ = Tensor.ones(3, 4).repeat(2, -1)
        },
        OpErrorCase("tile negative", .runtimeError, "Trying to create tensor with negative dimension -3: [2, -3, 4]") {
            _ = Tensor.ones(3, 4).tile(2, -1, 1)
        },
        OpErrorCase("tril rank", .runtimeError, "tril: input tensor must have at least 2 dimensions") {
            _ = Tensor([1.0, 2, 3]).tril()
        },
        OpErrorCase("triu rank", .runtimeError, "triu: input tensor must have at least 2 dimensions") {
            _ = Tensor(1.0).triu()
        },
    ]
}

@Suite struct JoiningErrorTests {
    @Test(arguments: JoiningErrors.all)
    func captured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: JoiningErrors.all)
    func stops(_ c: OpErrorCase) async { await expectStops(c, in: JoiningErrors.self) }
}
