/* hf-landscape.h: the energy landscape of a network (issue 9).
 *
 * Four tools, each shaped like the rest of the engine (alloc / iterate with
 * progress and a cancel flag / results / free); definitions in
 * docs/landscape.md:
 *
 *   HfLandscape     every one of the 2^n states of a small network (n <= 25):
 *                   energies, attractors with basins and kinds, barrier tree;
 *   HfOverlapPlane  energy and flow over the overlaps (m_a, m_b) with two
 *                   stored patterns, by seeded sampling, for any n;
 *   HfBasinRadius   per stored pattern, the largest number of flipped bits
 *                   recall still repairs in a given share of seeded trials;
 *   hf_stability, hf_pattern_margins: s_i h_i per neuron, min_i xi_i h_i.
 *
 * States of the exhaustive map are numbered: state index x has neuron i on
 * (+1) when bit i of x is set. As text a state is a string of '0'/'1', one
 * character per neuron, neuron 0 first.
 *
 * Usage:
 *
 *   HfLandscapeOptions o;
 *   hf_landscape_options_init (&o);
 *   HfLandscape *ls = hf_landscape_new (net, patterns, &o, &err);
 *   hf_landscape_set_cancel_flag (ls, &cancel);      // optional
 *   while ((st = hf_landscape_iterate (ls, &err)) == HF_OK)
 *     show (hf_landscape_progress (ls));             // in [0, 1]
 *   if (st == HF_DONE) ... read the results ...
 *   hf_landscape_free (ls);
 *
 * The objects keep pointers to net and patterns: keep both alive and
 * unchanged until the object is freed. No function here prints, aborts or
 * touches a global generator; iterate may run worker threads internally and
 * returns only when they have finished.
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hf-error.h"
#include "hf-network.h"
#include "hf-patterns.h"
#include "hf-recall.h"

/* ------------------------------------------------------------------ */
/* Exhaustive map                                                     */
/* ------------------------------------------------------------------ */

#define HF_LANDSCAPE_MAX_N 25

typedef enum
{
  HF_LANDSCAPE_ASYNC = 0, /* deterministic asynchronous sweeps, neuron 0..n-1 */
  HF_LANDSCAPE_SYNC,      /* all neurons at once: 2-cycles are attractors too */
} HfLandscapeDynamics;

typedef struct
{
  HfLandscapeDynamics dynamics;
  /* What h_i = 0 does (default HF_TIE_OFF). The map computes in double
   * from the float weights; a field with |h_i| <= 1e-6 (sum_j |J_ij| +
   * |theta_i|) counts as zero, so that ties of ideal arithmetic (Hebbian
   * weights k/n rounded to float) stay ties. */
  HfTieRule tie;
  /* Energies within level_tolerance * scale of a level's lowest energy form
   * one level (one step of the barrier tree), scale = max over states of
   * |E(s)|. Sorted energies are cut greedily: a level starts at the lowest
   * energy not yet in a level and takes every energy <= start + tolerance.
   * Default 1e-6: far above float rounding, far below real differences. */
  double level_tolerance;
  unsigned threads; /* worker threads; 0 = the number of online CPUs */
} HfLandscapeOptions;

void hf_landscape_options_init (HfLandscapeOptions *opts);

/* An attractor of the dynamics: a fixed point (period 1) or, with
 * synchronous dynamics, a cycle (period 2). */
typedef struct
{
  uint32_t state;     /* fixed point; for a cycle its lowest-numbered state */
  uint32_t partner;   /* the other state of a 2-cycle; == state for a fixed point */
  size_t period;      /* 1 or 2 */
  float energy;       /* E(state) (a cycle: the lower energy of its states) */
  uint64_t basin;     /* start states whose dynamics end here (the cycle's own
                       states included); basins sum to 2^n */
  HfOutcomeKind kind; /* HF_OUTCOME_PATTERN, _INVERSE, _SPURIOUS or _CYCLE */
  long pattern;       /* k for PATTERN / INVERSE, else -1 */
  long minimum;       /* tree minimum whose branch holds `state`, see
                         hf_landscape_minimum_of */
} HfAttractor;

/* A leaf of the barrier tree: a component made only of states of one level
 * when that level was added (a single-flip minimum or a plateau of them). */
typedef struct
{
  uint32_t state;     /* its lowest-energy state (ties: lowest number) */
  float energy;       /* E(state) */
  uint64_t states;    /* states of the plateau (1 for a strict minimum) */
  long attractor;     /* the dynamics attractor with the largest basin among
                        those whose state lies in the plateau, -1 if none */
  uint64_t basin;     /* summed basins of the attractors in the plateau */
  HfOutcomeKind kind; /* of `attractor` (SPURIOUS when there is none) */
  long pattern;       /* of `attractor` */
} HfTreeMinimum;

