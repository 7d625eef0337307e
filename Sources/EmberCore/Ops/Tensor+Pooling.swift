import EmberBackend

// MARK: - Pooling
//
// Note [Pooling on sliding windows]
// Max and average pooling unfold their input (Note [Sliding windows]) and reduce over the kernel
// dim: max pooling pads with -inf first (so the padding never wins) and turns the winning kernel
// element into a flat input index with a table of window positions; average pooling sums the
// zero-padded windows and divides by PyTorch's per-position divisor. Their gradients are a
// `scatter_add` of the output gradient at the indices (`MaxPool2DWithIndicesBackward0`) and a fold
// of the gradient spread over each window (`AvgPool2DBackward0`), both differentiable. The 1-D
// forms run the 2-D ones on an unsqueezed input, as PyTorch's do, so their `gradFn` is
// `SqueezeBackward1`.

extension Tensor {
    /// Max pooling over `[N, C, L]` or `[C, L]` (`torch.nn.functional.max_pool1d(input,
    /// kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`); `stride` defaults to
    /// the kernel size.
    public func maxPool1d(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
                          ceilMode: Bool = false) -> Tensor {
        maxPool1dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                             ceilMode: ceilMode).values
    }

    /// `maxPool1d` with the flat input index of each maximum (`return_indices=True`).
    public func maxPool1dWithIndices(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
                                     ceilMode: Bool = false) -> (values: Tensor, indices: Tensor) {
        let result: PoolResult = attempt {
            guard dim == 2 || dim == 3 else {
                throw TensorError.runtime("max_pool1d() Expected 2D or 3D input tensor, but got \(Tensor.sizeText(shape))")
            }
            let (values, indices) = try unsqueeze(dim: -2).maxPooled2d([1, kernelSize], stride.map { [1, $0] } ?? [1, kernelSize],
                                                                      [0, padding], [1, dilation], ceilMode, name: "max_pool1d")
            return PoolResult(values: values.squeeze(dim: -2), indices: indices.squeeze(dim: -2))
        }
        return (result.values, result.indices)
    }

    /// Max pooling over `[N, C, H, W]` or `[C, H, W]` (`torch.nn.functional.max_pool2d(input,
    /// kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`). Each argument holds one
    /// number for both dims or one per dim; `stride` defaults to the kernel size. NaN propagates.
    /// Recorded as `MaxPool2DWithIndicesBackward0`.
    public func maxPool2d(kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0], dilation: [Int] = [1],
                          ceilMode: Bool = false) -> Tensor {
        maxPool2dWithIndices(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                             ceilMode: ceilMode).values
    }

    /// `maxPool2d` with the flat index (into each `H * W` plane) of each maximum
    /// (`F.max_pool2d(..., return_indices=True)`, `torch.max_pool2d_with_indices`).
    public func maxPool2dWithIndices(kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0],
                                     dilation: [Int] = [1], ceilMode: Bool = false) -> (values: Tensor, indices: Tensor) {
        let result: PoolResult = attempt {
            let (values, indices) = try maxPooled2d(kernelSize, stride, padding, dilation, ceilMode, name: "max_pool2d")
            return PoolResult(values: values, indices: indices)
        }
        return (result.values, result.indices)
    }

    /// Average pooling over `[N, C, L]` or `[C, L]` (`torch.nn.functional.avg_pool1d(input,
    /// kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)`).
    public func avgPool1d(kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false,
                          countIncludePad: Bool = true) -> Tensor {
        attempt {
            guard dim == 2 || dim == 3 else {
                throw TensorError.runtime("avg_pool1d() Expected 2D or 3D input tensor, but got \(Tensor.sizeText(shape))")
            }
            return try unsqueeze(dim: -2).avgPooled2d([1, kernelSize], stride.map { [1, $0] } ?? [1, kernelSize], [0, padding],
                                                     ceilMode, countIncludePad, divisorOverride: nil).squeeze(dim: -2)
        }
    }

    /// Average pooling over `[N, C, H, W]` or `[C, H, W]` (`torch.nn.functional.avg_pool2d(input,
    /// kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
    /// divisor_override=None)`). Recorded as `AvgPool2DBackward0`.
    public func avgPool2d(kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false,
                          countIncludePad: Bool = true, divisorOverride: Int? = nil) -> Tensor {
        attempt {
            try avgPooled2d(kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride: divisorOverride)
        }
    }
}

