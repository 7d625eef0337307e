// ember-bench: the workloads of Benchmarks/README.md, timed inside the process.
//
//     ember-bench [--json] [--quick] [--filter SUBSTRING] [--list]
//
// --json    one JSON object per line: {"name": "...", "value": 1.23, "unit": "..."}
// --quick   shorter measurements (0.05 s per workload instead of 0.5 s), for CI
// --filter  run only the workloads whose name contains SUBSTRING
// --list    print the workload names and units, run nothing
//
// This file only reads the command line; the timing is in Harness.swift and the workloads are
// registered in Workloads.swift.

#if canImport(Glibc)
import Glibc
#endif

let usage = """
    usage: ember-bench [--json] [--quick] [--filter SUBSTRING] [--list]

      --json               print one JSON object per line: {"name": ..., "value": ..., "unit": ...}
      --quick              short measurements (for CI)
      --filter SUBSTRING   run only the workloads whose name contains SUBSTRING
      --list               print the workload names and units and exit
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
    while let argument = rest.popFirst() {
        switch argument {
        case "--json": options.json = true
        case "--quick": options.quick = true
        case "--list": options.list = true
        case "--filter":
            guard let value = rest.popFirst() else { fail("--filter needs a value") }
            options.filter = value
        case "-h", "--help":
            print(usage, terminator: "")
            exit(0)
        default:
            if argument.hasPrefix("--filter=") {
                options.filter = String(argument.dropFirst("--filter=".count))
            } else {
                fail("unknown argument '\(argument)'")
            }
        }
    }
    return options
}

exit(runBenchmarks(parseOptions(Array(CommandLine.arguments.dropFirst()))))
