// RecurrentHookTests.swift
//
// The recurrent layers and cells called with their states (`lstm(x, (h0, c0))`, `cell(x, hx)`,
// packed sequences) run their module hooks (Note [Modules with several inputs]): the hooks see
// the given tensors flattened (`[input, h0, c0]`, `[output, h_n, c_n]`; a packed sequence as its
// data), and what they return replaces the inputs or outputs. The expected values are the
// module's own results without hooks, transformed as the hook transforms them (a hook that
// doubles the outputs must give twice the unhooked outputs; a pre-hook that zeroes the states
// must give the stateless call's results).

import Testing
import Ember
import EmberTestSupport

/// `got` has `expected`'s shape and values (float32 rounding).
private func expectClose(_ got: Tensor, _ expected: Tensor, sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(got, shape: expected.shape, expected.scalars(as: Double.self), tolerance: 1e-6,
                sourceLocation: sourceLocation)
}

@Suite struct RecurrentHookTests {
    private static func input(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, data: gradientTestValues(count: shape.reduce(1, *), range: -1...1), dtype: .float32)
    }

    @Test func lstmHooksSeeFlattenedStates() {
        manualSeed(3)
        let lstm = LSTM(3, 4)
        let x = Self.input([5, 2, 3]), h0 = Self.input([1, 2, 4]), c0 = Self.input([1, 2, 4]) * 0.5
        let plain = lstm(x, (h0, c0))
        var seenInputs: [[Int]] = [], seenOutputs: [[Int]] = []
        let pre = lstm.registerForwardPreHook { _, inputs in
            seenInputs = inputs.map(\.shape)
            return nil
        }
        let post = lstm.registerForwardHook { _, _, outputs in
            seenOutputs = outputs.map(\.shape)
            return outputs.map { $0 * 2 }
        }
        let hooked = lstm(x, (h0, c0))
        #expect(seenInputs == [[5, 2, 3], [1, 2, 4], [1, 2, 4]])
        #expect(seenOutputs == [[5, 2, 4], [1, 2, 4], [1, 2, 4]])
        expectClose(hooked.output, plain.output * 2)
        expectClose(hooked.state.h, plain.state.h * 2)
        expectClose(hooked.state.c, plain.state.c * 2)

        // Without states the hooks see the input alone, and the outputs stay three.
        _ = lstm(x, nil)
        #expect(seenInputs == [[5, 2, 3]])
        #expect(seenOutputs.count == 3)
        pre.remove()
        post.remove()

        // A pre-hook replacing the states: zero states give the stateless call's results.
        let stateless = lstm(x, nil)
        lstm.registerForwardPreHook { _, inputs in [inputs[0], inputs[1] * 0, inputs[2] * 0] }
        let zeroed = lstm(x, (h0, c0))
        expectClose(zeroed.output, stateless.output)
        expectClose(zeroed.state.c, stateless.state.c)
    }

    @Test func rnnAndGRUHooksOnTensorsAndPackedSequences() {
        manualSeed(4)
        for module in [RNN(3, 4), GRU(3, 4)] as [RNNBase] {
            let x = Self.input([4, 2, 3]), h0 = Self.input([1, 2, 4])
            func call(_ input: Tensor, _ hx: Tensor?) -> (output: Tensor, hN: Tensor) {
                if let rnn = module as? RNN { return rnn(input, hx) }
                return (module as! GRU)(input, hx)
            }
            func call(_ input: PackedSequence) -> (output: PackedSequence, hN: Tensor) {
                if let rnn = module as? RNN { return rnn(input) }
                return (module as! GRU)(input)
            }
            let plain = call(x, h0)
            let packed = Functional.packPaddedSequence(x, lengths: [4, 3])
            let plainPacked = call(packed)
            var seen: [[Int]] = []
            let handle = module.registerForwardHook { _, inputs, outputs in
                seen = inputs.map(\.shape) + outputs.map(\.shape)
                return [outputs[0] + 1, outputs[1]]
            }
            let hooked = call(x, h0)
            #expect(seen == [[4, 2, 3], [1, 2, 4], [4, 2, 4], [1, 2, 4]])
            expectClose(hooked.output, plain.output + 1)
            expectClose(hooked.hN, plain.hN)

            // A packed sequence is seen as its data; the replaced data keeps the batch sizes.
            let hookedPacked = call(packed)
            #expect(seen == [[7, 3], [7, 4], [1, 2, 4]])
            expectClose(hookedPacked.output.data, plainPacked.output.data + 1)
            #expect(hookedPacked.output.batchSizes.scalars(as: Int64.self) == [2, 2, 2, 1])
            handle.remove()
        }
    }

    @Test func cellHooks() {
        manualSeed(5)
        let x = Self.input([2, 3]), h = Self.input([2, 4]), c = Self.input([2, 4]) * -1
        let lstmCell = LSTMCell(3, 4)
        let plain = lstmCell(x, (h, c))
        var counts: [Int] = []
        lstmCell.registerForwardHook { _, inputs, outputs in
            counts = [inputs.count, outputs.count]
            return [outputs[0], outputs[1] * -1]
        }
        let hooked = lstmCell(x, (h, c))
        #expect(counts == [3, 2])
        expectClose(hooked.h, plain.h)
        expectClose(hooked.c, plain.c * -1)

        for cell in [RNNCell(3, 4), GRUCell(3, 4)] as [RNNCellBase] {
            func call(_ hx: Tensor?) -> Tensor {
                if let rnn = cell as? RNNCell { return rnn(x, hx) }
                return (cell as! GRUCell)(x, hx)
            }
            let plainStep = call(h)
            cell.registerForwardPreHook { _, inputs in
                counts = [inputs.count]
                return inputs.count == 2 ? [inputs[0], inputs[1] * 0] : nil
            }
            expectClose(call(h), call(nil))
            #expect(counts == [1])
            #expect(call(h).scalars(as: Double.self) != plainStep.scalars(as: Double.self))
        }
    }

    @Test func hookErrorsAreCaptured() {
        let lstm = LSTM(3, 4)
        let x = Self.input([2, 1, 3])
        lstm.registerForwardPreHook { _, inputs in [inputs[0]] + inputs }
        expectTensorError(.typeError, "forward() takes from 2 to 4 positional arguments but 5 were given") {
            _ = lstm(x, (Tensor.zeros(1, 1, 4), Tensor.zeros(1, 1, 4)))
        }
        let gru = GRU(3, 4)
        gru.registerForwardHook { _, _, outputs in [outputs[0]] }
        expectTensorError(.runtimeError, "the forward hooks of GRU returned 1 outputs where 2 were expected") {
            _ = gru(x, nil)
        }
        // Outside a capturing scope nothing is indexed past the hook's short array.
        let cell = GRUCell(3, 4)
        cell.registerForwardHook { _, _, _ in [] }
        expectTensorError(.runtimeError, "the forward hooks of GRUCell returned 0 outputs where 1 were expected") {
            _ = cell(Self.input([1, 3]), nil)
        }
    }

    @Test func fullBackwardHookSeesStateGradients() throws {
        manualSeed(6)
        let lstm = LSTM(2, 3)
        let x = Self.input([3, 1, 2]).requiresGrad_()
        let h0 = Tensor.zeros(1, 1, 3).requiresGrad_(), c0 = Tensor.zeros(1, 1, 3).requiresGrad_()
        var counts: [Int] = []
        var seenInputGrad: Tensor?
        lstm.registerFullBackwardHook { _, gradInputs, gradOutputs in
            counts = [gradInputs.count, gradOutputs.count]
            seenInputGrad = gradInputs[0]
            return nil
        }
        let (output, state) = lstm(x, (h0, c0))
        try (output.sum() + state.c.sum()).backward()
        #expect(counts == [3, 3])
        let seen = try #require(seenInputGrad)
        expectClose(seen, try #require(x.grad))
        #expect(h0.grad != nil && c0.grad != nil)
    }
}
