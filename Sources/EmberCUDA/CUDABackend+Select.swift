import EmberBackend

// MARK: - where and lerp (unverified on a GPU)

extension CUDABackend {
    package func select(_ condition: StridedBuffer, _ a: BinaryOperand, _ b: BinaryOperand, into output: StridedBuffer) {
        let dtype = output.dtype
        let (pointers, strides, parameters) = Self.operands([a, b], dtype: dtype, output: output)
        launchFour(KernelSources.selectKernel(dtype), KernelSources.selectModule(dtype),
                   [address(condition)] + pointers, [condition.layout.strides] + strides, output, parameters)
    }

    package func lerp(_ start: StridedBuffer, _ end: StridedBuffer, weight: BinaryOperand, into output: StridedBuffer) {
        guard let kernel = KernelSources.lerpKernel(output.dtype) else { let _: Int = unsupported("lerp.Tensor"); return }
        let (pointers, strides, parameters) = Self.operands([.buffer(end), weight], dtype: output.dtype, output: output)
        launchFour(kernel, KernelSources.selectModule(output.dtype), [address(start)] + pointers,
                   [start.layout.strides] + strides, output, parameters)
    }

    /// The pointers and strides of operands that may be scalars (a scalar is read from parameter
    /// slot `k` and flagged in `p.i[3]`, with stride 0 and the output's address in its place),
    /// as the binary kernels take them.
    static func operands(_ operands: [BinaryOperand], dtype: DType,
                         output: StridedBuffer) -> (pointers: [UInt64], strides: [Dims], parameters: KernelParameters) {
        var parameters = KernelParameters()
        var strides: [Dims] = [], pointers: [UInt64] = []
        for (k, operand) in operands.enumerated() {
            switch operand {
            case .buffer(let buffer):
                strides.append(buffer.layout.strides)
                pointers.append(UInt64(UInt(bitPattern: buffer.start)))
            case .scalar(let value):
                parameters.set(k, value, as: dtype)
                parameters.i[3] |= k == 0 ? KernelSources.lhsScalarFlag : KernelSources.rhsScalarFlag
                strides.append(Dims(repeating: 0, count: output.layout.rank))
                pointers.append(UInt64(UInt(bitPattern: output.start)))
            }
        }
        return (pointers, strides, parameters)
    }

    /// Queues an element-wise kernel of three inputs and `output`, over `output`'s shape.
    private func launchFour(_ kernel: String, _ module: @autoclosure () -> KernelModule, _ pointers: [UInt64],
                            _ strides: [Dims], _ output: StridedBuffer, _ parameters: KernelParameters) {
        let count = output.layout.count
        guard count > 0, let indexer = KernelIndexer.words(output.layout.shape, strides + [output.layout.strides])
        else { return tooManyDims(count) }
        let device = device(of: output.start)
        let function = device.function(kernel, in: module())
        device.launch(function, count: count, pointers.map { [$0] } + [[address(output)], [UInt64(count)], indexer,
                                                                       parameters.words])
    }
}
