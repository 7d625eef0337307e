import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Binary kernels

extension CPUBackend {
    /// Runs a binary op. Buffer operands have `output`'s shape (broadcast through stride 0) and
    /// the computation dtype; scalars are converted to it. `output` has the computation dtype,
    /// or bool for comparisons and logical ops. At least one operand is a buffer.
    @usableFromInline package func binary(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand, into output: StridedBuffer) {
        let dtype: DType
        switch (lhs, rhs) {
        case (.buffer(let a), _): dtype = a.dtype
        case (_, .buffer(let b)): dtype = b.dtype
        default: fatalError("Ember internal error: a binary kernel needs a buffer operand")
        }
        // pow, atan2, fmod, remainder and hypot of floats: SLEEF's vector functions (VectorMath).
        if dtype == .float32 && VectorMath.binary(op, lhs, rhs, output, Float.self) { return }
        if dtype == .float64 && VectorMath.binary(op, lhs, rhs, output, Double.self) { return }
        BinaryKernels.run(op, dtype, StridedLoop(lhs: lhs, rhs: rhs, out: output))
    }

    /// `output[i] = a[i] op b[i]` for `count` contiguous elements of `dtype` (bools for
    /// comparisons and logical ops): the same kernels as `binary(_:_:_:into:)`, reached with
    /// raw pointers, so the small same-shape ops that dominate autograd pass no layouts around.
    /// An operand marked `oneValue` is a single element repeated (read once, as a number).
    /// `output` may be `a` (in place).
    @usableFromInline package func binary(_ op: BinaryOp, contiguous a: UnsafeRawPointer, _ b: UnsafeRawPointer,
                       into output: UnsafeMutableRawPointer, count: Int, dtype: DType,
                       lhsOneValue: Bool = false, rhsOneValue: Bool = false) {
        if VectorMath.binary(op, contiguous: a, b, into: output, count: count, dtype: dtype,
                             lhsOneValue: lhsOneValue, rhsOneValue: rhsOneValue) { return }
        BinaryKernels.run(op, dtype, FlatLoop(a: a, b: b, out: output, count: count,
                                              lhsOneValue: lhsOneValue, rhsOneValue: rhsOneValue))
    }
}

// MARK: - Loops

/// How a binary op walks its operands. The op tables (`BinaryKernels.floating`, `integer`,
/// `boolean`, `compare`) choose the element function once; the loop runs it.
@usableFromInline protocol BinaryLoop {
    func run<F: ElementFunction2>(_ f: F) where F.First: TensorScalar, F.Second == F.First
    /// The right operand when it is a number and the left a buffer (pow's specializations).
    var scalarExponent: Double? { get }
}

extension BinaryLoop {
    /// `run` for an op written as a closure (the less frequent ops).
    @inline(__always)
    func run<T: TensorScalar, O>(_ f: (T, T) -> O) {
        withoutActuallyEscaping(f) { f in run(ClosureFunction2(f)) }
    }
}

/// Operands in any layout (broadcast through stride 0) or numbers.
struct StridedLoop: BinaryLoop {
    let lhs: BinaryOperand, rhs: BinaryOperand, out: StridedBuffer

    @inline(__always)
    func run<F: ElementFunction2>(_ f: F) where F.First: TensorScalar, F.Second == F.First {
        BinaryKernels.apply(lhs, rhs, out, f)
    }

    var scalarExponent: Double? {
        if case .buffer = lhs, case .scalar(let s) = rhs { return s.doubleValue }
        return nil
    }
}

/// Two contiguous operands and a contiguous output, as raw pointers.
struct FlatLoop: BinaryLoop {
    let a: UnsafeRawPointer, b: UnsafeRawPointer, out: UnsafeMutableRawPointer, count: Int
    /// A side that is one element repeated (see "one value repeated" in `apply`).
    let lhsOneValue: Bool, rhsOneValue: Bool

    @inline(__always)
    func run<F: ElementFunction2>(_ f: F) where F.First: TensorScalar, F.Second == F.First {
        let pa = a.assumingMemoryBound(to: F.First.self), pb = b.assumingMemoryBound(to: F.Second.self)
        let po = out.assumingMemoryBound(to: F.Output.self)
        if rhsOneValue && !lhsOneValue {
            Elementwise.mapFlat(pa, po, count, BindSecond(f, pb.pointee))
        } else if lhsOneValue && !rhsOneValue {
            Elementwise.mapFlat(pb, po, count, BindFirst(f, pa.pointee))
        } else if lhsOneValue {
            let value = f(pa.pointee, pb.pointee)
            for i in 0..<count { po[i] = value }
        } else {
            Elementwise.zipFlat(pa, pb, po, count, f)
        }
    }

