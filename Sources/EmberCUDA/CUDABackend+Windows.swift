import EmberBackend

// MARK: - Sliding windows and max pooling (unverified on a GPU)

extension CUDABackend {
    package func unfold(_ input: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        let count = output.layout.count
        guard count > 0 else { return }
        let dtype = input.dtype
        let device = device(of: output.start)
        let function = device.function(KernelSources.unfoldKernel(dtype), in: KernelSources.windowModule(dtype))
        device.launch(function, count: count, [[address(input)], [address(output)], [UInt64(count)],
                                               KernelWindow.words(window)])
    }

    package func fold(_ columns: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        let dtype = output.dtype
        guard let kernel = KernelSources.foldKernel(dtype) else { fatalError("Ember internal error: fold of \(dtype)") }
        let count = output.layout.count
        guard count > 0 else { return }
        let device = device(of: output.start)
        let function = device.function(kernel, in: KernelSources.windowModule(dtype))
        device.launch(function, count: count, [[address(columns)], [address(output)], [UInt64(count)],
                                               KernelWindow.words(window)])
    }

    package func maxPool(_ input: StridedBuffer, window: SlidingWindow, values: StridedBuffer, indices: StridedBuffer) -> Bool {
        guard window.kernel.count == 2, let kernel = KernelSources.maxPoolKernel(input.dtype) else { return false }
        let count = values.layout.count
        guard count > 0 else { return true }
        let device = device(of: values.start)
        let function = device.function(kernel, in: KernelSources.windowModule(input.dtype))
        device.launch(function, count: count, [[address(input)], [address(values)], [address(indices)], [UInt64(count)],
                                               KernelWindow.words(window)])
        return true
    }
}
