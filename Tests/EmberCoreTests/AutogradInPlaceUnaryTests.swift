// AutogradInPlaceUnaryTests.swift
//
// A unary in-place op on a non-leaf whose derivative reads the input (`sin_`, `log_`...)
// computes from a copy of the values before the write, as PyTorch saves the original `self`.
// Expected gradients from PyTorch 2.15:
//   x = torch.tensor([0.5, 1., 2.], requires_grad=True); y = x * 1; y.<op>(); y.sum().backward()

import Testing
import Ember
import EmberTestSupport

struct InPlaceUnaryCase: Sendable, CustomTestStringConvertible {
    let name: String
    let node: String
    let apply: @Sendable (Tensor) -> Void
    let grad: [Double]
    var testDescription: String { name }
}

@Suite struct AutogradInPlaceUnaryTests {
    static let cases: [InPlaceUnaryCase] = [
        InPlaceUnaryCase(name: "sin_", node: "SinBackward0", apply: { $0.sin_() }, grad: [0.877583, 0.540302, -0.416147]),
        InPlaceUnaryCase(name: "cos_", node: "CosBackward0", apply: { $0.cos_() }, grad: [-0.479426, -0.841471, -0.909297]),
        InPlaceUnaryCase(name: "log_", node: "LogBackward0", apply: { $0.log_() }, grad: [2.0, 1.0, 0.5]),
        InPlaceUnaryCase(name: "atan_", node: "AtanBackward0", apply: { $0.atan_() }, grad: [0.8, 0.5, 0.2]),
        InPlaceUnaryCase(name: "sigmoid_", node: "SigmoidBackward0", apply: { $0.sigmoid_() }, grad: [0.235004, 0.196612, 0.104994]),
        InPlaceUnaryCase(name: "exp_", node: "ExpBackward0", apply: { $0.exp_() }, grad: [1.648721, 2.718282, 7.389056]),
    ]

    @Test(arguments: cases)
    func gradientUsesTheValuesBeforeTheWrite(_ c: InPlaceUnaryCase) throws {
        let x = Tensor([0.5, 1.0, 2.0], requiresGrad: true)
        let y = x * 1
        c.apply(y)
        #expect(y.gradFn?.name == c.node)
        try y.sum().backward()
        expectGrad(x.grad, shape: [3], c.grad, tolerance: 1e-5)
    }
}
