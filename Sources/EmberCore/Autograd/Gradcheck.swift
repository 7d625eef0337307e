import EmberBackend

// MARK: - gradcheck

/// Checks the analytic gradients of `function` against central finite differences
/// (`torch.autograd.gradcheck`). Inputs that require grad must be float64; each of their
/// elements is perturbed by `eps` in place (so inputs may be transposed, sliced or offset views,
/// but not expanded ones whose elements alias). Throws a `TensorError` describing the first
/// mismatch; returns `true` otherwise.
@discardableResult
public func gradcheck(
    _ function: ([Tensor]) throws -> Tensor, inputs: [Tensor], eps: Double = 1e-6, atol: Double = 1e-5,
    rtol: Double = 1e-3
) throws -> Bool {
    for (i, input) in inputs.enumerated() where input.requiresGrad {
        guard input.dtype == .float64 else {
            throw TensorError.runtime("gradcheck: input \(i) requires grad but is \(input.dtype); use float64")
        }
        guard !input.layout.hasInternalOverlap else {
            throw TensorError.runtime("gradcheck: input \(i) has elements that share memory (an expanded view)")
        }
    }
    let output = try function(inputs)
    let outputValues = output.scalars(as: Double.self)
    let outCount = outputValues.count
    for (k, input) in inputs.enumerated() where input.requiresGrad {
        let n = input.numel
        // Numerical Jacobian, column j = d output / d input[j].
        var numerical = [[Double]](repeating: [Double](repeating: 0, count: outCount), count: n)
        let base = input.storage.data.assumingMemoryBound(to: Double.self)
        for j in 0..<n {
            let position = input.layout.offset(ofFlat: j)
            let original = base[position]
            base[position] = original + eps
            let plus = try withNoGrad { try function(inputs) }.scalars(as: Double.self)
            base[position] = original - eps
            let minus = try withNoGrad { try function(inputs) }.scalars(as: Double.self)
            base[position] = original
            for r in 0..<outCount { numerical[j][r] = (plus[r] - minus[r]) / (2 * eps) }
        }
        // Analytic Jacobian, one backward pass per output element.
        var analytic = [[Double]](repeating: [Double](repeating: 0, count: outCount), count: n)
        for r in 0..<outCount {
            var oneHot = [Double](repeating: 0, count: outCount)
            oneHot[r] = 1
            let seed = Tensor(shape: output.shape, data: oneHot, dtype: output.dtype)
            let grad = try gradients(of: [output], with: [input], gradOutputs: [seed], retainGraph: true,
                                     allowUnused: true)[0]
            let values = grad?.scalars(as: Double.self) ?? [Double](repeating: 0, count: n)
            for j in 0..<n { analytic[j][r] = values[j] }
        }
        for j in 0..<n {
            for r in 0..<outCount {
                let a = analytic[j][r], b = numerical[j][r]
                if !(abs(a - b) <= atol + rtol * abs(b)) {
                    throw TensorError.runtime(
                        "Jacobian mismatch for output 0 with respect to input \(k),\nnumerical:\(b)\nanalytical:\(a)\n(at input element \(j), output element \(r))")
                }
            }
        }
    }
    return true
}
