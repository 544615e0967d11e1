/* hf-patterns.h: sets of binary patterns and operations on single states.
 *
 * Convention: inside the engine a neuron's state is +1 (on, drawn, black)
 * or -1 (off, background, white), stored as int8_t. The paper's 0/1 states
 * are x = (s + 1) / 2; see docs/conventions.md for the energy mapping.
 * A pattern is row-major over its grid: neuron i = y * width + x.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "hf-error.h"

typedef struct
{
  size_t m;     /* number of patterns */
  size_t n;     /* neurons per pattern = width * height */
  size_t width; /* grid shape, for display */
  size_t height;
  size_t capacity; /* patterns allocated */
  int8_t *data;    /* m * n values, each +1 or -1 */
} HfPatterns;

HfPatterns *hf_patterns_new (size_t width, size_t height, HfError *err);
HfPatterns *hf_patterns_copy (const HfPatterns *src, HfError *err);
void hf_patterns_free (HfPatterns *set);

static inline const int8_t *
hf_patterns_get (const HfPatterns *set, size_t k)
{
  return set->data + k * set->n;
}

static inline int8_t *
hf_patterns_row (HfPatterns *set, size_t k)
{
  return set->data + k * set->n;
}

HfStatus hf_patterns_append (HfPatterns *set, const int8_t *x, HfError *err);
HfStatus hf_patterns_insert (HfPatterns *set, size_t at, const int8_t *x, HfError *err);
HfStatus hf_patterns_remove (HfPatterns *set, size_t k);
HfStatus hf_patterns_move (HfPatterns *set, size_t from, size_t to);
void hf_patterns_clear (HfPatterns *set);
HfStatus hf_patterns_add_random (HfPatterns *set, size_t count, double p_on, gsl_rng *rng,
                                 HfError *err);
/* Index of the first pattern equal to x, or -1. */
long hf_patterns_find (const HfPatterns *set, const int8_t *x);

/* Single states. */
HfStatus hf_state_flip_k (int8_t *s, size_t n, size_t k, gsl_rng *rng, HfError *err);
HfStatus hf_state_flip_fraction (int8_t *s, size_t n, double fraction, gsl_rng *rng,
                                 HfError *err);
/* Flips each bit independently with probability p (a binomial count). */
HfStatus hf_state_flip_bernoulli (int8_t *s, size_t n, double p, gsl_rng *rng,
                                  HfError *err);
HfStatus hf_state_occlude (int8_t *s, size_t width, size_t height, size_t x0, size_t y0,
                           size_t w, size_t h, int8_t value, HfError *err);
void hf_state_random (int8_t *s, size_t n, double p_on, gsl_rng *rng);
void hf_state_invert (int8_t *s, size_t n);
double hf_overlap (const int8_t *a, const int8_t *b, size_t n);
size_t hf_hamming (const int8_t *a, const int8_t *b, size_t n);
/* Overlaps m_mu = (1/n) sum_i xi_i^mu s_i with every pattern of the set. */
void hf_patterns_overlaps (const HfPatterns *set, const int8_t *s, double *out);
