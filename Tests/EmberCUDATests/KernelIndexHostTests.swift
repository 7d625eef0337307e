// KernelIndexHostTests.swift
//
// The host side of the indexing and searching kernels that runs without a GPU: the advanced
// indexing kernels' indexer and index descriptors, how a recorded bounds failure is decoded, the
// compaction's split into blocks and `nonzero`'s coordinates, searchsorted's operands, the sort's
// slices, padding and bitonic stages, and the generated modules' entry points.

import Testing
@testable import EmberCUDA
import EmberBackend

@Suite struct KernelIndexHostTests {
    /// Words of an `EmberIndexerOf<8>`: the rank, 8 sizes, then 8 strides per operand.
    static func stride(_ words: [UInt64], operand k: Int, dim d: Int) -> Int64 {
        Int64(bitPattern: words[1 + 8 * (1 + k) + d])
    }

    /// `x[idx]` for a contiguous [4, 3] `x` and an index of shape [2]: the iteration shape is
    /// [2, 3]; the output steps [3, 1], the restrided data [0, 1], the index broadcast [1, 0].
    /// The data's stride 0 keeps the two dims apart.
    @Test func gatherIndexer() throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        defer { memory.deallocate() }
        let index = IndexOperand(indices: StridedBuffer(base: memory, layout: Layout(shape: [2, 3], strides: [1, 0]),
                                                        dtype: .int64), stride: 3, size: 4)
        let words = try #require(KernelIndexArguments.indexer([2, 3], [[3, 1], [0, 1]], [index]))
        #expect(words.count == 1 + 8 * 9)
        #expect(words[0] == 2 && words[1] == 2 && words[2] == 3)
        #expect(Self.stride(words, operand: 0, dim: 0) == 3 && Self.stride(words, operand: 0, dim: 1) == 1)
        #expect(Self.stride(words, operand: 1, dim: 0) == 0 && Self.stride(words, operand: 1, dim: 1) == 1)
        #expect(Self.stride(words, operand: 2, dim: 0) == 1 && Self.stride(words, operand: 2, dim: 1) == 0)
        #expect(Self.stride(words, operand: 3, dim: 0) == 0)
    }

    /// Six indexes fit the indexer; a seventh does not.
    @Test func tooManyIndexes() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        defer { memory.deallocate() }
        let index = IndexOperand(indices: StridedBuffer(base: memory, layout: Layout(contiguous: [5]), dtype: .int64),
                                 stride: 1, size: 5)
        #expect(KernelIndexArguments.indexer([5], [[1], [0]], Array(repeating: index, count: 6)) != nil)
        #expect(KernelIndexArguments.indexer([5], [[1], [0]], Array(repeating: index, count: 7)) == nil)
    }

    /// The `EmberIndexes` words: count, then 6 addresses, 6 strides, 6 sizes and 6 lowest valid
    /// positions; an index that allows negative positions starts at `-size`, one that does not
    /// at 0; a view's address includes its offset (3 int64s = 24 bytes).
    @Test func indexesWords() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        defer { memory.deallocate() }
        let a = IndexOperand(indices: StridedBuffer(base: memory, layout: Layout(contiguous: [2]), dtype: .int64),
                             stride: 7, size: 5)
        let b = IndexOperand(indices: StridedBuffer(base: memory, layout: Layout(shape: [2], strides: [1], offset: 3),
                                                    dtype: .int64), stride: 1, size: 9, allowsNegative: false)
        let words = KernelIndexArguments.indexes([a, b])
        let base = UInt64(UInt(bitPattern: memory))
        #expect(words.count == 25 && words[0] == 2)
        #expect(words[1] == base && words[2] == base + 24 && words[3] == 0)
        #expect(words[7] == 7 && words[8] == 1)
        #expect(words[13] == 5 && words[14] == 9)
        #expect(Int64(bitPattern: words[19]) == -5 && words[20] == 0)
    }

    /// `index` keys failures by position first (`position * indexes + operand`); `indexPut` by
    /// operand first (`operand * count + position`).
    @Test func failureKeys() {
        let gather = KernelIndexArguments.failure(key: 7, count: 10, indexes: 2, byPosition: true)
        #expect(gather.position == 3 && gather.operand == 1)
        let put = KernelIndexArguments.failure(key: 14, count: 10, indexes: 2, byPosition: false)
        #expect(put.position == 4 && put.operand == 1)
    }

    /// Position 5 of [2, 3] is element (1, 2): offset 1 * 10 + 2 * 100 with strides [10, 100],
    /// and 1 with a broadcast [1, 0].
    @Test func failureOffset() {
        #expect(KernelIndexArguments.offset(of: 5, shape: [2, 3], strides: [10, 100]) == 210)
        #expect(KernelIndexArguments.offset(of: 5, shape: [2, 3], strides: [1, 0]) == 1)
        #expect(KernelIndexArguments.offset(of: 0, shape: [], strides: []) == 0)
    }

    /// Every dtype's index module holds the gather, the check and one `indexPut` per reduction;
    /// add is `atomicAdd` (on the unsigned type for integers), bool needs no atomics, the other
    /// reductions of numbers are compare-and-swap loops.
    @Test(arguments: DType.allCases)
    func indexModules(_ dtype: DType) {
        let module = KernelSources.indexModule(dtype)
        let name = dtype.kernelName
        #expect(module.name == "index_\(name)")
        #expect(module.kernels == ["ember_index_gather_\(name)", "ember_index_check_\(name)"]
            + ["none", "add", "multiply", "maximum", "minimum"].map { "ember_index_put_\($0)_\(name)" })
        #expect(module.source.contains("atomicCAS") == (dtype != .bool))
        #expect(KernelSources.allModules.contains(module))
        let add = KernelSources.indexPutStatement(.add, dtype)
        switch dtype {
        case .bool: #expect(add == "if (value) *target = true;")
        case .float32, .float64: #expect(add == "atomicAdd(target, value);")
        case .int32, .int64: #expect(add == "atomicAdd((U*)target, (U)value);")
        }
    }
}

