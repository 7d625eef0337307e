// SortingTests.swift
//
// `sort` / `argsort` (stable, descending, NaN last), `topk`, `kthvalue`, `unique` (inverse,
// counts, NaN) and `searchsorted` (left / right, N-D boundaries, sorter, scalars): values,
// dtypes, layouts, empty tensors and every error path.
// Expected values are PyTorch 2.15's, from running the same expressions with
// `x = torch.tensor([[3., -1., 2., 7.], [0., 5., -4., 1.], [2., 2., 8., -3.]])` and
// `n = torch.tensor([3., nan, 1., nan, 2.])`.

import Testing
import Ember
import EmberTestSupport

/// `x` above, row-major.
let sortingX: [Double] = [3, -1, 2, 7, 0, 5, -4, 1, 2, 2, 8, -3]

func sortingNaN() -> Tensor { Tensor([3, Double.nan, 1, .nan, 2]) }

@Suite struct SortTests {
    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func layouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: sortingX, dtype: dtype) {
            let x = variant.tensor
            let (values, indices) = x.sort()
            #expect(values.dtype == dtype && indices.dtype == .int64, "\(variant)")
            expectTensor(values, shape: [3, 4], values: [-1, 2, 3, 7, -4, 0, 1, 5, -3, 2, 2, 8] as [Double])
            expectInts(indices, shape: [3, 4], [1, 2, 0, 3, 2, 0, 3, 1, 3, 0, 1, 2])
            let byColumn = x.sort(dim: 0)
            expectTensor(byColumn.values, shape: [3, 4], values: [0, -1, -4, -3, 2, 2, 2, 1, 3, 5, 8, 7] as [Double])
            expectInts(byColumn.indices, shape: [3, 4], [1, 0, 1, 2, 2, 2, 0, 1, 0, 1, 2, 0])
            let down = x.sort(descending: true)
            expectTensor(down.values, shape: [3, 4], values: [7, 3, 2, -1, 5, 1, 0, -4, 8, 2, 2, -3] as [Double])
            expectInts(down.indices, shape: [3, 4], [3, 0, 2, 1, 1, 3, 0, 2, 2, 0, 1, 3])
            let downColumns = x.sort(dim: 0, descending: true)
            expectTensor(downColumns.values, shape: [3, 4], values: [3, 5, 8, 7, 2, 2, 2, 1, 0, -1, -4, -3] as [Double])
            expectInts(downColumns.indices, shape: [3, 4], [0, 1, 2, 0, 2, 2, 0, 1, 1, 0, 1, 2])
            let t = x.t().sort(dim: 1)
            expectTensor(t.values, shape: [4, 3], values: [0, 2, 3, -1, 2, 5, -4, 2, 8, -3, 1, 7] as [Double])
            expectInts(t.indices, shape: [4, 3], [1, 2, 0, 0, 2, 1, 1, 0, 2, 2, 1, 0])
            expectInts(x.argsort(dim: 0, descending: true), shape: [3, 4], [0, 1, 2, 0, 2, 2, 0, 1, 1, 0, 1, 2])
        }
    }

    @Test func nanSortsLast() {
        let up = sortingNaN().sort()
        expectTensor(up.values, shape: [5], values: [1, 2, 3, .nan, .nan], dtype: .float32)
        expectInts(up.indices, shape: [5], [2, 4, 0, 1, 3])
        let down = sortingNaN().sort(descending: true)
        expectTensor(down.values, shape: [5], values: [.nan, .nan, 3, 2, 1])
        expectInts(down.indices, shape: [5], [1, 3, 0, 4, 2])
        let d = sortingNaN().double().sort()
        expectTensor(d.values, shape: [5], values: [1, 2, 3, .nan, .nan], dtype: .float64)
    }

    @Test func stableTies() {
        let up = Tensor([2, 1, 2, 1, 2]).sort(stable: true)
        expectInts(up.values, shape: [5], [1, 1, 2, 2, 2])
        expectInts(up.indices, shape: [5], [1, 3, 0, 2, 4])
        let down = Tensor([2, 1, 2, 1, 2]).sort(descending: true, stable: true)
        expectInts(down.values, shape: [5], [2, 2, 2, 1, 1])
        expectInts(down.indices, shape: [5], [0, 2, 4, 1, 3])
        expectInts(Tensor([2, 1, 2, 1, 2]).argsort(descending: true, stable: true), shape: [5], [0, 2, 4, 1, 3])
        let ones = Tensor.ones(2, 3).sort(stable: true)
        expectInts(ones.indices, shape: [2, 3], [0, 1, 2, 0, 1, 2])
        // An expanded input: every row ties.
        let expanded = Tensor([2.0, 1, 2]).expand(2, 3).sort()
        expectTensor(expanded.values, shape: [2, 3], values: [1, 2, 2, 1, 2, 2] as [Double])
        expectInts(expanded.indices, shape: [2, 3], [1, 0, 2, 1, 0, 2])
    }

    @Test func boolsAndEdges() {
        let b = Tensor([true, false, true, false]).sort()
        expectBools(b.values, shape: [4], [false, false, true, true], dtype: .bool)
        expectInts(b.indices, shape: [4], [1, 3, 0, 2])
        let bd = Tensor([true, false, true, false]).sort(descending: true)
        expectBools(bd.values, shape: [4], [true, true, false, false])
        expectInts(bd.indices, shape: [4], [0, 2, 1, 3])
        let scalar = Tensor(5.0).sort()
        expectTensor(scalar.values, shape: [], values: [5] as [Double])
        expectInts(scalar.indices, shape: [], [0])
        let empty = Tensor.ones(0, 3).sort(dim: 1)
        expectTensor(empty.values, shape: [0, 3], values: [] as [Double])
        expectInts(empty.indices, shape: [0, 3], [], dtype: .int64)
        let cube = Tensor([[[3, 1], [2, 2]], [[0, -1], [5, 4]]]).sort(dim: 1)
        expectInts(cube.values, shape: [2, 2, 2], [2, 1, 3, 2, 0, -1, 5, 4])
        expectInts(cube.indices, shape: [2, 2, 2], [1, 0, 0, 1, 0, 0, 1, 1])
    }
}

