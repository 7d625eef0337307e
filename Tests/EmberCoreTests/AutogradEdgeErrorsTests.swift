// AutogradEdgeErrorsTests.swift
//
// The autograd and allocation errors of issue 14 (item 2) and the empty integer softmax, against
// what PyTorch 2.15 printed:
//
//     import torch
//     # A third backward after retain_graph=True then a plain one: raises only where a node on
//     # the path saved tensors (fresh gradient tensors each time).
//     x = torch.tensor([1., 2., 3., 4.], requires_grad=True); y = x * 2; g = torch.ones_like(y)
//     y.backward(g.clone(), retain_graph=True); y.backward(g.clone())
//     y.backward(g.clone())   # RuntimeError: Trying to backward through the graph a second time ...
//     print(x.grad.tolist())   # [4.0, 4.0, 4.0, 4.0]   (and so on for each row of `BackwardTwiceCase.all`)
//     # Hooks whose result changes the gradient's size or type:
//     x = torch.ones(3, requires_grad=True); x.register_hook(lambda g: torch.ones(2)); (x*2).sum().backward()
//     # RuntimeError: hook '<lambda>' has changed the size of value  ('hook' for `def hook(g)`)
//     y = x * 2; y.register_hook(lambda g: torch.ones(3, dtype=torch.float64)); y.sum().backward()
//     # RuntimeError: hook '<lambda>' has changed the type of value (was torch.FloatTensor got torch.DoubleTensor)
//     torch.full([1], 1 << 40, dtype=torch.int32)   # RuntimeError: value cannot be converted to type int without overflow
//     torch.full([1], 2147483647, dtype=torch.int32)   # tensor([2147483647], dtype=torch.int32)
//     torch.full([1], float('nan'), dtype=torch.int32) # RuntimeError: ... type int without overflow
//     torch.full([1], 1e20, dtype=torch.int64)         # RuntimeError: ... type int64_t without overflow
//     torch.full([1], 3.5e38)                          # RuntimeError: ... type float without overflow
//     torch.full([1], float('inf'))                    # tensor([inf]);  torch.full([1], 2.5, dtype=torch.int32) -> [2]
//     torch.full_like(torch.zeros(1), 1 << 40, dtype=torch.int32)  # RuntimeError: ... type int without overflow
//     torch.full([-1], 1 << 40, dtype=torch.int32)    # RuntimeError: Trying to create tensor with negative dimension -1: [-1]
//     torch.tensor([1 << 40], dtype=torch.int32)      # RuntimeError: value cannot be converted to type int32 without overflow
//     torch.tensor([1e20], dtype=torch.int64)         # ... type int64 without overflow;  torch.tensor([2.5], dtype=torch.int32) -> [2]
//     torch.tensor([True], dtype=torch.int32) -> [1];  torch.tensor([1 << 40], dtype=torch.bool) -> [True];  torch.tensor([1e300], dtype=torch.float32) -> [inf]
//     torch.empty(1 << 50)   # RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't
//                            # allocate memory: you tried to allocate 4503599627370496 bytes. Error code 12 (Cannot allocate memory)
//     torch.empty(1 << 61)   # RuntimeError: Storage size calculation overflowed with sizes=[2305843009213693952]
//     torch.empty(1 << 40, 1 << 40)  # RuntimeError: Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]
//     torch.device('cpu:1'), torch.device('cpu:1').index, torch.ones(1, device='cpu:1').device   # cpu:1 1 cpu
//     torch.device('cpu:-1')  # RuntimeError: Invalid device string: 'cpu:-1'
//     (x*2).grad_fn           # <MulBackward0 object at 0x7f175359fa30>; next_functions[0][0]: <AccumulateGrad object at 0x...>
//     torch.softmax(torch.zeros(2, 0, dtype=torch.int64), 1)   # tensor([], size=(2, 0), dtype=torch.int64)
//     torch.log_softmax(torch.zeros(0, dtype=torch.int32), 0)  # tensor([], dtype=torch.int32)
//     torch.softmax(torch.zeros((), dtype=torch.int64), 0)     # NotImplementedError: "softmax_lastdim_kernel_impl" not implemented for 'Long'

