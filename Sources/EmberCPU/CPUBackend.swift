import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - CPUBackend

/// The CPU's kernels: vectorizable contiguous loops, strided loops over coalesced dims, tiled
/// transposes, and threads above a size threshold. Matrix products go to OpenBLAS.
@usableFromInline package final class CPUBackend: Backend {
    /// The one CPU backend.
    @usableFromInline package static let shared = CPUBackend()

    @usableFromInline package var kind: Device.Kind { .cpu }
    @usableFromInline package var deviceCount: Int { 1 }

    @inlinable package func allocator(for device: Device) -> any DeviceAllocator { CPUAllocator.shared }

    @usableFromInline package func copyFromHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        destination.copyMemory(from: source, byteCount: byteCount)
    }

    @usableFromInline package func copyToHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        destination.copyMemory(from: source, byteCount: byteCount)
    }
}
