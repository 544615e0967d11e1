/* hf-landscape-tree.c: the exhaustive landscape's last phases: the
 * boundary edges between descent basins (the lowest level per pair of
 * adjacent basins, in parallel) and the barrier tree built from them level
 * by level. See hf-landscape.c for the whole.
 */
#include "hf-landscape-private.h"

#include <stdlib.h>
#include <string.h>

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

HfStatus
ls_phase_edges (HfLandscape *ls, HfError *err)
{
  uint64_t block = (uint64_t)1 << (ls->n < 12 ? ls->n : 12);
  uint64_t end = ls->cursor + ls_chunk_size (ls);
  ls_parallel_range (ls, edges_block, ls->cursor, end, block);
  ls->cursor = end;
  if (atomic_load (&ls->worker_oom))
    return hf_error_set (err, HF_ENOMEM,
                         "this landscape has too many basin boundaries to map");
  return HF_OK;
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

HfStatus
ls_phase_tree (HfLandscape *ls, HfError *err)
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
