// NumPy+Archive.swift
//
// `.npz` archives: a zip file (read and written by ZIPFoundation) of `.npy` members, one per array,
// stored (`np.savez`) or deflated (`np.savez_compressed`). See Note [Reading .npz].

import EmberCore
import Foundation
import OrderedCollections
import ZIPFoundation

// Note [Reading .npz]
// -------------------
// ZIPFoundation reads the zip structure (the members, their names, sizes and checksums) and
// inflates; Ember adds what a hostile archive needs:
//
//  - The number of members that ZIPFoundation lists is checked against the end-of-central-directory
//    record (its iterator ends quietly at the first record it cannot read, which would drop arrays
//    without an error).
//  - Each member must be a file named `<key>.npy`, with no key twice. Its `.npy` header is read from
//    the first bytes extracted and checked as a `.npy` file's is; then the member's size must be
//    the header's plus the data the header declares, and that size must be possible for the bytes
//    the member occupies (stored: no more than the archive; deflated: no more than deflate's
//    largest ratio, 1032 to 1). Only then is the array allocated, and extraction stops with an
//    error as soon as it yields more than declared.
//  - The CRC-32 of what was extracted is compared with the member's (ZIPFoundation returns it
//    without comparing).
//  - ZIPFoundation's `extract` inflates by reading the archive until the deflate stream ends, past
//    the member and up to the end of the file, where it waits for more bytes without end: a
//    deflate stream cut short would hang it. So a deflated member is inflated by ZIPFoundation's
//    `Data.decompress` from a provider that serves the member's own bytes and throws once they are
//    used up. Where those bytes start, ZIPFoundation keeps to itself (`Entry.dataOffset` is
//    internal): `ZipLayout` reads it from the central directory and the member's local header,
//    with every offset checked against the file.

extension NumPy {
    /// Writes `arrays` to `url` as a `.npz` archive, each as the member `<name>.npy` (`np.savez(file,
    /// **arrays)`; with `compressed`, deflated as `np.savez_compressed` does), replacing any file
    /// there atomically. Fails with a `ValueError` for an empty name or one with a NUL, and with
    /// Python's `OSError` when the file cannot be written.
    public static func savez(_ arrays: OrderedDictionary<String, Tensor>, to url: URL, compressed: Bool = false) throws {
        for name in arrays.keys where name.isEmpty || name.contains("\0") {
            throw TensorError.value("cannot name an array \(PythonLiteral.string(name).repr) in an .npz file")
        }
        try AtomicFile.replace(url) { temporary in
            do {
                // In a function of its own, so that the archive is closed before it is checked.
                try writeArchive(arrays, to: temporary, compressed: compressed)
            } catch let error as TensorError {
                throw error
            } catch {
                throw TensorError(.osError, "cannot write the archive '\(url.path)': \(error)")
            }
            // ZIPFoundation ignores a failure of its last flush (and of closing): the archive is
            // complete only if its end-of-central-directory record, written last, ends the file
            // and lists every member.
            let written = try MappedFile(temporary)
            guard let layout = ZipLayout(written.bytes), layout.memberCount == arrays.count,
                  layout.recordOffset == written.bytes.count - 22 else {
                throw TensorError(.osError, "cannot write the archive '\(url.path)': it was not written completely")
            }
        }
    }

