/// Written by hand so that numbers that are not finite (a standard error with no degrees of
/// freedom, say) become JSON `null` and read back as NaN.
extension LinearRegressionSummary {
    enum CodingKeys: String, CodingKey {
        case rowCount, positiveWeightRowCount, weightSum, degreesOfFreedom, residualSumOfSquares
        case meanSquaredError, rootMeanSquaredError, residualStandardError, rSquared
        case adjustedRSquared, explainedVariance, fStatistic, fPValue
        case coefficientStandardErrors, tValues, pValues
        case interceptStandardError, interceptTValue, interceptPValue
        case constantFeatures, solver, iterations, refinementPasses, converged, objective
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rowCount, forKey: .rowCount)
        try c.encode(positiveWeightRowCount, forKey: .positiveWeightRowCount)
        try c.encodeNumber(weightSum, forKey: .weightSum)
        try c.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
        try c.encodeNumber(residualSumOfSquares, forKey: .residualSumOfSquares)
        try c.encodeNumber(meanSquaredError, forKey: .meanSquaredError)
        try c.encodeNumber(rootMeanSquaredError, forKey: .rootMeanSquaredError)
        try c.encodeNumber(residualStandardError, forKey: .residualStandardError)
        try c.encodeNumber(rSquared, forKey: .rSquared)
        try c.encodeNumber(adjustedRSquared, forKey: .adjustedRSquared)
        try c.encodeNumber(explainedVariance, forKey: .explainedVariance)
        try c.encodeNumber(fStatistic, forKey: .fStatistic)
        try c.encodeNumber(fPValue, forKey: .fPValue)
        try c.encodeNumbers(coefficientStandardErrors, forKey: .coefficientStandardErrors)
        try c.encodeNumbers(tValues, forKey: .tValues)
        try c.encodeNumbers(pValues, forKey: .pValues)
        try c.encodeNumber(interceptStandardError, forKey: .interceptStandardError)
        try c.encodeNumber(interceptTValue, forKey: .interceptTValue)
        try c.encodeNumber(interceptPValue, forKey: .interceptPValue)
        try c.encode(constantFeatures, forKey: .constantFeatures)
        try c.encode(solver, forKey: .solver)
        try c.encodeIfPresent(iterations, forKey: .iterations)
        try c.encode(refinementPasses, forKey: .refinementPasses)
        try c.encode(converged, forKey: .converged)
        try c.encodeNumber(objective, forKey: .objective)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rowCount = try c.decode(Int.self, forKey: .rowCount)
        positiveWeightRowCount = try c.decode(Int.self, forKey: .positiveWeightRowCount)
        weightSum = try c.decodeNumber(forKey: .weightSum)
        degreesOfFreedom = try c.decode(Int.self, forKey: .degreesOfFreedom)
        residualSumOfSquares = try c.decodeNumber(forKey: .residualSumOfSquares)
        meanSquaredError = try c.decodeNumber(forKey: .meanSquaredError)
        rootMeanSquaredError = try c.decodeNumber(forKey: .rootMeanSquaredError)
        residualStandardError = try c.decodeNumber(forKey: .residualStandardError)
        rSquared = try c.decodeNumber(forKey: .rSquared)
        adjustedRSquared = try c.decodeNumber(forKey: .adjustedRSquared)
        explainedVariance = try c.decodeNumber(forKey: .explainedVariance)
        fStatistic = try c.decodeOptionalNumber(forKey: .fStatistic)
        fPValue = try c.decodeOptionalNumber(forKey: .fPValue)
        coefficientStandardErrors = try c.decodeNumbers(forKey: .coefficientStandardErrors)
        tValues = try c.decodeNumbers(forKey: .tValues)
        pValues = try c.decodeNumbers(forKey: .pValues)
        interceptStandardError = try c.decodeOptionalNumber(forKey: .interceptStandardError)
        interceptTValue = try c.decodeOptionalNumber(forKey: .interceptTValue)
        interceptPValue = try c.decodeOptionalNumber(forKey: .interceptPValue)
        constantFeatures = try c.decodeIfPresent([String].self, forKey: .constantFeatures) ?? []
        solver = try c.decodeIfPresent(Method.self, forKey: .solver) ?? .unknown
        iterations = try c.decodeIfPresent(Int.self, forKey: .iterations)
        refinementPasses = try c.decodeIfPresent(Int.self, forKey: .refinementPasses) ?? 0
        converged = try c.decodeIfPresent(Bool.self, forKey: .converged) ?? true
        objective = try c.decodeNumber(forKey: .objective)
    }
}