@Suite struct KernelCompactHostTests {
    /// Chunks are whole tiles of 256 positions, at most 1,024 blocks cover every position, and
    /// no block is empty except the one block of an empty input.
    @Test(arguments: [(0, 256, 1), (1, 256, 1), (1000, 256, 4), (262_144, 256, 1024), (262_145, 512, 513),
                      (10_000_000, 9984, 1002)])
    func split(_ count: Int, _ chunk: Int, _ blocks: Int) {
        let split = KernelCompaction(count: count)
        #expect(split.chunk == chunk && split.blocks == blocks)
        #expect(split.chunk * split.blocks >= count && split.chunk * (split.blocks - 1) < max(count, 1))
    }

    /// `nonzero`'s coordinates of a [3, 1, 4] input: two dims (3 and 4) written to columns 0
    /// and 2; the column of size 1 is left to the kernel's zero. Nine dims of size 2 do not fit.
    @Test func coordinates() throws {
        let words = try #require(KernelCompaction.coordinates([3, 1, 4]))
        #expect(words.count == 41 && words[0] == 2 && words[1] == 3 && words[2] == 4)
        #expect(words[9] == 0 && words[10] == 2)
        #expect(KernelCompaction.coordinates([1, 1])?[0] == 0)
        #expect(KernelCompaction.coordinates(Dims(repeating: 2, count: 9)) == nil)
        #expect(KernelCompaction.coordinates([2, 1, 1, 1, 1, 1, 1, 1, 1, 3]) != nil)
    }

    /// Every dtype has the four compaction kernels in its `compact_` module.
    @Test(arguments: DType.allCases)
    func compactModules(_ dtype: DType) {
        let module = KernelSources.compactModule(dtype)
        #expect(module.kernels == ["count", "scan", "nonzero", "masked"].map { "ember_compact_\($0)_\(dtype.kernelName)" })
        #expect(KernelSources.allModules.contains(module))
    }
}

@Suite struct KernelSearchHostTests {
    /// 2-D boundaries [2, 5] (strides [5, 1]) with a sorter [2, 5] (strides [1, 2]), transposed
    /// values [2, 3] (strides [1, 2]) into a contiguous int32 output, searching right: each
    /// value's boundary row starts 5 elements on per row of values and its sorter row 1 on.
    @Test func rowsOfTwoDimensionalBoundaries() {
        let search = KernelSearch(boundaries: Layout(contiguous: [2, 5]), values: Layout(shape: [2, 3], strides: [1, 2]),
                                  sorter: Layout(shape: [2, 5], strides: [1, 2]), output: Layout(contiguous: [2, 3]),
                                  right: true, int32: true)
        #expect(search.length == 5 && search.boundaryStep == 1 && search.sorterStep == 2)
        #expect(search.flags == 3)
        #expect(search.strides == [[3, 1], [1, 2], [5, 0], [1, 0]])
    }

