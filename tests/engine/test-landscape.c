/* Tests of src/engine/hf-landscape.c: the exhaustive map against hand-derived
 * answers and against an independent, literal (slow) enumeration. */
#include <limits.h>
#include <string.h>

#include "../hf-check.h"
#include "hf-landscape.h"
#include "hf-train.h"

static HfLandscape *
map_network (const HfNetwork *net, const HfPatterns *P, HfLandscapeDynamics dyn,
             HfTieRule tie)
{
  HfLandscapeOptions o;
  hf_landscape_options_init (&o);
  o.dynamics = dyn;
  o.tie = tie;
  HfError err = { 0 };
  HfLandscape *ls = hf_landscape_new (net, P, &o, &err);
  ck_assert_msg (ls != NULL, "%s", err.message);
  ck_assert_msg (hf_landscape_run (ls, &err) == HF_OK, "%s", err.message);
  return ls;
}

static void
hebbian (HfNetwork *net, const HfPatterns *P)
{
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  HfError err = { 0 };
  ck_assert_msg (hf_train (net, P, &o, NULL, NULL, &err) == HF_OK, "%s", err.message);
}

static HfPatterns *
patterns_from (size_t n, const char *const *rows, size_t m)
{
  HfPatterns *P = hf_patterns_new (n, 1, NULL);
  int8_t s[32];
  for (size_t k = 0; k < m; k++)
    {
      for (size_t i = 0; i < n; i++)
        s[i] = rows[k][i] == '1' ? 1 : -1;
      hf_patterns_append (P, s, NULL);
    }
  return P;
}

static uint32_t
num (const char *text)
{
  uint32_t x;
  ck_assert (hf_landscape_state_parse (text, strlen (text), &x));
  return x;
}

/* One stored pattern xi = 1010 at n = 4 (Hebbian, J = xi xi^T / 4): with a
 * = the number of neurons agreeing with xi, a neuron that agrees has field
 * (2a - 5)/4 times its value and one that disagrees (2a - 3)/4, so a >= 3
 * goes to xi, a <= 1 to -xi, and a = 2 goes to xi exactly when neuron 0
 * (visited first) disagrees. Basins 8 and 8; energies -1.5 (a = 0, 4),
 * 0 (a = 1, 3), 0.5 (a = 2): two minima joined at 0.5. */
START_TEST (test_one_pattern_by_hand)
{
  const char *rows[] = { "1010" };
  HfPatterns *P = patterns_from (4, rows, 1);
  HfNetwork *net = hf_network_new (4, 1, NULL);
  hebbian (net, P);
  HfLandscape *ls = map_network (net, P, HF_LANDSCAPE_ASYNC, HF_TIE_OFF);
  size_t na, nm, ng;
  const HfAttractor *A = hf_landscape_attractors (ls, &na);
  ck_assert_uint_eq (na, 2);
  /* Equal energies: sorted by number, 1010 (5) before 0101 (10). */
  ck_assert_uint_eq (A[0].state, num ("1010"));
  ck_assert_int_eq (A[0].kind, HF_OUTCOME_PATTERN);
  ck_assert_int_eq (A[0].pattern, 0);
  ck_assert_uint_eq (A[1].state, num ("0101"));
  ck_assert_int_eq (A[1].kind, HF_OUTCOME_INVERSE);
  ck_assert_uint_eq (A[0].basin, 8);
  ck_assert_uint_eq (A[1].basin, 8);
  ck_assert_float_eq_tol (A[0].energy, -1.5, 1e-6);
  const uint32_t *of = hf_landscape_attractor_of (ls);
  for (uint32_t x = 0; x < 16; x++)
    {
      int agree = 4 - __builtin_popcount (x ^ num ("1010"));
      bool n0_disagrees = !(x & 1);
      uint32_t want = agree >= 3 || (agree == 2 && n0_disagrees) ? 0 : 1;
      ck_assert_msg (of[x] == want, "state %u ends in %u, expected %u", x, of[x], want);
    }
  const HfTreeMinimum *M = hf_landscape_minima (ls, &nm);
  const HfTreeMerge *G = hf_landscape_merges (ls, &ng);
  ck_assert_uint_eq (nm, 2);
  ck_assert_uint_eq (ng, 1);
  ck_assert_uint_eq (M[0].state, num ("1010"));
  ck_assert_uint_eq (M[1].state, num ("0101"));
  ck_assert_int_eq (M[0].kind, HF_OUTCOME_PATTERN);
  ck_assert_int_eq (M[1].kind, HF_OUTCOME_INVERSE);
  ck_assert_uint_eq (M[0].basin, 8);
  ck_assert_uint_eq (G[0].minimum, 1);
  ck_assert_uint_eq (G[0].joins, 0);
  ck_assert_float_eq_tol (G[0].barrier, 0.5, 1e-6);
  ck_assert_uint_eq (__builtin_popcount (G[0].saddle ^ num ("1010")), 2);
  hf_landscape_free (ls);
  hf_network_free (net);
  hf_patterns_free (P);
}
END_TEST

