import EmberCore
import OrderedCollections

// MARK: - ModuleDict

/// Modules held by name, in insertion order (PyTorch's `nn.ModuleDict`); each is a child under
/// its key. It has no `forward`. A stored property that is a dictionary of modules is shown as
/// one (see Note [Containers in stored properties]).
open class ModuleDict: Module, PropertyContainer {
    /// The given modules, in their order (`nn.ModuleDict(OrderedDict(...))`).
    public init(_ modules: OrderedDictionary<String, Module> = [:]) {
        super.init()
        update(modules)
    }

    static func makeEmpty() -> Module { ModuleDict() }

    /// The module under `key`, or `nil` (`module_dict[key]`). Setting a module adds it, or
    /// replaces the one under `key` in its place; setting `nil` removes it (`del module_dict[key]`).
    public subscript(key: String) -> Module? {
        get { registeredModules[key] ?? nil }
        set {
            if let newValue { registerModule(key, newValue) } else { registeredModules[key] = nil }
        }
    }

    /// The keys, in order (`keys()`).
    public var keys: [String] { Array(registeredModules.keys) }
    /// The modules, in order (`values()`).
    public var values: [Module] { registeredModules.values.compactMap { $0 } }
    /// The number of modules (`len(module_dict)`).
    public var count: Int { registeredModules.count }

    /// Adds or replaces each of `modules` in turn (`update`); a key already present keeps its place.
    public func update(_ modules: OrderedDictionary<String, Module>) {
        for (key, module) in modules { self[key] = module }
    }

    /// Removes and returns the module under `key` (`pop(key)`), or `nil` if there is none.
    @discardableResult
    public func removeValue(forKey key: String) -> Module? {
        registeredModules.removeValue(forKey: key) ?? nil
    }
}

// MARK: - ParameterList and ParameterDict

/// Parameters held in a list, registered as `0`, `1`, ... (PyTorch's `nn.ParameterList`). A
/// stored property that is an array of parameters is shown as one.
open class ParameterList: Module, RandomAccessCollection, PropertyContainer {
    /// The given parameters (`nn.ParameterList(values)`).
    public init(_ parameters: [Parameter] = []) {
        super.init()
        for p in parameters { append(p) }
    }

    static func makeEmpty() -> Module { ParameterList() }

    /// Adds a parameter at the end (`append`).
    public func append(_ parameter: Parameter) {
        registeredParameters[String(registeredParameters.count)] = parameter
    }

    /// The first position (0).
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { registeredParameters.count }
    /// The parameter at `position` (`parameter_list[i]`).
    public subscript(position: Int) -> Parameter { registeredParameters.values[position]! }

    /// One line per parameter: `  (0): Parameter containing: [torch.float32 of size 3]`.
    open override var extraRepr: String {
        enumerated().map { "  (\($0.offset)): " + parameterSummary($0.element, type: $0.element.dtype.description) }
            .joined(separator: "\n")
    }
}

/// Parameters held by name, in insertion order (PyTorch's `nn.ParameterDict`). A stored property
/// that is a dictionary of parameters is shown as one.
open class ParameterDict: Module, PropertyContainer {
    /// The given parameters, in their order (`nn.ParameterDict(OrderedDict(...))`).
    public init(_ parameters: OrderedDictionary<String, Parameter> = [:]) {
        super.init()
        for (key, p) in parameters { self[key] = p }
    }

    static func makeEmpty() -> Module { ParameterDict() }

    /// The parameter under `key`, or `nil`; setting adds, replaces or (with `nil`) removes it.
    public subscript(key: String) -> Parameter? {
        get { registeredParameters[key] ?? nil }
        set {
            if let newValue { registerParameter(key, newValue) } else { registeredParameters[key] = nil }
        }
    }

    /// The keys, in order (`keys()`).
    public var keys: [String] { Array(registeredParameters.keys) }

    /// One line per parameter: `  (a): Parameter containing: [torch.FloatTensor of size 2x3]`.
    open override var extraRepr: String {
        registeredParameters.compactMap { key, p in
            p.map { "  (\(key)): " + parameterSummary($0, type: $0.dtype.legacyTensorTypeName) }
        }.joined(separator: "\n")
    }
}

/// PyTorch's one-line summary of a parameter in a container's repr:
/// `Parameter containing: [torch.float32 of size 2x3]`, with the device unless it is the CPU.
private func parameterSummary(_ p: Parameter, type: String) -> String {
    let device = p.device == .cpu ? "" : " (\(p.device))"
    return "Parameter containing: [\(type) of size \(p.shape.map(String.init).joined(separator: "x"))\(device)]"
}
