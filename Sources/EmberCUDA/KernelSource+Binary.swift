import EmberBackend

// MARK: - Binary family

extension KernelSources {
    /// Every `BinaryOp`.
    package static let binaryOps: [BinaryOp] = [
        .add, .sub, .mul, .div, .floorDivide, .remainder, .fmod, .pow, .atan2, .maximum, .minimum,
        .eq, .ne, .lt, .le, .gt, .ge, .logicalAnd, .logicalOr, .logicalXor, .bitwiseAnd, .bitwiseOr, .bitwiseXor,
        .fmax, .fmin, .hypot, .logaddexp, .logaddexp2, .copysign, .bitwiseLeftShift, .bitwiseRightShift,
    ]

    /// `EmberParams.i[3]`'s flags: which operand is a scalar (its value in `f[k]` or `i[k]`, `k`
    /// 0 for the left operand and 1 for the right).
    package static let lhsScalarFlag: Int64 = 1, rhsScalarFlag: Int64 = 2

    /// The binary kernel of `op` for operands of `dtype`, if the CPU backend has one.
    package static func binaryKernel(_ op: BinaryOp, _ dtype: DType) -> String? {
        binaryBody(op, dtype) == nil ? nil : entry("binary", caseName(op), dtype)
    }

    /// The module of every binary kernel of `dtype`: operand 0 is the left input, 1 the right,
    /// 2 the output; an operand flagged scalar in `p.i[3]` is read from the parameters.
    package static func binaryModule(_ dtype: DType) -> KernelModule {
        var text = prelude(dtype)
        if dtype.category == .integer { text += integerPower }
        if dtype.isFloatingPoint { text += floorDivide(dtype) }
        var names: [String] = []
        for op in binaryOps {
            guard let body = binaryBody(op, dtype) else { continue }
            let name = entry("binary", caseName(op), dtype)
            let out = op.producesBool ? "bool" : "T"
            names.append(name)
            text += """

            __device__ __forceinline__ \(out) \(name)_op(const T x, const T y, const EmberParams& p) {
                \(body)
            }
            extern "C" __global__ void \(name)(const T* __restrict__ a, const T* __restrict__ b, \(out)* __restrict__ o, i64 n,
                                             EmberIndexer ix, EmberParams p) {
                const bool aScalar = (p.i[3] & \(lhsScalarFlag)) != 0, bScalar = (p.i[3] & \(rhsScalarFlag)) != 0;
                const T as = \(dtype.parameter(0)), bs = \(dtype.parameter(1));
                EMBER_GRID_STRIDE_LOOP(i, n) {
                    i64 off[\(maxOperands)];
                    ember_offsets(ix, i, off);
                    o[off[2]] = \(name)_op(aScalar ? as : a[off[0]], bScalar ? bs : b[off[1]], p);
                }
            }

            """
        }
        return KernelModule(name: "binary_\(dtype.kernelName)", kernels: names, source: text)
    }

    /// The body of an op's device function (`x`, `y` in, a `return`), or `nil` where the CPU
    /// backend has no kernel for the op and dtype; the CPU backend's formulas (EmberCPU,
    /// CPUBackend+Binary.swift).
    static func binaryBody(_ op: BinaryOp, _ dtype: DType) -> String? {
        if let comparison = comparison(op) {
            return dtype == .bool ? boolBinaryBody(op) : "return x \(comparison) y;"
        }
        switch op {
        case .logicalAnd: return dtype == .bool ? "return x && y;" : "return x != (T)0 && y != (T)0;"
        case .logicalOr: return dtype == .bool ? "return x || y;" : "return x != (T)0 || y != (T)0;"
        case .logicalXor: return dtype == .bool ? "return x != y;" : "return (x != (T)0) != (y != (T)0);"
        default: break
        }
        switch dtype.category {
        case .floating: return floatingBinaryBody(op, dtype)
        case .integer: return integerBinaryBody(op, dtype)
        case .bool: return boolBinaryBody(op)
        }
    }

    private static func comparison(_ op: BinaryOp) -> String? {
        switch op {
        case .eq: "=="
        case .ne: "!="
        case .lt: "<"
        case .le: "<="
        case .gt: ">"
        case .ge: ">="
        default: nil
        }
    }

