import EmberBackend
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

// MARK: - StridedWalk

/// Walks any number of same-shaped strided operands together in row-major order (dims of size 1
/// dropped, adjacent dims that every operand steps through evenly merged). Unlike `LoopPlan` it
/// keeps the logical order, which `nonzero` and `indexPut` (last write wins) rely on.
@usableFromInline
struct StridedWalk {
    /// Sizes, outermost first; never empty (a 0-dim walk is one row of one element).
    @usableFromInline var shape: [Int]
    /// `strides[k][d]`: operand `k`'s stride along dim `d`.
    @usableFromInline var strides: [[Int]]
    /// Total elements.
    @usableFromInline let count: Int

    @usableFromInline
    init(shape full: Dims, strides operandStrides: [Dims]) {
        var shape: [Int] = []
        var strides = [[Int]](repeating: [], count: operandStrides.count)
        for d in 0..<full.count where full[d] != 1 {
            if let last = shape.last {
                var mergeable = true
                for k in operandStrides.indices where strides[k][shape.count - 1] != operandStrides[k][d] * full[d] {
                    mergeable = false
                    break
                }
                if mergeable {
                    shape[shape.count - 1] = last * full[d]
                    for k in operandStrides.indices { strides[k][shape.count - 1] = operandStrides[k][d] }
                    continue
                }
            }
            shape.append(full[d])
            for k in operandStrides.indices { strides[k].append(operandStrides[k][d]) }
        }
        if shape.isEmpty {
            shape = [1]
            for k in operandStrides.indices { strides[k] = [0] }
        }
        self.count = full.contains(0) ? 0 : shape.reduce(1, *)
        self.shape = shape
        self.strides = strides
    }

    /// Elements per row (the inner dim).
    @usableFromInline var inner: Int { shape[shape.count - 1] }
    /// The number of rows.
    @usableFromInline var rowCount: Int { count == 0 ? 0 : count / inner }
    /// Operand `k`'s stride along the inner dim.
    @usableFromInline func innerStride(_ k: Int) -> Int { strides[k][shape.count - 1] }

    /// Calls `body(offsets, count)` for each row in `rows`; `offsets[k]` is operand `k`'s element
    /// offset (from its start) of the row's first element.
    @usableFromInline
    func forEachRow(in rows: Range<Int>, _ body: (UnsafeMutableBufferPointer<Int>, Int) -> Void) {
        if rows.isEmpty { return }
        let operands = strides.count
        let outer = shape.count - 1
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(operands, 1) + outer) { scratch in
            let offsets = UnsafeMutableBufferPointer(rebasing: scratch[0..<operands])
            let index = UnsafeMutableBufferPointer(rebasing: scratch[operands..<(operands + outer)])
            for k in 0..<operands { offsets[k] = 0 }
            var rest = rows.lowerBound
            for d in stride(from: outer - 1, through: 0, by: -1) {
                index[d] = rest % shape[d]
                rest /= shape[d]
                for k in 0..<operands { offsets[k] += index[d] * strides[k][d] }
            }
            let inner = self.inner
            for _ in rows {
                body(offsets, inner)
                var d = outer - 1
                while d >= 0 {
                    index[d] += 1
                    for k in 0..<operands { offsets[k] += strides[k][d] }
                    if index[d] < shape[d] { break }
                    for k in 0..<operands { offsets[k] -= strides[k][d] * shape[d] }
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }

    /// `forEachRow` over every row, split across threads when there are at least `grain` elements per thread.
    @usableFromInline
    func forEachRowParallel(grain: Int = 32_768, _ body: (UnsafeMutableBufferPointer<Int>, Int) -> Void) {
        let rowsPerGrain = max(1, grain / max(inner, 1))
        Parallel.forRange(rowCount, grain: rowsPerGrain) { rows in forEachRow(in: rows, body) }
    }
}
