import EmberBackend

// MARK: - Gradients of views
//
// A view's gradient is its input's shape with the view's gradient written (or, for views whose
// elements overlap, added) into the part the view covers. Each of these is recorded as an op of
// its own whose derivative is the view again, so `createGraph: true` differentiates through
// slicing twice (PyTorch's `SliceBackwardBackward0`, `SelectBackwardBackward0`...).

extension Tensor {
    /// Zeros of `shape` with `g` written into the part `view` selects (PyTorch's `slice_backward`,
    /// `select_backward`, `diagonal_backward`, `unfold_backward`). With `overlapping`, elements
    /// the view reaches more than once get the sum of their gradients. Recorded as `name` when
    /// `g` requires grad; its derivative is `view` applied to the incoming gradient. `view` must
    /// be a recorded view op and capture no tensors.
    package static func viewScatter(
        _ g: Tensor, shape: [Int], name: String, overlapping: Bool = false, view: @escaping (Tensor) -> Tensor
    ) -> Tensor {
        let full = withNoGrad { () -> Tensor in
            let numel = shape.reduce(1, *)
            if overlapping {
                let positions = view(Tensor.arange(numel, device: g.device).view(shape)).reshape([-1])
                return Tensor.zeros([numel], dtype: g.dtype, device: g.device)
                    .indexAdd(dim: 0, index: positions, source: g.reshape([-1])).view(shape)
            }
            let full = Tensor.zeros(shape, dtype: g.dtype, device: g.device)
            view(full).copy_(g)
            return full
        }
        if Tensor.recording(g) {
            record(name, inputs: [g], outputs: [full]) { gg, _ in [view(gg[0])] }
        }
        return full
    }
}

// MARK: - Element maps

/// Where the elements of a view sit among the elements of another tensor on the same storage,
/// found through their storage positions (how `asStrided`, writes through views and views whose
/// base changed route their gradients, as PyTorch's `as_strided_backward` does).
package struct ElementMap {
    /// For each element of the view that lies on an element of the base, in row-major order, its
    /// row-major index in the base (int64, 1-D).
    package let baseIndex: Tensor
    /// Which elements of the view those are (int64, 1-D); `nil` when every element of the view
    /// lies on the base, the usual case.
    package let viewIndex: Tensor?
    /// The base's elements the view covers (bool, the base's element count).
    package let covered: [Bool]

    /// Maps `view`'s elements to `base`'s through the storage both lay out.
    package init(view: Layout, base: Layout, device: Device) {
        func extent(_ l: Layout) -> (Int, Int)? {
            guard l.count > 0 else { return nil }
            var high = l.offset
            for d in 0..<l.rank { high += (l.shape[d] - 1) * l.strides[d] }
            return (l.offset, high)
        }
        let spans = [extent(view), extent(base)].compactMap { $0 }
        let low = spans.map(\.0).min() ?? 0, high = spans.map(\.1).max() ?? -1
        var owner = [Int](repeating: -1, count: max(high - low + 1, 0))
        for j in 0..<base.count { owner[base.offset(ofFlat: j) - low] = j }
        var baseIndices: [Int64] = [], viewIndices: [Int64] = []
        baseIndices.reserveCapacity(view.count)
        var covered = [Bool](repeating: false, count: base.count)
        for k in 0..<view.count {
            let j = owner[view.offset(ofFlat: k) - low]
            guard j >= 0 else { continue }
            baseIndices.append(Int64(j))
            viewIndices.append(Int64(k))
            covered[j] = true
        }
        baseIndex = Tensor(shape: [baseIndices.count], data: baseIndices, device: device)
        viewIndex = baseIndices.count == view.count
            ? nil : Tensor(shape: [viewIndices.count], data: viewIndices, device: device)
        self.covered = covered
    }

    /// The tensors to save for a backward closure: `baseIndex`, then `viewIndex` if any.
    package var saved: [Tensor] { [baseIndex] + (viewIndex.map { [$0] } ?? []) }

    /// The gradient of a view for its base: zeros of `baseShape` with `g` added at the elements
    /// the view covers (`saved` holds `baseIndex` and, when present, `viewIndex`).
    package static func scatter(_ g: Tensor, saved s: [Tensor], baseShape: [Int]) -> Tensor {
        var values = g.reshape([-1])
        if s.count > 1 { values = values.indexSelect(dim: 0, index: s[1]) }
        return Tensor.zeros([baseShape.reduce(1, *)], dtype: g.dtype, device: g.device)
            .indexAdd(dim: 0, index: s[0], source: values).view(baseShape)
    }

    /// The part of a base-shaped `g` that a view covers, in the view's shape (zeros where the
    /// view lies outside the base).
    package static func gather(_ g: Tensor, saved s: [Tensor], viewShape: [Int]) -> Tensor {
        let values = g.reshape([-1]).indexSelect(dim: 0, index: s[0])
        guard s.count > 1 else { return values.view(viewShape) }
        return Tensor.zeros([viewShape.reduce(1, *)], dtype: g.dtype, device: g.device)
            .indexAdd(dim: 0, index: s[1], source: values).view(viewShape)
    }
}

// MARK: - Views whose base changed

extension Tensor {
    /// A view whose storage was written in place since its `gradFn` was set gets a new one:
    /// `AsStridedBackward0` of its base's current history (PyTorch regenerates a view's `grad_fn`
    /// when its version changed). Called where the history is read.
    @inline(__always)
    package func refreshViewHistory() {
        guard let seen = history.viewVersion, seen != storage.version else { return }
        regenerateViewHistory()
    }

    private func regenerateViewHistory() {
        guard let base = viewBase, base.requiresGrad else {
            history.viewVersion = storage.version
            return
        }
        recordAsViewOf(base)
    }

    /// Makes this view `AsStridedBackward0` of `base` (its root), as after a write through it.
    package func recordAsViewOf(_ base: Tensor) {
        let map = ElementMap(view: layout, base: base.layout, device: device)
        let baseShape = base.shape
        Tensor.record("AsStridedBackward0", inputs: [base], outputs: [self], saving: map.saved) { g, s in
            [ElementMap.scatter(g[0], saved: s, baseShape: baseShape)]
        }
        history.viewVersion = storage.version
    }
}