    private static func floatingBinaryBody(_ op: BinaryOp, _ dtype: DType) -> String? {
        let m = dtype.math
        switch op {
        case .add: return "return x + y;"
        case .sub: return "return x - y;"
        case .mul: return "return x * y;"
        case .div: return "return x / y;"
        case .floorDivide: return "return ember_floor_divide(x, y);"
        case .remainder:
            return "const T r = \(m("fmod"))(x, y); return (r != (T)0 && (y < (T)0) != (r < (T)0)) ? r + y : r;"
        case .fmod: return "return \(m("fmod"))(x, y);"
        case .pow:
            // A scalar exponent takes the CPU backend's product forms (powScalarExponent).
            return """
            if (p.i[3] & \(rhsScalarFlag)) {
                    const double e = p.f[1];
                    if (e == 0.5) return \(m("sqrt"))(x);
                    if (e == -0.5) return (T)1 / \(m("sqrt"))(x);
                    if (e == -1) return (T)1 / x;
                    if (e == 2) return x * x;
                    if (e == 3) return x * x * x;
                    if (e == -2) return (T)1 / (x * x);
                }
                return \(m("pow"))(x, y);
            """
        case .atan2: return "return \(m("atan2"))(x, y);"
        case .maximum: return "return isnan(x) || isnan(y) ? EMBER_NAN : (x > y ? x : y);"
        case .minimum: return "return isnan(x) || isnan(y) ? EMBER_NAN : (x < y ? x : y);"
        case .fmax: return "return isnan(x) ? y : (isnan(y) ? x : (x < y ? y : x));"
        case .fmin: return "return isnan(x) ? y : (isnan(y) ? x : (y < x ? y : x));"
        case .hypot: return "return \(m("hypot"))(x, y);"
        case .logaddexp:
            // PyTorch's logaddexp: equal infinities give themselves (-inf, -inf gives -inf).
            return "if (isinf(x) && x == y) return x; const T mx = x < y ? y : x; return mx + \(m("log1p"))(\(m("exp"))(-\(m("fabs"))(x - y)));"
        case .logaddexp2:
            return "if (isinf(x) && x == y) return x; const T mx = x < y ? y : x; return mx + \(m("log1p"))(\(m("exp2"))(-\(m("fabs"))(x - y))) * (T)1.4426950408889634;"
        case .copysign: return "return \(m("copysign"))(x, y);"
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseLeftShift, .bitwiseRightShift: return nil
        case .eq, .ne, .lt, .le, .gt, .ge, .logicalAnd, .logicalOr, .logicalXor: return nil  // handled above
        }
    }

    private static func integerBinaryBody(_ op: BinaryOp, _ dtype: DType) -> String? {
        let width = dtype.itemSize * 8
        switch op {
        case .add: return "return (T)((U)x + (U)y);"
        case .sub: return "return (T)((U)x - (U)y);"
        case .mul: return "return (T)((U)x * (U)y);"
        case .div, .floorDivide:
            // The front end has checked for zero divisors.
            return "if (y == -1) return (T)((U)0 - (U)x); const T q = x / y; return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q;"
        case .remainder:
            return "if (y == -1) return 0; const T r = x % y; return (r != 0 && (y < 0) != (r < 0)) ? r + y : r;"
        case .fmod: return "return y == -1 ? (T)0 : x % y;"
        case .pow: return "return ember_ipow(x, (i64)y);"
        case .maximum, .fmax: return "return x > y ? x : y;"
        case .minimum, .fmin: return "return x < y ? x : y;"
        case .bitwiseAnd: return "return x & y;"
        case .bitwiseOr: return "return x | y;"
        case .bitwiseXor: return "return x ^ y;"
        case .bitwiseLeftShift:
            // PyTorch: a count that is negative or at least the width gives 0.
            return "return (y < 0 || y >= \(width)) ? (T)0 : (T)((U)x << y);"
        case .bitwiseRightShift:
            // PyTorch: a count that is negative or at least the width shifts in the sign bit.
            return "return (y < 0 || y >= \(width)) ? (T)(x >> \(width - 1)) : (T)(x >> y);"
        case .atan2, .hypot, .logaddexp, .logaddexp2, .copysign: return nil
        case .eq, .ne, .lt, .le, .gt, .ge, .logicalAnd, .logicalOr, .logicalXor: return nil  // handled above
        }
    }

    private static func boolBinaryBody(_ op: BinaryOp) -> String? {
        switch op {
        case .add, .logicalOr, .bitwiseOr, .maximum, .fmax: "return x || y;"
        case .mul, .logicalAnd, .bitwiseAnd, .minimum, .fmin: "return x && y;"
        case .logicalXor, .bitwiseXor, .ne: "return x != y;"
        case .eq: "return x == y;"
        case .lt: "return !x && y;"
        case .le: "return !x || y;"
        case .gt: "return x && !y;"
        case .ge: "return x || !y;"
        default: nil
        }
    }

    /// PyTorch's floor division of floats (the CPU backend's `floorDivide`).
    static func floorDivide(_ dtype: DType) -> String {
        let m = dtype.math
        return """
        __device__ __forceinline__ T ember_floor_divide(T a, T b) {
            if (b == (T)0) return a / b;
            const T mod = \(m("fmod"))(a, b);
            T div = (a - mod) / b;
            if (mod != (T)0 && (b < (T)0) != (mod < (T)0)) div -= (T)1;
            if (div != (T)0) {
                T floored = \(m("floor"))(div);
                if (div - floored > (T)0.5) floored += (T)1;
                return floored;
            }
            return \(m("copysign"))((T)0, a / b);
        }

        """
    }
}
