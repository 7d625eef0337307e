import EmberCore

// MARK: - TransformerDecoderLayer

/// Self-attention, attention over an encoder's output (the memory) and a feed-forward block,
/// each with a residual connection and layer normalization (PyTorch's
/// `nn.TransformerDecoderLayer`).
///
/// The submodules have PyTorch's names, in PyTorch's order (`self_attn`, `multihead_attn`,
/// `linear1`, `dropout`, `linear2`, `norm1`, `norm2`, `norm3`, `dropout1`, `dropout2`,
/// `dropout3`), so weights load from PyTorch by name. With `normFirst` each block is `x +
/// block(norm(x))`, else `norm(x + block(x))`.
open class TransformerDecoderLayer: Module {
    /// The model's width (`d_model`).
    public let dModel: Int
    /// The number of attention heads (`nhead`).
    public let nhead: Int
    /// The feed-forward activation (`activation`).
    public let activation: TransformerActivation
    /// Whether the layer norms come before each block (`norm_first`).
    public let normFirst: Bool
    /// Whether inputs are `[N, L, E]` rather than `[L, N, E]` (`batch_first`).
    public let batchFirst: Bool
    /// The width of the feed-forward block (`dim_feedforward`).
    public let dimFeedforward: Int
    /// The remaining constructor arguments, for ``copy()``.
    let settings: (dropout: Double, layerNormEps: Double, bias: Bool, dtype: DType, device: Device)

    /// The layer (`nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
    /// activation='relu', layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True)`).
    public init(dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                activation: TransformerActivation = .relu, layerNormEps: Double = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, dtype: DType = .float32, device: Device = .cpu) {
        attemptVoid { try activation.check() }
        self.dModel = dModel
        self.nhead = nhead
        self.activation = activation
        self.normFirst = normFirst
        self.batchFirst = batchFirst
        self.dimFeedforward = dimFeedforward
        settings = (dropout, layerNormEps, bias, dtype, device)
        super.init()
        for name in ["self_attn", "multihead_attn"] {
            registerModule(name, MultiheadAttention(embedDim: dModel, numHeads: nhead, dropout: dropout, bias: bias,
                                                    batchFirst: batchFirst, dtype: dtype, device: device))
        }
        registerModule("linear1", Linear(dModel, dimFeedforward, bias: bias, dtype: dtype, device: device))
        registerModule("dropout", Dropout(p: dropout))
        registerModule("linear2", Linear(dimFeedforward, dModel, bias: bias, dtype: dtype, device: device))
        for name in ["norm1", "norm2", "norm3"] {
            registerModule(name, LayerNorm(dModel, eps: layerNormEps, bias: bias, dtype: dtype, device: device))
        }
        for name in ["dropout1", "dropout2", "dropout3"] { registerModule(name, Dropout(p: dropout)) }
    }

    /// The self-attention over the target (`self_attn`).
    public var selfAttn: MultiheadAttention { registeredChild("self_attn") }
    /// The attention over the memory (`multihead_attn`).
    public var multiheadAttn: MultiheadAttention { registeredChild("multihead_attn") }
    /// The feed-forward block's first layer (`linear1`).
    public var linear1: Linear { registeredChild("linear1") }
    /// The dropout inside the feed-forward block (`dropout`).
    public var dropout: Dropout { registeredChild("dropout") }
    /// The feed-forward block's second layer (`linear2`).
    public var linear2: Linear { registeredChild("linear2") }
    /// The norm of the self-attention block (`norm1`).
    public var norm1: LayerNorm { registeredChild("norm1") }
    /// The norm of the memory attention block (`norm2`).
    public var norm2: LayerNorm { registeredChild("norm2") }
    /// The norm of the feed-forward block (`norm3`).
    public var norm3: LayerNorm { registeredChild("norm3") }
    /// The dropout after the self-attention (`dropout1`).
    public var dropout1: Dropout { registeredChild("dropout1") }
    /// The dropout after the memory attention (`dropout2`).
    public var dropout2: Dropout { registeredChild("dropout2") }
    /// The dropout after the feed-forward block (`dropout3`).
    public var dropout3: Dropout { registeredChild("dropout3") }

