import MLData
import MLEngine

/// The distinct values of a numeric label, sorted: how a classifier finds its classes when
/// the source holds the label as numbers (a LIBSVM file). Merged as a sorted union, so the
/// result does not depend on chunking or threads.
struct LabelValuesStatistics: PartialStatistics {
    typealias Shape = Int

    /// The largest number of classes read from a numeric label.
    static let limit = 10_000

    private(set) var values: [Double]

    init(zeroFor shape: Int) {
        values = []
    }

    init(chunk: DataChunk) throws {
        guard chunk.labels.count == chunk.rowCount else { throw ModelError.missingLabel }
        values = Array(Set(chunk.labels.map { $0 == 0 ? 0 : $0 })).sorted()
        try checkLimit()
    }

    mutating func merge(_ other: LabelValuesStatistics) throws {
        var merged: [Double] = []
        merged.reserveCapacity(values.count + other.values.count)
        var i = 0, j = 0
        while i < values.count || j < other.values.count {
            if j == other.values.count || (i < values.count && values[i] < other.values[j]) {
                merged.append(values[i])
                i += 1
            } else if i == values.count || other.values[j] < values[i] {
                merged.append(other.values[j])
                j += 1
            } else {
                merged.append(values[i])
                i += 1
                j += 1
            }
        }
        values = merged
        try checkLimit()
    }

    /// The sorted values, as they are.
    func transferBytes() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(values)
        return writer.bytes
    }

    init(transferBytes bytes: [UInt8], shape: Int) throws {
        var reader = ByteReader(bytes)
        values = try reader.readDoubles()
        guard values.allSatisfy(\.isFinite), zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw InvalidSerializedStatisticsError(type: "LabelValuesStatistics", reason: "the values are not finite and increasing")
        }
        try checkLimit()
    }

    private func checkLimit() throws {
        if values.count > Self.limit { throw ModelError.tooManyClasses(limit: Self.limit) }
    }

    /// The classes as text: whole numbers without a decimal point (`0`, `1`, `-1`), others in
    /// shortest round-trip form.
    var classNames: [String] {
        values.map { v in
            if let whole = Int(exactly: v) { return String(whole) }
            return v.description
        }
    }
}

extension Dataset {
    /// The same rows with a numeric label turned categorical: its distinct values, sorted,
    /// are the classes (found by one pass), and each label becomes its class code.
    func withNumericLabelAsClasses(options: ExecutionOptions) throws -> (Dataset, PassReport) {
        let (found, report) = try pass(options: options, shape: 0) { chunk in
            try LabelValuesStatistics(chunk: chunk)
        }
        let values = found.values
        let chunks = chunks.map { chunk in
            var coded = chunk
            coded.labels = chunk.labels.map { label in
                // Binary search: the values are sorted and hold every label.
                var low = 0, high = values.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if values[middle] < label { low = middle + 1 } else { high = middle }
                }
                return Double(low)
            }
            return coded
        }
        var schema = self.schema
        schema.labelKind = .categorical(levels: found.classNames)
        return (try Dataset(schema: schema, chunks: chunks), report)
    }
}