/* Two orthogonal patterns 1111 and 1100 at n = 4: Hebbian gives J_01 =
 * J_23 = 1/2 and nothing else, two independent pairs. Asynchronously each
 * pair copies its second neuron: x ends at (s1, s1, s3, s3), 4 fixed points
 * with basins of 4. Synchronously a pair swaps its two values: aligned
 * pairs are fixed, the rest are 2-cycles: 4 fixed points of basin 1 and 6
 * cycles of basin 2. E = -(s0 s1 + s2 s3)/2: four minima at -1, joined at
 * 0 by one level: 3 merges into minimum 0 (state 0000). */
START_TEST (test_two_orthogonal_by_hand)
{
  const char *rows[] = { "1111", "1100" };
  HfPatterns *P = patterns_from (4, rows, 2);
  HfNetwork *net = hf_network_new (4, 1, NULL);
  hebbian (net, P);
  HfLandscape *ls = map_network (net, P, HF_LANDSCAPE_ASYNC, HF_TIE_OFF);
  size_t na, nm, ng;
  const HfAttractor *A = hf_landscape_attractors (ls, &na);
  ck_assert_uint_eq (na, 4);
  const char *want[] = { "0000", "1100", "0011", "1111" };
  const HfOutcomeKind kinds[] = { HF_OUTCOME_INVERSE, HF_OUTCOME_PATTERN,
                                  HF_OUTCOME_INVERSE, HF_OUTCOME_PATTERN };
  const long pats[] = { 0, 1, 1, 0 };
  for (size_t k = 0; k < 4; k++)
    {
      ck_assert_uint_eq (A[k].state, num (want[k]));
      ck_assert_uint_eq (A[k].basin, 4);
      ck_assert_int_eq (A[k].kind, kinds[k]);
      ck_assert_int_eq (A[k].pattern, pats[k]);
    }
  const uint32_t *of = hf_landscape_attractor_of (ls);
  for (uint32_t x = 0; x < 16; x++)
    {
      uint32_t s1 = (x >> 1) & 1, s3 = (x >> 3) & 1;
      uint32_t end = s1 * 3 | s3 * 12;
      ck_assert_uint_eq (A[of[x]].state, end);
    }
  hf_landscape_minima (ls, &nm);
  const HfTreeMerge *G = hf_landscape_merges (ls, &ng);
  ck_assert_uint_eq (nm, 4);
  ck_assert_uint_eq (ng, 3);
  for (size_t k = 0; k < 3; k++)
    {
      ck_assert_uint_eq (G[k].minimum, k + 1);
      ck_assert_uint_eq (G[k].joins, 0);
      ck_assert_float_eq_tol (G[k].barrier, 0.0, 1e-6);
    }
  hf_landscape_free (ls);

  ls = map_network (net, P, HF_LANDSCAPE_SYNC, HF_TIE_OFF);
  A = hf_landscape_attractors (ls, &na);
  ck_assert_uint_eq (na, 10);
  size_t fixed = 0, cycles = 0;
  for (size_t k = 0; k < na; k++)
    {
      bool aligned0 = ((A[k].state >> 0) & 1) == ((A[k].state >> 1) & 1);
      bool aligned1 = ((A[k].state >> 2) & 1) == ((A[k].state >> 3) & 1);
      if (A[k].period == 1)
        {
          fixed++;
          ck_assert (aligned0 && aligned1);
          ck_assert_uint_eq (A[k].basin, 1);
        }
      else
        {
          cycles++;
          ck_assert_uint_eq (A[k].period, 2);
          ck_assert_int_eq (A[k].kind, HF_OUTCOME_CYCLE);
          ck_assert_uint_eq (A[k].basin, 2);
          /* The partner swaps every pair that is not aligned. */
          uint32_t swap = (aligned0 ? 0 : 3) | (aligned1 ? 0 : 12);
          ck_assert_uint_eq (A[k].partner, A[k].state ^ swap);
        }
    }
  ck_assert_uint_eq (fixed, 4);
  ck_assert_uint_eq (cycles, 6);
  hf_landscape_free (ls);
  hf_network_free (net);
  hf_patterns_free (P);
}
END_TEST

/* ---- an independent, literal enumeration (slow; n <= 12) ---------- */

typedef struct
{
  size_t n, N;
  float *E;
  uint32_t *end;    /* attractor representative of every start state */
  uint32_t *period; /* by representative */
  /* tree */
  size_t n_min;
  uint32_t min_state[4096];
  uint64_t min_states[4096];
  size_t n_merge;
  double merge[4096][3]; /* barrier, minimum, joins */
  long *plateau_of;      /* minimum whose plateau holds the state, or -1 */
  long *label_at_level;  /* deepest minimum of the state's component after its level */
  float *lvl;
  double tol;
} Ref;

static double
ref_field (const HfNetwork *net, const int8_t *s, size_t i)
{
  double h = -(double)net->theta[i];
  for (size_t j = 0; j < net->n; j++)
    h += (double)net->J[i * net->n + j] * s[j];
  return h;
}

static int
ref_decide (const HfNetwork *net, const int8_t *s, size_t i, HfTieRule tie)
{
  double scale = fabs ((double)net->theta[i]);
  for (size_t j = 0; j < net->n; j++)
    scale += fabs ((double)net->J[i * net->n + j]);
  double h = ref_field (net, s, i);
  if (h > 1e-6 * scale)
    return 1;
  if (h < -1e-6 * scale)
    return -1;
  return tie == HF_TIE_ON ? 1 : tie == HF_TIE_OFF ? -1 : s[i];
}

