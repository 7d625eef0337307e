// Layouts.swift
//
// Checks of a tensor's layout (shape, strides, storage offset, shared storage), and the same
// logical tensor laid out in several ways, so that a kernel is tested on every kind of view.

import Ember
import Testing

/// Checks shape, strides and storage offset (`size()`, `stride()`, `storage_offset()`).
public func expectLayout(
    _ t: Tensor, shape: [Int], strides: [Int], offset: Int, contiguous: Bool? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    #expect(t.strides == strides, "strides", sourceLocation: sourceLocation)
    #expect(t.storageOffset == offset, "storage offset", sourceLocation: sourceLocation)
    if let contiguous {
        #expect(t.isContiguous == contiguous, "isContiguous", sourceLocation: sourceLocation)
    }
}

/// Whether two tensors use the same storage object.
public func sharesStorage(_ a: Tensor, _ b: Tensor) -> Bool { a.storage === b.storage }

// MARK: - Layout variants

/// One way of laying out a logical tensor in storage.
public struct LayoutVariant: CustomStringConvertible {
    /// `contiguous`, `transposed`, `sliced`, `offset`, `expanded` or `transposedSliced`.
    public let name: String
    /// The tensor; its logical shape and values are the same in every variant.
    public let tensor: Tensor
    public var description: String { name }
}

/// The same logical tensor (row-major `values`, `shape`, `dtype`) laid out in several ways:
///
/// - `contiguous`: row-major, offset 0.
/// - `transposed`: built in reversed-dim order and permuted back (strides increase left to right).
/// - `sliced`: every other element of a larger buffer along the last dim (step 2).
/// - `offset`: a `narrow` of a larger tensor, so the storage offset is nonzero.
/// - `transposedSliced`: a slice of a transposed view (a view of a view).
/// - `expanded`: only when some dim of size > 1 holds equal slices: built with size 1 there and expanded (stride 0).
///
/// Filler elements around the data are `-777`, so a kernel that reads outside the view shows.
public func layoutVariants(shape: [Int], values: [Double], dtype: DType = .float32) -> [LayoutVariant] {
    precondition(shape.reduce(1, *) == values.count, "layoutVariants: values do not fill shape")
    let rank = shape.count
    var variants: [LayoutVariant] = []
    let contiguous = Tensor(shape: shape, data: values, dtype: dtype)
    variants.append(LayoutVariant(name: "contiguous", tensor: contiguous))
    if rank == 0 { return variants }

    // transposed: storage holds the reversed-dims tensor; permute back.
    let reversedDims = Array((0..<rank).reversed())
    let reversedShape = reversedDims.map { shape[$0] }
    let logical = contiguous.permute(reversedDims)  // logical tensor seen with reversed dims
    let transposedStorage = Tensor(shape: reversedShape, data: logical.scalars(as: Double.self), dtype: dtype)
    variants.append(LayoutVariant(name: "transposed", tensor: transposedStorage.permute(reversedDims)))

    // sliced: last dim doubled, data in the even positions, filler in the odd ones.
    var wideShape = shape
    wideShape[rank - 1] *= 2
    let last = shape[rank - 1]
    var wide = [Double](repeating: -777, count: values.count * 2)
    for (i, v) in values.enumerated() {
        let row = i / max(last, 1), col = i % max(last, 1)
        wide[row * last * 2 + col * 2] = v
    }
    let wideTensor = Tensor(shape: wideShape, data: wide, dtype: dtype)
    let sliced = wideTensor[..., .slice(nil, nil, step: 2)]
    variants.append(LayoutVariant(name: "sliced", tensor: sliced))

    // offset: one leading filler block along dim 0, then narrow it away.
    var paddedShape = shape
    paddedShape[0] += 1
    let block = values.count / max(shape[0], 1)
    let padded = Tensor(shape: paddedShape, data: [Double](repeating: -777, count: block) + values, dtype: dtype)
    variants.append(LayoutVariant(name: "offset", tensor: padded.narrow(dim: 0, start: 1, length: shape[0])))

    // transposedSliced: the transposed storage with an extra filler row along its last dim
    // (the logical dim 0), sliced off after permuting back.
    var tsShape = reversedShape
    tsShape[rank - 1] += 1
    let tsBlock = reversedShape.count == 0 ? 1 : reversedShape.dropLast().reduce(1, *)
    var tsData = [Double](repeating: -777, count: tsShape.reduce(1, *))
    let rev = logical.scalars(as: Double.self)
    let rowLength = reversedShape[rank - 1]
    for r in 0..<tsBlock {
        for c in 0..<rowLength { tsData[r * (rowLength + 1) + c + 1] = rev[r * rowLength + c] }
    }
    let tsStorage = Tensor(shape: tsShape, data: tsData, dtype: dtype)
    let tsView = tsStorage.permute(reversedDims)[1...]
    variants.append(LayoutVariant(name: "transposedSliced", tensor: tsView))

    // expanded: a dim whose slices are all equal.
    if let d = (0..<rank).first(where: { shape[$0] > 1 && isConstant(values, shape: shape, along: $0) }) {
        var reducedShape = shape
        reducedShape[d] = 1
        let reduced = contiguous.narrow(dim: d, start: 0, length: 1).scalars(as: Double.self)
        let small = Tensor(shape: reducedShape, data: reduced, dtype: dtype)
        variants.append(LayoutVariant(name: "expanded", tensor: small.expand(shape)))
    }
    return variants
}

private func isConstant(_ values: [Double], shape: [Int], along d: Int) -> Bool {
    let inner = shape[(d + 1)...].reduce(1, *)
    let size = shape[d]
    for i in values.indices {
        let k = (i / inner) % size
        if k == 0 { continue }
        if !sameValue(values[i], values[i - k * inner]) { return false }
    }
    return true
}
