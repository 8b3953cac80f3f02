import MLData
import MLEngine
import MLNumerics

/// What the first pass of a clustering's evaluation gathers per chunk: per cluster the rows,
/// their weight `W_B`, and the sums Spark's `ClusteringEvaluator` computes the silhouette
/// from; the cost; and, when the data have labels, the contingency table of labels against
/// clusters for the adjusted Rand index.
///
/// For the squared euclidean silhouette the sums are taken about each cluster's center `c_B`
/// (which changes nothing in exact arithmetic and keeps `‖x‖² − 2x·y + ‖y‖²` from cancelling
/// far from the origin): `Y_B = Σwᵢ(xᵢ − c_B)` and `Ψ_B = Σwᵢ‖xᵢ − c_B‖²`. For cosine,
/// `Y_B = Σwᵢx̂ᵢ` over the normalized rows.
public struct ClusteringMetricsStatistics: EvaluationStatistics {
    public struct Shape: Sendable, Hashable, Codable {
        public var k: Int
        public var featureCount: Int
        public var cosine: Bool
    }

    public let shape: Shape
    public internal(set) var rows: Int = 0
    public internal(set) var weightSum: Double = 0
    public internal(set) var counts: [Int]
    public internal(set) var weights: [Double]
    /// `k × p`.
    public internal(set) var sums: [Double]
    public internal(set) var squaredNormSums: [Double]
    public internal(set) var cost: Double = 0
    /// The distinct label values, sorted, and per value the rows in each cluster (`labels × k`).
    public internal(set) var labelValues: [Double] = []
    public internal(set) var contingency: [Int] = []

    /// The largest number of distinct labels read for the adjusted Rand index.
    static let labelLimit = 10_000

    public init(zeroFor shape: Shape) {
        self.shape = shape
        counts = Array(repeating: 0, count: shape.k)
        weights = Array(repeating: 0, count: shape.k)
        sums = Array(repeating: 0, count: shape.k * shape.featureCount)
        squaredNormSums = Array(repeating: 0, count: shape.k)
    }

    /// The statistics of a chunk of rows `x` (normalized for cosine) with their clusters.
    init(shape: Shape, rows x: Matrix, clusters: [Int], centers: Matrix, weights w: [Double], labels: [Double]) throws {
        self.init(zeroFor: shape)
        let p = shape.featureCount, n = x.rows
        rows = n
        for i in 0..<n {
            let j = clusters[i]
            counts[j] += 1
            let wi = w.isEmpty ? 1 : w[i]
            guard wi > 0 else { continue }
            weightSum += wi
            weights[j] += wi
            var squared = 0.0
            for t in 0..<p {
                let v = shape.cosine ? x[i, t] : x[i, t] - centers[j, t]
                sums[j * p + t] += wi * v
                let d = x[i, t] - centers[j, t]
                squared += (shape.cosine ? d * d : v * v)
            }
            squaredNormSums[j] += wi * squared
            cost += wi * (shape.cosine ? 0.5 * squared : squared)
        }
        if !labels.isEmpty {
            let values = Array(Set(labels.map { $0 == 0 ? 0 : $0 })).sorted()
            guard values.count <= Self.labelLimit else { throw ClusteringMetricsError.tooManyLabels(limit: Self.labelLimit) }
            labelValues = values
            contingency = Array(repeating: 0, count: values.count * shape.k)
            for i in 0..<n {
                let label = labels[i] == 0 ? 0 : labels[i]
                if let r = Self.index(of: label, in: values) { contingency[r * shape.k + clusters[i]] += 1 }
            }
        }
    }

