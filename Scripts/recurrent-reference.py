#!/usr/bin/env python3
"""Writes Tests/EmberNNTests/RecurrentReference.swift: PyTorch's results for the recurrent layers
of issue 16 (RNN, LSTM, GRU, their cells, packed sequences).

Each case builds the layer with `torch.manual_seed(index)` (so the parameters are PyTorch's
default initialization, recorded by name as literals that the Swift test loads with
`loadStateDict`), converts it to float64 (float32 for the cases marked so), runs it on
`seq(shape, 1) * 0.3` (the formula of EmberTestSupport's `seq`), optionally with initial states
`seq(shape, 2) * 0.2` (h0) and `seq(shape, 3) * 0.2` (c0), and back-propagates
`(out * seq(out.shape, 5)).sum() + (h_n * seq(h_n.shape, 6)).sum() + (c_n * seq(c_n.shape, 7)).sum()`.
Packed cases pack the input with the case's lengths and unpack the output (padded) before the
loss. It records the outputs, final states and the gradients of the input, initial states and
every parameter, and the seeded parameter values of one LSTM for the exit test.

Run with the PyTorch reference environment:  /opt/torch-reference/bin/python Scripts/recurrent-reference.py
"""
import os
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "EmberNNTests", "RecurrentReference.swift")


def seq(shape, seed, dtype=torch.float64):
    n = 1
    for s in shape:
        n *= s
    v = [((i * 7 + seed * 3) % 11 - 5) / 2 for i in range(n)]
    return torch.tensor(v, dtype=dtype).reshape(shape)


def vals(t):
    return None if t is None else [float(v) for v in t.detach().reshape(-1).tolist()]


def lit(v):
    if v is None:
        return "nil"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, tuple):
        return "(" + ", ".join(lit(x) for x in v) + ")"
    return "[" + ", ".join(lit(x) for x in v) + "]"


cases = []


