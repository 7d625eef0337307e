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
        // Elements are read and written through the input's own backend, on whatever device it is.
        let originals = input.scalars(as: Double.self)
        func set(_ j: Int, _ value: Double) {
            let element = Layout(shape: [], strides: [], offset: input.layout.offset(ofFlat: j))
            input.backend.fill(input.buffer.with(layout: element), with: .float(value))
        }
        for j in 0..<n {
            let original = originals[j]
            set(j, original + eps)
            let plus = try withNoGrad { try function(inputs) }.scalars(as: Double.self)
            set(j, original - eps)
            let minus = try withNoGrad { try function(inputs) }.scalars(as: Double.self)
            set(j, original)
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

// MARK: - gradgradcheck

/// Checks second derivatives (`torch.autograd.gradgradcheck`): the first-order gradients of
/// `function`, computed with `createGraph: true` against a fixed `gradOutputs` tensor `v`, are
/// checked with `gradcheck` as a function of the inputs and of `v`. That compares central finite
/// differences of the first-order gradient with the analytic second-order gradient (a backward
/// pass through the graph the first backward recorded).
///
/// Inputs that require grad must be float64 and free of internal overlap, as for `gradcheck`.
/// When `gradOutputs` is nil, `v` is a float64 tensor of the output's shape with fixed,
/// distinct values (PyTorch draws it at random). Throws a `TensorError` describing the first
/// mismatch; returns `true` otherwise.
@discardableResult
public func gradgradcheck(
    _ function: ([Tensor]) throws -> Tensor, inputs: [Tensor], gradOutputs: Tensor? = nil, eps: Double = 1e-6,
    atol: Double = 1e-5, rtol: Double = 1e-3
) throws -> Bool {
    let shape = try withNoGrad { try function(inputs) }.shape
    let values: [Double] = (0..<shape.reduce(1, *)).map { k in
        let a = Double(k % 7), b = Double(k % 3)
        return 0.5 + 0.25 * a - 0.1 * b
    }
    let v = gradOutputs ?? Tensor(shape: shape, data: values, dtype: .float64)
    let seed = v.requiresGrad ? v : v.detach().requiresGrad_()
    let count = inputs.count
    let differentiable = inputs.indices.filter { inputs[$0].requiresGrad }
    return try gradcheck({ all in
        // Finite differences run under no-grad; the first-order gradient needs a graph anyway.
        try withGrad(enabled: true) {
            let xs = Array(all[0..<count])
            let output = try function(xs)
            let wrt = differentiable.map { xs[$0] }
            let grads = try gradients(of: [output], with: wrt, gradOutputs: [all[count]], createGraph: true,
                                      allowUnused: true)
            let flat = zip(grads, wrt).map { g, x in (g ?? Tensor.zeros(like: x)).reshape([-1]) }
            return Tensor.cat(flat)
        }
    }, inputs: inputs + [seed], eps: eps, atol: atol, rtol: rtol)
}
