// TranscriptLinearAlgebraTests.swift
//
// einsum (diagonals, traces, ellipses, three operands, spaces, empty dims and its errors) and the
// products (matmul's broadcasting and vector cases, addmm, baddbmm, mv, dot, integer products).
//
// Transcript tests (EmberTestSupport's Transcripts.swift): each case is a line of PyTorch, what
// PyTorch 2.15 printed for it, and the same line in Ember, which must print the same. The Python
// lines use `T = torch.tensor` and `a = lambda *s:
// torch.arange(float(torch.Size(s).numel())).view(*s) / 10`.

import Testing
import Ember
import EmberTestSupport

private func a(_ s: Int...) -> Tensor { Tensor.arange(Double(s.reduce(1, *))).view(s) / 10 }
private func E(_ eq: String, _ ops: Tensor...) -> Tensor { Tensor.einsum(eq, ops) }

@Suite struct TranscriptLinearAlgebraTests {
    static let cases: [TranscriptCase] = [
        transcript("e1", "torch.einsum('bij,bjk->bik', a(2,2,3), a(2,3,2))",
                   "tensor([[[0.1000, 0.1300],\n         [0.2800, 0.4000]],\n\n        [[1.7200, 1.9300],\n         [2.4400, 2.7400]]])") { "\(E("bij,bjk->bik", a(2, 2, 3), a(2, 3, 2)))" },
        transcript("e2", "torch.einsum('ij,jk,kl->il', a(2,3), a(3,2), a(2,2))",
                   "tensor([[0.0260, 0.0490],\n        [0.0800, 0.1480]])") { "\(E("ij,jk,kl->il", a(2, 3), a(3, 2), a(2, 2)))" },
        transcript("e3", "torch.einsum('i,i->', a(3), a(3))",
                   "tensor(0.0500)") { "\(E("i,i->", a(3), a(3)))" },
        transcript("e4", "torch.einsum('ii->', a(3,3))",
                   "tensor(1.2000)") { "\(E("ii->", a(3, 3)))" },
        transcript("e5", "torch.einsum('iij->ij', a(2,2,3))",
                   "tensor([[0.0000, 0.1000, 0.2000],\n        [0.9000, 1.0000, 1.1000]])") { "\(E("iij->ij", a(2, 2, 3)))" },
        transcript("e6", "torch.einsum('...ij,...jk', a(2,1,2,3), a(3,3,2))",
                   "tensor([[[[0.1000, 0.1300],\n          [0.2800, 0.4000]],\n\n         [[0.2800, 0.3100],\n          [1.0000, 1.1200]],\n\n         [[0.4600, 0.4900],\n          [1.7200, 1.8400]]],\n\n\n        [[[0.4600, 0.6700],\n          [0.6400, 0.9400]],\n\n         [[1.7200, 1.9300],\n          [2.4400, 2.7400]],\n\n         [[2.9800, 3.1900],\n          [4.2400, 4.5400]]]])") { "\(E("...ij,...jk", a(2, 1, 2, 3), a(3, 3, 2)))" },
        transcript("e7", "torch.einsum('ij->', a(2,3))",
                   "tensor(1.5000)") { "\(E("ij->", a(2, 3)))" },
        transcript("e8", "torch.einsum('ij,ij->ij', a(2,3), a(2,3))",
                   "tensor([[0.0000, 0.0100, 0.0400],\n        [0.0900, 0.1600, 0.2500]])") { "\(E("ij,ij->ij", a(2, 3), a(2, 3)))" },
        transcript("e9", "torch.einsum('bi,bj->bij', a(2,2), a(2,3))",
                   "tensor([[[0.0000, 0.0000, 0.0000],\n         [0.0000, 0.0100, 0.0200]],\n\n        [[0.0600, 0.0800, 0.1000],\n         [0.0900, 0.1200, 0.1500]]])") { "\(E("bi,bj->bij", a(2, 2), a(2, 3)))" },
        transcript("e10", "torch.einsum('ji', a(2,3))",
                   "tensor([[0.0000, 0.3000],\n        [0.1000, 0.4000],\n        [0.2000, 0.5000]])") { "\(E("ji", a(2, 3)))" },
        transcript("e11", "torch.einsum('ba,ab', a(2,3), a(3,2))",
                   "tensor(0.5000)") { "\(E("ba,ab", a(2, 3), a(3, 2)))" },
        transcript("e12", "torch.einsum('i,j,k->ijk', a(2), a(2), a(2))",
                   "tensor([[[0.0000, 0.0000],\n         [0.0000, 0.0000]],\n\n        [[0.0000, 0.0000],\n         [0.0000, 0.0010]]])") { "\(E("i,j,k->ijk", a(2), a(2), a(2)))" },
        transcript("e13", "torch.einsum('ijk,ikj->i', a(2,3,3), a(2,3,3))",
                   "tensor([ 1.8000, 15.5700])") { "\(E("ijk,ikj->i", a(2, 3, 3), a(2, 3, 3)))" },
        transcript("e14", "torch.einsum('i...->...', a(2,3,4))",
                   "tensor([[1.2000, 1.4000, 1.6000, 1.8000],\n        [2.0000, 2.2000, 2.4000, 2.6000],\n        [2.8000, 3.0000, 3.2000, 3.4000]])") { "\(E("i...->...", a(2, 3, 4)))" },
        transcript("e15", "torch.einsum('...', a(2))",
                   "tensor([0.0000, 0.1000])") { "\(E("...", a(2)))" },
        transcript("e16", "torch.einsum('i,i', a(3), a(4))",
                   "ERROR: einsum(): subscript i has size 4 for operand 1 which does not broadcast with previously seen size 3") { "\(E("i,i", a(3), a(4)))" },
        transcript("e17", "torch.einsum('ij,jk->ik', a(2,3))",
                   "ERROR: einsum(): fewer operands were provided than specified in the equation") { "\(E("ij,jk->ik", a(2, 3)))" },
        transcript("e18", "torch.einsum('ij->ik', a(2,3))",
                   "ERROR: einsum(): output subscript k does not appear in the equation for any input operand") { "\(E("ij->ik", a(2, 3)))" },
        transcript("e19", "torch.einsum('i j -> j i', a(2,3))",
                   "tensor([[0.0000, 0.3000],\n        [0.1000, 0.4000],\n        [0.2000, 0.5000]])") { "\(E("i j -> j i", a(2, 3)))" },
        transcript("e20", "torch.einsum('ab,bc->ac', a(2,0), a(0,3))",
                   "tensor([[0., 0., 0.],\n        [0., 0., 0.]])") { "\(E("ab,bc->ac", a(2, 0), a(0, 3)))" },
        transcript("e21", "torch.einsum('ii->i', a(2,3))",
                   "ERROR: einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2") { "\(E("ii->i", a(2, 3)))" },
        transcript("e22", "torch.einsum('ij,ij', T([[1, 2]]), T([[3, 4]]))",
                   "tensor(11)") { "\(E("ij,ij", Tensor([[1, 2]]), Tensor([[3, 4]])))" },
        transcript("e23", "torch.einsum('bhqd,bhkd->bhqk', a(1,2,2,3), a(1,2,3,3))",
                   "tensor([[[[0.0500, 0.1400, 0.2300],\n          [0.1400, 0.5000, 0.8600]],\n\n         [[2.1200, 2.7500, 3.3800],\n          [3.0200, 3.9200, 4.8200]]]])") { "\(E("bhqd,bhkd->bhqk", a(1, 2, 2, 3), a(1, 2, 3, 3)))" },
        transcript("m1", "torch.matmul(a(3), a(2,3,4))",
                   "tensor([[0.2000, 0.2300, 0.2600, 0.2900],\n        [0.5600, 0.5900, 0.6200, 0.6500]])") { "\(a(3).matmul(a(2, 3, 4)))" },
        transcript("m2", "torch.matmul(a(2,3,4), a(4))",
                   "tensor([[0.1400, 0.3800, 0.6200],\n        [0.8600, 1.1000, 1.3400]])") { "\(a(2, 3, 4).matmul(a(4)))" },
        transcript("m3", "torch.matmul(a(1,2,3), a(5,3,1)).shape",
                   "[5, 2, 1]") { "\(a(1, 2, 3).matmul(a(5, 3, 1)).shape)" },
        transcript("m4", "torch.matmul(a(0,3), a(3,2))",
                   "tensor([], size=(0, 2))") { "\(a(0, 3).matmul(a(3, 2)))" },
        transcript("m5", "torch.matmul(a(2,3), a(4))",
                   "ERROR: size mismatch, got input (2), mat (2x3), vec (4)") { "\(a(2, 3).matmul(a(4)))" },
        transcript("m6", "torch.matmul(T(1.0), a(2))",
                   "ERROR: both arguments to matmul need to be at least 1D, but they are 0D and 1D") { "\(Tensor(1.0).matmul(a(2)))" },
        transcript("m7", "torch.addmm(a(2), a(2,3), a(3,2), beta=0.5, alpha=2)",
                   "tensor([[0.2000, 0.3100],\n        [0.5600, 0.8500]])") { "\(a(2).addmm(a(2, 3), a(3, 2), beta: 0.5, alpha: 2))" },
        transcript("m8", "torch.baddbmm(a(2,1,2), a(2,2,3), a(2,3,2), beta=0, alpha=1)",
                   "tensor([[[0.1000, 0.1300],\n         [0.2800, 0.4000]],\n\n        [[1.7200, 1.9300],\n         [2.4400, 2.7400]]])") { "\(a(2, 1, 2).baddbmm(a(2, 2, 3), a(2, 3, 2), beta: 0, alpha: 1))" },
        transcript("m9", "torch.outer(a(2), a(3))",
                   "tensor([[0.0000, 0.0000, 0.0000],\n        [0.0000, 0.0100, 0.0200]])") { "\(a(2).outer(a(3)))" },
        transcript("m10", "torch.mv(a(2,3), a(3))",
                   "tensor([0.0500, 0.1400])") { "\(a(2, 3).mv(a(3)))" },
        transcript("m11", "torch.bmm(a(2,2,3), a(3,3,2))",
                   "ERROR: Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].") { "\(a(2, 2, 3).bmm(a(3, 3, 2)))" },
        transcript("m12", "torch.mm(T([[1, 2]]), T([[3], [4]]))",
                   "tensor([[11]])") { "\(Tensor([[1, 2]]).mm(Tensor([[3], [4]])))" },
        transcript("m13", "torch.mm(T([[True]]), T([[True]]))",
                   "ERROR: \"addmm_impl_cpu_\" not implemented for 'Bool'") { "\(Tensor([[true]]).mm(Tensor([[true]])))" },
        transcript("m14", "torch.dot(a(2), a(3))",
                   "ERROR: inconsistent tensor size, expected tensor [2] and src [3] to have the same number of elements, but got 2 and 3 elements respectively") { "\(a(2).dot(a(3)))" },
        transcript("m15", "torch.addmm(a(3,3), a(2,3), a(3,2))",
                   "ERROR: The expanded size of the tensor (2) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 2].  Tensor sizes: [3, 3]") { "\(a(3, 3).addmm(a(2, 3), a(3, 2)))" },
        transcript("m16", "torch.matmul(a(2,3).t(), a(2,4)[:, ::2])",
                   "tensor([[0.1200, 0.1800],\n        [0.1600, 0.2600],\n        [0.2000, 0.3400]])") { "\(a(2, 3).t().matmul(a(2, 4)[.all, .slice(nil, nil, step: 2)]))" },
        transcript("m17", "torch.matmul(T([1, 2], dtype=torch.int32), T([[1], [2]], dtype=torch.int32))",
                   "tensor([5], dtype=torch.int32)") { "\(Tensor([1, 2], dtype: .int32).matmul(Tensor([[1], [2]], dtype: .int32)))" },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
