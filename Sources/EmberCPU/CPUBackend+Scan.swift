import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Kernels along one dim: max/min with indices, softmax, cumulative sums

extension CPUBackend {
    /// The extreme along `dim` and its int64 index (first occurrence; the first NaN wins).
    @usableFromInline package func argReduce(_ op: ArgReduceOp, _ input: StridedBuffer, dim: Int, values: StridedBuffer?,
                          indices: StridedBuffer) {
        typealias K = SliceKernels
        let max = op == .max
        switch input.dtype {
        case .float32:
            if max { K.argReduce(FloatArgMax<Float>(), input, dim, values, indices) }
            else { K.argReduce(FloatArgMin<Float>(), input, dim, values, indices) }
        case .float64:
            if max { K.argReduce(FloatArgMax<Double>(), input, dim, values, indices) }
            else { K.argReduce(FloatArgMin<Double>(), input, dim, values, indices) }
        case .int32:
            if max { K.argReduce(OrderedArgMax<Int32>(), input, dim, values, indices) }
            else { K.argReduce(OrderedArgMin<Int32>(), input, dim, values, indices) }
        case .int64:
            if max { K.argReduce(OrderedArgMax<Int64>(), input, dim, values, indices) }
            else { K.argReduce(OrderedArgMin<Int64>(), input, dim, values, indices) }
        case .bool:
            if max { K.argReduce(OrderedArgMax<UInt8>(), input, dim, values, indices) }
            else { K.argReduce(OrderedArgMin<UInt8>(), input, dim, values, indices) }
        }
    }

    /// Softmax or log-softmax along `dim`, max-subtracted so that large inputs do not overflow.
    @usableFromInline package func softmax(_ input: StridedBuffer, dim: Int, log: Bool, into output: StridedBuffer) {
        switch input.dtype {
        case .float32: SliceKernels.softmax(Float.self, input, dim, log, output)
        case .float64: SliceKernels.softmax(Double.self, input, dim, log, output)
        default: fatalError("Ember internal error: softmax of \(input.dtype)")
        }
    }

    /// Cumulative sum or product along `dim`; floating inputs accumulate in double (as PyTorch's
    /// CPU kernels do), integer and bool inputs in int64.
    @usableFromInline package func scan(_ op: ScanOp, _ input: StridedBuffer, dim: Int, into output: StridedBuffer) {
        typealias K = SliceKernels
        let sum = op == .sum
        switch (input.dtype, output.dtype) {
        case (.float32, .float32): K.scan(FloatScan<Float>(product: !sum), input, output, dim)
        case (.float64, .float64): K.scan(FloatScan<Double>(product: !sum), input, output, dim)
        case (.int32, .int32): K.scan(IntegerScan<Int32, Int32>(product: !sum), input, output, dim)
        case (.int32, .int64): K.scan(IntegerScan<Int32, Int64>(product: !sum), input, output, dim)
        case (.int64, .int64): K.scan(IntegerScan<Int64, Int64>(product: !sum), input, output, dim)
        case (.bool, .int64): K.scan(IntegerScan<UInt8, Int64>(product: !sum), input, output, dim)
        default: fatalError("Ember internal error: scan from \(input.dtype) into \(output.dtype)")
        }
    }
}

// MARK: - Comparisons and running accumulations

/// Which of two values an arg-reduction keeps: `better(v, b)` when `v` replaces the best so far.
protocol ArgComparator {
    associatedtype Value
    func better(_ v: Value, _ best: Value) -> Bool
}

/// Larger wins; a NaN beats every number (the first NaN stays).
struct FloatArgMax<T: FloatingScalar>: ArgComparator {
    @inline(__always) func better(_ v: T, _ b: T) -> Bool { v > b || (v.isNaN && !b.isNaN) }
}

/// Smaller wins; a NaN beats every number.
struct FloatArgMin<T: FloatingScalar>: ArgComparator {
    @inline(__always) func better(_ v: T, _ b: T) -> Bool { v < b || (v.isNaN && !b.isNaN) }
}

struct OrderedArgMax<T: Comparable>: ArgComparator {
    @inline(__always) func better(_ v: T, _ b: T) -> Bool { v > b }
}

struct OrderedArgMin<T: Comparable>: ArgComparator {
    @inline(__always) func better(_ v: T, _ b: T) -> Bool { v < b }
}

