// TypePromotionTests.swift
//
// PyTorch's type promotion (`torch.result_type`'s rules) through real ops, row by row, and
// `resultType` over every pair of dtypes as tensors with dims, 0-dim tensors and Swift numbers;
// broadcasting shapes and their errors; NaN and infinity propagation. Expected dtypes and values
// were printed by PyTorch 2.15 (`torch.result_type`, and each expression's `.dtype` and
// `.tolist()`). float16, uint8 and int8 rows of the section have no Ember dtype; the int8
// wrap-around row is matched by its int32 analogue.

import Testing
@testable import EmberCore
import EmberTestSupport

/// An expression and PyTorch's result dtype, shape and values.
struct EWPromotionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let op: @Sendable () throws -> Tensor
    let dtype: DType
    let shape: [Int]
    let values: [Double]
    init(_ name: String, _ op: @escaping @Sendable () throws -> Tensor, _ dtype: DType, shape: [Int], _ values: [Double]) {
        self.name = name
        self.op = op
        self.dtype = dtype
        self.shape = shape
        self.values = values
    }
    var testDescription: String { name }
}

enum EWPromotionCases {
    static let all: [EWPromotionCase] = makeAll()

    private static func makeAll() -> [EWPromotionCase] {
        var c: [EWPromotionCase] = []
        c.append(EWPromotionCase("int64 + float32 tensor", { Tensor([3, -7]) + Tensor([1.5, -2.25]) }, .float32, shape: [2], [4.5, -9.25]))
        c.append(EWPromotionCase("int64 + 2.5", { Tensor([3, -7]) + 2.5 }, .float32, shape: [2], [5.5, -4.5]))
        c.append(EWPromotionCase("int32 + 2.5", { Tensor([3, -7], dtype: .int32) + 2.5 }, .float32, shape: [2], [5.5, -4.5]))
        c.append(EWPromotionCase("bool + 1.5", { Tensor([true, false]) + 1.5 }, .float32, shape: [2], [2.5, 1.5]))
        c.append(EWPromotionCase("int64 * 2", { Tensor([3, -7]) * 2 }, .int64, shape: [2], [6, -14]))
        c.append(EWPromotionCase("int64 // 2", { Tensor([3, -7]).floorDivide(2) }, .int64, shape: [2], [1, -4]))
        c.append(EWPromotionCase("int64 ** 2", { Tensor([3, -7]).pow(2) }, .int64, shape: [2], [9, 49]))
        c.append(EWPromotionCase("2 ** int64", { try Tensor.binary(.pow, .scalar(2), .tensor(Tensor([3, -7]).abs())) }, .int64, shape: [2], [8, 128]))
        c.append(EWPromotionCase("int64 / int64", { Tensor([3, -7]) / Tensor([2, 2]) }, .float32, shape: [2], [1.5, -3.5]))
        c.append(EWPromotionCase("int32 / int32", { Tensor([3, -7], dtype: .int32) / Tensor([2, 2], dtype: .int32) }, .float32, shape: [2], [1.5, -3.5]))
        c.append(EWPromotionCase("int64 / 2", { Tensor([3, -7]) / 2 }, .float32, shape: [2], [1.5, -3.5]))
        c.append(EWPromotionCase("int64 ** 0.5", { Tensor([3, -7]).pow(0.5) }, .float32, shape: [2], [1.7320507764816284, .nan]))
        c.append(EWPromotionCase("int64.sqrt()", { Tensor([3, -7]).sqrt() }, .float32, shape: [2], [1.7320507764816284, .nan]))
        c.append(EWPromotionCase("int32 + 5", { Tensor([3, -7], dtype: .int32) + 5 }, .int32, shape: [2], [8, -2]))
        c.append(EWPromotionCase("int32 + int64 tensor", { Tensor([3, -7], dtype: .int32) + Tensor([1, 1]) }, .int64, shape: [2], [4, -6]))
        c.append(EWPromotionCase("int32 + int64 0-dim", { Tensor([3, -7], dtype: .int32) + Tensor(1) }, .int32, shape: [2], [4, -6]))
        c.append(EWPromotionCase("float32 + float64 0-dim", { Tensor([1.5, -2.25]) + Tensor(0.1, dtype: .float64) }, .float32, shape: [2], [1.600000023841858, -2.1500000953674316]))
        c.append(EWPromotionCase("int64 + float64 0-dim", { Tensor([3, -7]) + Tensor(0.1, dtype: .float64) }, .float64, shape: [2], [3.1, -6.9]))
        c.append(EWPromotionCase("bool + bool", { Tensor([true, false]) + Tensor([true, true]) }, .bool, shape: [2], [1, 1]))
        c.append(EWPromotionCase("bool * bool", { Tensor([true, false]) * Tensor([true, true]) }, .bool, shape: [2], [1, 0]))
        c.append(EWPromotionCase("bool + 1", { Tensor([true, false]) + 1 }, .int64, shape: [2], [2, 1]))
        c.append(EWPromotionCase("bool / bool", { Tensor([true, false]) / Tensor([true, false]) }, .float32, shape: [2], [1, .nan]))
        c.append(EWPromotionCase("int32 + 2**31 wraps", { Tensor([3, -7], dtype: .int32) + (1 << 31) }, .int32, shape: [2], [-2147483645, 2147483641]))
        c.append(EWPromotionCase("float64 + float32 tensor", { Tensor([1.5, -2.25], dtype: .float64) + Tensor([1.5, -2.25]) }, .float64, shape: [2], [3, -4.5]))
        c.append(EWPromotionCase("float32 + float64 tensor", { Tensor([1.5, -2.25]) + Tensor([1.5, -2.25], dtype: .float64) }, .float64, shape: [2], [3, -4.5]))
        c.append(EWPromotionCase("float64 0-dim + float32 tensor", { Tensor(2.0, dtype: .float64) + Tensor([1.5, -2.25]) }, .float32, shape: [2], [3.5, -0.25]))
        c.append(EWPromotionCase("float64 0-dim + int32 tensor", { Tensor(2.0, dtype: .float64) + Tensor([3, -7], dtype: .int32) }, .float64, shape: [2], [5, -5]))
        c.append(EWPromotionCase("int32 * float64 0-dim", { Tensor([3, -7], dtype: .int32) * Tensor(2.5, dtype: .float64) }, .float64, shape: [2], [7.5, -17.5]))
        c.append(EWPromotionCase("int32 + float32 0-dim", { Tensor([3, -7], dtype: .int32) + Tensor(0.5) }, .float32, shape: [2], [3.5, -6.5]))
        c.append(EWPromotionCase("float32 0-dim + int32 0-dim", { Tensor(2.5) + Tensor(1, dtype: .int32) }, .float32, shape: [], [3.5]))
        c.append(EWPromotionCase("int32 0-dim + int64 0-dim", { Tensor(3, dtype: .int32) + Tensor(5) }, .int64, shape: [], [8]))
        c.append(EWPromotionCase("int32 0-dim + 5", { Tensor(3, dtype: .int32) + 5 }, .int32, shape: [], [8]))
        c.append(EWPromotionCase("5 + int32 0-dim", { 5 + Tensor(3, dtype: .int32) }, .int32, shape: [], [8]))
        c.append(EWPromotionCase("int32 0-dim .add(5)", { Tensor(3, dtype: .int32).add(5) }, .int32, shape: [], [8]))
        c.append(EWPromotionCase("int32 0-dim + Int(5)", { Tensor(3, dtype: .int32) + Int(5) }, .int32, shape: [], [8]))
        c.append(EWPromotionCase("5 (number) + int32 0-dim", { try Tensor.binary(.add, .scalar(5), .tensor(Tensor(3, dtype: .int32))) }, .int32, shape: [], [8]))
        c.append(EWPromotionCase("int32 0-dim * 2.5", { Tensor(3, dtype: .int32) * 2.5 }, .float32, shape: [], [7.5]))
        c.append(EWPromotionCase("int32 0-dim + true", { Tensor(3, dtype: .int32) + true }, .int32, shape: [], [4]))
        c.append(EWPromotionCase("int64 0-dim + 2.5", { Tensor(3) + 2.5 }, .float32, shape: [], [5.5]))
        c.append(EWPromotionCase("float64 0-dim + 2.5", { Tensor(3.0, dtype: .float64) + 2.5 }, .float64, shape: [], [5.5]))
        c.append(EWPromotionCase("int32 + true", { Tensor([3, -7], dtype: .int32) + true }, .int32, shape: [2], [4, -6]))
        c.append(EWPromotionCase("bool + int32 0-dim", { Tensor([true, false]) + Tensor(1, dtype: .int32) }, .int32, shape: [2], [2, 1]))
        c.append(EWPromotionCase("bool 0-dim + int32 tensor", { Tensor(true) + Tensor([3, -7], dtype: .int32) }, .int32, shape: [2], [4, -6]))
        c.append(EWPromotionCase("bool + float64 0-dim", { Tensor([true, false]) + Tensor(0.5, dtype: .float64) }, .float64, shape: [2], [1.5, 0.5]))
        c.append(EWPromotionCase("bool * 2.5", { Tensor([true, false]) * 2.5 }, .float32, shape: [2], [2.5, 0]))
        c.append(EWPromotionCase("int64 ** float32 0-dim", { Tensor([3, -7]).pow(Tensor(2.0)) }, .float32, shape: [2], [9, 49]))
        c.append(EWPromotionCase("int64 < 2.5", { Tensor([3, -7]) .< 2.5 }, .bool, shape: [2], [0, 1]))
        c.append(EWPromotionCase("float32 < float64 0-dim", { Tensor([1.5, -2.25]) .< Tensor(1.5, dtype: .float64) }, .bool, shape: [2], [0, 1]))
        c.append(EWPromotionCase("atan2 float64, int64", { Tensor([1.5, -2.25], dtype: .float64).atan2(Tensor([3, -7])) }, .float64, shape: [2], [0.4636476090008061, -2.8305943729842524]))
        c.append(EWPromotionCase("atan2 int32, int32", { Tensor([3, -7], dtype: .int32).atan2(Tensor([3, -7], dtype: .int32)) }, .float32, shape: [2], [0.7853981852531433, -2.356194496154785]))
        c.append(EWPromotionCase("maximum int32, float64 0-dim", { Tensor([3, -7], dtype: .int32).maximum(Tensor(0.5, dtype: .float64)) }, .float64, shape: [2], [3, 0.5]))
        c.append(EWPromotionCase("int64 clamp min float64 0-dim", { Tensor([3, -7]).clamp(min: Tensor(1.5, dtype: .float64)) }, .float64, shape: [2], [3, 1.5]))
        c.append(EWPromotionCase("float32 clamp min float64 0-dim", { Tensor([1.5, -2.25]).clamp(min: Tensor(1.5, dtype: .float64)) }, .float32, shape: [2], [1.5, 1.5]))
        c.append(EWPromotionCase("float32 clamp min float64 tensor", { Tensor([1.5, -2.25]).clamp(min: Tensor([1.5], dtype: .float64)) }, .float64, shape: [2], [1.5, 1.5]))
        c.append(EWPromotionCase("int64 clamp 0.5", { Tensor([3, -7]).clamp(min: 0.5) }, .float32, shape: [2], [3, 0.5]))
        c.append(EWPromotionCase("int32 clamp -1...1", { Tensor([3, -7], dtype: .int32).clamp(min: -1, max: 1) }, .int32, shape: [2], [1, -1]))
        c.append(EWPromotionCase("bool clamp 0...1", { Tensor([true, false]).clamp(min: 0, max: 1) }, .int64, shape: [2], [1, 0]))
        c.append(EWPromotionCase("int32 remainder int64 0-dim", { Tensor([3, -7], dtype: .int32) % Tensor(4) }, .int32, shape: [2], [3, 1]))
        c.append(EWPromotionCase("int32 == int64 0-dim", { Tensor([3, -7], dtype: .int32) .== Tensor(3) }, .bool, shape: [2], [1, 0]))
        c.append(EWPromotionCase("int32 add alpha 2 float32", { Tensor([3, -7], dtype: .int32).add(Tensor([3.5]), alpha: 2) }, .float32, shape: [2], [10, 0]))
        c.append(EWPromotionCase("int64 add alpha 3", { Tensor([3, -7]).add(Tensor([3, 4]), alpha: 3) }, .int64, shape: [2], [12, 5]))
        c.append(EWPromotionCase("float32 sub 2 alpha 0.5", { Tensor([1.5, -2.25]).sub(2, alpha: 0.5) }, .float32, shape: [2], [0.5, -3.25]))
        c.append(EWPromotionCase("bool add bool alpha 2", { Tensor([true, false]).add(Tensor([false, false]), alpha: 2) }, .bool, shape: [2], [1, 0]))
        c.append(EWPromotionCase("div trunc int64 big", { Tensor([1_099_511_627_777, -1_099_511_627_777]).div(3, roundingMode: "trunc") }, .int64, shape: [2], [366503875925, -366503875925]))
        c.append(EWPromotionCase("div floor int64 big", { Tensor([1_099_511_627_777, -1_099_511_627_777]).div(3, roundingMode: "floor") }, .int64, shape: [2], [366503875925, -366503875926]))
        c.append(EWPromotionCase("div trunc int32 by int64 0-dim", { Tensor([3, -7], dtype: .int32).div(Tensor(2), roundingMode: "trunc") }, .int32, shape: [2], [1, -3]))
        c.append(EWPromotionCase("div trunc bool by 2", { Tensor([true, false]).div(2, roundingMode: "trunc") }, .int64, shape: [2], [0, 0]))
        c.append(EWPromotionCase("div trunc int64 by 2.5", { Tensor([3, -7]).div(2.5, roundingMode: "trunc") }, .float32, shape: [2], [1, -2]))
        c.append(EWPromotionCase("int64 / 0", { Tensor([3, -7]) / 0 }, .float32, shape: [2], [.infinity, -.infinity]))
        c.append(EWPromotionCase("-7 // 2", { Tensor([-7]).floorDivide(2) }, .int64, shape: [1], [-4]))
        c.append(EWPromotionCase("-7 div 2 trunc", { Tensor([-7]).div(2, roundingMode: "trunc") }, .int64, shape: [1], [-3]))
        c.append(EWPromotionCase("-7.5 // 2", { Tensor([-7.5]).floorDivide(2) }, .float32, shape: [1], [-4]))
        c.append(EWPromotionCase("-7 % 3, 7 % -3", { Tensor([-7, 7]) % Tensor([3, -3]) }, .int64, shape: [2], [2, -2]))
        c.append(EWPromotionCase("-7 fmod 3, 7 fmod -3", { Tensor([-7, 7]).fmod(Tensor([3, -3])) }, .int64, shape: [2], [-1, 1]))
        c.append(EWPromotionCase("-7 % 3 float", { Tensor([-7.0, 7.0]) % Tensor([3.0, -3.0]) }, .float32, shape: [2], [2, -2]))
        return c
    }

