import Ember

// MARK: - Autograd

extension Examples {
    /// The two-layer network with autograd computing the gradients (PyTorch's
    /// `two_layer_net_autograd.py`; reference: `Examples/pytorch/two_layer_net_autograd.py`).
    package static func autograd(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let dtype = DType.float32
        let device = Device.cpu

        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn, dtype: dtype, device: device)
        let y = Tensor.randn(N, dOut, dtype: dtype, device: device)

        // requiresGrad: autograd computes the gradients of the weights in the backward pass.
        var w1 = Tensor.randn(dIn, H, dtype: dtype, device: device, requiresGrad: true)
        var w2 = Tensor.randn(H, dOut, dtype: dtype, device: device, requiresGrad: true)

        let learningRate = 1e-6
        var losses: [Double] = []
        for t in 0..<iterations {
            // Forward pass, as with tensors but without keeping the intermediate values.
            let yPred = x.mm(w1).clamp(min: 0).mm(w2)

            // The loss is a tensor of shape []; loss.item() is its value.
            let loss = (yPred - y).pow(2).sum()
            losses.append(loss.item())
            if t % 100 == 99 { print(lossLine(t, loss.item())) }

            // Backward pass: w1.grad and w2.grad now hold the gradients of the loss.
            try loss.backward()

            // Update the weights without recording the update, then zero the gradients.
            withNoGrad {
                w1 -= learningRate * w1.grad!
                w2 -= learningRate * w2.grad!
                w1.grad?.zero_()
                w2.grad?.zero_()
            }
        }
        return losses
    }
}
