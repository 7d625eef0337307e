// ElementwiseBinaryTests.swift
//
// Every binary element-wise op (`+ - * /`, `add/sub` with `alpha`, `div` with a rounding mode,
// `floorDivide remainder fmod pow atan2 maximum minimum`, the comparisons `.== .!= .< .<= .> .>=`
// and `eq ne lt le gt ge`, `.& .| .^` and `logicalAnd/Or/Xor`, the bitwise ops, `clamp` with
// tensor bounds) on float32, float64, int32, int64 and bool operands: tensor-tensor (each operand
// in every layout, and both broadcast), tensor-scalar and scalar-tensor. Expected values and
// dtypes were printed by PyTorch 2.15 for
// `a = torch.tensor(<A>, dtype=...).reshape(2, 6)`, `b = torch.tensor(<B>, ...).reshape(2, 6)`;
// the broadcast case is `op(a.reshape(2, 1, 6), b)` with shape (2, 2, 6). Combinations PyTorch
// rejects are checked for its exception kind and message.

import Testing
@testable import EmberCore
import EmberTestSupport

/// One tensor-tensor op on operands of one dtype, with PyTorch's results.
struct EWBinaryCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: DType
    let op: @Sendable (Tensor, Tensor) -> Tensor
    let output: DType
    let expected: [Double]
    /// `op(a.reshape(2, 1, 6), b)`, shape [2, 2, 6].
    let broadcast: [Double]
    init(_ name: String, _ input: DType, _ op: @escaping @Sendable (Tensor, Tensor) -> Tensor, _ output: DType,
         _ expected: [Double], broadcast: [Double]) {
        self.name = name
        self.input = input
        self.op = op
        self.output = output
        self.expected = expected
        self.broadcast = broadcast
    }
    var testDescription: String { "\(name) \(input)" }
}

/// One op with a Swift number on one side, with PyTorch's results for `a`.
struct EWScalarCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: DType
    let op: @Sendable (Tensor) -> Tensor
    let output: DType
    let expected: [Double]
    init(_ name: String, _ input: DType, _ op: @escaping @Sendable (Tensor) -> Tensor, _ output: DType, _ expected: [Double]) {
        self.name = name
        self.input = input
        self.op = op
        self.output = output
        self.expected = expected
    }
    var testDescription: String { "\(name) \(input)" }
}

/// A combination PyTorch rejects, with its exception kind and message.
struct EWBinaryErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: DType
    let op: @Sendable (Tensor, Tensor) -> Void
    let error: TensorError
    init(_ name: String, _ input: DType, _ op: @escaping @Sendable (Tensor, Tensor) -> Void, _ error: TensorError) {
        self.name = name
        self.input = input
        self.op = op
        self.error = error
    }
    var testDescription: String { "\(name) \(input)" }
}

enum EWBinaryInputs {
    static let floatA: [Double] = [-3.5, -2.0, -1.25, -0.5, 0.0, 0.5, 1.0, 1.5, 2.25, 3.0, 7.0, -7.0]
    static let floatB: [Double] = [2.0, -2.0, 0.75, -1.5, 0.0, -0.25, 1.0, -4.0, 1.5, 0.5, -3.0, 2.0]
    static let intA: [Double] = [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]
    static let intB: [Double] = [2, -2, 3, -3, 4, 5, -4, 3, 3, 2, 3, -5]
    static let boolA: [Double] = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]
    static let boolB: [Double] = [1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0]

    static func a(_ dtype: DType) -> [Double] {
        switch dtype {
        case .float32, .float64: floatA
        case .int32, .int64: intA
        case .bool: boolA
        }
    }

    static func b(_ dtype: DType) -> [Double] {
        switch dtype {
        case .float32, .float64: floatB
        case .int32, .int64: intB
        case .bool: boolB
        }
    }
}

enum EWBinaryCases {
    static let tensorTensor: [EWBinaryCase] = makeTensorTensor()
    static let tensorScalar: [EWScalarCase] = makeTensorScalar()
    static let errors: [EWBinaryErrorCase] = makeErrors()

