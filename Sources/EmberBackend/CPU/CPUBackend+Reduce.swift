#if canImport(Glibc)
import Glibc
#endif

// MARK: - Reduction kernels

extension CPUBackend {
    /// Reduces `input` over the dims where `output` has size 1 and `input` does not.
    ///
    /// Dtype pairs (the front end arranges them): `sum`/`prod` read any dtype and write the
    /// input's floating dtype, int64, or int32 for an int32 input; `mean`, `norm`, `variance` and
    /// `logSumExp` read and write one floating dtype; `max`/`min` keep the dtype; `any`/`all`
    /// write bool and `countNonzero` int64.
    public func reduce(_ op: ReduceOp, _ input: StridedBuffer, into output: StridedBuffer) {
        switch input.dtype {
        case .float32: ReduceKernels.floating(Float.self, op, input, output)
        case .float64: ReduceKernels.floating(Double.self, op, input, output)
        case .int32: ReduceKernels.integer(Int32.self, op, input, output)
        case .int64: ReduceKernels.integer(Int64.self, op, input, output)
        // Bools are bytes holding 0 or 1.
        case .bool: ReduceKernels.integer(UInt8.self, op, input, output)
        }
    }
}

@usableFromInline
enum ReduceKernels {
    static func floating<T: FloatingScalar & SIMDScalar>(_: T.Type, _ op: ReduceOp, _ a: StridedBuffer, _ o: StridedBuffer) {
        typealias E = ReduceEngine
        switch op {
        case .sum:
            if o.dtype == a.dtype { E.run(FloatSum<T>(mean: false), a, o) } else { integerOutput(op, a, o) }
        case .mean: E.run(FloatSum<T>(mean: true), a, o)
        case .prod: E.run(FloatProd<T>(), a, o)
        case .max: E.run(FloatExtreme<T>(max: true, magnitude: false), a, o)
        case .min: E.run(FloatExtreme<T>(max: false, magnitude: false), a, o)
        case .any: E.run(AnyAll<T>(any: true), a, o)
        case .all: E.run(AnyAll<T>(any: false), a, o)
        case .countNonzero: E.run(CountNonzero<T>(), a, o)
        case .norm(let p):
            switch p {
            case 2: E.run(PowerSum<T>(kind: .square, p: 2), a, o)
            case 1: E.run(PowerSum<T>(kind: .abs, p: 1), a, o)
            case 0: E.run(PowerSum<T>(kind: .nonzero, p: 0), a, o)
            case .infinity: E.run(FloatExtreme<T>(max: true, magnitude: true), a, o)
            case -.infinity: E.run(FloatExtreme<T>(max: false, magnitude: true), a, o)
            default: E.run(PowerSum<T>(kind: .power, p: p), a, o)
            }
        case .variance(let correction, let std): E.run(Welford<T>(correction: correction, std: std), a, o)
        case .logSumExp: E.run(LogSumExp<T>(), a, o)
        }
    }

    /// A floating sum written to an integer output cannot be asked for by the front end (it casts
    /// the input first); kept as a clear failure.
    static func integerOutput(_ op: ReduceOp, _ a: StridedBuffer, _ o: StridedBuffer) {
        fatalError("Ember internal error: reduce \(op) from \(a.dtype) into \(o.dtype)")
    }

    static func integer<I: FixedWidthInteger & Sendable>(_: I.Type, _ op: ReduceOp, _ a: StridedBuffer, _ o: StridedBuffer) {
        typealias E = ReduceEngine
        switch op {
        case .sum:
            switch o.dtype {
            case .int64: E.run(IntegerSum<I, Int64>(product: false), a, o)
            case .int32: E.run(IntegerSum<I, Int32>(product: false), a, o)
            default: integerOutput(op, a, o)
            }
        case .prod:
            switch o.dtype {
            case .int64: E.run(IntegerSum<I, Int64>(product: true), a, o)
            case .int32: E.run(IntegerSum<I, Int32>(product: true), a, o)
            default: integerOutput(op, a, o)
            }
        case .max: E.run(IntegerExtreme<I>(max: true), a, o)
        case .min: E.run(IntegerExtreme<I>(max: false), a, o)
        case .any: E.run(AnyAll<I>(any: true), a, o)
        case .all: E.run(AnyAll<I>(any: false), a, o)
        case .countNonzero: E.run(CountNonzero<I>(), a, o)
        case .mean, .norm, .variance, .logSumExp:
            fatalError("Ember internal error: reduce \(op) has no integer kernel")
        }
    }
}

