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
}
