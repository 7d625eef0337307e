// IndexCopyFillTests.swift
//
// `indexCopy` / `indexCopy_`, `indexFill` / `indexFill_` and `maskedScatter` / `maskedScatter_`:
// values per dtype over every layout, duplicates, negative positions, NaN, bool, empty and
// 0-dim tensors, broadcasting masks, and every error path. Expected values are PyTorch 2.15's,
// with `a = torch.arange(12.).reshape(3, 4)` and the mask
// `m = [[T, F, T, F], [F, T, T, T], [F, F, F, T]]`.

import Testing
import Ember
import EmberTestSupport

let indexCopyA: [Double] = (0..<12).map(Double.init)
let indexCopyMask: [Bool] = [true, false, true, false, false, true, true, true, false, false, false, true]

@Suite struct IndexCopyFillTests {
    @Test(arguments: [DType.float32, .float64, .int64])
    func indexCopyOverLayouts(dtype: DType) {
        let source0 = Tensor(shape: [2, 4], data: (100..<108).map(Double.init), dtype: dtype)
        let source1 = Tensor(shape: [3, 3], data: (-50 ..< -41).map(Double.init), dtype: dtype)
        for v in layoutVariants(shape: [3, 4], values: indexCopyA, dtype: dtype) {
            let a = v.tensor
            // a.index_copy(0, [2, 0], arange(8).reshape(2, 4) + 100)
            expectTensor(a.indexCopy(dim: 0, index: Tensor([2, 0]), source: source0), shape: [3, 4],
                         values: [104, 105, 106, 107, 4, 5, 6, 7, 100, 101, 102, 103], dtype: dtype)
            // a.index_copy(1, [3, 1, 0], arange(9).reshape(3, 3) - 50)
            expectTensor(a.indexCopy(dim: 1, index: Tensor([3, 1, 0]), source: source1), shape: [3, 4],
                         values: [-48, -49, 2, -50, -45, -46, 6, -47, -42, -43, 10, -44], dtype: dtype)
            expectTensor(a, shape: [3, 4], values: indexCopyA)
        }
        for v in layoutVariants(shape: [3, 3], values: (-50 ..< -41).map(Double.init), dtype: dtype) {
            let target = Tensor(shape: [3, 4], data: indexCopyA, dtype: dtype)
            #expect(target.indexCopy_(dim: 1, index: Tensor([3, 1, 0]), source: v.tensor) === target)
            expectTensor(target, shape: [3, 4], values: [-48, -49, 2, -50, -45, -46, 6, -47, -42, -43, 10, -44])
        }
        // In place through a transposed view.
        let base = Tensor(shape: [4, 3], data: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11] as [Double], dtype: dtype)
        base.t().indexCopy_(dim: 0, index: Tensor([2, 0]), source: source0)
        expectTensor(base.t(), shape: [3, 4], values: [104, 105, 106, 107, 4, 5, 6, 7, 100, 101, 102, 103])
    }

    @Test func indexCopySpecialCases() {
        let a = Tensor.arange(12.0).reshape(3, 4)
        // A repeated position: the last slice wins.
        expectTensor(a.indexCopy(dim: 1, index: Tensor([2, 2]), source: Tensor([[1.0, 2], [3, 4], [5, 6]])), shape: [3, 4],
                     values: [0, 1, 2, 3, 4, 5, 4, 7, 8, 9, 6, 11])
        expectTensor(Tensor(5.0).indexCopy(dim: 0, index: Tensor([0]), source: Tensor(3.0)), shape: [], values: [3])
        expectTensor(Tensor(5.0).indexCopy(dim: 0, index: Tensor(0), source: Tensor([3.0])), shape: [], values: [3])
        expectTensor(Tensor([5.0, 6]).indexCopy(dim: 0, index: Tensor(1), source: Tensor(3.0)), shape: [2], values: [5, 3])
        expectTensor(a.indexCopy(dim: 0, index: Tensor.zeros([0], dtype: .int64), source: Tensor.zeros(0, 4)), shape: [3, 4], values: indexCopyA)
        expectTensor(Tensor.zeros(0, 3).indexCopy(dim: 1, index: Tensor([1, 0]), source: Tensor.zeros(0, 2)), shape: [0, 3], values: [])
        expectTensor(a.indexCopy(dim: 0, index: Tensor([1]), source: Tensor([[Double.nan, 1, 2, 3]])), shape: [3, 4],
                     values: [0, 1, 2, 3, .nan, 1, 2, 3, 8, 9, 10, 11])
    }

    @Test(arguments: [DType.float32, .float64, .int64])
    func indexFillOverLayouts(dtype: DType) {
        let filled: [Double] = dtype.isFloatingPoint
            ? [-1.5, 1, 2, -1.5, -1.5, 5, 6, -1.5, -1.5, 9, 10, -1.5]
            : [-1, 1, 2, -1, -1, 5, 6, -1, -1, 9, 10, -1]
        for v in layoutVariants(shape: [3, 4], values: indexCopyA, dtype: dtype) {
            // a.index_fill(1, [3, -4], -1.5); a.index_fill(0, tensor(1), tensor(9))
            expectTensor(v.tensor.indexFill(dim: 1, index: Tensor([3, -4]), value: -1.5), shape: [3, 4], values: filled, dtype: dtype)
            expectTensor(v.tensor.indexFill(dim: 0, index: Tensor(1), value: Tensor(9)), shape: [3, 4],
                         values: [0, 1, 2, 3, 9, 9, 9, 9, 8, 9, 10, 11], dtype: dtype)
            let copy = v.tensor.clone()
            #expect(copy.indexFill_(dim: 1, index: Tensor([3, -4]), value: -1.5) === copy)
            expectTensor(copy, shape: [3, 4], values: filled)
        }
    }

    @Test func indexFillSpecialCases() {
        let a = Tensor.arange(12.0).reshape(3, 4)
        expectTensor(a.indexFill(dim: 1, index: Tensor([2]), value: Double.nan), shape: [3, 4], values: [0, 1, .nan, 3, 4, 5, .nan, 7, 8, 9, .nan, 11])
        expectTensor(a.indexFill(dim: 1, index: Tensor([2, 0, 2]), value: -1), shape: [3, 4], values: [-1, 1, -1, 3, -1, 5, -1, 7, -1, 9, -1, 11])
        expectTensor(a.indexFill(dim: 1, index: Tensor([0]), value: Tensor(7.5, dtype: .float64)), shape: [3, 4],
                     values: [7.5, 1, 2, 3, 7.5, 5, 6, 7, 7.5, 9, 10, 11], dtype: .float32)
        expectInts(a.to(.int64).indexFill(dim: 1, index: Tensor([0]), value: 7.5), shape: [3, 4], [7, 1, 2, 3, 7, 5, 6, 7, 7, 9, 10, 11])
        expectBools(a.to(.bool).indexFill(dim: 1, index: Tensor([0]), value: 2.5), shape: [3, 4], [Bool](repeating: true, count: 12))
        expectTensor(Tensor(5.0).indexFill(dim: 0, index: Tensor([0, 0]), value: 1.0), shape: [], values: [1])
        expectTensor(a.indexFill(dim: 0, index: Tensor.zeros([0], dtype: .int64), value: 1.0), shape: [3, 4], values: indexCopyA)
        expectTensor(Tensor.zeros(2, 0).indexFill(dim: 0, index: Tensor([1]), value: 1.0), shape: [2, 0], values: [])
        // An expanded tensor may be filled in place (PyTorch only warns).
        let base = Tensor.zeros(1, 3)
        base.expand(2, 3).indexFill_(dim: 1, index: Tensor([1]), value: 4.0)
        expectTensor(base, shape: [1, 3], values: [0, 4, 0])
    }

    @Test(arguments: [DType.float32, .float64, .int64])
    func maskedScatterOverLayouts(dtype: DType) {
        let source = Tensor(shape: [2, 5], data: (0..<10).map { Double($0 * 10) }, dtype: dtype)
        let expected: [Double] = [0, 1, 10, 3, 4, 20, 30, 40, 8, 9, 10, 50]
        let mask = Tensor(shape: [3, 4], data: indexCopyMask)
        for v in layoutVariants(shape: [3, 4], values: indexCopyA, dtype: dtype) {
            expectTensor(v.tensor.maskedScatter(mask, source), shape: [3, 4], values: expected, dtype: dtype)
            let copy = v.tensor.clone()
            #expect(copy.maskedScatter_(mask, source) === copy)
            expectTensor(copy, shape: [3, 4], values: expected)
        }
        let a = Tensor(shape: [3, 4], data: indexCopyA, dtype: dtype)
        for v in layoutVariants(shape: [3, 4], values: indexCopyMask.map { $0 ? 1 : 0 }, dtype: .bool) {
            expectTensor(a.maskedScatter(v.tensor, source), shape: [3, 4], values: expected)
        }
        for v in layoutVariants(shape: [2, 5], values: (0..<10).map { Double($0 * 10) }, dtype: dtype) {
            expectTensor(a.maskedScatter(mask, v.tensor), shape: [3, 4], values: expected)
        }
    }

    @Test func maskedScatterSpecialCases() {
        let a = Tensor.arange(12.0).reshape(3, 4)
        let mask = Tensor(shape: [3, 4], data: indexCopyMask)
        let source = Tensor.arange(10.0).reshape(2, 5) * 10
        // self broadcast against the mask; the mask broadcast against self; the source read in row-major order.
        expectTensor(a[0].maskedScatter(mask, source), shape: [3, 4], values: [0, 1, 10, 3, 0, 20, 30, 40, 0, 1, 2, 50])
        expectTensor(a.maskedScatter(mask[.all, 0..<1], source.t()), shape: [3, 4], values: [0, 50, 10, 60, 4, 5, 6, 7, 8, 9, 10, 11])
        expectTensor(Tensor([1.0, 2, 3]).maskedScatter(Tensor([true, false, true]), Tensor([Double.nan, 5])),
                     shape: [3], values: [.nan, 2, 5])
        expectTensor(Tensor(1.0).maskedScatter(Tensor(true), Tensor([7.0, 8])), shape: [], values: [7])
        expectTensor(a.maskedScatter(Tensor.zeros([3, 4], dtype: .bool), Tensor.zeros(0)), shape: [3, 4], values: indexCopyA)
        expectTensor(Tensor.zeros(0, 3).maskedScatter(Tensor.zeros([0, 3], dtype: .bool), Tensor.zeros(0)), shape: [0, 3], values: [])
    }

    @Test(arguments: IndexCopyFillErrors.all)
    func errors(_ c: OpErrorCase) { expectCaptured(c) }
}