    var scalarExponent: Double? { nil }
}

@usableFromInline
enum BinaryKernels {
    /// Runs `f` over the operands, turning a scalar side into a bound constant.
    @inline(__always)
    static func apply<F: ElementFunction2>(_ lhs: BinaryOperand, _ rhs: BinaryOperand, _ out: StridedBuffer, _ f: F)
    where F.First: TensorScalar, F.Second == F.First {
        switch (lhs, rhs) {
        case (.buffer(let a), .buffer(let b)):
            // An operand that is one value repeated (a broadcast number, like the gradient of a
            // sum) is read once and bound as a number: the other operand's own loop, often
            // contiguous, instead of the strided two-operand walk.
            if b.layout.isOneLocation && !a.layout.isOneLocation {
                Elementwise.map(a, out, BindSecond(f, b.pointer(as: F.Second.self).pointee))
            } else if a.layout.isOneLocation && !b.layout.isOneLocation {
                Elementwise.map(b, out, BindFirst(f, a.pointer(as: F.First.self).pointee))
            } else {
                Elementwise.zip(a, b, out, f)
            }
        case (.buffer(let a), .scalar(let s)):
            Elementwise.map(a, out, BindSecond(f, s.converted()))
        case (.scalar(let s), .buffer(let b)):
            Elementwise.map(b, out, BindFirst(f, s.converted()))
        case (.scalar, .scalar):
            fatalError("Ember internal error: a binary kernel needs a buffer operand")
        }
    }

    /// Picks the element type's op table.
    @inline(__always)
    static func run<L: BinaryLoop>(_ op: BinaryOp, _ dtype: DType, _ loop: L) {
        switch dtype {
        case .float32: floating(Float.self, op, loop)
        case .float64: floating(Double.self, op, loop)
        case .int32: integer(Int32.self, op, loop)
        case .int64: integer(Int64.self, op, loop)
        case .bool: boolean(op, loop)
        }
    }

    static func floating<T: FloatingScalar, L: BinaryLoop>(_: T.Type, _ op: BinaryOp, _ loop: L) {
        switch op {
        case .add: loop.run(Add<T>())
        case .sub: loop.run(Subtract<T>())
        case .mul: loop.run(Multiply<T>())
        case .div: loop.run(Divide<T>())
        case .floorDivide: loop.run { (x: T, y: T) in floorDivide(x, y) }
        case .remainder:
            loop.run { (x: T, y: T) -> T in
                let m = T.fmod(x, y)
                return (m != 0 && (y < 0) != (m < 0)) ? m + y : m
            }
        case .fmod: loop.run { (x: T, y: T) in T.fmod(x, y) }
        case .pow:
            if let e = loop.scalarExponent {
                powScalarExponent(T.self, loop, e)
            } else {
                loop.run { (x: T, y: T) in T.pow(x, y) }
            }
        case .atan2: loop.run { (x: T, y: T) in T.atan2(x, y) }
        case .maximum: loop.run(FloatingMaximum<T>())
        case .minimum: loop.run(FloatingMinimum<T>())
        case .eq, .ne, .lt, .le, .gt, .ge: compare(op, loop, T.self)
        case .logicalAnd: loop.run { (x: T, y: T) in x != 0 && y != 0 }
        case .logicalOr: loop.run { (x: T, y: T) in x != 0 || y != 0 }
        case .logicalXor: loop.run { (x: T, y: T) in (x != 0) != (y != 0) }
        case .fmax: loop.run { (x: T, y: T) -> T in x.isNaN ? y : (y.isNaN ? x : (x < y ? y : x)) }
        case .fmin: loop.run { (x: T, y: T) -> T in x.isNaN ? y : (y.isNaN ? x : (y < x ? y : x)) }
        case .hypot: loop.run { (x: T, y: T) in T.hypot(x, y) }
        case .logaddexp:
            // PyTorch's logaddexp: equal infinities give themselves (-inf, -inf gives -inf).
            loop.run { (x: T, y: T) -> T in
                if x.isInfinite && x == y { return x }
                let m = x < y ? y : x
                return m + T.log1p(T.exp(-(x - y).magnitude))
            }
        case .logaddexp2:
            loop.run { (x: T, y: T) -> T in
                if x.isInfinite && x == y { return x }
                let m = x < y ? y : x
                return m + T.log1p(T.exp2(-(x - y).magnitude)) * T(1.4426950408889634)
            }
        case .copysign: loop.run { (x: T, y: T) in T(signOf: y, magnitudeOf: x) }
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseLeftShift, .bitwiseRightShift:
            fatalError("Ember internal error: bitwise op on a floating dtype")
        }
    }

