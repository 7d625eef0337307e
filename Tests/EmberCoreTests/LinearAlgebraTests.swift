// LinearAlgebraTests.swift
//
// matmul, mm, bmm, mv, dot, outer, addmm and baddbmm (forward). Every expected value below was
// printed by PyTorch 2.15.0 (CPU) for the same inputs, written as
//
//     seq(shape, seed, dtype): element i is ((7 i + 3 seed) % 11 - 5), halved for floating dtypes
//
// so that every product is exact in float32 and the literals compare exactly.

import Testing
import Ember
import EmberBackend
import EmberCPU
import EmberCore
import EmberTestSupport

typealias LinearAlgebraCase = TensorCase

// MARK: - Values

@Suite("LinearAlgebra values")
struct LinearAlgebraValueTests {
    static let cases: [LinearAlgebraCase] = [
        LinearAlgebraCase("dot float32", [], [-5.75], .float32) { seq([5]).dot(seq([5], 2)) },
        LinearAlgebraCase("dot int64", [], [-23], .int64) { seq([5], 0, .int64).dot(seq([5], 2, .int64)) },
        LinearAlgebraCase("dot strided", [], [5.25], .float32) { seq([10])[.slice(nil, nil, step: 2)].dot(seq([5], 2)) },
        LinearAlgebraCase("dot expanded", [], [0.25], .float32) { seq([5]).dot(seq([1], 2).expand(5)) },
        LinearAlgebraCase("mv float32", [2], [-4.75, -2.5], .float32) { seq([2, 3]).mv(seq([3], 2)) },
        LinearAlgebraCase("mv int64", [2], [-19, -10], .int64) { seq([2, 3], 0, .int64).mv(seq([3], 2, .int64)) },
        LinearAlgebraCase("mv transposed matrix", [2], [-4.25, 8.5], .float32) { seq([3, 2]).t().mv(seq([6], 2)[.slice(nil, nil, step: 2)]) },
        LinearAlgebraCase("mv expanded vector", [2], [-1.25, 0.75], .float32) { seq([2, 3]).mv(seq([1], 2).expand(3)) },
        LinearAlgebraCase("mv sliced matrix", [2], [1.25, 3.0], .float32) { seq([2, 6])[..., .slice(nil, nil, step: 2)].mv(seq([3], 2)) },
        LinearAlgebraCase("outer float32", [2, 3], [2.5, -6.25, -1.25, -1.0, 2.5, 0.5], .float32) { seq([2]).outer(seq([3], 1)) },
        LinearAlgebraCase("outer promotes", [2, 3], [5.0, -12.5, -2.5, -2.0, 5.0, 1.0], .float32) { seq([2], 0, .int64).outer(seq([3], 1)) },
        LinearAlgebraCase("mm expanded rows", [2, 4], [5.0, -3.75, -4.25, 6.25, 5.0, -3.75, -4.25, 6.25], .float32) { seq([1, 3]).expand(2, 3).mm(seq([3, 4], 1)) },
        LinearAlgebraCase("mm expanded columns", [2, 4], [4.5, 4.5, 4.5, 4.5, -2.0, -2.0, -2.0, -2.0], .float32) { seq([2, 3]).mm(seq([3, 1], 1).expand(3, 4)) },
        LinearAlgebraCase("mm both transposed", [2, 4], [0.25, 1.75, 3.25, 4.75, 4.5, 3.5, 2.5, 1.5], .float32) { seq([3, 2]).t().mm(seq([4, 3], 1).t()) },
        LinearAlgebraCase("mm int64 transposed", [2, 4], [1, 7, 13, 19, 18, 14, 10, 6], .int64) { seq([3, 2], 0, .int64).t().mm(seq([4, 3], 1, .int64).t()) },
        LinearAlgebraCase("mm int64 sliced", [2, 4], [1, -30, 5, 7, -23, 25, 18, -22], .int64) { seq([2, 6], 0, .int64)[..., .slice(nil, nil, step: 2)].mm(seq([3, 4], 1, .int64)) },
        LinearAlgebraCase("bmm float32", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -5.25, 6.0], .float32) { seq([2, 2, 3]).bmm(seq([2, 3, 2], 1)) },
        LinearAlgebraCase("bmm int64", [2, 2, 2], [4, -31, -21, 22, -24, 20, -21, 24], .int64) { seq([2, 2, 3], 0, .int64).bmm(seq([2, 3, 2], 1, .int64)) },
        LinearAlgebraCase("bmm transposed", [2, 2, 2], [0.25, 1.75, 4.5, 3.5, -6.75, -6.5, 3.5, 4.0], .float32) { seq([2, 3, 2]).transpose(1, 2).bmm(seq([2, 2, 3], 1).transpose(1, 2)) },
        LinearAlgebraCase("bmm sliced", [2, 2, 2], [3.0, -4.75, -4.0, 8.0, -4.75, -3.25, -3.25, -1.25], .float32) { seq([2, 2, 6])[..., .slice(nil, nil, step: 2)].bmm(seq([2, 3, 2], 1)) },
        LinearAlgebraCase("bmm permuted batch", [2, 2, 2], [5.0, -3.75, -0.75, 10.0, -1.0, -1.0, -0.75, -0.5], .float32) { seq([2, 2, 3]).permute(1, 0, 2).contiguous().permute(1, 0, 2).bmm(seq([3, 2, 2], 1).permute(1, 0, 2)) },
        LinearAlgebraCase("bmm expanded batch", [3, 2, 2], [1.0, -7.75, -5.25, 5.5, 3.5, -5.25, -6.75, 4.0, -7.75, 2.75, 5.5, 5.25], .float32) { seq([1, 2, 3]).expand(3, 2, 3).bmm(seq([3, 3, 2], 1)) },
        LinearAlgebraCase("matmul 1D.1D", [], [-5.75], .float32) { seq([5]).matmul(seq([5], 2)) },
        LinearAlgebraCase("matmul 2D x 1D", [2], [-4.75, -2.5], .float32) { seq([2, 3]).matmul(seq([3], 2)) },
        LinearAlgebraCase("matmul 1D x 2D", [4], [-4.5, -3.75, 5.25, -5.0], .float32) { seq([3], 2).matmul(seq([3, 4], 1)) },
        LinearAlgebraCase("matmul 1D x 2D transposed", [4], [-3.25, -3.75, -4.25, -4.75], .float32) { seq([3], 2).matmul(seq([4, 3], 1).t()) },
        LinearAlgebraCase("matmul 2D x 2D", [2, 4], [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5], .float32) { seq([2, 3]).matmul(seq([3, 4], 1)) },
        LinearAlgebraCase("matmul 3D x 3D", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -5.25, 6.0], .float32) { seq([2, 2, 3]).matmul(seq([2, 3, 2], 1)) },
        LinearAlgebraCase("matmul 3D x 2D (folded)", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -6.75, 4.5], .float32) { seq([2, 2, 3]).matmul(seq([3, 2], 1)) },
        LinearAlgebraCase("matmul 3D x 2D (not folded)", [2, 2, 2], [1.0, -7.75, -6.0, 5.0, -5.25, 5.5, -6.75, 4.5], .float32) { seq([2, 2, 3]).transpose(0, 1).matmul(seq([3, 2], 1)) },
        LinearAlgebraCase("matmul 2D x 3D", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, 3.5, -5.25, -6.75, 4.0], .float32) { seq([2, 3]).matmul(seq([2, 3, 2], 1)) },
        LinearAlgebraCase("matmul 3D x 1D", [2, 2], [4.5, -2.0, -3.0, -4.0], .float32) { seq([2, 2, 3]).matmul(seq([3], 1)) },
        LinearAlgebraCase("matmul 1D x 3D", [2, 2], [1.0, -7.75, 3.5, -5.25], .float32) { seq([3]).matmul(seq([2, 3, 2], 1)) },
        LinearAlgebraCase("matmul 1D x 3D (m = 1, folded)", [2, 2], [2.5, -6.25, -1.25, 3.75], .float32) { seq([1]).matmul(seq([2, 1, 2], 1)) },
        LinearAlgebraCase("matmul 4D x 3D broadcast", [2, 3, 2, 2], [1.0, -7.75, -5.25, 5.5, 3.5, -5.25, -6.75, 4.0, -7.75, 2.75, 5.5, 5.25, -6.0, 5.0, -6.75, 4.5, -6.0, 5.0, -5.25, 6.0, 5.0, 5.0, 4.5, 4.75], .float32) { seq([2, 1, 2, 3]).matmul(seq([3, 3, 2], 1)) },
        LinearAlgebraCase("matmul 4D x 1D", [2, 1, 2], [4.5, -2.0, -3.0, -4.0], .float32) { seq([2, 1, 2, 3]).matmul(seq([3], 1)) },
        LinearAlgebraCase("matmul 1D x 4D", [2, 1, 2], [1.0, -7.75, 3.5, -5.25], .float32) { seq([3]).matmul(seq([2, 1, 3, 2], 1)) },
        LinearAlgebraCase("matmul expanded left batch", [3, 2, 2], [1.0, -7.75, -5.25, 5.5, 3.5, -5.25, -6.75, 4.0, -7.75, 2.75, 5.5, 5.25], .float32) { seq([1, 2, 3]).expand(3, 2, 3).matmul(seq([3, 3, 2], 1)) },
        LinearAlgebraCase("matmul expanded right batch", [3, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -6.75, 4.5, 3.5, 4.0, 2.75, 3.5], .float32) { seq([3, 2, 3]).matmul(seq([3, 2], 1).expand(3, 3, 2)) },
        LinearAlgebraCase("matmul (5,1,2,3) x (4,3,6)", [5, 4, 2, 6], [-2.0, -5.25, -0.25, -0.75, -4.0, 1.0, -7.25, 6.25, 3.25, -8.0, 5.5, 2.5, -2.75, 2.25, 7.25, -1.5, -2.0, -5.25, 4.75, 1.75, -6.75, 4.0, -7.25, 6.25, -0.75, -4.0, 1.0, 6.0, -2.75, 2.25, -8.0, 5.5, 2.5, -6.0, 4.75, 1.75, -1.5, -2.0, -5.25, -0.25, -0.75, -4.0, 4.0, -7.25, 6.25, 3.25, -8.0, 5.5, -7.0, 4.0, 4.0, -7.0, 4.0, 4.0, -6.75, 1.75, 4.75, -6.0, 2.5, 5.5, 4.0, 4.0, -7.0, 4.0, -7.0, 4.0, 3.25, 6.25, -7.25, 4.0, -6.75, 1.75, -7.0, 4.0, 4.0, -7.0, 4.0, 4.0, -6.0, 2.5, 5.5, -8.0, 3.25, 6.25, 4.0, -7.0, 4.0, 4.0, -7.0, 4.0, 4.0, -6.75, 1.75, 4.75, -6.0, 2.5, 7.25, 2.25, -2.75, 6.0, 1.0, -4.0, 7.5, 0.0, -2.0, 7.0, -0.5, -2.5, -0.25, -5.25, -2.0, -1.5, 7.25, 2.25, -1.0, -3.0, -2.25, -1.5, 7.5, 0.0, 6.0, 1.0, -4.0, -0.75, -0.25, -5.25, 7.0, -0.5, -2.5, -1.75, -1.0, -3.0, -1.5, 7.25, 2.25, -2.75, 6.0, 1.0, -1.5, 7.5, 0.0, -2.0, 7.0, -0.5, 7.75, -2.25, -1.25, 8.0, -2.0, -1.0, 8.0, -4.5, -0.5, 9.0, -3.5, 0.5, -1.75, -0.75, -2.5, -1.5, 7.75, -2.25, -2.5, 1.5, -2.75, -1.5, 8.0, -4.5, 8.0, -2.0, -1.0, -2.75, -1.75, -0.75, 9.0, -3.5, 0.5, -3.75, -2.5, 1.5, -1.5, 7.75, -2.25, -1.25, 8.0, -2.0, -1.5, 8.0, -4.5, -0.5, 9.0, -3.5, -2.75, 1.5, -2.5, -3.75, 0.5, -3.5, -2.5, -0.75, -1.75, -2.75, -1.0, -2.0, -0.5, -4.5, 8.0, -1.5, -2.75, 1.5, -1.25, -2.25, 7.75, -1.5, -2.5, -0.75, -3.75, 0.5, -3.5, 9.0, -0.5, -4.5, -2.75, -1.0, -2.0, 8.0, -1.25, -2.25, -1.5, -2.75, 1.5, -2.5, -3.75, 0.5, -1.5, -2.5, -0.75, -1.75, -2.75, -1.0], .float32) { seq([5, 1, 2, 3]).matmul(seq([4, 3, 6], 1)) },
        LinearAlgebraCase("matmul 3D x 3D float64", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -5.25, 6.0], .float64) { seq([2, 2, 3], 0, .float64).matmul(seq([2, 3, 2], 1, .float64)) },
        LinearAlgebraCase("matmul 3D x 3D int64", [2, 2, 2], [4, -31, -21, 22, -24, 20, -21, 24], .int64) { seq([2, 2, 3], 0, .int64).matmul(seq([2, 3, 2], 1, .int64)) },
        LinearAlgebraCase("matmul 4D x 3D int64", [2, 3, 2, 2], [4, -31, -21, 22, 14, -21, -27, 16, -31, 11, 22, 21, -24, 20, -27, 18, -24, 20, -21, 24, 20, 20, 18, 19], .int64) { seq([2, 1, 2, 3], 0, .int64).matmul(seq([3, 3, 2], 1, .int64)) },
        LinearAlgebraCase("matmul 2D x 2D int32", [2, 4], [20, -15, -17, 25, -3, 40, -5, -6], .int32) { seq([2, 3], 0, .int32).matmul(seq([3, 4], 1, .int32)) },
        LinearAlgebraCase("addmm alpha beta", [2, 4], [11.0, -7.5, -9.5, 13.25, -1.75, 18.75, -2.0, -3.5], .float32) { seq([2, 4], 3).addmm(seq([2, 3]), seq([3, 4], 1), beta: 0.5, alpha: 2) },
        LinearAlgebraCase("addmm row input", [2, 4], [7.0, -3.75, -6.25, 7.75, 1.25, 10.0, -3.25, 0.0], .float32) { seq([4], 3).addmm(seq([2, 3]), seq([3, 4], 1)) },
        LinearAlgebraCase("addmm column input", [2, 4], [3.0, -5.75, -6.25, 4.25, -0.75, 10.0, -1.25, -1.5], .float32) { seq([2, 1], 3).addmm(seq([2, 3]), seq([3, 4], 1), beta: -1) },
        LinearAlgebraCase("addmm transposed", [2, 4], [2.25, 1.75, 1.25, 6.25, 4.0, 1.0, 3.5, 0.5], .float32) { seq([2, 4], 3).addmm(seq([3, 2]).t(), seq([4, 3], 1).t()) },
        LinearAlgebraCase("addmm int64 truncates", [2, 4], [28, -15, -25, 31, -5, 30, -1, -10], .int64) { seq([2, 4], 3, .int64).addmm(seq([2, 3], 0, .int64), seq([3, 4], 1, .int64), beta: 2.7, alpha: 1.5) },
        LinearAlgebraCase("addmm int64 beta 0.5", [2, 4], [20, -15, -17, 25, -3, 40, -5, -6], .int64) { seq([2, 4], 3, .int64).addmm(seq([2, 3], 0, .int64), seq([3, 4], 1, .int64), beta: 0.5) },
        LinearAlgebraCase("addmm float64", [2, 4], [-14.5, 11.25, 12.25, -18.375, 2.125, -30.625, 4.0, 4.25], .float64) { seq([2, 4], 3, .float64).addmm(seq([2, 3], 0, .float64), seq([3, 4], 1, .float64), beta: 0.25, alpha: -3) },
        LinearAlgebraCase("addmm beta 0 ignores NaN", [2, 4], [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5], .float32) { Tensor.full([2, 4], .float(.nan)).addmm(seq([2, 3]), seq([3, 4], 1), beta: 0) },
        LinearAlgebraCase("addmm 0-dim input", [2, 4], [6.5, -2.25, -2.75, 7.75, 0.75, 11.5, 0.25, 0.0], .float32) { Tensor(1.5).addmm(seq([2, 3]), seq([3, 4], 1)) },
        LinearAlgebraCase("baddbmm alpha beta", [2, 2, 2], [4.5, -3.875, -6.625, 5.75, -4.0, -2.5, -0.625, 1.0], .float32) { seq([2, 2, 2], 3).baddbmm(seq([2, 2, 3]), seq([2, 3, 2], 1), beta: 2, alpha: 0.5) },
        LinearAlgebraCase("baddbmm row input", [2, 2, 2], [3.0, -7.75, -3.25, 5.5, -4.0, 5.0, -3.25, 6.0], .float32) { seq([2], 3).baddbmm(seq([2, 2, 3]), seq([2, 3, 2], 1)) },
        LinearAlgebraCase("baddbmm int64", [2, 2, 2], [20, -62, -54, 53, -51, 25, -36, 42], .int64) { seq([2, 2, 2], 3, .int64).baddbmm(seq([2, 2, 3], 0, .int64), seq([2, 3, 2], 1, .int64), beta: 3, alpha: 2.9) },
        LinearAlgebraCase("baddbmm beta 0 ignores NaN", [2, 2, 2], [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -5.25, 6.0], .float32) { Tensor.full([2, 2, 2], .float(.nan)).baddbmm(seq([2, 2, 3]), seq([2, 3, 2], 1), beta: 0) },
        LinearAlgebraCase("empty rows", [0, 2], [], .float32) { seq([0, 3]).matmul(seq([3, 2])) },
        LinearAlgebraCase("k = 0 float32", [2, 2], [0.0, 0.0, 0.0, 0.0], .float32) { seq([2, 0]).matmul(seq([0, 2])) },
        LinearAlgebraCase("k = 0 int64", [2, 2], [0, 0, 0, 0], .int64) { seq([2, 0], 0, .int64).matmul(seq([0, 2], 0, .int64)) },
        LinearAlgebraCase("k = 0 bmm", [2, 3, 2], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], .float32) { seq([2, 3, 0]).bmm(seq([2, 0, 2])) },
        LinearAlgebraCase("k = 0 dot", [], [0.0], .float32) { seq([0]).dot(seq([0])) },
        LinearAlgebraCase("k = 0 mv", [2], [0.0, 0.0], .float32) { seq([2, 0]).mv(seq([0])) },
        LinearAlgebraCase("k = 0 addmm", [2, 2], [4.0, 0.0, -4.0, 3.0], .float32) { seq([2, 2], 3).addmm(seq([2, 0]), seq([0, 2]), beta: 2) },
        LinearAlgebraCase("empty batch", [0, 2, 2], [], .float32) { seq([0, 2, 3]).matmul(seq([3, 2])) },
        LinearAlgebraCase("empty broadcast batch", [0, 4, 2, 2], [], .float32) { seq([0, 1, 2, 3]).matmul(seq([4, 3, 2])) },
        LinearAlgebraCase("empty bmm batch", [0, 2, 2], [], .float32) { seq([0, 2, 3]).bmm(seq([0, 3, 2])) },

    ]

    @Test("products against PyTorch", arguments: cases)
    func product(_ c: LinearAlgebraCase) {
        expectTensor(c.make(), shape: c.shape, values: c.values, dtype: c.dtype)
    }

    /// `mm` and `matmul` of every layout of both operands: contiguous, transposed (BLAS's Trans
    /// flag), sliced (a copy), offset, and a slice of a transpose.
    @Test("mm over layouts", arguments: [DType.float32, .float64, .int64, .int32])
    func mmLayouts(_ dtype: DType) {
        let expected: [Double] = dtype.isFloatingPoint
            ? [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5]
            : [20, -15, -17, 25, -3, 40, -5, -6]
        let lefts = layoutVariants(shape: [2, 3], values: seqValues([2, 3], 0, dtype), dtype: dtype)
        let rights = layoutVariants(shape: [3, 4], values: seqValues([3, 4], 1, dtype), dtype: dtype)
        #expect(lefts.count >= 5 && rights.count >= 5)
        for a in lefts {
            for b in rights {
                expectTensor(a.tensor.mm(b.tensor), shape: [2, 4], values: expected, dtype: dtype)
                expectTensor(a.tensor.matmul(b.tensor), shape: [2, 4], values: expected, dtype: dtype)
            }
        }
    }

    /// `bmm` over layouts of each operand (the batch dim included).
    @Test("bmm over layouts", arguments: [DType.float32, .float64, .int64])
    func bmmLayouts(_ dtype: DType) {
        let expected: [Double] = dtype.isFloatingPoint
            ? [1.0, -7.75, -5.25, 5.5, -6.0, 5.0, -5.25, 6.0]
            : [4, -31, -21, 22, -24, 20, -21, 24]
        let lefts = layoutVariants(shape: [2, 2, 3], values: seqValues([2, 2, 3], 0, dtype), dtype: dtype)
        let rights = layoutVariants(shape: [2, 3, 2], values: seqValues([2, 3, 2], 1, dtype), dtype: dtype)
        for a in lefts {
            for b in rights {
                expectTensor(a.tensor.bmm(b.tensor), shape: [2, 2, 2], values: expected, dtype: dtype)
            }
        }
    }

    /// `mv` and `dot` over layouts of the vector and the matrix.
    @Test("mv and dot over layouts", arguments: [DType.float32, .float64, .int64])
    func vectorLayouts(_ dtype: DType) {
        let mv: [Double] = dtype.isFloatingPoint ? [-4.75, -2.5] : [-19, -10]
        let dot: [Double] = dtype.isFloatingPoint ? [-5.75] : [-23]
        for m in layoutVariants(shape: [2, 3], values: seqValues([2, 3], 0, dtype), dtype: dtype) {
            for v in layoutVariants(shape: [3], values: seqValues([3], 2, dtype), dtype: dtype) {
                expectTensor(m.tensor.mv(v.tensor), shape: [2], values: mv, dtype: dtype)
                expectTensor(m.tensor.matmul(v.tensor), shape: [2], values: mv, dtype: dtype)
            }
        }
        for a in layoutVariants(shape: [5], values: seqValues([5], 0, dtype), dtype: dtype) {
            for b in layoutVariants(shape: [5], values: seqValues([5], 2, dtype), dtype: dtype) {
                expectTensor(a.tensor.dot(b.tensor), shape: [], values: dot, dtype: dtype)
            }
        }
    }

    /// Results are new contiguous tensors; the inputs are left as they were.
    @Test func resultsAreFreshAndInputsUnchanged() {
        let a = seq([2, 3]), b = seq([3, 4], 1)
        let c = a.matmul(b)
        #expect(c.isContiguous && !c.isView)
        #expect(!sharesStorage(c, a) && !sharesStorage(c, b))
        let v = seq([3], 2).matmul(b)
        #expect(v.isContiguous && v.shape == [4])
        let input = seq([2, 4], 3)
        _ = input.addmm(a, b, beta: 2)
        expectTensor(input, shape: [2, 4], values: seqValues([2, 4], 3))
        expectTensor(a, shape: [2, 3], values: seqValues([2, 3]))
    }
}

