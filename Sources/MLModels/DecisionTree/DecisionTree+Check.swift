extension DecisionTree {
    /// Checks nodes read from a model file, so that routing and printing can trust them:
    /// at least one node; every split's feature a feature, its threshold finite (continuous
    /// features) or its left categories increasing codes of the feature's levels (categorical
    /// ones), its gain finite and ≥ 0, its children later nodes; every node but the root the
    /// child of exactly one split (so the nodes form one tree, without cycles); depth at most
    /// 30; counts ≥ 0, weights and impurities finite and ≥ 0; for a classifier `K` finite
    /// class weights ≥ 0 and a class code as prediction, for a regressor a finite prediction.
    static func check(
        _ nodes: [DecisionTreeNode], arities: [Int?], classCount: Int, _ check: ModelFileChecker
    ) throws(ModelFileError) {
        try check.require(!nodes.isEmpty, "model.nodes is empty")
        var parents = [Int](repeating: 0, count: nodes.count)
        for (i, node) in nodes.enumerated() {
            let key = "model.nodes[\(i)]"
            try check.count(node.count, "\(key).count")
            try check.require(node.weight.isFinite && node.weight >= 0, "\(key).weight is not a finite number ≥ 0")
            try check.require(node.impurity.isFinite && node.impurity >= 0, "\(key).impurity is not a finite number ≥ 0")
            try check.finite(node.prediction, "\(key).prediction")
            if classCount > 0 {
                guard let weights = node.classWeights else {
                    throw ModelFileError.corrupt(path: check.path, reason: "missing \(key).classWeights")
                }
                try check.require(weights.count == classCount, "\(key).classWeights has \(weights.count) entries for \(classCount) classes")
                try check.require(weights.allSatisfy { $0.isFinite && $0 >= 0 }, "\(key).classWeights holds a value that is not a finite number ≥ 0")
                try check.require(
                    Int(exactly: node.prediction).map { (0..<classCount).contains($0) } ?? false,
                    "\(key).prediction is not a class code in 0..<\(classCount)")
            }
            guard let split = node.split else { continue }
            try check.require((0..<arities.count).contains(split.feature), "\(key).split.feature is not a feature index")
            try check.require(split.gain.isFinite && split.gain >= 0, "\(key).split.gain is not a finite number ≥ 0")
            if let arity = arities[split.feature] {
                guard let left = split.leftCategories, split.threshold == nil else {
                    throw ModelFileError.corrupt(
                        path: check.path, reason: "\(key).split is on a categorical feature and needs leftCategories only")
                }
                try check.require(
                    left.allSatisfy { (0..<arity).contains($0) } && zip(left, left.dropFirst()).allSatisfy { $0 < $1 },
                    "\(key).split.leftCategories are not increasing codes in 0..<\(arity)")
            } else {
                guard let threshold = split.threshold, split.leftCategories == nil else {
                    throw ModelFileError.corrupt(
                        path: check.path, reason: "\(key).split is on a continuous feature and needs a threshold only")
                }
                try check.finite(threshold, "\(key).split.threshold")
            }
            for child in [split.left, split.right] {
                try check.require(child > i && child < nodes.count, "\(key).split names child \(child), which is not a later node")
                parents[child] += 1
            }
            try check.require(split.left != split.right, "\(key).split names one child twice")
        }
        try check.require(parents[0] == 0 && parents.dropFirst().allSatisfy { $0 == 1 },
                          "model.nodes do not form one tree: a node is the child of no split or of several")
        let tree = DecisionTree(nodes: nodes, arities: arities)
        try check.require(
            tree.depth <= TreeGrowthParameters.maxDepthLimit,
            "the tree is \(tree.depth) levels deep; at most \(TreeGrowthParameters.maxDepthLimit)")
    }
}
