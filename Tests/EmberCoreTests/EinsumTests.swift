// EinsumTests.swift
//
// Tensor.einsum: values against PyTorch 2.15.0 (CPU) for the same inputs, written as
//
//     seq(shape, seed, dtype): element i is ((7 i + 3 seed) % 11 - 5), halved for floating dtypes
//
// and every einsum error, as an exit test and inside `withErrorCapture`.

import Testing
import Ember
import EmberTestSupport

typealias EinsumCase = TensorCase

@Suite("Einsum values")
struct EinsumValueTests {
    static let cases: [EinsumCase] = [
        EinsumCase("matrix product", [2, 4], [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5], .float32) { Tensor.einsum("ij,jk->ik", seq([2, 3]), seq([3, 4], 1)) },
        EinsumCase("matrix product, transposed operands", [2, 4], [0.25, 1.75, 3.25, 4.75, 4.5, 3.5, 2.5, 1.5], .float32) { Tensor.einsum("ij,jk->ik", seq([3, 2]).t(), seq([4, 3], 1).t()) },
        EinsumCase("batch product", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -5.25, 6.0], .float32) { Tensor.einsum("bij,bjk->bik", seq([2, 2, 3]), seq([2, 3, 2], 1)) },
        EinsumCase("batch product, second transposed", [2, 2, 2], [4.5, 5.75, -2.0, -2.75, -3.0, -3.0, -2.5, -1.75], .float32) { Tensor.einsum("bij,bkj->bik", seq([2, 2, 3]), seq([2, 2, 3], 1)) },
        EinsumCase("transpose", [3, 2], [-2.5, 2.5, 1.0, 0.5, -1.0, -1.5], .float32) { Tensor.einsum("ij->ji", seq([2, 3])) },
        EinsumCase("trace, implicit", [], [-4.0], .float32) { Tensor.einsum("ii", seq([3, 3])) },
        EinsumCase("trace, explicit", [], [-4.0], .float32) { Tensor.einsum("ii->", seq([3, 3])) },
        EinsumCase("diagonal", [3], [-2.5, 0.5, -2.0], .float32) { Tensor.einsum("ii->i", seq([3, 3])) },
        EinsumCase("batch diagonal", [2, 3], [-2.5, 0.5, -2.0, 1.5, -1.0, 2.0], .float32) { Tensor.einsum("bii->bi", seq([2, 3, 3])) },
        EinsumCase("outer", [2, 3], [2.5, -6.25, -1.25, -1.0, 2.5, 0.5], .float32) { Tensor.einsum("i,j->ij", seq([2]), seq([3], 1)) },
        EinsumCase("sum of all", [], [-1.0], .float32) { Tensor.einsum("ij->", seq([2, 3])) },
        EinsumCase("column sums", [3], [0.0, 1.5, -2.5], .float32) { Tensor.einsum("ij->j", seq([2, 3])) },
        EinsumCase("row sums", [2], [-2.5, 1.5], .float32) { Tensor.einsum("ij->i", seq([2, 3])) },
        EinsumCase("bilinear", [2, 4], [19.125, 6.0, 10.75, 7.25, -15.75, 35.25, -30.625, 31.375], .float32) { Tensor.einsum("bn,anm,bm->ba", seq([2, 3]), seq([4, 3, 5], 1), seq([2, 5], 2)) },
        EinsumCase("bilinear float64", [2, 4], [19.125, 6.0, 10.75, 7.25, -15.75, 35.25, -30.625, 31.375], .float64) { Tensor.einsum("bn,anm,bm->ba", seq([2, 3], 0, .float64), seq([4, 3, 5], 1, .float64), seq([2, 5], 2, .float64)) },
        EinsumCase("implicit matrix product", [2, 4], [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5], .float32) { Tensor.einsum("ij,jk", seq([2, 3]), seq([3, 4], 1)) },
        EinsumCase("implicit transpose", [3, 2], [-2.5, 2.5, 1.0, 0.5, -1.0, -1.5], .float32) { Tensor.einsum("ba", seq([2, 3])) },
        EinsumCase("ellipsis broadcast", [2, 4, 2, 2], [1.0, -7.75, -5.25, 5.5, 3.5, -5.25, -6.75, 4.0, -7.75, 2.75, 5.5, 5.25, -5.25, -0.25, 4.0, -4.5, -6.0, 5.0, -6.75, 4.5, -6.0, 5.0, -5.25, 6.0, 5.0, 5.0, 4.5, 4.75, 5.0, -6.0, 6.0, -7.5], .float32) { Tensor.einsum("...ij,...jk->...ik", seq([2, 1, 2, 3]), seq([4, 3, 2], 1)) },
        EinsumCase("ellipsis transpose", [2, 3, 2], [-2.5, 2.5, 1.0, 0.5, -1.0, -1.5, 2.0, 1.5, 0.0, -0.5, -2.0, -2.5], .float32) { Tensor.einsum("...ij->...ji", seq([2, 2, 3])) },
        EinsumCase("ellipsis implicit", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -6.75, 4.5], .float32) { Tensor.einsum("...ij,...jk", seq([2, 2, 3]), seq([3, 2], 1)) },
        EinsumCase("ellipsis summed", [3, 2], [-0.5, 1.0, -3.0, 4.0, 0.0, -4.0], .float32) { Tensor.einsum("i...->...", seq([2, 3, 2])) },
        EinsumCase("repeated index then sum", [3], [-1.0, 0.5, -3.5], .float32) { Tensor.einsum("iij->j", seq([2, 2, 3])) },
        EinsumCase("size-1 dim broadcasts", [2, 2], [-3.75, -2.5, 1.5, 1.0], .float32) { Tensor.einsum("ij,jk->ik", seq([2, 1]), seq([3, 2], 1)) },
        EinsumCase("int64 product", [2, 4], [20, -15, -17, 25, -3, 40, -5, -6], .int64) { Tensor.einsum("ij,jk->ik", seq([2, 3], 0, .int64), seq([3, 4], 1, .int64)) },
        EinsumCase("int32 product stays int32", [2, 4], [20, -15, -17, 25, -3, 40, -5, -6], .int32) { Tensor.einsum("ij,jk->ik", seq([2, 3], 0, .int32), seq([3, 4], 1, .int32)) },
        EinsumCase("int32 sum is int64", [], [-2], .int64) { Tensor.einsum("ij->", seq([2, 3], 0, .int32)) },
        EinsumCase("int32 one-sided sum is int64", [2, 4], [10, -25, -5, 15, -6, 15, 3, -9], .int64) { Tensor.einsum("ij,k->ik", seq([2, 3], 0, .int32), seq([4], 1, .int32)) },
        EinsumCase("int32 diagonal stays int32", [3], [-5, 1, -4], .int32) { Tensor.einsum("ii->i", seq([3, 3], 0, .int32)) },
        EinsumCase("bool transpose", [3, 2], [0, 1, 1, 1, 0, 0], .bool) { Tensor.einsum("ij->ji", seq([2, 3], 0, .int64).gt(0)) },
        EinsumCase("bool elementwise", [5], [0, 0, 0, 0, 0], .bool) { Tensor.einsum("i,i->i", seq([5], 0, .int64).gt(0), seq([5], 2, .int64).gt(0)) },
        EinsumCase("mixed dtypes without a sum promote", [2, 3], [5.0, -12.5, -2.5, -2.0, 5.0, 1.0], .float32) { Tensor.einsum("i,j->ij", seq([2], 0, .int32), seq([3], 1)) },
        EinsumCase("three operands", [2, 2], [0.375, -29.5, 22.875, 3.0], .float32) { Tensor.einsum("ij,jk,kl->il", seq([2, 3]), seq([3, 4], 1), seq([4, 2], 2)) },
        EinsumCase("dot", [], [-5.75], .float32) { Tensor.einsum("i,i->", seq([5]), seq([5], 2)) },
        EinsumCase("hadamard", [5], [-1.25, -1.5, -2.0, 0.0, -1.0], .float32) { Tensor.einsum("i,i->i", seq([5]), seq([5], 2)) },
        EinsumCase("sum over one operand's index", [2, 4], [2.5, -6.25, -1.25, 3.75, -1.5, 3.75, 0.75, -2.25], .float32) { Tensor.einsum("ij,k->ik", seq([2, 3]), seq([4], 1)) },
        EinsumCase("upper-case labels", [3, 2], [-2.5, 2.5, 1.0, 0.5, -1.0, -1.5], .float32) { Tensor.einsum("Ab->bA", seq([2, 3])) },
        EinsumCase("spaces", [3, 2], [-2.5, 2.5, 1.0, 0.5, -1.0, -1.5], .float32) { Tensor.einsum(" i j -> j i ", seq([2, 3])) },
        EinsumCase("0-dim operand", [2], [-7.5, 3.0], .float32) { Tensor.einsum(",i->i", Tensor(3.0), seq([2])) },
        EinsumCase("array of operands", [2, 4], [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5], .float32) { Tensor.einsum("ij,jk->ik", [seq([2, 3]), seq([3, 4], 1)]) },
        EinsumCase("zero-size contraction", [2, 3], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0], .float32) { Tensor.einsum("ij,jk->ik", seq([2, 0]), seq([0, 3], 1)) },
        EinsumCase("sum of nothing", [], [0.0], .float32) { Tensor.einsum("i->", seq([0])) },
        EinsumCase("empty output", [0, 2], [], .float32) { Tensor.einsum("ij,jk->ik", seq([0, 3]), seq([3, 2], 1)) },

    ]

    @Test("einsum against PyTorch", arguments: cases)
    func einsum(_ c: EinsumCase) {
        expectTensor(c.make(), shape: c.shape, values: c.values, dtype: c.dtype)
    }

    /// A permutation or a diagonal of one operand is a view of it, as in PyTorch.
    @Test func singleOperandViews() {
        let a = seq([3, 3])
        let t = Tensor.einsum("ij->ji", a)
        #expect(sharesStorage(t, a))
        expectLayout(t, shape: [3, 3], strides: [1, 3], offset: 0)
        let d = Tensor.einsum("ii->i", a)
        #expect(sharesStorage(d, a))
        expectLayout(d, shape: [3], strides: [4], offset: 0)
    }

    /// Transposed, sliced and expanded operands give the same product.
    @Test func operandLayouts() {
        let expected = [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5]
        let lefts = layoutVariants(shape: [2, 3], values: seq([2, 3]).scalars(as: Double.self))
        let rights = layoutVariants(shape: [3, 4], values: seq([3, 4], 1).scalars(as: Double.self))
        for a in lefts {
            for b in rights {
                expectTensor(Tensor.einsum("ij,jk->ik", a.tensor, b.tensor), shape: [2, 4], values: expected)
            }
        }
        let expanded = seq([1, 3]).expand(2, 3)
        expectTensor(Tensor.einsum("ij,jk->ik", expanded, seq([3, 4], 1)), shape: [2, 4],
                     values: [5.0, -3.75, -4.25, 6.25, 5.0, -3.75, -4.25, 6.25])
    }
}

