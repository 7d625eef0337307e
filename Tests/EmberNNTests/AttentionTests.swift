// AttentionTests.swift
//
// scaledDotProductAttention, MultiheadAttention and the transformer layers against PyTorch
// 2.15: outputs, attention weights and the gradients of inputs and parameters of the cases in
// AttentionReference.swift (written by Scripts/attention-reference.py, which loads the same
// weights by name), float64 gradchecks, PyTorch's state dict names and error messages.

import Testing
import Ember
import EmberTestSupport
import OrderedCollections

/// A PyTorch literal as a tensor.
private func tensor(_ t: AttentionTensor, dtype: DType = .float32) -> Tensor {
    Tensor(shape: t.shape, data: t.values, dtype: dtype)
}

/// `nn.Transformer.generate_square_subsequent_mask(n)`: `-inf` above the diagonal.
private func causalMask(_ n: Int) -> Tensor {
    Tensor.zeros([n, n]).maskedFill(Tensor.ones([n, n], dtype: .bool).triu(diagonal: 1), -Double.infinity)
}

/// The module of a case (nil for the functional cases) and how to run it on the inputs.
private func makeCase(_ c: AttentionCase, _ x: [String: Tensor]) -> (Module?, () -> (Tensor, Tensor?)) {
    let kpm = x["padding"]?.to(.bool)
    switch c.name {
    case "sdpaBoolMask":
        return (nil, { (Functional.scaledDotProductAttention(query: x["query"]!, key: x["key"]!, value: x["value"]!,
                                                             attnMask: x["mask"]!.to(.bool)), nil) })
    case "sdpaFloatMask":
        return (nil, { (Functional.scaledDotProductAttention(query: x["query"]!, key: x["key"]!, value: x["value"]!,
                                                             attnMask: x["mask"]!.detach()), nil) })
    case "sdpaCausal":
        return (nil, { (Functional.scaledDotProductAttention(query: x["query"]!, key: x["key"]!, value: x["value"]!,
                                                             isCausal: true), nil) })
    case "sdpaScale3D":
        return (nil, { (Functional.scaledDotProductAttention(query: x["query"]!, key: x["key"]!, value: x["value"]!,
                                                             scale: 0.3), nil) })
    case "sdpaGQA":
        return (nil, { (Functional.scaledDotProductAttention(query: x["query"]!, key: x["key"]!, value: x["value"]!,
                                                             enableGQA: true), nil) })
    case "mhaSelf", "mhaSelfNoAverage", "mhaSelfNoWeights":
        let m = MultiheadAttention(embedDim: 8, numHeads: 2)
        return (m, {
            let r = m(x["x"]!, x["x"]!, x["x"]!, needWeights: c.name != "mhaSelfNoWeights",
                      averageAttnWeights: c.name != "mhaSelfNoAverage")
            return (r.output, r.weights)
        })
    case "mhaCrossKdimVdim":
        let m = MultiheadAttention(embedDim: 8, numHeads: 4, kdim: 5, vdim: 6)
        return (m, { let r = m(x["query"]!, x["key"]!, x["value"]!, keyPaddingMask: kpm); return (r.output, r.weights) })
    case "mhaBatchFirstMasks":
        let m = MultiheadAttention(embedDim: 8, numHeads: 2, batchFirst: true)
        let padding = Tensor([[0.0, 0, -2, 0], [0, -2, -2, 0]])
        let mask = Tensor([[0.0, 0, -1, 0], [0, 0.5, 0, 0], [1, 0, 0, 0]])
        return (m, {
            (m(x["query"]!, x["key"]!, x["value"]!, keyPaddingMask: padding, needWeights: false, attnMask: mask).output, nil)
        })
    case "mhaBiasKVZeroAttn":
        let m = MultiheadAttention(embedDim: 8, numHeads: 2, addBiasKV: true, addZeroAttn: true)
        let padding = Tensor([[false, false, true, false], [false, true, true, false]])
        let mask = Tensor.ones([3, 4], dtype: .bool).triu(diagonal: 2)
        return (m, {
            let r = m(x["query"]!, x["key"]!, x["value"]!, keyPaddingMask: padding, attnMask: mask)
            return (r.output, r.weights)
        })
    case "encoderNormLastRelu":
        let m = TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0)
        return (m, { (m(x["src"]!, srcMask: causalMask(4), isCausal: true), nil) })
    case "encoderNormFirstGeluBatchFirst":
        let m = TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0, activation: "gelu",
                                        layerNormEps: 1e-4, batchFirst: true, normFirst: true)
        m.eval()
        let padding = Tensor([[false, false, true, false], [false, true, true, false]])
        return (m, { (m(x["src"]!, srcKeyPaddingMask: padding), nil) })
    case "decoderNormLast":
        let m = TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0)
        let padding = Tensor([[false, false, true, false], [false, true, true, false]])
        return (m, { (m(x["tgt"]!, x["memory"]!, tgtMask: causalMask(3), memoryKeyPaddingMask: padding), nil) })
    case "decoderNormFirstGelu":
        let m = TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0, activation: .gelu,
                                        batchFirst: true, normFirst: true, bias: false)
        return (m, { (m(x["tgt"]!, x["memory"]!), nil) })
    case "encoderStackFinalNorm":
        let m = TransformerEncoder(TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0),
                                   numLayers: 2, norm: LayerNorm(8))
        return (m, { (m(x["src"]!, mask: causalMask(4)), nil) })
    case "decoderStackFinalNorm":
        let m = TransformerDecoder(TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0,
                                                           normFirst: true),
                                   numLayers: 2, norm: LayerNorm(8))
        let padding = Tensor([[false, false, true, false], [false, true, true, false]])
        return (m, {
            (m(x["tgt"]!, x["memory"]!, tgtMask: Transformer.generateSquareSubsequentMask(3),
               memoryKeyPaddingMask: padding, tgtIsCausal: true), nil)
        })
    case "transformerBatchFirst":
        let m = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 16,
                            dropout: 0, activation: .gelu, batchFirst: true)
        let padding = Tensor([[false, false, true, false], [false, true, true, false]])
        return (m, {
            (m(x["src"]!, x["tgt"]!, tgtMask: causalMask(3), srcKeyPaddingMask: padding,
               memoryKeyPaddingMask: padding), nil)
        })
    default:
        fatalError("unknown case \(c.name)")
    }
}

