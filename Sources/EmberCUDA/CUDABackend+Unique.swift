import EmberBackend

// MARK: - unique_consecutive and unique(dim:) (unverified on a GPU)

extension CUDABackend {
    package func uniqueConsecutive(_ input: StridedBuffer, values: StridedBuffer, groups: StridedBuffer?,
                                   counts: StridedBuffer?) -> Int {
        let n = input.layout.count
        guard n > 0 else { return 0 }
        let dtype = input.dtype
        let device = device(of: values.start)
        let kernels = KernelSources.uniqueKernels(dtype), module = KernelSources.uniqueModule(dtype)
        let step = UInt64(bitPattern: Int64(input.layout.rank > 0 ? input.layout.strides[0] : 0))
        return withRuns(device, n, dtype, flag: { flags in
            device.launch(device.function(kernels[0], in: module), count: n,
                          [[address(input)], [UInt64(n)], [step], [flags]])
        }, groups: groups) { runs, firsts in
            device.launch(device.function(kernels[6], in: module), count: runs,
                          [[address(input)], [step], [firsts], [UInt64(runs)], [UInt64(n)], [address(values)],
                           [Self.step(values)], [counts.map(address) ?? 0], [counts.map(Self.step) ?? 0]])
        }
    }

    package func uniqueRows(_ input: StridedBuffer, order: StridedBuffer, groups: StridedBuffer) -> Int {
        let n = input.layout.shape[0]
        guard n > 0 else { return 0 }
        let m = input.layout.shape[1], dtype = input.dtype
        let device = device(of: order.start)
        let kernels = KernelSources.uniqueKernels(dtype), module = KernelSources.uniqueModule(dtype)
        let plan = KernelUniqueRows(columns: m)
        // Scratch: the other order, the sort's positions, a column's keys and their sorted copy.
        withScratch(device, int64s: 4 * n) { scratch in
            let orders = [UInt64(UInt(bitPattern: scratch)), address(order)]
            let positions = scratch + n * 8, keys = scratch + 2 * n * 8, sorted = scratch + 3 * n * 8
            device.launch(device.function(kernels[4], in: module), count: n, [[orders[plan.first]], [UInt64(n)]])
            let vector = Layout(contiguous: [n])
            for pass in plan.passes {
                device.launch(device.function(kernels[2], in: module), count: n,
                              [[address(input)], [UInt64(n)], [UInt64(m)], [UInt64(pass.column)], [orders[pass.source]],
                               [UInt64(UInt(bitPattern: keys))]])
                sort(StridedBuffer(base: keys, layout: vector, dtype: dtype), dim: 0, descending: false,
                     values: StridedBuffer(base: sorted, layout: vector, dtype: dtype),
                     indices: StridedBuffer(base: positions, layout: vector, dtype: .int64))
                device.launch(device.function(kernels[3], in: module), count: n,
                              [[orders[pass.source]], [UInt64(UInt(bitPattern: positions))], [orders[pass.destination]],
                               [UInt64(n)]])
            }
        }
        return withRuns(device, n, dtype, flag: { flags in
            device.launch(device.function(kernels[1], in: module), count: n,
                          [[address(input)], [UInt64(n)], [UInt64(m)], [address(order)], [flags]])
        }, groups: groups) { _, _ in }
    }

    /// Passes 1 to 3 of Note [CUDA unique] over `n` positions: `flag` queues the flags' kernel
    /// (given their address), then the count and scan, the read-back of the number of runs, and
    /// the run numbers into `groups`; `values` then queues pass 4 with the number of runs and the
    /// address of their first positions. Returns the number of runs.
    private func withRuns(_ device: CUDADevice, _ n: Int, _ dtype: DType, flag: (UInt64) -> Void,
                          groups: StridedBuffer?, values: (Int, UInt64) -> Void) -> Int {
        let split = KernelCompaction(count: n)
        // Scratch: the flags (n bytes, in int64 words), the block counts and the runs' firsts.
        let flagWords = (n + 7) / 8
        return withScratch(device, int64s: flagWords + split.blocks + 1 + n) { scratch in
            let flags = UInt64(UInt(bitPattern: scratch))
            let counts = scratch + flagWords * 8, firsts = counts + (split.blocks + 1) * 8
            flag(flags)
            let indexer = KernelIndexer.words([n], [[1]])!
            countAndScan(.bool, device, split, count: n, flags, indexer, counts)
            var total: Int64 = 0
            copyToHost(counts + split.blocks * 8, to: &total, byteCount: 8)
            let kernels = KernelSources.uniqueKernels(dtype)
            device.launch(device.function(kernels[5], in: KernelSources.uniqueModule(dtype)), count: n,
                          blocks: split.blocks,
                          [[flags], [UInt64(n)], [UInt64(split.chunk)], [UInt64(UInt(bitPattern: counts))],
                           [groups.map(address) ?? 0], [groups.map(Self.step) ?? 0], [UInt64(UInt(bitPattern: firsts))]])
            values(Int(total), UInt64(UInt(bitPattern: firsts)))
            return Int(total)
        }
    }

    /// The stride of a vector's one dim (0 for a 0-dim buffer), as a kernel argument.
    private static func step(_ buffer: StridedBuffer) -> UInt64 {
        UInt64(bitPattern: Int64(buffer.layout.rank > 0 ? buffer.layout.strides[0] : 0))
    }
}