static uint32_t
ref_sync (const HfNetwork *net, uint32_t x, HfTieRule tie)
{
  int8_t s[32];
  hf_landscape_state_values (x, net->n, s);
  uint32_t y = 0;
  for (size_t i = 0; i < net->n; i++)
    if (ref_decide (net, s, i, tie) > 0)
      y |= 1u << i;
  return y;
}

static size_t
ref_find (size_t *uf, size_t x)
{
  while (uf[x] != x)
    x = uf[x] = uf[uf[x]];
  return x;
}

static const float *cmp_E;
static int
cmp_state_energy (const void *pa, const void *pb)
{
  uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
  if (cmp_E[a] != cmp_E[b])
    return cmp_E[a] < cmp_E[b] ? -1 : 1;
  return (a > b) - (a < b);
}

static int
cmp_long (const void *pa, const void *pb)
{
  long a = *(const long *)pa, b = *(const long *)pb;
  return (a > b) - (a < b);
}

typedef struct
{
  size_t comp;
  uint32_t best;
  uint64_t count;
} RefNew;

static int
cmp_refnew (const void *pa, const void *pb)
{
  const RefNew *a = pa, *b = pb;
  return cmp_state_energy (&a->best, &b->best);
}

/* The barrier tree exactly as docs/landscape.md defines it: levels of
 * states in order of energy, union-find over single-flip neighbours. */
static void
ref_tree (Ref *r)
{
  size_t N = r->N, n = r->n;
  uint32_t *order = malloc (N * sizeof (uint32_t));
  for (uint32_t x = 0; x < N; x++)
    order[x] = x;
  cmp_E = r->E;
  qsort (order, N, sizeof (uint32_t), cmp_state_energy);
  double scale = 0;
  for (size_t x = 0; x < N; x++)
    scale = fmax (scale, fabs (r->E[x]));
  r->tol = 1e-6 * scale;
  size_t *uf = malloc (N * sizeof (size_t));
  long *label = malloc (N * sizeof (long));
  bool *present = calloc (N, 1);
  bool *done = malloc (N);
  long *olds = malloc (N * n * sizeof (long));
  long *labels = malloc (N * n * sizeof (long));
  size_t *owner = malloc (N * n * sizeof (size_t));
  RefNew *fresh = malloc (N * sizeof (RefNew));
  r->plateau_of = malloc (N * sizeof (long));
  r->label_at_level = malloc (N * sizeof (long));
  r->lvl = malloc (N * sizeof (float));
  for (size_t x = 0; x < N; x++)
    {
      uf[x] = x;
      label[x] = -1;
      r->plateau_of[x] = -1;
    }
  r->n_min = r->n_merge = 0;
  for (size_t a = 0; a < N;)
    {
      float anchor = r->E[order[a]];
      size_t b = a;
      while (b < N && (double)r->E[order[b]] <= (double)anchor + r->tol)
        b++;
      /* The level is order[a..b). Old labels next to each new state. */
      size_t no = 0;
      for (size_t k = a; k < b; k++)
        {
          uint32_t s = order[k];
          r->lvl[s] = anchor;
          for (size_t i = 0; i < n; i++)
            {
              uint32_t t = s ^ (1u << i);
              if (present[t])
                {
                  owner[no] = s;
                  olds[no++] = label[ref_find (uf, t)];
                }
            }
        }
      for (size_t k = a; k < b; k++)
        present[order[k]] = true;
      for (size_t k = a; k < b; k++)
        for (size_t i = 0; i < n; i++)
          {
            uint32_t s = order[k], t = s ^ (1u << i);
            if (present[t])
              uf[ref_find (uf, s)] = ref_find (uf, t);
          }
      /* Per final component of the level: its distinct old labels. */
      size_t nf = 0;
      for (size_t k = a; k < b; k++)
        done[ref_find (uf, order[k])] = false;
      for (size_t k = a; k < b; k++)
        {
          size_t c = ref_find (uf, order[k]);
          if (done[c])
            continue;
          done[c] = true;
          size_t nl = 0;
          for (size_t q = 0; q < no; q++)
            if (ref_find (uf, owner[q]) == c)
              labels[nl++] = olds[q];
          qsort (labels, nl, sizeof (long), cmp_long);
          if (nl == 0)
            {
              /* A new minimum: its state is the lowest (energy, number). */
              RefNew f = { c, order[k], 0 };
              for (size_t q = a; q < b; q++)
                if (ref_find (uf, order[q]) == c)
                  {
                    f.count++;
                    if (cmp_state_energy (&order[q], &f.best) < 0)
                      f.best = order[q];
                  }
              fresh[nf++] = f;
            }
          else
            {
              for (size_t q = 1; q < nl; q++)
                if (labels[q] != labels[q - 1])
                  {
                    r->merge[r->n_merge][0] = anchor;
                    r->merge[r->n_merge][1] = (double)labels[q];
                    r->merge[r->n_merge][2] = (double)labels[0];
                    r->n_merge++;
                  }
              label[c] = labels[0];
            }
        }
      qsort (fresh, nf, sizeof (RefNew), cmp_refnew);
      size_t first_new = r->n_min;
      for (size_t q = 0; q < nf; q++)
        {
          r->min_state[r->n_min] = fresh[q].best;
          r->min_states[r->n_min] = fresh[q].count;
          label[fresh[q].comp] = (long)r->n_min++;
        }
      for (size_t k = a; k < b; k++)
        {
          long l = label[ref_find (uf, order[k])];
          r->label_at_level[order[k]] = l;
          if (l >= (long)first_new)
            r->plateau_of[order[k]] = l;
        }
      a = b;
    }
  free (order);
  free (uf);
  free (label);
  free (present);
  free (done);
  free (olds);
  free (labels);
  free (owner);
  free (fresh);
}