// MARK: - Larger products (threaded and BLAS-blocked paths)

/// One larger product, checked by two sums PyTorch computed in float64 over the result:
/// `sum(r * (i % 13))` and `sum(r * r)`, where `i` is the row-major index. The inputs are
/// multiples of 0.5, so every float32 product is exact and the sums compare exactly.
struct LinearAlgebraLargeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let shape: [Int]
    let weighted: Double
    let squares: Double
    let make: @Sendable () -> Tensor
    var testDescription: String { name }
}

@Suite("LinearAlgebra larger products")
struct LinearAlgebraLargeTests {
    static let cases: [LinearAlgebraLargeCase] = [
        LinearAlgebraLargeCase(name: "bmm 8 x 64^3 float32 (batches split across threads)", shape: [8, 64, 64],
                  weighted: 1424.0, squares: 67489428.6875) { seq([8, 64, 64]).bmm(seq([8, 64, 64], 1)) },
        LinearAlgebraLargeCase(name: "bmm 8 x 64^3 float64", shape: [8, 64, 64], weighted: 1424.0, squares: 67489428.6875) {
            seq([8, 64, 64], 0, .float64).bmm(seq([8, 64, 64], 1, .float64))
        },
        LinearAlgebraLargeCase(name: "mm 200x300 @ 300x150", shape: [200, 150], weighted: -5436.75, squares: 1013279375.125) {
            seq([200, 300]).mm(seq([300, 150], 1))
        },
        LinearAlgebraLargeCase(name: "mm of transposes", shape: [200, 150], weighted: 6167.5, squares: 1350729351.8125) {
            seq([300, 200]).t().mm(seq([150, 300], 1).t())
        },
        LinearAlgebraLargeCase(name: "mm of a sliced matrix (copied first)", shape: [200, 150], weighted: 4030.5,
                               squares: 1350663395.125) {
            seq([200, 600])[..., .slice(nil, nil, step: 2)].mm(seq([300, 150], 1))
        },
        LinearAlgebraLargeCase(name: "matmul with 9 batch dims that do not merge", shape: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
                               weighted: -671.25, squares: 45606.5) {
            seq([2, 1, 2, 1, 2, 1, 2, 1, 2, 2, 3]).matmul(seq([1, 2, 1, 2, 1, 2, 1, 2, 1, 3, 2], 1))
        },
        LinearAlgebraLargeCase(name: "mm wide", shape: [150, 200], weighted: 643.75,
                               squares: 1350487118.875) {
            seq([150, 300]).mm(seq([300, 200], 1))
        },
        LinearAlgebraLargeCase(name: "mm 512^3", shape: [512, 512], weighted: -8466.75,
                               squares: 34363183743.5625) {
            seq([512, 512]).mm(seq([512, 512], 1))
        },
        LinearAlgebraLargeCase(name: "bmm of two large matrices (each on OpenBLAS threads)", shape: [2, 200, 150], weighted: 8079.25,
                               squares: 2026086923.9375) {
            seq([2, 200, 300]).bmm(seq([2, 300, 150], 1))
        },
        LinearAlgebraLargeCase(name: "bmm of three wide float64 matrices", shape: [3, 150, 200], weighted: -8450.5,
                               squares: 4051551934.25) {
            seq([3, 150, 300], 0, .float64).bmm(seq([3, 300, 200], 1, .float64))
        },
        LinearAlgebraLargeCase(name: "matmul broadcast batches", shape: [4, 3, 64, 64], weighted: -1510.75, squares: 101220820.5625) {
            seq([4, 1, 64, 64]).matmul(seq([3, 64, 64], 1))
        },
        LinearAlgebraLargeCase(name: "bmm int64 (threaded integer kernel)", shape: [4, 64, 64], weighted: -23671.0, squares: 539805809.0) {
            seq([4, 64, 64], 0, .int64).bmm(seq([4, 64, 64], 1, .int64))
        },
        LinearAlgebraLargeCase(name: "mm int64 (blocked integer kernel)", shape: [70, 90], weighted: 17183.0, squares: 4535580482.0) {
            seq([70, 300], 0, .int64).mm(seq([300, 90], 1, .int64))
        },
        LinearAlgebraLargeCase(name: "bmm of a sliced batch (copied per matrix)", shape: [8, 64, 64], weighted: -8045.25,
                  squares: 184767470.1875) {
            seq([8, 64, 128])[..., .slice(nil, nil, step: 2)].bmm(seq([8, 64, 64], 1))
        },
    ]

