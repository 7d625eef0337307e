import EmberCore

// MARK: - Pooling layers

/// Max pooling over `[N, C, L]` or `[C, L]` (PyTorch's `nn.MaxPool1d`).
open class MaxPool1d: Module {
    /// The window size.
    public let kernelSize: Int
    /// The step between windows (the kernel size unless given).
    public let stride: Int
    /// Implicit -inf padding on both sides.
    public let padding: Int
    /// The spacing of a window's elements.
    public let dilation: Int
    /// Whether the flat indices of the maxima are wanted (`forwardWithIndices(_:)`).
    public let returnIndices: Bool
    /// Whether the output size rounds up (`ceil_mode`).
    public let ceilMode: Bool

    /// `nn.MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
    public init(_ kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, returnIndices: Bool = false,
                ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }

    /// The pooled input.
    open override func forward(_ input: Tensor) -> Tensor {
        input.maxPool1d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }

    /// The pooled input and the flat index of each maximum (the tuple PyTorch's layer returns
    /// with `return_indices=True`).
    open func forwardWithIndices(_ input: Tensor) -> (values: Tensor, indices: Tensor) {
        input.maxPool1dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                                   ceilMode: ceilMode)
    }

    /// `kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False`.
    open override var extraRepr: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), ceil_mode=\(ceilMode ? "True" : "False")"
    }
}

/// Max pooling over `[N, C, H, W]` or `[C, H, W]` (PyTorch's `nn.MaxPool2d`).
open class MaxPool2d: Module {
    /// The window size.
    public let kernelSize: SpatialSize
    /// The step between windows (the kernel size unless given).
    public let stride: SpatialSize
    /// Implicit -inf padding on both sides.
    public let padding: SpatialSize
    /// The spacing of a window's elements.
    public let dilation: SpatialSize
    /// Whether the flat indices of the maxima are wanted (`forwardWithIndices(_:)`).
    public let returnIndices: Bool
    /// Whether the output size rounds up (`ceil_mode`).
    public let ceilMode: Bool

    /// `nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
    public init(_ kernelSize: SpatialSize, stride: SpatialSize? = nil, padding: SpatialSize = 0, dilation: SpatialSize = 1,
                returnIndices: Bool = false, ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }

    /// The pooled input.
    open override func forward(_ input: Tensor) -> Tensor {
        forwardWithIndices(input).values
    }

    /// The pooled input and the flat index of each maximum.
    open func forwardWithIndices(_ input: Tensor) -> (values: Tensor, indices: Tensor) {
        input.maxPool2dWithIndices(kernelSize: kernelSize.values, stride: stride.values, padding: padding.values,
                                   dilation: dilation.values, ceilMode: ceilMode)
    }

    /// `kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False`.
    open override var extraRepr: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), ceil_mode=\(ceilMode ? "True" : "False")"
    }
}

/// Average pooling over `[N, C, L]` or `[C, L]` (PyTorch's `nn.AvgPool1d`).
open class AvgPool1d: Module {
    /// The window size.
    public let kernelSize: Int
    /// The step between windows (the kernel size unless given).
    public let stride: Int
    /// Implicit zero padding on both sides.
    public let padding: Int
    /// Whether the output size rounds up (`ceil_mode`).
    public let ceilMode: Bool
    /// Whether the padding counts in the divisor (`count_include_pad`).
    public let countIncludePad: Bool

    /// `nn.AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)`.
    public init(_ kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false, countIncludePad: Bool = true) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        super.init()
    }

    /// The pooled input.
    open override func forward(_ input: Tensor) -> Tensor {
        input.avgPool1d(kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                        countIncludePad: countIncludePad)
    }

    /// `kernel_size=(2,), stride=(2,), padding=(0,)`, as PyTorch prints it.
    open override var extraRepr: String {
        "kernel_size=\(pythonTuple([kernelSize])), stride=\(pythonTuple([stride])), padding=\(pythonTuple([padding]))"
    }
}

/// Average pooling over `[N, C, H, W]` or `[C, H, W]` (PyTorch's `nn.AvgPool2d`).
open class AvgPool2d: Module {
    /// The window size.
    public let kernelSize: SpatialSize
    /// The step between windows (the kernel size unless given).
    public let stride: SpatialSize
    /// Implicit zero padding on both sides.
    public let padding: SpatialSize
    /// Whether the output size rounds up (`ceil_mode`).
    public let ceilMode: Bool
    /// Whether the padding counts in the divisor (`count_include_pad`).
    public let countIncludePad: Bool
    /// A fixed divisor instead of the window's size (`divisor_override`).
    public let divisorOverride: Int?

