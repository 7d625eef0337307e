import EmberCore

// MARK: - Scaled dot-product attention

extension Functional {
    /// `softmax(query @ key^T * scale + mask) @ value`
    /// (`F.scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0,
    /// is_causal=False, scale=None, enable_gqa=False)`); see
    /// `Tensor.scaledDotProductAttention(query:key:value:attnMask:dropoutP:isCausal:scale:enableGQA:)`.
    /// A bool `attnMask` marks with `true` the positions that take part; a float one is added.
    public static func scaledDotProductAttention(
        query: Tensor, key: Tensor, value: Tensor, attnMask: Tensor? = nil, dropoutP: Double = 0,
        isCausal: Bool = false, scale: Double? = nil, enableGQA: Bool = false
    ) -> Tensor {
        Tensor.scaledDotProductAttention(query: query, key: key, value: value, attnMask: attnMask, dropoutP: dropoutP,
                                         isCausal: isCausal, scale: scale, enableGQA: enableGQA)
    }
}

// MARK: - NonDynamicallyQuantizableLinear

/// The output projection of ``MultiheadAttention`` (PyTorch's
/// `nn.modules.linear.NonDynamicallyQuantizableLinear`): a ``Linear`` under the name PyTorch
/// prints, initialized as `Linear`.
public final class NonDynamicallyQuantizableLinear: Linear {}

// MARK: - MultiheadAttention

/// Attention over several heads at once (PyTorch's `nn.MultiheadAttention`): the query, key and
/// value are projected, split into `numHeads` heads of `embedDim / numHeads` features, attended
/// with ``Functional/scaledDotProductAttention(query:key:value:attnMask:dropoutP:isCausal:scale:enableGQA:)``,
/// joined and projected by `out_proj`.
///
/// The parameters have PyTorch's names and layout, so `stateDict()` and `loadStateDict(_:)`
/// exchange weights with PyTorch: `in_proj_weight` `[3 * embedDim, embedDim]` (the query, key
/// and value rows in that order) when `kdim` and `vdim` equal `embedDim`, else `q_proj_weight`,
/// `k_proj_weight`, `v_proj_weight`; then `in_proj_bias` `[3 * embedDim]`, `bias_k` and `bias_v`
/// (with `addBiasKV`), and `out_proj.weight`, `out_proj.bias`. They start as PyTorch's: `out_proj`
/// as a `Linear`, then `xavier_uniform_` on the projection weights, zero biases, and
/// `xavier_normal_` on `bias_k` and `bias_v`, drawn in PyTorch's order.
///
/// Inputs are `[L, N, E]` (sequence first, PyTorch's default), `[N, L, E]` with `batchFirst`,
/// or unbatched `[L, E]`. Call it as `mha(query, key, value, ...)`, which returns the output and
/// the attention weights, or `mha(x)` for self-attention's output alone.
open class MultiheadAttention: Module {
    /// The model's width (`embed_dim`).
    public let embedDim: Int
    /// The key's feature size (`kdim`), `embedDim` unless given.
    public let kdim: Int
    /// The value's feature size (`vdim`), `embedDim` unless given.
    public let vdim: Int
    /// The number of heads (`num_heads`).
    public let numHeads: Int
    /// The features of one head, `embedDim / numHeads` (`head_dim`).
    public let headDim: Int
    /// The probability of dropping an attention weight in training (`dropout`).
    public let dropout: Double
    /// Whether inputs and output are `[N, L, E]` rather than `[L, N, E]` (`batch_first`).
    public let batchFirst: Bool
    /// Whether a zero key and value are appended to the sequence (`add_zero_attn`).
    public let addZeroAttn: Bool

    /// Whether query, key and value share one packed projection, `in_proj_weight`
    /// (`_qkv_same_embed_dim`).
    public var qkvSameEmbedDim: Bool { kdim == embedDim && vdim == embedDim }

