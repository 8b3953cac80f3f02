import ArgumentParser

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model on a data file and save it.",
        discussion: """
            Example:
              mlfit train linear-regression --data Datasets/diabetes.csv --label target --model diabetes.json
              mlfit train logistic-regression --data Datasets/iris.csv --label species --model iris.json
              mlfit train decision-tree-classifier --data Datasets/iris.csv --label species --model tree.json
              mlfit train kmeans --data points.csv --k 8 --model clusters.json
            """,
        subcommands: [
            TrainLinearRegression.self, TrainLogisticRegression.self, TrainDecisionTreeClassifier.self,
            TrainDecisionTreeRegressor.self, TrainKMeans.self,
        ])
}
