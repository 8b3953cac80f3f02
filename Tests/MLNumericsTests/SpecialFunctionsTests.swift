import Testing

@testable import MLNumerics

/// Reference values from SciPy 1.17.1 (`scipy.special.betainc`, `scipy.stats.t.sf`,
/// `scipy.stats.f.sf`), an independent implementation (Cephes).
@Suite struct SpecialFunctionsTests {
    @Test(arguments: [
        (0.3, 2.5, 3.5, 0.29675298929566646),
        (0.9, 0.5, 0.5, 0.7951672353008665),
        (0.45, 50.0, 60.0, 0.4642352914306031),
    ])
    func regularizedIncompleteBeta(x: Double, a: Double, b: Double, expected: Double) {
        let value = SpecialFunctions.regularizedIncompleteBeta(x, a: a, b: b)
        // The prefactor's lgamma terms (≈ 180 for a = 50, b = 60) cancel, which costs a few
        // digits; 12 significant digits is far more than any p-value needs.
        #expect(abs(value - expected) <= 1e-12 * expected)
    }

    @Test(arguments: [
        (2.0, 10.0, 0.07338803477074037),
        (1.094, 1.0, 0.47144120794834093),
        (0.5, 431.0, 0.6173302534448311),
        (12.3, 3.0, 0.00115748827629462),
    ])
    func studentTTwoSided(t: Double, nu: Double, expected: Double) {
        let value = SpecialFunctions.studentTTwoSidedPValue(t, degreesOfFreedom: nu)
        #expect(abs(value - expected) <= 1e-12 * expected)
        // Symmetric in the sign of t.
        #expect(SpecialFunctions.studentTTwoSidedPValue(-t, degreesOfFreedom: nu) == value)
    }

    @Test func fUpperTail() {
        #expect(abs(SpecialFunctions.fUpperTailPValue(1.5, d1: 2, d2: 7) - 0.286974389101188) < 1e-13)
        let tiny = SpecialFunctions.fUpperTailPValue(46.27, d1: 10, d2: 431)
        #expect(abs(tiny - 3.8508494808669934e-62) <= 1e-9 * 3.8508494808669934e-62)
    }

    @Test func edgeCases() {
        #expect(SpecialFunctions.regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
        #expect(SpecialFunctions.regularizedIncompleteBeta(1, a: 2, b: 3) == 1)
        #expect(SpecialFunctions.studentTTwoSidedPValue(0, degreesOfFreedom: 5) == 1)
        #expect(SpecialFunctions.studentTTwoSidedPValue(.infinity, degreesOfFreedom: 5) == 0)
        #expect(SpecialFunctions.studentTTwoSidedPValue(1, degreesOfFreedom: 0).isNaN)
    }
}
