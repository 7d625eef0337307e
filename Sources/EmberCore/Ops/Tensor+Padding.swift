import EmberBackend

// MARK: - Padding

extension Tensor {
    /// How `pad(_:mode:value:)` fills the new border (`F.pad`'s `mode`).
    public enum PaddingMode: String, Sendable, Hashable {
        /// A constant value (`'constant'`); negative amounts crop.
        case constant
        /// The input mirrored at its edge, the edge not repeated (`'reflect'`).
        case reflect
        /// The edge value repeated (`'replicate'`).
        case replicate
        /// The input wrapped around (`'circular'`).
        case circular
    }

    /// Pads the trailing dims (`torch.nn.functional.pad(input, pad, mode='constant', value=0)`):
    /// `padding` lists (before, after) amounts starting from the last dim, as PyTorch's `pad`
    /// tuple does (`[left, right, top, bottom, front, back]`). Constant padding applies to any
    /// number of dims and crops with negative amounts (`ConstantPadNdBackward0`); the other modes
    /// pad the last one, two or three dims of a 2-D to 5-D tensor (`ReflectionPad2DBackward0`,
    /// `ReplicationPad2DBackward0`, and for `circular` an indexing gradient).
    public func pad(_ padding: [Int], mode: PaddingMode = .constant, value: Double = 0) -> Tensor {
        attempt {
            guard padding.count % 2 == 0 else { throw TensorError.runtime("Padding length must be divisible by 2") }
            let padded = padding.count / 2
            guard padded <= dim else {
                throw TensorError.runtime(
                    "Padding length should be less than or equal to two times the input dimension but got padding length \(padding.count) and input of dimension \(dim)")
            }
            // (before, after) per dim, indexed by dim.
            var amounts = Array(repeating: (0, 0), count: dim)
            for k in 0..<padded { amounts[dim - 1 - k] = (padding[2 * k], padding[2 * k + 1]) }
            if mode == .constant { return try constantPadded(amounts, value: value) }
            guard (padded == 1 && (dim == 2 || dim == 3)) || (padded == 2 && (dim == 3 || dim == 4))
                || (padded == 3 && (dim == 4 || dim == 5)) else {
                throw TensorError.notImplemented("""
                    Padding size \(padding.count) is not supported for \(dim)D input tensor.
                    Supported combinations for non-constant padding:
                      - 2D or 3D input: padding size = 2 (pads last dimension)
                      - 3D or 4D input: padding size = 4 (pads last 2 dimensions)
                      - 4D or 5D input: padding size = 6 (pads last 3 dimensions)
                    """)
            }
            return try indexPadded(amounts, firstPadded: dim - padded, mode: mode)
        }
    }

    /// Constant padding: a filled tensor with this one copied into its middle, cropped where an
    /// amount is negative. The gradient is the output gradient padded by the negated amounts.
    private func constantPadded(_ amounts: [(Int, Int)], value: Double) throws(TensorError) -> Tensor {
        var newShape: [Int] = []
        for (d, (before, after)) in amounts.enumerated() {
            let size = shape[d] + before + after
            guard size >= 0 else {
                throw TensorError.runtime(
                    "The input size \(shape[d]), plus negative padding \(before) and \(after) resulted in a negative output size, which is invalid. Check dimension \(d) of your input.")
            }
            newShape.append(size)
        }
        let out: Tensor = withNoGrad {
            let out = Tensor.full(newShape, dtype.isFloatingPoint ? .float(value) : .int(Int64(value)), dtype: dtype, device: device)
            var source = self, target = out
            for (d, (before, after)) in amounts.enumerated() {
                let keptStart = max(0, -before), keptEnd = shape[d] - max(0, -after)
                let length = keptEnd - keptStart
                if length <= 0 { return out }
                source = source.narrow(dim: d, start: keptStart, length: length)
                target = target.narrow(dim: d, start: max(0, before), length: length)
            }
            _ = target.copy_(source)
            return out
        }
        if Tensor.recording(self) { recordConstantPad(out, padding: amounts.reversed().flatMap { [$0.0, $0.1] }) }
        return out
    }

    /// Reflect, replicate and circular padding as one index gather per padded dim (a one-tap
    /// resampling, Note [Resampling as weighted gathers]); the gradient adds each output element
    /// back at the index it was read from.
    private func indexPadded(_ amounts: [(Int, Int)], firstPadded: Int, mode: PaddingMode) throws(TensorError) -> Tensor {
        let spatial = dim - firstPadded
        // Every dim but a batch dim must be non-empty.
        guard shape.dropFirst(dim == spatial + 2 ? 1 : 0).allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime(
                "Expected \(spatial + 1)D or \(spatial + 2)D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: \(Tensor.sizeText(shape))")
        }
        var taps: [ResamplingTaps] = []
        for d in firstPadded..<dim {
            let (before, after) = amounts[d], n = shape[d]
            switch mode {
            case .reflect:
                guard before < n && after < n else {
                    throw TensorError.runtime(
                        "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (\(before), \(after)) at dimension \(d) of input \(Tensor.sizeText(shape))")
                }
            case .circular:
                guard before <= n && after <= n else {
                    throw TensorError.runtime("Padding value causes wrapping around more than once.")
                }
            default:
                break
            }
            guard n + before + after >= 0 else {
                throw TensorError.runtime(
                    "input tensor (\(n)) is too small for the padding (\(before), \(after)) at dimension \(d)")
            }
            let positions = (-before)..<(n + after)
            let index: [Int64] = positions.map { i in
                switch mode {
                case .reflect: Int64(i < 0 ? -i : (i >= n ? 2 * (n - 1) - i : i))
                case .replicate: Int64(Swift.min(Swift.max(i, 0), n - 1))
                default: Int64(((i % n) + n) % n)
                }
            }
            taps.append(ResamplingTaps(dim: d, inputSize: n, indices: [Tensor(shape: [index.count], data: index, device: device)],
                                       weights: [nil], zeroSlot: false))
        }
        let name = switch mode {
        case .reflect: "ReflectionPad\(spatial)DBackward0"
        case .replicate: "ReplicationPad\(spatial)DBackward0"
        default: "CircularPad\(spatial)DBackward0"
        }
        return resampled(taps, name: name)
    }
}
