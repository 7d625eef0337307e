import Ember

// MARK: - Net

/// A backbone (`Linear` and ReLU) and a `Linear` head; `head` is a `var` so that it can be
/// replaced by assignment (`model.head = nn.Linear(...)`).
final class FineTuneNet: Module {
    let backbone: Sequential
    var head: Linear

    /// A backbone from `dIn` to `H` and a head from `H` to `dOut`.
    init(_ dIn: Int, _ H: Int, _ dOut: Int) {
        backbone = Sequential(Linear(dIn, H), ReLU())
        head = Linear(H, dOut)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor { head(backbone(x)) }
}

// MARK: - Fine-tune

extension Examples {
    /// Fine-tuning with a frozen backbone: freeze every parameter, replace the head by
    /// assignment, and optimize only the new head's parameters (reference:
    /// `Examples/pytorch/fine_tune.py`).
    package static func fineTune(iterations: Int = 500, print: (String) -> Void) throws -> [Double] {
        manualSeed(0)
        let (N, dIn, H, dOut) = (64, 1000, 100, 10)

        let x = Tensor.randn(N, dIn)
        let y = Tensor.randn(N, dOut)

        let model = FineTuneNet(dIn, H, dOut)

        // Freeze the whole model, then give it a new head: a new layer's parameters require grad.
        model.requiresGrad_(false)
        model.head = Linear(H, dOut)
        let trainable = model.namedParameters().filter { $0.parameter.requiresGrad }.map(\.name)
        print("trainable: " + trainable.joined(separator: ", "))

        let backboneBefore = model.backbone.parameters().map { $0.clone() }
        let criterion = MSELoss(reduction: .sum)
        // Only the head's parameters are optimized.
        let optimizer = SGD(model.head.parameters(), lr: 1e-4)
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

        // torch.equal: the same shape and the same elements.
        let unchanged = zip(model.backbone.parameters(), backboneBefore).allSatisfy { p, p0 in
            p.shape == p0.shape && (p .== p0).all().item() == 1
        }
        print("backbone unchanged: " + (unchanged ? "True" : "False"))
        return losses
    }
}
