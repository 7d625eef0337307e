import EmberCore

// MARK: - Children by position

extension Module {
    /// The registered child at `index` (negative counts from the end), or PyTorch's `IndexError`;
    /// how `Sequential` and `ModuleList` index their children.
    func registeredModule(at index: Int) -> Module {
        let module: Module? = attempt { registeredModules.values[try registeredPosition(index)] ?? nil }
        return module ?? Identity()  // a failed lookup's placeholder inside `withErrorCapture`
    }

    /// Replaces the registered child at `index`, keeping its name (`container[i] = module`).
    func setRegisteredModule(_ module: Module, at index: Int) {
        attemptVoid { registeredModules.values[try registeredPosition(index)] = module }
    }

    /// `index` counted from the start, or `IndexError: index 7 is out of range`.
    private func registeredPosition(_ index: Int) throws(TensorError) -> Int {
        let position = index < 0 ? index + registeredModules.count : index
        guard position >= 0 && position < registeredModules.count else {
            throw TensorError(.indexError, "index \(index) is out of range")
        }
        return position
    }
}

// MARK: - ModuleList

/// Modules held in a list, registered as children `0`, `1`, ... (PyTorch's `nn.ModuleList`).
/// It has no `forward`: the module holding it decides how to run its elements. A stored property
/// that is an array of modules is shown as one (see Note [Containers in stored properties]).
open class ModuleList: Module, RandomAccessCollection, PropertyContainer {
    /// The given modules (`nn.ModuleList(modules)`).
    public init(_ modules: [Module] = []) {
        super.init()
        extend(modules)
    }

    static func makeEmpty() -> Module { ModuleList() }

    /// Adds a module at the end (`append`), as child `count`.
    public func append(_ module: Module) {
        registeredModules[String(registeredModules.count)] = module
    }

    /// Adds modules at the end, in order (`extend`).
    public func extend(_ modules: [Module]) {
        for module in modules { append(module) }
    }

    /// Inserts a module at `index`, moving the later ones up by one (`insert(index, module)`);
    /// `index` may be `count`, which appends.
    public func insert(_ module: Module, at index: Int) {
        attemptVoid {
            let count = registeredModules.count
            guard index >= 0 && index <= count else { throw TensorError(.indexError, "index \(index) is out of range") }
            registeredModules[String(count)] = module
            for i in stride(from: count, to: index, by: -1) { registeredModules[String(i)] = registeredModules[String(i - 1)] }
            registeredModules[String(index)] = module
        }
    }

    /// The first position (0).
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { registeredModules.count }

    /// The module at `position` (`module_list[i]`); a negative position counts from the end.
    /// Setting it replaces the child (`module_list[i] = module`).
    public subscript(position: Int) -> Module {
        get { registeredModule(at: position) }
        set { setRegisteredModule(newValue, at: position) }
    }

    /// PyTorch's repr, which writes runs of equal elements once: `(0-2): 3 x ReLU()`.
    public override var description: String {
        var runs: [(start: Int, end: Int, text: String)] = []
        for (i, module) in enumerated() {
            let text = module.description
            if let last = runs.last, last.text == text {
                runs[runs.count - 1].end = i
            } else {
                runs.append((i, i, text))
            }
        }
        return repr(childLines: runs.map { run in
            (run.start == run.end ? "(\(run.start)): " : "(\(run.start)-\(run.end)): \(run.end - run.start + 1) x ", run.text)
        })
    }
}
