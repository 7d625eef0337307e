// DirectConvolutionTests.swift
//
// The float32 convolution that reads the windows in place (Note [Convolutions without unfolding]
// in Gemm.c), forward and input gradient, against a plain loop over the definition in `Double`.
// The inputs are halves, so every sum is exact in float32 in any order and the results must be
// equal, not close. The geometries cover the kernel's blocking (more than 256 rows of windows,
// more than 144 output channels, more than 3072 output positions), runs of positions that cross
// output rows and panels, strides, dilations, groups, padding past the kernel's reach (the input
// gradient then folds), and the two ways the work is split across threads (a batch of products,
// or one product by columns). Output rows under 16 wide unfold instead (one case checks that).

import Testing
import Ember
import EmberTestSupport

struct DirectConvolutionCase: CustomTestStringConvertible, Sendable {
    var name: String
    var batch: Int, channels: Int, outChannels: Int, groups: Int = 1
    var input: [Int], kernel: [Int]
    var stride: [Int] = [1], padding: [Int] = [0], dilation: [Int] = [1]
    var testDescription: String { name }

    var spatial: Int { input.count }
    func expanded(_ a: [Int]) -> [Int] { a.count == 1 ? Array(repeating: a[0], count: spatial) : a }
    var outputSize: [Int] {
        (0..<spatial).map { d in
            (input[d] + 2 * expanded(padding)[d] - expanded(dilation)[d] * (kernel[d] - 1) - 1) / expanded(stride)[d] + 1
        }
    }
}

let directConvolutionCases: [DirectConvolutionCase] = [
    .init(name: "3x3 same, rows of 37 across panels", batch: 3, channels: 5, outChannels: 13, input: [9, 37],
          kernel: [3, 3], padding: [1]),
    .init(name: "one image, split by columns", batch: 1, channels: 3, outChannels: 7, input: [20, 21], kernel: [3, 3],
          padding: [1]),
    .init(name: "stride, padding and dilation", batch: 2, channels: 3, outChannels: 4, input: [11, 40],
          kernel: [3, 2], stride: [2, 1], padding: [2, 1], dilation: [2, 3]),
    .init(name: "padding past the kernel's reach", batch: 2, channels: 2, outChannels: 3, input: [5, 16],
          kernel: [3, 3], padding: [3]),
    .init(name: "conv1d, padding at the reach", batch: 2, channels: 3, outChannels: 4, input: [100], kernel: [5],
          padding: [4]),
    .init(name: "conv1d, stride 3", batch: 4, channels: 2, outChannels: 5, input: [50], kernel: [4], stride: [3],
          padding: [1]),
    .init(name: "conv1d, more than 3072 positions", batch: 4, channels: 2, outChannels: 3, input: [3100], kernel: [3],
          padding: [1]),
    .init(name: "conv3d", batch: 2, channels: 2, outChannels: 3, input: [3, 4, 18], kernel: [2, 3, 3], padding: [1]),
    .init(name: "groups", batch: 3, channels: 6, outChannels: 4, groups: 2, input: [7, 19], kernel: [3, 3],
          padding: [1]),
    .init(name: "depthwise", batch: 2, channels: 4, outChannels: 8, groups: 4, input: [5, 16], kernel: [3, 3],
          padding: [1]),
    .init(name: "rows of 16, two runs a panel", batch: 5, channels: 3, outChannels: 6, input: [6, 16], kernel: [3, 3],
          padding: [1]),
    .init(name: "8x8 maps (unfolded: rows under 16)", batch: 5, channels: 3, outChannels: 6, input: [8, 8],
          kernel: [3, 3], padding: [1]),
    .init(name: "no padding, runs across panels", batch: 2, channels: 2, outChannels: 3, input: [5, 18], kernel: [3, 3]),
    .init(name: "more than 256 rows and 144 channels", batch: 1, channels: 29, outChannels: 145, input: [2, 16],
          kernel: [3, 3], padding: [1]),
]

@Suite("Convolutions without unfolding against the definition")
struct DirectConvolutionTests {
    /// Halves from -2.5 to 2.5 in a pattern that does not repeat with the dims.
    static func values(_ count: Int, salt: Int) -> [Double] {
        (0..<count).map { Double(($0 * 7 + $0 / 5 + salt * 3) % 11 - 5) / 2 }
    }

