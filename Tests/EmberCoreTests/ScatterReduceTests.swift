// ScatterReduceTests.swift
//
// `scatterReduce` / `scatterReduce_` (PyTorch's `scatter_reduce`): every reduction with and
// without `includeSelf`, per dtype, over every layout of self, index and src; NaN, bool, empty
// and 0-dim tensors; every error path; gradients (ties, zeros), gradcheck and double backward.
// Expected values are PyTorch 2.15's, from `x = torch.tensor([[1, 2, 3], [4, 5, 6]])`,
// `i = torch.tensor([[0, 1, 0], [1, 0, 0]])`, `s = torch.tensor([[10, 20, 30], [40, 50, 60]])`
// and `x.scatter_reduce(0, i, s, reduce, include_self=...)`.

import Testing
import Ember
import EmberTestSupport

let scatterX: [Double] = [1, 2, 3, 4, 5, 6]
let scatterS: [Double] = [10, 20, 30, 40, 50, 60]
let scatterI: [Double] = [0, 1, 0, 1, 0, 0]

/// `(reduce, includeSelf, float result, integer result)`; the integer mean rounds down.
let scatterReduceCases: [(Tensor.Reduction, Bool, [Double], [Double])] = [
    ("sum", true, [11, 52, 93, 44, 25, 6], [11, 52, 93, 44, 25, 6]),
    ("sum", false, [10, 50, 90, 40, 20, 6], [10, 50, 90, 40, 20, 6]),
    ("prod", true, [10, 100, 5400, 160, 100, 6], [10, 100, 5400, 160, 100, 6]),
    ("prod", false, [10, 50, 1800, 40, 20, 6], [10, 50, 1800, 40, 20, 6]),
    ("mean", true, [5.5, 26, 31, 22, 12.5, 6], [5, 26, 31, 22, 12, 6]),
    ("mean", false, [10, 50, 45, 40, 20, 6], [10, 50, 45, 40, 20, 6]),
    ("amax", true, [10, 50, 60, 40, 20, 6], [10, 50, 60, 40, 20, 6]),
    ("amax", false, [10, 50, 60, 40, 20, 6], [10, 50, 60, 40, 20, 6]),
    ("amin", true, [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]),
    ("amin", false, [10, 50, 30, 40, 20, 6], [10, 50, 30, 40, 20, 6]),
]

@Suite struct ScatterReduceTests {
    @Test(arguments: [DType.float32, .float64, .int64, .int32], 0..<scatterReduceCases.count)
    func reductionsOverLayouts(dtype: DType, k: Int) {
        let (reduce, includeSelf, floats, ints) = scatterReduceCases[k]
        let expected = dtype.isFloatingPoint ? floats : ints
        let x = Tensor(shape: [2, 3], data: scatterX, dtype: dtype)
        let s = Tensor(shape: [2, 3], data: scatterS, dtype: dtype)
        let i = Tensor(shape: [2, 3], data: scatterI, dtype: .int64)
        func check(_ x: Tensor, _ i: Tensor, _ s: Tensor, _ name: String) {
            let before = x.scalars(as: Double.self)
            let y = x.scatterReduce(dim: 0, index: i, src: s, reduce: reduce, includeSelf: includeSelf)
            expectTensor(y, shape: [2, 3], values: expected, dtype: dtype)
            #expect(x.scalars(as: Double.self) == before, "out-of-place leaves self (\(name))")
            let target = x.clone()
            let returned = target.scatterReduce_(dim: 0, index: i, src: s, reduce: reduce, includeSelf: includeSelf)
            #expect(returned === target)
            expectTensor(target, shape: [2, 3], values: expected, dtype: dtype)
        }
        for v in layoutVariants(shape: [2, 3], values: scatterX, dtype: dtype) { check(v.tensor, i, s, "self \(v.name)") }
        for v in layoutVariants(shape: [2, 3], values: scatterS, dtype: dtype) { check(x, i, v.tensor, "src \(v.name)") }
        for v in layoutVariants(shape: [2, 3], values: scatterI, dtype: .int64) { check(x, v.tensor, s, "index \(v.name)") }
        check(x, i.to(.int32), s, "int32 index")
        // In place on a transposed view writes through to its base.
        let base = Tensor(shape: [3, 2], data: [1, 4, 2, 5, 3, 6] as [Double], dtype: dtype)
        base.t().scatterReduce_(dim: 0, index: i, src: s, reduce: reduce, includeSelf: includeSelf)
        expectTensor(base.t(), shape: [2, 3], values: expected, dtype: dtype)
    }

