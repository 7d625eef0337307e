// BinaryMathTests.swift
//
// fmax, fmin, hypot, logaddexp, logaddexp2, copysign, float_power and clip against what
// PyTorch 2.15 printed:
//
//     import torch
//     A = [1., nan, nan, -0., 0., inf, -inf, 2., -inf, 3.]; B = [nan, 2., nan, 0., -0., 1., -inf, -3., inf, 4.]
//     for op in ['fmax', 'fmin', 'hypot', 'logaddexp', 'logaddexp2', 'copysign']:
//         f = getattr(torch, op)
//         print(f(torch.tensor(A, dtype=torch.float64), torch.tensor(B, dtype=torch.float64)).tolist(),
//               f(torch.tensor(A), torch.tensor(B)).tolist())
//         x = torch.tensor([1.5, -2., 0.5, 3., -1., 0.], dtype=torch.float64, requires_grad=True)
//         y = torch.tensor([0.5, 3., -0.5, 3., nan, -2.], dtype=torch.float64, requires_grad=True)
//         r = f(x, y); r.sum().backward(); print(r.grad_fn.name(), x.grad.tolist(), y.grad.tolist())
//         print(f(torch.tensor([1, 5]), torch.tensor([3, -2])))   # fmax/fmin: int64; hypot/logaddexp(2): NotImplementedError
//     x = torch.tensor([1.5, -2., 0., -0., nan, inf], dtype=torch.float64, requires_grad=True)
//     y = torch.tensor([-0.5, 3., -1., 2., -1., -0.], dtype=torch.float64, requires_grad=True)
//     r = torch.copysign(x, y); r.sum().backward(); print(r.tolist(), x.grad.tolist(), y.grad.tolist())
//     x.grad = None; r = torch.copysign(x, -1.0); r.sum().backward(); print(r.grad_fn.name(), x.grad.tolist())
//     print(torch.float_power(torch.tensor([1, 5]), torch.tensor([3, -2])), torch.float_power(2, torch.tensor([1., 5])))
//     xf = torch.tensor([1.5, 2.], requires_grad=True); r = torch.float_power(xf, 2)
//     print(r.grad_fn.name(), r.grad_fn.next_functions, r.dtype)                      # PowBackward0, ToCopyBackward0
//     x = torch.tensor([-2., 0.5, 3., nan], dtype=torch.float64, requires_grad=True); r = x.clip(-1, 1)   # ClampBackward1
//     print(torch.tensor([[3., 5.], [8., 7.]]).t().hypot(torch.tensor([4., 12.])).flatten().tolist())
//     x = torch.tensor([3., 5.], dtype=torch.float64, requires_grad=True); y = torch.tensor([4., 12.], dtype=torch.float64, requires_grad=True)
//     z = x.clone(); z.hypot_(y); print(z.grad_fn.name(), z.tolist()); z.sum().backward(); print(x.grad.tolist(), y.grad.tolist())
//     torch.tensor([2., 3.]).float_power_(2)   # RuntimeError: the base given to float_power_ has dtype Float but ...

import Testing
import Ember
import EmberTestSupport

struct BinaryCase: Sendable, CustomTestStringConvertible {
    let name: String
    let op: @Sendable (Tensor, Tensor) -> Tensor
    let f64: [Double], f32: [Double]
    init(_ name: String, _ op: @escaping @Sendable (Tensor, Tensor) -> Tensor, f64: [Double], f32: [Double]) {
        self.name = name; self.op = op; self.f64 = f64; self.f32 = f32
    }
    var testDescription: String { name }
}

struct BinaryGradCase: Sendable, CustomTestStringConvertible {
    let name: String
    let op: @Sendable (Tensor, Tensor) -> Tensor
    let node: String, x: [Double], y: [Double]
    init(_ name: String, _ op: @escaping @Sendable (Tensor, Tensor) -> Tensor, node: String, x: [Double], y: [Double]) {
        self.name = name; self.op = op; self.node = node; self.x = x; self.y = y
    }
    var testDescription: String { name }
}

@Suite struct BinaryMathTests {
    static let a: [Double] = [1.0, .nan, .nan, -0.0, 0.0, .infinity, -.infinity, 2.0, -.infinity, 3.0]
    static let b: [Double] = [.nan, 2.0, .nan, 0.0, -0.0, 1.0, -.infinity, -3.0, .infinity, 4.0]

