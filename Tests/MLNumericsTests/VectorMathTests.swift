import Foundation
import MLNumerics
import Testing

/// ``VectorMath`` against libm (`Foundation.exp`, `Foundation.log`, within 1 ulp of the true
/// values): within 4 units in the last place — glibc's documented bound for its vector
/// functions — over the arguments the logistic kernels pass, the limits included; and the same
/// bits for a value wherever it sits in an array.
@Suite struct VectorMathTests {
    static let exponents: [Double] = {
        var values: [Double] = [0, -0.0, 1e-300, -1e-300, 1, -1, 700, 709.7, 709.8, -708, -720, -745, -746, -1000]
        for i in 0..<4001 { values.append(-745 + Double(i) * 0.3613) }
        return values
    }()

    /// The largest difference in units of the reference's last place (subnormal results
    /// count their absolute difference in the smallest subnormal's units).
    static func ulps(_ value: Double, _ reference: Double) -> Double {
        if value == reference || (value.isNaN && reference.isNaN) { return 0 }
        guard value.isFinite, reference.isFinite else { return .infinity }
        return abs(value - reference) / max(reference.ulp, Double.leastNonzeroMagnitude)
    }

    @Test func expIsWithinFourUlpsOfLibm() {
        var values = Self.exponents
        values.withUnsafeMutableBufferPointer { VectorMath.exp($0) }
        let worst = zip(values, Self.exponents).map { Self.ulps($0, Foundation.exp($1)) }.max() ?? 0
        #expect(worst <= 4, "worst \(worst) ulp (vectorized: \(VectorMath.isVectorized))")
        var limits: [Double] = [.infinity, -.infinity, 710, .nan]
        limits.withUnsafeMutableBufferPointer { VectorMath.exp($0) }
        #expect(limits[0] == .infinity && limits[1] == 0 && limits[2] == .infinity && limits[3].isNaN)
    }

    @Test func logIsWithinFourUlpsOfLibm() {
        let arguments = Self.exponents.map { 1 + Foundation.exp($0) } + [1e-300, .leastNonzeroMagnitude, 0.5, 2, 1e300, 1]
        var values = arguments
        values.withUnsafeMutableBufferPointer { VectorMath.log($0) }
        let worst = zip(values, arguments).map { Self.ulps($0, Foundation.log($1)) }.max() ?? 0
        #expect(worst <= 4, "worst \(worst) ulp")
        var limits: [Double] = [0, .infinity, -1]
        limits.withUnsafeMutableBufferPointer { VectorMath.log($0) }
        #expect(limits[0] == -.infinity && limits[1] == .infinity && limits[2].isNaN)
    }

    /// Arrays of 1 to 9 values starting anywhere in a longer one: every value comes out as
    /// when the whole array is computed at once.
    @Test func aValueDoesNotDependOnItsPositionInTheArray() {
        let arguments = (0..<64).map { -Double($0) * 1.37 - 0.011 }
        var whole = arguments
        whole.withUnsafeMutableBufferPointer { VectorMath.exp($0) }
        for start in 0..<8 {
            for count in 1...9 {
                var part = Array(arguments[start..<(start + count)])
                part.withUnsafeMutableBufferPointer { VectorMath.exp($0) }
                #expect(part == Array(whole[start..<(start + count)]), "start \(start), count \(count)")
            }
        }
    }
}
