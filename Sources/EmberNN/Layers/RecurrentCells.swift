import EmberCore

// MARK: - Cell arithmetic

/// The four kinds of recurrence (PyTorch's `mode` of `RNNBase`).
enum RecurrentMode: Sendable {
    case rnnTanh, rnnRelu, lstm, gru

    /// How many gate blocks the weights stack (`gate_size / hidden_size`).
    var gates: Int {
        switch self {
        case .rnnTanh, .rnnRelu: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// PyTorch's class name for messages.
    var layerName: String {
        switch self {
        case .rnnTanh, .rnnRelu: "RNN"
        case .lstm: "LSTM"
        case .gru: "GRU"
        }
    }
}

/// The weights of one direction of one layer, in PyTorch's order (`w_ih, w_hh, b_ih, b_hh, w_hr`).
struct RecurrentWeights {
    var inputWeight: Tensor
    var hiddenWeight: Tensor
    var inputBias: Tensor?
    var hiddenBias: Tensor?
    var projectionWeight: Tensor?
}

enum RecurrentMath {
    /// `x @ weight^T + bias` for a matrix `x` (`F.linear`).
    static func linear(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?) -> Tensor {
        if let bias { return bias.addmm(x, weight.t()) }
        return x.mm(weight.t())
    }

    /// One step of the recurrence on a batch (`[B, *]` matrices): `inputPart` is
    /// `x @ w_ih^T + b_ih` (precomputed for the whole sequence by the layers), `h` and `c` the
    /// previous state. Returns the new hidden state (projected for an LSTM with `w_hr`) and, for an
    /// LSTM, the new cell state. The gate orders are PyTorch's: LSTM `i, f, g, o`; GRU `r, z, n`
    /// with `n = tanh(W_in x + b_in + r * (W_hn h + b_hn))`.
    static func step(_ mode: RecurrentMode, inputPart: Tensor, h: Tensor, c: Tensor?, _ w: RecurrentWeights)
        -> (h: Tensor, c: Tensor?) {
        let hiddenPart = linear(h, w.hiddenWeight, w.hiddenBias)
        switch mode {
        case .rnnTanh: return ((inputPart + hiddenPart).tanh(), nil)
        case .rnnRelu: return ((inputPart + hiddenPart).relu(), nil)
        case .lstm:
            let gates = (inputPart + hiddenPart).chunk(4, dim: 1)
            let i = gates[0].sigmoid(), f = gates[1].sigmoid(), g = gates[2].tanh(), o = gates[3].sigmoid()
            let cNext = f * c! + i * g
            var hNext = o * cNext.tanh()
            if let wr = w.projectionWeight { hNext = hNext.mm(wr.t()) }
            return (hNext, cNext)
        case .gru:
            let gi = inputPart.chunk(3, dim: 1), gh = hiddenPart.chunk(3, dim: 1)
            let r = (gi[0] + gh[0]).sigmoid(), z = (gi[1] + gh[1]).sigmoid()
            let n = (gi[2] + r * gh[2]).tanh()
            return (n + z * (h - n), nil)
        }
    }

    /// Fills every parameter uniform on `±1/sqrt(hiddenSize)`, in order (PyTorch's
    /// `reset_parameters` of `RNNBase` and `RNNCellBase`).
    static func resetUniform(_ parameters: [Parameter], hiddenSize: Int) {
        let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        for p in parameters { Init.uniform_(p, low: -bound, high: bound) }
    }
}

// MARK: - Cells

/// What the recurrent cells share (PyTorch's `RNNCellBase`): the sizes, the parameters
/// `weight_ih` `[gates * hiddenSize, inputSize]`, `weight_hh` `[gates * hiddenSize, hiddenSize]`,
/// `bias_ih` and `bias_hh` `[gates * hiddenSize]` (registered under PyTorch's names, so a
/// PyTorch state dict loads by name), uniform on `±1/sqrt(hiddenSize)` in that order.
///
/// A cell runs one step on `[B, inputSize]` (or an unbatched `[inputSize]`); a missing hidden
/// state is zeros.
open class RNNCellBase: Module {
    /// The number of features of the input (`input_size`).
    public let inputSize: Int
    /// The number of features of the hidden state (`hidden_size`).
    public let hiddenSize: Int
    /// Whether the cell has `bias_ih` and `bias_hh`.
    public let bias: Bool
    let mode: RecurrentMode

    init(mode: RecurrentMode, _ inputSize: Int, _ hiddenSize: Int, bias: Bool, dtype: DType, device: Device) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.bias = bias
        self.mode = mode
        super.init()
        let rows = mode.gates * hiddenSize
        registerParameter("weight_ih", Parameter(Tensor.empty([rows, inputSize], dtype: dtype, device: device)))
        registerParameter("weight_hh", Parameter(Tensor.empty([rows, hiddenSize], dtype: dtype, device: device)))
        if bias {
            registerParameter("bias_ih", Parameter(Tensor.empty([rows], dtype: dtype, device: device)))
            registerParameter("bias_hh", Parameter(Tensor.empty([rows], dtype: dtype, device: device)))
        }
        resetParameters()
    }

    /// The input-to-hidden weights, `[gates * hiddenSize, inputSize]` (`weight_ih`).
    public var weightIH: Parameter { registeredParameters["weight_ih"]!! }
    /// The hidden-to-hidden weights, `[gates * hiddenSize, hiddenSize]` (`weight_hh`).
    public var weightHH: Parameter { registeredParameters["weight_hh"]!! }
    /// The input-to-hidden bias (`bias_ih`), `nil` without bias.
    public var biasIH: Parameter? { registeredParameters["bias_ih"] ?? nil }
    /// The hidden-to-hidden bias (`bias_hh`), `nil` without bias.
    public var biasHH: Parameter? { registeredParameters["bias_hh"] ?? nil }

    /// Draws every parameter uniform on `±1/sqrt(hiddenSize)`, in order (`reset_parameters`).
    open func resetParameters() {
        RecurrentMath.resetUniform(parameters(recurse: false), hiddenSize: hiddenSize)
    }

    var weights: RecurrentWeights {
        RecurrentWeights(inputWeight: weightIH, hiddenWeight: weightHH, inputBias: biasIH, hiddenBias: biasHH)
    }

    /// `3, 4` (and `bias=False`), as `RNNCellBase.extra_repr`.
    open override var extraRepr: String {
        "\(inputSize), \(hiddenSize)" + (bias ? "" : ", bias=False")
    }

    /// One step with PyTorch's checks: batches an unbatched input, makes missing states zeros.
    /// Returns the new states, unbatched again for an unbatched input.
    func runStep(_ input: Tensor, _ states: [Tensor?]) throws -> [Tensor] {
        guard input.dim == 1 || input.dim == 2 else {
            throw TensorError.value("\(typeName): Expected input to be 1D or 2D, got \(input.dim)D instead")
        }
        let batched = input.dim == 2
        let x = batched ? input : input.unsqueeze(dim: 0)
        guard x.size(1) == inputSize else {
            throw TensorError.runtime("input has inconsistent input_size: got \(x.size(1)) expected \(inputSize)")
        }
        var full: [Tensor] = []
        for (k, state) in states.enumerated() {
            guard let state else {
                full.append(Tensor.zeros([x.size(0), hiddenSize], dtype: input.dtype, device: input.device))
                continue
            }
            let s = batched ? state : state.unsqueeze(dim: 0)
            guard s.dim == 2 else {
                throw TensorError.runtime("Expected 2D hidden\(k) (batch x hidden_size), but got \(s.dim)D tensor")
            }
            guard s.size(0) == x.size(0) else {
                throw TensorError.runtime("Input batch size \(x.size(0)) doesn't match hidden\(k) batch size \(s.size(0))")
            }
            guard s.size(1) == hiddenSize else {
                throw TensorError.runtime("hidden\(k) has inconsistent hidden_size: got \(s.size(1)), expected \(hiddenSize)")
            }
            full.append(s)
        }
        let inputPart = RecurrentMath.linear(x, weightIH, biasIH)
        let (h, c) = RecurrentMath.step(mode, inputPart: inputPart, h: full[0], c: full.count > 1 ? full[1] : nil, weights)
        let out = [h] + (c.map { [$0] } ?? [])
        return batched ? out : out.map { $0.squeeze(dim: 0) }
    }
}

/// An Elman cell, `h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)` or with ReLU (PyTorch's `nn.RNNCell`).
open class RNNCell: RNNCellBase {
    /// The activation, `tanh` or `relu` (`nonlinearity`).
    public let nonlinearity: RNN.Nonlinearity

