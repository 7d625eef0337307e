import EmberBackend

// MARK: - Derivatives of convolution
//
// Both directions record one `ConvolutionBackward0` node, as PyTorch's `convolution` does, and
// compute only the gradients their inputs need. The formulas are those of Note [Convolution as
// unfold and matrix products]; each is built from differentiable ops, so it records its own graph
// under `createGraph`.

extension Tensor {
    /// Records a convolution of this `[N, C, in...]` input (the batched, padded one the kernel saw).
    package func recordConvolution(_ out: Tensor, weight: Tensor, bias: Tensor?, window: SlidingWindow, groups: Int) {
        let needs = [requiresGrad, weight.requiresGrad, bias?.requiresGrad ?? false]
        let spatialDims = Array(2..<(2 + window.kernel.count))
        Tensor.record("ConvolutionBackward0", inputs: [self, weight, bias], outputs: [out], saving: [self, weight]) { g, s in
            let x = s[0], w = s[1], n = x.shape[0], channels = x.shape[1]
            let outChannels = w.shape[0], columns = w.shape[1] * window.kernelCount
            let gradOut = g[0].reshape([n, groups, outChannels / groups, window.outputCount])
            let gradInput = needs[0]
                ? w.reshape([groups, outChannels / groups, columns]).transpose(-1, -2).matmul(gradOut)
                    .reshape([n, channels * window.kernelCount, window.outputCount])
                    .foldedWindows(window, channels: channels)
                : nil
            let gradWeight = needs[1]
                ? gradOut.matmul(x.windows(window).view([n, groups, columns, window.outputCount]).transpose(-1, -2))
                    .sum(dim: 0).reshape(w.shape)
                : nil
            let gradBias = needs[2] ? g[0].sum(dims: [0] + spatialDims) : nil
            return [gradInput, gradWeight, gradBias]
        }
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
