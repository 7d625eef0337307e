import EmberBackend

// MARK: - Scan family

extension KernelSources {
    /// The output dtypes a scan of `input` may write: the input's for floating and int32 inputs
    /// (int32 also into int64), int64 for int64 and bool (see `Backend.scan`).
    package static func scanOutputs(_ input: DType) -> [DType] {
        switch input {
        case .float32, .float64: [input]
        case .int32: [.int32, .int64]
        case .int64, .bool: [.int64]
        }
    }

    /// The kernel scanning `input` into `output` with `op`, if there is one.
    package static func scanKernel(_ op: ScanOp, _ input: DType, _ output: DType) -> String? {
        scanOutputs(input).contains(output)
            ? "ember_scan_\(op == .sum ? "cumsum" : "cumprod")_\(input.kernelName)_to_\(output.kernelName)" : nil
    }

    /// The module of every cumulative sum and product of `input` (see Note [CUDA slice kernels]).
    ///
    /// One thread per slice (grid-stride over the slices) walks its slice in order, so the
    /// result rounds as the CPU backend's does: floating inputs accumulate in double, integer and
    /// bool inputs in 64 bits, wrapping, and each partial result is converted to the output.
    /// Element `k` is read before it is written, so an in-place scan is safe. (A long single
    /// slice runs on one thread: correct, not fast.)
    package static func scanModule(_ input: DType) -> KernelModule {
        var text = prelude(input)
        var names: [String] = []
        for op in [ScanOp.sum, .prod] {
            for output in scanOutputs(input) {
                let name = scanKernel(op, input, output)!
                names.append(name)
                let symbol = op == .sum ? "+" : "*", identity = op == .sum ? "0" : "1"
                let (acc, load, store): (String, String, String) = switch (input.category, output) {
                case (.floating, _): ("double", "(double)x[k * sa]", "(T)acc")
                case (.bool, _): ("u64", "(u64)(x[k * sa] ? 1 : 0)", "(long long)acc")
                case (_, .int32): ("u64", "(u64)(i64)x[k * sa]", "(int)(unsigned int)acc")
                default: ("u64", "(u64)(i64)x[k * sa]", "(long long)acc")
                }
                text += """

                extern "C" __global__ void \(name)(const T* a, \(output.cudaType)* o,
                        i64 rows, i64 n, i64 sa, i64 so, EmberIndexer outer) {
                    EMBER_GRID_STRIDE_LOOP(r, rows) {
                        i64 base[\(maxOperands)];
                        ember_offsets(outer, r, base);
                        const T* x = a + base[0];
                        \(output.cudaType)* y = o + base[1];
                        \(acc) acc = (\(acc))\(identity);
                        for (i64 k = 0; k < n; ++k) {
                            acc = acc \(symbol) \(load);
                            y[k * so] = \(store);
                        }
                    }
                }

                """
            }
        }
        return KernelModule(name: "scan_\(input.kernelName)", kernels: names, source: text)
    }
}
