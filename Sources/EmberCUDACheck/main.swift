// ember-cuda-check: runs every generated CUDA kernel on the GPU and the same op on the CPU backend,
// and prints each mismatch; then trains the seed network and the digits CNN on the CPU and on the
// GPU from the same seed and compares their losses step by step (TrainingChecks.swift). Needs a
// GPU; build it self-contained with
//
//     swift build -c release --product ember-cuda-check --static-swift-stdlib
//
// and run it where the CUDA libraries are found (EMBER_CUDA_PATH names extra directories; see the
// CUDA article). Exits 1 when anything differs, 2 when CUDA cannot be used.
//
//     ember-cuda-check              the kernel checks, then the training checks
//     ember-cuda-check --kernels    the kernel checks only
//     ember-cuda-check --train      the training checks only
//     ember-cuda-check --train --against cpu
//                                   the training checks with the CPU in CUDA's place (no GPU needed:
//                                   checks the checker, every loss must be equal)

import EmberBackend
import EmberCPU
import EmberCUDA
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Command line

/// What the command line asked for.
struct CheckOptions {
    /// Run the kernel checks.
    var kernels = true
    /// Run the training checks.
    var training = true
    /// The device the training checks compare with the CPU.
    var against: Device = .cuda

    /// Parses the arguments, or prints the usage and exits with status 64.
    init(_ arguments: [String]) {
        let usage = "usage: ember-cuda-check [--kernels | --train [--against cpu|cuda]]"
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--kernels": training = false
            case "--train": kernels = false
            case "--against":
                guard let value = rest.popFirst(), let device = ["cpu": Device.cpu, "cuda": .cuda][value] else {
                    print(usage)
                    exit(64)
                }
                against = device
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                print("ember-cuda-check: unknown argument '\(argument)'\n\(usage)")
                exit(64)
            }
        }
        if !kernels && !training { (kernels, training) = (true, true) }
    }
}

let options = CheckOptions(Array(CommandLine.arguments.dropFirst()))
if !options.kernels && options.against.kind == .cpu {
    // The training checks against the CPU itself need no CUDA.
    exit(runTrainingChecks(against: .cpu))
}

// MARK: - Loading

let cpu = CPUBackend.shared
let cuda: CUDABackend
switch CUDABackend.load() {
case .success(let backend): cuda = backend
case .failure(let failure):
    print("CUDA cannot be used: \(failure.reason)")
    exit(2)
}
// The front end (the training checks) uses this same backend instead of loading its own.
BackendRegistry.register(cuda)
print("CUDA devices: \(cuda.deviceCount), architecture \(cuda.devices[0].architecture)")
if !options.kernels { exit(runTrainingChecks(against: options.against)) }

// MARK: - Kernel checks

/// A tensor's values on both backends: a CPU buffer and a CUDA copy of it.
struct Pair {
    let host: StridedBuffer
    let device: StridedBuffer
    let storages: (Storage, Storage)
}

/// `count` sample values of `dtype` (signed, fractional, zero, NaN and infinities for floats).
func samples(_ dtype: DType, _ count: Int, seed: Int) -> [Double] {
    let specials: [Double] = [0, -0.0, 1, -1, .nan, .infinity, -.infinity, 0.5, -2.5, 3]
    return (0..<count).map { i in
        let v = Double((i * 7919 + seed * 104729) % 2001 - 1000) / 97
        switch dtype {
        case .bool: return (i + seed) % 3 == 0 ? 0 : 1
        case .int32, .int64: return Double(Int(v * 3) % 50)
        default: return i < specials.count && seed == 0 ? specials[i] : v
        }
    }
}

