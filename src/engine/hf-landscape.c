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
 */
#include "hf-landscape.h"

#include "hf-train.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define RESOLVED 0x80000000u
#define ONPATH 0x40000000u
#define LOWMASK 0x3fffffffu
#define MAX_THREADS 16
#define ENUM_BLOCK_BITS 14
#define CHUNK_BITS 20
#define MAX_PAIRS ((size_t)1 << 26)
#define MAX_DENSE_BASINS 2048

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

typedef struct
{
  uint64_t key; /* basin a << 32 | basin b, a < b; UINT64_MAX empty */
  float w;      /* lowest level of an edge between them */
  uint32_t saddle;
} Pair;

typedef struct
{
  Pair *slots;
  size_t cap, used;
} PairMap;

struct HfLandscape
{
  const HfNetwork *net;
  const HfPatterns *patterns;
  HfLandscapeOptions o;
  size_t n;
  uint64_t N;
  unsigned threads;
  const atomic_int *cancel;
  double *J, *theta, *hzero;
  int phase;
  uint64_t cursor;
  atomic_int worker_oom;

  float *energy;
  uint32_t *attr;
  uint64_t *bufA, *bufB;
  uint32_t *lk; /* per state: float_key of its level's lowest energy */
  uint32_t *root;
  uint64_t hist[4][256];
  double scale, tol;
  float anchor;
  bool anchor_set;

  HfAttractor *attractors;
  size_t n_attr, cap_attr;
  uint32_t *pattern_states; /* 2 per pattern: the pattern and its inverse */

  uint32_t *roots;
  float *root_lvl;
  size_t n_roots, cap_roots;
  _Atomic uint64_t *pl_count, *pl_best;
  uint32_t *min_of_root;
  uint8_t *root_new;
  PairMap maps[MAX_THREADS];
  /* With few basins (R^2 T <= 2^n / 2 for T threads: at most 4 bytes
   * per state in all), a dense matrix per thread instead of the hash map:
   * entry a * R + b (a < b) = float_key (level) << 32 | saddle, min. */
  uint64_t *dense[MAX_THREADS];

  HfTreeMinimum *minima;
  size_t n_min, cap_min;
  HfTreeMerge *merges;
  size_t n_merge, cap_merge;
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

/* Float keys that sort as unsigned integers in the order of the floats. */
static inline uint32_t
float_key (float f)
{
  uint32_t u;
  memcpy (&u, &f, 4);
  return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

static inline float
key_float (uint32_t k)
{
  uint32_t u = (k & 0x80000000u) ? (k & 0x7fffffffu) : ~k;
  float f;
  memcpy (&f, &u, 4);
  return f;
}

/* The big per-state arrays, on huge pages where the kernel allows: the
 * neighbour scans stride through them and would miss the TLB otherwise. */
static void *
big_alloc (size_t bytes)
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
  if (hf_check_memory ((size_t)N * 24, "the exhaustive landscape", err) != HF_OK)
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
  ls->energy = big_alloc (N * sizeof (float));
  ls->attr = big_alloc (N * sizeof (uint32_t));
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

typedef void (*RangeFn) (HfLandscape *ls, uint64_t begin, uint64_t end, unsigned tid);

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
static void
parallel_range (HfLandscape *ls, RangeFn fn, uint64_t begin, uint64_t end, uint64_t block)
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

/* ---- enumeration -------------------------------------------------- */

/* The hot loops, compiled twice: for AVX2 and for any x86-64 (chosen when
 * the program loads). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define HOT __attribute__ ((target_clones ("avx2", "default")))
#else
#define HOT
#endif

static inline int
decide (double h, int s, HfTieRule tie, double hz)
{
  if (h > hz)
    return 1;
  if (h < -hz)
    return -1;
  return tie == HF_TIE_ON ? 1 : tie == HF_TIE_OFF ? -1 : s;
}

static uint32_t
async_sweep (const HfLandscape *ls, uint32_t x, const double *h0)
{
  size_t n = ls->n;
  double h[HF_LANDSCAPE_MAX_N];
  memcpy (h, h0, n * sizeof (double));
  for (size_t i = 0; i < n; i++)
    {
      int s = (x >> i) & 1 ? 1 : -1;
      int v = decide (h[i], s, ls->o.tie, ls->hzero[i]);
      if (v != s)
        {
          x ^= 1u << i;
          /* Only the neurons still to visit in this sweep need it. */
          const double *Ji = ls->J + i * n;
          double d = 2.0 * v;
          for (size_t k = i + 1; k < n; k++)
            h[k] += d * Ji[k];
        }
    }
  return x;
}