    /// A new layer with this one's settings and a copy of its state (PyTorch's `copy.deepcopy`,
    /// which `TransformerDecoder` uses). Its parameters are drawn and then overwritten, so the
    /// global generator advances, unlike PyTorch's deep copy.
    open func copy() -> TransformerDecoderLayer {
        let layer = TransformerDecoderLayer(
            dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: settings.dropout,
            activation: activation, layerNormEps: settings.layerNormEps, batchFirst: batchFirst, normFirst: normFirst,
            bias: settings.bias, dtype: settings.dtype, device: settings.device)
        _ = try? layer.loadStateDict(stateDict())
        layer.train(isTraining)
        return layer
    }

    /// The layer with its hooks (`layer(tgt, memory, tgt_mask=None, memory_mask=None,
    /// tgt_key_padding_mask=None, memory_key_padding_mask=None, tgt_is_causal=False,
    /// memory_is_causal=False)`); hooks see `[tgt, memory]`.
    public func callAsFunction(_ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
                               tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               tgtIsCausal: Bool = false, memoryIsCausal: Bool = false) -> Tensor {
        callWithOneOutput([tgt, memory]) { x in
            forward(x[0], x[1], tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                    memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: tgtIsCausal, memoryIsCausal: memoryIsCausal)
        }
    }

    /// The layer's computation (`TransformerDecoderLayer.forward`): the masks are those of the
    /// self-attention (`tgt...`) and of the attention over the memory (`memory...`), as
    /// ``MultiheadAttention`` takes them.
    open func forward(_ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
                      tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                      tgtIsCausal: Bool = false, memoryIsCausal: Bool = false) -> Tensor {
        func selfAttentionBlock(_ x: Tensor) -> Tensor {
            dropout1(selfAttn.forward(x, x, x, keyPaddingMask: tgtKeyPaddingMask, needWeights: false, attnMask: tgtMask,
                                      isCausal: tgtIsCausal).output)
        }
        func memoryBlock(_ x: Tensor) -> Tensor {
            dropout2(multiheadAttn.forward(x, memory, memory, keyPaddingMask: memoryKeyPaddingMask, needWeights: false,
                                           attnMask: memoryMask, isCausal: memoryIsCausal).output)
        }
        func feedForwardBlock(_ x: Tensor) -> Tensor { dropout3(linear2(dropout(activation(linear1(x))))) }
        if normFirst {
            var x = tgt + selfAttentionBlock(norm1(tgt))
            x = x + memoryBlock(norm2(x))
            return x + feedForwardBlock(norm3(x))
        }
        var x = norm1(tgt + selfAttentionBlock(tgt))
        x = norm2(x + memoryBlock(x))
        return norm3(x + feedForwardBlock(x))
    }
}

// MARK: - TransformerDecoder

/// A stack of decoder layers, each a copy of one layer, with an optional final norm (PyTorch's
/// `nn.TransformerDecoder`); the layers are children `layers.0`, `layers.1`, ..., as in
/// PyTorch, and the norm is `norm`.
open class TransformerDecoder: Module {
    /// The layers, run in order (`layers`).
    public var layers: [TransformerDecoderLayer]
    /// The norm applied to the last layer's output (`norm`).
    public var norm: LayerNorm?

    /// `numLayers` copies of `decoderLayer` (`nn.TransformerDecoder(decoder_layer, num_layers,
    /// norm=None)`); see ``TransformerDecoderLayer/copy()``.
    public init(_ decoderLayer: TransformerDecoderLayer, numLayers: Int, norm: LayerNorm? = nil) {
        layers = (0..<max(numLayers, 0)).map { _ in decoderLayer.copy() }
        self.norm = norm
        super.init()
    }

    /// The stack with its hooks (`decoder(tgt, memory, tgt_mask=None, memory_mask=None,
    /// tgt_key_padding_mask=None, memory_key_padding_mask=None, tgt_is_causal=None,
    /// memory_is_causal=False)`); hooks see `[tgt, memory]`.
    public func callAsFunction(_ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
                               tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               tgtIsCausal: Bool = false, memoryIsCausal: Bool = false) -> Tensor {
        callWithOneOutput([tgt, memory]) { x in
            forward(x[0], x[1], tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                    memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: tgtIsCausal, memoryIsCausal: memoryIsCausal)
        }
    }

    /// Each layer in turn on the previous one's output and the same memory and masks, then
    /// `norm` (`TransformerDecoder.forward`).
    open func forward(_ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
                      tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                      tgtIsCausal: Bool = false, memoryIsCausal: Bool = false) -> Tensor {
        var output = tgt
        for layer in layers {
            output = layer(output, memory, tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                           memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: tgtIsCausal,
                           memoryIsCausal: memoryIsCausal)
        }
        return norm.map { $0(output) } ?? output
    }
}