    @Test(arguments: [
        ("sum", true, [8, 2, -5, 4, 8, 6]), ("sum", false, [7, 2, -8, 4, 3, 6]),
        ("prod", true, [7, 2, -24, 4, 10, 6]), ("prod", false, [7, 2, -8, 4, 2, 6]),
        ("mean", true, [4, 2, -2.5, 4, 2.6666667461395264, 6]), ("mean", false, [7, 2, -8, 4, 1.5, 6]),
        ("amax", true, [7, 2, 3, 4, 5, 6]), ("amax", false, [7, 2, -8, 4, 2, 6]),
        ("amin", true, [1, 2, -8, 4, 1, 6]), ("amin", false, [7, 2, -8, 4, 1, 6]),
    ] as [(Tensor.Reduction, Bool, [Double])])
    func alongDim1WithSmallerIndex(reduce: Tensor.Reduction, includeSelf: Bool, expected: [Double]) {
        // x.scatter_reduce(1, [[0, 2], [1, 1]], [[7., -8, 9], [1, 2, 3]], reduce, include_self=...)
        let x = Tensor(shape: [2, 3], data: scatterX, dtype: .float32)
        let y = x.scatterReduce(dim: 1, index: Tensor([[0, 2], [1, 1]]), src: Tensor([[7.0, -8, 9], [1, 2, 3]]), reduce: reduce, includeSelf: includeSelf)
        expectTensor(y, shape: [2, 3], values: expected, dtype: .float32)
    }

    @Test func integerMeanRoundsDown() {
        // torch.tensor([7, -7, 5]).scatter_reduce(0, [0, 1, 1, 2], [2, 2, 3, 0], "mean") -> [4, -1, 2]
        expectInts(Tensor([7, -7, 5]).scatterReduce(dim: 0, index: Tensor([0, 1, 1, 2]), src: Tensor([2, 2, 3, 0]), reduce: "mean"),
                   shape: [3], [4, -1, 2], dtype: .int64)
        expectInts(Tensor([7, -7, 5]).scatterReduce(dim: 0, index: Tensor([0, 1, 1]), src: Tensor([2, 2, 3]), reduce: "mean", includeSelf: false),
                   shape: [3], [2, 2, 5])
    }

    @Test func nanWins() {
        let nan = Double.nan
        let i = Tensor([0, 0, 1, 2])
        expectTensor(Tensor([1.0, 2, 3]).scatterReduce(dim: 0, index: i, src: Tensor([nan, 5, nan, -1]), reduce: "amax"),
                     shape: [3], values: [nan, nan, 3])
        expectTensor(Tensor([nan, 2, 3]).scatterReduce(dim: 0, index: i, src: Tensor([1.0, 5, 7, -1]), reduce: "amax"),
                     shape: [3], values: [nan, 7, 3])
        expectTensor(Tensor([nan, 2, 3]).scatterReduce(dim: 0, index: i, src: Tensor([1.0, 5, 7, -1]), reduce: "amin"),
                     shape: [3], values: [nan, 2, -1])
        expectTensor(Tensor([1.0, 2, 3]).scatterReduce(dim: 0, index: i, src: Tensor([1, nan, 7, -1]), reduce: "amin"),
                     shape: [3], values: [nan, 2, -1])
        expectTensor(Tensor([1.0, 2, 3]).scatterReduce(dim: 0, index: i, src: Tensor([1, nan, 7, -1]), reduce: "sum"),
                     shape: [3], values: [nan, 9, 2])
    }

    @Test func identitiesWithoutSelf() {
        let inf = Double.infinity
        expectTensor(Tensor([1.0, 2, 3]).scatterReduce(dim: 0, index: Tensor([0, 0, 1]), src: Tensor([-inf, -inf, 7]), reduce: "amax", includeSelf: false),
                     shape: [3], values: [-inf, 7, 3])
        expectTensor(Tensor([1.0, 2, 3]).scatterReduce(dim: 0, index: Tensor([0, 0, 1]), src: Tensor([inf, inf, 7]), reduce: "amin", includeSelf: false),
                     shape: [3], values: [inf, 7, 3])
        expectInts(Tensor([1, 2, 3]).scatterReduce(dim: 0, index: Tensor([0, 0, 1]), src: Tensor([4, 5, 7]), reduce: "amin", includeSelf: false),
                   shape: [3], [4, 7, 3])
    }

    @Test func bools() {
        let t = Tensor([true, false])
        expectBools(t.scatterReduce(dim: 0, index: Tensor([0, 0]), src: Tensor([true, true]), reduce: "sum"), shape: [2], [true, false], dtype: .bool)
        expectBools(t.scatterReduce(dim: 0, index: Tensor([0, 1]), src: Tensor([true, false]), reduce: "prod"), shape: [2], [true, false])
        expectBools(t.scatterReduce(dim: 0, index: Tensor([0, 1]), src: Tensor([false, true]), reduce: "amax"), shape: [2], [true, true])
        expectBools(t.scatterReduce(dim: 0, index: Tensor([0, 1]), src: Tensor([false, true]), reduce: "amin"), shape: [2], [false, false])
    }

