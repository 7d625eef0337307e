# PyTorch's "Learning PyTorch with Examples": a two-layer network with tensors, its gradients
# computed by hand. The reference for `ember-examples tensors`
# (Sources/EmberExamples/TwoLayerNetTensor.swift).
import sys

import torch


def run(iterations=500):
    torch.manual_seed(0)
    dtype = torch.float
    device = torch.device("cpu")

    # N is the batch size; D_in the input dimension; H the hidden dimension; D_out the output dimension.
    N, D_in, H, D_out = 64, 1000, 100, 10

    # Random input and output data.
    x = torch.randn(N, D_in, device=device, dtype=dtype)
    y = torch.randn(N, D_out, device=device, dtype=dtype)

    # Random weights.
    w1 = torch.randn(D_in, H, device=device, dtype=dtype)
    w2 = torch.randn(H, D_out, device=device, dtype=dtype)

    learning_rate = 1e-6
    losses = []
    for t in range(iterations):
        # Forward pass: compute predicted y.
        h = x.mm(w1)
        h_relu = h.clamp(min=0)
        y_pred = h_relu.mm(w2)

        # Compute and print the loss.
        loss = (y_pred - y).pow(2).sum().item()
        losses.append(loss)
        if t % 100 == 99:
            print(t, loss)

        # Backprop to compute the gradients of w1 and w2 with respect to the loss.
        grad_y_pred = 2.0 * (y_pred - y)
        grad_w2 = h_relu.t().mm(grad_y_pred)
        grad_h_relu = grad_y_pred.mm(w2.t())
        grad_h = grad_h_relu.clone()
        grad_h[h < 0] = 0
        grad_w1 = x.t().mm(grad_h)

        # Update the weights by gradient descent.
        w1 -= learning_rate * grad_w1
        w2 -= learning_rate * grad_w2
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
