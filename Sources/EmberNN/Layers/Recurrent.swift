import EmberCore

// MARK: - Recurrent layers

/// What ``RNN``, ``LSTM`` and ``GRU`` share (PyTorch's `nn.RNNBase`): the sizes and options, the
/// parameters under PyTorch's names, their initialization, the checks of inputs and states, and
/// the run over layers and directions.
///
/// Parameters are registered in PyTorch's order, for each layer `k` and direction (the backward
/// one suffixed `_reverse`): `weight_ih_lk` `[gates * hiddenSize, inputs]`, `weight_hh_lk`
/// `[gates * hiddenSize, outputs]`, `bias_ih_lk`, `bias_hh_lk` `[gates * hiddenSize]`, and for an
/// LSTM with a projection `weight_hr_lk` `[projSize, hiddenSize]`. So `loadStateDict` takes a
/// PyTorch state dict as it is, and `manualSeed(0); LSTM(3, 4)` holds the values
/// `torch.manual_seed(0); nn.LSTM(3, 4)` holds (every parameter uniform on `±1/sqrt(hiddenSize)`,
/// drawn in order).
///
/// Inputs are `[T, B, inputSize]` (`[B, T, inputSize]` with `batchFirst`), unbatched
/// `[T, inputSize]`, or a ``PackedSequence``. Dropout (`dropout`) applies to the outputs of every
/// layer but the last, in training mode only.
open class RNNBase: Module {
    /// The number of features of the input (`input_size`).
    public let inputSize: Int
    /// The number of features of the hidden state (`hidden_size`).
    public let hiddenSize: Int
    /// The number of stacked layers (`num_layers`).
    public let numLayers: Int
    /// Whether the layers have biases (`bias`).
    public let bias: Bool
    /// Whether inputs and outputs are `[B, T, *]` rather than `[T, B, *]` (`batch_first`).
    public let batchFirst: Bool
    /// The dropout probability between layers (`dropout`).
    public let dropout: Double
    /// Whether each layer also runs backward in time (`bidirectional`).
    public let bidirectional: Bool
    /// The size of an LSTM's projected hidden state, 0 for none (`proj_size`).
    public let projSize: Int
    let mode: RecurrentMode

