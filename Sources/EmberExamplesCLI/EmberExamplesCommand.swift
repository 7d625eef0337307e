import ArgumentParser
import Foundation
import EmberExamples

// MARK: - ember-examples

/// `ember-examples`: runs PyTorch's "Learning PyTorch with Examples" tutorials ported to Ember,
/// one subcommand per example, or `all` of them in order.
@main
struct EmberExamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ember-examples",
        abstract: "PyTorch's \"Learning PyTorch with Examples\" tutorials, ported to Ember.",
        discussion: "Each example prints its loss every 100 iterations, as its PyTorch script in Examples/pytorch does.",
        subcommands: [
            All.self, RunExample<Tensors>.self, RunExample<Autograd>.self, RunExample<CustomFunction>.self,
            RunExample<NN>.self, RunExample<Optim>.self, RunExample<Module>.self, RunExample<DynamicNet>.self,
            RunExample<FineTune>.self, RunExample<Hooks>.self, Digits.self, CharLM.self,
        ]
    )
}

/// The options every subcommand takes.
struct ExampleOptions: ParsableArguments {
    @Option(help: "The number of training iterations; the tutorials train for 500.")
    var iterations: Int = 500

    func validate() throws {
        guard iterations >= 0 else { throw ValidationError("--iterations must not be negative.") }
    }
}

// MARK: - One subcommand per example

/// Names one entry of `Examples.all`, as the type argument of ``RunExample``.
protocol ExampleName {
    static var name: String { get }
}

/// The subcommand that runs one example: `ember-examples <name> [--iterations n]`.
struct RunExample<Name: ExampleName>: ParsableCommand {
    static var entry: Examples.Entry { Examples.all.first { $0.name == Name.name }! }

    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Name.name, abstract: entry.summary,
                             discussion: "The PyTorch script it ports: Examples/pytorch/\(entry.script).")
    }

    @OptionGroup var options: ExampleOptions

    func run() throws {
        _ = try Self.entry.run(options.iterations) { print($0) }
    }
}

enum Tensors: ExampleName { static let name = "tensors" }
enum Autograd: ExampleName { static let name = "autograd" }
enum CustomFunction: ExampleName { static let name = "custom-function" }
enum NN: ExampleName { static let name = "nn" }
enum Optim: ExampleName { static let name = "optim" }
enum Module: ExampleName { static let name = "module" }
enum DynamicNet: ExampleName { static let name = "dynamic-net" }
enum FineTune: ExampleName { static let name = "fine-tune" }
enum Hooks: ExampleName { static let name = "hooks" }

// MARK: - all

/// Runs every example in order, each under a `# name` header.
struct All: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Runs every example in order.")

    @OptionGroup var options: ExampleOptions

    func run() throws {
        for (i, entry) in Examples.all.enumerated() {
            print((i == 0 ? "" : "\n") + "# \(entry.name) (Examples/pytorch/\(entry.script))")
            _ = try entry.run(options.iterations) { print($0) }
        }
    }
}

// MARK: - digits

/// `ember-examples digits`: trains a small CNN on the 8x8 handwritten digits, with a progress bar.
struct Digits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A small CNN (Conv2d, BatchNorm2d, ReLU, MaxPool2d, Linear) trained on the 8x8 handwritten digits.",
        discussion: "1,797 images from scikit-learn's copy of the UCI data set (CC BY 4.0), split 1,437 for training and 360 for testing.")

    @Option(help: "The number of epochs.")
    var epochs: Int = 10

    @Option(help: "Where to save the trained weights (a safetensors file).")
    var checkpoint: String = "digits.safetensors"

    func validate() throws {
        guard epochs > 0 else { throw ValidationError("--epochs must be positive.") }
    }

    func run() throws {
        _ = try Examples.digits(epochs: epochs, checkpoint: URL(fileURLWithPath: checkpoint)) { print($0) }
    }
}

// MARK: - charlm

/// `ember-examples charlm`: a character-level LSTM trained on Ember's own optimizer sources.
struct CharLM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charlm",
        abstract: "A character-level LSTM language model trained on Ember's optimizer sources, then sampled.",
        discussion: "Prints the held-out loss before and after training and 200 sampled characters.")

    @Option(help: "The number of training steps (batches of 32 windows of 64 characters).")
    var steps: Int = 300

    func validate() throws {
        guard steps > 0 else { throw ValidationError("--steps must be positive.") }
    }

    func run() throws {
        _ = try Examples.charLM(steps: steps) { print($0) }
    }
}
