import EmberBackend

// MARK: - einsum

extension Tensor {
    /// Einstein summation (`torch.einsum`): `equation` names each operand's dims with letters
    /// (`a`-`z`, `A`-`Z`), operands separated by commas, and optionally the output after `->`.
    ///
    /// ```swift
    /// Tensor.einsum("ij,jk->ik", a, b)       // matrix product
    /// Tensor.einsum("bij,bjk->bik", a, b)    // batched product
    /// Tensor.einsum("ii", a)                 // trace
    /// Tensor.einsum("ii->i", a)              // diagonal (a view)
    /// Tensor.einsum("bn,anm,bm->ba", x, w, y) // bilinear
    /// Tensor.einsum("...ij->...ji", a)       // ellipsis: the dims it covers broadcast
    /// ```
    ///
    /// Without `->`, the output is the ellipsis dims, then the letters that appear once, in
    /// alphabetical order (upper case first). A letter repeated within one operand takes its
    /// diagonal; letters missing from the output are summed over. Dims of size 1 broadcast.
    /// Operands are contracted left to right, each pair by permuting and reshaping to one batched
    /// matrix product, as PyTorch does; sums over a letter of a single operand promote integer
    /// and bool dtypes to int64, as `sum` does. Errors are PyTorch's (`einsum(): ...`).
    public static func einsum(_ equation: String, _ operands: Tensor...) -> Tensor {
        einsum(equation, operands)
    }

    /// `einsum` with the operands in an array (`torch.einsum(equation, [a, b])`).
    public static func einsum(_ equation: String, _ operands: [Tensor]) -> Tensor {
        attempt { try einsumChecked(equation, operands) }
    }

    /// `einsum` with its checks (PyTorch's `at::native::einsum`, without a contraction path).
    package static func einsumChecked(_ equation: String, _ operands: [Tensor]) throws(TensorError) -> Tensor {
        guard !operands.isEmpty else {
            throw TensorError.value(
                "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list")
        }
        let parsed = try EinsumEquation(equation, operands)
        return try parsed.contract(operands)
    }
}

/// A parsed einsum equation: each operand's labels and where every label goes in the aligned
/// dims (output dims first, then the dims to sum over).
private struct EinsumEquation {
    /// Labels `A`-`Z` are 0-25, `a`-`z` 26-51; the ellipsis is 52.
    static let letterCount = 26
    static let labelCount = 52
    static let ellipsis = 52

    var operandLabels: [[Int]]
    var labelCounts: [Int]
    /// The aligned dim of each label, or -1.
    var labelPosition: [Int]
    /// The number of dims the ellipsis covers (the most over the operands).
    var ellipsisDims = 0
    /// Where the ellipsis dims start in the aligned dims.
    var ellipsisIndex = 0
    /// Output dims, then the summed dims, make `alignedDims`.
    var outputDims = 0
    var alignedDims = 0

    static func subscriptOf(_ c: UInt8) -> Int {
        c >= UInt8(ascii: "a") ? Int(c - UInt8(ascii: "a")) + letterCount : Int(c - UInt8(ascii: "A"))
    }

    static func labelName(_ s: Int) -> String {
        String(UnicodeScalar(UInt8(s < letterCount ? s + 65 : s - letterCount + 97)))
    }

