// MARK: - Unary kernels

import CEmberSIMD
import EmberBackend
#if canImport(Glibc)
import Glibc
#endif
extension CPUBackend {
    /// Runs a unary op: `output` has `input`'s shape, and `input`'s dtype (bool for the
    /// predicates). The front end has already promoted integer inputs of floating-only ops.
    @usableFromInline package func unary(_ op: UnaryOp, _ input: StridedBuffer, into output: StridedBuffer) {
        switch input.dtype {
        case .float32: UnaryKernels.floating(Float.self, op, input, output)
        case .float64: UnaryKernels.floating(Double.self, op, input, output)
        case .int32: UnaryKernels.integer(Int32.self, op, input, output)
        case .int64: UnaryKernels.integer(Int64.self, op, input, output)
        case .bool: UnaryKernels.boolean(op, input, output)
        }
    }

    /// The fused first-order backward of a unary op (`VectorMath.backward`), where the CPU has AVX2.
    @usableFromInline package func unaryBackward(_ op: UnaryOp, gradient: StridedBuffer, saved: StridedBuffer,
                                                 into output: StridedBuffer) -> Bool {
        switch output.dtype {
        case .float32: VectorMath.backward(op, gradient, saved, output, Float.self)
        case .float64: VectorMath.backward(op, gradient, saved, output, Double.self)
        default: false
        }
    }
}

