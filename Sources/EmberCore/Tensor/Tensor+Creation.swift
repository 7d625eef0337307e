import EmberBackend

// MARK: - Filled tensors

extension Tensor {
    /// A tensor filled with `value` (`torch.full(size, value)`); the dtype defaults to the value's
    /// (`2` gives int64, `2.5` float32, `true` bool).
    public static func full(
        _ shape: [Int], _ value: Scalar, dtype: DType? = nil, device: Device = .cpu, requiresGrad: Bool = false
    ) -> Tensor {
        attempt { try filled(Dims(shape), value, dtype: dtype ?? value.defaultDType, device: device, requiresGrad: requiresGrad) }
    }

    /// A tensor of zeros (`torch.zeros(*size)`).
    public static func zeros(_ shape: Int..., dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        zeros(shape, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// A tensor of zeros (`torch.zeros(size)`).
    public static func zeros(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        // PyTorch 2.15's zeros checks the sizes itself, with its own message.
        if shape.contains(where: { $0 < 0 }) {
            return attempt { () throws(TensorError) -> Tensor in
                throw TensorError.runtime("zeros: Dimension size must be non-negative.")
            }
        }
        return full(shape, 0, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// A tensor of ones (`torch.ones(*size)`).
    public static func ones(_ shape: Int..., dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        ones(shape, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// A tensor of ones (`torch.ones(size)`).
    public static func ones(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// An uninitialized tensor (`torch.empty(*size)`): its values are whatever the memory held.
    public static func empty(_ shape: Int..., dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        empty(shape, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// An uninitialized tensor (`torch.empty(size)`).
    public static func empty(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        attempt {
            let t = try uninitialized(Dims(shape), dtype: dtype, device: device)
            if requiresGrad { try t.setRequiresGrad(true, fromFactory: true) }
            return t
        }
    }

    /// A 2-D tensor with ones on the diagonal (`torch.eye(n, m)`).
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        attempt {
            let m = m ?? n
            guard n >= 0 else { throw TensorError.runtime("n must be greater or equal to 0, got \(n)") }
            guard m >= 0 else { throw TensorError.runtime("m must be greater or equal to 0, got \(m)") }
            let t = try filled([n, m], 0, dtype: dtype, device: device, requiresGrad: false)
            let diagonal = Layout(shape: [min(n, m)], strides: [m &+ 1], offset: 0)  // m may be Int.max when n is 0
            t.backend.fill(t.buffer.with(layout: diagonal), with: 1)
            if requiresGrad { try t.setRequiresGrad(true, fromFactory: true) }
            return t
        }
    }

    /// Zeros shaped like `other`, with its dtype and device unless given (`torch.zeros_like`).
    public static func zeros(like other: Tensor, dtype: DType? = nil, device: Device? = nil, requiresGrad: Bool = false) -> Tensor {
        full(like: other, 0, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// Ones shaped like `other` (`torch.ones_like`).
    public static func ones(like other: Tensor, dtype: DType? = nil, device: Device? = nil, requiresGrad: Bool = false) -> Tensor {
        full(like: other, 1, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// `value` everywhere, shaped like `other` (`torch.full_like`).
    /// Like PyTorch's `*_like` factories these keep `other`'s dim order when it is dense (`preserve_format`).
    public static func full(like other: Tensor, _ value: Scalar, dtype: DType? = nil, device: Device? = nil, requiresGrad: Bool = false) -> Tensor {
        attempt {
            let t = try other.uninitializedPreservingFormat(dtype: dtype, device: device)
            try checkFillValue(value, fits: t.dtype)
            t.backend.fill(t.buffer, with: value)
            if requiresGrad { try t.setRequiresGrad(true, fromFactory: true) }
            return t
        }
    }

    /// Uninitialized, shaped like `other` (`torch.empty_like`).
    public static func empty(like other: Tensor, dtype: DType? = nil, device: Device? = nil, requiresGrad: Bool = false) -> Tensor {
        attempt {
            let t = try other.uninitializedPreservingFormat(dtype: dtype, device: device)
            if requiresGrad { try t.setRequiresGrad(true, fromFactory: true) }
            return t
        }
    }

    /// The identity shaped like a 2-D `other` (`torch.eye(*other.shape)`).
    public static func eye(like other: Tensor, dtype: DType? = nil, device: Device? = nil, requiresGrad: Bool = false) -> Tensor {
        attempt {
            guard other.dim == 2 else {
                throw TensorError.runtime("eye(like:) expects a 2-D tensor, but got \(other.dim)-D")
            }
            return eye(other.layout.shape[0], other.layout.shape[1], dtype: dtype ?? other.dtype,
                       device: device ?? other.device, requiresGrad: requiresGrad)
        }
    }

    static func filled(_ shape: Dims, _ value: Scalar, dtype: DType, device: Device, requiresGrad: Bool) throws(TensorError) -> Tensor {
        let t = try uninitialized(shape, dtype: dtype, device: device)
        try checkFillValue(value, fits: dtype)
        t.backend.fill(t.buffer, with: value)
        if requiresGrad { try t.setRequiresGrad(true, fromFactory: true) }
        return t
    }
}

// MARK: - Ranges

extension Tensor {
    /// `0, 1, ..., end - 1` as int64 (`torch.arange(end)`).
    public static func arange(_ end: Int, dtype: DType = .int64, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        arange(0, end, step: 1, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// `start, start + step, ...` up to but excluding `end`, as int64 (`torch.arange(start, end, step)`).
    public static func arange(_ start: Int, _ end: Int, step: Int = 1, dtype: DType = .int64, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        attempt {
            try checkRange(start: Double(start), end: Double(end), step: Double(step))
            let size: Double
            if dtype == .int64 {
                // PyTorch's int64 arange sizes itself in wrapping integer arithmetic (see Note
                // [Checked size arithmetic]); a range wider than Int.max comes out negative and fails.
                let sign = step > 0 ? 1 : -1
                size = Double((end &- start &+ step &- sign).dividedReportingOverflow(by: step).partialValue)
            } else {
                size = ((Double(end) - Double(start)) / Double(step)).rounded(.up)
            }
            return try generated(rangeCount(size), dtype: dtype, device: device, requiresGrad: requiresGrad) { i in
                Scalar.int(Int64(start &+ step &* i))
            }
        }
    }

    /// `0, 1, ...` below `end`, as float32 (`torch.arange(end)` with a float bound).
    public static func arange(_ end: Double, dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        arange(0, end, step: 1, dtype: dtype, device: device, requiresGrad: requiresGrad)
    }

    /// `start + i * step` for `i = 0, 1, ...` while below `end` (above, for a negative step),
    /// as float32 unless `dtype` says otherwise (`torch.arange(start, end, step)`).
    public static func arange(_ start: Double, _ end: Double, step: Double = 1, dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        attempt {
            try checkRange(start: start, end: end, step: step)
            let size = ((end - start) / step).rounded(.up)
            return try generated(rangeCount(size), dtype: dtype, device: device, requiresGrad: requiresGrad) { i in
                Scalar.float(start + step * Double(i))
            }
        }
    }

    /// `arange`'s checks of its bounds and step, with PyTorch's messages.
    private static func checkRange(start: Double, end: Double, step: Double) throws(TensorError) {
        guard start.isFinite && end.isFinite else {
            // Printed as PyTorch's Scalar: integral values without a fraction, "inf"/"nan" in lowercase.
            func text(_ v: Double) -> String {
                if v.isNaN { return "nan" }
                if v.isInfinite { return v > 0 ? "inf" : "-inf" }
                if v == v.rounded() && v.magnitude < 1e15 { return String(Int64(v)) }
                return String(v)
            }
            throw TensorError.runtime("unsupported range: \(text(start)) -> \(text(end))")
        }
        guard step != 0 else { throw TensorError.runtime("step must be nonzero") }
        guard (step > 0 && end >= start) || (step < 0 && end <= start) else {
            throw TensorError.runtime("upper bound and lower bound inconsistent with step sign")
        }
    }

    /// The element count of an `arange` from its size computed as a double, with PyTorch's errors.
    private static func rangeCount(_ size: Double) throws(TensorError) -> Int {
        guard size >= 0 && size <= Double(Int.max) else {
            throw TensorError.runtime("invalid size, possible overflow?")
        }
        // 2^63 passes the check above (Int.max rounds up to it as a double); PyTorch's conversion
        // then gives Int.min, which its size type refuses.
        guard let count = Int(exactly: size) else {
            throw TensorError.runtime(
                "IntArrayRef contains an int that cannot be represented as a SymInt: \(Int.min)")
        }
        return count
    }

    /// `steps` evenly spaced values from `start` to `end` inclusive (`torch.linspace`).
    public static func linspace(_ start: Double, _ end: Double, steps: Int, dtype: DType = .float32, device: Device = .cpu, requiresGrad: Bool = false) -> Tensor {
        attempt {
            guard steps >= 0 else { throw TensorError.runtime("number of steps must be non-negative") }
            // PyTorch computes in the output type (double for integer outputs), from both ends.
            let halfway = steps == 1 ? 1 : steps / 2  // a single step is the start
            if dtype == .float32 {
                let s = Float(start), e = Float(end)
                let step = steps > 1 ? (e - s) / Float(steps - 1) : 0
                return try generated(steps, dtype: dtype, device: device, requiresGrad: requiresGrad) { i in
                    .float(Double(i < halfway ? s + step * Float(i) : e - step * Float(steps - i - 1)))
                }
            }
            let step = steps > 1 ? (end - start) / Double(steps - 1) : 0
            return try generated(steps, dtype: dtype, device: device, requiresGrad: requiresGrad) { i in
                .float(i < halfway ? start + step * Double(i) : end - step * Double(steps - i - 1))
            }
        }
    }

    /// A 1-D tensor of `count` values computed on the host.
    static func generated(_ count: Int, dtype: DType, device: Device, requiresGrad: Bool,
                          value: (Int) -> Scalar) throws(TensorError) -> Tensor {
        let host = try uninitialized([count], dtype: dtype, device: .cpu)
        withoutActuallyEscaping(value) { value in
            dtype.dispatch(GenerateVisitor(pointer: host.storage.data, count: count, value: value))
        }
        let t = device == .cpu ? host : try host.converted(dtype: dtype, device: device)
        if requiresGrad { try t.setRequiresGrad(true, fromFactory: true) }
        return t
    }
}

private struct GenerateVisitor: ScalarTypeVisitor {
    let pointer: UnsafeMutableRawPointer
    let count: Int
    let value: (Int) -> Scalar
    func visit<T: TensorScalar>(_ type: T.Type) {
        let p = pointer.assumingMemoryBound(to: T.self)
        for i in 0..<count { p[i] = value(i).converted() }
    }
}
