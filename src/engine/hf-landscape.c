/* hf-landscape.c: the exhaustive map of all 2^n states (n <= 25).
 *
 * Phases, each stepped in chunks by hf_landscape_iterate:
 *  1. ENUM: Gray-code enumeration in aligned blocks (fields refreshed at the
 *     start of each block, one flip and O(n) field update per state, in
 *     double); each state gets its energy and F(s), the state one
 *     asynchronous sweep (or one synchronous update) leads to. Threads.
 *  2. ATTRACT: the functional graph F resolved to attractors, each state
 *     once (path marking and compression in place); CLASSIFY sorts them.
 *  3. SORT: LSD radix sort of (energy key, state) in three 11-bit passes;
 *     LEVELS cuts the sorted energies into levels by the tolerance.
 *  4. DESCENT: every state points to its neighbour lowest in the order
 *     (level, number) when that is lower than itself; following these
 *     pointers gives a "descent basin" root per state. Every state of a
 *     basin is joined to its root through states of no higher level, so
 *     the components of the states present at a level are unions of
 *     basins, joined by boundary edges (EDGES, threads: the lowest level
 *     per pair of adjacent basins).
 *  5. TREE: the definition applied level by level to the (few) basins.
 *
 * This file holds the options, new/free, the parallel ranges, the driver,
 * the results and the state strings and layout; phases 1-4 are in
 * hf-landscape-enum.c, the edges and the tree in hf-landscape-tree.c, and
 * what they share in hf-landscape-private.h.
 */
#include "hf-landscape.h"
#include "hf-landscape-private.h"

#include "hf-train.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum
{
  PH_ENUM,
  PH_ATTRACT,
  PH_CLASSIFY,
  PH_HIST,
  PH_SORT0,
  PH_SORT1,
  PH_SORT2,
  PH_SORT3,
  PH_LEVELS,
  PH_DESCENT,
  PH_ROOTS1,
  PH_ROOTS2,
  PH_EDGES,
  PH_TREE,
  PH_DONE,
};

/* Share of the total time each phase takes, measured at n = 25. */
static const double phase_weight[PH_DONE] = {
  0.50, 0.01, 0.01, 0.01, 0.05, 0.05, 0.01, 0.01, 0.03, 0.12, 0.01, 0.03, 0.15, 0.01,
};

void
hf_landscape_options_init (HfLandscapeOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->dynamics = HF_LANDSCAPE_ASYNC;
  opts->tie = HF_TIE_OFF;
  opts->level_tolerance = 1e-6;
  opts->threads = 0;
}

static unsigned
default_threads (unsigned asked)
{
  if (asked > 0)
    return asked > MAX_THREADS ? MAX_THREADS : asked;
  long c = sysconf (_SC_NPROCESSORS_ONLN);
  if (c < 1)
    c = 1;
  return c > MAX_THREADS ? MAX_THREADS : (unsigned)c;
}

/* The big per-state arrays, on huge pages where the kernel allows: the
 * neighbour scans stride through them and would miss the TLB otherwise. */
void *
ls_big_alloc (size_t bytes)
{
  void *p = NULL;
  size_t align = (size_t)2 << 20;
  if (bytes < align)
    return malloc (bytes);
  if (posix_memalign (&p, align, (bytes + align - 1) / align * align) != 0)
    return NULL;
#ifdef MADV_HUGEPAGE
  madvise (p, (bytes + align - 1) / align * align, MADV_HUGEPAGE);
#endif
  return p;
}

static bool
cancelled (const HfLandscape *ls)
{
  return ls->cancel != NULL && atomic_load (ls->cancel) != 0;
}

