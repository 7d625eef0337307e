import EmberCore

// MARK: - Convolution layers

/// The padding of a convolution layer: explicit amounts, `'same'` or `'valid'`
/// (`padding=` of `nn.Conv2d`).
public typealias ConvolutionPadding = Tensor.ConvolutionPadding

/// What a convolution layer fills its padding with (`padding_mode=` of `nn.Conv2d`).
public enum ConvolutionPaddingMode: String, Sendable, Hashable {
    /// `'zeros'`, the default.
    case zeros
    /// `'reflect'`.
    case reflect
    /// `'replicate'`.
    case replicate
    /// `'circular'`.
    case circular
}

/// What the convolution layers share (PyTorch's `_ConvNd`): the sizes, the weight and bias, their
/// initialization and the repr.
open class ConvolutionLayer: Module {
    /// Channels of the input (`in_channels`).
    public let inChannels: Int
    /// Channels of the output (`out_channels`).
    public let outChannels: Int
    /// The kernel's size per spatial dim (`kernel_size`).
    public let kernelSize: [Int]
    /// The stride per spatial dim.
    public let stride: [Int]
    /// The padding per spatial dim, or `same` / `valid`.
    public let padding: ConvolutionPadding
    /// The dilation per spatial dim.
    public let dilation: [Int]
    /// Extra size added to one side of a transposed convolution's output (`output_padding`).
    public let outputPadding: [Int]
    /// The number of channel groups.
    public let groups: Int
    /// What fills the padding (`padding_mode`).
    public let paddingMode: ConvolutionPaddingMode
    /// Whether this is a transposed convolution.
    public let transposed: Bool
    /// The learnable kernel: `[outChannels, inChannels / groups, kernel...]`, or for a transposed
    /// convolution `[inChannels, outChannels / groups, kernel...]`.
    public var weight: Parameter
    /// The learnable bias, `[outChannels]`, or `nil` (`bias=False`).
    public var bias: Parameter?

    /// A layer over `spatialDims` spatial dims; see the concrete layers.
    public init(spatialDims s: Int, _ inChannels: Int, _ outChannels: Int, kernelSize: SpatialSize, stride: SpatialSize,
                padding: ConvolutionPadding, dilation: SpatialSize, groups: Int, bias: Bool,
                paddingMode: ConvolutionPaddingMode, transposed: Bool, outputPadding: SpatialSize,
                dtype: DType, device: Device) {
        // PyTorch's ValueErrors; inside `withErrorCapture` the layer is then built with one group.
        var message: String? = nil
        if groups <= 0 {
            message = "groups must be a positive integer"
        } else if inChannels % groups != 0 {
            message = "in_channels must be divisible by groups"
        } else if outChannels % groups != 0 {
            message = "out_channels must be divisible by groups"
        } else if case .same = padding, transposed {
            message = "padding='same' is not supported for transposed convolutions"
        }
        if let message { attemptVoid { throw TensorError.value(message) } }
        let groups = message == nil ? groups : 1
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize.expanded(to: s)
        self.stride = stride.expanded(to: s)
        if case .explicit(let amounts) = padding {
            self.padding = .explicit(SpatialSize(amounts).expanded(to: s))
        } else {
            self.padding = padding
        }
        self.dilation = dilation.expanded(to: s)
        self.outputPadding = outputPadding.expanded(to: s)
        self.groups = groups
        self.paddingMode = paddingMode
        self.transposed = transposed
        let shape = transposed
            ? [inChannels, outChannels / groups] + self.kernelSize : [outChannels, inChannels / groups] + self.kernelSize
        weight = Parameter(Tensor.empty(shape, dtype: dtype, device: device))
        self.bias = bias ? Parameter(Tensor.empty([outChannels], dtype: dtype, device: device)) : nil
        super.init()
        resetParameters()
    }

    /// Draws new weights and bias as PyTorch's `reset_parameters` does: `weight` by
    /// `kaiming_uniform_(a=sqrt(5))`, then `bias` uniform on `±1/sqrt(fan_in)`.
    open func resetParameters() {
        Init.resetWeightAndBias(weight, bias)
    }

