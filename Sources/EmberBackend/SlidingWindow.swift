// MARK: - Sliding windows

/// The geometry of a sliding window over the spatial dims of an `[N, C, spatial...]` tensor: the
/// kernel behind `unfold` / `fold` (im2col / col2im), and through them convolution and pooling.
///
/// Every array has one entry per spatial dim (one to three). The window's element `k` of spatial
/// dim `d` at output position `o` reads input position `o * stride[d] - padding[d] + k *
/// dilation[d]`; a position outside `0..<inputSize[d]` reads zero.
@usableFromInline package struct SlidingWindow: Sendable, Hashable {
    package var kernel: [Int]
    package var dilation: [Int]
    package var padding: [Int]
    package var stride: [Int]
    package var inputSize: [Int]
    package var outputSize: [Int]

    /// A window whose output size is PyTorch's `(input + 2 padding - dilation (kernel - 1) - 1) /
    /// stride + 1` in every dim (callers check that it is positive).
    package init(kernel: [Int], dilation: [Int], padding: [Int], stride: [Int], inputSize: [Int]) {
        self.init(kernel: kernel, dilation: dilation, padding: padding, stride: stride, inputSize: inputSize,
                  outputSize: (0..<kernel.count).map { d in
                      let span = inputSize[d] + 2 * padding[d] - dilation[d] * (kernel[d] - 1) - 1
                      return span < 0 ? 0 : span / stride[d] + 1
                  })
    }

    /// A window with an explicit output size (a ceil-mode pooling window, a transposed
    /// convolution's input).
    package init(kernel: [Int], dilation: [Int], padding: [Int], stride: [Int], inputSize: [Int], outputSize: [Int]) {
        self.kernel = kernel
        self.dilation = dilation
        self.padding = padding
        self.stride = stride
        self.inputSize = inputSize
        self.outputSize = outputSize
    }

    /// Elements in one window.
    package var kernelCount: Int { kernel.reduce(1, *) }
    /// Window positions.
    package var outputCount: Int { outputSize.reduce(1, *) }
    /// Elements of one channel of the input.
    package var inputCount: Int { inputSize.reduce(1, *) }
}