    @Test("checksums against PyTorch", arguments: cases)
    func checksum(_ c: LinearAlgebraLargeCase) {
        let r = c.make()
        #expect(r.shape == c.shape)
        let values = r.scalars(as: Double.self)
        var weighted = 0.0, squares = 0.0
        for (i, v) in values.enumerated() {
            weighted += v * Double(i % 13)
            squares += v * v
        }
        #expect(weighted == c.weighted)
        #expect(squares == c.squares)
    }

    /// The threaded batch path gives exactly what one product per matrix gives.
    @Test func batchedEqualsPerMatrix() {
        let a = seq([6, 40, 50]), b = seq([6, 50, 30], 1)
        let batched = a.bmm(b).scalars(as: Float.self)
        var single: [Float] = []
        for i in 0..<6 { single += a[i].mm(b[i]).scalars(as: Float.self) }
        #expect(batched == single)
        let integer = a.mul(2).long().bmm(b.mul(2).long()).scalars(as: Int64.self)
        #expect(integer == batched.map { Int64($0 * 4) })
    }
}

// MARK: - The backend kernel

@Suite("LinearAlgebra backend gemm")
struct LinearAlgebraBackendTests {
    /// A column-major output is written through its transpose (`c^T = b^T a^T`).
    @Test func columnMajorOutput() {
        let a = seq([2, 3]), b = seq([3, 4], 1)
        let storage = Tensor.zeros(4, 2)
        let c = storage.t()
        CPUBackend.shared.gemm(a.buffer, b.buffer, into: c.buffer, alpha: 1, beta: 0)
        expectTensor(c, shape: [2, 4], values: [5.0, -3.75, -4.25, 6.25, -0.75, 10.0, -1.25, -1.5])
    }

    /// An output BLAS cannot write in place (every other column) is computed in scratch; with
    /// beta, its old values are read first.
    @Test func stridedOutputWithBeta() {
        let a = seq([2, 3]), b = seq([3, 4], 1)
        let wide = Tensor.ones(2, 8)
        let c = wide[..., .slice(nil, nil, step: 2)]
        CPUBackend.shared.gemm(a.buffer, b.buffer, into: c.buffer, alpha: 2, beta: 0.5)
        expectTensor(c, shape: [2, 4], values: [10.5, -7.0, -8.0, 13.0, -1.0, 20.5, -2.0, -2.5])
        expectTensor(wide[..., .slice(1, nil, step: 2)], shape: [2, 4], values: [1, 1, 1, 1, 1, 1, 1, 1])
    }

    /// With k = 0 the product is zero: the output becomes beta times itself.
    @Test func emptyInnerDim() {
        let c = Tensor.full([2, 2], 3.0)
        CPUBackend.shared.gemm(seq([2, 0]).buffer, seq([0, 2]).buffer, into: c.buffer, alpha: 1, beta: 2)
        expectTensor(c, shape: [2, 2], values: [6, 6, 6, 6])
    }
}
