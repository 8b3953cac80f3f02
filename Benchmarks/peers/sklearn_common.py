"""What every scikit-learn peer does before it imports numpy: fix the thread counts of BLAS,
OpenMP and oneDAL, and (with scikit-learn-intelex) patch scikit-learn, keeping sklearnex's log
messages so that the result line can say whether oneDAL ran the fit. Imports no numpy."""
import logging
import os


def prepare(threads, intelex=False):
    """Sets the thread counts and, when `intelex`, patches scikit-learn; returns the list that
    sklearnex's log messages are appended to (empty without intelex)."""
    # Thread counts must be set before numpy's BLAS and oneDAL start.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    messages = []
    if intelex:
        class _Capture(logging.Handler):
            def emit(self, record):
                messages.append(record.getMessage())

        logger = logging.getLogger("sklearnex")
        logger.setLevel(logging.INFO)
        logger.addHandler(_Capture())
        from sklearnex import patch_sklearn

        patch_sklearn(verbose=False)
    return messages
