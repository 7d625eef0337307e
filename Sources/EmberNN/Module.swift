import EmberCore
import OrderedCollections

// MARK: - Module

/// The base class of every neural-network layer and model (PyTorch's `torch.nn.Module`).
///
/// A subclass declares its parameters (`Parameter`) and submodules (`Module`) as stored
/// properties and overrides ``forward(_:)``; they are found in declaration order (a base class's
/// before its subclass's), under the property's name, so the names match PyTorch's
/// (`fc1.weight`). Optional properties count when they hold a value; arrays and dictionaries of
/// modules or of parameters count as the `ModuleList`, `ModuleDict`, `ParameterList` or
/// `ParameterDict` PyTorch would hold there (`blocks.2.weight`; see
/// Note [Containers in stored properties]):
///
/// ```swift
/// final class Net: Module {
///     let fc1 = Linear(3, 4)
///     let act = ReLU()
///     var blocks = (0..<3).map { _ in Linear(4, 4) }  // blocks.0.weight, blocks.0.bias, ...
///     var fc2 = Linear(4, 2)
///     override func forward(_ x: Tensor) -> Tensor {
///         fc2(blocks.reduce(act(fc1(x))) { h, block in block(h) })
///     }
/// }
/// ```
///
/// Properties are read on every access, so replacing one (`net.fc2 = Linear(4, 10)`) is seen by
/// every accessor. Names that exist only at run time are registered with
/// ``registerParameter(_:_:)``, ``registerBuffer(_:_:persistent:)`` and ``registerModule(_:_:)``;
/// they follow the stored properties. Plain `Tensor` properties are neither parameters nor
/// buffers, as in PyTorch. A module with several inputs or outputs runs them through
/// ``call(_:_:)`` (see Note [Modules with several inputs]).
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (`module.training`); see ``train(_:)``.
    public internal(set) var isTraining = true

    var registeredParameters: OrderedDictionary<String, Parameter?> = [:]
    var registeredBuffers: OrderedDictionary<String, Tensor?> = [:]
    var nonPersistentBuffers: Set<String> = []
    /// The modules registered by name (PyTorch's `_modules`, less the stored properties); the
    /// containers keep their elements here.
    var registeredModules: OrderedDictionary<String, Module?> = [:]
    /// The containers that stand for array and dictionary properties, by property name (see
    /// Note [Containers in stored properties]).
    var propertyContainers: [String: Module] = [:]
    var forwardPreHooks: [(id: Int, hook: ForwardPreHook)] = []
    var forwardHooks: [(id: Int, hook: ForwardHook)] = []
    var backwardPreHooks: [(id: Int, hook: BackwardPreHook)] = []
    var backwardHooks: [(id: Int, hook: BackwardHook)] = []
    var lastHookID = 0

    /// An empty module.
    public init() {}

    /// The module's computation (`forward`); subclasses override it. The base class fails with
    /// PyTorch's message.
    open func forward(_ input: Tensor) -> Tensor { missingForward() }

    /// PyTorch's failure for a module whose class does not override its forward.
    func missingForward() -> Tensor {
        attempt {
            throw TensorError(.notImplementedError, "Module [\(typeName)] is missing the required \"forward\" function")
        }
    }

    /// Runs ``forward(_:)`` with the module's hooks (`module(input)`); see ``call(_:_:)``.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        if !hasHooks { return forward(input) }
        let outputs = call([input]) { inputs in [forward(onlyInput(inputs))] }
        return attempt {
            guard outputs.count == 1 else {
                throw TensorError.runtime("the forward hooks of \(typeName) returned \(outputs.count) outputs where 1 was expected")
            }
            return outputs[0]
        }
    }

    /// The one input of a single-input module, or Python's error for a call with another number.
    private func onlyInput(_ inputs: [Tensor]) -> Tensor {
        attempt {
            if inputs.count == 1 { return inputs[0] }
            if inputs.isEmpty { throw TensorError(.typeError, "forward() missing 1 required positional argument: 'input'") }
            throw TensorError(.typeError, "forward() takes 2 positional arguments but \(inputs.count + 1) were given")
        }
    }

    /// The name the module prints under: its class's name (`module._get_name()`).
    open var typeName: String { String(describing: type(of: self)) }

    /// The module's own settings in its printed form (`extra_repr`), empty by default.
    open var extraRepr: String { "" }

    // MARK: - Registration

    /// Adds a parameter under `name`, after those found in stored properties
    /// (`register_parameter`); `nil` reserves the name.
    public func registerParameter(_ name: String, _ parameter: Parameter?) {
        attemptVoid {
            try checkNewName(name, kind: "parameter")
            registeredParameters[name] = .some(parameter)
        }
    }

    /// Adds a buffer under `name` (`register_buffer`): state that is not learned, such as running
    /// statistics. A persistent buffer is part of ``stateDict(prefix:)``.
    public func registerBuffer(_ name: String, _ tensor: Tensor?, persistent: Bool = true) {
        attemptVoid {
            try checkNewName(name, kind: "buffer")
            registeredBuffers[name] = .some(tensor)
            if persistent { nonPersistentBuffers.remove(name) } else { nonPersistentBuffers.insert(name) }
        }
    }

    /// Adds a submodule under `name`, after those found in stored properties (`add_module`).
    public func registerModule(_ name: String, _ module: Module?) {
        attemptVoid {
            try checkNewName(name, kind: "module")
            registeredModules[name] = .some(module)
        }
    }

    /// PyTorch's checks of a new name (`KeyError`s in PyTorch).
    private func checkNewName(_ name: String, kind: String) throws(TensorError) {
        if name.isEmpty { throw TensorError(.keyError, "\(kind) name can't be empty string \"\"") }
        if name.contains(".") {
            throw TensorError(.keyError, "\(kind) name can't contain \".\"" + (kind == "module" ? ", got: \(name)" : ""))
        }
        let taken = propertyNames().contains(name)
            || (kind != "parameter" && registeredParameters[name] != nil)
            || (kind != "buffer" && registeredBuffers[name] != nil)
            || (kind != "module" && registeredModules[name] != nil)
        if taken { throw TensorError(.keyError, "attribute '\(name)' already exists") }
    }

    // MARK: - Modes and gradients

    /// Sets training mode on this module and every submodule (`train(mode)`); returns `self`.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for module in modules() { module.isTraining = mode }
        return self
    }

    /// Sets evaluation mode (`eval()`, the same as `train(false)`); returns `self`.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Clears the parameters' gradients (`zero_grad(set_to_none)`): removes them, or with
    /// `setToNone: false` fills them with zeros in place.
    public func zeroGrad(setToNone: Bool = true) {
        for p in parameters() { p.clearGrad(setToNone: setToNone) }
    }

    /// Sets whether every parameter requires grad (`requires_grad_`); returns `self`.
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) -> Self {
        for p in parameters() { p.requiresGrad_(flag) }
        return self
    }

    // MARK: - State

    /// The module's state by name (`state_dict()`): its own parameters, its own persistent
    /// buffers, then each child's entries under the child's name; values are detached.
    public func stateDict(prefix: String = "") -> OrderedDictionary<String, Tensor> {
        stateTargets(prefix: prefix).mapValues { $0.detach() }
    }

    // MARK: - Printing

    /// PyTorch's `repr(module)`: the type name, its ``extraRepr``, and each child indented.
    public var description: String { repr(childLines: namedChildren().map { ("(\($0.name)): ", $0.module.description) }) }

    /// PyTorch's layout of a repr: ``extraRepr``'s lines, then each child as `head` followed by
    /// its repr, every line indented by two spaces (one line when there is one extra line only).
    func repr(childLines children: [(head: String, text: String)]) -> String {
        let extraLines = extraRepr.isEmpty ? [] : extraRepr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let childLines = children.map { head, text in
            head + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
        }
        let lines = extraLines + childLines
        var text = typeName + "("
        if extraLines.count == 1 && childLines.isEmpty {
            text += extraLines[0]
        } else if !lines.isEmpty {
            text += "\n  " + lines.joined(separator: "\n  ") + "\n"
        }
        return text + ")"
    }
}
