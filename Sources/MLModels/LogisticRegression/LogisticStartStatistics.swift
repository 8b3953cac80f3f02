import MLData
import MLEngine

/// What the first pass of a logistic fit gathers: the column moments (weight sum, penalty
/// scales, constant features, the scales optimality is measured on) and the loss statistics
/// at `θ = 0`, where every fit starts. One read of the rows instead of two: on a pass bound
/// by reading memory, a seventh of a typical Newton fit.
struct LogisticStartStatistics: SerializablePartialStatistics {
    struct Shape: Sendable, Hashable, Codable {
        var loss: LogisticLossStatistics.Shape
        var featureCount: Int { loss.featureCount }
    }

    var columns: ColumnMomentsStatistics
    var loss: LogisticLossStatistics

    init(zeroFor shape: Shape) {
        columns = ColumnMomentsStatistics(zeroFor: shape.featureCount)
        loss = LogisticLossStatistics(zeroFor: shape.loss)
    }

    /// The chunk's moments and its loss statistics at zero parameters, in one read of the
    /// rows: the moments of each cache window as the loss kernel comes to it.
    init(
        chunk: DataChunk, shape: Shape, classCount: Int, hessianRows: LogisticLossStatistics.HessianRows
    ) throws {
        var columns = ColumnMomentsStatistics(zeroFor: shape.featureCount)
        loss = try LogisticLossStatistics(
            chunk: chunk, shape: shape.loss, classCount: classCount,
            parameters: [Double](repeating: 0, count: shape.loss.parameterCount), hessianRows: hessianRows,
            eachWindow: { columns.add(ColumnMomentsStatistics(chunk, rows: $0)) })
        self.columns = columns
    }

    mutating func merge(_ other: LogisticStartStatistics) throws {
        try columns.merge(other.columns)
        loss.merge(other.loss)
    }

    /// The moments' numbers, then the loss statistics'.
    func serialized() -> [Double] { columns.serialized() + loss.serialized() }

    init(serialized values: [Double], shape: Shape) throws {
        let split = ColumnMomentsStatistics(zeroFor: shape.featureCount).serialized().count
        guard values.count >= split else {
            throw SerializedStatisticsError(type: "LogisticStartStatistics", expected: split, found: values.count)
        }
        columns = try ColumnMomentsStatistics(serialized: Array(values[..<split]), shape: shape.featureCount)
        loss = try LogisticLossStatistics(serialized: Array(values[split...]), shape: shape.loss)
    }
}
