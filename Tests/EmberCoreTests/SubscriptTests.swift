// SubscriptTests.swift
//
// Basic indexing: integers, ranges (Swift ranges are Python slices; negative bounds count
// from the end), `.slice(start, end, step:)`, `.all`, a leading Swift `...` or `.ellipsis`
// (Python's Ellipsis) and `.newAxis` (None); and assignment through subscripts, with
// broadcasting and dtype conversion. Expected shapes, strides, offsets and values were printed
// by PyTorch 2.15 for `x = torch.arange(12.).reshape(3,4)` and `y = torch.arange(24.).reshape(2,3,4)`.

import Testing
import Ember
import EmberTestSupport

enum SubscriptBase: Sendable { case x, y }

struct SubscriptCase: Sendable, CustomTestStringConvertible {
    let name: String
    let base: SubscriptBase
    let op: @Sendable (_ x: Tensor, _ y: Tensor) -> Tensor
    let shape: [Int]
    let strides: [Int]
    let offset: Int
    let values: [Double]
    init(_ name: String, base: SubscriptBase, _ op: @escaping @Sendable (_ x: Tensor, _ y: Tensor) -> Tensor,
         shape: [Int], strides: [Int], offset: Int, values: [Double]) {
        self.name = name
        self.base = base
        self.op = op
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.values = values
    }
    var testDescription: String { name }
}

struct AssignCase: Sendable, CustomTestStringConvertible {
    let name: String
    let int64: Bool
    let assign: @Sendable (_ x: Tensor) -> Void
    let values: [Double]
    init(_ name: String, int64: Bool = false, _ assign: @escaping @Sendable (_ x: Tensor) -> Void, values: [Double]) {
        self.name = name
        self.int64 = int64
        self.assign = assign
        self.values = values
    }
    var testDescription: String { name }
}