    /// `nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
    /// divisor_override=None)`.
    public init(_ kernelSize: SpatialSize, stride: SpatialSize? = nil, padding: SpatialSize = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
        super.init()
    }

    /// The pooled input.
    open override func forward(_ input: Tensor) -> Tensor {
        input.avgPool2d(kernelSize: kernelSize.values, stride: stride.values, padding: padding.values, ceilMode: ceilMode,
                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }

    /// `kernel_size=2, stride=2, padding=0`.
    open override var extraRepr: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding)"
    }
}

/// Adaptive average pooling to a fixed output length (PyTorch's `nn.AdaptiveAvgPool1d`).
open class AdaptiveAvgPool1d: Module {
    /// The output length.
    public let outputSize: Int

    /// `nn.AdaptiveAvgPool1d(output_size)`.
    public init(_ outputSize: Int) {
        self.outputSize = outputSize
        super.init()
    }

    /// The pooled input.
    open override func forward(_ input: Tensor) -> Tensor { input.adaptiveAvgPool1d(outputSize: outputSize) }

    /// `output_size=4`.
    open override var extraRepr: String { "output_size=\(outputSize)" }
}

/// Adaptive average pooling to a fixed output size (PyTorch's `nn.AdaptiveAvgPool2d`).
open class AdaptiveAvgPool2d: Module {
    /// The output size.
    public let outputSize: SpatialSize

    /// `nn.AdaptiveAvgPool2d(output_size)`.
    public init(_ outputSize: SpatialSize) {
        self.outputSize = outputSize
        super.init()
    }

    /// The pooled input.
    open override func forward(_ input: Tensor) -> Tensor { input.adaptiveAvgPool2d(outputSize: outputSize.values) }

    /// `output_size=(1, 1)`.
    open override var extraRepr: String { "output_size=\(outputSize)" }
}

/// Adaptive max pooling to a fixed output size (PyTorch's `nn.AdaptiveMaxPool2d`).
open class AdaptiveMaxPool2d: Module {
    /// The output size.
    public let outputSize: SpatialSize
    /// Whether the flat indices of the maxima are wanted (`forwardWithIndices(_:)`).
    public let returnIndices: Bool

    /// `nn.AdaptiveMaxPool2d(output_size, return_indices=False)`.
    public init(_ outputSize: SpatialSize, returnIndices: Bool = false) {
        self.outputSize = outputSize
        self.returnIndices = returnIndices
        super.init()
    }

    /// The pooled input.
    open override func forward(_ input: Tensor) -> Tensor { input.adaptiveMaxPool2d(outputSize: outputSize.values) }

    /// The pooled input and the flat index of each maximum.
    open func forwardWithIndices(_ input: Tensor) -> (values: Tensor, indices: Tensor) {
        input.adaptiveMaxPool2dWithIndices(outputSize: outputSize.values)
    }

    /// `output_size=(2, 2)`.
    open override var extraRepr: String { "output_size=\(outputSize)" }
}

// MARK: - Resampling layers

/// Resizes the spatial dims (PyTorch's `nn.Upsample`): see `Tensor.interpolate`.
open class Upsample: Module {
    /// The output size, or `nil` when a scale factor is given.
    public let size: [Int]?
    /// The scale factor, or `nil` when a size is given.
    public let scaleFactor: [Double]?
    /// The interpolation.
    public let mode: Tensor.InterpolationMode
    /// Whether the corner pixels' centres align (linear modes).
    public let alignCorners: Bool?

    /// `nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None)`.
    public init(size: [Int]? = nil, scaleFactor: [Double]? = nil, mode: Tensor.InterpolationMode = .nearest,
                alignCorners: Bool? = nil) {
        self.size = size
        self.scaleFactor = scaleFactor
        self.mode = mode
        self.alignCorners = alignCorners
        super.init()
    }

    /// The resized input.
    open override func forward(_ input: Tensor) -> Tensor {
        input.interpolate(size: size, scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners)
    }