import Testing
import Ember
import EmberTestSupport

/// An op whose graph is run backward three times, and what PyTorch does on the third pass.
struct BackwardTwiceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let raises: Bool
    let grad: [Double]
    let op: @Sendable (Tensor) -> Tensor
    var testDescription: String { name }

    static let all: [BackwardTwiceCase] = [
        .init(name: "x*2", raises: true, grad: [4, 4, 4, 4]) { $0 * 2 },
        .init(name: "x*x", raises: true, grad: [4, 8, 12, 16]) { $0 * $0 },
        .init(name: "x+1", raises: false, grad: [3, 3, 3, 3]) { $0 + 1 },
        .init(name: "exp", raises: true,
              grad: [5.436563491821289, 14.778112411499023, 40.17107391357422, 109.19629669189453]) { $0.exp() },
        .init(name: "sum", raises: false, grad: [3, 3, 3, 3]) { $0.sum() },
        .init(name: "x*2+1", raises: true, grad: [4, 4, 4, 4]) { $0 * 2 + 1 },
        .init(name: "(x+1)*2", raises: true, grad: [4, 4, 4, 4]) { ($0 + 1) * 2 },
        .init(name: "x/2", raises: true, grad: [1, 1, 1, 1]) { $0 / 2 },
        .init(name: "-x", raises: false, grad: [-3, -3, -3, -3]) { -$0 },
        .init(name: "view", raises: false, grad: [3, 3, 3, 3]) { $0.view(2, 2) },
        .init(name: "t", raises: false, grad: [3, 3, 3, 3]) { $0.view(2, 2).t() },
        .init(name: "cat", raises: false, grad: [6, 6, 6, 6]) { Tensor.cat([$0, $0]) },
        .init(name: "mean", raises: false, grad: [0.75, 0.75, 0.75, 0.75]) { $0.mean() },
        .init(name: "x-1", raises: false, grad: [3, 3, 3, 3]) { $0 - 1 },
        .init(name: "1-x", raises: false, grad: [-3, -3, -3, -3]) { 1 - $0 },
        .init(name: "clone", raises: false, grad: [3, 3, 3, 3]) { $0.clone() },
        .init(name: "relu", raises: true, grad: [2, 2, 2, 2]) { $0.relu() },
        .init(name: "index", raises: true, grad: [2, 0, 2, 0]) { $0[Tensor([0, 2])] },
        .init(name: "cumsum", raises: false, grad: [12, 9, 6, 3]) { $0.cumsum(dim: 0) },
        .init(name: "pow", raises: true, grad: [4, 8, 12, 16]) { $0.pow(2) },
        .init(name: "x[1:]", raises: false, grad: [0, 3, 3, 3]) { $0[1...] },
        .init(name: "trace", raises: false, grad: [3, 0, 0, 3]) { $0.view(2, 2).trace() },
        .init(name: "to64", raises: false, grad: [3, 3, 3, 3]) { $0.to(.float64) },
        .init(name: "x%2", raises: false, grad: [3, 3, 3, 3]) { $0 % 2 },
    ]
}

private let backwardTwice =
    "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."

@Suite struct BackwardThroughFreedGraphTests {
    @Test(arguments: BackwardTwiceCase.all)
    func thirdBackward(_ c: BackwardTwiceCase) throws {
        let x = Tensor([1.0, 2, 3, 4], requiresGrad: true)
        let y = c.op(x)
        func gradient() -> Tensor { Tensor.ones(like: y) }
        try y.backward(gradient: gradient(), retainGraph: true)
        try y.backward(gradient: gradient())
        do {
            try y.backward(gradient: gradient())
            #expect(!c.raises, "\(c.name): PyTorch raises on the third backward")
        } catch let error as TensorError {
            #expect(c.raises, "\(c.name): PyTorch does not raise")
            #expect(error.kind == .runtimeError)
            #expect(error.message == backwardTwice)
        }
        expectClose(x.grad, shape: [4], c.grad, tolerance: 1e-6)
    }

