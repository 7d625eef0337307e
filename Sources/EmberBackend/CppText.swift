#if canImport(Glibc)
import Glibc
#endif

// MARK: - C++ spellings in messages

extension DType {
    /// The C++ type name PyTorch's range checks print (`from is out of bounds for int`).
    @usableFromInline package var cppTypeName: String {
        switch self {
        case .bool: "bool"
        case .int32: "int"
        case .int64: "long"
        case .float32: "float"
        case .float64: "double"
        }
    }
}

/// A double as C++'s `operator<<` prints it in PyTorch's messages: six significant digits
/// (`1`, `0.5`, `3e+38`, `nan`, `inf`).
package func cppStreamText(_ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%g", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

extension DType {
    /// The values an integer or bool dtype holds, or `nil` for a floating dtype.
    @usableFromInline package var integerBounds: ClosedRange<Int>? {
        switch self {
        case .bool: 0...1
        case .int32: Int(Int32.min)...Int(Int32.max)
        case .int64: Int.min...Int.max
        case .float32, .float64: nil
        }
    }
}
