import EmberBackend

// MARK: - Convolution
//
// Note [Convolution as unfold and matrix products]
// A convolution of `x [N, C, spatial...]` with `w [Co, C / groups, kernel...]` unfolds `x`
// (im2col, Note [Sliding windows]) into `cols [N, groups, C / groups * K, L]` (K elements per
// window, L window positions) and multiplies, per group, `w [groups, Co / groups, C / groups *
// K]` by it: one OpenBLAS product per image and group, as PyTorch's `slow_conv2d` computes it.
// The backward (`ConvolutionBackward0`, Derivatives+Convolution.swift) is two more products and a
// fold: `grad_w = sum over N of grad_out @ cols^T` and `grad_x = fold(w^T @ grad_out)`. A
// transposed convolution is the same three products in the other roles: its forward is a
// convolution's input gradient. All of it is built from differentiable ops (unfold, fold,
// matmul), so the backward records a graph when `createGraph` asks for one. The forward's
// columns are kept for the first-order weight gradient when they take at most 16 MiB (a small
// CNN's step then unfolds each input once, not twice); larger ones, and every backward that
// records its own graph (where the columns must be a function of `x`), unfold again. A float32
// forward that keeps no columns, a stride-1 first-order input gradient (a convolution of the
// output gradient) and a stride-1 transposed convolution's forward (the same computation) run on
// the CPU kernel of Note [Convolutions without unfolding] (Gemm.c), which reads the windows from
// the image and never writes the columns out.

extension Tensor {
    /// The padding of a convolution (`padding=` of `F.conv2d`): explicit amounts (one number for
    /// every spatial dim or one per dim), `.valid` (none) or `.same` (the output as large as the
    /// input, stride 1 only; an odd total puts the extra element after, as PyTorch does).
    public enum ConvolutionPadding: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
        /// `padding='same'`.
        case same
        /// `padding='valid'`, no padding.
        case valid
        /// Amounts added on both sides of each spatial dim.
        case explicit([Int])

        /// `padding: 1`.
        public init(integerLiteral value: Int) { self = .explicit([value]) }
        /// `padding: [1, 2]`.
        public init(arrayLiteral elements: Int...) { self = .explicit(elements) }
    }

    /// 1-D convolution over `[N, C, L]` (or unbatched `[C, L]`) with `weight [Co, C / groups, k]`
    /// (`torch.nn.functional.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1,
    /// groups=1)`). Recorded as `ConvolutionBackward0`; see Note [Convolution as unfold and matrix
    /// products].
    public func conv1d(weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: ConvolutionPadding = 0,
                       dilation: [Int] = [1], groups: Int = 1) -> Tensor {
        attempt { try convolved(spatialDims: 1, weight, bias, stride, padding, dilation, groups) }
    }

    /// 2-D convolution over `[N, C, H, W]` (or unbatched `[C, H, W]`) with `weight [Co, C / groups,
    /// kh, kw]` (`torch.nn.functional.conv2d(input, weight, bias=None, stride=1, padding=0,
    /// dilation=1, groups=1)`). `stride`, `dilation` and explicit padding hold one number for both
    /// dims or one per dim. Recorded as `ConvolutionBackward0`.
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: ConvolutionPadding = 0,
                       dilation: [Int] = [1], groups: Int = 1) -> Tensor {
        attempt { try convolved(spatialDims: 2, weight, bias, stride, padding, dilation, groups) }
    }

    /// 3-D convolution over `[N, C, D, H, W]` (or unbatched `[C, D, H, W]`) with `weight [Co, C /
    /// groups, kd, kh, kw]` (`torch.nn.functional.conv3d`). Recorded as `ConvolutionBackward0`.
    public func conv3d(weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: ConvolutionPadding = 0,
                       dilation: [Int] = [1], groups: Int = 1) -> Tensor {
        attempt { try convolved(spatialDims: 3, weight, bias, stride, padding, dilation, groups) }
    }

    /// 1-D transposed convolution ("deconvolution") over `[N, C, L]` with `weight [C, Co /
    /// groups, k]` (`torch.nn.functional.conv_transpose1d(input, weight, bias=None, stride=1,
    /// padding=0, output_padding=0, groups=1, dilation=1)`): the gradient of `conv1d` with respect
    /// to its input. Recorded as `ConvolutionBackward0`.
    public func convTranspose1d(weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                                outputPadding: [Int] = [0], groups: Int = 1, dilation: [Int] = [1]) -> Tensor {
        attempt { try transposeConvolved(spatialDims: 1, weight, bias, stride, padding, outputPadding, groups, dilation) }
    }

    /// 2-D transposed convolution over `[N, C, H, W]` with `weight [C, Co / groups, kh, kw]`
    /// (`torch.nn.functional.conv_transpose2d`): output size `(in - 1) * stride - 2 * padding +
    /// dilation * (kernel - 1) + outputPadding + 1` per dim. Recorded as `ConvolutionBackward0`.
    public func convTranspose2d(weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                                outputPadding: [Int] = [0], groups: Int = 1, dilation: [Int] = [1]) -> Tensor {
        attempt { try transposeConvolved(spatialDims: 2, weight, bias, stride, padding, outputPadding, groups, dilation) }
    }

    /// 3-D transposed convolution over `[N, C, D, H, W]` with `weight [C, Co / groups, kd, kh, kw]`
    /// (`torch.nn.functional.conv_transpose3d`). Recorded as `ConvolutionBackward0`.
    public func convTranspose3d(weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                                outputPadding: [Int] = [0], groups: Int = 1, dilation: [Int] = [1]) -> Tensor {
        attempt { try transposeConvolved(spatialDims: 3, weight, bias, stride, padding, outputPadding, groups, dilation) }
    }
}