static uint32_t
sync_step (const HfLandscape *ls, uint32_t x, const double *h)
{
  uint32_t y = 0;
  for (size_t i = 0; i < ls->n; i++)
    {
      int s = (x >> i) & 1 ? 1 : -1;
      if (decide (h[i], s, ls->o.tie, ls->hzero[i]) > 0)
        y |= 1u << i;
    }
  return y;
}

HOT static void
enum_block (HfLandscape *ls, uint64_t begin, uint64_t end, unsigned tid)
{
  (void)tid;
  size_t n = ls->n;
  double h[HF_LANDSCAPE_MAX_N], s[HF_LANDSCAPE_MAX_N];
  uint32_t x = (uint32_t)begin;
  for (size_t i = 0; i < n; i++)
    s[i] = (x >> i) & 1 ? 1.0 : -1.0;
  double E = 0.0;
  for (size_t i = 0; i < n; i++)
    {
      double f = -ls->theta[i];
      for (size_t k = 0; k < n; k++)
        f += ls->J[i * n + k] * s[k];
      h[i] = f;
      E += -0.5 * s[i] * f + 0.5 * ls->theta[i] * s[i];
    }
  bool sync = ls->o.dynamics == HF_LANDSCAPE_SYNC;
  /* A sweep starts at neuron 0, whose field does not depend on s_0: unless
   * the tie rule keeps it at a zero field, both values of s_0 give the same
   * state after its update, hence the same sweep. Odd Gray steps flip s_0. */
  bool share0 = !sync;
  uint32_t last = 0;
  for (uint64_t j = 0; j < end - begin; j++)
    {
      bool same = false;
      if (j > 0)
        {
          unsigned i = (unsigned)__builtin_ctzll (j);
          same = i == 0 && share0
                 && (ls->o.tie != HF_TIE_KEEP || fabs (h[0]) > ls->hzero[0]);
          E += 2.0 * s[i] * h[i];
          double v = -s[i];
          s[i] = v;
          x ^= 1u << i;
          const double *Ji = ls->J + (size_t)i * n;
          double d = 2.0 * v;
          for (size_t k = 0; k < n; k++)
            h[k] += d * Ji[k];
        }
      ls->energy[x] = (float)E;
      if (same)
        ls->attr[x] = last;
      else
        ls->attr[x] = last = sync ? sync_step (ls, x, h) : async_sweep (ls, x, h);
    }
}

static uint64_t
chunk_size (const HfLandscape *ls)
{
  uint64_t c = (uint64_t)1 << CHUNK_BITS;
  return c < ls->N ? c : ls->N;
}

static void
phase_enum (HfLandscape *ls)
{
  uint64_t block = (uint64_t)1 << (ls->n < ENUM_BLOCK_BITS ? ls->n : ENUM_BLOCK_BITS);
  uint64_t end = ls->cursor + chunk_size (ls);
  parallel_range (ls, enum_block, ls->cursor, end, block);
  ls->cursor = end;
}

/* ---- attractors --------------------------------------------------- */

static HfStatus
add_attractor (HfLandscape *ls, uint32_t x, HfError *err)
{
  if (ls->n_attr == ls->cap_attr)
    {
      size_t cap = ls->cap_attr ? 2 * ls->cap_attr : 64;
      HfAttractor *a = realloc (ls->attractors, cap * sizeof *a);
      if (a == NULL)
        return hf_error_set (err, HF_ENOMEM, "out of memory for the attractors");
      ls->attractors = a;
      ls->cap_attr = cap;
    }
  /* The cycle through x: its lowest state, the state after it, its period. */
  uint32_t lo = x, y = x;
  size_t period = 0;
  float e = ls->energy[x];
  do
    {
      if (y < lo)
        lo = y;
      if (ls->energy[y] < e)
        e = ls->energy[y];
      y = ls->attr[y] & LOWMASK;
      period++;
    }
  while (y != x);
  HfAttractor *a = &ls->attractors[ls->n_attr++];
  memset (a, 0, sizeof *a);
  a->state = lo;
  a->partner = ls->attr[lo] & LOWMASK;
  a->period = period;
  a->energy = e;
  a->pattern = -1;
  a->kind = period > 1 ? HF_OUTCOME_CYCLE : HF_OUTCOME_SPURIOUS;
  /* An exact pattern first (lowest k), else the inverse of one. */
  size_t m = period == 1 && ls->patterns != NULL ? ls->patterns->m : 0;
  for (size_t k = 0; k < m && a->pattern < 0; k++)
    if (ls->pattern_states[2 * k] == lo)
      {
        a->kind = HF_OUTCOME_PATTERN;
        a->pattern = (long)k;
      }
  for (size_t k = 0; k < m && a->pattern < 0; k++)
    if (ls->pattern_states[2 * k + 1] == lo)
      {
        a->kind = HF_OUTCOME_INVERSE;
        a->pattern = (long)k;
      }
  return HF_OK;
}