// MARK: - Reducer

/// One reduction: how elements fold into an accumulator, how partial accumulators merge, and
/// how the final accumulator becomes the output element. The engine inlines these into its loops.
protocol Reducer {
    associatedtype Input
    associatedtype Acc
    associatedtype Output
    /// The accumulator before any element.
    var identity: Acc { get }
    /// Folds one element in.
    func combine(_ acc: Acc, _ x: Input) -> Acc
    /// Merges the accumulators of two consecutive runs (left then right).
    func merge(_ a: Acc, _ b: Acc) -> Acc
    /// The output for an accumulator over `count` elements.
    func finish(_ acc: Acc, count: Int) -> Output
    /// Folds `n` contiguous elements into `acc`; overridden with SIMD where it pays.
    func reduceContiguous(_ p: UnsafePointer<Input>, _ n: Int, _ acc: Acc) -> Acc
    /// Folds `rows` input rows (`rowStride` apart, elements `stride` apart) into a row of `n`
    /// accumulators; overridden to fold several rows per pass over the accumulators.
    func accumulateRows(_ acc: UnsafeMutablePointer<Acc>, _ p: UnsafePointer<Input>, rowStride: Int, rows: Int,
                        stride: Int, _ n: Int)
}

extension Reducer {
    @inline(__always)
    func reduceContiguous(_ p: UnsafePointer<Input>, _ n: Int, _ acc: Acc) -> Acc {
        var a = acc
        for i in 0..<n { a = combine(a, p[i]) }
        return a
    }

    @inline(__always)
    func reduceStrided(_ p: UnsafePointer<Input>, _ n: Int, _ stride: Int, _ acc: Acc) -> Acc {
        if stride == 1 { return reduceContiguous(p, n, acc) }
        var a = acc
        for i in 0..<n { a = combine(a, p[i * stride]) }
        return a
    }

    @inline(__always)
    func accumulateRows(_ acc: UnsafeMutablePointer<Acc>, _ p: UnsafePointer<Input>, rowStride: Int, rows: Int,
                        stride: Int, _ n: Int) {
        for r in 0..<rows { accumulateRow(acc, p + r * rowStride, stride, n) }
    }

    /// `acc[j] = combine(acc[j], p[j * stride])` for a row of `n` outputs.
    @inline(__always)
    func accumulateRow(_ acc: UnsafeMutablePointer<Acc>, _ p: UnsafePointer<Input>, _ stride: Int, _ n: Int) {
        if stride == 1 {
            for j in 0..<n { acc[j] = combine(acc[j], p[j]) }
        } else {
            for j in 0..<n { acc[j] = combine(acc[j], p[j * stride]) }
        }
    }
}

// MARK: - Sums

/// Floating sum or mean: SIMD lanes within blocks of 2048 elements, block sums added in double,
/// so that float32 sums are accurate (2^24 ones sum to 16777216 exactly).
struct FloatSum<T: FloatingScalar & SIMDScalar>: Reducer {
    let mean: Bool
    var identity: Double { 0 }
    @inline(__always) func combine(_ acc: Double, _ x: T) -> Double { acc + Double(x) }
    @inline(__always) func merge(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) func finish(_ acc: Double, count: Int) -> T {
        // The sum rounds to T before the division, as PyTorch's mean does.
        mean ? T(acc) / T(count) : T(acc)
    }
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<T>, _ n: Int, _ acc: Double) -> Double {
        var total = acc
        var start = 0
        while start < n {
            let count = Swift.min(2048, n - start)
            total += Double(blockSum(p + start, count))
            start += count
        }
        return total
    }

    /// Four input rows per pass: their sum in T (a short pairwise tree), then one double add,
    /// so the row of double accumulators is loaded and stored a quarter as often.
    @inline(__always) func accumulateRows(_ acc: UnsafeMutablePointer<Double>, _ p: UnsafePointer<T>, rowStride: Int,
                                          rows: Int, stride: Int, _ n: Int) {
        var r = 0
        if stride == 1 {
            while r + 4 <= rows {
                let p0 = p + r * rowStride, p1 = p0 + rowStride, p2 = p1 + rowStride, p3 = p2 + rowStride
                for j in 0..<n { acc[j] += Double((p0[j] + p1[j]) + (p2[j] + p3[j])) }
                r += 4
            }
        }
        while r < rows {
            accumulateRow(acc, p + r * rowStride, stride, n)
            r += 1
        }
    }

    @inline(__always) func blockSum(_ p: UnsafePointer<T>, _ n: Int) -> T {
        let raw = UnsafeRawPointer(p)
        let width = MemoryLayout<SIMD8<T>>.stride
        var a0 = SIMD8<T>(), a1 = SIMD8<T>(), a2 = SIMD8<T>(), a3 = SIMD8<T>()
        var i = 0
        while i + 32 <= n {
            let base = i * MemoryLayout<T>.stride
            a0 += raw.loadUnaligned(fromByteOffset: base, as: SIMD8<T>.self)
            a1 += raw.loadUnaligned(fromByteOffset: base + width, as: SIMD8<T>.self)
            a2 += raw.loadUnaligned(fromByteOffset: base + 2 * width, as: SIMD8<T>.self)
            a3 += raw.loadUnaligned(fromByteOffset: base + 3 * width, as: SIMD8<T>.self)
            i += 32
        }
        while i + 8 <= n {
            a0 += raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: SIMD8<T>.self)
            i += 8
        }
        let lanes = (a0 + a1) + (a2 + a3)
        var s = ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]))
        while i < n {
            s += p[i]
            i += 1
        }
        return s
    }
}