HfLandscape *
hf_landscape_new (const HfNetwork *net, const HfPatterns *patterns,
                  const HfLandscapeOptions *opts, HfError *err)
{
  HfLandscapeOptions def;
  if (opts == NULL)
    {
      hf_landscape_options_init (&def);
      opts = &def;
    }
  if (net == NULL || net->n == 0)
    {
      hf_error_set (err, HF_EINVAL, "the landscape needs a network");
      return NULL;
    }
  size_t n = net->n;
  if (n > HF_LANDSCAPE_MAX_N)
    {
      hf_error_set (err, HF_ERANGE,
                    "the exhaustive landscape takes at most %d neurons (2^%d states); "
                    "this network has %zu: use the overlap plane or basin radii",
                    HF_LANDSCAPE_MAX_N, HF_LANDSCAPE_MAX_N, n);
      return NULL;
    }
  if (patterns != NULL && patterns->n != n)
    {
      hf_error_set (err, HF_EINVAL,
                    "the patterns have %zu neurons but the network has %zu", patterns->n,
                    n);
      return NULL;
    }
  if (!hf_network_finite (net))
    {
      hf_error_set (err, HF_ENUMERIC, "the network has weights that are not finite");
      return NULL;
    }
  /* Rounding in a rule may leave J_ij and J_ji an ulp apart: the map uses
   * their average; anything more is not a Hopfield network. */
  double jmax = 0.0;
  for (size_t k = 0; k < n * n; k++)
    jmax = fmax (jmax, fabs (net->J[k]));
  if (hf_network_asymmetry (net) > 1e-5 * jmax)
    {
      hf_error_set (err, HF_EINVAL,
                    "the network's weights are not symmetric with a zero diagonal");
      return NULL;
    }
  if (opts->dynamics != HF_LANDSCAPE_ASYNC && opts->dynamics != HF_LANDSCAPE_SYNC)
    {
      hf_error_set (err, HF_EINVAL, "unknown dynamics %d", (int)opts->dynamics);
      return NULL;
    }
  if (opts->tie != HF_TIE_OFF && opts->tie != HF_TIE_ON && opts->tie != HF_TIE_KEEP)
    {
      hf_error_set (err, HF_EINVAL, "unknown tie rule %d", (int)opts->tie);
      return NULL;
    }
  if (!(opts->level_tolerance >= 0.0) || !(opts->level_tolerance < 1.0))
    {
      hf_error_set (err, HF_EINVAL, "the level tolerance must be in [0, 1) (got %g)",
                    opts->level_tolerance);
      return NULL;
    }
  uint64_t N = (uint64_t)1 << n;
  if (hf_check_memory ((size_t)N * 24, HF_N_ ("the exhaustive landscape"), err) != HF_OK)
    return NULL;
  HfLandscape *ls = calloc (1, sizeof *ls);
  if (ls == NULL)
    goto oom;
  ls->net = net;
  ls->patterns = patterns;
  ls->o = *opts;
  ls->n = n;
  ls->N = N;
  ls->threads = default_threads (opts->threads);
  ls->J = malloc (n * n * sizeof (double));
  ls->theta = malloc (n * sizeof (double));
  ls->hzero = malloc (n * sizeof (double));
  ls->energy = ls_big_alloc (N * sizeof (float));
  ls->attr = ls_big_alloc (N * sizeof (uint32_t));
  size_t m = patterns ? patterns->m : 0;
  ls->pattern_states = malloc ((2 * m + 1) * sizeof (uint32_t));
  if (!ls->J || !ls->theta || !ls->hzero || !ls->energy || !ls->attr
      || !ls->pattern_states)
    goto oom;
  for (size_t i = 0; i < n; i++)
    {
      double sum = fabs (net->theta[i]);
      for (size_t k = 0; k < n; k++)
        {
          double w = i == k ? 0.0 : 0.5 * ((double)net->J[i * n + k] + net->J[k * n + i]);
          ls->J[i * n + k] = w;
          sum += fabs (w);
        }
      ls->theta[i] = net->theta[i];
      ls->hzero[i] = 1e-6 * sum;
    }
  for (size_t k = 0; k < m; k++)
    {
      uint32_t x = hf_landscape_state_number (hf_patterns_get (patterns, k), n);
      ls->pattern_states[2 * k] = x;
      ls->pattern_states[2 * k + 1] = x ^ (uint32_t)(N - 1);
    }
  return ls;
oom:
  hf_landscape_free (ls);
  hf_error_set (err, HF_ENOMEM, "out of memory for the landscape of %zu neurons", n);
  return NULL;
}

void
hf_landscape_free (HfLandscape *ls)
{
  if (ls == NULL)
    return;
  free (ls->J);
  free (ls->theta);
  free (ls->hzero);
  free (ls->energy);
  free (ls->attr);
  free (ls->bufA);
  free (ls->bufB);
  free (ls->attractors);
  free (ls->pattern_states);
  free (ls->roots);
  free (ls->root_lvl);
  free (ls->pl_count);
  free (ls->pl_best);
  free (ls->min_of_root);
  free (ls->root_new);
  for (int t = 0; t < MAX_THREADS; t++)
    {
      free (ls->maps[t].slots);
      free (ls->dense[t]);
    }
  free (ls->minima);
  free (ls->merges);
  free (ls);
}

