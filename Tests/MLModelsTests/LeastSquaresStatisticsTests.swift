import MLData
import MLEngine
import MLNumerics
import Testing

@testable import MLModels

/// The per-chunk kernels against a naive row-by-row computation, and their merge across
/// chunkings (oneDAL-style: the same fixture in 1, 3, 5 and 8 blocks).
@Suite struct LeastSquaresStatisticsTests {
    /// 40 rows, 3 features, uneven weights (some 0), fixed by formula.
    static func fixture() throws -> Dataset {
        var rows: [[Double]] = []
        var labels: [Double] = [], weights: [Double] = []
        for i in 0..<40 {
            let t = Double(i)
            rows.append([t / 7, (t * t).truncatingRemainder(dividingBy: 11) - 5, 100 + (t * 3.7).truncatingRemainder(dividingBy: 2)])
            labels.append(2 + 0.5 * t - (t * t).truncatingRemainder(dividingBy: 13) / 3)
            weights.append(i % 9 == 4 ? 0 : 1 + Double(i % 4) / 2)
        }
        return try Dataset(features: Matrix(rows), labels: labels, weights: weights, rowsPerChunk: 40)
    }

    /// Two-pass weighted mean and centred moments of `[X y]`, one row at a time.
    static func naive(_ chunk: DataChunk) -> (weight: Double, mean: [Double], moments: Matrix) {
        let p = chunk.featureCount, q = p + 1
        func z(_ i: Int, _ j: Int) -> Double { j < p ? chunk.features[i, j] : chunk.labels[i] }
        var w = 0.0
        var mean = Array(repeating: 0.0, count: q)
        for i in 0..<chunk.rowCount {
            w += chunk.weight(i)
            for j in 0..<q { mean[j] += chunk.weight(i) * z(i, j) }
        }
        mean = mean.map { $0 / w }
        var c = Matrix(rows: q, columns: q)
        for i in 0..<chunk.rowCount {
            for a in 0..<q {
                for b in 0..<q { c[a, b] += chunk.weight(i) * (z(i, a) - mean[a]) * (z(i, b) - mean[b]) }
            }
        }
        return (w, mean, c)
    }

    static func merged(_ data: Dataset, form: LeastSquaresStatistics.Form) throws -> LeastSquaresStatistics {
        var total = LeastSquaresStatistics(zeroFor: .init(featureCount: data.schema.featureCount, form: form))
        for chunk in data.chunks { try total.merge(LeastSquaresStatistics(chunk: chunk, form: form)) }
        return total
    }