    /// `autograd.grad` through a freed `x * 2` raises too; a custom function that saved
    /// nothing does not (PyTorch's `ctx.saved_tensors` is what raises).
    @Test func gradientsAndCustomFunctions() throws {
        let x = Tensor([1.0, 2], requiresGrad: true)
        let y = (x * 2).sum()
        _ = try gradients(of: [y], with: [x])
        #expect(throws: TensorError.runtime(backwardTwice)) { _ = try gradients(of: [y], with: [x]) }

        let z = PassThrough.apply(x).sum()
        try z.backward()
        try z.backward()
        expectClose(x.grad, shape: [2], [2, 2])
        let w = Doubler.apply(x).sum()
        try w.backward()
        #expect(throws: TensorError.runtime(backwardTwice)) { try w.backward() }
    }
}

/// A custom function that saves nothing.
private enum PassThrough: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ input: Tensor) -> Tensor { input.clone() }
    static func backward(_ ctx: FunctionContext, _ gradOutput: Tensor) -> Tensor { gradOutput }
}

/// A custom function that saves its input.
private enum Doubler: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ input: Tensor) -> Tensor {
        ctx.saveForBackward(input)
        return input * 2
    }
    static func backward(_ ctx: FunctionContext, _ gradOutput: Tensor) -> Tensor { gradOutput * 2 }
}

@Suite struct TensorHookResultTests {
    @Test func leafHookChangingTheSize() {
        let x = Tensor.ones(3, requiresGrad: true)
        x.registerHook { _ in Tensor.ones(2) }
        #expect(throws: TensorError.runtime("hook 'hook' has changed the size of value")) { try (x * 2).sum().backward() }
        #expect(x.grad == nil)
    }

    @Test func namedHookOnANonLeaf() {
        let x = Tensor.ones(3, requiresGrad: true)
        let y = x * 2
        y.registerHook(name: "<lambda>") { _ in Tensor.ones(1) }
        #expect(throws: TensorError.runtime("hook '<lambda>' has changed the size of value")) { try y.sum().backward() }
        #expect(x.grad == nil)
    }

    @Test func hookChangingTheType() {
        let x = Tensor.ones(3, requiresGrad: true)
        let y = x * 2
        y.registerHook(name: "<lambda>") { _ in Tensor.ones(3, dtype: .float64) }
        #expect(throws: TensorError.runtime(
            "hook '<lambda>' has changed the type of value (was torch.FloatTensor got torch.DoubleTensor)")) {
            try y.sum().backward()
        }
        let leaf = Tensor.ones(3, requiresGrad: true)
        leaf.registerHook { _ in Tensor.ones(3, dtype: .int64) }
        #expect(throws: TensorError.runtime(
            "hook 'hook' has changed the type of value (was torch.FloatTensor got torch.LongTensor)")) {
            try (leaf * 2).sum().backward()
        }
    }

    @Test func hookInAutogradGrad() throws {
        let x = Tensor.ones(3, requiresGrad: true)
        x.registerHook(name: "<lambda>") { _ in Tensor.ones(2) }
        #expect(throws: TensorError.runtime("hook '<lambda>' has changed the size of value")) {
            _ = try gradients(of: [(x * 2).sum()], with: [x])
        }
    }

    @Test func sameShapeReplacementStillWorks() throws {
        let x = Tensor.ones(3, requiresGrad: true)
        x.registerHook { $0 * 10 }
        try (x * 2).sum().backward()
        expectFloats(x.grad!, shape: [3], [20, 20, 20])
    }
}

@Suite struct FillOverflowTests {
    private static let intOverflow = "value cannot be converted to type int without overflow"