void
hf_landscape_set_cancel_flag (HfLandscape *ls, const atomic_int *flag)
{
  ls->cancel = flag;
}

/* ---- parallel ranges ------------------------------------------------ */

typedef struct
{
  HfLandscape *ls;
  RangeFn fn;
  uint64_t end, block;
  _Atomic uint64_t next;
} Job;

typedef struct
{
  Job *job;
  unsigned tid;
} Worker;

static void *
worker_run (void *data)
{
  Worker *w = data;
  Job *job = w->job;
  for (;;)
    {
      uint64_t b = atomic_fetch_add (&job->next, job->block);
      if (b >= job->end || cancelled (job->ls))
        break;
      uint64_t e = b + job->block < job->end ? b + job->block : job->end;
      job->fn (job->ls, b, e, w->tid);
    }
  return NULL;
}

/* Runs fn over [begin, end) in blocks of `block` on the worker threads. */
void
ls_parallel_range (HfLandscape *ls, RangeFn fn, uint64_t begin, uint64_t end,
                   uint64_t block)
{
  Job job = { .ls = ls, .fn = fn, .end = end, .block = block };
  atomic_init (&job.next, begin);
  unsigned T = ls->threads;
  uint64_t blocks = (end - begin + block - 1) / block;
  if (T > blocks)
    T = (unsigned)blocks;
  pthread_t th[MAX_THREADS];
  Worker w[MAX_THREADS];
  unsigned started = 0;
  for (unsigned t = 1; t < T; t++)
    {
      w[t] = (Worker){ &job, t };
      if (pthread_create (&th[t], NULL, worker_run, &w[t]) != 0)
        break; /* fewer threads: the others take the blocks */
      started = t;
    }
  w[0] = (Worker){ &job, 0 };
  worker_run (&w[0]);
  for (unsigned t = 1; t <= started; t++)
    pthread_join (th[t], NULL);
}

/* ---- driver ------------------------------------------------------- */

HfStatus
hf_landscape_iterate (HfLandscape *ls, HfError *err)
{
  if (ls->phase == PH_DONE)
    return HF_DONE;
  if (cancelled (ls))
    return hf_error_set (err, HF_ECANCELLED, "the landscape computation was cancelled");
  HfStatus st = HF_OK;
  switch (ls->phase)
    {
    case PH_ENUM:
      ls_phase_enum (ls);
      break;
    case PH_ATTRACT:
      st = ls_phase_attract (ls, err);
      break;
    case PH_CLASSIFY:
      st = ls_phase_classify (ls, err);
      break;
    case PH_HIST:
      st = ls_phase_hist (ls, err);
      break;
    case PH_SORT0:
    case PH_SORT1:
    case PH_SORT2:
    case PH_SORT3:
      ls_phase_sort (ls, ls->phase - PH_SORT0);
      break;
    case PH_LEVELS:
      ls_phase_levels (ls);
      break;
    case PH_DESCENT:
      ls_phase_descent (ls);
      break;
    case PH_ROOTS1:
      st = ls_phase_roots1 (ls, err);
      break;
    case PH_ROOTS2:
      ls_phase_roots2 (ls);
      break;
    case PH_EDGES:
      st = ls_phase_edges (ls, err);
      break;
    case PH_TREE:
      st = ls_phase_tree (ls, err);
      break;
    }
  if (st != HF_OK)
    return st;
  if (cancelled (ls))
    return hf_error_set (err, HF_ECANCELLED, "the landscape computation was cancelled");
  if (ls->cursor >= ls->N)
    {
      ls->phase++;
      ls->cursor = 0;
    }
  return ls->phase == PH_DONE ? HF_DONE : HF_OK;
}

double
hf_landscape_progress (const HfLandscape *ls)
{
  double done = 0.0;
  for (int p = 0; p < ls->phase && p < PH_DONE; p++)
    done += phase_weight[p];
  if (ls->phase < PH_DONE)
    done += phase_weight[ls->phase] * (double)ls->cursor / (double)ls->N;
  return done > 1.0 ? 1.0 : done;
}

const char *
hf_landscape_phase (const HfLandscape *ls)
{
  switch (ls->phase)
    {
    case PH_ENUM:
      return HF_N_ ("Enumerating states");
    case PH_ATTRACT:
    case PH_CLASSIFY:
      return HF_N_ ("Finding attractors");
    case PH_HIST:
    case PH_SORT0:
    case PH_SORT1:
    case PH_SORT2:
    case PH_SORT3:
    case PH_LEVELS:
      return HF_N_ ("Sorting energies");
    case PH_DESCENT:
    case PH_ROOTS1:
    case PH_ROOTS2:
    case PH_EDGES:
    case PH_TREE:
      return HF_N_ ("Building the barrier tree");
    default:
      return HF_N_ ("Done");
    }
}

