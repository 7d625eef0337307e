import Ember

// MARK: - MyReLU

/// ReLU with its own forward and backward (the tutorial's `MyReLU(torch.autograd.Function)`).
enum MyReLU: AutogradFunction {
    /// Saves the input for backward and returns it clamped at 0.
    static func forward(_ ctx: FunctionContext, _ input: Tensor) -> Tensor {
        ctx.saveForBackward(input)
        return input.clamp(min: 0)
    }

    /// The output's gradient where the input is not negative, 0 where it is.
    static func backward(_ ctx: FunctionContext, _ gradOutput: Tensor) -> Tensor {
        let input = ctx.savedTensors[0]
        let gradInput = gradOutput.clone()
        gradInput[input .< 0] = 0
        return gradInput
    }
}

// MARK: - Custom function

extension Examples {
    /// The two-layer network with its ReLU a custom autograd function (PyTorch's
    /// `two_layer_net_custom_function.py`; reference:
    /// `Examples/pytorch/two_layer_net_custom_function.py`).
    package static func customFunction(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let dtype = DType.float32
        let device = Device.cpu

        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn, dtype: dtype, device: device)
        let y = Tensor.randn(N, dOut, dtype: dtype, device: device)

        var w1 = Tensor.randn(dIn, H, dtype: dtype, device: device, requiresGrad: true)
        var w2 = Tensor.randn(H, dOut, dtype: dtype, device: device, requiresGrad: true)

        let learningRate = 1e-6
        var losses: [Double] = []
        for t in 0..<iterations {
            // apply runs the function and records it for the backward pass.
            let relu: (Tensor) -> Tensor = MyReLU.apply

            let yPred = relu(x.mm(w1)).mm(w2)

            let loss = (yPred - y).pow(2).sum()
            losses.append(loss.item())
            if t % 100 == 99 { print(lossLine(t, loss.item())) }

            try loss.backward()

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
