// ConvolutionTests.swift
//
// Convolution, pooling, padding and resampling against PyTorch: outputs and every input's gradient
// for the cases of Scripts/convolution-reference.py (ConvolutionReference.swift), float64
// gradchecks (second order for the ops built on unfold and fold), node names, and PyTorch's errors.

import EmberCore
import EmberTestSupport
import Testing

/// One case of the reference script: its input shapes and Ember's spelling of the op.
struct ConvolutionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let shapes: [[Int]]
    let op: @Sendable ([Tensor]) -> Tensor
    init(_ name: String, _ shapes: [[Int]], _ op: @escaping @Sendable ([Tensor]) -> Tensor) {
        self.name = name
        self.shapes = shapes
        self.op = op
    }
    var testDescription: String { name }
}

let convolutionCases: [ConvolutionCase] = [
    .init("conv1d_basic", [[2, 3, 7], [4, 3, 3], [4]]) { $0[0].conv1d(weight: $0[1], bias: $0[2]) },
    .init("conv1d_stride_pad_dilation", [[2, 3, 9], [4, 3, 3]]) { $0[0].conv1d(weight: $0[1], stride: [2], padding: 2, dilation: [2]) },
    .init("conv1d_groups_same", [[1, 4, 6], [6, 2, 4], [6]]) { $0[0].conv1d(weight: $0[1], bias: $0[2], padding: .same, groups: 2) },
    .init("conv1d_unbatched_valid", [[3, 5], [2, 3, 2]]) { $0[0].conv1d(weight: $0[1], padding: .valid) },
    .init("conv2d_basic", [[2, 3, 5, 6], [4, 3, 3, 3], [4]]) { $0[0].conv2d(weight: $0[1], bias: $0[2], padding: 1) },
    .init("conv2d_stride_asymmetric", [[1, 2, 7, 6], [3, 2, 3, 2]]) { $0[0].conv2d(weight: $0[1], stride: [2, 1], padding: [1, 0]) },
    .init("conv2d_dilation", [[1, 2, 7, 7], [2, 2, 3, 3], [2]]) { $0[0].conv2d(weight: $0[1], bias: $0[2], padding: 1, dilation: [2]) },
    .init("conv2d_groups", [[2, 4, 5, 5], [6, 2, 3, 3], [6]]) { $0[0].conv2d(weight: $0[1], bias: $0[2], stride: [2], groups: 2) },
    .init("conv2d_depthwise", [[1, 3, 4, 4], [3, 1, 3, 3]]) { $0[0].conv2d(weight: $0[1], padding: 1, groups: 3) },
    .init("conv2d_same_even", [[1, 2, 5, 4], [2, 2, 2, 4]]) { $0[0].conv2d(weight: $0[1], padding: .same) },
    .init("conv2d_unbatched", [[2, 4, 4], [3, 2, 2, 2], [3]]) { $0[0].conv2d(weight: $0[1], bias: $0[2]) },
    .init("conv3d_basic", [[1, 2, 4, 4, 3], [3, 2, 2, 3, 2], [3]]) {
        $0[0].conv3d(weight: $0[1], bias: $0[2], stride: [1, 2, 1], padding: [1, 0, 1])
    },
    .init("conv_transpose1d", [[2, 3, 5], [3, 2, 3], [2]]) {
        $0[0].convTranspose1d(weight: $0[1], bias: $0[2], stride: [2], padding: [1], outputPadding: [1])
    },
    .init("conv_transpose2d_basic", [[1, 3, 3, 4], [3, 2, 3, 3], [2]]) { $0[0].convTranspose2d(weight: $0[1], bias: $0[2]) },
    .init("conv_transpose2d_stride_groups", [[2, 4, 3, 3], [4, 1, 2, 3], [2]]) {
        $0[0].convTranspose2d(weight: $0[1], bias: $0[2], stride: [2, 1], padding: [0, 1], outputPadding: [1, 0], groups: 2)
    },
    .init("conv_transpose2d_dilation", [[1, 2, 3, 3], [2, 2, 2, 2]]) {
        $0[0].convTranspose2d(weight: $0[1], padding: [1], dilation: [2])
    },
    .init("max_pool2d_basic", [[2, 2, 4, 6]]) { $0[0].maxPool2d(kernelSize: [2]) },
    .init("max_pool2d_stride_pad", [[1, 2, 5, 5]]) { $0[0].maxPool2d(kernelSize: [3], stride: [2], padding: [1]) },
    .init("max_pool2d_dilation_ceil", [[1, 1, 7, 6]]) { $0[0].maxPool2d(kernelSize: [2], stride: [2], dilation: [2], ceilMode: true) },
    .init("max_pool2d_ceil", [[1, 2, 5, 5]]) { $0[0].maxPool2d(kernelSize: [2], ceilMode: true) },
    .init("max_pool2d_indices", [[1, 2, 5, 5]]) { $0[0].maxPool2dWithIndices(kernelSize: [3], stride: [2], padding: [1]).indices },
    .init("max_pool1d_basic", [[2, 3, 7]]) { $0[0].maxPool1d(kernelSize: 3, stride: 2, padding: 1) },
    .init("avg_pool2d_basic", [[2, 2, 4, 6]]) { $0[0].avgPool2d(kernelSize: [2]) },
    .init("avg_pool2d_pad_exclude", [[1, 2, 5, 5]]) {
        $0[0].avgPool2d(kernelSize: [3], stride: [2], padding: [1], countIncludePad: false)
    },
    .init("avg_pool2d_pad_include_ceil", [[1, 1, 5, 6]]) { $0[0].avgPool2d(kernelSize: [2], stride: [2], padding: [1], ceilMode: true) },
    .init("avg_pool2d_divisor", [[1, 1, 4, 4]]) { $0[0].avgPool2d(kernelSize: [2], divisorOverride: 3) },
    .init("avg_pool1d_basic", [[2, 2, 7]]) {
        $0[0].avgPool1d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)
    },
    .init("adaptive_avg_pool2d", [[2, 2, 5, 7]]) { $0[0].adaptiveAvgPool2d(outputSize: [2, 3]) },
    .init("adaptive_avg_pool2d_global", [[2, 3, 4, 4]]) { $0[0].adaptiveAvgPool2d(outputSize: [1]) },
    .init("adaptive_avg_pool1d", [[1, 2, 7]]) { $0[0].adaptiveAvgPool1d(outputSize: 3) },
    .init("adaptive_max_pool2d", [[1, 2, 5, 7]]) { $0[0].adaptiveMaxPool2d(outputSize: [2, 3]) },
    .init("adaptive_max_pool2d_indices", [[1, 2, 5, 7]]) { $0[0].adaptiveMaxPool2dWithIndices(outputSize: [2, 3]).indices },
    .init("pad_constant", [[2, 3, 4]]) { $0[0].pad([1, 2, 0, 1], value: 1.5) },
    .init("pad_constant_negative", [[2, 3, 4]]) { $0[0].pad([-1, 2, 1, -1]) },
    .init("pad_reflect2d", [[1, 2, 3, 4]]) { $0[0].pad([2, 1, 1, 2], mode: .reflect) },
    .init("pad_replicate1d", [[2, 2, 3]]) { $0[0].pad([3, 1], mode: .replicate) },
    .init("pad_circular2d", [[1, 1, 3, 4]]) { $0[0].pad([1, 2, 2, 1], mode: .circular) },
    .init("interpolate_nearest_scale", [[1, 2, 3, 2]]) { $0[0].interpolate(scaleFactor: [2]) },
    .init("interpolate_nearest_size", [[1, 1, 5, 3]]) { $0[0].interpolate(size: [3, 7]) },
    .init("interpolate_nearest1d", [[1, 2, 4]]) { $0[0].interpolate(scaleFactor: [1.5]) },
    .init("interpolate_bilinear", [[1, 2, 3, 4]]) { $0[0].interpolate(size: [5, 7], mode: .bilinear) },
    .init("interpolate_bilinear_align", [[1, 1, 3, 4]]) { $0[0].interpolate(scaleFactor: [2], mode: .bilinear, alignCorners: true) },
    .init("interpolate_linear", [[1, 2, 4]]) { $0[0].interpolate(size: [7], mode: .linear) },
    .init("pixel_shuffle", [[1, 8, 2, 3]]) { $0[0].pixelShuffle(upscaleFactor: 2) },
    .init("pixel_unshuffle", [[1, 2, 4, 6]]) { $0[0].pixelUnshuffle(downscaleFactor: 2) },
    .init("unfold", [[2, 2, 4, 5]]) { $0[0].unfold(kernelSize: [2, 3], dilation: [1, 1], padding: [1], stride: [2, 1]) },
    .init("fold", [[1, 8, 6]]) { $0[0].fold(outputSize: [3, 4], kernelSize: [2], stride: [1]) },
    .init("conv2d_same_dilated", [[2, 2, 5, 4], [3, 2, 3, 3], [3]]) {
        $0[0].conv2d(weight: $0[1], bias: $0[2], padding: .same, dilation: [2])
    },
    .init("unfold_same_wide_kernel", [[1, 2, 3, 2]]) { $0[0].unfold(kernelSize: [3, 5], padding: [1, 2]) },
    .init("fold_same_wide_kernel", [[1, 30, 6]]) { $0[0].fold(outputSize: [3, 2], kernelSize: [3, 5], padding: [1, 2]) },
    .init("conv2d_wide_same", [[1, 2, 3, 18], [2, 2, 3, 3], [2]]) { $0[0].conv2d(weight: $0[1], bias: $0[2], padding: 1) },
    .init("conv1d_wide_strided", [[1, 2, 40], [2, 2, 3]]) { $0[0].conv1d(weight: $0[1], stride: [2], padding: 1) },
    .init("fold_wide_same", [[1, 12, 80]]) { $0[0].fold(outputSize: [3, 20], kernelSize: [2, 3], padding: [1]) },
]

