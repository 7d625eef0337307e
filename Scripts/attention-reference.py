#!/usr/bin/env python3
"""Writes Tests/EmberNNTests/AttentionReference.swift: PyTorch's results for scaled dot-product
attention, MultiheadAttention and the transformer layers of issue 16.

Each case seeds its inputs and (for modules) draws its weights with PyTorch, runs the forward,
then backward of `(output * grad).sum()` with a seeded `grad`. It records the inputs, the
module's state dict (so Ember loads the same weights by name), the output (and attention
weights), and the gradients of every input and parameter.

Run with the PyTorch reference environment:  /opt/torch-reference/bin/python Scripts/attention-reference.py
"""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "EmberNNTests", "AttentionReference.swift")


def vals(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def lit(v):
    if v is None:
        return "nil"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return repr(v)
    if isinstance(v, float):
        return "%.9g" % v if v == v and abs(v) != float("inf") else ("-.infinity" if v < 0 else ".infinity")
    if isinstance(v, str):
        return '"' + v + '"'
    return "[" + ", ".join(lit(x) for x in v) + "]"


def tensor_lit(t):
    return f"AttentionTensor(shape: {lit(list(t.shape))}, values: {lit(vals(t))})"


cases = []


def record(name, inputs, module, run):
    """`inputs`: name -> tensor (float ones require grad); `run` returns the output or (output, weights)."""
    for t in inputs.values():
        if t.dtype.is_floating_point:
            t.requires_grad_()
    result = run()
    output, weights = result if isinstance(result, tuple) else (result, None)
    torch.manual_seed(99)
    grad = torch.randn(output.shape)
    (output * grad).sum().backward()
    state = [] if module is None else list(module.state_dict().items())
    params = [] if module is None else [(n, p.grad) for n, p in module.named_parameters()]
    cases.append(
        f"    AttentionCase(name: {lit(name)},\n"
        f"        inputs: [{', '.join(f'({lit(k)}, {tensor_lit(v.float() if v.dtype.is_floating_point else v.to(torch.float64))})' for k, v in inputs.items())}],\n"
        f"        state: [{', '.join(f'({lit(k)}, {tensor_lit(v)})' for k, v in state)}],\n"
        f"        grad: {tensor_lit(grad)},\n"
        f"        output: {tensor_lit(output)},\n"
        f"        weights: {'nil' if weights is None else tensor_lit(weights)},\n"
        f"        node: {lit(output.grad_fn.name())},\n"
        f"        inputGrads: [{', '.join(f'({lit(k)}, {tensor_lit(v.grad)})' for k, v in inputs.items() if v.grad is not None)}],\n"
        f"        parameterGrads: [{', '.join(f'({lit(k)}, {tensor_lit(g)})' for k, g in params if g is not None)}])"
    )


def randn(*shape):
    return torch.randn(*shape)


# MARK: scaled dot-product attention
torch.manual_seed(0)
q, k, v = randn(2, 2, 3, 4), randn(2, 2, 5, 4), randn(2, 2, 5, 6)
bool_mask = torch.tensor([[True, False, True, True, False], [True, True, True, False, False],
                          [False, False, False, False, True]])
inputs = dict(query=q.clone(), key=k.clone(), value=v.clone(), mask=bool_mask)
record("sdpaBoolMask", inputs, None,
       lambda: F.scaled_dot_product_attention(inputs["query"], inputs["key"], inputs["value"], attn_mask=bool_mask))
float_mask = randn(2, 1, 3, 5)
inputs2 = dict(query=q.clone(), key=k.clone(), value=v.clone(), mask=float_mask.clone())
record("sdpaFloatMask", inputs2, None,
       lambda: F.scaled_dot_product_attention(inputs2["query"], inputs2["key"], inputs2["value"],
                                              attn_mask=inputs2["mask"].detach()))
inputs3 = dict(query=q.clone(), key=k.clone(), value=v.clone())
record("sdpaCausal", inputs3, None,
       lambda: F.scaled_dot_product_attention(inputs3["query"], inputs3["key"], inputs3["value"], is_causal=True))
inputs4 = dict(query=q[0].clone(), key=k[0].clone(), value=v[0].clone())
record("sdpaScale3D", inputs4, None,
       lambda: F.scaled_dot_product_attention(inputs4["query"], inputs4["key"], inputs4["value"], scale=0.3))
inputs5 = dict(query=randn(2, 4, 3, 4), key=randn(2, 2, 5, 4), value=randn(2, 2, 5, 4))
record("sdpaGQA", inputs5, None,
       lambda: F.scaled_dot_product_attention(inputs5["query"], inputs5["key"], inputs5["value"], enable_gqa=True))


# MARK: MultiheadAttention
def mha_case(name, seed, args, inputs, call):
    torch.manual_seed(seed)
    m = nn.MultiheadAttention(**args)
    with torch.no_grad():  # nonzero biases, so that they are checked
        for n, p in m.named_parameters():
            if "bias" in n:
                p.copy_(torch.randn(p.shape) * 0.5)
    record(name, inputs, m, lambda: call(m, inputs))


torch.manual_seed(1)
x = randn(3, 2, 8)
mha_case("mhaSelf", 1, dict(embed_dim=8, num_heads=2), dict(x=x.clone()),
         lambda m, i: m(i["x"], i["x"], i["x"]))
mha_case("mhaSelfNoAverage", 2, dict(embed_dim=8, num_heads=2), dict(x=x.clone()),
         lambda m, i: m(i["x"], i["x"], i["x"], average_attn_weights=False))
mha_case("mhaSelfNoWeights", 3, dict(embed_dim=8, num_heads=2), dict(x=x.clone()),
         lambda m, i: m(i["x"], i["x"], i["x"], need_weights=False)[0])
kpm = torch.tensor([[False, False, True, False], [False, True, True, False]])
mha_case("mhaCrossKdimVdim", 4, dict(embed_dim=8, num_heads=4, kdim=5, vdim=6),
         dict(query=randn(3, 2, 8), key=randn(4, 2, 5), value=randn(4, 2, 6), padding=kpm),
         lambda m, i: m(i["query"], i["key"], i["value"], key_padding_mask=kpm))
mha_case("mhaBatchFirstMasks", 5, dict(embed_dim=8, num_heads=2, batch_first=True),
         dict(query=randn(2, 3, 8), key=randn(2, 4, 8), value=randn(2, 4, 8)),
         lambda m, i: m(i["query"], i["key"], i["value"], key_padding_mask=kpm.float() * -2.0,
                        attn_mask=torch.tensor([[0., 0., -1., 0.], [0., 0.5, 0., 0.], [1., 0., 0., 0.]]),
                        need_weights=False)[0])
mha_case("mhaBiasKVZeroAttn", 6, dict(embed_dim=8, num_heads=2, add_bias_kv=True, add_zero_attn=True),
         dict(query=randn(3, 2, 8), key=randn(4, 2, 8), value=randn(4, 2, 8)),
         lambda m, i: m(i["query"], i["key"], i["value"], key_padding_mask=kpm,
                        attn_mask=torch.triu(torch.ones(3, 4, dtype=torch.bool), 2)))


# MARK: transformer layers
def layer_case(name, seed, make, inputs, call, training=True):
    torch.manual_seed(seed)
    m = make()
    with torch.no_grad():
        for n, p in m.named_parameters():
            if "bias" in n or "norm" in n:
                p.copy_(torch.randn(p.shape) * 0.3 + (1.0 if "norm" in n and n.endswith("weight") else 0.0))
    m.train(training)
    record(name, inputs, m, lambda: call(m, inputs))


causal = nn.Transformer.generate_square_subsequent_mask(4)
layer_case("encoderNormLastRelu", 7, lambda: nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0),
           dict(src=randn(4, 2, 8)), lambda m, i: m(i["src"], src_mask=causal, is_causal=True))
