// The timing harness: how a workload is measured, and how its figure is printed.
//
// Mirrors `timeit` in Benchmarks/torch_reference.py, so that the two sides are measured the
// same way: one warm-up call; then the batch size (calls per batch) doubles from 1 until one batch
// takes longer than min_time / 5; then 5 batches of that size are timed, and the figure is the
// median time per call over those 5. min_time is 0.5 s, or 0.05 s with --quick. The clock is
// CLOCK_MONOTONIC, read once before and once after each batch. With --device cuda the queued
// kernels are waited for (`cudaSynchronize()`, as torch.cuda.synchronize() on PyTorch's side)
// before each reading of the clock, so a batch's time covers its work, not just the launches.

import Ember
import EmberCPU  // the thread count in the table header

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Options

/// What the command line asked for.
struct BenchOptions {
    /// Print JSON lines instead of the table.
    var json = false
    /// Shorter measurements (CI).
    var quick = false
    /// Run only the workloads whose name contains this (all when empty).
    var filter = ""
    /// List the workloads and run nothing.
    var list = false
    /// Where the workloads' tensors and modules live (`--device cpu` or `--device cuda`).
    var device: Device = .cpu

    /// The least time the calibrated batches of one workload take together, in seconds.
    var minTime: Double { quick ? 0.05 : 0.5 }
    /// The number of timed batches whose median is reported.
    var repeats: Int { 5 }
}

// MARK: - Workloads

/// How a workload's time per call becomes its reported figure.
enum Metric {
    /// Nanoseconds per call (`ns/op`).
    case nanosecondsPerOp
    /// Microseconds per call (`us/iter`).
    case microsecondsPerIteration
    /// Milliseconds per call (`ms/iter`).
    case millisecondsPerIteration
    /// `flops` floating-point operations per call, reported as `GFLOP/s`.
    case gigaflopsPerSecond(flops: Double)
    /// `bytes` read and written per call, reported as `GB/s` (10^9 bytes per second).
    case gigabytesPerSecond(bytes: Double)

    /// The unit as Benchmarks/README.md and torch_reference.py write it.
    var unit: String {
        switch self {
        case .nanosecondsPerOp: "ns/op"
        case .microsecondsPerIteration: "us/iter"
        case .millisecondsPerIteration: "ms/iter"
        case .gigaflopsPerSecond: "GFLOP/s"
        case .gigabytesPerSecond: "GB/s"
        }
    }

    /// The figure for a median time per call.
    func value(secondsPerCall seconds: Double) -> Double {
        switch self {
        case .nanosecondsPerOp: seconds * 1e9
        case .microsecondsPerIteration: seconds * 1e6
        case .millisecondsPerIteration: seconds * 1e3
        case .gigaflopsPerSecond(let flops): flops / seconds / 1e9
        case .gigabytesPerSecond(let bytes): bytes / seconds / 1e9
        }
    }
}

/// One named benchmark: an untimed setup that returns the operation to time.
///
/// ```swift
/// Workload("exp_16M", .gigabytesPerSecond(bytes: 2 * 4 * (1 << 24))) {
///     let a = Tensor.randn(1 << 24)   // setup, not timed
///     return { a.exp() }              // timed; the harness consumes each result
/// }
/// ```
/// The operation may return anything (a tensor, a loss, nothing) and may throw (`backward()`);
/// a throw fails the workload and makes the run's exit status non-zero.
///
/// A workload that also runs on CUDA (`--device cuda`) takes the device in its setup and moves
/// its tensors and modules there:
///
/// ```swift
/// Workload("add_16M", .gigabytesPerSecond(bytes: 3 * 4 * (1 << 24)), onAnyDevice: { device in
///     let a = Tensor.randn(1 << 24).to(device), b = Tensor.randn(1 << 24).to(device)
///     return { a + b }
/// })
/// ```
struct Workload {
    /// The name in Benchmarks/README.md (and torch_reference.py).
    let name: String
    /// How the time per call is reported.
    let metric: Metric
    /// The device kinds the workload runs on (the CPU only, unless made with `onAnyDevice:`).
    let deviceKinds: [Device.Kind]
    /// Runs the setup on `options.device`, then times the operation it returns.
    let measure: (BenchOptions) throws -> Timing

    /// `setup` runs once, untimed; the closure it returns is the operation to time. CPU only.
    init<R>(_ name: String, _ metric: Metric, _ setup: @escaping () throws -> () throws -> R) {
        self.init(name, metric, kinds: [.cpu]) { _ in try setup() }
    }