// MARK: - Checks and the forward computation

extension Tensor {
    /// What a convolution needs after its checks: the batched input, the window and whether a
    /// batch dim was added.
    private struct ConvolutionPlan {
        var input: Tensor
        var unbatched: Bool
        var stride: [Int], padding: [Int], dilation: [Int]
    }

    /// PyTorch's checks of `_convolution` shared by both directions; returns the batched input
    /// and the expanded arguments.
    private func convolutionPlan(_ s: Int, _ weight: Tensor, _ bias: Tensor?, stride: [Int], padding: [Int],
                                 dilation: [Int], groups: Int, transposed: Bool, name: String) throws(TensorError) -> ConvolutionPlan {
        guard dim == s + 1 || dim == s + 2 else {
            throw TensorError.runtime(
                "Expected \(s + 1)D (unbatched) or \(s + 2)D (batched) input to \(name), but got input of size: \(Tensor.sizeText(shape))")
        }
        let strides = try Tensor.convolutionArgument(stride, "stride", s)
        let paddings = try Tensor.convolutionArgument(padding, "padding", s)
        let dilations = try Tensor.convolutionArgument(dilation, "dilation", s)
        guard strides.allSatisfy({ $0 > 0 }) else { throw TensorError.runtime("non-positive stride is not supported") }
        guard paddings.allSatisfy({ $0 >= 0 }) else { throw TensorError.runtime("negative padding is not supported") }
        guard dilations.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime("dilation should be greater than zero, but got dilation=\(Tensor.sizeText(dilations))")
        }
        guard groups > 0 else { throw TensorError.runtime("non-positive groups is not supported") }
        guard weight.dim == s + 2 else {
            throw TensorError.runtime(
                "Expected \(s + 2)-dimensional weight for \(s + 2)-dimensional input \(Tensor.sizeText(shape)), but got \(weight.dim)-dimensional weight of size \(Tensor.sizeText(weight.shape)) instead")
        }
        let input = dim == s + 2 ? self : unsqueeze(dim: 0)
        let channels = input.shape[1]
        if transposed {
            guard weight.shape[0] == channels else {
                throw TensorError.runtime(
                    "Given transposed=1, weight of size \(Tensor.sizeText(weight.shape)), expected input\(Tensor.sizeText(input.shape)) to have \(weight.shape[0]) channels, but got \(channels) channels instead")
            }
            guard weight.shape[0] % groups == 0 else {
                throw TensorError.runtime(
                    "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(Tensor.sizeText(weight.shape))] instead")
            }
        } else {
            guard weight.shape[0] % groups == 0 else {
                throw TensorError.runtime(
                    "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(Tensor.sizeText(weight.shape))] instead")
            }
            guard weight.shape[1] * groups == channels else {
                throw TensorError.runtime(
                    "Given groups=\(groups), weight of size \(Tensor.sizeText(weight.shape)), expected input\(Tensor.sizeText(input.shape)) to have \(weight.shape[1] * groups) channels, but got \(channels) channels instead")
            }
        }
        let outChannels = transposed ? weight.shape[1] * groups : weight.shape[0]
        if let bias, bias.dim != 1 || bias.shape[0] != outChannels {
            throw TensorError.runtime(
                "Given weight of size \(Tensor.sizeText(weight.shape)), expected bias to be 1-dimensional with \(outChannels) elements, but got bias of size \(Tensor.sizeText(bias.shape)) instead")
        }
        for other in [weight, bias].compactMap({ $0 }) where other.dtype != dtype {
            throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(other.dtype.scalarTypeName)")
        }
        for other in [weight, bias].compactMap({ $0 }) where other.device != device {
            throw TensorError.runtime(
                "Expected all tensors to be on the same device, but found at least two devices, \(device) and \(other.device)!")
        }
        guard dtype != .bool else {
            throw TensorError.notImplemented("\"slow_conv\(s)d_cpu\" not implemented for 'Bool'")
        }
        return ConvolutionPlan(input: input, unbatched: dim == s + 1, stride: strides, padding: paddings, dilation: dilations)
    }

    /// A convolution argument of one number for every spatial dim or one per dim.
    private static func convolutionArgument(_ values: [Int], _ name: String, _ s: Int) throws(TensorError) -> [Int] {
        if values.count == 1 { return Array(repeating: values[0], count: s) }
        guard values.count == s else {
            throw TensorError.runtime(
                "expected \(name) to be a single integer value or a list of \(s) values to match the convolution dimensions, but got \(name)=\(sizeText(values))")
        }
        return values
    }

    func convolved(spatialDims s: Int, _ weight: Tensor, _ bias: Tensor?, _ stride: [Int], _ padding: ConvolutionPadding,
                   _ dilation: [Int], _ groups: Int) throws(TensorError) -> Tensor {
        let name = "conv\(s)d"
        var explicit: [Int]
        var extra: [Int]? = nil  // `same` with an odd total: one more element after, padded first
        switch padding {
        case .explicit(let amounts): explicit = amounts
        case .valid: explicit = [0]
        case .same:
            guard stride.allSatisfy({ $0 == 1 }) else {
                throw TensorError.runtime("padding='same' is not supported for strided convolutions")
            }
            let dilations = try Tensor.convolutionArgument(dilation, "dilation", s)
            guard weight.dim == s + 2 else { explicit = [0]; break }
            let totals = (0..<s).map { dilations[$0] * (weight.shape[2 + $0] - 1) }
            explicit = totals.map { $0 / 2 }
            if totals.contains(where: { $0 % 2 == 1 }) { extra = totals.map { $0 % 2 } }
        }
        var plan = try convolutionPlan(s, weight, bias, stride: stride, padding: explicit, dilation: dilation,
                                       groups: groups, transposed: false, name: name)
        if let extra {
            plan.input = plan.input.pad(extra.reversed().flatMap { [0, $0] })
        }
        let x = plan.input
        let spatial = Array(x.shape[2...]), kernel = Array(weight.shape[2...])
        for d in 0..<s where spatial[d] + 2 * plan.padding[d] < plan.dilation[d] * (kernel[d] - 1) + 1 {
            let padded = (0..<s).map { String(spatial[$0] + 2 * plan.padding[$0]) }.joined(separator: " x ")
            let dilated = (0..<s).map { String(plan.dilation[$0] * (kernel[$0] - 1) + 1) }.joined(separator: " x ")
            throw TensorError.runtime(
                "Calculated padded input size per channel: (\(padded)). Kernel size: (\(dilated)). Kernel size can't be greater than actual input size")
        }
        let window = SlidingWindow(kernel: kernel, dilation: plan.dilation, padding: plan.padding, stride: plan.stride,
                                   inputSize: spatial)
        // The weight's gradient reads the columns again: kept when they are small (see Note
        // [Convolution as unfold and matrix products]), else unfolded again in the backward, and
        // then the forward need not write them out.
        let recording = Tensor.recording([x, weight, bias])
        let columnsBytes = x.shape[0] * x.shape[1] * window.kernelCount * window.outputCount * x.dtype.itemSize
        let keep = recording && weight.requiresGrad && columnsBytes <= Tensor.keptColumnsBytes
        let (out, columns) = withNoGrad { Tensor.convolutionForwardKeepingColumns(x, weight, bias, window, groups,
                                                                                  unfolding: keep) }
        if recording {
            x.recordConvolution(out, weight: weight, bias: bias, window: window, groups: groups,
                                columns: keep ? columns : nil)
        }
        return plan.unbatched ? out.squeeze(dim: 0) : out
    }

    func transposeConvolved(spatialDims s: Int, _ weight: Tensor, _ bias: Tensor?, _ stride: [Int], _ padding: [Int],
                            _ outputPadding: [Int], _ groups: Int, _ dilation: [Int]) throws(TensorError) -> Tensor {
        let plan = try convolutionPlan(s, weight, bias, stride: stride, padding: padding, dilation: dilation,
                                       groups: groups, transposed: true, name: "conv_transpose\(s)d")
        let outputPaddings = try Tensor.convolutionArgument(outputPadding, "output_padding", s)
        for d in 0..<s where outputPaddings[d] >= plan.stride[d] && outputPaddings[d] >= plan.dilation[d] || outputPaddings[d] < 0 {
            throw TensorError.runtime(
                "output padding must be smaller than either stride or dilation, but got output_padding=\(Tensor.sizeText(outputPaddings)), stride=\(Tensor.sizeText(plan.stride)), dilation=\(Tensor.sizeText(plan.dilation))")
        }
        let x = plan.input
        let spatial = Array(x.shape[2...]), kernel = Array(weight.shape[2...])
        let outSpatial = (0..<s).map { (d: Int) -> Int in
            let span: Int = plan.dilation[d] * (kernel[d] - 1) + outputPaddings[d] + 1
            return (spatial[d] - 1) * plan.stride[d] - 2 * plan.padding[d] + span
        }
        guard outSpatial.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime(
                "Given input size per channel: (\(spatial.map(String.init).joined(separator: " x "))). Calculated output size per channel: (\(outSpatial.map(String.init).joined(separator: " x "))). Output size is too small")
        }
        guard x.dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"slow_conv_transpose\(s)d_out_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
        // The window of the convolution whose input gradient this is: its input is our output.
        let window = SlidingWindow(kernel: kernel, dilation: plan.dilation, padding: plan.padding, stride: plan.stride,
                                   inputSize: outSpatial, outputSize: spatial)
        let out = withNoGrad { Tensor.transposedConvolutionForward(x, weight, bias, window, groups) }
        if Tensor.recording([x, weight, bias]) {
            x.recordTransposedConvolution(out, weight: weight, bias: bias, window: window, groups: groups)
        }
        return plan.unbatched ? out.squeeze(dim: 0) : out
    }

    /// `x [N, C, in...]` convolved with `w [Co, C / groups, kernel...]` (see Note [Convolution as
    /// unfold and matrix products]): `[N, Co, out...]`.
    package static func convolutionForward(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, _ window: SlidingWindow,
                                           _ groups: Int) -> Tensor {
        convolutionForwardKeepingColumns(x, w, bias, window, groups).output
    }

    /// `convolutionForward`, also returning the unfolded input `[N, groups, C / groups * K, L]`
    /// when `unfolding` asks for it or the backend has no kernel that does without.
    package static func convolutionForwardKeepingColumns(_ x: Tensor, _ w: Tensor, _ bias: Tensor?,
                                                         _ window: SlidingWindow, _ groups: Int,
                                                         unfolding: Bool = false)
        -> (output: Tensor, columns: Tensor?) {
        let n = x.shape[0], outChannels = w.shape[0], columns = w.shape[1] * window.kernelCount
        if !unfolding, let out = directConvolution(x, w, window, groups) {
            return (out.addingChannelBias(bias, spatialDims: window.kernel.count), nil)
        }
        let cols = x.windows(window).view([n, groups, columns, window.outputCount])
        let out = w.reshape([groups, outChannels / groups, columns]).matmul(cols)
            .view([n, outChannels] + window.outputSize)
        return (out.addingChannelBias(bias, spatialDims: window.kernel.count), cols)
    }

    /// The convolution of `x [N, C, in...]` with `w [Co, C / groups, kernel...]`, without bias, by
    /// the backend's kernel that reads the windows in place (see Note [Convolutions without
    /// unfolding] in Gemm.c); nil when the backend has none for the dtype, and whenever a graph is
    /// being recorded (the kernel is not differentiable: a backward that records its own graph
    /// composes unfold and matmul), and for output rows under 16 wide (an 8 x 8 map: the kernel
    /// copies the windows run by run, and for short runs the unfold's map of Note [Window maps for
    /// small planes] is faster: `digits_cnn_step` took 5-10% longer).
    package static func directConvolution(_ x: Tensor, _ w: Tensor, _ window: SlidingWindow, _ groups: Int) -> Tensor? {
        guard !isGradEnabled, (window.outputSize.last ?? 0) >= 16, x.device == w.device, x.dtype == w.dtype,
              x.numel > 0, w.numel > 0,
              let out = try? Tensor.uninitialized(Dims([x.shape[0], w.shape[0]] + window.outputSize), dtype: x.dtype,
                                                  device: x.device), out.numel > 0 else { return nil }
        let input = x.contiguous(), weight = w.contiguous()  // named: see Note [Buffers do not own their memory]
        guard x.backend.convolution(input.buffer, weight: weight.buffer, window: window, groups: groups,
                                    into: out.buffer) else { return nil }
        return out
    }

    /// This `[N, C, spatial...]` output plus a per-channel `bias [C]` (itself when there is none).
    private func addingChannelBias(_ bias: Tensor?, spatialDims: Int) -> Tensor {
        guard let bias else { return self }
        return self + bias.view([bias.shape[0]] + Array(repeating: 1, count: spatialDims))
    }

    /// The most bytes of unfolded input a convolution keeps for its weight's gradient: 16 MiB
    /// (a small network's layers keep theirs; a large layer unfolds again in its backward
    /// rather than hold K times its input until then).
    package static let keptColumnsBytes = 16 << 20

    /// The transposed convolution of `x [N, C, in...]` with `w [C, Co / groups, kernel...]`,
    /// `window` being that of the convolution it inverts (its input size is our output size).
    package static func transposedConvolutionForward(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, _ window: SlidingWindow,
                                                     _ groups: Int) -> Tensor {
        let n = x.shape[0], inChannels = x.shape[1], outChannels = w.shape[1] * groups
        // With stride 1 it is a convolution itself (see `convolutionInputGradient`), which the
        // backend may run without writing the columns out.
        if let out = convolutionInputGradient(x, w, window, groups) {
            return out.addingChannelBias(bias, spatialDims: window.kernel.count)
        }
        let columns = w.shape[1] * window.kernelCount
        let cols = w.reshape([groups, inChannels / groups, columns]).transpose(-1, -2)
            .matmul(x.reshape([n, groups, inChannels / groups, window.outputCount]))
        let out = cols.reshape([n, outChannels * window.kernelCount, window.outputCount])
            .foldedWindows(window, channels: outChannels)
        return out.addingChannelBias(bias, spatialDims: window.kernel.count)
    }
}
