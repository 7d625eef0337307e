# The padding layers' PyTorch reference values (Tests/EmberNNTests/PaddingLayerTests.swift).
# Each case pads an arange input, then backpropagates (y * arange(y.numel)).sum(): the printed
# output and input gradient are exact small integers.
# Run: python3 Scripts/padding-layer-reference.py (with torch installed).
import torch, torch.nn as nn

x = torch.arange(2*3*3, dtype=torch.float32).reshape(1, 2, 3, 3)
x1 = torch.arange(2*4, dtype=torch.float32).reshape(1, 2, 4)
x3 = torch.arange(2*2*2, dtype=torch.float32).reshape(1, 1, 2, 2, 2)
for m, inp in [(nn.ZeroPad2d((1, 0, 2, 1)), x), (nn.ConstantPad1d(2, 3.5), x1), (nn.ReflectionPad2d(1), x),
               (nn.ReplicationPad1d((2, 1)), x1), (nn.CircularPad2d((1, 1, 0, 1)), x), (nn.ReplicationPad3d(1), x3),
               (nn.ZeroPad1d(-1), x1), (nn.ConstantPad3d((1, 0, 0, 1, 1, 0), -2.0), x3), (nn.ReflectionPad1d((3, 1)), x1),
               (nn.CircularPad1d(2), x1), (nn.ReflectionPad3d(1), x3), (nn.CircularPad3d((1, 0, 1, 0, 0, 1)), x3)]:
    i = inp.clone().requires_grad_()
    y = m(i)
    w = torch.arange(y.numel(), dtype=torch.float32).reshape(y.shape)
    (y * w).sum().backward()
    print(repr(m), list(y.shape), y.grad_fn.name())
    print("  y", [int(v) if v == int(v) else v for v in y.flatten().tolist()])
    print("  g", [int(v) for v in i.grad.flatten().tolist()])
for m, inp in [(nn.CircularPad2d(1), torch.zeros(2, 1, 3, 3, 3)), (nn.CircularPad1d(1), torch.zeros(4))]:
    try:
        m(inp)
    except Exception as e:
        print(type(e).__name__, e)
