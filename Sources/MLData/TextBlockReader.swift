#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Reads a text file, or one byte range of it, in blocks of whole lines, for one pass.
///
/// Each call reads about `bytesPerBlock` bytes with `pread`, cuts them after the last newline
/// and carries the partial last line into the next block; a line longer than a block grows
/// the buffer until its newline (or the end of the file) is found. Block boundaries therefore
/// depend only on the file and the block size. Only the carried tail is kept between calls:
/// the reader never holds the file's text.
final class TextBlockReader: Sendable {
    private struct State {
        var offset: Int
        /// Where reading stops: the end of the range (the file's end when reading on).
        var end: Int
        var carry: [UInt8] = []
        var atEnd = false
        var bytesRead = 0
    }

    let path: String
    private let descriptor: Int32
    private let bytesPerBlock: Int
    private let state: Mutex<State>
    private let progress: BlockPipeline.ReadProgress?

    /// Opens `path` to read the bytes `offset ..< end` (to the end of the file when `end` is
    /// `nil`); `progress`, when given, counts the bytes read.
    init(
        path: String, offset: Int, end: Int? = nil, bytesPerBlock: Int,
        progress: BlockPipeline.ReadProgress? = nil
    ) throws(DataError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: Self.errorText()) }
        self.path = path
        self.descriptor = fd
        self.bytesPerBlock = max(1, bytesPerBlock)
        self.state = Mutex(State(offset: offset, end: end ?? Int.max))
        self.progress = progress
    }

    deinit { close(descriptor) }

    /// Bytes read so far.
    var bytesRead: Int { state.withLock { $0.bytesRead } }

    /// The next block of whole lines (the last one may lack its newline), or `nil` at the end.
    func next() throws(DataError) -> [UInt8]? {
        try state.withLock { (s: inout State) throws(DataError) -> [UInt8]? in
            if s.atEnd { return nil }
            var buffer = s.carry
            s.carry = []
            var searchFrom = buffer.count
            while true {
                let wanted = min(max(bytesPerBlock, buffer.count / 2), s.end - s.offset)
                let got = wanted > 0 ? try read(into: &buffer, count: wanted, at: s.offset) : 0
                s.offset += got
                s.bytesRead += got
                progress?.add(got)
                if got == 0 {
                    s.atEnd = true
                    return buffer.isEmpty ? nil : buffer
                }
                if let newline = Self.lastNewline(in: buffer, from: searchFrom) {
                    s.carry = Array(buffer[(newline + 1)...])
                    buffer.removeLast(buffer.count - newline - 1)
                    return buffer
                }
                // No line ends in what was read: the line is longer than a block; read on.
                searchFrom = buffer.count
            }
        }
    }

    /// Appends up to `count` bytes read at `offset`; fewer only at the end of the file.
    ///
    /// The new bytes go straight from `pread` into uninitialized capacity: zero-filling a
    /// block first would write every byte twice (and costs seconds per block in debug builds).
    private func read(into buffer: inout [UInt8], count: Int, at offset: Int) throws(DataError) -> Int {
        let old = buffer.count
        var total = 0
        var failure: Int32 = 0
        buffer = [UInt8](unsafeUninitializedCapacity: old + count) { storage, initialized in
            guard let base = storage.baseAddress else { return }
            buffer.withUnsafeBufferPointer { previous in
                if let source = previous.baseAddress { base.initialize(from: source, count: old) }
            }
            while total < count {
                let n = pread(descriptor, base + old + total, count - total, off_t(offset + total))
                if n > 0 {
                    total += n
                } else if n == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
            initialized = old + total
        }
        if failure != 0 { throw .readFailed(file: path, reason: String(cString: strerror(failure))) }
        return total
    }

    private static func lastNewline(in buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var i = bytes.count - 1
            while i >= start {
                if bytes[i] == UInt8(ascii: "\n") { return i }
                i -= 1
            }
            return nil
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
