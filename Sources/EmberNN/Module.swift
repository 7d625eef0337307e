import EmberCore
import OrderedCollections

// MARK: - Module

/// The base class of every neural-network layer and model (PyTorch's `torch.nn.Module`).
///
/// A subclass declares its parameters (`Parameter`) and submodules (`Module`, optional or not)
/// as stored properties and overrides ``forward(_:)``; they are found in declaration order (a
/// base class's before its subclass's), under the property's name, so the names match
/// PyTorch's (`fc1.weight`):
///
/// ```swift
/// final class Net: Module {
///     let fc1 = Linear(3, 4)
///     let act = ReLU()
///     var fc2 = Linear(4, 2)
///     override func forward(_ x: Tensor) -> Tensor { fc2(act(fc1(x))) }
/// }
/// ```
///
/// Names that exist only at run time are registered with ``registerParameter(_:_:)``,
/// ``registerBuffer(_:_:persistent:)`` and ``registerModule(_:_:)``; they follow the stored
/// properties. Plain `Tensor` properties are neither parameters nor buffers, as in PyTorch.
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (`module.training`); see ``train(_:)``.
    public private(set) var isTraining = true

    var registeredParameters: OrderedDictionary<String, Parameter?> = [:]
    var registeredBuffers: OrderedDictionary<String, Tensor?> = [:]
    var nonPersistentBuffers: Set<String> = []
    private var registeredModules: OrderedDictionary<String, Module?> = [:]
    private var forwardPreHooks: [(id: Int, hook: (Module, Tensor) -> Tensor?)] = []
    private var forwardHooks: [(id: Int, hook: (Module, Tensor, Tensor) -> Tensor?)] = []
    private var lastHookID = 0

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

    /// Runs the forward-pre hooks, ``forward(_:)``, then the forward hooks (`module(input)`).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        var x = input
        for (_, hook) in forwardPreHooks { if let replacement = hook(self, x) { x = replacement } }
        var y = forward(x)
        for (_, hook) in forwardHooks { if let replacement = hook(self, x, y) { y = replacement } }
        return y
    }

    // MARK: - Hooks

    /// Runs `hook` before every call's ``forward(_:)`` with the module and its input; a non-nil
    /// result replaces the input (`register_forward_pre_hook`). Hooks run in registration order.
    @discardableResult
    public func registerForwardPreHook(_ hook: @escaping (_ module: Module, _ input: Tensor) -> Tensor?) -> HookHandle {
        lastHookID += 1
        let id = lastHookID
        forwardPreHooks.append((id, hook))
        return HookHandle { [weak self] in self?.forwardPreHooks.removeAll { $0.id == id } }
    }

    /// Runs `hook` after every call's ``forward(_:)`` with the module, its input and its output; a
    /// non-nil result replaces the output (`register_forward_hook`). Hooks run in registration order.
    @discardableResult
    public func registerForwardHook(
        _ hook: @escaping (_ module: Module, _ input: Tensor, _ output: Tensor) -> Tensor?
    ) -> HookHandle {
        lastHookID += 1
        let id = lastHookID
        forwardHooks.append((id, hook))
        return HookHandle { [weak self] in self?.forwardHooks.removeAll { $0.id == id } }
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
        let taken = storedMembers().contains { $0.name == name }
            || (kind != "parameter" && registeredParameters[name] != nil)
            || (kind != "buffer" && registeredBuffers[name] != nil)
            || (kind != "module" && registeredModules[name] != nil)
        if taken { throw TensorError(.keyError, "attribute '\(name)' already exists") }
    }

    // MARK: - Discovery

    /// A parameter or submodule held by a stored property.
    private enum Member {
        case parameter(Parameter)
        case module(Module)
    }

    /// The parameters and submodules in stored properties, base class first, in declaration order.
    private func storedMembers() -> [(name: String, member: Member)] {
        var levels: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let m = mirror, m.subjectType != Module.self {
            levels.append(m)
            mirror = m.superclassMirror
        }
        var members: [(name: String, member: Member)] = []
        for level in levels.reversed() {
            for child in level.children {
                guard let label = child.label else { continue }
                switch child.value {
                case let p as Parameter: members.append((label, .parameter(p)))
                case let m as Module: members.append((label, .module(m)))
                default: break
                }
            }
        }
        return members
    }

    /// The module's own parameters, in order (`_parameters`).
    func ownParameters() -> [(name: String, parameter: Parameter)] {
        var own: [(name: String, parameter: Parameter)] = storedMembers().compactMap {
            if case .parameter(let p) = $0.member { ($0.name, p) } else { nil }
        }
        for (name, p) in registeredParameters { if let p { own.append((name, p)) } }
        return own
    }

    /// The parameters of this module and, with `recurse`, of its submodules, each once, named by
    /// their path (`named_parameters`).
    public func namedParameters(prefix: String = "", recurse: Bool = true) -> [(name: String, parameter: Parameter)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, parameter: Parameter)] = []
        for (path, module) in recurse ? namedModules(prefix: prefix) : [(prefix, self)] {
            for (name, p) in module.ownParameters() where seen.insert(ObjectIdentifier(p)).inserted {
                result.append((path.isEmpty ? name : path + "." + name, p))
            }
        }
        return result
    }

    /// The parameters of this module and its submodules, each once (`parameters`).
    public func parameters(recurse: Bool = true) -> [Parameter] {
        namedParameters(recurse: recurse).map(\.parameter)
    }

    /// The buffers of this module and, with `recurse`, of its submodules (`named_buffers`).
    public func namedBuffers(prefix: String = "", recurse: Bool = true) -> [(name: String, buffer: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, buffer: Tensor)] = []
        for (path, module) in recurse ? namedModules(prefix: prefix) : [(prefix, self)] {
            for (name, b) in module.registeredBuffers {
                guard let b, seen.insert(ObjectIdentifier(b)).inserted else { continue }
                result.append((path.isEmpty ? name : path + "." + name, b))
            }
        }
        return result
    }

    /// The buffers of this module and its submodules (`buffers`).
    public func buffers(recurse: Bool = true) -> [Tensor] { namedBuffers(recurse: recurse).map(\.buffer) }

    /// The direct submodules, each once, with their names (`named_children`).
    public func namedChildren() -> [(name: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, module: Module)] = []
        for (name, member) in storedMembers() {
            if case .module(let m) = member, seen.insert(ObjectIdentifier(m)).inserted { result.append((name, m)) }
        }
        for (name, m) in registeredModules {
            if let m, seen.insert(ObjectIdentifier(m)).inserted { result.append((name, m)) }
        }
        return result
    }

    /// The direct submodules (`children`).
    public func children() -> [Module] { namedChildren().map(\.module) }

    /// This module and every module below it, each once, depth first, named by path; this
    /// module's name is `prefix` (`named_modules`).
    public func namedModules(prefix: String = "") -> [(name: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, module: Module)] = []
        func visit(_ module: Module, _ path: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result.append((path, module))
            for (name, child) in module.namedChildren() { visit(child, path.isEmpty ? name : path + "." + name) }
        }
        visit(self, prefix)
        return result
    }

    /// This module and every module below it (`modules`).
    public func modules() -> [Module] { namedModules().map(\.module) }

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
    public var description: String {
        let extraLines = extraRepr.isEmpty ? [] : extraRepr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let childLines = namedChildren().map { name, child in
            "(\(name)): " + child.description.split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n  ")
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
