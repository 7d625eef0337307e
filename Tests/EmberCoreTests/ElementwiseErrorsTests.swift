// ElementwiseErrorsTests.swift
//
// The failures of the element-wise ops, each seen both ways: as a stopped process whose standard
// error carries PyTorch's message (an exit test, as an uncaught PyTorch exception ends a script),
// and inside `withErrorCapture { }` as a `TensorError` with exactly PyTorch's kind and message.
// Messages are PyTorch 2.15's (from its type promotion and in-place rules), printed by running
// each expression in Python.

import Testing
@testable import EmberCore
import EmberTestSupport

typealias EWErrorCase = OpErrorCase

enum EWErrorCases: OpErrorTable {
    static let mismatch = "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"
    static let cannotGrow = "output with shape [3] doesn't match the broadcast shape [2, 3]"
    static let floatToLong = "result type Float can't be cast to the desired output type Long"
    static let negativePower = "Integers to negative integer powers are not allowed."
    static let boolNegation =
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
    static let boolSubtraction =
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
    static let boolOperandSubtraction =
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
    static let internalOverlap =
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
    static let partialOverlap =
        "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation."
    static let leaf = "a leaf Variable that requires grad is being used in an in-place operation."
    static let viewOfLeaf = "a view of a leaf Variable that requires grad is being used in an in-place operation."

