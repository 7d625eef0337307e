import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Unary family

extension KernelSources {
    /// One value of every `UnaryOp` case (parameters are kernel arguments, so any value will do).
    package static let unaryOps: [UnaryOp] = [
        .neg, .abs, .sign, .exp, .exp2, .expm1, .log, .log2, .log10, .log1p, .sqrt, .rsqrt, .square, .reciprocal,
        .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .sigmoid, .relu, .silu, .erf, .mish,
        .floor, .ceil, .round, .trunc, .frac, .isnan, .isinf, .isfinite, .logicalNot,
        .gelu(tanhApproximation: false), .leakyRelu(slope: 0.01), .elu(alpha: 1), .softplus(beta: 1, threshold: 20),
        .clamp(min: nil, max: nil), .logit(eps: nil), .nanToNum(nan: 0, posinf: 0, neginf: 0),
        .powScalar(2), .scalarPow(2), .asinh, .acosh, .atanh, .erfc, .erfinv, .lgamma, .digamma, .sgn, .signbit,
        .bitwiseNot, .roundDecimals(0), .polygamma(1),
    ]

    /// The unary kernel of `op` for inputs of `dtype`, if the CPU backend has one.
    package static func unaryKernel(_ op: UnaryOp, _ dtype: DType) -> String? {
        unaryBody(op, dtype) == nil ? nil : entry("unary", caseName(op), dtype)
    }

    /// The module of every unary kernel of `dtype`.
    package static func unaryModule(_ dtype: DType) -> KernelModule {
        var text = prelude(dtype)
        if dtype.isFloatingPoint { text += specialFunctions(dtype) }
        if dtype.category == .integer { text += integerPower }
        var names: [String] = []
        for op in unaryOps {
            guard let body = unaryBody(op, dtype) else { continue }
            let name = entry("unary", caseName(op), dtype)
            let out = op.producesBool ? "bool" : "T"
            names.append(name)
            text += """

            __device__ __forceinline__ \(out) \(name)_op(const T x, const EmberParams& p) {
                \(body)
            }
            extern "C" __global__ void \(name)(const T* __restrict__ a, \(out)* __restrict__ o, i64 n, EmberIndexer ix, EmberParams p) {
                EMBER_GRID_STRIDE_LOOP(i, n) {
                    i64 off[\(maxOperands)];
                    ember_offsets(ix, i, off);
                    o[off[1]] = \(name)_op(a[off[0]], p);
                }
            }

            """
        }
        return KernelModule(name: "unary_\(dtype.kernelName)", kernels: names, source: text)
    }

    /// The parameters of `op`'s kernel for inputs of `dtype`.
    package static func unaryParameters(_ op: UnaryOp, _ dtype: DType) -> KernelParameters {
        var p = KernelParameters()
        switch op {
        case .gelu(let tanhApproximation): p.i[0] = tanhApproximation ? 1 : 0
        case .leakyRelu(let slope): p.set(0, .float(slope), as: dtype)
        case .elu(let alpha): p.set(0, .float(alpha), as: dtype)
        case .softplus(let beta, let threshold):
            p.set(0, .float(beta), as: dtype)
            p.set(1, .float(threshold), as: dtype)
        case .clamp(let lo, let hi):
            // An absent bound is the dtype's extreme (as the CPU backend's loops take it).
            switch dtype.category {
            case .floating:
                p.set(0, lo ?? .float(-.infinity), as: dtype)
                p.set(1, hi ?? .float(.infinity), as: dtype)
            case .integer:
                p.set(0, lo ?? .int(dtype == .int32 ? Int64(Int32.min) : Int64.min), as: dtype)
                p.set(1, hi ?? .int(dtype == .int32 ? Int64(Int32.max) : Int64.max), as: dtype)
            case .bool:
                p.set(0, lo ?? .bool(false), as: dtype)
                p.set(1, hi ?? .bool(true), as: dtype)
            }
        case .logit(let eps):
            p.i[0] = eps == nil ? 0 : 1
            p.set(0, .float(eps ?? 0), as: dtype)
        case .nanToNum(let nan, let posinf, let neginf):
            p.set(0, .float(nan), as: dtype)
            p.set(1, .float(posinf), as: dtype)
            p.set(2, .float(neginf), as: dtype)
        case .powScalar(let exponent):
            if dtype.isFloatingPoint { p.set(0, exponent, as: dtype) } else { p.i[0] = exponent.converted(to: Int64.self) }
        case .scalarPow(let base): p.set(0, base, as: dtype)
        case .roundDecimals(let decimals):
            // PyTorch computes 10^|decimals| in double and rounds it to the element type.
            p.set(0, .float(Glibc.pow(10, Double(decimals.magnitude))), as: dtype)
            p.i[0] = decimals < 0 ? 1 : 0
        case .polygamma(let n): p.i[0] = Int64(n)
        default: break
        }
        return p
    }

    /// The body of an op's device function (`x` in, a `return`), or `nil` where the CPU backend
    /// has no kernel for the op and dtype. The formulas are the CPU backend's (EmberCPU,
    /// CPUBackend+Unary.swift), NaN handling included.
    static func unaryBody(_ op: UnaryOp, _ dtype: DType) -> String? {
        switch dtype.category {
        case .floating: floatingUnaryBody(op, dtype)
        case .integer: integerUnaryBody(op)
        case .bool: boolUnaryBody(op)
        }
    }