/// A buffer of `shape` (stored transposed when `transposed`) on both backends holding `values`.
func pair(_ dtype: DType, _ shape: [Int], values: [Double], transposed: Bool = false) -> Pair {
    let count = shape.reduce(1, *)
    let bytes = max(count * dtype.itemSize, 1)
    let hostStorage = try! cpu.makeStorage(byteCount: bytes, device: .cpu)
    let deviceStorage = try! cuda.makeStorage(byteCount: bytes, device: .cuda)
    var layout = Layout(contiguous: Dims(shape))
    if transposed && shape.count == 2 {
        layout = Layout(shape: Dims(shape), strides: [1, shape[0]])
    }
    let host = StridedBuffer(base: hostStorage.data, layout: layout, dtype: dtype)
    let contiguous = StridedBuffer(base: hostStorage.data, layout: Layout(contiguous: Dims([count])), dtype: .float64)
    // Write the values as float64 through a scratch buffer, converting with the CPU's copy.
    let scratch = try! cpu.makeStorage(byteCount: max(count * 8, 1), device: .cpu)
    let s = scratch.data.assumingMemoryBound(to: Double.self)
    for i in 0..<count { s[i] = values[i] }
    cpu.copy(StridedBuffer(base: scratch.data, layout: Layout(contiguous: Dims([count])), dtype: .float64),
             into: StridedBuffer(base: hostStorage.data, layout: Layout(contiguous: Dims([count])), dtype: dtype))
    _ = contiguous
    cuda.copyFromHost(hostStorage.data, to: deviceStorage.data, byteCount: bytes)
    return Pair(host: host, device: StridedBuffer(base: deviceStorage.data, layout: layout, dtype: dtype),
                storages: (hostStorage, deviceStorage))
}

/// The device buffer's values read back as float64, in the layout's row-major order.
func values(_ buffer: StridedBuffer, onDevice: Bool) -> [Double] {
    let count = buffer.layout.count
    let bytes = max(buffer.layout.count * buffer.dtype.itemSize, 1)
    let out = try! cpu.makeStorage(byteCount: max(count * 8, 1), device: .cpu)
    var source = buffer
    var hold: Storage?
    if onDevice {
        let span = (buffer.layout.offset + zip(buffer.layout.shape, buffer.layout.strides).map { ($0 - 1) * $1 }.reduce(0, +) + 1)
        let host = try! cpu.makeStorage(byteCount: max(span * buffer.dtype.itemSize, bytes), device: .cpu)
        cuda.copyToHost(buffer.base, to: host.data, byteCount: span * buffer.dtype.itemSize)
        source = StridedBuffer(base: host.data, layout: buffer.layout, dtype: buffer.dtype)
        hold = host
    }
    cpu.copy(source, into: StridedBuffer(base: out.data, layout: Layout(contiguous: buffer.layout.shape), dtype: .float64))
    _ = hold
    let p = out.data.assumingMemoryBound(to: Double.self)
    return (0..<count).map { p[$0] }
}

var failures = 0
@MainActor func compare(_ what: String, _ expected: [Double], _ actual: [Double], tolerance: Double) {
    for (i, (e, a)) in zip(expected, actual).enumerated() {
        let same = (e.isNaN && a.isNaN) || e == a || abs(e - a) <= tolerance * max(1, abs(e))
        if !same {
            failures += 1
            print("MISMATCH \(what) at \(i): cpu \(e), cuda \(a)")
            return
        }
    }
}

func output(_ dtype: DType, _ shape: [Int]) -> Pair { pair(dtype, shape, values: [Double](repeating: 0, count: shape.reduce(1, *))) }

