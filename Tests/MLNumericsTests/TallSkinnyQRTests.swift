import Testing

@testable import MLNumerics

/// CholeskyQR2 against Householder QR (LAPACK's `dgelqf`) on the same blocks.
@Suite struct TallSkinnyQRTests {
    /// A 400 × 6 block: columns 1…5 from a fixed integer recurrence, column 6 a blend of the
    /// first two plus `noise` times column 3, so `noise` sets the conditioning.
    static func block(noise: Double) -> Matrix {
        var a = Matrix(rows: 400, columns: 6)
        var state: UInt64 = 12345
        for i in 0..<400 {
            for j in 0..<5 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                a[i, j] = Double(Int64(bitPattern: state >> 11) % 2001) / 1000 - 1
            }
            a[i, 5] = a[i, 0] + 2 * a[i, 1] + noise * a[i, 2]
        }
        return a
    }

    static func choleskyQR2(_ a: Matrix) throws -> Matrix {
        var copy = a
        var r = Matrix(rows: a.columns, columns: a.columns)
        try copy.withUnsafeMutableBufferPointer { (z) throws(LinearAlgebraError) in
            try r.withUnsafeMutableBufferPointer { (out) throws(LinearAlgebraError) in
                guard let z = z.baseAddress, let out = out.baseAddress else { return }
                try TallSkinnyQR.factor(z, rows: a.rows, columns: a.columns, into: out)
            }
        }
        return r
    }

    /// R is unique up to the signs of its rows: compare |R|.
    @Test(arguments: [1.0, 1e-3, 1e-6, 1e-9, 0])
    func matchesHouseholder(noise: Double) throws {
        let a = Self.block(noise: noise)
        let fast = try Self.choleskyQR2(a)
        let reference = try LAPACK.triangularFactor(of: a)
        let scale = reference.elements.map(abs).max() ?? 1
        for i in 0..<6 {
            for j in 0..<6 {
                if i > j { #expect(fast[i, j] == 0) }
                // Exact collinearity (noise 0) leaves R[5,5] as round-off in both.
                if noise == 0 && i == 5 && j == 5 { continue }
                // Accuracy relative to the size of R: ε·κ(A) in both methods.
                let tolerance = 1e-13 * scale * max(1, 1e-3 / max(noise, 1e-300))
                #expect(abs(abs(fast[i, j]) - abs(reference[i, j])) <= min(tolerance, 1e-6 * scale),
                        "noise \(noise): R[\(i),\(j)] \(fast[i, j]) vs \(reference[i, j])")
            }
        }
    }

    @Test func shortBlocksUseHouseholder() throws {
        let a = try Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 0], [0, 1, 0]])
        let fast = try Self.choleskyQR2(a)
        let reference = try LAPACK.triangularFactor(of: a)
        #expect(fast == reference)
    }
}
