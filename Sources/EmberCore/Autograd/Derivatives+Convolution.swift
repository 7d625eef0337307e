import EmberBackend

// MARK: - Derivatives of convolution, pooling, padding and resampling
//
// Both directions record one `ConvolutionBackward0` node, as PyTorch's `convolution` does, and
// compute only the gradients their inputs need. The formulas are those of Note [Convolution as
// unfold and matrix products]; each is built from differentiable ops, so it records its own graph
// under `createGraph`.

extension Tensor {
    /// Records a convolution of this `[N, C, in...]` input (the batched, padded one the kernel saw).
    package func recordConvolution(_ out: Tensor, weight: Tensor, bias: Tensor?, window: SlidingWindow, groups: Int,
                                   columns: Tensor? = nil) {
        let needs = [requiresGrad, weight.requiresGrad, bias?.requiresGrad ?? false]
        let spatialDims = Array(2..<(2 + window.kernel.count))
        let saving = [self, weight] + (columns.map { [$0] } ?? [])
        Tensor.record("ConvolutionBackward0", inputs: [self, weight, bias], outputs: [out], saving: saving) { g, s in
            let x = s[0], w = s[1], n = x.shape[0], channels = x.shape[1]
            let outChannels = w.shape[0], columns = w.shape[1] * window.kernelCount
            let gradOut = g[0].reshape([n, groups, outChannels / groups, window.outputCount])
            // w^T made contiguous once, so that the product of each image reads it in place
            // instead of packing it again.
            let wT = w.reshape([groups, outChannels / groups, columns]).transpose(-1, -2)
            let gradInput = needs[0]
                ? Tensor.convolutionInputGradient(g[0], w, window, groups)
                    ?? (n > 1 ? wT.contiguous() : wT).matmul(gradOut)
                        .reshape([n, channels * window.kernelCount, window.outputCount])
                        .foldedWindows(window, channels: channels)
                : nil
            // As (columns @ gradOut^T)^T: the large columns are then the product's A, read in
            // place by rows, and only the small gradient is read across its rows.
            // The forward's columns, when it kept them and this backward records no graph.
            func unfolded() -> Tensor {
                s.count > 2 && !isGradEnabled ? s[2] : x.windows(window).view([n, groups, columns, window.outputCount])
            }
            let gradWeight = needs[1]
                ? unfolded().matmul(gradOut.transpose(-1, -2))
                    .sum(dim: 0).transpose(-1, -2).reshape(w.shape)
                : nil
            let gradBias = needs[2] ? g[0].sum(dims: [0] + spatialDims) : nil
            return [gradInput, gradWeight, gradBias]
        }
    }

    /// A stride-1 convolution's first-order input gradient as a convolution of the output gradient
    /// `g [N, Co, out...]` with the weight `w [Co, C / groups, kernel...]` flipped in space and with
    /// its channel dims swapped per group, padded by `dilation * (kernel - 1) - padding`: input
    /// position `i` receives `g[o] * w[k]` from every output `o` and kernel element `k` with `o -
    /// padding + k * dilation = i`, and with `k' = kernel - 1 - k` these are the positions `i -
    /// (dilation * (kernel - 1) - padding) + k' * dilation` that window reads. Runs on the
    /// backend's direct kernel (see `directConvolution`); nil where that does not apply (a stride,
    /// padding beyond the kernel's reach, no kernel, a graph being recorded), and the caller folds
    /// instead.
    static func convolutionInputGradient(_ g: Tensor, _ w: Tensor, _ window: SlidingWindow, _ groups: Int) -> Tensor? {
        let s = window.kernel.count
        guard !isGradEnabled, window.stride.allSatisfy({ $0 == 1 }),
              (0..<s).allSatisfy({ window.padding[$0] <= window.dilation[$0] * (window.kernel[$0] - 1) }) else {
            return nil
        }
        let outChannels = w.shape[0], channels = w.shape[1] * groups
        let flipped = w.reshape([groups, outChannels / groups, w.shape[1]] + window.kernel).transpose(1, 2)
            .flip(dims: Array(3..<(3 + s))).reshape([channels, outChannels / groups] + window.kernel)
        let reach = (0..<s).map { window.dilation[$0] * (window.kernel[$0] - 1) - window.padding[$0] }
        let transposed = SlidingWindow(kernel: window.kernel, dilation: window.dilation, padding: reach,
                                       stride: window.stride, inputSize: window.outputSize)
        guard transposed.outputSize == window.inputSize else { return nil }
        return directConvolution(g, flipped, transposed, groups)
    }

