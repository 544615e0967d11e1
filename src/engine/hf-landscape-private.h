/* hf-landscape-private.h: what the parts of the exhaustive landscape
 * share (hf-landscape.c: options, new/free, parallel ranges, the driver,
 * results, states and layout; hf-landscape-enum.c: enumeration,
 * attractors, sort and levels, descent basins; hf-landscape-tree.c:
 * boundary edges and the barrier tree). Not installed, not for the app.
 */
#ifndef HF_LANDSCAPE_PRIVATE_H
#define HF_LANDSCAPE_PRIVATE_H

#include "hf-landscape.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define RESOLVED 0x80000000u
#define ONPATH 0x40000000u
#define LOWMASK 0x3fffffffu
#define MAX_THREADS 16
#define ENUM_BLOCK_BITS 14
#define CHUNK_BITS 20
#define MAX_PAIRS ((size_t)1 << 26)
#define MAX_DENSE_BASINS 2048
#define SORT_CHUNKS 16

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
  uint64_t chist[SORT_CHUNKS][256]; /* per chunk: counts, then positions */
  uint64_t sort_chunk;
  int sort_pass;
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

/* The hot loops, compiled twice: for AVX2 and for any x86-64 (chosen when
 * the program loads). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define HOT __attribute__ ((target_clones ("avx2", "default")))
#else
#define HOT
#endif

/* States per step of the chunked phases. */
static inline uint64_t
ls_chunk_size (const HfLandscape *ls)
{
  uint64_t c = (uint64_t)1 << CHUNK_BITS;
  return c < ls->N ? c : ls->N;
}

typedef void (*RangeFn) (HfLandscape *ls, uint64_t begin, uint64_t end, unsigned tid);

/* hf-landscape.c */
void *ls_big_alloc (size_t bytes);
void ls_parallel_range (HfLandscape *ls, RangeFn fn, uint64_t begin, uint64_t end,
                        uint64_t block);

/* hf-landscape-enum.c: the phases up to the descent basins. */
void ls_phase_enum (HfLandscape *ls);
HfStatus ls_phase_attract (HfLandscape *ls, HfError *err);
HfStatus ls_phase_classify (HfLandscape *ls, HfError *err);
HfStatus ls_phase_hist (HfLandscape *ls, HfError *err);
void ls_phase_sort (HfLandscape *ls, int pass);
void ls_phase_levels (HfLandscape *ls);
void ls_phase_descent (HfLandscape *ls);
HfStatus ls_phase_roots1 (HfLandscape *ls, HfError *err);
void ls_phase_roots2 (HfLandscape *ls);

/* hf-landscape-tree.c: boundary edges and the barrier tree. */
HfStatus ls_phase_edges (HfLandscape *ls, HfError *err);
HfStatus ls_phase_tree (HfLandscape *ls, HfError *err);

#endif
