// TensorFormatter.swift
//
// A faithful port of PyTorch's `repr(tensor)` (torch/_tensor_str.py) with the
// default print options: precision=4, threshold=1000, edgeitems=3,
// linewidth=80, sci_mode=None.
//
// This file is self-contained: it does not depend on any other Ember type.
// Callers describe a tensor by its shape, an element accessor and a few flags.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Public-facing (internal) inputs

/// Element accessor: the argument is the row-major flat index into the logical shape.
enum PrintElements {
    /// Floating point values; float32 values are passed widened to `Double`.
    case floating((Int) -> Double)
    /// Integer values of any integer dtype, widened to `Int64`.
    case integer((Int) -> Int64)
    /// Boolean values, printed as `True`/`False`.
    case boolean((Int) -> Bool)
}

/// The non-data parts of a tensor's repr (`_str_intern`'s suffix inputs).
struct TensorReprOptions {
    /// Printed dtype name, e.g. `"torch.float64"`.
    var dtypeName: String
    /// True for the default float dtype (float32).
    var dtypeIsDefaultFloat: Bool
    /// True for float32, int64 or bool: no `dtype=` suffix for non-empty tensors.
    var dtypeIsHidden: Bool
    /// `nil` for cpu, else e.g. `"cuda:0"`, printed as `device='cuda:0'`.
    /// `"meta"` prints like PyTorch's meta tensors: `tensor(..., device='meta', size=(2, 3))`.
    var device: String? = nil
    /// Name of the autograd node, e.g. `MulBackward0`, printed as `grad_fn=<MulBackward0>`.
    var gradFnName: String? = nil
    /// Prints `requires_grad=True` when there is no `gradFnName`.
    var requiresGrad: Bool = false
}

// MARK: - Entry point

/// PyTorch-compatible tensor printing.
enum TensorFormatter {
    /// `torch._tensor_str.PRINT_OPTS` defaults.
    static let precision = 4
    static let threshold = 1000
    static let edgeItems = 3
    static let lineWidth = 80

    /// The whole repr, e.g. `"tensor([1., 2.], dtype=torch.float64)"` (mirrors `_str_intern`).
    static func repr(shape: [Int], elements: PrintElements, options: TensorReprOptions) -> String {
        let prefix = "tensor("
        let indent = prefix.utf8.count
        var suffixes: [String] = []
        if let device = options.device {
            suffixes.append("device='\(device)'")
        }
        let numel = shape.reduce(1, *)
        let body: String
        if let device = options.device, device == "meta" || device.hasPrefix("meta:") {
            // Meta tensors have no data: always show the size.
            suffixes.append("size=" + pythonTuple(shape))
            if !options.dtypeIsDefaultFloat { suffixes.append("dtype=" + options.dtypeName) }
            body = "..."
        } else if numel == 0 {
            // Explicitly print the shape if it is not (0,), to match NumPy.
            if shape.count != 1 { suffixes.append("size=" + pythonTuple(shape)) }
            // No elements to infer the dtype from, so show it unless it is the default float.
            if !options.dtypeIsDefaultFloat { suffixes.append("dtype=" + options.dtypeName) }
            body = "[]"
        } else {
            if !options.dtypeIsHidden { suffixes.append("dtype=" + options.dtypeName) }
            body = tensorStr(shape: shape, elements: elements, indent: indent)
        }
        if let gradFn = options.gradFnName {
            suffixes.append("grad_fn=<\(gradFn)>")
        } else if options.requiresGrad {
            suffixes.append("requires_grad=True")
        }
        return addSuffixes(prefix + body, suffixes: suffixes, indent: indent)
    }

    // MARK: - Suffixes

