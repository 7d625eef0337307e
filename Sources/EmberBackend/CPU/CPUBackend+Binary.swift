#if canImport(Glibc)
import Glibc
#endif

// MARK: - Binary kernels

extension CPUBackend {
    /// Runs a binary op. Buffer operands have `output`'s shape (broadcast through stride 0) and
    /// the computation dtype; scalars are converted to it. `output` has the computation dtype,
    /// or bool for comparisons and logical ops. At least one operand is a buffer.
    public func binary(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand, into output: StridedBuffer) {
        let dtype: DType
        switch (lhs, rhs) {
        case (.buffer(let a), _): dtype = a.dtype
        case (_, .buffer(let b)): dtype = b.dtype
        default: fatalError("Ember internal error: a binary kernel needs a buffer operand")
        }
        switch dtype {
        case .float32: BinaryKernels.floating(Float.self, op, lhs, rhs, output)
        case .float64: BinaryKernels.floating(Double.self, op, lhs, rhs, output)
        case .int32: BinaryKernels.integer(Int32.self, op, lhs, rhs, output)
        case .int64: BinaryKernels.integer(Int64.self, op, lhs, rhs, output)
        case .bool: BinaryKernels.boolean(op, lhs, rhs, output)
        }
    }
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

    /// `apply` for an op written as a closure (the less frequent ops).
    @inline(__always)
    static func apply<T: TensorScalar, O>(_ lhs: BinaryOperand, _ rhs: BinaryOperand, _ out: StridedBuffer,
                                          _ f: (T, T) -> O) {
        withoutActuallyEscaping(f) { f in apply(lhs, rhs, out, ClosureFunction2(f)) }
    }

    static func floating<T: FloatingScalar>(_: T.Type, _ op: BinaryOp, _ l: BinaryOperand, _ r: BinaryOperand,
                                            _ o: StridedBuffer) {
        switch op {
        case .add: apply(l, r, o, Add<T>())
        case .sub: apply(l, r, o, Subtract<T>())
        case .mul: apply(l, r, o, Multiply<T>())
        case .div: apply(l, r, o, Divide<T>())
        case .floorDivide: apply(l, r, o) { (x: T, y: T) in floorDivide(x, y) }
        case .remainder:
            apply(l, r, o) { (x: T, y: T) -> T in
                let m = T.fmod(x, y)
                return (m != 0 && (y < 0) != (m < 0)) ? m + y : m
            }
        case .fmod: apply(l, r, o) { (x: T, y: T) in T.fmod(x, y) }
        case .pow:
            if case .buffer = l, case .scalar(let s) = r {
                powScalarExponent(T.self, l, r, o, s.doubleValue)
            } else {
                apply(l, r, o) { (x: T, y: T) in T.pow(x, y) }
            }
        case .atan2: apply(l, r, o) { (x: T, y: T) in T.atan2(x, y) }
        case .maximum: apply(l, r, o, FloatingMaximum<T>())
        case .minimum: apply(l, r, o, FloatingMinimum<T>())
        case .eq, .ne, .lt, .le, .gt, .ge: compare(op, l, r, o, T.self)
        case .logicalAnd: apply(l, r, o) { (x: T, y: T) in x != 0 && y != 0 }
        case .logicalOr: apply(l, r, o) { (x: T, y: T) in x != 0 || y != 0 }
        case .logicalXor: apply(l, r, o) { (x: T, y: T) in (x != 0) != (y != 0) }
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            fatalError("Ember internal error: bitwise op on a floating dtype")
        }
    }

