// Random fills, unique_consecutive, unique(dim:) and integer matrix products on the GPU. Random
// fills cannot match the CPU's numbers (another generator): they are checked against the
// Philox4x32-10 known answers, for repeatability under a seed, and for their statistics.

import EmberBackend
import EmberCPU
import EmberCUDA

// MARK: - Random

/// The values of a fresh CUDA `dtype` buffer of `count` elements filled with `distribution`.
@MainActor func deviceFill(_ distribution: RandomDistribution, _ dtype: DType, _ count: Int, _ generator: Generator) -> [Double] {
    let o = output(dtype, [count])
    cuda.random(distribution, into: o.device, generator: generator)
    return values(o.device, onDevice: true)
}

/// Records a mismatch unless `ok`.
@MainActor func expectThat(_ ok: Bool, _ what: String) {
    if !ok {
        failures += 1
        print("MISMATCH \(what)")
    }
}

/// Runs every random check.
@MainActor func checkRandom() {
    // Seed 0, offset 0: thread 0 draws Philox(counter 0, key 0), the first known answer
    // 6627e8d5 e169c58d bc57ac4c 9b00dbd8. With 512 int64 elements (one block of 256 threads,
    // two 64-bit values per draw), element 0 holds the first two words and element 256 the last
    // two; low Int64.min over a range of 2^64 - 1 flips the top bit.
    let kat = Generator(seed: 0)
    let o = output(.int64, [512])
    cuda.random(.integers(low: .min, high: .max), into: o.device, generator: kat)
    var words = [Int64](repeating: 0, count: 512)
    cuda.copyToHost(o.device.start, to: &words, byteCount: 512 * 8)
    expectThat(UInt64(bitPattern: words[0]) ^ (1 << 63) == 0x6627_e8d5_e169_c58d, "philox known answer, first words: \(words[0])")
    expectThat(UInt64(bitPattern: words[256]) ^ (1 << 63) == 0xbc57_ac4c_9b00_dbd8, "philox known answer, last words: \(words[256])")

    let n = 100_003
    for dtype in [DType.float32, .float64] {
        let first = deviceFill(.uniform(from: 0, to: 1), dtype, n, Generator(seed: 123))
        let again = deviceFill(.uniform(from: 0, to: 1), dtype, n, Generator(seed: 123))
        expectThat(first.elementsEqual(again), "uniform \(dtype) repeats under a seed")
        let generator = Generator(seed: 123)
        _ = deviceFill(.uniform(from: 0, to: 1), dtype, n, generator)
        expectThat(!deviceFill(.uniform(from: 0, to: 1), dtype, n, generator).elementsEqual(first), "uniform \(dtype) moves on")
        expectThat(first.allSatisfy { $0 >= 0 && $0 < 1 }, "uniform \(dtype) in [0, 1)")
        let mean = first.reduce(0, +) / Double(n)
        expectThat(abs(mean - 0.5) < 0.01, "uniform \(dtype) mean \(mean)")
        let normal = deviceFill(.normal(mean: 2, std: 3, stridedPath: false), dtype, n, Generator(seed: 5))
        let m = normal.reduce(0, +) / Double(n)
        let sd = (normal.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n)).squareRoot()
        expectThat(abs(m - 2) < 0.05 && abs(sd - 3) < 0.05 && normal.allSatisfy(\.isFinite), "normal \(dtype) mean \(m) std \(sd)")
    }
    for dtype in DType.allCases {
        let bernoulli = deviceFill(.bernoulli(p: 0.3), dtype, n, Generator(seed: 9))
        let ones = bernoulli.filter { $0 == 1 }.count, zeros = bernoulli.filter { $0 == 0 }.count
        expectThat(ones + zeros == n && abs(Double(ones) / Double(n) - 0.3) < 0.01, "bernoulli \(dtype): \(ones) ones")
        let (low, high): (Int64, Int64) = dtype == .bool ? (0, 2) : (-7, 12)
        let integers = deviceFill(.integers(low: low, high: high), dtype, n, Generator(seed: 11))
        expectThat(integers.allSatisfy { $0 >= Double(low) && $0 < Double(high) && $0 == $0.rounded() },
                   "integers \(dtype) in [\(low), \(high))")
        expectThat(Set(integers).count == Int(high - low), "integers \(dtype) take every value")
    }
    let permutation = deviceFill(.permutation, .int64, 5000, Generator(seed: 3))
    expectThat(permutation.sorted() == (0..<5000).map(Double.init), "randperm is a permutation")
}

// MARK: - unique

