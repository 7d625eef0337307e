// Training steps and optimizer overhead (Benchmarks/README.md: mlp_seed_adam_step,
// mlp_seed_sgd_momentum_step, mlp_wide_train_step, optim_many_small_adam, lstm_seq): the seed
// tutorial's two-layer network and a wider classifier, one forward, zeroGrad, backward and step per
// call; an LSTM's forward and backward over a sequence. mlp_wide_train_step also runs on CUDA.

import Ember

extension Workloads {
    static var training: [Workload] {
        [
            Workload("mlp_seed_adam_step", .microsecondsPerIteration) {
                seedMLP { Adam($0, lr: 1e-4) }
            },
            Workload("mlp_seed_sgd_momentum_step", .microsecondsPerIteration) {
                seedMLP { SGD($0, lr: 1e-4, momentum: 0.9) }
            },
            Workload("mlp_wide_train_step", .microsecondsPerIteration, onAnyDevice: { device in
                // Made on the CPU, then moved (the optimizer takes the moved parameters).
                let x = Tensor.randn(256, 784).to(device), y = Tensor.randint(low: 0, high: 10, [256]).to(device)
                let model = Sequential(Linear(784, 512), ReLU(), Linear(512, 512), ReLU(), Linear(512, 10))
                    .to(device: device)
                let lossFunction = CrossEntropyLoss()
                return trainStep(model, SGD(model.parameters(), lr: 0.01, momentum: 0.9), x) { lossFunction($0, y) }
            }),
            Workload("digits_cnn_step", .microsecondsPerIteration) {
                // The digits example's CNN on a batch of 64 8x8 images: one SGD step.
                let model = Sequential(
                    Conv2d(1, 16, kernelSize: 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2),
                    Conv2d(16, 32, kernelSize: 3, padding: 1), BatchNorm2d(32), ReLU(), MaxPool2d(2),
                    Flatten(), Linear(32 * 2 * 2, 10))
                let x = Tensor.randn(64, 1, 8, 8), y = Tensor.randint(low: 0, high: 10, [64])
                let lossFunction = CrossEntropyLoss()
                return trainStep(model, SGD(model.parameters(), lr: 0.01, momentum: 0.9), x) { lossFunction($0, y) }
            },
            Workload("optim_many_small_adam", .microsecondsPerIteration) {
                // optimizer.step() alone over 200 parameters of 64 elements (the per-parameter overhead).
                let params = (0..<200).map { _ in Tensor.randn(64, requiresGrad: true) }
                for p in params { p.grad = Tensor.randn(64) }
                let optimizer = Adam(params, lr: 1e-3)
                return { optimizer.step() }
            },
            Workload("lstm_seq", .millisecondsPerIteration) {
                // LSTM(128, 256) over 64 steps of a batch of 32, forward and `output.sum().backward()`.
                let lstm = LSTM(128, 256)
                let x = Tensor.randn(64, 32, 128, requiresGrad: true)
                return { try lstm(x).sum().backward() }
            },
            Workload("attention_block", .millisecondsPerIteration) {
                let layer = TransformerEncoderLayer(dModel: 256, nhead: 8, dimFeedforward: 1024, dropout: 0,
                                                    batchFirst: true)
                let x = Tensor.randn([32, 64, 256], requiresGrad: true)
                return { try layer(x).sum().backward() }
            },
        ]
    }

    /// One training step: forward, loss, `zeroGrad`, backward, `step` (torch_reference.py's `train_step`).
    private static func trainStep<Options>(
        _ model: Module, _ optimizer: Optimizer<Options>, _ x: Tensor, loss: @escaping (Tensor) -> Tensor
    ) -> () throws -> Void {
        {
            let value = loss(model(x))
            optimizer.zeroGrad()
            try value.backward()
            optimizer.step()
        }
    }

    /// The seed tutorial's network: x [64, 1000], y [64, 10]; Linear(1000, 100), ReLU, Linear(100, 10);
    /// MSELoss(sum) (torch_reference.py's `seed_mlp`).
    private static func seedMLP<Options>(_ makeOptimizer: ([Tensor]) -> Optimizer<Options>) -> () throws -> Void {
        let x = Tensor.randn(64, 1000), y = Tensor.randn(64, 10)
        let model = Sequential(Linear(1000, 100), ReLU(), Linear(100, 10))
        let lossFunction = MSELoss(reduction: .sum)
        return trainStep(model, makeOptimizer(model.parameters()), x) { lossFunction($0, y) }
    }
}