@Suite("Convolution, pooling and resampling against PyTorch")
struct ConvolutionTests {
    @Test("outputs and gradients", arguments: convolutionCases)
    func againstPyTorch(_ c: ConvolutionCase) throws {
        let inputs = c.shapes.enumerated().map { seq($0.element, $0.offset + 1).requiresGrad_() }
        let out = c.op(inputs)
        let expected = try #require(convolutionReference["\(c.name).out"])
        // Sums of products of halves are exact in any order; divisions and interpolation weights
        // round, so compare to a float32 tolerance.
        expectClose(out, shape: expected.shape, expected.values, tolerance: 2e-6)
        guard out.dtype.isFloatingPoint else { return }
        try (out * seq(out.shape, 9)).sum().backward()
        for (i, x) in inputs.enumerated() {
            let g = try #require(convolutionReference["\(c.name).g\(i)"])
            expectClose(x.grad, shape: g.shape, g.values, tolerance: 2e-6)
        }
    }

    @Test("node names")
    func nodeNames() {
        let x = seq([1, 2, 4, 4], 1).requiresGrad_(), w = seq([3, 2, 3, 3], 2).requiresGrad_()
        #expect(x.conv2d(weight: w).gradFn?.name == "ConvolutionBackward0")
        #expect(x.convTranspose2d(weight: seq([2, 3, 3, 3], 2)).gradFn?.name == "ConvolutionBackward0")
        #expect(x.maxPool2d(kernelSize: [2]).gradFn?.name == "MaxPool2DWithIndicesBackward0")
        #expect(x.avgPool2d(kernelSize: [2]).gradFn?.name == "AvgPool2DBackward0")
        #expect(x.adaptiveAvgPool2d(outputSize: [2]).gradFn?.name == "AdaptiveAvgPool2DBackward0")
        #expect(x.adaptiveMaxPool2d(outputSize: [2]).gradFn?.name == "AdaptiveMaxPool2DBackward0")
        #expect(x.pad([1, 1]).gradFn?.name == "ConstantPadNdBackward0")
        #expect(x.pad([1, 1, 1, 1], mode: .reflect).gradFn?.name == "ReflectionPad2DBackward0")
        #expect(x[0].pad([1, 1], mode: .replicate).gradFn?.name == "ReplicationPad1DBackward0")
        #expect(x.interpolate(scaleFactor: [2]).gradFn?.name == "UpsampleNearest2DBackward0")
        #expect(x.interpolate(scaleFactor: [2], mode: .bilinear).gradFn?.name == "UpsampleBilinear2DBackward0")
        #expect(x.unfold(kernelSize: [2]).gradFn?.name == "Im2ColBackward0")
        #expect(x.unfold(kernelSize: [2]).fold(outputSize: [4, 4], kernelSize: [2]).gradFn?.name == "Col2ImBackward0")
        #expect(x[0].maxPool1d(kernelSize: 2).gradFn?.name == "SqueezeBackward1")
    }