/// A running sum or product: the accumulator, how an element folds in, and what is written.
protocol Scanner {
    associatedtype Input
    associatedtype Acc
    associatedtype Output
    var identity: Acc { get }
    func combine(_ acc: Acc, _ x: Input) -> Acc
    func convert(_ acc: Acc) -> Output
}

/// Floating cumulative sums and products, accumulated in double.
struct FloatScan<T: FloatingScalar>: Scanner {
    let product: Bool
    var identity: Double { product ? 1 : 0 }
    @inline(__always) func combine(_ acc: Double, _ x: T) -> Double { product ? acc * Double(x) : acc + Double(x) }
    @inline(__always) func convert(_ acc: Double) -> T { T(acc) }
}

/// Integer and bool cumulative sums and products in int64, wrapping.
struct IntegerScan<I: FixedWidthInteger, O: FixedWidthInteger>: Scanner {
    let product: Bool
    var identity: Int64 { product ? 1 : 0 }
    @inline(__always) func combine(_ acc: Int64, _ x: I) -> Int64 {
        product ? acc &* Int64(truncatingIfNeeded: x) : acc &+ Int64(truncatingIfNeeded: x)
    }
    @inline(__always) func convert(_ acc: Int64) -> O { O(truncatingIfNeeded: acc) }
}

// MARK: - Slices along a dim

/// The 1-D slices along `dim` of up to three same-shaped buffers: a `LoopPlan` over the other
/// dims, whose inner dim is a block of `lanes` slices side by side.
struct DimSlices {
    let plan: LoopPlan
    /// Elements per slice (the size of `dim`).
    let length: Int
    /// Each operand's stride along `dim`.
    var along = InlineArray<3, Int>(repeating: 0)
    /// Each operand's stride from one slice of a block to the next.
    var across = InlineArray<3, Int>(repeating: 0)

    init(dim: Int, shape: Dims, strides: [Dims]) {
        var others = shape
        others[dim] = 1
        plan = LoopPlan(shape: others, strides: strides)
        length = shape[dim]
        for k in strides.indices {
            along[k] = strides[k][dim]
            across[k] = plan.innerStride(k)
        }
    }

    /// Calls `body(offsets, lanes)` for each block of side-by-side slices, split across threads:
    /// by blocks when there are enough of them, else by lanes within each block.
    func forEach(_ body: (InlineArray<3, Int>, Int) -> Void) {
        let count = plan.count
        if count == 0 || length == 0 { return }
        let rows = plan.rowCount, width = plan.innerCount
        let work = count * length
        let threads = Parallel.threadCount
        let grain = ReduceEngine.grain
        if rows >= threads || work < 2 * grain || width < 2 * threads {
            Parallel.forRange(rows, grain: Swift.max(1, grain / Swift.max(1, width * length))) { range in
                plan.forEachRow(in: range, body)
            }
            return
        }
        let across = self.across
        plan.forEachRow(in: 0..<rows) { offsets, width in
            Parallel.forRange(width, grain: Swift.max(1, grain / length)) { lanes in
                var shifted = offsets
                for k in 0..<3 { shifted[k] += lanes.lowerBound * across[k] }
                body(shifted, lanes.count)
            }
        }
    }
}

@usableFromInline
enum SliceKernels {
    // MARK: argmax / argmin

