import EmberBackend

// MARK: - Integer matrix products (unverified on a GPU)

extension CUDABackend {
    /// `c = alpha * (a @ b) + beta * c` for `int32` and `int64` through the tiled kernel (Note
    /// [CUDA integer gemm]), reading every operand in place.
    func integerGemm(_ a: StridedBuffer, _ b: StridedBuffer, into c: StridedBuffer, alpha: Scalar, beta: Scalar) {
        guard let kernel = KernelSources.gemmKernel(c.dtype), c.layout.count > 0 else { return }
        guard let gemm = KernelGemm(a: a.layout, b: b.layout, c: c.layout) else { return tooManyDims(c.layout.count) }
        var parameters = KernelParameters()
        parameters.set(0, alpha, as: c.dtype)
        parameters.set(1, beta, as: c.dtype)
        let device = device(of: c.start)
        let function = device.function(kernel, in: KernelSources.gemmModule(c.dtype))
        device.launch(function, count: gemm.tiles * KernelSources.blockSize, blocks: gemm.blocks,
                      [[address(a)], [address(b)], [address(c)], [UInt64(gemm.m)], [UInt64(gemm.n)], [UInt64(gemm.k)],
                       [UInt64(gemm.batches)], gemm.indexer, parameters.words]
                      + gemm.strides.map { [UInt64(bitPattern: Int64($0))] })
    }
}
