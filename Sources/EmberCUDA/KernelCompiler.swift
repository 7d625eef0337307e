import Synchronization
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Compiling with NVRTC

/// A module that NVRTC would not compile: its name, the architecture and NVRTC's log.
package struct KernelCompileFailure: Error, Sendable, CustomStringConvertible {
    package let module: String
    package let architecture: String
    package let log: String
    package var description: String { "NVRTC could not compile \(module) for \(architecture):\n\(log)" }
}

/// Compiles kernel modules with NVRTC into CUBINs for one GPU architecture.
package enum KernelCompiler {
    /// The options of every compile: C++17, device code by default, the architecture.
    package static func options(architecture: String) -> [String] {
        ["--gpu-architecture=\(architecture)", "-default-device", "--std=c++17"]
    }

    /// Compiles `module` for `architecture` (`sm_80`, `sm_90`...) into a CUBIN.
    package static func compile(_ module: KernelModule, architecture: String,
                                nvrtc: NVRTCAPI) throws(KernelCompileFailure) -> [UInt8] {
        var program: OpaquePointer?
        func fail(_ log: String) -> KernelCompileFailure {
            KernelCompileFailure(module: module.name, architecture: architecture, log: log)
        }
        let created = nvrtc.nvrtcCreateProgram(&program, module.source, module.name + ".cu", 0, nil, nil)
        guard created == 0 else { throw fail(nvrtc.message(created)) }
        defer { _ = nvrtc.nvrtcDestroyProgram(&program) }
        let options = options(architecture: architecture).map { strdup($0) }
        defer { options.forEach { free($0) } }
        let compiled = options.map { UnsafePointer($0) }.withUnsafeBufferPointer { pointers in
            nvrtc.nvrtcCompileProgram(program, Int32(pointers.count), pointers.baseAddress)
        }
        guard compiled == 0 else {
            var size = 0
            _ = nvrtc.nvrtcGetProgramLogSize(program, &size)
            var log = [CChar](repeating: 0, count: max(size, 1))
            _ = nvrtc.nvrtcGetProgramLog(program, &log)
            throw fail("\(nvrtc.message(compiled))\n\(String(decoding: log.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        var size = 0
        guard nvrtc.nvrtcGetCUBINSize(program, &size) == 0, size > 0 else { throw fail("no CUBIN produced") }
        var binary = [CChar](repeating: 0, count: size)
        guard nvrtc.nvrtcGetCUBIN(program, &binary) == 0 else { throw fail("nvrtcGetCUBIN failed") }
        return binary.map { UInt8(bitPattern: $0) }
    }
}

// MARK: - Kernel cache

// Note [CUDA kernel cache]
// A module is compiled once per process and architecture (the in-memory cache) and once per
// machine (the disk cache): its CUBIN is kept under `$XDG_CACHE_HOME/ember/cuda`, else
// `~/.cache/ember/cuda`, in a file named by the module, the architecture, NVRTC's version and a
// 128-bit hash of the source (two FNV-1a hashes), so a changed template or a new NVRTC compiles
// again. Files are written whole to a temporary name and renamed into place, so a reader never
// sees half a file; a file that cannot be read or written only costs a compile.

/// Compiled modules, in memory and on disk (see Note [CUDA kernel cache]).
package final class KernelCache: Sendable {
    /// The process's cache, on disk in the default directory.
    package static let shared = KernelCache(directory: KernelCache.defaultDirectory)

    /// `$XDG_CACHE_HOME/ember/cuda` or `~/.cache/ember/cuda`; `nil` when neither is set.
    package static var defaultDirectory: String? {
        if let xdg = getenv("XDG_CACHE_HOME"), xdg.pointee != 0 { return String(cString: xdg) + "/ember/cuda" }
        if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) + "/.cache/ember/cuda" }
        return nil
    }

    /// Where CUBINs are kept on disk, or `nil` for memory only.
    package let directory: String?
    private let memory = Mutex<[String: [UInt8]]>([:])

    package init(directory: String?) { self.directory = directory }

    /// The file name of `module`'s CUBIN for `architecture` and NVRTC `version`.
    package static func fileName(_ module: KernelModule, architecture: String, version: (major: Int, minor: Int)) -> String {
        let hash = fnv1a(module.source, basis: 0xcbf2_9ce4_8422_2325), second = fnv1a(module.source, basis: 0x84222325_cbf29ce4)
        return "\(module.name)-\(architecture)-nvrtc\(version.major).\(version.minor)-\(hex(hash))\(hex(second)).cubin"
    }

    /// The CUBIN of `module` for `architecture`: from memory, from disk, or compiled now.
    package func binary(for module: KernelModule, architecture: String,
                        nvrtc: NVRTCAPI) throws(KernelCompileFailure) -> [UInt8] {
        let name = KernelCache.fileName(module, architecture: architecture, version: nvrtc.version)
        if let cached = memory.withLock({ $0[name] }) { return cached }
        let path = directory.map { $0 + "/" + name }
        if let path, let stored = KernelCache.read(path) {
            memory.withLock { $0[name] = stored }
            return stored
        }
        let compiled = try KernelCompiler.compile(module, architecture: architecture, nvrtc: nvrtc)
        memory.withLock { $0[name] = compiled }
        if let directory, let path { KernelCache.write(compiled, to: path, directory: directory) }
        return compiled
    }

    /// Whether the memory cache holds `module` for `architecture` (for tests).
    package func isInMemory(_ module: KernelModule, architecture: String, nvrtc: NVRTCAPI) -> Bool {
        let name = KernelCache.fileName(module, architecture: architecture, version: nvrtc.version)
        return memory.withLock { $0[name] != nil }
    }

    // MARK: Files

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    static func write(_ bytes: [UInt8], to path: String, directory: String) {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            mkdir(prefix, 0o755)
        }
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var done = 0, ok = true
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { ok = false; break }
            done += n
        }
        close(fd)
        if !ok || rename(temporary, path) != 0 { unlink(temporary) }
    }

    static func fnv1a(_ text: String, basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
