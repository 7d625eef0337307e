#if canImport(Glibc)
import Glibc
#endif

// MARK: - CPUBackend

/// The CPU's kernels: vectorizable contiguous loops, strided loops over coalesced dims, tiled
/// transposes, and threads above a size threshold. Matrix products go to OpenBLAS.
public final class CPUBackend: Backend {
    /// The one CPU backend.
    public static let shared = CPUBackend()

    public var kind: Device.Kind { .cpu }
    public var deviceCount: Int { 1 }

    public func allocator(for device: Device) -> any DeviceAllocator { CPUAllocator.shared }

    public func copyFromHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        destination.copyMemory(from: source, byteCount: byteCount)
    }

    public func copyToHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        destination.copyMemory(from: source, byteCount: byteCount)
    }
}

// MARK: - Dtype dispatch

/// A kernel generic over the element type, run by `DType.dispatch` with the storage type of a
/// dtype: the one `switch dtype` at a dispatch point, so inner loops are specialized.
public protocol ScalarTypeVisitor {
    associatedtype Result
    func visit<T: TensorScalar>(_ type: T.Type) -> Result
}

extension DType {
    /// Runs `visitor` with this dtype's Swift storage type.
    @inlinable @inline(__always)
    public func dispatch<V: ScalarTypeVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .float32: visitor.visit(Float.self)
        case .float64: visitor.visit(Double.self)
        case .int32: visitor.visit(Int32.self)
        case .int64: visitor.visit(Int64.self)
        case .bool: visitor.visit(Bool.self)
        }
    }
}
