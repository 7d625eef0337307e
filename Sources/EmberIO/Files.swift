// Files.swift
//
// The file system under the checkpoint formats: reading through a read-only memory mapping, and
// writing through a temporary file that replaces the destination only once it is complete and
// on disk. See Note [Atomic saves].

import Glibc
import EmberCore
import Foundation

// MARK: - Errors

/// Python's `OSError` text for a failed system call on `path`: `[Errno 2] No such file or
/// directory: 'model.safetensors'`; a missing file is a `FileNotFoundError`.
func osError(_ code: Int32, _ path: String) -> TensorError {
    let text = String(cString: strerror(code))
    return TensorError(code == ENOENT ? .fileNotFoundError : .osError, "[Errno \(code)] \(text): '\(path)'")
}

// MARK: - Reading

/// A regular file's bytes, mapped read-only (`mmap`): nothing is read until a page is touched,
/// and nothing is copied until a tensor is made from it.
///
/// The mapping is private and read-only; a file that another process truncates while it is mapped
/// can still fault (`SIGBUS`), as with any memory-mapped reader (safetensors' own included).
final class MappedFile: @unchecked Sendable {
    /// The file's path, for messages.
    let path: String
    /// The file's bytes (empty, with no address, for an empty file).
    let bytes: UnsafeRawBufferPointer

    /// Maps the file at `url`. Throws Python's `FileNotFoundError` or `OSError`.
    init(_ url: URL) throws(TensorError) {
        path = url.path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw osError(errno, path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw osError(errno, path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw osError((info.st_mode & S_IFMT) == S_IFDIR ? EISDIR : EINVAL, path)
        }
        let size = Int(info.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else { throw osError(errno, path) }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}

// MARK: - Writing

// Note [Atomic saves]
// -------------------
// Every save writes the whole file under a temporary name in the destination's directory
// (`.NAME.PID-RANDOM.tmp`, created exclusively), flushes it to disk (`fsync`), gives it the mode
// of the file it replaces, renames it over the destination (`rename` is atomic within one file
// system, which is why the temporary file sits in the same directory), and flushes the directory
// so that the rename itself survives a crash. Until the rename the destination is untouched; after
// it the destination is the complete new file. A save that fails (a tensor that cannot be
// written, a full disk, a size limit) removes its temporary file and throws; a process killed in
// the middle of a save leaves the old file as it was, and at worst a stray `.NAME.*.tmp` beside
// it.

/// Writes files by replacing them whole; see Note [Atomic saves].
enum AtomicFile {
    /// Makes the file at `url` what `write` writes to the temporary file it is given, or throws
    /// and leaves `url` as it was. `write` creates the file it is given (through `FileWriter`, or
    /// a library that creates its own file there) and closes it before returning.
    static func replace(_ url: URL, _ write: (URL) throws -> Void) throws {
        let destination = url.standardizedFileURL
        let directory = destination.deletingLastPathComponent()
        var directoryInfo = stat()
        guard stat(directory.path, &directoryInfo) == 0 else { throw osError(errno, destination.path) }
        guard (directoryInfo.st_mode & S_IFMT) == S_IFDIR else { throw osError(ENOTDIR, destination.path) }
        var existing = stat()
        let replacing = stat(destination.path, &existing) == 0
        if replacing && (existing.st_mode & S_IFMT) == S_IFDIR { throw osError(EISDIR, destination.path) }

        // A name well under NAME_MAX (255 bytes) whatever the destination's length.
        var stem = destination.lastPathComponent
        while stem.utf8.count > 200 { stem.removeLast() }
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = directory.appendingPathComponent(".\(stem).\(getpid())-\(token).tmp")
        do {
            try write(temporary)
            if replacing { chmod(temporary.path, existing.st_mode & 0o7777) }
            try syncFile(temporary.path, directory: false)
            guard rename(temporary.path, destination.path) == 0 else { throw osError(errno, destination.path) }
        } catch {
            unlink(temporary.path)
            throw error
        }
        try syncFile(directory.path, directory: true)
    }

    /// `fsync` of a file or directory by path.
    private static func syncFile(_ path: String, directory: Bool) throws(TensorError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard fd >= 0 else { throw osError(errno, path) }
        defer { close(fd) }
        // Some file systems cannot sync a directory (EINVAL); the rename is done either way.
        if fsync(fd) != 0 && !(directory && (errno == EINVAL || errno == EROFS)) { throw osError(errno, path) }
    }
}

/// A new file written with `write(2)`: created exclusively, written in full (retrying short
/// writes and interruptions), closed with its error checked.
final class FileWriter {
    private var fd: Int32
    private let path: String
    /// Bytes kept back for one `write` call, so that small pieces (headers) are not a system call each.
    private var pending: [UInt8] = []

    /// Creates the file at `url`, which must not exist.
    init(creating url: URL) throws(TensorError) {
        path = url.path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw osError(errno, path) }
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws(TensorError) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Appends `bytes` (large tensors go straight to the file).
    func write(_ bytes: UnsafeRawBufferPointer) throws(TensorError) {
        if bytes.count < 1 << 16 {
            pending.append(contentsOf: bytes)
            if pending.count >= 1 << 16 { try flush() }
            return
        }
        try flush()
        try writeAll(bytes)
    }

    private func flush() throws(TensorError) {
        guard !pending.isEmpty else { return }
        let bytes = pending
        pending.removeAll(keepingCapacity: true)
        var failure: TensorError?
        bytes.withUnsafeBytes { raw in
            do throws(TensorError) { try writeAll(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(TensorError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, min(bytes.count - offset, 1 << 30))
            if n < 0 {
                if errno == EINTR { continue }
                throw osError(errno, path)
            }
            offset += n
        }
    }

    /// Writes what is pending and closes the file.
    func close() throws(TensorError) {
        try flush()
        let result = Glibc.close(fd)
        fd = -1
        guard result == 0 else { throw osError(errno, path) }
    }
}
