#if canImport(Glibc)
import Glibc
#endif

// MARK: - Finding the CUDA libraries

// Note [CUDA library search]
// Nothing CUDA is linked at build time: the driver (libcuda.so.1), NVRTC (libnvrtc.so.*) and
// cuBLAS (libcublas.so.*, with libcublasLt) are opened with `dlopen` the first time a CUDA
// device is asked for. Each library is looked for, name by name, in this order:
//
//  1. the directories of `EMBER_CUDA_PATH` (colon-separated), as full paths;
//  2. the bare name, so the dynamic loader's own search applies (LD_LIBRARY_PATH, the ld.so
//     cache, the system directories);
//  3. the `lib` folders of NVIDIA's Python wheels, `site-packages/nvidia/*/lib` (PyTorch 2.15's
//     wheels put every library in `nvidia/cu13/lib`, older ones one folder per component, e.g.
//     `nvidia/cuda_nvrtc/lib`), under the Python prefixes found without running Python:
//     `$VIRTUAL_ENV`, `$CONDA_PREFIX`, `~/.local`, `/usr`, `/usr/local` and `/opt/*`.
//
// The first candidate that opens wins; the search is a fixed list of `glob` patterns, so it is
// cheap and gives the same answer every time on one machine. When nothing opens, the reason
// (every `dlerror` seen, shortest first) is kept for skip messages and errors.

/// A library opened with `dlopen`: its handle and the path or name that opened it.
package struct OpenedLibrary: @unchecked Sendable {
    /// The `dlopen` handle (never closed: the library stays for the life of the process).
    package let handle: UnsafeMutableRawPointer
    /// The path (or bare name) that opened it.
    package let path: String

    /// The address of `symbol`, or `nil`.
    package func address(of symbol: String) -> UnsafeMutableRawPointer? { dlsym(handle, symbol) }
}

/// Why a CUDA library or one of its functions could not be used.
package struct CUDALoadFailure: Error, Sendable, CustomStringConvertible {
    /// A sentence for skip messages and errors.
    package let reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { reason }
}

/// Where the CUDA libraries are looked for (see Note [CUDA library search]).
package enum CUDALibrarySearch {
    /// The environment variable naming extra directories, colon-separated.
    package static let environmentVariable = "EMBER_CUDA_PATH"

    /// The driver API's names, newest first.
    package static let driverNames = ["libcuda.so.1", "libcuda.so"]
    /// NVRTC's names, newest first.
    package static let nvrtcNames = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"]
    /// cuBLAS's names, newest first.
    package static let cublasNames = ["libcublas.so.13", "libcublas.so.12", "libcublas.so"]
    /// cuBLASLt's names, newest first (cuBLAS needs it; opened first, by full path when found
    /// there, so that cuBLAS finds it by its soname).
    package static let cublasLtNames = ["libcublasLt.so.13", "libcublasLt.so.12", "libcublasLt.so"]

    /// The directories of `EMBER_CUDA_PATH`, in order.
    package static func environmentDirectories() -> [String] {
        guard let value = getenv(environmentVariable) else { return [] }
        return String(cString: value).split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }

    /// The `lib` folders of NVIDIA's Python wheels under the prefixes found cheaply, sorted
    /// within each pattern, without duplicates.
    package static func pythonWheelDirectories() -> [String] {
        var prefixes: [String] = []
        for variable in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
            if let value = getenv(variable), value.pointee != 0 { prefixes.append(String(cString: value)) }
        }
        if let home = getenv("HOME"), home.pointee != 0 { prefixes.append(String(cString: home) + "/.local") }
        prefixes += ["/usr", "/usr/local", "/opt/*"]
        var patterns: [String] = []
        for prefix in prefixes {
            for packages in ["site-packages", "dist-packages"] {
                patterns.append("\(prefix)/lib/python3*/\(packages)/nvidia/*/lib")
            }
        }
        patterns.append("/usr/lib/python3/dist-packages/nvidia/*/lib")
        var seen = Set<String>(), result: [String] = []
        for pattern in patterns {
            for path in globPaths(pattern) where seen.insert(path).inserted { result.append(path) }
        }
        return result
    }

    /// Opens the first of `names` found in the search order, or explains why none opened.
    package static func open(_ names: [String]) -> Result<OpenedLibrary, CUDALoadFailure> {
        var errors: [String] = []
        func attempt(_ path: String) -> OpenedLibrary? {
            if let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) { return OpenedLibrary(handle: handle, path: path) }
            if let message = dlerror() { errors.append(String(cString: message)) }
            return nil
        }
        for directory in environmentDirectories() {
            for name in names { if let library = attempt(directory + "/" + name) { return .success(library) } }
        }
        for name in names { if let library = attempt(name) { return .success(library) } }
        for directory in pythonWheelDirectories() {
            for name in names where access(directory + "/" + name, F_OK) == 0 {
                if let library = attempt(directory + "/" + name) { return .success(library) }
            }
        }
        // The bare name's message says the most ("libcuda.so.1: cannot open shared object file").
        let first = errors.first(where: { $0.hasPrefix(names[0]) }) ?? errors.first ?? "not found"
        return .failure(CUDALoadFailure(
            "\(names[0]) could not be loaded (\(first)); searched \(environmentVariable), the system library path and NVIDIA's Python wheels"))
    }

    /// The paths matching a shell pattern, sorted; none when nothing matches.
    static func globPaths(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, GLOB_ONLYDIR, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}

// MARK: - Function tables

extension OpenedLibrary {
    /// The C function `name` as the Swift function type `F` (a `@convention(c)` type), or the
    /// failure that makes the whole library unusable.
    package func function<F>(_ name: String, as type: F.Type = F.self) throws(CUDALoadFailure) -> F {
        guard let address = address(of: name) else {
            throw CUDALoadFailure("\(path) lacks the function \(name) (too old a version?)")
        }
        return unsafeBitCast(address, to: F.self)
    }
}
