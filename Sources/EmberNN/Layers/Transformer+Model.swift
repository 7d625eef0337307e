import EmberCore

// MARK: - Transformer

/// An encoder-decoder transformer (PyTorch's `nn.Transformer`): a ``TransformerEncoder`` over
/// the source and a ``TransformerDecoder`` over the target that attends to the encoder's output,
/// each stack with a final ``LayerNorm``.
///
/// The children are `encoder` and `decoder`, with PyTorch's names below them
/// (`encoder.layers.0.self_attn.in_proj_weight`, `decoder.norm.weight`), so weights load from
/// PyTorch by name. As in PyTorch, every parameter of more than one dim is drawn again with
/// ``Init/xavierUniform_(_:gain:generator:)`` after the layers are built.
open class Transformer: Module {
    /// The encoder stack (`encoder`).
    public var encoder: TransformerEncoder
    /// The decoder stack (`decoder`).
    public var decoder: TransformerDecoder
    /// The model's width (`d_model`).
    public let dModel: Int
    /// The number of attention heads (`nhead`).
    public let nhead: Int
    /// Whether inputs are `[N, L, E]` rather than `[L, N, E]` (`batch_first`).
    public let batchFirst: Bool

    /// The model (`nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6,
    /// num_decoder_layers=6, dim_feedforward=2048, dropout=0.1, activation='relu',
    /// custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-05, batch_first=False,
    /// norm_first=False, bias=True)`). A custom encoder or decoder is used as given; the other
    /// stack is built from the settings.
    public init(dModel: Int = 512, nhead: Int = 8, numEncoderLayers: Int = 6, numDecoderLayers: Int = 6,
                dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: TransformerActivation = .relu,
                customEncoder: TransformerEncoder? = nil, customDecoder: TransformerDecoder? = nil,
                layerNormEps: Double = 1e-5, batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true,
                dtype: DType = .float32, device: Device = .cpu) {
        func norm() -> LayerNorm { LayerNorm(dModel, eps: layerNormEps, bias: bias, dtype: dtype, device: device) }
        encoder = customEncoder ?? TransformerEncoder(
            TransformerEncoderLayer(dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                                    activation: activation, layerNormEps: layerNormEps, batchFirst: batchFirst,
                                    normFirst: normFirst, bias: bias, dtype: dtype, device: device),
            numLayers: numEncoderLayers, norm: norm())
        decoder = customDecoder ?? TransformerDecoder(
            TransformerDecoderLayer(dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                                    activation: activation, layerNormEps: layerNormEps, batchFirst: batchFirst,
                                    normFirst: normFirst, bias: bias, dtype: dtype, device: device),
            numLayers: numDecoderLayers, norm: norm())
        self.dModel = dModel
        self.nhead = nhead
        self.batchFirst = batchFirst
        super.init()
        // PyTorch's `_reset_parameters`.
        for parameter in parameters() where parameter.dim > 1 { _ = Init.xavierUniform_(parameter) }
    }

    /// The model with its hooks (`transformer(src, tgt, src_mask=None, tgt_mask=None,
    /// memory_mask=None, src_key_padding_mask=None, tgt_key_padding_mask=None,
    /// memory_key_padding_mask=None, src_is_causal=None, tgt_is_causal=None,
    /// memory_is_causal=False)`); hooks see `[src, tgt]`.
    public func callAsFunction(_ src: Tensor, _ tgt: Tensor, srcMask: Tensor? = nil, tgtMask: Tensor? = nil,
                               memoryMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil,
                               tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               srcIsCausal: Bool = false, tgtIsCausal: Bool = false,
                               memoryIsCausal: Bool = false) -> Tensor {
        callWithOneOutput([src, tgt]) { x in
            forward(x[0], x[1], srcMask: srcMask, tgtMask: tgtMask, memoryMask: memoryMask,
                    srcKeyPaddingMask: srcKeyPaddingMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                    memoryKeyPaddingMask: memoryKeyPaddingMask, srcIsCausal: srcIsCausal, tgtIsCausal: tgtIsCausal,
                    memoryIsCausal: memoryIsCausal)
        }
    }

    /// The encoder over `src`, then the decoder over `tgt` and the encoder's output
    /// (`Transformer.forward`). `src` and `tgt` must have the same batch size and `dModel`
    /// features, as PyTorch checks.
    open func forward(_ src: Tensor, _ tgt: Tensor, srcMask: Tensor? = nil, tgtMask: Tensor? = nil,
                      memoryMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil, tgtKeyPaddingMask: Tensor? = nil,
                      memoryKeyPaddingMask: Tensor? = nil, srcIsCausal: Bool = false, tgtIsCausal: Bool = false,
                      memoryIsCausal: Bool = false) -> Tensor {
        let checked: Bool = attempt {
            let batchDim = batchFirst ? 0 : 1
            if src.dim == 3 && tgt.dim > batchDim && src.shape[batchDim] != tgt.shape[batchDim] {
                throw TensorError.runtime("the batch number of src and tgt must be equal")
            }
            if src.shape.last != dModel || tgt.shape.last != dModel {
                throw TensorError.runtime("the feature number of src and tgt must be equal to d_model")
            }
            return true
        }
        guard checked else { return Tensor.errorPlaceholder }
        let memory = encoder(src, mask: srcMask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: srcIsCausal)
        return decoder(tgt, memory, tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                       memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: tgtIsCausal,
                       memoryIsCausal: memoryIsCausal)
    }

    /// The causal mask of a sequence of `size` (`nn.Transformer.generate_square_subsequent_mask`):
    /// `[size, size]`, `-inf` above the diagonal and `0` on and below it.
    public static func generateSquareSubsequentMask(_ size: Int, dtype: DType = .float32,
                                                    device: Device = .cpu) -> Tensor {
        Tensor.full([size, size], .float(-.infinity), dtype: dtype, device: device).triu(diagonal: 1)
    }
}