/// Integer and bool sums (and products) in int64, wrapping on overflow as PyTorch does.
struct IntegerSum<I: FixedWidthInteger, O: FixedWidthInteger>: Reducer {
    let product: Bool
    var identity: Int64 { product ? 1 : 0 }
    @inline(__always) func combine(_ acc: Int64, _ x: I) -> Int64 {
        product ? acc &* Int64(truncatingIfNeeded: x) : acc &+ Int64(truncatingIfNeeded: x)
    }
    @inline(__always) func merge(_ a: Int64, _ b: Int64) -> Int64 { product ? a &* b : a &+ b }
    @inline(__always) func finish(_ acc: Int64, count: Int) -> O { O(truncatingIfNeeded: acc) }
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<I>, _ n: Int, _ acc: Int64) -> Int64 {
        var a = acc
        if product {
            for i in 0..<n { a = a &* Int64(truncatingIfNeeded: p[i]) }
        } else {
            for i in 0..<n { a = a &+ Int64(truncatingIfNeeded: p[i]) }
        }
        return a
    }
}

/// Floating product, accumulated in the input's type as PyTorch does.
struct FloatProd<T: FloatingScalar>: Reducer {
    var identity: T { 1 }
    @inline(__always) func combine(_ acc: T, _ x: T) -> T { acc * x }
    @inline(__always) func merge(_ a: T, _ b: T) -> T { a * b }
    @inline(__always) func finish(_ acc: T, count: Int) -> T { acc }
}

// MARK: - Extremes