/* A merge: at energy `barrier` the component whose deepest minimum is
 * `minimum` joins the one whose deepest minimum is `joins` (always a deeper,
 * i.e. lower-numbered, minimum). A level joining k components records k-1
 * merges, all into the deepest of them, in increasing `minimum` order. */
typedef struct
{
  size_t minimum;  /* index into the minima */
  size_t joins;    /* index into the minima, < minimum */
  float barrier;   /* the level's lowest energy */
  uint32_t saddle; /* a state of that level, one flip from the absorbed side */
} HfTreeMerge;

typedef struct HfLandscape HfLandscape;

/* patterns may be NULL (every attractor is then SPURIOUS or CYCLE). Fails
 * with HF_ERANGE when n > HF_LANDSCAPE_MAX_N, HF_EINVAL when the patterns'
 * size differs from the network's, HF_ENOMEM when the memory the map needs
 * (about 24 bytes per state at the peak: 768 MiB at n = 25) is not there. */
HfLandscape *hf_landscape_new (const HfNetwork *net, const HfPatterns *patterns,
                               const HfLandscapeOptions *opts, HfError *err);
void hf_landscape_free (HfLandscape *ls);
/* Another thread may set *flag non-zero: iterate then returns
 * HF_ECANCELLED soon (within a fraction of a second) and the object can
 * only be freed. */
void hf_landscape_set_cancel_flag (HfLandscape *ls, const atomic_int *flag);
/* HF_OK: call again; HF_DONE: results ready; otherwise an error. */
HfStatus hf_landscape_iterate (HfLandscape *ls, HfError *err);
double hf_landscape_progress (const HfLandscape *ls);   /* 0..1 */
const char *hf_landscape_phase (const HfLandscape *ls); /* HF_N_ marked */
/* Runs iterate to the end (convenience for the CLI and tests). */
HfStatus hf_landscape_run (HfLandscape *ls, HfError *err);

/* Results, valid after HF_DONE. */
size_t hf_landscape_n (const HfLandscape *ls);
const HfLandscapeOptions *hf_landscape_options (const HfLandscape *ls);
/* 2^n energies, float, indexed by state number. */
const float *hf_landscape_energies (const HfLandscape *ls);
/* 2^n attractor indices (into hf_landscape_attractors), by state number. */
const uint32_t *hf_landscape_attractor_of (const HfLandscape *ls);
/* Attractors sorted by energy, then state number. */
const HfAttractor *hf_landscape_attractors (const HfLandscape *ls, size_t *count);
/* Minima in order of creation = increasing level (within a level: by the
 * energy, then number, of their state): minimum 0 is the global minimum. The hypercube is connected, so there are count(minima) - 1
 * merges, in order of increasing barrier. */
const HfTreeMinimum *hf_landscape_minima (const HfLandscape *ls, size_t *count);
const HfTreeMerge *hf_landscape_merges (const HfLandscape *ls, size_t *count);
/* The minimum whose branch a state lies on: from the state, repeatedly
 * take the single flip to the neighbour lowest in the order (level, state
 * number), while that neighbour is lower in that order than the current
 * state; the state reached belongs, when its level is added, to a
 * component whose deepest minimum is returned. To place a state in the
 * drawn tree, start at that leaf and climb its merges while the merge's
 * barrier is <= the state's energy. */
size_t hf_landscape_minimum_of (const HfLandscape *ls, uint32_t state);
/* Energy scale (max |E|) and the absolute level tolerance used. */
double hf_landscape_scale (const HfLandscape *ls);
double hf_landscape_tolerance (const HfLandscape *ls);

/* State numbers and strings. buf holds n + 1 chars. */
uint32_t hf_landscape_state_number (const int8_t *s, size_t n);
void hf_landscape_state_values (uint32_t state, size_t n, int8_t *s);
void hf_landscape_state_string (uint32_t state, size_t n, char *buf);
/* Parses a 0/1 string of exactly n characters; false when malformed. */
bool hf_landscape_state_parse (const char *text, size_t n, uint32_t *state);

/* A picture of the state space where neighbouring pixels are single-flip
 * neighbours: width 2^ceil(n/2), height 2^floor(n/2); the low ceil(n/2)
 * bits of the state are the Gray code of x, the high bits that of y. */
void hf_landscape_layout (size_t n, size_t *width, size_t *height);
uint32_t hf_landscape_state_at (size_t n, size_t x, size_t y);
void hf_landscape_pixel_of (size_t n, uint32_t state, size_t *x, size_t *y);

/* ------------------------------------------------------------------ */
/* Overlap plane                                                      */
/* ------------------------------------------------------------------ */

typedef struct
{
  size_t a, b;        /* the two stored patterns (a != b) */
  size_t grid;        /* cells per axis (default 21: m = -1, -0.9, ..., 1) */
  size_t samples;     /* sampled states per cell (default 16) */
  HfTieRule tie;      /* for the drift */
  unsigned long seed; /* row r of cells draws from seed + 7919 r */
} HfOverlapPlaneOptions;