static void
ref_build (Ref *r, const HfNetwork *net, HfLandscapeDynamics dyn, HfTieRule tie)
{
  size_t n = net->n, N = (size_t)1 << n;
  r->n = n;
  r->N = N;
  r->E = malloc (N * sizeof (float));
  r->end = malloc (N * sizeof (uint32_t));
  r->period = calloc (N, sizeof (uint32_t));
  int8_t s[32];
  for (uint32_t x = 0; x < N; x++)
    {
      hf_landscape_state_values (x, n, s);
      r->E[x] = (float)test_energy (net, s);
    }
  for (uint32_t x = 0; x < N; x++)
    {
      if (dyn == HF_LANDSCAPE_ASYNC)
        {
          hf_landscape_state_values (x, n, s);
          bool changed = true;
          while (changed)
            {
              changed = false;
              for (size_t i = 0; i < n; i++)
                {
                  int v = ref_decide (net, s, i, tie);
                  if (v != s[i])
                    {
                      s[i] = (int8_t)v;
                      changed = true;
                    }
                }
            }
          r->end[x] = hf_landscape_state_number (s, n);
          r->period[r->end[x]] = 1;
        }
      else
        {
          uint32_t y = x;
          int steps = 0;
          while (ref_sync (net, ref_sync (net, y, tie), tie) != y)
            {
              y = ref_sync (net, y, tie);
              ck_assert_int_lt (++steps, 10000);
            }
          uint32_t z = ref_sync (net, y, tie);
          r->end[x] = y < z ? y : z;
          r->period[r->end[x]] = y == z ? 1 : 2;
        }
    }
  ref_tree (r);
}

static void
ref_free (Ref *r)
{
  free (r->E);
  free (r->end);
  free (r->period);
  free (r->plateau_of);
  free (r->label_at_level);
  free (r->lvl);
}

static int
cmp_merge (const void *pa, const void *pb)
{
  const double *a = pa, *b = pb;
  for (int k = 0; k < 3; k++)
    if (a[k] != b[k])
      return a[k] < b[k] ? -1 : 1;
  return 0;
}

/* Descends as hf_landscape_minimum_of documents, in the reference's levels. */
static uint32_t
ref_descend (const Ref *r, uint32_t x)
{
  for (;;)
    {
      uint32_t best = x;
      for (size_t i = 0; i < r->n; i++)
        {
          uint32_t t = x ^ (1u << i);
          if (r->lvl[t] < r->lvl[best] || (r->lvl[t] == r->lvl[best] && t < best))
            best = t;
        }
      if (best == x)
        return x;
      x = best;
    }
}