/* attr[x] holds F(x) in its low bits; ONPATH marks the walk under way,
 * RESOLVED | id an attractor index. */
static HfStatus
phase_attract (HfLandscape *ls, HfError *err)
{
  uint32_t *a = ls->attr;
  uint64_t end = ls->cursor + chunk_size (ls);
  for (uint64_t s = ls->cursor; s < end; s++)
    {
      if (a[s] & RESOLVED)
        continue;
      uint32_t x = (uint32_t)s;
      while (!(a[x] & (RESOLVED | ONPATH)))
        {
          uint32_t next = a[x] & LOWMASK;
          a[x] |= ONPATH;
          x = next;
        }
      uint32_t id;
      if (a[x] & RESOLVED)
        id = a[x] & LOWMASK;
      else
        {
          id = (uint32_t)ls->n_attr;
          if (add_attractor (ls, x, err) != HF_OK)
            return err ? err->code : HF_ENOMEM;
        }
      x = (uint32_t)s;
      while (!(a[x] & RESOLVED))
        {
          uint32_t next = a[x] & LOWMASK;
          a[x] = RESOLVED | id;
          x = next;
        }
    }
  ls->cursor = end;
  return HF_OK;
}

static int
cmp_attractor (const void *pa, const void *pb)
{
  const HfAttractor *a = pa, *b = pb;
  if (a->energy != b->energy)
    return a->energy < b->energy ? -1 : 1;
  return (a->state > b->state) - (a->state < b->state);
}

/* Sorts the attractors by energy and renumbers every state's index. */
static HfStatus
phase_classify (HfLandscape *ls, HfError *err)
{
  if (ls->cursor == 0)
    {
      /* Remember the old index in `minimum` while sorting. */
      for (size_t k = 0; k < ls->n_attr; k++)
        ls->attractors[k].minimum = (long)k;
      qsort (ls->attractors, ls->n_attr, sizeof (HfAttractor), cmp_attractor);
      uint32_t *remap = malloc ((ls->n_attr + 1) * sizeof (uint32_t));
      if (remap == NULL)
        return hf_error_set (err, HF_ENOMEM, "out of memory for the attractors");
      for (size_t k = 0; k < ls->n_attr; k++)
        {
          remap[ls->attractors[k].minimum] = (uint32_t)k;
          ls->attractors[k].basin = 0;
        }
      for (uint64_t s = 0; s < ls->N; s++)
        {
          uint32_t k = remap[ls->attr[s] & LOWMASK];
          ls->attr[s] = k;
          ls->attractors[k].basin++;
        }
      free (remap);
    }
  ls->cursor = ls->N;
  return HF_OK;
}

/* ---- sort and levels ---------------------------------------------- */

static HfStatus
phase_hist (HfLandscape *ls, HfError *err)
{
  ls->bufA = big_alloc (ls->N * sizeof (uint64_t));
  ls->bufB = big_alloc (ls->N * sizeof (uint64_t));
  if (ls->bufA == NULL || ls->bufB == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory to sort %llu energies",
                         (unsigned long long)ls->N);
  memset (ls->hist, 0, sizeof ls->hist);
  double scale = 0.0;
  for (uint64_t s = 0; s < ls->N; s++)
    {
      float e = ls->energy[s];
      if (fabs (e) > scale)
        scale = fabs (e);
      uint32_t k = float_key (e);
      ls->hist[0][k & 255]++;
      ls->hist[1][(k >> 8) & 255]++;
      ls->hist[2][(k >> 16) & 255]++;
      ls->hist[3][k >> 24]++;
    }
  ls->scale = scale;
  ls->tol = ls->o.level_tolerance * scale;
  for (int d = 0; d < 4; d++)
    {
      uint64_t sum = 0;
      for (int b = 0; b < 256; b++)
        {
          uint64_t c = ls->hist[d][b];
          ls->hist[d][b] = sum;
          sum += c;
        }
    }
  ls->cursor = ls->N;
  return HF_OK;
}

/* Pass 0 energy -> B, 1 B -> A, 2 A -> B, 3 B -> A; then the names swap
 * so that the sorted array is bufB and bufA is free for the levels. */
