// BitwiseShiftTests.swift
//
// bitwise_left_shift / bitwise_right_shift, the bitwise operators, and a number on the left of
// floor_divide and the bitwise ops, against what PyTorch 2.15 printed:
//
//     import torch
//     a = torch.tensor([1, -1, 5, -8, 7, 1, 3]); s = torch.tensor([0, 1, 2, 63, 64, 65, -1])
//     print(torch.bitwise_left_shift(a, s).tolist(), torch.bitwise_right_shift(a, s).tolist())
//     s32 = torch.tensor([0, 1, 2, 31, 32, 33, -1], dtype=torch.int32)
//     print(torch.bitwise_left_shift(a.int(), s32).tolist(), torch.bitwise_right_shift(a.int(), s32).tolist())
//     print(torch.bitwise_right_shift(torch.tensor([-8, 8]), torch.tensor([100, -100])).tolist())    # [-1, 0]
//     print((a << 2).tolist(), (a >> 2).tolist(), torch.bitwise_left_shift(a.int(), 40).tolist())
//     print(torch.bitwise_left_shift(3, a.int().abs()).dtype, torch.bitwise_right_shift(-100, torch.tensor([1, 2])).tolist())
//     print(5 << torch.tensor([1, 2]), 5 >> torch.tensor([1, 2]), 5 & torch.tensor([1, 4]), 5 | torch.tensor([1, 2]),
//           5 ^ torch.tensor([1, 2]), True & torch.tensor([True, False]), 5 & torch.tensor([True, False]))
//     print(5 // torch.tensor([2, -3]), 5.5 // torch.tensor([2, -3]), 5 // torch.tensor([2., -3, 0.]))
//     5 // torch.tensor([0])                       # RuntimeError: ZeroDivisionError
//     torch.tensor([1., 2]) << 1                   # NotImplementedError: "lshift_cpu" not implemented for 'Float'
//     torch.bitwise_right_shift(torch.tensor([True]), torch.tensor([True]))   # "rshift_cpu" not implemented for 'Bool'
//     5.0 & torch.tensor([1, 2])                   # NotImplementedError: "bitwise_and_cpu" not implemented for 'Float'
//     x = torch.tensor([1., 2., -0.7], requires_grad=True); r = 5 // x
//     print(r.grad_fn.name(), r.tolist()); r.sum().backward()   # derivative for aten::floor_divide is not implemented

import Testing
import Ember
import EmberTestSupport

@Suite struct BitwiseShiftTests {
    @Test func shiftCountsOutsideTheWidth() {
        let a = Tensor([1, -1, 5, -8, 7, 1, 3])
        let s = Tensor([0, 1, 2, 63, 64, 65, -1])
        expectInts(a.bitwiseLeftShift(s), shape: [7], [1, -2, 20, 0, 0, 0, 0], dtype: .int64)
        expectInts(a.bitwiseRightShift(s), shape: [7], [1, -1, 1, -1, 0, 0, 0], dtype: .int64)
        let a32 = Tensor([1, -1, 5, -8, 7, 1, 3], dtype: .int32)
        let s32 = Tensor([0, 1, 2, 31, 32, 33, -1], dtype: .int32)
        expectInts(a32.bitwiseLeftShift(s32), shape: [7], [1, -2, 20, 0, 0, 0, 0], dtype: .int32)
        expectInts(a32.bitwiseRightShift(s32), shape: [7], [1, -1, 1, -1, 0, 0, 0], dtype: .int32)
        expectInts(a32.bitwiseLeftShift(s), shape: [7], [1, -2, 20, 0, 0, 0, 0], dtype: .int64)
        expectInts(Tensor([-8, 8]).bitwiseLeftShift(Tensor([100, -100])), shape: [2], [0, 0], dtype: .int64)
        expectInts(Tensor([-8, 8]).bitwiseRightShift(Tensor([100, -100])), shape: [2], [-1, 0], dtype: .int64)
        expectInts(Tensor([-8, -1, 7]).bitwiseRightShift(Tensor([-1, 70, 70])), shape: [3], [-1, -1, 0], dtype: .int64)
    }