    private static func writeArchive(_ arrays: OrderedDictionary<String, Tensor>, to url: URL, compressed: Bool) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .create)
        } catch {
            throw TensorError(.osError, "cannot create the archive '\(url.path)': \(error)")
        }
        // zipfile's own date for members written through `ZipFile.open` (1980-01-01), as noon UTC
        // so that no time zone moves it before the zip epoch.
        let date = Date(timeIntervalSince1970: 315_576_000)
        for (name, tensor) in arrays {
            let header = headerBytes(dtype: tensor.dtype, shape: tensor.shape)
            let host = try hostContiguous(tensor)
            let dataCount = host.numel * host.elementSize
            let total = header.count + dataCount
            try withElementBytes(of: host) { data in
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(total),
                                     modificationDate: date, permissions: 0o644,
                                     compressionMethod: compressed ? .deflate : .none) { position, size in
                    // The member is the header followed by the data: serve the slice asked for.
                    var chunk = Data(capacity: size)
                    var at = Int(position)
                    let end = at + size
                    if at < header.count {
                        let stop = min(end, header.count)
                        chunk.append(contentsOf: header[at..<stop])
                        at = stop
                    }
                    if at < end, let base = data.baseAddress {
                        chunk.append(UnsafeRawBufferPointer(start: base + (at - header.count), count: end - at)
                            .bindMemory(to: UInt8.self))
                    }
                    return chunk
                }
            }
        }
    }

    /// The arrays of the `.npz` archive at `url`, by name (without `.npy`), in the archive's order
    /// (`np.load(file)` of an `.npz`: every array read at once). Throws before returning any if one
    /// member cannot be read: a `ValueError` for an archive that is not a zip file or a member
    /// that is not a well-formed `.npy` file (see Note [Reading .npz]), a `TypeError` for a dtype
    /// Ember cannot hold.
    public static func loadz(from url: URL) throws -> OrderedDictionary<String, Tensor> {
        let file = try MappedFile(url)
        let path = file.path
        func failure(_ text: String) -> TensorError { TensorError.value("\(text) ('\(path)')") }
        guard let layout = ZipLayout(file.bytes) else { throw failure("File is not a zip file") }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw failure("File is not a zip file")
        }
        let entries = Array(archive)
        guard entries.count == layout.memberCount else {
            throw failure("Bad zip file: the central directory lists \(layout.memberCount) members, \(entries.count) of them could be read")
        }
        var result = OrderedDictionary<String, Tensor>()
        for (index, entry) in entries.enumerated() {
            let member = entry.path
            guard entry.type == .file, member.hasSuffix(".npy") else {
                throw failure("the member '\(member)' is not an .npy file")
            }
            let key = String(member.dropLast(4))
            guard result[key] == nil else { throw failure("the archive has two members named '\(member)'") }
            result[key] = try readMember(entry, at: index, of: archive, layout: layout, bytes: file.bytes,
                                         name: "\(path)/\(member)")
        }
        return result
    }

    /// The array in one member.
    private static func readMember(_ entry: Entry, at index: Int, of archive: Archive, layout: ZipLayout,
                                   bytes: UnsafeRawBufferPointer, name: String) throws -> Tensor {
        func failure(_ text: String) -> TensorError { TensorError.value("\(text) ('\(name)')") }
        let stored = entry.uncompressedSize, packed = entry.compressedSize
        // What the member can hold at most, whatever its sizes say.
        let possible: UInt64 = entry.isCompressed ? packed.multipliedReportingOverflow(by: 1032).partialValue + 1024 : packed
        guard packed <= UInt64(bytes.count), stored <= possible, entry.isCompressed || stored == packed else {
            throw failure("Bad zip file: the member's sizes (\(packed) bytes holding \(stored)) are impossible in an archive of \(bytes.count) bytes")
        }
        let reader = MemberReader(size: stored, failure: failure)
        let checksum: CRC32
        do {
            if entry.isCompressed {
                guard let start = layout.dataOffset(ofMember: index, bytes: bytes),
                      UInt64(start) + packed <= UInt64(bytes.count) else {
                    throw failure("Bad zip file: the member's data lies outside the archive")
                }
                let data = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Int(packed))])
                // Every chunk is as long as asked (ZIPFoundation's inflater takes that many bytes
                // whatever the chunk's length), zeros after the member's end; past the end, an error.
                checksum = try Data.decompress(size: Int64(packed), bufferSize: defaultReadChunkSize, skipCRC32: false,
                                               provider: { position, size in
                    guard position < Int64(data.count) else {
                        throw failure("Bad zip file: the member's deflate stream does not end within its \(data.count) bytes")
                    }
                    var chunk = Data(count: size)
                    let available = min(size, data.count - Int(position))
                    chunk.withUnsafeMutableBytes { out in
                        out.baseAddress!.copyMemory(from: data.baseAddress! + Int(position), byteCount: available)
                    }
                    return chunk
                }, consumer: { try reader.consume($0) })
            } else {
                checksum = try archive.extract(entry, skipCRC32: false) { try reader.consume($0) }
            }
        } catch let error as TensorError {
            throw error
        } catch {
            throw failure("Bad zip file: \(error)")
        }
        guard checksum == entry.checksum else { throw failure("Bad CRC-32 for file '\(entry.path)'") }
        return try reader.finish(name: name)
    }

    /// Takes a member's bytes as they are extracted: the `.npy` header first, then the data into
    /// a buffer of the size the header declares (checked against the member's size first).
    private final class MemberReader {
        let size: UInt64
        let failure: (String) -> TensorError
        var prefix: [UInt8] = []
        var header: Header?
        var data: UnsafeMutableRawBufferPointer?
        var filled = 0

        init(size: UInt64, failure: @escaping (String) -> TensorError) {
            self.size = size
            self.failure = failure
        }

        deinit { data?.deallocate() }

        func consume(_ chunk: Data) throws {
            var chunk = chunk
            if chunk.isEmpty {
                // ZIPFoundation passes an empty chunk for an empty member, and at the end of a
                // stored member cut short.
                if header == nil && size == 0 { return }
                throw failure("EOF: reading array data, the archive ended early")
            }
            if header == nil {
                prefix.append(contentsOf: chunk)
                chunk = Data()
                guard let length = try prefix.withUnsafeBytes({ try prefixLength($0, name: "") }),
                      prefix.count >= length else { return }
                let parsed = try prefix.withUnsafeBytes { bytes in
                    try parseHeader(UnsafeRawBufferPointer(rebasing: bytes[..<length]), name: "")
                }
                guard UInt64(length) + UInt64(parsed.dataByteCount) == size else {
                    throw failure("the member holds \(size) bytes, its header and the \(parsed.dataByteCount) bytes of data it declares \(length + parsed.dataByteCount)")
                }
                header = parsed
                data = .allocate(byteCount: parsed.dataByteCount, alignment: 64)
                chunk = Data(prefix[length...])
            }
            guard let buffer = data else { return }
            guard filled + chunk.count <= buffer.count else {
                throw failure("the member yields more than the \(buffer.count) bytes of data its header declares")
            }
            chunk.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress, bytes.count > 0 {
                    (buffer.baseAddress! + filled).copyMemory(from: base, byteCount: bytes.count)
                }
            }
            filled += chunk.count
        }

        func finish(name: String) throws -> Tensor {
            guard let header, let data else {
                throw failure("EOF: reading array header, the member holds \(prefix.count) bytes")
            }
            guard filled == header.dataByteCount else {
                throw failure("EOF: reading array data, expected \(header.dataByteCount) bytes got \(filled)")
            }
            return try header.makeTensor(UnsafeRawBufferPointer(data), name: name)
        }
    }
}

