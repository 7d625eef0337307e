// RecurrentTests.swift
//
// RNN, LSTM, GRU, their cells and packed sequences against PyTorch 2.15's numbers, written by
// Scripts/recurrent-reference.py into RecurrentReference.swift (parameters by name, outputs,
// final states, and the gradients of the input, the initial states and every parameter); float64
// gradcheck through the fused LSTM path and the op-by-op paths; PyTorch's error messages.

import Testing
@testable import EmberNN
import Ember
import EmberTestSupport

/// One recurrent case of RecurrentReference.swift.
struct RecurrentCase: Sendable, CustomTestStringConvertible {
    let name: String
    let kind: String
    let inputShape: [Int]
    let hidden: Int
    let layers: Int
    let bidirectional: Bool
    let batchFirst: Bool
    let proj: Int
    let bias: Bool
    let h0: Bool
    let c0: Bool
    let lengths: [Int]?
    let enforceSorted: Bool
    let dropout: Double
    let training: Bool
    let float32: Bool
    let state: [(String, [Int], [Double])]
    let hShape: [Int]
    let cShape: [Int]
    let outShape: [Int]
    let output: [Double]
    let hn: [Double]?
    let hnShape: [Int]?
    let cn: [Double]?
    let cnShape: [Int]?
    let inputGrad: [Double]
    let h0Grad: [Double]?
    let c0Grad: [Double]?
    let paramGrads: [[Double]]
    let repr: String
    var testDescription: String { name }
}

/// The layer or cell a case describes.
private func makeModule(_ c: RecurrentCase, dtype: DType) -> Module {
    let i = c.inputShape.last!
    switch c.kind {
    case "LSTM":
        return LSTM(i, c.hidden, numLayers: c.layers, bias: c.bias, batchFirst: c.batchFirst, dropout: c.dropout,
                    bidirectional: c.bidirectional, projSize: c.proj, dtype: dtype)
    case "GRU":
        return GRU(i, c.hidden, numLayers: c.layers, bias: c.bias, batchFirst: c.batchFirst, dropout: c.dropout,
                   bidirectional: c.bidirectional, dtype: dtype)
    case "RNN_TANH", "RNN_RELU":
        return RNN(i, c.hidden, numLayers: c.layers, nonlinearity: c.kind == "RNN_TANH" ? .tanh : .relu, bias: c.bias,
                   batchFirst: c.batchFirst, dropout: c.dropout, bidirectional: c.bidirectional, dtype: dtype)
    case "LSTMCell": return LSTMCell(i, c.hidden, bias: c.bias, dtype: dtype)
    case "GRUCell": return GRUCell(i, c.hidden, bias: c.bias, dtype: dtype)
    default: return RNNCell(i, c.hidden, bias: c.bias, nonlinearity: c.kind == "RNNCell_TANH" ? .tanh : .relu, dtype: dtype)
    }
}

/// Runs a case's module: the (padded) output and the final states (`h_n`, `c_n`; for a cell,
/// `nil` and `c'`).
private func runModule(_ m: Module, _ c: RecurrentCase, _ x: Tensor, _ h: Tensor?, _ cx: Tensor?)
    -> (Tensor, Tensor?, Tensor?) {
    let packed = c.lengths.map {
        Functional.packPaddedSequence(x, lengths: $0, batchFirst: c.batchFirst, enforceSorted: c.enforceSorted)
    }
    func unpack(_ p: PackedSequence) -> Tensor { Functional.padPackedSequence(p, batchFirst: c.batchFirst).output }
    switch m {
    case let lstm as LSTM:
        let hx = h.map { ($0, cx!) }
        if let packed {
            let (out, state) = lstm(packed, hx)
            return (unpack(out), state.h, state.c)
        }
        let (out, state) = lstm(x, hx)
        return (out, state.h, state.c)
    case let gru as GRU:
        if let packed {
            let (out, hn) = gru(packed, h)
            return (unpack(out), hn, nil)
        }
        let (out, hn) = gru(x, h)
        return (out, hn, nil)
    case let rnn as RNN:
        if let packed {
            let (out, hn) = rnn(packed, h)
            return (unpack(out), hn, nil)
        }
        let (out, hn) = rnn(x, h)
        return (out, hn, nil)
    case let cell as LSTMCell:
        let (hNext, cNext) = cell(x, h.map { ($0, cx!) })
        return (hNext, nil, cNext)
    case let cell as GRUCell: return (cell(x, h), nil, nil)
    case let cell as RNNCell: return (cell(x, h), nil, nil)
    default: fatalError("not a recurrent module")
    }
}