@usableFromInline
enum UnaryKernels {
    /// The floating ops: SLEEF's vector functions and vector arithmetic where the CPU has AVX2
    /// (`VectorMath`), else these loops, which compute the same functions with libm.
    static func floating<T: FloatingScalar>(_: T.Type, _ op: UnaryOp, _ a: StridedBuffer, _ o: StridedBuffer) {
        if VectorMath.unary(op, a, o, T.self) { return }
        typealias E = Elementwise
        switch op {
        case .neg: E.map(a, o) { (x: T) in -x }
        case .abs: E.map(a, o) { (x: T) in x.magnitude }
        case .sign: E.map(a, o) { (x: T) -> T in x > 0 ? 1 : (x < 0 ? -1 : 0) }
        case .exp: E.map(a, o) { (x: T) in T.exp(x) }
        case .exp2: E.map(a, o) { (x: T) in T.exp2(x) }
        case .expm1: E.map(a, o) { (x: T) in T.expm1(x) }
        case .log: E.map(a, o) { (x: T) in T.log(x) }
        case .log2: E.map(a, o) { (x: T) in T.log2(x) }
        case .log10: E.map(a, o) { (x: T) in T.log10(x) }
        case .log1p: E.map(a, o) { (x: T) in T.log1p(x) }
        case .sqrt: E.map(a, o) { (x: T) in x.squareRoot() }
        case .rsqrt: E.map(a, o) { (x: T) in 1 / x.squareRoot() }
        case .square: E.map(a, o) { (x: T) in x * x }
        case .reciprocal: E.map(a, o) { (x: T) in 1 / x }
        case .sin: E.map(a, o) { (x: T) in T.sin(x) }
        case .cos: E.map(a, o) { (x: T) in T.cos(x) }
        case .tan: E.map(a, o) { (x: T) in T.tan(x) }
        case .asin: E.map(a, o) { (x: T) in T.asin(x) }
        case .acos: E.map(a, o) { (x: T) in T.acos(x) }
        case .atan: E.map(a, o) { (x: T) in T.atan(x) }
        case .sinh: E.map(a, o) { (x: T) in T.sinh(x) }
        case .cosh: E.map(a, o) { (x: T) in T.cosh(x) }
        case .tanh: E.map(a, o) { (x: T) in T.tanh(x) }
        case .sigmoid: E.map(a, o) { (x: T) in 1 / (1 + T.exp(-x)) }
        case .relu: E.map(a, o) { (x: T) -> T in x < 0 ? 0 : x }  // NaN and -0 pass, as clamp_min(x, 0)
        case .silu: E.map(a, o) { (x: T) in x / (1 + T.exp(-x)) }
        case .mish: E.map(a, o) { (x: T) in x * T.tanhSoftplus(x) }
        case .erf: E.map(a, o) { (x: T) in T.erf(x) }
        case .floor: E.map(a, o) { (x: T) in T.floor(x) }
        case .ceil: E.map(a, o) { (x: T) in T.ceil(x) }
        case .round: E.map(a, o) { (x: T) in T.rint(x) }
        case .trunc: E.map(a, o) { (x: T) in T.trunc(x) }
        case .frac: E.map(a, o) { (x: T) in x - T.trunc(x) }
        case .isnan: E.map(a, o) { (x: T) in x.isNaN }
        case .isinf: E.map(a, o) { (x: T) in x.isInfinite }
        case .isfinite: E.map(a, o) { (x: T) in x.isFinite }
        case .logicalNot: E.map(a, o) { (x: T) in x == 0 }
        case .gelu(let approximate):
            if approximate {
                let k = T(0.7978845608028654), c = T(0.044715)
                E.map(a, o) { (x: T) in T(0.5) * x * (1 + T.tanh(k * (x + c * (x * x * x)))) }
            } else {
                E.map(a, o) { (x: T) in T.geluErf(x) }  // see Note [Scalar fallbacks of the vector kernels]
            }
        case .leakyRelu(let slope):
            let s = T(slope)
            E.map(a, o) { (x: T) in x > 0 ? x : x * s }
        case .elu(let alpha):
            let al = T(alpha)
            E.map(a, o) { (x: T) in x > 0 ? x : al * T.expm1(x) }
        case .softplus(let beta, let threshold):
            let b = T(beta), th = T(threshold)
            E.map(a, o) { (x: T) in x * b > th ? x : T.log1p(T.exp(x * b)) / b }
        case .clamp(let lo, let hi):
            let l: T = lo?.converted() ?? -T.infinity, h: T = hi?.converted() ?? T.infinity
            let lIsNaN = l.isNaN, hIsNaN = h.isNaN
            E.map(a, o) { (x: T) -> T in
                if lIsNaN { return l }
                if hIsNaN { return h }
                let v = x < l ? l : x
                return v > h ? h : v
            }
        case .logit(let eps):
            if let eps {
                let lo = T(eps), hi = 1 - T(eps)
                E.map(a, o) { (x: T) -> T in
                    let z = x < lo ? lo : (x > hi ? hi : x)
                    return T.log(z / (1 - z))
                }
            } else {
                E.map(a, o) { (x: T) in T.log(x / (1 - x)) }
            }
        case .nanToNum(let nan, let posinf, let neginf):
            let n = T(nan), p = T(posinf), m = T(neginf)
            E.map(a, o) { (x: T) -> T in x.isNaN ? n : (x == .infinity ? p : (x == -.infinity ? m : x)) }
        case .powScalar(let exponent):
            let e: T = exponent.converted()
            if e == 2 {
                E.map(a, o) { (x: T) in x * x }
            } else if e == 0.5 {
                E.map(a, o) { (x: T) in x.squareRoot() }
            } else if e == 1 {
                E.map(a, o) { (x: T) in x }
            } else if e == -1 {
                E.map(a, o) { (x: T) in 1 / x }
            } else {
                E.map(a, o) { (x: T) in T.pow(x, e) }
            }
        case .scalarPow(let base):
            let b: T = base.converted()
            E.map(a, o) { (x: T) in T.pow(b, x) }
        case .asinh: E.map(a, o) { (x: T) in T.asinh(x) }
        case .acosh: E.map(a, o) { (x: T) in T.acosh(x) }
        case .atanh: E.map(a, o) { (x: T) in T.atanh(x) }
        case .erfc: E.map(a, o) { (x: T) in T.erfc(x) }
        case .erfinv: E.map(a, o) { (x: T) in T.erfinv(x) }
        case .lgamma: E.map(a, o) { (x: T) in T.lgamma(x) }
        case .digamma: E.map(a, o) { (x: T) in T.digamma(x) }
        case .polygamma(let n): E.map(a, o) { (x: T) in T.polygamma(n, x) }
        case .sgn: E.map(a, o) { (x: T) -> T in x > 0 ? 1 : (x < 0 ? -1 : 0) }
        case .signbit: E.map(a, o) { (x: T) in x.sign == .minus }
        case .roundDecimals(let decimals):
            // PyTorch computes 10^|decimals| in double and rounds it to the element type.
            let scale = T(Glibc.pow(10, Double(decimals.magnitude)))
            let negative = decimals < 0
            E.map(a, o) { (x: T) in roundDecimals(x, scale: scale, negative: negative) }
        case .bitwiseNot:
            fatalError("Ember internal error: bitwise_not on a floating dtype")
        }
    }

