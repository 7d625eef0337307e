# Hooks: a forward hook keeps an intermediate activation, and a tensor hook scales a gradient
# before it is accumulated. The reference for `ember-examples hooks`
# (Sources/EmberExamples/Hooks.swift).
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

    # A forward hook on the ReLU keeps its latest output: the hidden activation.
    captured = {}

    def keep_hidden(module, input, output):
        captured["hidden"] = output.detach()

    handle = model[1].register_forward_hook(keep_hidden)

    # A tensor hook halves the output layer's weight gradient before it is accumulated.
    model[2].weight.register_hook(lambda grad: grad * 0.5)

    loss_fn = torch.nn.MSELoss(reduction="sum")
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-4)
    losses = []
    for t in range(iterations):
        y_pred = model(x)

        loss = loss_fn(y_pred, y)
        losses.append(loss.item())
        if t % 100 == 99:
            hidden = captured["hidden"]
            print(t, loss.item(), "hidden:", list(hidden.shape), "active:", (hidden > 0).sum().item())

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    handle.remove()
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