@Suite struct RecurrentTests {
    @Test(arguments: RecurrentReference.cases)
    func matchesPyTorch(_ c: RecurrentCase) throws {
        let dtype: DType = c.float32 ? .float32 : .float64
        let tol = c.float32 ? 2e-5 : 1e-10
        let m = makeModule(c, dtype: dtype)
        #expect(m.description == c.repr)
        #expect(m.namedParameters().map(\.name) == c.state.map(\.0))
        try m.loadStateDict(.init(uniqueKeysWithValues: c.state.map { ($0.0, Tensor(shape: $0.1, data: $0.2, dtype: dtype)) }))
        m.train(c.training)
        let x = (seq(c.inputShape, 1, dtype) * 0.3).requiresGrad_()
        let h = c.h0 ? (seq(c.hShape, 2, dtype) * 0.2).requiresGrad_() : nil
        let cx = c.c0 ? (seq(c.cShape, 3, dtype) * 0.2).requiresGrad_() : nil
        let (out, hn, cn) = runModule(m, c, x, h, cx)
        expectClose(out, shape: c.outShape, c.output, tolerance: tol)
        var loss = (out * seq(c.outShape, 5, dtype)).sum()
        if let hn, let shape = c.hnShape, let values = c.hn {
            expectClose(hn, shape: shape, values, tolerance: tol)
            loss = loss + (hn * seq(shape, 6, dtype)).sum()
        }
        if let cn, let shape = c.cnShape, let values = c.cn {
            expectClose(cn, shape: shape, values, tolerance: tol)
            loss = loss + (cn * seq(shape, 7, dtype)).sum()
        }
        try loss.backward()
        expectClose(x.grad, shape: c.inputShape, c.inputGrad, tolerance: tol)
        if let h, let g = c.h0Grad { expectClose(h.grad, shape: c.hShape, g, tolerance: tol) }
        if let cx, let g = c.c0Grad { expectClose(cx.grad, shape: c.cShape, g, tolerance: tol) }
        for ((name, p), (expected, entry)) in zip(m.namedParameters(), zip(c.paramGrads, c.state)) {
            #expect(name == entry.0)
            expectClose(p.grad, shape: entry.1, expected, tolerance: tol)
        }
    }