    /// 1-D boundaries with stride 2 serve every value: the row operands have stride 0; left,
    /// int64 output, no sorter.
    @Test func sharedBoundaries() throws {
        let search = KernelSearch(boundaries: Layout(shape: [6], strides: [2]), values: Layout(contiguous: [4, 2]),
                                  sorter: nil, output: Layout(contiguous: [4, 2]), right: false, int32: false)
        #expect(search.length == 6 && search.boundaryStep == 2 && search.sorterStep == 0 && search.flags == 0)
        #expect(search.strides[2] == [0, 0] && search.strides[3] == [0, 0])
        let words = try #require(search.indexer)
        #expect(words[0] == 1 && words[1] == 8)  // [4, 2] merges into 8 in every operand
    }

    /// Every dtype's `sort_` module holds the five sorting kernels; searchsorted follows for
    /// every dtype but bool.
    @Test(arguments: DType.allCases)
    func sortKernels(_ dtype: DType) {
        let name = dtype.kernelName
        let sorting = ["block", "fill", "step", "write", "kthvalue"].map { "ember_sort_\($0)_\(name)" }
        #expect(KernelSources.searchsortedKernel(dtype) == (dtype == .bool ? nil : "ember_sort_searchsorted_\(name)"))
        let module = KernelSources.sortModule(dtype)
        #expect(module.name == "sort_\(name)")
        #expect(module.kernels == sorting + (dtype == .bool ? [] : ["ember_sort_searchsorted_\(name)"]))
        #expect(KernelSources.allModules.contains(module))
    }
}

@Suite struct KernelSortHostTests {
    /// Sorting a contiguous [3, 5] along dim 1 and keeping 2 entries (as topk does) into
    /// contiguous [3, 2] values and indices: 3 slices of 5 along stride 1, padded to 8, sorted
    /// by one block each; the rows step 5 in the input and 2 in the outputs.
    @Test func shortSlices() throws {
        let plan = try #require(KernelSort(Layout(contiguous: [3, 5]), dim: 1, values: Layout(contiguous: [3, 2]),
                                           indices: Layout(contiguous: [3, 2])))
        #expect(plan.slices.rows == 3 && plan.slices.length == 5 && plan.slices.along == [1, 1, 1])
        #expect(plan.kept == 2 && plan.padded == 8 && plan.fitsBlock)
        #expect(plan.slices.outer[0] == 1 && plan.slices.outer[1] == 3)
        #expect(plan.slices.outer[9] == 5 && plan.slices.outer[17] == 2 && plan.slices.outer[25] == 2)
    }

    /// A slice of 2,048 still fits a block; one of 3,000 pads to 4,096 and goes through the
    /// global sort; a slice of one pads to one.
    @Test(arguments: [(2048, 2048, true), (2049, 4096, false), (3000, 4096, false), (1, 1, true), (0, 1, true)])
    func padding(_ length: Int, _ padded: Int, _ fits: Bool) throws {
        let layout = Layout(contiguous: [2, length])
        let plan = try #require(KernelSort(layout, dim: 1, values: layout, indices: layout))
        #expect(plan.padded == padded && plan.fitsBlock == fits)
    }

    /// The bitonic network over 8: merges of 2, 4 and 8, each halving its distance to 1; over
    /// 4,096, 12 * 13 / 2 stages.
    @Test func stages() {
        let stages = KernelSort.stages(8)
        #expect(stages.map(\.k) == [2, 4, 4, 8, 8, 8] && stages.map(\.j) == [1, 2, 1, 4, 2, 1])
        #expect(KernelSort.stages(4096).count == 78 && KernelSort.stages(1).isEmpty)
    }

    /// The sort keys follow the CPU backend's: floats map NaN to the largest key and -0.0 to
    /// 0.0, integers flip the sign bit.
    @Test func keys() {
        #expect(KernelSources.sortKeyText(.float32).contains("0xffffffffull") && KernelSources.sortKeyText(.float32).contains("x == 0.0f"))
        #expect(KernelSources.sortKeyText(.int64).contains("0x8000000000000000ull"))
        #expect(KernelSources.sortKeyText(.bool) == "return x ? 1ull : 0ull;")
    }
}
