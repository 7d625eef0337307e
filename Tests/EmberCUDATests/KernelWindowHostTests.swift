// KernelWindowHostTests.swift
//
// The host side of the sliding-window (unfold, fold, max pooling) kernels that runs without a
// GPU: the `EmberWindow` words and the entry points each dtype has.

import Testing
@testable import EmberCUDA
import EmberBackend

@Suite struct KernelWindowHostTests {
    /// A 2-D window is padded to three dims with a leading kernel, dilation, stride and size of
    /// 1 and a padding of 0, in the order of the C struct: kernel, dilation, padding, stride,
    /// input, output. The output size is PyTorch's `(5 + 2 * 1 - 2 * (3 - 1) - 1) / 2 + 1 = 2`
    /// and `(7 + 0 - 1 * (2 - 1) - 1) / 1 + 1 = 6`.
    @Test func twoDimWindow() {
        let window = SlidingWindow(kernel: [3, 2], dilation: [2, 1], padding: [1, 0], stride: [2, 1], inputSize: [5, 7])
        let expected: [Int64] = [1, 3, 2, 1, 2, 1, 0, 1, 0, 1, 2, 1, 1, 5, 7, 1, 2, 6]
        #expect(KernelWindow.words(window) == expected.map { UInt64(bitPattern: $0) })
    }

    /// One and three spatial dims: 1-D gets two leading ones, 3-D is as given (18 words each).
    @Test func oneAndThreeDimWindows() {
        let line = SlidingWindow(kernel: [4], dilation: [1], padding: [2], stride: [3], inputSize: [10])
        // (10 + 4 - 3 - 1) / 3 + 1 = 4
        let lineWords: [Int64] = [1, 1, 4, 1, 1, 1, 0, 0, 2, 1, 1, 3, 1, 1, 10, 1, 1, 4]
        #expect(KernelWindow.words(line) == lineWords.map { UInt64(bitPattern: $0) })
        let cube = SlidingWindow(kernel: [1, 2, 3], dilation: [1, 1, 1], padding: [0, 1, 0], stride: [1, 1, 2],
                                 inputSize: [2, 3, 9], outputSize: [2, 4, 4])
        let cubeWords: [Int64] = [1, 2, 3, 1, 1, 1, 0, 1, 0, 1, 1, 2, 2, 3, 9, 2, 4, 4]
        #expect(KernelWindow.words(cube) == cubeWords.map { UInt64(bitPattern: $0) })
    }

    /// Unfold exists for every dtype; fold and max pooling for floating dtypes only, in the same
    /// module.
    @Test(arguments: DType.allCases)
    func windowKernels(_ dtype: DType) {
        let module = KernelSources.windowModule(dtype)
        #expect(module.name == "window_\(dtype.kernelName)")
        #expect(KernelSources.unfoldKernel(dtype) == "ember_window_unfold_\(dtype.kernelName)")
        #expect(module.kernels.contains(KernelSources.unfoldKernel(dtype)))
        if dtype.isFloatingPoint {
            #expect(KernelSources.foldKernel(dtype) == "ember_window_fold_\(dtype.kernelName)")
            #expect(KernelSources.maxPoolKernel(dtype) == "ember_window_max_pool_\(dtype.kernelName)")
            #expect(module.kernels.count == 3)
        } else {
            #expect(KernelSources.foldKernel(dtype) == nil && KernelSources.maxPoolKernel(dtype) == nil)
            #expect(module.kernels.count == 1)
        }
        #expect(KernelSources.allModules.contains(module))
    }
}