    /// `torch.result_type(a, b)` for `a`, `b` of each dtype, with dims (`zeros(2)`) or 0-dim.
    static let tensorTensor: [(DType, Bool, DType, Bool, DType)] = [
        (.bool, false, .bool, false, .bool), (.bool, false, .bool, true, .bool), (.bool, false, .int32, false, .int32), (.bool, false, .int32, true, .int32),
        (.bool, false, .int64, false, .int64), (.bool, false, .int64, true, .int64), (.bool, false, .float32, false, .float32), (.bool, false, .float32, true, .float32),
        (.bool, false, .float64, false, .float64), (.bool, false, .float64, true, .float64), (.bool, true, .bool, false, .bool), (.bool, true, .bool, true, .bool),
        (.bool, true, .int32, false, .int32), (.bool, true, .int32, true, .int32), (.bool, true, .int64, false, .int64), (.bool, true, .int64, true, .int64),
        (.bool, true, .float32, false, .float32), (.bool, true, .float32, true, .float32), (.bool, true, .float64, false, .float64), (.bool, true, .float64, true, .float64),
        (.int32, false, .bool, false, .int32), (.int32, false, .bool, true, .int32), (.int32, false, .int32, false, .int32), (.int32, false, .int32, true, .int32),
        (.int32, false, .int64, false, .int64), (.int32, false, .int64, true, .int32), (.int32, false, .float32, false, .float32), (.int32, false, .float32, true, .float32),
        (.int32, false, .float64, false, .float64), (.int32, false, .float64, true, .float64), (.int32, true, .bool, false, .int32), (.int32, true, .bool, true, .int32),
        (.int32, true, .int32, false, .int32), (.int32, true, .int32, true, .int32), (.int32, true, .int64, false, .int64), (.int32, true, .int64, true, .int64),
        (.int32, true, .float32, false, .float32), (.int32, true, .float32, true, .float32), (.int32, true, .float64, false, .float64), (.int32, true, .float64, true, .float64),
        (.int64, false, .bool, false, .int64), (.int64, false, .bool, true, .int64), (.int64, false, .int32, false, .int64), (.int64, false, .int32, true, .int64),
        (.int64, false, .int64, false, .int64), (.int64, false, .int64, true, .int64), (.int64, false, .float32, false, .float32), (.int64, false, .float32, true, .float32),
        (.int64, false, .float64, false, .float64), (.int64, false, .float64, true, .float64), (.int64, true, .bool, false, .int64), (.int64, true, .bool, true, .int64),
        (.int64, true, .int32, false, .int32), (.int64, true, .int32, true, .int64), (.int64, true, .int64, false, .int64), (.int64, true, .int64, true, .int64),
        (.int64, true, .float32, false, .float32), (.int64, true, .float32, true, .float32), (.int64, true, .float64, false, .float64), (.int64, true, .float64, true, .float64),
        (.float32, false, .bool, false, .float32), (.float32, false, .bool, true, .float32), (.float32, false, .int32, false, .float32), (.float32, false, .int32, true, .float32),
        (.float32, false, .int64, false, .float32), (.float32, false, .int64, true, .float32), (.float32, false, .float32, false, .float32), (.float32, false, .float32, true, .float32),
        (.float32, false, .float64, false, .float64), (.float32, false, .float64, true, .float32), (.float32, true, .bool, false, .float32), (.float32, true, .bool, true, .float32),
        (.float32, true, .int32, false, .float32), (.float32, true, .int32, true, .float32), (.float32, true, .int64, false, .float32), (.float32, true, .int64, true, .float32),
        (.float32, true, .float32, false, .float32), (.float32, true, .float32, true, .float32), (.float32, true, .float64, false, .float64), (.float32, true, .float64, true, .float64),
        (.float64, false, .bool, false, .float64), (.float64, false, .bool, true, .float64), (.float64, false, .int32, false, .float64), (.float64, false, .int32, true, .float64),
        (.float64, false, .int64, false, .float64), (.float64, false, .int64, true, .float64), (.float64, false, .float32, false, .float64), (.float64, false, .float32, true, .float64),
        (.float64, false, .float64, false, .float64), (.float64, false, .float64, true, .float64), (.float64, true, .bool, false, .float64), (.float64, true, .bool, true, .float64),
        (.float64, true, .int32, false, .float64), (.float64, true, .int32, true, .float64), (.float64, true, .int64, false, .float64), (.float64, true, .int64, true, .float64),
        (.float64, true, .float32, false, .float32), (.float64, true, .float32, true, .float64), (.float64, true, .float64, false, .float64), (.float64, true, .float64, true, .float64)
    ]

