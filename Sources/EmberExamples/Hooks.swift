import Ember

// MARK: - Hooks

extension Examples {
    /// A forward hook keeping an intermediate activation, and a tensor hook halving a gradient
    /// before it is accumulated (reference: `Examples/pytorch/hooks.py`).
    package static func hooks(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn)
        let y = Tensor.randn(N, dOut)

        // model[1] and model[2] of PyTorch's script, named (built in the same order).
        let (linear1, relu, linear2) = (Linear(dIn, H), ReLU(), Linear(H, dOut))
        let model = Sequential(linear1, relu, linear2)

        // A forward hook on the ReLU keeps its latest output: the hidden activation.
        var captured: Tensor?
        let handle = relu.registerForwardHook { _, _, outputs in
            captured = outputs[0].detach()
            return nil
        }

        // A tensor hook halves the output layer's weight gradient before it is accumulated.
        linear2.weight.registerHook { grad in grad * 0.5 }

        let lossFunction = MSELoss(reduction: .sum)
        let optimizer = SGD(model.parameters(), lr: 1e-4)
        var losses: [Double] = []
        for t in 0..<iterations {
            let yPred = model(x)

            let loss = lossFunction(yPred, y)
            losses.append(loss.item())
            if t % 100 == 99, let hidden = captured {
                let active = Int((hidden .> 0).sum().item())
                print(lossLine(t, loss.item()) + " hidden: \(hidden.shape) active: \(active)")
            }

            optimizer.zeroGrad()
            try loss.backward()
            optimizer.step()
        }

        handle.remove()
        return losses
    }
}
