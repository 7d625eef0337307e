// SelectionTests.swift
//
// `where`, `maskedFill` / `maskedFill_` and `lerp` / `lerp_`: values, result dtypes, broadcasting,
// layouts (contiguous, transposed, sliced, offset, expanded), in-place writes and every error path.
// Expected values are PyTorch 2.15's, from running the same expressions with
// `x = torch.tensor([[3., -1., 2., 7.], [0., 5., -4., 1.], [2., 2., 8., -3.]])`.

import Testing
import Ember
import EmberTestSupport

/// `x` above, row-major.
let selectionX: [Double] = [3, -1, 2, 7, 0, 5, -4, 1, 2, 2, 8, -3]

/// `c = torch.tensor([[True, False, True, False], [False, True, True, False], [True, True, False, False]])`.
func selectionMask() -> Tensor {
    Tensor([[true, false, true, false], [false, true, true, false], [true, true, false, false]])
}

@Suite struct WhereTests {
    @Test func tensorsAndScalars() {
        let x = Tensor(shape: [3, 4], data: selectionX, dtype: .float32)
        expectTensor(Tensor.where(x .> 1, x, x.neg()), shape: [3, 4],
                     values: [3, 1, 2, 7, -0.0, 5, 4, -1, 2, 2, 8, 3], dtype: .float32)
        expectTensor(Tensor.where(x .> 1, x, 0.5), shape: [3, 4],
                     values: [3, 0.5, 2, 7, 0.5, 5, 0.5, 0.5, 2, 2, 8, 0.5], dtype: .float32)
        expectTensor(Tensor.where(x .> 1, 9, x), shape: [3, 4],
                     values: [9, -1, 9, 9, 0, 9, -4, 1, 9, 9, 9, -3], dtype: .float32)
        expectTensor(x.where(x .> 1, 9), shape: [3, 4],
                     values: [3, 9, 2, 7, 9, 5, 9, 9, 2, 2, 8, 9], dtype: .float32)
    }

    @Test func broadcasting() {
        let r = Tensor.where(Tensor([[true], [false], [true]]), Tensor([1.0, 2, 3, 4]), Tensor(0.0))
        expectTensor(r, shape: [3, 4], values: [1, 2, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4] as [Double], dtype: .float32)
    }

    @Test func resultTypes() {
        let c = Tensor([true, false, true])
        expectTensor(Tensor.where(c, Tensor([1, 2, 3], dtype: .int32), 2.5), shape: [3], values: [1, 2.5, 3], dtype: .float32)
        expectInts(Tensor.where(c, Tensor([1, 2, 3], dtype: .int32), 2), shape: [3], [1, 2, 3], dtype: .int32)
        expectInts(Tensor.where(c, Tensor([1, 2, 3], dtype: .int32), Tensor(2)), shape: [3], [1, 2, 3],
                     dtype: .int32)
        expectInts(Tensor.where(c, 1, 0), shape: [3], [1, 0, 1], dtype: .int64)
        expectTensor(Tensor.where(c, 1.0, 0), shape: [3], values: [1, 0, 1] as [Double], dtype: .float32)
        expectBools(Tensor.where(c, true, false), shape: [3], [true, false, true], dtype: .bool)
        let c2 = Tensor([true, false])
        expectTensor(Tensor.where(c2, Tensor([1.0, 2]), Tensor([3.0, 4], dtype: .float64)), shape: [2], values: [1, 4] as [Double],
                     dtype: .float64)
        expectTensor(Tensor.where(c2, Tensor(1.0, dtype: .float64), Tensor([3, 4])), shape: [2], values: [1, 4] as [Double],
                     dtype: .float64)
        expectInts(Tensor.where(c2, 1, true), shape: [2], [1, 1], dtype: .int64)
    }

    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func layouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: selectionX, dtype: dtype) {
            let x = variant.tensor
            let r = Tensor.where(x .> 1, x, 100)
            #expect(r.dtype == dtype, "\(variant)")
            expectTensor(r, shape: [3, 4], values: [3, 100, 2, 7, 100, 5, 100, 100, 2, 2, 8, 100] as [Double])
            // The condition in another layout too.
            let m = Tensor.where(selectionMask().t().contiguous().t(), x, 0)
            expectTensor(m, shape: [3, 4], values: [3, 0, 2, 0, 0, 5, -4, 0, 2, 2, 0, 0] as [Double])
        }
        let expanded = Tensor([1.0, 2, 3, 4], dtype: dtype).expand(3, 4)
        expectTensor(Tensor.where(selectionMask(), expanded, Tensor([[10.0], [20], [30]], dtype: dtype).expand(3, 4)),
                     shape: [3, 4], values: [1, 10, 3, 10, 20, 2, 3, 20, 1, 2, 30, 30] as [Double], dtype: dtype)
    }

    @Test func emptyAndZeroDim() {
        expectTensor(Tensor.where(Tensor.zeros(0, 3, dtype: .bool), Tensor.ones(0, 3), 1.0), shape: [0, 3], values: [] as [Double])
        expectTensor(Tensor.where(Tensor(true), Tensor(2.0), Tensor(3.0)), shape: [], values: [2] as [Double], dtype: .float32)
    }

    @Test func positions() {
        let parts = Tensor.where(Tensor([[1, 0], [0, 2]]) .!= 0)
        #expect(parts.count == 2)
        expectInts(parts[0], shape: [2], [0, 1], dtype: .int64)
        expectInts(parts[1], shape: [2], [0, 1], dtype: .int64)
    }
}

