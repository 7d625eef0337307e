// DTypeTests.swift
//
// DType names, sizes and categories (`str(torch.float32)`, `dtype.itemsize`,
// `dtype.is_floating_point`, `tensor.type()`), `torch.promote_types` over every pair, and the
// element conversions (`tensor.to(dtype)` values, printed by PyTorch 2.15).

import Testing
@testable import EmberCPU
import EmberBackend

struct DTypeFacts: Sendable, CustomTestStringConvertible {
    let dtype: DType
    let name: String
    let itemSize: Int
    let floating: Bool
    let scalarTypeName: String
    let legacy: String
    var testDescription: String { name }
}

@Suite struct DTypeTests {
    static let table: [DTypeFacts] = [
        DTypeFacts(dtype: .bool, name: "torch.bool", itemSize: 1, floating: false, scalarTypeName: "Bool",
                   legacy: "torch.BoolTensor"),
        DTypeFacts(dtype: .int32, name: "torch.int32", itemSize: 4, floating: false, scalarTypeName: "Int",
                   legacy: "torch.IntTensor"),
        DTypeFacts(dtype: .int64, name: "torch.int64", itemSize: 8, floating: false, scalarTypeName: "Long",
                   legacy: "torch.LongTensor"),
        DTypeFacts(dtype: .float32, name: "torch.float32", itemSize: 4, floating: true, scalarTypeName: "Float",
                   legacy: "torch.FloatTensor"),
        DTypeFacts(dtype: .float64, name: "torch.float64", itemSize: 8, floating: true, scalarTypeName: "Double",
                   legacy: "torch.DoubleTensor"),
    ]

    @Test(arguments: table)
    func facts(_ f: DTypeFacts) {
        #expect(f.dtype.description == f.name)
        #expect("\(f.dtype)" == f.name)
        #expect(f.dtype.itemSize == f.itemSize)
        #expect(f.dtype.isFloatingPoint == f.floating)
        #expect(f.dtype.scalarTypeName == f.scalarTypeName)
        #expect(f.dtype.legacyTensorTypeName == f.legacy)
    }

    @Test func allCasesAndCategories() {
        #expect(DType.allCases == [.bool, .int32, .int64, .float32, .float64])
        #expect(DType.bool.category == .bool)
        #expect(DType.int32.category == .integer && DType.int64.category == .integer)
        #expect(DType.float32.category == .floating && DType.float64.category == .floating)
        #expect(DType.Category.bool < .integer && DType.Category.integer < .floating)
        #expect(Float.dtype == .float32 && Double.dtype == .float64 && Int32.dtype == .int32)
        #expect(Int64.dtype == .int64 && Int.dtype == .int64 && Bool.dtype == .bool)
    }

    /// `torch.promote_types(a, b)` for every pair, rows and columns in `allCases` order.
    @Test func promotion() {
        let table: [[DType]] = [
            [.bool, .int32, .int64, .float32, .float64],
            [.int32, .int32, .int64, .float32, .float64],
            [.int64, .int64, .int64, .float32, .float64],
            [.float32, .float32, .float32, .float32, .float64],
            [.float64, .float64, .float64, .float64, .float64],
        ]
        for (i, a) in DType.allCases.enumerated() {
            for (j, b) in DType.allCases.enumerated() {
                #expect(DType.promote(a, b) == table[i][j], "promote(\(a), \(b))")
            }
        }
    }

    /// Element conversions, as `tensor.to(dtype)` gives them on x86.
    @Test func conversions() {
        #expect(Int64(converting: Double.nan) == Int64.min)
        #expect(Int64(converting: Double.infinity) == Int64.min)
        #expect(Int64(converting: Float(-2.7)) == -2)
        #expect(Int64(converting: true) == 1)
        // torch.tensor([2**31 + 5]).to(torch.int32) == -2147483643
        #expect(Int32(converting: Int64(1) << 31 + 5) == -2_147_483_643)
        #expect(Int32(converting: 2.9) == 2)
        #expect(Bool(converting: Double.nan))
        #expect(Bool(converting: Float(0.5)))
        #expect(!Bool(converting: -0.0))
        #expect(!Bool(converting: Int32(0)))
        #expect(Float(converting: Int64(16_777_217)) == 16_777_216)
        #expect(Float(converting: 1.0 / 3.0) == 0.3333333432674408)
        #expect(Double(converting: Float(0.1)) == 0.10000000149011612)
        #expect(Double(converting: Int64(1) << 53 + 1) == 9_007_199_254_740_992)
        #expect(Float(converting: true) == 1)
        #expect(Int(converting: Double(-7.9)) == -7)
        #expect(truncatingInt64(1e30) == Int64.min)
        #expect(truncatingInt64(-9.2e18) == -9_200_000_000_000_000_000)
    }

    @Test func scalars() {
        let i: Scalar = 2
        let f: Scalar = 2.5
        let b: Scalar = true
        #expect(i == .int(2) && f == .float(2.5) && b == .bool(true))
        #expect(i.defaultDType == .int64 && f.defaultDType == .float32 && b.defaultDType == .bool)
        #expect(i.category == .integer && f.category == .floating && b.category == .bool)
        #expect(i.description == "2" && f.description == "2.5" && b.description == "True")
        #expect(Scalar(Float(1.5)) == .float(1.5))
        #expect(Scalar(Int32(3)) == .int(3))
        #expect(Scalar(false) == .bool(false))
        #expect(Scalar.float(2.9).converted(to: Int64.self) == 2)
        #expect(Scalar.bool(true).doubleValue == 1)
    }
}
