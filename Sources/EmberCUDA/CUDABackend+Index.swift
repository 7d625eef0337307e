import EmberBackend

// MARK: - index and index_put (unverified on a GPU)

extension CUDABackend {
    package func index(_ input: StridedBuffer, _ indices: [IndexOperand], into output: StridedBuffer) throws(IndexOutOfRange) {
        let count = output.layout.count
        guard count > 0 else { return }
        guard let indexer = KernelIndexArguments.indexer(output.layout.shape,
                                                         [output.layout.strides, input.layout.strides], indices)
        else { return tooManyDims(count) }
        let dtype = output.dtype
        let device = device(of: output.start)
        let function = device.function(KernelSources.indexKernel(dtype), in: KernelSources.indexModule(dtype))
        let key = withFailureFlag(device) { flag in
            device.launch(function, count: count, [[address(input)], [address(output)], [UInt64(count)], indexer,
                                                   KernelIndexArguments.indexes(indices), [flag]])
        }
        if let key {
            throw failure(KernelIndexArguments.failure(key: key, count: count, indexes: indices.count, byPosition: true),
                          indices, shape: output.layout.shape)
        }
    }

    package func indexPut(_ values: BinaryOperand, _ indices: [IndexOperand], into output: StridedBuffer,
                          reduce: IndexReduction) throws(IndexOutOfRange) {
        let count = output.layout.count
        guard count > 0 else { return }
        let dtype = output.dtype
        let (pointers, strides, parameters) = Self.operands([values], dtype: dtype, output: output)
        guard let indexer = KernelIndexArguments.indexer(output.layout.shape, [output.layout.strides, strides[0]], indices)
        else { return tooManyDims(count) }
        let indexes = KernelIndexArguments.indexes(indices)
        let device = device(of: output.start)
        let module = KernelSources.indexModule(dtype)
        // Every index is checked before anything is written (Note [CUDA advanced indexing]).
        let check = device.function(KernelSources.indexCheckKernel(dtype), in: module)
        let key = withFailureFlag(device) { flag in
            device.launch(check, count: count, [[UInt64(count)], indexer, indexes, [flag]])
        }
        if let key {
            throw failure(KernelIndexArguments.failure(key: key, count: count, indexes: indices.count, byPosition: false),
                          indices, shape: output.layout.shape)
        }
        let put = device.function(KernelSources.indexPutKernel(reduce, dtype), in: module)
        device.launch(put, count: count, [[address(output)], [pointers[0]], [UInt64(count)], indexer, indexes,
                                          parameters.words])
    }

    /// Runs `body` with the device address of an int64 flag holding `KernelSources.noFailure`,
    /// then reads the flag back, which waits for the stream: the key a kernel recorded, or `nil`.
    private func withFailureFlag(_ device: CUDADevice, _ body: (UInt64) -> Void) -> Int64? {
        withScratch(device, int64s: 1) { flag in
            fill(StridedBuffer(base: flag, layout: Layout(contiguous: [1]), dtype: .int64), with: .int(KernelSources.noFailure))
            body(UInt64(UInt(bitPattern: flag)))
            var key = KernelSources.noFailure
            copyToHost(flag, to: &key, byteCount: 8)
            return key == KernelSources.noFailure ? nil : key
        }
    }

    /// Runs `body` with a device buffer of `int64s` int64s, handed back to the caching allocator
    /// afterwards (stream-ordered, so kernels queued on it may still be running).
    func withScratch<R>(_ device: CUDADevice, int64s: Int, _ body: (UnsafeMutableRawPointer) -> R) -> R {
        let bytes = max(int64s, 1) * 8
        guard let pointer = try? device.allocator.allocate(byteCount: bytes) else {
            fatalError("CUDA out of memory for a scratch buffer of \(bytes) bytes")
        }
        defer { device.allocator.deallocate(pointer, byteCount: bytes) }
        return body(pointer)
    }

    /// The CPU backend's error for the index at `failure`: its value, read back from the device.
    private func failure(_ failure: (position: Int, operand: Int), _ indices: [IndexOperand], shape: Dims) -> IndexOutOfRange {
        let operand = indices[failure.operand]
        let offset = KernelIndexArguments.offset(of: failure.position, shape: shape, strides: operand.indices.layout.strides)
        var value: Int64 = 0
        copyToHost(operand.indices.start + offset * 8, to: &value, byteCount: 8)
        return IndexOutOfRange(value: value, operand: failure.operand, size: operand.size)
    }
}

// MARK: - Arguments

/// The host side of the index kernels' arguments (Note [CUDA advanced indexing]).
package enum KernelIndexArguments {
    /// The `EmberIndexerOf<indexOperands>` words over `shape` for the output's and the data's (or
    /// the values') strides followed by each index's; `nil` when there are more than `maxIndexes`
    /// indexes or the dims do not fit.
    package static func indexer(_ shape: Dims, _ strides: [Dims], _ indices: [IndexOperand]) -> [UInt64]? {
        guard indices.count <= KernelSources.maxIndexes else { return nil }
        return KernelIndexer.words(shape, strides + indices.map(\.indices.layout.strides),
                                   operands: KernelSources.indexOperands)
    }

    /// The `EmberIndexes` words: the count, then `maxIndexes` each of the addresses, the strides,
    /// the sizes and the lowest valid positions (zero past the count).
    package static func indexes(_ indices: [IndexOperand]) -> [UInt64] {
        let n = KernelSources.maxIndexes
        var words = [UInt64](repeating: 0, count: 1 + 4 * n)
        words[0] = UInt64(indices.count)
        for (k, operand) in indices.enumerated() {
            words[1 + k] = UInt64(UInt(bitPattern: operand.indices.start))
            words[1 + n + k] = UInt64(bitPattern: Int64(operand.stride))
            words[1 + 2 * n + k] = UInt64(operand.size)
            words[1 + 3 * n + k] = UInt64(bitPattern: operand.lowest)
        }
        return words
    }

    /// The row-major position and the index operand a flag's `key` names: `position * indexes +
    /// operand` when `byPosition` (`index`), else `operand * count + position` (`indexPut`).
    package static func failure(key: Int64, count: Int, indexes: Int, byPosition: Bool) -> (position: Int, operand: Int) {
        let key = Int(key)
        return byPosition ? (key / indexes, key % indexes) : (key % count, key / count)
    }

    /// The offset, in elements, of the element at row-major `position` of `shape` in an operand
    /// with `strides`.
    package static func offset(of position: Int, shape: Dims, strides: Dims) -> Int {
        var rest = position, offset = 0
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] > 0 {
            offset += rest % shape[d] * strides[d]
            rest /= shape[d]
        }
        return offset
    }
}