@Suite struct MaskedFillTests {
    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func layouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: selectionX, dtype: dtype) {
            let r = variant.tensor.maskedFill(selectionMask(), -9)
            #expect(r.dtype == dtype, "\(variant)")
            expectTensor(r, shape: [3, 4], values: [-9, -1, -9, 7, 0, -9, -9, 1, -9, -9, 8, -3] as [Double])
        }
    }

    @Test func valuesAndDtypes() {
        expectInts(Tensor([1, 2, 3]).maskedFill(Tensor([true, false, true]), 2.5), shape: [3], [2, 2, 2],
                     dtype: .int64)
        expectBools(Tensor.ones(3, dtype: .bool).maskedFill(Tensor([true, false, true]), 0), shape: [3],
                     [false, true, false])
        expectTensor(Tensor.ones(3).maskedFill(Tensor([[true, false, true], [false, false, true]]), 9), shape: [2, 3],
                     values: [9, 1, 9, 1, 1, 9] as [Double], dtype: .float32)
        expectInts(Tensor.ones(3, dtype: .int64).maskedFill(Tensor([true, false, true]), Tensor(9.5)), shape: [3],
                     [9, 1, 9])
        let x = Tensor(shape: [3, 4], data: selectionX, dtype: .float32)
        expectTensor(x.maskedFill(Tensor([true, false, false, true]), 0.0), shape: [3, 4],
                     values: [0, -1, 2, 0, 0, 5, -4, 0, 0, 2, 8, 0] as [Double])
    }

    @Test func inPlace() {
        let x = Tensor(shape: [3, 4], data: selectionX, dtype: .float32)
        let view = x.t()
        let version = x.version
        let returned = view.maskedFill_(selectionMask().t(), -9)
        #expect(returned === view)
        #expect(x.version == version + 1)
        expectTensor(x, shape: [3, 4], values: [-9, -1, -9, 7, 0, -9, -9, 1, -9, -9, 8, -3] as [Double])
        // A row mask broadcasts over the rows.
        let y = Tensor.zeros(2, 3)
        y.maskedFill_(Tensor([true, false, true]), 1)
        expectTensor(y, shape: [2, 3], values: [1, 0, 1, 1, 0, 1] as [Double])
        // PyTorch allows (with a warning) filling an expanded tensor.
        let base = Tensor.zeros(3)
        let expanded = base.expand(2, 3)
        expanded.maskedFill_(Tensor([true, false, true]), 1.0)
        expectTensor(base, shape: [3], values: [1, 0, 1] as [Double])
    }

    @Test func empty() {
        expectTensor(Tensor.zeros(0, 2).maskedFill(Tensor.ones([0, 2], dtype: .bool), 1), shape: [0, 2], values: [] as [Double])
    }
}

@Suite struct LerpTests {
    @Test func scalarWeightBothBranches() {
        let start = Tensor([0.1, 1, -2, 4]), end = Tensor([0.7, 3, 5, -1])
        expectFloats(start.lerp(end, 0.3), shape: [4], [0.2800000011920929, 1.600000023841858, 0.10000008344650269, 2.5])
        expectFloats(start.lerp(end, 0.8), shape: [4],
                     [0.5799999833106995, 2.5999999046325684, 3.6000001430511475, -5.960464477539063e-08])
    }