static void
phase_sort (HfLandscape *ls, int pass)
{
  uint64_t *pos = ls->hist[pass];
  if (pass == 0)
    for (uint64_t s = 0; s < ls->N; s++)
      {
        uint32_t k = float_key (ls->energy[s]);
        ls->bufB[pos[k & 255]++] = (uint64_t)k << 32 | s;
      }
  else
    {
      const uint64_t *src = pass % 2 ? ls->bufB : ls->bufA;
      uint64_t *dst = pass % 2 ? ls->bufA : ls->bufB;
      int shift = 32 + 8 * pass;
      for (uint64_t j = 0; j < ls->N; j++)
        {
          uint64_t e = src[j];
          dst[pos[(e >> shift) & 255]++] = e;
        }
    }
  if (pass == 3)
    {
      uint64_t *t = ls->bufA;
      ls->bufA = ls->bufB;
      ls->bufB = t;
    }
  ls->cursor = ls->N;
}

/* Levels: lk[s] = float_key of the lowest energy of the level of s (bufA
 * reused: lk in its first half, root in its second). */
static void
phase_levels (HfLandscape *ls)
{
  if (ls->cursor == 0)
    {
      ls->lk = (uint32_t *)ls->bufA;
      ls->root = (uint32_t *)ls->bufA + ls->N;
    }
  uint64_t end = ls->cursor + chunk_size (ls);
  for (uint64_t j = ls->cursor; j < end; j++)
    {
      uint64_t e = ls->bufB[j];
      float E = key_float ((uint32_t)(e >> 32));
      if (!ls->anchor_set || (double)E > (double)ls->anchor + ls->tol)
        {
          ls->anchor = E;
          ls->anchor_set = true;
        }
      ls->lk[e & 0xffffffffu] = float_key (ls->anchor);
    }
  ls->cursor = end;
  if (end == ls->N)
    {
      free (ls->bufB);
      ls->bufB = NULL;
    }
}

/* ---- descent basins ----------------------------------------------- */

/* The neighbour lowest in (level, number), if lower than s itself: keys
 * compared as one 64-bit number, without branches. */
HOT static void
descent_block (HfLandscape *ls, uint64_t begin, uint64_t end, unsigned tid)
{
  (void)tid;
  const uint32_t *lk = ls->lk;
  size_t n = ls->n;
  for (uint64_t s = begin; s < end; s++)
    {
      uint64_t best = (uint64_t)lk[s] << 32 | s;
      for (size_t i = 0; i < n; i++)
        {
          uint32_t t = (uint32_t)s ^ (1u << i);
          uint64_t k = (uint64_t)lk[t] << 32 | t;
          best = k < best ? k : best;
        }
      ls->root[s] = (uint32_t)best;
    }
}

static HfStatus
phase_roots1 (HfLandscape *ls, HfError *err)
{
  for (uint64_t s = 0; s < ls->N; s++)
    if (ls->root[s] == s)
      {
        if (ls->n_roots == ls->cap_roots)
          {
            size_t cap = ls->cap_roots ? 2 * ls->cap_roots : 256;
            uint32_t *r = realloc (ls->roots, cap * sizeof *r);
            float *l = realloc (ls->root_lvl, cap * sizeof *l);
            if (r)
              ls->roots = r;
            if (l)
              ls->root_lvl = l;
            if (!r || !l)
              return hf_error_set (err, HF_ENOMEM, "out of memory for the basins");
            ls->cap_roots = cap;
          }
        ls->roots[ls->n_roots] = (uint32_t)s;
        ls->root_lvl[ls->n_roots] = key_float (ls->lk[s]);
        ls->root[s] = RESOLVED | (uint32_t)ls->n_roots++;
      }
  size_t R = ls->n_roots;
  ls->pl_count = calloc (R, sizeof (uint64_t));
  ls->pl_best = malloc (R * sizeof (uint64_t));
  ls->min_of_root = malloc (R * sizeof (uint32_t));
  ls->root_new = calloc (R, 1);
  if (!ls->pl_count || !ls->pl_best || !ls->min_of_root || !ls->root_new)
    return hf_error_set (err, HF_ENOMEM, "out of memory for %zu basins", R);
  for (size_t r = 0; r < R; r++)
    atomic_init (&ls->pl_best[r], UINT64_MAX);
  if (R <= MAX_DENSE_BASINS && R * R * ls->threads <= ls->N / 2)
    for (unsigned t = 0; t < ls->threads; t++)
      {
        ls->dense[t] = malloc (R * R * sizeof (uint64_t));
        if (ls->dense[t] == NULL)
          return hf_error_set (err, HF_ENOMEM, "out of memory for %zu basins", R);
        memset (ls->dense[t], 0xff, R * R * sizeof (uint64_t));
      }
  ls->cursor = ls->N;
  return HF_OK;
}

