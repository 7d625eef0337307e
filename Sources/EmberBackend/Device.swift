// MARK: - Device

/// Where a tensor's storage lives (PyTorch's `torch.device`).
///
/// `.cpu`, `.cuda` (which is `cuda:0`) and `.cuda(n)`; `Device("cuda:1")` parses PyTorch's strings.
/// As in PyTorch, `Device("cpu:1")` is a device of its own that places tensors on the CPU.
/// Unlike PyTorch, `Device("cuda")` means `cuda:0`: Ember has no "current device" to defer to.
public struct Device: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The kind of device (`torch.device.type`).
    public enum Kind: String, Sendable, Hashable {
        /// The CPU (`torch.device("cpu")`).
        case cpu
        /// An NVIDIA GPU (`torch.device("cuda")`).
        case cuda
    }

    /// The device type.
    public let kind: Kind
    /// The device index. PyTorch accepts any CPU index (`torch.device("cpu:1")`) and places
    /// tensors for all of them on the one CPU, whose tensors report `cpu`.
    public let index: Int

    /// The CPU (`torch.device("cpu")`).
    public static let cpu = Device(kind: .cpu, index: 0)
    /// The first CUDA device, `cuda:0`.
    public static let cuda = Device(kind: .cuda, index: 0)

    /// The CUDA device with the given index (`torch.device("cuda", n)`).
    public static func cuda(_ index: Int) -> Device {
        attempt {
            guard index >= 0 else {
                throw TensorError.runtime("Device index must not be negative")
            }
            return Device(kind: .cuda, index: index)
        }
    }

    init(kind: Kind, index: Int) {
        self.kind = kind
        self.index = index
    }

    /// Parses `"cpu"`, `"cuda"`, `"cuda:1"` as `torch.device(str)` does; stops with PyTorch's message otherwise.
    public init(_ string: String) {
        self = attempt { try Device.parse(string) }
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// Parses a device string, throwing PyTorch's error for a bad one.
    public static func parse(_ string: String) throws(TensorError) -> Device {
        let known = "cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone"
        guard !string.isEmpty else { throw TensorError.runtime("Device string must not be empty") }
        let parts = string.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let typeName = String(parts[0])
        // PyTorch's pattern: a type of ASCII letters and underscores, then an optional ":index".
        guard !typeName.isEmpty, typeName.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) else {
            throw TensorError.runtime("Invalid device string: '\(string)'")
        }
        guard let kind = Kind(rawValue: typeName) else {
            if known.split(separator: ",").contains(where: { $0.trimmingSpaces == typeName }) {
                throw TensorError.runtime("Ember does not support the device type '\(typeName)'")
            }
            throw TensorError.runtime(
                "Expected one of \(known) device type at start of device string: \(string)")
        }
        guard parts.count == 2 else { return Device(kind: kind, index: 0) }
        let digits = parts[1]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            digits == "0" || digits.first != "0", let index = Int(digits)
        else {
            throw TensorError.runtime("Invalid device string: '\(string)'")
        }
        return Device(kind: kind, index: index)
    }

    // `isAvailable` is in EmberCore (Backends.swift): asking loads the CUDA backend.

    /// `cpu`, `cpu:N` or `cuda:N`, as `str(torch.device)` prints.
    public var description: String {
        switch kind {
        case .cpu: index == 0 ? "cpu" : "cpu:\(index)"
        case .cuda: "cuda:\(index)"
        }
    }

    /// The device a tensor made for this one reports: every CPU index is the one CPU, as in
    /// PyTorch (`torch.ones(1, device="cpu:1").device` is `cpu`); other devices are themselves.
    package var placement: Device { kind == .cpu ? .cpu : self }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
