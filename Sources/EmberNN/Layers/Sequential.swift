import EmberCore
import OrderedCollections

// MARK: - Sequential

/// Modules run one after another, each on the previous one's output (PyTorch's
/// `nn.Sequential`); they are its children, named `0`, `1`, ... or by the keys given.
///
/// Made from a list, from named modules, or with a builder, where `if` and `for` choose the layers:
///
/// ```swift
/// let model = Sequential {
///     Linear(784, 256)
///     ReLU()
///     if useDropout { Dropout(p: 0.2) }
///     for _ in 0..<depth { Linear(256, 256); ReLU() }
///     Linear(256, 10)
/// }
/// ```
open class Sequential: Module, RandomAccessCollection {
    /// The given modules in order (`nn.Sequential(a, b, c)`).
    public convenience init(_ layers: Module...) { self.init(layers) }

    /// The given modules in order (`nn.Sequential(*layers)`).
    public init(_ layers: [Module]) {
        super.init()
        for layer in layers { append(layer) }
    }

    /// The modules the builder lists, in order (`nn.Sequential(...)` written as a block).
    public convenience init(@SequentialBuilder _ layers: () -> [Module]) { self.init(layers()) }

    /// The given modules under their keys, in order (`nn.Sequential(OrderedDict(...))`).
    public init(_ layers: OrderedDictionary<String, Module>) {
        super.init()
        for (name, layer) in layers { registerModule(name, layer) }
    }

    /// Adds a module at the end, named by its position (`append`).
    public func append(_ module: Module) {
        registerModule(String(registeredModules.count), module)
    }

    /// The first position (0).
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { registeredModules.count }

    /// The module at `position` (`sequential[i]`); a negative position counts from the end.
    /// Setting it replaces the module, keeping its name (`sequential[i] = module`).
    public subscript(position: Int) -> Module {
        get { registeredModule(at: position) }
        set { setRegisteredModule(newValue, at: position) }
    }

    /// Runs each module on the previous one's output.
    open override func forward(_ input: Tensor) -> Tensor {
        reduce(input) { x, layer in layer(x) }
    }
}

/// Lists the modules of a ``Sequential`` written as a block: one module per line, `if`,
/// `if`-`else`, `switch` and `for` loops (the equivalent of building PyTorch's argument list).
@resultBuilder
public enum SequentialBuilder {
    /// A module on a line of its own.
    public static func buildExpression(_ module: Module) -> [Module] { [module] }
    /// An array of modules, spliced in.
    public static func buildExpression(_ modules: [Module]) -> [Module] { modules }
    /// The lines of a block, in order.
    public static func buildBlock(_ parts: [Module]...) -> [Module] { parts.flatMap { $0 } }
    /// An `if` without `else`: its modules, or none.
    public static func buildOptional(_ part: [Module]?) -> [Module] { part ?? [] }
    /// The first branch of an `if`-`else` or `switch`.
    public static func buildEither(first part: [Module]) -> [Module] { part }
    /// The second branch of an `if`-`else` or `switch`.
    public static func buildEither(second part: [Module]) -> [Module] { part }
    /// A `for` loop: every iteration's modules, in order.
    public static func buildArray(_ parts: [[Module]]) -> [Module] { parts.flatMap { $0 } }
    /// An `if #available` block.
    public static func buildLimitedAvailability(_ part: [Module]) -> [Module] { part }
}