    init(mode: RecurrentMode, _ inputSize: Int, _ hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool,
         dropout: Double, bidirectional: Bool, projSize: Int, dtype: DType, device: Device) {
        // PyTorch's ValueErrors, in its order.
        attemptVoid {
            if !(0...1).contains(dropout) {
                throw TensorError.value("dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
            }
            if hiddenSize <= 0 { throw TensorError.value("hidden_size must be greater than zero") }
            if numLayers <= 0 { throw TensorError.value("num_layers must be greater than zero") }
            if projSize < 0 { throw TensorError.value("proj_size should be a positive integer or zero to disable projections") }
            if projSize >= hiddenSize { throw TensorError.value("proj_size has to be smaller than hidden_size") }
        }
        self.mode = mode
        self.inputSize = inputSize
        self.hiddenSize = max(hiddenSize, 0)
        self.numLayers = max(numLayers, 0)
        self.bias = bias
        self.batchFirst = batchFirst
        self.dropout = dropout
        self.bidirectional = bidirectional
        self.projSize = max(projSize, 0)
        super.init()
        let rows = mode.gates * self.hiddenSize
        for layer in 0..<self.numLayers {
            for direction in 0..<directions {
                let layerInput = layer == 0 ? inputSize : outputSize * directions
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                func add(_ name: String, _ shape: [Int]) {
                    registerParameter(name + suffix, Parameter(Tensor.empty(shape, dtype: dtype, device: device)))
                }
                add("weight_ih", [rows, layerInput])
                add("weight_hh", [rows, outputSize])
                if bias {
                    add("bias_ih", [rows])
                    add("bias_hh", [rows])
                }
                if self.projSize > 0 { add("weight_hr", [self.projSize, self.hiddenSize]) }
            }
        }
        resetParameters()
    }

    /// 2 for a bidirectional layer, else 1.
    var directions: Int { bidirectional ? 2 : 1 }
    /// The size of the hidden state a layer outputs: `projSize`, or `hiddenSize` without projection.
    var outputSize: Int { projSize > 0 ? projSize : hiddenSize }

    /// Draws every parameter uniform on `±1/sqrt(hiddenSize)`, in order (`reset_parameters`).
    open func resetParameters() {
        RecurrentMath.resetUniform(parameters(recurse: false), hiddenSize: hiddenSize)
    }

    /// The parameters of each layer and direction, in order (PyTorch's `all_weights`): for each,
    /// `[weight_ih, weight_hh, bias_ih, bias_hh, weight_hr]`, less the ones the layer lacks.
    public var allWeights: [[Parameter]] {
        (0..<numLayers * directions).map { k in
            let suffix = "_l\(k / directions)" + (k % directions == 1 ? "_reverse" : "")
            return ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"].compactMap { registeredParameters[$0 + suffix] ?? nil }
        }
    }

    /// The weights of layer-direction `k` (`layer * directions + direction`).
    func weights(_ k: Int) -> RecurrentWeights {
        let suffix = "_l\(k / directions)" + (k % directions == 1 ? "_reverse" : "")
        func p(_ name: String) -> Tensor? { registeredParameters[name + suffix] ?? nil }
        return RecurrentWeights(inputWeight: p("weight_ih")!, hiddenWeight: p("weight_hh")!, inputBias: p("bias_ih"),
                                hiddenBias: p("bias_hh"), projectionWeight: p("weight_hr"))
    }

    /// `3, 4, num_layers=2, batch_first=True`..., as `RNNBase.extra_repr`.
    open override var extraRepr: String {
        var text = "\(inputSize), \(hiddenSize)"
        if projSize != 0 { text += ", proj_size=\(projSize)" }
        if numLayers != 1 { text += ", num_layers=\(numLayers)" }
        if !bias { text += ", bias=False" }
        if batchFirst { text += ", batch_first=True" }
        if dropout != 0 { text += ", dropout=\(dropout)" }
        if bidirectional { text += ", bidirectional=True" }
        return text
    }

    // MARK: - Running

    /// The output and final states for a padded input (`[T, B, *]`, `[B, T, *]` or `[T, *]`) and
    /// optional initial states (`states[0]` = `h_0`, `states[1]` = `c_0` for an LSTM).
    func run(_ input: Tensor, _ states: [Tensor?]) throws -> (output: Tensor, states: [Tensor]) {
        guard input.dim == 2 || input.dim == 3 else {
            throw TensorError.value("\(mode.layerName): Expected input to be 2D or 3D, got \(input.dim)D instead")
        }
        let batched = input.dim == 3
        let given = states.compactMap { $0 }
        if !given.isEmpty {
            let want = batched ? 3 : 2
            if given.contains(where: { $0.dim != want }) {
                let what = batched ? "batched 3-D" : "unbatched 2-D"
                let dims = given.map { "\($0.dim)-D" }
                throw TensorError.runtime(mode == .lstm
                    ? "For \(what) input, hx and cx should also be \(want)-D but got (\(dims.joined(separator: ", "))) tensors"
                    : "For \(what) input, hx should also be \(want)-D but got \(dims[0]) tensor")
            }
        }
        let x = batched ? (batchFirst ? input.transpose(0, 1) : input) : input.unsqueeze(dim: 1)
        let steps = Array(repeating: x.size(1), count: x.size(0))
        try checkInputSize(x)
        let data = x.reshape([x.size(0) * x.size(1), x.size(2)])
        let initial = states.map { s in s.map { batched ? $0 : $0.unsqueeze(dim: 1) } }
        let (outData, final) = try runPacked(data, steps: steps, batch: x.size(1), initial)
        var output = outData.reshape([x.size(0), x.size(1), outData.size(1)])
        if !batched { return (output.squeeze(dim: 1), final.map { $0.squeeze(dim: 1) }) }
        if batchFirst { output = output.transpose(0, 1) }
        return (output, final)
    }

    /// The packed output and final states (in the caller's order) for a packed input.
    func run(_ input: PackedSequence, _ states: [Tensor?]) throws -> (output: PackedSequence, states: [Tensor]) {
        try checkInputSize(input.data)
        let steps = input.steps
        let initial = states.map { s in s.map { h in input.sortedIndices.map { h.indexSelect(dim: 1, index: $0) } ?? h } }
        let (outData, final) = try runPacked(input.data, steps: steps, batch: steps.first ?? 0, initial)
        let unsorted = final.map { h in input.unsortedIndices.map { h.indexSelect(dim: 1, index: $0) } ?? h }
        return (input.replacingData(outData), unsorted)
    }

    /// PyTorch's `check_input`: the last dim must be `inputSize`.
    private func checkInputSize(_ x: Tensor) throws {
        if x.size(-1) != inputSize {
            throw TensorError.runtime("input.size(-1) must be equal to input_size. Expected \(inputSize), got \(x.size(-1))")
        }
    }

    /// Checks the initial states' shapes (PyTorch's `check_hidden_size`) and makes missing ones zeros.
    private func initialStates(_ states: [Tensor?], batch: Int, like data: Tensor) throws -> [Tensor] {
        try states.enumerated().map { k, state in
            let expected = [numLayers * directions, batch, k == 0 ? outputSize : hiddenSize]
            guard let state else { return Tensor.zeros(expected, dtype: data.dtype, device: data.device) }
            if state.shape != expected {
                let which = mode == .lstm ? "hidden[\(k)] size" : "hidden size"
                throw TensorError.runtime("Expected \(which) (\(expected.map(String.init).joined(separator: ", "))), got \(state.shape)")
            }
            return state
        }
    }

    /// Runs every layer and direction over packed data `[N, inputSize]` with `steps[t]` sequences
    /// alive at step `t`; returns the last layer's packed output and the stacked final states.
    private func runPacked(_ data: Tensor, steps: [Int], batch: Int, _ states: [Tensor?]) throws -> (Tensor, [Tensor]) {
        let initial = try initialStates(states, batch: batch, like: data)
        var layerInput = data
        var finals: [[Tensor]] = initial.map { _ in [] }
        for layer in 0..<numLayers {
            if layer > 0 && dropout > 0 && isTraining {
                layerInput = Functional.dropout(layerInput, p: dropout, training: true)
            }
            var outputs: [Tensor] = []
            for direction in 0..<directions {
                let k = layer * directions + direction
                let (out, final) = runDirection(layerInput, steps: steps, initial.map { $0.select(dim: 0, index: k) },
                                                weights(k), reverse: direction == 1)
                outputs.append(out)
                for (s, f) in final.enumerated() { finals[s].append(f) }
            }
            layerInput = outputs.count == 1 ? outputs[0] : Tensor.cat(outputs, dim: 1)
        }
        return (layerInput, finals.map { Tensor.stack($0, dim: 0) })
    }

    /// One direction of one layer over packed data; see Note [Packed sequences].
    private func runDirection(_ data: Tensor, steps: [Int], _ initial: [Tensor], _ w: RecurrentWeights, reverse: Bool)
        -> (Tensor, [Tensor]) {
        if FusedLSTM.applies(mode: mode, data: data, steps: steps, w) {
            return FusedLSTM.run(data, batch: steps[0], h0: initial[0], c0: initial[1], w, reverse: reverse)
        }
        if FusedGRU.applies(mode: mode, data: data, steps: steps, w) {
            return FusedGRU.run(data, batch: steps[0], h0: initial[0], w, reverse: reverse)
        }
        let inputParts = RecurrentMath.linear(data, w.inputWeight, w.inputBias).split(steps, dim: 0)
        var h = initial[0]
        var c: Tensor? = initial.count > 1 ? initial[1] : nil
        var outputs = [Tensor?](repeating: nil, count: steps.count)
        if !reverse {
            // Sequences that end leave their rows at the end of the state (Note [Packed sequences]).
            var ended: [(h: Tensor, c: Tensor?)] = []
            for (t, alive) in steps.enumerated() {
                if alive < h.size(0) {
                    ended.append((h.narrow(dim: 0, start: alive, length: h.size(0) - alive),
                                  c?.narrow(dim: 0, start: alive, length: h.size(0) - alive)))
                    h = h.narrow(dim: 0, start: 0, length: alive)
                    c = c?.narrow(dim: 0, start: 0, length: alive)
                }
                (h, c) = RecurrentMath.step(mode, inputPart: inputParts[t], h: h, c: c, w)
                outputs[t] = h
            }
            ended.append((h, c))
            ended.reverse()
            let hN = ended.count == 1 ? ended[0].h : Tensor.cat(ended.map(\.h), dim: 0)
            let cN = c.map { _ in ended.count == 1 ? ended[0].c! : Tensor.cat(ended.map { $0.c! }, dim: 0) }
            return (Tensor.cat(outputs.map { $0! }, dim: 0), [hN] + (cN.map { [$0] } ?? []))
        }
        // Backward in time: sequences join the batch as their last step comes.
        let last = steps.last ?? 0
        h = initial[0].narrow(dim: 0, start: 0, length: last)
        c = c?.narrow(dim: 0, start: 0, length: last)
        for t in steps.indices.reversed() {
            let alive = steps[t]
            if alive > h.size(0) {
                let extra = alive - h.size(0)
                h = Tensor.cat([h, initial[0].narrow(dim: 0, start: h.size(0), length: extra)], dim: 0)
                if let cc = c { c = Tensor.cat([cc, initial[1].narrow(dim: 0, start: cc.size(0), length: extra)], dim: 0) }
            }
            (h, c) = RecurrentMath.step(mode, inputPart: inputParts[t], h: h, c: c, w)
            outputs[t] = h
        }
        return (Tensor.cat(outputs.map { $0! }, dim: 0), [h] + (c.map { [$0] } ?? []))
    }
}

// MARK: - RNN

/// A multi-layer Elman network, `h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)` or with
/// ReLU (PyTorch's `nn.RNN`); see ``RNNBase`` for shapes, names and options.
open class RNN: RNNBase {
    /// The activation of an Elman network (`nonlinearity=`).
    public enum Nonlinearity: PyTorchStringOption {
        /// `'tanh'`, the default.
        case tanh
        /// `'relu'`.
        case relu
        /// A string that names neither; the layers fail with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [(.tanh, "tanh"), (.relu, "relu")]
    }

