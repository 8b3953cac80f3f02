/// Evaluation metrics of a classifier, with optional row weights, as scikit-learn's
/// `accuracy_score`, `log_loss`, `precision_recall_fscore_support`, `confusion_matrix`,
/// `roc_auc_score` and `average_precision_score` define them (each with `sample_weight`), named
/// as Spark's evaluators name them. See docs/cli.md, `mlfit evaluate`, for each formula.
public struct ClassificationMetrics: Sendable, Hashable {
    /// Precision, recall and F1 of one class, and its support (the weight of its true rows).
    public struct ClassMetrics: Sendable, Hashable, Codable {
        /// `TP / (TP + FP)`, 0 when the class is never predicted.
        public var precision: Double
        /// `TP / (TP + FN)`, 0 when the class never occurs.
        public var recall: Double
        /// `2 TP / (2 TP + FP + FN)`, 0 when the class neither occurs nor is predicted.
        public var f1: Double
        /// The weight of the rows of this true class.
        public var support: Double

        public init(precision: Double, recall: Double, f1: Double, support: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = f1
            self.support = support
        }
    }

    /// Rows evaluated, weight 0 included.
    public var rows: Int
    /// `Σ wᵢ`.
    public var weightSum: Double
    /// `Σ wᵢ [ŷᵢ = yᵢ] / Σ wᵢ`.
    public var accuracy: Double
    /// `Σ wᵢ · −log(clip(pᵢ,yᵢ, ε, 1 − ε)) / Σ wᵢ`, ε the float64 machine epsilon; NaN without
    /// probabilities.
    public var logLoss: Double
    /// The per-class precisions, weighted by support.
    public var weightedPrecision: Double
    /// The per-class recalls, weighted by support (equal to ``accuracy``).
    public var weightedRecall: Double
    /// The per-class F1 scores, weighted by support (Spark's `f1`).
    public var f1: Double
    /// Two classes only (`nil` otherwise): the area under the ROC curve of the probability of
    /// class 1, trapezoidal over distinct-score thresholds; NaN without probabilities or
    /// without both classes.
    public var areaUnderROC: Double?
    /// Two classes only (`nil` otherwise): the average precision, `Σ (Rₙ − Rₙ₋₁) Pₙ` over
    /// distinct-score thresholds (scikit-learn's step interpolation, not Spark's trapezoids);
    /// NaN without probabilities or without positive rows.
    public var areaUnderPR: Double?
    /// The class names, in code order.
    public var labels: [String]
    /// `K × K` weight sums, `confusionMatrix[true][predicted]`.
    public var confusionMatrix: [[Double]]
    /// One entry per class, in the order of ``labels``.
    public var perClass: [ClassMetrics]

    public init(
        rows: Int, weightSum: Double, accuracy: Double, logLoss: Double, weightedPrecision: Double,
        weightedRecall: Double, f1: Double, areaUnderROC: Double?, areaUnderPR: Double?,
        labels: [String], confusionMatrix: [[Double]], perClass: [ClassMetrics]
    ) {
        self.rows = rows
        self.weightSum = weightSum
        self.accuracy = accuracy
        self.logLoss = logLoss
        self.weightedPrecision = weightedPrecision
        self.weightedRecall = weightedRecall
        self.f1 = f1
        self.areaUnderROC = areaUnderROC
        self.areaUnderPR = areaUnderPR
        self.labels = labels
        self.confusionMatrix = confusionMatrix
        self.perClass = perClass
    }
}