    /// Whether `powScalarExponent` computes `x ** e` with products or square roots rather than
    /// with `pow` (VectorMath leaves these exponents to it).
    static func powExponentHasProductForm(_ e: Double) -> Bool {
        switch e {
        case 0.5, -0.5, -1, 2, 3, -2: true
        default: false
        }
    }

    /// `x ** e` for a scalar exponent, with PyTorch's specializations (`pow_tensor_scalar_kernel`):
    /// 0.5, -0.5 and -1 are `sqrt`, `rsqrt` and `reciprocal` (so `(-inf) ** 0.5` is NaN and
    /// `(-0.0) ** 0.5` is -0.0, unlike C's `pow`), and 2, 3, -2 are products.
    @inline(__always)
    static func powScalarExponent<T: FloatingScalar, L: BinaryLoop>(_: T.Type, _ loop: L, _ e: Double) {
        switch e {
        case 0.5: loop.run { (x: T, _: T) in x.squareRoot() }
        case -0.5: loop.run { (x: T, _: T) in 1 / x.squareRoot() }
        case -1: loop.run { (x: T, _: T) in 1 / x }
        case 2: loop.run { (x: T, _: T) in x * x }
        case 3: loop.run { (x: T, _: T) in x * x * x }
        case -2: loop.run { (x: T, _: T) in 1 / (x * x) }
        default: loop.run { (x: T, y: T) in T.pow(x, y) }
        }
    }

    /// Python's floor division for floats (PyTorch's `div_floor_floating`).
    @inline(__always)
    static func floorDivide<T: FloatingScalar>(_ a: T, _ b: T) -> T {
        if b == 0 { return a / b }
        let mod = T.fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div != 0 {
            var floored = T.floor(div)
            if div - floored > 0.5 { floored += 1 }
            return floored
        }
        return T(signOf: a / b, magnitudeOf: 0)
    }

    static func integer<T: IntegerScalar, L: BinaryLoop>(_: T.Type, _ op: BinaryOp, _ loop: L) {
        switch op {
        case .add: loop.run(WrappingAdd<T>())
        case .sub: loop.run(WrappingSubtract<T>())
        case .mul: loop.run(WrappingMultiply<T>())
        case .div, .floorDivide:
            // The front end has checked for zero divisors.
            loop.run { (x: T, y: T) -> T in
                if y == -1 { return 0 &- x }
                let q = x / y
                return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q
            }
        case .remainder:
            loop.run { (x: T, y: T) -> T in
                if y == -1 { return 0 }
                let m = x % y
                return (m != 0 && (y < 0) != (m < 0)) ? m + y : m
            }
        case .fmod: loop.run { (x: T, y: T) -> T in y == -1 ? 0 : x % y }
        case .pow: loop.run { (x: T, y: T) in integerPower(x, Int64(y)) }
        case .atan2: fatalError("Ember internal error: atan2 on an integer dtype")
        case .maximum: loop.run { (x: T, y: T) in Swift.max(x, y) }
        case .minimum: loop.run { (x: T, y: T) in Swift.min(x, y) }
        case .eq, .ne, .lt, .le, .gt, .ge: compare(op, loop, T.self)
        case .logicalAnd: loop.run { (x: T, y: T) in x != 0 && y != 0 }
        case .logicalOr: loop.run { (x: T, y: T) in x != 0 || y != 0 }
        case .logicalXor: loop.run { (x: T, y: T) in (x != 0) != (y != 0) }
        case .bitwiseAnd: loop.run { (x: T, y: T) in x & y }
        case .bitwiseOr: loop.run { (x: T, y: T) in x | y }
        case .bitwiseXor: loop.run { (x: T, y: T) in x ^ y }
        case .fmax: loop.run { (x: T, y: T) in Swift.max(x, y) }
        case .fmin: loop.run { (x: T, y: T) in Swift.min(x, y) }
        case .bitwiseLeftShift:
            // PyTorch: a count that is negative or at least the width gives 0.
            loop.run { (x: T, y: T) -> T in y < 0 || y >= T.bitWidth ? 0 : x &<< y }
        case .bitwiseRightShift:
            // PyTorch: a count that is negative or at least the width shifts in the sign bit.
            loop.run { (x: T, y: T) -> T in y < 0 || y >= T.bitWidth ? x >> (T.bitWidth - 1) : x &>> y }
        case .hypot, .logaddexp, .logaddexp2, .copysign:
            fatalError("Ember internal error: \(op) on an integer dtype")
        }
    }

