// AutogradFieldsTests.swift
//
// The autograd fields a tensor has before any operation records a graph: `requiresGrad`,
// `isLeaf`, `grad`, `gradFn`, `retainGrad`/`retainsGrad`, `detach`, `Parameter`, the in-place
// checks on leaves, and grad mode (`withNoGrad`, `withGrad(enabled:)`, `isGradEnabled`).
// Expected behaviour is PyTorch 2.15's (its autograd rules, and the same calls run in Python).

import Foundation
import Testing
import Ember
import EmberTestSupport

@Suite struct AutogradFieldTests {
    @Test func plainTensor() {
        let t = Tensor.ones(2)
        #expect(!t.requiresGrad)
        #expect(t.isLeaf)
        #expect(t.grad == nil)
        #expect(t.gradFn == nil)
        #expect(!t.retainsGrad)
    }

    @Test func leafRequiringGrad() {
        let t = Tensor(2.0, requiresGrad: true)
        #expect(t.requiresGrad)
        #expect(t.isLeaf)
        #expect(t.grad == nil)
        #expect(t.gradFn == nil)
        // retain_grad() on a leaf does nothing: `retains_grad` stays False.
        t.retainGrad()
        #expect(!t.retainsGrad)
    }

    @Test func requiresGradSetterAndMethod() {
        let t = Tensor([1.0, 2])
        let r = t.requiresGrad_()
        #expect(r === t)
        #expect(t.requiresGrad)
        t.requiresGrad_(false)
        #expect(!t.requiresGrad)
        t.requiresGrad = true
        #expect(t.requiresGrad)
        t.requiresGrad = false
        #expect(!t.requiresGrad)
        #expect(t.isLeaf)
        // float64 works too; int64 may be set to False (`requires_grad_(False)` is allowed).
        #expect(Tensor([1.0], dtype: .float64).requiresGrad_().requiresGrad)
        let i = Tensor([1, 2])
        expectNoTensorError { i.requiresGrad_(false) }
        expectNoTensorError { i.requiresGrad = false }
        #expect(!i.requiresGrad)
    }

    @Test func integerTensorsCannotRequireGrad() {
        expectTensorError(.runtimeError, "Only Tensors of floating point and complex dtype can require gradients") {
            _ = Tensor([1, 2], requiresGrad: true)
        }
        expectTensorError(.runtimeError, "only Tensors of floating point dtype can require gradients") {
            Tensor([1, 2]).requiresGrad_()
        }
        expectTensorError(.runtimeError, "only Tensors of floating point dtype can require gradients") {
            Tensor([1, 2], dtype: .int32).requiresGrad_(true)
        }
    }

    @Test func retainGradNeedsRequiresGrad() {
        expectTensorError(.runtimeError, "can't retain_grad on Tensor that has requires_grad=False") {
            Tensor.ones(2).retainGrad()
        }
    }

    @Test func gradAssignment() {
        let t = Tensor.ones(2, requiresGrad: true)
        let g = Tensor([0.5, -1])
        t.grad = g
        #expect(t.grad === g)
        t.grad = nil
        #expect(t.grad == nil)
        // A tensor that does not require grad can hold a grad too (PyTorch allows it).
        let u = Tensor.ones(2)
        u.grad = Tensor.zeros(2)
        #expect(u.grad != nil)
        expectTensorError(.runtimeError,
            "attempting to assign a gradient of size '[3]' to a tensor of size '[2]'. Please ensure that the gradient and the tensor are the same size"
        ) { t.grad = Tensor.zeros(3) }
        #expect(t.grad == nil, "a refused grad is not stored")
    }

    @Test func detachDropsRequiresGrad() {
        let t = Tensor.ones(2, requiresGrad: true)
        let d = t.detach()
        #expect(!d.requiresGrad)
        #expect(d.isLeaf)
        #expect(d.grad == nil)
        #expect(sharesStorage(d, t))
    }

    /// Factories that take `requiresGrad` give leaves.
    @Test func factoryLeaves() {
        let ts = [Tensor.zeros(2, requiresGrad: true), Tensor.ones(2, 2, dtype: .float64, requiresGrad: true),
                  Tensor.empty(3, requiresGrad: true), Tensor.eye(2, requiresGrad: true),
                  Tensor(shape: [2], data: [1.0, 2] as [Double], requiresGrad: true)]
        for t in ts {
            #expect(t.requiresGrad && t.isLeaf && t.grad == nil && t.gradFn == nil)
        }
    }