    @Test func tensorWeight() {
        let start = Tensor([0.1, 1, -2, 4]), end = Tensor([0.7, 3, 5, -1])
        expectFloats(start.lerp(end, Tensor([0.3, 0.5, -0.49, 1.7])), shape: [4], [0.2800000011920929, 2, -5.430000305175781, -4.5])
        let d = Tensor([0.1, 1, -2, 4], dtype: .float64).lerp(Tensor([0.7, 3, 5, -1], dtype: .float64),
                                                                 Tensor([0.3, 0.5, -0.49, 1.7], dtype: .float64))
        expectTensor(d, shape: [4], values: [0.27999999999999997, 2, -5.43, -4.5], dtype: .float64)
        expectFloats(Tensor([1.0, 2]).lerp(Tensor([3.0, 5]), Tensor([[0.25], [0.75]])), shape: [2, 2], [1.5, 2.75, 2.5, 4.25])
        let nanCase = Tensor([1.0, 2]).lerp(Tensor([3, Double.infinity]), Tensor([0.25, Double.nan]))
        expectTensor(nanCase, shape: [2], values: [1.5, .nan], dtype: .float32)
        // A 0-dim weight of another dtype counts as a number.
        expectTensor(Tensor([1.0, 2], dtype: .float64).lerp(Tensor([3.0, 4], dtype: .float64), Tensor(0.3)), shape: [2],
                     values: [1.600000023841858, 2.600000023841858], dtype: .float64)
        expectFloats(Tensor([1.0, 2]).lerp(Tensor([3.0, 4]), Tensor(2)), shape: [2], [5, 6])
    }

    @Test(arguments: [DType.float32, .float64])
    func layouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: selectionX, dtype: dtype) {
            let r = variant.tensor.lerp(Tensor.full([3, 4], 10, dtype: dtype), 0.25)
            expectTensor(r, shape: [3, 4], values: [4.75, 1.75, 4, 7.75, 2.5, 6.25, -0.5, 3.25, 4, 4, 8.5, 0.25], dtype: dtype)
            let w = variant.tensor.lerp(Tensor.full([3, 4], 10, dtype: dtype), Tensor.full([4], 0.25, dtype: dtype))
            expectTensor(w, shape: [3, 4], values: [4.75, 1.75, 4, 7.75, 2.5, 6.25, -0.5, 3.25, 4, 4, 8.5, 0.25])
        }
    }

    @Test func inPlace() {
        let x = Tensor([0.1, 1, -2, 4])
        let version = x.version
        x.lerp_(Tensor([0.7, 3, 5, -1]), Tensor([0.3, 0.5, -0.49, 1.7]))
        #expect(x.version == version + 1)
        expectFloats(x, shape: [4], [0.2800000011920929, 2, -5.430000305175781, -4.5])
        // `end` sharing the storage is read before it is overwritten.
        let y = Tensor([1.0, 2, 3, 4])
        y[0..<2].lerp_(y[2..<4], 0.5)
        expectFloats(y, shape: [4], [2, 3, 3, 4])
    }
}

// MARK: - Errors

