import EmberBackend

// MARK: - Custom functions

/// What a custom function's `forward` and `backward` share (PyTorch's `ctx`).
public final class FunctionContext {
    /// For each input, whether a gradient is wanted for it (`ctx.needs_input_grad`).
    public let needsInputGrad: [Bool]
    /// Values of any kind that `forward` wants `backward` to see (PyTorch's `ctx.k = k`).
    public var values: [String: Any] = [:]
    var toSave: [Tensor] = []
    var nonDifferentiable: Set<ObjectIdentifier> = []
    var unpacked: [Tensor] = []

    init(needsInputGrad: [Bool]) { self.needsInputGrad = needsInputGrad }

    /// Keeps tensors for `backward`, checked against later in-place changes (`ctx.save_for_backward`).
    public func saveForBackward(_ tensors: Tensor...) { toSave.append(contentsOf: tensors) }

    /// The tensors given to `saveForBackward`, in order (`ctx.saved_tensors`); read them in `backward`.
    public var savedTensors: [Tensor] { unpacked.isEmpty ? toSave : unpacked }

    /// Marks outputs that have no gradient: they do not require grad, and `backward` receives
    /// zeros for them (`ctx.mark_non_differentiable`).
    public func markNonDifferentiable(_ tensors: Tensor...) {
        for t in tensors { nonDifferentiable.insert(ObjectIdentifier(t)) }
    }
}

/// A differentiable operation defined by its forward and backward (PyTorch's
/// `torch.autograd.Function`). Implement the one-tensor pair or the array pair:
///
/// ```swift
/// enum MyReLU: AutogradFunction {
///     static func forward(_ ctx: FunctionContext, _ input: Tensor) -> Tensor {
///         ctx.saveForBackward(input)
///         return input.clamp(min: 0)
///     }
///     static func backward(_ ctx: FunctionContext, _ gradOutput: Tensor) -> Tensor {
///         let input = ctx.savedTensors[0]
///         let gradInput = gradOutput.clone()
///         gradInput[input .< 0] = 0
///         return gradInput
///     }
/// }
/// let y = MyReLU.apply(x)      // y.gradFn?.name == "MyReLUBackward"
/// ```
/// `backward` returns one gradient per input (`nil` for none); a gradient that broadcasts to its
/// input's shape is summed down to it, and its dtype is cast to the input's.
public protocol AutogradFunction {
    /// The forward computation of a one-input, one-output function (runs without recording).
    static func forward(_ ctx: FunctionContext, _ input: Tensor) throws -> Tensor
    /// The gradient of the input, given the gradient of the output.
    static func backward(_ ctx: FunctionContext, _ gradOutput: Tensor) throws -> Tensor
    /// The forward computation for any number of inputs and outputs.
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor]
    /// One gradient per input (`nil` where none), given one per output.
    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor]) throws -> [Tensor?]
}

extension AutogradFunction {
    public static func forward(_ ctx: FunctionContext, _ input: Tensor) throws -> Tensor {
        throw TensorError.notImplemented("\(Self.self) must implement forward(_:_:)")
    }
    public static func backward(_ ctx: FunctionContext, _ gradOutput: Tensor) throws -> Tensor {
        throw TensorError.notImplemented("\(Self.self) must implement backward(_:_:)")
    }
    public static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) throws -> [Tensor] {
        [try forward(ctx, inputs[0])]
    }
    public static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor]) throws -> [Tensor?] {
        [try backward(ctx, gradOutputs[0])]
    }

    /// Runs the function on one input and records `<TypeName>Backward` (`MyFunction.apply(x)`).
    public static func apply(_ input: Tensor) -> Tensor {
        attempt { try run([input])[0] }
    }

    /// Runs the function on several inputs; returns its outputs (`MyFunction.apply(a, b)`).
    public static func apply(_ inputs: Tensor...) -> [Tensor] {
        attempt { try run(inputs) }
    }

    static func run(_ inputs: [Tensor]) throws -> [Tensor] {
        let recording = isGradEnabled
        let ctx = FunctionContext(needsInputGrad: inputs.map { recording && $0.requiresGrad })
        let outputs = try withNoGrad { try forward(ctx, inputs) }
        let name = "\(Self.self)Backward"
        guard ctx.needsInputGrad.contains(true) else { return outputs }
        // Outputs that alias an input are returned as views, so the input keeps its own history.
        let results = outputs.map { out in inputs.contains { $0 === out } ? out.detach() : out }
        let differentiable = results.filter { !ctx.nonDifferentiable.contains(ObjectIdentifier($0)) && $0.dtype.isFloatingPoint }
        let saved = ctx.toSave
        ctx.toSave = []
        let inputCount = inputs.count
        Tensor.record(name, inputs: inputs, outputs: differentiable, saving: saved,
                      isCustomFunction: true) { [ctx] grads, unpacked in
            ctx.unpacked = unpacked
            defer { ctx.unpacked = [] }
            let result = try backward(ctx, grads)
            guard result.count == inputCount else {
                throw TensorError.runtime(
                    "function \(name) returned an incorrect number of gradients (expected \(inputCount), got \(result.count))")
            }
            return result
        }
        for (k, out) in results.enumerated() where outputs[k] !== out && out.history.gradFn != nil {
            out.autogradMeta.passedThroughBy = ("\(Self.self)", k)
        }
        return results
    }
}
