import EmberBackend

// MARK: - Fused batch norm (unverified on a GPU)

extension CUDABackend {
    package func batchNormStatistics(_ input: StridedBuffer, eps: Double, mean: StridedBuffer, variance: StridedBuffer,
                                     invstd: StridedBuffer) -> Bool {
        guard let (n, c, s) = Self.batchNormGeometry(input) else { return false }
        guard c > 0 else { return true }
        let dtype = input.dtype
        let device = device(of: input.start)
        let function = device.function(KernelSources.batchNormKernel("statistics", dtype),
                                       in: KernelSources.batchNormModule(dtype))
        device.launch(function, count: c, blocks: min(c, 65_536),
                      [[address(input)], [address(mean)], [address(variance)], [address(invstd)], [UInt64(n)],
                       [UInt64(c)], [UInt64(s)], [eps.bitPattern]])
        return true
    }

    package func batchNormApply(_ input: StridedBuffer, mean: StridedBuffer, invstd: StridedBuffer, weight: StridedBuffer?,
                                bias: StridedBuffer?, into output: StridedBuffer) -> Bool {
        guard let (_, c, s) = Self.batchNormGeometry(input) else { return false }
        let total = input.layout.count
        guard total > 0 else { return true }
        let dtype = input.dtype
        let device = device(of: output.start)
        let function = device.function(KernelSources.batchNormKernel("apply", dtype), in: KernelSources.batchNormModule(dtype))
        device.launch(function, count: total,
                      [[address(input)], [address(mean)], [address(invstd)], [address(weight)], [address(bias)],
                       [address(output)], [UInt64(total)], [UInt64(c)], [UInt64(s)]])
        return true
    }

    package func batchNormBackward(_ gradient: StridedBuffer, input: StridedBuffer, mean: StridedBuffer, invstd: StridedBuffer,
                                   weight: StridedBuffer?, training: Bool, gradInput: StridedBuffer?,
                                   gradWeight: StridedBuffer?, gradBias: StridedBuffer?) -> Bool {
        guard let (n, c, s) = Self.batchNormGeometry(input) else { return false }
        guard c > 0 else { return true }
        let dtype = input.dtype
        let flags = KernelSources.batchNormFlags(training: training, gradInput: gradInput != nil,
                                                 gradWeight: gradWeight != nil, gradBias: gradBias != nil)
        let device = device(of: input.start)
        let function = device.function(KernelSources.batchNormKernel("backward", dtype),
                                       in: KernelSources.batchNormModule(dtype))
        device.launch(function, count: c, blocks: min(c, 65_536),
                      [[address(gradient)], [address(input)], [address(mean)], [address(invstd)], [address(weight)],
                       [address(gradInput)], [address(gradWeight)], [address(gradBias)], [UInt64(n)], [UInt64(c)],
                       [UInt64(s)], [UInt64(flags)]])
        return true
    }

    /// `[N, C, S]` of a batch norm input: `N` and `C` its first two dims, `S` the elements of one
    /// channel of one sample; `nil` (no kernel) for a non-floating dtype or fewer than two dims.
    package static func batchNormGeometry(_ input: StridedBuffer) -> (n: Int, c: Int, s: Int)? {
        let shape = input.layout.shape
        guard input.dtype.isFloatingPoint, shape.count >= 2 else { return nil }
        let n = shape[0], c = shape[1]
        return (n, c, input.layout.count / max(n * c, 1))
    }

    /// The device address of an optional buffer's first element, 0 (a null pointer) for none.
    func address(_ buffer: StridedBuffer?) -> UInt64 { buffer.map(address) ?? 0 }
}

extension KernelSources {
    /// The batch norm backward kernel's flags: the sums are needed for a training input gradient
    /// and for the weight's and bias's gradients.
    package static func batchNormFlags(training: Bool, gradInput: Bool, gradWeight: Bool, gradBias: Bool) -> Int64 {
        (training ? batchNormTraining : 0) | (training && gradInput || gradWeight || gradBias ? batchNormNeedsSums : 0)
    }
}