    /// Parameters drawn from the process-wide generator: checked in a child process, bit for bit.
    @Test func seededInitialization() async {
        await #expect(processExitsWith: .success) {
            manualSeed(0)
            let lstm = LSTM(3, 4, numLayers: 2, bidirectional: true, projSize: 2)
            let state = lstm.stateDict()
            precondition(Array(state.keys) == RecurrentReference.seededLSTM.map(\.0))
            for (name, shape, values) in RecurrentReference.seededLSTM {
                precondition(state[name]!.shape == shape)
                precondition(state[name]!.scalars(as: Float.self) == values.map { Float($0) }, name)
            }
            manualSeed(0)
            let cell = GRUCell(2, 3).stateDict()
            precondition(Array(cell.keys) == RecurrentReference.seededGRUCell.map(\.0))
            for (name, _, values) in RecurrentReference.seededGRUCell {
                precondition(cell[name]!.scalars(as: Float.self) == values.map { Float($0) }, name)
            }
        }
    }

    @Test func packing() {
        let packed = Functional.packPaddedSequence(seq([4, 3, 2], 1), lengths: [2, 4, 1], enforceSorted: false)
        expectClose(packed.data, shape: [7, 2], RecurrentReference.packing_data)
        #expect(packed.batchSizes.scalars(as: Int64.self) == RecurrentReference.packing_batchSizes.map(Int64.init))
        #expect(packed.sortedIndices?.scalars(as: Int64.self) == RecurrentReference.packing_sortedIndices.map(Int64.init))
        #expect(packed.unsortedIndices?.scalars(as: Int64.self) == RecurrentReference.packing_unsortedIndices.map(Int64.init))
        let (padded, lengths) = Functional.padPackedSequence(packed, batchFirst: true, paddingValue: -1, totalLength: 6)
        expectClose(padded, shape: RecurrentReference.packing_unpackedShape, RecurrentReference.packing_unpacked)
        #expect(lengths.scalars(as: Int64.self) == RecurrentReference.packing_unpackedLengths.map(Int64.init))
        let sequences = Functional.packSequence([seq([2, 2], 1), seq([3, 2], 2), seq([1, 2], 3)], enforceSorted: false)
        expectClose(sequences.data, shape: [6, 2], RecurrentReference.packing_sequenceData)
        #expect(sequences.batchSizes.scalars(as: Int64.self) == RecurrentReference.packing_sequenceBatchSizes.map(Int64.init))
        #expect(sequences.sortedIndices?.scalars(as: Int64.self) == RecurrentReference.packing_sequenceSorted.map(Int64.init))
    }

    /// The fused LSTM path (Note [Fused LSTM]) with every weight, bias and state differentiated,
    /// both directions, to second order: 4 steps of a batch of 2, 2 input and 3 hidden features.
    @Test(arguments: [false, true])
    func fusedLSTMGradcheck(reverse: Bool) {
        expectGradients("fused LSTM reverse=\(reverse)", shapes: [[8, 2], [12, 2], [12, 3], [12], [12], [2, 3], [2, 3]],
                        range: -1...1, secondOrder: true) { xs in
            let w = RecurrentWeights(inputWeight: xs[1], hiddenWeight: xs[2], inputBias: xs[3], hiddenBias: xs[4])
            #expect(FusedLSTM.applies(mode: .lstm, data: xs[0], steps: [2, 2, 2, 2], w))
            let (out, final) = FusedLSTM.run(xs[0], batch: 2, h0: xs[5], c0: xs[6], w, reverse: reverse)
            return Tensor.cat([out.flatten(), final[0].flatten(), final[1].flatten()])
        }
    }

    /// The fused GRU direction (Note [Fused GRU]) in float64, first and second order, with and
    /// without biases.
    @Test(arguments: [(false, true), (true, true), (false, false)])
    func fusedGRUGradcheck(reverse: Bool, bias: Bool) {
        let shapes: [[Int]] = [[8, 2], [9, 2], [9, 3], [2, 3]] + (bias ? [[9], [9]] : [])
        expectGradients("fused GRU reverse=\(reverse) bias=\(bias)", shapes: shapes, range: -1...1,
                        secondOrder: true) { xs in
            let w = RecurrentWeights(inputWeight: xs[1], hiddenWeight: xs[2], inputBias: bias ? xs[4] : nil,
                                     hiddenBias: bias ? xs[5] : nil)
            #expect(FusedGRU.applies(mode: .gru, data: xs[0], steps: [2, 2, 2, 2], w))
            let (out, final) = FusedGRU.run(xs[0], batch: 2, h0: xs[3], w, reverse: reverse)
            return Tensor.cat([out.flatten(), final[0].flatten()])
        }
    }

    /// Whole layers in float64: the input and initial states differentiated through every path.
    @Test func layerGradcheck() {
        let lstm = LSTM(2, 3, numLayers: 2, bidirectional: true, dtype: .float64)
        expectGradients("LSTM", shapes: [[3, 2, 2], [4, 2, 3], [4, 2, 3]], range: -1...1) { xs in
            let (out, state) = lstm(xs[0], (xs[1], xs[2]))
            return Tensor.cat([out.flatten(), state.h.flatten(), state.c.flatten()])
        }
        let proj = LSTM(2, 3, bidirectional: true, projSize: 2, dtype: .float64)
        expectGradients("LSTM proj", shapes: [[3, 2, 2]], range: -1...1) { xs in proj(xs[0]) }
        let gru = GRU(2, 3, numLayers: 2, bidirectional: true, dtype: .float64)
        expectGradients("GRU", shapes: [[3, 2, 2], [4, 2, 3]], range: -1...1) { xs in
            let (out, hn) = gru(xs[0], xs[1])
            return Tensor.cat([out.flatten(), hn.flatten()])
        }
        let packedLSTM = LSTM(2, 3, bidirectional: true, dtype: .float64)
        expectGradients("packed LSTM", shapes: [[3, 3, 2]], range: -1...1) { xs in
            let p = Functional.packPaddedSequence(xs[0], lengths: [2, 3, 1], enforceSorted: false)
            let (out, state) = packedLSTM(p, nil)
            return Tensor.cat([out.data.flatten(), state.h.flatten(), state.c.flatten()])
        }
    }

    /// An empty batch (PyTorch: `nn.LSTM(3, 4, num_layers=2)(torch.zeros(5, 0, 3))` gives an
    /// output `[5, 0, 4]` and states `[2, 0, 4]`), through the fused LSTM and GRU paths in both
    /// dtypes, with a backward that leaves every weight's gradient zero.
    @Test(arguments: [DType.float32, .float64])
    func emptyBatch(_ dtype: DType) throws {
        let lstm = LSTM(3, 4, numLayers: 2, bidirectional: true, dtype: dtype)
        let x = Tensor.zeros([5, 0, 3], dtype: dtype, requiresGrad: true)
        let state0 = Tensor.zeros([4, 0, 4], dtype: dtype)
        let (out, state) = lstm(x, (state0, state0))
        #expect(out.shape == [5, 0, 8] && state.h.shape == [4, 0, 4] && state.c.shape == [4, 0, 4])
        try (out.sum() + state.h.sum() + state.c.sum()).backward()
        #expect(x.grad?.shape == [5, 0, 3])
        for (name, p) in lstm.namedParameters() {
            let grad = try #require(p.grad, "\(name)")
            #expect(grad.abs().sum().item() == 0, "\(name)")
        }
        let gru = GRU(3, 4, bidirectional: true, dtype: dtype)
        let (gruOut, gruState) = gru(x, Tensor.zeros([2, 0, 4], dtype: dtype))
        #expect(gruOut.shape == [5, 0, 8] && gruState.shape == [2, 0, 4])
        try (gruOut.sum() + gruState.sum()).backward()
        for (name, p) in gru.namedParameters() {
            let grad = try #require(p.grad, "\(name)")
            #expect(grad.abs().sum().item() == 0, "\(name)")
        }
    }
}

