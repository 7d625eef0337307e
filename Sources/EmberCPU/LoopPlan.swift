// MARK: - LoopPlan

/// How to walk up to three same-shaped strided operands together (PyTorch's TensorIterator, reduced).
///
/// Dims of size 1 are dropped, the rest ordered so that operand 0's strides decrease (its
/// innermost dim is last), and adjacent dims that every operand steps through evenly are merged.
/// A contiguous tensor becomes one dim; a transposed one stays two.
import EmberBackend
@usableFromInline package struct LoopPlan: Sendable {
    /// Sizes, outermost first.
    @usableFromInline package var shape: Dims
    /// Strides in elements of each operand, aligned with `shape`.
    @usableFromInline package var strides: InlineArray<3, Dims>
    /// The number of operands (1 to 3).
    @usableFromInline package let operandCount: Int

    /// Total elements.
    @inlinable package var count: Int { shape.product }
    /// The inner (last) dim's size, or 1 for a 0-dim plan.
    @inlinable package var innerCount: Int { shape.isEmpty ? 1 : shape[shape.count - 1] }
    /// The number of inner rows.
    @inlinable package var rowCount: Int { shape.isEmpty ? 1 : count / max(innerCount, 1) }
    /// An operand's inner stride.
    @inlinable package func innerStride(_ operand: Int) -> Int {
        shape.isEmpty ? 0 : strides[operand][shape.count - 1]
    }

    /// Plans a walk over `shape` for operands with the given strides (1 to 3 of them).
    @usableFromInline package init(shape full: Dims, strides operandStrides: [Dims]) {
        var strides = InlineArray<3, Dims>(repeating: Dims())
        for (k, s) in operandStrides.enumerated() { strides[k] = s }
        self.init(shape: full, operandStrides: strides, operandCount: operandStrides.count)
    }

    /// Plans a walk over `shape` for one operand.
    @inlinable package init(shape full: Dims, strides s0: Dims) {
        self.init(shape: full, operandStrides: [s0, Dims(), Dims()], operandCount: 1)
    }

    /// Plans a walk over `shape` for two operands.
    @inlinable package init(shape full: Dims, strides s0: Dims, _ s1: Dims) {
        self.init(shape: full, operandStrides: [s0, s1, Dims()], operandCount: 2)
    }

    /// Plans a walk over `shape` for three operands.
    @inlinable package init(shape full: Dims, strides s0: Dims, _ s1: Dims, _ s2: Dims) {
        self.init(shape: full, operandStrides: [s0, s1, s2], operandCount: 3)
    }

    /// The planner itself; allocates nothing on the heap (small ops call it on every run).
    @usableFromInline
    init(shape full: Dims, operandStrides: InlineArray<3, Dims>, operandCount: Int) {
        self.operandCount = operandCount
        var shape = Dims()
        var strides = InlineArray<3, Dims>(repeating: Dims())
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(full.count, 1)) { dims in
            var n = 0
            for d in 0..<full.count where full[d] != 1 {
                dims[n] = d
                n += 1
            }
            // Order by operand 0's stride magnitude, descending (ties broken by the next
            // operand, then by dim): an insertion sort, as ranks are small.
            func before(_ a: Int, _ b: Int) -> Bool {
                for k in 0..<operandCount {
                    let sa = abs(operandStrides[k][a]), sb = abs(operandStrides[k][b])
                    if sa != sb { return sa > sb }
                }
                return a < b
            }
            if n > 1 {
                for i in 1..<n {
                    let d = dims[i]
                    var j = i
                    while j > 0 && before(d, dims[j - 1]) {
                        dims[j] = dims[j - 1]
                        j -= 1
                    }
                    dims[j] = d
                }
            }
            for i in 0..<n {
                let d = dims[i], size = full[d]
                if shape.count > 0 {
                    // Merge with the previous (outer) dim when every operand steps evenly across both.
                    var mergeable = true
                    for k in 0..<operandCount where strides[k][shape.count - 1] != operandStrides[k][d] * size {
                        mergeable = false
                        break
                    }
                    if mergeable {
                        shape[shape.count - 1] *= size
                        for k in 0..<operandCount { strides[k][shape.count - 1] = operandStrides[k][d] }
                        continue
                    }
                }
                shape.append(size)
                for k in 0..<operandCount { strides[k].append(operandStrides[k][d]) }
            }
        }
        // A zero-size dim anywhere means no work; keep it visible.
        if full.contains(0) {
            shape = [0]
            strides = InlineArray(repeating: [0])
        }
        self.shape = shape
        self.strides = strides
    }

    /// Calls `body(offsets, count)` for each inner row in `rows`, where `offsets` are the element
    /// offsets (relative to each operand's start) of the row's first element.
    @inlinable
    package func forEachRow(in rows: Range<Int>, _ body: (InlineArray<3, Int>, Int) -> Void) {
        let rank = shape.count
        let inner = innerCount
        if rank <= 1 {
            if !rows.isEmpty { body(InlineArray(repeating: 0), inner) }
            return
        }
        // Multi-index of the first row (over dims 0..<rank-1).
        var index = Dims(repeating: 0, count: rank - 1)
        var rest = rows.lowerBound
        var offsets = InlineArray<3, Int>(repeating: 0)
        for d in stride(from: rank - 2, through: 0, by: -1) {
            index[d] = rest % shape[d]
            rest /= shape[d]
            for k in 0..<operandCount { offsets[k] += index[d] * strides[k][d] }
        }
        // The last outer dim's steps, read once: most rows advance only it (short rows, as a
        // broadcast bias add over 4 x 4 maps has, then cost a few adds, not a walk of the dims).
        let last = rank - 2, lastSize = shape[last]
        var steps = InlineArray<3, Int>(repeating: 0)
        for k in 0..<operandCount { steps[k] = strides[k][last] }
        var lastIndex = index[last]
        for _ in rows {
            body(offsets, inner)
            lastIndex += 1
            if lastIndex < lastSize {
                offsets[0] &+= steps[0]
                offsets[1] &+= steps[1]
                offsets[2] &+= steps[2]
                continue
            }
            // The last outer dim wraps: back to its start, and the odometer advances the others.
            lastIndex = 0
            for k in 0..<operandCount { offsets[k] -= steps[k] * (lastSize - 1) }
            var d = last - 1
            while d >= 0 {
                index[d] += 1
                for k in 0..<operandCount { offsets[k] += strides[k][d] }
                if index[d] < shape[d] { break }
                for k in 0..<operandCount { offsets[k] -= strides[k][d] * shape[d] }
                index[d] = 0
                d -= 1
            }
        }
    }

    /// Walks every row, split across threads when there are at least `grain` elements per thread.
    @inlinable
    package func forEachRowParallel(grain: Int = 32_768, _ body: (InlineArray<3, Int>, Int) -> Void) {
        let rowsPerGrain = max(1, grain / max(innerCount, 1))
        Parallel.forRange(rowCount, grain: rowsPerGrain) { rows in
            forEachRow(in: rows, body)
        }
    }
}