    /// `setup` runs once, untimed, given the device to put its tensors on; the closure it returns
    /// is the operation to time. Runs on the CPU and on CUDA.
    init<R>(_ name: String, _ metric: Metric, onAnyDevice setup: @escaping (Device) throws -> () throws -> R) {
        self.init(name, metric, kinds: [.cpu, .cuda], setup)
    }

    private init<R>(_ name: String, _ metric: Metric, kinds: [Device.Kind],
                    _ setup: @escaping (Device) throws -> () throws -> R) {
        self.name = name
        self.metric = metric
        self.deviceKinds = kinds
        self.measure = { options in
            let operation = try setup(options.device)
            let synchronize: (() -> Void)? = options.device.kind == .cpu ? nil : { cudaSynchronize() }
            return try timeit(operation, minTime: options.minTime, repeats: options.repeats, synchronize: synchronize)
        }
    }

    /// Whether the workload runs on `device`.
    func runs(on device: Device) -> Bool { deviceKinds.contains(device.kind) }
}

// MARK: - Timing

/// The result of timing one workload.
struct Timing {
    /// The median over the timed batches of the seconds per call.
    var secondsPerCall: Double
    /// Calls in each timed batch.
    var callsPerBatch: Int
    /// Seconds per call in each timed batch.
    var samples: [Double]

    /// (slowest - fastest) / median of the batches, as a fraction.
    var spread: Double {
        guard let low = samples.min(), let high = samples.max(), secondsPerCall > 0 else { return 0 }
        return (high - low) / secondsPerCall
    }
}

/// Nanoseconds on the monotonic clock.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Keeps a value alive and opaque to the optimizer, so the work that produced it cannot be
/// removed as dead code. Costs one call.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {}

/// Seconds taken by `count` calls of `operation`, each result consumed; `synchronize` (waiting
/// for a device's queued work) runs before each reading of the clock.
@inline(never)
func timeBatch<R>(_ count: Int, _ operation: () throws -> R, synchronize: (() -> Void)? = nil) rethrows -> Double {
    synchronize?()
    let start = monotonicNanoseconds()
    for _ in 0..<count {
        blackHole(try operation())
    }
    synchronize?()
    return Double(monotonicNanoseconds() - start) * 1e-9
}

/// torch_reference.py's `timeit`: median seconds per call over `repeats` batches, each batch
/// running at least `minTime / repeats` seconds, after one warm-up call. `synchronize` waits for
/// the device before each reading of the clock (nil on the CPU).
func timeit<R>(_ operation: () throws -> R, minTime: Double, repeats: Int,
               synchronize: (() -> Void)? = nil) rethrows -> Timing {
    blackHole(try operation())
    var count = 1
    while try timeBatch(count, operation, synchronize: synchronize) <= minTime / Double(repeats) {
        count *= 2
    }
    var samples: [Double] = []
    for _ in 0..<repeats {
        samples.append(try timeBatch(count, operation, synchronize: synchronize) / Double(count))
    }
    return Timing(secondsPerCall: median(samples), callsPerBatch: count, samples: samples)
}

/// The median (the mean of the middle two for an even count), as Python's `statistics.median`.
func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "median of no values")
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

// MARK: - Running

/// Runs the selected workloads and prints their figures; returns the exit status.
func runBenchmarks(_ options: BenchOptions) -> Int32 {
    // The per-op table runs only when the filter asks for its rows.
    let candidates = Workloads.all + (options.filter.hasPrefix("op_") ? Workloads.opTable : [])
    let matching = candidates.filter { options.filter.isEmpty || $0.name.contains(options.filter) }
    let selected = matching.filter { $0.runs(on: options.device) }
    let unavailable = matching.filter { !$0.runs(on: options.device) }
    if options.list {
        for workload in selected { print("\(pad(workload.name, 28)) \(workload.metric.unit)") }
        return 0
    }
    if options.device.kind != .cpu {
        // PyTorch's error for a device that cannot be used, before anything is measured.
        do {
            try withErrorCapture {
                _ = Tensor.ones(1).to(options.device)
                cudaSynchronize()
            }
        } catch {
            printError("ember-bench: \(error)")
            return 1
        }
    }
    if selected.isEmpty {
        // Not an error: compare.py may ask for a workload the project does not have yet.
        printError("ember-bench: no workload matches '\(options.filter)'\(unavailableNote(unavailable, options))")
        return 0
    }
    if !options.json { printTableHeader(options) }
    defer {
        if options.json {
            if !unavailable.isEmpty { printError("ember-bench:\(unavailableNote(unavailable, options))") }
        } else {
            for workload in unavailable { print("\(pad(workload.name, 28)) not available on \(options.device)") }
        }
    }
    var status: Int32 = 0
    for workload in selected {
        // Each workload starts from the same random numbers, whatever ran before it.
        manualSeed(0)
        do {
            let timing = try workload.measure(options)
            let value = workload.metric.value(secondsPerCall: timing.secondsPerCall)
            if options.json {
                print(jsonLine(name: workload.name, value: value, unit: workload.metric.unit))
            } else {
                printTableRow(workload, value: value, timing: timing)
            }
        } catch {
            printError("ember-bench: \(workload.name) failed: \(error)")
            status = 1
        }
        fflush(nil)  // show each row as it is measured, also when piped
        // Hand the workload's cached blocks back, so the next one starts from a clean allocator.
        emptyCache()
        if options.device.kind != .cpu { emptyCache(device: options.device) }
    }
    return status
}