@Suite struct TopkKthvalueTests {
    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func topkLayouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: sortingX, dtype: dtype) {
            let x = variant.tensor
            let top = x.topk(2, dim: 0)
            #expect(top.values.dtype == dtype, "\(variant)")
            expectTensor(top.values, shape: [2, 4], values: [3, 5, 8, 7, 2, 2, 2, 1] as [Double])
            expectInts(top.indices, shape: [2, 4], [0, 1, 2, 0, 2, 2, 0, 1])
            let low = x.topk(2, dim: 0, largest: false)
            expectTensor(low.values, shape: [2, 4], values: [0, -1, -4, -3, 2, 2, 2, 1] as [Double])
            expectInts(low.indices, shape: [2, 4], [1, 0, 1, 2, 2, 2, 0, 1])
            let t = x.t().topk(1)
            expectTensor(t.values, shape: [4, 1], values: [3, 5, 8, 7] as [Double])
            expectInts(t.indices, shape: [4, 1], [0, 1, 2, 0])
        }
    }

    @Test func topkEdges() {
        let big = sortingNaN().topk(3)
        expectTensor(big.values, shape: [3], values: [.nan, .nan, 3])
        expectInts(big.indices, shape: [3], [1, 3, 0])
        let small = sortingNaN().topk(3, largest: false)
        expectTensor(small.values, shape: [3], values: [1, 2, 3] as [Double])
        expectInts(small.indices, shape: [3], [2, 4, 0])
        let none = Tensor(shape: [3, 4], data: sortingX).topk(0)
        expectTensor(none.values, shape: [3, 0], values: [] as [Double])
        expectInts(none.indices, shape: [3, 0], [])
        let scalar = Tensor(5.0).topk(1)
        expectTensor(scalar.values, shape: [], values: [5] as [Double])
        expectInts(scalar.indices, shape: [], [0])
        let ints = Tensor([1, 5, 3], dtype: .int32).topk(2)
        expectInts(ints.values, shape: [2], [5, 3], dtype: .int32)
        expectInts(ints.indices, shape: [2], [1, 2])
        expectTensor(Tensor.ones(2, 0).topk(0).values, shape: [2, 0], values: [] as [Double])
    }

    @Test func kthvalue() {
        for variant in layoutVariants(shape: [3, 4], values: sortingX, dtype: .float32) {
            let x = variant.tensor
            let k = x.kthvalue(2)
            expectTensor(k.values, shape: [3], values: [2, 0, 2] as [Double])
            expectInts(k.indices, shape: [3], [2, 0, 0])
            let k0 = x.kthvalue(3, dim: 0)
            expectTensor(k0.values, shape: [4], values: [3, 5, 8, 7] as [Double])
            expectInts(k0.indices, shape: [4], [0, 1, 2, 0])
            let kept = x.kthvalue(1, dim: 0, keepdim: true)
            expectTensor(kept.values, shape: [1, 4], values: [0, -1, -4, -3] as [Double])
            expectInts(kept.indices, shape: [1, 4], [1, 0, 1, 2])
        }
        let nan = sortingNaN().kthvalue(4)
        expectTensor(nan.values, shape: [], values: [.nan])
        expectInts(nan.indices, shape: [], [1])
        let scalar = Tensor(5.0).kthvalue(1)
        expectTensor(scalar.values, shape: [], values: [5] as [Double])
        expectInts(scalar.indices, shape: [], [0])
        let empty = Tensor.ones(2, 0).kthvalue(1, dim: 0)
        expectTensor(empty.values, shape: [0], values: [] as [Double])
        expectInts(empty.indices, shape: [0], [])
    }
}

