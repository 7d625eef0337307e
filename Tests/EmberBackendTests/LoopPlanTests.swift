// LoopPlanTests.swift
//
// `LoopPlan.forEachRow` (the row walk of every strided element-wise kernel) against an
// independent enumeration: for every row of a range, the offsets it hands out must be those of
// the row's multi-index, computed directly from the shape and strides. The shapes keep several
// outer dims apart (strides that do not merge, a broadcast operand), and the ranges start and end
// inside dims, as the pieces of a parallel walk do.

import Testing
@testable import EmberCPU
@testable import EmberBackend

@Suite("loop plans")
struct LoopPlanTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let shape: [Int], strides: [[Int]]
        var testDescription: String { "\(shape) \(strides)" }
    }

    static let cases: [Case] = [
        // A bias [C, 1] broadcast over [N, C, L] (stride 0 along L and N).
        Case(shape: [3, 4, 5], strides: [[20, 5, 1], [0, 1, 0], [20, 5, 1]]),
        // A transposed operand keeps three outer dims apart.
        Case(shape: [2, 3, 4, 6], strides: [[72, 24, 6, 1], [1, 2, 6, 24], [0, 0, 6, 1]]),
        // One transposed operand: its dims merge into one row.
        Case(shape: [5, 7], strides: [[1, 5]]),
        // One operand with a gap between rows: rows of 7 at a stride of 9.
        Case(shape: [4, 3, 7], strides: [[40, 9, 1]]),
    ]

    @Test(arguments: cases)
    func rowsAgainstTheirIndices(_ c: Case) {
        let plan = LoopPlan(shape: Dims(c.shape), strides: c.strides.map { Dims($0) })
        let rows = plan.rowCount
        let outer = Array(plan.shape.dropLast())
        // Each row's offsets from its multi-index over the plan's outer dims.
        func expected(_ row: Int) -> [Int] {
            var rest = row, offsets = [Int](repeating: 0, count: c.strides.count)
            for d in stride(from: outer.count - 1, through: 0, by: -1) {
                let i = rest % outer[d]
                rest /= outer[d]
                for k in 0..<c.strides.count { offsets[k] += i * plan.strides[k][d] }
            }
            return offsets
        }
        let bounds = [(0, rows), (1, rows), (3, rows - 2), (rows - 1, rows), (2, 2)]
        for range in bounds.filter({ $0.0 >= 0 && $0.0 <= $0.1 && $0.1 <= rows }).map({ $0.0..<$0.1 }) {
            var seen: [[Int]] = []
            plan.forEachRow(in: range) { offsets, count in
                #expect(count == plan.innerCount)
                seen.append((0..<c.strides.count).map { offsets[$0] })
            }
            #expect(seen == range.map(expected), "rows \(range)")
        }
        // The plan covers every element once: the offsets of operand 0 over all rows and the
        // inner dim are those of the original shape and strides.
        var all: [Int] = []
        plan.forEachRow(in: 0..<rows) { offsets, count in
            for i in 0..<count { all.append(offsets[0] + i * plan.innerStride(0)) }
        }
        var direct: [Int] = []
        func walk(_ d: Int, _ offset: Int) {
            if d == c.shape.count { direct.append(offset); return }
            for i in 0..<c.shape[d] { walk(d + 1, offset + i * c.strides[0][d]) }
        }
        walk(0, 0)
        #expect(all.sorted() == direct.sorted())
    }
}