    /// The activation (`nonlinearity`).
    public let nonlinearity: Nonlinearity

    /// `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True,
    /// batch_first=False, dropout=0.0, bidirectional=False)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: Nonlinearity = .tanh,
                bias: Bool = true, batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false,
                dtype: DType = .float32, device: Device = .cpu) {
        if case .unrecognized(let name) = nonlinearity {
            attemptVoid { throw TensorError.value("Unknown nonlinearity '\(name)'. Select from 'tanh' or 'relu'.") }
        }
        self.nonlinearity = nonlinearity
        super.init(mode: nonlinearity == .relu ? .rnnRelu : .rnnTanh, inputSize, hiddenSize, numLayers: numLayers,
                   bias: bias, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: 0,
                   dtype: dtype, device: device)
    }

    /// The output of the last layer at every step (the first element of `rnn(input)`).
    open override func forward(_ input: Tensor) -> Tensor { forward(input, hx: nil).output }

    /// The output `[T, B, D * hiddenSize]` and the final hidden state `h_n`
    /// `[D * numLayers, B, hiddenSize]` (`output, h_n = rnn(input, h_0)`); `hx` `nil` means zeros.
    public func forward(_ input: Tensor, hx: Tensor?) -> (output: Tensor, hN: Tensor) {
        recurrentAttempt((output: Tensor.errorPlaceholder, hN: Tensor.errorPlaceholder)) {
            let (output, states) = try run(input, [hx])
            return (output: output, hN: states[0])
        }
    }

