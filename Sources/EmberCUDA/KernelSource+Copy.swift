import EmberBackend

// MARK: - Copy and fill family

extension KernelSources {
    /// The kernel copying elements of `source` into elements of `destination`, converting.
    package static func copyKernel(from source: DType, to destination: DType) -> String {
        "ember_copy_\(source.kernelName)_to_\(destination.kernelName)"
    }

    /// The module of every copy from `source` (one kernel per destination dtype): operand 0 is the
    /// source, 1 the destination.
    package static func copyModule(_ source: DType) -> KernelModule {
        var text = prelude(nil)
        var names: [String] = []
        for destination in DType.allCases {
            let name = copyKernel(from: source, to: destination)
            names.append(name)
            text += """

            extern "C" __global__ void \(name)(const \(source.cudaType)* __restrict__ a, \(destination.cudaType)* __restrict__ o, i64 n,
                                             EmberIndexer ix) {
                EMBER_GRID_STRIDE_LOOP(i, n) {
                    i64 off[\(maxOperands)];
                    ember_offsets(ix, i, off);
                    const \(source.cudaType) x = a[off[0]];
                    o[off[1]] = \(conversion("x", from: source, to: destination));
                }
            }

            """
        }
        return KernelModule(name: "copy_\(source.kernelName)", kernels: names, source: text)
    }

    /// A C expression converting `value` as Ember's `init(converting:)` does: floats to integers
    /// truncate toward zero, and NaN, infinities and values out of range give the integer's
    /// minimum (x86's conversion, which the CPU backend follows); anything to bool is `!= 0`.
    static func conversion(_ value: String, from source: DType, to destination: DType) -> String {
        if source == destination { return value }
        switch (source.category, destination) {
        case (_, .bool): return "(\(value) != 0)"
        case (.bool, _): return "(\(value) ? (\(destination.cudaType))1 : (\(destination.cudaType))0)"
        case (.floating, .float32), (.floating, .float64): return "(\(destination.cudaType))\(value)"
        case (.integer, .float32), (.integer, .float64): return "(\(destination.cudaType))(i64)\(value)"
        case (.floating, .int64):
            return "((double)\(value) > -9.223372036854775808e18 && (double)\(value) < 9.223372036854775808e18 ? (long long)(double)\(value) : (-9223372036854775807LL - 1))"
        case (.floating, .int32):
            return "((double)\(value) > -2147483649.0 && (double)\(value) < 2147483648.0 ? (int)(double)\(value) : (-2147483647 - 1))"
        case (.integer, .int64): return "(long long)\(value)"
        case (.integer, .int32): return "(int)(unsigned int)(u64)\(value)"
        default: return value  // same category and dtype: handled above
        }
    }

    /// The fill kernel of `dtype`: operand 0 is the destination; the value is parameter 0.
    package static func fillKernel(_ dtype: DType) -> String { "ember_fill_\(dtype.kernelName)" }

    /// The module of the fill kernels of every dtype.
    package static var fillModule: KernelModule {
        var text = prelude(nil)
        for dtype in DType.allCases {
            let value = switch dtype.category {
            case .floating: "(\(dtype.cudaType))p.f[0]"
            case .integer: "(\(dtype.cudaType))p.i[0]"
            case .bool: "(p.i[0] != 0)"
            }
            text += """

            extern "C" __global__ void \(fillKernel(dtype))(\(dtype.cudaType)* __restrict__ o, i64 n, EmberIndexer ix, EmberParams p) {
                const \(dtype.cudaType) v = \(value);
                EMBER_GRID_STRIDE_LOOP(i, n) {
                    i64 off[\(maxOperands)];
                    ember_offsets(ix, i, off);
                    o[off[0]] = v;
                }
            }

            """
        }
        return KernelModule(name: "fill", kernels: DType.allCases.map(fillKernel), source: text)
    }
}