/// `amax`/`amin` (and the infinity norms when `magnitude`): NaN propagates.
struct FloatExtreme<T: FloatingScalar & SIMDScalar>: Reducer {
    let max: Bool
    let magnitude: Bool
    var identity: T { max ? -T.infinity : T.infinity }
    @inline(__always) func combine(_ acc: T, _ x: T) -> T {
        let v = magnitude ? x.magnitude : x
        if max { return v > acc || v.isNaN ? v : acc }
        return v < acc || v.isNaN ? v : acc
    }
    @inline(__always) func merge(_ a: T, _ b: T) -> T {
        if a.isNaN { return a }
        if b.isNaN { return b }
        return max ? (b > a ? b : a) : (b < a ? b : a)
    }
    @inline(__always) func finish(_ acc: T, count: Int) -> T { acc }
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<T>, _ n: Int, _ acc: T) -> T {
        // Lanes start from 0 for the largest magnitude, so that merging them needs no `magnitude`.
        switch (max, magnitude) {
        case (true, false): return merge(acc, Self.lanes(p, n, identity) { $0 > $1 ? $0 : $1 })
        case (false, false): return merge(acc, Self.lanes(p, n, identity) { $0 < $1 ? $0 : $1 })
        case (true, true): return merge(acc, Self.lanes(p, n, 0) { $0.magnitude > $1 ? $0.magnitude : $1 })
        case (false, true): return merge(acc, Self.lanes(p, n, identity) { $0.magnitude < $1 ? $0.magnitude : $1 })
        }
    }

    /// Eight independent lanes of plain compare-and-select (which x86 turns into max/min
    /// instructions), with NaN flags kept beside them; a NaN anywhere gives NaN.
    @inline(__always)
    static func lanes(_ p: UnsafePointer<T>, _ n: Int, _ identity: T, _ pick: (T, T) -> T) -> T {
        var b0 = identity, b1 = identity, b2 = identity, b3 = identity
        var b4 = identity, b5 = identity, b6 = identity, b7 = identity
        var n0 = false, n1 = false, n2 = false, n3 = false
        var i = 0
        while i + 8 <= n {
            let v0 = p[i], v1 = p[i + 1], v2 = p[i + 2], v3 = p[i + 3]
            let v4 = p[i + 4], v5 = p[i + 5], v6 = p[i + 6], v7 = p[i + 7]
            b0 = pick(v0, b0); b1 = pick(v1, b1); b2 = pick(v2, b2); b3 = pick(v3, b3)
            b4 = pick(v4, b4); b5 = pick(v5, b5); b6 = pick(v6, b6); b7 = pick(v7, b7)
            n0 = n0 || v0 != v0 || v4 != v4
            n1 = n1 || v1 != v1 || v5 != v5
            n2 = n2 || v2 != v2 || v6 != v6
            n3 = n3 || v3 != v3 || v7 != v7
            i += 8
        }
        while i < n {
            b0 = pick(p[i], b0)
            n0 = n0 || p[i] != p[i]
            i += 1
        }
        if n0 || n1 || n2 || n3 { return T.nan }
        return pick(pick(pick(b0, b1), pick(b2, b3)), pick(pick(b4, b5), pick(b6, b7)))
    }
}

/// Integer and bool `amax`/`amin`.
struct IntegerExtreme<I: FixedWidthInteger>: Reducer {
    let max: Bool
    var identity: I { max ? I.min : I.max }
    @inline(__always) func combine(_ acc: I, _ x: I) -> I { max ? Swift.max(acc, x) : Swift.min(acc, x) }
    @inline(__always) func merge(_ a: I, _ b: I) -> I { combine(a, b) }
    @inline(__always) func finish(_ acc: I, count: Int) -> I { acc }
}

// MARK: - Logical and counting

/// `any`/`all`: whether any (every) element is nonzero; NaN is nonzero.
struct AnyAll<T: Numeric>: Reducer {
    let any: Bool
    var identity: Bool { !any }
    @inline(__always) func combine(_ acc: Bool, _ x: T) -> Bool { any ? (acc || x != 0) : (acc && x != 0) }
    @inline(__always) func merge(_ a: Bool, _ b: Bool) -> Bool { any ? (a || b) : (a && b) }
    @inline(__always) func finish(_ acc: Bool, count: Int) -> Bool { acc }
}

