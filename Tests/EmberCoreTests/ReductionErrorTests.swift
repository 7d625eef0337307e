// ReductionErrorTests.swift
//
// Every reduction failure, with PyTorch 2's exception type and exact message (printed by
// PyTorch from the same expressions in Python), checked both inside
// `withErrorCapture` and, for a sample, as a stopped process (exit tests).

import Testing
import Ember
import EmberTestSupport

typealias ReductionErrorCase = OpErrorCase

enum ReductionErrorCases: OpErrorTable {
    static func x() -> Tensor { Tensor.arange(6.0).reshape(2, 3) }
    static func i() -> Tensor { Tensor.arange(6).reshape(2, 3) }
    static let noIdentity = "Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."

    static let all: [ReductionErrorCase] = [
        // Dims out of range or repeated.
        ReductionErrorCase("sum(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().sum(dim: 2) },
        ReductionErrorCase("sum(dim: -3)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got -3)") { _ = x().sum(dim: -3) },
        ReductionErrorCase("0-dim sum(dim: 1)", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") { _ = Tensor(5.0).sum(dim: 1) },
        ReductionErrorCase("mean(dims: [0, 5])", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 5)") { _ = x().mean(dims: [0, 5]) },
        ReductionErrorCase("max(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().max(dim: 2) },
        ReductionErrorCase("amax(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().amax(dim: 2) },
        ReductionErrorCase("argmax(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().argmax(dim: 2) },
        ReductionErrorCase("cumsum(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().cumsum(dim: 2) },
        ReductionErrorCase("softmax(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().softmax(dim: 2) },
        ReductionErrorCase("var(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().var(dim: 2) },
        ReductionErrorCase("countNonzero(dim: 2)", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x().countNonzero(dim: 2) },
        ReductionErrorCase("sum(dims: [0, 0])", .runtimeError, "dim 0 appears multiple times in the list of dims") { _ = x().sum(dims: [0, 0]) },
        ReductionErrorCase("sum(dims: [0, -2])", .runtimeError, "dim 0 appears multiple times in the list of dims") { _ = x().sum(dims: [0, -2]) },
        ReductionErrorCase("amax(dims: [1, -1])", .runtimeError, "dim 1 appears multiple times in the list of dims") { _ = x().amax(dims: [1, -1]) },
        ReductionErrorCase("var(dims: [0, 0])", .runtimeError, "dim 0 appears multiple times in the list of dims") { _ = x().var(dims: [0, 0]) },
        ReductionErrorCase("any(dims: [0, 0])", .runtimeError, "dim 0 appears multiple times in the list of dims") { _ = x().any(dims: [0, 0]) },
        ReductionErrorCase("logsumexp(dims: [0, 0])", .runtimeError, "dim 0 appears multiple times in the list of dims") { _ = x().logsumexp(dims: [0, 0]) },
        ReductionErrorCase("norm(dims: [0, 0])", .runtimeError, "dim 0 appears multiple times in the list of dims") { _ = x().norm(dims: [0, 0]) },
        ReductionErrorCase("countNonzero(dims: [0, 0])", .runtimeError, "dim 0 appears multiple times in the list of dims") { _ = x().countNonzero(dims: [0, 0]) },
        // Dtypes.
        ReductionErrorCase("int64 mean", .notImplementedError, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long") { _ = i().mean() },
        ReductionErrorCase("int64 mean(dim: 0)", .notImplementedError, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long") { _ = i().mean(dim: 0) },
        ReductionErrorCase("int32 mean", .notImplementedError, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Int") { _ = i().int().mean() },
        ReductionErrorCase("bool mean", .notImplementedError, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Bool") { _ = Tensor([true]).mean() },
        ReductionErrorCase("mean(dtype: .int64)", .notImplementedError, "mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: Long") { _ = x().mean(dtype: .int64) },
        ReductionErrorCase("int64 var", .notImplementedError, "std and var only support floating point and complex dtypes") { _ = i().var() },
        ReductionErrorCase("bool std", .notImplementedError, "std and var only support floating point and complex dtypes") { _ = i().bool().std(dim: 0) },
        ReductionErrorCase("int64 norm", .notImplementedError, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long") { _ = i().norm() },
        ReductionErrorCase("int32 norm", .notImplementedError, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Int") { _ = i().int().norm(dim: 0) },
        ReductionErrorCase("int64 softmax(dim: 1)", .notImplementedError, "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'") { _ = i().softmax(dim: 1) },
        ReductionErrorCase("int64 softmax(dim: 0)", .notImplementedError, "\"softmax_kernel_impl\" not implemented for 'Long'") { _ = i().softmax(dim: 0) },
        ReductionErrorCase("int64 1-D softmax", .notImplementedError, "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'") { _ = i()[0].softmax(dim: 0) },
        ReductionErrorCase("int64 logSoftmax(dim: -1)", .notImplementedError, "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'") { _ = i().logSoftmax(dim: -1) },
        ReductionErrorCase("bool softmax(dim: 0)", .notImplementedError, "\"softmax_kernel_impl\" not implemented for 'Bool'") { _ = i().bool().softmax(dim: 0) },
        ReductionErrorCase("int32 softmax(dim: 1)", .notImplementedError, "\"softmax_lastdim_kernel_impl\" not implemented for 'Int'") { _ = i().int().softmax(dim: 1) },
        ReductionErrorCase("softmax(dtype: .int64)", .notImplementedError, "\"softmax_kernel_impl\" not implemented for 'Long'") { _ = x().softmax(dim: 0, dtype: .int64) },
        ReductionErrorCase("bool argmax", .notImplementedError, "argmax(): does not support bool input") { _ = i().bool().argmax() },
        ReductionErrorCase("bool argmin", .notImplementedError, "argmin(): does not support bool input") { _ = i().bool().argmin(dim: 0) },
        ReductionErrorCase("cumsum(dtype: .bool)", .notImplementedError, "\"cumsum_out_cpu\" not implemented for 'Bool'") { _ = x().cumsum(dim: 0, dtype: .bool) },
        ReductionErrorCase("cumprod(dtype: .bool)", .notImplementedError, "\"cumprod_out_cpu\" not implemented for 'Bool'") { _ = i().cumprod(dim: 0, dtype: .bool) },
        // Reductions without an identity over no elements.
        ReductionErrorCase("empty max", .runtimeError, "max(): " + noIdentity) { _ = Tensor.zeros(0).max() },
        ReductionErrorCase("empty min", .runtimeError, "min(): " + noIdentity) { _ = Tensor.zeros(0).min() },
        ReductionErrorCase("empty amax", .runtimeError, "amax(): " + noIdentity) { _ = Tensor.zeros(2, 0).amax() },
        ReductionErrorCase("empty amin", .runtimeError, "amin(): " + noIdentity) { _ = Tensor.zeros(0).amin() },
        ReductionErrorCase("empty argmax", .indexError, "argmax(): Expected reduction dim to be specified for input.numel() == 0.") { _ = Tensor.zeros(0, 3).argmax() },
        ReductionErrorCase("empty argmin", .indexError, "argmin(): Expected reduction dim to be specified for input.numel() == 0.") { _ = Tensor.zeros(0).argmin() },
        ReductionErrorCase("max(dim: 1) of [2, 0, 3]", .indexError, "max(): Expected reduction dim 1 to have non-zero size.") { _ = Tensor.zeros(2, 0, 3).max(dim: 1) },
        ReductionErrorCase("min(dim: 0) of [0, 3]", .indexError, "min(): Expected reduction dim 0 to have non-zero size.") { _ = Tensor.zeros(0, 3).min(dim: 0) },
        ReductionErrorCase("amax(dims: [0, 1]) of [2, 0]", .indexError, "amax(): Expected reduction dim 1 to have non-zero size.") { _ = Tensor.zeros(2, 0).amax(dims: [0, 1]) },
        ReductionErrorCase("amin(dim: 1) of [2, 0]", .indexError, "amin(): Expected reduction dim 1 to have non-zero size.") { _ = Tensor.zeros(2, 0).amin(dim: 1) },
        ReductionErrorCase("argmin(dim: 0) of [0, 3]", .indexError, "argmin(): Expected reduction dim 0 to have non-zero size.") { _ = Tensor.zeros(0, 3).argmin(dim: 0) },
        ReductionErrorCase("argmax(dim: 1) of [2, 0, 3]", .indexError, "argmax(): Expected reduction dim 1 to have non-zero size.") { _ = Tensor.zeros(2, 0, 3).argmax(dim: 1) },
        ReductionErrorCase("empty norm(.infinity)", .runtimeError, "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity") { _ = Tensor.zeros(0, 3).norm(.infinity) },
        ReductionErrorCase("empty norm(.negativeInfinity)", .runtimeError, "linalg.vector_norm cannot compute the -inf norm on an empty tensor because the operation does not have an identity") { _ = Tensor.zeros(0).norm(.negativeInfinity) },
        ReductionErrorCase("empty norm(-1)", .runtimeError, "linalg.vector_norm cannot compute the -1 norm on an empty tensor because the operation does not have an identity") { _ = Tensor.zeros(0).norm(-1) },
        ReductionErrorCase("empty norm(-1.5)", .runtimeError, "linalg.vector_norm cannot compute the -1.5 norm on an empty tensor because the operation does not have an identity") { _ = Tensor.zeros(0).norm(-1.5) },
        ReductionErrorCase("norm(-2, dim: 1) of [2, 0]", .runtimeError, "linalg.vector_norm cannot compute the -2 norm on the dimension 1because this dimension is empty and the operation does not have an identity") { _ = Tensor.zeros(2, 0).norm(-2, dim: 1) },
        ReductionErrorCase("norm(.infinity, dims: [0, 1]) of [2, 0]", .runtimeError, "linalg.vector_norm cannot compute the inf norm on the dimension 1because this dimension is empty and the operation does not have an identity") { _ = Tensor.zeros(2, 0).norm(.infinity, dims: [0, 1]) },
        ReductionErrorCase("norm(.fro) over 3 dims", .runtimeError, "linalg.matrix_norm: dim must be a 2-tuple. Got 0 1 2") { _ = Tensor.ones(2, 2, 2).norm(.fro, dims: [0, 1, 2]) },
    ]

    /// The cases also run as stopped processes (each exit test starts a process).
    static let exitTested = [
        "sum(dim: 2)", "sum(dims: [0, 0])", "int64 mean", "bool argmax", "empty max", "empty argmax",
        "max(dim: 1) of [2, 0, 3]", "int64 softmax(dim: 1)", "norm(-2, dim: 1) of [2, 0]", "int64 var",
    ]
}

@Suite struct ReductionErrorTests {
    @Test(arguments: ReductionErrorCases.all)
    func capturedWithPyTorchMessage(_ c: ReductionErrorCase) { expectCaptured(c) }

    @Test(arguments: ReductionErrorCases.exitTested)
    func stopsWithPyTorchMessage(_ name: String) async {
        await expectStops(ReductionErrorCases.named(name), in: ReductionErrorCases.self)
    }

    @Test func failedReductionsReturnPlaceholdersInsideACaptureScope() {
        // After the first failure the scope runs on with placeholders and throws that failure.
        let error = capturedError {
            let (values, indices) = Tensor.zeros(0, 3).max(dim: 0)
            _ = values.sum() + indices.sum()
            _ = Tensor.arange(3).mean()
        }
        #expect(error?.message == "max(): Expected reduction dim 0 to have non-zero size.")
        expectNoTensorError { _ = Tensor.zeros(2, 0).max(dim: 0) }
    }
}