    /// `nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`; an unrecognized
    /// nonlinearity fails at the first forward, as in PyTorch.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: RNN.Nonlinearity = .tanh,
                dtype: DType = .float32, device: Device = .cpu) {
        self.nonlinearity = nonlinearity
        super.init(mode: nonlinearity == .relu ? .rnnRelu : .rnnTanh, inputSize, hiddenSize, bias: bias, dtype: dtype,
                   device: device)
    }

    /// The next hidden state from zeros (`cell(input)`).
    open override func forward(_ input: Tensor) -> Tensor { forward(input, hx: nil) }

    /// The next hidden state (`cell(input, hx)`): `input` `[B, inputSize]` or `[inputSize]`, `hx`
    /// `[B, hiddenSize]` or `[hiddenSize]` (zeros when `nil`).
    public func forward(_ input: Tensor, hx: Tensor?) -> Tensor {
        recurrentAttempt(Tensor.errorPlaceholder) {
            if case .unrecognized(let name) = nonlinearity { throw TensorError.runtime("Unknown nonlinearity: \(name)") }
            return try runStep(input, [hx])[0]
        }
    }

    /// The next hidden state (`cell(input, hx)`), as ``forward(_:hx:)``, with the module's
    /// hooks: they see `[input, hx]` (`[input]` without `hx`) and `[h']`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor?) -> Tensor {
        callWithOptionalInputs([input, hx], outputCount: 1) { x in [forward(x[0]!, hx: x[1])] }[0]
    }

    /// `3, 4, nonlinearity=relu` when not tanh, as PyTorch's.
    open override var extraRepr: String {
        super.extraRepr + (nonlinearity == .relu ? ", nonlinearity=relu" : "")
    }
}