    /// `torch.result_type(a, number)` for `True`, `2` and `2.5`.
    static let tensorScalar: [(DType, Bool, Scalar, DType)] = [
        (.bool, false, .bool(true), .bool), (.bool, false, .int(2), .int64), (.bool, false, .float(2.5), .float32),
        (.bool, true, .bool(true), .bool), (.bool, true, .int(2), .int64), (.bool, true, .float(2.5), .float32),
        (.int32, false, .bool(true), .int32), (.int32, false, .int(2), .int32), (.int32, false, .float(2.5), .float32),
        (.int32, true, .bool(true), .int32), (.int32, true, .int(2), .int32), (.int32, true, .float(2.5), .float32),
        (.int64, false, .bool(true), .int64), (.int64, false, .int(2), .int64), (.int64, false, .float(2.5), .float32),
        (.int64, true, .bool(true), .int64), (.int64, true, .int(2), .int64), (.int64, true, .float(2.5), .float32),
        (.float32, false, .bool(true), .float32), (.float32, false, .int(2), .float32), (.float32, false, .float(2.5), .float32),
        (.float32, true, .bool(true), .float32), (.float32, true, .int(2), .float32), (.float32, true, .float(2.5), .float32),
        (.float64, false, .bool(true), .float64), (.float64, false, .int(2), .float64), (.float64, false, .float(2.5), .float64),
        (.float64, true, .bool(true), .float64), (.float64, true, .int(2), .float64), (.float64, true, .float(2.5), .float64)
    ]
}

