// LossCase.swift
//
// The row type of the loss tests: one loss call on fixed float64 inputs, with PyTorch's loss,
// node name and gradients for the input and the target (`loss.sum().backward()`).

import Testing
import Ember
import EmberTestSupport

/// One loss call and what PyTorch 2.15 printed for it.
struct LossCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// PyTorch's `loss.grad_fn.name()`.
    let node: String
    /// The loss, flattened.
    let loss: [Double]
    /// `input.grad`, flattened.
    let inputGrad: [Double]
    /// `target.grad`, flattened, when the target takes part.
    let targetGrad: [Double]?
    let op: @Sendable (Tensor, Tensor) -> Tensor

    init(_ name: String, _ node: String, _ loss: [Double], _ inputGrad: [Double], _ targetGrad: [Double]? = nil,
         _ op: @escaping @Sendable (Tensor, Tensor) -> Tensor) {
        self.name = name
        self.node = node
        self.loss = loss
        self.inputGrad = inputGrad
        self.targetGrad = targetGrad
        self.op = op
    }

    var testDescription: String { name }

    /// Runs the case on `input` and `target` (float64 leaves made here; the target requires grad
    /// when the case has its gradient) and compares with PyTorch's values. The loss has
    /// `lossShape`, else `[]` for one value and the input's shape for several.
    func check(input: [[Double]], target: [[Double]], lossShape: [Int]? = nil, tolerance: Double = 1e-13,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let x = Tensor(input, dtype: .float64, requiresGrad: true)
        let t = Tensor(target, dtype: .float64, requiresGrad: targetGrad != nil)
        let out = op(x, t)
        #expect(out.gradFn?.name == node, sourceLocation: sourceLocation)
        expectClose(out, shape: lossShape ?? (loss.count == 1 ? [] : x.shape), loss, tolerance: tolerance,
                    sourceLocation: sourceLocation)
        try out.sum().backward()
        expectGrad(x.grad, shape: x.shape, inputGrad, tolerance: tolerance, sourceLocation: sourceLocation)
        if let targetGrad { expectGrad(t.grad, shape: t.shape, targetGrad, tolerance: tolerance, sourceLocation: sourceLocation) }
    }
}