    /// The explicit padding amounts (zeros for `valid`; for `same`, the smaller half).
    var paddingAmounts: [Int] {
        switch padding {
        case .explicit(let amounts): return amounts
        case .valid: return Array(repeating: 0, count: kernelSize.count)
        case .same: return (0..<kernelSize.count).map { dilation[$0] * (kernelSize[$0] - 1) / 2 }
        }
    }

    /// The input padded by `paddingMode` for a non-zeros mode (PyTorch's
    /// `_reversed_padding_repeated_twice`), or `nil` when the convolution pads with zeros itself.
    func modePadded(_ input: Tensor) -> Tensor? {
        guard paddingMode != .zeros else { return nil }
        var amounts: [Int] = []
        for d in (0..<kernelSize.count).reversed() {
            if case .same = padding {
                let total = dilation[d] * (kernelSize[d] - 1)
                amounts += [total / 2, total - total / 2]
            } else {
                amounts += [paddingAmounts[d], paddingAmounts[d]]
            }
        }
        let mode: Tensor.PaddingMode = switch paddingMode {
        case .reflect: .reflect
        case .replicate: .replicate
        default: .circular
        }
        return input.pad(amounts, mode: mode)
    }

    /// `16, 33, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)`, as `_ConvNd.extra_repr`.
    open override var extraRepr: String {
        let s = kernelSize.count
        var text = "\(inChannels), \(outChannels), kernel_size=\(pythonTuple(kernelSize)), stride=\(pythonTuple(stride))"
        switch padding {
        case .same: text += ", padding=same"
        case .valid: text += ", padding=valid"
        case .explicit(let amounts): if amounts != Array(repeating: 0, count: s) { text += ", padding=\(pythonTuple(amounts))" }
        }
        if dilation != Array(repeating: 1, count: s) { text += ", dilation=\(pythonTuple(dilation))" }
        if outputPadding != Array(repeating: 0, count: s) { text += ", output_padding=\(pythonTuple(outputPadding))" }
        if groups != 1 { text += ", groups=\(groups)" }
        if bias == nil { text += ", bias=False" }
        if paddingMode != .zeros { text += ", padding_mode=\(paddingMode.rawValue)" }
        return text
    }

    /// The convolution of `input` in this layer's dimensionality.
    func convolve(_ input: Tensor) -> Tensor {
        let b = bias.map { $0 as Tensor }
        let padded = modePadded(input)
        let x = padded ?? input
        let p: ConvolutionPadding = padded == nil ? padding : 0
        switch kernelSize.count {
        case 1: return x.conv1d(weight: weight, bias: b, stride: stride, padding: p, dilation: dilation, groups: groups)
        case 2: return x.conv2d(weight: weight, bias: b, stride: stride, padding: p, dilation: dilation, groups: groups)
        default: return x.conv3d(weight: weight, bias: b, stride: stride, padding: p, dilation: dilation, groups: groups)
        }
    }

    /// The transposed convolution of `input` in this layer's dimensionality.
    func convolveTransposed(_ input: Tensor) -> Tensor {
        let b = bias.map { $0 as Tensor }
        let p = paddingAmounts
        switch kernelSize.count {
        case 1: return input.convTranspose1d(weight: weight, bias: b, stride: stride, padding: p, outputPadding: outputPadding,
                                             groups: groups, dilation: dilation)
        case 2: return input.convTranspose2d(weight: weight, bias: b, stride: stride, padding: p, outputPadding: outputPadding,
                                             groups: groups, dilation: dilation)
        default: return input.convTranspose3d(weight: weight, bias: b, stride: stride, padding: p, outputPadding: outputPadding,
                                              groups: groups, dilation: dilation)
        }
    }

    /// The convolution (or transposed convolution) of `input`.
    open override func forward(_ input: Tensor) -> Tensor {
        transposed ? convolveTransposed(input) : convolve(input)
    }
}

