"""Opens the checkpoint `ember-examples digits` saves in PyTorch and evaluates it on the same
360 test images: the split is `random_split` with `manual_seed(0)`, which Ember's `randomSplit`
reproduces. Prints the test accuracy, the one Ember printed.

    swift run -c release ember-examples digits --checkpoint /tmp/digits.safetensors
    python Examples/pytorch/digits_eval.py /tmp/digits.safetensors
"""
import sys

import numpy as np
import torch
from safetensors.torch import load_file

raw = np.fromfile("Sources/EmberExamples/Resources/digits.u8", dtype=np.uint8).reshape(-1, 65)
images = torch.tensor(raw[:, :64], dtype=torch.float32).reshape(-1, 1, 8, 8) / 16
labels = torch.tensor(raw[:, 64], dtype=torch.int64)
_, test = torch.utils.data.random_split(range(len(raw)), [1437, 360], generator=torch.Generator().manual_seed(0))
index = torch.tensor(list(test))

model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(32 * 2 * 2, 10))
model.load_state_dict(load_file(sys.argv[1] if len(sys.argv) > 1 else "digits.safetensors"))
model.eval()
with torch.no_grad():
    accuracy = (model(images[index]).argmax(1) == labels[index]).float().mean().item()
print(f"test accuracy: {accuracy * 100:.2f}% of {len(index)} images")
