// SelectKernelTests.swift
//
// `Tensor.where` and `maskedFill` on contiguous operands take a branch-free path over the
// elements' bits (CPUBackend+Select.swift); these check it against the definition, element by
// element and bit for bit (-0 and NaN kept), for every 4- and 8-byte dtype, with tensors and
// numbers on either side, on a length that leaves a tail after vector lanes.

import Testing
import Ember
import EmberTestSupport

@Suite struct SelectKernelTests {
    static let condition: [Bool] = (0..<19).map { $0 % 3 != 1 }
    static let a: [Double] = (0..<19).map { i in i == 4 ? -0.0 : (i == 7 ? .nan : Double(i) - 9.5) }
    static let b: [Double] = (0..<19).map { i in i == 5 ? .infinity : 100 + Double(i) }

    static func bits(_ t: Tensor) -> [UInt64] {
        switch t.dtype {
        case .float32: t.scalars(as: Float.self).map { UInt64($0.bitPattern) }
        case .float64: t.scalars(as: Double.self).map(\.bitPattern)
        case .int32: t.scalars(as: Int32.self).map { UInt64(UInt32(bitPattern: $0)) }
        default: t.scalars(as: Int64.self).map { UInt64(bitPattern: $0) }
        }
    }

    /// The definition, in `dtype`'s bits: `condition ? x : y` element by element.
    static func expected(_ x: [Double], _ y: [Double], _ dtype: DType) -> [UInt64] {
        func bitsOf(_ v: Double) -> UInt64 {
            switch dtype {
            case .float32: UInt64(Float(v).bitPattern)
            case .float64: v.bitPattern
            case .int32: UInt64(UInt32(bitPattern: Int32(v.isFinite ? v.rounded(.towardZero) : 0)))
            default: UInt64(bitPattern: Int64(v.isFinite ? v.rounded(.towardZero) : 0))
            }
        }
        return zip(condition, zip(x, y)).map { c, p in bitsOf(c ? p.0 : p.1) }
    }

    @Test(arguments: [DType.float32, .float64])
    func floatingOperands(_ dtype: DType) {
        let c = Tensor(Self.condition), x = Tensor(Self.a, dtype: dtype), y = Tensor(Self.b, dtype: dtype)
        #expect(Self.bits(Tensor.where(c, x, y)) == Self.expected(Self.a, Self.b, dtype))
        #expect(Self.bits(Tensor.where(c, x, 2.5)) == Self.expected(Self.a, Array(repeating: 2.5, count: 19), dtype))
        #expect(Self.bits(Tensor.where(c, -0.0, y)) == Self.expected(Array(repeating: -0.0, count: 19), Self.b, dtype))
        #expect(Self.bits(y.maskedFill(c, -7.0)) == Self.expected(Array(repeating: -7, count: 19), Self.b, dtype))
    }

    @Test(arguments: [DType.int32, .int64])
    func integerOperands(_ dtype: DType) {
        let ints = (0..<19).map { Double($0 * 37 - 300) }, others = (0..<19).map { Double(-$0 * 1000) }
        let c = Tensor(Self.condition), x = Tensor(ints, dtype: dtype), y = Tensor(others, dtype: dtype)
        #expect(Self.bits(Tensor.where(c, x, y)) == Self.expected(ints, others, dtype))
        #expect(Self.bits(x.maskedFill(c, -5)) == Self.expected(Array(repeating: -5, count: 19), ints, dtype))
    }
}
