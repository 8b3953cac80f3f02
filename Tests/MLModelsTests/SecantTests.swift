import Testing

@testable import MLModels

/// The BFGS correction of a reused Hessian (``Secant``): afterwards the matrix maps the step
/// to the gradient change (the secant condition), stays symmetric and positive definite, and is
/// left alone by a pair without positive curvature.
@Suite struct SecantTests {
    /// A symmetric positive definite 4 × 4 matrix (diagonally dominant).
    static let matrix: [Double] = [
        4, 1, 0.5, 0,
        1, 3, 0.2, 0.1,
        0.5, 0.2, 2, 0.3,
        0, 0.1, 0.3, 1,
    ]

    static func product(_ m: [Double], _ v: [Double]) -> [Double] {
        (0..<4).map { i in (0..<4).reduce(0.0) { $0 + m[i * 4 + $1] * v[$1] } }
    }

    @Test func updatedMatrixSatisfiesTheSecantCondition() {
        let secant = Secant(step: [0.3, -0.2, 0.1, 0.5], gradientChange: [1.1, -0.4, 0.6, 0.9])
        var m = Self.matrix
        m.withUnsafeMutableBufferPointer { secant.update($0, order: 4) }
        let image = Self.product(m, secant.step)
        for i in 0..<4 { #expect(abs(image[i] - secant.gradientChange[i]) <= 1e-14, "(M·s)[\(i)]") }
        for i in 0..<4 { for j in 0..<4 { #expect(abs(m[i * 4 + j] - m[j * 4 + i]) <= 1e-15) } }
        // Positive definite: every leading principal minor of the updated matrix is positive
        // (Sylvester), by Gaussian elimination without pivoting.
        var a = m
        for k in 0..<4 {
            #expect(a[k * 4 + k] > 0, "pivot \(k)")
            for i in (k + 1)..<4 {
                let factor = a[i * 4 + k] / a[k * 4 + k]
                for j in k..<4 { a[i * 4 + j] -= factor * a[k * 4 + j] }
            }
        }
    }

    @Test func pairWithoutPositiveCurvatureIsSkipped() {
        let secant = Secant(step: [1, 0, 0, 0], gradientChange: [-1, 0, 0, 0])
        var m = Self.matrix
        m.withUnsafeMutableBufferPointer { secant.update($0, order: 4) }
        #expect(m == Self.matrix)
    }
}
