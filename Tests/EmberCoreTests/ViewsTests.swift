// ViewsTests.swift
//
// Shape, strides, storage offset and values of every view op, views of views, writes through
// views reaching their base, `reshape` copying exactly when it must, and the version counter.
// Expected values are PyTorch 2.15's, from its documented view semantics and from running the
// same expressions with `b = torch.arange(12.).reshape(3,4).clone()`, `x = torch.arange(9.)`,
// `c = torch.arange(24.).reshape(2,3,4).clone()`.

import Testing
import Ember
import EmberTestSupport

/// The three bases the view cases start from (fresh for each case).
enum ViewBase: Sendable { case b, x, c }

/// One view op: the expression, and PyTorch's `size()`, `stride()`, `storage_offset()`,
/// `is_contiguous()` and values of the result.
struct ViewCase: Sendable, CustomTestStringConvertible {
    let name: String
    let base: ViewBase
    let op: @Sendable (_ b: Tensor, _ x: Tensor, _ c: Tensor) -> Tensor
    let shape: [Int]
    let strides: [Int]
    let offset: Int
    let contiguous: Bool
    let values: [Double]
    init(_ name: String, base: ViewBase, _ op: @escaping @Sendable (_ b: Tensor, _ x: Tensor, _ c: Tensor) -> Tensor,
         shape: [Int], strides: [Int], offset: Int, contiguous: Bool, values: [Double]) {
        self.name = name
        self.base = base
        self.op = op
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.contiguous = contiguous
        self.values = values
    }
    var testDescription: String { name }
}

/// A write through a view, and PyTorch's values of `b` afterwards.
struct WriteCase: Sendable, CustomTestStringConvertible {
    let name: String
    let write: @Sendable (_ b: Tensor) -> Void
    let values: [Double]
    let versionBump: Int
    init(_ name: String, _ write: @escaping @Sendable (_ b: Tensor) -> Void, values: [Double], versionBump: Int) {
        self.name = name
        self.write = write
        self.values = values
        self.versionBump = versionBump
    }
    var testDescription: String { name }
}

/// `torch.arange(12.).reshape(3,4).clone()`.
func viewBaseB() -> Tensor { Tensor.arange(12.0).reshape(3, 4).clone() }