void hf_overlap_plane_options_init (HfOverlapPlaneOptions *opts);

/* Cell (i, j) targets m_a = -1 + 2 i / (grid - 1), m_b = -1 + 2 j / (grid - 1).
 * A state is drawn by choosing, among the neurons where a and b agree, a
 * number p to agree with a, and among those where they differ, q to agree
 * with a (p, q rounded from the target, positions uniformly random); every
 * sample of a cell has the same exact overlaps ma, mb. A target no state
 * reaches within half a cell is empty (samples = 0, values NaN). */
typedef struct
{
  double target_a, target_b; /* the cell's nominal overlaps */
  double ma, mb;             /* the exact overlaps of its samples */
  size_t samples;
  double energy_mean, energy_sd; /* over the samples (sd: population) */
  /* Mean drift: over the samples of sum_i (s'_i - s_i) xi_i / n for each
   * pattern, where s'_i = the update of neuron i from the sample's fields.
   * That is n times the expected change of m after one asynchronous update
   * of a uniformly chosen neuron (the flow field, per sweep). */
  double drift_a, drift_b;
} HfPlaneCell;

typedef struct HfOverlapPlane HfOverlapPlane;

HfOverlapPlane *hf_overlap_plane_new (const HfNetwork *net, const HfPatterns *patterns,
                                      const HfOverlapPlaneOptions *opts, HfError *err);
void hf_overlap_plane_free (HfOverlapPlane *p);
void hf_overlap_plane_set_cancel_flag (HfOverlapPlane *p, const atomic_int *flag);
/* One row of cells per call. HF_OK: more; HF_DONE: finished. */
HfStatus hf_overlap_plane_iterate (HfOverlapPlane *p, HfError *err);
double hf_overlap_plane_progress (const HfOverlapPlane *p);
HfStatus hf_overlap_plane_run (HfOverlapPlane *p, HfError *err);
/* grid * grid cells, cell (i, j) at [i * grid + j] (i along m_a). */
const HfPlaneCell *hf_overlap_plane_cells (const HfOverlapPlane *p, size_t *grid);

/* ------------------------------------------------------------------ */
/* Basin radius                                                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  double share;      /* required share of successful trials (default 0.9) */
  size_t trials;     /* trials per tested flip count (default 64) */
  size_t max_flips;  /* largest count tested; 0 = n / 2 (default) */
  size_t max_sweeps; /* recall budget per trial (default 100) */
  HfTieRule tie;
  unsigned long seed; /* trial t of pattern k at d flips: its own generator */
  unsigned threads;   /* 0 = the number of online CPUs */
} HfBasinRadiusOptions;

void hf_basin_radius_options_init (HfBasinRadiusOptions *opts);

typedef struct
{
  long radius;            /* largest d with success(d) >= share; -1 when the pattern
                    itself is not a fixed point (success(0) = 0) */
  double share_at_radius; /* success share measured at radius (1 at -1: none) */
  double margin;          /* min_i xi_i h_i (> 0: a strict fixed point) */
  size_t evaluations;     /* flip counts tested */
} HfBasinRadiusResult;

/* A trial flips d distinct random bits of the pattern and runs sequential
 * asynchronous recall (neuron order 0..n-1, the tie rule) to a fixed point;
 * it succeeds when that is the pattern. success(d) is assumed not to grow
 * with d; the radius is found by bisection on [0, max_flips]. The result
 * depends on the seed only, not on the number of threads. */
typedef struct HfBasinRadius HfBasinRadius;

HfBasinRadius *hf_basin_radius_new (const HfNetwork *net, const HfPatterns *patterns,
                                    const HfBasinRadiusOptions *opts, HfError *err);
void hf_basin_radius_free (HfBasinRadius *b);
void hf_basin_radius_set_cancel_flag (HfBasinRadius *b, const atomic_int *flag);
/* Up to `threads` patterns per call. HF_OK: more; HF_DONE: finished. */
HfStatus hf_basin_radius_iterate (HfBasinRadius *b, HfError *err);
double hf_basin_radius_progress (const HfBasinRadius *b);
HfStatus hf_basin_radius_run (HfBasinRadius *b, HfError *err);
/* One result per pattern, in pattern order. */
const HfBasinRadiusResult *hf_basin_radius_results (const HfBasinRadius *b);

/* ------------------------------------------------------------------ */
/* Stability                                                          */
/* ------------------------------------------------------------------ */

/* out[i] = s_i h_i for every neuron (> 0: stable with room to spare;
 * < 0: the next update flips it). */
HfStatus hf_stability (const HfNetwork *net, const int8_t *s, float *out, HfError *err);
/* out[k] = min_i xi^k_i h_i(xi^k) for every pattern k of the set. */
HfStatus hf_pattern_margins (const HfNetwork *net, const HfPatterns *patterns,
                             double *out, HfError *err);
