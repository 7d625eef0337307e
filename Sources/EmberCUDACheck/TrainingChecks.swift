// The training checks: the seed tutorial's network (the `optim` example: Linear, ReLU, Linear,
// MSELoss(sum), Adam) and the digits CNN (`Examples.digitsModel()`: convolution, batch norm,
// max pooling, cross entropy, SGD with momentum) trained for 150 steps on the CPU and on
// another device from the same seed, in float32 and float64, their losses compared step by step.
//
// Everything is made on the CPU from `manualSeed(0)` and then moved, so both runs start from the
// same weights and data; they differ only in the kernels (summation orders, cuBLAS against
// OpenBLAS, CUDA's `expf`), so the losses agree to a tolerance per dtype rather than exactly.
// The digits CNN trains on seeded synthetic 8x8 images labelled by a random linear teacher, not
// on the digits data set, so that the executable needs no resource bundle beside it.

import Ember
import EmberExamples

// MARK: - Runs

/// One model trained on the CPU and on another device: the loss of every step on each.
struct TrainingComparison {
    /// What was trained, for the report (`seed network float32`).
    let name: String
    /// The loss before each step on the CPU.
    let cpuLosses: [Double]
    /// The same on the other device.
    let deviceLosses: [Double]
    /// The largest relative difference allowed at any step.
    let tolerance: Double

    /// The step with the largest relative difference, and that difference (NaN on both sides
    /// counts as equal, NaN on one side as infinitely different).
    var worst: (step: Int, difference: Double) {
        var worst = (step: 0, difference: 0.0)
        for (step, (a, b)) in zip(cpuLosses, deviceLosses).enumerated() {
            let difference: Double
            if a.isNaN || b.isNaN {
                difference = a.isNaN && b.isNaN ? 0 : .infinity
            } else {
                difference = a == b ? 0 : abs(a - b) / max(abs(a), abs(b), .leastNormalMagnitude)
            }
            if difference > worst.difference { worst = (step, difference) }
        }
        return worst
    }

    /// Whether every step's losses agree within the tolerance.
    var matches: Bool { cpuLosses.count == deviceLosses.count && worst.difference <= tolerance }
}

/// The relative difference allowed between the two devices' losses: float32 drifts apart over
/// the steps from last-bit differences in the kernels; float64 barely does. For scale: after
/// 150 steps on the CPU, the float32 and float64 runs (which differ in every rounding) are
/// 2e-5 apart for the seed network and 1e-6 for the digits CNN; by step 200 the CNN's gap
/// grows to 5e-4 as its loss nears zero, hence 150 steps.
func trainingTolerance(_ dtype: DType) -> Double { dtype == .float64 ? 1e-9 : 1e-3 }

/// The seed tutorial's network trained by Adam (lr 1e-4) on x [64, 1000], y [64, 10], as the
/// `optim` example does (on the CPU in float32 its losses are that example's); the loss before
/// each of `steps` steps.
func seedNetworkLosses(on device: Device, dtype: DType, steps: Int) throws -> [Double] {
    manualSeed(0)
    let x = Tensor.randn(64, 1000).to(dtype).to(device)
    let y = Tensor.randn(64, 10).to(dtype).to(device)
    let model = Sequential(Linear(1000, 100), ReLU(), Linear(100, 10)).to(dtype: dtype).to(device: device)
    let lossFunction = MSELoss(reduction: .sum)
    let optimizer = Adam(model.parameters(), lr: 1e-4)
    var losses: [Double] = []
    for _ in 0..<steps {
        let loss = lossFunction(model(x), y)
        losses.append(loss.item())
        optimizer.zeroGrad()
        try loss.backward()
        optimizer.step()
    }
    return losses
}

/// The digits CNN trained by SGD (lr 0.01, momentum 0.9, as `digits_cnn_step` in ember-bench) with
/// cross entropy on 512 seeded 8x8 images in batches of 64, in order; the loss before each of
/// `steps` steps.
func digitsCNNLosses(on device: Device, dtype: DType, steps: Int) throws -> [Double] {
    manualSeed(0)
    let count = 512, batch = 64
    let images = Tensor.rand(count, 1, 8, 8)
    // Labels a network can learn: the largest of ten random projections of each image.
    let labels = images.reshape(count, 64).matmul(Tensor.randn(64, 10)).argmax(dim: 1)
    let model = Examples.digitsModel().to(dtype: dtype).to(device: device)
    let x = images.to(dtype).to(device), y = labels.to(device)
    let lossFunction = CrossEntropyLoss()
    let optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9)
    var losses: [Double] = []
    for step in 0..<steps {
        let start = (step * batch) % count
        let loss = lossFunction(model(x.narrow(dim: 0, start: start, length: batch)),
                                y.narrow(dim: 0, start: start, length: batch))
        losses.append(loss.item())
        optimizer.zeroGrad()
        try loss.backward()
        optimizer.step()
    }
    return losses
}

// MARK: - Report

/// Trains both models in float32 and float64 on the CPU and on `device`, prints the losses side
/// by side (every 50th step and the last) and each comparison's verdict; returns the exit
/// status: 0 when every comparison matches, 1 otherwise (or when a run fails).
@MainActor func runTrainingChecks(against device: Device, steps: Int = 150) -> Int32 {
    print("training on cpu and on \(device) from the same seed, \(steps) steps each")
    typealias Trainer = (Device, DType, Int) throws -> [Double]
    let trainers: [(String, Trainer)] = [("seed network", seedNetworkLosses), ("digits CNN", digitsCNNLosses)]
    var status: Int32 = 0
    for (name, train) in trainers {
        for dtype in [DType.float32, .float64] {
            let comparison: TrainingComparison
            do {
                comparison = try withErrorCapture {
                    TrainingComparison(name: "\(name) \(dtype)", cpuLosses: try train(.cpu, dtype, steps),
                                       deviceLosses: try train(device, dtype, steps), tolerance: trainingTolerance(dtype))
                }
            } catch {
                print("FAILED \(name) \(dtype): \(error)")
                status = 1
                continue
            }
            printComparison(comparison, device: device)
            if !comparison.matches { status = 1 }
        }
    }
    print(status == 0 ? "training on \(device) matches the CPU" : "training on \(device) differs from the CPU")
    return status
}

/// The losses of a comparison side by side and its verdict.
func printComparison(_ comparison: TrainingComparison, device: Device) {
    print("\(comparison.name):")
    print("  \("step".padded(6)) \("cpu".padded(24)) \(device.description.padded(24)) relative difference")
    let last = comparison.cpuLosses.count - 1
    for step in comparison.cpuLosses.indices where step % 50 == 0 || step == last {
        let a = comparison.cpuLosses[step], b = comparison.deviceLosses[step]
        let difference = a == b ? 0 : abs(a - b) / max(abs(a), abs(b), .leastNormalMagnitude)
        print("  \(String(step).padded(6)) \("\(a)".padded(24)) \("\(b)".padded(24)) \(difference)")
    }
    let (step, difference) = comparison.worst
    print("  \(comparison.matches ? "ok" : "MISMATCH"): largest relative difference \(difference) at step \(step), "
        + "tolerance \(comparison.tolerance)")
}

extension String {
    /// The string with spaces after it up to `width` characters.
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