    static func index(of value: Double, in sorted: [Double]) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value ? low : nil
    }

    public mutating func merge(_ other: ClusteringMetricsStatistics) throws {
        rows += other.rows
        weightSum += other.weightSum
        cost += other.cost
        for j in counts.indices {
            counts[j] += other.counts[j]
            weights[j] += other.weights[j]
            squaredNormSums[j] += other.squaredNormSums[j]
        }
        for t in sums.indices { sums[t] += other.sums[t] }
        guard !other.labelValues.isEmpty else { return }
        let k = shape.k
        let values = Array(Set(labelValues + other.labelValues)).sorted()
        guard values.count <= Self.labelLimit else { throw ClusteringMetricsError.tooManyLabels(limit: Self.labelLimit) }
        var table = [Int](repeating: 0, count: values.count * k)
        for (source, sourceValues) in [(contingency, labelValues), (other.contingency, other.labelValues)] {
            for (r, value) in sourceValues.enumerated() {
                guard let target = Self.index(of: value, in: values) else { continue }
                for j in 0..<k { table[target * k + j] += source[r * k + j] }
            }
        }
        labelValues = values
        contingency = table
    }

    public func transferBytes() -> [UInt8] {
        var writer = ByteWriter()
        writer.write([Double(rows), weightSum, cost] + counts.map(Double.init) + weights + squaredNormSums + sums)
        writer.write(labelValues)
        writer.write(contingency.map(Double.init))
        return writer.bytes
    }

    public init(transferBytes bytes: [UInt8], shape: Shape) throws {
        self.init(zeroFor: shape)
        let check = SerializedStatisticsValidator(type: "ClusteringMetricsStatistics")
        var reader = ByteReader(bytes)
        let head = try reader.readDoubles()
        let k = shape.k, p = shape.featureCount
        guard head.count == 3 + 3 * k + k * p else {
            throw SerializedStatisticsError(type: "ClusteringMetricsStatistics", expected: 3 + 3 * k + k * p, found: head.count)
        }
        rows = try check.count(head[0], "rows")
        weightSum = try check.nonNegative(head[1], "weight sum")
        cost = try check.nonNegative(head[2], "cost")
        counts = try (0..<k).map { try check.count(head[3 + $0], "count \($0)") }
        weights = try (0..<k).map { try check.nonNegative(head[3 + k + $0], "weight \($0)") }
        squaredNormSums = try (0..<k).map { try check.nonNegative(head[3 + 2 * k + $0], "squared norm sum \($0)") }
        sums = Array(head[(3 + 3 * k)...])
        labelValues = try reader.readDoubles()
        let table = try reader.readDoubles()
        guard table.count == labelValues.count * k, labelValues.allSatisfy(\.isFinite),
            zip(labelValues, labelValues.dropFirst()).allSatisfy({ $0 < $1 })
        else { throw check.invalid("the contingency table does not fit its labels") }
        contingency = try table.map { try check.count($0, "contingency count") }
    }

    /// The metrics without the silhouette, which needs a second pass.
    public var metrics: ClusteringMetrics { metrics(silhouette: nil) }

    func metrics(silhouette: Double?) -> ClusteringMetrics {
        ClusteringMetrics(
            rows: rows, weightSum: weightSum, cost: cost, clusterSizes: counts, clusterWeights: weights,
            silhouette: silhouette, adjustedRandIndex: labelValues.isEmpty ? nil : adjustedRandIndex)
    }

    /// scikit-learn's `adjusted_rand_score` from the contingency table (counts of rows, not
    /// weights), through its pair confusion matrix.
    var adjustedRandIndex: Double {
        let k = shape.k
        let n = Double(contingency.reduce(0, +))
        var sumSquares = 0.0, classSquares = 0.0, clusterSquares = 0.0
        var clusterSizes = [Double](repeating: 0, count: k)
        for r in labelValues.indices {
            var classSize = 0.0
            for j in 0..<k {
                let c = Double(contingency[r * k + j])
                sumSquares += c * c
                classSize += c
                clusterSizes[j] += c
            }
            classSquares += classSize * classSize
        }
        for size in clusterSizes { clusterSquares += size * size }
        let tp = sumSquares - n
        let fp = clusterSquares - sumSquares
        let fn = classSquares - sumSquares
        let tn = n * n - fp - fn - sumSquares
        if fn == 0, fp == 0 { return 1 }
        return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
    }
}

/// Why clustering metrics could not be computed.
public enum ClusteringMetricsError: Error, Hashable, Sendable, CustomStringConvertible {
    case tooManyLabels(limit: Int)

    public var description: String {
        switch self {
        case let .tooManyLabels(limit):
            return "the label has more than \(limit) distinct values; the adjusted Rand index needs classes"
        }
    }
}
