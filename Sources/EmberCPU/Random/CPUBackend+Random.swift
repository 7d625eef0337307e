import EmberBackend

// MARK: - Random family

extension CPUBackend {
    /// Fills the contiguous `output` in element order with samples drawn from the CPU generator in
    /// PyTorch's order (`CPUGeneratorImpl`), so a seed gives PyTorch's numbers.
    @usableFromInline package func random(_ distribution: RandomDistribution, into output: StridedBuffer, generator: Generator) {
        let n = output.layout.count
        guard n > 0 else { return }
        let p = output.start
        func buffer<T>(_ type: T.Type) -> UnsafeMutableBufferPointer<T> {
            UnsafeMutableBufferPointer(start: p.assumingMemoryBound(to: T.self), count: n)
        }
        switch (distribution, output.dtype) {
        case (.uniform(let from, let to), .float32): generator.fillUniform(buffer(Float.self), from: from, to: to)
        case (.uniform(let from, let to), .float64): generator.fillUniform(buffer(Double.self), from: from, to: to)
        case (.normal(let mean, let std, let strided), .float32):
            generator.fillNormal(buffer(Float.self), mean: mean, std: std, contiguous: !strided)
        case (.normal(let mean, let std, let strided), .float64):
            generator.fillNormal(buffer(Double.self), mean: mean, std: std, contiguous: !strided)
        case (.uniform, _), (.normal, _):
            preconditionFailure("\(distribution) fills floating dtypes only, not \(output.dtype)")
        case (.integers(let low, let high), .int64): generator.fillRandint(buffer(Int64.self), low: low, high: high)
        case (.integers(let low, let high), .int32): generator.fillRandint(buffer(Int32.self), low: low, high: high)
        case (.integers(let low, let high), .float32): generator.fillRandint(buffer(Float.self), low: low, high: high)
        case (.integers(let low, let high), .float64): generator.fillRandint(buffer(Double.self), low: low, high: high)
        case (.integers(let low, let high), .bool):
            // PyTorch draws int64 values for a bool tensor and stores whether each is nonzero.
            var values = [Int64](repeating: 0, count: n)
            values.withUnsafeMutableBufferPointer { generator.fillRandint($0, low: low, high: high) }
            let b = buffer(Bool.self)
            for i in 0..<n { b[i] = values[i] != 0 }
        case (.bernoulli(let p), .float32): generator.fillBernoulli(buffer(Float.self), p: p) { $0 ? 1 : 0 }
        case (.bernoulli(let p), .float64): generator.fillBernoulli(buffer(Double.self), p: p) { $0 ? 1 : 0 }
        case (.bernoulli(let p), .int32): generator.fillBernoulli(buffer(Int32.self), p: p) { $0 ? 1 : 0 }
        case (.bernoulli(let p), .int64): generator.fillBernoulli(buffer(Int64.self), p: p) { $0 ? 1 : 0 }
        case (.bernoulli(let p), .bool): generator.fillBernoulli(buffer(Bool.self), p: p) { $0 }
        case (.permutation, _):
            precondition(output.dtype == .int64, "randperm writes int64")
            let values = generator.randperm(n)
            values.withUnsafeBufferPointer { source in
                _ = buffer(Int64.self).initialize(fromContentsOf: source)
            }
        }
    }
}
