import EmberCore

// MARK: - Activation

/// The feed-forward activation of the transformer layers (PyTorch's `activation` strings).
public enum TransformerActivation: PyTorchStringOption {
    /// `'relu'`, the default.
    case relu
    /// `'gelu'`, the exact GELU.
    case gelu
    /// A string that names neither; the layers fail with PyTorch's message.
    case unrecognized(String)

    /// PyTorch's string for each option.
    public static let spellings: [(option: Self, name: String)] = [(.relu, "relu"), (.gelu, "gelu")]

    /// PyTorch's `RuntimeError` for an unknown activation.
    func check() throws(TensorError) {
        if case .unrecognized(let name) = self {
            throw TensorError.runtime("activation should be relu/gelu, not \(name)")
        }
    }

    func callAsFunction(_ x: Tensor) -> Tensor { self == .gelu ? x.gelu() : x.relu() }
}

// MARK: - Children by PyTorch's names

extension Module {
    /// The registered child `name` as a `T` (the transformer layers register theirs under
    /// PyTorch's names, which are not Swift property names).
    func registeredChild<T: Module>(_ name: String, as type: T.Type = T.self) -> T {
        (registeredModules[name] ?? nil) as! T
    }
}

// MARK: - TransformerEncoderLayer

/// Self-attention followed by a feed-forward block, each with a residual connection and layer
/// normalization (PyTorch's `nn.TransformerEncoderLayer`).
///
/// The submodules have PyTorch's names, in PyTorch's order (`self_attn`, `linear1`, `dropout`,
/// `linear2`, `norm1`, `norm2`, `dropout1`, `dropout2`), so `stateDict()` keys are PyTorch's and
/// weights load from PyTorch by name; they are drawn in PyTorch's order. With `normFirst` each
/// block is `x + block(norm(x))`, else `norm(x + block(x))`.
open class TransformerEncoderLayer: Module {
    /// The model's width (`d_model`).
    public let dModel: Int
    /// The number of attention heads (`nhead`).
    public let nhead: Int
    /// The feed-forward block's width (`dim_feedforward`).
    public let dimFeedforward: Int
    /// The feed-forward activation (`activation`).
    public let activation: TransformerActivation
    /// Whether the layer norms come before each block (`norm_first`).
    public let normFirst: Bool
    /// Whether inputs are `[N, L, E]` rather than `[L, N, E]` (`batch_first`).
    public let batchFirst: Bool
    let settings: (dropout: Double, layerNormEps: Double, bias: Bool, dtype: DType, device: Device)

    /// The layer (`nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
    /// activation='relu', layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True)`).
    public init(dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                activation: TransformerActivation = .relu, layerNormEps: Double = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, dtype: DType = .float32, device: Device = .cpu) {
        attemptVoid { try activation.check() }
        self.dModel = dModel
        self.nhead = nhead
        self.dimFeedforward = dimFeedforward
        self.activation = activation
        self.normFirst = normFirst
        self.batchFirst = batchFirst
        settings = (dropout, layerNormEps, bias, dtype, device)
        super.init()
        registerModule("self_attn", MultiheadAttention(embedDim: dModel, numHeads: nhead, dropout: dropout, bias: bias,
                                                       batchFirst: batchFirst, dtype: dtype, device: device))
        registerModule("linear1", Linear(dModel, dimFeedforward, bias: bias, dtype: dtype, device: device))
        registerModule("dropout", Dropout(p: dropout))
        registerModule("linear2", Linear(dimFeedforward, dModel, bias: bias, dtype: dtype, device: device))
        registerModule("norm1", LayerNorm(dModel, eps: layerNormEps, bias: bias, dtype: dtype, device: device))
        registerModule("norm2", LayerNorm(dModel, eps: layerNormEps, bias: bias, dtype: dtype, device: device))
        registerModule("dropout1", Dropout(p: dropout))
        registerModule("dropout2", Dropout(p: dropout))
    }

    /// The self-attention (`self_attn`).
    public var selfAttn: MultiheadAttention { registeredChild("self_attn") }
    /// The feed-forward block's first layer, `dModel` to `dimFeedforward` (`linear1`).
    public var linear1: Linear { registeredChild("linear1") }
    /// The dropout inside the feed-forward block (`dropout`).
    public var dropout: Dropout { registeredChild("dropout") }
    /// The feed-forward block's second layer (`linear2`).
    public var linear2: Linear { registeredChild("linear2") }
    /// The norm of the attention block (`norm1`).
    public var norm1: LayerNorm { registeredChild("norm1") }
    /// The norm of the feed-forward block (`norm2`).
    public var norm2: LayerNorm { registeredChild("norm2") }
    /// The dropout after the attention (`dropout1`).
    public var dropout1: Dropout { registeredChild("dropout1") }
    /// The dropout after the feed-forward block (`dropout2`).
    public var dropout2: Dropout { registeredChild("dropout2") }

