# Fine-tuning with a frozen backbone: freeze every parameter, replace the head by assignment, and
# optimize only the new head's parameters. The reference for `ember-examples fine-tune`
# (Sources/EmberExamples/FineTune.swift).
import sys

import torch


class Net(torch.nn.Module):
    def __init__(self, D_in, H, D_out):
        """A backbone (Linear and ReLU) and a Linear head."""
        super(Net, self).__init__()
        self.backbone = torch.nn.Sequential(torch.nn.Linear(D_in, H), torch.nn.ReLU())
        self.head = torch.nn.Linear(H, D_out)

    def forward(self, x):
        return self.head(self.backbone(x))


def run(iterations=500):
    torch.manual_seed(0)
    N, D_in, H, D_out = 64, 1000, 100, 10

    x = torch.randn(N, D_in)
    y = torch.randn(N, D_out)

    model = Net(D_in, H, D_out)

    # Freeze the whole model, then give it a new head: a new layer's parameters require grad.
    model.requires_grad_(False)
    model.head = torch.nn.Linear(H, D_out)
    print("trainable:", ", ".join(name for name, p in model.named_parameters() if p.requires_grad))

    backbone_before = [p.clone() for p in model.backbone.parameters()]
    criterion = torch.nn.MSELoss(reduction="sum")
    # Only the head's parameters are optimized.
    optimizer = torch.optim.SGD(model.head.parameters(), lr=1e-4)
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

    unchanged = all(torch.equal(p, p0) for p, p0 in zip(model.backbone.parameters(), backbone_before))
    print("backbone unchanged:", unchanged)
    return losses


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
