// StoredElement.swift
//
// The element encodings that checkpoint files hold, the Ember dtype each reads into, and the two
// copies between a file's bytes and a tensor: a tensor's elements as row-major host bytes, and
// file bytes (at any alignment, in either byte order) decoded into a new tensor.

import EmberCore

// MARK: - StoredElement

/// One element encoding of a file (safetensors' `F16`, NumPy's `<u1`...), little-endian unless a
/// reader says otherwise.
///
/// Ember's five dtypes are stored as themselves. The narrower encodings read into the Ember dtype
/// that holds every value exactly: 8- and 16-bit integers into `int32`, `uint32` into `int64`,
/// `float16` and `bfloat16` into `float32`. `uint64` has none and cannot be read.
enum StoredElement: Sendable, Hashable {
    case bool, uint8, int8, int16, uint16, int32, uint32, int64, uint64, float16, bfloat16, float32, float64

    /// The encoding of an Ember dtype.
    init(_ dtype: DType) {
        switch dtype {
        case .bool: self = .bool
        case .int32: self = .int32
        case .int64: self = .int64
        case .float32: self = .float32
        case .float64: self = .float64
        }
    }

    /// Bytes per element.
    var byteCount: Int {
        switch self {
        case .bool, .uint8, .int8: 1
        case .int16, .uint16, .float16, .bfloat16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// The Ember dtype it reads into; `nil` when no dtype holds every value.
    var dtype: DType? {
        switch self {
        case .bool: .bool
        case .uint8, .int8, .int16, .uint16, .int32: .int32
        case .uint32, .int64: .int64
        case .float16, .bfloat16, .float32: .float32
        case .float64: .float64
        case .uint64: nil
        }
    }

    /// PyTorch's name of the encoding (`torch.uint8`), for messages.
    var torchName: String {
        switch self {
        case .bool: "torch.bool"
        case .uint8: "torch.uint8"
        case .int8: "torch.int8"
        case .int16: "torch.int16"
        case .uint16: "torch.uint16"
        case .int32: "torch.int32"
        case .uint32: "torch.uint32"
        case .int64: "torch.int64"
        case .uint64: "torch.uint64"
        case .float16: "torch.float16"
        case .bfloat16: "torch.bfloat16"
        case .float32: "torch.float32"
        case .float64: "torch.float64"
        }
    }
}

// MARK: - Tensor to bytes

/// `tensor`'s elements in row-major order on the host: the tensor itself when it is a contiguous
/// CPU tensor, otherwise a contiguous copy. Detached, so that autograd records nothing.
func hostContiguous(_ tensor: Tensor) throws(TensorError) -> Tensor {
    var source = tensor.detach()
    if source.device != .cpu { source = try source.converted(dtype: source.dtype, device: .cpu) }
    if !source.isContiguous { source = try source.cloned() }
    return source
}

/// Calls `body` with the bytes of a contiguous host tensor (from `hostContiguous`).
func withElementBytes<R>(of tensor: Tensor, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: tensor.numel == 0 ? nil : UnsafeRawPointer(tensor.dataStart),
                                    count: tensor.numel * tensor.elementSize))
}

// MARK: - Bytes to tensor

/// The largest number of dimensions a file's tensor may have (NumPy's `NPY_MAXDIMS`).
let maximumRank = 64