    /// The packed output and `h_n` for a packed input (`rnn(packed, h_0)`).
    public func forward(_ input: PackedSequence, hx: Tensor? = nil) -> (output: PackedSequence, hN: Tensor) {
        recurrentAttempt((output: input, hN: Tensor.errorPlaceholder)) {
            let (output, states) = try run(input, [hx])
            return (output: output, hN: states[0])
        }
    }

    /// `rnn(input, h_0)`, as ``forward(_:hx:)-(Tensor,_)``, with the module's hooks: they see
    /// `[input, h_0]` (`[input]` without `h_0`) and `[output, h_n]`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor?) -> (output: Tensor, hN: Tensor) {
        callWithHiddenState(input, hx) { forward($0, hx: $1) }
    }

    /// `rnn(packed, h_0)`, as ``forward(_:hx:)-(PackedSequence,_)``, with the module's hooks,
    /// which see the packed data: `[data, h_0]` and `[output data, h_n]`.
    public func callAsFunction(_ input: PackedSequence, _ hx: Tensor? = nil) -> (output: PackedSequence, hN: Tensor) {
        callWithHiddenState(input, hx) { forward($0, hx: $1) }
    }
}

extension RNNBase {
    /// `callAsFunction` of the layers with one state (RNN, GRU): `forward` run through
    /// `callWithOptionalInputs`, so that hooks see `[input, h_0]` and `[output, h_n]` (see Note
    /// [Modules with several inputs]).
    func callWithHiddenState(_ input: Tensor, _ hx: Tensor?,
                             _ forward: (Tensor, Tensor?) -> (output: Tensor, hN: Tensor)) -> (output: Tensor, hN: Tensor) {
        let out = callWithOptionalInputs([input, hx], outputCount: 2) { x in
            let (output, hN) = forward(x[0]!, x[1])
            return [output, hN]
        }
        return (out[0], out[1])
    }

