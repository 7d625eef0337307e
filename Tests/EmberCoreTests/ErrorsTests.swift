// ErrorsTests.swift
//
// Every stopping error reachable in the foundation, checked two ways:
//
// - the exit test: outside `withErrorCapture` the failure stops the process, and its standard
//   error holds PyTorch's message;
// - the captured form: inside `withErrorCapture` the failure is thrown as a `TensorError` whose
//   `message` is PyTorch's text exactly and whose `kind` is the Python exception type.
//
// Messages were printed by PyTorch 2.15 (`str(exception)`, without the `RuntimeError: ` prefix).
// Cases where Ember's text or behaviour differs from PyTorch's are in `ErrorCases.knownBugs`,
// each with a description, and run as known issues.

import Testing
import Ember
import EmberTestSupport

typealias ErrorCase = OpErrorCase

/// `torch.arange(12.).reshape(3,4)`.
private func b34() -> Tensor { Tensor.arange(12.0).reshape(3, 4) }

private let noDriver =
    "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"
private let deviceTypes =
    "cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone"
private let internalOverlap =
    "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
private let partialOverlap =
    "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation."

enum ErrorCases: OpErrorTable {
    static let matching: [ErrorCase] = [
        // MARK: Views
        ErrorCase("view of a transpose",
            "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
        ) { _ = b34().t().view(12) },
        ErrorCase("view(-1) of a transpose",
            "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
        ) { _ = b34().t().view(-1) },
        ErrorCase("view(5, 3)", "shape '[5, 3]' is invalid for input of size 12") { _ = b34().view(5, 3) },
        ErrorCase("reshape(5, 3)", "shape '[5, 3]' is invalid for input of size 12") { _ = b34().reshape(5, 3) },
        ErrorCase("view(as:) of (5, 3)", "shape '[5, 3]' is invalid for input of size 12") {
            _ = b34().view(as: Tensor.zeros(5, 3))
        },
        ErrorCase("view(-1, 5)", "shape '[-1, 5]' is invalid for input of size 12") { _ = b34().view(-1, 5) },
        ErrorCase("view(-1, -1)", "only one dimension can be inferred") { _ = b34().view(-1, -1) },
        ErrorCase("reshape(-1, -1)", "only one dimension can be inferred") { _ = b34().reshape(-1, -1) },
        ErrorCase("0-dim view(2)", "shape '[2]' is invalid for input of size 1") { _ = Tensor(1.0).view(2) },
        ErrorCase("view(-1, 0) of 0 elements",
            "cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified dimension size -1 can be any value and is ambiguous"
        ) { _ = Tensor.ones(0, 3).view(-1, 0) },
        ErrorCase("expand(4, 3) of (2, 3)",
            "The expanded size of the tensor (4) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [4, 3].  Tensor sizes: [2, 3]"
        ) { _ = Tensor.ones(2, 3).expand(4, 3) },
        ErrorCase("expand(as:) of (4, 3)",
            "The expanded size of the tensor (4) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [4, 3].  Tensor sizes: [2, 3]"
        ) { _ = Tensor.ones(2, 3).expand(as: Tensor.ones(4, 3)) },
        // PyTorch walks the dims from the last: with several mismatches it names the last one.
        ErrorCase("expand(4, 5) of (2, 3)",
            "The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [4, 5].  Tensor sizes: [2, 3]"
        ) { _ = Tensor.ones(2, 3).expand(4, 5) },
        ErrorCase("expand(-1, 3, 3) of (2, 3)",
            "The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 1.  Target sizes: [-1, 3, 3].  Tensor sizes: [2, 3]"
        ) { _ = Tensor.ones(2, 3).expand(-1, 3, 3) },
        ErrorCase("expand(-1, 2, 3) of (2, 3)",
            "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0"
        ) { _ = Tensor.ones(2, 3).expand(-1, 2, 3) },
        ErrorCase("(2, 3) + (3, 2)",
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"
        ) { _ = Tensor.ones(2, 3) + Tensor.ones(3, 2) },
        ErrorCase("(2, 3, 4) + (3, 1, 5)",
            "The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 2"
        ) { _ = Tensor.ones(2, 3, 4) + Tensor.ones(3, 1, 5) },
        ErrorCase("expand(3) of (2, 3)",
            "expand(torch.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)"
        ) { _ = Tensor.ones(2, 3).expand(3) },
        ErrorCase("expand(3) of int64 (2, 3)",
            "expand(torch.LongTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)"
        ) { _ = Tensor.ones(2, 3, dtype: .int64).expand(3) },
        ErrorCase("expand(-1, 2, 3)",
            "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0"
        ) { _ = Tensor.ones(2, 3).expand(-1, 2, 3) },
        ErrorCase("transpose(0, 2) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).transpose(0, 2) },
        ErrorCase("transpose(0, 1) of 0-D", .indexError,
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)"
        ) { _ = Tensor(1.0).transpose(0, 1) },
        ErrorCase("t() of 3-D", "t() expects a tensor with <= 2 dimensions, but self is 3D") {
            _ = Tensor.ones(2, 3, 4).t()
        },
        ErrorCase("mT of 1-D", "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.") {
            _ = Tensor.ones(3).mT
        },
        ErrorCase("narrow past the end", "start (2) + length (2) exceeds dimension size (3).") {
            _ = Tensor.ones(2, 3).narrow(dim: 1, start: 2, length: 2)
        },
        ErrorCase("narrow start 4", .indexError,
            "start out of range (expected to be in range of [-3, 3], but got 4)"
        ) { _ = Tensor.ones(2, 3).narrow(dim: 1, start: 4, length: 0) },
        ErrorCase("narrow start -4", .indexError,
            "start out of range (expected to be in range of [-3, 3], but got -4)"
        ) { _ = Tensor.ones(2, 3).narrow(dim: 1, start: -4, length: 1) },
        ErrorCase("narrow negative length", "narrow(): length must be non-negative.") {
            _ = Tensor.ones(2, 3).narrow(dim: 1, start: 0, length: -1)
        },
        ErrorCase("narrow of 0-D", "narrow() cannot be applied to a 0-dim tensor.") {
            _ = Tensor(1.0).narrow(dim: 0, start: 0, length: 1)
        },
        ErrorCase("narrow dim 2 of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).narrow(dim: 2, start: 0, length: 1) },
        ErrorCase("select index 3", .indexError,
            "select(): index 3 out of range for tensor of size [2, 3] at dimension 1"
        ) { _ = Tensor.ones(2, 3).select(dim: 1, index: 3) },
        ErrorCase("select index -3", .indexError,
            "select(): index -3 out of range for tensor of size [2, 3] at dimension 0"
        ) { _ = Tensor.ones(2, 3).select(dim: 0, index: -3) },
        ErrorCase("select of 0-D", .indexError, "select() cannot be applied to a 0-dim tensor.") {
            _ = Tensor(1.0).select(dim: 0, index: 0)
        },
        ErrorCase("select dim 2 of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).select(dim: 2, index: 0) },
        ErrorCase("asStrided (10,) of 9",
            "setStorage: sizes [10], strides [1], storage offset 0, and itemsize 4 requiring a storage size of 40 are out of bounds for storage of size 36"
        ) { _ = Tensor.arange(9.0).asStrided([10], [1]) },
        ErrorCase("asStrided (3, 3) offset 1 of 9",
            "setStorage: sizes [3, 3], strides [3, 1], storage offset 1, and itemsize 4 requiring a storage size of 40 are out of bounds for storage of size 36"
        ) { _ = Tensor.arange(9.0).asStrided([3, 3], [3, 1], storageOffset: 1) },
        ErrorCase("asStrided negative stride",
            "as_strided: Negative strides are not supported at the moment, got strides: [-1]"
        ) { _ = Tensor.arange(9.0).asStrided([3], [-1]) },
        ErrorCase("asStrided rank mismatch", "mismatch in length of strides and shape") {
            _ = Tensor.arange(9.0).asStrided([3, 3], [1])
        },
        ErrorCase("asStrided negative offset", "Tensor: invalid storage offset -1") {
            _ = Tensor.arange(9.0).asStrided([1], [1], storageOffset: -1)
        },
        ErrorCase("permute(0) of 2-D",
            "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1"
        ) { _ = Tensor.ones(2, 3).permute(0) },
        ErrorCase("permute(0, 0)", "permute(): duplicate dims are not allowed.") { _ = Tensor.ones(2, 3).permute(0, 0) },
        ErrorCase("permute(0, 2)", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).permute(0, 2) },
        ErrorCase("flatten(2, 1)", "flatten() has invalid args: start_dim cannot come after end_dim") {
            _ = Tensor.ones(2, 3, 4).flatten(startDim: 2, endDim: 1)
        },
        ErrorCase("flatten(0, 2) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).flatten(startDim: 0, endDim: 2) },
        ErrorCase("unflatten with no sizes", "unflatten: sizes must be non-empty") {
            _ = Tensor.ones(2, 6).unflatten(dim: 1, sizes: [])
        },
        ErrorCase("unflatten dim 2 of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).unflatten(dim: 2, sizes: [1, 3]) },
        ErrorCase("unfold size 5 of 4", "maximum size for tensor at dimension 1 is 4 but size is 5") {
            _ = Tensor.ones(3, 4).unfold(dim: 1, size: 5, step: 1)
        },
        ErrorCase("unfold step 0", "step is 0 but must be > 0") { _ = Tensor.ones(3, 4).unfold(dim: 1, size: 2, step: 0) },
        ErrorCase("unfold size -1", "size is -1 but must be >= 0") { _ = Tensor.ones(3, 4).unfold(dim: 1, size: -1, step: 1) },
        ErrorCase("unfold size 2 of 0-D", "maximum size for tensor at dimension 0 is 1 but size is 2") {
            _ = Tensor(5.0).unfold(dim: 0, size: 2, step: 1)
        },
        ErrorCase("unfold dim 2 of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).unfold(dim: 2, size: 1, step: 1) },
        ErrorCase("diagonal(0, 0)", "diagonal dimensions cannot be identical 0, 0") {
            _ = Tensor.ones(3, 4).diagonal(dim1: 0, dim2: 0)
        },
        ErrorCase("diagonal(0, -2)", "diagonal dimensions cannot be identical 0, -2") {
            _ = Tensor.ones(3, 4).diagonal(dim1: 0, dim2: -2)
        },
        ErrorCase("diagonal of 0-D", .indexError,
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)"
        ) { _ = Tensor(5.0).diagonal() },
        ErrorCase("squeeze(dim: 2) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(3, 1).squeeze(dim: 2) },
        ErrorCase("unsqueeze(dim: 3) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-3, 2], but got 3)"
        ) { _ = Tensor.ones(3, 1).unsqueeze(dim: 3) },
        ErrorCase("unsqueeze(dim: -4) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-3, 2], but got -4)"
        ) { _ = Tensor.ones(3, 1).unsqueeze(dim: -4) },
        ErrorCase("movedim(0, 2) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(3, 1).movedim(0, 2) },
        ErrorCase("size(2) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        ) { _ = Tensor.ones(2, 3).size(2) },
        ErrorCase("stride(-3) of 2-D", .indexError,
            "Dimension out of range (expected to be in range of [-2, 1], but got -3)"
        ) { _ = Tensor.ones(2, 3).stride(-3) },

        // MARK: Subscripts
        ErrorCase("x[3]", .indexError, "index 3 is out of bounds for dimension 0 with size 3") { _ = b34()[3] },
        ErrorCase("x[-4]", .indexError, "index -4 is out of bounds for dimension 0 with size 3") { _ = b34()[-4] },
        ErrorCase("x[1..., 4]", .indexError, "index 4 is out of bounds for dimension 1 with size 4") {
            _ = b34()[1..., 4]
        },
        ErrorCase("x[..., 4]", .indexError, "index 4 is out of bounds for dimension 1 with size 4") { _ = b34()[..., 4] },
        ErrorCase("x[0, 0, 0]", .indexError, "too many indices for tensor of dimension 2") { _ = b34()[0, 0, 0] },
        ErrorCase("x[0, 0, 0] = 1", .indexError, "too many indices for tensor of dimension 2") { b34()[0, 0, 0] = 1 },
        ErrorCase("x[.slice(step: -1)]", .valueError, "step must be greater than zero") {
            _ = b34()[.slice(nil, nil, step: -1)]
        },

        // MARK: Copy and fill
        ErrorCase("copy_ into expanded", internalOverlap) { Tensor.ones(1, 3).expand(2, 3).copy_(Tensor.zeros(2, 3)) },
        ErrorCase("copy_ 0-dim into expanded", internalOverlap) { Tensor.ones(1, 3).expand(2, 3).copy_(Tensor(5.0)) },
        ErrorCase("subscript assignment into expanded", internalOverlap) {
            Tensor.ones(1, 3).expand(2, 3)[.all, 0...1] = Tensor([1.0, 2])
        },
        ErrorCase("copy_ (4,) into (2, 3)",
            "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"
        ) { Tensor.zeros(2, 3).copy_(Tensor.ones(4)) },
        ErrorCase("copy_ (2,) into (0, 3)",
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"
        ) { Tensor.zeros(0, 3).copy_(Tensor.ones(2)) },
        ErrorCase("copy_ (2, 3) into (3,)", "output with shape [3] doesn't match the broadcast shape [2, 3]") {
            Tensor.zeros(3).copy_(Tensor.ones(2, 3))
        },
        ErrorCase("copy_ (1, 1, 3) into (2, 3)", "output with shape [2, 3] doesn't match the broadcast shape [1, 2, 3]") {
            Tensor.zeros(2, 3).copy_(Tensor.ones(1, 1, 3))
        },

        // The in-place type check: an in-place result cannot take a higher category
        // (`fill_` converts instead; see CopyFillTests).
        ErrorCase("int64 add_(1.5)", "result type Float can't be cast to the desired output type Long") {
            Tensor([1, 2]).add_(1.5)
        },
        ErrorCase("int64 add_(float tensor)", "result type Float can't be cast to the desired output type Long") {
            Tensor([1, 2]).add_(Tensor([0.5, 1]))
        },
        ErrorCase("int64 /= 2", "result type Float can't be cast to the desired output type Long") {
            var t = Tensor([1, 2])
            t /= 2
        },
        ErrorCase("int32 add_(1.5)", "result type Float can't be cast to the desired output type Int") {
            Tensor.ones(2, dtype: .int32).add_(1.5)
        },
        ErrorCase("bool add_(1)", "result type Long can't be cast to the desired output type Bool") {
            Tensor.ones(2, dtype: .bool).add_(1)
        },
        ErrorCase("int64 add_(float64 0-dim)", "result type Double can't be cast to the desired output type Long") {
            Tensor([1, 2]).add_(Tensor(1.5, dtype: .float64))
        },

        // MARK: Devices
        ErrorCase("Device(\"gpu\")", "Expected one of \(deviceTypes) device type at start of device string: gpu") {
            _ = Device("gpu")
        },
        ErrorCase("Device(\"CUDA\")", "Expected one of \(deviceTypes) device type at start of device string: CUDA") {
            _ = Device("CUDA")
        },
        ErrorCase("Device(\"cuda:-1\")", "Invalid device string: 'cuda:-1'") { _ = Device("cuda:-1") },
        ErrorCase("Device(\"cuda:01\")", "Invalid device string: 'cuda:01'") { _ = Device("cuda:01") },
        ErrorCase("Device(\"cuda:x\")", "Invalid device string: 'cuda:x'") { _ = Device("cuda:x") },
        ErrorCase("Device(\"cuda:\")", "Invalid device string: 'cuda:'") { _ = Device("cuda:") },
        ErrorCase("Device.cuda(-1)", "Device index must not be negative") { _ = Device.cuda(-1) },
        ErrorCase("to(.cuda) without a driver", noDriver, needsNoCUDA: true) { _ = Tensor.ones(2).to(Device.cuda) },
        ErrorCase("ones(device: .cuda) without a driver", noDriver, needsNoCUDA: true) {
            _ = Tensor.ones(2, device: .cuda)
        },
        ErrorCase("Tensor(data, device: .cuda) without a driver", noDriver, needsNoCUDA: true) {
            _ = Tensor([1, 2], device: .cuda)
        },
        ErrorCase("zeros(like:, device: .cuda) without a driver", noDriver, needsNoCUDA: true) {
            _ = Tensor.zeros(like: Tensor.ones(2), device: .cuda)
        },
        ErrorCase("rand(device: .cuda) without a driver", noDriver, needsNoCUDA: true) {
            _ = Tensor.rand(2, device: .cuda, generator: Generator(seed: 0))
        },

        // MARK: Autograd fields
        ErrorCase("int64 literal requiring grad", "Only Tensors of floating point and complex dtype can require gradients") {
            _ = Tensor([1, 2], requiresGrad: true)
        },
        ErrorCase("float literal as int64 requiring grad",
            "Only Tensors of floating point and complex dtype can require gradients"
        ) { _ = Tensor([1.0, 2], dtype: .int64, requiresGrad: true) },
        ErrorCase("zeros int64 requiring grad", "Only Tensors of floating point and complex dtype can require gradients") {
            _ = Tensor.zeros(2, dtype: .int64, requiresGrad: true)
        },
        ErrorCase("arange int64 requiring grad", "Only Tensors of floating point and complex dtype can require gradients") {
            _ = Tensor.arange(3, requiresGrad: true)
        },
        ErrorCase("Parameter of int64", "Only Tensors of floating point and complex dtype can require gradients") {
            _ = Parameter(Tensor.ones(2, dtype: .int64))
        },
        ErrorCase("requiresGrad_() of int64", "only Tensors of floating point dtype can require gradients") {
            Tensor([1, 2]).requiresGrad_()
        },
        ErrorCase("requiresGrad_() of bool", "only Tensors of floating point dtype can require gradients") {
            Tensor([true]).requiresGrad_()
        },
        ErrorCase("retainGrad without requiresGrad", "can't retain_grad on Tensor that has requires_grad=False") {
            Tensor.ones(2).retainGrad()
        },
        ErrorCase("retainGrad of int64", "can't retain_grad on Tensor that has requires_grad=False") {
            Tensor.ones(2, dtype: .int64).retainGrad()
        },
        ErrorCase("grad of another size",
            "attempting to assign a gradient of size '[3]' to a tensor of size '[2]'. Please ensure that the gradient and the tensor are the same size"
        ) { Tensor.ones(2, requiresGrad: true).grad = Tensor.zeros(3) },
        ErrorCase("fill_ of a leaf requiring grad",
            "a leaf Variable that requires grad is being used in an in-place operation."
        ) { Tensor.ones(2, requiresGrad: true).fill_(1) },
        ErrorCase("zero_ of a leaf requiring grad",
            "a leaf Variable that requires grad is being used in an in-place operation."
        ) { Tensor.ones(2, requiresGrad: true).zero_() },
        ErrorCase("copy_ into a leaf requiring grad",
            "a leaf Variable that requires grad is being used in an in-place operation."
        ) { Tensor.ones(2, requiresGrad: true).copy_(Tensor.zeros(2)) },
        ErrorCase("uniform_ of a leaf requiring grad",
            "a leaf Variable that requires grad is being used in an in-place operation."
        ) { Tensor.zeros(2, requiresGrad: true).uniform_(generator: Generator(seed: 0)) },
        ErrorCase("fill_ of a view of a leaf requiring grad",
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        ) { Tensor.ones(2, requiresGrad: true)[0].fill_(1) },
        ErrorCase("subscript assignment into a leaf requiring grad",
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        ) { Tensor.ones(2, requiresGrad: true)[0] = 1 },

        // MARK: Creation
        ErrorCase("empty(-1)", "Trying to create tensor with negative dimension -1: [-1]") { _ = Tensor.empty(-1) },
        ErrorCase("empty([2, -3])", "Trying to create tensor with negative dimension -3: [2, -3]") {
            _ = Tensor.empty([2, -3])
        },
        ErrorCase("empty(-2) float64", "Trying to create tensor with negative dimension -2: [-2]") {
            _ = Tensor.empty(-2, dtype: .float64)
        },
        ErrorCase("ones(2, -3)", "Trying to create tensor with negative dimension -3: [2, -3]") { _ = Tensor.ones(2, -3) },
        ErrorCase("full([-1], 2)", "Trying to create tensor with negative dimension -1: [-1]") { _ = Tensor.full([-1], 2) },
        ErrorCase("rand(-1)", "Trying to create tensor with negative dimension -1: [-1]") {
            _ = Tensor.rand(-1, generator: Generator(seed: 0))
        },
        ErrorCase("randn(-1)", "Trying to create tensor with negative dimension -1: [-1]") {
            _ = Tensor.randn(-1, generator: Generator(seed: 0))
        },
        ErrorCase("randint(shape: [-1])", "Trying to create tensor with negative dimension -1: [-1]") {
            _ = Tensor.randint(high: 3, [-1], generator: Generator(seed: 0))
        },
        ErrorCase("Tensor(shape: [2, 2], data: 3 values)", "shape '[2, 2]' is invalid for input of size 3") {
            _ = Tensor(shape: [2, 2], data: [1, 2, 3] as [Int])
        },
        ErrorCase("ragged literal", .valueError, "expected sequence of length 2 at dim 1 (got 1)") {
            _ = Tensor([[1, 2], [3]])
        },
        ErrorCase("eye(-1)", "n must be greater or equal to 0, got -1") { _ = Tensor.eye(-1) },
        ErrorCase("eye(2, -1)", "m must be greater or equal to 0, got -1") { _ = Tensor.eye(2, -1) },
        ErrorCase("arange step 0", "step must be nonzero") { _ = Tensor.arange(0, 5, step: 0) },
        ErrorCase("arange(0.5, nan)", "unsupported range: 0.5 -> nan") { _ = Tensor.arange(0.5, .nan) },
        ErrorCase("arange(1.5, inf)", "unsupported range: 1.5 -> inf") { _ = Tensor.arange(1.5, .infinity) },
        ErrorCase("linspace steps -1", "number of steps must be non-negative") { _ = Tensor.linspace(0, 1, steps: -1) },
        ErrorCase("randint(5, 5)", "random_ expects 'from' to be less than 'to', but got from=5 >= to=5") {
            _ = Tensor.randint(low: 5, high: 5, [2], generator: Generator(seed: 0))
        },
        ErrorCase("randint(6, 5)", "random_ expects 'from' to be less than 'to', but got from=6 >= to=5") {
            _ = Tensor.randint(low: 6, high: 5, [2], generator: Generator(seed: 0))
        },
        ErrorCase("randint(high: 0)", "random_ expects 'from' to be less than 'to', but got from=0 >= to=0") {
            _ = Tensor.randint(high: 0, [2], generator: Generator(seed: 0))
        },

        // MARK: Reading values
        ErrorCase("item of 4 elements", "a Tensor with 4 elements cannot be converted to Scalar") {
            _ = Tensor.ones(2, 2).item()
        },
        ErrorCase("item of 0 elements", "a Tensor with 0 elements cannot be converted to Scalar") {
            _ = Tensor.ones(0).item(as: Float.self)
        },
        ErrorCase("view(-2, 6)", "invalid shape dimension -2 at index 0 of shape [-2, 6]") {
            _ = b34().view(-2, 6)
        },
        ErrorCase("unflatten(dim: 1, sizes: [4, -1]) of 6",
            "unflatten: Provided sizes [4, -1] don't multiply up to the size of dim 1 (6) in the input tensor") { _ = Tensor.ones(2, 6).unflatten(dim: 1, sizes: [4, -1]) },
        ErrorCase("unflatten(dim: 1, sizes: [4, 2]) of 6",
            "unflatten: Provided sizes [4, 2] don't multiply up to the size of dim 1 (6) in the input tensor") { _ = Tensor.ones(2, 6).unflatten(dim: 1, sizes: [4, 2]) },
        ErrorCase("size(0) of 0-D", .indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(1.0).size(0)
        },
        ErrorCase("stride(-1) of 0-D", .indexError, "Dimension specified as -1 but tensor has no dimensions") {
            _ = Tensor(1.0).stride(-1)
        },
        ErrorCase("x[0, 4]", .indexError, "index 4 is out of bounds for dimension 1 with size 4") {
            _ = b34()[0, 4]
        },
        ErrorCase("y[0, 1, 5]", .indexError, "index 5 is out of bounds for dimension 2 with size 4") {
            _ = Tensor.ones(2, 3, 4)[0, 1, 5]
        },
        ErrorCase("x[.newAxis, .newAxis, 0, 4]", .indexError, "index 4 is out of bounds for dimension 3 with size 4") {
            _ = b34()[.newAxis, .newAxis, 0, 4]
        },
        ErrorCase("0-dim x[0]", .indexError,
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number") { _ = Tensor(1.0)[0] },
        ErrorCase("x[.slice(step: 0)]", .valueError, "slice step cannot be zero") {
            _ = b34()[.slice(nil, nil, step: 0)]
        },
        ErrorCase("fill_ int32 with 2**33 + 5", "value cannot be converted to type int without overflow") {
            Tensor.zeros(2, dtype: .int32).fill_(Scalar(Int64(1) << 33 + 5))
        },
        ErrorCase("Device(\" cuda\")", "Invalid device string: ' cuda'") { _ = Device(" cuda") },
        ErrorCase("Device(\"cuda \")", "Invalid device string: 'cuda '") { _ = Device("cuda ") },
        ErrorCase("Device(\"\")", "Device string must not be empty") { _ = Device("") },
        ErrorCase("zeros(2, -3)", "zeros: Dimension size must be non-negative.") {
            _ = Tensor.zeros(2, -3)
        },
        ErrorCase("randperm(-1)", "Trying to create tensor with negative dimension -1: [-1]") {
            _ = Tensor.randperm(-1)
        },
        ErrorCase("arange bad sign", "upper bound and lower bound inconsistent with step sign") {
            _ = Tensor.arange(5, 0)
        },
        ErrorCase("arange(0, inf)", "unsupported range: 0 -> inf") {
            _ = Tensor.arange(0.0, .infinity)
        },
        ErrorCase("rand int64", .notImplementedError, "\"check_uniform_bounds\" not implemented for 'Long'") {
            _ = Tensor.rand(2, dtype: .int64, generator: Generator(seed: 0))
        },
        ErrorCase("randn int64", .notImplementedError, "\"normal_kernel_cpu\" not implemented for 'Long'") {
            _ = Tensor.randn(2, dtype: .int64, generator: Generator(seed: 0))
        },
        ErrorCase("uniform_ of int64", .notImplementedError, "\"check_uniform_bounds\" not implemented for 'Long'") {
            Tensor.zeros(2, dtype: .int64).uniform_(generator: Generator(seed: 0))
        },
        ErrorCase("asStrided negative size", "Storage size calculation overflowed with sizes=[-1] and strides=[1]") {
            _ = Tensor.arange(9.0).asStrided([-1], [1])
        },
        ErrorCase("x[0] = 3 values",
            "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 0.  Target sizes: [4].  Tensor sizes: [3]") { b34()[0] = Tensor([1.0, 2, 3]) },
        ErrorCase("x[0] = (2, 4) value",
            "expand(torch.FloatTensor{[2, 4]}, size=[4]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)") { b34()[0] = Tensor.ones(2, 4) },
        ErrorCase("copy_ transpose into itself", partialOverlap) {
            let sq = Tensor.arange(9.0).reshape(3, 3)
            sq.copy_(sq.t())
        },
        ErrorCase("x[1...].copy_(x[..<4])", partialOverlap) {
            let x = Tensor.arange(5.0)
            x[1...].copy_(x[..<4])
        },
        ErrorCase("requiresGrad = true on int64", "only Tensors of floating point and complex dtype can require gradients") {
            Tensor([1, 2]).requiresGrad = true
        },
        ErrorCase("grad of another dtype",
            "attempting to assign a gradient with dtype 'double' to a tensor with grad_dtype 'Float'. The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match."
        ) { Tensor.ones(2, requiresGrad: true).grad = Tensor.zeros(2, dtype: .float64) },
    ]

    static let knownBugs: [ErrorCase] = []

    static var all: [ErrorCase] { matching + knownBugs }
}

// MARK: - Tests

@Suite struct ErrorMessageTests {
    @Test func caseNamesAreUnique() {
        let names = ErrorCases.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    /// Inside `withErrorCapture` the failure is thrown with PyTorch's message and kind.
    @Test(arguments: ErrorCases.matching)
    func captured(_ c: ErrorCase) { expectCaptured(c) }

    /// Outside a capture scope the failure stops the process with PyTorch's message on stderr.
    @Test(arguments: ErrorCases.matching)
    func stops(_ c: ErrorCase) async { await expectStops(c, in: ErrorCases.self) }
}

@Suite struct KnownBugErrorMessageTests {
    @Test(.bug(id: "foundation-errors", "Error texts and kinds that differ from PyTorch; see each case's `bug`"),
          arguments: ErrorCases.knownBugs)
    func captured(_ c: ErrorCase) {
        withKnownIssue(Comment(rawValue: c.bug ?? "")) { expectCaptured(c) }
    }

    @Test(.bug(id: "foundation-errors", "Error texts and kinds that differ from PyTorch; see each case's `bug`"),
          arguments: ErrorCases.knownBugs.filter { $0.kind == .runtimeError || $0.kind == .indexError || $0.kind == .valueError })
    func stops(_ c: ErrorCase) async {
        // Only cases whose stop message differs (a kind difference alone does not show on stderr).
        await withKnownIssue(Comment(rawValue: c.bug ?? "")) { await expectStops(c, in: ErrorCases.self) }
    }
}

// MARK: - Out of memory

@Suite struct OutOfMemoryTests {
    /// `torch.empty(1 << 40)` cannot be allocated: 4398046511104 bytes.
    @Test func hugeAllocationIsCaptured() {
        let before = memoryStats().bytesInUse
        let error = #expect(throws: TensorError.self) {
            try withErrorCapture { _ = Tensor.empty([1 << 40]) }
        }
        #expect(error?.kind == .runtimeError)  // PyTorch's CPU allocator raises RuntimeError
        // PyTorch's text, after its "[enforce fail at alloc_cpu.cpp:127] err == 0. " location prefix.
        #expect(error?.message.hasSuffix(
            "DefaultCPUAllocator: can't allocate memory: you tried to allocate 4398046511104 bytes. Error code 12 (Cannot allocate memory)"
        ) == true)
        // Other tests allocate concurrently, so only a loose check that nothing leaked the 4 TiB.
        #expect(memoryStats().bytesInUse < before + (1 << 40))
    }

    @Test func hugeAllocationStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.empty([1 << 40], dtype: .float64)
        }
        expectStopped(result, with: "DefaultCPUAllocator: can't allocate memory: you tried to allocate 8796093022208 bytes. Error code 12 (Cannot allocate memory)")
    }
}

// MARK: - The capture scope

@Suite struct ErrorCaptureScopeTests {
    /// The first failure is kept; later operations get placeholders and do not replace it.
    @Test func firstFailureWins() {
        let error = capturedError {
            let v = Tensor.ones(2, 3).view(5)
            _ = v.t().t()
            _ = Tensor.ones(2).item()
        }
        #expect(error?.message == "shape '[5]' is invalid for input of size 6")
    }

    /// Nested scopes: an inner failure is thrown by the inner scope only.
    @Test func nestedScopes() throws {
        var inner: TensorError?
        try withErrorCapture {
            do {
                try withErrorCapture { _ = Tensor.ones(2).item() }
            } catch {
                inner = error as? TensorError
            }
            #expect(isCapturingErrors)
        }
        #expect(inner?.message == "a Tensor with 2 elements cannot be converted to Scalar")
        #expect(!isCapturingErrors)
    }

    /// A scope with no failure returns its body's value.
    @Test func returnsValue() throws {
        let x = try withErrorCapture { Tensor([1.0, 2]).view(2, 1) }
        #expect(x.shape == [2, 1])
    }

    /// `TensorError.description` is how Python prints the exception's last line.
    @Test func description() {
        #expect(TensorError.index("index 3 is out of bounds for dimension 0 with size 3").description
                == "IndexError: index 3 is out of bounds for dimension 0 with size 3")
        #expect(TensorError(.outOfMemory, "x").description == "OutOfMemoryError: x")
        #expect(TensorError.runtime("m").kind == .runtimeError)
        #expect(TensorError.value("m").kind == .valueError)
        #expect(TensorError.type("m").kind == .typeError)
        #expect(TensorError.notImplemented("m").kind == .notImplementedError)
    }
}
