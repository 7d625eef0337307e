import EmberCore
import OrderedCollections

// MARK: - Stored properties

// Note [Containers in stored properties]
//
// PyTorch finds a module's parameters and submodules through `__setattr__`, which files them in
// `_parameters` and `_modules` as they are assigned; a list of modules must be wrapped in
// `nn.ModuleList` (a dict in `nn.ModuleDict`) to be seen. Swift has no `__setattr__`, so a
// module reads its stored properties with `Mirror` on every access instead: a `Parameter`, a
// `Module`, an optional holding one, and arrays and dictionaries of either are seen. Reading
// them each time (rather than caching the values) is what makes `net.fc = Linear(512, 10)` take
// effect everywhere at once; nothing about the values is cached.
//
// An array or dictionary property is shown as the container PyTorch would have held there: an
// array of modules as a `ModuleList` (children `0`, `1`, ...), a dictionary of modules as a
// `ModuleDict`, an array or dictionary of parameters as a `ParameterList` or `ParameterDict`. So
// `var layers: [Linear]` gives the names `layers.0.weight`, the module path `layers`, and the
// repr `(layers): ModuleList(...)`, as `self.layers = nn.ModuleList([...])` does in PyTorch. The
// container is made the first time the property is read and kept (in `propertyContainers`, by
// property name), so it keeps its identity (hooks, `isTraining`); each read refreshes its
// elements from the property. Change the property, not the container: the container's elements
// are overwritten from the property on the next read.
//
// A Swift `Dictionary` has no order, so its entries are taken in sorted key order (`blocks.a`,
// then `blocks.b`); an `OrderedDictionary` (swift-collections) keeps insertion order, as a
// Python dict does. Use it where the order matters (it decides the order of `parameters()`,
// which an optimizer's state follows).

/// An array or dictionary of modules held in a stored property (see Note [Containers in stored
/// properties]).
protocol ModuleCollection {
    /// Whether it is keyed (a `ModuleDict`) rather than a list (a `ModuleList`).
    static var isKeyed: Bool { get }
    /// The modules by the names their container gives them, in order.
    var namedModules: [(key: String, value: Module)] { get }
}

/// An array or dictionary of parameters held in a stored property.
protocol ParameterCollection {
    /// Whether it is keyed (a `ParameterDict`) rather than a list (a `ParameterList`).
    static var isKeyed: Bool { get }
    /// The parameters by the names their container gives them, in order.
    var namedParameters: [(key: String, value: Parameter)] { get }
}

extension Array: ModuleCollection where Element: Module {
    static var isKeyed: Bool { false }
    var namedModules: [(key: String, value: Module)] { enumerated().map { (String($0.offset), $0.element) } }
}

extension Dictionary: ModuleCollection where Key == String, Value: Module {
    static var isKeyed: Bool { true }
    var namedModules: [(key: String, value: Module)] { sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}

extension OrderedDictionary: ModuleCollection where Key == String, Value: Module {
    static var isKeyed: Bool { true }
    var namedModules: [(key: String, value: Module)] { map { ($0.key, $0.value) } }
}

extension Array: ParameterCollection where Element: Parameter {
    static var isKeyed: Bool { false }
    var namedParameters: [(key: String, value: Parameter)] { enumerated().map { (String($0.offset), $0.element) } }
}

extension Dictionary: ParameterCollection where Key == String, Value: Parameter {
    static var isKeyed: Bool { true }
    var namedParameters: [(key: String, value: Parameter)] { sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}

extension OrderedDictionary: ParameterCollection where Key == String, Value: Parameter {
    static var isKeyed: Bool { true }
    var namedParameters: [(key: String, value: Parameter)] { map { ($0.key, $0.value) } }
}

/// The containers that stand for array and dictionary properties.
protocol PropertyContainer: Module {
    /// An empty container.
    static func makeEmpty() -> Module
}

extension Module {
    /// A parameter or submodule held by a stored property.
    enum Member {
        case parameter(Parameter)
        case module(Module)
    }

    /// Calls `body` with the label and value of every stored property, base class first, in
    /// declaration order (`Module`'s own bookkeeping excluded).
    private func forEachStoredProperty(_ body: (String, Any) -> Void) {
        var levels: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let m = mirror, m.subjectType != Module.self {
            levels.append(m)
            mirror = m.superclassMirror
        }
        for level in levels.reversed() {
            for child in level.children {
                if let label = child.label { body(label, child.value) }
            }
        }
    }

    /// The parameters and submodules in stored properties, in order; an array or dictionary
    /// property appears as its container (see Note [Containers in stored properties]).
    func storedMembers() -> [(name: String, member: Member)] {
        var members: [(name: String, member: Member)] = []
        forEachStoredProperty { label, value in
            switch value {
            case let p as Parameter: members.append((label, .parameter(p)))
            case let m as Module: members.append((label, .module(m)))
            case let modules as any ModuleCollection:
                let keyed = type(of: modules).isKeyed
                let container = propertyContainer(label, keyed ? ModuleDict.self : ModuleList.self)
                container.setRegisteredModules(modules.namedModules)
                members.append((label, .module(container)))
            case let parameters as any ParameterCollection:
                let keyed = type(of: parameters).isKeyed
                let container = propertyContainer(label, keyed ? ParameterDict.self : ParameterList.self)
                container.setRegisteredParameters(parameters.namedParameters)
                members.append((label, .module(container)))
            default: break
            }
        }
        return members
    }

    /// The names of the stored properties that hold members.
    func propertyNames() -> Set<String> { Set(storedMembers().map(\.name)) }

    /// The container of class `kind` standing for the property `label`, made the first time.
    private func propertyContainer(_ label: String, _ kind: PropertyContainer.Type) -> Module {
        if let existing = propertyContainers[label], type(of: existing) == kind { return existing }
        let made = kind.makeEmpty()
        propertyContainers[label] = made
        return made
    }

    /// Makes the registered modules exactly `entries`, in order (a container following its property).
    func setRegisteredModules(_ entries: [(key: String, value: Module)]) {
        let same = entries.count == registeredModules.count
            && zip(entries, registeredModules).allSatisfy { $0.key == $1.key && $0.value === $1.value }
        if !same { registeredModules = OrderedDictionary(uniqueKeysWithValues: entries.map { ($0.key, .some($0.value)) }) }
    }

    /// Makes the registered parameters exactly `entries`, in order.
    func setRegisteredParameters(_ entries: [(key: String, value: Parameter)]) {
        let same = entries.count == registeredParameters.count
            && zip(entries, registeredParameters).allSatisfy { $0.key == $1.key && $0.value === $1.value }
        if !same { registeredParameters = OrderedDictionary(uniqueKeysWithValues: entries.map { ($0.key, .some($0.value)) }) }
    }

    // MARK: - Named accessors

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
}