    /// The same for a packed input, whose data the hooks see.
    func callWithHiddenState(_ input: PackedSequence, _ hx: Tensor?,
                             _ forward: (PackedSequence, Tensor?) -> (output: PackedSequence, hN: Tensor))
        -> (output: PackedSequence, hN: Tensor) {
        var packed = input
        let out = callWithOptionalInputs([input.data, hx], outputCount: 2) { x in
            let (output, hN) = forward(input.replacingData(x[0]!), x[1])
            packed = output
            return [output.data, hN]
        }
        return (packed.replacingData(out[0]), out[1])
    }
}

// MARK: - LSTM

/// A multi-layer long short-term memory network (PyTorch's `nn.LSTM`), with an optional
/// projection of the hidden state (`projSize`); see ``RNNBase`` for shapes, names and options.
///
/// The gates are stacked `i, f, g, o` as in PyTorch:
/// `c_t = σ(f) * c_{t-1} + σ(i) * tanh(g)`, `h_t = σ(o) * tanh(c_t)` (then `h_t W_hr^T` with a
/// projection). Without a projection the CPU runs each direction of a layer through one fused
/// kernel (see Note [Fused LSTM]).
open class LSTM: RNNBase {
    /// `nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
    /// bidirectional=False, proj_size=0)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0, dtype: DType = .float32,
                device: Device = .cpu) {
        super.init(mode: .lstm, inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst,
                   dropout: dropout, bidirectional: bidirectional, projSize: projSize, dtype: dtype, device: device)
    }

    /// The output of the last layer at every step (the first element of `lstm(input)`).
    open override func forward(_ input: Tensor) -> Tensor { forward(input, hx: nil).output }

    /// The output `[T, B, D * H_out]` and the final states `h_n` `[D * numLayers, B, H_out]` and
    /// `c_n` `[D * numLayers, B, hiddenSize]` (`output, (h_n, c_n) = lstm(input, (h_0, c_0))`),
    /// `H_out` being `projSize` or `hiddenSize`; `hx` `nil` means zeros.
    public func forward(_ input: Tensor, hx: (h: Tensor, c: Tensor)?) -> (output: Tensor, state: (h: Tensor, c: Tensor)) {
        recurrentAttempt((output: Tensor.errorPlaceholder, state: (h: Tensor.errorPlaceholder, c: Tensor.errorPlaceholder))) {
            let (output, states) = try run(input, [hx?.h, hx?.c])
            return (output: output, state: (h: states[0], c: states[1]))
        }
    }

    /// The packed output and final states for a packed input (`lstm(packed, (h_0, c_0))`).
    public func forward(_ input: PackedSequence, hx: (h: Tensor, c: Tensor)? = nil)
        -> (output: PackedSequence, state: (h: Tensor, c: Tensor)) {
        recurrentAttempt((output: input, state: (h: Tensor.errorPlaceholder, c: Tensor.errorPlaceholder))) {
            let (output, states) = try run(input, [hx?.h, hx?.c])
            return (output: output, state: (h: states[0], c: states[1]))
        }
    }

    /// `lstm(input, (h_0, c_0))`, as ``forward(_:hx:)-(Tensor,_)``, with the module's hooks:
    /// they see `[input, h_0, c_0]` (`[input]` without the states) and `[output, h_n, c_n]`.
    public func callAsFunction(_ input: Tensor, _ hx: (h: Tensor, c: Tensor)?)
        -> (output: Tensor, state: (h: Tensor, c: Tensor)) {
        let out = callWithOptionalInputs([input, hx?.h, hx?.c], outputCount: 3) { x in
            let (output, state) = forward(x[0]!, hx: LSTM.state(x[1], x[2]))
            return [output, state.h, state.c]
        }
        return (out[0], (out[1], out[2]))
    }

    /// `lstm(packed, (h_0, c_0))`, as ``forward(_:hx:)-(PackedSequence,_)``, with the module's
    /// hooks, which see the packed data: `[data, h_0, c_0]` and `[output data, h_n, c_n]`.
    public func callAsFunction(_ input: PackedSequence, _ hx: (h: Tensor, c: Tensor)? = nil)
        -> (output: PackedSequence, state: (h: Tensor, c: Tensor)) {
        var packed = input
        let out = callWithOptionalInputs([input.data, hx?.h, hx?.c], outputCount: 3) { x in
            let (output, state) = forward(input.replacingData(x[0]!), hx: LSTM.state(x[1], x[2]))
            packed = output
            return [output.data, state.h, state.c]
        }
        return (packed.replacingData(out[0]), (out[1], out[2]))
    }

    /// The `(h, c)` pair of a call whose states were given (both are, or neither).
    static func state(_ h: Tensor?, _ c: Tensor?) -> (h: Tensor, c: Tensor)? {
        guard let h, let c else { return nil }
        return (h, c)
    }
}

