import EmberBackend

// MARK: - Broadcasting

/// The broadcast shape of two shapes (PyTorch's `infer_size`), or PyTorch's error, which names
/// the last mismatched dimension, as PyTorch walks the dimensions from the end.
package func broadcastShapes(_ a: Dims, _ b: Dims) throws(TensorError) -> Dims {
    if a == b { return a }
    let rank = max(a.count, b.count)
    var out = Dims(repeating: 1, count: rank)
    for i in (0..<rank).reversed() {
        let da = i - (rank - a.count), db = i - (rank - b.count)
        let sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1
        guard sa == sb || sa == 1 || sb == 1 else {
            throw TensorError.runtime(
                "The size of tensor a (\(sa)) must match the size of tensor b (\(sb)) at non-singleton dimension \(i)")
        }
        out[i] = sa == 1 ? sb : sa
    }
    return out
}

extension Layout {
    /// This layout seen with `shape` (right-aligned; new and size-1 dims get stride 0), or nil if
    /// the shapes are not compatible.
    package func broadcast(to shape: Dims) -> Layout? {
        if self.shape == shape { return self }
        guard shape.count >= rank else { return nil }
        var strides = Dims(repeating: 0, count: shape.count)
        let lead = shape.count - rank
        for i in 0..<rank {
            let size = self.shape[i], target = shape[lead + i]
            if size == target {
                strides[lead + i] = self.strides[i]
            } else if size == 1 {
                strides[lead + i] = 0
            } else {
                return nil
            }
        }
        return Layout(shape: shape, strides: strides, offset: offset)
    }
}

extension Tensor {
    /// The layout of this tensor broadcast to `shape`, or PyTorch's error.
    package func broadcastLayout(to shape: Dims) throws(TensorError) -> Layout {
        if let l = layout.broadcast(to: shape) { return l }
        _ = try broadcastShapes(shape, layout.shape)
        throw TensorError.runtime("output with shape \(shape) doesn't match the broadcast shape \(try broadcastShapes(shape, layout.shape))")
    }
}
