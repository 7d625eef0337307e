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

        /// The output positions `lo..<hi` along spatial dim `d` (0 to 2) whose kernel element `j`
        /// reads inside the input (`o * stride - padding + j * dilation` in `0..<input`).
        @inline(__always)
        func valid(_ d: Int, _ j: Int) -> Range<Int> {
            let offset = j * dilation[d] - padding[d], s = stride[d]
            // o * s + offset >= 0  and  o * s + offset < input
            let lo = offset >= 0 ? 0 : (-offset + s - 1) / s
            let hiExclusive = input[d] - offset <= 0 ? 0 : (input[d] - offset + s - 1) / s
            let hi = min(output[d], hiExclusive)
            return lo < hi ? lo..<hi : 0..<0
        }

        /// Calls `body(k, columnsOffset, inputOffset, count)` for every kernel element `k` and
        /// every output row (depth, height) whose reads lie inside the input: the row's `count`
        /// valid outputs start at `columnsOffset` in the plane's columns and read from
        /// `inputOffset` on in steps of the stride. `whole(k)` says, before a kernel element's
        /// rows, whether they cover all of its output plane (else an unfold zeroes it first).
        @inline(__always)
        func forEachValidRow(_ whole: (_ k: Int, _ covers: Bool) -> Void,
                             _ body: (_ columnsOffset: Int, _ inputOffset: Int, _ count: Int) -> Void) {
            var k = 0
            for kd in 0..<kernel[0] {
                let vd = valid(0, kd), offsetD = kd * dilation[0] - padding[0]
                for kh in 0..<kernel[1] {
                    let vh = valid(1, kh), offsetH = kh * dilation[1] - padding[1]
                    for kw in 0..<kernel[2] {
                        let vw = valid(2, kw), offsetW = kw * dilation[2] - padding[2]
                        whole(k, vd.count == output[0] && vh.count == output[1] && vw.count == output[2])
                        if !vw.isEmpty {
                            for od in vd {
                                let id = od * stride[0] + offsetD
                                for oh in vh {
                                    let ih = oh * stride[1] + offsetH
                                    let columnsOffset = ((k * output[0] + od) * output[1] + oh) * output[2] + vw.lowerBound
                                    let inputOffset = (id * input[1] + ih) * input[2] + vw.lowerBound * stride[2] + offsetW
                                    body(columnsOffset, inputOffset, vw.count)
                                }
                            }
                        }
                        k += 1
                    }
                }
            }
        }
    }

    static func unfold<T: FixedWidthInteger>(_ input: StridedBuffer, _ output: StridedBuffer, _ window: SlidingWindow, _: T.Type) {
        let g = Geometry(window)
        let planes = input.layout.count / max(g.inputPlane, 1)
        let src = UnsafeSendableBox(UnsafePointer(input.pointer(as: T.self)))
        let dst = UnsafeSendableBox(output.pointer(as: T.self))
        let work = max(g.columnsPlane, 1), outPlane = g.outputPlane, s = g.stride[2]
        Parallel.forRange(planes, grain: max(1, 32768 / work)) { range in
            for plane in range {
                let x = src.value + plane * g.inputPlane, y = dst.value + plane * g.columnsPlane
                g.forEachValidRow({ k, covers in
                    if !covers { g.zeroPadding(y + k * outPlane, kernelElement: k) }
                }, { co, io, count in
                    let out = y + co, from = x + io
                    // A short row (a CNN's 4 x 4 or 8 x 8 maps) costs more in a call to memmove
                    // than in the copy; with a run-time stride the loop below stays a loop.
                    if s == 1 && count >= 32 {
                        out.update(from: from, count: count)
                    } else {
                        for i in 0..<count { out[i] = from[i * s] }
                    }
                })
            }
        }
    }

    static func fold<T: FloatingScalar>(_ columns: StridedBuffer, _ output: StridedBuffer, _ window: SlidingWindow, _: T.Type) {
        let g = Geometry(window)
        let planes = output.layout.count / max(g.inputPlane, 1)
        let src = UnsafeSendableBox(UnsafePointer(columns.pointer(as: T.self)))
        let dst = UnsafeSendableBox(output.pointer(as: T.self))
        let work = max(g.columnsPlane, 1), s = g.stride[2]
        Parallel.forRange(planes, grain: max(1, 32768 / work)) { range in
            for plane in range {
                let y = dst.value + plane * g.inputPlane, c = src.value + plane * g.columnsPlane
                y.update(repeating: 0, count: g.inputPlane)
                g.forEachValidRow({ _, _ in }, { co, io, count in
                    let row = c + co, into = y + io
                    if s == 1 {
                        for i in 0..<count { into[i] += row[i] }
                    } else {
                        for i in 0..<count { into[i * s] += row[i] }
                    }
                })
            }
        }
    }
}

extension WindowKernels.Geometry {
    /// Zeroes the outputs of kernel element `k` in its plane `out` that read the padding: whole
    /// rows outside the valid range and, in the valid rows, the columns before and after it. The
    /// valid part is then written by the row copies (a plane mostly inside the input is not
    /// written twice).
    @inline(__always)
    func zeroPadding<T>(_ out: UnsafeMutablePointer<T>, kernelElement k: Int) where T: FixedWidthInteger {
        let kw = k % kernel[2], kh = (k / kernel[2]) % kernel[1], kd = k / (kernel[2] * kernel[1])
        let vd = valid(0, kd), vh = valid(1, kh), vw = valid(2, kw)
        let rowLength = output[2], rows = output[0] * output[1]
        if vd.isEmpty || vh.isEmpty || vw.isEmpty {
            out.update(repeating: 0, count: rows * rowLength)
            return
        }
        for od in 0..<output[0] {
            for oh in 0..<output[1] {
                let row = out + (od * output[1] + oh) * rowLength
                if vd.contains(od) && vh.contains(oh) {
                    for i in 0..<vw.lowerBound { row[i] = 0 }
                    for i in vw.upperBound..<rowLength { row[i] = 0 }
                } else {
                    row.update(repeating: 0, count: rowLength)
                }
            }
        }
    }
}