    private static func floatingUnaryBody(_ op: UnaryOp, _ dtype: DType) -> String? {
        let m = dtype.math
        switch op {
        case .neg: return "return -x;"
        case .abs: return "return \(m("fabs"))(x);"
        case .sign, .sgn: return "return x > (T)0 ? (T)1 : (x < (T)0 ? (T)-1 : (T)0);"
        case .exp, .exp2, .expm1, .log, .log2, .log10, .log1p, .sqrt, .sin, .cos, .tan, .asin, .acos, .atan,
             .sinh, .cosh, .tanh, .erf, .floor, .ceil, .trunc, .asinh, .acosh, .atanh, .erfc, .lgamma:
            return "return \(m(caseName(op)))(x);"
        case .rsqrt: return "return (T)1 / \(m("sqrt"))(x);"
        case .square: return "return x * x;"
        case .reciprocal: return "return (T)1 / x;"
        case .sigmoid: return "return (T)1 / ((T)1 + \(m("exp"))(-x));"
        case .relu: return "return x < (T)0 ? (T)0 : x;"  // NaN and -0 pass, as clamp_min(x, 0)
        case .silu: return "return x / ((T)1 + \(m("exp"))(-x));"
        case .mish: return "return x * \(m("tanh"))(\(m("log1p"))(\(m("exp"))(x)));"
        case .round: return "return \(m("rint"))(x);"
        case .frac: return "return x - \(m("trunc"))(x);"
        case .isnan: return "return isnan(x);"
        case .isinf: return "return isinf(x);"
        case .isfinite: return "return isfinite(x);"
        case .logicalNot: return "return x == (T)0;"
        case .signbit: return "return signbit(x);"
        case .gelu:
            return """
            if (p.i[0]) return (T)0.5 * x * ((T)1 + \(m("tanh"))((T)0.7978845608028654 * (x + (T)0.044715 * (x * x * x))));
                return x * (T)0.5 * ((T)1 + \(m("erf"))(x * (T)0.7071067811865476));
            """
        case .leakyRelu: return "return x > (T)0 ? x : x * (T)p.f[0];"
        case .elu: return "return x > (T)0 ? x : (T)p.f[0] * \(m("expm1"))(x);"
        case .softplus:
            return "const T b = (T)p.f[0], th = (T)p.f[1]; return x * b > th ? x : \(m("log1p"))(\(m("exp"))(x * b)) / b;"
        case .clamp:
            return """
            const T l = (T)p.f[0], h = (T)p.f[1];
                if (isnan(l)) return l;
                if (isnan(h)) return h;
                const T v = x < l ? l : x;
                return v > h ? h : v;
            """
        case .logit:
            return """
            T z = x;
                if (p.i[0]) { const T lo = (T)p.f[0], hi = (T)1 - (T)p.f[0]; z = x < lo ? lo : (x > hi ? hi : x); }
                return \(m("log"))(z / ((T)1 - z));
            """
        case .nanToNum:
            return "return isnan(x) ? (T)p.f[0] : (x == EMBER_INF ? (T)p.f[1] : (x == -EMBER_INF ? (T)p.f[2] : x));"
        case .powScalar:
            return """
            const T e = (T)p.f[0];
                if (e == (T)2) return x * x;
                if (e == (T)0.5) return \(m("sqrt"))(x);
                if (e == (T)1) return x;
                if (e == (T)-1) return (T)1 / x;
                return \(m("pow"))(x, e);
            """
        case .scalarPow: return "return \(m("pow"))((T)p.f[0], x);"
        case .erfinv: return "return ember_erfinv(x);"
        case .digamma: return "return ember_digamma(x);"
        case .polygamma: return "return ember_polygamma((int)p.i[0], x);"
        case .roundDecimals:
            return "const T s = (T)p.f[0]; return p.i[0] ? \(m("rint"))(x / s) * s : \(m("rint"))(x * s) / s;"
        case .bitwiseNot: return nil
        }
    }

    private static func integerUnaryBody(_ op: UnaryOp) -> String? {
        switch op {
        case .neg: "return (T)((U)0 - (U)x);"
        case .abs: "return x < 0 ? (T)((U)0 - (U)x) : x;"
        case .sign, .sgn: "return x > 0 ? (T)1 : (x < 0 ? (T)-1 : (T)0);"
        case .square: "return (T)((U)x * (U)x);"
        case .relu: "return x > 0 ? x : (T)0;"
        case .floor, .ceil, .round, .trunc: "return x;"
        case .frac: "return (T)0;"
        case .isnan, .isinf: "return false;"
        case .isfinite: "return true;"
        case .logicalNot: "return x == 0;"
        case .clamp: "const T l = (T)p.i[0], h = (T)p.i[1]; const T v = x < l ? l : x; return v > h ? h : v;"
        case .powScalar: "return ember_ipow(x, p.i[0]);"
        case .scalarPow: "return ember_ipow((T)p.i[0], (i64)x);"
        case .signbit: "return x < 0;"
        case .bitwiseNot: "return ~x;"
        default: nil
        }
    }

    private static func boolUnaryBody(_ op: UnaryOp) -> String? {
        switch op {
        case .abs, .floor, .ceil, .round, .trunc, .relu, .sign, .square, .sgn: "return x;"
        case .isnan, .isinf, .signbit: "return false;"
        case .isfinite: "return true;"
        case .logicalNot, .bitwiseNot: "return !x;"
        case .clamp: "return (x || p.i[0] != 0) && p.i[1] != 0;"
        default: nil
        }
    }

    /// `base ** exponent` for integers by squaring, wrapping (the CPU backend's `integerPower`):
    /// negative exponents give 0 except for bases 1 and -1.
    static let integerPower = """
    __device__ __forceinline__ T ember_ipow(T base, i64 e) {
        if (e < 0) {
            if (base == 1) return 1;
            if (base == -1) return (e & 1) == 0 ? (T)1 : (T)-1;
            return 0;
        }
        U result = 1, b = (U)base;
        while (e > 0) {
            if (e & 1) result *= b;
            b *= b;
            e >>= 1;
        }
        return (T)result;
    }

    """
}
