import Testing
import EmberTestSupport
@testable import EmberCore

enum MyReLU: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ input: Tensor) -> Tensor {
        ctx.saveForBackward(input)
        return input.clamp(min: 0)
    }
    static func backward(_ ctx: FunctionContext, _ gradOutput: Tensor) -> Tensor {
        let input = ctx.savedTensors[0]
        let gradInput = gradOutput.clone()
        gradInput[input .< 0] = 0
        return gradInput
    }
}

enum MyMul: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] {
        ctx.saveForBackward(inputs[0], inputs[1])
        ctx.values["k"] = 2.0
        return [inputs[0] * inputs[1] * 2.0]
    }
    static func backward(_ ctx: FunctionContext, _ grads: [Tensor]) -> [Tensor?] {
        let s = ctx.savedTensors, k = ctx.values["k"] as! Double
        return [ctx.needsInputGrad[0] ? grads[0] * s[1] * k : nil, ctx.needsInputGrad[1] ? grads[0] * s[0] * k : nil]
    }
}

enum Bad: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] { [inputs[0] * 1.0] }
    static func backward(_ ctx: FunctionContext, _ grads: [Tensor]) -> [Tensor?] { [grads[0], grads[0]] }
}

enum Bad2: AutogradFunction {
    static func forward(_ ctx: FunctionContext, _ input: Tensor) -> Tensor { input * 1.0 }
    static func backward(_ ctx: FunctionContext, _ grad: Tensor) -> Tensor { Tensor.ones(3) }
}

@Suite struct AutogradFunctionTests {
    @Test func customReLUInTheSeedNetwork() throws {
        // PyTorch: x = [[1, -2], [3, -4]] requires grad; MyReLU.apply(x).sum().backward()
        let x = Tensor([[1.0, -2.0], [3.0, -4.0]], requiresGrad: true)
        let y = MyReLU.apply(x)
        #expect(y.gradFn?.name == "MyReLUBackward")
        #expect(y.scalars(as: Float.self) == [1, 0, 3, 0])
        try y.sum().backward()
        #expect(x.grad?.scalars(as: Float.self) == [1, 0, 1, 0])
    }

    @Test func customMulWithNeedsInputGrad() throws {
        // out = MyMul.apply(a, b, 2.0) with a = [1, 2] requiring grad, b = [3, 4] not -> [6, 16]
        let a = Tensor([1.0, 2.0], requiresGrad: true), b = Tensor([3.0, 4.0])
        let out = MyMul.apply(a, b)[0]
        #expect(out.scalars(as: Float.self) == [6, 16])
        #expect(out.gradFn?.name == "MyMulBackward")
        try out.sum().backward()
        #expect(a.grad?.scalars(as: Float.self) == [6, 8])
        #expect(b.grad == nil)
    }

    @Test func noInputRequiresGradGivesNoGradFn() {
        #expect(MyReLU.apply(Tensor([1.0, -1.0])).gradFn == nil)
    }

    @Test func wrongGradientCountAndShape() throws {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        #expect(throws: TensorError.runtime("function BadBackward returned an incorrect number of gradients (expected 1, got 2)")) {
            try Bad.apply(x)[0].sum().backward()
        }
        #expect(throws: TensorError.runtime("Function Bad2Backward returned an invalid gradient at index 0 - got [3] but expected shape compatible with [2]")) {
            try Bad2.apply(x).sum().backward()
        }
    }

    @Test(arguments: ["contiguous", "transposed"])
    func gradcheckElementwiseAndViews(layout: String) throws {
        let base = Tensor(shape: [3, 4], data: (0..<12).map { 0.3 + Double($0) * 0.17 }, dtype: .float64)
        let input = layout == "transposed" ? base.t().contiguous().t() : base.clone()
        input.requiresGrad = true
        let y = Tensor(shape: [4], data: [0.5, 1.5, -0.7, 2.0], dtype: .float64, requiresGrad: true)
        try gradcheck({ t in (t[0].exp() * t[1] + t[0].sin() / (t[1] + 3) - t[0].pow(2) + t[1].sigmoid()).sum(dim: 0) },
                      inputs: [input, y])
        try gradcheck({ t in (t[0].tanh() * 2 - t[0].log()).t().reshape(12).sum() }, inputs: [input])
    }
}
