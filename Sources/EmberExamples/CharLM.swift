import Ember
import Foundation

// MARK: - CharLM: a character-level LSTM language model

/// An embedding, an LSTM and a linear head over characters.
final class CharModel: Module {
    let embedding: Embedding
    let lstm: LSTM
    let head: Linear

    init(vocabulary: Int, embedding dim: Int, hidden: Int) {
        embedding = Embedding(vocabulary, dim)
        lstm = LSTM(dim, hidden, batchFirst: true)
        head = Linear(hidden, vocabulary)
        super.init()
    }

    /// Logits `[B, T, vocabulary]` for character indices `[B, T]`, and the LSTM's final state.
    func forward(_ x: Tensor, state: (h: Tensor, c: Tensor)?) -> (logits: Tensor, state: (h: Tensor, c: Tensor)) {
        let (output, next) = lstm.forward(embedding(x), hx: state)
        return (head(output), next)
    }

    override func forward(_ x: Tensor) -> Tensor { forward(x, state: nil).logits }
}

/// What `charLM` reports.
package struct CharLMReport: Sendable {
    /// The cross-entropy (nats per character) on a held-out batch before training.
    package var lossBefore: Double
    /// The same after training.
    package var lossAfter: Double
    /// Text sampled from the trained model after the prompt.
    package var sample: String
}

extension Examples {
    /// The text of `charlm`: Ember's optimizer sources (MIT), made by `Scripts/make-charlm-text.py`.
    package static func charLMText() throws -> String {
        guard let url = Bundle.module.url(forResource: "charlm", withExtension: "txt") else {
            throw TensorError.runtime("charlm.txt is missing from the EmberExamples bundle")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Trains a character-level LSTM on `charLMText()` for `steps` steps of Adam on 32 random
    /// windows of 64 characters, prints the held-out loss before and after and every 50 steps,
    /// then samples `sampleLength` characters after the prompt `"public func "` (temperature 0.8).
    package static func charLM(steps: Int = 300, hidden: Int = 128, sampleLength: Int = 200,
                               print: (String) -> Void) throws -> CharLMReport {
        manualSeed(0)
        let text = Array(try charLMText().unicodeScalars)
        let vocabulary = Array(Set(text)).sorted { $0.value < $1.value }
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, Int64($0)) })
        let data = Tensor(shape: [text.count], data: text.map { index[$0]! })
        let (batch, length) = (32, 64)
        // The last tenth is held out.
        let split = text.count * 9 / 10

        func windows(from low: Int, to high: Int, generator: Generator? = nil) -> (x: Tensor, y: Tensor) {
            let starts = Tensor.randint(low: low, high: high - length - 1, [batch, 1], generator: generator)
            let positions = starts + Tensor.arange(length).unsqueeze(dim: 0)
            return (data.take(positions), data.take(positions + 1))
        }
        let model = CharModel(vocabulary: vocabulary.count, embedding: 32, hidden: hidden)
        let optimizer = Adam(model.parameters(), lr: 0.005)
        let held = windows(from: split, to: text.count, generator: Generator(seed: 1))
        func heldOutLoss() -> Double {
            withNoGrad {
                Functional.crossEntropy(model(held.x).reshape([-1, vocabulary.count]), held.y.reshape([-1])).item()
            }
        }

        let lossBefore = heldOutLoss()
        print("\(vocabulary.count) characters, \(text.count) in the text; held-out loss before: \(String(format: "%.4f", lossBefore))")
        for step in 1...max(steps, 1) where steps > 0 {
            let (x, y) = windows(from: 0, to: split)
            let loss = Functional.crossEntropy(model(x).reshape([-1, vocabulary.count]), y.reshape([-1]))
            optimizer.zeroGrad()
            try loss.backward()
            _ = clipGradNorm_(model.parameters(), maxNorm: 1)
            optimizer.step()
            if step % 50 == 0 { print("step \(step): loss \(String(format: "%.4f", loss.item()))") }
        }
        let lossAfter = heldOutLoss()
        print("held-out loss after: \(String(format: "%.4f", lossAfter))")

        // Sampling: feed the prompt, then one character at a time, carrying the LSTM's state.
        let prompt = Array("public func ".unicodeScalars)
        var generated = ""
        withNoGrad {
            let start = Tensor(shape: [1, prompt.count], data: prompt.map { index[$0] ?? 0 })
            var (logits, state) = model.forward(start, state: nil)
            var last = logits[0, -1]
            for _ in 0..<sampleLength {
                let probabilities = (last / 0.8).softmax(dim: 0)
                let u = Tensor.rand(1, dtype: probabilities.dtype)
                let next = Swift.min(Int((probabilities.cumsum(dim: 0) .< u).sum().item()), vocabulary.count - 1)
                generated.unicodeScalars.append(vocabulary[next])
                (logits, state) = model.forward(Tensor(shape: [1, 1], data: [Int64(next)]), state: state)
                last = logits[0, -1]
            }
        }
        print("sample:\npublic func " + generated)
        return CharLMReport(lossBefore: lossBefore, lossAfter: lossAfter, sample: generated)
    }
}