// MARK: - Shared geometry

extension Tensor {
    /// Values and indices, for `attempt`.
    private struct PoolResult: ErrorPlaceholder {
        var values: Tensor, indices: Tensor
        static var errorPlaceholder: PoolResult { PoolResult(values: .errorPlaceholder, indices: .errorPlaceholder) }
    }

    /// PyTorch's `pooling_output_shape`: window positions along one dim.
    static func pooledSize(_ input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool) -> Int {
        let numerator = input + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)
        var size = (numerator >= 0 ? numerator / stride : -((-numerator + stride - 1) / stride)) + 1
        // The last window must start inside the input or the left padding.
        if ceilMode && (size - 1) * stride >= input + padding { size -= 1 }
        return size
    }

    /// The checks and window of a 2-D pooling (`pool2d_shape_check`).
    private func poolWindow(_ kernelSize: [Int], _ stride: [Int]?, _ padding: [Int], _ dilation: [Int], _ ceilMode: Bool,
                            name: String) throws(TensorError) -> (input: Tensor, window: SlidingWindow, unbatched: Bool) {
        let k = try Tensor.windowArgument(kernelSize, "kernel_size", dims: 2, minimum: .min)
        let s = try Tensor.windowArgument(stride ?? k, "stride", dims: 2, minimum: .min)
        let p = try Tensor.windowArgument(padding, "padding", dims: 2, minimum: 0)
        let d = try Tensor.windowArgument(dilation, "dilation", dims: 2, minimum: .min)
        // PyTorch's order: the output size's zero-stride check, then pool2d_shape_check's.
        if s.contains(0) { throw TensorError.runtime("stride should not be zero") }
        guard k.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime("kernel size should be greater than zero, but got kH: \(k[0]) kW: \(k[1])")
        }
        guard s.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime("stride should be greater than zero, but got dH: \(s[0]) dW: \(s[1])")
        }
        guard d.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime("dilation should be greater than zero, but got dilationH: \(d[0]) dilationW: \(d[1])")
        }
        guard (dim == 3 || dim == 4) && shape.dropFirst(dim - 3).allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime("non-empty 3D or 4D (batch mode) tensor expected for input")
        }
        for i in 0..<2 where p[i] > ((k[i] - 1) * d[i] + 1) / 2 {
            throw TensorError.runtime(
                "pad should be at most half of effective kernel size, but got pad=\(p[i]), kernel_size=\(k[i]) and dilation=\(d[i])")
        }
        let input = dim == 4 ? self : unsqueeze(dim: 0)
        let spatial = Array(input.shape[2...])
        let out = (0..<2).map {
            Tensor.pooledSize(spatial[$0], kernel: k[$0], stride: s[$0], padding: p[$0], dilation: d[$0], ceilMode: ceilMode)
        }
        guard out.allSatisfy({ $0 >= 1 }) else {
            throw TensorError.runtime(
                "Given input size: (\(input.shape[1])x\(spatial[0])x\(spatial[1])). Calculated output size: (\(input.shape[1])x\(out[0])x\(out[1])). Output size is too small")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"\(name)\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let window = SlidingWindow(kernel: k, dilation: d, padding: p, stride: s, inputSize: spatial, outputSize: out)
        return (input, window, dim == 3)
    }

    private func maxPooled2d(_ kernelSize: [Int], _ stride: [Int]?, _ padding: [Int], _ dilation: [Int], _ ceilMode: Bool,
                             name: String) throws(TensorError) -> (Tensor, Tensor) {
        let (x, window, unbatched) = try poolWindow(kernelSize, stride, padding, dilation, ceilMode, name: name)
        let n = x.shape[0], c = x.shape[1], h = window.inputSize[0], w = window.inputSize[1]
        let k = window.kernelCount, l = window.outputCount
        // Padded with -inf on every side a window reaches past the input, then unfolded unpadded.
        var reach = [Int]()
        for i in 0..<2 {
            let last = (window.outputSize[i] - 1) * window.stride[i] - window.padding[i]
                + window.dilation[i] * (window.kernel[i] - 1)
            reach.append(Swift.max(0, last + 1 - window.inputSize[i]))
        }
        let (values, indices): (Tensor, Tensor) = x.directMaxPool(window) ?? withNoGrad {
            let padded = x.pad([window.padding[1], reach[1], window.padding[0], reach[0]], value: -.infinity)
            let inner = SlidingWindow(kernel: window.kernel, dilation: window.dilation, padding: [0, 0], stride: window.stride,
                                      inputSize: Array(padded.shape[2...]), outputSize: window.outputSize)
            let (values, best) = padded.windows(inner).view([n, c, k, l]).max(dim: 2)
            // The flat input index of kernel element `j` at window position `o`; an element in the
            // padding maps to the window's first element inside the input, the index PyTorch keeps
            // when nothing beats -inf (a window of -inf values).
            var table = [Int64](repeating: 0, count: k * l)
            for o in 0..<l {
                let oh = o / window.outputSize[1], ow = o % window.outputSize[1]
                var firstInside: Int64? = nil
                var padded: [Int] = []
                for j in 0..<k {
                    let kh = j / window.kernel[1], kw = j % window.kernel[1]
                    let ih = oh * window.stride[0] - window.padding[0] + kh * window.dilation[0]
                    let iw = ow * window.stride[1] - window.padding[1] + kw * window.dilation[1]
                    if ih >= 0 && ih < h && iw >= 0 && iw < w {
                        table[j * l + o] = Int64(ih * w + iw)
                        if firstInside == nil { firstInside = Int64(ih * w + iw) }
                    } else {
                        padded.append(j)
                    }
                }
                for j in padded { table[j * l + o] = firstInside ?? 0 }
            }
            let positions = Tensor(shape: [k, l], data: table, device: x.device)
            let indices = positions.expand([n, c, k, l]).gather(dim: 2, index: best.unsqueeze(dim: 2)).squeeze(dim: 2)
            return (values.view([n, c] + window.outputSize), indices.view([n, c] + window.outputSize))
        }
        if Tensor.recording(x) { x.recordMaxPool("MaxPool2DWithIndicesBackward0", values, indices: indices) }
        return unbatched ? (values.squeeze(dim: 0), indices.squeeze(dim: 0)) : (values, indices)
    }

    /// Max pooling on the backend's direct kernel (see Note [Fused batch norm and pooling
    /// kernels] in EmberCPU), or nil where the backend has none for this input.
    private func directMaxPool(_ window: SlidingWindow) -> (Tensor, Tensor)? {
        let input = layout.isContiguous ? self : withNoGrad { contiguous() }
        let shape = Dims(Array(input.shape[..<2]) + window.outputSize)
        guard let values = try? Tensor.uninitialized(shape, dtype: dtype, device: device),
              let indices = try? Tensor.uninitialized(shape, dtype: .int64, device: device),
              backend.maxPool(input.buffer, window: window, values: values.buffer, indices: indices.buffer)
        else { return nil }
        return (values, indices)
    }

    private func avgPooled2d(_ kernelSize: [Int], _ stride: [Int]?, _ padding: [Int], _ ceilMode: Bool,
                             _ countIncludePad: Bool, divisorOverride: Int?) throws(TensorError) -> Tensor {
        if let divisorOverride, divisorOverride == 0 { throw TensorError.runtime("divisor must be not zero") }
        let (x, window, unbatched) = try poolWindow(kernelSize, stride, padding, [1], ceilMode, name: "avg_pool2d")
        let n = x.shape[0], c = x.shape[1], k = window.kernelCount, l = window.outputCount
        // PyTorch's divisor for each window position (avg_pool2d_out_frame).
        var divisors = [Double](repeating: 0, count: l)
        for o in 0..<l {
            var pool = 1, count = 1
            for i in 0..<2 {
                let position = i == 0 ? o / window.outputSize[1] : o % window.outputSize[1]
                var start = position * window.stride[i] - window.padding[i]
                var end = Swift.min(start + window.kernel[i], window.inputSize[i] + window.padding[i])
                pool *= end - start
                start = Swift.max(start, 0)
                end = Swift.min(end, window.inputSize[i])
                count *= end - start
            }
            divisors[o] = Double(divisorOverride ?? (countIncludePad ? pool : count))
        }
        let divisor = Tensor(shape: [l], data: divisors, dtype: x.dtype, device: x.device)
        let out: Tensor = withNoGrad {
            (x.windows(window).view([n, c, k, l]).sum(dim: 2) / divisor).view([n, c] + window.outputSize)
        }
        if Tensor.recording(x) { x.recordAvgPool(out, window, divisor: divisor) }
        return unbatched ? out.squeeze(dim: 0) : out
    }
}