    static func boolean<L: BinaryLoop>(_ op: BinaryOp, _ loop: L) {
        switch op {
        case .add, .logicalOr, .bitwiseOr, .maximum, .fmax: loop.run { (x: Bool, y: Bool) in x || y }
        case .mul, .logicalAnd, .bitwiseAnd, .minimum, .fmin: loop.run { (x: Bool, y: Bool) in x && y }
        case .logicalXor, .bitwiseXor, .ne: loop.run { (x: Bool, y: Bool) in x != y }
        case .eq: loop.run { (x: Bool, y: Bool) in x == y }
        case .lt: loop.run { (x: Bool, y: Bool) in !x && y }
        case .le: loop.run { (x: Bool, y: Bool) in !x || y }
        case .gt: loop.run { (x: Bool, y: Bool) in x && !y }
        case .ge: loop.run { (x: Bool, y: Bool) in x || !y }
        default: fatalError("Ember internal error: binary op \(op) has no bool kernel")
        }
    }
}

// MARK: - Comparisons

extension BinaryKernels {
    /// The six comparisons, as function objects (they build masks over large tensors).
    @inline(__always)
    static func compare<T: TensorScalar & Comparable, L: BinaryLoop>(_ op: BinaryOp, _ loop: L, _: T.Type) {
        switch op {
        case .eq: loop.run(Compare<T, Equal>())
        case .ne: loop.run(Compare<T, NotEqual>())
        case .lt: loop.run(Compare<T, Less>())
        case .le: loop.run(Compare<T, LessOrEqual>())
        case .gt: loop.run(Compare<T, Greater>())
        case .ge: loop.run(Compare<T, GreaterOrEqual>())
        default: fatalError("Ember internal error: \(op) is not a comparison")
        }
    }
}

// MARK: - Element functions of the hot ops

@usableFromInline struct Add<T: FloatingScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x + y }
}
@usableFromInline struct Subtract<T: FloatingScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x - y }
}
@usableFromInline struct Multiply<T: FloatingScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x * y }
}
@usableFromInline struct Divide<T: FloatingScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x / y }
}
/// PyTorch's `maximum`: NaN if either side is NaN.
@usableFromInline struct FloatingMaximum<T: FloatingScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x.isNaN || y.isNaN ? T.nan : (x > y ? x : y) }
}
/// PyTorch's `minimum`: NaN if either side is NaN.
@usableFromInline struct FloatingMinimum<T: FloatingScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x.isNaN || y.isNaN ? T.nan : (x < y ? x : y) }
}
@usableFromInline struct WrappingAdd<T: IntegerScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x &+ y }
}
@usableFromInline struct WrappingSubtract<T: IntegerScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x &- y }
}
@usableFromInline struct WrappingMultiply<T: IntegerScalar>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { x &* y }
}

/// Which comparison `Compare` makes.
@usableFromInline protocol ComparisonKind { static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool }
@usableFromInline enum Equal: ComparisonKind { @inlinable @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x == y } }
@usableFromInline enum NotEqual: ComparisonKind { @inlinable @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x != y } }
@usableFromInline enum Less: ComparisonKind { @inlinable @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x < y } }
@usableFromInline enum LessOrEqual: ComparisonKind { @inlinable @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x <= y } }
@usableFromInline enum Greater: ComparisonKind { @inlinable @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x > y } }
@usableFromInline enum GreaterOrEqual: ComparisonKind { @inlinable @inline(__always) static func holds<T: Comparable>(_ x: T, _ y: T) -> Bool { x >= y } }

/// A comparison producing a bool mask.
@usableFromInline struct Compare<T: Comparable, Kind: ComparisonKind>: ElementFunction2 {
    @inlinable init() {}
    @inlinable @inline(__always) func callAsFunction(_ x: T, _ y: T) -> Bool { Kind.holds(x, y) }
}