    @Test func emptyAndZeroDim() {
        let x = Tensor(shape: [2, 3], data: scatterX, dtype: .float32)
        expectTensor(x.scatterReduce(dim: 0, index: Tensor.zeros([0], dtype: .int64), src: Tensor(shape: [2, 3], data: scatterS, dtype: .float32), reduce: "sum"),
                     shape: [2, 3], values: scatterX)
        expectTensor(x.scatterReduce(dim: 0, index: Tensor.zeros([2, 0], dtype: .int64), src: Tensor(shape: [2, 3], data: scatterS, dtype: .float32), reduce: "amax",
                                     includeSelf: false),
                     shape: [2, 3], values: scatterX)
        expectTensor(Tensor.zeros(0, 3).scatterReduce(dim: 0, index: Tensor.zeros([0, 3], dtype: .int64), src: Tensor.zeros(0, 3), reduce: "sum"),
                     shape: [0, 3], values: [])
        expectTensor(Tensor(5.0).scatterReduce(dim: 0, index: Tensor(0), src: Tensor(3.0), reduce: "sum"), shape: [], values: [8])
        expectTensor(Tensor(5.0).scatterReduce(dim: 0, index: Tensor([0, 0]), src: Tensor([3.0, 4]), reduce: "sum"), shape: [], values: [12])
        expectTensor(Tensor([5.0]).scatterReduce(dim: 0, index: Tensor(0), src: Tensor(3.0), reduce: "prod"), shape: [1], values: [15])
    }

    @Test(arguments: ScatterReduceErrors.all)
    func errors(_ c: OpErrorCase) { expectCaptured(c) }
}

enum ScatterReduceErrors {
    static func x() -> Tensor { Tensor(shape: [2, 3], data: scatterX, dtype: .float32) }
    static func s() -> Tensor { Tensor(shape: [2, 3], data: scatterS, dtype: .float32) }
    static func i() -> Tensor { Tensor(shape: [2, 3], data: scatterI, dtype: .int64) }
    static let all: [OpErrorCase] = [
        OpErrorCase("unknown reduce", .runtimeError, "reduce argument must be either sum, prod, mean, amax or amin, got max") {
            _ = x().scatterReduce(dim: 0, index: i(), src: s(), reduce: "max")
        },
        OpErrorCase("unknown reduce in place", .runtimeError, "reduce argument must be either sum, prod, mean, amax or amin, got foo") {
            x().scatterReduce_(dim: 0, index: i(), src: s(), reduce: "foo")
        },
        OpErrorCase("float index", .runtimeError, "scatter(): Expected dtype int32/int64 for index") {
            _ = x().scatterReduce(dim: 0, index: i().to(.float32), src: s(), reduce: "sum")
        },
        OpErrorCase("src dtype", .runtimeError, "scatter(): Expected self.dtype to be equal to src.dtype") {
            _ = x().scatterReduce(dim: 0, index: i(), src: s().to(.float64), reduce: "sum")
        },
        OpErrorCase("src rank", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = x().scatterReduce(dim: 0, index: i(), src: s()[0], reduce: "sum")
        },
        OpErrorCase("index rank", .runtimeError, "Index tensor must have the same number of dimensions as self tensor") {
            _ = x().scatterReduce(dim: 0, index: i()[0], src: s(), reduce: "sum")
        },
        OpErrorCase("dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = x().scatterReduce(dim: 2, index: i(), src: s(), reduce: "sum")
        },
        OpErrorCase("index too large", .runtimeError, "index 5 is out of bounds for dimension 0 with size 2") {
            _ = x().scatterReduce(dim: 0, index: i() + 5, src: s(), reduce: "sum")
        },
        OpErrorCase("index negative", .runtimeError, "index -5 is out of bounds for dimension 0 with size 2") {
            _ = x().scatterReduce(dim: 0, index: i() - 5, src: s(), reduce: "amax")
        },
        OpErrorCase("index shape", .runtimeError,
                    "Expected index [3, 3] to be no larger than self [2, 3] apart from dimension 0 and to be no larger size than src [2, 3]") {
            _ = x().scatterReduce(dim: 0, index: Tensor.zeros([3, 3], dtype: .int64), src: s(), reduce: "sum")
        },
        OpErrorCase("index shape along dim 1", .runtimeError,
                    "Expected index [2, 4] to be no larger than self [2, 3] apart from dimension 1 and to be no larger size than src [2, 3]") {
            _ = x().scatterReduce(dim: 1, index: Tensor.zeros([2, 4], dtype: .int64), src: s(), reduce: "sum")
        },
        OpErrorCase("bool mean", .notImplementedError, "\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'") {
            _ = Tensor([true, false]).scatterReduce(dim: 0, index: Tensor([0, 0]), src: Tensor([true, true]), reduce: "mean")
        },
        OpErrorCase("0-dim dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor(5.0).scatterReduce(dim: 1, index: Tensor(0), src: Tensor(3.0), reduce: "sum")
        },
        OpErrorCase("expanded in place", .runtimeError,
                    "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.") {
            x().expand(2, 2, 3).scatterReduce_(dim: 0, index: Tensor.zeros([1, 1, 1], dtype: .int64), src: Tensor.ones(1, 1, 1), reduce: "sum")
        },
        OpErrorCase("leaf in place", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            Tensor(shape: [2, 3], data: scatterX, dtype: .float32, requiresGrad: true).scatterReduce_(dim: 0, index: i(), src: s(), reduce: "sum")
        },
    ]
}
