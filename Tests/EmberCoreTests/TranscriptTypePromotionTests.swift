// TranscriptTypePromotionTests.swift
//
// Result dtypes: tensor with tensor, 0-dim tensor and Python number across bool, int32, int64,
// float32 and float64, for arithmetic, comparisons, reductions, joins and in-place ops.
//
// Transcript tests (EmberTestSupport's Transcripts.swift): each case is a line of PyTorch, what
// PyTorch 2.15 printed for it, and the same line in Ember, which must print the same. The Python
// lines use `T = torch.tensor` and `nan, inf = float('nan'), float('inf')`, `i32 = lambda v: T(v,
// dtype=torch.int32)` and `f64 = lambda v: T(v, dtype=torch.float64)`; each result printed with its
// dtype.

import Testing
import Ember
import EmberTestSupport

private let nan = Double.nan, inf = Double.infinity
private func T(_ v: [Double]) -> Tensor { Tensor(v) }
private func I(_ v: [Int]) -> Tensor { Tensor(v) }
private func i32(_ v: [Int]) -> Tensor { Tensor(v, dtype: .int32) }
private func f64(_ v: [Double]) -> Tensor { Tensor(v, dtype: .float64) }

/// The tensor and its dtype, as the Python side printed `repr(r) + " " + str(r.dtype)`.
private func transcript(_ name: String, _ pytorch: String, _ printed: String,
                        _ body: @escaping @Sendable () -> Tensor) -> TranscriptCase {
    TranscriptCase(name, pytorch, printed: printed) { let t = body(); return "\(t) \(t.dtype)" }
}

