// KernelArgReduceHostTests.swift
//
// The host side of the max/min-with-indices kernels that runs without a GPU: the slices and
// operand strides they are launched with, and their entry points.

import Testing
@testable import EmberCUDA
import EmberBackend

@Suite struct KernelArgReduceHostTests {
    /// Reducing dim 0 of a transposed [4, 6] (strides [1, 4]) into [1, 6] indices and values:
    /// 6 slices of 4 along stride 1; the outer indexer walks dim 1 with the input's stride 4 and
    /// the outputs' stride 1.
    @Test func slicesWithValues() throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        defer { memory.deallocate() }
        let input = StridedBuffer(base: memory, layout: Layout(shape: [4, 6], strides: [1, 4]), dtype: .float32)
        let indices = StridedBuffer(base: memory, layout: Layout(contiguous: [1, 6]), dtype: .int64)
        let values = StridedBuffer(base: memory, layout: Layout(contiguous: [1, 6]), dtype: .float32)
        let slices = try #require(CUDABackend.argReduceSlices(input, dim: 0, values: values, indices: indices))
        #expect(slices.rows == 6 && slices.length == 4 && slices.along[0] == 1)
        // rank 1 after merging, shape [6], strides 4 (input), 1 (indices), 1 (values).
        #expect(slices.outer[0] == 1 && slices.outer[1] == 6)
        #expect(slices.outer[9] == 4 && slices.outer[17] == 1 && slices.outer[25] == 1)
    }

    /// Without values the third operand walks with the indices' strides.
    @Test func slicesWithoutValues() throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        defer { memory.deallocate() }
        let input = StridedBuffer(base: memory, layout: Layout(contiguous: [3, 5]), dtype: .int32)
        let indices = StridedBuffer(base: memory, layout: Layout(shape: [3, 1], strides: [2, 1]), dtype: .int64)
        let slices = try #require(CUDABackend.argReduceSlices(input, dim: 1, values: nil, indices: indices))
        #expect(slices.rows == 3 && slices.length == 5 && slices.along == [1, 1, 1])
        #expect(slices.outer[9] == 5 && slices.outer[17] == 2 && slices.outer[25] == 2)
    }

    /// Every dtype has a max and a min kernel, in its `argreduce_` module; the float comparison
    /// lets a NaN win over a number, the integer one does not test for NaN.
    @Test(arguments: DType.allCases)
    func argReduceKernels(_ dtype: DType) {
        let module = KernelSources.argReduceModule(dtype)
        #expect(module.name == "argreduce_\(dtype.kernelName)")
        #expect(module.kernels == ["ember_argreduce_max_\(dtype.kernelName)", "ember_argreduce_min_\(dtype.kernelName)"])
        #expect(KernelSources.argReduceKernel(.min, dtype) == module.kernels[1])
        #expect(module.source.contains("v != v") == dtype.isFloatingPoint)
        #expect(KernelSources.allModules.contains(module))
    }
}

@Suite struct CatHostTests {
    /// Joining [2, 1, 4], [2, 0, 4] and [2, 3, 4] along dim 1 into a contiguous [2, 4, 4] at
    /// offset 5: the slabs start at offsets 5, 9 and 9 (the empty one takes no room) and keep the
    /// output's strides [16, 4, 1].
    @Test func slabsAlongMiddleDim() {
        let output = Layout(shape: [2, 4, 4], strides: [16, 4, 1], offset: 5)
        let slabs = CUDABackend.catSlabs([[2, 1, 4], [2, 0, 4], [2, 3, 4]], dim: 1, output: output)
        #expect(slabs.map(\.shape) == [[2, 1, 4], [2, 0, 4], [2, 3, 4]])
        #expect(slabs.map(\.offset) == [5, 9, 9])
        #expect(slabs.allSatisfy { $0.strides == [16, 4, 1] })
    }

    /// Along dim 0 of a transposed output (strides [1, 3]) the offsets advance by 1 per row.
    @Test func slabsOfTransposedOutput() {
        let output = Layout(shape: [3, 2], strides: [1, 3])
        let slabs = CUDABackend.catSlabs([[2, 2], [1, 2]], dim: 0, output: output)
        #expect(slabs.map(\.offset) == [0, 2] && slabs.map(\.shape) == [[2, 2], [1, 2]])
    }
}
