// The per-op table of Benchmarks/README.md (op_<name>_16M): every vectorized element-wise op on
// 2^24 float32 elements, bytes read and written per second. Not part of the default run: these
// rows run when the filter names them (`ember-bench --filter op_`, or Benchmarks/op-table.py).

import Ember

extension Workloads {
    /// The inputs an op is measured on: normal values, positive ones (`abs() + 0.1`) or values
    /// inside (-1, 1) or (0, 1).
    enum OpInput { case normal, positive, symmetricUnit, unit }

    static var opTable: [Workload] {
        let ops: [(String, OpInput, (Tensor) -> Tensor)] = [
            ("exp", .normal, { $0.exp() }), ("exp2", .normal, { $0.exp2() }), ("expm1", .normal, { $0.expm1() }),
            ("log", .positive, { $0.log() }), ("log2", .positive, { $0.log2() }), ("log10", .positive, { $0.log10() }),
            ("log1p", .positive, { $0.log1p() }), ("sqrt", .positive, { $0.sqrt() }), ("rsqrt", .positive, { $0.rsqrt() }),
            ("reciprocal", .normal, { $0.reciprocal() }), ("sin", .normal, { $0.sin() }), ("cos", .normal, { $0.cos() }),
            ("tan", .normal, { $0.tan() }), ("asin", .symmetricUnit, { $0.asin() }), ("acos", .symmetricUnit, { $0.acos() }),
            ("atan", .normal, { $0.atan() }), ("sinh", .normal, { $0.sinh() }), ("cosh", .normal, { $0.cosh() }),
            ("tanh", .normal, { $0.tanh() }), ("asinh", .normal, { $0.asinh() }), ("acosh", .positive, { ($0 + 1).acosh() }),
            ("atanh", .symmetricUnit, { $0.atanh() }), ("erf", .normal, { $0.erf() }), ("erfc", .normal, { $0.erfc() }),
            ("erfinv", .symmetricUnit, { $0.erfinv() }), ("sigmoid", .normal, { $0.sigmoid() }), ("logit", .unit, { $0.logit() }),
            ("softplus", .normal, { $0.softplus() }), ("gelu", .normal, { $0.gelu() }),
            ("gelu_tanh", .normal, { $0.gelu(approximate: .tanh) }), ("silu", .normal, { $0.silu() }),
            ("mish", .normal, { $0.mish() }), ("elu", .normal, { $0.elu() }), ("leaky_relu", .normal, { $0.leakyRelu() }),
            ("hardtanh", .normal, { $0.hardtanh() }), ("relu", .normal, { $0.relu() }), ("abs", .normal, { $0.abs() }),
            ("neg", .normal, { $0.neg() }), ("sign", .normal, { $0.sign() }), ("floor", .normal, { $0.floor() }),
            ("ceil", .normal, { $0.ceil() }), ("round", .normal, { $0.round() }), ("trunc", .normal, { $0.trunc() }),
            ("frac", .normal, { $0.frac() }), ("square", .normal, { $0.square() }), ("nan_to_num", .normal, { $0.nanToNum() }),
            ("clamp", .normal, { $0.clamp(min: -0.5, max: 0.5) }), ("pow_2.5", .positive, { $0.pow(2.5) }),
        ]
        let unaryRows = ops.map { name, input, op in
            Workload("op_\(name)_16M", .gigabytesPerSecond(bytes: 2 * 4 * Double(1 << 24))) {
                let a: Tensor
                switch input {
                case .normal: a = Tensor.randn(1 << 24)
                case .positive: a = Tensor.randn(1 << 24).abs() + 0.1
                case .symmetricUnit: a = Tensor.rand(1 << 24) * 1.98 - 0.99
                case .unit: a = Tensor.rand(1 << 24) * 0.98 + 0.01
                }
                return { op(a) }
            }
        }
        let binary: [(String, (Tensor, Tensor) -> Tensor)] = [
            ("pow", { $0.pow($1) }), ("atan2", { $0.atan2($1) }), ("fmod", { $0.fmod($1) }),
            ("remainder", { $0.remainder($1) }), ("hypot", { $0.hypot($1) }),
        ]
        let binaryRows = binary.map { name, op in
            Workload("op_\(name)_16M", .gigabytesPerSecond(bytes: 3 * 4 * Double(1 << 24))) {
                let a = Tensor.randn(1 << 24).abs() + 0.1, b = Tensor.randn(1 << 24)
                return { op(a, b) }
            }
        }
        return unaryRows + binaryRows
    }
}
