/* hf-landscape-enum.c: the exhaustive landscape's phases up to the
 * descent basins: Gray-code enumeration (energy and F(s) per state),
 * attractors of F, the radix sort of the energies and their levels, and
 * the descent basins. See hf-landscape.c for the whole.
 */
#include "hf-landscape-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- enumeration -------------------------------------------------- */

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

void
ls_phase_enum (HfLandscape *ls)
{
  uint64_t block = (uint64_t)1 << (ls->n < ENUM_BLOCK_BITS ? ls->n : ENUM_BLOCK_BITS);
  uint64_t end = ls->cursor + ls_chunk_size (ls);
  ls_parallel_range (ls, enum_block, ls->cursor, end, block);
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
HfStatus
ls_phase_attract (HfLandscape *ls, HfError *err)
{
  uint32_t *a = ls->attr;
  uint64_t end = ls->cursor + ls_chunk_size (ls);
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
HfStatus
ls_phase_classify (HfLandscape *ls, HfError *err)
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

HfStatus
ls_phase_hist (HfLandscape *ls, HfError *err)
{
  ls->bufA = ls_big_alloc (ls->N * sizeof (uint64_t));
  ls->bufB = ls_big_alloc (ls->N * sizeof (uint64_t));
  if (ls->bufA == NULL || ls->bufB == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory to sort %llu energies",
                         (unsigned long long)ls->N);
  double scale = 0.0;
  for (uint64_t s = 0; s < ls->N; s++)
    scale = fmax (scale, fabs (ls->energy[s]));
  ls->scale = scale;
  ls->tol = ls->o.level_tolerance * scale;
  ls->cursor = ls->N;
  return HF_OK;
}

/* Radix sort of (energy key, state), 8 bits per pass: pass 0 energy -> B,
 * 1 B -> A, 2 A -> B, 3 B -> A; then the names swap so that the sorted
 * array is bufB and bufA is free for the levels. Each pass counts and
 * scatters SORT_CHUNKS fixed chunks in parallel: a chunk's positions
 * follow every earlier chunk's for the same digit, so the sort stays
 * stable whatever thread takes which chunk. */
static inline uint64_t
sort_item (const HfLandscape *ls, uint64_t j)
{
  if (ls->sort_pass == 0)
    return (uint64_t)float_key (ls->energy[j]) << 32 | j;
  return (ls->sort_pass % 2 ? ls->bufB : ls->bufA)[j];
}

static void
count_block (HfLandscape *ls, uint64_t begin, uint64_t end, unsigned tid)
{
  (void)tid;
  uint64_t *h = ls->chist[begin / ls->sort_chunk];
  int shift = 32 + 8 * ls->sort_pass;
  memset (h, 0, 256 * sizeof (uint64_t));
  for (uint64_t j = begin; j < end; j++)
    h[(sort_item (ls, j) >> shift) & 255]++;
}

static void
scatter_block (HfLandscape *ls, uint64_t begin, uint64_t end, unsigned tid)
{
  (void)tid;
  uint64_t *pos = ls->chist[begin / ls->sort_chunk];
  uint64_t *dst = ls->sort_pass % 2 ? ls->bufA : ls->bufB;
  int shift = 32 + 8 * ls->sort_pass;
  for (uint64_t j = begin; j < end; j++)
    {
      uint64_t e = sort_item (ls, j);
      dst[pos[(e >> shift) & 255]++] = e;
    }
}

void
ls_phase_sort (HfLandscape *ls, int pass)
{
  ls->sort_pass = pass;
  ls->sort_chunk = (ls->N + SORT_CHUNKS - 1) / SORT_CHUNKS;
  size_t chunks = (size_t)((ls->N + ls->sort_chunk - 1) / ls->sort_chunk);
  ls_parallel_range (ls, count_block, 0, ls->N, ls->sort_chunk);
  uint64_t sum = 0;
  for (int d = 0; d < 256; d++)
    for (size_t c = 0; c < chunks; c++)
      {
        uint64_t v = ls->chist[c][d];
        ls->chist[c][d] = sum;
        sum += v;
      }
  ls_parallel_range (ls, scatter_block, 0, ls->N, ls->sort_chunk);
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
void
ls_phase_levels (HfLandscape *ls)
{
  if (ls->cursor == 0)
    {
      ls->lk = (uint32_t *)ls->bufA;
      ls->root = (uint32_t *)ls->bufA + ls->N;
    }
  uint64_t end = ls->cursor + ls_chunk_size (ls);
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

void
ls_phase_descent (HfLandscape *ls)
{
  uint64_t block = (uint64_t)1 << (ls->n < 12 ? ls->n : 12);
  uint64_t end = ls->cursor + ls_chunk_size (ls);
  ls_parallel_range (ls, descent_block, ls->cursor, end, block);
  ls->cursor = end;
}

HfStatus
ls_phase_roots1 (HfLandscape *ls, HfError *err)
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

void
ls_phase_roots2 (HfLandscape *ls)
{
  uint32_t *root = ls->root;
  uint64_t end = ls->cursor + ls_chunk_size (ls);
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