/// The number of nonzero elements, as int64.
struct CountNonzero<T: Numeric>: Reducer {
    var identity: Int64 { 0 }
    @inline(__always) func combine(_ acc: Int64, _ x: T) -> Int64 { acc &+ (x != 0 ? 1 : 0) }
    @inline(__always) func merge(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inline(__always) func finish(_ acc: Int64, count: Int) -> Int64 { acc }
}

// MARK: - Norms, variance, logsumexp

/// `sum(|x|^p)^(1/p)` for finite `p`; each term is computed in T (so float32 squares overflow
/// and underflow as PyTorch's do) and summed in double.
struct PowerSum<T: FloatingScalar>: Reducer {
    enum Kind { case square, abs, nonzero, power }
    let kind: Kind
    let p: Double
    var identity: Double { 0 }
    @inline(__always) func combine(_ acc: Double, _ x: T) -> Double {
        switch kind {
        case .square: acc + Double(x * x)
        case .abs: acc + Double(x.magnitude)
        case .nonzero: acc + (x != 0 ? 1 : 0)
        case .power: acc + Double(T.pow(x.magnitude, T(p)))
        }
    }
    @inline(__always) func merge(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) func finish(_ acc: Double, count: Int) -> T {
        switch kind {
        case .square: T(acc).squareRoot()
        case .abs, .nonzero: T(acc)
        case .power: T.pow(T(acc), T(1 / p))
        }
    }
}

/// Welford's running mean and sum of squared deviations, in double (PyTorch's `WelfordOps`).
struct WelfordAcc {
    var n: Double
    var mean: Double
    var m2: Double
}

/// Variance or standard deviation with a correction (`var`, `std`).
struct Welford<T: FloatingScalar & SIMDScalar>: Reducer {
    let correction: Double
    let std: Bool
    var identity: WelfordAcc { WelfordAcc(n: 0, mean: 0, m2: 0) }
    @inline(__always) func combine(_ acc: WelfordAcc, _ x: T) -> WelfordAcc {
        let v = Double(x)
        let n = acc.n + 1
        let delta = v - acc.mean
        let mean = acc.mean + delta / n
        return WelfordAcc(n: n, mean: mean, m2: acc.m2 + delta * (v - mean))
    }
    @inline(__always) func merge(_ a: WelfordAcc, _ b: WelfordAcc) -> WelfordAcc {
        if a.n == 0 { return b }
        if b.n == 0 { return a }
        let n = a.n + b.n
        let delta = b.mean - a.mean
        let wb = b.n / n
        return WelfordAcc(n: n, mean: a.mean + delta * wb, m2: a.m2 + b.m2 + delta * delta * a.n * wb)
    }
    @inline(__always) func finish(_ acc: WelfordAcc, count: Int) -> T {
        let divisor = Swift.max(0, acc.n - correction)
        let v = acc.m2 / divisor
        return T(std ? v.squareRoot() : v)
    }
    /// Blocks of 1024: the block's mean from its sum, then its squared deviations (two passes over
    /// data in cache), merged into the running accumulator.
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<T>, _ n: Int, _ acc: WelfordAcc) -> WelfordAcc {
        var total = acc
        var start = 0
        while start < n {
            let count = Swift.min(1024, n - start)
            let block = p + start
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 4 <= count {
                s0 += Double(block[i]); s1 += Double(block[i + 1])
                s2 += Double(block[i + 2]); s3 += Double(block[i + 3])
                i += 4
            }
            while i < count { s0 += Double(block[i]); i += 1 }
            let mean = ((s0 + s1) + (s2 + s3)) / Double(count)
            var q0 = 0.0, q1 = 0.0
            i = 0
            while i + 2 <= count {
                let d0 = Double(block[i]) - mean, d1 = Double(block[i + 1]) - mean
                q0 += d0 * d0; q1 += d1 * d1
                i += 2
            }
            if i < count { let d = Double(block[i]) - mean; q0 += d * d }
            total = merge(total, WelfordAcc(n: Double(count), mean: mean, m2: q0 + q1))
            start += count
        }
        return total
    }
}

/// The running maximum and the sum of `exp(x - ref)`, where `ref` is the maximum, or 0 when the
/// maximum is infinite (PyTorch's masking of infinite maxima).
struct LogSumExpAcc<T> {
    var max: T
    var sum: Double
}

/// `log(sum(exp(x)))` in one pass, rescaling the sum when the maximum grows.
struct LogSumExp<T: FloatingScalar>: Reducer {
    var identity: LogSumExpAcc<T> { LogSumExpAcc(max: -T.infinity, sum: 0) }
    @inline(__always) func ref(_ m: T) -> T { m.isInfinite ? 0 : m }
    @inline(__always) func combine(_ acc: LogSumExpAcc<T>, _ x: T) -> LogSumExpAcc<T> {
        var a = acc
        if x > a.max || x.isNaN {
            if a.max.isNaN { return a }
            if a.sum != 0 { a.sum *= Double(T.exp(ref(a.max) - ref(x))) }
            a.max = x
        }
        if a.max.isNaN { return a }
        a.sum += Double(T.exp(x - ref(a.max)))
        return a
    }
    @inline(__always) func merge(_ a: LogSumExpAcc<T>, _ b: LogSumExpAcc<T>) -> LogSumExpAcc<T> {
        if a.max.isNaN { return a }
        if b.max.isNaN { return b }
        let m = b.max > a.max ? b.max : a.max
        let r = ref(m)
        var s = 0.0
        if a.sum != 0 { s += a.sum * Double(T.exp(ref(a.max) - r)) }
        if b.sum != 0 { s += b.sum * Double(T.exp(ref(b.max) - r)) }
        return LogSumExpAcc(max: m, sum: s)
    }
    @inline(__always) func finish(_ acc: LogSumExpAcc<T>, count: Int) -> T {
        if acc.max.isNaN { return acc.max }
        return T(Glibc.log(acc.sum) + Double(ref(acc.max)))
    }
}

