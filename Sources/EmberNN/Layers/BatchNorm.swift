import EmberCore

// MARK: - Functional batch normalization

extension Functional {
    /// Batch normalization (`F.batch_norm(input, running_mean, running_var, weight, bias,
    /// training, momentum, eps)`): PyTorch's checks of the batch size and `eps`, then
    /// `Tensor.batchNorm(runningMean:runningVar:weight:bias:training:momentum:eps:)`, recorded as
    /// `NativeBatchNormBackward0`.
    ///
    /// In training mode the batch's statistics normalize the input and update `runningMean` and
    /// `runningVar` in place when given; otherwise the running statistics normalize it.
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil,
                                 bias: Tensor? = nil, training: Bool = false, momentum: Double = 0.1,
                                 eps: Double = 1e-5) -> Tensor {
        attempt {
            if training { try verifyBatchSize(input.shape, printed: "torch.Size(\(input.shape))") }
            if training && eps <= 0 {
                throw TensorError.value("batch_norm eps must be positive during training, but got \(eps)")
            } else if eps < 0 {
                throw TensorError.value("batch_norm eps must be non-negative, but got \(eps)")
            }
            return input.batchNorm(runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                                   training: training, momentum: momentum, eps: eps)
        }
    }

    /// PyTorch's `_verify_batch_size`: a channel must see more than one value in training mode
    /// (`size[0]` times the spatial sizes); `printed` is how the message shows the size.
    static func verifyBatchSize(_ size: [Int], printed: String) throws(TensorError) {
        guard size.count >= 1 else { return }
        if size[0] * size.dropFirst(2).reduce(1, *) == 1 {
            throw TensorError.value("Expected more than 1 value per channel when training, got input size \(printed)")
        }
    }
}

// MARK: - The common base of batch and instance norm

/// What batch and instance normalization share (PyTorch's `_NormBase`): the per-channel affine
/// parameters `weight` (ones) and `bias` (zeros), and with `trackRunningStats` the buffers
/// `running_mean` (zeros), `running_var` (ones) and `num_batches_tracked` (an int64 0), under
/// PyTorch's names so that ``Module/stateDict(prefix:)`` has PyTorch's keys.
open class NormBase: Module {
    /// The number of channels, `C` of an input `(N, C, ...)` (`num_features`).
    public let numFeatures: Int
    /// Added to the variance for numerical stability (`eps`).
    public let eps: Double
    /// The weight of a new batch's statistics in the running ones (`momentum`); `nil` averages
    /// every batch equally (a cumulative moving average).
    public let momentum: Double?
    /// Whether the layer has a learnable `weight` and `bias` (`affine`).
    public let affine: Bool
    /// Whether the layer keeps running statistics (`track_running_stats`).
    public let trackRunningStats: Bool
    /// The learnable per-channel scale; `nil` without `affine`.
    public var weight: Parameter?
    /// The learnable per-channel shift; `nil` without `affine` or `bias`.
    public var bias: Parameter?

