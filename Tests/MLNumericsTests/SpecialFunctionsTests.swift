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

@Suite struct DoubleDoubleTests {
    @Test func errorFreeTransformations() {
        // 0.1 + 0.2: the rounding error of the sum is recovered exactly.
        let (s, e) = DoubleDouble.twoSum(0.1, 0.2)
        #expect(s == 0.30000000000000004)
        #expect(e == -2.7755575615628914e-17)  // 0.1 + 0.2 − s in exact binary arithmetic
        // (1 + 2⁻³⁰)² = 1 + 2⁻²⁹ + 2⁻⁶⁰: the 2⁻⁶⁰ term is the product's rounding error.
        let x = 1 + 0x1p-30
        let (p, f) = DoubleDouble.twoProduct(x, x)
        #expect(p == 1 + 0x1p-29)
        #expect(f == 0x1p-60)
    }

    @Test func sumsBeyondDoublePrecision() {
        // 1e16 + 1 − 1e16 is 0 in Double arithmetic and exactly 1 in double-double.
        var sum = DoubleDouble(1e16)
        sum.add(1)
        sum.add(-1e16)
        #expect(sum.value == 1)
        var products = DoubleDouble(0)
        products.addProduct(1 + 0x1p-30, 1 - 0x1p-30)  // 1 − 2⁻⁶⁰
        products.add(-1)
        #expect(products.value == -0x1p-60)
    }
}
