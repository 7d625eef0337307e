import EmberBackend

// MARK: - Fused optimizer updates (unverified on a GPU)

extension CUDABackend {
    /// SGD and Adam / AdamW (amsgrad included) on contiguous float32 and float64 buffers (Note
    /// [CUDA optimizer arithmetic]); `false` for the other optimizers and for other buffers, so
    /// the front end composes those updates from element-wise ops.
    package func optimizerStep(_ step: OptimizerStep, param: StridedBuffer, grad: StridedBuffer,
                               state: [StridedBuffer]) -> Bool {
        let count = param.layout.count, dtype = param.dtype
        func fits(_ buffer: StridedBuffer) -> Bool {
            buffer.dtype == dtype && buffer.layout.isContiguous && buffer.layout.count == count
        }
        guard fits(grad), state.allSatisfy(fits), param.layout.isContiguous,
              let (kernel, scalars) = KernelSources.optimizerArguments(step, dtype, stateCount: state.count)
        else { return false }
        guard count > 0 else { return true }
        // SGD takes one state pointer (unused without momentum), Adam three (the last unused
        // without amsgrad); absent ones are null.
        let slots = kernel == KernelSources.sgdKernel(dtype) ? 1 : 3
        let pointers = (0..<slots).map { $0 < state.count ? address(state[$0]) : 0 }
        let device = device(of: param.start)
        let function = device.function(kernel, in: KernelSources.optimModule(dtype))
        device.launch(function, count: count,
                      ([address(param), address(grad)] + pointers + [UInt64(count)] + scalars).map { [$0] })
        return true
    }
}