    /// A new layer with this one's settings and a copy of its state (PyTorch's `copy.deepcopy`,
    /// which `TransformerEncoder` uses). Its parameters are drawn and then overwritten, so the
    /// global generator advances, unlike PyTorch's deep copy.
    open func copy() -> TransformerEncoderLayer {
        let layer = TransformerEncoderLayer(
            dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: settings.dropout,
            activation: activation, layerNormEps: settings.layerNormEps, batchFirst: batchFirst, normFirst: normFirst,
            bias: settings.bias, dtype: settings.dtype, device: settings.device)
        _ = try? layer.loadStateDict(stateDict())
        layer.train(isTraining)
        return layer
    }

    /// The layer with its hooks (`layer(src, src_mask=None, src_key_padding_mask=None,
    /// is_causal=False)`); hooks see `[src]`.
    public func callAsFunction(_ src: Tensor, srcMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil,
                               isCausal: Bool = false) -> Tensor {
        callWithOneOutput([src]) { x in
            forward(x[0], srcMask: srcMask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: isCausal)
        }
    }

    /// `layer(src)` without masks.
    open override func forward(_ input: Tensor) -> Tensor { forward(input, srcMask: nil) }

    /// The layer's computation (`TransformerEncoderLayer.forward`): `srcMask` and
    /// `srcKeyPaddingMask` are the self-attention's `attnMask` and `keyPaddingMask` (bool `true`
    /// or `-inf` means "may not attend"); `isCausal` tells that `srcMask` is the causal mask.
    open func forward(_ src: Tensor, srcMask: Tensor?, srcKeyPaddingMask: Tensor? = nil,
                      isCausal: Bool = false) -> Tensor {
        func attentionBlock(_ x: Tensor) -> Tensor {
            dropout1(selfAttn.forward(x, x, x, keyPaddingMask: srcKeyPaddingMask, needWeights: false,
                                      attnMask: srcMask, isCausal: isCausal).output)
        }
        func feedForwardBlock(_ x: Tensor) -> Tensor { dropout2(linear2(dropout(activation(linear1(x))))) }
        if normFirst {
            let x = src + attentionBlock(norm1(src))
            return x + feedForwardBlock(norm2(x))
        }
        let x = norm1(src + attentionBlock(src))
        return norm2(x + feedForwardBlock(x))
    }
}

// MARK: - TransformerEncoder

/// A stack of encoder layers, each a copy of one layer, with an optional final norm (PyTorch's
/// `nn.TransformerEncoder`); the layers are children `layers.0`, `layers.1`, ..., as in
/// PyTorch, and the norm is `norm`.
open class TransformerEncoder: Module {
    /// The layers, run in order (`layers`).
    public var layers: [TransformerEncoderLayer]
    /// The norm applied to the last layer's output (`norm`).
    public var norm: LayerNorm?

    /// `numLayers` copies of `encoderLayer` (`nn.TransformerEncoder(encoder_layer, num_layers,
    /// norm=None)`); see ``TransformerEncoderLayer/copy()``.
    public init(_ encoderLayer: TransformerEncoderLayer, numLayers: Int, norm: LayerNorm? = nil) {
        layers = (0..<max(numLayers, 0)).map { _ in encoderLayer.copy() }
        self.norm = norm
        super.init()
    }

    /// The stack with its hooks (`encoder(src, mask=None, src_key_padding_mask=None,
    /// is_causal=None)`); hooks see `[src]`.
    public func callAsFunction(_ src: Tensor, mask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil,
                               isCausal: Bool = false) -> Tensor {
        callWithOneOutput([src]) { x in forward(x[0], mask: mask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: isCausal) }
    }

    /// `encoder(src)` without masks.
    open override func forward(_ input: Tensor) -> Tensor { forward(input, mask: nil) }

    /// Each layer in turn with the same masks, then `norm` (`TransformerEncoder.forward`).
    open func forward(_ src: Tensor, mask: Tensor?, srcKeyPaddingMask: Tensor? = nil, isCausal: Bool = false) -> Tensor {
        var output = src
        for layer in layers {
            output = layer(output, srcMask: mask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: isCausal)
        }
        return norm.map { $0(output) } ?? output
    }
}