let shape = [33, 17]
for dtype in DType.allCases {
    let tolerance = dtype == .float32 ? 1e-5 : 1e-12
    let input = pair(dtype, shape, values: samples(dtype, 33 * 17, seed: 0), transposed: true)
    let other = pair(dtype, shape, values: samples(dtype, 33 * 17, seed: 1))
    for op in KernelSources.unaryOps where KernelSources.unaryKernel(op, dtype) != nil {
        let o = output(op.producesBool ? .bool : dtype, shape)
        cpu.unary(op, input.host, into: o.host)
        cuda.unary(op, input.device, into: o.device)
        compare("unary \(op) \(dtype)", values(o.host, onDevice: false), values(o.device, onDevice: true), tolerance: tolerance)
    }
    // Integer division and remainder by zero are undefined in the kernels (the CPU backend's trap;
    // the front end raises ZeroDivisionError first on the CPU): those ops divide by `divisor`,
    // `other` with every zero made 3.
    let divisor = pair(dtype, shape, values: samples(dtype, 33 * 17, seed: 1).map { $0 == 0 ? 3 : $0 })
    for op in KernelSources.binaryOps where KernelSources.binaryKernel(op, dtype) != nil {
        let divides = dtype.category == .integer && [.div, .floorDivide, .remainder, .fmod].contains(op)
        let rhs = divides ? divisor : other
        let o = output(op.producesBool ? .bool : dtype, shape)
        cpu.binary(op, .buffer(input.host), .buffer(rhs.host), into: o.host)
        cuda.binary(op, .buffer(input.device), .buffer(rhs.device), into: o.device)
        compare("binary \(op) \(dtype)", values(o.host, onDevice: false), values(o.device, onDevice: true), tolerance: tolerance)
        cpu.binary(op, .buffer(input.host), .scalar(.int(2)), into: o.host)
        cuda.binary(op, .buffer(input.device), .scalar(.int(2)), into: o.device)
        compare("binary \(op) \(dtype) scalar", values(o.host, onDevice: false), values(o.device, onDevice: true), tolerance: tolerance)
    }
    for target in DType.allCases {
        let o = output(target, shape)
        cpu.copy(input.host, into: o.host)
        cuda.copy(input.device, into: o.device)
        compare("copy \(dtype) to \(target)", values(o.host, onDevice: false), values(o.device, onDevice: true), tolerance: 0)
    }
    let filled = output(dtype, shape)
    cpu.fill(filled.host, with: .float(2.5))
    cuda.fill(filled.device, with: .float(2.5))
    compare("fill \(dtype)", values(filled.host, onDevice: false), values(filled.device, onDevice: true), tolerance: 0)
    for op in KernelSources.reduceOps {
        for target in KernelSources.reduceOutputs(op, dtype) {
            for reduced in [[33, 1], [1, 17], [1, 1]] {
                let o = output(target, reduced)
                cpu.reduce(op, other.host, into: o.host)
                cuda.reduce(op, other.device, into: o.device)
                compare("reduce \(op) \(dtype) to \(target) \(reduced)", values(o.host, onDevice: false),
                        values(o.device, onDevice: true), tolerance: dtype.isFloatingPoint ? 1e-4 : 0)
            }
        }
    }
    if dtype.isFloatingPoint {
        let a = pair(dtype, [3, 5, 7], values: samples(dtype, 105, seed: 2))
        let b = pair(dtype, [3, 7, 4], values: samples(dtype, 84, seed: 3))
        let c = output(dtype, [3, 5, 4])
        cpu.gemm(a.host, b.host, into: c.host, alpha: 1, beta: 0)
        cuda.gemm(a.device, b.device, into: c.device, alpha: 1, beta: 0)
        compare("gemm \(dtype)", values(c.host, onDevice: false), values(c.device, onDevice: true), tolerance: 1e-4)
    }
}
// MARK: - Softmax, scans, where, lerp, optimizer updates, batch norm

@MainActor func check(_ what: String, _ pairs: [Pair], tolerance: Double) {
    for (k, p) in pairs.enumerated() {
        compare("\(what) [\(k)]", values(p.host, onDevice: false), values(p.device, onDevice: true), tolerance: tolerance)
    }
}