// MARK: - Errors

typealias EinsumErrorCase = OpErrorCase

enum EinsumErrorCases: OpErrorTable {
    static let all: [EinsumErrorCase] = [
        EinsumErrorCase("fewer operands", "einsum(): fewer operands were provided than specified in the equation") {
            _ = Tensor.einsum("ij,jk", ones(2, 3))
        },
        EinsumErrorCase("more operands", "einsum(): more operands were provided than specified in the equation") {
            _ = Tensor.einsum("ij", ones(2, 3), ones(3))
        },
        EinsumErrorCase("no operands", .valueError,
                        "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list") {
            _ = Tensor.einsum("->")
        },
        EinsumErrorCase("too many subscripts",
                        "einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given") {
            _ = Tensor.einsum("ijk", ones(2, 3))
        },
        EinsumErrorCase("too few subscripts",
                        "einsum(): the number of subscripts in the equation (1) does not match the number of dimensions (2) for operand 0 and no ellipsis was given") {
            _ = Tensor.einsum("i", ones(2, 3))
        },
        EinsumErrorCase("more subscripts than dims with an ellipsis",
                        "einsum(): the number of subscripts in the equation (3) is more than the number of dimensions (2) for operand 0") {
            _ = Tensor.einsum("...ijk", ones(2, 3))
        },
        EinsumErrorCase("sizes", "einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3") {
            _ = Tensor.einsum("ij,jk->ik", ones(2, 3), ones(4, 2))
        },
        EinsumErrorCase("output label not in input", "einsum(): output subscript k does not appear in the equation for any input operand") {
            _ = Tensor.einsum("ij->k", ones(2, 3))
        },
        EinsumErrorCase("output label twice", "einsum(): output subscript i appears more than once in the output") {
            _ = Tensor.einsum("ij->ii", ones(2, 3))
        },
        EinsumErrorCase("invalid input subscript",
                        "einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]") {
            _ = Tensor.einsum("i1->i", ones(2, 3))
        },
        EinsumErrorCase("invalid output subscript",
                        "einsum(): invalid subscript given at index 5 in the equation string, subscripts must be in [a-zA-Z]") {
            _ = Tensor.einsum("ij->i1", ones(2, 3))
        },
        EinsumErrorCase("two arrows",
                        "einsum(): invalid subscript given at index 5 in the equation string, subscripts must be in [a-zA-Z]") {
            _ = Tensor.einsum("ij->i->j", ones(2, 3))
        },
        EinsumErrorCase("two ellipses", "einsum(): found '.' for operand 0 for which an ellipsis was already found") {
            _ = Tensor.einsum("i...j...->ij", ones(2, 3, 4))
        },
        EinsumErrorCase("lone dot", "einsum(): found '.' for operand 0 that is not part of any ellipsis") {
            _ = Tensor.einsum("i.j->ij", ones(2, 3))
        },
        EinsumErrorCase("lone dot in output", "einsum(): found '.' for output that is not part of any ellipsis (...)") {
            _ = Tensor.einsum("ij->i.", ones(2, 3))
        },
        EinsumErrorCase("two ellipses in output", "einsum(): found '.' for output but an ellipsis (...) was already found") {
            _ = Tensor.einsum("...ij->......", ones(2, 3))
        },
        EinsumErrorCase("diagonal sizes", "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2") {
            _ = Tensor.einsum("ii->i", ones(2, 3))
        },
        EinsumErrorCase("ellipsis sizes",
                        "einsum(): dimension 0 covered by ellipsis in operand 1has size 5 which does not broadcast with previously seen ellipsis with size 2 for the respective dimension") {
            _ = Tensor.einsum("...ij,...jk->...ik", ones(2, 3, 4), ones(5, 4, 2))
        },
        EinsumErrorCase("dtypes", "expected scalar type Float but found Double") {
            _ = Tensor.einsum("ij,jk->ik", ones(2, 3), ones(3, 2, dtype: .float64))
        },
        EinsumErrorCase("bool product", .notImplementedError, "\"bmm\" not implemented for 'Bool'") {
            _ = Tensor.einsum("ij,jk->ik", ones(2, 3, dtype: .bool), ones(3, 2, dtype: .bool))
        },
    ]
}

@Suite("Einsum errors")
struct EinsumErrorTests {
    @Test("thrown inside withErrorCapture", arguments: EinsumErrorCases.all)
    func captured(_ c: EinsumErrorCase) { expectCaptured(c) }

    @Test("stop the process with the message", arguments: EinsumErrorCases.all)
    func stops(_ c: EinsumErrorCase) async { await expectStops(c, in: EinsumErrorCases.self) }
}
