"""Writes the PyTorch fixtures of TransferLearningTests: a tiny model's state_dict as tiny.pt (torch.save) and as
tiny.safetensors (written by hand: 8-byte little-endian header length, JSON header, raw little-endian data), plus
inputs.npy and PyTorch's eval-mode outputs.npy. Run from this folder with PyTorch installed (Debian: python3-torch):

    /usr/bin/python3 make_pytorch_fixture.py

The SciDsl model that loads them is PyTorchTwin in TransferLearningTests.cs, with the name map
features.0 -> conv, features.1 -> bn, classifier -> fc.
"""
import json
import struct

import numpy as np
import torch
from torch import nn


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU())
        self.classifier = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


SAFETENSORS_DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def save_safetensors(state, path):
    header, chunks, offset = {}, [], 0
    for name, tensor in state.items():
        data = tensor.contiguous().numpy().tobytes()
        header[name] = {"dtype": SAFETENSORS_DTYPES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)))
        file.write(text)
        for chunk in chunks:
            file.write(chunk)


torch.manual_seed(1234)
model = Tiny()
# A few training-mode passes so the BatchNorm running statistics differ from their initial 0 and 1.
with torch.no_grad():
    for _ in range(3):
        model(torch.randn(16, 2, 6, 6) * 2 + 0.5)
model.eval()
inputs = torch.randn(3, 2, 6, 6)
with torch.no_grad():
    outputs = model(inputs)

state = model.state_dict()
torch.save(state, "tiny.pt")
save_safetensors(state, "tiny.safetensors")
np.save("inputs.npy", inputs.numpy().astype(np.float32))
np.save("outputs.npy", outputs.numpy().astype(np.float32))
print({name: list(tensor.shape) for name, tensor in state.items()})