@Suite struct TypePromotionTests {
    @Test(arguments: EWPromotionCases.all)
    func promotes(_ c: EWPromotionCase) throws {
        let r = try withErrorCapture { try c.op() }
        ewExpect(r, shape: c.shape, dtype: c.dtype, c.values, c.name)
    }

    /// `resultType` for every pair; the op `a + b` (or `a * b`... with bool) agrees.
    @Test func resultTypeOfTensors() throws {
        for (a, aZeroDim, b, bZeroDim, expected) in EWPromotionCases.tensorTensor {
            let x = Tensor.zeros(aZeroDim ? [] : [2], dtype: a), y = Tensor.zeros(bZeroDim ? [] : [2], dtype: b)
            #expect(resultType(x, y) == expected, "\(a)\(aZeroDim ? " 0-dim" : "") with \(b)\(bZeroDim ? " 0-dim" : "")")
            let sum = try withErrorCapture { x + y }
            #expect(sum.dtype == expected, "\(a) + \(b)")
            #expect(sum.shape == (aZeroDim && bZeroDim ? [] : [2]))
        }
    }

    @Test func resultTypeWithNumbers() throws {
        for (a, aZeroDim, s, expected) in EWPromotionCases.tensorScalar {
            let x = Tensor.zeros(aZeroDim ? [] : [2], dtype: a)
            #expect(resultType(x, s) == expected, "\(a)\(aZeroDim ? " 0-dim" : "") with \(s)")
            let sum = try withErrorCapture { x.add(s) }
            #expect(sum.dtype == expected, "\(a) + \(s)")
            let product = try withErrorCapture { try Tensor.binary(.mul, .scalar(s), .tensor(x)) }
            #expect(product.dtype == expected, "\(s) * \(a)")
        }
    }

