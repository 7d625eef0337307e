import EmberBackend

// MARK: - Derivatives of sorting and selecting by rank
//
// sort, topk and kthvalue return elements of their input picked along a dim, with the positions
// they came from: the gradient is scattered back to those positions (the saved indices).

extension Tensor {
    /// `sort(dim: d)`: `SortBackward0`.
    package func recordSort(values: Tensor, indices: Tensor, dim d: Int) {
        recordSelected("SortBackward0", values: values, indices: indices, dim: d, keepdim: true)
    }

    /// `topk(k, dim: d)`: `TopkBackward0`.
    package func recordTopk(values: Tensor, indices: Tensor, dim d: Int) {
        recordSelected("TopkBackward0", values: values, indices: indices, dim: d, keepdim: true)
    }

    /// `kthvalue(k, dim: d, keepdim:)`: `KthvalueBackward0`.
    package func recordKthvalue(values: Tensor, indices: Tensor, dim d: Int, keepdim: Bool) {
        recordSelected("KthvalueBackward0", values: values, indices: indices, dim: d, keepdim: keepdim)
    }

    /// `median(dim:)`, `nanmedian(dim:)`, `mode(dim:)` and the other ops whose values are
    /// elements of this tensor picked along `d` at `indices`, recorded as `name`
    /// (`MedianBackward1`, `NanmedianBackward1`, `ModeBackward0`...).
    package func recordSelection(_ name: String, values: Tensor, indices: Tensor, dim d: Int, keepdim: Bool) {
        recordSelected(name, values: values, indices: indices, dim: d, keepdim: keepdim)
    }

    /// Records an op whose values are elements of this tensor picked along `d` at `indices`
    /// (sort, topk, kthvalue): the gradient is scattered back to those positions.
    private func recordSelected(_ name: String, values: Tensor, indices: Tensor, dim d: Int, keepdim: Bool) {
        guard Tensor.recording(self) else { return }
        let inputShape = shape
        Tensor.record(name, inputs: [self], outputs: [values], saving: [indices]) { g, s in
            if inputShape.isEmpty { return [g[0].reshape(inputShape)] }
            let grad = keepdim ? g[0] : g[0].unsqueeze(dim: d), index = keepdim ? s[0] : s[0].unsqueeze(dim: d)
            return [Tensor.zeros(inputShape, dtype: grad.dtype, device: grad.device).scatterAdd(dim: d, index: index, src: grad)]
        }
    }
}
