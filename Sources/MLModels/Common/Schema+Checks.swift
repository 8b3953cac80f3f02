import MLData

extension Schema {
    /// Throws ``ModelError/categoricalFeature(feature:algorithm:)`` for the first categorical
    /// feature: for algorithms whose math needs numbers (`algorithm` as the message names it,
    /// "linear regression").
    func requireNumericFeatures(algorithm: String) throws(ModelError) {
        if let feature = categoricalFeatures.first {
            throw ModelError.categoricalFeature(feature: feature.name, algorithm: algorithm)
        }
    }
}
