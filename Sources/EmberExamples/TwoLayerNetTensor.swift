import Ember

// MARK: - Tensors

extension Examples {
    /// A two-layer network on random data, its gradients computed by hand (PyTorch's
    /// `two_layer_net_tensor.py`; reference: `Examples/pytorch/two_layer_net_tensor.py`).
    package static func tensors(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let dtype = DType.float32
        let device = Device.cpu

        // N is the batch size; dIn the input dimension; H the hidden dimension; dOut the output dimension.
        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        // Random input and output data.
        let x = Tensor.randn(N, dIn, dtype: dtype, device: device)
        let y = Tensor.randn(N, dOut, dtype: dtype, device: device)

        // Random weights.
        var w1 = Tensor.randn(dIn, H, dtype: dtype, device: device)
        var w2 = Tensor.randn(H, dOut, dtype: dtype, device: device)

        let learningRate = 1e-6
        var losses: [Double] = []
        for t in 0..<iterations {
            // Forward pass: compute predicted y.
            let h = x.mm(w1)
            let hRelu = h.clamp(min: 0)
            let yPred = hRelu.mm(w2)

            // Compute and print the loss.
            let loss = (yPred - y).pow(2).sum().item()
            losses.append(loss)
            if t % 100 == 99 { print(lossLine(t, loss)) }

            // Backprop to compute the gradients of w1 and w2 with respect to the loss.
            let gradYPred = 2.0 * (yPred - y)
            let gradW2 = hRelu.t().mm(gradYPred)
            let gradHRelu = gradYPred.mm(w2.t())
            let gradH = gradHRelu.clone()
            gradH[h .< 0] = 0
            let gradW1 = x.t().mm(gradH)

            // Update the weights by gradient descent.
            w1 -= learningRate * gradW1
            w2 -= learningRate * gradW2
        }
        return losses
    }
}
