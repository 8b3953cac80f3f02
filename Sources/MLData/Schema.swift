/// The columns a source provides: feature names in order, and the label and weight columns.
public struct Schema: Sendable, Hashable, Codable {
    public var featureNames: [String]
    public var labelName: String?
    public var weightName: String?

    public init(featureNames: [String], labelName: String? = nil, weightName: String? = nil) {
        self.featureNames = featureNames
        self.labelName = labelName
        self.weightName = weightName
    }

    public var featureCount: Int { featureNames.count }
}