@Suite struct UniqueTests {
    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func layouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: sortingX, dtype: dtype) {
            let x = variant.tensor
            let u = x.unique()
            #expect(u.dtype == dtype, "\(variant)")
            expectTensor(u, shape: [10], values: [-4, -3, -1, 0, 1, 2, 3, 5, 7, 8] as [Double])
            let all = x.unique(returnInverse: true, returnCounts: true)
            expectTensor(all.values, shape: [10], values: [-4, -3, -1, 0, 1, 2, 3, 5, 7, 8] as [Double])
            expectInts(all.inverse!, shape: [3, 4], [6, 2, 5, 8, 3, 7, 0, 4, 5, 5, 9, 1], dtype: .int64)
            expectInts(all.counts!, shape: [10], [1, 1, 1, 1, 1, 3, 1, 1, 1, 1], dtype: .int64)
        }
        let expanded = Tensor([2.0, 1, 2], dtype: dtype).expand(2, 3).unique(returnInverse: true, returnCounts: true)
        expectTensor(expanded.values, shape: [2], values: [1, 2] as [Double])
        expectInts(expanded.inverse!, shape: [2, 3], [1, 0, 1, 1, 0, 1])
        expectInts(expanded.counts!, shape: [2], [2, 4])
    }

    @Test func nanIsDistinct() {
        let u = Tensor([2, Double.nan, 1, .nan, 2, 1]).unique(returnInverse: true, returnCounts: true)
        expectTensor(u.values, shape: [4], values: [1, 2, .nan, .nan])
        expectInts(u.inverse!, shape: [6], [1, 2, 0, 3, 1, 0])
        expectInts(u.counts!, shape: [4], [2, 2, 1, 1])
    }

    @Test func flagsAndEdges() {
        let counts = Tensor([5, 1, 5, 3], dtype: .int32).unique(returnCounts: true)
        expectInts(counts.values, shape: [3], [1, 3, 5], dtype: .int32)
        #expect(counts.inverse == nil)
        expectInts(counts.counts!, shape: [3], [1, 1, 2])
        let inverse = Tensor([[2, 1], [2, 5]]).unique(returnInverse: true)
        expectInts(inverse.values, shape: [3], [1, 2, 5])
        expectInts(inverse.inverse!, shape: [2, 2], [1, 0, 1, 2])
        #expect(inverse.counts == nil)
        let bools = Tensor([true, false, true]).unique(returnCounts: true)
        expectBools(bools.values, shape: [2], [false, true], dtype: .bool)
        expectInts(bools.counts!, shape: [2], [1, 2])
        let empty = Tensor.zeros(0).unique(returnInverse: true, returnCounts: true)
        expectTensor(empty.values, shape: [0], values: [] as [Double])
        expectInts(empty.inverse!, shape: [0], [])
        expectInts(empty.counts!, shape: [0], [])
        let scalar = Tensor(3.0).unique(returnInverse: true, returnCounts: true)
        expectTensor(scalar.values, shape: [1], values: [3] as [Double])
        expectInts(scalar.inverse!, shape: [], [0])
        expectInts(scalar.counts!, shape: [1], [1])
        expectInts(Tensor([2, 1, 2]).unique(sorted: false), shape: [2], [1, 2])
    }
}

