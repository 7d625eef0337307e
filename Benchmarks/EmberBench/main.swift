// ember-bench: the workloads of Benchmarks/README.md, timed inside the process.
//
//     ember-bench [--json] [--quick] [--filter SUBSTRING] [--list] [--device cpu|cuda]
//
// --json    one JSON object per line: {"name": "...", "value": 1.23, "unit": "..."}
// --quick   shorter measurements (0.05 s per workload instead of 0.5 s), for CI
// --filter  run only the workloads whose name contains SUBSTRING
// --list    print the workload names and units, run nothing
// --device  where the tensors live: cpu (the default) or cuda, which runs matmul_1024, add_16M,
//           conv2d_resnet_block and mlp_wide_train_step (the others are reported as not
//           available there) and exits 1 with PyTorch's error where CUDA cannot be used
//
// This file only reads the command line; the timing is in Harness.swift and the workloads are
// registered in Workloads.swift.

#if canImport(Glibc)
import Glibc
#endif
import Ember

let usage = """
    usage: ember-bench [--json] [--quick] [--filter SUBSTRING] [--list] [--device cpu|cuda]

      --json               print one JSON object per line: {"name": ..., "value": ..., "unit": ...}
      --quick              short measurements (for CI)
      --filter SUBSTRING   run only the workloads whose name contains SUBSTRING
      --list               print the workload names and units and exit
      --device DEVICE      run on cpu (default) or cuda (matmul_1024, add_16M,
                           conv2d_resnet_block and mlp_wide_train_step)
      -h, --help           print this help

    """

/// Parses the command line, or prints the usage and exits (status 0 for --help, 2 for a mistake).
func parseOptions(_ arguments: [String]) -> BenchOptions {
    var options = BenchOptions()
    var rest = arguments[...]
    func fail(_ message: String) -> Never {
        printError("ember-bench: \(message)\n\(usage)")
        exit(2)
    }
    /// A device string as `torch.device` reads it (`cpu`, `cuda`, `cuda:1`), or a usage error.
    func parseDevice(_ text: String) -> Device {
        do {
            return try Device.parse(text)
        } catch {
            fail("--device: \(error.message)")
        }
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--json": options.json = true
        case "--quick": options.quick = true
        case "--list": options.list = true
        case "--filter":
            guard let value = rest.popFirst() else { fail("--filter needs a value") }
            options.filter = value
        case "--device":
            guard let value = rest.popFirst() else { fail("--device needs a value") }
            options.device = parseDevice(value)
        case "-h", "--help":
            print(usage, terminator: "")
            exit(0)
        default:
            if argument.hasPrefix("--filter=") {
                options.filter = String(argument.dropFirst("--filter=".count))
            } else if argument.hasPrefix("--device=") {
                options.device = parseDevice(String(argument.dropFirst("--device=".count)))
            } else {
                fail("unknown argument '\(argument)'")
            }
        }
    }
    return options
}

exit(runBenchmarks(parseOptions(Array(CommandLine.arguments.dropFirst()))))