    static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    init(_ equation: String, _ operands: [Tensor]) throws(TensorError) {
        let bytes = Array(equation.utf8)
        var arrow: Int?
        if bytes.count >= 2 {
            for i in 0..<(bytes.count - 1) where bytes[i] == UInt8(ascii: "-") && bytes[i + 1] == UInt8(ascii: ">") {
                arrow = i
                break
            }
        }
        let lhs = arrow.map { Array(bytes[..<$0]) } ?? bytes
        let count = operands.count

        // Each operand's labels.
        operandLabels = Array(repeating: [], count: count)
        var ellipsisInInput = false
        var current = 0
        var i = 0
        while i < lhs.count {
            let c = lhs[i]
            switch c {
            case UInt8(ascii: " "):
                break
            case UInt8(ascii: "."):
                guard !ellipsisInInput else {
                    throw TensorError.runtime("einsum(): found '.' for operand \(current) for which an ellipsis was already found")
                }
                guard i + 2 < lhs.count && lhs[i + 1] == UInt8(ascii: ".") && lhs[i + 2] == UInt8(ascii: ".") else {
                    throw TensorError.runtime("einsum(): found '.' for operand \(current) that is not part of any ellipsis")
                }
                i += 2
                operandLabels[current].append(Self.ellipsis)
                ellipsisInInput = true
            case UInt8(ascii: ","):
                current += 1
                guard current < count else {
                    throw TensorError.runtime("einsum(): fewer operands were provided than specified in the equation")
                }
                ellipsisInInput = false
            default:
                guard Self.isLetter(c) else {
                    throw TensorError.runtime(
                        "einsum(): invalid subscript given at index \(i) in the equation string, subscripts must be in [a-zA-Z]")
                }
                operandLabels[current].append(Self.subscriptOf(c))
            }
            i += 1
        }
        guard current == count - 1 else {
            throw TensorError.runtime("einsum(): more operands were provided than specified in the equation")
        }

        // Label counts, ellipsis width, and each operand's rank against its labels.
        labelCounts = Array(repeating: 0, count: Self.labelCount)
        for (index, labels) in operandLabels.enumerated() {
            let rank = operands[index].dim
            var named = labels.count
            var hasEllipsis = false
            for label in labels {
                if label == Self.ellipsis {
                    named -= 1
                    hasEllipsis = true
                    ellipsisDims = max(ellipsisDims, rank - named)
                } else {
                    labelCounts[label] += 1
                }
            }
            guard hasEllipsis ? named <= rank : named == rank else {
                throw TensorError.runtime(
                    "einsum(): the number of subscripts in the equation (\(named))"
                        + (hasEllipsis ? " is more than the number of dimensions (" : " does not match the number of dimensions (")
                        + "\(rank)) for operand \(index)" + (hasEllipsis ? "" : " and no ellipsis was given"))
            }
        }

        // The output dims.
        labelPosition = Array(repeating: -1, count: Self.labelCount)
        var position = 0
        var ellipsisInOutput = false
        if let arrow {
            let rhs = Array(bytes[(arrow + 2)...])
            var j = 0
            while j < rhs.count {
                let c = rhs[j]
                switch c {
                case UInt8(ascii: " "):
                    break
                case UInt8(ascii: "."):
                    guard !ellipsisInOutput else {
                        throw TensorError.runtime("einsum(): found '.' for output but an ellipsis (...) was already found")
                    }
                    guard j + 2 < rhs.count && rhs[j + 1] == UInt8(ascii: ".") && rhs[j + 2] == UInt8(ascii: ".") else {
                        throw TensorError.runtime("einsum(): found '.' for output that is not part of any ellipsis (...)")
                    }
                    j += 2
                    ellipsisIndex = position
                    position += ellipsisDims
                    ellipsisInOutput = true
                default:
                    guard Self.isLetter(c) else {
                        throw TensorError.runtime(
                            "einsum(): invalid subscript given at index \(lhs.count + 2 + j) in the equation string, subscripts must be in [a-zA-Z]")
                    }
                    let label = Self.subscriptOf(c)
                    guard labelCounts[label] > 0 && labelPosition[label] == -1 else {
                        throw TensorError.runtime(
                            "einsum(): output subscript \(Self.labelName(label))"
                                + (labelPosition[label] > -1
                                    ? " appears more than once in the output"
                                    : " does not appear in the equation for any input operand"))
                    }
                    labelPosition[label] = position
                    position += 1
                }
                j += 1
            }
        } else {
            // Implicit output: the ellipsis dims, then the labels seen once, in label order.
            position = ellipsisDims
            ellipsisInOutput = true
            for label in 0..<Self.labelCount where labelCounts[label] == 1 {
                labelPosition[label] = position
                position += 1
            }
        }
        outputDims = position
        if !ellipsisInOutput {
            ellipsisIndex = position
            position += ellipsisDims
        }
        // The dims to sum over.
        for label in 0..<Self.labelCount where labelCounts[label] > 0 && labelPosition[label] == -1 {
            labelPosition[label] = position
            position += 1
        }
        alignedDims = position
    }

