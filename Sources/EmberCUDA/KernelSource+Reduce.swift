import EmberBackend

// MARK: - Reduction family

extension KernelSources {
    /// The reductions with kernels: one value of each `ReduceOp` case that has one. `norm`,
    /// `variance` and `logSumExp` have none yet.
    package static let reduceOps: [ReduceOp] = [.sum, .prod, .mean, .max, .min, .any, .all, .countNonzero]

    /// The output dtypes a reduction of `input` may write (see `ReduceOp`), empty when none.
    package static func reduceOutputs(_ op: ReduceOp, _ input: DType) -> [DType] {
        switch op {
        case .sum, .prod:
            switch input {
            case .float32, .float64: [input]
            case .int32: [.int64, .int32]
            case .int64, .bool: [.int64]
            }
        case .mean: input.isFloatingPoint ? [input] : []
        case .max, .min: [input]
        case .any, .all: [.bool]
        case .countNonzero: [.int64]
        case .norm, .variance, .logSumExp: []
        }
    }

    /// The kernel reducing `input` into `output` with `op`, if there is one.
    package static func reduceKernel(_ op: ReduceOp, _ input: DType, _ output: DType) -> String? {
        reduceOutputs(op, input).contains(output)
            ? "ember_reduce_\(caseName(op))_\(input.kernelName)_to_\(output.kernelName)" : nil
    }

    /// The module of every reduction of `input`.
    ///
    /// One block per output element (grid-stride over the outputs): its threads walk the reduced
    /// positions through the `inner` indexer (operand 0: the input), combine into registers, then
    /// merge through shared memory; thread 0 writes the result through the `outer` indexer
    /// (operand 0: the input's kept dims, 1: the output). A reduction over no elements writes the
    /// identity (0 for sums, 1 for products, NaN for means).
    package static func reduceModule(_ input: DType) -> KernelModule {
        var text = prelude(input)
        var names: [String] = []
        for op in reduceOps {
            for output in reduceOutputs(op, input) {
                guard let name = reduceKernel(op, input, output), let r = reducer(op, input, output) else { continue }
                names.append(name)
                text += """

                extern "C" __global__ void __launch_bounds__(\(blockSize)) \(name)(const T* __restrict__ a, \(output.cudaType)* __restrict__ o,
                        i64 outputs, i64 extent, EmberIndexer outer, EmberIndexer inner) {
                    __shared__ \(r.acc) shared[\(blockSize)];
                    for (i64 j = blockIdx.x; j < outputs; j += gridDim.x) {
                        i64 base[\(maxOperands)];
                        ember_offsets(outer, j, base);
                        \(r.acc) acc = \(r.identity);
                        for (i64 k = threadIdx.x; k < extent; k += blockDim.x) {
                            i64 off[\(maxOperands)];
                            ember_offsets(inner, k, off);
                            const T x = a[base[0] + off[0]];
                            \(r.combine("acc", "x"))
                        }
                        shared[threadIdx.x] = acc;
                        __syncthreads();
                        for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
                            if (threadIdx.x < s) {
                                \(r.acc) acc = shared[threadIdx.x];
                                const \(r.acc) y = shared[threadIdx.x + s];
                                \(r.merge("acc", "y"))
                                shared[threadIdx.x] = acc;
                            }
                            __syncthreads();
                        }
                        if (threadIdx.x == 0) {
                            const \(r.acc) acc = shared[0];
                            o[base[1]] = \(r.finish("acc"));
                        }
                        __syncthreads();
                    }
                }

                """
            }
        }
        return KernelModule(name: "reduce_\(input.kernelName)", kernels: names, source: text)
    }

    /// A reduction's accumulator: its C type, identity, combining statements and result.
    struct Reducer {
        var acc: String
        var identity: String
        /// Statements folding the element `x` into `acc`.
        var combine: (_ acc: String, _ x: String) -> String
        /// Statements folding another accumulator `y` into `acc`.
        var merge: (_ acc: String, _ y: String) -> String
        /// The output value of `acc` (the extent is `extent`).
        var finish: (_ acc: String) -> String
    }

    /// The accumulator of `op` from `input` into `output` (the CPU backend's reducers: floats
    /// accumulate in their own type, integers wrap in 64 bits and are truncated to the output,
    /// max and min propagate NaN).
    static func reducer(_ op: ReduceOp, _ input: DType, _ output: DType) -> Reducer? {
        let floating = input.isFloatingPoint
        let out = output.cudaType
        func nonzero(_ x: String) -> String { input == .bool ? x : "\(x) != (T)0" }
        func same(_ operation: @escaping (String, String) -> String) -> (String, String) -> String { operation }
        switch op {
        case .sum, .prod:
            let symbol = op == .sum ? "+" : "*", identity = op == .sum ? "0" : "1"
            if floating {
                let step = same { a, x in "\(a) = \(a) \(symbol) \(x);" }
                return Reducer(acc: "T", identity: "(T)\(identity)", combine: step, merge: step, finish: { $0 })
            }
            let cast = { (x: String) in input == .bool ? "(u64)(\(x) ? 1 : 0)" : "(u64)(i64)\(x)" }
            return Reducer(acc: "u64", identity: "(u64)\(identity)",
                           combine: { a, x in "\(a) = \(a) \(symbol) \(cast(x));" },
                           merge: { a, y in "\(a) = \(a) \(symbol) \(y);" },
                           finish: { "(\(out))(\(output == .int32 ? "unsigned int" : "u64"))\($0)" })
        case .mean:
            guard floating else { return nil }
            let step = same { a, x in "\(a) = \(a) + \(x);" }
            return Reducer(acc: "T", identity: "(T)0", combine: step, merge: step, finish: { "\($0) / (T)extent" })
        case .max, .min:
            let better = op == .max ? ">" : "<"
            if input == .bool {
                let step = same { a, x in op == .max ? "\(a) = \(a) || \(x);" : "\(a) = \(a) && \(x);" }
                return Reducer(acc: "bool", identity: op == .max ? "false" : "true", combine: step, merge: step, finish: { $0 })
            }
            let identity: String
            switch input {
            case .float32, .float64: identity = op == .max ? "-EMBER_INF" : "EMBER_INF"
            case .int32: identity = op == .max ? "(-2147483647 - 1)" : "2147483647"
            default: identity = op == .max ? "(-9223372036854775807LL - 1)" : "9223372036854775807LL"
            }
            let step = floating
                ? same { a, x in "if (!isnan(\(a)) && (isnan(\(x)) || \(x) \(better) \(a))) \(a) = \(x);" }
                : same { a, x in "if (\(x) \(better) \(a)) \(a) = \(x);" }
            return Reducer(acc: "T", identity: identity, combine: step, merge: step, finish: { $0 })
        case .any, .all:
            let symbol = op == .any ? "||" : "&&"
            return Reducer(acc: "bool", identity: op == .any ? "false" : "true",
                           combine: { a, x in "\(a) = \(a) \(symbol) (\(nonzero(x)));" },
                           merge: { a, y in "\(a) = \(a) \(symbol) \(y);" }, finish: { $0 })
        case .countNonzero:
            return Reducer(acc: "u64", identity: "(u64)0",
                           combine: { a, x in "if (\(nonzero(x))) \(a) += 1;" },
                           merge: { a, y in "\(a) += \(y);" }, finish: { "(long long)\($0)" })
        case .norm, .variance, .logSumExp:
            return nil
        }
    }
}
