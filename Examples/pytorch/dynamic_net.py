# PyTorch's "Learning PyTorch with Examples": a network whose forward reuses its middle layer a
# random number of times. The reference for `ember-examples dynamic-net`
# (Sources/EmberExamples/DynamicNet.swift).
#
# The tutorial draws the count with Python's `random.randint(0, 3)`; Ember has no Python
# `random`, so both this script and Ember draw it with torch.randint(0, 4, (1,)) from the seeded
# torch generator, which Ember reproduces. The counts therefore differ from the tutorial's.
import sys

import torch


class DynamicNet(torch.nn.Module):
    def __init__(self, D_in, H, D_out):
        """Three Linear layers: input, middle (shared) and output."""
        super(DynamicNet, self).__init__()
        self.input_linear = torch.nn.Linear(D_in, H)
        self.middle_linear = torch.nn.Linear(H, H)
        self.output_linear = torch.nn.Linear(H, D_out)

    def forward(self, x):
        """Runs middle_linear 0 to 3 times (chosen at random), reusing its weights each time."""
        h_relu = self.input_linear(x).clamp(min=0)
        for _ in range(torch.randint(0, 4, (1,)).item()):
            h_relu = self.middle_linear(h_relu).clamp(min=0)
        y_pred = self.output_linear(h_relu)
        return y_pred


def run(iterations=500):
    torch.manual_seed(0)
    N, D_in, H, D_out = 64, 1000, 100, 10

    x = torch.randn(N, D_in)
    y = torch.randn(N, D_out)

    model = DynamicNet(D_in, H, D_out)

    # Plain SGD struggles with this strange model: use momentum.
    criterion = torch.nn.MSELoss(reduction="sum")
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)
    losses = []
    for t in range(iterations):
        y_pred = model(x)

        loss = criterion(y_pred, y)
        losses.append(loss.item())
        if t % 100 == 99:
            print(t, loss.item())

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