    /// The convolution and its input gradient for the output gradient `g`, by the definition:
    /// out[n, o, p] = sum over c in o's group and kernel elements k of x[n, c, p * stride - padding +
    /// k * dilation] * w[o, c, k], positions outside the input reading zero.
    static func reference(_ c: DirectConvolutionCase, x: [Double], w: [Double], g: [Double]) -> (out: [Double], gradInput: [Double]) {
        let s = c.spatial, pad3 = { (a: [Int], fill: Int) in Array(repeating: fill, count: 3 - s) + a }
        let inSize = pad3(c.input, 1), kSize = pad3(c.kernel, 1), outSize = pad3(c.outputSize, 1)
        let stride = pad3(c.expanded(c.stride), 1), padding = pad3(c.expanded(c.padding), 0)
        let dilation = pad3(c.expanded(c.dilation), 1)
        let cg = c.channels / c.groups, og = c.outChannels / c.groups
        let inPlane = inSize.reduce(1, *), kPlane = kSize.reduce(1, *), outPlane = outSize.reduce(1, *)
        var out = [Double](repeating: 0, count: c.batch * c.outChannels * outPlane)
        var gradInput = [Double](repeating: 0, count: c.batch * c.channels * inPlane)
        for n in 0..<c.batch {
            for o in 0..<c.outChannels {
                let group = o / og
                for p0 in 0..<outSize[0] { for p1 in 0..<outSize[1] { for p2 in 0..<outSize[2] {
                    let op = n * c.outChannels * outPlane + o * outPlane + (p0 * outSize[1] + p1) * outSize[2] + p2
                    for ci in 0..<cg {
                        let channel = group * cg + ci
                        for k0 in 0..<kSize[0] { for k1 in 0..<kSize[1] { for k2 in 0..<kSize[2] {
                            let i0 = p0 * stride[0] - padding[0] + k0 * dilation[0]
                            let i1 = p1 * stride[1] - padding[1] + k1 * dilation[1]
                            let i2 = p2 * stride[2] - padding[2] + k2 * dilation[2]
                            guard (0..<inSize[0]).contains(i0), (0..<inSize[1]).contains(i1),
                                  (0..<inSize[2]).contains(i2) else { continue }
                            let xi = (n * c.channels + channel) * inPlane + (i0 * inSize[1] + i1) * inSize[2] + i2
                            let wi = (o * cg + ci) * kPlane + (k0 * kSize[1] + k1) * kSize[2] + k2
                            out[op] += x[xi] * w[wi]
                            gradInput[xi] += g[op] * w[wi]
                        } } }
                    }
                } } }
            }
        }
        return (out, gradInput)
    }

    @Test("forward and input gradient", arguments: directConvolutionCases)
    func againstDefinition(_ c: DirectConvolutionCase) throws {
        let xShape = [c.batch, c.channels] + c.input
        let wShape = [c.outChannels, c.channels / c.groups] + c.kernel
        let outShape = [c.batch, c.outChannels] + c.outputSize
        let xv = Self.values(xShape.reduce(1, *), salt: 1), wv = Self.values(wShape.reduce(1, *), salt: 2)
        let gv = Self.values(outShape.reduce(1, *), salt: 3)
        let expected = Self.reference(c, x: xv, w: wv, g: gv)
        let w = Tensor(shape: wShape, data: wv, dtype: .float32)
        func convolve(_ x: Tensor) -> Tensor {
            switch c.spatial {
            case 1: x.conv1d(weight: w, stride: c.stride, padding: .explicit(c.padding), dilation: c.dilation, groups: c.groups)
            case 2: x.conv2d(weight: w, stride: c.stride, padding: .explicit(c.padding), dilation: c.dilation, groups: c.groups)
            default: x.conv3d(weight: w, stride: c.stride, padding: .explicit(c.padding), dilation: c.dilation, groups: c.groups)
            }
        }
        // Without a graph (inference), and with one whose weight needs no gradient: both forwards
        // read the windows in place.
        let plain = withNoGrad { convolve(Tensor(shape: xShape, data: xv, dtype: .float32)) }
        expectClose(plain, shape: outShape, expected.out, tolerance: 0)
        let x = Tensor(shape: xShape, data: xv, dtype: .float32).requiresGrad_()
        let out = convolve(x)
        expectClose(out, shape: outShape, expected.out, tolerance: 0)
        try out.backward(gradient: Tensor(shape: outShape, data: gv, dtype: .float32))
        expectClose(x.grad, shape: xShape, expected.gradInput, tolerance: 0)
    }