for dtype in DType.allCases {
    let input = pair(dtype, shape, values: samples(dtype, 33 * 17, seed: 0), transposed: true)
    let other = pair(dtype, shape, values: samples(dtype, 33 * 17, seed: 1))
    for op in [ScanOp.sum, .prod] {
        for target in KernelSources.scanOutputs(dtype) {
            for dim in 0..<2 {
                let o = output(target, shape)
                cpu.scan(op, input.host, dim: dim, into: o.host)
                cuda.scan(op, input.device, dim: dim, into: o.device)
                check("scan \(op) \(dtype) to \(target) dim \(dim)", [o], tolerance: dtype.isFloatingPoint ? 1e-6 : 0)
            }
        }
    }
    let condition = pair(.bool, shape, values: samples(.bool, 33 * 17, seed: 5))
    let chosen = output(dtype, shape)
    cpu.select(condition.host, .buffer(input.host), .scalar(.float(-1.5)), into: chosen.host)
    cuda.select(condition.device, .buffer(input.device), .scalar(.float(-1.5)), into: chosen.device)
    check("where \(dtype)", [chosen], tolerance: 0)
    cpu.select(condition.host, .buffer(other.host), .buffer(input.host), into: chosen.host)
    cuda.select(condition.device, .buffer(other.device), .buffer(input.device), into: chosen.device)
    check("where \(dtype) buffers", [chosen], tolerance: 0)
    for op in [ArgReduceOp.max, .min] {
        for dim in 0..<2 {
            var reduced = shape
            reduced[dim] = 1
            let best = output(dtype, reduced), at = output(.int64, reduced)
            cpu.argReduce(op, input.host, dim: dim, values: best.host, indices: at.host)
            cuda.argReduce(op, input.device, dim: dim, values: best.device, indices: at.device)
            check("arg reduce \(op) \(dtype) dim \(dim)", [best, at], tolerance: 0)
        }
    }
    for dim in 0..<2 {
        var joined = shape
        joined[dim] *= 2
        let o = output(dtype, joined)
        cpu.cat([input.host, other.host], dim: dim, into: o.host)
        cuda.cat([input.device, other.device], dim: dim, into: o.device)
        check("cat \(dtype) dim \(dim)", [o], tolerance: 0)
    }
    let image = pair(dtype, [2, 3, 5, 7], values: samples(dtype, 210, seed: 14))
    let window = SlidingWindow(kernel: [3, 2], dilation: [2, 1], padding: [1, 0], stride: [2, 1], inputSize: [5, 7])
    let columns = output(dtype, [2, 3] + window.kernel + window.outputSize)
    cpu.unfold(image.host, window: window, into: columns.host)
    cuda.unfold(image.device, window: window, into: columns.device)
    check("unfold \(dtype)", [columns], tolerance: 0)
    guard dtype.isFloatingPoint else { continue }
    let folded = output(dtype, [2, 3, 5, 7])
    cpu.fold(columns.host, window: window, into: folded.host)
    cuda.fold(columns.device, window: window, into: folded.device)
    check("fold \(dtype)", [folded], tolerance: 0)
    let poolWindow = SlidingWindow(kernel: [3, 3], dilation: [1, 2], padding: [1, 1], stride: [2, 1], inputSize: [5, 7])
    let poolValues = output(dtype, [2, 3] + poolWindow.outputSize), poolAt = output(.int64, [2, 3] + poolWindow.outputSize)
    _ = cpu.maxPool(image.host, window: poolWindow, values: poolValues.host, indices: poolAt.host)
    _ = cuda.maxPool(image.device, window: poolWindow, values: poolValues.device, indices: poolAt.device)
    check("max pool \(dtype)", [poolValues, poolAt], tolerance: 0)
    let tolerance = dtype == .float32 ? 1e-5 : 1e-12
    for dim in 0..<2 {
        for log in [false, true] {
            let o = output(dtype, shape)
            cpu.softmax(input.host, dim: dim, log: log, into: o.host)
            cuda.softmax(input.device, dim: dim, log: log, into: o.device)
            check("softmax log \(log) \(dtype) dim \(dim)", [o], tolerance: tolerance)
        }
    }
    let weight = pair(dtype, shape, values: samples(dtype, 33 * 17, seed: 6).map { $0 / 10 })
    let lerped = output(dtype, shape)
    cpu.lerp(input.host, other.host, weight: .buffer(weight.host), into: lerped.host)
    cuda.lerp(input.device, other.device, weight: .buffer(weight.device), into: lerped.device)
    check("lerp \(dtype)", [lerped], tolerance: tolerance)
    cpu.lerp(input.host, other.host, weight: .scalar(.float(0.75)), into: lerped.host)
    cuda.lerp(input.device, other.device, weight: .scalar(.float(0.75)), into: lerped.device)
    check("lerp \(dtype) scalar", [lerped], tolerance: tolerance)

    let n = 561
    func vector(_ seed: Int, _ transform: (Double) -> Double = { $0 }) -> Pair {
        pair(dtype, [n], values: samples(dtype, n, seed: seed).map(transform))
    }
    let sgd = OptimizerStep.sgd(lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01, nesterov: true,
                                maximize: false, firstStep: false)
    let adam = OptimizerStep.adam(lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true,
                                  maximize: false, stepSize: 0.01, biasCorrection2Sqrt: 0.0447)
    for (step, stateCount) in [(sgd, 1), (adam, 3)] {
        let param = vector(7), grad = vector(8)
        let state = (0..<stateCount).map { vector(9 + $0, abs) }
        let ranCPU = cpu.optimizerStep(step, param: param.host, grad: grad.host, state: state.map(\.host))
        let ranCUDA = cuda.optimizerStep(step, param: param.device, grad: grad.device, state: state.map(\.device))
        if ranCPU != ranCUDA { failures += 1; print("MISMATCH optimizer \(step.atenName) \(dtype): ran on CPU \(ranCPU), CUDA \(ranCUDA)") }
        check("optimizer \(step.atenName) \(dtype)", [param] + state, tolerance: tolerance)
    }

    let x = pair(dtype, [4, 3, 5], values: samples(dtype, 60, seed: 11))
    let dy = pair(dtype, [4, 3, 5], values: samples(dtype, 60, seed: 12))
    let gamma = pair(dtype, [3], values: [0.5, -2, 3]), beta = pair(dtype, [3], values: [1, 0, -1])
    let mean = output(dtype, [3]), variance = output(dtype, [3]), invstd = output(dtype, [3])
    _ = cpu.batchNormStatistics(x.host, eps: 1e-5, mean: mean.host, variance: variance.host, invstd: invstd.host)
    _ = cuda.batchNormStatistics(x.device, eps: 1e-5, mean: mean.device, variance: variance.device, invstd: invstd.device)
    check("batch norm statistics \(dtype)", [mean, variance, invstd], tolerance: tolerance)
    let y = output(dtype, [4, 3, 5])
    _ = cpu.batchNormApply(x.host, mean: mean.host, invstd: invstd.host, weight: gamma.host, bias: beta.host, into: y.host)
    _ = cuda.batchNormApply(x.device, mean: mean.device, invstd: invstd.device, weight: gamma.device, bias: beta.device,
                            into: y.device)
    check("batch norm apply \(dtype)", [y], tolerance: tolerance)
    let dx = output(dtype, [4, 3, 5]), dw = output(dtype, [3]), db = output(dtype, [3])
    for training in [true, false] {
        _ = cpu.batchNormBackward(dy.host, input: x.host, mean: mean.host, invstd: invstd.host, weight: gamma.host,
                                  training: training, gradInput: dx.host, gradWeight: dw.host, gradBias: db.host)
        _ = cuda.batchNormBackward(dy.device, input: x.device, mean: mean.device, invstd: invstd.device,
                                   weight: gamma.device, training: training, gradInput: dx.device,
                                   gradWeight: dw.device, gradBias: db.device)
        check("batch norm backward training \(training) \(dtype)", [dx, dw, db], tolerance: 1e-4)
    }

    let poolGradient = pair(dtype, [2, 3, 4], values: samples(dtype, 24, seed: 13))
    let poolIndices = pair(.int64, [2, 3, 4], values: (0..<24).map { Double($0 * 5 % 9) })
    let pooled = output(dtype, [2, 3, 9])
    _ = cpu.maxPoolBackward(poolGradient.host, indices: poolIndices.host, into: pooled.host)
    _ = cuda.maxPoolBackward(poolGradient.device, indices: poolIndices.device, into: pooled.device)
    check("max pool backward \(dtype)", [pooled], tolerance: 0)
}
checkIndexing()
checkRandom()
checkUnique()
checkIntegerGemm()
cuda.synchronize()
print(failures == 0 ? "all kernels match the CPU backend" : "\(failures) mismatches")
let trainingStatus = options.training ? runTrainingChecks(against: options.against) : 0
exit(failures == 0 ? trainingStatus : 1)
