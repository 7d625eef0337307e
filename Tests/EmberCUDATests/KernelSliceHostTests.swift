// KernelSliceHostTests.swift
//
// The host side of the softmax, scan, where/lerp, optimizer, batch norm and max pool backward
// kernels that runs without a GPU: slice description, grid sizing, scalar operands, optimizer
// argument packing, batch norm and pooling geometry, and the generated modules' entry points.

import Testing
@testable import EmberCUDA
import EmberBackend

@Suite struct KernelSliceHostTests {
    /// Slices of a contiguous [2, 3, 4] along dim 1: 8 slices of 3, stride 4; the other dims
    /// [2, 4] (strides 12 and 1) do not merge.
    @Test func slicesAlongMiddleDim() throws {
        let slices = try #require(KernelSlices(shape: [2, 3, 4], dim: 1, strides: [[12, 4, 1], [12, 4, 1]]))
        #expect(slices.rows == 8 && slices.length == 3 && slices.along == [4, 4])
        #expect(slices.outer[0] == 2 && Array(slices.outer[1...2]) == [2, 4])
        #expect(Array(slices.outer[9...10]) == [12, 1] && Array(slices.outer[17...18]) == [12, 1])
        #expect(slices.blocks == 8)
    }

    /// Along the last dim of a contiguous [5, 6] the other dim is one of 5 (stride 6); a
    /// transposed input keeps its own strides.
    @Test func slicesAlongLastDim() throws {
        let slices = try #require(KernelSlices(shape: [5, 6], dim: 1, strides: [[1, 5], [6, 1]]))
        #expect(slices.rows == 5 && slices.length == 6 && slices.along == [5, 1])
        #expect(slices.outer[0] == 1 && slices.outer[1] == 5 && slices.outer[9] == 1 && slices.outer[17] == 6)
    }

    /// The grid has at least one block and at most 65,536; an empty dim gives slices of length 0.
    @Test(arguments: [(0, 1), (1, 1), (65_536, 65_536), (200_000, 65_536)])
    func sliceGrid(_ rows: Int, _ blocks: Int) throws {
        let slices = try #require(KernelSlices(shape: [rows, 0], dim: 1, strides: [[0, 1], [0, 1]]))
        #expect(slices.rows == rows && slices.length == 0 && slices.blocks == blocks)
    }

    /// Scans write the input's dtype, or int64 for integers and bools (int32 also into int32);
    /// softmax and lerp exist for floating dtypes only.
    @Test func kernelNames() {
        #expect(KernelSources.scanKernel(.sum, .float32, .float32) == "ember_scan_cumsum_float32_to_float32")
        #expect(KernelSources.scanKernel(.prod, .bool, .int64) == "ember_scan_cumprod_bool_to_int64")
        #expect(KernelSources.scanKernel(.sum, .int32, .int32) != nil)
        #expect(KernelSources.scanKernel(.sum, .float32, .int64) == nil)
        #expect(KernelSources.scanKernel(.sum, .bool, .bool) == nil)
        #expect(KernelSources.softmaxKernel(.int64, log: false) == nil)
        #expect(KernelSources.softmaxKernel(.float64, log: true) == "ember_softmax_log_float64")
        #expect(KernelSources.lerpKernel(.int32) == nil && KernelSources.lerpKernel(.float32) != nil)
    }

    /// Every entry point a module lists is defined in its source as an `extern "C"` kernel, and
    /// the source defines no other.
    @Test func modulesDefineTheirKernels() {
        for module in KernelSources.allModules {
            // The text after each `void ` up to the parameters, past a `__launch_bounds__(256) `.
            let names = module.source.split(separator: "extern \"C\" __global__ void ").dropFirst().map { definition in
                var head = definition[...]
                if head.hasPrefix("__launch_bounds__(") { head = head.drop { $0 != ")" }.dropFirst(2) }
                return String(head.prefix { $0 != "(" })
            }
            #expect(names.sorted() == module.kernels.sorted(), "\(module.name)")
        }
    }