@Suite struct AttentionTests {
    @Test(arguments: attentionCases)
    func matchesPyTorch(_ c: AttentionCase) throws {
        var inputs: [String: Tensor] = [:]
        for (name, t) in c.inputs {
            let x = tensor(t)
            inputs[name] = c.inputGrads.contains { $0.0 == name } ? x.requiresGrad_() : x
        }
        let (module, run) = makeCase(c, inputs)
        if let module {
            #expect(Array(module.stateDict().keys) == c.state.map(\.0), "state dict keys")
            let state = OrderedDictionary(uniqueKeysWithValues: c.state.map { ($0.0, tensor($0.1)) })
            _ = try module.loadStateDict(state)
        }
        let (output, weights) = run()
        expectClose(output, shape: c.output.shape, c.output.values, tolerance: 1e-5)
        if let expected = c.weights {
            expectClose(weights, shape: expected.shape, expected.values, tolerance: 1e-5)
        } else {
            #expect(weights == nil)
        }
        if c.name.hasPrefix("sdpa") { #expect(output.gradFn?.name == c.node) }
        try (output * tensor(c.grad)).sum().backward()
        for (name, expected) in c.inputGrads {
            expectClose(inputs[name]?.grad, shape: expected.shape, expected.values, tolerance: 1e-4)
        }
        if let module {
            let parameters = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.parameter) })
            for (name, expected) in c.parameterGrads {
                expectClose(parameters[name]?.grad, shape: expected.shape, expected.values, tolerance: 1e-4)
            }
        }
    }

    // MARK: - Gradients in float64

    @Test func attentionGradcheck() {
        expectGradients("sdpa", shapes: [[2, 2, 3, 4], [2, 2, 5, 4], [2, 2, 5, 4]], secondOrder: true,
                        node: "ScaledDotProductFlashAttentionForCpuBackward0") { x in
            Tensor.scaledDotProductAttention(query: x[0], key: x[1], value: x[2])
        }
        let mask = Tensor([[true, false, true, true, false], [true, true, true, false, false], [false, false, false, false, false]])
        expectGradients("sdpa bool mask", shapes: [[2, 3, 4], [2, 5, 4], [2, 5, 4]], secondOrder: true,
                        node: "SqueezeBackward1") { x in
            Tensor.scaledDotProductAttention(query: x[0], key: x[1], value: x[2], attnMask: mask)
        }
        expectGradients("sdpa causal, scale, float mask with grad", shapes: [[1, 2, 4, 3], [1, 2, 4, 3], [1, 2, 4, 2], [4, 4]],
                        node: "UnsafeViewBackward0") { x in
            Tensor.scaledDotProductAttention(query: x[0], key: x[1], value: x[2], attnMask: x[3], scale: 0.7)
        }
        expectGradients("sdpa causal", shapes: [[1, 2, 4, 3], [1, 2, 4, 3], [1, 2, 4, 3]]) { x in
            Tensor.scaledDotProductAttention(query: x[0], key: x[1], value: x[2], isCausal: true)
        }
    }

    @Test func multiheadAttentionGradcheck() {
        let m = MultiheadAttention(embedDim: 4, numHeads: 2, kdim: 3, vdim: 5, dtype: .float64)
        let padding = Tensor([[false, true], [false, false]])
        expectGradients("mha", shapes: [[3, 2, 4], [2, 2, 3], [2, 2, 5]]) { x in
            m(x[0], x[1], x[2], keyPaddingMask: padding).output
        }
        let selfAttention = MultiheadAttention(embedDim: 4, numHeads: 2, batchFirst: true, dtype: .float64)
        expectGradients("mha self", shapes: [[2, 3, 4]]) { x in selfAttention(x[0]) }
    }

    // MARK: - Behaviour

    /// A row whose keys are all masked gives zeros, as PyTorch's CPU kernel does.
    @Test func fullyMaskedRowIsZero() {
        let q = seq([1, 1, 2, 3], 1)
        let out = Tensor.scaledDotProductAttention(query: q, key: q, value: q,
                                                   attnMask: Tensor([[true, true], [false, false]]))
        expectClose(out[0, 0, 1], shape: [3], [0, 0, 0])
    }

    /// Evaluation mode reaches every sublayer (the literal cases run in both modes).
    @Test func evalReachesSublayers() {
        let layer = TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16)
        layer.eval()
        #expect(!layer.selfAttn.isTraining && !layer.dropout1.isTraining && !layer.selfAttn.outProj.isTraining)
    }

    @Test func reprsAndNames() {
        let m = MultiheadAttention(embedDim: 8, numHeads: 2, addBiasKV: true, kdim: 4, vdim: 6)
        #expect(m.stateDict().keys.elementsEqual([
            "q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "bias_k", "bias_v", "out_proj.weight",
            "out_proj.bias",
        ]))
        #expect(m.description == """
            MultiheadAttention(
              (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)
            )
            """)
        let layer = TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16)
        #expect(layer.description == """
            TransformerEncoderLayer(
              (self_attn): MultiheadAttention(
                (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)
              )
              (linear1): Linear(in_features=8, out_features=16, bias=True)
              (dropout): Dropout(p=0.1, inplace=False)
              (linear2): Linear(in_features=16, out_features=8, bias=True)
              (norm1): LayerNorm((8,), eps=1e-05, elementwise_affine=True, bias=True)
              (norm2): LayerNorm((8,), eps=1e-05, elementwise_affine=True, bias=True)
              (dropout1): Dropout(p=0.1, inplace=False)
              (dropout2): Dropout(p=0.1, inplace=False)
            )
            """)
        let decoder = TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16)
        #expect(decoder.stateDict().keys.elementsEqual([
            "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "multihead_attn.in_proj_weight", "multihead_attn.in_proj_bias", "multihead_attn.out_proj.weight",
            "multihead_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
            "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias", "norm3.weight", "norm3.bias",
        ]))
    }

    /// `nn.Transformer.generate_square_subsequent_mask(3)`: `[[0., -inf, -inf], [0., 0., -inf],
    /// [0., 0., 0.]]`; and the stacks' names and settings (`nn.Transformer(8, 2, 2, 1, 16)`'s
    /// state dict starts `encoder.layers.0.self_attn.in_proj_weight` and ends `decoder.norm.bias`;
    /// every weight matrix redrawn, as PyTorch's `xavier_uniform_`, within its bound).
    @Test func transformerMaskAndStructure() {
        let mask = Transformer.generateSquareSubsequentMask(3, dtype: .float64)
        expectTensor(mask, shape: [3, 3], values: [0, -.infinity, -.infinity, 0, 0, -.infinity, 0, 0, 0])
        let m = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 16)
        let keys = Array(m.stateDict().keys)
        #expect(keys.first == "encoder.layers.0.self_attn.in_proj_weight" && keys.last == "decoder.norm.bias")
        #expect(m.encoder.layers.count == 2 && m.decoder.layers.count == 1)
        #expect(keys.contains("encoder.norm.weight") && keys.contains("decoder.layers.0.multihead_attn.in_proj_weight"))
        // xavier_uniform_ on linear1.weight [16, 8]: bound sqrt(6 / (8 + 16)) = 0.5.
        let w = m.encoder.layers[1].linear1.weight.detach().abs().max().item(as: Double.self)
        #expect(w <= 0.5 && w > 0.36)  // above Linear's own bound, 1 / sqrt(8) = 0.354
        // The copies are independent: changing one layer leaves the other.
        m.decoder.layers[0].linear1.weight.detach().fill_(0)
        let copy = TransformerDecoder(m.decoder.layers[0], numLayers: 2)
        copy.layers[0].linear1.weight.detach().fill_(1)
        #expect(copy.layers[1].linear1.weight.detach().sum().item(as: Double.self) == 0)
    }

    /// PyTorch's initialization for a seed: out_proj as a Linear, then xavier_uniform_ on
    /// in_proj_weight, zero biases. From the process-wide generator, so in a child process.
    /// Expected (PyTorch 2.15): `torch.manual_seed(0); m = nn.MultiheadAttention(4, 2)`, then
    /// `m.in_proj_weight[0].tolist()`, `m.out_proj.weight[0].tolist()`.
    @Test func seededInitialization() async {
        await #expect(processExitsWith: .success) {
            manualSeed(0)
            let m = MultiheadAttention(embedDim: 4, numHeads: 2)
            let inProj = m.inProjWeight!.detach()[0].scalars(as: Float.self)
            let outProj = m.outProj.weight.detach()[0].scalars(as: Float.self)
            precondition(zip(inProj, SeededInit.inProjRow0).allSatisfy { Swift.abs(Double($0) - $1) < 1e-6 }, "\(inProj)")
            precondition(zip(outProj, SeededInit.outProjRow0).allSatisfy { Swift.abs(Double($0) - $1) < 1e-6 }, "\(outProj)")
            precondition(m.inProjBias!.detach().abs().sum().item(as: Double.self) == 0)
            precondition(m.outProj.bias!.detach().abs().sum().item(as: Double.self) == 0)
        }
    }

    // MARK: - Errors

    struct Errors: OpErrorTable {
        static let all: [OpErrorCase] = [
            OpErrorCase("not divisible", .assertionError, "embed_dim must be divisible by num_heads") {
                _ = MultiheadAttention(embedDim: 7, numHeads: 2)
            },
            OpErrorCase("no heads", .valueError,
                        "embed_dim and num_heads must be greater than 0, got embed_dim=8 and num_heads=0 instead") {
                _ = MultiheadAttention(embedDim: 8, numHeads: 0)
            },
            OpErrorCase("embedding width", .assertionError, "was expecting embedding dimension of 8, but got 6") {
                let m = MultiheadAttention(embedDim: 8, numHeads: 2)
                _ = m(seq([3, 2, 6]), seq([3, 2, 8]), seq([3, 2, 8]))
            },
            OpErrorCase("key value shapes", .assertionError,
                        "key shape torch.Size([4, 2, 8]) does not match value shape torch.Size([5, 2, 8])") {
                let m = MultiheadAttention(embedDim: 8, numHeads: 2)
                _ = m(seq([3, 2, 8]), seq([4, 2, 8]), seq([5, 2, 8]))
            },
            OpErrorCase("2-D mask", "The shape of the 2D attn_mask is torch.Size([2, 2]), but should be (3, 3).") {
                let m = MultiheadAttention(embedDim: 8, numHeads: 2)
                _ = m(seq([3, 2, 8]), seq([3, 2, 8]), seq([3, 2, 8]), attnMask: Tensor.zeros([2, 2]))
            },
            OpErrorCase("3-D mask", "The shape of the 3D attn_mask is torch.Size([5, 3, 3]), but should be (4, 3, 3).") {
                let m = MultiheadAttention(embedDim: 8, numHeads: 2)
                _ = m(seq([3, 2, 8]), seq([3, 2, 8]), seq([3, 2, 8]), attnMask: Tensor.zeros([5, 3, 3]))
            },
            OpErrorCase("4-D query", .assertionError,
                        "query should be unbatched 2D or batched 3D tensor but received 4-D query tensor") {
                let m = MultiheadAttention(embedDim: 8, numHeads: 2)
                _ = m(seq([1, 3, 2, 8]), seq([3, 2, 8]), seq([3, 2, 8]))
            },
            OpErrorCase("causal without mask",
                        "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.") {
                let m = MultiheadAttention(embedDim: 8, numHeads: 2)
                _ = m(seq([3, 2, 8]), seq([3, 2, 8]), seq([3, 2, 8]), isCausal: true)
            },
            OpErrorCase("transformer batch", "the batch number of src and tgt must be equal") {
                let m = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16)
                _ = m(seq([4, 2, 8]), seq([3, 3, 8]))
            },
            OpErrorCase("transformer features", "the feature number of src and tgt must be equal to d_model") {
                let m = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16,
                                    batchFirst: true)
                _ = m(seq([2, 4, 8]), seq([2, 3, 6]))
            },
            OpErrorCase("activation", "activation should be relu/gelu, not tanh") {
                _ = TransformerEncoderLayer(dModel: 8, nhead: 2, activation: "tanh")
            },
            OpErrorCase("sdpa dtypes",
                        "Expected query, key, and value to have the same dtype, but got query.dtype: float key.dtype: double and value.dtype: float instead.") {
                _ = Functional.scaledDotProductAttention(query: seq([1, 2, 3]), key: seq([1, 2, 3], 0, .float64),
                                                         value: seq([1, 2, 3]))
            },
            OpErrorCase("sdpa 1-D",
                        "Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: 1 key.dim: 1 and value.dim: 1 instead.") {
                _ = Functional.scaledDotProductAttention(query: seq([3]), key: seq([3]), value: seq([3]))
            },
            OpErrorCase("sdpa mask and causal",
                        "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True") {
                _ = Functional.scaledDotProductAttention(query: seq([1, 2, 3]), key: seq([1, 2, 3]), value: seq([1, 2, 3]),
                                                         attnMask: Tensor.ones([2, 2], dtype: .bool), isCausal: true)
            },
            OpErrorCase("sdpa mask dtype",
                        "Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: long int and  query.dtype: float instead.") {
                _ = Functional.scaledDotProductAttention(query: seq([1, 2, 3]), key: seq([1, 2, 3]), value: seq([1, 2, 3]),
                                                         attnMask: Tensor.ones([2, 2], dtype: .int64))
            },
            OpErrorCase("sdpa mask shape", "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 3") {
                _ = Functional.scaledDotProductAttention(query: seq([1, 1, 2, 3]), key: seq([1, 1, 2, 3]),
                                                         value: seq([1, 1, 2, 3]), attnMask: Tensor.ones([3, 3]))
            },
            OpErrorCase("sdpa gqa heads", "Number of heads in key and value must divide the number of heads in query") {
                _ = Functional.scaledDotProductAttention(query: seq([1, 3, 2, 3]), key: seq([1, 2, 2, 3]),
                                                         value: seq([1, 2, 2, 3]), enableGQA: true)
            },
            OpErrorCase("sdpa dropout", "dropout probability has to be between 0 and 1, but got 1.5") {
                _ = Functional.scaledDotProductAttention(query: seq([1, 2, 3]), key: seq([1, 2, 3]), value: seq([1, 2, 3]),
                                                         dropoutP: 1.5)
            },
        ]
    }

    @Test(arguments: Errors.all)
    func errors(_ c: OpErrorCase) { expectCaptured(c) }
}