    /// `x ** e` for a scalar exponent, with PyTorch's specializations (`pow_tensor_scalar_kernel`):
    /// 0.5, -0.5 and -1 are `sqrt`, `rsqrt` and `reciprocal` (so `(-inf) ** 0.5` is NaN and
    /// `(-0.0) ** 0.5` is -0.0, unlike C's `pow`), and 2, 3, -2 are products.
    @inline(__always)
    static func powScalarExponent<T: FloatingScalar>(_: T.Type, _ l: BinaryOperand, _ r: BinaryOperand,
                                                     _ o: StridedBuffer, _ e: Double) {
        switch e {
        case 0.5: apply(l, r, o) { (x: T, _: T) in x.squareRoot() }
        case -0.5: apply(l, r, o) { (x: T, _: T) in 1 / x.squareRoot() }
        case -1: apply(l, r, o) { (x: T, _: T) in 1 / x }
        case 2: apply(l, r, o) { (x: T, _: T) in x * x }
        case 3: apply(l, r, o) { (x: T, _: T) in x * x * x }
        case -2: apply(l, r, o) { (x: T, _: T) in 1 / (x * x) }
        default: apply(l, r, o) { (x: T, y: T) in T.pow(x, y) }
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

    static func integer<T: IntegerScalar>(_: T.Type, _ op: BinaryOp, _ l: BinaryOperand, _ r: BinaryOperand,
                                          _ o: StridedBuffer) {
        switch op {
        case .add: apply(l, r, o, WrappingAdd<T>())
        case .sub: apply(l, r, o, WrappingSubtract<T>())
        case .mul: apply(l, r, o, WrappingMultiply<T>())
        case .div, .floorDivide:
            // The front end has checked for zero divisors.
            apply(l, r, o) { (x: T, y: T) -> T in
                if y == -1 { return 0 &- x }
                let q = x / y
                return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q
            }
        case .remainder:
            apply(l, r, o) { (x: T, y: T) -> T in
                if y == -1 { return 0 }
                let m = x % y
                return (m != 0 && (y < 0) != (m < 0)) ? m + y : m
            }
        case .fmod: apply(l, r, o) { (x: T, y: T) -> T in y == -1 ? 0 : x % y }
        case .pow: apply(l, r, o) { (x: T, y: T) in integerPower(x, Int64(y)) }
        case .atan2: fatalError("Ember internal error: atan2 on an integer dtype")
        case .maximum: apply(l, r, o) { (x: T, y: T) in Swift.max(x, y) }
        case .minimum: apply(l, r, o) { (x: T, y: T) in Swift.min(x, y) }
        case .eq, .ne, .lt, .le, .gt, .ge: compare(op, l, r, o, T.self)
        case .logicalAnd: apply(l, r, o) { (x: T, y: T) in x != 0 && y != 0 }
        case .logicalOr: apply(l, r, o) { (x: T, y: T) in x != 0 || y != 0 }
        case .logicalXor: apply(l, r, o) { (x: T, y: T) in (x != 0) != (y != 0) }
        case .bitwiseAnd: apply(l, r, o) { (x: T, y: T) in x & y }
        case .bitwiseOr: apply(l, r, o) { (x: T, y: T) in x | y }
        case .bitwiseXor: apply(l, r, o) { (x: T, y: T) in x ^ y }
        }
    }

    static func boolean(_ op: BinaryOp, _ l: BinaryOperand, _ r: BinaryOperand, _ o: StridedBuffer) {
        switch op {
        case .add, .logicalOr, .bitwiseOr, .maximum: apply(l, r, o) { (x: Bool, y: Bool) in x || y }
        case .mul, .logicalAnd, .bitwiseAnd, .minimum: apply(l, r, o) { (x: Bool, y: Bool) in x && y }
        case .logicalXor, .bitwiseXor, .ne: apply(l, r, o) { (x: Bool, y: Bool) in x != y }
        case .eq: apply(l, r, o) { (x: Bool, y: Bool) in x == y }
        case .lt: apply(l, r, o) { (x: Bool, y: Bool) in !x && y }
        case .le: apply(l, r, o) { (x: Bool, y: Bool) in !x || y }
        case .gt: apply(l, r, o) { (x: Bool, y: Bool) in x && !y }
        case .ge: apply(l, r, o) { (x: Bool, y: Bool) in x || !y }
        default: fatalError("Ember internal error: binary op \(op) has no bool kernel")
        }
    }
}

// MARK: - Comparisons

extension BinaryKernels {
    /// The six comparisons, as function objects (they build masks over large tensors).
    @inline(__always)
    static func compare<T: TensorScalar & Comparable>(_ op: BinaryOp, _ l: BinaryOperand, _ r: BinaryOperand,
                                                      _ o: StridedBuffer, _: T.Type) {
        switch op {
        case .eq: apply(l, r, o, Compare<T, Equal>())
        case .ne: apply(l, r, o, Compare<T, NotEqual>())
        case .lt: apply(l, r, o, Compare<T, Less>())
        case .le: apply(l, r, o, Compare<T, LessOrEqual>())
        case .gt: apply(l, r, o, Compare<T, Greater>())
        case .ge: apply(l, r, o, Compare<T, GreaterOrEqual>())
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
