import EmberCore

// MARK: - Functional instance normalization

extension Functional {
    /// Instance normalization (`F.instance_norm(input, running_mean, running_var, weight, bias,
    /// use_input_stats, momentum, eps)`): each channel of each sample normalized over its spatial
    /// dims.
    ///
    /// As PyTorch's `instance_norm`, the input is seen as one batch of `N * C` channels, the
    /// weight, bias and running statistics repeated `N` times, and normalized with
    /// ``batchNorm(_:runningMean:runningVar:weight:bias:training:momentum:eps:)``'s op
    /// (`NativeBatchNormBackward0`); the result is a view back to the input's shape
    /// (`ViewBackward0`). With `useInputStats` the running statistics, when given, become the
    /// average over the samples of their updated copies.
    public static func instanceNorm(_ input: Tensor, runningMean: Tensor? = nil, runningVar: Tensor? = nil,
                                    weight: Tensor? = nil, bias: Tensor? = nil, useInputStats: Bool = true,
                                    momentum: Double = 0.1, eps: Double = 1e-5) -> Tensor {
        attempt {
            if useInputStats && input.shape.dropFirst(2).reduce(1, *) == 1 {
                throw TensorError.value(
                    "Expected more than 1 spatial element when training, got input size torch.Size(\(input.shape))")
            }
            guard useInputStats || (runningMean != nil && runningVar != nil) else {
                throw TensorError.runtime(
                    "Expected running_mean and running_var to be defined when use_input_stats is false")
            }
            guard input.dim >= 2 else {
                return input.batchNorm(runningMean: nil, runningVar: nil, training: true)  // PyTorch's IndexError
            }
            let batch = input.shape[0], channels = input.shape[1]
            let merged = input.contiguous().view([1, batch * channels] + input.shape.dropFirst(2))
            func repeated(_ t: Tensor?) -> Tensor? { t?.repeat([batch]) }
            let mean = repeated(runningMean), variance = repeated(runningVar)
            let out = merged.batchNorm(runningMean: mean, runningVar: variance, weight: repeated(weight),
                                       bias: repeated(bias), training: useInputStats, momentum: momentum, eps: eps)
            withNoGrad {
                if let runningMean, let mean { runningMean.copy_(mean.view(batch, channels).mean(dim: 0)) }
                if let runningVar, let variance { runningVar.copy_(variance.view(batch, channels).mean(dim: 0)) }
            }
            return out.view(input.shape)
        }
    }
}

// MARK: - Instance normalization

/// Normalizes each channel of each sample over its spatial dims (PyTorch's `_InstanceNorm`, the
/// base of ``InstanceNorm1d``, ``InstanceNorm2d`` and ``InstanceNorm3d``).
///
/// Unlike batch normalization the layer has no affine parameters and keeps no running
/// statistics unless asked (`affine`, `trackRunningStats`); with running statistics, evaluation
/// mode normalizes with them. An input without the batch dim is normalized as a batch of one.
/// `numBatchesTracked` is never incremented, as in PyTorch.
open class InstanceNorm: NormBase {
    /// The layer (`_InstanceNorm(num_features, eps=1e-05, momentum=0.1, affine=False,
    /// track_running_stats=False, bias=True)`).
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = false,
                bias: Bool = true, trackRunningStats: Bool = false, dtype: DType = .float32, device: Device = .cpu) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine, bias: bias,
                   trackRunningStats: trackRunningStats, dtype: dtype, device: device)
    }

    /// PyTorch's `_InstanceNorm.forward`: checks the rank and, with `affine`, the channel count,
    /// then `F.instance_norm` (on the input with a batch dim of one added when it has none).
    open override func forward(_ input: Tensor) -> Tensor {
        attempt {
            try checkInputDim(input)
            let unbatchedDims = acceptedInputDims[0]
            let featureDim = input.dim - unbatchedDims
            if affine && input.shape[featureDim] != numFeatures {
                throw TensorError.value(
                    "expected input's size at dim=\(featureDim) to match num_features (\(numFeatures)), but got: \(input.shape[featureDim]).")
            }
            if input.dim == unbatchedDims { return normalize(input.unsqueeze(dim: 0)).squeeze(dim: 0) }
            return normalize(input)
        }
    }

    private func normalize(_ input: Tensor) -> Tensor {
        Functional.instanceNorm(input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                                useInputStats: isTraining || !trackRunningStats, momentum: momentum ?? 0, eps: eps)
    }
}

/// Instance normalization of `(N, C, L)` or `(C, L)` inputs (PyTorch's `nn.InstanceNorm1d`).
open class InstanceNorm1d: InstanceNorm {
    override var acceptedInputDims: [Int] { [2, 3] }
}

/// Instance normalization of `(N, C, H, W)` or `(C, H, W)` inputs (PyTorch's `nn.InstanceNorm2d`).
open class InstanceNorm2d: InstanceNorm {
    override var acceptedInputDims: [Int] { [3, 4] }
}

/// Instance normalization of `(N, C, D, H, W)` or `(C, D, H, W)` inputs (PyTorch's
/// `nn.InstanceNorm3d`).
open class InstanceNorm3d: InstanceNorm {
    override var acceptedInputDims: [Int] { [4, 5] }
}