    @Test("float64 gradcheck, second order through unfold and fold")
    func gradcheckFloat64() {
        expectGradients("conv2d", shapes: [[2, 4, 5, 4], [4, 2, 3, 2], [4]], secondOrder: true, node: "ConvolutionBackward0") {
            $0[0].conv2d(weight: $0[1], bias: $0[2], stride: [2, 1], padding: [1], dilation: [1, 2], groups: 2)
        }
        expectGradients("conv1d same", shapes: [[1, 2, 6], [3, 2, 4]], secondOrder: true) {
            $0[0].conv1d(weight: $0[1], padding: .same)
        }
        expectGradients("conv3d", shapes: [[1, 2, 3, 3, 3], [2, 2, 2, 2, 2], [2]]) {
            $0[0].conv3d(weight: $0[1], bias: $0[2], padding: 1)
        }
        expectGradients("conv_transpose2d", shapes: [[1, 4, 3, 3], [4, 1, 3, 2], [2]], secondOrder: true) {
            $0[0].convTranspose2d(weight: $0[1], bias: $0[2], stride: [2], padding: [1], outputPadding: [1, 0], groups: 2)
        }
        expectGradients("max_pool2d", shapes: [[1, 2, 5, 5]], secondOrder: true) {
            $0[0].maxPool2d(kernelSize: [3], stride: [2], padding: [1])
        }
        expectGradients("avg_pool2d", shapes: [[1, 2, 5, 5]], secondOrder: true) {
            $0[0].avgPool2d(kernelSize: [3], stride: [2], padding: [1], ceilMode: true, countIncludePad: false)
        }
        expectGradients("adaptive_avg_pool2d", shapes: [[1, 2, 5, 7]], secondOrder: true) { $0[0].adaptiveAvgPool2d(outputSize: [3, 4]) }
        expectGradients("adaptive_max_pool2d", shapes: [[1, 2, 5, 7]]) { $0[0].adaptiveMaxPool2d(outputSize: [3, 4]) }
        expectGradients("pad reflect", shapes: [[1, 2, 3, 4]], secondOrder: true) { $0[0].pad([2, 1, 1, 2], mode: .reflect) }
        expectGradients("pad circular", shapes: [[1, 2, 3, 4]]) { $0[0].pad([1, 2, 2, 1], mode: .circular) }
        expectGradients("pad constant", shapes: [[2, 3, 4]], secondOrder: true) { $0[0].pad([-1, 2, 1, -1], value: 0.5) }
        expectGradients("bilinear", shapes: [[1, 2, 3, 4]], secondOrder: true) {
            $0[0].interpolate(size: [5, 7], mode: .bilinear, alignCorners: true)
        }
        expectGradients("nearest", shapes: [[1, 2, 3, 4]]) { $0[0].interpolate(size: [5, 7]) }
        expectGradients("fold", shapes: [[1, 8, 6]], secondOrder: true) { $0[0].fold(outputSize: [3, 4], kernelSize: [2]) }
        expectGradients("pixel_shuffle", shapes: [[1, 8, 2, 3]]) { $0[0].pixelShuffle(upscaleFactor: 2) }
    }