    static func integer<T: IntegerScalar>(_: T.Type, _ op: UnaryOp, _ a: StridedBuffer, _ o: StridedBuffer) {
        typealias E = Elementwise
        switch op {
        case .neg: E.map(a, o) { (x: T) in 0 &- x }
        case .abs: E.map(a, o) { (x: T) in x < 0 ? 0 &- x : x }
        case .sign: E.map(a, o) { (x: T) -> T in x > 0 ? 1 : (x < 0 ? -1 : 0) }
        case .square: E.map(a, o) { (x: T) in x &* x }
        case .relu: E.map(a, o) { (x: T) in x > 0 ? x : 0 }
        case .floor, .ceil, .round, .trunc: E.map(a, o) { (x: T) in x }
        case .frac: E.map(a, o) { (_: T) -> T in 0 }
        case .isnan, .isinf: E.map(a, o) { (_: T) in false }
        case .isfinite: E.map(a, o) { (_: T) in true }
        case .logicalNot: E.map(a, o) { (x: T) in x == 0 }
        case .clamp(let lo, let hi):
            let l: T = lo?.converted() ?? T.min, h: T = hi?.converted() ?? T.max
            E.map(a, o) { (x: T) -> T in Swift.min(Swift.max(x, l), h) }
        case .powScalar(let exponent):
            let e = exponent.converted(to: Int64.self)
            E.map(a, o) { (x: T) in integerPower(x, e) }
        case .scalarPow(let base):
            let b: T = base.converted()
            E.map(a, o) { (x: T) in integerPower(b, Int64(x)) }
        case .sgn: E.map(a, o) { (x: T) -> T in x > 0 ? 1 : (x < 0 ? -1 : 0) }
        case .signbit: E.map(a, o) { (x: T) in x < 0 }
        case .bitwiseNot: E.map(a, o) { (x: T) in ~x }
        default:
            fatalError("Ember internal error: unary op \(op) has no integer kernel")
        }
    }

    static func boolean(_ op: UnaryOp, _ a: StridedBuffer, _ o: StridedBuffer) {
        typealias E = Elementwise
        switch op {
        case .abs, .floor, .ceil, .round, .trunc, .relu: E.map(a, o) { (x: Bool) in x }
        case .sign: E.map(a, o) { (x: Bool) in x }
        case .square: E.map(a, o) { (x: Bool) in x }
        case .isnan, .isinf: E.map(a, o) { (_: Bool) in false }
        case .isfinite: E.map(a, o) { (_: Bool) in true }
        case .logicalNot, .bitwiseNot: E.map(a, o) { (x: Bool) in !x }
        case .sgn: E.map(a, o) { (x: Bool) in x }
        case .signbit: E.map(a, o) { (_: Bool) in false }
        case .clamp(let lo, let hi):
            let l: Bool = lo?.converted() ?? false, h: Bool = hi?.converted() ?? true
            E.map(a, o) { (x: Bool) -> Bool in (x || l) && h }
        default:
            fatalError("Ember internal error: unary op \(op) has no bool kernel")
        }
    }
}

/// `base ** exponent` for integers by squaring, wrapping on overflow (PyTorch's integral pow).
/// Negative exponents give 0 except for bases 1 and -1 (the front end rejects them for tensors).
@inlinable @inline(__always)
func integerPower<T: IntegerScalar>(_ base: T, _ exponent: Int64) -> T {
    if exponent < 0 {
        if base == 1 { return 1 }
        if base == -1 { return exponent & 1 == 0 ? 1 : -1 }
        return 0
    }
    var result: T = 1, b = base, e = exponent
    while e > 0 {
        if e & 1 == 1 { result = result &* b }
        b = b &* b
        e >>= 1
    }
    return result
}