    @Test func numbersAndOperators() {
        let a = Tensor([1, -1, 5, -8, 7, 1, 3])
        expectInts(a.bitwiseLeftShift(3), shape: [7], [8, -8, 40, -64, 56, 8, 24], dtype: .int64)
        expectInts(a << 2, shape: [7], [4, -4, 20, -32, 28, 4, 12], dtype: .int64)
        expectInts(a >> 2, shape: [7], [0, -1, 1, -2, 1, 0, 0], dtype: .int64)
        expectInts(Tensor([1, -1, 5], dtype: .int32).bitwiseLeftShift(40), shape: [3], [0, 0, 0], dtype: .int32)
        expectInts(Tensor([true, false]).bitwiseLeftShift(3), shape: [2], [8, 0], dtype: .int64)
        expectInts(Tensor.bitwiseLeftShift(3, Tensor([1, 1, 5], dtype: .int32)), shape: [3], [6, 6, 96], dtype: .int32)
        expectInts(Tensor.bitwiseRightShift(-100, Tensor([1, 2])), shape: [2], [-50, -25], dtype: .int64)
        expectInts(5 << Tensor([1, 2]), shape: [2], [10, 20], dtype: .int64)
        expectInts(5 >> Tensor([1, 2]), shape: [2], [2, 1], dtype: .int64)
        expectInts(5 & Tensor([1, 4]), shape: [2], [1, 4], dtype: .int64)
        expectInts(5 | Tensor([1, 2]), shape: [2], [5, 7], dtype: .int64)
        expectInts(5 ^ Tensor([1, 2]), shape: [2], [4, 7], dtype: .int64)
        expectBools(true & Tensor([true, false]), shape: [2], [true, false])
        expectInts(5 & Tensor([true, false]), shape: [2], [1, 0], dtype: .int64)
        expectInts(Tensor([1, 4]) & Tensor([3, 6]), shape: [2], [1, 4], dtype: .int64)
        expectInts(Tensor([1, 4]) | 2, shape: [2], [3, 6], dtype: .int64)
        expectInts(Tensor([1, 4]) ^ Tensor([3, 6]), shape: [2], [2, 2], dtype: .int64)
        expectInts(Tensor.bitwiseAnd(6, Tensor([3])), shape: [1], [2], dtype: .int64)
        expectInts(Tensor.bitwiseOr(6, Tensor([3])), shape: [1], [7], dtype: .int64)
        expectInts(Tensor.bitwiseXor(6, Tensor([3])), shape: [1], [5], dtype: .int64)
        #expect((Tensor.zeros(0, dtype: .int64) << 2).shape == [0])
        // Non-contiguous operands.
        expectInts(Tensor([[1, 2], [3, 4]]).t() << Tensor([1, 2]), shape: [2, 2], [2, 12, 4, 16], dtype: .int64)
    }

    @Test func inPlace() {
        expectInts(Tensor([1, 2]).bitwiseLeftShift_(Tensor([1, 2])), shape: [2], [2, 8], dtype: .int64)
        expectInts(Tensor([8, 16]).bitwiseRightShift_(2), shape: [2], [2, 4], dtype: .int64)
        expectInts(Tensor([1, 2], dtype: .int32).bitwiseLeftShift_(Tensor([1, 2])), shape: [2], [2, 8], dtype: .int32)
        var t = Tensor([1, 2])
        t <<= 2
        expectInts(t, shape: [2], [4, 8], dtype: .int64)
        t >>= 1
        expectInts(t, shape: [2], [2, 4], dtype: .int64)
        t &= 6
        expectInts(t, shape: [2], [2, 4], dtype: .int64)
        t |= Tensor([1, 1])
        expectInts(t, shape: [2], [3, 5], dtype: .int64)
        t ^= 1
        expectInts(t, shape: [2], [2, 4], dtype: .int64)
    }

    @Test func floorDivideWithANumberOnTheLeft() throws {
        expectInts(Tensor.floorDivide(5, Tensor([2, -3])), shape: [2], [2, -2], dtype: .int64)
        expectFloats(Tensor.floorDivide(5.5, Tensor([2, -3])), shape: [2], [2, -2])
        expectFloats(Tensor.floorDivide(5, Tensor([2.0, -3, 0])), shape: [3], [2, -2, .infinity])
        expectTensorError(.runtimeError, "ZeroDivisionError") { _ = Tensor.floorDivide(5, Tensor([0])) }
        let x = Tensor([1.0, 2.0, -0.7], requiresGrad: true)
        let r = Tensor.floorDivide(5, x)
        #expect(r.gradFn?.name == "torch::autograd::NotImplemented")
        #expect(r.gradFn?.nextFunctions.count == 1)
        expectFloats(r, shape: [3], [5, 2, -8])
        #expect(throws: TensorError.runtime("derivative for aten::floor_divide is not implemented")) { try r.sum().backward() }
    }

    @Test func errors() {
        expectTensorError(.notImplementedError, "\"lshift_cpu\" not implemented for 'Float'") { _ = Tensor([1.0, 2]) << 1 }
        expectTensorError(.notImplementedError, "\"rshift_cpu\" not implemented for 'Float'") { _ = Tensor([1.0, 2]) >> 1 }
        expectTensorError(.notImplementedError, "\"lshift_cpu\" not implemented for 'Float'") { _ = 5 << Tensor([1.0, 2]) }
        expectTensorError(.notImplementedError, "\"lshift_cpu\" not implemented for 'Float'") {
            _ = Tensor([1.0, 2]).bitwiseLeftShift(Tensor([1, 2]))
        }
        expectTensorError(.notImplementedError, "\"lshift_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true, false]).bitwiseLeftShift(Tensor([true, true]))
        }
        expectTensorError(.notImplementedError, "\"rshift_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true, false]).bitwiseRightShift(Tensor([true, true]))
        }
        expectTensorError(.notImplementedError, "\"lshift_cpu\" not implemented for 'Float'") { Tensor([1.0, 2]).bitwiseLeftShift_(1) }
        expectTensorError(.notImplementedError, "\"lshift_cpu\" not implemented for 'Float'") { _ = Tensor.bitwiseLeftShift(2.5, Tensor([1, 2])) }
        expectTensorError(.notImplementedError, "\"bitwise_and_cpu\" not implemented for 'Float'") { _ = 5.0 & Tensor([1, 2]) }
        expectTensorError(.notImplementedError, "\"bitwise_and_cpu\" not implemented for 'Float'") { _ = Tensor([1, 2]) & 5.0 }
    }
}
