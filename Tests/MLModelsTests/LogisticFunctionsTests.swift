import Foundation
import Testing

@testable import MLModels

/// `softplus` computed from `log` with the rounding of `1 + e^{−|z|}` corrected, against
/// glibc's `log1p` (faithfully rounded): within two units in the last place everywhere,
/// including where `e^{−|z|}` is below the rounding of 1.
@Suite struct LogisticFunctionsTests {
    @Test func softplusMatchesLog1p() {
        var zs: [Double] = [0, 1e-300, -1e-300, 1e-17, -1e-17, 36.9, 37.5, -37.5, 745, -745, 800, -800]
        for i in -4000...4000 { zs.append(Double(i) / 100) }
        // The largest errors in units of the reference's last place, and where.
        var softplusError = (ulps: 0.0, z: 0.0), sigmoidError = (ulps: 0.0, z: 0.0)
        for z in zs {
            let (softplus, sigmoid) = LogisticFunctions.softplusAndSigmoid(z)
            let reference = max(z, 0) + log1p(exp(-abs(z)))
            let ulps = abs(softplus - reference) / reference.ulp
            if ulps > softplusError.ulps { softplusError = (ulps, z) }
            // 1/(1 + e^{−z}) is itself off by a few units where e^{−z} is large.
            let sigmoidReference = 1 / (1 + exp(-z))
            let sigmoidUlps = sigmoidReference > 0 ? abs(sigmoid - sigmoidReference) / sigmoidReference.ulp : 0
            if sigmoidUlps > sigmoidError.ulps { sigmoidError = (sigmoidUlps, z) }
        }
        #expect(softplusError.ulps <= 2, "softplus off by \(softplusError.ulps) ulp at z = \(softplusError.z)")
        #expect(sigmoidError.ulps <= 4, "σ off by \(sigmoidError.ulps) ulp at z = \(sigmoidError.z)")
        #expect(LogisticFunctions.softplusAndSigmoid(0).softplus == LogisticFunctions.logTwo)
    }

    /// The four-wide versions the kernels use give the scalar functions' values to a few
    /// units in the last place (``VectorMath``'s bound plus the rounding of the corrections).
    @Test func blockFunctionsMatchTheScalarOnes() {
        let z = (0..<1001).map { Double($0 - 500) * 0.0937 } + [800, -800, 0]
        var softplus = [Double](repeating: 0, count: z.count), sigmoid = softplus, derivative = softplus
        z.withUnsafeBufferPointer { zs in
            softplus.withUnsafeMutableBufferPointer { sp in
                sigmoid.withUnsafeMutableBufferPointer { sg in
                    derivative.withUnsafeMutableBufferPointer { dv in
                        LogisticFunctions.softplusAndSigmoid(zs, softplus: sp, sigmoid: sg, derivative: dv)
                    }
                }
            }
        }
        var worst = 0.0
        for (i, value) in z.enumerated() {
            let (s, g) = LogisticFunctions.softplusAndSigmoid(value)
            let d = LogisticFunctions.sigmoidDerivative(value)
            worst = max(
                worst, abs(softplus[i] - s) / s.ulp, g > 0 ? abs(sigmoid[i] - g) / g.ulp : abs(sigmoid[i]),
                d > 0 ? abs(derivative[i] - d) / d.ulp : abs(derivative[i]))
        }
        #expect(worst <= 8, "worst \(worst) ulp")

        // Three rows of four scores, held class by class: probabilities and log-normalizers as
        // the scalar softmax gives them row by row.
        var reference: [Double] = [0, 1, 2, 3, -700, 0, 5, 1e-3, 40, -40, 0, 39.5]
        var block = (0..<12).map { reference[($0 % 3) * 4 + $0 / 3] }
        var normalizers = [Double](repeating: 0, count: 3), tops = normalizers, inverses = normalizers
        block.withUnsafeMutableBufferPointer { b in
            normalizers.withUnsafeMutableBufferPointer { l in
                tops.withUnsafeMutableBufferPointer { t in
                    inverses.withUnsafeMutableBufferPointer { v in
                        guard let b = b.baseAddress, let l = l.baseAddress, let t = t.baseAddress, let v = v.baseAddress
                        else { return }
                        LogisticFunctions.softmax(classMajor: b, rows: 3, classes: 4, logNormalizers: l, tops: t, inverses: v)
                    }
                }
            }
        }
        reference.withUnsafeMutableBufferPointer { r in
            guard let base = r.baseAddress else { return }
            for i in 0..<3 {
                let scalar = LogisticFunctions.softmax(base + 4 * i, count: 4)
                #expect(abs(normalizers[i] - scalar) <= 8 * scalar.ulp, "row \(i)")
            }
        }
        for i in 0..<3 {
            for c in 0..<4 {
                let expected = reference[i * 4 + c]
                #expect(abs(block[c * 3 + i] - expected) <= 8 * max(expected.ulp, .leastNormalMagnitude), "P[\(i), \(c)]")
            }
        }
    }
}
