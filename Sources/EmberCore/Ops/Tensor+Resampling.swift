import EmberBackend

// MARK: - Resampling: interpolation, adaptive pooling, pixel shuffle
//
// Note [Resampling as weighted gathers]
// Nearest and linear interpolation and adaptive average pooling are linear maps that act on one
// spatial dim at a time: output element `i` along the dim is `sum over taps t of weight[t][i] *
// x[index[t][i]]` (one tap for nearest, two for linear, a window's length for adaptive pooling,
// whose shorter windows point their extra taps at a zero appended to the dim). The forward gathers
// (`index_select`) and adds, the last spatial dim first, as PyTorch's kernels nest their loops
// (`h0lambda * (w0lambda * x00 + w1lambda * x01) + ...`); the backward is the adjoint, an
// `index_add` of the weighted gradient per tap, the first dim first. Both are differentiable ops,
// so the one recorded node (`UpsampleBilinear2DBackward0` and so on) records its own graph under
// `createGraph`. Gathers keep a NaN or infinity in the outputs whose windows hold it, where a
// product with an interpolation matrix would spread it over a whole row.

extension Tensor {
    /// One spatial dim's taps: the input index and weight of each tap for every output element.
    package struct ResamplingTaps: Sendable {
        var dim: Int
        var inputSize: Int
        var indices: [Tensor]
        var weights: [Tensor?]
        /// Whether the input gets a zero appended along `dim` first (adaptive pooling).
        var zeroSlot: Bool
    }

    /// The forward of Note [Resampling as weighted gathers] over `taps` (innermost dim last in the
    /// list, applied first), recorded as `name`.
    package func resampled(_ taps: [ResamplingTaps], name: String) -> Tensor {
        func gather(_ x: Tensor, _ t: ResamplingTaps) -> Tensor {
            let source = t.zeroSlot ? x.pad(Array(repeating: 0, count: 2 * (x.dim - 1 - t.dim)) + [0, 1]) : x
            var sum: Tensor? = nil
            for (index, weight) in zip(t.indices, t.weights) {
                var term = source.indexSelect(dim: t.dim, index: index)
                if let weight { term = term * weight }
                sum = sum.map { $0 + term } ?? term
            }
            return sum!
        }
        let out = withNoGrad { taps.reversed().reduce(self) { gather($0, $1) } }
        if Tensor.recording(self) { recordResampling(out, taps, name: name) }
        return out
    }

    /// A weight vector shaped to broadcast along `dim` of a `rank`-dim tensor.
    static func alongDim(_ values: [Double], dim: Int, rank: Int, dtype: DType, device: Device) -> Tensor {
        var shape = Array(repeating: 1, count: rank)
        shape[dim] = values.count
        return Tensor(shape: shape, data: values, dtype: dtype, device: device)
    }

    static func indexTensor(_ values: [Int], device: Device) -> Tensor {
        Tensor(shape: [values.count], data: values.map(Int64.init), device: device)
    }
}

// MARK: - Interpolation

extension Tensor {
    /// The algorithm of `interpolate(size:scaleFactor:mode:alignCorners:)` (`mode=` of
    /// `F.interpolate`).
    public enum InterpolationMode: String, Sendable, Hashable {
        /// `'nearest'`: PyTorch's (floor) nearest neighbour, for 1 to 3 spatial dims.
        case nearest
        /// `'linear'`: for 3-D input `[N, C, L]`.
        case linear
        /// `'bilinear'`: for 4-D input `[N, C, H, W]`.
        case bilinear
    }

