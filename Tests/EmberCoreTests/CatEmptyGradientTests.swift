// CatEmptyGradientTests.swift
//
// cat with empty inputs that require grad (issue 14, item 3): the output requires grad when any
// input does, even an empty `[0]` input that cat skips, and each empty input gets an empty
// gradient, as PyTorch 2.15 printed:
//
//     import torch
//     e = torch.zeros(0, dtype=torch.float64, requires_grad=True)
//     a = torch.tensor([[1., 2], [3, 4]], dtype=torch.float64)
//     r = torch.cat([a, e]); print(r.requires_grad, r.grad_fn, r.shape)   # True CatBackward0 [2, 2]
//     r.sum().backward(); print(e.grad)                                   # tensor([], dtype=torch.float64)
//     e2 = torch.zeros(0, 2, dtype=torch.float64, requires_grad=True)
//     b = torch.tensor([[1., 2], [3, 4]], dtype=torch.float64, requires_grad=True)
//     r = torch.cat([b, e2, e]); r.sum().backward(); print(b.grad.tolist(), e2.grad.shape, e.grad.shape)
//     r = torch.cat([e, e]); print(r.requires_grad, r.grad_fn, r.shape); r.sum().backward(); print(e.grad)
//     i = torch.tensor([1, 2])
//     r = torch.cat([i, e]); print(r.dtype, r.requires_grad, r.grad_fn); r.sum().backward(); print(e.grad)
//     r = torch.cat([torch.zeros(3), e]); print(r.dtype, r.requires_grad); r.sum().backward(); print(e.grad)
//     r = torch.stack([e, e]); print(r.shape, r.grad_fn); r.sum().backward(); print(e.grad)
//     x = torch.zeros(2, 0, dtype=torch.float64, requires_grad=True)
//     r = torch.cat([b, x], dim=1); r.sum().backward(); print(x.grad.shape)   # [2, 0]
//     with torch.no_grad(): print(torch.cat([a, e]).requires_grad)           # False
//
// and empty results of the indexing ops are recorded too (an empty gather index is not checked):
//
//     x = torch.tensor([[1., 2], [3, 4]], dtype=torch.float64, requires_grad=True)
//     r = x.gather(1, torch.zeros(2, 0)); print(r.shape, r.grad_fn)                    # [2, 0] GatherBackward0
//     r = x.index_select(0, torch.tensor([], dtype=torch.long)); print(r.shape, r.grad_fn)  # [0, 2] IndexSelectBackward0
//     r = x[torch.tensor([], dtype=torch.long)]; print(r.shape, r.grad_fn)           # [0, 2] IndexBackward0
//     r = x.take(torch.tensor([], dtype=torch.long)); print(r.shape, r.grad_fn)      # [0] TakeBackward0
//     r = x.masked_select(torch.zeros(2, 2, dtype=torch.bool)); print(r.shape, r.grad_fn)  # [0] MaskedSelectBackward0
//     (each r.sum().backward() leaves x.grad zeros)

import Testing
import Ember
import EmberTestSupport

@Suite struct CatEmptyGradientTests {
    let a = Tensor([[1.0, 2], [3, 4]], dtype: .float64)

    func empty(_ shape: Int...) -> Tensor { Tensor.zeros(shape, dtype: .float64, requiresGrad: true) }

    @Test func skippedEmptyInputRequiringGrad() throws {
        let e = empty(0)
        let r = Tensor.cat([a, e])
        #expect(r.requiresGrad)
        #expect(r.gradFn?.name == "CatBackward0")
        #expect(r.shape == [2, 2])
        try r.sum().backward()
        expectGrad(e.grad, shape: [0], [])
        #expect(e.grad?.dtype == .float64)
    }

    @Test func emptyInputsAmongOthers() throws {
        let e = empty(0), e2 = empty(0, 2)
        let b = Tensor([[1.0, 2], [3, 4]], dtype: .float64, requiresGrad: true)
        try Tensor.cat([b, e2, e]).sum().backward()
        expectGrad(b.grad, shape: [2, 2], [1, 1, 1, 1])
        expectGrad(e2.grad, shape: [0, 2], [])
        expectGrad(e.grad, shape: [0], [])
        let x = empty(2, 0)
        try Tensor.cat([b, x], dim: 1).sum().backward()
        expectGrad(x.grad, shape: [2, 0], [])
    }

    @Test func onlyEmptyInputs() throws {
        let e = empty(0)
        let r = Tensor.cat([e, e])
        #expect(r.requiresGrad)
        #expect(r.gradFn?.name == "CatBackward0")
        #expect(r.shape == [0])
        try r.sum().backward()
        expectGrad(e.grad, shape: [0], [])
    }

    @Test func typePromotionWithASkippedInput() throws {
        let e = empty(0)
        let r = Tensor.cat([Tensor([1, 2]), e])
        #expect(r.dtype == .float64)
        #expect(r.requiresGrad)
        #expect(r.gradFn?.name == "CatBackward0")
        try r.sum().backward()
        expectGrad(e.grad, shape: [0], [])
        e.grad = nil
        let f = Tensor.cat([Tensor.zeros(3), e])
        #expect(f.dtype == .float64 && f.requiresGrad)
        try f.sum().backward()
        expectGrad(e.grad, shape: [0], [])
    }

    @Test func stackOfEmpties() throws {
        let e = empty(0)
        let r = Tensor.stack([e, e])
        #expect(r.shape == [2, 0])
        #expect(r.gradFn?.name == "StackBackward0")
        try r.sum().backward()
        expectGrad(e.grad, shape: [0], [])
    }

    @Test func noGradMode() {
        let r = withNoGrad { Tensor.cat([a, empty(0)]) }
        #expect(!r.requiresGrad)
    }
}

@Suite struct EmptyIndexResultNodeTests {
    @Test func emptyResultsAreRecorded() throws {
        let x = Tensor([[1.0, 2], [3, 4]], dtype: .float64, requiresGrad: true)
        let noIndex = Tensor.zeros([0], dtype: .int64)
        let cases: [(String, Tensor, [Int])] = [
            ("GatherBackward0", x.gather(dim: 1, index: Tensor.zeros(2, 0)), [2, 0]),
            ("IndexSelectBackward0", x.indexSelect(dim: 0, index: noIndex), [0, 2]),
            ("IndexBackward0", x[noIndex], [0, 2]),
            ("TakeBackward0", x.take(noIndex), [0]),
            ("MaskedSelectBackward0", x.maskedSelect(Tensor.zeros([2, 2], dtype: .bool)), [0]),
        ]
        for (node, r, shape) in cases {
            #expect(r.gradFn?.name == node)
            #expect(r.shape == shape)
            x.grad = nil
            try r.sum().backward()
            expectGrad(x.grad, shape: [2, 2], [0, 0, 0, 0])
        }
    }
}