@Suite struct SearchsortedTests {
    @Test func leftAndRight() {
        let seq = Tensor([1.0, 3, 5])
        expectInts(Tensor.searchsorted(seq, Tensor([0, 3, 4, 6, Double.nan])), shape: [5], [0, 1, 2, 3, 3],
                     dtype: .int64)
        expectInts(Tensor.searchsorted(seq, Tensor([0.0, 3, 4, 6]), right: true), shape: [4], [0, 2, 2, 3])
        expectInts(Tensor.searchsorted(seq, Tensor([0.0, 3, 4, 6]), side: "right"), shape: [4], [0, 2, 2, 3])
        expectInts(Tensor.searchsorted(seq, Tensor([0.0, 3]), outInt32: true), shape: [2], [0, 1], dtype: .int32)
        expectInts(Tensor.searchsorted(Tensor([1, 2, 2, 2, 3]), Tensor([2, 2])), shape: [2], [1, 1])
        expectInts(Tensor.searchsorted(Tensor([1, 2, 2, 2, 3]), Tensor([2]), right: true), shape: [1], [4])
    }

    @Test func scalarsAndDtypes() {
        let seq = Tensor([1.0, 3, 5])
        expectInts(Tensor.searchsorted(seq, Tensor(3.0)), shape: [], [1])
        expectInts(Tensor.searchsorted(seq, Tensor(3), right: true), shape: [], [2])
        expectInts(Tensor.searchsorted(seq, Tensor(2.0)), shape: [], [1])
        expectInts(Tensor.searchsorted(Tensor([1, 3, 5]), Tensor([2.5])), shape: [1], [1])
        expectInts(Tensor.searchsorted(Tensor([1, 3, 5]), Tensor(2.5)), shape: [], [1])
        expectInts(Tensor.searchsorted(Tensor([1, 3, 5], dtype: .int32), Tensor([2, 3])), shape: [2], [1, 1])
        expectInts(Tensor.searchsorted(seq, Tensor([true, false])), shape: [2], [0, 0])
    }

    @Test func batchedAndSorter() {
        let rows = Tensor([[1.0, 3, 5], [2, 4, 6]])
        expectInts(Tensor.searchsorted(rows, Tensor([[2.0], [5]])), shape: [2, 1], [1, 2])
        expectInts(Tensor.searchsorted(rows, Tensor([[3.0, 1], [4, 7]]), right: true), shape: [2, 2], [2, 1, 2, 3])
        expectInts(Tensor.searchsorted(rows.t().contiguous().t(), Tensor([[3.0, 1], [4, 7]]), right: true), shape: [2, 2],
                     [2, 1, 2, 3])
        expectInts(Tensor.searchsorted(Tensor([1.0, 3, 5]), Tensor([[2.0], [4]])), shape: [2, 1], [1, 2])
        expectInts(Tensor.searchsorted(Tensor([1.0, 3]).expand(2, 2), Tensor([[2.0], [5]])), shape: [2, 1], [1, 2])
        expectInts(Tensor.searchsorted(Tensor([3.0, 1, 5]), Tensor([0.0, 3, 4, 6]), sorter: Tensor([1, 0, 2])), shape: [4],
                     [0, 1, 2, 3])
        expectInts(Tensor.searchsorted(Tensor([[3.0, 1, 5], [6, 4, 2]]), Tensor([[2.0], [5]]), sorter: Tensor([[1, 0, 2], [2, 1, 0]])),
                     shape: [2, 1], [1, 2])
        expectInts(Tensor.searchsorted(Tensor.zeros(0), Tensor([2.0])), shape: [1], [0])
        expectInts(Tensor.searchsorted(Tensor([1.0, 3]), Tensor.zeros(0)), shape: [0], [])
    }
}

// MARK: - Errors

