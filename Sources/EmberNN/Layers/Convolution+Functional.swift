import EmberCore

// MARK: - Functional convolution, pooling and resampling
//
// PyTorch's `F.*` spellings. Each runs the tensor method that holds the op's one implementation.

extension Functional {
    /// `F.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`.
    public static func conv1d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1],
                              padding: Tensor.ConvolutionPadding = 0, dilation: [Int] = [1], groups: Int = 1) -> Tensor {
        input.conv1d(weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// `F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`.
    public static func conv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1],
                              padding: Tensor.ConvolutionPadding = 0, dilation: [Int] = [1], groups: Int = 1) -> Tensor {
        input.conv2d(weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// `F.conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`.
    public static func conv3d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1],
                              padding: Tensor.ConvolutionPadding = 0, dilation: [Int] = [1], groups: Int = 1) -> Tensor {
        input.conv3d(weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// `F.conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1)`.
    public static func convTranspose1d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1],
                                       padding: [Int] = [0], outputPadding: [Int] = [0], groups: Int = 1,
                                       dilation: [Int] = [1]) -> Tensor {
        input.convTranspose1d(weight: weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding,
                              groups: groups, dilation: dilation)
    }

    /// `F.conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1)`.
    public static func convTranspose2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1],
                                       padding: [Int] = [0], outputPadding: [Int] = [0], groups: Int = 1,
                                       dilation: [Int] = [1]) -> Tensor {
        input.convTranspose2d(weight: weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding,
                              groups: groups, dilation: dilation)
    }

    /// `F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`.
    public static func maxPool2d(_ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0],
                                 dilation: [Int] = [1], ceilMode: Bool = false) -> Tensor {
        input.maxPool2d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }

    /// `F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`.
    public static func avgPool2d(_ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0],
                                 ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil) -> Tensor {
        input.avgPool2d(kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }

    /// `F.adaptive_avg_pool2d(input, output_size)`.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: [Int]) -> Tensor {
        input.adaptiveAvgPool2d(outputSize: outputSize)
    }

    /// `F.pad(input, pad, mode='constant', value=0)`.
    public static func pad(_ input: Tensor, _ padding: [Int], mode: Tensor.PaddingMode = .constant, value: Double = 0) -> Tensor {
        input.pad(padding, mode: mode, value: value)
    }

    /// `F.interpolate(input, size=None, scale_factor=None, mode='nearest', align_corners=None)`.
    public static func interpolate(_ input: Tensor, size: [Int]? = nil, scaleFactor: [Double]? = nil,
                                   mode: Tensor.InterpolationMode = .nearest, alignCorners: Bool? = nil) -> Tensor {
        input.interpolate(size: size, scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners)
    }

    /// `F.pixel_shuffle(input, upscale_factor)`.
    public static func pixelShuffle(_ input: Tensor, upscaleFactor: Int) -> Tensor {
        input.pixelShuffle(upscaleFactor: upscaleFactor)
    }

    /// `F.pixel_unshuffle(input, downscale_factor)`.
    public static func pixelUnshuffle(_ input: Tensor, downscaleFactor: Int) -> Tensor {
        input.pixelUnshuffle(downscaleFactor: downscaleFactor)
    }
}
