import Foundation
import MLData
import MLEngine
import MLNumerics

@testable import MLModels

/// Data sets the k-means tests share.
enum KMeansFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let irisPath = root.appendingPathComponent("Datasets/iris.csv").path
    static let irisFeatures = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]

    /// Iris's four measurements (the species as the label when `label`).
    static func iris(label: Bool = false) throws -> Dataset {
        let options = CSVOptions(label: label ? "species" : nil, features: irisFeatures)
        return try CSVSource(path: irisPath, options: options).load(options: ExecutionOptions()).data
    }

    /// Rows `rows` of a data set, as a matrix.
    static func rows(_ data: Dataset, _ rows: [Int]) throws -> Matrix {
        let all = data.concatenated().features
        return try Matrix(rows.map { all.row($0) })
    }

    /// The formula rows of kmeans_references.py's `synthetic()`: 300 × 3, five groups
    /// (`g = i mod 5`), weights `1 + i mod 3`.
    static func synthetic(weighted: Bool = false, shift: Double = 0, rowsPerChunk: Int? = nil) throws -> Dataset {
        let n = 300
        var x = Matrix(rows: n, columns: 3)
        for i in 0..<n {
            let t = Double(i), g = Double(i % 5)
            x[i, 0] = 4 * g + sin(0.37 * t) + shift
            x[i, 1] = 3 * Double((i % 5) % 2) + cos(0.91 * t) + shift
            x[i, 2] = 0.125 * g * g + sin(1.7 * t) * cos(0.3 * t) + shift
        }
        let weights = weighted ? (0..<n).map { Double(1 + $0 % 3) } : nil
        return try Dataset(features: x, weights: weights, featureNames: ["a", "b", "c"], rowsPerChunk: rowsPerChunk)
    }

    /// Points of an integer grid with many rows equidistant from two centers, weighted, in
    /// chunks of 37 rows: ties that a GEMM's last bits would otherwise decide.
    static func grid(rowsPerChunk: Int = 37) throws -> Dataset {
        var rows: [[Double]] = [], weights: [Double] = []
        for a in 0..<12 {
            for b in 0..<12 {
                for c in 0..<3 {
                    rows.append([Double(a + 1), Double(b + 1), Double(c + 1)])
                    weights.append(Double(1 + (a + b + c) % 4))
                }
            }
        }
        return try Dataset(features: Matrix(rows), weights: weights, rowsPerChunk: rowsPerChunk)
    }

    /// `n` rows in `groups` overlapping Gaussian-like blobs (uniform noise), `p` features.
    static func blobs(n: Int, p: Int, groups: Int, seed: UInt64 = 5, rowsPerChunk: Int? = nil) throws -> Dataset {
        var random = SeededRandom(seed: seed)
        var centers = Matrix(rows: groups, columns: p)
        for g in 0..<groups {
            for t in 0..<p { centers[g, t] = 10 * random.uniform() }
        }
        var x = Matrix(rows: n, columns: p)
        for i in 0..<n {
            let g = Int(random.next() % UInt64(groups))
            for t in 0..<p { x[i, t] = centers[g, t] + 3 * (random.uniform() + random.uniform() - 1) }
        }
        return try Dataset(features: x, rowsPerChunk: rowsPerChunk)
    }

    /// The largest absolute difference of two equally shaped matrices.
    static func difference(_ a: Matrix, _ b: Matrix) -> Double {
        zip(a.elements, b.elements).map { abs($0 - $1) }.max() ?? 0
    }
}