def case(name, kind, input_shape, hidden=4, layers=1, bidirectional=False, batch_first=False, proj=0,
         bias=True, h0=False, c0=False, lengths=None, enforce_sorted=True, dropout=0.0, training=True,
         float32=False):
    dtype = torch.float32 if float32 else torch.float64
    input_size = input_shape[-1]
    torch.manual_seed(len(cases))
    cell = "Cell" in kind
    if kind == "LSTM":
        m = nn.LSTM(input_size, hidden, layers, bias=bias, batch_first=batch_first, dropout=dropout,
                    bidirectional=bidirectional, proj_size=proj)
    elif kind == "GRU":
        m = nn.GRU(input_size, hidden, layers, bias=bias, batch_first=batch_first, dropout=dropout,
                   bidirectional=bidirectional)
    elif kind in ("RNN_TANH", "RNN_RELU"):
        m = nn.RNN(input_size, hidden, layers, nonlinearity=kind[4:].lower(), bias=bias, batch_first=batch_first,
                   dropout=dropout, bidirectional=bidirectional)
    elif kind == "LSTMCell":
        m = nn.LSTMCell(input_size, hidden, bias=bias)
    elif kind == "GRUCell":
        m = nn.GRUCell(input_size, hidden, bias=bias)
    else:
        m = nn.RNNCell(input_size, hidden, bias=bias, nonlinearity=kind[8:].lower())
    m = m.to(dtype)
    m.train(training)
    state = [(k, list(v.shape), vals(v)) for k, v in m.state_dict().items()]
    x = (seq(input_shape, 1, dtype) * 0.3).requires_grad_()
    batched = len(input_shape) == (2 if cell else 3)
    if cell:
        hshape = [input_shape[0], hidden] if batched else [hidden]
        cshape = hshape
    else:
        d = 2 if bidirectional else 1
        b = ([input_shape[0] if batch_first else input_shape[1]] if batched else [])
        if lengths is not None:
            b = [len(lengths)]
        hshape = [d * layers] + b + [proj or hidden]
        cshape = [d * layers] + b + [hidden]
    hx = (seq(hshape, 2, dtype) * 0.2).requires_grad_() if h0 else None
    cx = (seq(cshape, 3, dtype) * 0.2).requires_grad_() if c0 else None
    state_in = None
    if h0:
        state_in = (hx, cx) if kind.startswith("LSTM") else hx
    inp = x
    if lengths is not None:
        inp = pack_padded_sequence(x, torch.tensor(lengths), batch_first=batch_first, enforce_sorted=enforce_sorted)
    result = m(inp, state_in)
    if cell:
        if kind == "LSTMCell":
            out, cn = result
        else:
            out, cn = result, None
        hn = None
    else:
        out, hc = result
        hn, cn = (hc if kind == "LSTM" else (hc, None))
        if lengths is not None:
            out, _ = pad_packed_sequence(out, batch_first=batch_first)
    loss = (out * seq(list(out.shape), 5, dtype)).sum()
    if hn is not None:
        loss = loss + (hn * seq(list(hn.shape), 6, dtype)).sum()
    if cn is not None:
        loss = loss + (cn * seq(list(cn.shape), 7, dtype)).sum()
    loss.backward()
    cases.append(dict(
        name=name, kind=kind, inputShape=list(input_shape), hidden=hidden, layers=layers, bidirectional=bidirectional,
        batchFirst=batch_first, proj=proj, bias=bias, h0=h0, c0=c0, lengths=lengths, enforceSorted=enforce_sorted,
        dropout=dropout, training=training, float32=float32, state=state, hShape=hshape, cShape=cshape,
        outShape=list(out.shape), output=vals(out), hn=vals(hn), hnShape=None if hn is None else list(hn.shape),
        cn=vals(cn), cnShape=None if cn is None else list(cn.shape), inputGrad=vals(x.grad),
        h0Grad=vals(hx.grad) if h0 else None, c0Grad=vals(cx.grad) if c0 else None,
        paramGrads=[vals(p.grad) for _, p in m.named_parameters()],
        repr=repr(m)))


case("lstm", "LSTM", [5, 2, 3])
case("lstm float32", "LSTM", [5, 2, 3], float32=True)
case("lstm 2 layers bidirectional batchFirst h0 c0", "LSTM", [2, 5, 3], layers=2, bidirectional=True,
     batch_first=True, h0=True, c0=True)
case("lstm no bias", "LSTM", [4, 2, 3], bias=False)
case("lstm proj 2 layers bidirectional", "LSTM", [5, 2, 3], layers=2, bidirectional=True, proj=2, h0=True, c0=True)
case("lstm unbatched h0 c0", "LSTM", [5, 3], layers=2, h0=True, c0=True)
case("lstm dropout 1 train", "LSTM", [4, 2, 3], layers=2, dropout=1.0)
case("lstm dropout eval", "LSTM", [4, 2, 3], layers=2, dropout=0.5, training=False)
case("gru", "GRU", [5, 2, 3])
case("gru 2 layers bidirectional h0", "GRU", [5, 2, 3], layers=2, bidirectional=True, h0=True)
case("gru unbatched batchFirst", "GRU", [4, 3], batch_first=True, bidirectional=True)
case("rnn tanh 2 layers", "RNN_TANH", [5, 2, 3], layers=2, h0=True)
case("rnn relu bidirectional batchFirst", "RNN_RELU", [2, 5, 3], bidirectional=True, batch_first=True)
case("lstm packed unsorted", "LSTM", [5, 3, 3], layers=2, bidirectional=True, lengths=[3, 5, 2],
     enforce_sorted=False, h0=True, c0=True)
case("lstm packed sorted batchFirst", "LSTM", [3, 5, 3], batch_first=True, lengths=[5, 3, 3])
case("lstm packed proj", "LSTM", [5, 3, 3], proj=2, bidirectional=True, lengths=[2, 5, 4], enforce_sorted=False)
case("gru packed unsorted", "GRU", [5, 3, 3], bidirectional=True, lengths=[4, 1, 5], enforce_sorted=False,
     h0=True)
