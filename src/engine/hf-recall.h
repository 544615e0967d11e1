/* hf-recall.h: a recall session, stepped like a GSL iteration.
 *
 * The session keeps the state s, the local fields h = J s - theta and the
 * energy up to date incrementally: flipping s_i adds 2 s_i' J[i,:] to h
 * (one saxpy, O(n)) and 2 s_i h_i to E, so a step costs O(1) when nothing
 * flips and O(n) when it does. Every random choice comes from the
 * session's own generator, seeded by the caller.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hf-network.h"

typedef enum
{
  HF_UPDATE_SEQUENTIAL = 0, /* asynchronous, i = 0, 1, ..., n-1 (the paper) */
  HF_UPDATE_RANDOM,         /* asynchronous, a fresh random permutation per sweep */
  HF_UPDATE_SYNC,           /* all neurons at once from the same fields */
  HF_UPDATE_STOCHASTIC,     /* asynchronous random order, Glauber at temperature T */
  HF_UPDATE_COUNT
} HfUpdateMode;

typedef enum
{
  HF_OUTCOME_NOT_CONVERGED = 0, /* not (yet) at a fixed point or cycle */
  HF_OUTCOME_PATTERN,           /* a fixed point equal to stored pattern k */
  HF_OUTCOME_INVERSE,           /* a fixed point equal to -pattern k */
  HF_OUTCOME_SPURIOUS,          /* a fixed point that is neither */
  HF_OUTCOME_CYCLE,             /* synchronous dynamics alternate between two states */
} HfOutcomeKind;

typedef struct
{
  HfOutcomeKind kind;
  long pattern;   /* pattern k (PATTERN, INVERSE) or the nearest one, -1 if none */
  double overlap; /* overlap with that pattern */
  size_t period;  /* 2 for a CYCLE */
} HfOutcome;

/* What one step did. For a synchronous step neuron is SIZE_MAX and
 * flips counts the neurons that changed. */
typedef struct
{
  size_t neuron;
  int8_t old_value, new_value;
  bool flipped;
  size_t flips;
  float field;       /* h_i before the update */
  float threshold;   /* theta_i */
  double flip_delta; /* energy change a flip would cause, 2 s_i h_i */
  double energy;     /* energy after the step */
} HfEvent;

typedef struct HfRecall HfRecall;

HfRecall *hf_recall_new (const HfNetwork *net, HfError *err);
void hf_recall_free (HfRecall *r);

HfStatus hf_recall_set_state (HfRecall *r, const int8_t *s, HfError *err);
void hf_recall_set_mode (HfRecall *r, HfUpdateMode mode);
HfStatus hf_recall_set_temperature (HfRecall *r, double T, HfError *err);
void hf_recall_set_tie (HfRecall *r, HfTieRule tie);
void hf_recall_set_seed (HfRecall *r, unsigned long seed);
/* Clamped neurons (mask[i] != 0) keep their value; NULL clamps none.
 * HF_ENOMEM (the previous clamp kept) when the mask cannot be copied. */
HfStatus hf_recall_set_clamp (HfRecall *r, const uint8_t *mask, HfError *err);

HfUpdateMode hf_recall_mode (const HfRecall *r);
double hf_recall_temperature (const HfRecall *r);
const int8_t *hf_recall_state (const HfRecall *r);
const float *hf_recall_fields (const HfRecall *r);
double hf_recall_energy (const HfRecall *r);
size_t hf_recall_n (const HfRecall *r);
size_t hf_recall_steps (const HfRecall *r);
size_t hf_recall_sweeps (const HfRecall *r);
size_t hf_recall_flips (const HfRecall *r);
/* The neuron the next asynchronous step will visit. */
size_t hf_recall_next_neuron (const HfRecall *r);
/* Deterministic fixed point reached (async) or no change (sync). */
bool hf_recall_converged (const HfRecall *r);
bool hf_recall_in_cycle (const HfRecall *r);

/* One neuron (asynchronous modes) or one whole update (sync); cannot fail. */
void hf_recall_step (HfRecall *r, HfEvent *event);
/* n asynchronous steps, or one synchronous update; cannot fail. */
void hf_recall_sweep (HfRecall *r, size_t *flips);
/* Sweeps until a fixed point, a cycle, or max_sweeps. Returns HF_OK when
 * it stopped at a fixed point or cycle, HF_DONE when the budget ran out. */
HfStatus hf_recall_run (HfRecall *r, size_t max_sweeps);
/* Recomputes fields and energy from scratch (to bound float drift). */
void hf_recall_refresh (HfRecall *r);
/* Names what the current state is, against the stored patterns. */
HfOutcome hf_recall_classify (const HfRecall *r, const HfPatterns *stored);
/* Takes single steps (a clamped neuron's visit counts as a step that
 * changes nothing) until exactly `steps` steps have been taken since the
 * last reset; the last step's event goes to *last when given. Returns false
 * if the recall cannot move that far (every neuron clamped) or is past it. */
bool hf_recall_advance_to (HfRecall *r, size_t steps, HfEvent *last);

/* A snapshot of everything that decides what a recall does next: state,
 * fields, energy, counters, settings, visiting order and the generator's
 * state. Restoring it into the same session (same network) makes the
 * session repeat, bit for bit, what it did after the snapshot was taken. */
typedef struct HfRecallSnapshot HfRecallSnapshot;
HfRecallSnapshot *hf_recall_snapshot (const HfRecall *r, HfError *err);
HfStatus hf_recall_restore (HfRecall *r, const HfRecallSnapshot *snap, HfError *err);
void hf_recall_snapshot_free (HfRecallSnapshot *snap);
size_t hf_recall_snapshot_steps (const HfRecallSnapshot *snap);
/* Memory the snapshot holds, in bytes. */
size_t hf_recall_snapshot_bytes (const HfRecallSnapshot *snap);

const char *hf_update_mode_name (HfUpdateMode mode);
bool hf_update_mode_from_name (const char *name, HfUpdateMode *mode);
const char *hf_outcome_kind_name (HfOutcomeKind kind);