    /// The layer (`nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True,
    /// add_bias_kv=False, add_zero_attn=False, kdim=None, vdim=None, batch_first=False)`).
    /// Fails with PyTorch's errors for sizes that are not positive, or an `embedDim` that
    /// `numHeads` does not divide.
    public init(embedDim: Int, numHeads: Int, dropout: Double = 0, bias: Bool = true, addBiasKV: Bool = false,
                addZeroAttn: Bool = false, kdim: Int? = nil, vdim: Int? = nil, batchFirst: Bool = false,
                dtype: DType = .float32, device: Device = .cpu) {
        attemptVoid {
            guard embedDim > 0 && numHeads > 0 else {
                throw TensorError.value(
                    "embed_dim and num_heads must be greater than 0, got embed_dim=\(embedDim) and num_heads=\(numHeads) instead")
            }
            guard embedDim % numHeads == 0 else {
                throw TensorError(.assertionError, "embed_dim must be divisible by num_heads")
            }
        }
        self.embedDim = embedDim
        self.kdim = kdim ?? embedDim
        self.vdim = vdim ?? embedDim
        self.numHeads = numHeads
        headDim = numHeads > 0 ? embedDim / numHeads : 0
        self.dropout = dropout
        self.batchFirst = batchFirst
        self.addZeroAttn = addZeroAttn
        super.init()
        func parameter(_ shape: [Int]) -> Parameter { Parameter(Tensor.empty(shape, dtype: dtype, device: device)) }
        if qkvSameEmbedDim {
            registerParameter("in_proj_weight", parameter([3 * embedDim, embedDim]))
        } else {
            registerParameter("q_proj_weight", parameter([embedDim, embedDim]))
            registerParameter("k_proj_weight", parameter([embedDim, self.kdim]))
            registerParameter("v_proj_weight", parameter([embedDim, self.vdim]))
        }
        if bias { registerParameter("in_proj_bias", parameter([3 * embedDim])) }
        if addBiasKV {
            registerParameter("bias_k", parameter([1, 1, embedDim]))
            registerParameter("bias_v", parameter([1, 1, embedDim]))
        }
        // Made (and drawn) before the projections, as in PyTorch's __init__.
        registerModule("out_proj", NonDynamicallyQuantizableLinear(embedDim, embedDim, bias: bias, dtype: dtype,
                                                                   device: device))
        resetProjections()
    }

    /// Draws the projections again as PyTorch's `_reset_parameters` does: `xavier_uniform_` on
    /// `in_proj_weight` (or the three separate weights), zeros in `in_proj_bias` and
    /// `out_proj.bias`, `xavier_normal_` on `bias_k` and `bias_v`. `out_proj.weight` keeps its
    /// `Linear` initialization.
    open func resetProjections() {
        if let inProjWeight {
            Init.xavierUniform_(inProjWeight)
        } else {
            for weight in [qProjWeight, kProjWeight, vProjWeight].compactMap({ $0 }) { Init.xavierUniform_(weight) }
        }
        if let inProjBias { Init.zeros_(inProjBias) }
        if let bias = outProj.bias { Init.zeros_(bias) }
        if let biasK { Init.xavierNormal_(biasK) }
        if let biasV { Init.xavierNormal_(biasV) }
    }

    // MARK: - Parameters by PyTorch's names

