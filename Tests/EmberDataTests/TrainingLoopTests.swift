// The training loop of the DataLoading article, with the bar's output captured: it runs, the
// bar reports every epoch, and the loss goes down.

import Ember
import Testing

@Suite struct TrainingLoopTests {
    @Test func theArticlesLoopTrains() throws {
        let g = Generator(seed: 1)
        let x = Tensor.randn([200, 8], generator: g)
        let y = x.sum(dim: 1, keepdim: true)
        let parts = randomSplit(TensorDataset(x, y), fractions: [0.8, 0.2], generator: Generator(seed: 42))
        let (train, test) = (parts[0], parts[1])
        #expect(train.count == 160 && test.count == 40)

        let loader = DataLoader(train, batchSize: 32, shuffle: true, numWorkers: 2, generator: Generator(seed: 0))
        let model = Sequential { Linear(8, 16); ReLU(); Linear(16, 1) }
        // The article's model starts from the global generator, which other suites draw from at the
        // same time: drawn again from this test's own, so that the run is the same every time.
        for p in model.parameters() {
            let bound = 1 / Double(p.dim == 2 ? p.shape[1] : 16).squareRoot()
            Init.uniform_(p, low: -bound, high: bound, generator: g)
        }
        let optimizer = SGD(model.parameters(), lr: 0.01)
        let lossFunction = MSELoss()
        let captured = Captured()

        let testLoader = DataLoader(test, batchSize: 20)
        func testLoss() -> Double {
            withNoGrad { testLoader.map { lossFunction(model($0[0]), $0[1]).item() }.reduce(0, +) / Double(testLoader.count) }
        }
        let before = testLoss()
        for epoch in 1...8 {
            let bar = loader.progress(epoch: epoch, epochs: 8, output: captured.output(terminal: false))
            for batch in bar {
                optimizer.zeroGrad()
                let loss = lossFunction(model(batch[0]), batch[1])
                try loss.backward()
                optimizer.step()
                bar.set(loss: loss)
            }
        }
        let after = testLoss()
        #expect(after < before * 0.75, "test loss \(before) -> \(after)")
        let lines = captured.text.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0.contains("100% 5/5 [") && $0.contains("loss=") })
        #expect(lines.last?.hasPrefix("Epoch 8/8 100% 5/5 [") == true)
    }
}
