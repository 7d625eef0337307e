import Ember

// MARK: - optim

extension Examples {
    /// The `Sequential` network trained by `Adam` (PyTorch's `two_layer_net_optim.py`;
    /// reference: `Examples/pytorch/two_layer_net_optim.py`).
    package static func optim(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn)
        let y = Tensor.randn(N, dOut)

        let model = Sequential(
            Linear(dIn, H),
            ReLU(),
            Linear(H, dOut)
        )
        let lossFunction = MSELoss(reduction: .sum)

        // Adam updates the model's parameters.
        let learningRate = 1e-4
        let optimizer = Adam(model.parameters(), lr: learningRate)
        var losses: [Double] = []
        for t in 0..<iterations {
            let yPred = model(x)

            let loss = lossFunction(yPred, y)
            losses.append(loss.item())
            if t % 100 == 99 { print(lossLine(t, loss.item())) }

            // Zero the gradients, backpropagate, and let the optimizer update the parameters.
            optimizer.zeroGrad()
            try loss.backward()
            optimizer.step()
        }
        return losses
    }
}