HfStatus
hf_landscape_run (HfLandscape *ls, HfError *err)
{
  HfStatus st;
  while ((st = hf_landscape_iterate (ls, err)) == HF_OK)
    ;
  return st == HF_DONE ? HF_OK : st;
}

/* ---- results ------------------------------------------------------ */

size_t
hf_landscape_n (const HfLandscape *ls)
{
  return ls->n;
}

const HfLandscapeOptions *
hf_landscape_options (const HfLandscape *ls)
{
  return &ls->o;
}

const float *
hf_landscape_energies (const HfLandscape *ls)
{
  return ls->phase == PH_DONE ? ls->energy : NULL;
}

const uint32_t *
hf_landscape_attractor_of (const HfLandscape *ls)
{
  return ls->phase == PH_DONE ? ls->attr : NULL;
}

const HfAttractor *
hf_landscape_attractors (const HfLandscape *ls, size_t *count)
{
  *count = ls->phase == PH_DONE ? ls->n_attr : 0;
  return ls->phase == PH_DONE ? ls->attractors : NULL;
}

const HfTreeMinimum *
hf_landscape_minima (const HfLandscape *ls, size_t *count)
{
  *count = ls->phase == PH_DONE ? ls->n_min : 0;
  return ls->phase == PH_DONE ? ls->minima : NULL;
}

const HfTreeMerge *
hf_landscape_merges (const HfLandscape *ls, size_t *count)
{
  *count = ls->phase == PH_DONE ? ls->n_merge : 0;
  return ls->phase == PH_DONE ? ls->merges : NULL;
}

size_t
hf_landscape_minimum_of (const HfLandscape *ls, uint32_t state)
{
  if (ls->phase != PH_DONE || state >= ls->N)
    return 0;
  return ls->min_of_root[ls->root[state]];
}

double
hf_landscape_scale (const HfLandscape *ls)
{
  return ls->scale;
}

double
hf_landscape_tolerance (const HfLandscape *ls)
{
  return ls->tol;
}

/* ---- states ------------------------------------------------------- */

uint32_t
hf_landscape_state_number (const int8_t *s, size_t n)
{
  uint32_t x = 0;
  for (size_t i = 0; i < n && i < 32; i++)
    if (s[i] > 0)
      x |= 1u << i;
  return x;
}

void
hf_landscape_state_values (uint32_t state, size_t n, int8_t *s)
{
  for (size_t i = 0; i < n; i++)
    s[i] = i < 32 && (state >> i) & 1 ? 1 : -1;
}

void
hf_landscape_state_string (uint32_t state, size_t n, char *buf)
{
  for (size_t i = 0; i < n; i++)
    buf[i] = i < 32 && (state >> i) & 1 ? '1' : '0';
  buf[n] = '\0';
}

bool
hf_landscape_state_parse (const char *text, size_t n, uint32_t *state)
{
  if (text == NULL || n > 32 || strlen (text) != n)
    return false;
  uint32_t x = 0;
  for (size_t i = 0; i < n; i++)
    {
      if (text[i] == '1')
        x |= 1u << i;
      else if (text[i] != '0')
        return false;
    }
  *state = x;
  return true;
}

void
hf_landscape_layout (size_t n, size_t *width, size_t *height)
{
  size_t bx = (n + 1) / 2;
  *width = (size_t)1 << bx;
  *height = (size_t)1 << (n - bx);
}

static inline uint32_t
gray (uint32_t v)
{
  return v ^ (v >> 1);
}

static inline uint32_t
gray_inverse (uint32_t g)
{
  for (uint32_t shift = 1; shift < 32; shift <<= 1)
    g ^= g >> shift;
  return g;
}

uint32_t
hf_landscape_state_at (size_t n, size_t x, size_t y)
{
  size_t bx = (n + 1) / 2;
  return gray ((uint32_t)x) | gray ((uint32_t)y) << bx;
}

void
hf_landscape_pixel_of (size_t n, uint32_t state, size_t *x, size_t *y)
{
  size_t bx = (n + 1) / 2;
  *x = gray_inverse (state & ((1u << bx) - 1));
  *y = gray_inverse (state >> bx);
}