    static let all: [EWErrorCase] = [
        // torch.ones(2,3)+torch.ones(4), and the other ops that broadcast.
        EWErrorCase("shape mismatch +", mismatch) { _ = Tensor.ones(2, 3) + Tensor.ones(4) },
        EWErrorCase("shape mismatch maximum", mismatch) { _ = Tensor.ones(2, 3).maximum(Tensor.ones(4)) },
        EWErrorCase("shape mismatch .==", mismatch) { _ = Tensor.ones(2, 3) .== Tensor.ones(4) },
        EWErrorCase("shape mismatch add_", mismatch) { Tensor.ones(2, 3).add_(Tensor.ones(4)) },
        // torch.ones(3).add_(torch.ones(2,3)): the output cannot grow.
        EWErrorCase("in-place cannot grow add_", cannotGrow) { Tensor.ones(3).add_(Tensor.ones(2, 3)) },
        EWErrorCase("in-place cannot grow +=", cannotGrow) { var a = Tensor.ones(3); a += Tensor.ones(2, 3) },
        EWErrorCase("in-place cannot grow eq_", cannotGrow) { Tensor.ones(3).eq_(Tensor.ones(2, 3)) },
        // int_t.add_(float_t) / int_t.add_(1.5) / int_t /= 2
        EWErrorCase("int add_ float tensor", floatToLong) { Tensor([1, 2]).add_(Tensor([1.5, 2.5])) },
        EWErrorCase("int add_ 1.5", floatToLong) { Tensor([1, 2]).add_(1.5) },
        EWErrorCase("int /= 2", floatToLong) { var a = Tensor([1, 2]); a /= 2 },
        EWErrorCase("int *= float 0-dim", floatToLong) { var a = Tensor([1, 2]); a *= Tensor(0.5) },
        EWErrorCase("int exp_", floatToLong) { Tensor([1, 2]).exp_() },
        EWErrorCase("int32 add_ 1.5", "result type Float can't be cast to the desired output type Int") {
            Tensor([1, 2], dtype: .int32).add_(1.5)
        },
        EWErrorCase("bool add_ 1", "result type Long can't be cast to the desired output type Bool") {
            Tensor([true]).add_(1)
        },
        EWErrorCase("int clamp_ 0.5", "result type Float can't be cast to the desired output type long int") {
            Tensor([1, 2]).clamp_(min: 0.5)
        },
        // int // 0, and the other integer divisions by zero.
        EWErrorCase("int // 0", "ZeroDivisionError") { _ = Tensor([-7, 7]).floorDivide(0) },
        EWErrorCase("int % 0", "ZeroDivisionError") { _ = Tensor([-7, 7]) % 0 },
        EWErrorCase("int fmod 0", "ZeroDivisionError") { _ = Tensor([-7, 7]).fmod(0) },
        EWErrorCase("int // tensor with a zero", "ZeroDivisionError") { _ = Tensor([4, 5]).floorDivide(Tensor([1, 0])) },
        EWErrorCase("5 // 0-dim over tensor with a zero", "ZeroDivisionError") { _ = Tensor(5).floorDivide(Tensor([2, 0])) },
        EWErrorCase("7 % int tensor with a zero", "ZeroDivisionError") { _ = 7 % Tensor([2, 0]) },
        EWErrorCase("int div trunc 0", "ZeroDivisionError") { _ = Tensor([-7]).div(0, roundingMode: "trunc") },
        EWErrorCase("int div floor 0", "ZeroDivisionError") { _ = Tensor([-7]).div(Tensor([0]), roundingMode: "floor") },
        EWErrorCase("int //= 0", "ZeroDivisionError") { Tensor([-7]).floorDivide_(0) },
        // int64 ** -1
        EWErrorCase("int64 ** -1", negativePower) { _ = Tensor([1, 2]).pow(-1) },
        EWErrorCase("int32 ** -2", negativePower) { _ = Tensor([1, 2], dtype: .int32).pow(-2) },
        EWErrorCase("int64 pow_ -1", negativePower) { Tensor([1, 2]).pow_(-1) },
        // -bool_t, bool_t - bool_t, bool_t - 1
        EWErrorCase("-bool", .notImplementedError, boolNegation) { _ = -Tensor([true, false]) },
        EWErrorCase("bool neg()", .notImplementedError, boolNegation) { _ = Tensor([true, false]).neg() },
        EWErrorCase("bool neg_()", .notImplementedError, boolNegation) { Tensor([true, false]).neg_() },
        EWErrorCase("bool - bool", .notImplementedError, boolSubtraction) { _ = Tensor([true]) - Tensor([false]) },
        EWErrorCase("bool sub_ bool", .notImplementedError, boolSubtraction) { Tensor([true]).sub_(Tensor([false])) },
        EWErrorCase("bool - 1", .notImplementedError, boolOperandSubtraction) { _ = Tensor([true]) - 1 },
        EWErrorCase("float - bool", .notImplementedError, boolOperandSubtraction) { _ = Tensor([1.0]) - Tensor([true]) },
        EWErrorCase("int - true", .notImplementedError, boolOperandSubtraction) { _ = Tensor([1]) - true },
        // Writing into an expanded tensor.
        EWErrorCase("expanded add_", internalOverlap) { Tensor.ones(3).expand(2, 3).add_(1) },
        EWErrorCase("expanded +=", internalOverlap) { var e = Tensor.ones(3, 1).expand(3, 3); e += Tensor.ones(3, 3) },
        EWErrorCase("expanded exp_", internalOverlap) { Tensor.ones(3).expand(2, 3).exp_() },
        EWErrorCase("expanded clamp_", internalOverlap) { Tensor.ones(1).expand(3).clamp_(min: 0) },
        EWErrorCase("expanded transposed mul_", internalOverlap) { Tensor.ones(3, 1).expand(3, 3).t().mul_(2) },
        EWErrorCase("partial overlap", partialOverlap) {
            let y = Tensor.arange(4.0)
            y.narrow(dim: 0, start: 1, length: 3).add_(y.narrow(dim: 0, start: 0, length: 3))
        },
        // A leaf requiring grad, and a view of it, written in place.
        EWErrorCase("leaf add_", leaf) { Tensor.ones(3, requiresGrad: true).add_(1) },
        EWErrorCase("leaf mul_", leaf) { Tensor.ones(3, requiresGrad: true).mul_(2) },
        EWErrorCase("leaf +=", leaf) { var x = Tensor.ones(3, requiresGrad: true); x += 1 },
        EWErrorCase("leaf exp_", leaf) { Tensor.ones(3, requiresGrad: true).exp_() },
        EWErrorCase("leaf clamp_", leaf) { Tensor.ones(3, requiresGrad: true).clamp_(min: 0) },
        EWErrorCase("view of leaf add_", viewOfLeaf) { Tensor.ones(3, requiresGrad: true).narrow(dim: 0, start: 0, length: 1).add_(1) },
        // Arguments.
        EWErrorCase("int alpha float", "For integral input tensors, argument alpha must not be a floating point number.") {
            _ = Tensor([1, 2]).add(1, alpha: 2.5)
        },
        EWErrorCase("bool alpha", "Boolean alpha only supported for Boolean results.") {
            _ = Tensor([1.0, 2.0]).add(1, alpha: true)
        },
        EWErrorCase("rounding mode", "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'") {
            _ = Tensor.ones(2).div(2, roundingMode: "round")
        },
        EWErrorCase("clamp without bounds", "torch.clamp: At least one of 'min' or 'max' must not be None") {
            _ = Tensor.ones(2).clamp()
        },
        EWErrorCase("gelu approximate", "approximate argument must be either none or tanh.") {
            _ = Tensor.ones(2).gelu(approximate: "foo")
        },
        // Kernels PyTorch does not have for the dtype.
        EWErrorCase("bool // bool", .notImplementedError, "\"div_floor_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true]).floorDivide(Tensor([true]))
        },
        EWErrorCase("float bitwiseAnd", .notImplementedError, "\"bitwise_and_cpu\" not implemented for 'Float'") {
            _ = Tensor([1.0]).bitwiseAnd(Tensor([1.0]))
        },
        EWErrorCase("int silu", .notImplementedError, "\"silu_cpu\" not implemented for 'Long'") { _ = Tensor([1]).silu() },
        EWErrorCase("bool relu", .notImplementedError, "Boolean inputs not supported for relu") { _ = Tensor([true]).relu() },
    ]
}

