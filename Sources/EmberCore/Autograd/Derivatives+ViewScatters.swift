import EmberBackend

// MARK: - Derivatives of diagonal_scatter, select_scatter and slice_scatter

extension Tensor {
    /// Records `out`, this tensor with `src` written into a view of it, as `name`
    /// (`DiagonalScatterBackward0`, `SelectScatterBackward0`, `SliceScatterBackward0`): the
    /// written view passes no gradient to `self` (`scatter(grad, zeros)`), and `src` gets the
    /// gradient's view (`view(grad)`). Both are recorded ops, so double backward works.
    /// `view` and `scatter` must capture no tensors.
    package func recordViewScatter(
        _ out: Tensor, _ src: Tensor, _ name: String, view: @escaping (Tensor) -> Tensor,
        scatter: @escaping (Tensor, Tensor) -> Tensor
    ) {
        let srcShape = src.shape
        Tensor.record(name, inputs: [self, src], outputs: [out]) { g, _ in
            let grad = g[0]
            return [scatter(grad, Tensor.zeros(srcShape, dtype: grad.dtype, device: grad.device)), view(grad)]
        }
    }
}