static void
compare_with_reference (const HfNetwork *net, const HfPatterns *P,
                        HfLandscapeDynamics dyn, HfTieRule tie, const char *what)
{
  Ref r;
  ref_build (&r, net, dyn, tie);
  HfLandscape *ls = map_network (net, P, dyn, tie);
  size_t N = r.N, na, nm, ng;
  const float *E = hf_landscape_energies (ls);
  for (size_t x = 0; x < N; x++)
    ck_assert_msg (fabsf (E[x] - r.E[x]) <= 1e-6f * (1 + fabsf (r.E[x])),
                   "%s: energy of %zu: %g, reference %g", what, x, E[x], r.E[x]);
  const HfAttractor *A = hf_landscape_attractors (ls, &na);
  const uint32_t *of = hf_landscape_attractor_of (ls);
  uint64_t *basin = calloc (N, sizeof (uint64_t));
  for (size_t x = 0; x < N; x++)
    {
      basin[r.end[x]]++;
      ck_assert_msg (A[of[x]].state == r.end[x], "%s: state %zu ends in %u, reference %u",
                     what, x, A[of[x]].state, r.end[x]);
    }
  size_t ref_count = 0;
  uint64_t total = 0;
  for (size_t x = 0; x < N; x++)
    if (basin[x] > 0)
      {
        ref_count++;
      }
  ck_assert_msg (na == ref_count, "%s: %zu attractors, reference %zu", what, na,
                 ref_count);
  for (size_t k = 0; k < na; k++)
    {
      ck_assert_uint_eq (A[k].basin, basin[A[k].state]);
      ck_assert_uint_eq (A[k].period, r.period[A[k].state]);
      total += A[k].basin;
      if (k > 0)
        ck_assert (A[k - 1].energy < A[k].energy
                   || (A[k - 1].energy == A[k].energy && A[k - 1].state < A[k].state));
      if (A[k].period == 1)
        {
          /* A fixed point is a single-flip minimum or on a plateau. */
          for (size_t i = 0; i < r.n; i++)
            ck_assert_msg (E[A[k].state ^ (1u << i)]
                               >= E[A[k].state] - hf_landscape_tolerance (ls),
                           "%s: fixed point %u has a lower neighbour", what, A[k].state);
          int8_t v[32];
          hf_landscape_state_values (A[k].state, r.n, v);
          long pat = P ? hf_patterns_find (P, v) : -1;
          if (pat >= 0)
            ck_assert_msg (A[k].kind == HF_OUTCOME_PATTERN && A[k].pattern == pat,
                           "%s: pattern %ld not named", what, pat);
          else if (A[k].kind == HF_OUTCOME_PATTERN)
            ck_assert_msg (false, "%s: %u named a pattern", what, A[k].state);
        }
    }
  ck_assert_uint_eq (total, N);
  /* The tree. */
  const HfTreeMinimum *M = hf_landscape_minima (ls, &nm);
  const HfTreeMerge *G = hf_landscape_merges (ls, &ng);
  ck_assert_msg (nm == r.n_min, "%s: %zu minima, reference %zu", what, nm, r.n_min);
  ck_assert_uint_eq (ng, nm - 1);
  ck_assert_uint_eq (ng, r.n_merge);
  for (size_t k = 0; k < nm; k++)
    {
      ck_assert_msg (M[k].state == r.min_state[k], "%s: minimum %zu is %u, reference %u",
                     what, k, M[k].state, r.min_state[k]);
      ck_assert_uint_eq (M[k].states, r.min_states[k]);
      ck_assert_float_eq (M[k].energy, r.E[r.min_state[k]]);
      ck_assert_uint_eq (hf_landscape_minimum_of (ls, M[k].state), k);
      /* Basins of the attractors inside the plateau. */
      uint64_t b = 0;
      for (size_t a = 0; a < na; a++)
        if (A[a].period == 1 && r.plateau_of[A[a].state] == (long)k)
          b += A[a].basin;
      ck_assert_uint_eq (M[k].basin, b);
    }
  double (*mine)[3] = malloc ((ng + 1) * sizeof *mine);
  for (size_t k = 0; k < ng; k++)
    {
      mine[k][0] = G[k].barrier;
      mine[k][1] = (double)G[k].minimum;
      mine[k][2] = (double)G[k].joins;
      ck_assert_float_eq (r.lvl[G[k].saddle], G[k].barrier);
      ck_assert_uint_lt (G[k].joins, G[k].minimum);
    }
  qsort (mine, ng, sizeof *mine, cmp_merge);
  qsort (r.merge, r.n_merge, sizeof r.merge[0], cmp_merge);
  for (size_t k = 0; k < ng; k++)
    ck_assert_msg (cmp_merge (mine[k], r.merge[k]) == 0,
                   "%s: merge %zu is (%g, %g -> %g), reference (%g, %g -> %g)", what, k,
                   mine[k][0], mine[k][1], mine[k][2], r.merge[k][0], r.merge[k][1],
                   r.merge[k][2]);
  for (uint32_t x = 0; x < N; x++)
    {
      uint32_t bottom = ref_descend (&r, x);
      ck_assert_uint_eq (hf_landscape_minimum_of (ls, x),
                         (size_t)r.label_at_level[bottom]);
    }
  free (mine);
  free (basin);
  hf_landscape_free (ls);
  ref_free (&r);
}

/* Networks of every rule, and random Gaussian and integer networks (many
 * ties and plateaus), against the literal enumeration, for both dynamics
 * and every tie rule. */
START_TEST (test_against_reference)
{
  gsl_rng *rng = test_rng (900 + (unsigned long)_i);
  char what[128];
  for (int rule = 0; rule < HF_RULE_COUNT + 2; rule++)
    {
      size_t n = 4 + gsl_rng_uniform_int (rng, 7); /* 4..10 */
      HfNetwork *net = hf_network_new (n, 1, NULL);
      HfPatterns *P = hf_patterns_new (n, 1, NULL);
      hf_patterns_add_random (P, 1 + gsl_rng_uniform_int (rng, 3), 0.5, rng, NULL);
      if (rule < HF_RULE_COUNT)
        {
          HfTrainOptions o;
          hf_train_options_init (&o, (HfRule)rule);
          o.max_iterations = 200;
          HfError err = { 0 };
          HfStatus st = hf_train (net, P, &o, NULL, NULL, &err);
          ck_assert_msg (st == HF_OK, "%s", err.message);
          /* The reference reads J as it is: make it exactly symmetric. */
          hf_network_symmetrize (net);
        }
      else if (rule == HF_RULE_COUNT)
        test_random_network (net, 1.0, 0.5, rng);
      else
        for (size_t i = 0; i < n; i++)
          {
            for (size_t j = i + 1; j < n; j++)
              net->J[i * n + j] = net->J[j * n + i]
                  = (float)((int)gsl_rng_uniform_int (rng, 3) - 1);
            net->theta[i] = (float)((int)gsl_rng_uniform_int (rng, 3) - 1);
          }
      for (int dyn = 0; dyn < 2; dyn++)
        for (int tie = 0; tie < 3; tie++)
          {
            snprintf (what, sizeof what, "rule %d n %zu dyn %d tie %d", rule, n, dyn,
                      tie);
            compare_with_reference (net, P, (HfLandscapeDynamics)dyn, (HfTieRule)tie,
                                    what);
          }
      hf_patterns_free (P);
      hf_network_free (net);
    }
  gsl_rng_free (rng);
}
END_TEST