// MARK: - Zip layout

/// Where the members of a zip file are, read from its end-of-central-directory record and central
/// directory: what ZIPFoundation does not tell (its count of members, when it stops early, and
/// where each member's data starts). Every offset is checked against the file; see Note
/// [Reading .npz].
struct ZipLayout {
    /// The members the end-of-central-directory record declares.
    let memberCount: Int
    /// Where the central directory starts.
    private let directoryOffset: Int
    /// Where the end-of-central-directory record starts.
    let recordOffset: Int

    /// The layout of `bytes`; `nil` when there is no end-of-central-directory record.
    init?(_ bytes: UnsafeRawBufferPointer) {
        // The record is 22 bytes, followed by a comment of up to 65,535 bytes.
        guard bytes.count >= 22 else { return nil }
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while at >= lowest && Self.u32(bytes, at) != 0x0605_4B50 { at -= 1 }
        guard at >= lowest else { return nil }
        var count = UInt64(Self.u16(bytes, at + 10))
        var directory = UInt64(Self.u32(bytes, at + 16))
        if count == 0xFFFF || directory == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the record and points at the ZIP64 record.
            guard at >= 20, Self.u32(bytes, at - 20) == 0x0706_4B50 else { return nil }
            let record = Self.u64(bytes, at - 20 + 8)
            guard record <= UInt64(bytes.count - 56), Self.u32(bytes, Int(record)) == 0x0606_4B50 else { return nil }
            count = Self.u64(bytes, Int(record) + 32)
            directory = Self.u64(bytes, Int(record) + 48)
        }
        guard count <= UInt64(bytes.count / 46), directory <= UInt64(bytes.count) else { return nil }
        memberCount = Int(count)
        directoryOffset = Int(directory)
        recordOffset = at
    }

    /// Where the data of the `index`th member (in central-directory order, ZIPFoundation's order)
    /// starts; `nil` when a record or the local header lies outside the file or is not one.
    func dataOffset(ofMember index: Int, bytes: UnsafeRawBufferPointer) -> Int? {
        var at = directoryOffset
        for i in 0...index {
            guard at <= bytes.count - 46, Self.u32(bytes, at) == 0x0201_4B50 else { return nil }
            let nameLength = Self.u16(bytes, at + 28), extraLength = Self.u16(bytes, at + 30)
            let commentLength = Self.u16(bytes, at + 32)
            guard i == index else {
                at += 46 + nameLength + extraLength + commentLength
                continue
            }
            var localHeader = UInt64(Self.u32(bytes, at + 42))
            if localHeader == 0xFFFF_FFFF {
                // In the ZIP64 extra field, after the sizes that the record also marks as 0xFFFFFFFF.
                guard let extra = Self.zip64Field(bytes, from: at + 46 + nameLength, length: extraLength) else { return nil }
                var offset = extra
                if Self.u32(bytes, at + 24) == 0xFFFF_FFFF { offset += 8 }
                if Self.u32(bytes, at + 20) == 0xFFFF_FFFF { offset += 8 }
                guard offset <= bytes.count - 8 else { return nil }
                localHeader = Self.u64(bytes, offset)
            }
            guard localHeader <= UInt64(bytes.count - 30), Self.u32(bytes, Int(localHeader)) == 0x0403_4B50 else { return nil }
            let start = Int(localHeader) + 30 + Self.u16(bytes, Int(localHeader) + 26) + Self.u16(bytes, Int(localHeader) + 28)
            return start <= bytes.count ? start : nil
        }
        return nil
    }

    /// Where the data of the ZIP64 extended-information field (id 1) starts in an extra area.
    private static func zip64Field(_ bytes: UnsafeRawBufferPointer, from start: Int, length: Int) -> Int? {
        var at = start
        let end = start + length
        guard end <= bytes.count else { return nil }
        while at + 4 <= end {
            let id = u16(bytes, at), size = u16(bytes, at + 2)
            if id == 1 { return at + 4 + size <= end ? at + 4 : nil }
            at += 4 + size
        }
        return nil
    }

    private static func u16(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> Int {
        Int(bytes.loadUnaligned(fromByteOffset: i, as: UInt16.self).littleEndian)
    }
    private static func u32(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian
    }
    private static func u64(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> UInt64 {
        bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
    }
}
