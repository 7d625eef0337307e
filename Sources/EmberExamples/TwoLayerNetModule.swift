import Ember

// MARK: - TwoLayerNet

/// Two `Linear` layers with a ReLU between them (the tutorial's `TwoLayerNet(torch.nn.Module)`).
final class TwoLayerNet: Module {
    let linear1: Linear
    let linear2: Linear

    /// Two Linear layers, as stored properties.
    init(_ dIn: Int, _ H: Int, _ dOut: Int) {
        linear1 = Linear(dIn, H)
        linear2 = Linear(H, dOut)
        super.init()
    }

    /// The output for input x, from the member layers and any tensor operations.
    override func forward(_ x: Tensor) -> Tensor {
        let hRelu = linear1(x).clamp(min: 0)
        let yPred = linear2(hRelu)
        return yPred
    }
}

// MARK: - Module

extension Examples {
    /// The two-layer network as a custom `Module`, trained by `SGD` (PyTorch's
    /// `two_layer_net_module.py`; reference: `Examples/pytorch/two_layer_net_module.py`).
    package static func module(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn)
        let y = Tensor.randn(N, dOut)

        let model = TwoLayerNet(dIn, H, dOut)

        // model.parameters() holds the parameters of the two Linear members.
        let criterion = MSELoss(reduction: .sum)
        let optimizer = SGD(model.parameters(), lr: 1e-4)
        var losses: [Double] = []
        for t in 0..<iterations {
            let yPred = model(x)

            let loss = criterion(yPred, y)
            losses.append(loss.item())
            if t % 100 == 99 { print(lossLine(t, loss.item())) }

            optimizer.zeroGrad()
            try loss.backward()
            optimizer.step()
        }
        return losses
    }
}
