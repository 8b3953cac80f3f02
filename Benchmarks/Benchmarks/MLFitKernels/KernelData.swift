import Foundation
import MLFit

/// Deterministic data for the micro-benchmarks (a plain LCG is enough: only the shape and
/// the digit count of the numbers matter for speed, not their distribution).
enum KernelData {
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53 * 4 - 2
        }
    }

    static func dataset(rows: Int, features: Int) throws -> Dataset {
        var g = Generator(state: 42)
        var x = [Double](repeating: 0, count: rows * features), y = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var s = 1.5
            for j in 0..<features {
                let v = Double(Float(g.next()))
                x[i * features + j] = v
                s += v * Double(j % 7 - 3)
            }
            y[i] = s + 0.5 * g.next()
        }
        return try Dataset(features: try Matrix(rows: rows, columns: features, elements: x), labels: y)
    }

    /// A CSV file like the suite's (Float values in shortest form), written once per shape.
    static func csvFile(rows: Int, features: Int) throws -> String {
        let path = NSTemporaryDirectory() + "/mlfit-kernels-\(rows)x\(features).csv"
        if FileManager.default.fileExists(atPath: path) { return path }
        var g = Generator(state: 7)
        var text = ((1...features).map { "x\($0)" } + ["y"]).joined(separator: ",") + "\n"
        for _ in 0..<rows {
            text += (0...features).map { _ in Float(g.next()).description }.joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