    /// Aligns the operands (diagonals, missing dims, permutation) and contracts them left to right.
    func contract(_ operands: [Tensor]) throws(TensorError) -> Tensor {
        // With autograd, the same steps run through differentiable ops (permute, reshape, sum, bmm).
        let recording = Tensor.recording(operands)
        var labelSize = [Int](repeating: 1, count: Self.labelCount)
        var ellipsisSizes = [Int](repeating: 1, count: ellipsisDims)
        // How many operands have a size other than 1 in each aligned dim.
        var dimCounts = [Int](repeating: 0, count: alignedDims)
        var ops: [Tensor] = []
        for (index, operand) in operands.enumerated() {
            var layout = operand.layout
            var permutation = [Int](repeating: -1, count: alignedDims)
            var merges: [(Int, Int)] = []
            var dim = 0
            let labels = operandLabels[index]
            for label in labels {
                if label == Self.ellipsis {
                    let covered = operand.dim - (labels.count - 1)
                    for j in (ellipsisDims - covered)..<ellipsisDims {
                        let size = layout.shape[dim]
                        if size != 1 {
                            guard ellipsisSizes[j] == 1 || ellipsisSizes[j] == size else {
                                throw TensorError.runtime(
                                    "einsum(): dimension \(dim) covered by ellipsis in operand \(index)has size \(size) which does not broadcast with previously seen ellipsis with size \(ellipsisSizes[j]) for the respective dimension")
                            }
                            ellipsisSizes[j] = size
                            dimCounts[ellipsisIndex + j] += 1
                        }
                        permutation[ellipsisIndex + j] = dim
                        dim += 1
                    }
                } else if permutation[labelPosition[label]] == -1 {
                    let size = layout.shape[dim]
                    if size != 1 {
                        guard labelSize[label] == 1 || labelSize[label] == size else {
                            throw TensorError.runtime(
                                "einsum(): subscript \(Self.labelName(label)) has size \(size) for operand \(index) which does not broadcast with previously seen size \(labelSize[label])")
                        }
                        labelSize[label] = size
                        dimCounts[labelPosition[label]] += 1
                    }
                    permutation[labelPosition[label]] = dim
                    dim += 1
                } else {
                    // A repeated label: its diagonal takes the first occurrence's place.
                    let previous = permutation[labelPosition[label]]
                    let size = layout.shape[dim], previousSize = layout.shape[previous]
                    guard size == previousSize else {
                        throw TensorError.runtime(
                            "einsum(): subscript \(Self.labelName(label)) is repeated for operand \(index) but the sizes don't match, \(size) != \(previousSize)")
                    }
                    merges.append((previous, dim))
                    layout = Self.aligned(layout, merges: [(previous, dim)], missing: 0, permutation: Array(0..<(layout.rank - 1)))
                }
            }
            // Size-1 dims for the labels this operand lacks.
            let missing = permutation.count(where: { $0 == -1 })
            for position in 0..<alignedDims where permutation[position] == -1 {
                permutation[position] = dim
                dim += 1
            }
            let view = try operand.makeView(Self.aligned(operand.layout, merges: merges, missing: missing, permutation: permutation))
            if !recording {
                ops.append(view)
            } else if merges.isEmpty {
                ops.append(operand.reshape(operand.shape + [Int](repeating: 1, count: missing)).permute(permutation))
            } else {
                let order = permutation
                ops.append(operand.recordDiagonal(view) { zeros in
                    zeros.makeDerivedView(Self.aligned(zeros.layout, merges: merges, missing: missing, permutation: order))
                })
            }
        }

        // Contract left to right, summing each dim as soon as no later operand needs it.
        while ops.count > 1 {
            var a = ops.removeFirst()
            var b = ops.removeFirst()
            var sumDims: [Int] = []
            var aDimsToSum: [Int] = [], bDimsToSum: [Int] = []
            for d in outputDims..<alignedDims {
                let sa = a.layout.shape[d], sb = b.layout.shape[d]
                if sa != 1 && sb != 1 {
                    dimCounts[d] -= 1
                    if dimCounts[d] == 1 {
                        sumDims.append(d)
                        dimCounts[d] = 0
                    }
                } else if dimCounts[d] == 1 {
                    if sa != 1 {
                        aDimsToSum.append(d)
                        dimCounts[d] = 0
                    } else if sb != 1 {
                        bDimsToSum.append(d)
                        dimCounts[d] = 0
                    }
                }
            }
            if !aDimsToSum.isEmpty { a = try Tensor.sumForEinsum(a, aDimsToSum, keepDims: true, recording: recording) }
            if !bDimsToSum.isEmpty { b = try Tensor.sumForEinsum(b, bDimsToSum, keepDims: true, recording: recording) }
            ops.insert(try Tensor.sumProductPair(a, b, sumDims, recording: recording), at: 0)
        }

        let result = ops[0]
        guard alignedDims > outputDims else { return result }
        if operands.count > 1 {
            // The summed dims are all size 1 by now: drop them.
            var shape = Dims(), strides = Dims()
            for d in 0..<outputDims {
                shape.append(result.layout.shape[d])
                strides.append(result.layout.strides[d])
            }
            if recording { return result.reshape(Array(shape)) }
            return try result.makeView(Layout(shape: shape, strides: strides, offset: result.layout.offset))
        }
        return try Tensor.sumForEinsum(result, Array(outputDims..<alignedDims), keepDims: false, recording: recording)
    }