enum ViewCases {
    static let all: [ViewCase] = [
        ViewCase("view(4, 3)", base: .b, { b, x, c in b.view(4, 3) },
                 shape: [4, 3], strides: [3, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("view([-1])", base: .b, { b, x, c in b.view([-1]) },
                 shape: [12], strides: [1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("view(2, -1, 2)", base: .b, { b, x, c in b.view(2, -1, 2) },
                 shape: [2, 3, 2], strides: [6, 2, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("view(as:)", base: .b, { b, x, c in b.view(as: Tensor.zeros(6, 2)) },
                 shape: [6, 2], strides: [2, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("reshape(4, 3)", base: .b, { b, x, c in b.reshape(4, 3) },
                 shape: [4, 3], strides: [3, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("reshape([2, 6])", base: .b, { b, x, c in b.reshape([2, 6]) },
                 shape: [2, 6], strides: [6, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("reshape(as:)", base: .b, { b, x, c in b.reshape(as: Tensor.zeros(12)) },
                 shape: [12], strides: [1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("flatten()", base: .b, { b, x, c in b.flatten() },
                 shape: [12], strides: [1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("c.flatten(startDim: 1)", base: .c, { b, x, c in c.flatten(startDim: 1) },
                 shape: [2, 12], strides: [12, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]),
        ViewCase("c.flatten(startDim: 0, endDim: 1)", base: .c, { b, x, c in c.flatten(startDim: 0, endDim: 1) },
                 shape: [6, 4], strides: [4, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]),
        ViewCase("unflatten(dim: 1, sizes: [2, 2])", base: .b, { b, x, c in b.unflatten(dim: 1, sizes: [2, 2]) },
                 shape: [3, 2, 2], strides: [4, 2, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("unflatten(dim: -1, sizes: [-1, 2])", base: .b, { b, x, c in b.unflatten(dim: -1, sizes: [-1, 2]) },
                 shape: [3, 2, 2], strides: [4, 2, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("ravel()", base: .b, { b, x, c in b.ravel() },
                 shape: [12], strides: [1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("t()", base: .b, { b, x, c in b.t() },
                 shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("transpose(0, 1)", base: .b, { b, x, c in b.transpose(0, 1) },
                 shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("transpose(-1, -2)", base: .b, { b, x, c in b.transpose(-1, -2) },
                 shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("permute(1, 0)", base: .b, { b, x, c in b.permute(1, 0) },
                 shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("c.permute(2, 0, 1)", base: .c, { b, x, c in c.permute(2, 0, 1) },
                 shape: [4, 2, 3], strides: [1, 12, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23]),
        ViewCase("c.permute([-1, 1, 0])", base: .c, { b, x, c in c.permute([-1, 1, 0]) },
                 shape: [4, 3, 2], strides: [1, 4, 12], offset: 0, contiguous: false,
                 values: [0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23]),
        ViewCase("mT", base: .b, { b, x, c in b.mT },
                 shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("c.mT", base: .c, { b, x, c in c.mT },
                 shape: [2, 4, 3], strides: [12, 1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23]),
        ViewCase("movedim(0, 1)", base: .b, { b, x, c in b.movedim(0, 1) },
                 shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("c.movedim(0, 2)", base: .c, { b, x, c in c.movedim(0, 2) },
                 shape: [3, 4, 2], strides: [4, 1, 12], offset: 0, contiguous: false,
                 values: [0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23]),
        ViewCase("narrow(dim: 1, start: 1, length: 2)", base: .b, { b, x, c in b.narrow(dim: 1, start: 1, length: 2) },
                 shape: [3, 2], strides: [4, 1], offset: 1, contiguous: false,
                 values: [1, 2, 5, 6, 9, 10]),
        ViewCase("narrow(dim: 0, start: -2, length: 2)", base: .b, { b, x, c in b.narrow(dim: 0, start: -2, length: 2) },
                 shape: [2, 4], strides: [4, 1], offset: 4, contiguous: true,
                 values: [4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("select(dim: 0, index: 1)", base: .b, { b, x, c in b.select(dim: 0, index: 1) },
                 shape: [4], strides: [1], offset: 4, contiguous: true,
                 values: [4, 5, 6, 7]),
        ViewCase("select(dim: 1, index: -1)", base: .b, { b, x, c in b.select(dim: 1, index: -1) },
                 shape: [3], strides: [4], offset: 3, contiguous: false,
                 values: [3, 7, 11]),
        ViewCase("c.select(dim: 2, index: 3)", base: .c, { b, x, c in c.select(dim: 2, index: 3) },
                 shape: [2, 3], strides: [12, 4], offset: 3, contiguous: false,
                 values: [3, 7, 11, 15, 19, 23]),
        ViewCase("b[1]", base: .b, { b, x, c in b[1] },
                 shape: [4], strides: [1], offset: 4, contiguous: true,
                 values: [4, 5, 6, 7]),
        ViewCase("b[.all, 1]", base: .b, { b, x, c in b[.all, 1] },
                 shape: [3], strides: [4], offset: 1, contiguous: false,
                 values: [1, 5, 9]),
        ViewCase("b[1..., .slice(step: 2)]", base: .b, { b, x, c in b[1..., .slice(step: 2)] },
                 shape: [2, 2], strides: [4, 2], offset: 4, contiguous: false,
                 values: [4, 6, 8, 10]),
        ViewCase("b[..., 0]", base: .b, { b, x, c in b[..., 0] },
                 shape: [3], strides: [4], offset: 0, contiguous: false,
                 values: [0, 4, 8]),
        ViewCase("unsqueeze(dim: 0)", base: .b, { b, x, c in b.unsqueeze(dim: 0) },
                 shape: [1, 3, 4], strides: [12, 4, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("unsqueeze(dim: 1)", base: .b, { b, x, c in b.unsqueeze(dim: 1) },
                 shape: [3, 1, 4], strides: [4, 4, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("unsqueeze(dim: -1)", base: .b, { b, x, c in b.unsqueeze(dim: -1) },
                 shape: [3, 4, 1], strides: [4, 1, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("unsqueeze(dim: 0).squeeze()", base: .b, { b, x, c in b.unsqueeze(dim: 0).squeeze() },
                 shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("unsqueeze(dim: 1).squeeze(dim: 1)", base: .b, { b, x, c in b.unsqueeze(dim: 1).squeeze(dim: 1) },
                 shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("squeeze(dim: 0) not size 1", base: .b, { b, x, c in b.squeeze(dim: 0) },
                 shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("b[0..<1].squeeze()", base: .b, { b, x, c in b[0..<1].squeeze() },
                 shape: [4], strides: [1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3]),
        ViewCase("b[0..<1].expand(5, 4)", base: .b, { b, x, c in b[0..<1].expand(5, 4) },
                 shape: [5, 4], strides: [0, 1], offset: 0, contiguous: false,
                 values: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]),
        ViewCase("b[.all, 1..<2].expand(-1, 3)", base: .b, { b, x, c in b[.all, 1..<2].expand(-1, 3) },
                 shape: [3, 3], strides: [4, 0], offset: 1, contiguous: false,
                 values: [1, 1, 1, 5, 5, 5, 9, 9, 9]),
        ViewCase("expand(2, 3, 4)", base: .b, { b, x, c in b.expand(2, 3, 4) },
                 shape: [2, 3, 4], strides: [0, 4, 1], offset: 0, contiguous: false,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("expand(as:)", base: .b, { b, x, c in b[0..<1].expand(as: Tensor.zeros(2, 4)) },
                 shape: [2, 4], strides: [0, 1], offset: 0, contiguous: false,
                 values: [0, 1, 2, 3, 0, 1, 2, 3]),
        ViewCase("b[2].expand([2, 4])", base: .b, { b, x, c in b[2].expand([2, 4]) },
                 shape: [2, 4], strides: [0, 1], offset: 8, contiguous: false,
                 values: [8, 9, 10, 11, 8, 9, 10, 11]),
        ViewCase("diagonal()", base: .b, { b, x, c in b.diagonal() },
                 shape: [3], strides: [5], offset: 0, contiguous: false,
                 values: [0, 5, 10]),
        ViewCase("diagonal(offset: 1)", base: .b, { b, x, c in b.diagonal(offset: 1) },
                 shape: [3], strides: [5], offset: 1, contiguous: false,
                 values: [1, 6, 11]),
        ViewCase("diagonal(offset: -1)", base: .b, { b, x, c in b.diagonal(offset: -1) },
                 shape: [2], strides: [5], offset: 4, contiguous: false,
                 values: [4, 9]),
        ViewCase("diagonal(offset: 5)", base: .b, { b, x, c in b.diagonal(offset: 5) },
                 shape: [0], strides: [5], offset: 0, contiguous: true,
                 values: []),
        ViewCase("diagonal(dim1: 1, dim2: 0)", base: .b, { b, x, c in b.diagonal(dim1: 1, dim2: 0) },
                 shape: [3], strides: [5], offset: 0, contiguous: false,
                 values: [0, 5, 10]),
        ViewCase("c.diagonal(offset: 1, dim1: 1, dim2: 2)", base: .c, { b, x, c in c.diagonal(offset: 1, dim1: 1, dim2: 2) },
                 shape: [2, 3], strides: [12, 5], offset: 1, contiguous: false,
                 values: [1, 6, 11, 13, 18, 23]),
        ViewCase("unfold(dim: 1, size: 2, step: 1)", base: .b, { b, x, c in b.unfold(dim: 1, size: 2, step: 1) },
                 shape: [3, 3, 2], strides: [4, 1, 1], offset: 0, contiguous: false,
                 values: [0, 1, 1, 2, 2, 3, 4, 5, 5, 6, 6, 7, 8, 9, 9, 10, 10, 11]),
        ViewCase("unfold(dim: 0, size: 2, step: 1)", base: .b, { b, x, c in b.unfold(dim: 0, size: 2, step: 1) },
                 shape: [2, 4, 2], strides: [4, 1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 1, 5, 2, 6, 3, 7, 4, 8, 5, 9, 6, 10, 7, 11]),
        ViewCase("unfold(dim: 1, size: 2, step: 2)", base: .b, { b, x, c in b.unfold(dim: 1, size: 2, step: 2) },
                 shape: [3, 2, 2], strides: [4, 2, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("unfold(dim: 1, size: 3, step: 2)", base: .b, { b, x, c in b.unfold(dim: 1, size: 3, step: 2) },
                 shape: [3, 1, 3], strides: [4, 2, 1], offset: 0, contiguous: false,
                 values: [0, 1, 2, 4, 5, 6, 8, 9, 10]),
        ViewCase("x.asStrided([3, 3], [3, 1])", base: .x, { b, x, c in x.asStrided([3, 3], [3, 1]) },
                 shape: [3, 3], strides: [3, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8]),
        ViewCase("x.asStrided([2, 2], [1, 2], storageOffset: 1)", base: .x, { b, x, c in x.asStrided([2, 2], [1, 2], storageOffset: 1) },
                 shape: [2, 2], strides: [1, 2], offset: 1, contiguous: false,
                 values: [1, 3, 2, 4]),
        ViewCase("x.asStrided([3], [4])", base: .x, { b, x, c in x.asStrided([3], [4]) },
                 shape: [3], strides: [4], offset: 0, contiguous: false,
                 values: [0, 4, 8]),
        ViewCase("x.asStrided([3, 3], [2, 1])", base: .x, { b, x, c in x.asStrided([3, 3], [2, 1]) },
                 shape: [3, 3], strides: [2, 1], offset: 0, contiguous: false,
                 values: [0, 1, 2, 2, 3, 4, 4, 5, 6]),
        ViewCase("x[2...].asStrided([2], [3])", base: .x, { b, x, c in x[2...].asStrided([2], [3]) },
                 shape: [2], strides: [3], offset: 2, contiguous: false,
                 values: [2, 5]),
        ViewCase("x.asStrided([0, 5], [1, 1], storageOffset: 9)", base: .x, { b, x, c in x.asStrided([0, 5], [1, 1], storageOffset: 9) },
                 shape: [0, 5], strides: [1, 1], offset: 9, contiguous: true,
                 values: []),
        ViewCase("t().narrow(dim: 0, start: 1, length: 2)", base: .b, { b, x, c in b.t().narrow(dim: 0, start: 1, length: 2) },
                 shape: [2, 3], strides: [1, 4], offset: 1, contiguous: false,
                 values: [1, 5, 9, 2, 6, 10]),
        ViewCase("t()[1...]", base: .b, { b, x, c in b.t()[1...] },
                 shape: [3, 3], strides: [1, 4], offset: 1, contiguous: false,
                 values: [1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("b[1...].t()", base: .b, { b, x, c in b[1...].t() },
                 shape: [4, 2], strides: [1, 4], offset: 4, contiguous: false,
                 values: [4, 8, 5, 9, 6, 10, 7, 11]),
        ViewCase("t().unsqueeze(dim: 1)", base: .b, { b, x, c in b.t().unsqueeze(dim: 1) },
                 shape: [4, 1, 3], strides: [1, 12, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("t().view(2, 2, 3)", base: .b, { b, x, c in b.t().view(2, 2, 3) },
                 shape: [2, 2, 3], strides: [2, 1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("t().reshape(4, 3)", base: .b, { b, x, c in b.t().reshape(4, 3) },
                 shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false,
                 values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]),
        ViewCase("unfold(dim: 1, size: 2, step: 1)[1]", base: .b, { b, x, c in b.unfold(dim: 1, size: 2, step: 1)[1] },
                 shape: [3, 2], strides: [1, 1], offset: 4, contiguous: false,
                 values: [4, 5, 5, 6, 6, 7]),
        ViewCase("diagonal()[1...]", base: .b, { b, x, c in b.diagonal()[1...] },
                 shape: [2], strides: [5], offset: 5, contiguous: false,
                 values: [5, 10]),
        ViewCase("b[1..., 1...].t()", base: .b, { b, x, c in b[1..., 1...].t() },
                 shape: [3, 2], strides: [1, 4], offset: 5, contiguous: false,
                 values: [5, 9, 6, 10, 7, 11]),
        ViewCase("b[1..., 1...].t().diagonal()", base: .b, { b, x, c in b[1..., 1...].t().diagonal() },
                 shape: [2], strides: [5], offset: 5, contiguous: false,
                 values: [5, 10]),
        ViewCase("b[.all, .slice(1, nil, step: 2)].t()[1]", base: .b, { b, x, c in b[.all, .slice(1, nil, step: 2)].t()[1] },
                 shape: [3], strides: [4], offset: 3, contiguous: false,
                 values: [3, 7, 11]),
        ViewCase("b.view(2, 6)[1].view(3, 2)", base: .b, { b, x, c in b.view(2, 6)[1].view(3, 2) },
                 shape: [3, 2], strides: [2, 1], offset: 6, contiguous: true,
                 values: [6, 7, 8, 9, 10, 11]),
        ViewCase("b[1].unsqueeze(dim: 0).expand(3, 4)", base: .b, { b, x, c in b[1].unsqueeze(dim: 0).expand(3, 4) },
                 shape: [3, 4], strides: [0, 1], offset: 4, contiguous: false,
                 values: [4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7]),
        ViewCase("b.t().t()", base: .b, { b, x, c in b.t().t() },
                 shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true,
                 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ViewCase("c.permute(2, 0, 1)[1...].select(dim: 2, index: 2)", base: .c, { b, x, c in c.permute(2, 0, 1)[1...].select(dim: 2, index: 2) },
                 shape: [3, 2], strides: [1, 12], offset: 9, contiguous: false,
                 values: [9, 21, 10, 22, 11, 23]),
        ViewCase("c[1].t().unfold(dim: 0, size: 2, step: 2)", base: .c, { b, x, c in c[1].t().unfold(dim: 0, size: 2, step: 2) },
                 shape: [2, 3, 2], strides: [2, 4, 1], offset: 12, contiguous: false,
                 values: [12, 13, 16, 17, 20, 21, 14, 15, 18, 19, 22, 23]),
        ViewCase("c.transpose(0, 2).narrow(dim: 2, start: 1, length: 1).squeeze(dim: 2)", base: .c, { b, x, c in c.transpose(0, 2).narrow(dim: 2, start: 1, length: 1).squeeze(dim: 2) },
                 shape: [4, 3], strides: [1, 4], offset: 12, contiguous: false,
                 values: [12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23]),
    ]

    static let writes: [WriteCase] = [
        WriteCase("b[1].fill_(-1)", { b in b[1].fill_(-1) }, values: [0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11], versionBump: 1),
        WriteCase("b[.all, 0] = [100, 101, 102]", { b in b[.all, 0] = Tensor([100.0, 101, 102]) }, values: [100, 1, 2, 3, 101, 5, 6, 7, 102, 9, 10, 11], versionBump: 1),
        WriteCase("b.t()[0, 2] = 555", { b in b.t()[0, 2] = 555 }, values: [0, 1, 2, 3, 4, 5, 6, 7, 555, 9, 10, 11], versionBump: 1),
        WriteCase("narrow(dim: 1, start: 1, length: 2).zero_()", { b in b.narrow(dim: 1, start: 1, length: 2).zero_() }, values: [0, 0, 0, 3, 4, 0, 0, 7, 8, 0, 0, 11], versionBump: 1),
        WriteCase("diagonal().fill_(7)", { b in b.diagonal().fill_(7) }, values: [7, 1, 2, 3, 4, 7, 6, 7, 8, 9, 7, 11], versionBump: 1),
        WriteCase("view(12)[5] = 50", { b in b.view(12)[5] = 50 }, values: [0, 1, 2, 3, 4, 50, 6, 7, 8, 9, 10, 11], versionBump: 1),
        WriteCase("t()[1...][0] = [-1, -2, -3]", { b in b.t()[1...][0] = Tensor([-1.0, -2, -3]) }, values: [0, -1, 2, 3, 4, -2, 6, 7, 8, -3, 10, 11], versionBump: 1),
        WriteCase("b[1..., .slice(step: 2)].copy_", { b in b[1..., .slice(step: 2)].copy_(Tensor([[9.0, 8], [7, 6]])) }, values: [0, 1, 2, 3, 9, 5, 8, 7, 7, 9, 6, 11], versionBump: 1),
        WriteCase("unsqueeze(dim: 0).expand(2, 3, 4)[0, 2].fill_(0)", { b in b.unsqueeze(dim: 0).expand(2, 3, 4)[0, 2].fill_(0) }, values: [0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0], versionBump: 1),
        WriteCase("unfold(dim: 1, size: 2, step: 2)[.all, 1, 0].fill_(-5)", { b in b.unfold(dim: 1, size: 2, step: 2)[.all, 1, 0].fill_(-5) }, values: [0, 1, -5, 3, 4, 5, -5, 7, 8, 9, -5, 11], versionBump: 1),
        WriteCase("reshape(2, 6)[1].copy_(arange(6))", { b in b.reshape(2, 6)[1].copy_(Tensor.arange(6.0)) }, values: [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], versionBump: 1),
        WriteCase("permute(1, 0)[..., 1] = 3.5", { b in b.permute(1, 0)[..., 1] = Tensor(3.5) }, values: [0, 1, 2, 3, 3.5, 3.5, 3.5, 3.5, 8, 9, 10, 11], versionBump: 1),
        WriteCase("asStrided([2, 2], [1, 4], 1).fill_(0)", { b in b.asStrided([2, 2], [1, 4], storageOffset: 1).fill_(0) }, values: [0, 0, 0, 3, 4, 0, 0, 7, 8, 9, 10, 11], versionBump: 1),
        WriteCase("select(dim: 1, index: 3).copy_(bool)", { b in b.select(dim: 1, index: 3).copy_(Tensor([true, false, true])) }, values: [0, 1, 2, 1, 4, 5, 6, 0, 8, 9, 10, 1], versionBump: 1),
        WriteCase("flatten()[.slice(step: 5)] = 1", { b in b.flatten()[.slice(step: 5)] = 1 }, values: [1, 1, 2, 3, 4, 1, 6, 7, 8, 9, 1, 11], versionBump: 1),
    ]
}

// MARK: - View ops

@Suite struct ViewOpTests {
    @Test(arguments: ViewCases.all)
    func layoutAndValues(_ c: ViewCase) {
        let b = viewBaseB()
        let x = Tensor.arange(9.0)
        let cube = Tensor.arange(24.0).reshape(2, 3, 4).clone()
        let base = switch c.base {
        case .b: b
        case .x: x
        case .c: cube
        }
        let v = c.op(b, x, cube)
        expectLayout(v, shape: c.shape, strides: c.strides, offset: c.offset, contiguous: c.contiguous)
        expectTensor(v, shape: c.shape, values: c.values, dtype: .float32)
        #expect(sharesStorage(v, base), "a view shares its base's storage")
        #expect(v.isView)
        #expect(v.version == base.version)
    }

    /// `b.narrow(1, 4, 0)`: an empty view still starts at `start` (storage_offset 4), as
    /// PyTorch's `slice` computes the offset before the length.
    @Test
    func emptyNarrowOffset() {
        let b = viewBaseB()
        let v = b.narrow(dim: 1, start: 4, length: 0)
        #expect(v.shape == [3, 0])
        #expect(v.strides == [4, 1])
        #expect(sharesStorage(v, b))
        #expect(v.storageOffset == 4)
    }

    /// `b[None]` has strides (12, 4, 1): the new dim gets `size * stride` of the dim after it, as `unsqueeze(0)`.
    @Test
    func newAxisStride() {
        let b = viewBaseB()
        let v = b[.newAxis]
        #expect(v.shape == [1, 3, 4])
        #expect(v.storageOffset == 0)
        #expect(v.isContiguous)
        expectTensor(v, shape: [1, 3, 4], values: (0..<12).map(Double.init))
        #expect(v.strides == [12, 4, 1])
        #expect(b.unsqueeze(dim: 0).strides == [12, 4, 1])
    }

    /// Every view sees a write made to its base after it was taken.
    @Test(arguments: ViewCases.all)
    func seesLaterWritesToBase(_ c: ViewCase) {
        let b = viewBaseB()
        let x = Tensor.arange(9.0)
        let cube = Tensor.arange(24.0).reshape(2, 3, 4).clone()
        let v = c.op(b, x, cube)
        switch c.base {
        case .b: b.fill_(-2)
        case .x: x.fill_(-2)
        case .c: cube.fill_(-2)
        }
        #expect(v.scalars(as: Double.self) == [Double](repeating: -2, count: c.values.count))
    }

    /// As in PyTorch, `contiguous()` returns `self` when nothing changes, and a
    /// row-major copy otherwise.
    @Test func contiguous() {
        let b = viewBaseB()
        #expect(b.contiguous() === b)
        let narrowRows = b[1...]
        #expect(narrowRows.contiguous() === narrowRows)
        let t = b.t()
        let c = t.contiguous()
        #expect(c !== t)
        #expect(!sharesStorage(c, b))
        expectLayout(c, shape: [4, 3], strides: [3, 1], offset: 0, contiguous: true)
        expectTensor(c, shape: [4, 3], values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        #expect(!c.isView)
    }

    @Test func stridesOfFreshTensors() {
        expectLayout(Tensor.ones(2, 3, 4), shape: [2, 3, 4], strides: [12, 4, 1], offset: 0, contiguous: true)
        expectLayout(Tensor.ones(2, 3, 4).permute(2, 0, 1), shape: [4, 2, 3], strides: [1, 12, 4], offset: 0,
                     contiguous: false)
        expectLayout(Tensor.empty(2, 0, 3), shape: [2, 0, 3], strides: [3, 3, 1], offset: 0, contiguous: true)
        expectLayout(Tensor.empty(0), shape: [0], strides: [1], offset: 0, contiguous: true)
        expectLayout(Tensor.ones(2, 1, 3), shape: [2, 1, 3], strides: [3, 3, 1], offset: 0, contiguous: true)
        expectLayout(Tensor.ones(2, 3, 1), shape: [2, 3, 1], strides: [3, 1, 1], offset: 0, contiguous: true)
        expectLayout(Tensor(5.0), shape: [], strides: [], offset: 0, contiguous: true)
    }

    /// `is_contiguous()` ignores the strides of size-1 dims: `ones(3,1).t()` is contiguous.
    @Test func sizeOneDimsIgnoredByContiguity() {
        let t = Tensor.ones(3, 1).t()
        expectLayout(t, shape: [1, 3], strides: [1, 1], offset: 0, contiguous: true)
        let e = Tensor.zeros(0, 3)
        #expect(e.t().isContiguous)
        expectLayout(e.view(3, 0), shape: [3, 0], strides: [1, 1], offset: 0, contiguous: true)
    }

    /// `y = x[3:]` of float32: the data pointer moves 12 bytes and `storage_offset()` is 3.
    @Test func slicedPointerAndOffset() {
        let x = Tensor.arange(6.0)
        let y = x[3...]
        #expect(y.storageOffset == 3)
        let px = x.withUnsafeBufferPointer(as: Float.self) { UnsafeRawPointer($0.baseAddress!) }
        let py = y.withUnsafeBufferPointer(as: Float.self) { UnsafeRawPointer($0.baseAddress!) }
        #expect(py - px == 12)
        #expect(px == UnsafeRawPointer(x.storage.data))
    }

    @Test func detachSharesStorageButIsNotAView() {
        let b = viewBaseB()
        let d = b.detach()
        #expect(sharesStorage(d, b))
        #expect(!d.isView)
        expectLayout(d, shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true)
        let dt = b.t().detach()
        expectLayout(dt, shape: [4, 3], strides: [1, 4], offset: 0, contiguous: false)
    }

    @Test func zeroDimViews() {
        let s = Tensor(5.0)
        expectLayout(s.reshape(1, 1), shape: [1, 1], strides: [1, 1], offset: 0, contiguous: true)
        #expect(sharesStorage(s.reshape(1, 1), s))
        expectLayout(s.reshape([]), shape: [], strides: [], offset: 0, contiguous: true)
        expectLayout(s.flatten(), shape: [1], strides: [1], offset: 0, contiguous: true)
        expectLayout(s.ravel(), shape: [1], strides: [1], offset: 0, contiguous: true)
        expectLayout(s.view(-1), shape: [1], strides: [1], offset: 0, contiguous: true)
        expectLayout(s.unsqueeze(dim: 0), shape: [1], strides: [1], offset: 0, contiguous: true)
        expectLayout(s.squeeze(dim: 0), shape: [], strides: [], offset: 0, contiguous: true)
        expectLayout(s.expand(2, 3), shape: [2, 3], strides: [0, 0], offset: 0, contiguous: false)
        expectLayout(s.transpose(0, 0), shape: [], strides: [], offset: 0, contiguous: true)
        expectLayout(s.t(), shape: [], strides: [], offset: 0, contiguous: true)
        expectLayout(s.unfold(dim: 0, size: 1, step: 1), shape: [1], strides: [1], offset: 0, contiguous: true)
        expectTensor(s.expand(2, 3), shape: [2, 3], values: [Double](repeating: 5, count: 6))
    }

    /// `squeeze(d)` on a dim whose size is not 1 does nothing; `expand(-1, n)` keeps a size.
    @Test func squeezeAndExpandKeepSizes() {
        let b = viewBaseB()
        expectLayout(b.squeeze(dim: 1), shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true)
        expectLayout(b.squeeze(), shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true)
        expectLayout(b.expand(-1, 4), shape: [3, 4], strides: [4, 1], offset: 0, contiguous: true)
        expectLayout(Tensor.ones(1, 3, 1).squeeze(), shape: [3], strides: [1], offset: 0, contiguous: true)
        expectLayout(Tensor.ones(1, 3, 1).squeeze(dim: -1), shape: [1, 3], strides: [3, 1], offset: 0, contiguous: true)
    }
}

// MARK: - Writes through views

@Suite struct ViewWriteTests {
    @Test(arguments: ViewCases.writes)
    func writeReachesBase(_ c: WriteCase) {
        let b = viewBaseB()
        let before = b.version
        c.write(b)
        expectTensor(b, shape: [3, 4], values: c.values)
        #expect(b.version - before == c.versionBump)
    }

    /// `a3 = x.as_strided((3,),(4,)); a3[0] = -5` modifies `x`.
    @Test func asStridedWrite() {
        let x = Tensor.arange(9.0)
        let a3 = x.asStrided([3], [4])
        a3[0] = -5
        expectTensor(x, shape: [9], values: [-5, 1, 2, 3, 4, 5, 6, 7, 8])
        expectTensor(a3, shape: [3], values: [-5, 4, 8])
    }

    /// A write to the base shows in a view taken before it, and the other way round.
    @Test func writesBothWays() {
        let b = viewBaseB()
        let v = b.t()[1...]
        b[0, 1] = 100
        expectTensor(v, shape: [3, 3], values: [100, 5, 9, 2, 6, 10, 3, 7, 11])
        v[2, 2] = -1
        expectTensor(b, shape: [3, 4], values: [0, 100, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1])
    }

    /// Writing through a detached tensor changes the original (shared storage).
    @Test func detachedWrite() {
        let b = viewBaseB()
        b.detach()[0].fill_(9)
        expectTensor(b, shape: [3, 4], values: [9, 9, 9, 9, 4, 5, 6, 7, 8, 9, 10, 11])
    }
}

// MARK: - reshape: a view when possible, a copy when not

@Suite struct ReshapeTests {
    @Test func copiesOnlyWhenItMust() {
        let b = viewBaseB()
        // Views (share storage).
        #expect(sharesStorage(b.reshape(4, 3), b))
        let r223 = b.t().reshape(2, 2, 3)
        #expect(sharesStorage(r223, b))
        expectLayout(r223, shape: [2, 2, 3], strides: [2, 1, 4], offset: 0, contiguous: false)
        let stepView = b[.all, .slice(nil, nil, step: 2)].reshape(6)
        #expect(sharesStorage(stepView, b))
        expectLayout(stepView, shape: [6], strides: [2], offset: 0, contiguous: false)
        expectTensor(stepView, shape: [6], values: [0, 2, 4, 6, 8, 10])
        let rows = b[1...].reshape(8)
        #expect(sharesStorage(rows, b))
        expectLayout(rows, shape: [8], strides: [1], offset: 4, contiguous: true)
        let rows222 = b[1...].reshape(2, 2, 2)
        expectLayout(rows222, shape: [2, 2, 2], strides: [4, 2, 1], offset: 4, contiguous: true)
        let expanded = b[0..<1].expand(2, 4)
        let e222 = expanded.reshape(2, 2, 2)
        #expect(sharesStorage(e222, b))
        expectLayout(e222, shape: [2, 2, 2], strides: [0, 2, 1], offset: 0, contiguous: false)
        let diag = b.diagonal().reshape(3, 1)
        #expect(sharesStorage(diag, b))
        expectLayout(diag, shape: [3, 1], strides: [5, 5], offset: 0, contiguous: false)

        // Copies (own storage, row-major).
        let t12 = b.t().reshape(12)
        #expect(!sharesStorage(t12, b))
        expectLayout(t12, shape: [12], strides: [1], offset: 0, contiguous: true)
        expectTensor(t12, shape: [12], values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        let t26 = b.t().reshape(2, 6)
        #expect(!sharesStorage(t26, b))
        expectLayout(t26, shape: [2, 6], strides: [6, 1], offset: 0, contiguous: true)
        let e8 = expanded.reshape(8)
        #expect(!sharesStorage(e8, b))
        expectTensor(e8, shape: [8], values: [0, 1, 2, 3, 0, 1, 2, 3])
        let ef = expanded.flatten()
        #expect(!sharesStorage(ef, b))
        let tf = b.t().flatten()
        #expect(!sharesStorage(tf, b))
        expectTensor(tf, shape: [12], values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        let tr = b.t().ravel()
        #expect(!sharesStorage(tr, b))
        expectTensor(tr, shape: [12], values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])

        // A copy does not see later writes to the base.
        b.fill_(0)
        expectTensor(t12, shape: [12], values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        #expect(rows.scalars(as: Double.self) == [Double](repeating: 0, count: 8))
    }

    /// `b.t().view(2,2,3)` is allowed (it only splits a dim); `b.t().view(12)` is not.
    @Test func viewOfTransposeSplitsOnly() {
        let b = viewBaseB()
        expectLayout(b.t().view(2, 2, 3), shape: [2, 2, 3], strides: [2, 1, 4], offset: 0, contiguous: false)
        expectTensorError(.runtimeError,
            "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
        ) { _ = b.t().view(12) }
    }
}

// MARK: - Version counter

@Suite struct VersionCounterTests {
    /// The sequence of `_version` values PyTorch gives for the same steps:
    /// `[0, 1, 2, 3, (4, 4), 5, (6, 6), 0, 7, 7, 7, 0, 8]`.
    @Test func bumpsOnEachInPlaceWrite() {
        let x = Tensor.zeros(3)
        #expect(x.version == 0)
        x.fill_(1)
        #expect(x.version == 1)
        x[0] = 5
        #expect(x.version == 2)
        x[1...] = Tensor([1.0, 2])
        #expect(x.version == 3)
        let v = x[1...]
        v.zero_()
        #expect(x.version == 4)
        #expect(v.version == 4)
        x.copy_(Tensor.ones(3))
        #expect(x.version == 5)
        let d = x.detach()
        d.fill_(3)
        #expect(x.version == 6)
        #expect(d.version == 6)
        let c = x.clone()
        #expect(c.version == 0)
        x.zero_()
        #expect(x.version == 7)
        #expect(x.unsqueeze(dim: 0).version == 7)
        #expect(x.view(3).version == 7)
        #expect(x.to(.float64).version == 0)
        x[0].fill_(1)
        #expect(x.version == 8)
    }

    /// Reading, viewing and copying out do not bump it; `requiresGrad` and `grad` do not either.
    @Test func readsDoNotBump() {
        let x = Tensor.arange(6.0).reshape(2, 3)
        let before = x.version
        _ = x.scalars(as: Float.self)
        _ = x.t().contiguous()
        _ = x.reshape(3, 2)
        _ = x.description
        _ = x[1, 2].item()
        x.requiresGrad = true
        x.grad = Tensor.ones(2, 3)
        #expect(x.version == before)
    }
}