    /// The layer's parameters and buffers (`_NormBase(num_features, eps, momentum, affine,
    /// track_running_stats, bias=bias)`).
    public init(numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, bias: Bool, trackRunningStats: Bool,
                dtype: DType, device: Device) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.trackRunningStats = trackRunningStats
        if affine {
            weight = Parameter(Tensor.empty([numFeatures], dtype: dtype, device: device))
            self.bias = bias ? Parameter(Tensor.empty([numFeatures], dtype: dtype, device: device)) : nil
        }
        super.init()
        if trackRunningStats {
            registerBuffer("running_mean", Tensor.zeros([numFeatures], dtype: dtype, device: device))
            registerBuffer("running_var", Tensor.ones([numFeatures], dtype: dtype, device: device))
            registerBuffer("num_batches_tracked", Tensor.zeros([], dtype: .int64, device: device))
        }
        resetParameters()
    }

    /// The running mean of each channel (the `running_mean` buffer); `nil` without
    /// `trackRunningStats`.
    public var runningMean: Tensor? { registeredBuffers["running_mean"] ?? nil }
    /// The running (unbiased) variance of each channel (the `running_var` buffer); `nil`
    /// without `trackRunningStats`.
    public var runningVar: Tensor? { registeredBuffers["running_var"] ?? nil }
    /// The number of training batches seen, an int64 0-dim tensor (the `num_batches_tracked`
    /// buffer); `nil` without `trackRunningStats`.
    public var numBatchesTracked: Tensor? { registeredBuffers["num_batches_tracked"] ?? nil }

    /// Sets the running mean to zeros, the running variance to ones and the batch count to 0
    /// (`reset_running_stats`).
    public func resetRunningStats() {
        withNoGrad {
            runningMean?.zero_()
            runningVar?.fill_(1)
            numBatchesTracked?.zero_()
        }
    }

    /// Resets the running statistics, then sets `weight` to ones and `bias` to zeros
    /// (`reset_parameters`).
    open func resetParameters() {
        resetRunningStats()
        if let weight { Init.ones_(weight) }
        if let bias { Init.zeros_(bias) }
    }

    /// The input ranks the layer accepts (`_check_input_dim`).
    var acceptedInputDims: [Int] { [] }

    /// PyTorch's `_check_input_dim`: `expected 2D or 3D input (got 4D input)`.
    func checkInputDim(_ input: Tensor) throws(TensorError) {
        guard acceptedInputDims.contains(input.dim) else {
            let accepted = acceptedInputDims.map { "\($0)D" }.joined(separator: " or ")
            throw TensorError.value("expected \(accepted) input (got \(input.dim)D input)")
        }
    }

    /// `3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True`.
    open override var extraRepr: String {
        "\(numFeatures), eps=\(eps), momentum=\(momentum.map { "\($0)" } ?? "None"), affine=\(pythonBool(affine)), "
            + "bias=\(pythonBool(bias != nil)), track_running_stats=\(pythonBool(trackRunningStats))"
    }
}

// MARK: - Batch normalization

/// Normalizes each channel over the batch and spatial dims (PyTorch's `_BatchNorm`, the base
/// of ``BatchNorm1d``, ``BatchNorm2d`` and ``BatchNorm3d``).
///
/// In training mode the batch's mean and biased variance normalize the input, and with
/// `trackRunningStats` the running statistics move towards the batch's (the unbiased variance)
/// by `momentum`, or by `1 / numBatchesTracked` when `momentum` is `nil`. In evaluation mode
/// the running statistics normalize the input; a layer without them uses the batch's.
open class BatchNorm: NormBase {
    /// The layer (`_BatchNorm(num_features, eps=1e-05, momentum=0.1, affine=True,
    /// track_running_stats=True, bias=True)`).
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                bias: Bool = true, trackRunningStats: Bool = true, dtype: DType = .float32, device: Device = .cpu) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine, bias: bias,
                   trackRunningStats: trackRunningStats, dtype: dtype, device: device)
    }

    /// PyTorch's `_BatchNorm.forward`: counts the batch, picks the averaging factor and the
    /// statistics, then `F.batch_norm`.
    open override func forward(_ input: Tensor) -> Tensor {
        attempt {
            try checkInputDim(input)
            var factor = momentum ?? 0
            if isTraining && trackRunningStats, let numBatchesTracked {
                _ = withNoGrad { numBatchesTracked.add_(1) }
                factor = momentum ?? 1 / Double(numBatchesTracked.item(as: Int64.self))
            }
            let useBatchStatistics = isTraining || (runningMean == nil && runningVar == nil)
            let passStatistics = !isTraining || trackRunningStats
            return Functional.batchNorm(input, runningMean: passStatistics ? runningMean : nil,
                                        runningVar: passStatistics ? runningVar : nil, weight: weight, bias: bias,
                                        training: useBatchStatistics, momentum: factor, eps: eps)
        }
    }
}

/// Batch normalization of `(N, C)` or `(N, C, L)` inputs (PyTorch's `nn.BatchNorm1d`).
open class BatchNorm1d: BatchNorm {
    override var acceptedInputDims: [Int] { [2, 3] }
}

/// Batch normalization of `(N, C, H, W)` inputs (PyTorch's `nn.BatchNorm2d`).
open class BatchNorm2d: BatchNorm {
    override var acceptedInputDims: [Int] { [4] }
}

/// Batch normalization of `(N, C, D, H, W)` inputs (PyTorch's `nn.BatchNorm3d`).
open class BatchNorm3d: BatchNorm {
    override var acceptedInputDims: [Int] { [5] }
}