    /// `DType.promote` is `torch.promote_types` (category first, then width).
    @Test func promoteTypes() {
        #expect(DType.promote(.int32, .int64) == .int64)
        #expect(DType.promote(.int64, .float32) == .float32)
        #expect(DType.promote(.float32, .float64) == .float64)
        #expect(DType.promote(.bool, .int32) == .int32)
        #expect(DType.promote(.bool, .bool) == .bool)
        #expect(DType.promote(.float64, .int32) == .float64)
    }
}

@Suite struct ElementwiseBroadcastTests {
    /// (3,1)+(4,) -> (3,4): `torch.tensor([[1.],[2.],[3.]]) + torch.tensor([10.,20.,30.,40.])`.
    @Test func columnPlusRow() throws {
        let r = try withErrorCapture { Tensor([[1.0], [2.0], [3.0]]) + Tensor([10.0, 20.0, 30.0, 40.0]) }
        ewExpect(r, shape: [3, 4], dtype: .float32, [11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43])
        // The other way round, and with the column expanded and the row transposed-sliced.
        let s = try withErrorCapture { Tensor([10.0, 20.0, 30.0, 40.0]) + Tensor([[1.0], [2.0], [3.0]]) }
        ewExpect(s, shape: [3, 4], dtype: .float32, [11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43])
    }

