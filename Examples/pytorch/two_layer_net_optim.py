# PyTorch's "Learning PyTorch with Examples": the nn.Sequential network trained by Adam. The
# reference for `ember-examples optim` (Sources/EmberExamples/TwoLayerNetOptim.swift).
import sys

import torch


def run(iterations=500):
    torch.manual_seed(0)
    N, D_in, H, D_out = 64, 1000, 100, 10

    x = torch.randn(N, D_in)
    y = torch.randn(N, D_out)

    model = torch.nn.Sequential(
        torch.nn.Linear(D_in, H),
        torch.nn.ReLU(),
        torch.nn.Linear(H, D_out),
    )
    loss_fn = torch.nn.MSELoss(reduction="sum")

    # Adam updates the model's parameters.
    learning_rate = 1e-4
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    losses = []
    for t in range(iterations):
        y_pred = model(x)

        loss = loss_fn(y_pred, y)
        losses.append(loss.item())
        if t % 100 == 99:
            print(t, loss.item())

        # Zero the gradients, backpropagate, and let the optimizer update the parameters.
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