    /// A stride-1 transposed convolution is the input gradient of the convolution with the same
    /// weight: `convTranspose(g, w)` against the definition's input gradient, with bias.
    @Test("transposed convolution", arguments: directConvolutionCases.filter { $0.stride == [1] })
    func transposed(_ c: DirectConvolutionCase) {
        let xShape = [c.batch, c.channels] + c.input, outShape = [c.batch, c.outChannels] + c.outputSize
        let wShape = [c.outChannels, c.channels / c.groups] + c.kernel
        let wv = Self.values(wShape.reduce(1, *), salt: 2), gv = Self.values(outShape.reduce(1, *), salt: 3)
        let expected = Self.reference(c, x: [Double](repeating: 0, count: xShape.reduce(1, *)), w: wv, g: gv)
        let g = Tensor(shape: outShape, data: gv, dtype: .float32)
        let w = Tensor(shape: wShape, data: wv, dtype: .float32)
        let bias = Tensor(shape: [c.channels], data: (0..<c.channels).map { Double($0) - 1.5 }, dtype: .float32)
        let perChannel = xShape.dropFirst(2).reduce(1, *)
        let withBias = expected.gradInput.enumerated().map { $0.element + Double(($0.offset / perChannel) % c.channels) - 1.5 }
        // The padding past the kernel's reach has no transposed counterpart (PyTorch's output
        // would be smaller than the convolution's input); the others must match.
        guard zip(c.expanded(c.padding), zip(c.expanded(c.dilation), c.kernel)).allSatisfy({ $0.0 <= $0.1.0 * ($0.1.1 - 1) }) else {
            return
        }
        let out: Tensor
        switch c.spatial {
        case 1: out = g.convTranspose1d(weight: w, bias: bias, padding: c.padding, groups: c.groups, dilation: c.dilation)
        case 2: out = g.convTranspose2d(weight: w, bias: bias, padding: c.padding, groups: c.groups, dilation: c.dilation)
        default: out = g.convTranspose3d(weight: w, bias: bias, padding: c.padding, groups: c.groups, dilation: c.dilation)
        }
        expectClose(out, shape: xShape, withBias, tolerance: 0)
    }

    /// A weight that is a transposed view (not contiguous), with groups: the kernel reads a
    /// contiguous copy and the input gradient regroups it.
    @Test("a non-contiguous weight")
    func nonContiguousWeight() throws {
        let c = directConvolutionCases[8]  // groups
        let cg = c.channels / c.groups, kernel = c.kernel.reduce(1, *)
        let xShape = [c.batch, c.channels] + c.input, outShape = [c.batch, c.outChannels] + c.outputSize
        let xv = Self.values(xShape.reduce(1, *), salt: 1), wv = Self.values(c.outChannels * cg * kernel, salt: 2)
        let gv = Self.values(outShape.reduce(1, *), salt: 3)
        let expected = Self.reference(c, x: xv, w: wv, g: gv)
        // The same weight stored as [C / groups, Co, kernel...] and viewed through a transpose.
        var stored = [Double](repeating: 0, count: wv.count)
        for o in 0..<c.outChannels { for i in 0..<cg { for e in 0..<kernel {
            stored[(i * c.outChannels + o) * kernel + e] = wv[(o * cg + i) * kernel + e]
        } } }
        let w = Tensor(shape: [cg, c.outChannels] + c.kernel, data: stored, dtype: .float32).transpose(0, 1)
        #expect(!w.isContiguous)
        let x = Tensor(shape: xShape, data: xv, dtype: .float32).requiresGrad_()
        let out = x.conv2d(weight: w, padding: .explicit(c.padding), groups: c.groups)
        expectClose(out, shape: outShape, expected.out, tolerance: 0)
        try out.backward(gradient: Tensor(shape: outShape, data: gv, dtype: .float32))
        expectClose(x.grad, shape: xShape, expected.gradInput, tolerance: 0)
    }

    /// The same convolutions in float64 (unfold and matrix products) agree with the float32 ones.
    @Test("float64 takes the unfolding path to the same values")
    func float64() {
        let c = directConvolutionCases[2]
        let xShape = [c.batch, c.channels] + c.input, wShape = [c.outChannels, c.channels] + c.kernel
        let xv = Self.values(xShape.reduce(1, *), salt: 1), wv = Self.values(wShape.reduce(1, *), salt: 2)
        let expected = Self.reference(c, x: xv, w: wv, g: [Double](repeating: 0, count: 1 << 12))
        let out = withNoGrad {
            Tensor(shape: xShape, data: xv, dtype: .float64).conv2d(
                weight: Tensor(shape: wShape, data: wv, dtype: .float64), stride: c.stride,
                padding: .explicit(c.padding), dilation: c.dilation)
        }
        expectClose(out, shape: [c.batch, c.outChannels] + c.outputSize, expected.out, tolerance: 0)
    }
}
