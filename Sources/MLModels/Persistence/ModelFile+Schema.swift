import MLData

extension ModelFile {
    /// The schema the envelope describes, after checking it: feature names distinct, every
    /// key of `categoricalFeatures` a feature, every list of levels or classes non-empty and
    /// without repeats. Absent `categoricalFeatures` and `classes` mean numeric columns.
    public func schema(path: String) throws(ModelFileError) -> Schema {
        let check = ModelFileChecker(path: path)
        try check.require(Set(features).count == features.count, "features repeats a name")
        let levels = categoricalFeatures ?? [:]
        try check.featureSubset(levels.keys.sorted(), "categoricalFeatures", of: features)
        for (name, values) in levels.sorted(by: { $0.key < $1.key }) {
            try Self.checkLevels(values, "categoricalFeatures.\(name)", check)
        }
        if let classes { try Self.checkLevels(classes, "classes", check) }
        return Schema(
            featureNames: features, labelName: label, weightName: weightCol,
            featureKinds: features.map { name in levels[name].map { .categorical(levels: $0) } ?? .numeric },
            labelKind: classes.map { .categorical(levels: $0) } ?? .numeric)
    }

    private static func checkLevels(_ values: [String], _ key: String, _ check: ModelFileChecker) throws(ModelFileError) {
        try check.require(!values.isEmpty, "\(key) lists no levels")
        try check.require(Set(values).count == values.count, "\(key) repeats a level")
    }
}