    /// Records a transposed convolution of this `[N, C, in...]` input; `window` is that of the
    /// convolution it inverts.
    package func recordTransposedConvolution(_ out: Tensor, weight: Tensor, bias: Tensor?, window: SlidingWindow, groups: Int) {
        let needs = [requiresGrad, weight.requiresGrad, bias?.requiresGrad ?? false]
        let spatialDims = Array(2..<(2 + window.kernel.count))
        Tensor.record("ConvolutionBackward0", inputs: [self, weight, bias], outputs: [out], saving: [self, weight]) { g, s in
            let x = s[0], w = s[1], n = x.shape[0], inChannels = x.shape[1]
            let columns = w.shape[1] * window.kernelCount
            // The input gradient of a transposed convolution is the convolution of the gradient.
            let gradInput = needs[0] ? Tensor.convolutionForward(g[0], w, nil, window, groups) : nil
            let gradWeight = needs[1]
                ? x.reshape([n, groups, inChannels / groups, window.outputCount])
                    .matmul(g[0].windows(window).view([n, groups, columns, window.outputCount]).transpose(-1, -2))
                    .sum(dim: 0).reshape(w.shape)
                : nil
            let gradBias = needs[2] ? g[0].sum(dims: [0] + spatialDims) : nil
            return [gradInput, gradWeight, gradBias]
        }
    }
}

// MARK: - Sliding windows, pooling, padding and resampling
//
// Each backward is made of differentiable ops (fold and unfold are each other's adjoint,
// scatter_add and index_add gather back), so it records its own graph under `createGraph`.

extension Tensor {
    /// Records `windows(_:)` (im2col) of this `[N, C, ...]` tensor as `Im2ColBackward0`.
    package func recordWindows(_ out: Tensor, _ window: SlidingWindow, channels c: Int) {
        Tensor.record("Im2ColBackward0", inputs: [self], outputs: [out]) { g, _ in
            [g[0].foldedWindows(window, channels: c)]
        }
    }

    /// Records `foldedWindows(_:channels:)` (col2im) as `Col2ImBackward0`.
    package func recordFoldedWindows(_ out: Tensor, _ window: SlidingWindow) {
        Tensor.record("Col2ImBackward0", inputs: [self], outputs: [out]) { g, _ in
            [g[0].windows(window)]
        }
    }

    /// Records a constant `pad` by `padding` (PyTorch's pad list) as `ConstantPadNdBackward0`: the
    /// gradient is the output gradient padded by the negated amounts, which crops it.
    package func recordConstantPad(_ out: Tensor, padding: [Int]) {
        let negated = padding.map { -$0 }
        Tensor.record("ConstantPadNdBackward0", inputs: [self], outputs: [out]) { g, _ in
            [g[0].pad(negated)]
        }
    }

    /// Records a max pooling of this `[N, C, H, W]` input whose maxima sit at the flat `indices`
    /// (into each `H * W` plane): the gradient is the output gradient added at those indices.
    package func recordMaxPool(_ name: String, _ values: Tensor, indices: Tensor) {
        let n = shape[0], c = shape[1], plane = shape[2] * shape[3], full = shape
        let l = values.numel / Swift.max(n * c, 1)
        Tensor.record(name, inputs: [self], outputs: [values], saving: [indices]) { g, s in
            // First order: the backend's scatter kernel (see Note [Fused first-order backward]).
            if !isGradEnabled, s[0].layout.isContiguous, g[0].dtype.isFloatingPoint,
               let grad = try? Tensor.uninitialized(Dims(full), dtype: g[0].dtype, device: g[0].device) {
                let gradient = g[0].contiguous()
                if g[0].backend.maxPoolBackward(gradient.buffer, indices: s[0].buffer, into: grad.buffer) { return [grad] }
            }
            let grad = Tensor.zeros([n, c, plane], dtype: g[0].dtype, device: g[0].device)
                .scatterAdd(dim: 2, index: s[0].reshape([n, c, l]), src: g[0].reshape([n, c, l]))
            return [grad.view(full)]
        }
    }

    /// Records an average pooling of this `[N, C, H, W]` input as `AvgPool2DBackward0`: the
    /// gradient divided by each window's divisor, spread over the window and folded back.
    package func recordAvgPool(_ out: Tensor, _ window: SlidingWindow, divisor: Tensor) {
        let n = shape[0], c = shape[1], k = window.kernelCount, l = window.outputCount
        Tensor.record("AvgPool2DBackward0", inputs: [self], outputs: [out], saving: [divisor]) { g, s in
            let spread = (g[0].reshape([n, c, 1, l]) / s[0]).expand([n, c, k, l]).reshape([n, c * k, l])
            return [spread.foldedWindows(window, channels: c)]
        }
    }

    /// Records `resampled(_:name:)` as `name`: the adjoint of Note [Resampling as weighted
    /// gathers], an `index_add` of the weighted gradient per tap, the first dim first.
    package func recordResampling(_ out: Tensor, _ taps: [ResamplingTaps], name: String) {
        let saved = taps.flatMap { t in t.indices + t.weights.compactMap { $0 } }
        Tensor.record(name, inputs: [self], outputs: [out], saving: saved) { g, _ in
            var grad = g[0]
            for t in taps {
                var shape = grad.shape
                shape[t.dim] = t.inputSize + (t.zeroSlot ? 1 : 0)
                var sum = Tensor.zeros(shape, dtype: grad.dtype, device: grad.device)
                for (index, weight) in zip(t.indices, t.weights) {
                    sum = sum.indexAdd(dim: t.dim, index: index, source: weight.map { grad * $0 } ?? grad)
                }
                grad = t.zeroSlot ? sum.narrow(dim: t.dim, start: 0, length: t.inputSize) : sum
            }
            return [grad]
        }
    }
}