/* One network at n = 12 large enough to use several blocks and threads. */
START_TEST (test_reference_n12_threads)
{
  gsl_rng *rng = test_rng (77);
  HfNetwork *net = hf_network_new (12, 1, NULL);
  test_random_network (net, 1.0, 0.3, rng);
  compare_with_reference (net, NULL, HF_LANDSCAPE_ASYNC, HF_TIE_OFF, "n12");
  gsl_rng_free (rng);
  hf_network_free (net);
}
END_TEST

/* The same map with 1 and 2 threads. */
START_TEST (test_threads_agree)
{
  gsl_rng *rng = test_rng (5);
  HfNetwork *net = hf_network_new (16, 1, NULL);
  test_random_network (net, 1.0, 0.2, rng);
  HfLandscape *maps[2];
  for (int t = 0; t < 2; t++)
    {
      HfLandscapeOptions o;
      hf_landscape_options_init (&o);
      o.threads = (unsigned)t + 1;
      maps[t] = hf_landscape_new (net, NULL, &o, NULL);
      ck_assert_int_eq (hf_landscape_run (maps[t], NULL), HF_OK);
    }
  size_t a0, a1, m0, m1, g0, g1;
  const HfAttractor *A0 = hf_landscape_attractors (maps[0], &a0);
  const HfAttractor *A1 = hf_landscape_attractors (maps[1], &a1);
  ck_assert_uint_eq (a0, a1);
  ck_assert_mem_eq (A0, A1, a0 * sizeof *A0);
  const HfTreeMinimum *M0 = hf_landscape_minima (maps[0], &m0);
  const HfTreeMinimum *M1 = hf_landscape_minima (maps[1], &m1);
  ck_assert_uint_eq (m0, m1);
  ck_assert_mem_eq (M0, M1, m0 * sizeof *M0);
  const HfTreeMerge *G0 = hf_landscape_merges (maps[0], &g0);
  const HfTreeMerge *G1 = hf_landscape_merges (maps[1], &g1);
  ck_assert_uint_eq (g0, g1);
  ck_assert_mem_eq (G0, G1, g0 * sizeof *G0);
  ck_assert_mem_eq (hf_landscape_energies (maps[0]), hf_landscape_energies (maps[1]),
                    sizeof (float) << 16);
  hf_landscape_free (maps[0]);
  hf_landscape_free (maps[1]);
  hf_network_free (net);
  gsl_rng_free (rng);
}
END_TEST

START_TEST (test_cancel_progress_errors)
{
  gsl_rng *rng = test_rng (3);
  HfNetwork *net = hf_network_new (18, 1, NULL);
  test_random_network (net, 1.0, 0.0, rng);
  HfError err = { 0 };
  HfLandscape *ls = hf_landscape_new (net, NULL, NULL, &err);
  atomic_int flag;
  atomic_init (&flag, 0);
  hf_landscape_set_cancel_flag (ls, &flag);
  double last = 0;
  HfStatus st;
  int calls = 0;
  while ((st = hf_landscape_iterate (ls, &err)) == HF_OK)
    {
      double p = hf_landscape_progress (ls);
      ck_assert (p >= last && p <= 1.0);
      last = p;
      if (++calls == 3)
        atomic_store (&flag, 1);
    }
  ck_assert_int_eq (st, HF_ECANCELLED);
  ck_assert (hf_landscape_energies (ls) == NULL);
  hf_landscape_free (ls);
  hf_network_free (net);

  net = hf_network_new (26, 1, NULL);
  ck_assert (hf_landscape_new (net, NULL, NULL, &err) == NULL);
  ck_assert_int_eq (err.code, HF_ERANGE);
  hf_network_free (net);
  net = hf_network_new (4, 1, NULL);
  HfPatterns *P = hf_patterns_new (5, 1, NULL);
  ck_assert (hf_landscape_new (net, P, NULL, &err) == NULL);
  ck_assert_int_eq (err.code, HF_EINVAL);
  net->J[1] = net->J[4] = 1.0f;
  net->J[4] = 1.0f + 1e-7f; /* an ulp apart: accepted */
  HfLandscape *ok = hf_landscape_new (net, NULL, NULL, &err);
  ck_assert_msg (ok != NULL, "%s", err.message);
  hf_landscape_free (ok);
  net->J[4] = 0.5f; /* not symmetric */
  ck_assert (hf_landscape_new (net, NULL, NULL, &err) == NULL);
  ck_assert_int_eq (err.code, HF_EINVAL);
  hf_patterns_free (P);
  hf_network_free (net);
  gsl_rng_free (rng);
}
END_TEST

