import EmberBackend
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
