import Ember

// MARK: - DynamicNet

/// A network whose forward reuses its middle layer a random 0 to 3 times (the tutorial's
/// `DynamicNet(torch.nn.Module)`).
///
/// The tutorial draws the count with Python's `random.randint(0, 3)`; this draws it from Ember's
/// (PyTorch's) generator with `Tensor.randint`, as the reference script does with
/// `torch.randint(0, 4, (1,))`, so the counts differ from the tutorial's but agree with the
/// reference's. See Note [Matching PyTorch's losses].
final class DynamicNet: Module {
    let inputLinear: Linear
    let middleLinear: Linear
    let outputLinear: Linear

    /// Three Linear layers: input, middle (shared) and output.
    init(_ dIn: Int, _ H: Int, _ dOut: Int) {
        inputLinear = Linear(dIn, H)
        middleLinear = Linear(H, H)
        outputLinear = Linear(H, dOut)
        super.init()
    }

    /// Runs `middleLinear` 0 to 3 times (chosen at random), reusing its weights each time.
    override func forward(_ x: Tensor) -> Tensor {
        var hRelu = inputLinear(x).clamp(min: 0)
        for _ in 0..<Int(Tensor.randint(low: 0, high: 4, [1]).item()) {
            hRelu = middleLinear(hRelu).clamp(min: 0)
        }
        let yPred = outputLinear(hRelu)
        return yPred
    }
}

// MARK: - Dynamic net

extension Examples {
    /// `DynamicNet` trained by `SGD` with momentum (PyTorch's `dynamic_net.py`; reference:
    /// `Examples/pytorch/dynamic_net.py`).
    package static func dynamicNet(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn)
        let y = Tensor.randn(N, dOut)

        let model = DynamicNet(dIn, H, dOut)

        // Plain SGD struggles with this strange model: use momentum.
        let criterion = MSELoss(reduction: .sum)
        let optimizer = SGD(model.parameters(), lr: 1e-4, momentum: 0.9)
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
