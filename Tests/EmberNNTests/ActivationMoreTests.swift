// ActivationMoreTests.swift
//
// relu6, hardsigmoid, hardswish, selu, celu, softsign, tanhshrink, softshrink, hardshrink,
// threshold, glu and prelu (Tensor+Activations.swift) and their layers against PyTorch 2.15:
// outputs, gradients and node names from ActivationReference.swift (written by
// Scripts/activation-reference.py), float64 gradchecks to second order, PyTorch's errors and
// printed forms.

import Testing
import Ember
import EmberTestSupport

/// The op of a reference case.
private func apply(_ name: String, _ x: Tensor) -> Tensor {
    switch name {
    case "relu6": x.relu6()
    case "hardsigmoid": x.hardsigmoid()
    case "hardswish": x.hardswish()
    case "selu": x.selu()
    case "celu": x.celu()
    case "celu alpha 0.5": x.celu(alpha: 0.5)
    case "softsign": x.softsign()
    case "tanhshrink": x.tanhshrink()
    case "softshrink": x.softshrink()
    case "softshrink 1": x.softshrink(lambd: 1)
    case "hardshrink": x.hardshrink()
    case "hardshrink 1": x.hardshrink(lambd: 1)
    case "threshold": x.threshold(0.5, value: -2)
    case "prelu": x.prelu(weight: Tensor([0.25], dtype: x.dtype))
    default: fatalError("unknown case \(name)")
    }
}

@Suite struct ActivationMoreTests {
    @Test(arguments: composedActivationCases)
    func matchesPyTorch(_ c: ComposedActivationCase) throws {
        let n = composedActivationInputs.count
        let x = Tensor(shape: [n], data: composedActivationInputs, dtype: .float32).requiresGrad_()
        let y = apply(c.name, x)
        expectClose(y, shape: [n], c.output, dtype: .float32, tolerance: 1e-6)
        #expect(y.gradFn?.name == c.node)
        try (y * Tensor(shape: [n], data: composedActivationGrad, dtype: .float32)).sum().backward()
        expectClose(x.grad, shape: [n], c.gradient, tolerance: 1e-6)
        let edges = apply(c.name, Tensor(shape: [4], data: composedActivationEdges, dtype: .float32))
        expectClose(edges, shape: [4], c.edges, tolerance: 1e-6)
    }

    @Test func gluMatchesPyTorch() throws {
        let x = Tensor(shape: [2, 4], data: [-1, 0.5, 2, -0.25, 3, -2, 0, 1.5], dtype: .float32).requiresGrad_()
        let y = x.glu(dim: 1)
        expectClose(y, shape: [2, 2], GluReference.dim1Output, tolerance: 1e-6)
        #expect(y.gradFn?.name == "GluBackward0")
        try (y * Tensor([[1.0, -2], [0.5, 3]], dtype: .float32)).sum().backward()
        expectClose(x.grad, shape: [2, 4], GluReference.dim1Gradient, tolerance: 1e-6)
        let x0 = x.detach().requiresGrad_()
        let y0 = GLU(dim: 0)(x0)
        expectClose(y0, shape: [1, 4], GluReference.dim0Output, tolerance: 1e-6)
        try (y0 * Tensor([[1.0, 2, -1, 0.5]], dtype: .float32)).sum().backward()
        expectClose(x0.grad, shape: [2, 4], GluReference.dim0Gradient, tolerance: 1e-6)
    }

    @Test func preluMatchesPyTorch() throws {
        let x = Tensor(shape: [2, 3, 2], data: PreluReference.input, dtype: .float32).requiresGrad_()
        let layer = PReLU(numParameters: 3)
        layer.weight.detach().copy_(Tensor([0.25, -0.5, 2], dtype: .float32))
        let y = layer(x)
        expectClose(y, shape: [2, 3, 2], PreluReference.output, tolerance: 1e-6)
        #expect(y.gradFn?.name == "PreluKernelBackward0")
        let grad = Tensor.arange(1, 13, dtype: .float32).reshape([2, 3, 2]) * 0.1
        try (y * grad).sum().backward()
        expectClose(x.grad, shape: [2, 3, 2], PreluReference.inputGradient, tolerance: 1e-6)
        expectClose(layer.weight.grad, shape: [3], PreluReference.weightGradient, tolerance: 1e-5)
    }