// MARK: - GRU

/// A multi-layer gated recurrent unit network (PyTorch's `nn.GRU`); see ``RNNBase`` for shapes,
/// names and options. The gates are stacked `r, z, n` as in PyTorch:
/// `n_t = tanh(W_in x_t + b_in + r * (W_hn h_{t-1} + b_hn))`, `h_t = (1 - z) * n_t + z * h_{t-1}`.
open class GRU: RNNBase {
    /// `nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
    /// bidirectional=False)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, dtype: DType = .float32, device: Device = .cpu) {
        super.init(mode: .gru, inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst,
                   dropout: dropout, bidirectional: bidirectional, projSize: 0, dtype: dtype, device: device)
    }

    /// The output of the last layer at every step (the first element of `gru(input)`).
    open override func forward(_ input: Tensor) -> Tensor { forward(input, hx: nil).output }

    /// The output `[T, B, D * hiddenSize]` and `h_n` `[D * numLayers, B, hiddenSize]`
    /// (`output, h_n = gru(input, h_0)`); `hx` `nil` means zeros.
    public func forward(_ input: Tensor, hx: Tensor?) -> (output: Tensor, hN: Tensor) {
        recurrentAttempt((output: Tensor.errorPlaceholder, hN: Tensor.errorPlaceholder)) {
            let (output, states) = try run(input, [hx])
            return (output: output, hN: states[0])
        }
    }

    /// The packed output and `h_n` for a packed input (`gru(packed, h_0)`).
    public func forward(_ input: PackedSequence, hx: Tensor? = nil) -> (output: PackedSequence, hN: Tensor) {
        recurrentAttempt((output: input, hN: Tensor.errorPlaceholder)) {
            let (output, states) = try run(input, [hx])
            return (output: output, hN: states[0])
        }
    }

    /// `gru(input, h_0)`, as ``forward(_:hx:)-(Tensor,_)``, with the module's hooks: they see
    /// `[input, h_0]` (`[input]` without `h_0`) and `[output, h_n]`.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor?) -> (output: Tensor, hN: Tensor) {
        callWithHiddenState(input, hx) { forward($0, hx: $1) }
    }

    /// `gru(packed, h_0)`, as ``forward(_:hx:)-(PackedSequence,_)``, with the module's hooks,
    /// which see the packed data: `[data, h_0]` and `[output data, h_n]`.
    public func callAsFunction(_ input: PackedSequence, _ hx: Tensor? = nil) -> (output: PackedSequence, hN: Tensor) {
        callWithHiddenState(input, hx) { forward($0, hx: $1) }
    }
}
