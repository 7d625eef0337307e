// LinearAlgebraErrorTests.swift
//
// The failures of matmul, mm, bmm, mv, dot, outer, addmm and baddbmm. Each message is the one
// PyTorch 2.15.0 printed for the same call (`ones(...)` is `torch.ones`); each is checked twice:
// stopping the process (an exit test, reading standard error) and thrown inside `withErrorCapture`.

import Testing
import Ember
import EmberTestSupport

typealias LinearAlgebraErrorCase = OpErrorCase

enum LinearAlgebraErrorCases: OpErrorTable {
    static let all: [LinearAlgebraErrorCase] = [
        // mm
        LinearAlgebraErrorCase("mm shapes", "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)") {
            _ = ones(2, 3).mm(ones(2, 3))
        },
        LinearAlgebraErrorCase("mm 1-D self", "mm: self must be a matrix, got 1-D tensor") { _ = ones(3).mm(ones(3, 2)) },
        LinearAlgebraErrorCase("mm 1-D mat2", "mm: mat2 must be a matrix, got 1-D tensor") { _ = ones(2, 3).mm(ones(3)) },
        LinearAlgebraErrorCase("mm 0-D self", "mm: self must be a matrix, got 0-D tensor") { _ = Tensor(1.0).mm(ones(2, 2)) },
        LinearAlgebraErrorCase("mm 3-D mat2", "mm: mat2 must be a matrix, got 3-D tensor") { _ = ones(2, 3).mm(ones(2, 3, 4)) },
        LinearAlgebraErrorCase("mm dtypes", "expected m1 and m2 to have the same dtype, but got: float != double") {
            _ = ones(2, 3).mm(ones(3, 2, dtype: .float64))
        },
        LinearAlgebraErrorCase("mm dtypes int64", "expected m1 and m2 to have the same dtype, but got: long int != int") {
            _ = ones(2, 3, dtype: .int64).mm(ones(3, 2, dtype: .int32))
        },
        LinearAlgebraErrorCase("mm bool", .notImplementedError, "\"addmm_impl_cpu_\" not implemented for 'Bool'") {
            _ = ones(2, 3, dtype: .bool).mm(ones(3, 2, dtype: .bool))
        },
        // matmul
        LinearAlgebraErrorCase("matmul shapes", "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)") {
            _ = ones(2, 3).matmul(ones(2, 3))
        },
        LinearAlgebraErrorCase("matmul 0-D and 1-D", "both arguments to matmul need to be at least 1D, but they are 0D and 1D") {
            _ = Tensor(1.0).matmul(ones(4))
        },
        LinearAlgebraErrorCase("matmul 1-D and 0-D", "both arguments to matmul need to be at least 1D, but they are 1D and 0D") {
            _ = ones(4).matmul(Tensor(1.0))
        },
        LinearAlgebraErrorCase("matmul 1-D lengths",
                               "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively") {
            _ = ones(3).matmul(ones(4))
        },
        LinearAlgebraErrorCase("matmul 2-D x 1-D", "size mismatch, got input (2), mat (2x3), vec (4)") {
            _ = ones(2, 3).matmul(ones(4))
        },
        LinearAlgebraErrorCase("matmul 1-D x 2-D", "mm: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x2)") {
            _ = ones(3).matmul(ones(4, 2))
        },
        LinearAlgebraErrorCase("matmul 3-D x 1-D (folded)", "size mismatch, got input (4), mat (4x3), vec (4)") {
            _ = ones(2, 2, 3).matmul(ones(4))
        },
        LinearAlgebraErrorCase("matmul 1-D x 3-D",
                               "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 3].") {
            _ = ones(4).matmul(ones(2, 3, 2))
        },
        LinearAlgebraErrorCase("matmul 3-D x 3-D",
                               "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].") {
            _ = ones(2, 2, 3).matmul(ones(2, 4, 2))
        },
        LinearAlgebraErrorCase("matmul 3-D x 2-D (folded)", "mm: mat1 and mat2 shapes cannot be multiplied (4x3 and 4x2)") {
            _ = ones(2, 2, 3).matmul(ones(4, 2))
        },
        LinearAlgebraErrorCase("matmul 3-D x 2-D (not folded)",
                               "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].") {
            _ = ones(2, 2, 3).transpose(0, 1).matmul(ones(4, 2))
        },
        LinearAlgebraErrorCase("matmul 1-D x 3-D (folded, m = 1)", "size mismatch, got input (4), mat (4x1), vec (3)") {
            _ = ones(3).matmul(ones(2, 1, 2))
        },
        LinearAlgebraErrorCase("matmul batch broadcast",
                               "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            _ = ones(2, 2, 3).matmul(ones(3, 3, 2))
        },
        LinearAlgebraErrorCase("matmul 4-D batch broadcast",
                               "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1") {
            _ = ones(5, 2, 2, 3).matmul(ones(3, 3, 2))
        },
        LinearAlgebraErrorCase("matmul dtypes 2-D", "expected m1 and m2 to have the same dtype, but got: float != double") {
            _ = ones(2, 3).matmul(ones(3, 2, dtype: .float64))
        },
        LinearAlgebraErrorCase("matmul dtypes 1-D x 2-D", "expected m1 and m2 to have the same dtype, but got: long int != float") {
            _ = ones(3, dtype: .int64).matmul(ones(3, 2))
        },
        LinearAlgebraErrorCase("matmul dtypes 1-D", "dot : expected both vectors to have same dtype, but found Float and Double") {
            _ = ones(3).matmul(ones(3, dtype: .float64))
        },
        LinearAlgebraErrorCase("matmul dtypes 2-D x 1-D",
                               "addmv input tensors must have the same dtype, but got Double, Float, and Double") {
            _ = ones(2, 3).matmul(ones(3, dtype: .float64))
        },
        LinearAlgebraErrorCase("matmul dtypes 3-D", "expected scalar type Float but found Double") {
            _ = ones(2, 2, 3).matmul(ones(2, 3, 2, dtype: .float64))
        },
        LinearAlgebraErrorCase("matmul dtypes 3-D x 2-D (folded)",
                               "expected m1 and m2 to have the same dtype, but got: float != double") {
            _ = ones(2, 2, 3).matmul(ones(3, 2, dtype: .float64))
        },
        LinearAlgebraErrorCase("matmul dtypes 3-D x 1-D (folded)",
                               "addmv input tensors must have the same dtype, but got Double, Float, and Double") {
            _ = ones(2, 2, 3).matmul(ones(3, dtype: .float64))
        },
        LinearAlgebraErrorCase("matmul bool 3-D", .notImplementedError, "\"bmm\" not implemented for 'Bool'") {
            _ = ones(2, 2, 3, dtype: .bool).matmul(ones(2, 3, 2, dtype: .bool))
        },
        LinearAlgebraErrorCase("matmul bool 1-D", .notImplementedError, "\"dot\" not implemented for 'Bool'") {
            _ = ones(3, dtype: .bool).matmul(ones(3, dtype: .bool))
        },
        // bmm
        LinearAlgebraErrorCase("bmm 2-D batch1", "batch1 must be a 3D tensor") { _ = ones(2, 3).bmm(ones(3, 2)) },
        LinearAlgebraErrorCase("bmm 2-D batch2", "batch2 must be a 3D tensor") { _ = ones(2, 2, 3).bmm(ones(3, 2)) },
        LinearAlgebraErrorCase("bmm batch sizes",
                               "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].") {
            _ = ones(2, 2, 3).bmm(ones(3, 3, 2))
        },
        LinearAlgebraErrorCase("bmm inner sizes",
                               "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].") {
            _ = ones(2, 2, 3).bmm(ones(2, 4, 2))
        },
        LinearAlgebraErrorCase("bmm dtypes", "expected scalar type Double but found Float") {
            _ = ones(2, 2, 3, dtype: .float64).bmm(ones(2, 3, 2))
        },
        LinearAlgebraErrorCase("bmm bool", .notImplementedError, "\"bmm\" not implemented for 'Bool'") {
            _ = ones(2, 2, 3, dtype: .bool).bmm(ones(2, 3, 2, dtype: .bool))
        },
        // mv
        LinearAlgebraErrorCase("mv 1-D matrix", "vector + matrix @ vector expected, got 1, 1, 1") { _ = ones(3).mv(ones(3)) },
        LinearAlgebraErrorCase("mv 2-D vector", "vector + matrix @ vector expected, got 1, 2, 2") { _ = ones(2, 3).mv(ones(3, 1)) },
        LinearAlgebraErrorCase("mv sizes", "size mismatch, got input (2), mat (2x3), vec (4)") { _ = ones(2, 3).mv(ones(4)) },
        LinearAlgebraErrorCase("mv dtypes", "addmv input tensors must have the same dtype, but got Float, Double, and Float") {
            _ = ones(2, 3, dtype: .float64).mv(ones(3))
        },
        LinearAlgebraErrorCase("mv bool", .notImplementedError, "\"addmv_impl_cpu\" not implemented for 'Bool'") {
            _ = ones(2, 3, dtype: .bool).mv(ones(3, dtype: .bool))
        },
        // dot
        LinearAlgebraErrorCase("dot 2-D", "1D tensors expected, but got 2D and 1D tensors") { _ = ones(2, 3).dot(ones(3)) },
        LinearAlgebraErrorCase("dot 0-D", "1D tensors expected, but got 0D and 1D tensors") { _ = Tensor(1.0).dot(ones(3)) },
        LinearAlgebraErrorCase("dot lengths",
                               "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively") {
            _ = ones(3).dot(ones(4))
        },
        LinearAlgebraErrorCase("dot dtypes before lengths",
                               "dot : expected both vectors to have same dtype, but found Float and Double") {
            _ = ones(3).dot(ones(4, dtype: .float64))
        },
        LinearAlgebraErrorCase("dot int dtypes", "dot : expected both vectors to have same dtype, but found Long and Int") {
            _ = ones(3, dtype: .int64).dot(ones(3, dtype: .int32))
        },
        // outer
        LinearAlgebraErrorCase("outer 2-D self", "outer: Expected 1-D argument self, but got 2-D") { _ = ones(2, 3).outer(ones(3)) },
        LinearAlgebraErrorCase("outer 2-D vec2", "outer: Expected 1-D argument vec2, but got 2-D") { _ = ones(3).outer(ones(3, 1)) },
        LinearAlgebraErrorCase("outer 0-D self", "outer: Expected 1-D argument self, but got 0-D") { _ = Tensor(1.0).outer(ones(3)) },
        // addmm
        LinearAlgebraErrorCase("addmm shapes (nn.Linear)", "addmm: mat1 and mat2 shapes cannot be multiplied (5x3 and 4x3)") {
            _ = ones(5, 4).addmm(ones(5, 3), ones(4, 3))
        },
        LinearAlgebraErrorCase("addmm input shape",
                               "The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 0.  Target sizes: [5, 4].  Tensor sizes: [3, 4]") {
            _ = ones(3, 4).addmm(ones(5, 3), ones(3, 4))
        },
        LinearAlgebraErrorCase("addmm 3-D input",
                               "expand(torch.FloatTensor{[1, 5, 4]}, size=[5, 4]): the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (3)") {
            _ = ones(1, 5, 4).addmm(ones(5, 3), ones(3, 4))
        },
        LinearAlgebraErrorCase("addmm shapes before input", "addmm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)") {
            _ = ones(3, 3).addmm(ones(2, 3), ones(2, 3))
        },
        LinearAlgebraErrorCase("addmm 1-D mat1", "addmm: self must be a matrix, got 1-D tensor") {
            _ = ones(5, 4).addmm(ones(3), ones(3, 4))
        },
        LinearAlgebraErrorCase("addmm 1-D mat2", "addmm: mat2 must be a matrix, got 1-D tensor") {
            _ = ones(5, 4).addmm(ones(5, 3), ones(3))
        },
        LinearAlgebraErrorCase("addmm dtypes of self and mat2", "self and mat2 must have the same dtype, but got Float and Double") {
            _ = ones(5, 4).addmm(ones(5, 3), ones(3, 4, dtype: .float64))
        },
        LinearAlgebraErrorCase("addmm dtypes of input", "self and mat2 must have the same dtype, but got Double and Float") {
            _ = ones(5, 4, dtype: .float64).addmm(ones(5, 3), ones(3, 4))
        },
        LinearAlgebraErrorCase("addmm dtypes of mat1 (Linear on float64)",
                               "mat1 and mat2 must have the same dtype, but got Double and Float") {
            _ = ones(2, 2).addmm(ones(2, 3, dtype: .float64), ones(3, 2))
        },
        LinearAlgebraErrorCase("addmm bool", .notImplementedError, "\"addmm_impl_cpu_\" not implemented for 'Bool'") {
            _ = ones(2, 2, dtype: .bool).addmm(ones(2, 2, dtype: .bool), ones(2, 2, dtype: .bool))
        },
        // baddbmm
        LinearAlgebraErrorCase("baddbmm input shape",
                               "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 2.  Target sizes: [2, 5, 3].  Tensor sizes: [2, 5, 4]") {
            _ = ones(2, 5, 4).baddbmm(ones(2, 5, 3), ones(2, 4, 3))
        },
        LinearAlgebraErrorCase("baddbmm batch sizes",
                               "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].") {
            _ = ones(2, 5, 4).baddbmm(ones(2, 5, 3), ones(3, 3, 4))
        },
        LinearAlgebraErrorCase("baddbmm 2-D", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = ones(5, 4).baddbmm(ones(5, 3), ones(3, 4))
        },
        LinearAlgebraErrorCase("baddbmm 0-D batch1", .indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = ones(2, 5, 4).baddbmm(Tensor(1.0), ones(2, 3, 4))
        },
        LinearAlgebraErrorCase("baddbmm 4-D batch1", "batch1 must be a 3D tensor") {
            _ = ones(2, 5, 4).baddbmm(ones(2, 5, 3, 1), ones(2, 3, 4))
        },
        LinearAlgebraErrorCase("baddbmm batch dtypes", "expected scalar type Float but found Double") {
            _ = ones(2, 5, 4).baddbmm(ones(2, 5, 3), ones(2, 3, 4, dtype: .float64))
        },
        LinearAlgebraErrorCase("baddbmm input dtype",
                               "Input dtypes must be the same, got: input double, batch1: float, batch2: float") {
            _ = ones(2, 5, 4, dtype: .float64).baddbmm(ones(2, 5, 3), ones(2, 3, 4))
        },
        LinearAlgebraErrorCase("baddbmm integer input dtype",
                               "Input dtypes must be the same, got: input long int, batch1: int, batch2: float") {
            _ = ones(2, 5, 4, dtype: .int64).baddbmm(ones(2, 5, 3, dtype: .int32), ones(2, 3, 4))
        },
        LinearAlgebraErrorCase("baddbmm bool", .notImplementedError, "\"baddbmm\" not implemented for 'Bool'") {
            _ = ones(2, 2, 2, dtype: .bool).baddbmm(ones(2, 2, 2, dtype: .bool), ones(2, 2, 2, dtype: .bool))
        },
    ]
}

@Suite("LinearAlgebra errors")
struct LinearAlgebraErrorTests {
    @Test("thrown inside withErrorCapture", arguments: LinearAlgebraErrorCases.all)
    func captured(_ c: LinearAlgebraErrorCase) { expectCaptured(c) }

    @Test("stop the process with the message", arguments: LinearAlgebraErrorCases.all)
    func stops(_ c: LinearAlgebraErrorCase) async { await expectStops(c, in: LinearAlgebraErrorCases.self) }
}
