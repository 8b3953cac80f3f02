import Foundation

/// Prediction columns as CSV text, the output of `mlfit predict`.
public enum PredictionCSV {
    /// The header line (with its newline), names quoted when needed.
    public static func header(_ names: [String]) -> String {
        names.map(field).joined(separator: ",") + "\n"
    }

    /// One line per row, appended to `text`. The columns must carry `names`, in order, and
    /// have equal lengths: a model breaking its own ``TrainedModel/predictionColumnNames(options:)``
    /// is reported rather than written misaligned.
    public static func appendRows(
        of columns: [PredictionColumn], named names: [String], to text: inout String
    ) throws(PredictionColumnError) {
        guard columns.map(\.name) == names else {
            throw PredictionColumnError(expected: names, found: columns.map(\.name), rows: nil)
        }
        let rows = columns.first?.values.count ?? 0
        guard columns.allSatisfy({ $0.values.count == rows }) else {
            throw PredictionColumnError(expected: names, found: columns.map(\.name), rows: columns.map(\.values.count))
        }
        for i in 0..<rows {
            for (c, column) in columns.enumerated() {
                if c > 0 { text += "," }
                switch column.values {
                case .numbers(let values): text += values[i].description
                case .integers(let values): text += String(values[i])
                case .labels(let values): text += field(values[i])
                }
            }
            text += "\n"
        }
    }

    /// A text field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line
    /// break, or is empty (an empty unquoted field reads back as a missing value).
    static func field(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A model returned prediction columns other than those it declared.
public struct PredictionColumnError: Error, Hashable, Sendable, CustomStringConvertible {
    public let expected: [String]
    public let found: [String]
    /// The columns' lengths, when they differ.
    public let rows: [Int]?

    public var description: String {
        if let rows {
            return "the model's prediction columns have different lengths: \(rows.map(String.init).joined(separator: ", "))"
        }
        return "the model returned the prediction columns \(found.joined(separator: ", ")), "
            + "not the declared \(expected.joined(separator: ", "))"
    }
}
