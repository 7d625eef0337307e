// TranscriptInPlaceTests.swift
//
// Writes: in-place ops through views (transposed, sliced, selected) landing in the base, the
// version counter they bump, broadcasting and dtype rules of in-place ops and `copy_`, subscript
// assignment (slices, masks, repeated indices, ellipsis), overlapping writes, and the error for
// writing into an expanded tensor. (`t[mask] += 1` is not here: Swift reads it as a number plus
// a number, which needs a one-element selection; see SubscriptTests.)
//
// Transcript tests (EmberTestSupport's Transcripts.swift): each case is a line of PyTorch, what
// PyTorch 2.15 printed for it, and the same line in Ember, which must print the same. Each case is
// a function body whose results are printed one per line (`T = torch.tensor`).

import Testing
import Ember
import EmberTestSupport

@Suite struct TranscriptInPlaceTests {
    static let cases: [TranscriptCase] = [
        transcript("v1", "a=torch.zeros(3); b=a[1:]; b.add_(1); return (a, a._version, b._version)",
                   "tensor([0., 1., 1.])\n1\n1") { let a = Tensor.zeros(3); let b = a[1...]; b.add_(1); return .text("\(a)\n\(a.version)\n\(b.version)") },
        transcript("v2", "a=torch.zeros(2,2); a.t().mul_(2); a[0].fill_(3); return (a, a._version)",
                   "tensor([[3., 3.],\n        [0., 0.]])\n2") { let a = Tensor.zeros(2, 2); a.t().mul_(2); a[0].fill_(3); return .text("\(a)\n\(a.version)") },
        transcript("v5", "a=torch.zeros(2,3); a[:, 1] = T([5., 6.]); return (a, a._version)",
                   "tensor([[0., 5., 0.],\n        [0., 6., 0.]])\n1") { let a = Tensor.zeros(2, 3); a[.all, 1] = T([5, 6]); return .text("\(a)\n\(a.version)") },
        transcript("v6", "a=torch.ones(3); b=a.view(3); b.exp_(); return (a, a._version)",
                   "tensor([2.7183, 2.7183, 2.7183])\n1") { let a = Tensor.ones(3); let b = a.view(3); b.exp_(); return .text("\(a)\n\(a.version)") },
        transcript("v7", "a=torch.ones(2,3); a.add_(T([1., 2., 3.])); return a",
                   "tensor([[2., 3., 4.],\n        [2., 3., 4.]])") { let a = Tensor.ones(2, 3); a.add_(T([1, 2, 3])); return .t(a) },
        transcript("v8", "a=torch.ones(3); a.clamp_(min=2); a.sqrt_(); return a",
                   "tensor([1.4142, 1.4142, 1.4142])") { let a = Tensor.ones(3); a.clamp_(min: 2); a.sqrt_(); return .t(a) },
        transcript("v9", "a=torch.arange(6.).view(2,3); a.copy_(T([1., 2., 3.])); return a",
                   "tensor([[1., 2., 3.],\n        [1., 2., 3.]])") { let a = Tensor.arange(6.0).view(2, 3); a.copy_(T([1, 2, 3])); return .t(a) },
        transcript("v10", "a=torch.ones(2, dtype=torch.int32); a.add_(T([1, 2])); return a",
                   "tensor([2, 3], dtype=torch.int32)") { let a = Tensor.ones(2, dtype: .int32); a.add_(I([1, 2])); return .t(a) },
        transcript("v11", "a=torch.ones(2); a.mul_(T(True)); return a",
                   "tensor([1., 1.])") { let a = Tensor.ones(2); a.mul_(Tensor(true)); return .t(a) },
        transcript("v12", "a=torch.ones(2); a.copy_(T([1, 2])); return (a, a.dtype)",
                   "tensor([1., 2.])\ntorch.float32") { let a = Tensor.ones(2); a.copy_(I([1, 2])); return .text("\(a)\n\(a.dtype)") },
        transcript("v13", "a=torch.ones(2, dtype=torch.int64); a.copy_(T([1.7, -1.7])); return a",
                   "tensor([ 1, -1])") { let a = Tensor.ones(2, dtype: .int64); a.copy_(T([1.7, -1.7])); return .t(a) },
        transcript("v14", "a=torch.arange(6.).view(2,3); b=a.t(); b.add_(torch.ones(3, 2)); return a",
                   "tensor([[1., 2., 3.],\n        [4., 5., 6.]])") { let a = Tensor.arange(6.0).view(2, 3); let b = a.t(); b.add_(Tensor.ones(3, 2)); return .t(a) },
        transcript("v16", "a=torch.zeros(3); a[...] = 7; return a",
                   "tensor([7., 7., 7.])") { let a = Tensor.zeros(3); a[...] = Tensor(7.0); return .t(a) },
        transcript("v17", "a=torch.zeros(2, 2); a[0][1] = 4; return a",
                   "tensor([[0., 4.],\n        [0., 0.]])") { let a = Tensor.zeros(2, 2); a[0][1] = Tensor(4.0); return .t(a) },
        transcript("v18", "a=torch.zeros(3); a[T([True, False, True])] = T([1., 2.]); return a",
                   "tensor([1., 0., 2.])") { let a = Tensor.zeros(3); a[Tensor([true, false, true])] = T([1, 2]); return .t(a) },
        transcript("v19", "a=torch.zeros(2); a.zero_(); a.fill_(2.5); return (a, a._version)",
                   "tensor([2.5000, 2.5000])\n2") { let a = Tensor.zeros(2); a.zero_(); a.fill_(2.5); return .text("\(a)\n\(a.version)") },
        transcript("v20", "a=torch.ones(3); b=a.detach(); b.add_(1); return (a, a._version)",
                   "tensor([2., 2., 2.])\n1") { let a = Tensor.ones(3); let b = a.detach(); b.add_(1); return .text("\(a)\n\(a.version)") },
        transcript("v21", "a=torch.ones(1, 3).expand(2, 3); a.add_(1)",
                   "ERROR: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.") { let a = Tensor.ones(1, 3).expand(2, 3); a.add_(1); return .text("None") },
        transcript("v22", "a=torch.zeros(3); a[1:].copy_(a[:-1] + 1); return a",
                   "tensor([0., 1., 1.])") { let a = Tensor.zeros(3); a[1...].copy_(a[..<(-1)] + 1); return .t(a) },
        transcript("v23", "a=torch.arange(5.); a[1:] = a[:-1].clone(); return a",
                   "tensor([0., 0., 1., 2., 3.])") { let a = Tensor.arange(5.0); a[1...] = a[..<(-1)].clone(); return .t(a) },
        transcript("v24", "a=torch.zeros(2,3); a.unsqueeze(0).squeeze(0)[1].add_(1); return a",
                   "tensor([[0., 0., 0.],\n        [1., 1., 1.]])") { let a = Tensor.zeros(2, 3); a.unsqueeze(dim: 0).squeeze(dim: 0)[1].add_(1); return .t(a) },
        transcript("v25", "a=torch.zeros(2,3); a.masked_fill_(T([[True], [False]]), 1.); return a",
                   "tensor([[1., 1., 1.],\n        [0., 0., 0.]])") { let a = Tensor.zeros(2, 3); a.maskedFill_(Tensor([[true], [false]]), 1.0); return .t(a) },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