    /// A scalar choice of `where` is stored converted to the dtype and flagged; its stride is 0
    /// and the output's address stands in for its pointer.
    @Test func scalarOperands() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        defer { memory.deallocate() }
        let output = StridedBuffer(base: memory, layout: Layout(contiguous: [2, 3]), dtype: .int32)
        let other = StridedBuffer(base: memory + 32, layout: Layout(contiguous: [2, 3]), dtype: .int32)
        let (pointers, strides, parameters) = CUDABackend.operands([.buffer(other), .scalar(.float(-2.5))],
                                                                   dtype: .int32, output: output)
        #expect(pointers == [UInt64(UInt(bitPattern: memory + 32)), UInt64(UInt(bitPattern: memory))])
        #expect(strides == [[3, 1], [0, 0]])
        #expect(parameters.i[1] == -2 && parameters.i[3] == KernelSources.rhsScalarFlag)
    }

    /// SGD's and Adam's scalars are the doubles' bits then the flags; a state count that does
    /// not match the update, another optimizer or an integer dtype has no kernel.
    @Test func optimizerArguments() throws {
        let sgd = OptimizerStep.sgd(lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0.01, nesterov: true,
                                    maximize: false, firstStep: true)
        let packed = try #require(KernelSources.optimizerArguments(sgd, .float32, stateCount: 1))
        #expect(packed.kernel == "ember_optim_sgd_float32")
        #expect(packed.scalars == [0.1, 0.9, 0, 0.01].map(\.bitPattern) + [5])
        #expect(KernelSources.optimizerArguments(sgd, .float32, stateCount: 0) == nil)
        #expect(KernelSources.optimizerArguments(sgd, .int64, stateCount: 1) == nil)
        let adam = OptimizerStep.adam(lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, decoupled: true,
                                      maximize: true, stepSize: 0.01, biasCorrection2Sqrt: 0.0447)
        let amsgrad = try #require(KernelSources.optimizerArguments(adam, .float64, stateCount: 3))
        #expect(amsgrad.kernel == "ember_optim_adam_float64")
        #expect(amsgrad.scalars == [1e-3, 0.9, 0.999, 1e-8, 0.1, 0.01, 0.0447].map(\.bitPattern) + [7])
        #expect(try #require(KernelSources.optimizerArguments(adam, .float64, stateCount: 2)).scalars.last == 3)
        #expect(KernelSources.optimizerArguments(adam, .float64, stateCount: 1) == nil)
        let adagrad = OptimizerStep.adagrad(clr: 0.1, eps: 1e-10, weightDecay: 0, maximize: false)
        #expect(KernelSources.optimizerArguments(adagrad, .float32, stateCount: 1) == nil)
    }

    /// Batch norm sees `[N, C, S]`; an integer or 1-D input has no kernel. The backward pass needs
    /// its sums for a training input gradient and for the weight's and bias's gradients only.
    @Test func batchNormHost() throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        defer { memory.deallocate() }
        func buffer(_ shape: Dims, _ dtype: DType) -> StridedBuffer {
            StridedBuffer(base: memory, layout: Layout(contiguous: shape), dtype: dtype)
        }
        let geometry = try #require(CUDABackend.batchNormGeometry(buffer([4, 3, 5, 7], .float32)))
        #expect(geometry.n == 4 && geometry.c == 3 && geometry.s == 35)
        let empty = try #require(CUDABackend.batchNormGeometry(buffer([0, 3, 2], .float64)))
        #expect(empty.n == 0 && empty.c == 3 && empty.s == 0)
        #expect(CUDABackend.batchNormGeometry(buffer([4, 3], .int64)) == nil)
        #expect(CUDABackend.batchNormGeometry(buffer([4], .float32)) == nil)
        let sums = KernelSources.batchNormNeedsSums, training = KernelSources.batchNormTraining
        #expect(KernelSources.batchNormFlags(training: true, gradInput: true, gradWeight: false, gradBias: false) == training | sums)
        #expect(KernelSources.batchNormFlags(training: false, gradInput: true, gradWeight: false, gradBias: false) == 0)
        #expect(KernelSources.batchNormFlags(training: false, gradInput: true, gradWeight: false, gradBias: true) == sums)
        #expect(KernelSources.batchNormFlags(training: true, gradInput: false, gradWeight: true, gradBias: false) == training | sums)
    }

    /// Max pooling backward works on `N * C` planes: gradients per plane from the gradient's
    /// count, output elements per plane from the output's; integer or mixed dtypes have no kernel.
    @Test func poolPlanes() throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        defer { memory.deallocate() }
        func buffer(_ shape: Dims, _ dtype: DType) -> StridedBuffer {
            StridedBuffer(base: memory, layout: Layout(contiguous: shape), dtype: dtype)
        }
        let planes = try #require(CUDABackend.poolPlanes(gradient: buffer([2, 3, 4, 4], .float32),
                                                          output: buffer([2, 3, 9, 9], .float32)))
        #expect(planes.planes == 6 && planes.outputs == 16 && planes.plane == 81)
        #expect(CUDABackend.poolPlanes(gradient: buffer([2, 3, 4], .float32), output: buffer([2, 3, 9], .float64)) == nil)
        #expect(CUDABackend.poolPlanes(gradient: buffer([2, 3, 4], .int64), output: buffer([2, 3, 9], .int64)) == nil)
        #expect(CUDABackend.poolPlanes(gradient: buffer([4], .float32), output: buffer([9], .float32)) == nil)
    }
}
