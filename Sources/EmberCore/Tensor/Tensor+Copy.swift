import EmberBackend

// MARK: - In-place writes

extension Tensor {
    /// The checks every in-place operation makes before writing (PyTorch's `check_inplace`).
    /// `allowingOverlap` is for the writes PyTorch allows (with a warning) on overlapping,
    /// expanded tensors: `fill_`, `masked_fill_`, index assignment and `index_fill_`.
    package func checkInplace(allowingOverlap: Bool = false) throws(TensorError) {
        if isGradEnabled {
            if requiresGrad && isLeaf {
                throw TensorError.runtime(
                    "a leaf Variable that requires grad is being used in an in-place operation.")
            }
            if let base = viewBase, base.requiresGrad && base.isLeaf {
                throw TensorError.runtime(
                    "a view of a leaf Variable that requires grad is being used in an in-place operation.")
            }
            if let passed = autograd?.passedThroughBy {
                throw TensorError.runtime(
                    "Output \(passed.output) of \(passed.function) is a view and is being modified inplace. This view was created inside a custom Function (or because an input was returned as-is) and the autograd logic to handle view+inplace would override the custom backward associated with the custom Function, leading to incorrect gradients. This behavior is forbidden. You can fix this by cloning the output of the custom Function.")
            }
        }
        // PyTorch's `has_internal_overlap` only stops a layout it can prove overlapping (a stride 0
        // on a dim of size > 1); for other overlapping layouts its answer is "too hard" and it writes.
        if !allowingOverlap && layout.hasProvableInternalOverlap {
            throw TensorError.runtime(
                "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
            )
        }
    }

    /// Copies `source` into this tensor, broadcasting it and converting its dtype and device
    /// (`tensor.copy_(src)`). Writes through a view reach its base. Returns `self`.
    @discardableResult
    public func copy_(_ source: Tensor) -> Tensor {
        attemptVoid { try copyIn(source) }
        return self
    }

    package func copyIn(_ source: Tensor) throws(TensorError) {
        try checkInplace()
        try checkNoPartialOverlap(with: source)
        if source.requiresGrad || requiresGrad || viewBase?.requiresGrad == true, isGradEnabled {
            // Recorded copy: the gradient flows to the source, broadcast-reduced by the engine;
            // through a view, the base takes a `CopySlices` node (see `adoptResult`).
            let result = withNoGrad { Tensor.zeros(like: self) }
            try withNoGrad { Result { () throws(TensorError) in try result.copyIn(source) } }.get()
            recordCopy(from: source, result: result)
            try adoptResult(result)
            return
        }
        var source = source
        if source.device != device { source = try source.converted(dtype: source.dtype, device: device) }
        let layout = try source.broadcastLayout(to: self.layout.shape)
        // A source that overlaps the destination is read from a copy first.
        if source.storage === storage && source.layout.storageSpan.overlaps(self.layout.storageSpan) {
            source = try source.cloned()
            try copyIn(source)
            return
        }
        backend.copy(source.buffer.with(layout: layout), into: buffer)
        bumpVersion()
    }

    /// PyTorch's `assert_no_partial_overlap`: a dense source that shares some, but not exactly
    /// all, of this dense tensor's memory stops the copy (other layouts are "too hard" to tell).
    package func checkNoPartialOverlap(with source: Tensor) throws(TensorError) {
        let a = layout, b = source.layout
        guard source.storage === storage, a.count > 0, b.count > 0,
            a.isNonOverlappingAndDense, b.isNonOverlappingAndDense
        else { return }
        let aBegin = a.offset * dtype.itemSize, aEnd = aBegin + a.count * dtype.itemSize
        let bBegin = b.offset * source.dtype.itemSize, bEnd = bBegin + b.count * source.dtype.itemSize
        let partial: Bool
        if aBegin == bBegin && aEnd == bEnd {
            partial = a.strides != b.strides
        } else {
            partial = aBegin < bEnd && bBegin < aEnd
        }
        if partial {
            throw TensorError.runtime(
                "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.")
        }
    }

    /// Sets every element to `value` (`tensor.fill_(value)`). Returns `self`.
    @discardableResult
    public func fill_(_ value: Scalar) -> Tensor {
        attemptVoid {
            // Filling is idempotent, so an overlapping (expanded) tensor may be filled; the value
            // is converted like PyTorch's fill_, with its overflow check but no promotion check.
            try checkInplace(allowingOverlap: true)
            try checkFillValueFits(value)
            backend.fill(buffer, with: value)
            bumpVersion()
        }
        return self
    }

    /// Sets every element to zero (`tensor.zero_()`). Returns `self`.
    @discardableResult
    public func zero_() -> Tensor { fill_(0) }

    /// PyTorch's `checked_convert`: a value that does not fit the dtype stops `fill_`.
    package func checkFillValueFits(_ value: Scalar) throws(TensorError) {
        try Tensor.checkFillValue(value, fits: dtype)
    }