    /// Resizes the spatial dims of `[N, C, spatial...]` (`torch.nn.functional.interpolate(input,
    /// size=None, scale_factor=None, mode='nearest', align_corners=None,
    /// recompute_scale_factor=None)`): give `size` or `scaleFactor` (one number for every spatial
    /// dim or one per dim). `alignCorners` applies to the linear modes only. Recorded as
    /// `UpsampleNearest2DBackward0`, `UpsampleBilinear2DBackward0` and so on.
    public func interpolate(size: [Int]? = nil, scaleFactor: [Double]? = nil, mode: InterpolationMode = .nearest,
                            alignCorners: Bool? = nil, recomputeScaleFactor: Bool = false) -> Tensor {
        attempt {
            let s = dim - 2
            guard s >= 1 && s <= 3 else {
                throw TensorError.notImplemented(
                    "Input Error: Only 3D, 4D and 5D input Tensors supported (got \(dim)D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got \(mode.rawValue))")
            }
            if mode == .nearest, alignCorners != nil {
                throw TensorError.value(
                    "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear")
            }
            let expected = mode == .linear ? 1 : (mode == .bilinear ? 2 : s)
            guard expected == s else {
                throw TensorError.notImplemented(
                    "Got \(dim)D input, but \(mode.rawValue) mode needs \(expected + 2)D input")
            }
            guard (size == nil) != (scaleFactor == nil) else {
                throw TensorError.value(size == nil
                    ? "either size or scale_factor should be defined" : "only one of size or scale_factor should be defined")
            }
            let spatial = Array(shape[2...])
            var outSize: [Int], scales: [Double?]
            if let size {
                outSize = try Tensor.windowArgument(size, "size", dims: s, minimum: 0)
                scales = Array(repeating: nil, count: s)
            } else {
                let factors = scaleFactor!.count == 1 ? Array(repeating: scaleFactor![0], count: s) : scaleFactor!
                guard factors.count == s else {
                    throw TensorError.value(
                        "Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of \(Tensor.sizeText(spatial)) and scale_factor of shape \(factors).")
                }
                outSize = (0..<s).map { Int((Double(spatial[$0]) * factors[$0]).rounded(.down)) }
                scales = recomputeScaleFactor ? Array(repeating: nil, count: s) : factors.map { $0 }
            }
            guard outSize.allSatisfy({ $0 > 0 }) && spatial.allSatisfy({ $0 > 0 }) else {
                throw TensorError.runtime(
                    "Input and output sizes should be greater than 0, but got input (\(spatial.map(String.init).joined(separator: ", "))) and output (\(outSize.map(String.init).joined(separator: ", ")))")
            }
            guard dtype.isFloatingPoint || mode == .nearest else {
                throw TensorError.notImplemented("\"upsample_\(mode.rawValue)\(s)d_channels_last\" not implemented for '\(dtype.scalarTypeName)'")
            }
            let taps = (0..<s).map { d in
                mode == .nearest
                    ? nearestTaps(dim: d + 2, input: spatial[d], output: outSize[d], scale: scales[d])
                    : linearTaps(dim: d + 2, input: spatial[d], output: outSize[d], scale: scales[d], alignCorners: alignCorners ?? false)
            }
            let name = mode == .nearest ? "UpsampleNearest\(s)DBackward0"
                : (mode == .linear ? "UpsampleLinear1DBackward0" : "UpsampleBilinear2DBackward0")
            return resampled(taps, name: name)
        }
    }

    /// PyTorch's `nearest_idx`: `min(floor(i * scale), input - 1)` with the scale in float32.
    private func nearestTaps(dim: Int, input: Int, output: Int, scale: Double?) -> ResamplingTaps {
        let index: [Int] = (0..<output).map { i in
            if output == input { return i }
            if output == 2 * input { return i >> 1 }
            let s: Float = scale.map { Float(1.0 / $0) } ?? Float(input) / Float(output)
            return Swift.min(Int((Float(i) * s).rounded(.down)), input - 1)
        }
        return ResamplingTaps(dim: dim, inputSize: input, indices: [Tensor.indexTensor(index, device: device)],
                              weights: [nil], zeroSlot: false)
    }

    /// PyTorch's linear source indices and lambdas (`area_pixel_compute_source_index`,
    /// `compute_indices_weights_linear`), in the input's precision.
    private func linearTaps(dim: Int, input: Int, output: Int, scale: Double?, alignCorners: Bool) -> ResamplingTaps {
        var i0 = [Int](), i1 = [Int](), l0 = [Double](), l1 = [Double]()
        func compute<T: BinaryFloatingPoint>(_: T.Type) {
            let ratio: T = alignCorners
                ? (output > 1 ? T(input - 1) / T(output - 1) : 0)
                : (scale.map { T(1.0 / $0) } ?? T(input) / T(output))
            for o in 0..<output {
                let real: T = alignCorners ? ratio * T(o) : Swift.max(ratio * (T(o) + T(0.5)) - T(0.5), 0)
                let low = Int(real)
                let lambda1 = real - T(low)
                i0.append(low)
                i1.append(low + (low < input - 1 ? 1 : 0))
                l1.append(Double(lambda1))
                l0.append(Double(T(1) - lambda1))
            }
        }
        if dtype == .float32 { compute(Float.self) } else { compute(Double.self) }
        let rank = self.dim
        return ResamplingTaps(dim: dim, inputSize: input,
                              indices: [Tensor.indexTensor(i0, device: device), Tensor.indexTensor(i1, device: device)],
                              weights: [Tensor.alongDim(l0, dim: dim, rank: rank, dtype: dtype, device: device),
                                        Tensor.alongDim(l1, dim: dim, rank: rank, dtype: dtype, device: device)],
                              zeroSlot: false)
    }
}