@Suite struct TranscriptTypePromotionTests {
    static let cases: [TranscriptCase] = [
        transcript("i32_plus_big", "i32([1]) + 2**40",
                   "tensor([1], dtype=torch.int32) torch.int32") { i32([1]) + (1 << 40) },
        transcript("i32_plus_0d_i64", "i32([1]) + T(5)",
                   "tensor([6], dtype=torch.int32) torch.int32") { i32([1]) + Tensor(5) },
        transcript("i32_plus_0d_f64", "i32([1]) + T(5.0, dtype=torch.float64)",
                   "tensor([6.], dtype=torch.float64) torch.float64") { i32([1]) + Tensor(5.0, dtype: .float64) },
        transcript("f32_plus_0d_f64", "T([1.0]) + T(5.0, dtype=torch.float64)",
                   "tensor([6.]) torch.float32") { T([1]) + Tensor(5.0, dtype: .float64) },
        transcript("0d_i64_plus_0d_f32", "T(1) + T(2.0)",
                   "tensor(3.) torch.float32") { Tensor(1) + Tensor(2.0) },
        transcript("bool_plus_int_scalar", "T([True]) + 1",
                   "tensor([2]) torch.int64") { Tensor([true]) + 1 },
        transcript("bool_plus_float_scalar", "T([True]) + 1.5",
                   "tensor([2.5000]) torch.float32") { Tensor([true]) + 1.5 },
        transcript("bool_mul_bool", "T([True, False]) * T([True, True])",
                   "tensor([ True, False]) torch.bool") { Tensor([true, false]) * Tensor([true, true]) },
        transcript("i64_div_scalar_int", "T([7, -7]) / 2",
                   "tensor([ 3.5000, -3.5000]) torch.float32") { I([7, -7]) / 2 },
        transcript("i64_floordiv_float", "T([7, -7]) // 2.0",
                   "tensor([ 3., -4.]) torch.float32") { I([7, -7]).floorDivide(2.0) },
        transcript("i32_pow_i64_0d", "i32([2, 3]).pow(T(2))",
                   "tensor([4, 9], dtype=torch.int32) torch.int32") { i32([2, 3]).pow(Tensor(2)) },
        transcript("i64_pow_neg_scalar", "T([2]).pow(-1)",
                   "ERROR: Integers to negative integer powers are not allowed.") { I([2]).pow(-1) },
        transcript("f32_pow_int_tensor", "T([2.0]).pow(T([3]))",
                   "tensor([8.]) torch.float32") { T([2]).pow(I([3])) },
        transcript("scalar_pow_tensor", "2 ** T([1, 2, 3])",
                   "tensor([2, 4, 8]) torch.int64") { Tensor(2).pow(I([1, 2, 3])) },
        transcript("scalar_pow_tensor_f", "2.5 ** T([1, 2])",
                   "tensor([2.5000, 6.2500]) torch.float32") { Tensor(2.5).pow(I([1, 2])) },
        transcript("scalar_sub_tensor", "1 - T([True, False]).int()",
                   "tensor([0, 1], dtype=torch.int32) torch.int32") { 1 - Tensor([true, false]).int() },
        transcript("eq_mixed", "T([1, 2]) == T([1.0, 2.5])",
                   "tensor([ True, False]) torch.bool") { I([1, 2]) .== T([1, 2.5]) },
        transcript("lt_scalar_float_int", "T([1, 2]) < 1.5",
                   "tensor([ True, False]) torch.bool") { I([1, 2]) .< 1.5 },
        transcript("maximum_mixed", "torch.maximum(i32([1, 5]), f64([2.0, 3.0]))",
                   "tensor([2., 5.], dtype=torch.float64) torch.float64") { i32([1, 5]).maximum(f64([2, 3])) },
        transcript("where_i32_scalar", "torch.where(T([True, False]), i32([1, 2]), 5)",
                   "tensor([1, 5], dtype=torch.int32) torch.int32") { Tensor.where(Tensor([true, false]), i32([1, 2]), 5) },
        transcript("where_i32_f_scalar", "torch.where(T([True, False]), i32([1, 2]), 5.5)",
                   "tensor([1.0000, 5.5000]) torch.float32") { Tensor.where(Tensor([true, false]), i32([1, 2]), 5.5) },
        transcript("clamp_int_float", "T([1, 5, 9]).clamp(min=2.5)",
                   "tensor([2.5000, 5.0000, 9.0000]) torch.float32") { I([1, 5, 9]).clamp(min: 2.5) },
        transcript("clamp_int_tensor_float", "T([1, 5, 9]).clamp(max=T([2.5, 2.5, 2.5]))",
                   "tensor([1.0000, 2.5000, 2.5000]) torch.float32") { I([1, 5, 9]).clamp(max: T([2.5, 2.5, 2.5])) },
        transcript("sum_i32", "i32([1, 2]).sum()",
                   "tensor(3) torch.int64") { i32([1, 2]).sum() },
        transcript("sum_i32_dtype", "i32([1, 2]).sum(dtype=torch.float64)",
                   "tensor(3., dtype=torch.float64) torch.float64") { i32([1, 2]).sum(dtype: .float64) },
        transcript("prod_bool", "T([True, True]).prod()",
                   "tensor(1) torch.int64") { Tensor([true, true]).prod() },
        transcript("mean_f64", "f64([1.0, 2.0]).mean()",
                   "tensor(1.5000, dtype=torch.float64) torch.float64") { f64([1, 2]).mean() },
        transcript("cumsum_i32", "i32([1, 2]).cumsum(0)",
                   "tensor([1, 3]) torch.int64") { i32([1, 2]).cumsum(dim: 0) },
        transcript("max_i32", "i32([1, 9, 3]).max()",
                   "tensor(9, dtype=torch.int32) torch.int32") { i32([1, 9, 3]).max() },
        transcript("argmax_bool", "T([False, True, True]).argmax()",
                   "ERROR: argmax(): does not support bool input") { Tensor([false, true, true]).argmax() },
        transcript("abs_i32", "i32([-3, 3]).abs()",
                   "tensor([3, 3], dtype=torch.int32) torch.int32") { i32([-3, 3]).abs() },
        transcript("neg_i64_min", "-T([-(2**63)])",
                   "tensor([-9223372036854775808]) torch.int64") { -I([Int.min]) },
        transcript("sign_int", "T([-5, 0, 5]).sign()",
                   "tensor([-1,  0,  1]) torch.int64") { I([-5, 0, 5]).sign() },
        transcript("sqrt_int", "T([4, 9]).sqrt()",
                   "tensor([2., 3.]) torch.float32") { I([4, 9]).sqrt() },
        transcript("sqrt_i32", "i32([4]).sqrt()",
                   "tensor([2.]) torch.float32") { i32([4]).sqrt() },
        transcript("floor_int", "T([3]).floor()",
                   "tensor([3]) torch.int64") { I([3]).floor() },
        transcript("round_int", "i32([3]).round()",
                   "tensor([3], dtype=torch.int32) torch.int32") { i32([3]).round() },
        transcript("sigmoid_f64", "f64([0.0]).sigmoid()",
                   "tensor([0.5000], dtype=torch.float64) torch.float64") { f64([0]).sigmoid() },
        transcript("relu_int", "T([-1, 2]).relu()",
                   "tensor([0, 2]) torch.int64") { I([-1, 2]).relu() },
        transcript("isnan_int", "T([1]).isnan()",
                   "tensor([False]) torch.bool") { I([1]).isnan() },
        transcript("remainder_scalar_tensor", "torch.remainder(5, T([3, -3]))",
                   "tensor([ 2, -1]) torch.int64") { Tensor(5).remainder(I([3, -3])) },
        transcript("fmod_i32_float", "i32([5]).fmod(2.5)",
                   "tensor([0.]) torch.float32") { i32([5]).fmod(2.5) },
        transcript("atan2_int", "T([1]).atan2(T([1]))",
                   "tensor([0.7854]) torch.float32") { I([1]).atan2(I([1])) },
        transcript("lerp_f64", "torch.lerp(f64([0.0]), f64([10.0]), 0.3)",
                   "tensor([3.], dtype=torch.float64) torch.float64") { f64([0]).lerp(f64([10]), 0.3) },
        transcript("logical_and_int", "torch.logical_and(T([0, 2]), T([3.0, 0.0]))",
                   "tensor([False, False]) torch.bool") { I([0, 2]).logicalAnd(T([3, 0])) },
        transcript("bitwise_xor_bool", "T([True, False]) ^ T([True, True])",
                   "tensor([False,  True]) torch.bool") { Tensor([true, false]).bitwiseXor(Tensor([true, true])) },
        transcript("bitwise_and_int", "T([6, 3]) & T([3, 1])",
                   "tensor([2, 1]) torch.int64") { I([6, 3]).bitwiseAnd(I([3, 1])) },
        transcript("bitwise_or_i32_i64", "i32([4]) | T([1])",
                   "tensor([5]) torch.int64") { i32([4]).bitwiseOr(I([1])) },
        transcript("matmul_i32_i64_err", "torch.matmul(i32([1, 2]), T([1, 2]))",
                   "ERROR: dot : expected both vectors to have same dtype, but found Int and Long") { i32([1, 2]).matmul(I([1, 2])) },
        transcript("mm_f32_f64_err", "torch.ones(2,2).mm(torch.ones(2,2, dtype=torch.float64))",
                   "ERROR: expected m1 and m2 to have the same dtype, but got: float != double") { Tensor.ones(2, 2).mm(Tensor.ones(2, 2, dtype: .float64)) },
        transcript("dot_int", "torch.dot(T([1, 2]), T([3, 4]))",
                   "tensor(11) torch.int64") { I([1, 2]).dot(I([3, 4])) },
        transcript("cat_promote", "torch.cat([T([1]), T([2.5])])",
                   "tensor([1.0000, 2.5000]) torch.float32") { Tensor.cat([I([1]), T([2.5])]) },
        transcript("cat_bool_int", "torch.cat([T([True]), i32([2])])",
                   "tensor([1, 2], dtype=torch.int32) torch.int32") { Tensor.cat([Tensor([true]), i32([2])]) },
        transcript("stack_promote", "torch.stack([i32([1]), f64([2.0])])",
                   "tensor([[1.],\n        [2.]], dtype=torch.float64) torch.float64") { Tensor.stack([i32([1]), f64([2])]) },
        transcript("mul_inplace_int_by_float_err", "T([1]).mul_(2.5)",
                   "ERROR: result type Float can't be cast to the desired output type Long") { I([1]).mul_(2.5) },
        transcript("add_inplace_f32_by_f64", "T([1.0]).add_(f64([2.5]))",
                   "tensor([3.5000]) torch.float32") { T([1]).add_(f64([2.5])) },
        transcript("add_inplace_i32_by_i64", "i32([1]).add_(T([2**33]))",
                   "tensor([1], dtype=torch.int32) torch.int32") { i32([1]).add_(I([1 << 33])) },
        transcript("div_inplace_int_err", "T([4]).div_(2)",
                   "ERROR: result type Float can't be cast to the desired output type Long") { I([4]).div_(2) },
        transcript("floordiv_zero_float", "T([1.0, -1.0, 0.0]) // 0",
                   "tensor([inf, -inf, nan]) torch.float32") { T([1, -1, 0]).floorDivide(0) },
        transcript("remainder_int_zero", "T([1]) % 0",
                   "ERROR: ZeroDivisionError") { I([1]) % 0 },
        transcript("to_int_from_nan", "T([1.7, -1.7]).to(torch.int64)",
                   "tensor([ 1, -1]) torch.int64") { T([1.7, -1.7]).to(.int64) },
        transcript("to_bool", "T([0.0, 0.1, nan]).to(torch.bool)",
                   "tensor([False,  True,  True]) torch.bool") { T([0, 0.1, nan]).to(.bool) },
        transcript("softmax_dtype", "T([1.0, 2.0]).softmax(0, dtype=torch.float64)",
                   "tensor([0.2689, 0.7311], dtype=torch.float64) torch.float64") { T([1, 2]).softmax(dim: 0, dtype: .float64) },
        transcript("mean_int_dtype", "T([1, 2]).mean(dtype=torch.float32)",
                   "tensor(1.5000) torch.float32") { I([1, 2]).mean(dtype: .float32) },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