// MARK: - Engine

/// The loops every reduction runs. Dims of size 1 are dropped, the rest ordered by the input's
/// strides and merged where possible; then one of two shapes of loop:
///
/// - inner: the innermost dim is reduced. Each output folds its elements, a contiguous run at
///   a time (`reduceContiguous`, vectorized). Many outputs are split across threads; a few large
///   ones split their own elements into per-thread partials, merged in order.
/// - outer: the innermost dim is kept (e.g. `sum(dim: 0)` of a row-major matrix). A row of
///   accumulators takes whole input rows at a time (several per pass), streaming memory once;
///   the row is tiled so it stays in L1, and threads take tiles, or consecutive blocks of the
///   reduced rows when tiles are few.
///
/// No heap allocation on the way to the loops, so small reductions stay cheap.
enum ReduceEngine {
    static let grain = 32_768
    /// Bytes of accumulators per tile of the outer loop.
    static let tileBytes = 16_384

    static func run<R: Reducer>(_ r: R, _ input: StridedBuffer, _ output: StridedBuffer) {
        let outCount = output.layout.count
        if outCount == 0 { return }
        let ishape = input.layout.shape, oshape = output.layout.shape
        let istrides = input.layout.strides, ostrides = output.layout.strides
        let pin = UnsafePointer(input.pointer(as: R.Input.self))
        let pout = output.pointer(as: R.Output.self)
        var redCount = 1
        for d in 0..<ishape.count where oshape[d] == 1 && ishape[d] != 1 { redCount *= ishape[d] }
        if redCount == 0 {
            let value = r.finish(r.identity, count: 0)
            let plan = LoopPlan(shape: oshape, strides: [ostrides])
            let s = plan.innerStride(0)
            plan.forEachRow(in: 0..<plan.rowCount) { offsets, count in
                for j in 0..<count { pout[offsets[0] + j * s] = value }
            }
            return
        }
        if input.layout.isContiguous && output.layout.isContiguous {
            // The common cases, planned without sorting: reduced dims all trailing (rows of
            // `redCount` contiguous elements each) or all leading (rows of outputs).
            var firstReduced = ishape.count, lastReduced = -1
            for d in 0..<ishape.count where oshape[d] == 1 && ishape[d] != 1 {
                firstReduced = Swift.min(firstReduced, d)
                lastReduced = d
            }
            var leading = 1, between = 1, trailing = 1
            for d in 0..<ishape.count {
                if d < firstReduced { leading *= ishape[d] } else if d > lastReduced { trailing *= ishape[d] } else if oshape[d] != 1 { between *= ishape[d] }
            }
            if between == 1 && trailing == 1 {
                var kept = DimList(), red = DimList()
                if leading > 1 { kept.append(size: leading, input: redCount, output: 1) }
                red.append(size: redCount, input: 1, output: 0)
                inner(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
                return
            }
            if between == 1 && leading == 1 {
                var kept = DimList(), red = DimList()
                kept.append(size: trailing, input: 1, output: 1)
                red.append(size: redCount, input: trailing, output: 0)
                outer(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
                return
            }
        }
        // The dims that matter, ordered outermost first by input stride (stride 0 outermost).
        var dims = DimList(), reduced = Dims(), keys = Dims()
        for d in 0..<ishape.count where ishape[d] != 1 {
            let isReduced = oshape[d] == 1
            dims.append(size: ishape[d], input: istrides[d], output: isReduced ? 0 : ostrides[d])
            reduced.append(isReduced ? 1 : 0)
            keys.append(istrides[d] == 0 ? Int.max : Swift.abs(istrides[d]))
        }
        if dims.count == 0 {
            pout[0] = r.finish(r.combine(r.identity, pin[0]), count: 1)
            return
        }
        for i in 1..<dims.count {
            var j = i
            while j > 0 && keys[j - 1] < keys[j] {
                dims.swapAt(j - 1, j)
                reduced.swapAt(j - 1, j)
                keys.swapAt(j - 1, j)
                j -= 1
            }
        }
        // Merge neighbours of the same kind that step evenly; split into kept and reduced lists.
        var kept = DimList(), red = DimList()
        var i = 0
        var innerReduced = false
        while i < dims.count {
            var size = dims.sizes[i], inS = dims.input[i], outS = dims.output[i]
            let isReduced = reduced[i] == 1
            while i + 1 < dims.count && reduced[i + 1] == reduced[i]
                && inS == dims.input[i + 1] * dims.sizes[i + 1]
                && (isReduced || outS == dims.output[i + 1] * dims.sizes[i + 1]) {
                i += 1
                size *= dims.sizes[i]
                inS = dims.input[i]
                outS = dims.output[i]
            }
            if isReduced { red.append(size: size, input: inS, output: 0) } else { kept.append(size: size, input: inS, output: outS) }
            innerReduced = isReduced
            i += 1
        }
        if innerReduced {
            inner(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
        } else {
            outer(r, pin, pout, kept: kept, red: red, outCount: outCount, redCount: redCount)
        }
    }

    // MARK: Inner reductions

    static func inner<R: Reducer>(_ r: R, _ pin: UnsafePointer<R.Input>, _ pout: UnsafeMutablePointer<R.Output>,
                                  kept: DimList, red: DimList, outCount: Int, redCount: Int) {
        let last = red.count - 1
        let n = red.sizes[last], s = red.input[last]
        let rows = red.droppingLast()

        // Folds the reduced elements with flat indices in `range` (row-major over `red`).
        @inline(__always) func span(_ base: Int, _ range: Range<Int>) -> R.Acc {
            if last == 0 {
                return r.reduceStrided(pin + base + range.lowerBound * s, range.count, s, r.identity)
            }
            var acc = r.identity
            var flat = range.lowerBound
            while flat < range.upperBound {
                let row = flat / n, column = flat % n
                let count = Swift.min(n - column, range.upperBound - flat)
                acc = r.reduceStrided(pin + base + rows.offsets(row).0 + column * s, count, s, acc)
                flat += count
            }
            return acc
        }

        let threads = Parallel.threadCount
        if threads == 1 || redCount < 2 * grain || outCount >= 4 * threads {
            if outCount * redCount < 2 * grain {
                kept.forEach(0..<outCount) { i, o in pout[o] = r.finish(span(i, 0..<redCount), count: redCount) }
                return
            }
            Parallel.forRange(outCount, grain: Swift.max(1, grain / redCount)) { range in
                kept.forEach(range) { i, o in pout[o] = r.finish(span(i, 0..<redCount), count: redCount) }
            }
            return
        }
        // A few large outputs: each splits its elements across threads.
        let pieces = Swift.min(threads, redCount / grain)
        let partials = UnsafeMutablePointer<R.Acc>.allocate(capacity: pieces)
        partials.initialize(repeating: r.identity, count: pieces)
        defer { partials.deinitialize(count: pieces); partials.deallocate() }
        kept.forEach(0..<outCount) { i, o in
            Parallel.forRange(pieces, grain: 1) { range in
                for piece in range {
                    partials[piece] = span(i, (redCount * piece / pieces)..<(redCount * (piece + 1) / pieces))
                }
            }
            var acc = partials[0]
            for piece in 1..<pieces { acc = r.merge(acc, partials[piece]) }
            pout[o] = r.finish(acc, count: redCount)
        }
    }

    // MARK: Outer reductions

    static func outer<R: Reducer>(_ r: R, _ pin: UnsafePointer<R.Input>, _ pout: UnsafeMutablePointer<R.Output>,
                                  kept: DimList, red: DimList, outCount: Int, redCount: Int) {
        let lastKept = kept.count - 1
        let width = kept.sizes[lastKept], si = kept.input[lastKept], so = kept.output[lastKept]
        let outputs = kept.droppingLast()
        // Reduced positions as runs along the innermost reduced dim (one run of one when none).
        let runLength = red.count > 0 ? red.sizes[red.count - 1] : 1
        let runStride = red.count > 0 ? red.input[red.count - 1] : 0
        let runs = red.count > 0 ? red.droppingLast() : DimList()
        let tile = Swift.max(1, Swift.min(width, tileBytes / Swift.max(1, MemoryLayout<R.Acc>.stride)))
        let tiles = (width + tile - 1) / tile
        let items = outputs.product * tiles

        // Accumulates reduced positions `range` of one tile into `acc`.
        @inline(__always)
        func accumulate(_ acc: UnsafeMutablePointer<R.Acc>, _ base: Int, _ c0: Int, _ count: Int, _ range: Range<Int>) {
            var flat = range.lowerBound
            while flat < range.upperBound {
                let k = flat % runLength, length = Swift.min(runLength - k, range.upperBound - flat)
                let start = pin + base + runs.offsets(flat / runLength).0 + k * runStride + c0 * si
                r.accumulateRows(acc, start, rowStride: runStride, rows: length, stride: si, count)
                flat += length
            }
        }

        let threads = Parallel.threadCount
        let total = outCount * redCount
        if total < 2 * grain || threads == 1 || items >= 2 * threads || outputs.product > 1 || redCount < 2 * threads {
            Parallel.forRange(items, grain: Swift.max(1, grain / Swift.max(1, tile * redCount))) { range in
                let acc = UnsafeMutablePointer<R.Acc>.allocate(capacity: tile)
                defer { acc.deallocate() }
                for item in range {
                    let (i, o) = outputs.offsets(item / tiles)
                    let c0 = (item % tiles) * tile, count = Swift.min(tile, width - c0)
                    acc.initialize(repeating: r.identity, count: count)
                    accumulate(acc, i, c0, count, 0..<redCount)
                    for j in 0..<count { pout[o + (c0 + j) * so] = r.finish(acc[j], count: redCount) }
                    acc.deinitialize(count: count)
                }
            }
            return
        }
        // One output row and few tiles: threads take consecutive blocks of the reduced rows, each
        // into its own row of partials, merged in order.
        let pieces = Swift.min(threads, redCount)
        let partials = UnsafeMutablePointer<R.Acc>.allocate(capacity: pieces * width)
        partials.initialize(repeating: r.identity, count: pieces * width)
        defer { partials.deinitialize(count: pieces * width); partials.deallocate() }
        Parallel.forRange(pieces, grain: 1) { range in
            for piece in range {
                let mine = (redCount * piece / pieces)..<(redCount * (piece + 1) / pieces)
                var c0 = 0
                while c0 < width {
                    let count = Swift.min(tile, width - c0)
                    accumulate(partials + piece * width + c0, 0, c0, count, mine)
                    c0 += count
                }
            }
        }
        for j in 0..<width {
            var acc = partials[j]
            for piece in 1..<pieces { acc = r.merge(acc, partials[piece * width + j]) }
            pout[j * so] = r.finish(acc, count: redCount)
        }
    }
}

// MARK: - DimList

/// A few dims (sizes with input and output strides, outermost first), walked in row-major order.
struct DimList {
    var sizes = Dims()
    var input = Dims()
    var output = Dims()

    var count: Int { sizes.count }
    /// The number of positions (1 for no dims).
    var product: Int { sizes.product }

    mutating func append(size: Int, input i: Int, output o: Int) {
        sizes.append(size)
        input.append(i)
        output.append(o)
    }

    mutating func swapAt(_ a: Int, _ b: Int) {
        sizes.swapAt(a, b)
        input.swapAt(a, b)
        output.swapAt(a, b)
    }

    /// All but the innermost dim.
    func droppingLast() -> DimList {
        var list = DimList()
        for d in 0..<Swift.max(0, count - 1) { list.append(size: sizes[d], input: input[d], output: output[d]) }
        return list
    }

    /// The input and output offsets of the position with flat index `flat`.
    @inline(__always) func offsets(_ flat: Int) -> (Int, Int) {
        var rest = flat, i = 0, o = 0
        var d = sizes.count - 1
        while d >= 0 {
            let index = rest % sizes[d]
            rest /= sizes[d]
            i += index * input[d]
            o += index * output[d]
            d -= 1
        }
        return (i, o)
    }

    /// Calls `body(inputOffset, outputOffset)` for the positions in `range`, in order.
    @inline(__always) func forEach(_ range: Range<Int>, _ body: (Int, Int) -> Void) {
        if range.isEmpty { return }
        let rank = sizes.count
        if rank == 0 {
            body(0, 0)
            return
        }
        if rank == 1 {
            let si = input[0], so = output[0]
            for k in range { body(k * si, k * so) }
            return
        }
        var index = Dims(repeating: 0, count: rank)
        var (i, o) = offsets(range.lowerBound)
        var rest = range.lowerBound
        for d in stride(from: rank - 1, through: 0, by: -1) {
            index[d] = rest % sizes[d]
            rest /= sizes[d]
        }
        for _ in range {
            body(i, o)
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                i += input[d]
                o += output[d]
                if index[d] < sizes[d] { break }
                i -= input[d] * sizes[d]
                o -= output[d] * sizes[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
