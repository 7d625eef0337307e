# PyTorch's "Learning PyTorch with Examples": the two-layer network with autograd computing the
# gradients. The reference for `ember-examples autograd`
# (Sources/EmberExamples/TwoLayerNetAutograd.swift).
import sys

import torch


def run(iterations=500):
    torch.manual_seed(0)
    dtype = torch.float
    device = torch.device("cpu")

    N, D_in, H, D_out = 64, 1000, 100, 10

    x = torch.randn(N, D_in, device=device, dtype=dtype)
    y = torch.randn(N, D_out, device=device, dtype=dtype)

    # requires_grad=True: autograd computes the gradients of the weights in the backward pass.
    w1 = torch.randn(D_in, H, device=device, dtype=dtype, requires_grad=True)
    w2 = torch.randn(H, D_out, device=device, dtype=dtype, requires_grad=True)

    learning_rate = 1e-6
    losses = []
    for t in range(iterations):
        # Forward pass, as with tensors but without keeping the intermediate values.
        y_pred = x.mm(w1).clamp(min=0).mm(w2)

        # The loss is a tensor of shape (); loss.item() is its value.
        loss = (y_pred - y).pow(2).sum()
        losses.append(loss.item())
        if t % 100 == 99:
            print(t, loss.item())

        # Backward pass: w1.grad and w2.grad now hold the gradients of the loss.
        loss.backward()

        # Update the weights without recording the update, then zero the gradients.
        with torch.no_grad():
            w1 -= learning_rate * w1.grad
            w2 -= learning_rate * w2.grad
            w1.grad.zero_()
            w2.grad.zero_()
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