/// ` (not available on cuda: name, name)`, or nothing when every workload runs there.
func unavailableNote(_ unavailable: [Workload], _ options: BenchOptions) -> String {
    unavailable.isEmpty ? "" : " (not available on \(options.device): \(unavailable.map(\.name).joined(separator: ", ")))"
}

// MARK: - Output

/// Writes a line to standard error.
func printError(_ line: String) {
    fflush(nil)
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

/// `{"name": "add_small", "value": 123.4567, "unit": "ns/op"}`, as torch_reference.py prints it.
func jsonLine(name: String, value: Double, unit: String) -> String {
    "{\"name\": \(jsonString(name)), \"value\": \(jsonNumber(value)), \"unit\": \(jsonString(unit))}"
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// A JSON number rounded to 4 decimals, but keeping at least 5 significant digits for small values.
func jsonNumber(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    guard value != 0 else { return "0.0" }
    let magnitude = Int(log10(Swift.abs(value)).rounded(.down))
    let decimals = min(max(4, 4 - magnitude), 15)
    let scale = pow(10.0, Double(decimals))
    return "\((value * scale).rounded() / scale)"
}

/// Formats a Double with a printf conversion such as `%.3f`.
func cFormat(_ format: String, _ value: Double) -> String {
    withVaList([value]) { arguments in
        var buffer = [CChar](repeating: 0, count: 64)
        _ = vsnprintf(&buffer, buffer.count, format, arguments)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

func padLeft(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

/// A duration with a unit that keeps it readable: `153.2 ns`, `48.1 us`, `2.31 ms`, `1.20 s`.
func readableDuration(_ seconds: Double) -> String {
    switch seconds {
    case ..<1e-6: cFormat("%.1f ns", seconds * 1e9)
    case ..<1e-3: cFormat("%.1f us", seconds * 1e6)
    case ..<1: cFormat("%.2f ms", seconds * 1e3)
    default: cFormat("%.2f s", seconds)
    }
}

/// A figure with 3 decimals, or more for small values so that 4 significant digits show.
func tableNumber(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return "\(value)" }
    let magnitude = Int(log10(Swift.abs(value)).rounded(.down))
    return cFormat("%.\(min(max(3, 3 - magnitude), 12))f", value)
}

func printTableHeader(_ options: BenchOptions) {
    let device = options.device.kind == .cpu ? "" : ", on \(options.device) (synchronized before each clock reading)"
    print("ember-bench\(options.quick ? " --quick" : ""): median of \(options.repeats) batches after a warm-up, "
        + "\(cFormat("%g", options.minTime)) s of batches per workload, \(Parallel.threadCount) threads\(device)")
    print("\(pad("workload", 28)) \(padLeft("value", 14)) \(pad("unit", 8)) \(padLeft("time/call", 11)) "
        + "\(padLeft("calls/batch", 11)) \(padLeft("spread", 7))")
}

func printTableRow(_ workload: Workload, value: Double, timing: Timing) {
    print("\(pad(workload.name, 28)) \(padLeft(tableNumber(value), 14)) \(pad(workload.metric.unit, 8)) "
        + "\(padLeft(readableDuration(timing.secondsPerCall), 11)) \(padLeft(String(timing.callsPerBatch), 11)) "
        + "\(padLeft(cFormat("%.1f%%", timing.spread * 100), 7))")
}