/// A new CPU tensor of `shape` holding `bytes` decoded as `element` (byte-swapped when
/// `byteSwapped`): copied straight when the encoding is the dtype's own, converted otherwise, a
/// bool's nonzero bytes read as `true`. The caller has checked that `bytes` holds exactly the
/// elements of `shape`.
func makeTensor(shape: [Int], element: StoredElement, byteSwapped: Bool = false,
                bytes: UnsafeRawBufferPointer, name: String) throws(TensorError) -> Tensor {
    guard let dtype = element.dtype else {
        throw TensorError.type("'\(name)': \(element.torchName) has no Ember dtype that holds every value")
    }
    var dims = Dims()
    for size in shape { dims.append(size) }
    let tensor = try Tensor.uninitialized(dims, dtype: dtype, device: .cpu)
    let count = tensor.numel
    precondition(bytes.count == count * element.byteCount, "makeTensor: byte count not checked")
    guard count > 0, let source = bytes.baseAddress else { return tensor }
    let destination = tensor.dataStart
    switch element {
    case .bool:
        let out = destination.assumingMemoryBound(to: UInt8.self)
        for i in 0..<count { out[i] = source.load(fromByteOffset: i, as: UInt8.self) != 0 ? 1 : 0 }
    case .uint8: convert(source, count, byteSwapped, into: destination, as: UInt8.self) { Int32($0) }
    case .int8: convert(source, count, byteSwapped, into: destination, as: Int8.self) { Int32($0) }
    case .int16: convert(source, count, byteSwapped, into: destination, as: Int16.self) { Int32($0) }
    case .uint16: convert(source, count, byteSwapped, into: destination, as: UInt16.self) { Int32($0) }
    case .uint32: convert(source, count, byteSwapped, into: destination, as: UInt32.self) { Int64($0) }
    case .float16: convert(source, count, byteSwapped, into: destination, as: UInt16.self) { floatFromHalf($0) }
    case .bfloat16: convert(source, count, byteSwapped, into: destination, as: UInt16.self) {
        Float(bitPattern: UInt32($0) << 16)
    }
    case .int32, .int64, .float32, .float64:
        if byteSwapped {
            switch element {
            case .int32, .float32: convert(source, count, true, into: destination, as: UInt32.self) { $0 }
            default: convert(source, count, true, into: destination, as: UInt64.self) { $0 }
            }
        } else {
            destination.copyMemory(from: source, byteCount: bytes.count)
        }
    case .uint64:
        preconditionFailure("uint64 has no dtype")
    }
    return tensor
}

/// Reads `count` elements of `S` at any alignment, byte-swapped if asked, and stores `transform`
/// of each into `destination`.
@inline(__always)
private func convert<S: FixedWidthInteger, D>(_ source: UnsafeRawPointer, _ count: Int, _ byteSwapped: Bool,
                                              into destination: UnsafeMutableRawPointer, as: S.Type,
                                              _ transform: (S) -> D) {
    let out = destination.assumingMemoryBound(to: D.self)
    let size = MemoryLayout<S>.size
    if byteSwapped {
        for i in 0..<count { out[i] = transform(source.loadUnaligned(fromByteOffset: i * size, as: S.self).byteSwapped) }
    } else {
        for i in 0..<count { out[i] = transform(source.loadUnaligned(fromByteOffset: i * size, as: S.self)) }
    }
}

/// An IEEE half's bits as a float (exact: every half is a float).
@inline(__always)
func floatFromHalf(_ h: UInt16) -> Float {
    let sign: UInt32 = UInt32(h & 0x8000) << 16
    let exponent = Int32((h >> 10) & 0x1F)
    let mantissa = UInt32(h & 0x3FF)
    if exponent == 0 {
        let magnitude = Float(mantissa) * 0x1p-24  // zero or subnormal
        return sign == 0 ? magnitude : -magnitude
    }
    if exponent == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }  // inf, NaN
    return Float(bitPattern: sign | (UInt32(exponent + 112) << 23) | (mantissa << 13))
}

/// The element count of `shape` when every size is non-negative and the count and its bytes
/// (at `bitsPerElement`) fit: `(count, bytes)`, `nil` on overflow.
func checkedSizes(_ shape: [Int], bitsPerElement: Int) -> (count: Int, bytes: Int)? {
    var count = 1
    for size in shape {
        guard size >= 0 else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow else { return nil }
        count = product
    }
    let (bits, overflow) = count.multipliedReportingOverflow(by: bitsPerElement)
    guard !overflow, bits % 8 == 0 else { return nil }
    return (count, bits / 8)
}
