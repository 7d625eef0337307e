# PyTorch's "Learning PyTorch with Examples": the two-layer network as nn.Sequential, updated by
# hand. The reference for `ember-examples nn` (Sources/EmberExamples/TwoLayerNetNN.swift).
import sys

import torch


def run(iterations=500):
    torch.manual_seed(0)
    N, D_in, H, D_out = 64, 1000, 100, 10

    x = torch.randn(N, D_in)
    y = torch.randn(N, D_out)

    # The model as a sequence of layers; each Linear holds its weight and bias.
    model = torch.nn.Sequential(
        torch.nn.Linear(D_in, H),
        torch.nn.ReLU(),
        torch.nn.Linear(H, D_out),
    )

    # The sum of squared errors.
    loss_fn = torch.nn.MSELoss(reduction="sum")

    learning_rate = 1e-4
    losses = []
    for t in range(iterations):
        y_pred = model(x)

        loss = loss_fn(y_pred, y)
        losses.append(loss.item())
        if t % 100 == 99:
            print(t, loss.item())

        # Zero the gradients, then compute the gradients of every learnable parameter.
        model.zero_grad()
        loss.backward()

        # Gradient descent on each parameter, without recording it.
        with torch.no_grad():
            for param in model.parameters():
                param -= learning_rate * param.grad
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
