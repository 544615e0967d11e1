/* hf-blas.h: the one place the engine gets its CBLAS declarations.
 *
 * GSL's headers (linalg, multimin, randist) declare the CBLAS interface
 * themselves and clash with OpenBLAS's cblas.h in the same file, so the
 * engine uses GSL's declarations everywhere. The symbols are standard:
 * the build links OpenBLAS and never GSL's reference gslcblas, so every
 * cblas_* call below runs OpenBLAS's optimised kernels. */
#pragma once

#include <gsl/gsl_cblas.h>

/* From OpenBLAS (not part of CBLAS): used to report which library runs. */
char *openblas_get_config (void);
int openblas_get_num_threads (void);
void openblas_set_num_threads (int num_threads);
