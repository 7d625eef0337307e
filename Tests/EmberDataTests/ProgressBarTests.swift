// The progress bar's text in a terminal (one line redrawn with \r) and elsewhere (plain lines),
// with an injected clock and output, so the text is exact and no test waits.

import Ember
import EmberData
import Testing

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    var now: Double
    init(_ now: Double) { self.now = now }
    func read() -> Double { now }
}

/// Collects what a bar writes.
final class Captured: @unchecked Sendable {
    var text = ""
    func output(terminal: Bool) -> ProgressOutput {
        ProgressOutput(isTerminal: terminal) { [self] in text += $0 }
    }
}

@Suite struct ProgressBarTests {
    @Test func terminalRedrawsOneLine() {
        let clock = ManualClock(100)
        let captured = Captured()
        let bar = ["a", "b", "c", "d"].progress(epoch: 1, epochs: 2, output: captured.output(terminal: true),
                                                clock: clock.read)
        let losses = [1.0, 0.5, 0.25, 0.25]
        var seen: [String] = []
        for (i, element) in bar.enumerated() {
            seen.append(element)
            clock.now += 0.5
            bar.set(loss: losses[i])
        }
        #expect(seen == ["a", "b", "c", "d"])
        #expect(bar.completed == 4)
        #expect(bar.meanLoss == 0.5)
        let full = "\u{2588}"
        #expect(captured.text == [
            "\rEpoch 1/2   0%|                    | 0/4 [00:00<?, ?it/s]",
            "\rEpoch 1/2  25%|" + String(repeating: full, count: 5) + String(repeating: " ", count: 15)
                + "| 1/4 [00:00<00:01, 2.00it/s, loss=1.0000]",
            "\rEpoch 1/2  50%|" + String(repeating: full, count: 10) + String(repeating: " ", count: 10)
                + "| 2/4 [00:01<00:01, 2.00it/s, loss=0.7500]",
            "\rEpoch 1/2  75%|" + String(repeating: full, count: 15) + String(repeating: " ", count: 5)
                + "| 3/4 [00:01<00:00, 2.00it/s, loss=0.5833]",
            "\rEpoch 1/2 100%|" + String(repeating: full, count: 20) + "| 4/4 [00:02<00:00, 2.00it/s, loss=0.5000]\n",
        ].joined())
    }

    @Test func terminalRedrawsAtMostEveryRefreshInterval() {
        let clock = ManualClock(0)
        let captured = Captured()
        let bar = Array(0..<10).progress(output: captured.output(terminal: true), refreshInterval: 1, clock: clock.read)
        for _ in bar { clock.now += 0.25 }
        // The first draw, one a second (after 4, then 8 elements), and the last.
        #expect(captured.text.split(separator: "\r").map(String.init) == [
            "  0%|                    | 0/10 [00:00<?, ?it/s]",
            " 40%|\(String(repeating: "\u{2588}", count: 8))            | 4/10 [00:01<00:01, 4.00it/s]",
            " 80%|\(String(repeating: "\u{2588}", count: 16))    | 8/10 [00:02<00:00, 4.00it/s]",
            "100%|\(String(repeating: "\u{2588}", count: 20))| 10/10 [00:02<00:00, 4.00it/s]\n",
        ])
    }

    @Test func terminalPadsAShorterLine() {
        let clock = ManualClock(0)
        let captured = Captured()
        let bar = [1, 2].progress(output: captured.output(terminal: true), clock: clock.read)
        for i in bar {
            clock.now += 1
            bar.set("note", i == 1 ? 123_456_789 : 1)
        }
        let lines = captured.text.split(separator: "\r").map(String.init)
        #expect(lines == [
            "  0%|                    | 0/2 [00:00<?, ?it/s]",
            " 50%|\(String(repeating: "\u{2588}", count: 10))          | 1/2 [00:01<00:01, 1.00it/s, note=1.235e+08]",
            "100%|\(String(repeating: "\u{2588}", count: 20))| 2/2 [00:02<00:00, 1.00it/s, note=1.0000]   \n",
        ])
    }

    @Test func plainLinesWhenNotATerminal() {
        let clock = ManualClock(0)
        let captured = Captured()
        let bar = Array(0..<30).progress(epoch: 3, output: captured.output(terminal: false), clock: clock.read)
        for _ in bar {
            clock.now += 1
            bar.set(loss: 2)
            bar.set("lr", 0.01)
        }
        #expect(captured.text == """
            Epoch 3  33% 10/30 [00:10<00:20, 1.00it/s, loss=2.0000, lr=0.0100]
            Epoch 3  66% 20/30 [00:20<00:10, 1.00it/s, loss=2.0000, lr=0.0100]
            Epoch 3 100% 30/30 [00:30<00:00, 1.00it/s, loss=2.0000, lr=0.0100]

            """)
    }

    @Test func withoutATotal() {
        let clock = ManualClock(0)
        let captured = Captured()
        let stream = sequence(first: 1) { $0 < 3 ? $0 + 1 : nil }
        let bar = stream.progress(label: "train", output: captured.output(terminal: false), refreshInterval: 2,
                                  clock: clock.read)
        for _ in bar { clock.now += 4 }
        #expect(bar.total == nil)
        #expect(captured.text == """
            train 1 [00:04, 4.00s/it]
            train 2 [00:08, 4.00s/it]
            train 3 [00:12, 4.00s/it]

            """)
    }

    @Test func aLoaderShowsItsBatchCountAndTensorLosses() {
        let clock = ManualClock(0)
        let captured = Captured()
        let loader = DataLoader(TensorDataset(Tensor.arange(10.0)), batchSize: 4)
        let bar = loader.progress(epoch: 1, output: captured.output(terminal: false), refreshInterval: 100, clock: clock.read)
        #expect(bar.total == 3)
        for batch in bar {
            clock.now += 2
            bar.set(loss: batch[0].sum())
        }
        // Losses 6, 22 and 17: mean 15.
        #expect(captured.text == "Epoch 1 100% 3/3 [00:06<00:00, 2.00s/it, loss=15.0000]\n")
    }

    @Test func leavingTheLoopEarlyEndsTheLineWhenTheBarGoes() {
        let clock = ManualClock(0)
        let captured = Captured()
        do {
            let bar = Array(0..<4).progress(output: captured.output(terminal: true), refreshInterval: 100, clock: clock.read)
            for i in bar {
                clock.now += 1
                if i == 1 { break }
            }
            withExtendedLifetime(bar) { #expect(!captured.text.hasSuffix("\n")) }
        }
        #expect(captured.text.hasSuffix("| 1/4 [00:02<00:06, 2.00s/it]\n"))
    }

    @Test func longTimes() {
        let clock = ManualClock(0)
        let captured = Captured()
        let bar = Array(0..<2).progress(output: captured.output(terminal: false), clock: clock.read)
        for _ in bar { clock.now += 3725 }
        #expect(captured.text == """
             50% 1/2 [1:02:05<1:02:05, 3725.00s/it]
            100% 2/2 [2:04:10<00:00, 3725.00s/it]

            """)
    }
}
