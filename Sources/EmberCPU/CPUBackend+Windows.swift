import EmberBackend

// MARK: - Sliding windows (im2col and col2im)
//
// Note [Sliding windows]
// Convolution and pooling run on `unfold` (im2col) and `fold` (col2im): a window's elements laid
// out as rows, so that a convolution is one matrix product per group (OpenBLAS), its input
// gradient a product and a fold, and a pooling a reduction over the kernel dim. Both kernels
// treat one to three spatial dims as three, the missing leading ones of size 1, and run one
// (batch, channel) plane per task: an unfold writes, and a fold accumulates into, only that
// plane, so the threads never share an output element and a fold's sums are always added in the
// same order (results do not depend on the thread count). The innermost loop walks one output
// row; with stride 1 its in-bounds part is one contiguous copy.

extension CPUBackend {
    @usableFromInline package func unfold(_ input: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        switch input.dtype.itemSize {
        case 1: WindowKernels.unfold(input, output, window, UInt8.self)
        case 4: WindowKernels.unfold(input, output, window, UInt32.self)
        default: WindowKernels.unfold(input, output, window, UInt64.self)
        }
    }

    @usableFromInline package func fold(_ columns: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        switch output.dtype {
        case .float32: WindowKernels.fold(columns, output, window, Float.self)
        case .float64: WindowKernels.fold(columns, output, window, Double.self)
        default: fatalError("Ember internal error: fold of \(output.dtype)")
        }
    }
}

/// The loops of Note [Sliding windows].
enum WindowKernels {
    /// The window padded to three spatial dims.
    struct Geometry {
        var kernel: [Int], dilation: [Int], padding: [Int], stride: [Int], input: [Int], output: [Int]
        init(_ w: SlidingWindow) {
            let missing = 3 - w.kernel.count
            func three(_ a: [Int], _ fill: Int) -> [Int] { Array(repeating: fill, count: missing) + a }
            kernel = three(w.kernel, 1)
            dilation = three(w.dilation, 1)
            padding = three(w.padding, 0)
            stride = three(w.stride, 1)
            input = three(w.inputSize, 1)
            output = three(w.outputSize, 1)
        }
        var inputPlane: Int { input[0] * input[1] * input[2] }
        var outputPlane: Int { output[0] * output[1] * output[2] }
        var columnsPlane: Int { kernel[0] * kernel[1] * kernel[2] * outputPlane }

        /// Calls `row(kernelIndex, outputRowStart, inputRowStart?)` for every kernel element and
        /// output row (depth, height) of one plane; `inputRowStart` is nil when the row lies in
        /// the padding.
        @inline(__always)
        func forEachRow(_ row: (_ columnsOffset: Int, _ inputOffset: Int?, _ kw: Int) -> Void) {
            var k = 0
            for kd in 0..<kernel[0] {
                for kh in 0..<kernel[1] {
                    for kw in 0..<kernel[2] {
                        for od in 0..<output[0] {
                            let id = od * stride[0] - padding[0] + kd * dilation[0]
                            for oh in 0..<output[1] {
                                let ih = oh * stride[1] - padding[1] + kh * dilation[1]
                                let columnsOffset = ((k * output[0] + od) * output[1] + oh) * output[2]
                                let inside = id >= 0 && id < input[0] && ih >= 0 && ih < input[1]
                                row(columnsOffset, inside ? (id * input[1] + ih) * input[2] : nil, kw)
                            }
                        }
                        k += 1
                    }
                }
            }
        }

        /// The output columns `lo..<hi` of a row whose kernel column is `kw` that read inside the
        /// input (`ow * stride - padding + kw * dilation` in `0..<input`).
        @inline(__always)
        func validColumns(_ kw: Int) -> Range<Int> {
            let offset = kw * dilation[2] - padding[2], s = stride[2]
            // ow * s + offset >= 0  and  ow * s + offset < input
            let lo = offset >= 0 ? 0 : (-offset + s - 1) / s
            let hiExclusive = input[2] - offset <= 0 ? 0 : (input[2] - offset + s - 1) / s
            let hi = min(output[2], hiExclusive)
            return lo < hi ? lo..<hi : 0..<0
        }
    }

    static func unfold<T: FixedWidthInteger>(_ input: StridedBuffer, _ output: StridedBuffer, _ window: SlidingWindow, _: T.Type) {
        let g = Geometry(window)
        let planes = input.layout.count / max(g.inputPlane, 1)
        let src = UnsafeSendableBox(UnsafePointer(input.pointer(as: T.self)))
        let dst = UnsafeSendableBox(output.pointer(as: T.self))
        let work = max(g.columnsPlane, 1)
        Parallel.forRange(planes, grain: max(1, 32768 / work)) { range in
            for plane in range {
                let x = src.value + plane * g.inputPlane, y = dst.value + plane * g.columnsPlane
                g.forEachRow { co, io, kw in
                    let out = y + co, width = g.output[2]
                    guard let io else { out.update(repeating: 0, count: width); return }
                    let valid = g.validColumns(kw)
                    let offset = kw * g.dilation[2] - g.padding[2], s = g.stride[2]
                    if valid.lowerBound > 0 { out.update(repeating: 0, count: valid.lowerBound) }
                    if s == 1 {
                        (out + valid.lowerBound).update(from: x + io + valid.lowerBound + offset, count: valid.count)
                    } else {
                        for ow in valid { out[ow] = x[io + ow * s + offset] }
                    }
                    if valid.upperBound < width {
                        (out + valid.upperBound).update(repeating: 0, count: width - valid.upperBound)
                    }
                }
            }
        }
    }

    static func fold<T: FloatingScalar>(_ columns: StridedBuffer, _ output: StridedBuffer, _ window: SlidingWindow, _: T.Type) {
        let g = Geometry(window)
        let planes = output.layout.count / max(g.inputPlane, 1)
        let src = UnsafeSendableBox(UnsafePointer(columns.pointer(as: T.self)))
        let dst = UnsafeSendableBox(output.pointer(as: T.self))
        let work = max(g.columnsPlane, 1)
        Parallel.forRange(planes, grain: max(1, 32768 / work)) { range in
            for plane in range {
                let y = dst.value + plane * g.inputPlane, c = src.value + plane * g.columnsPlane
                y.update(repeating: 0, count: g.inputPlane)
                g.forEachRow { co, io, kw in
                    guard let io else { return }
                    let valid = g.validColumns(kw)
                    let offset = kw * g.dilation[2] - g.padding[2], s = g.stride[2]
                    let row = c + co
                    for ow in valid { y[io + ow * s + offset] += row[ow] }
                }
            }
        }
    }
}