    static func argReduce<C: ArgComparator>(_ c: C, _ a: StridedBuffer, _ dim: Int, _ values: StridedBuffer?,
                                            _ indices: StridedBuffer) {
        typealias T = C.Value
        @inline(__always) func better(_ v: T, _ b: T) -> Bool { c.better(v, b) }
        let slices = DimSlices(dim: dim, shape: a.layout.shape,
                               strides: [indices.layout.strides, a.layout.strides, (values ?? indices).layout.strides])
        let n = slices.length
        let px = UnsafePointer(a.pointer(as: T.self)), pi = indices.pointer(as: Int64.self)
        let pv = values?.pointer(as: T.self)
        let d = slices.along[1]
        let threads = Parallel.threadCount

        // One long slice: threads take consecutive pieces, merged in order (earlier wins ties).
        if slices.plan.count == 1 && threads > 1 && n >= 2 * ReduceEngine.grain {
            let pieces = threads
            var best = [T?](repeating: nil, count: pieces), where_ = [Int](repeating: 0, count: pieces)
            best.withUnsafeMutableBufferPointer { best in
                where_.withUnsafeMutableBufferPointer { where_ in
                    Parallel.forRange(pieces, grain: 1) { range in
                        for piece in range {
                            let lo = n * piece / pieces, hi = n * (piece + 1) / pieces
                            var b = px[lo * d], w = lo
                            for k in (lo + 1)..<hi where better(px[k * d], b) {
                                b = px[k * d]
                                w = k
                            }
                            best[piece] = b
                            where_[piece] = w
                        }
                    }
                }
            }
            var b = best[0]!, w = where_[0]
            for piece in 1..<pieces where better(best[piece]!, b) {
                b = best[piece]!
                w = where_[piece]
            }
            pi[0] = Int64(w)
            pv?[0] = b
            return
        }

        let di = slices.along[1]
        slices.forEach { offsets, width in
            let x = px + offsets[1], idx = pi + offsets[0]
            let ci = slices.across[1], co = slices.across[0], cv = slices.across[2]
            if ci == 1 && di != 1 && width > 1 {
                // Slices side by side in memory: walk whole rows, keeping a row of bests.
                let best = UnsafeMutablePointer<T>.allocate(capacity: width)
                let at = UnsafeMutablePointer<Int64>.allocate(capacity: width)
                defer { best.deallocate(); at.deallocate() }
                best.initialize(from: x, count: width)
                at.initialize(repeating: 0, count: width)
                for k in 1..<Swift.max(n, 1) {
                    let row = x + k * di
                    for j in 0..<width where better(row[j], best[j]) {
                        best[j] = row[j]
                        at[j] = Int64(k)
                    }
                }
                for j in 0..<width { idx[j * co] = at[j] }
                if let pv { for j in 0..<width { pv[offsets[2] + j * cv] = best[j] } }
                return
            }
            for j in 0..<width {
                let p = x + j * ci
                var b = p[0], w = 0
                for k in 1..<Swift.max(n, 1) where better(p[k * di], b) {
                    b = p[k * di]
                    w = k
                }
                idx[j * co] = Int64(w)
                pv?[offsets[2] + j * cv] = b
            }
        }
    }

    // MARK: softmax

    static func softmax<T: FloatingScalar>(_: T.Type, _ a: StridedBuffer, _ dim: Int, _ log: Bool, _ o: StridedBuffer) {
        let slices = DimSlices(dim: dim, shape: a.layout.shape, strides: [o.layout.strides, a.layout.strides])
        let n = slices.length
        let px = UnsafePointer(a.pointer(as: T.self)), py = o.pointer(as: T.self)
        let di = slices.along[1], dout = slices.along[0]
        let ci = slices.across[1], co = slices.across[0]
        slices.forEach { offsets, width in
            let x = px + offsets[1], y = py + offsets[0]
            if ci == 1 && co == 1 && di != 1 && width > 1 {
                // Slices side by side: rows of maxima and sums.
                let m = UnsafeMutablePointer<T>.allocate(capacity: width)
                let s = UnsafeMutablePointer<Double>.allocate(capacity: width)
                let f = UnsafeMutablePointer<T>.allocate(capacity: width)
                defer { m.deallocate(); s.deallocate(); f.deallocate() }
                m.initialize(repeating: -T.infinity, count: width)
                s.initialize(repeating: 0, count: width)
                for k in 0..<n {
                    let row = x + k * di
                    for j in 0..<width where row[j] > m[j] || row[j].isNaN { m[j] = row[j] }
                }
                for k in 0..<n {
                    let row = x + k * di, out = y + k * dout
                    for j in 0..<width {
                        let e = T.exp(row[j] - m[j])
                        if !log { out[j] = e }
                        s[j] += Double(e)
                    }
                }
                if log {
                    for j in 0..<width { f[j] = m[j] + T(Glibc.log(s[j])) }
                    for k in 0..<n {
                        let row = x + k * di, out = y + k * dout
                        for j in 0..<width { out[j] = row[j] - f[j] }
                    }
                } else {
                    for j in 0..<width { f[j] = T(1 / s[j]) }
                    for k in 0..<n {
                        let out = y + k * dout
                        for j in 0..<width { out[j] *= f[j] }
                    }
                }
                return
            }
            for j in 0..<width {
                softmaxSlice(x + j * ci, di, y + j * co, dout, n, log)
            }
        }
    }