enum SortingErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("sort dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0, 2, 3]).sort(dim: 1)
        },
        OpErrorCase("sort dim 2-D", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = Tensor.ones(2, 3).sort(dim: 2)
        },
        OpErrorCase("argsort dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got -2)") {
            _ = Tensor([1.0, 2, 3]).argsort(dim: -2)
        },
        OpErrorCase("topk too large", .runtimeError, "selected index k out of range") {
            _ = Tensor([1.0, 2, 3]).topk(4)
        },
        OpErrorCase("topk negative", .runtimeError, "selected index k out of range") {
            _ = Tensor([1.0, 2, 3]).topk(-1)
        },
        OpErrorCase("topk scalar", .runtimeError, "selected index k out of range") {
            _ = Tensor(5.0).topk(2)
        },
        OpErrorCase("topk empty dim", .runtimeError, "selected index k out of range") {
            _ = Tensor.ones(2, 0).topk(1)
        },
        OpErrorCase("topk dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 3)") {
            _ = Tensor.ones(3).topk(2, dim: 3)
        },
        OpErrorCase("topk bool", .notImplementedError, "topk does not support bool dtypes on CPU") {
            _ = Tensor([true, false, true]).topk(2)
        },
        OpErrorCase("topk bool k first", .runtimeError, "selected index k out of range") {
            _ = Tensor([true]).topk(5)
        },
        OpErrorCase("kthvalue zero", .runtimeError, "kthvalue(): selected number k out of range for dimension 0") {
            _ = Tensor([1.0, 2, 3]).kthvalue(0)
        },
        OpErrorCase("kthvalue too large", .runtimeError, "kthvalue(): selected number k out of range for dimension 0") {
            _ = Tensor([1.0, 2, 3]).kthvalue(4)
        },
        OpErrorCase("kthvalue scalar", .runtimeError, "kthvalue(): selected number k out of range for dimension 0") {
            _ = Tensor(5.0).kthvalue(2)
        },
        OpErrorCase("kthvalue dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0, 2, 3]).kthvalue(1, dim: 1)
        },
        OpErrorCase("kthvalue empty", .indexError, "kthvalue(): Expected reduction dim 0 to have non-zero size.") {
            _ = Tensor.zeros(0).kthvalue(1)
        },
        OpErrorCase("kthvalue empty dim 1", .indexError, "kthvalue(): Expected reduction dim 1 to have non-zero size.") {
            _ = Tensor.ones(2, 0).kthvalue(1)
        },
        OpErrorCase("kthvalue bool", .notImplementedError, "\"kthvalue_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true, false, true]).kthvalue(1)
        },
        OpErrorCase("searchsorted side", .runtimeError, "torch.searchsorted(): side can only be 'left' or 'right' but got middle") {
            _ = Tensor.searchsorted(Tensor([1.0, 3, 5]), Tensor([0.0]), side: "middle")
        },
        OpErrorCase("searchsorted opposite", .runtimeError,
                    "torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True") {
            _ = Tensor.searchsorted(Tensor([1.0, 3, 5]), Tensor([0.0]), right: true, side: "left")
        },
        OpErrorCase("searchsorted leading dims", .runtimeError,
                    "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor [2, 3] and input value tensor [3, 1]") {
            _ = Tensor.searchsorted(Tensor([[1.0, 3, 5], [2, 4, 6]]), Tensor([[2.0], [5], [1]]))
        },
        OpErrorCase("searchsorted rank", .runtimeError,
                    "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor [2, 3] and input value tensor [1]") {
            _ = Tensor.searchsorted(Tensor([[1.0, 3, 5], [2, 4, 6]]), Tensor([2.0]))
        },
        OpErrorCase("searchsorted 0-dim boundaries", .runtimeError,
                    "torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension") {
            _ = Tensor.searchsorted(Tensor(1.0), Tensor([2.0]))
        },
        OpErrorCase("searchsorted scalar value", .runtimeError,
                    "torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim(2) and input value's dim(0) numel(1)") {
            _ = Tensor.searchsorted(Tensor([[1.0, 3]]), Tensor(2.0))
        },
        OpErrorCase("searchsorted scalar number", .runtimeError,
                    "torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim(2) and input value's dim(0) numel(1)") {
            _ = Tensor.searchsorted(Tensor([[1.0, 3]]), Tensor(2.0))
        },
        OpErrorCase("searchsorted sorter size", .runtimeError,
                    "torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor [3]and got sorter tensor [2]") {
            _ = Tensor.searchsorted(Tensor([1.0, 3, 5]), Tensor([2.0]), sorter: Tensor([0, 1]))
        },
        OpErrorCase("searchsorted sorter range", .runtimeError, "torch.searchsorted(): sorter index out of range") {
            _ = Tensor.searchsorted(Tensor([1.0, 3, 5]), Tensor([2.0]), sorter: Tensor([0, 1, 5]))
        },
        OpErrorCase("searchsorted sorter dtype", .runtimeError,
                    "torch.searchsorted(): sorter must be a tensor of long dtype but got dtype Float") {
            _ = Tensor.searchsorted(Tensor([1.0, 3, 5]), Tensor([2.0]), sorter: Tensor([0.0, 1, 2]))
        },
        OpErrorCase("searchsorted bool", .notImplementedError, "\"searchsorted_out_cpu\" not implemented for 'Bool'") {
            _ = Tensor.searchsorted(Tensor([true, false]), Tensor([true, false]))
        },
    ]
}

@Suite struct SortingErrorTests {
    @Test(arguments: SortingErrors.all)
    func captured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: SortingErrors.all)
    func stops(_ c: OpErrorCase) async { await expectStops(c, in: SortingErrors.self) }
}
