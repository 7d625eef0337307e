// KernelUniqueGemmHostTests.swift
//
// The host side of unique_consecutive, unique(dim:) and the integer matrix product that runs
// without a GPU: the unique module's entry points and the LSD sort's passes, and the tiled
// gemm's strides, batch indexer and tiles.

import Testing
@testable import EmberCUDA
import EmberBackend

@Suite struct KernelUniqueHostTests {
    /// Every dtype has the seven unique kernels in its module.
    @Test(arguments: DType.allCases)
    func kernels(_ dtype: DType) {
        let module = KernelSources.uniqueModule(dtype)
        #expect(module.name == "unique_\(dtype.kernelName)")
        let names = ["flag_consecutive", "flag_rows", "gather_column", "compose", "iota", "runs", "values"]
        #expect(module.kernels == names.map { "ember_unique_\($0)_\(dtype.kernelName)" })
        #expect(module.source.contains("ember_tile_place"))
    }

    /// Columns are sorted last to first, the order alternating between the scratch buffer (0)
    /// and the output (1) so that the last pass, on column 0, writes the output.
    @Test func rowPasses() {
        let three = KernelUniqueRows(columns: 3)
        #expect(three.first == 0)
        #expect(three.passes.map(\.column) == [2, 1, 0])
        #expect(three.passes.map(\.source) == [0, 1, 0])
        #expect(three.passes.map(\.destination) == [1, 0, 1])
        let two = KernelUniqueRows(columns: 2)
        #expect(two.first == 1)
        #expect(two.passes.map(\.column) == [1, 0])
        #expect(two.passes.map(\.source) == [1, 0])
        #expect(two.passes.map(\.destination) == [0, 1])
        // No columns: the identity order is written straight to the output.
        let none = KernelUniqueRows(columns: 0)
        #expect(none.first == 1)
        #expect(none.passes.isEmpty)
    }
}

@Suite struct KernelGemmHostTests {
    /// Integer dtypes have a tiled kernel; floats use cuBLAS and bool has no product.
    @Test(arguments: DType.allCases)
    func kernels(_ dtype: DType) {
        let integer = dtype == .int32 || dtype == .int64
        #expect((KernelSources.gemmKernel(dtype) != nil) == integer)
        if integer {
            #expect(KernelSources.gemmModule(dtype).kernels == ["ember_gemm_tiled_\(dtype.kernelName)"])
        }
    }

    /// `[2, 3, 4, 5] @ [2, 3, 5, 6]` with `b` broadcast over the first batch dim (stride 0) and
    /// transposed (row stride 1, column stride 5): the matrices' strides of a, b and c in order,
    /// the batch dims unmerged (b's strides 0 and 30 do not step together), six tiles.
    @Test func batchedBroadcastTransposed() throws {
        let a = Layout(shape: [2, 3, 4, 5], strides: [60, 20, 5, 1])
        let b = Layout(shape: [2, 3, 5, 6], strides: [0, 30, 1, 5])
        let c = Layout(shape: [2, 3, 4, 6], strides: [72, 24, 6, 1])
        let gemm = try #require(KernelGemm(a: a, b: b, c: c))
        #expect([gemm.m, gemm.n, gemm.k, gemm.batches] == [4, 6, 5, 6])
        #expect(gemm.strides == [5, 1, 1, 5, 6, 1])
        var words = [UInt64](repeating: 0, count: 33)
        words[0] = 2
        words[1] = 2
        words[2] = 3
        words[9] = 72   // c
        words[10] = 24
        words[17] = 60  // a
        words[18] = 20
        words[25] = 0   // b
        words[26] = 30
        #expect(gemm.indexer == words)
        #expect(gemm.tiles == 6)
        #expect(gemm.blocks == 6)
    }

    /// One `[40, 7] @ [7, 33]` product: one batch (a one-dim indexer of size 1), ceil(40 / 16) *
    /// ceil(33 / 16) = 3 * 3 tiles.
    @Test func singleMatrix() throws {
        let gemm = try #require(KernelGemm(a: Layout(contiguous: [40, 7]), b: Layout(contiguous: [7, 33]),
                                           c: Layout(contiguous: [40, 33])))
        #expect([gemm.m, gemm.n, gemm.k, gemm.batches] == [40, 33, 7, 1])
        #expect(gemm.strides == [7, 1, 33, 1, 33, 1])
        #expect(Array(gemm.indexer.prefix(2)) == [1, 1])
        #expect(gemm.indexer.dropFirst(2).allSatisfy { $0 == 0 })
        #expect(gemm.tiles == 9)
        #expect(gemm.blocks == 9)
    }
}