layer_case("encoderNormFirstGeluBatchFirst", 8,
           lambda: nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, activation="gelu", batch_first=True,
                                              norm_first=True, layer_norm_eps=1e-4),
           dict(src=randn(2, 4, 8)), lambda m, i: m(i["src"], src_key_padding_mask=kpm), training=False)
layer_case("decoderNormLast", 9, lambda: nn.TransformerDecoderLayer(8, 2, 16, dropout=0.0),
           dict(tgt=randn(3, 2, 8), memory=randn(4, 2, 8)),
           lambda m, i: m(i["tgt"], i["memory"], tgt_mask=nn.Transformer.generate_square_subsequent_mask(3),
                          memory_key_padding_mask=kpm))
layer_case("decoderNormFirstGelu", 10,
           lambda: nn.TransformerDecoderLayer(8, 2, 16, dropout=0.0, activation="gelu", norm_first=True,
                                              batch_first=True, bias=False),
           dict(tgt=randn(2, 3, 8), memory=randn(2, 4, 8)), lambda m, i: m(i["tgt"], i["memory"]))
layer_case("encoderStackFinalNorm", 11,
           lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), 2, norm=nn.LayerNorm(8),
                                         enable_nested_tensor=False),
           dict(src=randn(4, 2, 8)), lambda m, i: m(i["src"], mask=causal))