    @inline(__always)
    static func softmaxSlice<T: FloatingScalar>(_ x: UnsafePointer<T>, _ sx: Int, _ y: UnsafeMutablePointer<T>,
                                                _ sy: Int, _ n: Int, _ log: Bool) {
        if T.self == Float.self && sx == 1 && sy == 1 {
            contiguousSoftmax(UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                              UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self), n, log)
            return
        }
        var m = -T.infinity
        for k in 0..<n {
            let v = x[k * sx]
            if v > m || v.isNaN { m = v }
        }
        // Sums of exponentials in double: accurate for long slices.
        var s0 = 0.0, s1 = 0.0
        var k = 0
        if log {
            while k + 2 <= n {
                s0 += Double(T.exp(x[k * sx] - m))
                s1 += Double(T.exp(x[(k + 1) * sx] - m))
                k += 2
            }
            if k < n { s0 += Double(T.exp(x[k * sx] - m)) }
            let shift = m + T(Glibc.log(s0 + s1))
            for k in 0..<n { y[k * sy] = x[k * sx] - shift }
        } else {
            while k + 2 <= n {
                let e0 = T.exp(x[k * sx] - m), e1 = T.exp(x[(k + 1) * sx] - m)
                y[k * sy] = e0
                y[(k + 1) * sy] = e1
                s0 += Double(e0)
                s1 += Double(e1)
                k += 2
            }
            if k < n {
                let e = T.exp(x[k * sx] - m)
                y[k * sy] = e
                s0 += Double(e)
            }
            let scale = T(1 / (s0 + s1))
            for k in 0..<n { y[k * sy] *= scale }
        }
    }

    /// A contiguous float32 slice: vectorized maximum and exp (`VectorMath`), the sum in double.
    static func contiguousSoftmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ log: Bool) {
        let m = FloatExtreme<Float>(max: true, magnitude: false).reduceContiguous(x, n, -.infinity)
        for k in 0..<n { y[k] = x[k] - m }
        if !VectorMath.exp(UnsafePointer(y), y, count: n) {
            for k in 0..<n { y[k] = Glibc.expf(y[k]) }
        }
        let sum = FloatSum<Float>(mean: false).reduceContiguous(UnsafePointer(y), n, 0)
        if log {
            let shift = m + Float(Glibc.log(sum))
            for k in 0..<n { y[k] = x[k] - shift }
        } else {
            let scale = Float(1 / sum)
            for k in 0..<n { y[k] *= scale }
        }
    }

    // MARK: cumsum / cumprod

    static func scan<S: Scanner>(_ scanner: S, _ a: StridedBuffer, _ o: StridedBuffer, _ dim: Int) {
        typealias I = S.Input
        typealias A = S.Acc
        typealias O = S.Output
        let identity = scanner.identity
        @inline(__always) func combine(_ acc: A, _ x: I) -> A { scanner.combine(acc, x) }
        @inline(__always) func convert(_ acc: A) -> O { scanner.convert(acc) }
        let slices = DimSlices(dim: dim, shape: a.layout.shape, strides: [o.layout.strides, a.layout.strides])
        let n = slices.length
        let px = UnsafePointer(a.pointer(as: I.self)), py = o.pointer(as: O.self)
        let di = slices.along[1], dout = slices.along[0]
        let ci = slices.across[1], co = slices.across[0]
        slices.forEach { offsets, width in
            let x = px + offsets[1], y = py + offsets[0]
            if ci == 1 && co == 1 && di != 1 && width > 1 {
                let acc = UnsafeMutablePointer<A>.allocate(capacity: width)
                defer { acc.deallocate() }
                acc.initialize(repeating: identity, count: width)
                for k in 0..<n {
                    let row = x + k * di, out = y + k * dout
                    for j in 0..<width {
                        acc[j] = combine(acc[j], row[j])
                        out[j] = convert(acc[j])
                    }
                }
                acc.deinitialize(count: width)
                return
            }
            for j in 0..<width {
                let p = x + j * ci, q = y + j * co
                var acc = identity
                for k in 0..<n {
                    acc = combine(acc, p[k * di])
                    q[k * dout] = convert(acc)
                }
            }
        }
    }
}
