import EmberBackend
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
    @usableFromInline package func reduce(_ op: ReduceOp, _ input: StridedBuffer, into output: StridedBuffer) {
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

extension CPUBackend {
    /// The sum (or mean) of `count` contiguous float32 or float64 elements written to `output`,
    /// with the bits `reduce(_:_:into:)` gives for them (the same reducer, in the same order),
    /// without its planning: a small tensor's `sum()` or `mean()`. False, with nothing written,
    /// for other dtypes and for counts that `reduce` splits across threads.
    package func sumContiguous(_ input: UnsafeRawPointer, count: Int, dtype: DType, mean: Bool,
                               into output: UnsafeMutableRawPointer) -> Bool {
        switch dtype {
        case .float32:
            return ReduceEngine.flat(FloatSum<Float>(mean: mean), input.assumingMemoryBound(to: Float.self), count,
                                     output.assumingMemoryBound(to: Float.self))
        case .float64:
            return ReduceEngine.flat(FloatSum<Double>(mean: mean), input.assumingMemoryBound(to: Double.self), count,
                                     output.assumingMemoryBound(to: Double.self))
        default: return false
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
