import EmberBackend

// MARK: - Derivatives of copies and conversions
//
// The gradient of a copy passes through unchanged, converted back to the source's dtype and
// device where the copy changed them.

extension Tensor {
    /// `clone()`, and `contiguous()` when it copies: `CloneBackward0`.
    package func recordClone(_ copy: Tensor) -> Tensor {
        recordingView(copy, "CloneBackward0") { $0 }
    }

    /// `to(device:dtype:)` when it copies: `ToCopyBackward0`, the gradient converted back.
    package func recordToCopy(_ result: Tensor) -> Tensor {
        let sourceDType = dtype, sourceDevice = device
        return recordingView(result, "ToCopyBackward0") { $0.to(device: sourceDevice, dtype: sourceDType) }
    }

    /// `copy_(source)` into this tensor, recorded on `result` (which then takes this tensor's
    /// place): `torch::autograd::CopyBackwards`, PyTorch's name for it. The old values are
    /// overwritten: they get a zero gradient.
    package func recordCopy(from source: Tensor, result: Tensor) {
        let sourceDType = source.dtype
        Tensor.record("torch::autograd::CopyBackwards", inputs: [self, source], outputs: [result]) { g, _ in
            [Tensor.zeros(like: g[0]), g[0].to(sourceDType)]
        }
    }
}