    static let cases: [BinaryCase] = [
        BinaryCase("fmax", { $0.fmax($1) }, f64: [1.0, 2.0, .nan, -0.0, 0.0, .infinity, -.infinity, 2.0, .infinity, 4.0],
                   f32: [1.0, 2.0, .nan, -0.0, 0.0, .infinity, -.infinity, 2.0, .infinity, 4.0]),
        BinaryCase("fmin", { $0.fmin($1) }, f64: [1.0, 2.0, .nan, -0.0, 0.0, 1.0, -.infinity, -3.0, -.infinity, 3.0],
                   f32: [1.0, 2.0, .nan, -0.0, 0.0, 1.0, -.infinity, -3.0, -.infinity, 3.0]),
        BinaryCase("hypot", { $0.hypot($1) }, f64: [.nan, .nan, .nan, 0.0, 0.0, .infinity, .infinity, 3.605551275463989, .infinity, 5.0],
                   f32: [.nan, .nan, .nan, 0.0, 0.0, .infinity, .infinity, 3.605551242828369, .infinity, 5.0]),
        BinaryCase("logaddexp", { $0.logaddexp($1) }, f64: [.nan, .nan, .nan, 0.6931471805599453, 0.6931471805599453, .infinity, -.infinity, 2.0067153484891183, .infinity, 4.313261687518223],
                   f32: [.nan, .nan, .nan, 0.6931471824645996, 0.6931471824645996, .infinity, -.infinity, 2.0067152976989746, .infinity, 4.31326150894165]),
        BinaryCase("logaddexp2", { $0.logaddexp2($1) }, f64: [.nan, .nan, .nan, 1.0, 1.0, .infinity, -.infinity, 2.0443941193584534, .infinity, 4.584962500721156],
                   f32: [.nan, .nan, .nan, 1.0, 1.0, .infinity, -.infinity, 2.044394016265869, .infinity, 4.584962368011475]),
        BinaryCase("copysign", { $0.copysign($1) }, f64: [1.0, .nan, .nan, 0.0, -0.0, .infinity, -.infinity, -2.0, .infinity, 3.0],
                   f32: [1.0, .nan, .nan, 0.0, -0.0, .infinity, -.infinity, -2.0, .infinity, 3.0]),
    ]

    /// Values at NaN, ±0 and ±inf (-0.0 and 0.0 told apart); float32 results to PyTorch's
    /// last bit (its vectorized exp and log may differ by an ulp: compared to 1e-6 there).
    @Test(arguments: cases) func values(_ c: BinaryCase) {
        expectClose(c.op(Tensor(Self.a, dtype: .float64), Tensor(Self.b, dtype: .float64)), shape: [10], c.f64, dtype: .float64,
                    tolerance: 1e-15)
        expectClose(c.op(Tensor(Self.a, dtype: .float32), Tensor(Self.b, dtype: .float32)), shape: [10], c.f32, dtype: .float32,
                    tolerance: 1e-6)
    }