    /// An operand's aligned layout: each repeated label's dim `(previous, d)` merged into the
    /// first occurrence's (a diagonal), `missing` size-1 dims appended, then the dims taken in
    /// `permutation`'s order. Applies to any layout of the operand's shape.
    static func aligned(_ layout: Layout, merges: [(Int, Int)], missing: Int, permutation: [Int]) -> Layout {
        var shape = layout.shape, strides = layout.strides
        for (previous, d) in merges {
            strides[previous] += strides[d]
            shape.remove(at: d)
            strides.remove(at: d)
        }
        for _ in 0..<missing {
            shape.append(1)
            strides.append(1)
        }
        var alignedShape = Dims(), alignedStrides = Dims()
        for source in permutation {
            alignedShape.append(shape[source])
            alignedStrides.append(strides[source])
        }
        return Layout(shape: alignedShape, strides: alignedStrides, offset: layout.offset)
    }
}

extension Tensor {
    /// `(left * right).sum(sumDims, keepdim=True)` for two aligned operands of one rank, as one
    /// batched matrix product after permuting and reshaping (PyTorch's `sumproduct_pair`).
    fileprivate static func sumProductPair(_ left: Tensor, _ right: Tensor, _ sumDims: [Int], recording: Bool) throws(TensorError)
        -> Tensor
    {
        if sumDims.isEmpty { return try Tensor.binary(.mul, .tensor(left), .tensor(right)) }
        let rank = left.dim
        var isSummed = [Bool](repeating: false, count: rank)
        for d in sumDims { isSummed[d] = true }
        var left = left, right = right
        // Dims in left, right and output; in left and output; in right and output.
        var lro: [Int] = [], lo: [Int] = [], ro: [Int] = []
        var lroSize = 1, loSize = 1, roSize = 1, sumSize = 1
        for i in 0..<rank {
            let sl = left.layout.shape[i] != 1, sr = right.layout.shape[i] != 1
            if isSummed[i] {
                if sl && sr {
                    guard left.layout.shape[i] == right.layout.shape[i] else {
                        throw TensorError.runtime("non-broadcast dimensions must match")
                    }
                    sumSize *= left.layout.shape[i]
                } else if sl {
                    left = try sumForEinsum(left, [i], keepDims: true, recording: recording)
                } else if sr {
                    right = try sumForEinsum(right, [i], keepDims: true, recording: recording)
                }
            } else if sl && sr {
                guard left.layout.shape[i] == right.layout.shape[i] else {
                    throw TensorError.runtime("non-broadcast dimensions must match")
                }
                lro.append(i)
                lroSize *= left.layout.shape[i]
            } else if sl {
                lo.append(i)
                loSize *= left.layout.shape[i]
            } else {
                ro.append(i)
                roSize *= right.layout.shape[i]
            }
        }
        var outSize = Dims()
        for d in lro { outSize.append(left.layout.shape[d]) }
        for d in lo { outSize.append(left.layout.shape[d]) }
        for _ in sumDims { outSize.append(1) }
        for d in ro { outSize.append(right.layout.shape[d]) }
        let leftOrder = lro + lo + sumDims + ro
        let rightOrder = lro + sumDims + ro + lo
        var outOrder = [Int](repeating: -1, count: rank)
        for (i, d) in (lro + lo + sumDims + ro).enumerated() { outOrder[d] = i }

        if recording {
            let l = left.permute(leftOrder).reshape([lroSize, loSize, sumSize])
            let r = right.permute(rightOrder).reshape([lroSize, sumSize, roSize])
            return l.bmm(r).reshape(Array(outSize)).permute(outOrder)
        }
        let l = try left.permutedForEinsum(leftOrder).reshapedForProduct([lroSize, loSize, sumSize])
        let r = try right.permutedForEinsum(rightOrder).reshapedForProduct([lroSize, sumSize, roSize])
        let product = try l.bmmChecked(r, kernelName: "bmm")
        let viewed = Tensor(storage: product.storage, layout: Layout(contiguous: outSize), dtype: product.dtype)
        return viewed.permutedForEinsum(outOrder)
    }