    /// (5,1,4)+(3,1) -> (5,3,4): `torch.arange(20.).reshape(5,1,4) + torch.tensor([[100.],[200.],[300.]])`.
    @Test func threeDims() throws {
        let r = try withErrorCapture { Tensor.arange(20.0).reshape(5, 1, 4) + Tensor([[100.0], [200.0], [300.0]]) }
        ewExpect(r, shape: [5, 3, 4], dtype: .float32, [100, 101, 102, 103, 200, 201, 202, 203, 300, 301, 302, 303, 104, 105, 106, 107, 204, 205, 206, 207, 304, 305, 306, 307, 108, 109, 110, 111, 208, 209, 210, 211, 308, 309, 310, 311, 112, 113, 114, 115, 212, 213, 214, 215, 312, 313, 314, 315, 116, 117, 118, 119, 216, 217, 218, 219, 316, 317, 318, 319])
    }

    /// (0,1)+(3,) -> (0,3); (1,)+(0,) -> (0,); 0-dim + (2,3) -> (2,3); (1,1)+(1,) -> (1,1).
    @Test func shapes() throws {
        try withErrorCapture {
            #expect((Tensor.ones(0, 1) + Tensor.ones(3)).shape == [0, 3])
            #expect((Tensor.ones(1) * Tensor.ones(0)).shape == [0])
            #expect((Tensor(2.0) - Tensor.ones(2, 3)).shape == [2, 3])
            #expect((Tensor.ones(1, 1) .< Tensor.ones(1)).shape == [1, 1])
            #expect(Tensor.ones(2, 1, 3).maximum(Tensor.ones(4, 1)).shape == [2, 4, 3])
            #expect((Tensor(1.0) + Tensor(2.0)).shape == [])
        }
    }

