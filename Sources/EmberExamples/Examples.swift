import Ember

// MARK: - The examples

/// PyTorch's "Learning PyTorch with Examples" tutorials (the two-layer network series) ported line
/// by line, plus a fine-tuning and a hooks example.
///
/// Each example seeds the generator with `manualSeed(0)` as its reference script in
/// `Examples/pytorch/` does with `torch.manual_seed(0)`, trains for `iterations` steps, prints its
/// loss every 100 iterations through `print` as the tutorial's `print(t, loss.item())` prints it,
/// and returns the loss of every iteration. See Note [Matching PyTorch's losses].
package enum Examples {
    /// An example as the command line runs it.
    package struct Entry: Sendable {
        /// The subcommand's name, e.g. `tensors`.
        package let name: String
        /// One line saying what the example shows.
        package let summary: String
        /// The PyTorch script the example ports, under `Examples/pytorch/`.
        package let script: String
        /// Runs the example for some iterations, printing through the sink; returns the losses.
        package let run: @Sendable (_ iterations: Int, _ print: (String) -> Void) throws -> [Double]
    }

    /// Every example, in the tutorial's order.
    package static let all: [Entry] = [
        Entry(name: "tensors", summary: "A two-layer network with tensors and gradients computed by hand.",
              script: "two_layer_net_tensor.py", run: tensors),
        Entry(name: "autograd", summary: "The two-layer network with autograd computing the gradients.",
              script: "two_layer_net_autograd.py", run: autograd),
        Entry(name: "custom-function", summary: "The two-layer network with a custom autograd Function for its ReLU.",
              script: "two_layer_net_custom_function.py", run: customFunction),
        Entry(name: "nn", summary: "The two-layer network as Sequential, updated by hand under no-grad.",
              script: "two_layer_net_nn.py", run: nn),
        Entry(name: "optim", summary: "The Sequential network trained by Adam.",
              script: "two_layer_net_optim.py", run: optim),
        Entry(name: "module", summary: "The two-layer network as a custom Module, trained by SGD.",
              script: "two_layer_net_module.py", run: module),
        Entry(name: "dynamic-net", summary: "A network reusing its middle layer a random 0 to 3 times per forward.",
              script: "dynamic_net.py", run: dynamicNet),
        Entry(name: "fine-tune", summary: "A frozen backbone with a new head, only the head optimized.",
              script: "fine_tune.py", run: fineTune),
        Entry(name: "hooks", summary: "A forward hook keeping an activation and a tensor hook scaling a gradient.",
              script: "hooks.py", run: hooks),
    ]
}

// Note [Matching PyTorch's losses]
// ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// Ember's `randn` draws PyTorch's numbers for the same seed and order of draws, and `Linear`
// initializes its weight and bias as PyTorch does, so every example starts from exactly the
// tensors its PyTorch script starts from. The losses then agree to float32 rounding: OpenBLAS and
// MKL sum matrix products in different orders, and the difference of the last bits grows over the
// iterations (by iteration 499 a loss near 1e-5 can differ in its second digit, as it does between
// PyTorch's own `tensors` and `autograd` scripts). The tests compare the early losses, where the
// two agree well within 1e-4 relative.
//
// Where PyTorch's tutorial uses Python's `random` (DynamicNet's `random.randint(0, 3)`), Ember
// draws from its own (PyTorch's) generator with `Tensor.randint`, and the reference script uses
// `torch.randint` in the same place, so both make the same choices. The choices differ from the
// tutorial's, whose Python `random` is unseeded anyway.

// MARK: - Printing

extension Examples {
    /// `value` as Python's `repr(float)` writes it (and so `print(t, loss.item())`): the
    /// shortest digits that read back as `value`, positional from 1e-4 up to 1e16 (`0.0001`,
    /// `427.8198547363281`, `1e+16`), otherwise in exponent form (`3.01021082123043e-05`).
    package static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description has the same shortest round-trip digits; only the layout differs.
        let text = "\(value.magnitude)"
        let parts = text.split(separator: "e")
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let whole = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(whole[0] + (whole.count > 1 ? whole[1] : ""))
        // The value is 0.digits × 10^point.
        var point = whole[0].count + exponent
        while digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.last == "0" { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        if point > -4 && point <= 16 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
            if point >= digits.count {
                return sign + String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
            }
            return sign + String(digits[..<point]) + "." + String(digits[point...])
        }
        let power = point - 1
        let fraction = digits.count > 1 ? "." + String(digits[1...]) : ""
        let powerText = (power < 0 ? "-" : "+") + (abs(power) < 10 ? "0" : "") + String(abs(power))
        return sign + String(digits[0]) + fraction + "e" + powerText
    }

    /// Python's `print(t, loss)` line for an iteration and its loss: `99 427.8198547363281`.
    static func lossLine(_ t: Int, _ loss: Double) -> String { "\(t) \(pythonRepr(loss))" }
}