    @Test("edge cases: NaN and infinity stay in their windows, empty batches")
    func edgeCases() {
        let x = Tensor(shape: [1, 1, 2, 4], data: [1, .nan, 3, 4, 5, 6, .infinity, 8] as [Double], dtype: .float32)
        expectClose(x.maxPool2d(kernelSize: [2]), shape: [1, 1, 1, 2], [.nan, .infinity])
        expectClose(x.avgPool2d(kernelSize: [2]), shape: [1, 1, 1, 2], [.nan, .infinity])
        expectClose(x.adaptiveAvgPool2d(outputSize: [1, 2]), shape: [1, 1, 1, 2], [.nan, .infinity])
        // PyTorch: F.interpolate(x, size=(3, 8), mode='bilinear'); a tap of weight 0 on an
        // infinity gives NaN there too.
        expectClose(x.interpolate(size: [3, 8], mode: .bilinear), shape: [1, 1, 3, 8],
                    [.nan, .nan, .nan, .nan, .nan, .nan, .nan, 4, .nan, .nan, .nan, .nan, .nan, .infinity, .infinity, 6,
                     5, 5.25, 5.75, .infinity, .infinity, .infinity, .infinity, 8])
        // A window of -inf inside the padding: PyTorch's index is the window's first element
        // inside the input (F.max_pool2d(torch.full((1, 1, 3, 3), -inf), 2, 2, 1, return_indices=True)).
        let (values, indices) = Tensor.full([1, 1, 3, 3], .float(-.infinity)).maxPool2dWithIndices(kernelSize: [2], stride: [2], padding: [1])
        expectClose(values, shape: [1, 1, 2, 2], [-.infinity, -.infinity, -.infinity, -.infinity])
        expectInts(indices, shape: [1, 1, 2, 2], [0, 1, 3, 4])
        // Two NaNs in one window: PyTorch's kernel keeps the last (F.max_pool2d(torch.tensor(
        // [[[[nan, 1.], [nan, 2.]]]]), 2, return_indices=True) gives index 2), in float32 and
        // float64, and through a non-contiguous input.
        for dtype in [DType.float32, .float64] {
            let nans = Tensor(shape: [1, 1, 2, 2], data: [.nan, 1, .nan, 2] as [Double], dtype: dtype)
            let (v, i) = nans.maxPool2dWithIndices(kernelSize: [2])
            expectClose(v, shape: [1, 1, 1, 1], [.nan])
            expectInts(i, shape: [1, 1, 1, 1], [2])
            let (vt, it) = nans.transpose(2, 3).maxPool2dWithIndices(kernelSize: [2])
            expectClose(vt, shape: [1, 1, 1, 1], [.nan])
            expectInts(it, shape: [1, 1, 1, 1], [1])
        }
        // The vectorized 2 x 2 pools (two output rows of 2, one row of 4) keep the same rule:
        // F.max_pool2d(a, 2, return_indices=True) for these two inputs.
        let nan = Double.nan, inf = Double.infinity
        let twoRows = Tensor(shape: [1, 1, 4, 4], data: [1, nan, 3, 3, 2, nan, 3, 3, -inf, -inf, 5, 4, -inf, -inf, 4, 5],
                             dtype: .float32).maxPool2dWithIndices(kernelSize: [2])
        expectClose(twoRows.values, shape: [1, 1, 2, 2], [nan, 3, -inf, 5])
        expectInts(twoRows.indices, shape: [1, 1, 2, 2], [5, 2, 8, 10])
        let oneRow = Tensor(shape: [1, 1, 2, 8], data: [0, -0.0, 7, 1, nan, 2, -1, -2, 1, 1, 7, 8, 3, nan, -3, -1],
                            dtype: .float32).maxPool2dWithIndices(kernelSize: [2])
        expectClose(oneRow.values, shape: [1, 1, 1, 4], [1, 8, nan, -1])
        expectInts(oneRow.indices, shape: [1, 1, 1, 4], [8, 11, 13, 6])
        let empty = Tensor.zeros([0, 2, 5, 5])
        #expect(empty.conv2d(weight: Tensor.ones([3, 2, 3, 3])).shape == [0, 3, 3, 3])
        #expect(empty.maxPool2d(kernelSize: [2]).shape == [0, 2, 2, 2])
        #expect(empty.avgPool2d(kernelSize: [2]).shape == [0, 2, 2, 2])
    }