    @Test func parameter() {
        let p = Parameter(Tensor.ones(2))
        #expect(p.requiresGrad)
        #expect(p.isLeaf)
        #expect(p.grad == nil)
        let q = Parameter(Tensor.ones(2), requiresGrad: false)
        #expect(!q.requiresGrad)
        // A parameter shares the tensor's storage.
        let t = Tensor.zeros(3)
        let r = Parameter(t)
        #expect(sharesStorage(r, t))
        // Parameter of an int64 tensor that does not require grad is fine.
        expectNoTensorError { _ = Parameter(Tensor.ones(2, dtype: .int64), requiresGrad: false) }
        expectTensorError(.runtimeError, "Only Tensors of floating point and complex dtype can require gradients") {
            _ = Parameter(Tensor.ones(2, dtype: .int64))
        }
    }
}

@Suite struct InPlaceOnLeafTests {
    @Test func inPlaceOnLeafRequiringGradStops() {
        let t = Tensor.ones(2, requiresGrad: true)
        expectTensorError(.runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            t.fill_(3)
        }
        expectTensorError(.runtimeError,
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        ) { t[0].fill_(3) }
        expectTensorError(.runtimeError,
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        ) { t[1] = 5 }
        expectTensor(t, shape: [2], values: [1, 1])
        #expect(t.version == 0)
    }

    /// Under `torch.no_grad()` the leaf may be written in place:
    /// `with no_grad(): x.fill_(3); x[0] = 5; x.zero_()` gives `tensor([0., 0.], requires_grad=True)`.
    @Test func inPlaceOnLeafUnderNoGrad() {
        let t = Tensor.ones(2, requiresGrad: true)
        withNoGrad {
            t.fill_(3)
            t[0] = 5
            expectTensor(t, shape: [2], values: [5, 3])
            t.zero_()
        }
        #expect(t.description == "tensor([0., 0.], requires_grad=True)")
        #expect(t.requiresGrad)
        #expect(t.version == 3)
    }

    /// After `requiresGrad = false` the tensor can be written again.
    @Test func inPlaceAfterTurningOff() {
        let t = Tensor.ones(2, requiresGrad: true)
        t.requiresGrad = false
        t.fill_(2)
        expectTensor(t, shape: [2], values: [2, 2])
    }
}

@Suite struct GradModeTests {
    @Test func nesting() {
        #expect(isGradEnabled)
        withNoGrad {
            #expect(!isGradEnabled)
            withGrad(enabled: true) {
                #expect(isGradEnabled)
                withNoGrad { #expect(!isGradEnabled) }
                #expect(isGradEnabled)
            }
            #expect(!isGradEnabled)
            withNoGrad { #expect(!isGradEnabled) }
            #expect(!isGradEnabled)
        }
        #expect(isGradEnabled)
        withGrad(enabled: false) { #expect(!isGradEnabled) }
        withGrad(enabled: true) { #expect(isGradEnabled) }
        #expect(isGradEnabled)
    }

    @Test func returnsBodyValue() {
        let v = withNoGrad { 42 }
        #expect(v == 42)
        let t = withGrad(enabled: false) { Tensor.ones(2) }
        #expect(t.shape == [2])
    }

    /// A thrown error leaves the mode as it was.
    @Test func restoresModeOnThrow() {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try withNoGrad {
                #expect(!isGradEnabled)
                throw Stop()
            }
        }
        #expect(isGradEnabled)
    }

    /// Grad mode is per thread, as in PyTorch: a new thread starts with it enabled.
    @Test func perThread() async {
        let seenOnOtherThread: Bool = withNoGrad {
            let box = ResultBox()
            let thread = Thread { box.value = isGradEnabled; box.done.signal() }
            thread.start()
            box.done.wait()
            return box.value
        }
        #expect(seenOnOtherThread)
        #expect(isGradEnabled)
    }
}

private final class ResultBox: @unchecked Sendable {
    var value = false
    let done = DispatchSemaphore(value: 0)
}