static void
phase_roots2 (HfLandscape *ls)
{
  uint32_t *root = ls->root;
  uint64_t end = ls->cursor + chunk_size (ls);
  for (uint64_t s = ls->cursor; s < end; s++)
    {
      if (root[s] & RESOLVED)
        continue;
      uint32_t x = root[s];
      while (!(root[x] & RESOLVED))
        x = root[x];
      uint32_t id = root[x];
      x = (uint32_t)s;
      while (!(root[x] & RESOLVED))
        {
          uint32_t next = root[x];
          root[x] = id;
          x = next;
        }
    }
  ls->cursor = end;
}

/* ---- boundary edges ----------------------------------------------- */

static bool
map_grow (PairMap *m)
{
  size_t cap = m->cap ? 2 * m->cap : 1024;
  if (cap > MAX_PAIRS)
    return false;
  Pair *slots = malloc (cap * sizeof (Pair));
  if (slots == NULL)
    return false;
  for (size_t k = 0; k < cap; k++)
    slots[k].key = UINT64_MAX;
  for (size_t k = 0; k < m->cap; k++)
    if (m->slots[k].key != UINT64_MAX)
      {
        size_t h = (size_t)((m->slots[k].key * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
        while (slots[h].key != UINT64_MAX)
          h = (h + 1) & (cap - 1);
        slots[h] = m->slots[k];
      }
  free (m->slots);
  m->slots = slots;
  m->cap = cap;
  return true;
}

static inline bool
pair_better (float w, uint32_t saddle, const Pair *p)
{
  return w < p->w || (w == p->w && saddle < p->saddle);
}

static bool
map_put (PairMap *m, uint64_t key, float w, uint32_t saddle)
{
  if (2 * (m->used + 1) > m->cap && !map_grow (m))
    return false;
  size_t h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (m->cap - 1);
  while (m->slots[h].key != UINT64_MAX && m->slots[h].key != key)
    h = (h + 1) & (m->cap - 1);
  Pair *p = &m->slots[h];
  if (p->key == UINT64_MAX)
    {
      *p = (Pair){ key, w, saddle };
      m->used++;
    }
  else if (pair_better (w, saddle, p))
    {
      p->w = w;
      p->saddle = saddle;
    }
  return true;
}

HOT static void
edges_block (HfLandscape *ls, uint64_t begin, uint64_t end, unsigned tid)
{
  const uint32_t *lk = ls->lk;
  const uint32_t *root = ls->root;
  PairMap *m = &ls->maps[tid];
  uint64_t *dense = ls->dense[tid];
  size_t R = ls->n_roots;
  uint32_t all = (uint32_t)(ls->N - 1);
  for (uint64_t s = begin; s < end; s++)
    {
      uint32_t r = root[s] & LOWMASK, ks = lk[s];
      if (ks == float_key (ls->root_lvl[r]))
        {
          atomic_fetch_add_explicit (&ls->pl_count[r], 1, memory_order_relaxed);
          uint64_t key = (uint64_t)float_key (ls->energy[s]) << 32 | s;
          uint64_t cur = atomic_load_explicit (&ls->pl_best[r], memory_order_relaxed);
          while (key < cur && !atomic_compare_exchange_weak (&ls->pl_best[r], &cur, key))
            ;
        }
      /* Each edge once, from its end whose bit is 0. */
      for (uint32_t z = ~(uint32_t)s & all; z != 0; z &= z - 1)
        {
          uint32_t t = (uint32_t)s | (z & -z);
          uint32_t rt = root[t] & LOWMASK, kt = lk[t];
          /* The higher end is the saddle (equal levels: s, the lower number). */
          uint64_t v = kt > ks ? (uint64_t)kt << 32 | t : (uint64_t)ks << 32 | s;
          if (dense != NULL)
            {
              /* Branch-free; r == rt writes the diagonal, which is ignored. */
              uint32_t a = r < rt ? r : rt, b = r < rt ? rt : r;
              uint64_t *cell = &dense[(size_t)a * R + b];
              *cell = v < *cell ? v : *cell;
              continue;
            }
          if (rt == r)
            continue;
          uint64_t key = r < rt ? (uint64_t)r << 32 | rt : (uint64_t)rt << 32 | r;
          if (!map_put (m, key, key_float ((uint32_t)(v >> 32)), (uint32_t)v))
            {
              atomic_store (&ls->worker_oom, 1);
              return;
            }
        }
    }
}

/* ---- the tree ----------------------------------------------------- */

static int
cmp_pair_key (const void *pa, const void *pb)
{
  const Pair *a = pa, *b = pb;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  if (a->w != b->w)
    return a->w < b->w ? -1 : 1;
  return (a->saddle > b->saddle) - (a->saddle < b->saddle);
}

static int
cmp_pair_level (const void *pa, const void *pb)
{
  const Pair *a = pa, *b = pb;
  if (a->w != b->w)
    return a->w < b->w ? -1 : 1;
  return (a->saddle > b->saddle) - (a->saddle < b->saddle);
}

typedef struct
{
  uint32_t set; /* union-find representative after the level */
  long label;   /* old component's minimum, or -1 for a new basin */
  uint32_t saddle;
  uint32_t basin; /* the basin (for new roots) */
} Item;

static int
cmp_item (const void *pa, const void *pb)
{
  const Item *a = pa, *b = pb;
  if (a->set != b->set)
    return a->set < b->set ? -1 : 1;
  if (a->label != b->label)
    return a->label < b->label ? -1 : 1;
  return (a->saddle > b->saddle) - (a->saddle < b->saddle);
}

static uint32_t
uf_find (uint32_t *uf, uint32_t x)
{
  while (uf[x] != x)
    {
      uf[x] = uf[uf[x]];
      x = uf[x];
    }
  return x;
}

typedef struct
{
  uint64_t key; /* best (energy, state) of the plateau */
  uint32_t set;
  uint64_t states;
} NewMin;

static int
cmp_newmin (const void *pa, const void *pb)
{
  const NewMin *a = pa, *b = pb;
  return (a->key > b->key) - (a->key < b->key);
}

static bool
push_minimum (HfLandscape *ls, const NewMin *nm)
{
  if (ls->n_min == ls->cap_min)
    {
      size_t cap = ls->cap_min ? 2 * ls->cap_min : 64;
      HfTreeMinimum *p = realloc (ls->minima, cap * sizeof *p);
      if (p == NULL)
        return false;
      ls->minima = p;
      ls->cap_min = cap;
    }
  HfTreeMinimum *m = &ls->minima[ls->n_min++];
  memset (m, 0, sizeof *m);
  m->state = (uint32_t)(nm->key & 0xffffffffu);
  m->energy = key_float ((uint32_t)(nm->key >> 32));
  m->states = nm->states;
  m->attractor = -1;
  m->kind = HF_OUTCOME_SPURIOUS;
  m->pattern = -1;
  return true;
}

static bool
push_merge (HfLandscape *ls, size_t minimum, size_t joins, float barrier, uint32_t saddle)
{
  if (ls->n_merge == ls->cap_merge)
    {
      size_t cap = ls->cap_merge ? 2 * ls->cap_merge : 64;
      HfTreeMerge *p = realloc (ls->merges, cap * sizeof *p);
      if (p == NULL)
        return false;
      ls->merges = p;
      ls->cap_merge = cap;
    }
  ls->merges[ls->n_merge++] = (HfTreeMerge){ minimum, joins, barrier, saddle };
  return true;
}

/* One level: new basins `order[r0..r1)`, edges `E[e0..e1)`. */
static bool
tree_level (HfLandscape *ls, uint32_t *uf, long *label, const uint32_t *order, size_t r0,
            size_t r1, const Pair *E, size_t e0, size_t e1, float L, Item *items,
            NewMin *newmins)
{
  size_t ni = 0;
  /* Old labels of the edges' ends, taken before the unions. */
  for (size_t e = e0; e < e1; e++)
    {
      uint32_t ends[2] = { (uint32_t)(E[e].key >> 32), (uint32_t)E[e].key };
      for (int k = 0; k < 2; k++)
        if (ls->root_lvl[ends[k]] < L)
          items[ni++] = (Item){ ends[k], label[uf_find (uf, ends[k])], E[e].saddle, 0 };
    }
  for (size_t e = e0; e < e1; e++)
    {
      uint32_t a = uf_find (uf, (uint32_t)(E[e].key >> 32));
      uint32_t b = uf_find (uf, (uint32_t)E[e].key);
      if (a != b)
        uf[a] = b;
    }
  for (size_t k = 0; k < ni; k++)
    items[k].set = uf_find (uf, items[k].set);
  for (size_t r = r0; r < r1; r++)
    items[ni++] = (Item){ uf_find (uf, order[r]), -1, 0, order[r] };
  qsort (items, ni, sizeof (Item), cmp_item);
  size_t nn = 0;
  for (size_t a = 0; a < ni;)
    {
      size_t b = a;
      while (b < ni && items[b].set == items[a].set)
        b++;
      /* items[a..b): new basins first (label -1), then old labels ascending. */
      size_t first_old = a;
      while (first_old < b && items[first_old].label < 0)
        first_old++;
      if (first_old == b)
        {
          NewMin nm = { UINT64_MAX, items[a].set, 0 };
          for (size_t k = a; k < b; k++)
            {
              uint64_t key = atomic_load (&ls->pl_best[items[k].basin]);
              if (key < nm.key)
                nm.key = key;
              nm.states += atomic_load (&ls->pl_count[items[k].basin]);
            }
          newmins[nn++] = nm;
        }
      else
        {
          long deepest = items[first_old].label;
          long prev = deepest;
          for (size_t k = first_old + 1; k < b; k++)
            if (items[k].label != prev)
              {
                prev = items[k].label;
                if (!push_merge (ls, (size_t)prev, (size_t)deepest, L, items[k].saddle))
                  return false;
              }
          label[items[a].set] = deepest;
        }
      a = b;
    }
  qsort (newmins, nn, sizeof (NewMin), cmp_newmin);
  for (size_t k = 0; k < nn; k++)
    {
      label[newmins[k].set] = (long)ls->n_min;
      if (!push_minimum (ls, &newmins[k]))
        return false;
    }
  size_t first_new = ls->n_min - nn;
  for (size_t r = r0; r < r1; r++)
    {
      long l = label[uf_find (uf, order[r])];
      ls->min_of_root[order[r]] = (uint32_t)l;
      ls->root_new[order[r]] = (size_t)l >= first_new;
    }
  return true;
}

static HfStatus
collect_edges (HfLandscape *ls, Pair **out, size_t *count, HfError *err)
{
  size_t total = 0, R = ls->n_roots;
  for (unsigned t = 0; t < MAX_THREADS; t++)
    total += ls->maps[t].used;
  if (ls->dense[0] != NULL)
    total += R * R;
  Pair *E = malloc ((total + 1) * sizeof (Pair));
  if (E == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory for %zu basin boundaries", total);
  size_t k = 0;
  for (unsigned t = 0; t < MAX_THREADS; t++)
    {
      PairMap *m = &ls->maps[t];
      for (size_t j = 0; j < m->cap; j++)
        if (m->slots[j].key != UINT64_MAX)
          E[k++] = m->slots[j];
      free (m->slots);
      *m = (PairMap){ 0 };
    }
  for (unsigned t = 0; t < MAX_THREADS; t++)
    if (ls->dense[t] != NULL)
      {
        for (size_t a = 0; a < R; a++)
          for (size_t b = a + 1; b < R; b++)
            {
              uint64_t v = ls->dense[0][a * R + b];
              if (t > 0 && ls->dense[t][a * R + b] < v)
                ls->dense[0][a * R + b] = ls->dense[t][a * R + b];
            }
        if (t > 0)
          {
            free (ls->dense[t]);
            ls->dense[t] = NULL;
          }
      }
  if (ls->dense[0] != NULL)
    {
      for (size_t a = 0; a < R; a++)
        for (size_t b = a + 1; b < R; b++)
          {
            uint64_t v = ls->dense[0][a * R + b];
            if (v != UINT64_MAX)
              E[k++] = (Pair){ (uint64_t)a << 32 | b, key_float ((uint32_t)(v >> 32)),
                               (uint32_t)v };
          }
      free (ls->dense[0]);
      ls->dense[0] = NULL;
    }
  qsort (E, k, sizeof (Pair), cmp_pair_key);
  size_t u = 0;
  for (size_t j = 0; j < k; j++)
    if (u == 0 || E[u - 1].key != E[j].key)
      E[u++] = E[j];
  qsort (E, u, sizeof (Pair), cmp_pair_level);
  *out = E;
  *count = u;
  return HF_OK;
}

static void
attach_attractors (HfLandscape *ls)
{
  for (size_t a = 0; a < ls->n_attr; a++)
    {
      HfAttractor *at = &ls->attractors[a];
      uint32_t r = ls->root[at->state] & LOWMASK;
      at->minimum = ls->min_of_root[r];
      if (!ls->root_new[r] || key_float (ls->lk[at->state]) != ls->root_lvl[r])
        continue;
      HfTreeMinimum *m = &ls->minima[at->minimum];
      m->basin += at->basin;
      if (m->attractor < 0 || ls->attractors[m->attractor].basin < at->basin)
        {
          m->attractor = (long)a;
          m->kind = at->kind;
          m->pattern = at->pattern;
        }
    }
}

static int
cmp_u64 (const void *pa, const void *pb)
{
  uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
  return (a > b) - (a < b);
}

static HfStatus
phase_tree (HfLandscape *ls, HfError *err)
{
  Pair *E = NULL;
  size_t nE = 0;
  if (collect_edges (ls, &E, &nE, err) != HF_OK)
    return err ? err->code : HF_ENOMEM;
  size_t R = ls->n_roots;
  uint32_t *uf = malloc (R * sizeof (uint32_t));
  long *label = malloc (R * sizeof (long));
  uint32_t *order = malloc (R * sizeof (uint32_t));
  uint64_t *keys = malloc ((R + 1) * sizeof (uint64_t));
  Item *items = malloc ((2 * nE + R + 1) * sizeof (Item));
  NewMin *newmins = malloc ((R + 1) * sizeof (NewMin));
  HfStatus st = HF_OK;
  if (!uf || !label || !order || !keys || !items || !newmins)
    {
      st = hf_error_set (err, HF_ENOMEM, "out of memory for the barrier tree");
      goto out;
    }
  /* Basins by (level, number): basin indices follow state numbers. */
  for (size_t r = 0; r < R; r++)
    {
      uf[r] = (uint32_t)r;
      label[r] = -1;
      keys[r] = (uint64_t)float_key (ls->root_lvl[r]) << 32 | r;
    }
  qsort (keys, R, sizeof (uint64_t), cmp_u64);
  for (size_t r = 0; r < R; r++)
    order[r] = (uint32_t)keys[r];
  size_t ri = 0, ei = 0;
  while (ri < R || ei < nE)
    {
      float L;
      if (ri < R && (ei >= nE || ls->root_lvl[order[ri]] <= E[ei].w))
        L = ls->root_lvl[order[ri]];
      else
        L = E[ei].w;
      size_t r0 = ri, e0 = ei;
      while (ri < R && ls->root_lvl[order[ri]] == L)
        ri++;
      while (ei < nE && E[ei].w == L)
        ei++;
      if (!tree_level (ls, uf, label, order, r0, ri, E, e0, ei, L, items, newmins))
        {
          st = hf_error_set (err, HF_ENOMEM, "out of memory for the barrier tree");
          goto out;
        }
    }
  attach_attractors (ls);
  /* Keep only the basin index per state: move it to the front of bufA. */
  for (uint64_t s = 0; s < ls->N; s++)
    ((uint32_t *)ls->bufA)[s] = ls->root[s] & LOWMASK;
  uint64_t *shrunk = realloc (ls->bufA, ls->N * sizeof (uint32_t));
  if (shrunk != NULL)
    ls->bufA = shrunk;
  ls->root = (uint32_t *)ls->bufA;
  ls->lk = NULL;
  ls->cursor = ls->N;
out:
  free (E);
  free (uf);
  free (label);
  free (order);
  free (keys);
  free (items);
  free (newmins);
  return st;
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
  uint64_t block = (uint64_t)1 << (ls->n < 12 ? ls->n : 12);
  uint64_t end = ls->cursor + chunk_size (ls);
  switch (ls->phase)
    {
    case PH_ENUM:
      phase_enum (ls);
      break;
    case PH_ATTRACT:
      st = phase_attract (ls, err);
      break;
    case PH_CLASSIFY:
      st = phase_classify (ls, err);
      break;
    case PH_HIST:
      st = phase_hist (ls, err);
      break;
    case PH_SORT0:
    case PH_SORT1:
    case PH_SORT2:
    case PH_SORT3:
      phase_sort (ls, ls->phase - PH_SORT0);
      break;
    case PH_LEVELS:
      phase_levels (ls);
      break;
    case PH_DESCENT:
      parallel_range (ls, descent_block, ls->cursor, end, block);
      ls->cursor = end;
      break;
    case PH_ROOTS1:
      st = phase_roots1 (ls, err);
      break;
    case PH_ROOTS2:
      phase_roots2 (ls);
      break;
    case PH_EDGES:
      parallel_range (ls, edges_block, ls->cursor, end, block);
      ls->cursor = end;
      if (atomic_load (&ls->worker_oom))
        st = hf_error_set (err, HF_ENOMEM,
                           "this landscape has too many basin boundaries to map");
      break;
    case PH_TREE:
      st = phase_tree (ls, err);
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
