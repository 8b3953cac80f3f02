import Foundation
import MLFit

/// Writes prediction columns as CSV — a header of the model's column names, then one line
/// per row, each column in its own form (see ``PredictionCSV``) — to standard output, or
/// atomically to a file (the file appears only once every row is written).
final class PredictionSink {
    private let file: AtomicFileWriter?
    private let names: [String]
    private var buffer: String

    init(path: String?, columns names: [String]) throws {
        file = try path.map { path throws(FileError) in try AtomicFileWriter(path: path) }
        self.names = names
        buffer = PredictionCSV.header(names)
    }

    func write(_ columns: [PredictionColumn]) throws {
        try PredictionCSV.appendRows(of: columns, named: names, to: &buffer)
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
