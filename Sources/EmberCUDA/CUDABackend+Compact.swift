import EmberBackend

// MARK: - count_nonzero, nonzero, masked_select (unverified on a GPU)

extension CUDABackend {
    package func countNonzero(_ input: StridedBuffer) -> Int {
        let count = input.layout.count
        guard count > 0 else { return 0 }
        guard let indexer = KernelIndexer.words(input.layout.shape, [input.layout.strides]) else {
            tooManyDims(count)
            return 0
        }
        let device = device(of: input.start)
        let split = KernelCompaction(count: count)
        return withScratch(device, int64s: split.blocks + 1) { counts in
            countAndScan(input.dtype, device, split, count: count, address(input), indexer, counts)
            var total: Int64 = 0
            copyToHost(counts + split.blocks * 8, to: &total, byteCount: 8)
            return Int(total)
        }
    }

    package func nonzero(_ input: StridedBuffer, into output: StridedBuffer) {
        let count = input.layout.count, rank = input.layout.rank
        guard count > 0, output.layout.count > 0, rank > 0 else { return }
        guard let indexer = KernelIndexer.words(input.layout.shape, [input.layout.strides]),
              let coordinates = KernelCompaction.coordinates(input.layout.shape)
        else { return tooManyDims(count) }
        let device = device(of: input.start)
        let split = KernelCompaction(count: count)
        withScratch(device, int64s: split.blocks + 1) { counts in
            countAndScan(input.dtype, device, split, count: count, address(input), indexer, counts)
            let write = device.function(KernelSources.compactKernels(input.dtype)[2],
                                        in: KernelSources.compactModule(input.dtype))
            device.launch(write, count: count, blocks: split.blocks,
                          [[address(input)], [address(output)], [UInt64(count)], [UInt64(split.chunk)], indexer,
                           [UInt64(UInt(bitPattern: counts))], coordinates, [UInt64(rank)]])
        }
    }

    package func maskedSelect(_ input: StridedBuffer, mask: StridedBuffer, into output: StridedBuffer) {
        let count = input.layout.count
        guard count > 0, output.layout.count > 0 else { return }
        guard let masks = KernelIndexer.words(input.layout.shape, [mask.layout.strides]),
              let indexer = KernelIndexer.words(input.layout.shape, [input.layout.strides, mask.layout.strides])
        else { return tooManyDims(count) }
        let device = device(of: output.start)
        let split = KernelCompaction(count: count)
        withScratch(device, int64s: split.blocks + 1) { counts in
            countAndScan(.bool, device, split, count: count, address(mask), masks, counts)
            let write = device.function(KernelSources.compactKernels(input.dtype)[3],
                                        in: KernelSources.compactModule(input.dtype))
            device.launch(write, count: count, blocks: split.blocks,
                          [[address(input)], [address(mask)], [address(output)], [UInt64(count)],
                           [UInt64(split.chunk)], indexer, [UInt64(UInt(bitPattern: counts))]])
        }
    }

    /// Queues passes 1 and 2 of Note [CUDA stream compaction] over the `dtype` buffer at
    /// `input` (walked by `indexer`): each block's count, then their exclusive starts and the
    /// total, in `counts`.
    func countAndScan(_ dtype: DType, _ device: CUDADevice, _ split: KernelCompaction, count: Int,
                              _ input: UInt64, _ indexer: [UInt64], _ counts: UnsafeMutableRawPointer) {
        let kernels = KernelSources.compactKernels(dtype)
        let module = KernelSources.compactModule(dtype)
        let countKernel = device.function(kernels[0], in: module), scan = device.function(kernels[1], in: module)
        let countsAddress = UInt64(UInt(bitPattern: counts))
        device.launch(countKernel, count: count, blocks: split.blocks,
                      [[input], [UInt64(count)], [UInt64(split.chunk)], indexer, [countsAddress]])
        device.launch(scan, count: 1, blocks: 1, [[countsAddress], [UInt64(split.blocks)]])
    }
}