    @Test func fullIntoInt32() {
        expectTensorError(.runtimeError, Self.intOverflow) { _ = Tensor.full([1], .int(1 << 40), dtype: .int32) }
        expectTensorError(.runtimeError, Self.intOverflow) { _ = Tensor.full([1], .int(1 << 31), dtype: .int32) }
        expectTensorError(.runtimeError, Self.intOverflow) { _ = Tensor.full([1], .int(-2_147_483_649), dtype: .int32) }
        expectTensorError(.runtimeError, Self.intOverflow) { _ = Tensor.full([1], .float(.nan), dtype: .int32) }
        expectTensorError(.runtimeError, Self.intOverflow) { _ = Tensor.full([1], .float(1e20), dtype: .int32) }
        expectInts(Tensor.full([1], .int(2_147_483_647), dtype: .int32), shape: [1], [2_147_483_647], dtype: .int32)
        expectInts(Tensor.full([1], .int(-2_147_483_648), dtype: .int32), shape: [1], [-2_147_483_648], dtype: .int32)
        expectInts(Tensor.full([1], 2.5, dtype: .int32), shape: [1], [2], dtype: .int32)
    }

    @Test func fullIntoOtherDtypes() {
        expectTensorError(.runtimeError, "value cannot be converted to type int64_t without overflow") {
            _ = Tensor.full([1], .float(1e20), dtype: .int64)
        }
        expectTensorError(.runtimeError, "value cannot be converted to type int64_t without overflow") {
            _ = Tensor.full([1], .float(.infinity), dtype: .int64)
        }
        expectTensorError(.runtimeError, "value cannot be converted to type float without overflow") {
            _ = Tensor.full([1], 3.5e38)
        }
        expectFloats(Tensor.full([1], .float(.infinity)), shape: [1], [.infinity])
        expectBools(Tensor.full([1], .int(1 << 40), dtype: .bool), shape: [1], [true])
        expectTensor(Tensor.full([1], 1e300, dtype: .float64), shape: [1], values: [1e300], dtype: .float64)
    }

    @Test func fullLikeAndFill() {
        expectTensorError(.runtimeError, Self.intOverflow) {
            _ = Tensor.full(like: Tensor.zeros(1), .int(1 << 40), dtype: .int32)
        }
        expectTensorError(.runtimeError, Self.intOverflow) {
            _ = Tensor.full(like: Tensor.zeros(1, dtype: .int32), .int(1 << 40))
        }
        expectTensorError(.runtimeError, Self.intOverflow) { _ = Tensor.zeros(1, dtype: .int32).fill_(.int(1 << 40)) }
    }

    /// `torch.tensor(data, dtype=...)` checks every number against an integer dtype.
    @Test func literalsIntoIntegerDtypes() {
        expectTensorError(.runtimeError, "value cannot be converted to type int32 without overflow") {
            _ = Tensor([1 << 40], dtype: .int32)
        }
        expectTensorError(.runtimeError, "value cannot be converted to type int32 without overflow") {
            _ = Tensor([[1, 1 << 40]], dtype: .int32)
        }
        expectTensorError(.runtimeError, "value cannot be converted to type int32 without overflow") {
            _ = Tensor([1e20], dtype: .int32)
        }
        expectTensorError(.runtimeError, "value cannot be converted to type int32 without overflow") {
            _ = Tensor([Double.nan], dtype: .int32)
        }
        expectTensorError(.runtimeError, "value cannot be converted to type int64 without overflow") {
            _ = Tensor([1e20], dtype: .int64)
        }
        expectInts(Tensor([2.5], dtype: .int32), shape: [1], [2], dtype: .int32)
        expectInts(Tensor([true], dtype: .int32), shape: [1], [1], dtype: .int32)
        expectBools(Tensor([1 << 40], dtype: .bool), shape: [1], [true])
        expectFloats(Tensor([1e300], dtype: .float32), shape: [1], [.infinity])
    }