/// Runs unique_consecutive and unique(dim:) on both backends.
@MainActor func checkUnique() {
    for dtype in DType.allCases {
        let runs: [Double] = dtype.isFloatingPoint ? [1, 1, 2, 2, 2, .nan, .nan, 3, -0.0, 0, 1, 1]
            : dtype == .bool ? [1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1] : [1, 1, 2, 2, 2, 5, 5, 3, 0, 0, 1, 1]
        for strided in [false, true] {
            let source = pair(dtype, [runs.count * 2], values: runs.flatMap { [$0, 9] })
            let layout = strided ? Layout(shape: [runs.count], strides: [2]) : Layout(contiguous: [runs.count])
            let input = strided ? source : pair(dtype, [runs.count], values: runs)
            let uniques = output(dtype, [runs.count]), groups = output(.int64, [runs.count]), counts = output(.int64, [runs.count])
            let expected = cpu.uniqueConsecutive(strided ? source.host.with(layout: layout) : input.host,
                                                 values: uniques.host, groups: groups.host, counts: counts.host)
            let actual = cuda.uniqueConsecutive(strided ? source.device.with(layout: layout) : input.device,
                                                values: uniques.device, groups: groups.device, counts: counts.device)
            expectThat(expected == actual, "unique_consecutive \(dtype) runs: cpu \(expected), cuda \(actual)")
            let kept = Array(values(uniques.device, onDevice: true).prefix(actual))
            compare("unique_consecutive \(dtype) values", Array(values(uniques.host, onDevice: false).prefix(expected)), kept,
                    tolerance: 0)
            check("unique_consecutive \(dtype) groups", [groups], tolerance: 0)
            compare("unique_consecutive \(dtype) counts", Array(values(counts.host, onDevice: false).prefix(expected)),
                    Array(values(counts.device, onDevice: true).prefix(actual)), tolerance: 0)
        }
        // Rows of [7, 3] with repeats (rows 0, 3 and 5; rows 1 and 6).
        let rowValues: [[Double]] = [[1, 2, 0], [0, 1, 1], [1, 0, 1], [1, 2, 0], [0, 0, 1], [1, 2, 0], [0, 1, 1]]
        let rows = pair(dtype, [7, 3], values: rowValues.flatMap { $0 })
        let order = output(.int64, [7]), groups = output(.int64, [7])
        let expected = cpu.uniqueRows(rows.host, order: order.host, groups: groups.host)
        let actual = cuda.uniqueRows(rows.device, order: order.device, groups: groups.device)
        expectThat(expected == actual, "unique rows \(dtype): cpu \(expected), cuda \(actual)")
        check("unique rows \(dtype) groups", [groups], tolerance: 0)
        // Equal rows may come in another order: compare the rows each order lists.
        let listed = { (o: [Double]) in o.flatMap { rowValues[Int($0)] } }
        compare("unique rows \(dtype) sorted rows", listed(values(order.host, onDevice: false)),
                listed(values(order.device, onDevice: true)), tolerance: 0)
    }
}

// MARK: - Integer gemm

/// Integer products on both backends: batched, broadcast and transposed, with alpha and beta.
@MainActor func checkIntegerGemm() {
    for dtype in [DType.int32, .int64] {
        let a = pair(dtype, [3, 20, 37], values: samples(dtype, 3 * 20 * 37, seed: 4))
        let b = pair(dtype, [37, 18], values: samples(dtype, 37 * 18, seed: 5), transposed: true)
        let broadcastB = Layout(shape: [3, 37, 18], strides: [0, 1, 37])
        for (alpha, beta) in [(Scalar.int(1), Scalar.int(0)), (.int(3), .int(-2))] {
            let c = pair(dtype, [3, 20, 18], values: samples(dtype, 3 * 20 * 18, seed: 6))
            cpu.gemm(a.host, b.host.with(layout: broadcastB), into: c.host, alpha: alpha, beta: beta)
            cuda.gemm(a.device, b.device.with(layout: broadcastB), into: c.device, alpha: alpha, beta: beta)
            check("gemm \(dtype) alpha \(alpha) beta \(beta)", [c], tolerance: 0)
        }
        // Wrapping: large values overflow the same way.
        let big = pair(dtype, [4, 4], values: (0..<16).map { Double(2_000_000_000 - $0 * 1_000_003) })
        let square = output(dtype, [4, 4])
        cpu.gemm(big.host, big.host, into: square.host, alpha: 1, beta: 0)
        cuda.gemm(big.device, big.device, into: square.device, alpha: 1, beta: 0)
        check("gemm \(dtype) wrapping", [square], tolerance: 0)
    }
}
