import EmberBackend

// MARK: - Launching the generated kernels (unverified on a GPU)

extension CUDABackend {
    package func unary(_ op: UnaryOp, _ input: StridedBuffer, into output: StridedBuffer) {
        guard let kernel = KernelSources.unaryKernel(op, input.dtype) else { let _: Int = unsupported(op.atenName); return }
        let count = output.layout.count
        guard count > 0, let indexer = KernelIndexer.words(output.layout.shape, [input.layout.strides, output.layout.strides])
        else { return tooManyDims(count) }
        let device = device(of: output.start)
        let function = device.function(kernel, in: KernelSources.unaryModule(input.dtype))
        device.launch(function, count: count, [[address(input)], [address(output)], [UInt64(count)], indexer,
                                               KernelSources.unaryParameters(op, input.dtype).words])
    }

    package func binary(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand, into output: StridedBuffer) {
        var dtype = output.dtype
        if case .buffer(let a) = lhs { dtype = a.dtype } else if case .buffer(let b) = rhs { dtype = b.dtype }
        guard let kernel = KernelSources.binaryKernel(op, dtype) else { let _: Int = unsupported(op.atenName); return }
        let count = output.layout.count
        let (pointers, strides, parameters) = Self.operands([lhs, rhs], dtype: dtype, output: output)
        guard count > 0, let indexer = KernelIndexer.words(output.layout.shape, strides + [output.layout.strides])
        else { return tooManyDims(count) }
        let device = device(of: output.start)
        let function = device.function(kernel, in: KernelSources.binaryModule(dtype))
        device.launch(function, count: count, [[pointers[0]], [pointers[1]], [address(output)], [UInt64(count)],
                                               indexer, parameters.words])
    }

    package func copy(_ source: StridedBuffer, into destination: StridedBuffer) {
        let count = destination.layout.count
        guard count > 0, let indexer = KernelIndexer.words(destination.layout.shape, [source.layout.strides, destination.layout.strides])
        else { return tooManyDims(count) }
        let device = device(of: destination.start)
        let function = device.function(KernelSources.copyKernel(from: source.dtype, to: destination.dtype),
                                       in: KernelSources.copyModule(source.dtype))
        device.launch(function, count: count, [[address(source)], [address(destination)], [UInt64(count)], indexer])
    }

    package func fill(_ destination: StridedBuffer, with value: Scalar) {
        let count = destination.layout.count
        guard count > 0, let indexer = KernelIndexer.words(destination.layout.shape, [destination.layout.strides])
        else { return tooManyDims(count) }
        var parameters = KernelParameters()
        parameters.set(0, value, as: destination.dtype)
        let device = device(of: destination.start)
        let function = device.function(KernelSources.fillKernel(destination.dtype), in: KernelSources.fillModule)
        device.launch(function, count: count, [[address(destination)], [UInt64(count)], indexer, parameters.words])
    }

    package func reduce(_ op: ReduceOp, _ input: StridedBuffer, into output: StridedBuffer) {
        guard let kernel = KernelSources.reduceKernel(op, input.dtype, output.dtype) else {
            let _: Int = unsupported(op.atenName)
            return
        }
        let outputs = output.layout.count
        guard outputs > 0 else { return }
        let rank = input.layout.rank
        var inner = Dims(repeating: 1, count: rank), extent = 1
        for d in 0..<rank where output.layout.shape[d] == 1 && input.layout.shape[d] != 1 {
            inner[d] = input.layout.shape[d]
            extent *= input.layout.shape[d]
        }
        guard let outer = KernelIndexer.words(output.layout.shape, [input.layout.strides, output.layout.strides]),
              let walk = KernelIndexer.words(inner, [input.layout.strides])
        else { return tooManyDims(outputs) }
        let device = device(of: output.start)
        let function = device.function(kernel, in: KernelSources.reduceModule(input.dtype))
        device.launch(function, count: outputs, blocks: min(outputs, 65_536),
                      [[address(input)], [address(output)], [UInt64(outputs)], [UInt64(extent)], outer, walk])
    }

    /// The device address of a buffer's first element.
    func address(_ buffer: StridedBuffer) -> UInt64 { UInt64(UInt(bitPattern: buffer.start)) }

    /// Reports an iteration space that does not fit the indexer (more than `maxRank` dims that
    /// cannot be merged); nothing for an empty one.
    func tooManyDims(_ count: Int) {
        guard count > 0 else { return }
        attemptVoid {
            throw TensorError.runtime("Ember's CUDA kernels index at most \(KernelSources.maxRank) dims that cannot be merged")
        }
    }
}

// MARK: - Indexer

/// The `EmberIndexer` argument of a kernel (see Note [CUDA kernel templates]).
package enum KernelIndexer {
    /// The indexer's words for `shape` and the operands' `strides` (41 for the `EmberIndexer`
    /// of `maxOperands` operands; `1 + maxRank * (1 + operands)` for an `EmberIndexerOf<operands>`):
    /// dims of size 1 dropped, neighbours that step together in every operand merged; `nil` when
    /// more than `maxRank` dims remain or there are more than `operands` operands.
    package static func words(_ shape: Dims, _ strides: [Dims], operands: Int = KernelSources.maxOperands) -> [UInt64]? {
        var dims: [(size: Int, strides: [Int])] = []
        for d in 0..<shape.count where shape[d] != 1 {
            let step = strides.map { $0[d] }
            if let last = dims.last, zip(last.strides, step).allSatisfy({ $0 == $1 * shape[d] }) {
                dims[dims.count - 1] = (last.size * shape[d], step)
            } else {
                dims.append((shape[d], step))
            }
        }
        if dims.isEmpty { dims = [(1, strides.map { _ in 0 })] }
        guard dims.count <= KernelSources.maxRank, strides.count <= operands else { return nil }
        var words = [UInt64](repeating: 0, count: 1 + KernelSources.maxRank * (1 + operands))
        words[0] = UInt64(dims.count)
        for (d, dim) in dims.enumerated() {
            words[1 + d] = UInt64(dim.size)
            for (k, step) in dim.strides.enumerated() {
                words[1 + KernelSources.maxRank * (1 + k) + d] = UInt64(bitPattern: Int64(step))
            }
        }
        return words
    }
}
