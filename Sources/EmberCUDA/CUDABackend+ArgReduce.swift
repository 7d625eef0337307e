import EmberBackend

// MARK: - Max and min with indices (unverified on a GPU)

extension CUDABackend {
    package func argReduce(_ op: ArgReduceOp, _ input: StridedBuffer, dim: Int, values: StridedBuffer?,
                           indices: StridedBuffer) {
        let count = indices.layout.count
        guard count > 0 else { return }
        guard let slices = Self.argReduceSlices(input, dim: dim, values: values, indices: indices)
        else { return tooManyDims(count) }
        let dtype = input.dtype
        let device = device(of: indices.start)
        let function = device.function(KernelSources.argReduceKernel(op, dtype), in: KernelSources.argReduceModule(dtype))
        device.launch(function, count: slices.rows,
                      [[address(input)], [address(indices)], [address(values)], [UInt64(slices.rows)],
                       [UInt64(slices.length)], [UInt64(bitPattern: Int64(slices.along[0]))], slices.outer])
    }

    /// The slices along `dim` of the input, the indices and the values (the indices' strides
    /// where there are no values), in that operand order; `nil` when they do not fit the indexer.
    package static func argReduceSlices(_ input: StridedBuffer, dim: Int, values: StridedBuffer?,
                                        indices: StridedBuffer) -> KernelSlices? {
        KernelSlices(shape: input.layout.shape, dim: dim,
                     strides: [input.layout.strides, indices.layout.strides, (values ?? indices).layout.strides])
    }
}