START_TEST (test_states_and_layout)
{
  char buf[32];
  hf_landscape_state_string (num ("1101"), 4, buf);
  ck_assert_str_eq (buf, "1101");
  uint32_t x;
  ck_assert (!hf_landscape_state_parse ("1102", 4, &x));
  ck_assert (!hf_landscape_state_parse ("110", 4, &x));
  for (size_t n = 1; n <= 9; n++)
    {
      size_t w, h;
      hf_landscape_layout (n, &w, &h);
      ck_assert_uint_eq (w * h, (size_t)1 << n);
      bool *seen = calloc (w * h, 1);
      for (size_t y = 0; y < h; y++)
        for (size_t xx = 0; xx < w; xx++)
          {
            uint32_t s = hf_landscape_state_at (n, xx, y);
            ck_assert (!seen[s]);
            seen[s] = true;
            size_t px, py;
            hf_landscape_pixel_of (n, s, &px, &py);
            ck_assert (px == xx && py == y);
            if (xx + 1 < w)
              ck_assert_int_eq (
                  __builtin_popcount (s ^ hf_landscape_state_at (n, xx + 1, y)), 1);
            if (y + 1 < h)
              ck_assert_int_eq (
                  __builtin_popcount (s ^ hf_landscape_state_at (n, xx, y + 1)), 1);
          }
      free (seen);
    }
}
END_TEST

/* ---- sampled tools ------------------------------------------------ */

/* Hebbian weights of two orthogonal patterns: E = -(n/2)(ma^2 + mb^2) + 1
 * for every state, so every cell's mean is that and its spread 0. */
START_TEST (test_plane_closed_form)
{
  size_t n = 16;
  HfPatterns *P = hf_patterns_new (n, 1, NULL);
  int8_t a[16], b[16];
  for (size_t i = 0; i < n; i++)
    {
      a[i] = (i & 1) ? -1 : 1;
      b[i] = (i & 2) ? -1 : 1;
    }
  hf_patterns_append (P, a, NULL);
  hf_patterns_append (P, b, NULL);
  HfNetwork *net = hf_network_new (n, 1, NULL);
  hebbian (net, P);
  HfOverlapPlaneOptions o;
  hf_overlap_plane_options_init (&o);
  o.grid = 9;
  o.samples = 6;
  HfError err = { 0 };
  HfOverlapPlane *pl = hf_overlap_plane_new (net, P, &o, &err);
  ck_assert_msg (pl != NULL, "%s", err.message);
  ck_assert_int_eq (hf_overlap_plane_run (pl, &err), HF_OK);
  size_t G, filled = 0;
  const HfPlaneCell *C = hf_overlap_plane_cells (pl, &G);
  ck_assert_uint_eq (G, 9);
  for (size_t k = 0; k < G * G; k++)
    {
      if (C[k].samples == 0)
        continue;
      filled++;
      double want = -(double)n / 2 * (C[k].ma * C[k].ma + C[k].mb * C[k].mb) + 1.0;
      ck_assert_msg (fabs (C[k].energy_mean - want) < 1e-4,
                     "cell (%g, %g): mean %g, closed form %g", C[k].ma, C[k].mb,
                     C[k].energy_mean, want);
      ck_assert (C[k].energy_sd < 1e-4);
      ck_assert (fabs (C[k].ma - C[k].target_a) <= 0.125 + 1e-9);
    }
  /* Orthogonal: |ma| + |mb| <= 1, so the corner (1, 1) is out of reach. */
  ck_assert_uint_eq (C[G * G - 1].samples, 0);
  ck_assert (isnan (C[G * G - 1].energy_mean));
  ck_assert_uint_gt (filled, G * G / 3);
  /* At the pattern itself (ma = 1, mb = 0) nothing moves. */
  const HfPlaneCell *top = &C[(G - 1) * G + G / 2];
  ck_assert_double_eq_tol (top->ma, 1.0, 1e-12);
  ck_assert_double_eq_tol (top->mb, 0.0, 1e-12);
  ck_assert_double_eq_tol (top->drift_a, 0.0, 1e-12);
  /* Half-way to a (ma = 0.5, mb = 0): the flow points to a. */
  ck_assert (C[6 * G + G / 2].drift_a > 0.1);
  /* The same seed gives the same plane. */
  HfOverlapPlane *again = hf_overlap_plane_new (net, P, &o, &err);
  ck_assert_int_eq (hf_overlap_plane_run (again, &err), HF_OK);
  ck_assert_mem_eq (hf_overlap_plane_cells (again, &G), C, G * G * sizeof *C);
  hf_overlap_plane_free (again);
  hf_overlap_plane_free (pl);
  o.b = o.a;
  ck_assert (hf_overlap_plane_new (net, P, &o, &err) == NULL);
  ck_assert_int_eq (err.code, HF_EINVAL);
  hf_network_free (net);
  hf_patterns_free (P);
}
END_TEST

static const HfBasinRadiusResult *
radii (HfBasinRadius **keep, const HfNetwork *net, const HfPatterns *P, unsigned threads)
{
  HfBasinRadiusOptions o;
  hf_basin_radius_options_init (&o);
  o.threads = threads;
  o.seed = 11;
  HfError err = { 0 };
  *keep = hf_basin_radius_new (net, P, &o, &err);
  ck_assert_msg (*keep != NULL, "%s", err.message);
  ck_assert_msg (hf_basin_radius_run (*keep, &err) == HF_OK, "%s", err.message);
  return hf_basin_radius_results (*keep);
}

