# PyTorch's "Learning PyTorch with Examples": the two-layer network with its ReLU a custom
# autograd Function. The reference for `ember-examples custom-function`
# (Sources/EmberExamples/TwoLayerNetCustomFunction.swift).
import sys

import torch


class MyReLU(torch.autograd.Function):
    """ReLU with its own forward and backward."""

    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


def run(iterations=500):
    torch.manual_seed(0)
    dtype = torch.float
    device = torch.device("cpu")

    N, D_in, H, D_out = 64, 1000, 100, 10

    x = torch.randn(N, D_in, device=device, dtype=dtype)
    y = torch.randn(N, D_out, device=device, dtype=dtype)

    w1 = torch.randn(D_in, H, device=device, dtype=dtype, requires_grad=True)
    w2 = torch.randn(H, D_out, device=device, dtype=dtype, requires_grad=True)

    learning_rate = 1e-6
    losses = []
    for t in range(iterations):
        # Function.apply runs the function and records it for the backward pass.
        relu = MyReLU.apply

        y_pred = relu(x.mm(w1)).mm(w2)

        loss = (y_pred - y).pow(2).sum()
        losses.append(loss.item())
        if t % 100 == 99:
            print(t, loss.item())

        loss.backward()

        with torch.no_grad():
            w1 -= learning_rate * w1.grad
            w2 -= learning_rate * w2.grad
            w1.grad.zero_()
            w2.grad.zero_()
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
