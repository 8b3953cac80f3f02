import Foundation
import MLFit

/// Writes predictions as CSV — a header `prediction`, then one number per line in shortest
/// round-trip form — to standard output, or atomically to a file (the file appears only
/// once every row is written).
final class PredictionSink {
    private let file: AtomicFileWriter?
    private var buffer = "prediction\n"

    init(path: String?) throws {
        file = try path.map { path throws(FileError) in try AtomicFileWriter(path: path) }
    }

    func write(_ values: [Double]) throws {
        for v in values {
            buffer += v.description
            buffer += "\n"
        }
        if buffer.utf8.count >= 1 << 20 { try flush() }
    }

    func finish() throws {
        try flush()
        try file?.commit()
    }

    private func flush() throws {
        let data = Data(buffer.utf8)
        buffer = ""
        if let file {
            try file.write(data)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