case("rnn packed", "RNN_TANH", [5, 3, 3], lengths=[2, 4, 5], enforce_sorted=False)
case("lstm cell", "LSTMCell", [2, 3])
case("lstm cell hx", "LSTMCell", [2, 3], h0=True, c0=True)
case("lstm cell unbatched", "LSTMCell", [3], h0=True, c0=True)
case("gru cell", "GRUCell", [2, 3], h0=True)
case("gru cell no bias", "GRUCell", [2, 3], bias=False)
case("rnn cell tanh", "RNNCell_TANH", [2, 3], h0=True)
case("rnn cell relu unbatched", "RNNCell_RELU", [3])

# Seeded initialization of a whole layer, checked bit for bit in an exit test.
torch.manual_seed(0)
seeded = nn.LSTM(3, 4, num_layers=2, bidirectional=True, proj_size=2)
seeded_state = [(k, list(v.shape), vals(v)) for k, v in seeded.state_dict().items()]
torch.manual_seed(0)
seeded_gru = nn.GRUCell(2, 3)
seeded_gru_state = [(k, list(v.shape), vals(v)) for k, v in seeded_gru.state_dict().items()]

# The packing of a padded batch: data, batch sizes and indices.
padded = seq([4, 3, 2], 1, torch.float32)
packed = pack_padded_sequence(padded, torch.tensor([2, 4, 1]), enforce_sorted=False)
packing = dict(data=vals(packed.data), batchSizes=packed.batch_sizes.tolist(),
               sortedIndices=packed.sorted_indices.tolist(), unsortedIndices=packed.unsorted_indices.tolist())
unpacked, unpacked_lengths = pad_packed_sequence(packed, batch_first=True, padding_value=-1.0, total_length=6)
packing["unpacked"] = vals(unpacked)
packing["unpackedShape"] = list(unpacked.shape)
packing["unpackedLengths"] = unpacked_lengths.tolist()
from torch.nn.utils.rnn import pack_sequence
ps = pack_sequence([seq([2, 2], 1, torch.float32), seq([3, 2], 2, torch.float32), seq([1, 2], 3, torch.float32)],
                   enforce_sorted=False)
packing["sequenceData"] = vals(ps.data)
packing["sequenceBatchSizes"] = ps.batch_sizes.tolist()
packing["sequenceSorted"] = ps.sorted_indices.tolist()

fields = ["name", "kind", "inputShape", "hidden", "layers", "bidirectional", "batchFirst", "proj", "bias", "h0", "c0",
          "lengths", "enforceSorted", "dropout", "training", "float32", "state", "hShape", "cShape", "outShape",
          "output", "hn", "hnShape", "cn", "cnShape", "inputGrad", "h0Grad", "c0Grad", "paramGrads", "repr"]

with open(OUT, "w") as f:
    f.write("// RecurrentReference.swift\n//\n// Generated by Scripts/recurrent-reference.py from PyTorch "
            + torch.__version__.split("+")[0] + "; do not edit.\n\n")
    f.write("enum RecurrentReference {\n    static let cases: [RecurrentCase] = [\n")
    for c in cases:
        f.write("        RecurrentCase(\n")
        f.write(",\n".join("            %s: %s" % (k, lit(c[k])) for k in fields))
        f.write("),\n")
    f.write("    ]\n\n")
    f.write("    static let seededLSTM: [(String, [Int], [Double])] = %s\n" % lit(seeded_state))
    f.write("    static let seededGRUCell: [(String, [Int], [Double])] = %s\n" % lit(seeded_gru_state))
    for k, v in packing.items():
        f.write("    static let packing_%s = %s\n" % (k, lit(v)))
    f.write("}\n")
print("wrote", OUT, len(cases), "cases")