    /// The packed query, key and value projection, `[3 * embedDim, embedDim]` (`in_proj_weight`);
    /// `nil` when `kdim` or `vdim` differ from `embedDim`.
    public var inProjWeight: Parameter? { registeredParameters["in_proj_weight"] ?? nil }
    /// The query projection when the projections are separate (`q_proj_weight`).
    public var qProjWeight: Parameter? { registeredParameters["q_proj_weight"] ?? nil }
    /// The key projection, `[embedDim, kdim]`, when the projections are separate (`k_proj_weight`).
    public var kProjWeight: Parameter? { registeredParameters["k_proj_weight"] ?? nil }
    /// The value projection, `[embedDim, vdim]`, when the projections are separate (`v_proj_weight`).
    public var vProjWeight: Parameter? { registeredParameters["v_proj_weight"] ?? nil }
    /// The projections' bias, `[3 * embedDim]` (`in_proj_bias`); `nil` without `bias`.
    public var inProjBias: Parameter? { registeredParameters["in_proj_bias"] ?? nil }
    /// The key appended to every sequence, `[1, 1, embedDim]` (`bias_k`); `nil` without `addBiasKV`.
    public var biasK: Parameter? { registeredParameters["bias_k"] ?? nil }
    /// The value appended to every sequence, `[1, 1, embedDim]` (`bias_v`); `nil` without `addBiasKV`.
    public var biasV: Parameter? { registeredParameters["bias_v"] ?? nil }
    /// The output projection (`out_proj`).
    public var outProj: Linear {
        get { (registeredModules["out_proj"] ?? nil) as? Linear ?? Linear(1, 1) }
        set { registeredModules["out_proj"] = newValue }
    }

    // MARK: - Calling

    /// Attention of `query` over `key` and `value` with the module's hooks (`mha(query, key,
    /// value, key_padding_mask=None, need_weights=True, attn_mask=None, average_attn_weights=True,
    /// is_causal=False)`); see ``forward(_:_:_:keyPaddingMask:needWeights:attnMask:averageAttnWeights:isCausal:)``.
    /// Hooks see `[query, key, value]` and `[output]` or `[output, weights]`.
    public func callAsFunction(_ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor? = nil,
                               needWeights: Bool = true, attnMask: Tensor? = nil, averageAttnWeights: Bool = true,
                               isCausal: Bool = false) -> (output: Tensor, weights: Tensor?) {
        func run(_ x: [Tensor]) -> (output: Tensor, weights: Tensor?) {
            forward(x[0], x[1], x[2], keyPaddingMask: keyPaddingMask, needWeights: needWeights, attnMask: attnMask,
                    averageAttnWeights: averageAttnWeights, isCausal: isCausal)
        }
        if !hasHooks { return run([query, key, value]) }
        let outputs = call([query, key, value]) { x in
            let (output, weights) = run(x)
            return [output] + (weights.map { [$0] } ?? [])
        }
        return (outputs[0], outputs.count > 1 ? outputs[1] : nil)
    }

    /// Self-attention's output alone: `mha(x, x, x, need_weights=False)[0]`.
    open override func forward(_ input: Tensor) -> Tensor {
        forward(input, input, input, needWeights: false).output
    }

    /// The attention (`MultiheadAttention.forward`): the output, shaped as `query` with
    /// `embedDim` features, and with `needWeights` the attention weights, `[N, L, S]` averaged
    /// over the heads or `[N, numHeads, L, S]` without `averageAttnWeights` (no `N` for an
    /// unbatched query).
    ///
    /// `keyPaddingMask` `[N, S]` marks keys to ignore: `true` in a bool mask, or a float added to
    /// the scores. `attnMask` `[L, S]` or `[N * numHeads, L, S]` is the same for positions:
    /// unlike ``Functional/scaledDotProductAttention(query:key:value:attnMask:dropoutP:isCausal:scale:enableGQA:)``,
    /// `true` means "may not attend", as in PyTorch. `isCausal` is a hint that `attnMask` is
    /// the causal mask, which must then be given. Dropout applies in training mode only.
    open func forward(_ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor? = nil,
                      needWeights: Bool = true, attnMask: Tensor? = nil, averageAttnWeights: Bool = true,
                      isCausal: Bool = false) -> (output: Tensor, weights: Tensor?) {
        let result: [Tensor] = attempt {
            try attention(query, key, value, keyPaddingMask: keyPaddingMask, needWeights: needWeights,
                          attnMask: attnMask, averageAttnWeights: averageAttnWeights, isCausal: isCausal)
        }
        guard let output = result.first else { return (query, nil) }  // a failed call's placeholder
        return (output, result.count > 1 ? result[1] : nil)
    }
}