    static let gradCases: [BinaryGradCase] = [
        BinaryGradCase("fmax", { $0.fmax($1) }, node: "FmaxBackward0",
                       x: [1.0, 0.0, 1.0, 0.5, 1.0, 1.0],
                       y: [0.0, 1.0, 0.0, 0.5, 0.0, 0.0]),
        BinaryGradCase("fmin", { $0.fmin($1) }, node: "FminBackward0",
                       x: [0.0, 1.0, 0.0, 0.5, 1.0, 0.0],
                       y: [1.0, 0.0, 1.0, 0.5, 0.0, 1.0]),
        BinaryGradCase("hypot", { $0.hypot($1) }, node: "HypotBackward0",
                       x: [0.9486832980505138, -0.5547001962252291, 0.7071067811865475, 0.7071067811865476, .nan, 0.0],
                       y: [0.31622776601683794, 0.8320502943378437, -0.7071067811865475, 0.7071067811865476, .nan, -1.0]),
        BinaryGradCase("logaddexp", { $0.logaddexp($1) }, node: "LogaddexpBackward0",
                       x: [0.7310585786300049, 0.0066928509242848554, 0.7310585786300049, 0.5, .nan, 0.8807970779778823],
                       y: [0.2689414213699951, 0.9933071490757153, 0.2689414213699951, 0.5, .nan, 0.11920292202211755]),
        BinaryGradCase("logaddexp2", { $0.logaddexp2($1) }, node: "Logaddexp2Backward0",
                       x: [0.6666666666666666, 0.030303030303030304, 0.6666666666666666, 0.5, .nan, 0.8],
                       y: [0.3333333333333333, 0.9696969696969697, 0.3333333333333333, 0.5, .nan, 0.2]),
        BinaryGradCase("copysign", { $0.copysign($1) }, node: "CopysignBackward0",
                       x: [1.0, -1.0, -1.0, 1.0, -1.0, 0.0],
                       y: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    ]

    /// Ties share the gradient half and half (fmax, fmin); a NaN side loses.
    @Test(arguments: gradCases) func gradients(_ c: BinaryGradCase) throws {
        let x = Tensor([1.5, -2.0, 0.5, 3.0, -1.0, 0.0], dtype: .float64, requiresGrad: true)
        let y = Tensor([0.5, 3.0, -0.5, 3.0, .nan, -2.0], dtype: .float64, requiresGrad: true)
        let r = c.op(x, y)
        #expect(r.gradFn?.name == c.node)
        try r.sum().backward()
        expectGrad(x.grad, shape: [6], c.x)
        expectGrad(y.grad, shape: [6], c.y)
    }

    @Test func gradcheckInEveryLayout() {
        let ranges: [ClosedRange<Double>] = [-2...2, 0.5...2]
        expectGradients("hypot", shapes: [[2, 3], [2, 3]], secondOrder: true, node: "HypotBackward0") { $0[0].hypot($0[1]) }
        expectGradients("logaddexp", shapes: [[2, 3], [3]], secondOrder: true, node: "LogaddexpBackward0") { $0[0].logaddexp($0[1]) }
        expectGradients("logaddexp2", shapes: [[2, 3], [2, 3]], secondOrder: true, node: "Logaddexp2Backward0") { $0[0].logaddexp2($0[1]) }
        expectGradients("fmax", shapes: [[2, 3], [2, 3]], ranges: ranges, node: "FmaxBackward0") { $0[0].fmax($0[1]) }
        expectGradients("fmin", shapes: [[2, 3], [2, 3]], ranges: ranges, node: "FminBackward0") { $0[0].fmin($0[1]) }
        expectGradients("copysign", shapes: [[2, 3], [2, 3]], ranges: [0.5...2, -2...(-0.5)], node: "CopysignBackward0") {
            $0[0].copysign($0[1])
        }
        expectGradients("floatPower", shapes: [[2, 3], [2, 3]], ranges: [0.5...2, -1.5...1.5], secondOrder: true,
                        node: "PowBackward1") { $0[0].floatPower($0[1]) }
    }

    @Test func promotionAndErrors() {
        expectInts(Tensor([1, 5]).fmax(Tensor([3, -2])), shape: [2], [3, 5], dtype: .int64)
        expectInts(Tensor([1, 5], dtype: .int32).fmin(Tensor([3, -2], dtype: .int32)), shape: [2], [1, -2], dtype: .int32)
        expectBools(Tensor([true, false]).fmax(Tensor([true, true])), shape: [2], [true, true])
        expectBools(Tensor([true, false]).fmin(Tensor([true, true])), shape: [2], [true, false])
        expectFloats(Tensor([1, 5]).fmax(Tensor([3.0, -2.0])), shape: [2], [3, 5])
        expectClose(Tensor([1.0, 5.0]).fmax(Tensor([3.0, -2.0], dtype: .float64)), shape: [2], [3, 5], dtype: .float64)
        expectFloats(Tensor([1.0, 5.0]).fmin(Tensor(3.0, dtype: .float64)), shape: [2], [1, 3])
        expectFloats(Tensor([1, 5]).hypot(Tensor([3.0, -2.0])), shape: [2], [3.1622776985168457, 5.385164737701416])
        expectFloats(Tensor([1.0, 5.0]).hypot_(Tensor([2.0, 3.0])), shape: [2], [2.2360680103302, 5.830951690673828])
        let floatingOnly: [(String, (Tensor, Tensor) -> Tensor)] = [
            ("hypot", { $0.hypot($1) }), ("logaddexp", { $0.logaddexp($1) }), ("logaddexp2", { $0.logaddexp2($1) }),
        ]
        for (name, op) in floatingOnly {
            expectTensorError(.notImplementedError, "\"\(name)_cpu\" not implemented for 'Long'") { _ = op(Tensor([1, 5]), Tensor([3, -2])) }
            expectTensorError(.notImplementedError, "\"\(name)_cpu\" not implemented for 'Int'") {
                _ = op(Tensor([1], dtype: .int32), Tensor([3], dtype: .int32))
            }
            expectTensorError(.notImplementedError, "\"\(name)_cpu\" not implemented for 'Bool'") { _ = op(Tensor([true]), Tensor([false])) }
        }
        expectTensorError(.notImplementedError, "\"hypot_cpu\" not implemented for 'Long'") { Tensor([1, 5]).hypot_(Tensor([2, 3])) }
        // A broadcast, transposed pair.
        expectFloats(Tensor([[3.0, 5.0], [8.0, 7.0]]).t().hypot(Tensor([4.0, 12.0])), shape: [2, 2], [5, 14.422204971313477, 6.4031243324279785, 13.892443656921387])
    }

    @Test func copysign() throws {
        let x = Tensor([1.5, -2.0, 0.0, -0.0, .nan, .infinity], dtype: .float64, requiresGrad: true)
        let y = Tensor([-0.5, 3.0, -1.0, 2.0, -1.0, -0.0], dtype: .float64, requiresGrad: true)
        let r = x.copysign(y)
        expectClose(r, shape: [6], [-1.5, 2.0, -0.0, 0.0, .nan, -.infinity], tolerance: 0)
        try r.sum().backward()
        expectGrad(x.grad, shape: [6], [-1.0, -1.0, 0.0, 0.0, .nan, .nan])
        expectGrad(y.grad, shape: [6], [0, 0, 0, 0, 0, 0])
        x.grad = nil
        let s = x.copysign(-1.0)
        #expect(s.gradFn?.name == "CopysignBackward1")
        try s.sum().backward()
        expectGrad(x.grad, shape: [6], [-1.0, 1.0, 0.0, 0.0, .nan, .nan])
        // Integer and bool inputs give float32; numbers on the right; in place.
        expectFloats(Tensor([1, 5]).copysign(Tensor([3, -2])), shape: [2], [1, -5])
        expectFloats(Tensor([true, false]).copysign(Tensor([true, true])), shape: [2], [1, 0])
        expectFloats(Tensor([1, 5]).copysign(2.5), shape: [2], [1, 5])
        expectFloats(Tensor([1.0, 5.0]).copysign_(-2), shape: [2], [-1, -5])
        expectTensorError(.runtimeError, "result type Float can't be cast to the desired output type Long") {
            Tensor([1, 5]).copysign_(Tensor([2, 3]))
        }
    }

    @Test func floatPower() throws {
        expectClose(Tensor(Self.a.prefix(8).map { $0 }).floatPower(Tensor(Self.b.prefix(8).map { $0 })), shape: [8],
                    [1.0, .nan, .nan, 1.0, 1.0, .infinity, 0.0, 0.125], dtype: .float64, tolerance: 0)
        expectClose(Tensor([1, 5]).floatPower(Tensor([3, -2])), shape: [2], [1.0, 0.04], dtype: .float64)
        expectClose(Tensor([1, 5], dtype: .int32).floatPower(Tensor([3, -2], dtype: .int32)), shape: [2], [1.0, 0.04], dtype: .float64)
        expectClose(Tensor([1, 5]).floatPower(2), shape: [2], [1.0, 25.0], dtype: .float64)
        expectClose(Tensor([1, 5]).floatPower(2.5), shape: [2], [1.0, 55.90169943749474], dtype: .float64)
        expectClose(Tensor([2, 3]).floatPower(-1), shape: [2], [0.5, 0.3333333333333333], dtype: .float64)
        expectClose(Tensor([true, false]).floatPower(true), shape: [2], [1.0, 0.0], dtype: .float64)
        expectClose(Tensor.floatPower(2, Tensor([1.0, 5.0])), shape: [2], [2.0, 32.0], dtype: .float64)
        expectClose(Tensor([0.0, 0.0]).floatPower(Tensor([-1.0, 0.0])), shape: [2], [.infinity, 1.0], dtype: .float64)
        // Nodes: the float32 input is converted first (ToCopyBackward0), a float64 one is not.
        let xf = Tensor([1.5, 2.0], requiresGrad: true)
        let r0 = xf.floatPower(2)
        #expect(r0.gradFn?.name == "PowBackward0")
        #expect(r0.gradFn?.nextFunctions.first??.node.name == "ToCopyBackward0")
        #expect(xf.floatPower(xf).gradFn?.name == "PowBackward1")
        #expect(Tensor.floatPower(2, xf).gradFn?.name == "PowBackward2")
        let xd = Tensor([1.5, 2.0], dtype: .float64, requiresGrad: true)
        let r1 = xd.floatPower(2.5)
        #expect(r1.gradFn?.name == "PowBackward0")
        #expect(r1.gradFn?.nextFunctions.first??.node.name == "torch::autograd::AccumulateGrad")
        try r0.sum().backward()
        expectFloats(xf.grad!, shape: [2], [3, 4])
        // In place: float64 only.
        expectClose(Tensor([2.0, 3.0], dtype: .float64).floatPower_(Tensor([2, 3])), shape: [2], [4.0, 27.0], dtype: .float64)
        expectClose(Tensor([2.0, 3.0], dtype: .float64).floatPower_(-1), shape: [2], [0.5, 0.3333333333333333], dtype: .float64)
        for (dtype, name) in [(DType.int64, "Long"), (.float32, "Float"), (.bool, "Bool")] {
            expectTensorError(.runtimeError,
                              "the base given to float_power_ has dtype \(name) but the operation's result requires dtype Double") {
                Tensor([1, 0], dtype: dtype).floatPower_(2)
            }
        }
    }

    /// Empty operands keep the broadcast shape; recorded in-place forms take the op's node.
    @Test func emptyAndRecordedInPlace() throws {
        #expect(Tensor.zeros(0, 3).fmax(Tensor.zeros(3)).shape == [0, 3])
        #expect(Tensor.zeros(0, 3).hypot(Tensor.zeros(1, 3)).shape == [0, 3])
        #expect(Tensor.zeros(0, 3).logaddexp(Tensor.zeros(3)).shape == [0, 3])
        let x = Tensor([3.0, 5.0], dtype: .float64, requiresGrad: true)
        let y = Tensor([4.0, 12.0], dtype: .float64, requiresGrad: true)
        let z = x.clone()
        z.hypot_(y)
        #expect(z.gradFn?.name == "HypotBackward0")
        expectClose(z, shape: [2], [5.0, 13.0])
        try z.sum().backward()
        expectGrad(x.grad, shape: [2], [0.6, 0.38461538461538464])
        expectGrad(y.grad, shape: [2], [0.8, 0.9230769230769231])
        let w = Tensor([3.0, -5.0], dtype: .float64, requiresGrad: true)
        let c = w.clone()
        c.copysign_(-1.0)
        #expect(c.gradFn?.name == "CopysignBackward1")
        expectClose(c, shape: [2], [-3.0, -5.0])
        try c.sum().backward()
        expectGrad(w.grad, shape: [2], [-1.0, 1.0])
    }

    @Test func clipIsClamp() throws {
        let x = Tensor([-2.0, 0.5, 3.0, .nan], dtype: .float64, requiresGrad: true)
        let r = x.clip(min: -1, max: 1)
        #expect(r.gradFn?.name == "ClampBackward1")
        expectClose(r, shape: [4], [-1.0, 0.5, 1.0, .nan], tolerance: 0)
        try r.sum().backward()
        expectGrad(x.grad, shape: [4], [0.0, 1.0, 0.0, 0.0])
        let t = Tensor([-2.0, 0.5, 3.0]).clip(min: Tensor([0.0, 0.0, 0.0]), max: Tensor(2.0))
        expectFloats(t, shape: [3], [0, 0.5, 2])
        expectFloats(Tensor([-2.0, 0.5, 3.0]).clip_(max: 0), shape: [3], [-2, 0, 0])
        expectTensorError(.runtimeError, "torch.clamp: At least one of 'min' or 'max' must not be None") { _ = Tensor([1.0]).clip() }
    }
}