layer_case("decoderStackFinalNorm", 12,
           lambda: nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2, 16, dropout=0.0, norm_first=True), 2,
                                         norm=nn.LayerNorm(8)),
           dict(tgt=randn(3, 2, 8), memory=randn(4, 2, 8)),
           lambda m, i: m(i["tgt"], i["memory"], tgt_mask=nn.Transformer.generate_square_subsequent_mask(3),
                          tgt_is_causal=True, memory_key_padding_mask=kpm))
layer_case("transformerBatchFirst", 13,
           lambda: nn.Transformer(8, 2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=16, dropout=0.0,
                                  activation="gelu", batch_first=True),
           dict(src=randn(2, 4, 8), tgt=randn(2, 3, 8)),
           lambda m, i: m(i["src"], i["tgt"], tgt_mask=nn.Transformer.generate_square_subsequent_mask(3),
                          src_key_padding_mask=kpm, memory_key_padding_mask=kpm))

header = '''// AttentionReference.swift
//
// Generated by Scripts/attention-reference.py from PyTorch %s; do not edit.

/// A tensor's shape and values, as PyTorch printed them.
struct AttentionTensor: Sendable {
    let shape: [Int]
    let values: [Double]
}

/// One attention case: its inputs, the module's state dict, the output gradient used for
/// backward, and what PyTorch computed.
struct AttentionCase: Sendable, CustomStringConvertible {
    let name: String
    let inputs: [(String, AttentionTensor)]
    let state: [(String, AttentionTensor)]
    let grad: AttentionTensor
    let output: AttentionTensor
    let weights: AttentionTensor?
    let node: String
    let inputGrads: [(String, AttentionTensor)]
    let parameterGrads: [(String, AttentionTensor)]
    var description: String { name }
}

let attentionCases: [AttentionCase] = [
''' % torch.__version__.split("+")[0]

torch.manual_seed(0)
init = nn.MultiheadAttention(4, 2)
seeded = f"""
/// `torch.manual_seed(0); m = nn.MultiheadAttention(4, 2)`: the first rows of its weights.
enum SeededInit {{
    static let inProjRow0: [Double] = {lit(vals(init.in_proj_weight[0]))}
    static let outProjRow0: [Double] = {lit(vals(init.out_proj.weight[0]))}
}}
"""

with open(OUT, "w") as f:
    f.write(header)
    f.write(",\n".join(cases))
    f.write("\n]\n")
    f.write(seeded)
print("wrote", OUT, len(cases), "cases")
