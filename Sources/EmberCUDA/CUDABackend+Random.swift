import EmberBackend

// MARK: - Random fills (unverified on a GPU)

extension CUDABackend {
    /// Fills the contiguous `output` from Philox streams (Note [CUDA random numbers]) whose
    /// `(seed, offset)` come from `generator`'s state for the output's device (Note [CUDA
    /// generator state]). A permutation sorts 64-bit random keys, as PyTorch's CUDA `randperm`
    /// does, and writes their positions.
    package func random(_ distribution: RandomDistribution, into output: StridedBuffer, generator: Generator) {
        let count = output.layout.count
        guard count > 0 else { return }
        let device = device(of: output.start)
        if case .permutation = distribution {
            precondition(output.dtype == .int64, "randperm writes int64")
            withScratch(device, int64s: 2 * count) { scratch in
                let keys = StridedBuffer(base: scratch, layout: Layout(contiguous: [count]), dtype: .int64)
                let sorted = StridedBuffer(base: scratch + count * 8, layout: Layout(contiguous: [count]), dtype: .int64)
                // Low 0 and range 0 (2^64): every 64-bit key.
                fill(.integers64, keys, KernelParameters(), device: device, generator: generator)
                let positions = StridedBuffer(base: output.start, layout: Layout(contiguous: [count]), dtype: .int64)
                sort(keys, dim: 0, descending: false, values: sorted, indices: positions)
            }
            return
        }
        guard let (kind, parameters) = KernelRandom.arguments(distribution, output.dtype) else {
            preconditionFailure("\(distribution) fills floating dtypes only, not \(output.dtype)")
        }
        fill(kind, output, parameters, device: device, generator: generator)
    }

    /// Queues the `kind` fill of the contiguous `output`, taking its Philox state from
    /// `generator` for `device`.
    private func fill(_ kind: KernelRandomKind, _ output: StridedBuffer, _ parameters: KernelParameters,
                      device: CUDADevice, generator: Generator) {
        let count = output.layout.count, dtype = output.dtype
        guard let name = KernelSources.randomKernel(kind, dtype) else { return }
        let geometry = KernelRandom(count: count, unroll: kind.unroll(dtype))
        let state = generator.philoxState(device: device.index, increment: geometry.increment)
        let function = device.function(name, in: KernelSources.randomModule(dtype))
        device.launch(function, count: count, blocks: geometry.blocks,
                      [[address(output)], [UInt64(count)], [state.seed], [state.offset], parameters.words])
    }
}