    private static func makeTensorTensor() -> [EWBinaryCase] {
        var c: [EWBinaryCase] = []
        c.append(EWBinaryCase("+", .float32, { a, b in a + b }, .float32, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5], broadcast: [-1.5, -4, -0.5, -2, 0, 0.25, -2.5, -6, 0.25, 0, -3, 2.5, 3, -0.5, 3, 1.5, 7, -7.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWBinaryCase("add", .float32, { a, b in a.add(b) }, .float32, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5], broadcast: [-1.5, -4, -0.5, -2, 0, 0.25, -2.5, -6, 0.25, 0, -3, 2.5, 3, -0.5, 3, 1.5, 7, -7.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWBinaryCase("add alpha 2", .float32, { a, b in a.add(b, alpha: 2) }, .float32, [0.5, -6, 0.25, -3.5, 0, 0, 3, -6.5, 5.25, 4, 1, -3], broadcast: [0.5, -6, 0.25, -3.5, 0, 0, -1.5, -10, 1.75, 0.5, -6, 4.5, 5, -2.5, 3.75, 0, 7, -7.5, 3, -6.5, 5.25, 4, 1, -3]))
        c.append(EWBinaryCase("-", .float32, { a, b in a - b }, .float32, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9], broadcast: [-5.5, 0, -2, 1, 0, 0.75, -4.5, 2, -2.75, -1, 3, -1.5, -1, 3.5, 1.5, 4.5, 7, -6.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWBinaryCase("sub", .float32, { a, b in a.sub(b) }, .float32, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9], broadcast: [-5.5, 0, -2, 1, 0, 0.75, -4.5, 2, -2.75, -1, 3, -1.5, -1, 3.5, 1.5, 4.5, 7, -6.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWBinaryCase("sub alpha 2", .float32, { a, b in a.sub(b, alpha: 2) }, .float32, [-7.5, 2, -2.75, 2.5, 0, 1, -1, 9.5, -0.75, 2, 13, -11], broadcast: [-7.5, 2, -2.75, 2.5, 0, 1, -5.5, 6, -4.25, -1.5, 6, -3.5, -3, 5.5, 0.75, 6, 7, -6.5, -1, 9.5, -0.75, 2, 13, -11]))
        c.append(EWBinaryCase("*", .float32, { a, b in a * b }, .float32, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14], broadcast: [-7, 4, -0.9375, 0.75, 0, -0.125, -3.5, 8, -1.875, -0.25, -0.0, 1, 2, -3, 1.6875, -4.5, 0, 1.75, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWBinaryCase("mul", .float32, { a, b in a.mul(b) }, .float32, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14], broadcast: [-7, 4, -0.9375, 0.75, 0, -0.125, -3.5, 8, -1.875, -0.25, -0.0, 1, 2, -3, 1.6875, -4.5, 0, 1.75, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWBinaryCase("/", .float32, { a, b in a / b }, .float32, [-1.75, 1, -1.6666666269302368, 0.3333333432674408, .nan, -2, 1, -0.375, 1.5, 6, -2.3333332538604736, -3.5], broadcast: [-1.75, 1, -1.6666666269302368, 0.3333333432674408, .nan, -2, -3.5, 0.5, -0.8333333134651184, -1, -0.0, 0.25, 0.5, -0.75, 3, -2, .infinity, 28, 1, -0.375, 1.5, 6, -2.3333332538604736, -3.5]))
        c.append(EWBinaryCase("div", .float32, { a, b in a.div(b) }, .float32, [-1.75, 1, -1.6666666269302368, 0.3333333432674408, .nan, -2, 1, -0.375, 1.5, 6, -2.3333332538604736, -3.5], broadcast: [-1.75, 1, -1.6666666269302368, 0.3333333432674408, .nan, -2, -3.5, 0.5, -0.8333333134651184, -1, -0.0, 0.25, 0.5, -0.75, 3, -2, .infinity, 28, 1, -0.375, 1.5, 6, -2.3333332538604736, -3.5]))
        c.append(EWBinaryCase("div trunc", .float32, { a, b in a.div(b, roundingMode: "trunc") }, .float32, [-1, 1, -1, 0, .nan, -2, 1, -0.0, 1, 6, -2, -3], broadcast: [-1, 1, -1, 0, .nan, -2, -3, 0, -0.0, -1, -0.0, 0, 0, -0.0, 3, -2, .infinity, 28, 1, -0.0, 1, 6, -2, -3]))
        c.append(EWBinaryCase("div floor", .float32, { a, b in a.div(b, roundingMode: "floor") }, .float32, [-2, 1, -2, 0, .nan, -2, 1, -1, 1, 6, -3, -4], broadcast: [-2, 1, -2, 0, .nan, -2, -4, 0, -1, -1, -0.0, 0, 0, -1, 3, -2, .infinity, 28, 1, -1, 1, 6, -3, -4]))
        c.append(EWBinaryCase("floorDivide", .float32, { a, b in a.floorDivide(b) }, .float32, [-2, 1, -2, 0, .nan, -2, 1, -1, 1, 6, -3, -4], broadcast: [-2, 1, -2, 0, .nan, -2, -4, 0, -1, -1, -0.0, 0, 0, -1, 3, -2, .infinity, 28, 1, -1, 1, 6, -3, -4]))
        c.append(EWBinaryCase("%", .float32, { a, b in a % b }, .float32, [0.5, -0.0, 0.25, -0.5, .nan, 0, 0, -2.5, 0.75, 0, -2, 1], broadcast: [0.5, -0.0, 0.25, -0.5, .nan, 0, 0.5, -2, 0.25, -0.0, 0, 0.5, 1, -0.5, 0, 0, .nan, -0.0, 0, -2.5, 0.75, 0, -2, 1]))
        c.append(EWBinaryCase("remainder", .float32, { a, b in a.remainder(b) }, .float32, [0.5, -0.0, 0.25, -0.5, .nan, 0, 0, -2.5, 0.75, 0, -2, 1], broadcast: [0.5, -0.0, 0.25, -0.5, .nan, 0, 0.5, -2, 0.25, -0.0, 0, 0.5, 1, -0.5, 0, 0, .nan, -0.0, 0, -2.5, 0.75, 0, -2, 1]))
        c.append(EWBinaryCase("fmod", .float32, { a, b in a.fmod(b) }, .float32, [-1.5, -0.0, -0.5, -0.5, .nan, 0, 0, 1.5, 0.75, 0, 1, -1], broadcast: [-1.5, -0.0, -0.5, -0.5, .nan, 0, -0.5, -2, -1.25, -0.0, 0, 0.5, 1, 1.5, 0, 0, .nan, -0.0, 0, 1.5, 0.75, 0, 1, -1]))
        c.append(EWBinaryCase("pow", .float32, { a, b in a.pow(b) }, .float32, [12.25, 0.25, .nan, .nan, 1, 1.1892070770263672, 1, 0.1975308656692505, 3.375, 1.7320507764816284, 0.0029154520016163588, 49], broadcast: [12.25, 0.25, .nan, .nan, 1, 1.1892070770263672, -3.5, 0.0625, .nan, .nan, .infinity, 0.25, 1, 0.4444444477558136, 1.837117314338684, 0.19245009124279022, 1, .nan, 1, 0.1975308656692505, 3.375, 1.7320507764816284, 0.0029154520016163588, 49]))
        c.append(EWBinaryCase("atan2", .float32, { a, b in a.atan2(b) }, .float32, [-1.0516501665115356, -2.356194496154785, -1.0303767919540405, -2.8198421001434326, 0, 2.0344438552856445, 0.7853981852531433, 2.7828218936920166, 0.9827937483787537, 1.4056476354599, 1.975688099861145, -1.292496681213379], broadcast: [-1.0516501665115356, -2.356194496154785, -1.0303767919540405, -2.8198421001434326, 0, 2.0344438552856445, -1.292496681213379, -2.677945137023926, -0.6947382688522339, -0.7853981852531433, 3.1415927410125732, 0.244978666305542, 0.46364760398864746, 2.498091697692871, 1.249045729637146, 2.0344438552856445, 1.5707963705062866, -1.6064953804016113, 0.7853981852531433, 2.7828218936920166, 0.9827937483787537, 1.4056476354599, 1.975688099861145, -1.292496681213379]))
        c.append(EWBinaryCase("maximum", .float32, { a, b in a.maximum(b) }, .float32, [2, -2, 0.75, -0.5, 0, 0.5, 1, 1.5, 2.25, 3, 7, 2], broadcast: [2, -2, 0.75, -0.5, 0, 0.5, 1, -2, 1.5, 0.5, 0, 2, 2, 1.5, 2.25, 3, 7, -0.25, 1, 1.5, 2.25, 3, 7, 2]))
        c.append(EWBinaryCase("minimum", .float32, { a, b in a.minimum(b) }, .float32, [-3.5, -2, -1.25, -1.5, 0, -0.25, 1, -4, 1.5, 0.5, -3, -7], broadcast: [-3.5, -2, -1.25, -1.5, 0, -0.25, -3.5, -4, -1.25, -0.5, -3, 0.5, 1, -2, 0.75, -1.5, 0, -7, 1, -4, 1.5, 0.5, -3, -7]))
        c.append(EWBinaryCase(".==", .float32, { a, b in a .== b }, .bool, [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0], broadcast: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("eq", .float32, { a, b in a.eq(b) }, .bool, [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0], broadcast: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase(".!=", .float32, { a, b in a .!= b }, .bool, [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1], broadcast: [1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("ne", .float32, { a, b in a.ne(b) }, .bool, [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1], broadcast: [1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".<", .float32, { a, b in a .< b }, .bool, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], broadcast: [1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase("lt", .float32, { a, b in a.lt(b) }, .bool, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], broadcast: [1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase(".<=", .float32, { a, b in a .<= b }, .bool, [1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1], broadcast: [1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase("le", .float32, { a, b in a.le(b) }, .bool, [1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1], broadcast: [1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase(".>", .float32, { a, b in a .> b }, .bool, [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0], broadcast: [0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase("gt", .float32, { a, b in a.gt(b) }, .bool, [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0], broadcast: [0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase(".>=", .float32, { a, b in a .>= b }, .bool, [0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0], broadcast: [0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase("ge", .float32, { a, b in a.ge(b) }, .bool, [0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0], broadcast: [0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase(".&", .float32, { a, b in a .& b }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalAnd", .float32, { a, b in a.logicalAnd(b) }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".|", .float32, { a, b in a .| b }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalOr", .float32, { a, b in a.logicalOr(b) }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".^", .float32, { a, b in a .^ b }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("logicalXor", .float32, { a, b in a.logicalXor(b) }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("clamp tensor bounds", .float32, { a, b in a.clamp(min: b, max: b + 1) }, .float32, [2, -2, 0.75, -0.5, 0, 0.5, 1, -3, 2.25, 1.5, -2, 2], broadcast: [2, -2, 0.75, -0.5, 0, 0.5, 1, -3, 1.5, 0.5, -2, 2, 2, -1, 1.75, -0.5, 1, -0.25, 1, -3, 2.25, 1.5, -2, 2]))
        c.append(EWBinaryCase("clamp tensor min", .float32, { a, b in a.clamp(min: b) }, .float32, [2, -2, 0.75, -0.5, 0, 0.5, 1, 1.5, 2.25, 3, 7, 2], broadcast: [2, -2, 0.75, -0.5, 0, 0.5, 1, -2, 1.5, 0.5, 0, 2, 2, 1.5, 2.25, 3, 7, -0.25, 1, 1.5, 2.25, 3, 7, 2]))
        c.append(EWBinaryCase("clamp tensor max", .float32, { a, b in a.clamp(max: b) }, .float32, [-3.5, -2, -1.25, -1.5, 0, -0.25, 1, -4, 1.5, 0.5, -3, -7], broadcast: [-3.5, -2, -1.25, -1.5, 0, -0.25, -3.5, -4, -1.25, -0.5, -3, 0.5, 1, -2, 0.75, -1.5, 0, -7, 1, -4, 1.5, 0.5, -3, -7]))
        c.append(EWBinaryCase("+", .float64, { a, b in a + b }, .float64, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5], broadcast: [-1.5, -4, -0.5, -2, 0, 0.25, -2.5, -6, 0.25, 0, -3, 2.5, 3, -0.5, 3, 1.5, 7, -7.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWBinaryCase("add", .float64, { a, b in a.add(b) }, .float64, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5], broadcast: [-1.5, -4, -0.5, -2, 0, 0.25, -2.5, -6, 0.25, 0, -3, 2.5, 3, -0.5, 3, 1.5, 7, -7.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWBinaryCase("add alpha 2", .float64, { a, b in a.add(b, alpha: 2) }, .float64, [0.5, -6, 0.25, -3.5, 0, 0, 3, -6.5, 5.25, 4, 1, -3], broadcast: [0.5, -6, 0.25, -3.5, 0, 0, -1.5, -10, 1.75, 0.5, -6, 4.5, 5, -2.5, 3.75, 0, 7, -7.5, 3, -6.5, 5.25, 4, 1, -3]))
        c.append(EWBinaryCase("-", .float64, { a, b in a - b }, .float64, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9], broadcast: [-5.5, 0, -2, 1, 0, 0.75, -4.5, 2, -2.75, -1, 3, -1.5, -1, 3.5, 1.5, 4.5, 7, -6.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWBinaryCase("sub", .float64, { a, b in a.sub(b) }, .float64, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9], broadcast: [-5.5, 0, -2, 1, 0, 0.75, -4.5, 2, -2.75, -1, 3, -1.5, -1, 3.5, 1.5, 4.5, 7, -6.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWBinaryCase("sub alpha 2", .float64, { a, b in a.sub(b, alpha: 2) }, .float64, [-7.5, 2, -2.75, 2.5, 0, 1, -1, 9.5, -0.75, 2, 13, -11], broadcast: [-7.5, 2, -2.75, 2.5, 0, 1, -5.5, 6, -4.25, -1.5, 6, -3.5, -3, 5.5, 0.75, 6, 7, -6.5, -1, 9.5, -0.75, 2, 13, -11]))
        c.append(EWBinaryCase("*", .float64, { a, b in a * b }, .float64, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14], broadcast: [-7, 4, -0.9375, 0.75, 0, -0.125, -3.5, 8, -1.875, -0.25, -0.0, 1, 2, -3, 1.6875, -4.5, 0, 1.75, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWBinaryCase("mul", .float64, { a, b in a.mul(b) }, .float64, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14], broadcast: [-7, 4, -0.9375, 0.75, 0, -0.125, -3.5, 8, -1.875, -0.25, -0.0, 1, 2, -3, 1.6875, -4.5, 0, 1.75, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWBinaryCase("/", .float64, { a, b in a / b }, .float64, [-1.75, 1, -1.6666666666666667, 0.3333333333333333, .nan, -2, 1, -0.375, 1.5, 6, -2.3333333333333335, -3.5], broadcast: [-1.75, 1, -1.6666666666666667, 0.3333333333333333, .nan, -2, -3.5, 0.5, -0.8333333333333334, -1, -0.0, 0.25, 0.5, -0.75, 3, -2, .infinity, 28, 1, -0.375, 1.5, 6, -2.3333333333333335, -3.5]))
        c.append(EWBinaryCase("div", .float64, { a, b in a.div(b) }, .float64, [-1.75, 1, -1.6666666666666667, 0.3333333333333333, .nan, -2, 1, -0.375, 1.5, 6, -2.3333333333333335, -3.5], broadcast: [-1.75, 1, -1.6666666666666667, 0.3333333333333333, .nan, -2, -3.5, 0.5, -0.8333333333333334, -1, -0.0, 0.25, 0.5, -0.75, 3, -2, .infinity, 28, 1, -0.375, 1.5, 6, -2.3333333333333335, -3.5]))
        c.append(EWBinaryCase("div trunc", .float64, { a, b in a.div(b, roundingMode: "trunc") }, .float64, [-1, 1, -1, 0, .nan, -2, 1, -0.0, 1, 6, -2, -3], broadcast: [-1, 1, -1, 0, .nan, -2, -3, 0, -0.0, -1, -0.0, 0, 0, -0.0, 3, -2, .infinity, 28, 1, -0.0, 1, 6, -2, -3]))
        c.append(EWBinaryCase("div floor", .float64, { a, b in a.div(b, roundingMode: "floor") }, .float64, [-2, 1, -2, 0, .nan, -2, 1, -1, 1, 6, -3, -4], broadcast: [-2, 1, -2, 0, .nan, -2, -4, 0, -1, -1, -0.0, 0, 0, -1, 3, -2, .infinity, 28, 1, -1, 1, 6, -3, -4]))
        c.append(EWBinaryCase("floorDivide", .float64, { a, b in a.floorDivide(b) }, .float64, [-2, 1, -2, 0, .nan, -2, 1, -1, 1, 6, -3, -4], broadcast: [-2, 1, -2, 0, .nan, -2, -4, 0, -1, -1, -0.0, 0, 0, -1, 3, -2, .infinity, 28, 1, -1, 1, 6, -3, -4]))
        c.append(EWBinaryCase("%", .float64, { a, b in a % b }, .float64, [0.5, -0.0, 0.25, -0.5, .nan, 0, 0, -2.5, 0.75, 0, -2, 1], broadcast: [0.5, -0.0, 0.25, -0.5, .nan, 0, 0.5, -2, 0.25, -0.0, 0, 0.5, 1, -0.5, 0, 0, .nan, -0.0, 0, -2.5, 0.75, 0, -2, 1]))
        c.append(EWBinaryCase("remainder", .float64, { a, b in a.remainder(b) }, .float64, [0.5, -0.0, 0.25, -0.5, .nan, 0, 0, -2.5, 0.75, 0, -2, 1], broadcast: [0.5, -0.0, 0.25, -0.5, .nan, 0, 0.5, -2, 0.25, -0.0, 0, 0.5, 1, -0.5, 0, 0, .nan, -0.0, 0, -2.5, 0.75, 0, -2, 1]))
        c.append(EWBinaryCase("fmod", .float64, { a, b in a.fmod(b) }, .float64, [-1.5, -0.0, -0.5, -0.5, .nan, 0, 0, 1.5, 0.75, 0, 1, -1], broadcast: [-1.5, -0.0, -0.5, -0.5, .nan, 0, -0.5, -2, -1.25, -0.0, 0, 0.5, 1, 1.5, 0, 0, .nan, -0.0, 0, 1.5, 0.75, 0, 1, -1]))
        c.append(EWBinaryCase("pow", .float64, { a, b in a.pow(b) }, .float64, [12.25, 0.25, .nan, .nan, 1, 1.189207115002721, 1, 0.19753086419753085, 3.375, 1.7320508075688772, 0.0029154518950437317, 49], broadcast: [12.25, 0.25, .nan, .nan, 1, 1.189207115002721, -3.5, 0.0625, .nan, .nan, .infinity, 0.25, 1, 0.4444444444444444, 1.8371173070873836, 0.19245008972987526, 1, .nan, 1, 0.19753086419753085, 3.375, 1.7320508075688772, 0.0029154518950437317, 49]))
        c.append(EWBinaryCase("atan2", .float64, { a, b in a.atan2(b) }, .float64, [-1.0516502125483738, -2.356194490192345, -1.0303768265243125, -2.819842099193151, 0, 2.0344439357957027, 0.7853981633974483, 2.782821983319221, 0.982793723247329, 1.4056476493802699, 1.97568811307998, -1.2924966677897853], broadcast: [-1.0516502125483738, -2.356194490192345, -1.0303768265243125, -2.819842099193151, 0, 2.0344439357957027, -1.2924966677897853, -2.677945044588987, -0.6947382761967031, -0.7853981633974483, 3.141592653589793, 0.24497866312686414, 0.4636476090008061, 2.498091544796509, 1.2490457723982544, 2.0344439357957027, 1.5707963267948966, -1.6064954394742206, 0.7853981633974483, 2.782821983319221, 0.982793723247329, 1.4056476493802699, 1.97568811307998, -1.2924966677897853]))
        c.append(EWBinaryCase("maximum", .float64, { a, b in a.maximum(b) }, .float64, [2, -2, 0.75, -0.5, 0, 0.5, 1, 1.5, 2.25, 3, 7, 2], broadcast: [2, -2, 0.75, -0.5, 0, 0.5, 1, -2, 1.5, 0.5, 0, 2, 2, 1.5, 2.25, 3, 7, -0.25, 1, 1.5, 2.25, 3, 7, 2]))
        c.append(EWBinaryCase("minimum", .float64, { a, b in a.minimum(b) }, .float64, [-3.5, -2, -1.25, -1.5, 0, -0.25, 1, -4, 1.5, 0.5, -3, -7], broadcast: [-3.5, -2, -1.25, -1.5, 0, -0.25, -3.5, -4, -1.25, -0.5, -3, 0.5, 1, -2, 0.75, -1.5, 0, -7, 1, -4, 1.5, 0.5, -3, -7]))
        c.append(EWBinaryCase(".==", .float64, { a, b in a .== b }, .bool, [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0], broadcast: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("eq", .float64, { a, b in a.eq(b) }, .bool, [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0], broadcast: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase(".!=", .float64, { a, b in a .!= b }, .bool, [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1], broadcast: [1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("ne", .float64, { a, b in a.ne(b) }, .bool, [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1], broadcast: [1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".<", .float64, { a, b in a .< b }, .bool, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], broadcast: [1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase("lt", .float64, { a, b in a.lt(b) }, .bool, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], broadcast: [1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase(".<=", .float64, { a, b in a .<= b }, .bool, [1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1], broadcast: [1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase("le", .float64, { a, b in a.le(b) }, .bool, [1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1], broadcast: [1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1]))
        c.append(EWBinaryCase(".>", .float64, { a, b in a .> b }, .bool, [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0], broadcast: [0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase("gt", .float64, { a, b in a.gt(b) }, .bool, [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0], broadcast: [0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase(".>=", .float64, { a, b in a .>= b }, .bool, [0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0], broadcast: [0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase("ge", .float64, { a, b in a.ge(b) }, .bool, [0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0], broadcast: [0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0]))
        c.append(EWBinaryCase(".&", .float64, { a, b in a .& b }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalAnd", .float64, { a, b in a.logicalAnd(b) }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".|", .float64, { a, b in a .| b }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalOr", .float64, { a, b in a.logicalOr(b) }, .bool, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".^", .float64, { a, b in a .^ b }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("logicalXor", .float64, { a, b in a.logicalXor(b) }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("clamp tensor bounds", .float64, { a, b in a.clamp(min: b, max: b + 1) }, .float64, [2, -2, 0.75, -0.5, 0, 0.5, 1, -3, 2.25, 1.5, -2, 2], broadcast: [2, -2, 0.75, -0.5, 0, 0.5, 1, -3, 1.5, 0.5, -2, 2, 2, -1, 1.75, -0.5, 1, -0.25, 1, -3, 2.25, 1.5, -2, 2]))
        c.append(EWBinaryCase("clamp tensor min", .float64, { a, b in a.clamp(min: b) }, .float64, [2, -2, 0.75, -0.5, 0, 0.5, 1, 1.5, 2.25, 3, 7, 2], broadcast: [2, -2, 0.75, -0.5, 0, 0.5, 1, -2, 1.5, 0.5, 0, 2, 2, 1.5, 2.25, 3, 7, -0.25, 1, 1.5, 2.25, 3, 7, 2]))
        c.append(EWBinaryCase("clamp tensor max", .float64, { a, b in a.clamp(max: b) }, .float64, [-3.5, -2, -1.25, -1.5, 0, -0.25, 1, -4, 1.5, 0.5, -3, -7], broadcast: [-3.5, -2, -1.25, -1.5, 0, -0.25, -3.5, -4, -1.25, -0.5, -3, 0.5, 1, -2, 0.75, -1.5, 0, -7, 1, -4, 1.5, 0.5, -3, -7]))
        c.append(EWBinaryCase("+", .int32, { a, b in a + b }, .int32, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4], broadcast: [-5, -8, -2, -6, 3, 5, -11, -3, -2, -1, 2, -5, 3, 0, 6, 2, 11, 14, -3, 5, 6, 7, 10, 4]))
        c.append(EWBinaryCase("add", .int32, { a, b in a.add(b) }, .int32, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4], broadcast: [-5, -8, -2, -6, 3, 5, -11, -3, -2, -1, 2, -5, 3, 0, 6, 2, 11, 14, -3, 5, 6, 7, 10, 4]))
        c.append(EWBinaryCase("add alpha 2", .int32, { a, b in a.add(b, alpha: 2) }, .int32, [-3, -10, 1, -9, 7, 10, -7, 8, 9, 9, 13, -1], broadcast: [-3, -10, 1, -9, 7, 10, -15, 0, 1, 1, 5, -10, 5, -2, 9, -1, 15, 19, -7, 8, 9, 9, 13, -1]))
        c.append(EWBinaryCase("-", .int32, { a, b in a - b }, .int32, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14], broadcast: [-9, -4, -8, 0, -5, -5, -3, -9, -8, -5, -4, 5, -1, 4, 0, 8, 3, 4, 5, -1, 0, 3, 4, 14]))
        c.append(EWBinaryCase("sub", .int32, { a, b in a.sub(b) }, .int32, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14], broadcast: [-9, -4, -8, 0, -5, -5, -3, -9, -8, -5, -4, 5, -1, 4, 0, 8, 3, 4, 5, -1, 0, 3, 4, 14]))
        c.append(EWBinaryCase("sub alpha 2", .int32, { a, b in a.sub(b, alpha: 2) }, .int32, [-11, -2, -11, 3, -9, -10, 9, -4, -3, 1, 1, 19], broadcast: [-11, -2, -11, 3, -9, -10, 1, -12, -11, -7, -7, 10, -3, 6, -3, 11, -1, -1, 9, -4, -3, 1, 1, 19]))
        c.append(EWBinaryCase("*", .int32, { a, b in a * b }, .int32, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45], broadcast: [-14, 12, -15, 9, -4, 0, 28, -18, -15, -6, -3, 0, 2, -4, 9, -15, 28, 45, -4, 6, 9, 10, 21, -45]))
        c.append(EWBinaryCase("mul", .int32, { a, b in a.mul(b) }, .int32, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45], broadcast: [-14, 12, -15, 9, -4, 0, 28, -18, -15, -6, -3, 0, 2, -4, 9, -15, 28, 45, -4, 6, 9, 10, 21, -45]))
        c.append(EWBinaryCase("/", .int32, { a, b in a / b }, .float32, [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842], broadcast: [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, 1.75, -2, -1.6666666269302368, -1.5, -0.3333333432674408, -0.0, 0.5, -1, 1, -1.6666666269302368, 1.75, 1.7999999523162842, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842]))
        c.append(EWBinaryCase("div", .int32, { a, b in a.div(b) }, .float32, [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842], broadcast: [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, 1.75, -2, -1.6666666269302368, -1.5, -0.3333333432674408, -0.0, 0.5, -1, 1, -1.6666666269302368, 1.75, 1.7999999523162842, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842]))
        c.append(EWBinaryCase("div trunc", .int32, { a, b in a.div(b, roundingMode: "trunc") }, .int32, [-3, 3, -1, 1, 0, 0, 0, 0, 1, 2, 2, -1], broadcast: [-3, 3, -1, 1, 0, 0, 1, -2, -1, -1, 0, 0, 0, -1, 1, -1, 1, 1, 0, 0, 1, 2, 2, -1]))
        c.append(EWBinaryCase("div floor", .int32, { a, b in a.div(b, roundingMode: "floor") }, .int32, [-4, 3, -2, 1, -1, 0, -1, 0, 1, 2, 2, -2], broadcast: [-4, 3, -2, 1, -1, 0, 1, -2, -2, -2, -1, 0, 0, -1, 1, -2, 1, 1, -1, 0, 1, 2, 2, -2]))
        c.append(EWBinaryCase("floorDivide", .int32, { a, b in a.floorDivide(b) }, .int32, [-4, 3, -2, 1, -1, 0, -1, 0, 1, 2, 2, -2], broadcast: [-4, 3, -2, 1, -1, 0, 1, -2, -2, -2, -1, 0, 0, -1, 1, -2, 1, 1, -1, 0, 1, 2, 2, -2]))
        c.append(EWBinaryCase("%", .int32, { a, b in a % b }, .int32, [1, 0, 1, 0, 3, 0, -3, 2, 0, 1, 1, -1], broadcast: [1, 0, 1, 0, 3, 0, -3, 0, 1, 1, 2, 0, 1, 0, 0, -1, 3, 4, -3, 2, 0, 1, 1, -1]))
        c.append(EWBinaryCase("remainder", .int32, { a, b in a.remainder(b) }, .int32, [1, 0, 1, 0, 3, 0, -3, 2, 0, 1, 1, -1], broadcast: [1, 0, 1, 0, 3, 0, -3, 0, 1, 1, 2, 0, 1, 0, 0, -1, 3, 4, -3, 2, 0, 1, 1, -1]))
        c.append(EWBinaryCase("fmod", .int32, { a, b in a.fmod(b) }, .int32, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 1, 1, 4], broadcast: [-1, 0, -2, 0, -1, 0, -3, 0, -2, -1, -1, 0, 1, 0, 0, 2, 3, 4, 1, 2, 0, 1, 1, 4]))
        c.append(EWBinaryCase("pow", .int32, { a, b in a.pow(b) }, .int32, [49, 0, -125, 0, 1, 0, 1, 8, 27, 25, 343, 0], broadcast: [49, 0, -125, 0, 1, 0, 0, -216, -125, 9, -1, 0, 1, 0, 27, 0, 2401, 59049, 1, 8, 27, 25, 343, 0]))
        c.append(EWBinaryCase("atan2", .int32, { a, b in a.atan2(b) }, .float32, [-1.292496681213379, -1.8925468921661377, -1.0303767919540405, -2.356194496154785, -0.244978666305542, 0, 2.8966140747070312, 0.588002622127533, 0.7853981852531433, 1.1902899742126465, 1.1659045219421387, 2.077894687652588], broadcast: [-1.292496681213379, -1.8925468921661377, -1.0303767919540405, -2.356194496154785, -0.244978666305542, 0, -2.089942455291748, -1.1071487665176392, -1.0303767919540405, -0.9827937483787537, -0.32175055146217346, 3.1415927410125732, 0.46364760398864746, 2.356194496154785, 0.7853981852531433, 2.111215829849243, 1.0516501665115356, 1.0636978149414062, 2.8966140747070312, 0.588002622127533, 0.7853981852531433, 1.1902899742126465, 1.1659045219421387, 2.077894687652588]))
        c.append(EWBinaryCase("maximum", .int32, { a, b in a.maximum(b) }, .int32, [2, -2, 3, -3, 4, 5, 1, 3, 3, 5, 7, 9], broadcast: [2, -2, 3, -3, 4, 5, -4, 3, 3, 2, 3, 0, 2, 2, 3, 5, 7, 9, 1, 3, 3, 5, 7, 9]))
        c.append(EWBinaryCase("minimum", .int32, { a, b in a.minimum(b) }, .int32, [-7, -6, -5, -3, -1, 0, -4, 2, 3, 2, 3, -5], broadcast: [-7, -6, -5, -3, -1, 0, -7, -6, -5, -3, -1, -5, 1, -2, 3, -3, 4, 5, -4, 2, 3, 2, 3, -5]))
        c.append(EWBinaryCase(".==", .int32, { a, b in a .== b }, .bool, [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase("eq", .int32, { a, b in a.eq(b) }, .bool, [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase(".!=", .int32, { a, b in a .!= b }, .bool, [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1]))
        c.append(EWBinaryCase("ne", .int32, { a, b in a.ne(b) }, .bool, [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1]))
        c.append(EWBinaryCase(".<", .int32, { a, b in a .< b }, .bool, [1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]))
        c.append(EWBinaryCase("lt", .int32, { a, b in a.lt(b) }, .bool, [1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]))
        c.append(EWBinaryCase(".<=", .int32, { a, b in a .<= b }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0]))
        c.append(EWBinaryCase("le", .int32, { a, b in a.le(b) }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0]))
        c.append(EWBinaryCase(".>", .int32, { a, b in a .> b }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1]))
        c.append(EWBinaryCase("gt", .int32, { a, b in a.gt(b) }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1]))
        c.append(EWBinaryCase(".>=", .int32, { a, b in a .>= b }, .bool, [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1]))
        c.append(EWBinaryCase("ge", .int32, { a, b in a.ge(b) }, .bool, [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".&", .int32, { a, b in a .& b }, .bool, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalAnd", .int32, { a, b in a.logicalAnd(b) }, .bool, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".|", .int32, { a, b in a .| b }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalOr", .int32, { a, b in a.logicalOr(b) }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".^", .int32, { a, b in a .^ b }, .bool, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("logicalXor", .int32, { a, b in a.logicalXor(b) }, .bool, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("bitwiseAnd", .int32, { a, b in a.bitwiseAnd(b) }, .int32, [0, -6, 3, -3, 4, 0, 0, 2, 3, 0, 3, 9], broadcast: [0, -6, 3, -3, 4, 0, -8, 2, 3, 0, 3, 0, 0, 2, 3, 5, 4, 1, 0, 2, 3, 0, 3, 9]))
        c.append(EWBinaryCase("bitwiseOr", .int32, { a, b in a.bitwiseOr(b) }, .int32, [-5, -2, -5, -3, -1, 5, -3, 3, 3, 7, 7, -5], broadcast: [-5, -2, -5, -3, -1, 5, -3, -5, -5, -1, -1, -5, 3, -2, 3, -3, 7, 13, -3, 3, 3, 7, 7, -5]))
        c.append(EWBinaryCase("bitwiseXor", .int32, { a, b in a.bitwiseXor(b) }, .int32, [-5, 4, -8, 0, -5, 5, -3, 1, 0, 7, 4, -14], broadcast: [-5, 4, -8, 0, -5, 5, 5, -7, -8, -1, -4, -5, 3, -4, 0, -8, 3, 12, -3, 1, 0, 7, 4, -14]))
        c.append(EWBinaryCase("clamp tensor bounds", .int32, { a, b in a.clamp(min: b, max: b + 1) }, .int32, [2, -2, 3, -3, 4, 5, -3, 3, 3, 3, 4, -4], broadcast: [2, -2, 3, -3, 4, 5, -4, 3, 3, 2, 3, -4, 2, -1, 3, -2, 5, 6, -3, 3, 3, 3, 4, -4]))
        c.append(EWBinaryCase("clamp tensor min", .int32, { a, b in a.clamp(min: b) }, .int32, [2, -2, 3, -3, 4, 5, 1, 3, 3, 5, 7, 9], broadcast: [2, -2, 3, -3, 4, 5, -4, 3, 3, 2, 3, 0, 2, 2, 3, 5, 7, 9, 1, 3, 3, 5, 7, 9]))
        c.append(EWBinaryCase("clamp tensor max", .int32, { a, b in a.clamp(max: b) }, .int32, [-7, -6, -5, -3, -1, 0, -4, 2, 3, 2, 3, -5], broadcast: [-7, -6, -5, -3, -1, 0, -7, -6, -5, -3, -1, -5, 1, -2, 3, -3, 4, 5, -4, 2, 3, 2, 3, -5]))
        c.append(EWBinaryCase("+", .int64, { a, b in a + b }, .int64, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4], broadcast: [-5, -8, -2, -6, 3, 5, -11, -3, -2, -1, 2, -5, 3, 0, 6, 2, 11, 14, -3, 5, 6, 7, 10, 4]))
        c.append(EWBinaryCase("add", .int64, { a, b in a.add(b) }, .int64, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4], broadcast: [-5, -8, -2, -6, 3, 5, -11, -3, -2, -1, 2, -5, 3, 0, 6, 2, 11, 14, -3, 5, 6, 7, 10, 4]))
        c.append(EWBinaryCase("add alpha 2", .int64, { a, b in a.add(b, alpha: 2) }, .int64, [-3, -10, 1, -9, 7, 10, -7, 8, 9, 9, 13, -1], broadcast: [-3, -10, 1, -9, 7, 10, -15, 0, 1, 1, 5, -10, 5, -2, 9, -1, 15, 19, -7, 8, 9, 9, 13, -1]))
        c.append(EWBinaryCase("-", .int64, { a, b in a - b }, .int64, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14], broadcast: [-9, -4, -8, 0, -5, -5, -3, -9, -8, -5, -4, 5, -1, 4, 0, 8, 3, 4, 5, -1, 0, 3, 4, 14]))
        c.append(EWBinaryCase("sub", .int64, { a, b in a.sub(b) }, .int64, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14], broadcast: [-9, -4, -8, 0, -5, -5, -3, -9, -8, -5, -4, 5, -1, 4, 0, 8, 3, 4, 5, -1, 0, 3, 4, 14]))
        c.append(EWBinaryCase("sub alpha 2", .int64, { a, b in a.sub(b, alpha: 2) }, .int64, [-11, -2, -11, 3, -9, -10, 9, -4, -3, 1, 1, 19], broadcast: [-11, -2, -11, 3, -9, -10, 1, -12, -11, -7, -7, 10, -3, 6, -3, 11, -1, -1, 9, -4, -3, 1, 1, 19]))
        c.append(EWBinaryCase("*", .int64, { a, b in a * b }, .int64, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45], broadcast: [-14, 12, -15, 9, -4, 0, 28, -18, -15, -6, -3, 0, 2, -4, 9, -15, 28, 45, -4, 6, 9, 10, 21, -45]))
        c.append(EWBinaryCase("mul", .int64, { a, b in a.mul(b) }, .int64, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45], broadcast: [-14, 12, -15, 9, -4, 0, 28, -18, -15, -6, -3, 0, 2, -4, 9, -15, 28, 45, -4, 6, 9, 10, 21, -45]))
        c.append(EWBinaryCase("/", .int64, { a, b in a / b }, .float32, [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842], broadcast: [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, 1.75, -2, -1.6666666269302368, -1.5, -0.3333333432674408, -0.0, 0.5, -1, 1, -1.6666666269302368, 1.75, 1.7999999523162842, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842]))
        c.append(EWBinaryCase("div", .int64, { a, b in a.div(b) }, .float32, [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842], broadcast: [-3.5, 3, -1.6666666269302368, 1, -0.25, 0, 1.75, -2, -1.6666666269302368, -1.5, -0.3333333432674408, -0.0, 0.5, -1, 1, -1.6666666269302368, 1.75, 1.7999999523162842, -0.25, 0.6666666865348816, 1, 2.5, 2.3333332538604736, -1.7999999523162842]))
        c.append(EWBinaryCase("div trunc", .int64, { a, b in a.div(b, roundingMode: "trunc") }, .int64, [-3, 3, -1, 1, 0, 0, 0, 0, 1, 2, 2, -1], broadcast: [-3, 3, -1, 1, 0, 0, 1, -2, -1, -1, 0, 0, 0, -1, 1, -1, 1, 1, 0, 0, 1, 2, 2, -1]))
        c.append(EWBinaryCase("div floor", .int64, { a, b in a.div(b, roundingMode: "floor") }, .int64, [-4, 3, -2, 1, -1, 0, -1, 0, 1, 2, 2, -2], broadcast: [-4, 3, -2, 1, -1, 0, 1, -2, -2, -2, -1, 0, 0, -1, 1, -2, 1, 1, -1, 0, 1, 2, 2, -2]))
        c.append(EWBinaryCase("floorDivide", .int64, { a, b in a.floorDivide(b) }, .int64, [-4, 3, -2, 1, -1, 0, -1, 0, 1, 2, 2, -2], broadcast: [-4, 3, -2, 1, -1, 0, 1, -2, -2, -2, -1, 0, 0, -1, 1, -2, 1, 1, -1, 0, 1, 2, 2, -2]))
        c.append(EWBinaryCase("%", .int64, { a, b in a % b }, .int64, [1, 0, 1, 0, 3, 0, -3, 2, 0, 1, 1, -1], broadcast: [1, 0, 1, 0, 3, 0, -3, 0, 1, 1, 2, 0, 1, 0, 0, -1, 3, 4, -3, 2, 0, 1, 1, -1]))
        c.append(EWBinaryCase("remainder", .int64, { a, b in a.remainder(b) }, .int64, [1, 0, 1, 0, 3, 0, -3, 2, 0, 1, 1, -1], broadcast: [1, 0, 1, 0, 3, 0, -3, 0, 1, 1, 2, 0, 1, 0, 0, -1, 3, 4, -3, 2, 0, 1, 1, -1]))
        c.append(EWBinaryCase("fmod", .int64, { a, b in a.fmod(b) }, .int64, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 1, 1, 4], broadcast: [-1, 0, -2, 0, -1, 0, -3, 0, -2, -1, -1, 0, 1, 0, 0, 2, 3, 4, 1, 2, 0, 1, 1, 4]))
        c.append(EWBinaryCase("pow", .int64, { a, b in a.pow(b) }, .int64, [49, 0, -125, 0, 1, 0, 1, 8, 27, 25, 343, 0], broadcast: [49, 0, -125, 0, 1, 0, 0, -216, -125, 9, -1, 0, 1, 0, 27, 0, 2401, 59049, 1, 8, 27, 25, 343, 0]))
        c.append(EWBinaryCase("atan2", .int64, { a, b in a.atan2(b) }, .float32, [-1.292496681213379, -1.8925468921661377, -1.0303767919540405, -2.356194496154785, -0.244978666305542, 0, 2.8966140747070312, 0.588002622127533, 0.7853981852531433, 1.1902899742126465, 1.1659045219421387, 2.077894687652588], broadcast: [-1.292496681213379, -1.8925468921661377, -1.0303767919540405, -2.356194496154785, -0.244978666305542, 0, -2.089942455291748, -1.1071487665176392, -1.0303767919540405, -0.9827937483787537, -0.32175055146217346, 3.1415927410125732, 0.46364760398864746, 2.356194496154785, 0.7853981852531433, 2.111215829849243, 1.0516501665115356, 1.0636978149414062, 2.8966140747070312, 0.588002622127533, 0.7853981852531433, 1.1902899742126465, 1.1659045219421387, 2.077894687652588]))
        c.append(EWBinaryCase("maximum", .int64, { a, b in a.maximum(b) }, .int64, [2, -2, 3, -3, 4, 5, 1, 3, 3, 5, 7, 9], broadcast: [2, -2, 3, -3, 4, 5, -4, 3, 3, 2, 3, 0, 2, 2, 3, 5, 7, 9, 1, 3, 3, 5, 7, 9]))
        c.append(EWBinaryCase("minimum", .int64, { a, b in a.minimum(b) }, .int64, [-7, -6, -5, -3, -1, 0, -4, 2, 3, 2, 3, -5], broadcast: [-7, -6, -5, -3, -1, 0, -7, -6, -5, -3, -1, -5, 1, -2, 3, -3, 4, 5, -4, 2, 3, 2, 3, -5]))
        c.append(EWBinaryCase(".==", .int64, { a, b in a .== b }, .bool, [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase("eq", .int64, { a, b in a.eq(b) }, .bool, [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase(".!=", .int64, { a, b in a .!= b }, .bool, [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1]))
        c.append(EWBinaryCase("ne", .int64, { a, b in a.ne(b) }, .bool, [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1]))
        c.append(EWBinaryCase(".<", .int64, { a, b in a .< b }, .bool, [1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]))
        c.append(EWBinaryCase("lt", .int64, { a, b in a.lt(b) }, .bool, [1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]))
        c.append(EWBinaryCase(".<=", .int64, { a, b in a .<= b }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0]))
        c.append(EWBinaryCase("le", .int64, { a, b in a.le(b) }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0]))
        c.append(EWBinaryCase(".>", .int64, { a, b in a .> b }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1]))
        c.append(EWBinaryCase("gt", .int64, { a, b in a.gt(b) }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1], broadcast: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1]))
        c.append(EWBinaryCase(".>=", .int64, { a, b in a .>= b }, .bool, [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1]))
        c.append(EWBinaryCase("ge", .int64, { a, b in a.ge(b) }, .bool, [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1], broadcast: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".&", .int64, { a, b in a .& b }, .bool, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalAnd", .int64, { a, b in a.logicalAnd(b) }, .bool, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".|", .int64, { a, b in a .| b }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase("logicalOr", .int64, { a, b in a.logicalOr(b) }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], broadcast: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWBinaryCase(".^", .int64, { a, b in a .^ b }, .bool, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("logicalXor", .int64, { a, b in a.logicalXor(b) }, .bool, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], broadcast: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWBinaryCase("bitwiseAnd", .int64, { a, b in a.bitwiseAnd(b) }, .int64, [0, -6, 3, -3, 4, 0, 0, 2, 3, 0, 3, 9], broadcast: [0, -6, 3, -3, 4, 0, -8, 2, 3, 0, 3, 0, 0, 2, 3, 5, 4, 1, 0, 2, 3, 0, 3, 9]))
        c.append(EWBinaryCase("bitwiseOr", .int64, { a, b in a.bitwiseOr(b) }, .int64, [-5, -2, -5, -3, -1, 5, -3, 3, 3, 7, 7, -5], broadcast: [-5, -2, -5, -3, -1, 5, -3, -5, -5, -1, -1, -5, 3, -2, 3, -3, 7, 13, -3, 3, 3, 7, 7, -5]))
        c.append(EWBinaryCase("bitwiseXor", .int64, { a, b in a.bitwiseXor(b) }, .int64, [-5, 4, -8, 0, -5, 5, -3, 1, 0, 7, 4, -14], broadcast: [-5, 4, -8, 0, -5, 5, 5, -7, -8, -1, -4, -5, 3, -4, 0, -8, 3, 12, -3, 1, 0, 7, 4, -14]))
        c.append(EWBinaryCase("clamp tensor bounds", .int64, { a, b in a.clamp(min: b, max: b + 1) }, .int64, [2, -2, 3, -3, 4, 5, -3, 3, 3, 3, 4, -4], broadcast: [2, -2, 3, -3, 4, 5, -4, 3, 3, 2, 3, -4, 2, -1, 3, -2, 5, 6, -3, 3, 3, 3, 4, -4]))
        c.append(EWBinaryCase("clamp tensor min", .int64, { a, b in a.clamp(min: b) }, .int64, [2, -2, 3, -3, 4, 5, 1, 3, 3, 5, 7, 9], broadcast: [2, -2, 3, -3, 4, 5, -4, 3, 3, 2, 3, 0, 2, 2, 3, 5, 7, 9, 1, 3, 3, 5, 7, 9]))
        c.append(EWBinaryCase("clamp tensor max", .int64, { a, b in a.clamp(max: b) }, .int64, [-7, -6, -5, -3, -1, 0, -4, 2, 3, 2, 3, -5], broadcast: [-7, -6, -5, -3, -1, 0, -7, -6, -5, -3, -1, -5, 1, -2, 3, -3, 4, 5, -4, 2, 3, 2, 3, -5]))
        c.append(EWBinaryCase("+", .bool, { a, b in a + b }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("add", .bool, { a, b in a.add(b) }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("add alpha 2", .bool, { a, b in a.add(b, alpha: 2) }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("*", .bool, { a, b in a * b }, .bool, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], broadcast: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase("mul", .bool, { a, b in a.mul(b) }, .bool, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], broadcast: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase("/", .bool, { a, b in a / b }, .float32, [1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan], broadcast: [1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan]))
        c.append(EWBinaryCase("div", .bool, { a, b in a.div(b) }, .float32, [1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan], broadcast: [1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan, 1, 0, .infinity, .nan]))
        c.append(EWBinaryCase("atan2", .bool, { a, b in a.atan2(b) }, .float32, [0.7853981852531433, 0, 1.5707963705062866, 0, 0.7853981852531433, 0, 1.5707963705062866, 0, 0.7853981852531433, 0, 1.5707963705062866, 0], broadcast: [0.7853981852531433, 0, 1.5707963705062866, 0, 0.7853981852531433, 0, 1.5707963705062866, 0, 0.7853981852531433, 0, 1.5707963705062866, 0, 0.7853981852531433, 0, 1.5707963705062866, 0, 0.7853981852531433, 0, 1.5707963705062866, 0, 0.7853981852531433, 0, 1.5707963705062866, 0]))
        c.append(EWBinaryCase("maximum", .bool, { a, b in a.maximum(b) }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("minimum", .bool, { a, b in a.minimum(b) }, .bool, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], broadcast: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase(".==", .bool, { a, b in a .== b }, .bool, [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1], broadcast: [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1]))
        c.append(EWBinaryCase("eq", .bool, { a, b in a.eq(b) }, .bool, [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1], broadcast: [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1]))
        c.append(EWBinaryCase(".!=", .bool, { a, b in a .!= b }, .bool, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0], broadcast: [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWBinaryCase("ne", .bool, { a, b in a.ne(b) }, .bool, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0], broadcast: [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWBinaryCase(".<", .bool, { a, b in a .< b }, .bool, [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0], broadcast: [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]))
        c.append(EWBinaryCase("lt", .bool, { a, b in a.lt(b) }, .bool, [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0], broadcast: [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]))
        c.append(EWBinaryCase(".<=", .bool, { a, b in a .<= b }, .bool, [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1], broadcast: [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1]))
        c.append(EWBinaryCase("le", .bool, { a, b in a.le(b) }, .bool, [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1], broadcast: [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1]))
        c.append(EWBinaryCase(".>", .bool, { a, b in a .> b }, .bool, [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0], broadcast: [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0]))
        c.append(EWBinaryCase("gt", .bool, { a, b in a.gt(b) }, .bool, [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0], broadcast: [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0]))
        c.append(EWBinaryCase(".>=", .bool, { a, b in a .>= b }, .bool, [1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1], broadcast: [1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1]))
        c.append(EWBinaryCase("ge", .bool, { a, b in a.ge(b) }, .bool, [1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1], broadcast: [1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1]))
        c.append(EWBinaryCase(".&", .bool, { a, b in a .& b }, .bool, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], broadcast: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase("logicalAnd", .bool, { a, b in a.logicalAnd(b) }, .bool, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], broadcast: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase(".|", .bool, { a, b in a .| b }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("logicalOr", .bool, { a, b in a.logicalOr(b) }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase(".^", .bool, { a, b in a .^ b }, .bool, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0], broadcast: [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWBinaryCase("logicalXor", .bool, { a, b in a.logicalXor(b) }, .bool, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0], broadcast: [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWBinaryCase("bitwiseAnd", .bool, { a, b in a.bitwiseAnd(b) }, .bool, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], broadcast: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWBinaryCase("bitwiseOr", .bool, { a, b in a.bitwiseOr(b) }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("bitwiseXor", .bool, { a, b in a.bitwiseXor(b) }, .bool, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0], broadcast: [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWBinaryCase("clamp tensor bounds", .bool, { a, b in a.clamp(min: b, max: b + 1) }, .int64, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("clamp tensor min", .bool, { a, b in a.clamp(min: b) }, .bool, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], broadcast: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWBinaryCase("clamp tensor max", .bool, { a, b in a.clamp(max: b) }, .bool, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], broadcast: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        return c
    }

    private static func makeTensorScalar() -> [EWScalarCase] {
        var c: [EWScalarCase] = []
        c.append(EWScalarCase("a + 2", .float32, { a in a + 2 }, .float32, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWScalarCase("a + 2.5", .float32, { a in a + 2.5 }, .float32, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWScalarCase("a + true", .float32, { a in a + true }, .float32, [-2.5, -1, -0.25, 0.5, 1, 1.5, 2, 2.5, 3.25, 4, 8, -6]))
        c.append(EWScalarCase("2 + a", .float32, { a in 2 + a }, .float32, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWScalarCase("2.5 + a", .float32, { a in 2.5 + a }, .float32, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWScalarCase("a - 3", .float32, { a in a - 3 }, .float32, [-6.5, -5, -4.25, -3.5, -3, -2.5, -2, -1.5, -0.75, 0, 4, -10]))
        c.append(EWScalarCase("3 - a", .float32, { a in 3 - a }, .float32, [6.5, 5, 4.25, 3.5, 3, 2.5, 2, 1.5, 0.75, 0, -4, 10]))
        c.append(EWScalarCase("1.5 - a", .float32, { a in 1.5 - a }, .float32, [5, 3.5, 2.75, 2, 1.5, 1, 0.5, 0, -0.75, -1.5, -5.5, 8.5]))
        c.append(EWScalarCase("a * -2", .float32, { a in a * -2 }, .float32, [7, 4, 2.5, 1, -0.0, -1, -2, -3, -4.5, -6, -14, 14]))
        c.append(EWScalarCase("-2 * a", .float32, { a in -2 * a }, .float32, [7, 4, 2.5, 1, -0.0, -1, -2, -3, -4.5, -6, -14, 14]))
        c.append(EWScalarCase("a * 0.5", .float32, { a in a * 0.5 }, .float32, [-1.75, -1, -0.625, -0.25, 0, 0.25, 0.5, 0.75, 1.125, 1.5, 3.5, -3.5]))
        c.append(EWScalarCase("a / 4", .float32, { a in a / 4 }, .float32, [-0.875, -0.5, -0.3125, -0.125, 0, 0.125, 0.25, 0.375, 0.5625, 0.75, 1.75, -1.75]))
        c.append(EWScalarCase("a / 2.5", .float32, { a in a / 2.5 }, .float32, [-1.399999976158142, -0.800000011920929, -0.5, -0.20000000298023224, 0, 0.20000000298023224, 0.4000000059604645, 0.6000000238418579, 0.8999999761581421, 1.2000000476837158, 2.799999952316284, -2.799999952316284]))
        c.append(EWScalarCase("4 / a", .float32, { a in 4 / a }, .float32, [-1.1428571939468384, -2, -3.200000047683716, -8, .infinity, 8, 4, 2.6666667461395264, 1.7777777910232544, 1.3333333730697632, 0.5714285969734192, -0.5714285969734192]))
        c.append(EWScalarCase("a.div(-2, trunc)", .float32, { a in a.div(-2, roundingMode: "trunc") }, .float32, [1, 1, 0, 0, -0.0, -0.0, -0.0, -0.0, -1, -1, -3, 3]))
        c.append(EWScalarCase("a.div(-2, floor)", .float32, { a in a.div(-2, roundingMode: "floor") }, .float32, [1, 1, 0, 0, -0.0, -1, -1, -1, -2, -2, -4, 3]))
        c.append(EWScalarCase("a.div(2.5, trunc)", .float32, { a in a.div(2.5, roundingMode: "trunc") }, .float32, [-1, -0.0, -0.0, -0.0, 0, 0, 0, 0, 0, 1, 2, -2]))
        c.append(EWScalarCase("a // 2", .float32, { a in a.floorDivide(2) }, .float32, [-2, -1, -1, -1, 0, 0, 0, 0, 1, 1, 3, -4]))
        c.append(EWScalarCase("a // -2", .float32, { a in a.floorDivide(-2) }, .float32, [1, 1, 0, 0, -0.0, -1, -1, -1, -2, -2, -4, 3]))
        c.append(EWScalarCase("a // 1.5", .float32, { a in a.floorDivide(1.5) }, .float32, [-3, -2, -1, -1, 0, 0, 0, 1, 1, 2, 4, -5]))
        c.append(EWScalarCase("a % 3", .float32, { a in a % 3 }, .float32, [2.5, 1, 1.75, 2.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, 2]))
        c.append(EWScalarCase("a % -3", .float32, { a in a % -3 }, .float32, [-0.5, -2, -1.25, -0.5, 0, -2.5, -2, -1.5, -0.75, 0, -2, -1]))
        c.append(EWScalarCase("a % 2.5", .float32, { a in a % 2.5 }, .float32, [1.5, 0.5, 1.25, 2, 0, 0.5, 1, 1.5, 2.25, 0.5, 2, 0.5]))
        c.append(EWScalarCase("a.fmod(3)", .float32, { a in a.fmod(3) }, .float32, [-0.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, -1]))
        c.append(EWScalarCase("a.fmod(-3)", .float32, { a in a.fmod(-3) }, .float32, [-0.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, -1]))
        c.append(EWScalarCase("a.fmod(2.5)", .float32, { a in a.fmod(2.5) }, .float32, [-1, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0.5, 2, -2]))
        c.append(EWScalarCase("a .< 1", .float32, { a in a .< 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWScalarCase("1 .< a", .float32, { a in 1 .< a }, .bool, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]))
        c.append(EWScalarCase("a .== 0", .float32, { a in a .== 0 }, .bool, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .!= 1", .float32, { a in a .!= 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .>= 0.5", .float32, { a in a .>= 0.5 }, .bool, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWScalarCase("a .<= -1", .float32, { a in a .<= -1 }, .bool, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]))
        c.append(EWScalarCase("a .> 2", .float32, { a in a .> 2 }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0]))
        c.append(EWScalarCase("a.eq(1)", .float32, { a in a.eq(1) }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a.ge(0)", .float32, { a in a.ge(0) }, .bool, [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWScalarCase("7 % a", .float32, { a in 7 % a }, .float32, [0, -1, -0.5, 0, .nan, 0, 0, 1, 0.25, 1, 0, 0]))
        c.append(EWScalarCase("-7.5 % a", .float32, { a in -7.5 % a }, .float32, [-0.5, -1.5, -0.0, -0.0, .nan, -0.0, 0.5, -0.0, 1.5, 1.5, 6.5, -0.5]))
        c.append(EWScalarCase("a + 2", .float64, { a in a + 2 }, .float64, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWScalarCase("a + 2.5", .float64, { a in a + 2.5 }, .float64, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWScalarCase("a + true", .float64, { a in a + true }, .float64, [-2.5, -1, -0.25, 0.5, 1, 1.5, 2, 2.5, 3.25, 4, 8, -6]))
        c.append(EWScalarCase("2 + a", .float64, { a in 2 + a }, .float64, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWScalarCase("2.5 + a", .float64, { a in 2.5 + a }, .float64, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWScalarCase("a - 3", .float64, { a in a - 3 }, .float64, [-6.5, -5, -4.25, -3.5, -3, -2.5, -2, -1.5, -0.75, 0, 4, -10]))
        c.append(EWScalarCase("3 - a", .float64, { a in 3 - a }, .float64, [6.5, 5, 4.25, 3.5, 3, 2.5, 2, 1.5, 0.75, 0, -4, 10]))
        c.append(EWScalarCase("1.5 - a", .float64, { a in 1.5 - a }, .float64, [5, 3.5, 2.75, 2, 1.5, 1, 0.5, 0, -0.75, -1.5, -5.5, 8.5]))
        c.append(EWScalarCase("a * -2", .float64, { a in a * -2 }, .float64, [7, 4, 2.5, 1, -0.0, -1, -2, -3, -4.5, -6, -14, 14]))
        c.append(EWScalarCase("-2 * a", .float64, { a in -2 * a }, .float64, [7, 4, 2.5, 1, -0.0, -1, -2, -3, -4.5, -6, -14, 14]))
        c.append(EWScalarCase("a * 0.5", .float64, { a in a * 0.5 }, .float64, [-1.75, -1, -0.625, -0.25, 0, 0.25, 0.5, 0.75, 1.125, 1.5, 3.5, -3.5]))
        c.append(EWScalarCase("a / 4", .float64, { a in a / 4 }, .float64, [-0.875, -0.5, -0.3125, -0.125, 0, 0.125, 0.25, 0.375, 0.5625, 0.75, 1.75, -1.75]))
        c.append(EWScalarCase("a / 2.5", .float64, { a in a / 2.5 }, .float64, [-1.4, -0.8, -0.5, -0.2, 0, 0.2, 0.4, 0.6, 0.9, 1.2, 2.8, -2.8]))
        c.append(EWScalarCase("4 / a", .float64, { a in 4 / a }, .float64, [-1.1428571428571428, -2, -3.2, -8, .infinity, 8, 4, 2.6666666666666665, 1.7777777777777777, 1.3333333333333333, 0.5714285714285714, -0.5714285714285714]))
        c.append(EWScalarCase("a.div(-2, trunc)", .float64, { a in a.div(-2, roundingMode: "trunc") }, .float64, [1, 1, 0, 0, -0.0, -0.0, -0.0, -0.0, -1, -1, -3, 3]))
        c.append(EWScalarCase("a.div(-2, floor)", .float64, { a in a.div(-2, roundingMode: "floor") }, .float64, [1, 1, 0, 0, -0.0, -1, -1, -1, -2, -2, -4, 3]))
        c.append(EWScalarCase("a.div(2.5, trunc)", .float64, { a in a.div(2.5, roundingMode: "trunc") }, .float64, [-1, -0.0, -0.0, -0.0, 0, 0, 0, 0, 0, 1, 2, -2]))
        c.append(EWScalarCase("a // 2", .float64, { a in a.floorDivide(2) }, .float64, [-2, -1, -1, -1, 0, 0, 0, 0, 1, 1, 3, -4]))
        c.append(EWScalarCase("a // -2", .float64, { a in a.floorDivide(-2) }, .float64, [1, 1, 0, 0, -0.0, -1, -1, -1, -2, -2, -4, 3]))
        c.append(EWScalarCase("a // 1.5", .float64, { a in a.floorDivide(1.5) }, .float64, [-3, -2, -1, -1, 0, 0, 0, 1, 1, 2, 4, -5]))
        c.append(EWScalarCase("a % 3", .float64, { a in a % 3 }, .float64, [2.5, 1, 1.75, 2.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, 2]))
        c.append(EWScalarCase("a % -3", .float64, { a in a % -3 }, .float64, [-0.5, -2, -1.25, -0.5, 0, -2.5, -2, -1.5, -0.75, 0, -2, -1]))
        c.append(EWScalarCase("a % 2.5", .float64, { a in a % 2.5 }, .float64, [1.5, 0.5, 1.25, 2, 0, 0.5, 1, 1.5, 2.25, 0.5, 2, 0.5]))
        c.append(EWScalarCase("a.fmod(3)", .float64, { a in a.fmod(3) }, .float64, [-0.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, -1]))
        c.append(EWScalarCase("a.fmod(-3)", .float64, { a in a.fmod(-3) }, .float64, [-0.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, -1]))
        c.append(EWScalarCase("a.fmod(2.5)", .float64, { a in a.fmod(2.5) }, .float64, [-1, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0.5, 2, -2]))
        c.append(EWScalarCase("a .< 1", .float64, { a in a .< 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWScalarCase("1 .< a", .float64, { a in 1 .< a }, .bool, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]))
        c.append(EWScalarCase("a .== 0", .float64, { a in a .== 0 }, .bool, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .!= 1", .float64, { a in a .!= 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .>= 0.5", .float64, { a in a .>= 0.5 }, .bool, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWScalarCase("a .<= -1", .float64, { a in a .<= -1 }, .bool, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]))
        c.append(EWScalarCase("a .> 2", .float64, { a in a .> 2 }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0]))
        c.append(EWScalarCase("a.eq(1)", .float64, { a in a.eq(1) }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a.ge(0)", .float64, { a in a.ge(0) }, .bool, [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWScalarCase("7 % a", .float64, { a in 7 % a }, .float64, [0, -1, -0.5, 0, .nan, 0, 0, 1, 0.25, 1, 0, 0]))
        c.append(EWScalarCase("-7.5 % a", .float64, { a in -7.5 % a }, .float64, [-0.5, -1.5, -0.0, -0.0, .nan, -0.0, 0.5, -0.0, 1.5, 1.5, 6.5, -0.5]))
        c.append(EWScalarCase("a + 2", .int32, { a in a + 2 }, .int32, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWScalarCase("a + 2.5", .int32, { a in a + 2.5 }, .float32, [-4.5, -3.5, -2.5, -0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 7.5, 9.5, 11.5]))
        c.append(EWScalarCase("a + true", .int32, { a in a + true }, .int32, [-6, -5, -4, -2, 0, 1, 2, 3, 4, 6, 8, 10]))
        c.append(EWScalarCase("2 + a", .int32, { a in 2 + a }, .int32, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWScalarCase("2.5 + a", .int32, { a in 2.5 + a }, .float32, [-4.5, -3.5, -2.5, -0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 7.5, 9.5, 11.5]))
        c.append(EWScalarCase("a - 3", .int32, { a in a - 3 }, .int32, [-10, -9, -8, -6, -4, -3, -2, -1, 0, 2, 4, 6]))
        c.append(EWScalarCase("3 - a", .int32, { a in 3 - a }, .int32, [10, 9, 8, 6, 4, 3, 2, 1, 0, -2, -4, -6]))
        c.append(EWScalarCase("1.5 - a", .int32, { a in 1.5 - a }, .float32, [8.5, 7.5, 6.5, 4.5, 2.5, 1.5, 0.5, -0.5, -1.5, -3.5, -5.5, -7.5]))
        c.append(EWScalarCase("a * -2", .int32, { a in a * -2 }, .int32, [14, 12, 10, 6, 2, 0, -2, -4, -6, -10, -14, -18]))
        c.append(EWScalarCase("-2 * a", .int32, { a in -2 * a }, .int32, [14, 12, 10, 6, 2, 0, -2, -4, -6, -10, -14, -18]))
        c.append(EWScalarCase("a * 0.5", .int32, { a in a * 0.5 }, .float32, [-3.5, -3, -2.5, -1.5, -0.5, 0, 0.5, 1, 1.5, 2.5, 3.5, 4.5]))
        c.append(EWScalarCase("a / 4", .int32, { a in a / 4 }, .float32, [-1.75, -1.5, -1.25, -0.75, -0.25, 0, 0.25, 0.5, 0.75, 1.25, 1.75, 2.25]))
        c.append(EWScalarCase("a / 2.5", .int32, { a in a / 2.5 }, .float32, [-2.799999952316284, -2.4000000953674316, -2, -1.2000000476837158, -0.4000000059604645, 0, 0.4000000059604645, 0.800000011920929, 1.2000000476837158, 2, 2.799999952316284, 3.5999999046325684]))
        c.append(EWScalarCase("4 / a", .int32, { a in 4 / a }, .float32, [-0.5714285969734192, -0.6666666865348816, -0.800000011920929, -1.3333333730697632, -4, .infinity, 4, 2, 1.3333333730697632, 0.800000011920929, 0.5714285969734192, 0.4444444477558136]))
        c.append(EWScalarCase("a.div(-2, trunc)", .int32, { a in a.div(-2, roundingMode: "trunc") }, .int32, [3, 3, 2, 1, 0, 0, 0, -1, -1, -2, -3, -4]))
        c.append(EWScalarCase("a.div(-2, floor)", .int32, { a in a.div(-2, roundingMode: "floor") }, .int32, [3, 3, 2, 1, 0, 0, -1, -1, -2, -3, -4, -5]))
        c.append(EWScalarCase("a.div(2.5, trunc)", .int32, { a in a.div(2.5, roundingMode: "trunc") }, .float32, [-2, -2, -2, -1, -0.0, 0, 0, 0, 1, 2, 2, 3]))
        c.append(EWScalarCase("a // 2", .int32, { a in a.floorDivide(2) }, .int32, [-4, -3, -3, -2, -1, 0, 0, 1, 1, 2, 3, 4]))
        c.append(EWScalarCase("a // -2", .int32, { a in a.floorDivide(-2) }, .int32, [3, 3, 2, 1, 0, 0, -1, -1, -2, -3, -4, -5]))
        c.append(EWScalarCase("a // 1.5", .int32, { a in a.floorDivide(1.5) }, .float32, [-5, -4, -4, -2, -1, 0, 0, 1, 2, 3, 4, 6]))
        c.append(EWScalarCase("a % 3", .int32, { a in a % 3 }, .int32, [2, 0, 1, 0, 2, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWScalarCase("a % -3", .int32, { a in a % -3 }, .int32, [-1, 0, -2, 0, -1, 0, -2, -1, 0, -1, -2, 0]))
        c.append(EWScalarCase("a % 2.5", .int32, { a in a % 2.5 }, .float32, [0.5, 1.5, -0.0, 2, 1.5, 0, 1, 2, 0.5, 0, 2, 1.5]))
        c.append(EWScalarCase("a.fmod(3)", .int32, { a in a.fmod(3) }, .int32, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWScalarCase("a.fmod(-3)", .int32, { a in a.fmod(-3) }, .int32, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWScalarCase("a.fmod(2.5)", .int32, { a in a.fmod(2.5) }, .float32, [-2, -1, -0.0, -0.5, -1, 0, 1, 2, 0.5, 0, 2, 1.5]))
        c.append(EWScalarCase("a .< 1", .int32, { a in a .< 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("1 .< a", .int32, { a in 1 .< a }, .bool, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .== 0", .int32, { a in a .== 0 }, .bool, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .!= 1", .int32, { a in a .!= 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .>= 0.5", .int32, { a in a .>= 0.5 }, .bool, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .<= -1", .int32, { a in a .<= -1 }, .bool, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .> 2", .int32, { a in a .> 2 }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]))
        c.append(EWScalarCase("a.eq(1)", .int32, { a in a.eq(1) }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a.ge(0)", .int32, { a in a.ge(0) }, .bool, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a + 2", .int64, { a in a + 2 }, .int64, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWScalarCase("a + 2.5", .int64, { a in a + 2.5 }, .float32, [-4.5, -3.5, -2.5, -0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 7.5, 9.5, 11.5]))
        c.append(EWScalarCase("a + true", .int64, { a in a + true }, .int64, [-6, -5, -4, -2, 0, 1, 2, 3, 4, 6, 8, 10]))
        c.append(EWScalarCase("2 + a", .int64, { a in 2 + a }, .int64, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWScalarCase("2.5 + a", .int64, { a in 2.5 + a }, .float32, [-4.5, -3.5, -2.5, -0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 7.5, 9.5, 11.5]))
        c.append(EWScalarCase("a - 3", .int64, { a in a - 3 }, .int64, [-10, -9, -8, -6, -4, -3, -2, -1, 0, 2, 4, 6]))
        c.append(EWScalarCase("3 - a", .int64, { a in 3 - a }, .int64, [10, 9, 8, 6, 4, 3, 2, 1, 0, -2, -4, -6]))
        c.append(EWScalarCase("1.5 - a", .int64, { a in 1.5 - a }, .float32, [8.5, 7.5, 6.5, 4.5, 2.5, 1.5, 0.5, -0.5, -1.5, -3.5, -5.5, -7.5]))
        c.append(EWScalarCase("a * -2", .int64, { a in a * -2 }, .int64, [14, 12, 10, 6, 2, 0, -2, -4, -6, -10, -14, -18]))
        c.append(EWScalarCase("-2 * a", .int64, { a in -2 * a }, .int64, [14, 12, 10, 6, 2, 0, -2, -4, -6, -10, -14, -18]))
        c.append(EWScalarCase("a * 0.5", .int64, { a in a * 0.5 }, .float32, [-3.5, -3, -2.5, -1.5, -0.5, 0, 0.5, 1, 1.5, 2.5, 3.5, 4.5]))
        c.append(EWScalarCase("a / 4", .int64, { a in a / 4 }, .float32, [-1.75, -1.5, -1.25, -0.75, -0.25, 0, 0.25, 0.5, 0.75, 1.25, 1.75, 2.25]))
        c.append(EWScalarCase("a / 2.5", .int64, { a in a / 2.5 }, .float32, [-2.799999952316284, -2.4000000953674316, -2, -1.2000000476837158, -0.4000000059604645, 0, 0.4000000059604645, 0.800000011920929, 1.2000000476837158, 2, 2.799999952316284, 3.5999999046325684]))
        c.append(EWScalarCase("4 / a", .int64, { a in 4 / a }, .float32, [-0.5714285969734192, -0.6666666865348816, -0.800000011920929, -1.3333333730697632, -4, .infinity, 4, 2, 1.3333333730697632, 0.800000011920929, 0.5714285969734192, 0.4444444477558136]))
        c.append(EWScalarCase("a.div(-2, trunc)", .int64, { a in a.div(-2, roundingMode: "trunc") }, .int64, [3, 3, 2, 1, 0, 0, 0, -1, -1, -2, -3, -4]))
        c.append(EWScalarCase("a.div(-2, floor)", .int64, { a in a.div(-2, roundingMode: "floor") }, .int64, [3, 3, 2, 1, 0, 0, -1, -1, -2, -3, -4, -5]))
        c.append(EWScalarCase("a.div(2.5, trunc)", .int64, { a in a.div(2.5, roundingMode: "trunc") }, .float32, [-2, -2, -2, -1, -0.0, 0, 0, 0, 1, 2, 2, 3]))
        c.append(EWScalarCase("a // 2", .int64, { a in a.floorDivide(2) }, .int64, [-4, -3, -3, -2, -1, 0, 0, 1, 1, 2, 3, 4]))
        c.append(EWScalarCase("a // -2", .int64, { a in a.floorDivide(-2) }, .int64, [3, 3, 2, 1, 0, 0, -1, -1, -2, -3, -4, -5]))
        c.append(EWScalarCase("a // 1.5", .int64, { a in a.floorDivide(1.5) }, .float32, [-5, -4, -4, -2, -1, 0, 0, 1, 2, 3, 4, 6]))
        c.append(EWScalarCase("a % 3", .int64, { a in a % 3 }, .int64, [2, 0, 1, 0, 2, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWScalarCase("a % -3", .int64, { a in a % -3 }, .int64, [-1, 0, -2, 0, -1, 0, -2, -1, 0, -1, -2, 0]))
        c.append(EWScalarCase("a % 2.5", .int64, { a in a % 2.5 }, .float32, [0.5, 1.5, -0.0, 2, 1.5, 0, 1, 2, 0.5, 0, 2, 1.5]))
        c.append(EWScalarCase("a.fmod(3)", .int64, { a in a.fmod(3) }, .int64, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWScalarCase("a.fmod(-3)", .int64, { a in a.fmod(-3) }, .int64, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWScalarCase("a.fmod(2.5)", .int64, { a in a.fmod(2.5) }, .float32, [-2, -1, -0.0, -0.5, -1, 0, 1, 2, 0.5, 0, 2, 1.5]))
        c.append(EWScalarCase("a .< 1", .int64, { a in a .< 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("1 .< a", .int64, { a in 1 .< a }, .bool, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .== 0", .int64, { a in a .== 0 }, .bool, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .!= 1", .int64, { a in a .!= 1 }, .bool, [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .>= 0.5", .int64, { a in a .>= 0.5 }, .bool, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a .<= -1", .int64, { a in a .<= -1 }, .bool, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .> 2", .int64, { a in a .> 2 }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]))
        c.append(EWScalarCase("a.eq(1)", .int64, { a in a.eq(1) }, .bool, [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a.ge(0)", .int64, { a in a.ge(0) }, .bool, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("a + 2", .bool, { a in a + 2 }, .int64, [3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2]))
        c.append(EWScalarCase("a + 2.5", .bool, { a in a + 2.5 }, .float32, [3.5, 2.5, 3.5, 2.5, 3.5, 2.5, 3.5, 2.5, 3.5, 2.5, 3.5, 2.5]))
        c.append(EWScalarCase("a + true", .bool, { a in a + true }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWScalarCase("2 + a", .bool, { a in 2 + a }, .int64, [3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2]))
        c.append(EWScalarCase("2.5 + a", .bool, { a in 2.5 + a }, .float32, [3.5, 2.5, 3.5, 2.5, 3.5, 2.5, 3.5, 2.5, 3.5, 2.5, 3.5, 2.5]))
        c.append(EWScalarCase("a * -2", .bool, { a in a * -2 }, .int64, [-2, 0, -2, 0, -2, 0, -2, 0, -2, 0, -2, 0]))
        c.append(EWScalarCase("-2 * a", .bool, { a in -2 * a }, .int64, [-2, 0, -2, 0, -2, 0, -2, 0, -2, 0, -2, 0]))
        c.append(EWScalarCase("a * 0.5", .bool, { a in a * 0.5 }, .float32, [0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0]))
        c.append(EWScalarCase("a / 4", .bool, { a in a / 4 }, .float32, [0.25, 0, 0.25, 0, 0.25, 0, 0.25, 0, 0.25, 0, 0.25, 0]))
        c.append(EWScalarCase("a / 2.5", .bool, { a in a / 2.5 }, .float32, [0.4000000059604645, 0, 0.4000000059604645, 0, 0.4000000059604645, 0, 0.4000000059604645, 0, 0.4000000059604645, 0, 0.4000000059604645, 0]))
        c.append(EWScalarCase("4 / a", .bool, { a in 4 / a }, .float32, [4, .infinity, 4, .infinity, 4, .infinity, 4, .infinity, 4, .infinity, 4, .infinity]))
        c.append(EWScalarCase("a.div(-2, trunc)", .bool, { a in a.div(-2, roundingMode: "trunc") }, .int64, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a.div(-2, floor)", .bool, { a in a.div(-2, roundingMode: "floor") }, .int64, [-1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0]))
        c.append(EWScalarCase("a.div(2.5, trunc)", .bool, { a in a.div(2.5, roundingMode: "trunc") }, .float32, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a // 2", .bool, { a in a.floorDivide(2) }, .int64, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a // -2", .bool, { a in a.floorDivide(-2) }, .int64, [-1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0]))
        c.append(EWScalarCase("a // 1.5", .bool, { a in a.floorDivide(1.5) }, .float32, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a % 3", .bool, { a in a % 3 }, .int64, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWScalarCase("a % -3", .bool, { a in a % -3 }, .int64, [-2, 0, -2, 0, -2, 0, -2, 0, -2, 0, -2, 0]))
        c.append(EWScalarCase("a % 2.5", .bool, { a in a % 2.5 }, .float32, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWScalarCase("a.fmod(3)", .bool, { a in a.fmod(3) }, .int64, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWScalarCase("a.fmod(-3)", .bool, { a in a.fmod(-3) }, .int64, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWScalarCase("a.fmod(2.5)", .bool, { a in a.fmod(2.5) }, .float32, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWScalarCase("a .< 1", .bool, { a in a .< 1 }, .bool, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]))
        c.append(EWScalarCase("1 .< a", .bool, { a in 1 .< a }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .== 0", .bool, { a in a .== 0 }, .bool, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]))
        c.append(EWScalarCase("a .!= 1", .bool, { a in a .!= 1 }, .bool, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]))
        c.append(EWScalarCase("a .>= 0.5", .bool, { a in a .>= 0.5 }, .bool, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWScalarCase("a .<= -1", .bool, { a in a .<= -1 }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a .> 2", .bool, { a in a .> 2 }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWScalarCase("a.eq(1)", .bool, { a in a.eq(1) }, .bool, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWScalarCase("a.ge(0)", .bool, { a in a.ge(0) }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        return c
    }

    private static func makeErrors() -> [EWBinaryErrorCase] {
        var c: [EWBinaryErrorCase] = []
        c.append(EWBinaryErrorCase("bitwiseAnd", .float32, { a, b in _ = a.bitwiseAnd(b) }, .init(.notImplementedError, "\"bitwise_and_cpu\" not implemented for 'Float'")))
        c.append(EWBinaryErrorCase("bitwiseOr", .float32, { a, b in _ = a.bitwiseOr(b) }, .init(.notImplementedError, "\"bitwise_or_cpu\" not implemented for 'Float'")))
        c.append(EWBinaryErrorCase("bitwiseXor", .float32, { a, b in _ = a.bitwiseXor(b) }, .init(.notImplementedError, "\"bitwise_xor_cpu\" not implemented for 'Float'")))
        c.append(EWBinaryErrorCase("bitwiseAnd", .float64, { a, b in _ = a.bitwiseAnd(b) }, .init(.notImplementedError, "\"bitwise_and_cpu\" not implemented for 'Double'")))
        c.append(EWBinaryErrorCase("bitwiseOr", .float64, { a, b in _ = a.bitwiseOr(b) }, .init(.notImplementedError, "\"bitwise_or_cpu\" not implemented for 'Double'")))
        c.append(EWBinaryErrorCase("bitwiseXor", .float64, { a, b in _ = a.bitwiseXor(b) }, .init(.notImplementedError, "\"bitwise_xor_cpu\" not implemented for 'Double'")))
        c.append(EWBinaryErrorCase("-", .bool, { a, b in _ = a - b }, .init(.notImplementedError, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")))
        c.append(EWBinaryErrorCase("sub", .bool, { a, b in _ = a.sub(b) }, .init(.notImplementedError, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")))
        c.append(EWBinaryErrorCase("sub alpha 2", .bool, { a, b in _ = a.sub(b, alpha: 2) }, .init(.notImplementedError, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")))
        c.append(EWBinaryErrorCase("div trunc", .bool, { a, b in _ = a.div(b, roundingMode: "trunc") }, .init(.notImplementedError, "\"div_trunc_cpu\" not implemented for 'Bool'")))
        c.append(EWBinaryErrorCase("div floor", .bool, { a, b in _ = a.div(b, roundingMode: "floor") }, .init(.notImplementedError, "\"div_floor_cpu\" not implemented for 'Bool'")))
        c.append(EWBinaryErrorCase("floorDivide", .bool, { a, b in _ = a.floorDivide(b) }, .init(.notImplementedError, "\"div_floor_cpu\" not implemented for 'Bool'")))
        c.append(EWBinaryErrorCase("%", .bool, { a, b in _ = a % b }, .init(.notImplementedError, "\"remainder_cpu\" not implemented for 'Bool'")))
        c.append(EWBinaryErrorCase("remainder", .bool, { a, b in _ = a.remainder(b) }, .init(.notImplementedError, "\"remainder_cpu\" not implemented for 'Bool'")))
        c.append(EWBinaryErrorCase("fmod", .bool, { a, b in _ = a.fmod(b) }, .init(.notImplementedError, "\"fmod_cpu\" not implemented for 'Bool'")))
        c.append(EWBinaryErrorCase("pow", .bool, { a, b in _ = a.pow(b) }, .init(.notImplementedError, "\"pow\" not implemented for 'Bool'")))
        c.append(EWBinaryErrorCase("a - 3", .bool, { a, _ in _ = a - 3 }, .init(.notImplementedError, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        c.append(EWBinaryErrorCase("3 - a", .bool, { a, _ in _ = 3 - a }, .init(.notImplementedError, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        c.append(EWBinaryErrorCase("1.5 - a", .bool, { a, _ in _ = 1.5 - a }, .init(.notImplementedError, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        return c
    }
}

@Suite struct ElementwiseBinaryTests {
    /// Each operand in every layout (the other contiguous), and both in the same kind of layout.
    @Test(arguments: EWBinaryCases.tensorTensor)
    func tensorTensor(_ c: EWBinaryCase) throws {
        let shape = [2, 2, 6]
        let aData = ewRepeated(EWBinaryInputs.a(c.input), 2), bData = ewRepeated(EWBinaryInputs.b(c.input), 2)
        let expected = ewRepeated(c.expected, 2)
        let aVariants = layoutVariants(shape: shape, values: aData, dtype: c.input)
        let bVariants = layoutVariants(shape: shape, values: bData, dtype: c.input)
        let a0 = aVariants[0].tensor, b0 = bVariants[0].tensor
        var pairs: [(String, Tensor, Tensor)] = []
        for v in aVariants { pairs.append(("a \(v.name)", v.tensor, b0)) }
        for v in bVariants.dropFirst() { pairs.append(("b \(v.name)", a0, v.tensor)) }
        for (va, vb) in zip(aVariants.dropFirst(), bVariants.dropFirst()) where va.name == vb.name {
            pairs.append(("both \(va.name)", va.tensor, vb.tensor))
        }
        for (name, a, b) in pairs {
            let r = try withErrorCapture { c.op(a, b) }
            ewExpect(r, shape: shape, dtype: c.output, expected, name)
            #expect(r.storage !== a.storage && r.storage !== b.storage, "\(name): a new tensor")
        }
        ewExpect(a0, shape: shape, dtype: c.input, aData, "a unchanged")
        ewExpect(b0, shape: shape, dtype: c.input, bData, "b unchanged")
    }

    /// Broadcasting on both sides: (2,1,6) op (2,6) -> (2,2,6).
    @Test(arguments: EWBinaryCases.tensorTensor)
    func broadcast(_ c: EWBinaryCase) throws {
        let a = Tensor(shape: [2, 1, 6], data: EWBinaryInputs.a(c.input), dtype: c.input)
        let b = Tensor(shape: [2, 6], data: EWBinaryInputs.b(c.input), dtype: c.input)
        let r = try withErrorCapture { c.op(a, b) }
        ewExpect(r, shape: [2, 2, 6], dtype: c.output, c.broadcast, "(2,1,6) op (2,6)")
        // The same through explicitly expanded (stride-0) operands.
        let e = try withErrorCapture { c.op(a.expand(2, 2, 6), b.expand(2, 2, 6)) }
        ewExpect(e, shape: [2, 2, 6], dtype: c.output, c.broadcast, "expanded operands")
    }

    /// One value broadcast to the whole shape (every stride 0, as the gradient of a sum arrives)
    /// on either side or both, against a contiguous or a transposed operand holding the other value:
    /// PyTorch's result for that pair of values everywhere.
    @Test(arguments: EWBinaryCases.tensorTensor)
    func oneValueOperand(_ c: EWBinaryCase) throws {
        let av = EWBinaryInputs.a(c.input), bv = EWBinaryInputs.b(c.input)
        func one(_ x: Double) -> Tensor { Tensor(shape: [], data: [x], dtype: c.input).expand(2, 3) }
        func full(_ x: Double, transposed: Bool) -> Tensor {
            let t = Tensor(shape: transposed ? [3, 2] : [2, 3], data: Array(repeating: x, count: 6), dtype: c.input)
            return transposed ? t.t() : t
        }
        for i in av.indices {
            let expected = Array(repeating: c.expected[i], count: 6)
            let both = try withErrorCapture { c.op(one(av[i]), one(bv[i])) }
            ewExpect(both, shape: [2, 3], dtype: c.output, expected, "one value on both sides, pair \(i)")
            for transposed in [false, true] {
                let left = try withErrorCapture { c.op(one(av[i]), full(bv[i], transposed: transposed)) }
                ewExpect(left, shape: [2, 3], dtype: c.output, expected, "one value on the left, pair \(i), transposed \(transposed)")
                let right = try withErrorCapture { c.op(full(av[i], transposed: transposed), one(bv[i])) }
                ewExpect(right, shape: [2, 3], dtype: c.output, expected, "one value on the right, pair \(i), transposed \(transposed)")
            }
        }
    }

    /// A Swift number on the left or right, the tensor in every layout.
    @Test(arguments: EWBinaryCases.tensorScalar)
    func tensorScalar(_ c: EWScalarCase) throws {
        let data = ewRepeated(EWBinaryInputs.a(c.input), 2)
        let expected = ewRepeated(c.expected, 2)
        for variant in layoutVariants(shape: [2, 2, 6], values: data, dtype: c.input) {
            let r = try withErrorCapture { c.op(variant.tensor) }
            ewExpect(r, shape: [2, 2, 6], dtype: c.output, expected, variant.name)
        }
    }

    /// Combinations PyTorch rejects raise its exception kind and message.
    @Test(arguments: EWBinaryCases.errors)
    func rejected(_ c: EWBinaryErrorCase) {
        let a = Tensor(shape: [2, 6], data: EWBinaryInputs.a(c.input), dtype: c.input)
        let b = Tensor(shape: [2, 6], data: EWBinaryInputs.b(c.input), dtype: c.input)
        expectTensorError(c.error.kind, c.error.message) { c.op(a, b) }
    }
}