    /// The shape is checked before the value, as PyTorch allocates before filling.
    @Test func negativeSizeComesFirst() {
        expectTensorError(.runtimeError, "Trying to create tensor with negative dimension -1: [-1]") {
            _ = Tensor.full([-1], .int(1 << 40), dtype: .int32)
        }
    }
}

@Suite struct AllocationErrorTests {
    @Test func outOfMemoryIsARuntimeError() {
        let error = capturedError { _ = Tensor.empty([1 << 50]) }
        #expect(error?.kind == .runtimeError)
        #expect(error?.message.hasSuffix(
            "DefaultCPUAllocator: can't allocate memory: you tried to allocate 4503599627370496 bytes. Error code 12 (Cannot allocate memory)"
        ) == true)
    }

    @Test func storageSizeOverflow() {
        expectTensorError(.runtimeError, "Storage size calculation overflowed with sizes=[2305843009213693952]") {
            _ = Tensor.empty([1 << 61])
        }
        expectTensorError(.runtimeError, "Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]") {
            _ = Tensor.empty([1 << 40, 1 << 40])
        }
        expectTensorError(.runtimeError, "Storage size calculation overflowed with sizes=[1152921504606846976]") {
            _ = Tensor.empty([1 << 60], dtype: .float64)
        }
    }
}

@Suite struct CPUDeviceIndexTests {
    @Test func cpuIndexIsAccepted() {
        let device = Device("cpu:1")
        #expect(device.description == "cpu:1")
        #expect(device.kind == .cpu)
        #expect(device.index == 1)
        #expect(device != Device.cpu)
        let t = Tensor.ones(1, device: device)
        #expect(t.device == .cpu)
        #expect((t + Tensor.ones(1)).device == .cpu)
        #expect(Tensor.zeros(2).to(Device("cpu:2")).device == .cpu)
        expectTensorError(.runtimeError, "Invalid device string: 'cpu:-1'") { _ = Device("cpu:-1") }
    }
}

@Suite struct NodeDescriptionTests {
    @Test func printsAsPyTorchsRepr() throws {
        let x = Tensor.ones(3, requiresGrad: true)
        let y = x * 2
        let node = try #require(y.gradFn)
        let text = "\(node)"
        #expect(text.hasPrefix("<MulBackward0 object at 0x"))
        #expect(text.hasSuffix(">"))
        #expect(text == "\(y.gradFn!)")
        #expect(text != "\((x * 2).gradFn!)")
        let accumulator = try #require(node.nextFunctions[0]?.node)
        #expect("\(accumulator)".hasPrefix("<AccumulateGrad object at 0x"))
        #expect("\(PassThrough.apply(x).gradFn!)".hasPrefix("<torch.autograd.function.PassThroughBackward object at 0x"))
        let hex = text.dropFirst("<MulBackward0 object at 0x".count).dropLast()
        #expect(!hex.isEmpty && hex.allSatisfy(\.isHexDigit))
    }
}

@Suite struct EmptyIntegerSoftmaxTests {
    @Test func emptyIntegerTensorsComeBackEmpty() {
        expectInts(Tensor.zeros(2, 0, dtype: .int64).softmax(dim: 1), shape: [2, 0], [], dtype: .int64)
        expectInts(Tensor.zeros(0, 3, dtype: .int64).softmax(dim: 0), shape: [0, 3], [], dtype: .int64)
        expectInts(Tensor.zeros(0, dtype: .int32).logSoftmax(dim: 0), shape: [0], [], dtype: .int32)
        expectBools(Tensor.zeros(0, dtype: .bool).softmax(dim: -1), shape: [0], [])
        #expect(Tensor.zeros(0, dtype: .int64).softmax(dim: 0, dtype: .float64).dtype == .float64)
        expectTensorError(.notImplementedError, "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'") {
            _ = Tensor.zeros([], dtype: .int64).softmax(dim: 0)
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor.zeros(0, dtype: .int64).softmax(dim: 1)
        }
    }
}