    /// `scale_factor=2.0, mode='nearest'`.
    open override var extraRepr: String {
        var text = size.map { "size=\($0.count == 1 ? "\($0[0])" : pythonTuple($0))" }
            ?? "scale_factor=\(scaleFactor.map { $0.count == 1 ? "\($0[0])" : "(" + $0.map { "\($0)" }.joined(separator: ", ") + ")" } ?? "None")"
        text += ", mode='\(mode.rawValue)'"  // PyTorch's repr leaves align_corners out
        return text
    }
}

/// Rearranges channels into space (PyTorch's `nn.PixelShuffle`).
open class PixelShuffle: Module {
    /// The factor the height and width grow by.
    public let upscaleFactor: Int

    /// `nn.PixelShuffle(upscale_factor)`.
    public init(_ upscaleFactor: Int) {
        self.upscaleFactor = upscaleFactor
        super.init()
    }

    /// The shuffled input.
    open override func forward(_ input: Tensor) -> Tensor { input.pixelShuffle(upscaleFactor: upscaleFactor) }

    /// `upscale_factor=2`.
    open override var extraRepr: String { "upscale_factor=\(upscaleFactor)" }
}

/// Rearranges space into channels, ``PixelShuffle``'s inverse (PyTorch's `nn.PixelUnshuffle`).
open class PixelUnshuffle: Module {
    /// The factor the height and width shrink by.
    public let downscaleFactor: Int

    /// `nn.PixelUnshuffle(downscale_factor)`.
    public init(_ downscaleFactor: Int) {
        self.downscaleFactor = downscaleFactor
        super.init()
    }

    /// The unshuffled input.
    open override func forward(_ input: Tensor) -> Tensor { input.pixelUnshuffle(downscaleFactor: downscaleFactor) }

    /// `downscale_factor=2`.
    open override var extraRepr: String { "downscale_factor=\(downscaleFactor)" }
}

/// Extracts sliding local blocks (PyTorch's `nn.Unfold`): see `Tensor.unfold(kernelSize:...)`.
open class Unfold: Module {
    /// The block size.
    public let kernelSize: SpatialSize
    /// The spacing of a block's elements.
    public let dilation: SpatialSize
    /// Implicit zero padding on both sides.
    public let padding: SpatialSize
    /// The step between blocks.
    public let stride: SpatialSize

    /// `nn.Unfold(kernel_size, dilation=1, padding=0, stride=1)`.
    public init(kernelSize: SpatialSize, dilation: SpatialSize = 1, padding: SpatialSize = 0, stride: SpatialSize = 1) {
        self.kernelSize = kernelSize
        self.dilation = dilation
        self.padding = padding
        self.stride = stride
        super.init()
    }

    /// The blocks of the input as columns.
    open override func forward(_ input: Tensor) -> Tensor {
        input.unfold(kernelSize: kernelSize.values, dilation: dilation.values, padding: padding.values, stride: stride.values)
    }

    /// `kernel_size=2, dilation=1, padding=0, stride=1`.
    open override var extraRepr: String {
        "kernel_size=\(kernelSize), dilation=\(dilation), padding=\(padding), stride=\(stride)"
    }
}

/// Combines sliding local blocks into a tensor (PyTorch's `nn.Fold`): see `Tensor.fold(outputSize:...)`.
open class Fold: Module {
    /// The spatial size of the output.
    public let outputSize: SpatialSize
    /// The block size.
    public let kernelSize: SpatialSize
    /// The spacing of a block's elements.
    public let dilation: SpatialSize
    /// Implicit zero padding on both sides.
    public let padding: SpatialSize
    /// The step between blocks.
    public let stride: SpatialSize

    /// `nn.Fold(output_size, kernel_size, dilation=1, padding=0, stride=1)`.
    public init(outputSize: SpatialSize, kernelSize: SpatialSize, dilation: SpatialSize = 1, padding: SpatialSize = 0,
                stride: SpatialSize = 1) {
        self.outputSize = outputSize
        self.kernelSize = kernelSize
        self.dilation = dilation
        self.padding = padding
        self.stride = stride
        super.init()
    }

    /// The columns summed back into place.
    open override func forward(_ input: Tensor) -> Tensor {
        input.fold(outputSize: outputSize.values, kernelSize: kernelSize.values, dilation: dilation.values,
                   padding: padding.values, stride: stride.values)
    }

    /// `output_size=(4, 5), kernel_size=(2, 2), dilation=1, padding=0, stride=1`.
    open override var extraRepr: String {
        "output_size=\(outputSize), kernel_size=\(kernelSize), dilation=\(dilation), padding=\(padding), stride=\(stride)"
    }
}