enum SubscriptCases {
    static let reads: [SubscriptCase] = [
        SubscriptCase("x[0]", base: .x, { x, y in x[0] },
                      shape: [4], strides: [1], offset: 0, values: [0, 1, 2, 3]),
        SubscriptCase("x[1...]", base: .x, { x, y in x[1...] },
                      shape: [2, 4], strides: [4, 1], offset: 4, values: [4, 5, 6, 7, 8, 9, 10, 11]),
        SubscriptCase("x[..<2]", base: .x, { x, y in x[..<2] },
                      shape: [2, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7]),
        SubscriptCase("x[-1]", base: .x, { x, y in x[-1] },
                      shape: [4], strides: [1], offset: 8, values: [8, 9, 10, 11]),
        SubscriptCase("x[.all, 1]", base: .x, { x, y in x[.all, 1] },
                      shape: [3], strides: [4], offset: 1, values: [1, 5, 9]),
        SubscriptCase("x[1..., .slice(step: 2)]", base: .x, { x, y in x[1..., .slice(step: 2)] },
                      shape: [2, 2], strides: [4, 2], offset: 4, values: [4, 6, 8, 10]),
        SubscriptCase("x[..., 0]", base: .x, { x, y in x[..., 0] },
                      shape: [3], strides: [4], offset: 0, values: [0, 4, 8]),
        SubscriptCase("x[.ellipsis, 0]", base: .x, { x, y in x[.ellipsis, 0] },
                      shape: [3], strides: [4], offset: 0, values: [0, 4, 8]),
        SubscriptCase("x[.ellipsis]", base: .x, { x, y in x[.ellipsis] },
                      shape: [3, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        SubscriptCase("x[0, 1..<3]", base: .x, { x, y in x[0, 1..<3] },
                      shape: [2], strides: [1], offset: 1, values: [1, 2]),
        SubscriptCase("x[1, 2]", base: .x, { x, y in x[1, 2] },
                      shape: [], strides: [], offset: 6, values: [6]),
        SubscriptCase("x[-1, -1]", base: .x, { x, y in x[-1, -1] },
                      shape: [], strides: [], offset: 11, values: [11]),
        SubscriptCase("x[-2..<(-1)]", base: .x, { x, y in x[-2..<(-1)] },
                      shape: [1, 4], strides: [4, 1], offset: 4, values: [4, 5, 6, 7]),
        SubscriptCase("x[(-2)...]", base: .x, { x, y in x[(-2)...] },
                      shape: [2, 4], strides: [4, 1], offset: 4, values: [4, 5, 6, 7, 8, 9, 10, 11]),
        SubscriptCase("x[(-3)...(-2)]", base: .x, { x, y in x[(-3)...(-2)] },
                      shape: [2, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7]),
        SubscriptCase("x[.all, (-3)...(-1)]", base: .x, { x, y in x[.all, (-3)...(-1)] },
                      shape: [3, 3], strides: [4, 1], offset: 1, values: [1, 2, 3, 5, 6, 7, 9, 10, 11]),
        SubscriptCase("x[..<(-1)]", base: .x, { x, y in x[..<(-1)] },
                      shape: [2, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7]),
        SubscriptCase("x[...1]", base: .x, { x, y in x[...1] },
                      shape: [2, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7]),
        SubscriptCase("x[.all, ...(-2)]", base: .x, { x, y in x[.all, ...(-2)] },
                      shape: [3, 3], strides: [4, 1], offset: 0, values: [0, 1, 2, 4, 5, 6, 8, 9, 10]),
        SubscriptCase("x[.all, ...(-1)]", base: .x, { x, y in x[.all, ...(-1)] },
                      shape: [3, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        SubscriptCase("x[0...1, 2...3]", base: .x, { x, y in x[0...1, 2...3] },
                      shape: [2, 2], strides: [4, 1], offset: 2, values: [2, 3, 6, 7]),
        SubscriptCase("x[.slice(-10, 10)]", base: .x, { x, y in x[.slice(-10, 10)] },
                      shape: [3, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        SubscriptCase("x[.slice(nil, nil, step: 3)]", base: .x, { x, y in x[.all, .slice(nil, nil, step: 3)] },
                      shape: [3, 2], strides: [4, 3], offset: 0, values: [0, 3, 4, 7, 8, 11]),
        SubscriptCase("x[.all, .slice(1, nil, step: 2)]", base: .x, { x, y in x[.all, .slice(1, nil, step: 2)] },
                      shape: [3, 2], strides: [4, 2], offset: 1, values: [1, 3, 5, 7, 9, 11]),
        SubscriptCase("x[.slice(2, 1)]", base: .x, { x, y in x[.slice(2, 1)] },
                      shape: [0, 4], strides: [4, 1], offset: 8, values: []),
        SubscriptCase("x[.newAxis, .all, 2]", base: .x, { x, y in x[.newAxis, .all, 2] },
                      shape: [1, 3], strides: [12, 4], offset: 2, values: [2, 6, 10]),
        SubscriptCase("x[0, .newAxis]", base: .x, { x, y in x[0, .newAxis] },
                      shape: [1, 4], strides: [4, 1], offset: 0, values: [0, 1, 2, 3]),
        SubscriptCase("x[..., .newAxis]", base: .x, { x, y in x[..., .newAxis] },
                      shape: [3, 4, 1], strides: [4, 1, 1], offset: 0, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        SubscriptCase("x[.all, .newAxis, 1...]", base: .x, { x, y in x[.all, .newAxis, 1...] },
                      shape: [3, 1, 3], strides: [4, 4, 1], offset: 1, values: [1, 2, 3, 5, 6, 7, 9, 10, 11]),
        SubscriptCase("y[..., 1]", base: .y, { x, y in y[..., 1] },
                      shape: [2, 3], strides: [12, 4], offset: 1, values: [1, 5, 9, 13, 17, 21]),
        SubscriptCase("y[0, .ellipsis, 1]", base: .y, { x, y in y[0, .ellipsis, 1] },
                      shape: [3], strides: [4], offset: 1, values: [1, 5, 9]),
        SubscriptCase("y[.ellipsis, 1, 2]", base: .y, { x, y in y[.ellipsis, 1, 2] },
                      shape: [2], strides: [12], offset: 6, values: [6, 18]),
        SubscriptCase("y[1, .ellipsis]", base: .y, { x, y in y[1, .ellipsis] },
                      shape: [3, 4], strides: [4, 1], offset: 12, values: [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]),
        SubscriptCase("y[..., .newAxis, 0]", base: .y, { x, y in y[..., .newAxis, 0] },
                      shape: [2, 3, 1], strides: [12, 4, 4], offset: 0, values: [0, 4, 8, 12, 16, 20]),
        SubscriptCase("y[-1, 1..., .slice(nil, nil, step: 2)]", base: .y, { x, y in y[-1, 1..., .slice(nil, nil, step: 2)] },
                      shape: [2, 2], strides: [4, 2], offset: 16, values: [16, 18, 20, 22]),
        SubscriptCase("y[.all, -1]", base: .y, { x, y in y[.all, -1] },
                      shape: [2, 4], strides: [12, 1], offset: 8, values: [8, 9, 10, 11, 20, 21, 22, 23]),
        SubscriptCase("y[1][2][3]", base: .y, { x, y in y[1][2][3] },
                      shape: [], strides: [], offset: 23, values: [23]),
        SubscriptCase("y[.index(1), .all, .index(0)]", base: .y, { x, y in y[.index(1), .all, .index(0)] },
                      shape: [3], strides: [4], offset: 12, values: [12, 16, 20]),
    ]

    static let assignments: [AssignCase] = [
        AssignCase("x[0] = 5", { x in x[0] = 5 }, values: [5, 5, 5, 5, 4, 5, 6, 7, 8, 9, 10, 11]),
        AssignCase("x[1..., 0] = [-1, -2]", { x in x[1..., 0] = Tensor([-1.0, -2]) }, values: [0, 1, 2, 3, -1, 5, 6, 7, -2, 9, 10, 11]),
        AssignCase("x[.all, 1...] = [7, 8, 9] (broadcast rows)", { x in x[.all, 1...] = Tensor([7.0, 8, 9]) }, values: [0, 7, 8, 9, 4, 7, 8, 9, 8, 7, 8, 9]),
        AssignCase("x[..., 0] = 9.5", { x in x[..., 0] = 9.5 }, values: [9.5, 1, 2, 3, 9.5, 5, 6, 7, 9.5, 9, 10, 11]),
        AssignCase("x[-1] = [1, 2, 3, 4] (int64 source)", { x in x[-1] = Tensor([1, 2, 3, 4]) }, values: [0, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4]),
        AssignCase("x[.all, .slice(nil, nil, step: 2)] = [[1], [2], [3]]", { x in x[.all, .slice(nil, nil, step: 2)] = Tensor([[1.0], [2], [3]]) }, values: [1, 1, 1, 3, 2, 5, 2, 7, 3, 9, 3, 11]),
        AssignCase("x[1, 2] = -7", { x in x[1, 2] = -7 }, values: [0, 1, 2, 3, 4, 5, -7, 7, 8, 9, 10, 11]),
        AssignCase("x[.ellipsis] = 0", { x in x[.ellipsis] = 0 }, values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        AssignCase("x[..<2, ..<2] = true", { x in x[..<2, ..<2] = true }, values: [1, 1, 2, 3, 1, 1, 6, 7, 8, 9, 10, 11]),
        AssignCase("x[.newAxis, 0] = [[4, 3, 2, 1]]", { x in x[.newAxis, 0] = Tensor([[4.0, 3, 2, 1]]) }, values: [4, 3, 2, 1, 4, 5, 6, 7, 8, 9, 10, 11]),
        AssignCase("x[.slice(5, nil)] = 1 (empty)", { x in x[.slice(5, nil)] = 1 }, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        AssignCase("x[-2..<(-1), -3...] = [[-1, -2, -3]]", { x in x[-2..<(-1), (-3)...] = Tensor([[-1.0, -2, -3]]) }, values: [0, 1, 2, 3, 4, -1, -2, -3, 8, 9, 10, 11]),
        AssignCase("int64 x[0] = 2.7 (truncates)", int64: true, { x in x[0] = 2.7 }, values: [2, 2, 2, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        AssignCase("int64 x[1] = [1.5, -1.5, 2.9, -2.9]", int64: true, { x in x[1] = Tensor([1.5, -1.5, 2.9, -2.9]) }, values: [0, 1, 2, 3, 1, -1, 2, -2, 8, 9, 10, 11]),
        AssignCase("int64 x[.all, 0] = true", int64: true, { x in x[.all, 0] = true }, values: [1, 1, 2, 3, 1, 5, 6, 7, 1, 9, 10, 11]),
    ]
}

/// `torch.arange(12.).reshape(3,4)` with its own storage.
private func subscriptBaseX() -> Tensor { Tensor.arange(12.0).reshape(3, 4) }
/// `torch.arange(24.).reshape(2,3,4)`.
private func subscriptBaseY() -> Tensor { Tensor.arange(24.0).reshape(2, 3, 4) }

@Suite struct SubscriptReadTests {
    /// A number read through a subscript needs a one-element selection (PyTorch's `item()`), so
    /// `t[1...] += 1`, which Swift reads as a number plus a number, stops rather than writing the
    /// first selected element's sum into every selected element; one element works.
    @Test func compoundAssignmentOfANumberNeedsOneElement() {
        let t = Tensor.arange(4.0)
        t[1] += 10
        expectTensor(t, shape: [4], values: [0, 11, 2, 3])
        expectTensorError(.runtimeError, "a Tensor with 3 elements cannot be converted to Scalar") { t[1...] += 1 }
        expectTensorError(.runtimeError, "a Tensor with 3 elements cannot be converted to Scalar") { t[t .> 1] *= 2 }
        expectTensor(t, shape: [4], values: [0, 11, 2, 3])
    }

    /// A tensor compound-assigned through a subscript is read, updated and written back, as
    /// Python's `t[i] += u` is (values and versions from PyTorch 2.15): through a mask the update
    /// lands (one write), through a slice the view is updated and then copied onto itself (two).
    @Test func compoundAssignmentOfATensor() throws {
        let t = Tensor.arange(4.0)
        t[t .> 1] += Tensor([10.0, 20])
        expectTensor(t, shape: [4], values: [0, 1, 12, 23])
        #expect(t.version == 1)
        let u = Tensor.arange(4.0)
        u[1...] += Tensor([10.0, 20, 30])
        expectTensor(u, shape: [4], values: [0, 11, 22, 33])
        #expect(u.version == 2)
        let x = Tensor.ones(3, requiresGrad: true)
        let y = x * 2
        y[Tensor([0, 2])] += Tensor([1.0, 1])
        #expect(y.gradFn?.name == "IndexPutBackward0")
        try y.sum().backward()
        expectTensor(try #require(x.grad), shape: [3], values: [2, 2, 2])
    }

    @Test(arguments: SubscriptCases.reads)
    func viewLayoutAndValues(_ c: SubscriptCase) {
        let x = subscriptBaseX(), y = subscriptBaseY()
        let base = c.base == .x ? x : y
        let v = c.op(x, y)
        #expect(v.shape == c.shape)
        expectTensor(v, shape: c.shape, values: c.values, dtype: .float32)
        #expect(sharesStorage(v, base))
        #expect(v.isView)
        #expect(v.strides == c.strides)
        #expect(v.storageOffset == c.offset)
    }

    /// The result of a read is a view: writing to it writes the base.
    @Test(arguments: SubscriptCases.reads)
    func readIsAView(_ c: SubscriptCase) {
        let x = subscriptBaseX(), y = subscriptBaseY()
        let v = c.op(x, y)
        v.fill_(-1)
        let base = c.base == .x ? x : y
        let minusOnes = base.scalars(as: Double.self).filter { $0 == -1 }.count
        #expect(minusOnes == c.values.count)
    }

    /// `x[..., 0]` (leading Swift `...`) is `x[.ellipsis, 0]`, and `x[...]`-style forms agree.
    @Test func leadingUnboundedRangeIsEllipsis() {
        let y = subscriptBaseY()
        #expect(y[..., 1].scalars(as: Double.self) == y[.ellipsis, 1].scalars(as: Double.self))
        #expect(y[..., 1].shape == [2, 3])
        #expect(y[..., 1, 2].shape == [2])
        expectTensor(y[..., 1, 2], shape: [2], values: [6, 18])
        expectTensor(y[...], shape: [2, 3, 4], values: (0..<24).map(Double.init))
    }

    /// PyTorch 2.15 accepts two Ellipses: `y[..., 0, ...]` is `y[:, :, 0]` (shape (2, 3)).
    @Test
    func twoEllipsesAreAccepted() {
        let y = subscriptBaseY()
        let error = capturedError { _ = y[.ellipsis, 0, .ellipsis] }
        #expect(error == nil)
    }
}

@Suite struct SubscriptAssignmentTests {
    @Test(arguments: SubscriptCases.assignments)
    func assignment(_ c: AssignCase) {
        let x = c.int64 ? Tensor.arange(12).reshape(3, 4) : subscriptBaseX()
        let version = x.version
        c.assign(x)
        expectTensor(x, shape: [3, 4], values: c.values, dtype: c.int64 ? .int64 : .float32)
        #expect(x.version == version + 1)
    }

    /// Assignment writes through views of views into the root.
    @Test func assignmentThroughViewOfView() {
        let x = subscriptBaseX()
        let t = x.t()
        t[1...][0, 2] = 100
        expectTensor(x, shape: [3, 4], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 100, 10, 11])
        x[.all, 3][1...] = Tensor([-3.0, -4])
        expectTensor(x, shape: [3, 4], values: [0, 1, 2, 3, 4, 5, 6, -3, 8, 100, 10, -4])
    }

    /// `x[0] = torch.ones(1,1,4)`: setitem drops the source's leading size-1 dims (PyTorch's
    /// `slicePrefix1sSize`), so a (1, 1, 4) source fills a row.
    @Test
    func assignmentDropsLeadingUnitDims() {
        let x = subscriptBaseX()
        let error = capturedError { x[0] = Tensor([[[4.0, 3, 2, 1]]]) }
        #expect(error == nil)
        expectTensor(x, shape: [3, 4], values: [4, 3, 2, 1, 4, 5, 6, 7, 8, 9, 10, 11])
    }

    /// An expanded tensor can be assigned through a subscript that picks non-overlapping elements.
    @Test func assignmentIntoRowOfExpanded() {
        let base = Tensor.ones(1, 3)
        let e = base.expand(2, 3)
        e[0] = 5
        expectTensor(base, shape: [1, 3], values: [5, 5, 5])
        e[1] = Tensor([1.0, 2, 3])
        expectTensor(e, shape: [2, 3], values: [1, 2, 3, 1, 2, 3])
    }
}
