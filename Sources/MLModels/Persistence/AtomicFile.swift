import Foundation

/// Why a file could not be written or read.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let action: String
    public let reason: String

    public var description: String { "cannot \(action) \(path): \(reason)" }
}

/// Writes a file so that readers see either the old content or the whole new content, never
/// a partial file: bytes go to a temporary file in the same directory, which is flushed to
/// disk (`fsync`) and renamed over the destination by ``commit()`` (`rename` is atomic
/// within a file system). A writer dropped without ``commit()`` removes its temporary file.
public final class AtomicFileWriter {
    public let path: String
    private let temporary: String
    private var descriptor: Int32

    public init(path: String) throws(FileError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().path
            + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(path: path, action: "write", reason: Self.errnoText()) }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary)
        }
    }

    public func write(_ data: Data) throws(FileError) {
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let n = Foundation.write(descriptor, base + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = Self.errnoText()
                    return
                }
                offset += n
            }
        }
        if let failure { throw FileError(path: path, action: "write", reason: failure) }
    }

    /// Flushes the temporary file and renames it over the destination.
    public func commit() throws(FileError) {
        var failure: String?
        if fsync(descriptor) != 0 { failure = Self.errnoText() }
        if close(descriptor) != 0, failure == nil { failure = Self.errnoText() }
        descriptor = -1
        if failure == nil, rename(temporary, path) != 0 { failure = Self.errnoText() }
        if let failure {
            unlink(temporary)
            throw FileError(path: path, action: "write", reason: failure)
        }
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Whole-file reads and atomic whole-file writes.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(FileError) {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(data)
        try writer.commit()
    }

    /// The whole content of a file, by POSIX `open` and `read`, so that a failure reports
    /// the system's own reason (`strerror(errno)`: "No such file or directory", "Is a
    /// directory", "Permission denied", an I/O error …) rather than a guess.
    public static func read(_ path: String) throws(FileError) -> Data {
        func failure() -> FileError { FileError(path: path, action: "read", reason: AtomicFileWriter.errnoText()) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                Foundation.read(descriptor, bytes.baseAddress, bytes.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                // Opening a directory read-only succeeds on Linux; reading it fails (EISDIR).
                throw failure()
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }
}