enum SelectionErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("where condition dtype", .runtimeError,
                    "where expected condition to be a boolean tensor, but got a tensor with dtype Long") {
            _ = Tensor.where(Tensor([1, 0, 1]), Tensor([1.0, 2, 3]), 0.0)
        },
        OpErrorCase("where condition float", .runtimeError,
                    "where expected condition to be a boolean tensor, but got a tensor with dtype Float") {
            _ = Tensor.where(Tensor([1.0, 0, 1]), Tensor([1.0, 2, 3]), 0.0)
        },
        OpErrorCase("where condition shape", .runtimeError,
                    "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            _ = Tensor.where(Tensor([true, false]), Tensor([1.0, 2, 3]), 0.0)
        },
        OpErrorCase("where other shape", .runtimeError,
                    "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0") {
            _ = Tensor.where(Tensor([true, false, true]), Tensor([1.0, 2, 3]), Tensor.ones(2))
        },
        OpErrorCase("maskedFill long mask", .runtimeError,
                    "masked_fill_ only supports boolean masks, but got mask with dtype long int") {
            _ = Tensor([1.0, 2, 3]).maskedFill(Tensor([1, 0, 1]), 0)
        },
        OpErrorCase("maskedFill int mask", .runtimeError,
                    "masked_fill_ only supports boolean masks, but got mask with dtype int") {
            _ = Tensor([1.0, 2, 3]).maskedFill(Tensor([1, 0, 1], dtype: .int32), 0)
        },
        OpErrorCase("maskedFill float mask", .runtimeError,
                    "masked_fill_ only supports boolean masks, but got mask with dtype float") {
            _ = Tensor([1.0, 2, 3]).maskedFill(Tensor([1.0, 0, 1]), 0)
        },
        OpErrorCase("maskedFill double mask", .runtimeError,
                    "masked_fill_ only supports boolean masks, but got mask with dtype double") {
            _ = Tensor([1.0, 2, 3]).maskedFill(Tensor([1.0, 0, 1], dtype: .float64), 0)
        },
        OpErrorCase("maskedFill value dims", .runtimeError,
                    "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).") {
            _ = Tensor([1.0, 2, 3]).maskedFill(Tensor([true, false, true]), Tensor([1.0, 2]))
        },
        OpErrorCase("maskedFill shape", .runtimeError,
                    "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            _ = Tensor([1.0, 2, 3]).maskedFill(Tensor([true, false]), 0)
        },
        OpErrorCase("maskedFill_ grows", .runtimeError, "output with shape [3] doesn't match the broadcast shape [2, 3]") {
            Tensor.zeros(3).maskedFill_(Tensor.ones([2, 3], dtype: .bool), 1)
        },
        OpErrorCase("maskedFill_ shape", .runtimeError,
                    "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0") {
            Tensor.ones(3).maskedFill_(Tensor([true, false]), 1)
        },
        OpErrorCase("maskedFill_ leaf", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            Tensor.ones([3], requiresGrad: true).maskedFill_(Tensor([true, false, true]), 0)
        },
        OpErrorCase("lerp end long", .runtimeError, "expected dtype float for `end` but got dtype long int") {
            _ = Tensor([1.0, 2, 3]).lerp(Tensor([1, 2, 3]), 0.5)
        },
        OpErrorCase("lerp end double", .runtimeError, "expected dtype float for `end` but got dtype double") {
            _ = Tensor([1.0, 2, 3]).lerp(Tensor([1.0, 2, 3], dtype: .float64), 0.5)
        },
        OpErrorCase("lerp end bool", .runtimeError, "expected dtype float for `end` but got dtype bool") {
            _ = Tensor([1.0, 2, 3]).lerp(Tensor([true, false, true]), 0.5)
        },
        OpErrorCase("lerp weight double", .runtimeError, "expected dtype float for `weight` but got dtype double") {
            _ = Tensor([1.0, 2, 3]).lerp(Tensor([2.0, 4, 6]), Tensor([0.5], dtype: .float64))
        },
        OpErrorCase("lerp weight long", .runtimeError, "expected dtype float for `weight` but got dtype long int") {
            _ = Tensor([1.0, 2, 3]).lerp(Tensor([2.0, 4, 6]), Tensor([1, 1, 1]))
        },
        OpErrorCase("lerp integer scalar weight", .notImplementedError, "\"lerp_kernel_scalar\" not implemented for 'Long'") {
            _ = Tensor([1, 2]).lerp(Tensor([1, 2]), 0.5)
        },
        OpErrorCase("lerp int32", .notImplementedError, "\"lerp_kernel_scalar\" not implemented for 'Int'") {
            _ = Tensor([1, 2], dtype: .int32).lerp(Tensor([1, 2], dtype: .int32), 0.5)
        },
        OpErrorCase("lerp bool", .notImplementedError, "\"lerp_kernel_scalar\" not implemented for 'Bool'") {
            _ = Tensor([true]).lerp(Tensor([true]), 0.5)
        },
        OpErrorCase("lerp integer tensor weight", .notImplementedError, "\"lerp_kernel_tensor\" not implemented for 'Long'") {
            _ = Tensor([1, 2]).lerp(Tensor([1, 2]), Tensor([1, 1]))
        },
        OpErrorCase("lerp shape", .runtimeError,
                    "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0") {
            _ = Tensor([1.0, 2, 3]).lerp(Tensor.ones(2), 0.5)
        },
        OpErrorCase("lerp weight shape", .runtimeError,
                    "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0") {
            _ = Tensor([1.0, 2, 3]).lerp(Tensor([1.0, 2, 3]), Tensor([0.5, 0.2]))
        },
        OpErrorCase("lerp_ grows", .runtimeError, "output with shape [] doesn't match the broadcast shape [2]") {
            Tensor(1.0).lerp_(Tensor([3.0, 4]), 0.5)
        },
    ]
}

@Suite struct SelectionErrorTests {
    @Test(arguments: SelectionErrors.all)
    func captured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: SelectionErrors.all)
    func stops(_ c: OpErrorCase) async { await expectStops(c, in: SelectionErrors.self) }
}
