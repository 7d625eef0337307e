import EmberBackend

// MARK: - Derivatives of joining, splitting and rearranging
//
// cat and stack hand each input its part of the gradient; the pieces of split and unbind join
// their gradients back; flip, roll, repeat, tril and triu map the gradient back through the
// same rearrangement.

extension Tensor {
    /// `cat(tensors, dim)`: `CatBackward0`, each input gets its part of the gradient; a skipped
    /// empty input (shape `[0]`) gets an empty gradient, as in PyTorch, and so do all inputs when
    /// every one was skipped.
    package static func recordCat(_ tensors: [Tensor], dim: Int, _ out: Tensor) {
        let reference = tensors.first { !($0.dim == 1 && $0.shape[0] == 0) }
        let d = reference.map { dim < 0 ? dim + $0.dim : dim } ?? 0
        var starts: [Int?] = []
        var start = 0
        for t in tensors {
            if let reference, !(t.dim == 1 && t.shape[0] == 0 && reference.dim != 1) {
                starts.append(start)
                start += d < t.dim ? t.shape[d] : 0
            } else {
                starts.append(nil)
            }
        }
        let shapes = tensors.map(\.shape)
        record("CatBackward0", inputs: tensors, outputs: [out]) { g, _ in
            zip(starts, shapes).map { start, shape in
                guard let start else { return Tensor.zeros(shape, dtype: g[0].dtype, device: g[0].device) }
                return g[0].narrow(dim: d, start: start, length: d < shape.count ? shape[d] : 0)
            }
        }
    }

    /// `stack(tensors, d)`: `StackBackward0`, each input gets its slice of the gradient.
    package static func recordStack(_ tensors: [Tensor], dim d: Int, _ out: Tensor) {
        let count = tensors.count
        record("StackBackward0", inputs: tensors, outputs: [out]) { g, _ in
            (0..<count).map { g[0].select(dim: d, index: $0) }
        }
    }

    /// Records the pieces of a split as one node (`SplitBackward0`, `SplitWithSizesBackward0`):
    /// their gradients joined back along `d`.
    package func recordSplit(_ pieces: [Tensor], dim d: Int, withSizes: Bool) {
        guard Tensor.recording(self), !pieces.isEmpty else { return }
        let name = withSizes ? "SplitWithSizesBackward0" : "SplitBackward0"
        Tensor.record(name, inputs: [self], outputs: pieces) { g, _ in [Tensor.cat(g, dim: d)] }
    }

    /// `unbind(d)`: `UnbindBackward0`, the pieces' gradients stacked back.
    package func recordUnbind(_ pieces: [Tensor], dim d: Int) {
        Tensor.record("UnbindBackward0", inputs: [self], outputs: pieces) { g, _ in [Tensor.stack(g, dim: d)] }
    }

    /// `flip(dims)`: `FlipBackward0`, the gradient flipped back.
    package func recordFlip(_ out: Tensor, dims flippedDims: [Int]) {
        Tensor.record("FlipBackward0", inputs: [self], outputs: [out]) { g, _ in [g[0].flip(dims: flippedDims)] }
    }

    /// `roll(shifts, dims)`: `RollBackward0`, the gradient rolled back.
    package func recordRoll(_ out: Tensor, shifts: [Int], dims: [Int]) {
        let back = shifts.map { -$0 }
        Tensor.record("RollBackward0", inputs: [self], outputs: [out]) { g, _ in [g[0].roll(back, dims: dims)] }
    }

    /// `repeat(repeats)`: `RepeatBackward0`, the gradient seen as `[r0, s0, r1, s1, ...]`
    /// (`interleavedShape`), summed over the repeats.
    package func recordRepeat(_ out: Tensor, interleavedShape split: [Int]) {
        let inputShape = shape, repeatDims = Array(Swift.stride(from: 0, to: split.count, by: 2))
        Tensor.record("RepeatBackward0", inputs: [self], outputs: [out]) { g, _ in
            let pieces = g[0].reshape(split)
            return [(repeatDims.isEmpty ? pieces : pieces.sum(dims: repeatDims)).reshape(inputShape)]
        }
    }

    /// `tril(diagonal)` (`TrilBackward0`) or `triu(diagonal)` (`TriuBackward0`): the gradient
    /// masked the same way.
    package func recordTriangle(_ out: Tensor, _ diagonal: Int, lower: Bool) {
        Tensor.record(lower ? "TrilBackward0" : "TriuBackward0", inputs: [self], outputs: [out]) { g, _ in
            [lower ? g[0].tril(diagonal: diagonal) : g[0].triu(diagonal: diagonal)]
        }
    }
}
