// DigitsTests.swift
//
// `ember-examples digits` with fewer epochs: the data as scikit-learn ships it, the loss going
// down and the test accuracy. The class counts are those of
// `numpy.bincount(sklearn.datasets.load_digits().target)`.

import Ember
import Foundation
import EmberTestSupport
import Testing
@testable import EmberExamples

/// Collects the progress bar's text.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ s: String) { lock.withLock { text += s } }
    var contents: String { lock.withLock { text } }
}

@Suite struct DigitsTests {
    @Test("the data: 1,797 images of 8x8 pixels in 0...1, scikit-learn's class counts")
    func data() throws {
        let (images, labels) = try Examples.digitsData()
        #expect(images.shape == [1797, 1, 8, 8])
        #expect(images.min().item() == 0 && images.max().item() == 1)
        let counts = (0..<10).map { (labels .== Tensor(Int64($0))).sum().item(as: Int64.self) }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    }

    @Test("three epochs: the loss goes down, the test accuracy is high, the checkpoint reloads, the progress bar shows")
    func training() throws {
        let log = ProgressLog()
        var printed: [String] = []
        let checkpoint = FileManager.default.temporaryDirectory.appendingPathComponent("digits-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: checkpoint) }
        let report = try Examples.digits(epochs: 3, checkpoint: checkpoint,
                                         progress: ProgressOutput(isTerminal: false) { log.append($0) }) {
            printed.append($0)
        }
        #expect(report.epochLosses.count == 3)
        #expect(report.epochLosses[2] < report.epochLosses[0])
        #expect(report.testAccuracy > 0.85)
        // The reloaded model (BatchNorm's running statistics included) classifies as the trained one.
        #expect(report.reloadedAccuracy == report.testAccuracy)
        #expect(try Safetensors.load(from: checkpoint).keys.contains("1.running_mean"))
        #expect(printed.contains { $0.hasPrefix("test accuracy: ") })
        #expect(log.contents.contains("Epoch 1/3") && log.contents.contains("Epoch 3/3"))
    }
}