// MARK: - Adaptive pooling

extension Tensor {
    /// Adaptive average pooling of `[N, C, L]` or `[C, L]` to `outputSize` positions
    /// (`torch.nn.functional.adaptive_avg_pool1d(input, output_size)`): window `i` spans
    /// `floor(i L / out) ..< ceil((i + 1) L / out)`.
    public func adaptiveAvgPool1d(outputSize: Int) -> Tensor {
        attempt {
            guard dim == 2 || dim == 3 else {
                throw TensorError.runtime("adaptive_avg_pool1d(): Expected 2D or 3D tensor, but got \(Tensor.sizeText(shape))")
            }
            return try unsqueeze(dim: -2).adaptiveAvgPooled2d([1, outputSize]).squeeze(dim: -2)
        }
    }

    /// Adaptive average pooling of `[N, C, H, W]` or `[C, H, W]` to `outputSize` (one number for
    /// both dims or one per dim) (`torch.nn.functional.adaptive_avg_pool2d(input, output_size)`).
    /// Recorded as `AdaptiveAvgPool2DBackward0`; see Note [Resampling as weighted gathers].
    public func adaptiveAvgPool2d(outputSize: [Int]) -> Tensor {
        attempt { try adaptiveAvgPooled2d(outputSize) }
    }

    /// Adaptive max pooling of `[N, C, H, W]` or `[C, H, W]` to `outputSize`
    /// (`torch.nn.functional.adaptive_max_pool2d(input, output_size)`). Recorded as
    /// `AdaptiveMaxPool2DBackward0`.
    public func adaptiveMaxPool2d(outputSize: [Int]) -> Tensor {
        adaptiveMaxPool2dWithIndices(outputSize: outputSize).values
    }

    /// `adaptiveMaxPool2d` with the flat index (into each `H * W` plane) of each maximum
    /// (`return_indices=True`).
    public func adaptiveMaxPool2dWithIndices(outputSize: [Int]) -> (values: Tensor, indices: Tensor) {
        let pair: [Tensor] = attempt { try adaptiveMaxPooled2d(outputSize) }
        return pair.count == 2 ? (pair[0], pair[1]) : (.errorPlaceholder, .errorPlaceholder)
    }

    /// Window `i` of `out` over `input` elements: PyTorch's `start_index ..< end_index`.
    static func adaptiveWindow(_ i: Int, input: Int, output: Int) -> Range<Int> {
        (i * input / output)..<((i + 1) * input + output - 1) / output
    }

