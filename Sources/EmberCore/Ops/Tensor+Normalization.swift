import EmberBackend

// MARK: - Batch normalization

extension Tensor {
    /// Normalizes each channel (dim 1) over the batch and spatial dims (PyTorch's
    /// `torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum,
    /// eps)`, what `F.batch_norm` calls after its checks).
    ///
    /// In training mode the batch's mean and biased variance normalize the input and, when the
    /// running statistics are given, update them in place: `running = (1 - momentum) * running +
    /// momentum * batch`, with the unbiased variance for `runningVar`. Otherwise the running
    /// statistics normalize the input and are left alone. `weight` and `bias` (one value per
    /// channel) scale and shift the result. Recorded as one `NativeBatchNormBackward0` node
    /// for the input, weight and bias, differentiable again with `createGraph` (see
    /// Note [Batch norm backward]); an input with no elements gives `input * weight[0] +
    /// bias[0]`, as PyTorch's.
    public func batchNorm(runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil, bias: Tensor? = nil,
                          training: Bool, momentum: Double = 0.1, eps: Double = 1e-5) -> Tensor {
        attempt {
            try checkBatchNormInputs(runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                                     training: training)
            if numel == 0 { return emptyBatchNorm(weight: weight, bias: bias) }
            let dims = [0] + Array(2..<dim)
            if let (out, mean, invstd) = fusedBatchNorm(runningMean: runningMean, runningVar: runningVar, weight: weight,
                                                        bias: bias, training: training, momentum: momentum, eps: eps) {
                if Tensor.recording([self, weight, bias]) {
                    recordBatchNorm(out, dims: dims, weight: weight, bias: bias, eps: eps, training: training,
                                    statistics: (mean, invstd))
                }
                return out
            }
            let channelShape = [1, shape[1]] + [Int](repeating: 1, count: dim - 2)
            // Training: the batch's statistics; evaluation: the running ones, copied so that a
            // later in-place update does not change what the backward uses.
            let (mean, invstd): (Tensor, Tensor) = withNoGrad {
                if training {
                    let mean = self.mean(dims: dims, keepdim: true)
                    let variance = (self - mean).square().mean(dims: dims, keepdim: true)
                    updateRunningStatistics(runningMean, runningVar, mean: mean, variance: variance, momentum: momentum)
                    return (mean, (variance + eps).rsqrt())
                }
                return (runningMean!.reshape(channelShape).clone(), (runningVar!.reshape(channelShape) + eps).rsqrt())
            }
            let out: Tensor = withNoGrad {
                var y = (self - mean) * invstd
                if let weight { y = y * weight.reshape(channelShape) }
                if let bias { y = y + bias.reshape(channelShape) }
                return y
            }
            if Tensor.recording([self, weight, bias]) {
                recordBatchNorm(out, dims: dims, weight: weight, bias: bias, eps: eps, training: training,
                                statistics: (mean.reshape([-1]), invstd.reshape([-1])))
            }
            return out
        }
    }

    /// `batchNorm` of a contiguous input on the backend's fused kernels (see Note [Fused batch
    /// norm and pooling kernels] in EmberCPU): the output and the `[C]` mean and `1 / sqrt(var +
    /// eps)` it normalized with; nil, with nothing changed, where the backend has no kernel.
    private func fusedBatchNorm(runningMean: Tensor?, runningVar: Tensor?, weight: Tensor?, bias: Tensor?,
                                training: Bool, momentum: Double, eps: Double) -> (Tensor, Tensor, Tensor)? {
        guard layout.isContiguous else { return nil }
        return withNoGrad { () -> (Tensor, Tensor, Tensor)? in
            let c = shape[1]
            let weight = weight?.contiguous(), bias = bias?.contiguous()
            guard let out = try? uninitializedLike() else { return nil }
            let statistics: (Tensor, Tensor)
            var variance: Tensor? = nil
            if training {
                guard let mean = try? Tensor.uninitialized([c], dtype: dtype, device: device),
                      let invstd = try? Tensor.uninitialized([c], dtype: dtype, device: device),
                      let batchVariance = try? Tensor.uninitialized([c], dtype: dtype, device: device),
                      backend.batchNormStatistics(buffer, eps: eps, mean: mean.buffer, variance: batchVariance.buffer,
                                                  invstd: invstd.buffer) else { return nil }
                statistics = (mean, invstd)
                variance = batchVariance
            } else {
                statistics = (runningMean!.reshape([c]).clone(), (runningVar!.reshape([c]) + eps).rsqrt())
            }
            guard backend.batchNormApply(buffer, mean: statistics.0.buffer, invstd: statistics.1.buffer,
                                         weight: weight?.buffer, bias: bias?.buffer, into: out.buffer) else { return nil }
            // Only now, when nothing can fail any more.
            if let variance {
                updateRunningStatistics(runningMean, runningVar, mean: statistics.0, variance: variance, momentum: momentum)
            }
            return (out, statistics.0, statistics.1)
        }
    }