    /// `_add_suffixes`: appends `, suffix`, wrapping onto a new line past `lineWidth`.
    static func addSuffixes(_ tensorStr: String, suffixes: [String], indent: Int) -> String {
        var out = tensorStr
        // Python's len() counts code points: len(s) - s.rfind("\n") + 1 (rfind is -1 when absent).
        let scalars = Array(tensorStr.unicodeScalars)
        let rfind = scalars.lastIndex(of: "\n") ?? -1
        var lastLineLen = scalars.count - rfind + 1
        for suffix in suffixes {
            let suffixLen = suffix.unicodeScalars.count
            if lastLineLen + suffixLen + 2 > lineWidth {
                out += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLen = indent + suffixLen
            } else {
                out += ", " + suffix
                lastLineLen += suffixLen + 2
            }
        }
        return out + ")"
    }

    /// Python's `str(tuple(shape))`: `()`, `(5,)`, `(0, 3)`.
    static func pythonTuple(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    // MARK: - Data layout

    /// `_tensor_str` for a non-empty tensor.
    static func tensorStr(shape: [Int], elements: PrintElements, indent: Int) -> String {
        let renderer = Renderer(shape: shape, elements: elements)
        if shape.isEmpty { return renderer.formatter.format(flatIndex: 0) }
        return renderer.render(dim: 0, base: 0, indent: indent)
    }

    /// Walks the (possibly summarized) tensor and lays out nested brackets.
    private struct Renderer {
        let shape: [Int]
        /// Row-major strides of the logical shape.
        let strides: [Int]
        let summarize: Bool
        let formatter: ValueFormatter

        init(shape: [Int], elements: PrintElements) {
            self.shape = shape
            var strides = [Int](repeating: 1, count: shape.count)
            var running = 1
            for d in stride(from: shape.count - 1, through: 0, by: -1) {
                strides[d] = running
                running *= shape[d]
            }
            self.strides = strides
            self.summarize = running > TensorFormatter.threshold
            var displayed: [Int] = []
            Renderer.collect(shape: shape, strides: strides, summarize: summarize,
                             dim: 0, base: 0, into: &displayed)
            self.formatter = ValueFormatter(elements: elements, displayed: displayed)
        }

        /// Indices shown along a dimension of `size`; `nil` marks the ellipsis.
        static func visible(_ size: Int, summarize: Bool) -> [Int?] {
            let edge = TensorFormatter.edgeItems
            if summarize && size > 2 * edge {
                return Array(0..<edge).map { Optional($0) } + [nil]
                    + Array((size - edge)..<size).map { Optional($0) }
            }
            return Array(0..<size).map { Optional($0) }
        }

        /// `get_summarized_data`: the flat indices of every displayed element.
        static func collect(shape: [Int], strides: [Int], summarize: Bool,
                            dim: Int, base: Int, into out: inout [Int]) {
            if dim == shape.count { out.append(base); return }
            for case let i? in visible(shape[dim], summarize: summarize) {
                collect(shape: shape, strides: strides, summarize: summarize,
                        dim: dim + 1, base: base + i * strides[dim], into: &out)
            }
        }

        /// `_tensor_str_with_formatter` for the sub-tensor at `dim` starting at `base`.
        func render(dim: Int, base: Int, indent: Int) -> String {
            let rank = shape.count - dim
            if rank == 1 { return vector(base: base, indent: indent) }
            let slices = Renderer.visible(shape[dim], summarize: summarize).map { index -> String in
                guard let i = index else { return "..." }
                return render(dim: dim + 1, base: base + i * strides[dim], indent: indent + 1)
            }
            let separator = "," + String(repeating: "\n", count: rank - 1)
                + String(repeating: " ", count: indent + 1)
            return "[" + slices.joined(separator: separator) + "]"
        }

        /// `_vector_str`: a 1-D row, wrapped at `lineWidth`.
        func vector(base: Int, indent: Int) -> String {
            let dim = shape.count - 1
            let elementLength = formatter.maxWidth + 2
            let perLine = max(1, Int((Double(TensorFormatter.lineWidth - indent)
                                      / Double(elementLength)).rounded(.down)))
            let data = Renderer.visible(shape[dim], summarize: summarize).map { index -> String in
                guard let i = index else { return " ..." }
                return formatter.format(flatIndex: base + i * strides[dim])
            }
            var lines: [String] = []
            var start = 0
            while start < data.count {
                let end = min(start + perLine, data.count)
                lines.append(data[start..<end].joined(separator: ", "))
                start = end
            }
            let separator = ",\n" + String(repeating: " ", count: indent + 1)
            return "[" + lines.joined(separator: separator) + "]"
        }
    }

    // MARK: - Element formatting

    /// `_Formatter`: decides int/sci mode and the shared column width.
    struct ValueFormatter {
        let elements: PrintElements
        private(set) var intMode = true
        private(set) var sciMode = false
        private(set) var maxWidth = 1

        /// Gathers statistics over the displayed elements only.
        init(elements: PrintElements, displayed: [Int]) {
            self.elements = elements
            switch elements {
            case .integer(let get):
                for i in displayed { maxWidth = max(maxWidth, String(get(i)).utf8.count) }
            case .boolean(let get):
                for i in displayed { maxWidth = max(maxWidth, get(i) ? 4 : 5) }
            case .floating(let get):
                let values = displayed.map(get).filter { $0.isFinite && $0 != 0 }
                if values.isEmpty { return }  // no valid number: int mode, width 1
                var absMin = Double.infinity
                var absMax = 0.0
                for v in values {
                    absMin = Swift.min(absMin, abs(v))
                    absMax = Swift.max(absMax, abs(v))
                }
                intMode = values.allSatisfy { $0 == $0.rounded(.up) }
                let wide = absMax / absMin > 1000.0 || absMax > 1.0e8
                if intMode {
                    // Integral floats get a trailing "." (one extra column).
                    sciMode = wide
                    for v in values {
                        let width = wide ? Self.sci(v).utf8.count : Self.fixed(v, digits: 0).utf8.count + 1
                        maxWidth = max(maxWidth, width)
                    }
                } else {
                    sciMode = wide || absMin < 1.0e-4
                    for v in values {
                        let text = sciMode ? Self.sci(v) : Self.fixed(v, digits: TensorFormatter.precision)
                        maxWidth = max(maxWidth, text.utf8.count)
                    }
                }
            }
        }

        /// `_Formatter.format` for the element at `flatIndex`, right-aligned to `maxWidth`.
        func format(flatIndex: Int) -> String {
            let text: String
            switch elements {
            case .integer(let get): text = String(get(flatIndex))
            case .boolean(let get): text = get(flatIndex) ? "True" : "False"
            case .floating(let get): text = format(get(flatIndex))
            }
            let pad = maxWidth - text.utf8.count
            return pad > 0 ? String(repeating: " ", count: pad) + text : text
        }

        /// Unpadded float text in the chosen mode.
        func format(_ value: Double) -> String {
            if sciMode { return Self.sci(value) }
            if intMode {
                return value.isFinite ? Self.fixed(value, digits: 0) + "." : Self.fixed(value, digits: 0)
            }
            return Self.fixed(value, digits: TensorFormatter.precision)
        }

        /// Python's `'{:.Nf}'.format(v)`.
        static func fixed(_ value: Double, digits: Int) -> String {
            pythonNonFinite(value) ?? cFormat("%.\(digits)f", value)
        }

        /// Python's `'{:.4e}'.format(v)`.
        static func sci(_ value: Double) -> String {
            pythonNonFinite(value) ?? cFormat("%.\(TensorFormatter.precision)e", value)
        }

        /// Python spells non-finite floats `nan`, `inf`, `-inf` (never `-nan`).
        static func pythonNonFinite(_ value: Double) -> String? {
            if value.isNaN { return "nan" }
            if value.isInfinite { return value < 0 ? "-inf" : "inf" }
            return nil
        }

        /// C `snprintf` of one double; matches Python's correctly rounded float formatting.
        static func cFormat(_ format: String, _ value: Double) -> String {
            var buffer = [CChar](repeating: 0, count: 512)
            let count = withVaList([value]) { args in
                vsnprintf(&buffer, buffer.count, format, args)
            }
            if count >= buffer.count {
                buffer = [CChar](repeating: 0, count: Int(count) + 1)
                _ = withVaList([value]) { args in vsnprintf(&buffer, buffer.count, format, args) }
            }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