    @Test func gradcheckFloat64() {
        let ops: [(String, (Tensor) -> Tensor)] = [
            ("hardsigmoid", { $0.hardsigmoid() }), ("hardswish", { $0.hardswish() }), ("selu", { $0.selu() }),
            ("celu", { $0.celu(alpha: 0.7) }), ("softsign", { $0.softsign() }), ("tanhshrink", { $0.tanhshrink() }),
            ("softshrink", { $0.softshrink(lambd: 0.3) }), ("hardshrink", { $0.hardshrink(lambd: 0.3) }),
            ("threshold", { $0.threshold(0.2, value: 1.5) }), ("glu", { $0.glu(dim: 1) }),
        ]
        for (name, op) in ops {
            expectGradients(name, shapes: [[3, 4]], range: -4...4, secondOrder: true) { x in op(x[0]) }
        }
        expectGradients("prelu per channel", shapes: [[2, 3, 2], [3]], secondOrder: true) { x in x[0].prelu(weight: x[1]) }
        expectGradients("prelu one weight", shapes: [[4, 2], [1]], secondOrder: true) { x in x[0].prelu(weight: x[1]) }
    }

    @Test func integerInputs() {
        // PyTorch: relu6 and threshold keep integers; relu6(tensor([1, 7, -2])) is [1, 6, 0].
        expectInts(Tensor([1, 7, -2]).relu6(), shape: [3], [1, 6, 0])
        expectInts(Tensor([1, 7, -2]).threshold(1, value: 9), shape: [3], [9, 7, 9])
        #expect(Tensor([1, 2]).softsign().dtype == .float32)
    }

    @Test func reprs() {
        #expect(ReLU6().description == "ReLU6()")
        #expect(Hardswish().description == "Hardswish()")
        #expect(CELU().description == "CELU(alpha=1.0)")
        #expect(Softshrink().description == "Softshrink(0.5)")
        #expect(Hardshrink(lambd: 1).description == "Hardshrink(1.0)")
        #expect(Threshold(0.1, 20).description == "Threshold(threshold=0.1, value=20.0)")
        #expect(GLU().description == "GLU(dim=-1)")
        #expect(PReLU().description == "PReLU(num_parameters=1)")
        #expect(Array(PReLU(numParameters: 3).stateDict().keys) == ["weight"])
        expectClose(PReLU(numParameters: 2).weight, shape: [2], [0.25, 0.25])
    }

    struct Errors: OpErrorTable {
        static let all: [OpErrorCase] = [
            OpErrorCase("hardsigmoid of long", .notImplementedError, "\"hardsigmoid_cpu\" not implemented for 'Long'") {
                _ = Tensor([1, 2]).hardsigmoid()
            },
            OpErrorCase("hardswish of long", .notImplementedError, "\"hardswish_cpu\" not implemented for 'Long'") {
                _ = Tensor([1, 2]).hardswish()
            },
            OpErrorCase("selu of long", .notImplementedError, "\"elu_cpu\" not implemented for 'Long'") {
                _ = Tensor([1, 2]).selu()
            },
            OpErrorCase("softshrink of long", .notImplementedError, "\"softshrink_check\" not implemented for 'Long'") {
                _ = Tensor([1, 2]).softshrink()
            },
            OpErrorCase("hardshrink of long", .notImplementedError, "\"hardshrink_cpu\" not implemented for 'Long'") {
                _ = Tensor([1, 2]).hardshrink()
            },
            OpErrorCase("glu of long", .notImplementedError, "\"glu_cpu\" not implemented for 'Long'") {
                _ = Tensor([1, 2]).glu(dim: 0)
            },
            OpErrorCase("prelu types", "prelu: Type promoting not supported. Got Long and Float") {
                _ = Tensor([1, 2]).prelu(weight: Tensor([0.25], dtype: .float32))
            },
            OpErrorCase("glu odd", "Halving dimension must be even, but dimension 1 is size 3") {
                _ = Tensor.zeros(2, 3).glu(dim: 1)
            },
            OpErrorCase("glu scalar", "glu does not support scalars because halving size must be even") {
                _ = Tensor(1.0).glu()
            },
            OpErrorCase("glu dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
                _ = Tensor.zeros(2, 4).glu(dim: 2)
            },
            OpErrorCase("softshrink lambda", "lambda must be in range [0, 3.40282e+38] for input dtype Float, but found -1") {
                _ = Tensor.zeros(2, 3).softshrink(lambd: -1)
            },
            OpErrorCase("celu alpha", "ZeroDivisionError: alpha cannot be 0 for CELU") {
                _ = Tensor.zeros(2, 3).celu(alpha: 0)
            },
            OpErrorCase("prelu channels",
                        "Mismatch of parameter numbers and input channel size. Found parameter numbers = 2 and channel size = 3.") {
                _ = Tensor.zeros(2, 3).prelu(weight: Tensor.ones(2))
            },
        ]
    }

    @Test(arguments: Errors.all)
    func errors(_ c: OpErrorCase) { expectCaptured(c) }
}
