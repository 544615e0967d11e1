/* hf-train-private.h: what the rule implementations share. */
#pragma once

#include <gsl/gsl_rng.h>

#include "hf-train.h"

typedef struct
{
  HfStatus (*start) (HfTrainer *t, HfError *err);
  HfStatus (*iterate) (HfTrainer *t, HfError *err);
  void (*free) (HfTrainer *t);
} HfRuleVtable;

struct HfTrainer
{
  HfRule rule;
  const HfRuleVtable *vt;
  HfNetwork *net;
  const HfPatterns *D;
  HfTrainOptions opts;
  HfTrainProgress progress;
  gsl_rng *rng;
  double t0;
  void *state; /* the rule's own */
  const atomic_int *cancel;
};

extern const HfRuleVtable hf_rule_hebbian_vt, hf_rule_opr01_vt, hf_rule_storkey_vt,
    hf_rule_pinv_vt, hf_rule_perceptron_vt, hf_rule_mpf_vt, hf_rule_mpf_online_vt;

/* Patterns as a float m x n matrix of +-1, allocated. */
float *hf_patterns_to_float (const HfPatterns *D);
/* Copies the upper triangle onto the lower one, zeroes the diagonal. */
void hf_mirror_upper (float *J, size_t n);
double hf_now (void);
