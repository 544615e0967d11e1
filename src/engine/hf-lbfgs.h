/* hf-lbfgs.h: limited-memory BFGS as a state you step.
 *
 * Each hf_lbfgs_iterate() performs one line search satisfying the strong
 * Wolfe conditions and one two-loop-recursion direction update, so a
 * caller can report progress, draw or stop between iterations (GSL's
 * multimin shape, which liblbfgs's single blocking call does not offer).
 *
 * hf_lbfgs_x() is the accepted point: the start, then the point of the
 * last successful line search. A line search evaluates trial points that
 * it may reject; whenever hf_lbfgs_set() or hf_lbfgs_iterate() returns
 * HF_OK or HF_DONE, the last call of fdf was at hf_lbfgs_x() (evaluating
 * there again if need be), so a caller may read by-products of that call
 * (MPF's stability counts) as describing the accepted point. After an
 * error status the last evaluation may be anywhere; x is still the last
 * accepted point.
 */
#pragma once

#include <stddef.h>

#include "hf-error.h"

/* Evaluates f and its gradient at x. May return HF_ECANCELLED. */
typedef HfStatus (*HfFdf) (const double *x, double *f, double *g, void *user);

typedef struct HfLbfgs HfLbfgs;

HfLbfgs *hf_lbfgs_new (size_t dim, size_t memory, HfError *err);
void hf_lbfgs_free (HfLbfgs *s);
HfStatus hf_lbfgs_set (HfLbfgs *s, const double *x0, HfFdf fdf, void *user, HfError *err);
/* HF_OK after an improving step; HF_DONE when no step decreases f any
 * more (converged to rounding); an error status otherwise. */
HfStatus hf_lbfgs_iterate (HfLbfgs *s, HfError *err);
const double *hf_lbfgs_x (const HfLbfgs *s);
double hf_lbfgs_f (const HfLbfgs *s);
double hf_lbfgs_gnorm_inf (const HfLbfgs *s);
