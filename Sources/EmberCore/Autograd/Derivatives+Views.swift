import EmberBackend

// MARK: - Derivatives of the view ops
//
// One entry per view op: the node name and the formula that maps the view's gradient back to
// the input's shape. Views save nothing but as_strided's element map; the formulas capture
// shapes and dims. Views that pick out part of their input (slice, select, diagonal, unfold,
// as_strided) scatter the gradient into zeros of the input's shape (see `viewScatter` in
// Tensor+ViewGradients.swift), itself differentiable as `...BackwardBackward0`. A view whose
// base was written in place since gets `AsStridedBackward0` of the base's new history there too
// (`refreshViewHistory`).

extension Tensor {
    /// Records a view's node when this tensor takes part in autograd. `backward` maps the
    /// view's gradient to this tensor's shape; it must capture no tensors.
    @inline(__always)
    package func recordingView(_ view: Tensor, _ name: String, _ backward: @escaping (Tensor) -> Tensor) -> Tensor {
        if Tensor.recording(self) {
            Tensor.record(name, inputs: SmallList(self), output: view, formula: .view(backward))
        }
        return view
    }
}

// MARK: Reshaping

extension Tensor {
    /// `view` (and `reshape` when it gives a view) of this tensor: `ViewBackward0`.
    package func recordView(_ view: Tensor) -> Tensor {
        let input = shape
        return recordingView(view, "ViewBackward0") { $0.reshape(input) }
    }

    /// `reshape` through a contiguous copy (this tensor): `UnsafeViewBackward0`.
    package func recordUnsafeView(_ view: Tensor) -> Tensor {
        let input = shape
        return recordingView(view, "UnsafeViewBackward0") { $0.reshape(input) }
    }

    /// A view that changes nothing (`self[...]`): `AliasBackward0`.
    package func recordAlias(_ view: Tensor) -> Tensor {
        recordingView(view, "AliasBackward0") { $0 }
    }
}

// MARK: Reordering dims

extension Tensor {
    /// `transpose(a, b)`: `TransposeBackward0`, the gradient transposed back (as it is for a 0-D
    /// tensor, `isScalar`).
    package func recordTranspose(_ view: Tensor, _ a: Int, _ b: Int, isScalar: Bool = false) -> Tensor {
        if isScalar { return recordingView(view, "TransposeBackward0") { $0 } }
        return recordingView(view, "TransposeBackward0") { $0.transpose(a, b) }
    }

    /// `t()`: `TBackward0`.
    package func recordT(_ view: Tensor) -> Tensor {
        recordingView(view, "TBackward0") { $0.t() }
    }

    /// `permute(dims)`: `PermuteBackward0`, the gradient permuted by the `inverse` order.
    package func recordPermute(_ view: Tensor, inverse: [Int]) -> Tensor {
        recordingView(view, "PermuteBackward0") { $0.permute(inverse) }
    }
}

// MARK: Adding and removing dims

extension Tensor {
    /// `squeeze()` (`SqueezeBackward0`) or `squeeze(dim)` (`SqueezeBackward1`).
    package func recordSqueeze(_ view: Tensor, allDims: Bool) -> Tensor {
        let input = shape
        return recordingView(view, allDims ? "SqueezeBackward0" : "SqueezeBackward1") { $0.reshape(input) }
    }

    /// `unsqueeze(d)`: `UnsqueezeBackward0`.
    package func recordUnsqueeze(_ view: Tensor, dim d: Int) -> Tensor {
        recordingView(view, "UnsqueezeBackward0") { $0.squeeze(dim: d) }
    }

    /// `expand(sizes)`: `ExpandBackward0`; the engine sums the gradient back to this tensor's shape.
    package func recordExpand(_ view: Tensor) -> Tensor {
        recordingView(view, "ExpandBackward0") { $0 }
    }
}

// MARK: Selecting parts

extension Tensor {
    /// `slice` recorded as `SliceBackward0`, whose gradient is itself differentiable
    /// (`SliceBackwardBackward0`, the slice again).
    package func recordSlice(_ view: Tensor, dim d: Int, start: Int, end: Int, step: Int) -> Tensor {
        let input = shape
        return recordingView(view, "SliceBackward0") { g in
            Tensor.viewScatter(g, shape: input, name: "SliceBackwardBackward0") { gg in
                attempt { try gg.slicing(d, start: start, end: end, step: step) }
            }
        }
    }

    /// `select(d, i)`: `SelectBackward0` (`SelectBackwardBackward0`).
    package func recordSelect(_ view: Tensor, dim d: Int, index i: Int) -> Tensor {
        let input = shape
        return recordingView(view, "SelectBackward0") { g in
            Tensor.viewScatter(g, shape: input, name: "SelectBackwardBackward0") { $0.select(dim: d, index: i) }
        }
    }

    /// A diagonal view: `DiagonalBackward0` (`DiagonalBackwardBackward0`). `reView` takes the
    /// same diagonal of a tensor shaped like this one (`diagonal`, or einsum's repeated labels);
    /// it must be a recorded view op and capture no tensors.
    package func recordDiagonal(_ view: Tensor, reView: @escaping (Tensor) -> Tensor) -> Tensor {
        let input = shape
        return recordingView(view, "DiagonalBackward0") { g in
            Tensor.viewScatter(g, shape: input, name: "DiagonalBackwardBackward0", view: reView)
        }
    }

    /// Records `view = self.as_strided(...)` as `AsStridedBackward0`: the gradient is added back
    /// at the storage positions the view reads (positions it reads twice get both gradients).
    package func recordAsStrided(_ view: Tensor) {
        guard Tensor.recording(self) else { return }
        let map = ElementMap(view: view.layout, base: layout, device: device)
        let inputShape = shape
        Tensor.record("AsStridedBackward0", inputs: [self], outputs: [view], saving: map.saved) { g, s in
            [ElementMap.scatter(g[0], saved: s, baseShape: inputShape)]
        }
    }

    /// Records `view = self.unfold(d, size, step)` as `UnfoldBackward0`: overlapping windows add
    /// their gradients (PyTorch's `unfold_backward`, differentiable as `UnfoldBackwardBackward0`).
    package func recordUnfold(_ view: Tensor, dim d: Int, size: Int, step: Int) {
        guard Tensor.recording(self) else { return }
        let inputShape = shape
        Tensor.record("UnfoldBackward0", inputs: [self], outputs: [view]) { g, _ in
            [Tensor.viewScatter(g[0], shape: inputShape, name: "UnfoldBackwardBackward0", overlapping: true) {
                $0.unfold(dim: d, size: size, step: step)
            }]
        }
    }
}