// MARK: - Errors

enum RecurrentErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("input 4-D", .valueError, "LSTM: Expected input to be 2D or 3D, got 4D instead") {
            _ = LSTM(3, 4)(Tensor.zeros([2, 2, 2, 3]))
        },
        OpErrorCase("input size", "input.size(-1) must be equal to input_size. Expected 3, got 5") {
            _ = LSTM(3, 4)(Tensor.zeros([2, 2, 5]))
        },
        OpErrorCase("h0 size", "Expected hidden[0] size (1, 2, 4), got [1, 3, 4]") {
            _ = LSTM(3, 4)(Tensor.zeros([5, 2, 3]), (Tensor.zeros([1, 3, 4]), Tensor.zeros([1, 2, 4])))
        },
        OpErrorCase("c0 size", "Expected hidden[1] size (1, 2, 4), got [1, 2, 5]") {
            _ = LSTM(3, 4)(Tensor.zeros([5, 2, 3]), (Tensor.zeros([1, 2, 4]), Tensor.zeros([1, 2, 5])))
        },
        OpErrorCase("unbatched 3-D states", "For unbatched 2-D input, hx and cx should also be 2-D but got (3-D, 3-D) tensors") {
            _ = LSTM(3, 4)(Tensor.zeros([5, 3]), (Tensor.zeros([1, 2, 4]), Tensor.zeros([1, 2, 4])))
        },
        OpErrorCase("GRU hidden size", "Expected hidden size (1, 2, 4), got [2, 2, 4]") {
            _ = GRU(3, 4)(Tensor.zeros([5, 2, 3]), Tensor.zeros([2, 2, 4]))
        },
        OpErrorCase("dropout range", .valueError,
                    "dropout should be a number in range [0, 1] representing the probability of an element being zeroed") {
            _ = LSTM(3, 4, dropout: 2)
        },
        OpErrorCase("proj too big", .valueError, "proj_size has to be smaller than hidden_size") {
            _ = LSTM(3, 4, projSize: 4)
        },
        OpErrorCase("proj negative", .valueError, "proj_size should be a positive integer or zero to disable projections") {
            _ = LSTM(3, 4, projSize: -1)
        },
        OpErrorCase("hidden zero", .valueError, "hidden_size must be greater than zero") { _ = LSTM(3, 0) },
        OpErrorCase("layers zero", .valueError, "num_layers must be greater than zero") { _ = LSTM(3, 4, numLayers: 0) },
        OpErrorCase("nonlinearity", .valueError, "Unknown nonlinearity 'foo'. Select from 'tanh' or 'relu'.") {
            _ = RNN(3, 4, nonlinearity: "foo")
        },
        OpErrorCase("cell input 3-D", .valueError, "LSTMCell: Expected input to be 1D or 2D, got 3D instead") {
            _ = LSTMCell(3, 4)(Tensor.zeros([2, 2, 3]))
        },
        OpErrorCase("cell input size", "input has inconsistent input_size: got 5 expected 3") {
            _ = LSTMCell(3, 4)(Tensor.zeros([2, 5]))
        },
        OpErrorCase("cell batch", "Input batch size 2 doesn't match hidden0 batch size 3") {
            _ = LSTMCell(3, 4)(Tensor.zeros([2, 3]), (Tensor.zeros([3, 4]), Tensor.zeros([3, 4])))
        },
        OpErrorCase("cell hidden size", "hidden0 has inconsistent hidden_size: got 5, expected 4") {
            _ = GRUCell(3, 4)(Tensor.zeros([2, 3]), Tensor.zeros([2, 5]))
        },
        OpErrorCase("cell hidden dims", "Expected 2D hidden0 (batch x hidden_size), but got 3D tensor") {
            _ = RNNCell(3, 4)(Tensor.zeros([3]), Tensor.zeros([2, 4]))
        },
        OpErrorCase("cell nonlinearity", "Unknown nonlinearity: foo") {
            _ = RNNCell(3, 4, nonlinearity: "foo")(Tensor.zeros([2, 3]))
        },
        OpErrorCase("lengths unsorted", "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.") {
            _ = Functional.packPaddedSequence(Tensor.zeros([5, 3, 2]), lengths: [2, 5, 3])
        },
        OpErrorCase("length zero", "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0") {
            _ = Functional.packPaddedSequence(Tensor.zeros([5, 3, 2]), lengths: [2, 0, 3], enforceSorted: false)
        },
        OpErrorCase("total length", .valueError, "Expected total_length to be at least the length of the longest sequence in input, but got total_length=2 and max sequence length being 5") {
            let p = Functional.packPaddedSequence(Tensor.zeros([5, 3, 2]), lengths: [5, 3, 2])
            _ = Functional.padPackedSequence(p, totalLength: 2)
        },
    ]
}

@Suite struct RecurrentErrorTests {
    @Test(arguments: RecurrentErrors.all)
    func captured(_ c: OpErrorCase) { expectCaptured(c) }
}