    private func adaptiveChecks(_ outputSize: [Int], name: String) throws(TensorError) -> (Tensor, [Int]) {
        guard dim == 3 || dim == 4 else {
            throw TensorError.runtime("\(name)(): Expected 3D or 4D tensor, but got \(Tensor.sizeText(shape))")
        }
        for d in (dim - 2)..<dim where shape[d] == 0 {
            throw TensorError.runtime(
                "\(name)(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(Tensor.sizeText(shape)) with dimension \(d) being empty")
        }
        let out = try Tensor.windowArgument(outputSize, "output_size", dims: 2, minimum: 0)
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"\(name)\" not implemented for '\(dtype.scalarTypeName)'")
        }
        return (dim == 4 ? self : unsqueeze(dim: 0), out)
    }

    private func adaptiveAvgPooled2d(_ outputSize: [Int]) throws(TensorError) -> Tensor {
        let (x, out) = try adaptiveChecks(outputSize, name: "adaptive_avg_pool2d")
        let taps: [ResamplingTaps] = (0..<2).map { d in
            let input = x.shape[d + 2], windows = (0..<out[d]).map { Tensor.adaptiveWindow($0, input: input, output: out[d]) }
            let widest = windows.map(\.count).max() ?? 0
            var indices = [Tensor](), weights = [Tensor?]()
            for t in 0..<widest {
                // A window shorter than `t + 1` reads the zero appended at index `input`.
                indices.append(Tensor.indexTensor(windows.map { t < $0.count ? $0.lowerBound + t : input }, device: device))
                weights.append(Tensor.alongDim(windows.map { 1 / Double(Swift.max($0.count, 1)) }, dim: d + 2, rank: 4,
                                               dtype: dtype, device: device))
            }
            return ResamplingTaps(dim: d + 2, inputSize: input, indices: indices, weights: weights, zeroSlot: true)
        }
        let pooled = x.resampled(taps, name: "AdaptiveAvgPool2DBackward0")
        return dim == 4 ? pooled : pooled.squeeze(dim: 0)
    }

    private func adaptiveMaxPooled2d(_ outputSize: [Int]) throws(TensorError) -> [Tensor] {
        let (x, out) = try adaptiveChecks(outputSize, name: "adaptive_max_pool2d")
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let (values, indices): (Tensor, Tensor) = withNoGrad {
            var values = [Tensor](), indices = [Tensor]()
            for i in 0..<out[0] {
                let rows = Tensor.adaptiveWindow(i, input: h, output: out[0])
                for j in 0..<out[1] {
                    let cols = Tensor.adaptiveWindow(j, input: w, output: out[1])
                    let cell = x.narrow(dim: 2, start: rows.lowerBound, length: rows.count)
                        .narrow(dim: 3, start: cols.lowerBound, length: cols.count).reshape([n, c, rows.count * cols.count])
                    let (v, best) = cell.max(dim: 2)
                    let positions = Tensor.indexTensor(rows.flatMap { r in cols.map { r * w + $0 } }, device: x.device)
                    values.append(v)
                    indices.append(positions.indexSelect(dim: 0, index: best.reshape([-1])).view([n, c]))
                }
            }
            return (Tensor.stack(values, dim: 2).view([n, c] + out), Tensor.stack(indices, dim: 2).view([n, c] + out))
        }
        if Tensor.recording(x) { x.recordMaxPool("AdaptiveMaxPool2DBackward0", values, indices: indices) }
        return dim == 4 ? [values, indices] : [values.squeeze(dim: 0), indices.squeeze(dim: 0)]
    }
}

// MARK: - Pixel shuffle

extension Tensor {
    /// Rearranges `[*, C * r^2, H, W]` into `[*, C, H * r, W * r]`
    /// (`torch.nn.functional.pixel_shuffle(input, upscale_factor)`).
    public func pixelShuffle(upscaleFactor r: Int) -> Tensor {
        attempt {
            guard dim >= 3 else {
                throw TensorError.runtime("pixel_shuffle expects input to have at least 3 dimensions, but got input with \(dim) dimension(s)")
            }
            guard r > 0 else { throw TensorError.runtime("pixel_shuffle expects a positive upscale_factor, but got \(r)") }
            let c = shape[dim - 3], h = shape[dim - 2], w = shape[dim - 1], batch = Array(shape[..<(dim - 3)])
            guard c % (r * r) == 0 else {
                throw TensorError.runtime(
                    "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=\(c) is not divisible by \(r * r)")
            }
            let b = batch.count
            let permuted = reshape(batch + [c / (r * r), r, r, h, w])
                .permute(Array(0..<b) + [b, b + 3, b + 1, b + 4, b + 2])
            return permuted.reshape(batch + [c / (r * r), h * r, w * r])
        }
    }

    /// Rearranges `[*, C, H * r, W * r]` into `[*, C * r^2, H, W]`, `pixelShuffle`'s inverse
    /// (`torch.nn.functional.pixel_unshuffle(input, downscale_factor)`).
    public func pixelUnshuffle(downscaleFactor r: Int) -> Tensor {
        attempt {
            guard dim >= 3 else {
                throw TensorError.runtime("pixel_unshuffle expects input to have at least 3 dimensions, but got input with \(dim) dimension(s)")
            }
            guard r > 0 else { throw TensorError.runtime("pixel_unshuffle expects a positive downscale_factor, but got \(r)") }
            let c = shape[dim - 3], h = shape[dim - 2], w = shape[dim - 1], batch = Array(shape[..<(dim - 3)])
            guard h % r == 0 && w % r == 0 else {
                throw TensorError.runtime(h % r != 0
                    ? "pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=\(h) is not divisible by \(r)"
                    : "pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=\(w) is not divisible by \(r)")
            }
            let b = batch.count
            let permuted = reshape(batch + [c, h / r, r, w / r, r]).permute(Array(0..<b) + [b, b + 2, b + 4, b + 1, b + 3])
            return permuted.reshape(batch + [c * r * r, h / r, w / r])
        }
    }
}
