// DropoutTests.swift
//
// Dropout and bernoulli_ against what PyTorch 2.15 printed for:
//
//     import torch, torch.nn as nn, torch.nn.functional as F
//     x = torch.arange(1., 21.).reshape(4, 5).requires_grad_()
//     torch.manual_seed(0); y = F.dropout(x, 0.3); print(y.flatten().tolist(), y.grad_fn.name())
//     y.sum().backward(); print(x.grad.flatten().tolist())
//     torch.manual_seed(0); print(F.dropout(torch.ones(3, 4, dtype=torch.float64), 0.25).flatten().tolist())
//     torch.manual_seed(0); print(F.dropout(torch.arange(1., 21.).reshape(5, 4).t(), 0.5).flatten().tolist())
//     torch.manual_seed(0); print(torch.empty(2, 5, dtype=torch.bool).bernoulli_(0.5).flatten().tolist(),
//                                 torch.empty(6, dtype=torch.int64).bernoulli_(0.7).tolist())
//     z = torch.tensor([1., -2., 3.]); torch.manual_seed(0); r = F.dropout(z, 0.5, inplace=True); print(r.tolist(), z.tolist())
//     y1 = F.dropout(x, 1.0); print(y1.flatten().tolist()[:3], y1.grad_fn.name())
//     print(F.dropout(x, 0.0) is x, F.dropout(x, 0.5, training=False) is x)
//     d = nn.Dropout(0.2); print(repr(d), repr(nn.Dropout()), repr(nn.Dropout(0.1, inplace=True))); d.eval(); print(d(x) is x)
//     torch.manual_seed(0); m = F.dropout(torch.ones(100000), 0.3); print((m != 0).float().mean().item(), m.max().item())
//     # and the ValueError / RuntimeError texts for p=1.5
//
// On the CPU, PyTorch's F.dropout is not the fused native_dropout (that is CUDA's path): it is
// `input * (bernoulli_(1 - p) / (1 - p))`, recorded as MulBackward0, and so is Ember's.

import Testing
import Ember
import EmberTestSupport

@Suite struct DropoutTests {
    /// The masks come from the process-wide generator: checked in a child process, bit for bit.
    @Test func seededMasks() async {
        await #expect(processExitsWith: .success) {
            let x = Tensor.arange(1.0, 21.0).reshape(4, 5).requiresGrad_()
            manualSeed(0)
            let y = Functional.dropout(x, p: 0.3)
            precondition(y.scalars(as: Float.self) == [
                0.0, 0.0, 4.285714149475098, 0.0, 7.142857551574707, 0.0, 10.0, 11.428571701049805, 12.85714340209961,
                14.285715103149414, 15.714285850524902, 17.14285659790039, 18.571428298950195, 20.0, 21.428571701049805,
                22.85714340209961, 24.285715103149414, 25.71428680419922, 27.142858505249023, 0.0])
            precondition(y.gradFn?.name == "MulBackward0")
            try! y.sum().backward()
            let k: Float = 1.4285714626312256
            precondition(x.grad!.scalars(as: Float.self) == [0, 0, k, 0, k, 0, k, k, k, k, k, k, k, k, k, k, k, k, k, 0])

            manualSeed(0)
            let d = 1.3333333333333333
            precondition(Functional.dropout(Tensor.ones([3, 4], dtype: .float64), p: 0.25).scalars(as: Double.self)
                == [0, d, d, 0, d, 0, d, d, d, d, d, d])
            // A transposed input is filled in memory order, as PyTorch's empty_like keeps its strides.
            manualSeed(0)
            precondition(Functional.dropout(Tensor.arange(1.0, 21.0).reshape(5, 4).t(), p: 0.5).scalars(as: Float.self) == [
                0, 0, 0, 26, 34, 0, 0, 20, 0, 36, 6, 14, 22, 30, 0, 0, 16, 24, 32, 0])

            manualSeed(0)
            precondition(Tensor.empty([2, 5], dtype: .bool).bernoulli_(p: 0.5).scalars(as: Bool.self)
                == [false, false, true, false, false, false, true, true, false, true])
            precondition(Tensor.empty([6], dtype: .int64).bernoulli_(p: 0.7).scalars(as: Int64.self) == [1, 1, 1, 1, 1, 1])

            let z = Tensor([1.0, -2.0, 3.0])
            manualSeed(0)
            let r = Functional.dropout(z, p: 0.5, inplace: true)
            precondition(r === z && z.scalars(as: Float.self) == [0, 0, 6])
            precondition(z.scalars(as: Float.self)[1].sign == .minus)  // -2 * 0 is -0.0

            manualSeed(0)
            let m = Functional.dropout(Tensor.ones([100000]), p: 0.3)
            precondition((m .!= 0).to(.float32).mean().item(as: Float.self) == 0.6992800235748291)
            precondition(m.max().item(as: Float.self) == 1.4285714626312256)
        }
    }

    @Test func specialCasesAndModule() {
        let x = Tensor.arange(1.0, 21.0).reshape(4, 5).requiresGrad_()
        let zeroed = Functional.dropout(x, p: 1)
        expectTensor(zeroed, shape: [4, 5], values: [Double](repeating: 0, count: 20))
        #expect(zeroed.gradFn?.name == "MulBackward0")
        #expect(Functional.dropout(x, p: 0) === x)
        #expect(Functional.dropout(x, p: 0.5, training: false) === x)
        let empty = Tensor.zeros(0, 3)
        #expect(Functional.dropout(empty, p: 0.5) === empty)

        let d = Dropout(p: 0.2)
        #expect(d.description == "Dropout(p=0.2, inplace=False)")
        #expect(Dropout().description == "Dropout(p=0.5, inplace=False)")
        #expect(Dropout(p: 0.1, inplace: true).description == "Dropout(p=0.1, inplace=True)")
        d.eval()
        #expect(d(x) === x)
        d.train()
        let y = d(Tensor.ones(1000))
        let kept = (y .!= 0).sum().item()
        #expect(kept > 700 && kept < 900)  // 800 expected; far outside means a wrong probability
        #expect(Set(y.scalars(as: Float.self)).isSubset(of: [0, Float(1) / Float(0.8)]))

        expectTensorError(.valueError, "dropout probability has to be between 0 and 1, but got 1.5") {
            _ = Functional.dropout(x, p: 1.5)
        }
        expectTensorError(.valueError, "dropout probability has to be between 0 and 1, but got -0.1") {
            _ = Dropout(p: -0.1)
        }
        expectTensorError(.runtimeError, "bernoulli_ expects p to be in [0, 1], but got p=1.5") {
            _ = Tensor.empty(3).bernoulli_(p: 1.5)
        }
    }
}
