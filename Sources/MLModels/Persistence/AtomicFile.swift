import Foundation

/// Why a file could not be written or read.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let action: String
    public let reason: String

    public var description: String { "cannot \(action) \(path): \(reason)" }
}

/// Writes files so that a reader sees either the old content or the whole new content,
/// never a partial file: the bytes go to a temporary file in the same directory, which is
/// flushed to disk (`fsync`) and then renamed over the destination (`rename` is atomic within
/// a file system).
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(FileError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, action: "write", reason: errnoText()) }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let n = Foundation.write(fd, base + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errnoText()
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errnoText() }
        if close(fd) != 0, failure == nil { failure = errnoText() }
        if failure == nil, rename(temporary, path) != 0 { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw FileError(path: path, action: "write", reason: failure)
        }
    }

    /// The whole content of a file.
    public static func read(_ path: String) throws(FileError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path)
                ? "permission denied or not a regular file" : "no such file"
            throw FileError(path: path, action: "read", reason: reason)
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
