import Ember

// MARK: - nn

extension Examples {
    /// The two-layer network as `Sequential`, its parameters updated by hand under no-grad
    /// (PyTorch's `two_layer_net_nn.py`; reference: `Examples/pytorch/two_layer_net_nn.py`).
    package static func nn(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn)
        let y = Tensor.randn(N, dOut)

        // The model as a sequence of layers; each Linear holds its weight and bias.
        let model = Sequential(
            Linear(dIn, H),
            ReLU(),
            Linear(H, dOut)
        )

        // The sum of squared errors.
        let lossFunction = MSELoss(reduction: .sum)

        let learningRate = 1e-4
        var losses: [Double] = []
        for t in 0..<iterations {
            let yPred = model(x)

            let loss = lossFunction(yPred, y)
            losses.append(loss.item())
            if t % 100 == 99 { print(lossLine(t, loss.item())) }

            // Zero the gradients, then compute the gradients of every learnable parameter.
            model.zeroGrad()
            try loss.backward()

            // Gradient descent on each parameter, without recording it.
            withNoGrad {
                for param in model.parameters() {
                    param.sub_(learningRate * param.grad!)
                }
            }
        }
        return losses
    }
}
