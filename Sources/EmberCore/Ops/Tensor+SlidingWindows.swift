import EmberBackend

// MARK: - Sliding windows: unfold (im2col) and fold (col2im)
//
// The two kernels of Note [Sliding windows] (CPUBackend+Windows.swift) as differentiable ops, each
// the other's adjoint: convolution and pooling are built on them (Tensor+Convolution.swift,
// Tensor+Pooling.swift), and so are their gradients, which stay differentiable.

extension Tensor {
    /// Every window of this `[N, C, spatial...]` tensor as rows: `[N, C * window.kernelCount,
    /// window.outputCount]` (`Im2ColBackward0`).
    package func windows(_ window: SlidingWindow) -> Tensor {
        let n = shape[0], c = shape[1]
        let out: Tensor = attempt {
            let out = try Tensor.uninitialized(Dims([n, c * window.kernelCount, window.outputCount]), dtype: dtype, device: device)
            if out.numel > 0 {
                let input = contiguous()
                backend.unfold(input.buffer, window: window, into: out.buffer)
            }
            return out
        }
        if Tensor.recording(self) { recordWindows(out, window, channels: c) }
        return out
    }

    /// `windows(_:)`'s adjoint: each element of this `[N, C * window.kernelCount,
    /// window.outputCount]` tensor added into the input position it was read from, giving `[N, C,
    /// window.inputSize...]` (`Col2ImBackward0`).
    package func foldedWindows(_ window: SlidingWindow, channels c: Int) -> Tensor {
        let n = shape[0]
        let out: Tensor = attempt {
            let out = try Tensor.uninitialized(Dims([n, c] + window.inputSize), dtype: dtype, device: device)
            if out.numel > 0 {
                if numel == 0 {
                    backend.fill(out.buffer, with: .int(0))
                } else {
                    let columns = contiguous()  // named: see Note [Buffers do not own their memory]
                    backend.fold(columns.buffer, window: window, into: out.buffer)
                }
            }
            return out
        }
        if Tensor.recording(self) { recordFoldedWindows(out, window) }
        return out
    }
}

// MARK: - Public unfold and fold

extension Tensor {
    /// Extracts sliding local blocks of a batched 4-D (or unbatched 3-D) tensor
    /// (`torch.nn.functional.unfold(input, kernel_size, dilation=1, padding=0, stride=1)`, im2col):
    /// `[N, C, H, W]` becomes `[N, C * kh * kw, L]`, L the number of window positions. Each of
    /// `kernelSize`, `dilation`, `padding` and `stride` holds one number for both spatial dims or
    /// one per dim. Recorded as `Im2ColBackward0`.
    public func unfold(kernelSize: [Int], dilation: [Int] = [1], padding: [Int] = [0], stride: [Int] = [1]) -> Tensor {
        attempt {
            guard dim == 3 || dim == 4 else {
                throw TensorError.runtime(
                    "Input Error: Only 3D or 4D input Tensors are supported (got \(dim)D)")
            }
            let batched = dim == 4 ? self : unsqueeze(dim: 0)
            let k = try Tensor.windowArgument(kernelSize, "kernel_size", dims: 2)
            let d = try Tensor.windowArgument(dilation, "dilation", dims: 2)
            let p = try Tensor.windowArgument(padding, "padding", dims: 2, minimum: 0)
            let s = try Tensor.windowArgument(stride, "stride", dims: 2)
            let spatial = Array(batched.shape[2...])
            let window = SlidingWindow(kernel: k, dilation: d, padding: p, stride: s, inputSize: spatial)
            for i in 0..<2 where spatial[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1 < 0 {
                throw TensorError.runtime(
                    "Given input with spatial size (\(spatial[0]), \(spatial[1])), kernel_size=(\(k[0]), \(k[1])), dilation=(\(d[0]), \(d[1])), padding=(\(p[0]), \(p[1])), calculated shape of the array of sliding blocks as (\(window.outputSize[0]), \(window.outputSize[1])), but its components must be at least one.")
            }
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"im2col_out_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            let out = batched.windows(window)
            return dim == 4 ? out : out.squeeze(dim: 0)
        }
    }

    /// Combines sliding local blocks into a tensor (`torch.nn.functional.fold(input, output_size,
    /// kernel_size, dilation=1, padding=0, stride=1)`, col2im), `unfold`'s adjoint: `[N, C * kh *
    /// kw, L]` (or unbatched `[C * kh * kw, L]`) becomes `[N, C, outputSize[0], outputSize[1]]`,
    /// overlapping values summed. Recorded as `Col2ImBackward0`.
    public func fold(outputSize: [Int], kernelSize: [Int], dilation: [Int] = [1], padding: [Int] = [0],
                     stride: [Int] = [1]) -> Tensor {
        attempt {
            guard dim == 2 || dim == 3 else {
                throw TensorError.runtime(
                    "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: \(Tensor.sizeText(shape))")
            }
            let batched = dim == 3 ? self : unsqueeze(dim: 0)
            let size = try Tensor.windowArgument(outputSize, "output_size", dims: 2)
            let k = try Tensor.windowArgument(kernelSize, "kernel_size", dims: 2)
            let d = try Tensor.windowArgument(dilation, "dilation", dims: 2)
            let p = try Tensor.windowArgument(padding, "padding", dims: 2, minimum: 0)
            let s = try Tensor.windowArgument(stride, "stride", dims: 2)
            let kernelCount = k[0] * k[1]
            guard batched.shape[1] % kernelCount == 0 else {
                throw TensorError.runtime(
                    "Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=\(batched.shape[1]) and kernel_size=(\(k[0]), \(k[1])).")
            }
            let window = SlidingWindow(kernel: k, dilation: d, padding: p, stride: s, inputSize: size)
            guard window.outputSize.allSatisfy({ $0 > 0 }), window.outputCount == batched.shape[2] else {
                throw TensorError.runtime(
                    "Given output_size=(\(size[0]), \(size[1])), kernel_size=(\(k[0]), \(k[1])), dilation=(\(d[0]), \(d[1])), padding=(\(p[0]), \(p[1])), stride=(\(s[0]), \(s[1])), expected size of input's dimension 2 to match the calculated number of sliding blocks \(window.outputSize[0]) * \(window.outputSize[1]) = \(window.outputCount), but got input.size(2)=\(batched.shape[2]).")
            }
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"col2im_out_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            let out = batched.foldedWindows(window, channels: batched.shape[1] / kernelCount)
            return dim == 3 ? out : out.squeeze(dim: 0)
        }
    }

    /// A window argument (kernel size, stride, padding, dilation, output size) of one number for
    /// every spatial dim or one per dim, checked as PyTorch's: positive (non-negative for padding).
    package static func windowArgument(_ values: [Int], _ name: String, dims: Int, minimum: Int = 1) throws(TensorError) -> [Int] {
        let expanded: [Int]
        if values.count == 1 {
            expanded = Array(repeating: values[0], count: dims)
        } else if values.count == dims {
            expanded = values
        } else {
            throw TensorError.runtime("\(name) must be a single int or a tuple of \(dims) ints, but got \(values.count) values")
        }
        for v in expanded where v < minimum {
            throw TensorError.runtime(minimum == 0
                ? "\(name) should be non-negative, but got \(name)=\(sizeText(expanded))"
                : "\(name) should be greater than zero, but got \(name)=\(sizeText(expanded))")
        }
        return expanded
    }

    /// `[a, b, c]`, as PyTorch prints a size list.
    package static func sizeText(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }
}