    @Test("PyTorch's errors, captured", arguments: ConvolutionErrorCases.all)
    func errorsCaptured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test("PyTorch's errors stop the process outside a capture scope", arguments: ConvolutionErrorCases.all.prefix(3))
    func errorsStop(_ c: OpErrorCase) async { await expectStops(c, in: ConvolutionErrorCases.self) }
}

enum ConvolutionErrorCases: OpErrorTable {
    static let all: [OpErrorCase] = [
        OpErrorCase("channels", "Given groups=1, weight of size [4, 3, 3, 3], expected input[1, 2, 3, 3] to have 3 channels, but got 2 channels instead") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 3, 3, 3])) },
        OpErrorCase("input rank", "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 3]") { _ = Tensor.zeros([3, 3]).conv2d(weight: Tensor.zeros([4, 2, 3, 3])) },
        OpErrorCase("kernel too large", "Calculated padded input size per channel: (3 x 3). Kernel size: (5 x 5). Kernel size can't be greater than actual input size") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 2, 5, 5])) },
        OpErrorCase("groups", "Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size [[3, 1, 3, 3]] instead") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([3, 1, 3, 3]), groups: 2) },
        OpErrorCase("bias", "Given weight of size [4, 2, 3, 3], expected bias to be 1-dimensional with 4 elements, but got bias of size [3] instead") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 2, 3, 3]), bias: Tensor.zeros([3])) },
        OpErrorCase("stride", "non-positive stride is not supported") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 2, 3, 3]), stride: [0]) },
        OpErrorCase("padding", "negative padding is not supported") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 2, 3, 3]), padding: -1) },
        OpErrorCase("same strided", "padding='same' is not supported for strided convolutions") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 2, 3, 3]), stride: [2], padding: .same) },
        OpErrorCase("groups zero", "non-positive groups is not supported") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 2, 3, 3]), groups: 0) },
        OpErrorCase("dtype", "expected scalar type Float but found Double") { _ = Tensor.zeros([1, 2, 3, 3]).conv2d(weight: Tensor.zeros([4, 2, 3, 3], dtype: .float64)) },
        OpErrorCase("pool too small", "Given input size: (2x3x3). Calculated output size: (2x0x0). Output size is too small") { _ = Tensor.zeros([1, 2, 3, 3]).maxPool2d(kernelSize: [4]) },
        // F.avg_pool2d(x, 2, stride=(-1, 1)), F.max_pool2d(x, 2, stride=1, dilation=(0, 1)),
        // F.max_pool2d(x, (0, -1), stride=0), F.max_pool2d(x, (-1, 2), stride=1) on a [1, 1, 5, 5] x.
        OpErrorCase("pool stride", "stride should be greater than zero, but got dH: -1 dW: 1") { _ = Tensor.zeros([1, 1, 5, 5]).avgPool2d(kernelSize: [2], stride: [-1, 1]) },
        OpErrorCase("pool dilation", "dilation should be greater than zero, but got dilationH: 0 dilationW: 1") { _ = Tensor.zeros([1, 1, 5, 5]).maxPool2d(kernelSize: [2], stride: [1], dilation: [0, 1]) },
        OpErrorCase("pool zero stride", "stride should not be zero") { _ = Tensor.zeros([1, 1, 5, 5]).maxPool2d(kernelSize: [0, -1], stride: [0]) },
        OpErrorCase("pool kernel", "kernel size should be greater than zero, but got kH: -1 kW: 2") { _ = Tensor.zeros([1, 1, 5, 5]).maxPool2d(kernelSize: [-1, 2], stride: [1]) },
        OpErrorCase("pool pad", "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1") { _ = Tensor.zeros([1, 2, 3, 3]).maxPool2d(kernelSize: [2], padding: [2]) },
        OpErrorCase("pool rank", "non-empty 3D or 4D (batch mode) tensor expected for input") { _ = Tensor.zeros([3, 3]).maxPool2d(kernelSize: [2]) },
        OpErrorCase("adaptive rank", "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [3, 3]") { _ = Tensor.zeros([3, 3]).adaptiveAvgPool2d(outputSize: [2]) },
        OpErrorCase("pad odd", "Padding length must be divisible by 2") { _ = Tensor.zeros([1, 2, 3, 3]).pad([1, 1, 1]) },
        OpErrorCase("pad too long", "Padding length should be less than or equal to two times the input dimension but got padding length 10 and input of dimension 4") { _ = Tensor.zeros([1, 2, 3, 3]).pad([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]) },
        OpErrorCase("replicate empty", "Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [1, 0, 3]") { _ = Tensor.zeros([1, 0, 3]).pad([1, 1], mode: .replicate) },
    ]
}
