import EmberBackend

// MARK: - take, masked_select, nonzero, one_hot

extension Tensor {
    /// The elements at flat (row-major) positions `index`, shaped like `index`; negative
    /// positions count from the end (`torch.take`). Differentiable (`TakeBackward0`).
    public func take(_ index: Tensor) -> Tensor {
        attempt {
            guard index.dtype == .int64 else {
                throw TensorError.runtime("take(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
            }
            if numel == 0 && index.numel != 0 {
                throw TensorError.index("take(): tried to take from an empty tensor")
            }
            try checkSameDevice(index)
            let source = contiguous()
            let shape = index.layout.shape
            let out = try Tensor.uninitialized(shape, dtype: dtype, device: device)
            let operand = IndexOperand(indices: index.buffer, stride: 1, size: numel)
            defer { withExtendedLifetime((source, index)) {} }
            do throws(IndexOutOfRange) {
                try backend.index(source.buffer.with(layout: Layout(shape: shape, strides: Dims(repeating: 0, count: shape.count),
                                                                    offset: source.layout.offset)),
                                  [operand], into: out.buffer)
            } catch {
                throw TensorError.index("out of range: tried to access index \(error.value) on a tensor of \(numel) elements.")
            }
            if Tensor.recording(self) {
                // PyTorch: zeros_like(self).put_(index, grad, accumulate=True).
                let inputShape = self.shape, n = numel
                Tensor.record("TakeBackward0", inputs: [self], outputs: [out], saving: [index]) { g, s in
                    let flat = s[0].reshape(-1)
                    let positions = Tensor.where(flat .< 0, flat + n, flat)
                    let grad = Tensor.zeros([n], dtype: g[0].dtype, device: g[0].device)
                    return [grad.indexAdd(dim: 0, index: positions, source: g[0].reshape(-1)).view(inputShape)]
                }
            }
            return out
        }
    }

    /// The elements where the bool `mask` is true, in row-major order, as a 1-D tensor; `mask`
    /// and this tensor broadcast together (`torch.masked_select`). Differentiable
    /// (`MaskedSelectBackward0`).
    public func maskedSelect(_ mask: Tensor) -> Tensor {
        attempt {
            guard mask.dtype == .bool else { throw TensorError.runtime("masked_select: expected BoolTensor for mask") }
            try checkSameDevice(mask)
            let shape = try broadcastShapes(mask.layout.shape, layout.shape)
            let maskLayout = mask.layout.broadcast(to: shape)!
            let count = backend.countNonzero(mask.buffer.with(layout: maskLayout))
            let out = try Tensor.uninitialized([count], dtype: dtype, device: device)
            withExtendedLifetime(mask) {
                backend.maskedSelect(buffer.with(layout: layout.broadcast(to: shape)!), mask: mask.buffer.with(layout: maskLayout),
                                     into: out.buffer)
            }
            if Tensor.recording(self) {
                // The gradient goes back to the selected positions, in the broadcast shape; the
                // engine sums it down to this tensor's shape.
                let broadcastShape = Array(shape)
                Tensor.record("MaskedSelectBackward0", inputs: [self], outputs: [out], saving: [mask]) { g, s in
                    let zeros = Tensor.zeros(broadcastShape, dtype: g[0].dtype, device: g[0].device)
                    return [zeros.maskedScatter(s[0].expand(broadcastShape), g[0])]
                }
            }
            return out
        }
    }

    /// The multi-indices of the nonzero elements, as an int64 `[n, dim]` tensor in row-major
    /// order (`torch.nonzero`). NaN counts as nonzero.
    public func nonzero() -> Tensor {
        attempt { try nonzeroMatrix() }
    }

    /// With `asTuple`, one int64 tensor of positions per dim (`torch.nonzero(as_tuple=True)`;
    /// a 0-dim tensor counts as 1-D); without, `[nonzero()]`.
    public func nonzero(asTuple: Bool) -> [Tensor] {
        attempt {
            guard asTuple else { return [try nonzeroMatrix()] }
            let positions = try asAtLeast1D().nonzeroMatrix()
            return (0..<Swift.max(dim, 1)).map { positions.selected(1, $0) }
        }
    }

    package func nonzeroMatrix() throws(TensorError) -> Tensor {
        let count = backend.countNonzero(buffer)
        let out = try Tensor.uninitialized([count, dim], dtype: .int64, device: device)
        backend.nonzero(buffer, into: out.buffer)
        return out
    }

    /// One-hot rows: an int64 tensor of this tensor's shape plus a last dim of `numClasses`, with
    /// 1 at each value's position (`torch.nn.functional.one_hot`). This tensor holds int64 class
    /// values; `numClasses` -1 means the largest value plus one.
    public func oneHot(numClasses: Int = -1) -> Tensor {
        attempt {
            guard dtype == .int64 else {
                throw TensorError.runtime("one_hot is only applicable to index tensor of type LongTensor.")
            }
            var shape = layout.shape
            if numel == 0 {
                guard numClasses > 0 else {
                    throw TensorError.runtime("Can not infer total number of classes from empty tensor.")
                }
                shape.append(numClasses)
                return try Tensor.uninitialized(shape, dtype: .int64, device: device)
            }
            let values = try scalarArray(as: Int64.self)
            guard values.min()! >= 0 else { throw TensorError.runtime("Class values must be non-negative.") }
            let largest = Int(values.max()!)
            var classes = numClasses
            if classes == -1 {
                classes = largest + 1
            } else if classes <= largest {
                throw TensorError.runtime("Class values must be smaller than num_classes.")
            }
            shape.append(classes)
            let out = try Tensor.filled(shape, 0, dtype: .int64, device: device, requiresGrad: false)
            var iteration = layout.shape
            iteration.append(1)
            var strides = out.layout.strides
            strides[strides.count - 1] = 0
            var indexStrides = layout.strides
            indexStrides.append(0)
            let operand = IndexOperand(
                indices: buffer.with(layout: Layout(shape: iteration, strides: indexStrides, offset: layout.offset)),
                stride: 1, size: classes)
            try? out.backend.indexPut(.scalar(1), [operand], into: out.buffer.with(layout: Layout(shape: iteration, strides: strides)),
                                      reduce: .none)
            return out
        }
    }
}