    /// `torch.ones(2,3)+torch.ones(4)` and `torch.ones(5,1,4)+torch.ones(3,2)`.
    @Test func mismatch() {
        expectTensorError(.runtimeError, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1") {
            _ = Tensor.ones(2, 3) + Tensor.ones(4)
        }
        expectTensorError(.runtimeError, "The size of tensor a (4) must match the size of tensor b (2) at non-singleton dimension 2") {
            _ = Tensor.ones(5, 1, 4) + Tensor.ones(3, 2)
        }
        expectTensorError(.runtimeError, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1") {
            _ = Tensor.ones(2, 3) .< Tensor.ones(4)
        }
        expectTensorError(.runtimeError, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1") {
            _ = Tensor.ones(2, 3).clamp(min: Tensor.ones(4))
        }
    }
}

@Suite struct ElementwiseNaNTests {
    static let x: [Double] = [.nan, 1, .infinity, -.infinity, 0]
    static let y: [Double] = [0, .nan, -.infinity, .nan, -0.0]

    /// `torch.maximum`/`torch.minimum` propagate NaN from either side.
    @Test(arguments: [DType.float32, .float64])
    func maximumMinimum(_ dtype: DType) throws {
        for vx in layoutVariants(shape: [5], values: Self.x, dtype: dtype) {
            let y = Tensor(shape: [5], data: Self.y, dtype: dtype)
            let (mx, mn) = try withErrorCapture { (vx.tensor.maximum(y), vx.tensor.minimum(y)) }
            ewExpect(mx, shape: [5], dtype: dtype, [.nan, .nan, .infinity, .nan, 0], vx.name)
            ewExpect(mn, shape: [5], dtype: dtype, [.nan, .nan, -.infinity, .nan, 0], vx.name)
        }
    }

