import MLEngine

/// The number of rows a pass saw, summed over chunks and ranks: what a fit needs before its
/// first real pass when something depends on the global row count (a row sample's stride),
/// or alongside a pass whose own statistics do not count rows.
struct RowCountStatistics: SummablePartialStatistics {
    typealias Shape = Int
    var rows: Double

    init(rows: Int) { self.rows = Double(rows) }
    init(zeroFor shape: Int) { rows = 0 }
    mutating func merge(_ other: RowCountStatistics) { rows += other.rows }
    func serialized() -> [Double] { [rows] }
    init(serialized: [Double], shape: Int) throws {
        guard serialized.count == 1 else {
            throw SerializedStatisticsError(type: "RowCountStatistics", expected: 1, found: serialized.count)
        }
        rows = Double(
            try SerializedStatisticsValidator(type: "RowCountStatistics").count(serialized[0], "the row count"))
    }
}
