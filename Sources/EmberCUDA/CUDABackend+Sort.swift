import EmberBackend

// MARK: - searchsorted (unverified on a GPU)

extension CUDABackend {
    package func searchsorted(_ boundaries: StridedBuffer, _ values: StridedBuffer, sorter: StridedBuffer?,
                              right: Bool, into output: StridedBuffer) {
        let count = output.layout.count
        guard count > 0 else { return }
        guard let kernel = KernelSources.searchsortedKernel(values.dtype) else { let _: Int = unsupported("searchsorted"); return }
        let search = KernelSearch(boundaries: boundaries.layout, values: values.layout, sorter: sorter?.layout,
                                  output: output.layout, right: right, int32: output.dtype == .int32)
        guard let indexer = search.indexer else { return tooManyDims(count) }
        let device = device(of: output.start)
        let function = device.function(kernel, in: KernelSources.sortModule(values.dtype))
        device.launch(function, count: count,
                      [[address(boundaries)], [address(values)], [sorter.map(address) ?? 0], [address(output)],
                       [UInt64(count)], [UInt64(search.length)], [UInt64(bitPattern: Int64(search.boundaryStep))],
                       [UInt64(bitPattern: Int64(search.sorterStep))], indexer, [UInt64(search.flags)]])
    }
}

// MARK: - Arguments

/// The arguments of the searchsorted kernel (Note [CUDA searchsorted]), as the CPU backend
/// walks them.
package struct KernelSearch: Sendable {
    /// Boundaries per row (the last dim).
    package var length: Int
    /// The boundaries' stride along a row.
    package var boundaryStep: Int
    /// The sorter's stride along a row (0 without a sorter).
    package var sorterStep: Int
    /// `searchRightFlag` and `searchInt32Flag`.
    package var flags: Int64
    /// The indexer's operands over the values' shape: the output, the values, the boundary row
    /// and the sorter row.
    package var strides: [Dims]
    /// The values' shape.
    package var shape: Dims

    /// The arguments for these layouts.
    package init(boundaries: Layout, values: Layout, sorter: Layout?, output: Layout, right: Bool, int32: Bool) {
        let rank = values.rank, bRank = boundaries.rank
        var rowStrides = Dims(repeating: 0, count: rank), sorterStrides = Dims(repeating: 0, count: rank)
        if bRank > 1 {
            for d in 0..<(rank - 1) {
                rowStrides[d] = boundaries.strides[d]
                if let sorter { sorterStrides[d] = sorter.strides[d] }
            }
        }
        length = boundaries.shape[bRank - 1]
        boundaryStep = boundaries.strides[bRank - 1]
        sorterStep = sorter.map { $0.strides[bRank - 1] } ?? 0
        flags = (right ? KernelSources.searchRightFlag : 0) | (int32 ? KernelSources.searchInt32Flag : 0)
        strides = [output.strides, values.strides, rowStrides, sorterStrides]
        shape = values.shape
    }

    /// The `EmberIndexer` words, or `nil` when the dims do not fit.
    package var indexer: [UInt64]? { KernelIndexer.words(shape, strides) }
}

// MARK: - sort and kthvalue (unverified on a GPU)