    /// PyTorch's `checked_convert` of a fill value into `dtype` (`fill_`, `full`, `full_like`).
    package static func checkFillValue(_ value: Scalar, fits dtype: DType) throws(TensorError) {
        let fits: Bool
        let name: String
        switch (dtype, value) {
        case (.int32, .int(let i)):
            fits = Int64(Int32.min) <= i && i <= Int64(Int32.max); name = "int"
        case (.int32, .float(let d)):
            fits = d >= -2_147_483_648.0 && d < 2_147_483_648.0; name = "int"
        case (.int64, .float(let d)):
            fits = d >= -9_223_372_036_854_775_808.0 && d < 9_223_372_036_854_775_808.0; name = "int64_t"
        case (.float32, .float(let d)):
            fits = !d.isFinite || d.magnitude <= Double(Float.greatestFiniteMagnitude); name = "float"
        default:
            fits = true; name = ""
        }
        if !fits {
            throw TensorError.runtime("value cannot be converted to type \(name) without overflow")
        }
    }

}

// MARK: - Copies

extension Tensor {
    /// A copy with its own contiguous storage (`tensor.clone()`).
    public func clone() -> Tensor {
        attempt {
            let out = try uninitializedPreservingFormat()
            backend.copy(buffer, into: out.buffer)
            return recordClone(out)
        }
    }

    package func cloned() throws(TensorError) -> Tensor {
        let out = try uninitializedLike()
        backend.copy(buffer, into: out.buffer)
        return out
    }

    /// This tensor if it is contiguous, else a contiguous copy (`tensor.contiguous()`).
    public func contiguous() -> Tensor {
        isContiguous ? self : attempt { recordClone(try cloned()) }
    }

    /// A tensor sharing this one's storage and version counter, cut off from autograd (`tensor.detach()`).
    public func detach() -> Tensor {
        Tensor(storage: storage, layout: layout, dtype: dtype)
    }
}

// MARK: - Conversion

extension Tensor {
    /// This tensor converted to `dtype` (`tensor.to(dtype)`); `self` when it already has that dtype.
    public func to(_ dtype: DType) -> Tensor { to(device: device, dtype: dtype) }

    /// This tensor moved to `device` (`tensor.to(device)`); `self` when it is already there.
    public func to(_ device: Device) -> Tensor { to(device: device, dtype: dtype) }

    /// This tensor on `device` with `dtype` (`tensor.to(device, dtype)`); `self` when nothing
    /// changes unless `copy` is true.
    public func to(device: Device, dtype: DType, copy: Bool = false) -> Tensor {
        let device = device.placement
        if !copy && device == self.device && dtype == self.dtype { return self }
        return attempt {
            var result: Tensor
            if device == self.device {
                result = try uninitializedPreservingFormat(dtype: dtype)
                backend.copy(buffer, into: result.buffer)
            } else {
                result = try converted(dtype: dtype, device: device)
            }
            guard Tensor.recording(self) && dtype.isFloatingPoint else { return result }
            return recordToCopy(result)
        }
    }

    /// `to(.float32)` (`tensor.float()`).
    public func float() -> Tensor { to(.float32) }
    /// `to(.float64)` (`tensor.double()`).
    public func double() -> Tensor { to(.float64) }
    /// `to(.int32)` (`tensor.int()`).
    public func int() -> Tensor { to(.int32) }
    /// `to(.int64)` (`tensor.long()`).
    public func long() -> Tensor { to(.int64) }
    /// `to(.bool)` (`tensor.bool()`).
    public func bool() -> Tensor { to(.bool) }
    /// `to(.cpu)` (`tensor.cpu()`).
    public func cpu() -> Tensor { to(.cpu) }

    /// A new contiguous tensor with the given dtype on the given device.
    package func converted(dtype: DType, device: Device? = nil) throws(TensorError) -> Tensor {
        let target = device?.placement ?? self.device
        if target == self.device {
            let out = try uninitializedLike(dtype: dtype)
            backend.copy(buffer, into: out.buffer)
            return out
        }
        // Across devices: make a contiguous copy with the right dtype on the source side, then
        // move the bytes through the host.
        let staged = (isContiguous && dtype == self.dtype) ? self : try converted(dtype: dtype)
        let out = try Tensor.uninitialized(layout.shape, dtype: dtype, device: target)
        let bytes = numel * dtype.itemSize
        if bytes == 0 { return out }
        let source = staged.buffer.start
        if self.device.kind == .cpu {
            out.backend.copyFromHost(source, to: out.storage.data, byteCount: bytes)
        } else if target.kind == .cpu {
            staged.backend.copyToHost(source, to: out.storage.data, byteCount: bytes)
        } else {
            let host = try staged.converted(dtype: dtype, device: .cpu)
            out.backend.copyFromHost(host.storage.data, to: out.storage.data, byteCount: bytes)
        }
        return out
    }
}