@Suite struct ElementwiseErrorsTests {
    /// Inside `withErrorCapture`: PyTorch's exception kind and exact message.
    @Test(arguments: EWErrorCases.all)
    func captured(_ c: EWErrorCase) { expectCaptured(c) }

    /// Outside: the process stops, and its standard error carries the message.
    @Test(arguments: EWErrorCases.all)
    func stops(_ c: EWErrorCase) async { await expectStops(c, in: EWErrorCases.self) }

    /// A failed in-place op leaves the target and its version alone.
    @Test func failureWritesNothing() {
        let a = Tensor([1, 2])
        expectTensorError(.runtimeError, EWErrorCases.floatToLong) { a.add_(1.5) }
        expectTensorError(.runtimeError, "ZeroDivisionError") { a.floorDivide_(0) }
        expectInts(a, shape: [2], [1, 2], dtype: .int64)
        #expect(a.version == 0)
        let e = Tensor.ones(3).expand(2, 3)
        expectTensorError(.runtimeError, EWErrorCases.internalOverlap) { e.add_(1) }
        #expect(e.version == 0)
        #expect(e.scalars(as: Double.self) == [1, 1, 1, 1, 1, 1])
    }

    /// In-place ops on a leaf that requires grad are allowed under `withNoGrad`, and bump the version.
    @Test func leafInPlaceUnderNoGrad() throws {
        var x = Tensor.ones(3, requiresGrad: true)
        try withErrorCapture {
            withNoGrad {
                x.add_(1)
                x *= 2
                x.narrow(dim: 0, start: 0, length: 1).clamp_(max: 3)
            }
        }
        ewExpect(x, shape: [3], dtype: .float32, [3, 4, 4])
        #expect(x.version == 3)
        #expect(x.requiresGrad && x.isLeaf)
    }

    /// `tensor([-7]) // 2 == -4` (floor); `rounding_mode='trunc'` gives -3; `int / 0` is inf.
    @Test func integerDivision() throws {
        try withErrorCapture {
            expectInts(Tensor([-7]).floorDivide(2), shape: [1], [-4], dtype: .int64)
            expectInts(Tensor([-7]).div(2, roundingMode: "floor"), shape: [1], [-4], dtype: .int64)
            expectInts(Tensor([-7]).div(2, roundingMode: "trunc"), shape: [1], [-3], dtype: .int64)
            ewExpect(Tensor([-7, 0, 7]) / 0, shape: [3], dtype: .float32, [-.infinity, .nan, .infinity])
            ewExpect(Tensor([-7.0]).floorDivide(0), shape: [1], dtype: .float32, [-.infinity])
        }
    }
}