enum IndexCopyFillErrors {
    static func a() -> Tensor { Tensor.arange(6.0).reshape(2, 3) }
    static func s() -> Tensor { Tensor.arange(6.0).reshape(2, 3) + 10 }
    static func m() -> Tensor { Tensor([[true, false, true], [false, true, true]]) }
    static let overlap =
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
    static let all: [OpErrorCase] = [
        // index_copy
        OpErrorCase("index_copy int32 index", .runtimeError, "index_copy_(): Expected a long tensor for index, but got Int") {
            _ = a().indexCopy(dim: 0, index: Tensor([1, 0], dtype: .int32), source: s())
        },
        OpErrorCase("index_copy float index", .runtimeError, "index_copy_(): Expected a long tensor for index, but got Float") {
            _ = a().indexCopy(dim: 0, index: Tensor([1.0, 0]), source: s())
        },
        OpErrorCase("index_copy 2-D index", .indexError, "index_copy_(): Index should have dimension 1 or 0 (got 2)") {
            _ = a().indexCopy(dim: 0, index: Tensor([[1, 0]]), source: s())
        },
        OpErrorCase("index_copy dtype", .runtimeError,
                    "index_copy_(): self and source expected to have the same dtype, but got (self) Float and (source) Double") {
            _ = a().indexCopy(dim: 0, index: Tensor([1, 0]), source: s().to(.float64))
        },
        OpErrorCase("index_copy count", .indexError, "index_copy_(): Number of indices (1) should be equal to source.size(dim) (2)") {
            _ = a().indexCopy(dim: 0, index: Tensor([1]), source: s())
        },
        OpErrorCase("index_copy slice shape", .runtimeError,
                    "index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: 3 at dimension 0 and source slice shape: 2 at dimension 0.") {
            _ = a().indexCopy(dim: 0, index: Tensor([1, 0]), source: Tensor.zeros(2, 2))
        },
        OpErrorCase("index_copy rank", .indexError,
                    "index_copy_(): When source and destination are not scalars, their dimensionality must match. Source dimensionality (3), destination dimensionality (2)") {
            _ = a().indexCopy(dim: 0, index: Tensor([1, 0]), source: s().reshape(2, 3, 1))
        },
        OpErrorCase("index_copy scalar source", .indexError, "index_copy_(): When source is scalar, index should have one element (got 2)") {
            _ = a().indexCopy(dim: 0, index: Tensor([1, 0]), source: Tensor(3.0))
        },
        OpErrorCase("index_copy out of range", .indexError, "index_copy_(): index 2 is out of bounds for dimension 0 with size 2") {
            _ = a().indexCopy(dim: 0, index: Tensor([2, 0]), source: s())
        },
        OpErrorCase("index_copy negative", .indexError, "index_copy_(): index -1 is out of bounds for dimension 0 with size 2") {
            _ = a().indexCopy(dim: 0, index: Tensor([-1, 0]), source: s())
        },
        OpErrorCase("index_copy dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = a().indexCopy(dim: 2, index: Tensor([1, 0]), source: s())
        },
        OpErrorCase("index_copy_ self as source", .runtimeError,
                    "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.") {
            let t = a()
            t.indexCopy_(dim: 0, index: Tensor([1, 0]), source: t)
        },
        OpErrorCase("index_copy_ expanded", .runtimeError, overlap) {
            a().expand(2, 2, 3).indexCopy_(dim: 0, index: Tensor([1]), source: Tensor.zeros(1, 2, 3))
        },
        OpErrorCase("index_copy_ leaf", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            Tensor.zeros([2, 3], requiresGrad: true).indexCopy_(dim: 0, index: Tensor([1, 0]), source: s())
        },
        // index_fill
        OpErrorCase("index_fill int32 index", .indexError, "index_fill_(): Expected dtype int64 for index.") {
            _ = a().indexFill(dim: 1, index: Tensor([2, 0], dtype: .int32), value: -1)
        },
        OpErrorCase("index_fill 2-D index", .runtimeError, "Index has to be a vector/scalar") {
            _ = a().indexFill(dim: 1, index: Tensor([[2, 0]]), value: -1)
        },
        OpErrorCase("index_fill out of range", .indexError, "index 3 is out of bounds for dimension 1 with size 3") {
            _ = a().indexFill(dim: 1, index: Tensor([3]), value: -1)
        },
        OpErrorCase("index_fill negative out of range", .indexError, "index -4 is out of bounds for dimension 1 with size 3") {
            _ = a().indexFill(dim: 1, index: Tensor([-4]), value: -1)
        },
        OpErrorCase("index_fill 0-dim out of range", .indexError, "index 1 is out of bounds for dimension 0 with size 1") {
            _ = Tensor(5.0).indexFill(dim: 0, index: Tensor([1]), value: 1.0)
        },
        OpErrorCase("index_fill dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = a().indexFill(dim: 2, index: Tensor([0]), value: -1)
        },
        OpErrorCase("index_fill value tensor", .runtimeError,
                    "index_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).") {
            _ = a().indexFill(dim: 1, index: Tensor([0]), value: Tensor([7.0]))
        },
        OpErrorCase("index_fill_ leaf", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            Tensor.zeros([2, 3], requiresGrad: true).indexFill_(dim: 1, index: Tensor([0]), value: 1.0)
        },
        // masked_scatter
        OpErrorCase("masked_scatter short source", .runtimeError, "Number of elements of source < number of ones in mask") {
            _ = a().maskedScatter(m(), Tensor([1.0, 2]))
        },
        OpErrorCase("masked_scatter 0-dim source", .runtimeError, "Number of elements of source < number of ones in mask") {
            _ = a().maskedScatter(m(), Tensor(7.0))
        },
        OpErrorCase("masked_scatter source dtype", .runtimeError,
                    "masked_scatter: expected self and source to have same dtypes but gotFloat and Long") {
            _ = a().maskedScatter(m(), Tensor([1, 2, 3, 4, 5]))
        },
        OpErrorCase("masked_scatter mask dtype", .runtimeError, "masked_scatter_ only supports boolean masks, but got mask with dtype Long") {
            _ = a().maskedScatter(m().to(.int64), s())
        },
        OpErrorCase("masked_scatter broadcast", .runtimeError,
                    "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0") {
            _ = a().maskedScatter(Tensor.ones([3, 3], dtype: .bool), s())
        },
        OpErrorCase("masked_scatter_ mask not expandable", .runtimeError,
                    "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 1.  Target sizes: [2, 3].  Tensor sizes: [4]") {
            a().maskedScatter_(Tensor.ones([4], dtype: .bool), Tensor.ones(6))
        },
        OpErrorCase("masked_scatter_ mask of higher rank", .runtimeError,
                    "expand(CPUBoolType{[2, 1, 3]}, size=[2, 3]): the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (3)") {
            a().maskedScatter_(Tensor.ones([2, 1, 3], dtype: .bool), Tensor.ones(6))
        },
        OpErrorCase("masked_scatter_ expanded", .runtimeError, overlap) {
            a().expand(2, 2, 3).maskedScatter_(Tensor.ones([4], dtype: .bool), Tensor.ones(6))
        },
        OpErrorCase("masked_scatter_ leaf", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            Tensor.zeros([2, 3], requiresGrad: true).maskedScatter_(m(), s())
        },
    ]
}