    /// A view with dims reordered (no checks).
    fileprivate func permutedForEinsum(_ order: [Int]) -> Tensor {
        var shape = Dims(), strides = Dims()
        for d in order {
            shape.append(layout.shape[d])
            strides.append(layout.strides[d])
        }
        return makeDerivedView(Layout(shape: shape, strides: strides, offset: layout.offset))
    }

    /// The sum over `dims` (`tensor.sum(dims, keepdim)`), computed as a matrix-vector product
    /// with a vector of ones; bool and int32 sum to int64, as PyTorch's `sum` does.
    fileprivate static func sumForEinsum(_ t: Tensor, _ dims: [Int], keepDims: Bool, recording: Bool) throws(TensorError)
        -> Tensor
    {
        if recording { return t.sum(dims: dims, keepdim: keepDims) }
        let dtype: DType = t.dtype == .bool || t.dtype == .int32 ? .int64 : t.dtype
        let source = try t.casted(dtype)
        var isSummed = [Bool](repeating: false, count: t.dim)
        for d in dims { isSummed[d] = true }
        var order: [Int] = [], kept = Dims(), keptShape = Dims()
        var keptCount = 1, summedCount = 1
        for d in 0..<t.dim where !isSummed[d] {
            order.append(d)
            keptCount *= t.layout.shape[d]
            keptShape.append(t.layout.shape[d])
        }
        for d in 0..<t.dim where isSummed[d] {
            order.append(d)
            summedCount *= t.layout.shape[d]
        }
        for d in 0..<t.dim { kept.append(isSummed[d] ? 1 : t.layout.shape[d]) }
        let matrix = try source.permutedForEinsum(order).reshapedForProduct([keptCount, summedCount])
        let ones = try Tensor.uninitialized([summedCount, 1], dtype: dtype, device: t.device)
        ones.backend.fill(ones.buffer, with: 1)
        let out = try Tensor.uninitialized([keptCount, 1], dtype: dtype, device: t.device)
        out.backend.gemm(matrix.buffer, ones.buffer, into: out.buffer, alpha: 1, beta: 0)
        return Tensor(storage: out.storage, layout: Layout(contiguous: keepDims ? kept : keptShape), dtype: dtype)
    }
}