    @Test(arguments: [LeastSquaresStatistics.Form.triangular, .gram], [1, 3, 5, 8])
    func matchesNaiveMoments(form: LeastSquaresStatistics.Form, chunks: Int) throws {
        let data = try Self.fixture()
        let reference = Self.naive(data.concatenated())
        let statistics = try Self.merged(data.rechunked(into: chunks), form: form)
        #expect(statistics.moments.rowCount == 40)
        #expect(statistics.moments.positiveWeightRowCount == 36)  // weight 0 at i = 4, 13, 22, 31
        #expect(abs(statistics.moments.weightSum - reference.weight) < 1e-12)
        for j in 0..<4 { #expect(abs(statistics.moments.mean[j] - reference.mean[j]) < 1e-12 * (1 + abs(reference.mean[j]))) }
        let c = statistics.centredGram
        for a in 0..<4 {
            for b in 0..<4 {
                #expect(abs(c[a, b] - reference.moments[a, b]) < 1e-10 * (1 + abs(reference.moments[a, b])))
            }
        }
    }

    @Test(arguments: [LeastSquaresStatistics.Form.triangular, .gram])
    func mergeIsAssociative(form: LeastSquaresStatistics.Form) throws {
        let chunks = try Self.fixture().rechunked(into: 3).chunks
        let s = try chunks.map { try LeastSquaresStatistics(chunk: $0, form: form) }
        var left = s[0]; try left.merge(s[1]); try left.merge(s[2])
        var right = s[1]; try right.merge(s[2])
        var other = s[0]; try other.merge(right)
        let a = left.centredGram, b = other.centredGram
        for i in 0..<4 { for j in 0..<4 { #expect(abs(a[i, j] - b[i, j]) < 1e-11 * (1 + abs(a[i, j]))) } }
        #expect(left.moments.weightSum == other.moments.weightSum)
    }

    @Test func zeroIsTheIdentityAndSerializationRoundTrips() throws {
        let chunk = try Self.fixture().chunks[0]
        let s = try LeastSquaresStatistics(chunk: chunk, form: .triangular)
        var withZero = LeastSquaresStatistics(zeroFor: s.shape)
        try withZero.merge(s)
        #expect(withZero.serialized() == s.serialized())
        var zeroAfter = s
        try zeroAfter.merge(LeastSquaresStatistics(zeroFor: s.shape))
        #expect(zeroAfter.serialized() == s.serialized())
        let rebuilt = try LeastSquaresStatistics(serialized: s.serialized(), shape: s.shape)
        #expect(rebuilt.serialized() == s.serialized())
        #expect(throws: SerializedStatisticsError.self) {
            try LeastSquaresStatistics(serialized: [1, 2, 3], shape: s.shape)
        }
    }

    /// Serialized statistics come from files and other processes: numbers no rows could
    /// produce are errors, never a trap in `Int(_:)` (position 0 is the row count, 1 the
    /// count of rows with positive weight, 2 the weight sum).
    @Test(arguments: [
        (0, Double.nan), (0, .infinity), (0, -1), (0, 1e300), (0, 2.5), (0, 30),
        (1, .nan), (1, -.infinity), (1, -1), (1, 1e300), (1, 41),
        (2, .nan), (2, .infinity), (2, -1), (2, 0),
    ])
    func corruptSerializedCountsAreRejected(position: Int, value: Double) throws {
        let s = try LeastSquaresStatistics(chunk: Self.fixture().chunks[0], form: .triangular)
        var values = s.serialized()
        #expect(values[0] == 40 && values[1] == 36)
        values[position] = value
        #expect(throws: InvalidSerializedStatisticsError.self) {
            try LeastSquaresStatistics(serialized: values, shape: s.shape)
        }
    }

    @Test func corruptSerializedShapesAndMomentsAreRejected() throws {
        let s = try LeastSquaresStatistics(chunk: Self.fixture().chunks[0], form: .triangular)
        var nan = s.serialized()
        nan[0] = .nan
        do {
            _ = try LeastSquaresStatistics(serialized: nan, shape: s.shape)
            Issue.record("expected an error")
        } catch let error as InvalidSerializedStatisticsError {
            #expect(error.description.contains("the row count must be a whole number"), "\(error)")
        }
        // R must be upper triangular: the solve reads its whole square.
        var lower = s.serialized()
        lower[lower.count - 4] = 1  // row 3, column 0 of the 4 × 4 factor
        #expect(throws: InvalidSerializedStatisticsError.self) {
            try LeastSquaresStatistics(serialized: lower, shape: s.shape)
        }
        #expect(throws: InvalidSerializedStatisticsError.self) {
            try LeastSquaresStatistics(serialized: [1, 1, 1, 0], shape: .init(featureCount: -1, form: .gram))
        }
        #expect(throws: SerializedStatisticsError.self) {
            try LeastSquaresStatistics(serialized: [1, 1, 1], shape: .init(featureCount: .max, form: .gram))
        }
        #expect(throws: InvalidSerializedStatisticsError.self) {
            try SquaredLossStatistics(serialized: [-1, 0, 0], shape: 1)
        }
        #expect(throws: InvalidSerializedStatisticsError.self) {
            try SquaredLossStatistics(serialized: [1], shape: -1)
        }
        #expect(throws: SerializedStatisticsError.self) {
            try SquaredLossStatistics(serialized: [1], shape: .max)
        }
        #expect(try SquaredLossStatistics(serialized: [.infinity, 0, 0], shape: 1).sums[0] == .infinity)
    }

    @Test func mergingDifferentShapesFails() throws {
        var a = LeastSquaresStatistics(zeroFor: .init(featureCount: 2, form: .gram))
        #expect(throws: LinearAlgebraError.self) {
            try a.merge(LeastSquaresStatistics(zeroFor: .init(featureCount: 3, form: .gram)))
        }
    }
}