    /// `x.clamp(-1, 1)` keeps NaN; a NaN bound makes everything NaN; a NaN in a tensor bound
    /// gives NaN there.
    @Test(arguments: [DType.float32, .float64])
    func clamp(_ dtype: DType) throws {
        let x = Tensor(shape: [5], data: Self.x, dtype: dtype)
        try withErrorCapture {
            ewExpect(x.clamp(min: -1, max: 1), shape: [5], dtype: dtype, [.nan, 1, 1, -1, 0])
            ewExpect(x.clamp(min: Scalar.float(.nan)), shape: [5], dtype: dtype, [.nan, .nan, .nan, .nan, .nan])
            ewExpect(x.clamp(max: Scalar.float(.nan)), shape: [5], dtype: dtype, [.nan, .nan, .nan, .nan, .nan])
            ewExpect(x.clamp(min: Tensor(shape: [5], data: [0, .nan, 0, 0, 0], dtype: dtype)), shape: [5], dtype: dtype,
                     [.nan, .nan, .infinity, 0, 0])
            ewExpect(x.hardtanh(), shape: [5], dtype: dtype, [.nan, 1, 1, -1, 0])
            ewExpect(x.relu(), shape: [5], dtype: dtype, [.nan, 1, .infinity, 0, 0])
        }
        let inPlace = Tensor(shape: [5], data: Self.x, dtype: dtype)
        _ = try withErrorCapture { inPlace.clamp_(min: -2, max: 2) }
        ewExpect(inPlace, shape: [5], dtype: dtype, [.nan, 1, 2, -2, 0])
    }

    /// Comparisons with NaN are false, `!=` true; arithmetic propagates NaN and infinities.
    @Test func comparisonsAndArithmetic() throws {
        let x = Tensor(shape: [5], data: Self.x, dtype: .float32), y = Tensor(shape: [5], data: Self.y, dtype: .float32)
        try withErrorCapture {
            expectBools(x .== x, shape: [5], [false, true, true, true, true])
            expectBools(x .!= x, shape: [5], [true, false, false, false, false])
            expectBools(x .< 2, shape: [5], [false, true, false, true, true])
            expectBools(x .>= y, shape: [5], [false, false, true, false, true])
            ewExpect(x + y, shape: [5], dtype: .float32, [.nan, .nan, .nan, .nan, 0])
            ewExpect(x * y, shape: [5], dtype: .float32, [.nan, .nan, -.infinity, .nan, -0.0])
            ewExpect(x / y, shape: [5], dtype: .float32, [.nan, .nan, .nan, .nan, .nan])
            ewExpect(x.floorDivide(y), shape: [5], dtype: .float32, [.nan, .nan, .nan, .nan, .nan])
            ewExpect(x.remainder(2), shape: [5], dtype: .float32, [.nan, 1, .nan, .nan, 0])
            ewExpect(x.sign(), shape: [5], dtype: .float32, [0, 1, 1, -1, 0])
            ewExpect(x.nanToNum(), shape: [5], dtype: .float32, [0, 1, 3.4028234663852886e+38, -3.4028234663852886e+38, 0])
        }
    }
}