extension CUDABackend {
    package func sort(_ input: StridedBuffer, dim: Int, descending: Bool, values: StridedBuffer, indices: StridedBuffer) {
        guard values.layout.count > 0, input.layout.count > 0 else { return }
        let (input, values, indices) = (input.atLeast1D, values.atLeast1D, indices.atLeast1D)
        guard let plan = KernelSort(input.layout, dim: dim, values: values.layout, indices: indices.layout)
        else { return tooManyDims(input.layout.count) }
        let dtype = input.dtype
        let device = device(of: values.start)
        let kernels = KernelSources.sortKernels(dtype)
        let module = KernelSources.sortModule(dtype)
        let slices = plan.slices
        let along = slices.along.map { [UInt64(bitPattern: Int64($0))] }
        let flag: [UInt64] = [descending ? 1 : 0]
        if plan.fitsBlock {
            device.launch(device.function(kernels[0], in: module), count: slices.rows, blocks: slices.blocks,
                          [[address(input)], [address(values)], [address(indices)], [UInt64(slices.rows)],
                           [UInt64(slices.length)], [UInt64(plan.kept)], [UInt64(plan.padded)]] + along
                          + [slices.outer, flag])
            return
        }
        let total = slices.rows * plan.padded
        withScratch(device, int64s: 2 * total) { scratch in
            let keys = UInt64(UInt(bitPattern: scratch)), positions = keys + UInt64(total * 8)
            let common: [[UInt64]] = [[keys], [positions], [UInt64(slices.rows)]]
            device.launch(device.function(kernels[1], in: module), count: total,
                          [[address(input)]] + common + [[UInt64(slices.length)], [UInt64(plan.padded)], along[0],
                                                         slices.outer, flag])
            let step = device.function(kernels[2], in: module)
            for (k, j) in KernelSort.stages(plan.padded) {
                device.launch(step, count: total, common + [[UInt64(plan.padded)], [UInt64(k)], [UInt64(j)]])
            }
            device.launch(device.function(kernels[3], in: module), count: slices.rows * plan.kept,
                          [[address(input)], [address(values)], [address(indices)], [positions], [UInt64(slices.rows)],
                           [UInt64(plan.kept)], [UInt64(plan.padded)]] + along + [slices.outer])
        }
    }

    package func kthvalue(_ input: StridedBuffer, dim: Int, k: Int, values: StridedBuffer, indices: StridedBuffer) {
        guard values.layout.count > 0 else { return }
        let (input, values, indices) = (input.atLeast1D, values.atLeast1D, indices.atLeast1D)
        guard let plan = KernelSort(input.layout, dim: dim, values: values.layout, indices: indices.layout)
        else { return tooManyDims(input.layout.count) }
        let slices = plan.slices
        let device = device(of: values.start)
        let function = device.function(KernelSources.sortKernels(input.dtype)[4], in: KernelSources.sortModule(input.dtype))
        let total = slices.rows * slices.length
        withScratch(device, int64s: 2 * total) { scratch in
            let keys = UInt64(UInt(bitPattern: scratch))
            device.launch(function, count: slices.rows,
                          [[address(input)], [address(values)], [address(indices)], [keys], [keys + UInt64(total * 8)],
                           [UInt64(slices.rows)], [UInt64(slices.length)], [UInt64(k)],
                           [UInt64(bitPattern: Int64(slices.along[0]))], slices.outer])
        }
    }
}

extension StridedBuffer {
    /// A 0-dim buffer seen as a 1-element vector (as the CPU backend sorts it); others unchanged.
    fileprivate var atLeast1D: StridedBuffer {
        layout.rank > 0 ? self : with(layout: Layout(shape: [1], strides: [1], offset: layout.offset))
    }
}

// MARK: - Sort geometry

/// How `sort` and `kthvalue` run over their slices (Note [CUDA sort]).
package struct KernelSort: Sendable {
    /// The slices along the dim: the input, the values and the indices, in that operand order.
    package var slices: KernelSlices
    /// Entries written per slice (the values' size along the dim).
    package var kept: Int
    /// The slice's length rounded up to a power of two (at least 1).
    package var padded: Int

    /// The plan for `input` sorted along `dim` into `values` and `indices`; `nil` when the
    /// other dims do not fit the indexer.
    package init?(_ input: Layout, dim: Int, values: Layout, indices: Layout) {
        guard let slices = KernelSlices(shape: input.shape, dim: dim,
                                        strides: [input.strides, values.strides, indices.strides]) else { return nil }
        self.slices = slices
        kept = values.shape[dim]
        padded = 1
        while padded < slices.length { padded <<= 1 }
    }

    /// Whether one block sorts a slice in shared memory.
    package var fitsBlock: Bool { padded <= KernelSources.sortBlockCapacity }

    /// The stages `(k, j)` of a bitonic network over `padded` elements, in order.
    package static func stages(_ padded: Int) -> [(k: Int, j: Int)] {
        var stages: [(k: Int, j: Int)] = []
        var k = 2
        while k <= padded {
            var j = k >> 1
            while j > 0 {
                stages.append((k, j))
                j >>= 1
            }
            k <<= 1
        }
        return stages
    }
}