    /// Moves the running statistics towards the batch's: `running = (1 - momentum) * running +
    /// momentum * batch`, with the variance made unbiased (`count / (count - 1)`), as PyTorch does.
    private func updateRunningStatistics(_ runningMean: Tensor?, _ runningVar: Tensor?, mean: Tensor, variance: Tensor,
                                         momentum: Double) {
        let count = Double(numel / shape[1])
        if let runningMean { runningMean.mul_(1 - momentum).add_(mean.reshape(runningMean.shape) * momentum) }
        if let runningVar {
            runningVar.mul_(1 - momentum).add_(variance.reshape(runningVar.shape) * (momentum * count / (count - 1)))
        }
    }

    /// PyTorch's checks of `batch_norm`'s arguments (`_batch_norm_impl_index`).
    private func checkBatchNormInputs(runningMean: Tensor?, runningVar: Tensor?, weight: Tensor?, bias: Tensor?,
                                      training: Bool) throws(TensorError) {
        guard dim >= 2 else {
            throw TensorError(.indexError,
                              "Dimension out of range (expected to be in range of [\(-Swift.max(dim, 1)), \(Swift.max(dim, 1) - 1)], but got 1)")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"batch_norm\" not implemented for '\(dtype.scalarTypeName)'")
        }
        if numel == 0 { return }
        let channels = shape[1]
        for (name, tensor) in [("running_mean", runningMean), ("running_var", runningVar)] {
            if let tensor {
                guard tensor.numel == channels else {
                    throw TensorError.runtime("\(name) should contain \(channels) elements not \(tensor.numel)")
                }
            } else if !training {
                throw TensorError.runtime("\(name) must be defined in evaluation mode")
            }
        }
        for (name, tensor) in [("weight", weight), ("bias", bias)] {
            if let tensor, tensor.numel != channels {
                throw TensorError.runtime("\(name) should contain \(channels) elements not \(tensor.numel)")
            }
        }
        for tensor in [runningMean, runningVar, weight, bias] {
            if let tensor, tensor.dtype != dtype {
                throw TensorError.runtime("mixed dtype (CPU): all inputs must share same datatype.")
            }
        }
    }

    /// `batch_norm` of an input with no elements: a copy of the input times `weight[0]` plus
    /// `bias[0]`, recorded as those ops, so the weight and bias get zero gradients.
    private func emptyBatchNorm(weight: Tensor?, bias: Tensor?) -> Tensor {
        var out = clone()
        if let weight { out = out * weight.reshape(-1)[0] }
        if let bias { out = out + bias.reshape(-1)[0] }
        return out
    }
}

// MARK: - Group normalization

extension Tensor {
    /// Normalizes each sample's channels in `numGroups` groups (PyTorch's `torch.group_norm(input,
    /// num_groups, weight, bias, eps)`): the channels (dim 1) are split into `numGroups` equal
    /// groups, each group of a sample (with its spatial dims) normalized to zero mean and unit
    /// biased variance, then scaled and shifted per channel by `weight` and `bias`. Recorded as
    /// one `NativeGroupNormBackward0` node, differentiable again with `createGraph` (see
    /// Note [Batch norm backward]).
    public func groupNorm(numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) -> Tensor {
        attempt {
            try checkGroupNormInputs(numGroups: numGroups, weight: weight, bias: bias)
            let groupShape = [shape[0], numGroups, shape[0] == 0 ? 0 : numel / (shape[0] * numGroups)]
            let channelShape = [1, shape[1]] + [Int](repeating: 1, count: dim - 2)
            let out: Tensor = withNoGrad {
                let grouped = reshape(groupShape)
                let xc = grouped - grouped.mean(dim: 2, keepdim: true)
                var y = (xc * (xc.square().mean(dim: 2, keepdim: true) + eps).rsqrt()).reshape(shape)
                if let weight { y = y * weight.reshape(channelShape) }
                if let bias { y = y + bias.reshape(channelShape) }
                return y
            }
            if Tensor.recording([self, weight, bias]) {
                recordGroupNorm(out, groupShape: groupShape, weight: weight, bias: bias, eps: eps)
            }
            return out
        }
    }

    /// PyTorch's checks of `group_norm`'s arguments (`group_norm` and `native_group_norm`).
    private func checkGroupNormInputs(numGroups: Int, weight: Tensor?, bias: Tensor?) throws(TensorError) {
        guard dim >= 2 else {
            throw TensorError.runtime("Expected at least 2 dimensions for input tensor but received \(dim)")
        }
        let list = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        guard numGroups > 0, shape[1] % numGroups == 0 else {
            throw TensorError.runtime(
                "Expected number of channels in input to be divisible by num_groups, but got input of shape \(list) and num_groups=\(numGroups)")
        }
        for (name, tensor) in [("weight", weight), ("bias", bias)] {
            if let tensor, tensor.dim != 1 || tensor.numel != shape[1] {
                let given = "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
                throw TensorError.runtime(
                    "Expected \(name) to be a vector of size equal to the number of channels in input, but got \(name) of shape \(given) and input of shape \(list)")
            }
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"GroupNormKernelImpl\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }
}
