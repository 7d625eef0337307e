// UniqueDimTests.swift
//
// `unique(dim:)` (PyTorch's `torch.unique(t, dim=d, return_inverse=, return_counts=)`): values,
// inverse and counts per dtype over every layout, along each dim of a 3-D tensor, NaN slices
// (in PyTorch's order, also past the 16 rows where std::sort stops being an insertion sort),
// signed zeros, bools, empty tensors and the errors. Expected values are PyTorch 2.15's, with
// `a = torch.tensor([[1, 2, 3], [0, 5, 6], [1, 2, 3], [1, 2, 0]])`.

import Testing
import Ember
import EmberTestSupport

let uniqueA: [Double] = [1, 2, 3, 0, 5, 6, 1, 2, 3, 1, 2, 0]

@Suite struct UniqueDimTests {
    @Test(arguments: [DType.float32, .float64, .int64, .int32])
    func rowsAndColumnsOverLayouts(dtype: DType) throws {
        for v in layoutVariants(shape: [4, 3], values: uniqueA, dtype: dtype) {
            let rows = v.tensor.unique(returnInverse: true, returnCounts: true, dim: 0)
            expectTensor(rows.values, shape: [3, 3], values: [0, 5, 6, 1, 2, 0, 1, 2, 3], dtype: dtype)
            expectInts(try #require(rows.inverse), shape: [4], [2, 0, 2, 1], dtype: .int64)
            expectInts(try #require(rows.counts), shape: [3], [1, 1, 2], dtype: .int64)
            let columns = v.tensor.unique(returnInverse: true, returnCounts: true, dim: 1)
            expectTensor(columns.values, shape: [4, 3], values: uniqueA, dtype: dtype)
            expectInts(try #require(columns.inverse), shape: [3], [0, 1, 2])
            expectInts(try #require(columns.counts), shape: [3], [1, 1, 1])
            expectTensor(v.tensor.unique(dim: -2), shape: [3, 3], values: [0, 5, 6, 1, 2, 0, 1, 2, 3])
            expectTensor(v.tensor.unique(sorted: false, dim: 0), shape: [3, 3], values: [0, 5, 6, 1, 2, 0, 1, 2, 3])
            let counted = v.tensor.unique(returnCounts: true, dim: 0)
            #expect(counted.inverse == nil)
            expectInts(try #require(counted.counts), shape: [3], [1, 1, 2])
        }
    }

    @Test(arguments: [
        (0, [2, 2, 2], [1, 0, 2, 1, 1, 0, 2, 2], [1, 0, 1] as [Int64], [1, 2] as [Int64]),
        (1, [3, 2, 2], [1, 0, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2], [0, 1], [1, 1]),
        (2, [3, 2, 2], [0, 1, 2, 2, 0, 1, 1, 2, 0, 1, 2, 2], [1, 0], [1, 1]),
    ] as [(Int, [Int], [Double], [Int64], [Int64])])
    func alongEachDimOf3D(dim: Int, shape: [Int], values: [Double], inverse: [Int64], counts: [Int64]) throws {
        // b = [[[1, 0], [2, 2]], [[1, 0], [2, 1]], [[1, 0], [2, 2]]]
        let b = Tensor(shape: [3, 2, 2], data: [1, 0, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2] as [Int64])
        for v in layoutVariants(shape: [3, 2, 2], values: [1, 0, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2], dtype: .int64) {
            let r = v.tensor.unique(returnInverse: true, returnCounts: true, dim: dim)
            expectTensor(r.values, shape: shape, values: values, dtype: .int64)
            expectInts(try #require(r.inverse), shape: [inverse.count], inverse)
            expectInts(try #require(r.counts), shape: [counts.count], counts)
        }
        #expect(b.unique(dim: dim).shape == shape)
    }

    @Test func nanSlices() throws {
        let nan = Double.nan
        // A row with a NaN equals no other row; where it lands follows std::sort.
        var r = Tensor([[nan, 1], [nan, 1], [0, 1]]).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectTensor(r.values, shape: [3, 2], values: [nan, 1, nan, 1, 0, 1])
        expectInts(try #require(r.inverse), shape: [3], [0, 1, 2])
        expectInts(try #require(r.counts), shape: [3], [1, 1, 1])
        r = Tensor([[1, nan], [1, nan], [0, 1]]).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectTensor(r.values, shape: [3, 2], values: [0, 1, 1, nan, 1, nan])
        expectInts(try #require(r.inverse), shape: [3], [1, 2, 0])
        r = Tensor([[1, nan], [1, 2], [1, -1]]).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectTensor(r.values, shape: [3, 2], values: [1, nan, 1, -1, 1, 2])
        expectInts(try #require(r.inverse), shape: [3], [0, 2, 1])
        // -0.0 equals 0.0; the first row of the group is kept.
        r = Tensor([[0.0, -0.0], [-0.0, 0.0]]).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectTensor(r.values, shape: [1, 2], values: [0, -0.0])
        expectInts(try #require(r.counts), shape: [1], [2])
    }

    @Test func manyRowsWithNaN() throws {
        // rows[i] = [(7i) % 5, (3i) % 4] for i < 40, with NaN at rows 3, 11, 17, 29, 33 (column i % 2).
        let nan = Double.nan
        var data: [Double] = []
        for i in 0..<40 {
            var row = [Double((i * 7) % 5), Double((i * 3) % 4)]
            if [3, 11, 17, 29, 33].contains(i) { row[i % 2] = nan }
            data += row
        }
        let r = Tensor(shape: [40, 2], data: data).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectTensor(r.values, shape: [29, 2], values: [
            0, 0, 0, 1, 0, 2, 0, 3, 1, 0, 1, 1, 1, nan, 1, 2, 1, 3, 1, nan, 1, 2, 2, 0, 2, 1, 2, 2, 2, 3, 2, nan, 3, 0, 3, 1,
            3, 2, 3, nan, 3, 0, 3, 1, 3, 2, 3, 3, 4, nan, 4, 0, 4, 1, 4, 2, 4, 3,
        ])
        expectInts(try #require(r.inverse), shape: [40], [
            0, 14, 27, 9, 20, 3, 13, 26, 4, 23, 2, 15, 25, 8, 18, 1, 11, 24, 7, 17, 0, 14, 27, 5, 16, 3, 13, 26, 4, 19, 2, 12,
            25, 6, 22, 1, 11, 28, 10, 21,
        ])
        expectInts(try #require(r.counts), shape: [29], [2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1])
    }

    @Test func boolsAndVectors() throws {
        let r = Tensor([[true, false], [false, false], [true, false]]).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectBools(r.values, shape: [2, 2], [false, false, true, false], dtype: .bool)
        expectInts(try #require(r.inverse), shape: [3], [1, 0, 1])
        expectInts(try #require(r.counts), shape: [2], [1, 2])
        let v = Tensor([3.0, 1, 3]).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectTensor(v.values, shape: [2], values: [1, 3])
        expectInts(try #require(v.inverse), shape: [3], [1, 0, 1])
        expectInts(try #require(v.counts), shape: [2], [1, 2])
    }

    @Test func emptyTensors() throws {
        let r = Tensor.zeros(0, 3).unique(returnInverse: true, returnCounts: true, dim: 0)
        expectTensor(r.values, shape: [0, 3], values: [], dtype: .float32)
        expectInts(try #require(r.inverse), shape: [0], [], dtype: .int64)
        expectInts(try #require(r.counts), shape: [0], [], dtype: .int64)
        expectTensor(Tensor.zeros(3, 0).unique(dim: 1), shape: [3, 0], values: [])
    }

    @Test(arguments: [
        OpErrorCase("unique dim out of range", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = Tensor(shape: [4, 3], data: uniqueA).unique(dim: 2)
        },
        OpErrorCase("unique dim of 0-dim", .indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(3.0).unique(dim: 0)
        },
        OpErrorCase("unique zero dim not selected", .runtimeError,
                    "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied") {
            _ = Tensor.zeros(0, 3).unique(dim: 1)
        },
        OpErrorCase("unique two zero dims", .runtimeError,
                    "Number of zero sized dimensions is more than one, so unique cannot be applied ") {
            _ = Tensor.zeros(0, 0).unique(dim: 0)
        },
    ])
    func errors(_ c: OpErrorCase) { expectCaptured(c) }
}