/// 1-D convolution over `[N, C, L]` or `[C, L]` (PyTorch's `nn.Conv1d`).
open class Conv1d: ConvolutionLayer {
    /// `nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
    /// groups=1, bias=True, padding_mode='zeros')`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: SpatialSize, stride: SpatialSize = 1,
                padding: ConvolutionPadding = 0, dilation: SpatialSize = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: ConvolutionPaddingMode = .zeros, dtype: DType = .float32, device: Device = .cpu) {
        super.init(spatialDims: 1, inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                   dilation: dilation, groups: groups, bias: bias, paddingMode: paddingMode, transposed: false,
                   outputPadding: 0, dtype: dtype, device: device)
    }
}

/// 2-D convolution over `[N, C, H, W]` or `[C, H, W]` (PyTorch's `nn.Conv2d`): the weight is
/// `[outChannels, inChannels / groups, kh, kw]`, initialized as PyTorch's.
open class Conv2d: ConvolutionLayer {
    /// `nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
    /// groups=1, bias=True, padding_mode='zeros')`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: SpatialSize, stride: SpatialSize = 1,
                padding: ConvolutionPadding = 0, dilation: SpatialSize = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: ConvolutionPaddingMode = .zeros, dtype: DType = .float32, device: Device = .cpu) {
        super.init(spatialDims: 2, inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                   dilation: dilation, groups: groups, bias: bias, paddingMode: paddingMode, transposed: false,
                   outputPadding: 0, dtype: dtype, device: device)
    }
}

/// 3-D convolution over `[N, C, D, H, W]` or `[C, D, H, W]` (PyTorch's `nn.Conv3d`).
open class Conv3d: ConvolutionLayer {
    /// `nn.Conv3d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
    /// groups=1, bias=True, padding_mode='zeros')`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: SpatialSize, stride: SpatialSize = 1,
                padding: ConvolutionPadding = 0, dilation: SpatialSize = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: ConvolutionPaddingMode = .zeros, dtype: DType = .float32, device: Device = .cpu) {
        super.init(spatialDims: 3, inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                   dilation: dilation, groups: groups, bias: bias, paddingMode: paddingMode, transposed: false,
                   outputPadding: 0, dtype: dtype, device: device)
    }
}

/// 1-D transposed convolution (PyTorch's `nn.ConvTranspose1d`).
open class ConvTranspose1d: ConvolutionLayer {
    /// `nn.ConvTranspose1d(in_channels, out_channels, kernel_size, stride=1, padding=0,
    /// output_padding=0, groups=1, bias=True, dilation=1)`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: SpatialSize, stride: SpatialSize = 1,
                padding: SpatialSize = 0, outputPadding: SpatialSize = 0, groups: Int = 1, bias: Bool = true,
                dilation: SpatialSize = 1, dtype: DType = .float32, device: Device = .cpu) {
        super.init(spatialDims: 1, inChannels, outChannels, kernelSize: kernelSize, stride: stride,
                   padding: .explicit(padding.values), dilation: dilation, groups: groups, bias: bias, paddingMode: .zeros,
                   transposed: true, outputPadding: outputPadding, dtype: dtype, device: device)
    }
}

/// 2-D transposed convolution (PyTorch's `nn.ConvTranspose2d`): the weight is `[inChannels,
/// outChannels / groups, kh, kw]`.
open class ConvTranspose2d: ConvolutionLayer {
    /// `nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0,
    /// output_padding=0, groups=1, bias=True, dilation=1)`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: SpatialSize, stride: SpatialSize = 1,
                padding: SpatialSize = 0, outputPadding: SpatialSize = 0, groups: Int = 1, bias: Bool = true,
                dilation: SpatialSize = 1, dtype: DType = .float32, device: Device = .cpu) {
        super.init(spatialDims: 2, inChannels, outChannels, kernelSize: kernelSize, stride: stride,
                   padding: .explicit(padding.values), dilation: dilation, groups: groups, bias: bias, paddingMode: .zeros,
                   transposed: true, outputPadding: outputPadding, dtype: dtype, device: device)
    }
}