/* Hebbian at n = 100: the radius of pattern 0 does not grow as more
 * patterns are stored, one thread or two give the same radii, and a
 * pattern that is not a fixed point has radius -1. */
START_TEST (test_basin_radius)
{
  size_t n = 100;
  gsl_rng *rng = test_rng (21);
  HfPatterns *all = hf_patterns_new (n, 1, NULL);
  hf_patterns_add_random (all, 40, 0.5, rng, NULL);
  HfNetwork *net = hf_network_new (n, 1, NULL);
  long last = LONG_MAX;
  const size_t ms[] = { 1, 2, 4, 6, 9, 12 };
  for (size_t q = 0; q < sizeof ms / sizeof ms[0]; q++)
    {
      HfPatterns *P = hf_patterns_new (n, 1, NULL);
      for (size_t k = 0; k < ms[q]; k++)
        hf_patterns_append (P, hf_patterns_get (all, k), NULL);
      hebbian (net, P);
      HfBasinRadius *b1, *b2;
      const HfBasinRadiusResult *r1 = radii (&b1, net, P, 1);
      const HfBasinRadiusResult *r2 = radii (&b2, net, P, 2);
      ck_assert_mem_eq (r1, r2, ms[q] * sizeof *r1);
      if (ms[q] == 1)
        ck_assert_int_ge (r1[0].radius, 40);
      ck_assert_msg (r1[0].radius <= last, "m = %zu: radius %ld after %ld", ms[q],
                     r1[0].radius, last);
      last = r1[0].radius;
      double margins[40];
      hf_pattern_margins (net, P, margins, NULL);
      for (size_t k = 0; k < ms[q]; k++)
        {
          ck_assert_double_eq_tol (r1[k].margin, margins[k], 1e-6);
          ck_assert_int_eq (r1[k].radius >= 0, margins[k] > 0);
          ck_assert (r1[k].radius < 0 || r1[k].share_at_radius >= 0.9);
        }
      hf_basin_radius_free (b1);
      hf_basin_radius_free (b2);
      hf_patterns_free (P);
    }
  ck_assert_int_lt (last, 40);
  /* Overloaded: some pattern is not a fixed point. */
  hebbian (net, all);
  HfBasinRadius *b;
  const HfBasinRadiusResult *r = radii (&b, net, all, 2);
  bool some_unstable = false;
  for (size_t k = 0; k < all->m; k++)
    if (r[k].margin < 0)
      {
        some_unstable = true;
        ck_assert_int_eq (r[k].radius, -1);
      }
  ck_assert (some_unstable);
  hf_basin_radius_free (b);
  hf_network_free (net);
  hf_patterns_free (all);
  gsl_rng_free (rng);
}
END_TEST

START_TEST (test_stability)
{
  gsl_rng *rng = test_rng (8);
  size_t n = 30;
  HfNetwork *net = hf_network_new (n, 1, NULL);
  test_random_network (net, 1.0, 0.5, rng);
  HfPatterns *P = hf_patterns_new (n, 1, NULL);
  hf_patterns_add_random (P, 70, 0.5, rng, NULL);
  double margins[70];
  ck_assert_int_eq (hf_pattern_margins (net, P, margins, NULL), HF_OK);
  float st[30];
  for (size_t k = 0; k < P->m; k++)
    {
      const int8_t *s = hf_patterns_get (P, k);
      ck_assert_int_eq (hf_stability (net, s, st, NULL), HF_OK);
      double m = INFINITY;
      for (size_t i = 0; i < n; i++)
        {
          double h = -(double)net->theta[i];
          for (size_t j = 0; j < n; j++)
            h += (double)net->J[i * n + j] * s[j];
          ck_assert_double_eq_tol (st[i], s[i] * h, 1e-4);
          m = fmin (m, s[i] * h);
        }
      ck_assert_double_eq_tol (margins[k], m, 1e-4);
    }
  hf_patterns_free (P);
  hf_network_free (net);
  gsl_rng_free (rng);
}
END_TEST

static Suite *
landscape_suite (void)
{
  Suite *s = suite_create ("landscape");
  TCase *tc = tcase_create ("map");
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_one_pattern_by_hand);
  tcase_add_test (tc, test_two_orthogonal_by_hand);
  tcase_add_loop_test (tc, test_against_reference, 0, 3);
  tcase_add_test (tc, test_reference_n12_threads);
  tcase_add_test (tc, test_threads_agree);
  tcase_add_test (tc, test_cancel_progress_errors);
  tcase_add_test (tc, test_states_and_layout);
  suite_add_tcase (s, tc);
  TCase *ts = tcase_create ("sampled");
  tcase_set_timeout (ts, 600);
  tcase_add_test (ts, test_plane_closed_form);
  tcase_add_test (ts, test_basin_radius);
  tcase_add_test (ts, test_stability);
  suite_add_tcase (s, ts);
  return s;
}

HF_TEST_MAIN (landscape_suite)
