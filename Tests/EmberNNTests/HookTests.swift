// HookTests.swift
//
// Forward-pre and forward hooks: what they see, how they replace inputs and outputs, their order
// and their removal. The expected values are computed by hand from the inputs.

import Testing
import Ember
import EmberTestSupport

@Suite struct HookTests {
    /// A forward hook captures an intermediate activation of a Sequential (the hook tutorial's use).
    @Test func captureActivation() {
        let relu = ReLU()
        let model = Sequential(Identity(), relu, Identity())
        var captured: [Tensor] = []
        var seenModule: Module?
        let handle = relu.registerForwardHook { module, inputs, outputs in
            seenModule = module
            captured.append(contentsOf: outputs)
            return nil
        }
        _ = model(Tensor([-1.0, 2.0]))
        #expect(seenModule === relu)
        #expect(captured.count == 1)
        expectTensor(captured[0], shape: [2], values: [0, 2])
        handle.remove()
        _ = model(Tensor([3.0]))
        #expect(captured.count == 1)
        handle.remove()  // a second removal does nothing
    }

    @Test func replacementsAndOrder() {
        let relu = ReLU()
        var order: [String] = []
        relu.registerForwardPreHook { _, x in order.append("pre1"); return [x[0] * 2] }
        relu.registerForwardPreHook { _, x in order.append("pre2"); return nil }
        relu.registerForwardHook { _, inputs, outputs in
            order.append("post1")
            // The hook sees the input the pre-hooks made.
            #expect(inputs.count == 1 && inputs[0].scalars(as: Double.self) == [-2, 4])
            return [outputs[0] + 1]
        }
        relu.registerForwardHook { _, _, outputs in order.append("post2"); return [outputs[0] * 10] }
        expectTensor(relu(Tensor([-1.0, 2.0])), shape: [2], values: [10, 50])
        #expect(order == ["pre1", "pre2", "post1", "post2"])
        // forward alone runs no hook.
        expectTensor(relu.forward(Tensor([-1.0, 2.0])), shape: [2], values: [0, 2])
    }
}
