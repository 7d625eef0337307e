import EmberBackend

// MARK: - Softmax and scans (unverified on a GPU)

extension CUDABackend {
    package func softmax(_ input: StridedBuffer, dim: Int, log: Bool, into output: StridedBuffer) {
        guard let kernel = KernelSources.softmaxKernel(input.dtype, log: log) else {
            let _: Int = unsupported(log ? "_log_softmax" : "_softmax")
            return
        }
        launchSlices(kernel, KernelSources.softmaxModule(input.dtype), input, dim: dim, output, oneBlockPerSlice: true)
    }

    package func scan(_ op: ScanOp, _ input: StridedBuffer, dim: Int, into output: StridedBuffer) {
        guard let kernel = KernelSources.scanKernel(op, input.dtype, output.dtype) else {
            let _: Int = unsupported(op == .sum ? "cumsum" : "cumprod")
            return
        }
        launchSlices(kernel, KernelSources.scanModule(input.dtype), input, dim: dim, output, oneBlockPerSlice: false)
    }

    /// Queues a slice kernel (Note [CUDA slice kernels]) over the slices of `input` and `output`
    /// along `dim`: one block per slice, or one thread per slice.
    private func launchSlices(_ kernel: String, _ module: @autoclosure () -> KernelModule, _ input: StridedBuffer,
                              dim: Int, _ output: StridedBuffer, oneBlockPerSlice: Bool) {
        let count = output.layout.count
        guard count > 0 else { return }
        guard let slices = KernelSlices(shape: output.layout.shape, dim: dim,
                                        strides: [input.layout.strides, output.layout.strides])
        else { return tooManyDims(count) }
        let device = device(of: output.start)
        let function = device.function(kernel, in: module())
        device.launch(function, count: slices.rows, blocks: oneBlockPerSlice ? slices.blocks : nil,
                      [[address(input)], [address(output)], [UInt64(slices.rows)], [UInt64(slices.length)],
                       [UInt64(bitPattern: Int64(slices.along[0]))], [UInt64(bitPattern: Int64(slices.along[1]))],
                       slices.outer])
    }
}
