import Ember
import Foundation

// MARK: - Digits: a small CNN on real data

/// What `digits` reports: the loss of every epoch, the test accuracy before and after the
/// checkpoint round trip.
package struct DigitsReport: Sendable {
    /// The mean training loss of each epoch.
    package var epochLosses: [Double]
    /// The fraction of test images classified correctly after training.
    package var testAccuracy: Double
    /// The same, by a fresh model loaded from the saved checkpoint.
    package var reloadedAccuracy: Double
}

extension Examples {
    /// The 8x8 handwritten digits scikit-learn ships (E. Alpaydin and C. Kaynak, UCI Machine
    /// Learning Repository, CC BY 4.0), made into `Resources/digits.u8` by `Scripts/make-digits.py`:
    /// images `[1797, 1, 8, 8]` scaled to `0...1` and labels `[1797]`.
    package static func digitsData() throws -> (images: Tensor, labels: Tensor) {
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "u8") else {
            throw TensorError.runtime("digits.u8 is missing from the EmberExamples bundle")
        }
        let bytes = [UInt8](try Data(contentsOf: url))
        let count = bytes.count / 65
        guard count * 65 == bytes.count, count > 0 else { throw TensorError.runtime("digits.u8 is damaged") }
        var pixels = [Float](), labels = [Int64]()
        pixels.reserveCapacity(count * 64)
        labels.reserveCapacity(count)
        for i in 0..<count {
            let record = bytes[(i * 65)..<(i * 65 + 65)]
            pixels += record.prefix(64).map { Float($0) / 16 }
            labels.append(Int64(record.last!))
        }
        return (Tensor(shape: [count, 1, 8, 8], data: pixels), Tensor(shape: [count], data: labels))
    }

    /// The digits CNN (Conv2d, BatchNorm2d, ReLU, MaxPool2d twice, then Linear): `digits_cnn_step`'s
    /// network.
    package static func digitsModel() -> Sequential {
        Sequential(
            Conv2d(1, 16, kernelSize: 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2),
            Conv2d(16, 32, kernelSize: 3, padding: 1), BatchNorm2d(32), ReLU(), MaxPool2d(2),
            Flatten(), Linear(32 * 2 * 2, 10))
    }

    /// The fraction of `images` that `model` (in eval mode) labels correctly.
    package static func accuracy(_ model: Module, _ images: Tensor, _ labels: Tensor) -> Double {
        model.eval()
        defer { model.train() }
        let predicted = withNoGrad { model(images).argmax(dim: 1) }
        return (predicted .== labels).to(.float64).mean().item()
    }

    /// Trains the digits CNN for `epochs` epochs on a seeded 80/20 split (1,437 training and 360
    /// test images), batches of 64 shuffled in PyTorch's order, SGD with momentum; shows a
    /// progress bar per epoch on `progress` and prints each
    /// epoch's loss and the test accuracy through `print`.
    /// The trained weights are then saved to `checkpoint` as a safetensors file (which PyTorch's
    /// `safetensors.torch.load_file` reads), loaded into a fresh model and evaluated again.
    package static func digits(epochs: Int = 10, checkpoint: URL, progress: ProgressOutput = .standardError,
                               print: (String) -> Void) throws -> DigitsReport {
        manualSeed(0)
        let (images, labels) = try digitsData()
        let parts = randomSplit(TensorDataset(images, labels), lengths: [1437, 360], generator: Generator(seed: 0))
        let (train, test) = (parts[0], parts[1])
        let testImages = images.indexSelect(dim: 0, index: Tensor(test.indices.map(Int64.init)))
        let testLabels = labels.indexSelect(dim: 0, index: Tensor(test.indices.map(Int64.init)))

        let loader = DataLoader(train, batchSize: 64, shuffle: true, generator: Generator(seed: 1))
        let model = digitsModel()
        let optimizer = SGD(model.parameters(), lr: 0.05, momentum: 0.9)
        let lossFunction = CrossEntropyLoss()
        var epochLosses: [Double] = []
        for epoch in 1...max(epochs, 1) where epochs > 0 {
            let bar = loader.progress(epoch: epoch, epochs: epochs, output: progress)
            var total = 0.0, batches = 0
            for batch in bar {
                let loss = lossFunction(model(batch[0]), batch[1])
                optimizer.zeroGrad()
                try loss.backward()
                optimizer.step()
                bar.set(loss: loss)
                total += loss.item()
                batches += 1
            }
            epochLosses.append(total / Double(max(batches, 1)))
            print("epoch \(epoch): loss \(pythonRepr(epochLosses.last!))")
        }
        let testAccuracy = accuracy(model, testImages, testLabels)
        print("test accuracy: \(String(format: "%.2f", testAccuracy * 100))% of \(testLabels.numel) images")

        try Safetensors.save(model.stateDict(), to: checkpoint, metadata: ["example": "ember-examples digits"])
        let reloaded = digitsModel()
        try reloaded.loadStateDict(Safetensors.load(from: checkpoint))
        let reloadedAccuracy = accuracy(reloaded, testImages, testLabels)
        print("saved \(checkpoint.path); reloaded, test accuracy: \(String(format: "%.2f", reloadedAccuracy * 100))%")
        return DigitsReport(epochLosses: epochLosses, testAccuracy: testAccuracy, reloadedAccuracy: reloadedAccuracy)
    }
}
