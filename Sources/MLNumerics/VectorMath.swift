import CVectorMath

/// `eˣ` and `log x` over arrays of doubles: four at a time through glibc's vector math
/// library where the processor has AVX2 (about 2 ns a value against libm's 7 on the machines
/// the benchmarks run on), one at a time through libm elsewhere.
///
/// The four-wide functions are accurate to 4 units in the last place (glibc's bound; within
/// 3 of libm's in our tests), libm's to 1. Every value goes through the same function
/// wherever it sits in the array, so results do not depend on how rows are split into
/// chunks and windows.
public enum VectorMath {
    /// `values[i] ← e^values[i]`.
    public static func exp(_ values: UnsafeMutableBufferPointer<Double>) {
        guard let base = values.baseAddress else { return }
        mlfit_vector_exp(base, values.count)
    }

    /// `values[i] ← log(values[i])`.
    public static func log(_ values: UnsafeMutableBufferPointer<Double>) {
        guard let base = values.baseAddress else { return }
        mlfit_vector_log(base, values.count)
    }

    /// Whether the four-wide functions are in use on this processor.
    public static var isVectorized: Bool { mlfit_vector_math_is_vectorized() != 0 }
}
