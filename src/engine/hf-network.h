/* hf-network.h: a Hopfield network H = (J, theta) on n neurons.
 *
 * Model (+-1 form): E(s) = -1/2 s^T J s + theta^T s, local field
 * h = J s - theta, and a neuron is stable when s_i h_i > 0 (strictly) or
 * h_i = 0 and the tie rule picks s_i. J is symmetric with a zero diagonal,
 * float32, row-major and contiguous so that CBLAS can use it directly.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hf-error.h"
#include "hf-patterns.h"

/* What a neuron whose field is exactly zero becomes. The paper's
 * Heaviside has H(0) = 0, i.e. the neuron turns off (-1): the default. */
typedef enum
{
  HF_TIE_OFF = 0,
  HF_TIE_ON,
  HF_TIE_KEEP,
} HfTieRule;

typedef struct
{
  char rule[32];     /* short name of the rule that trained it */
  size_t patterns;   /* patterns it was trained on */
  size_t stored;     /* of those, how many are fixed points */
  size_t iterations; /* rule iterations or epochs */
  double objective;  /* final objective (MPF) or errors left */
  double seconds;    /* wall time of training */
} HfTrainSummary;

typedef struct
{
  size_t n, width, height;
  float *J;     /* n * n */
  float *theta; /* n */
  HfTrainSummary summary;
} HfNetwork;

/* Bytes a network of n neurons needs, to be checked before allocating. */
size_t hf_network_bytes (size_t n);
HfNetwork *hf_network_new (size_t width, size_t height, HfError *err);
HfStatus hf_network_assign (HfNetwork *dst, const HfNetwork *src, HfError *err);
void hf_network_free (HfNetwork *net);
void hf_network_clear (HfNetwork *net);

/* Forces J symmetric (average of J and J^T) with a zero diagonal. */
void hf_network_symmetrize (HfNetwork *net);
/* Largest |J_ij - J_ji| and largest |J_ii|: 0 for a valid network. */
double hf_network_asymmetry (const HfNetwork *net);
/* True when every weight and threshold is finite. */
bool hf_network_finite (const HfNetwork *net);

static inline int8_t
hf_decide (float h, int8_t current, HfTieRule tie)
{
  if (h > 0.0f)
    return 1;
  if (h < 0.0f)
    return -1;
  return tie == HF_TIE_ON ? 1 : tie == HF_TIE_OFF ? -1 : current;
}

/* h = J s - theta, with s given as float +-1 (BLAS sgemv). */
void hf_network_fields_f (const HfNetwork *net, const float *s, float *h);
/* Energy of s (int8), computed in double from the fields; scratch holds
 * 2n floats or is NULL to allocate. */
double hf_network_energy (const HfNetwork *net, const int8_t *s, float *scratch);
/* Energy from a state and its fields: E = -1/2 s.h + 1/2 theta.s */
double hf_network_energy_from_fields (const HfNetwork *net, const int8_t *s,
                                      const float *h);
/* True when s is a fixed point of the deterministic update. */
bool hf_network_is_fixed_point (const HfNetwork *net, const int8_t *s, HfTieRule tie,
                                float *scratch);
/* Smallest s_i h_i over neurons: > 0 means s is a strict local minimum. */
double hf_network_min_stability (const HfNetwork *net, const int8_t *s, float *scratch);
/* Number of patterns of the set that are fixed points; with every pattern
 * evaluated in one SGEMM. If stable_bits is non-NULL it receives the
 * number of stable bits summed over all patterns. */
HfStatus hf_network_count_fixed (const HfNetwork *net, const HfPatterns *set,
                                 HfTieRule tie, size_t *fixed, size_t *stable_bits,
                                 HfError *err);
