#if canImport(Glibc)
import Glibc
#endif

// MARK: - Checked size arithmetic

// Note [Checked size arithmetic]
//
// Sizes, strides and offsets come from users, and Swift's `+` and `*` stop the process when they
// overflow, which no error-capturing scope can catch. So Ember follows one rule for every shape
// computation, the rule PyTorch's C++ follows by nature of its integers:
//
//  1. Arithmetic on sizes, strides and offsets that a caller chose is wrapping (`&+`, `&-`, `&*`):
//     it never stops the process, and a result that overflowed is simply wrong.
//  2. Every layout that becomes a tensor passes one of the checks below before anything is
//     allocated, recorded or written: a new allocation through `contiguousByteCount`, a view
//     through `checkView` (PyTorch's `as_strided` checks, which every view op goes through).
//     A wrong result from rule 1 fails these checks with PyTorch's message, because PyTorch
//     computes the same wrapped numbers and checks them the same way.
//
// The checks compute in `UInt64` with overflow flags, as c10's `safe_multiplies_u64` and
// `computeStorageNbytes` do, so a negative size counts as a huge one.

/// The size checks every new tensor and view passes (see Note [Checked size arithmetic]).
package enum SizeArithmetic {
    /// The largest byte count or element count a tensor may have (`storage_max()`: `PTRDIFF_MAX`).
    @usableFromInline static let limit = UInt64(Int.max)

    /// The product of `sizes` as unsigned numbers, and whether it overflowed on the way (c10's
    /// `safe_multiplies_u64`: a zero after an overflow still reports the overflow).
    @inlinable static func unsignedProduct(_ sizes: Dims) -> (value: UInt64, overflow: Bool) {
        var product: UInt64 = 1
        var overflow = false
        // Index loops, here and below: iterating a `Dims` copies it into an iterator.
        for i in 0..<sizes.count {
            let (p, o) = product.multipliedReportingOverflow(by: UInt64(bitPattern: Int64(sizes[i])))
            product = p
            overflow = overflow || o
        }
        return (product, overflow)
    }

    /// The element count of `shape`, or PyTorch's error when it does not fit (`safe_compute_numel`).
    @inlinable package static func count(_ shape: Dims) throws(TensorError) -> Int {
        let (value, overflow) = unsignedProduct(shape)
        guard !overflow && value <= limit else {
            throw TensorError.runtime("numel: integer multiplication overflow")
        }
        return Int(value)
    }

    /// The bytes of a new contiguous tensor of `shape`, with PyTorch's errors for a negative size
    /// (`check_size_nonnegative`) and for a byte count that does not fit
    /// (`computeStorageNbytesContiguous`), and for row-major strides that do not fit.
    package static func contiguousByteCount(_ shape: Dims, itemSize: Int) throws(TensorError) -> Int {
        for i in 0..<shape.count where shape[i] < 0 {
            let size = shape[i]
            // Below -2^62 PyTorch's own size type cannot hold the value, and says so first.
            if size < -(1 << 62) {
                throw TensorError.runtime(
                    "IntArrayRef contains an int that cannot be represented as a SymInt: \(size)")
            }
            throw TensorError.runtime("Trying to create tensor with negative dimension \(size): \(shape)")
        }
        var (bytes, overflow) = unsignedProduct(shape)
        let (total, o) = bytes.multipliedReportingOverflow(by: UInt64(itemSize))
        bytes = total
        guard !overflow && !o && bytes <= limit else {
            throw TensorError.runtime("Storage size calculation overflowed with sizes=\(shape)")
        }
        // Row-major strides multiply the sizes from the back (a size 0 counts as 1), which can
        // overflow when an earlier size is 0.
        var running: UInt64 = 1
        for i in stride(from: shape.count - 1, to: 0, by: -1) {
            let (s, o) = running.multipliedReportingOverflow(by: UInt64(Swift.max(shape[i], 1)))
            guard !o && s <= limit else { throw TensorError.runtime("Stride calculation overflowed") }
            running = s
        }
        return Int(bytes)
    }

    /// The bytes a strided layout reaches from its storage's start (`computeStorageNbytes`): one
    /// past its farthest element, or 0 when it has no elements; PyTorch's error when that does not fit.
    package static func stridedByteCount(_ shape: Dims, _ strides: Dims, offset: Int, itemSize: Int) throws(TensorError) -> Int {
        if shape.contains(0) { return 0 }
        var (reach, overflow) = UInt64(bitPattern: Int64(offset)).addingReportingOverflow(1)
        for (size, stride) in zip(shape, strides) {
            let step = stride.multipliedReportingOverflow(by: size &- 1)
            // A negative reach counts as an overflow, as c10's unsigned `mul_overflows` does.
            overflow = overflow || step.overflow || step.partialValue < 0
            let (r, o) = reach.addingReportingOverflow(UInt64(bitPattern: Int64(step.partialValue)))
            reach = r
            overflow = overflow || o
        }
        let (bytes, o) = reach.multipliedReportingOverflow(by: UInt64(itemSize))
        guard !overflow && !o && bytes <= limit else {
            throw TensorError.runtime("Storage size calculation overflowed with sizes=\(shape) and strides=\(strides)")
        }
        return Int(bytes)
    }

    /// PyTorch's error for a list of sizes (`repeat`'s repeats, `roll`'s shifts) holding a value
    /// below -2^62, which its size type keeps out of line and its kernels refuse. PyTorch's text
    /// starts with the path of a generated source file on its build machine, left out here.
    package static func checkInlineSizes(_ values: [Int]) throws(TensorError) {
        guard let index = values.firstIndex(where: { $0 < -(1 << 62) }) else { return }
        throw TensorError.runtime(
            "SymIntArrayRef expected to contain only concrete integers that are stored inline and can be viewed as an IntArrayRef. Found heap-allocated concrete SymInt at index \(index): \(values[index]) in SymIntArrayRef \(Dims(values)). This value is concrete, but the non-owning IntArrayRef conversion used here cannot represent heap-allocated SymInt values. Use an owning conversion such as asIntArrayRefSlowAlloc to materialize the values into a DimVector before this call.")
    }

    /// PyTorch's errors for a list of `count` tensors that cannot be made (`tensor_split` or
    /// `chunk` into more pieces than memory holds): its `std::vector` of 8-byte handles is
    /// refused past `max_size()`, and its allocation fails past the machine's memory.
    package static func checkListCount(_ count: Int) throws(TensorError) {
        guard count <= Int.max / 8 else {
            throw TensorError.runtime("cannot create std::vector larger than max_size()")
        }
        let memory = Int(sysconf(Int32(_SC_PHYS_PAGES))) &* Int(sysconf(Int32(_SC_PAGESIZE)))
        guard count <= memory / 8 else { throw TensorError.runtime("std::bad_alloc") }
    }

    /// PyTorch's checks of a view (`as_strided`'s `setStrided`): a non-negative offset, a reach
    /// that fits and stays inside the storage's `storageBytes`, and an element count that fits.
    package static func checkView(_ layout: Layout, itemSize: Int, storageBytes: Int) throws(TensorError) {
        guard layout.offset >= 0 else {
            throw TensorError.runtime("Tensor: invalid storage offset \(layout.offset)")
        }
        let needed = try stridedByteCount(layout.shape, layout.strides, offset: layout.offset, itemSize: itemSize)
        guard needed <= storageBytes else {
            throw TensorError.runtime(
                "setStorage: sizes \(layout.shape), strides \(layout.strides), storage offset \(layout.offset), and itemsize \(itemSize) requiring a storage size of \(needed) are out of bounds for storage of size \(storageBytes)")
        }
        _ = try count(layout.shape)
    }
}
