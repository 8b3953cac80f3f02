import MLFit

/// Which columns of the input a command reads, and how: what ``DataOptions/open(_:execution:)``
/// turns into reader options.
struct ColumnRoles {
    var label: String?
    var weight: String?
    /// `nil`: every column other than the label and the weight.
    var features: [String]?
    /// Columns read as categorical text.
    var categorical: Set<String> = []
    /// Fixed levels (a model's), by column: a value outside them is an error. Every column
    /// named here is also in ``categorical``.
    var levels: [String: [String]] = [:]

    /// The columns a saved model reads: its features, by name, its categorical features with
    /// their levels, and — when `label` is given — the label, with the model's classes as its
    /// levels for a classifier.
    init(model schema: Schema, label: String? = nil, weight: String? = nil) {
        self.label = label
        self.weight = weight
        features = schema.featureNames
        for (name, levels) in schema.categoricalFeatures {
            categorical.insert(name)
            self.levels[name] = levels
        }
        if let label, let classes = schema.classes {
            categorical.insert(label)
            levels[label] = classes
        }
    }

    init(label: String?, weight: String?, features: [String]?, categorical: Set<String>) {
        self.label = label
        self.weight = weight
        self.features = features
        self.categorical = categorical
    }
}