/// A long short-term memory cell (PyTorch's `nn.LSTMCell`): gates `i, f, g, o` stacked in that
/// order in `weight_ih` `[4 * hiddenSize, inputSize]`;
/// `c' = σ(f) * c + σ(i) * tanh(g)`, `h' = σ(o) * tanh(c')`.
open class LSTMCell: RNNCellBase {
    /// `nn.LSTMCell(input_size, hidden_size, bias=True)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, device: Device = .cpu) {
        super.init(mode: .lstm, inputSize, hiddenSize, bias: bias, dtype: dtype, device: device)
    }

    /// The next hidden state `h'` from zero states (the first element of `cell(input)`).
    open override func forward(_ input: Tensor) -> Tensor { forward(input, hx: nil).h }

    /// The next hidden and cell states (`h', c' = cell(input, (h, c))`); `hx` `nil` means zeros.
    public func forward(_ input: Tensor, hx: (h: Tensor, c: Tensor)?) -> (h: Tensor, c: Tensor) {
        recurrentAttempt((h: Tensor.errorPlaceholder, c: Tensor.errorPlaceholder)) {
            let out = try runStep(input, [hx?.h, hx?.c])
            return (h: out[0], c: out[1])
        }
    }

    /// The next hidden and cell states, as ``forward(_:hx:)``, with the module's hooks: they see
    /// `[input, h, c]` (`[input]` without the states) and `[h', c']`.
    public func callAsFunction(_ input: Tensor, _ hx: (h: Tensor, c: Tensor)?) -> (h: Tensor, c: Tensor) {
        let out = callWithOptionalInputs([input, hx?.h, hx?.c], outputCount: 2) { x in
            let state = forward(x[0]!, hx: LSTM.state(x[1], x[2]))
            return [state.h, state.c]
        }
        return (out[0], out[1])
    }
}

/// A gated recurrent unit cell (PyTorch's `nn.GRUCell`): gates `r, z, n` stacked in that order;
/// `n = tanh(W_in x + b_in + r * (W_hn h + b_hn))`, `h' = (1 - z) * n + z * h`.
open class GRUCell: RNNCellBase {
    /// `nn.GRUCell(input_size, hidden_size, bias=True)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, device: Device = .cpu) {
        super.init(mode: .gru, inputSize, hiddenSize, bias: bias, dtype: dtype, device: device)
    }

    /// The next hidden state from zeros (`cell(input)`).
    open override func forward(_ input: Tensor) -> Tensor { forward(input, hx: nil) }

    /// The next hidden state (`cell(input, hx)`); `hx` `nil` means zeros.
    public func forward(_ input: Tensor, hx: Tensor?) -> Tensor {
        recurrentAttempt(Tensor.errorPlaceholder) { try runStep(input, [hx])[0] }
    }

    /// The next hidden state as ``forward(_:hx:)``, with the module's
    /// hooks: they see `[input, hx]` (`[input]` without `hx`) and `[h']`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor?) -> Tensor {
        callWithOptionalInputs([input, hx], outputCount: 1) { x in [forward(x[0]!, hx: x[1])] }[0]
    }
}
