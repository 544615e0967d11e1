#include "hf-recall.h"

#include "hf-blas.h"
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct HfRecall
{
  const HfNetwork *net;
  size_t n;
  int8_t *s;    /* state */
  int8_t *back; /* sync: the state before the last update */
  bool back_valid;
  float *sf;      /* float copy of s for sgemv */
  float *h;       /* fields */
  int8_t *next;   /* sync scratch */
  size_t *order;  /* visiting order of the current sweep */
  uint8_t *clamp; /* NULL or n flags */
  size_t n_free;
  double energy;
  HfUpdateMode mode;
  HfTieRule tie;
  double T;
  gsl_rng *rng;
  size_t pos; /* position in the sweep */
  size_t steps, sweeps, flips;
  size_t streak; /* consecutive steps without a flip */
  bool converged, cycle;
};

HfRecall *
hf_recall_new (const HfNetwork *net, HfError *err)
{
  size_t n = net->n;
  hf_gsl_init ();
  HfRecall *r = calloc (1, sizeof *r);
  if (r == NULL)
    goto oom;
  r->net = net;
  r->n = n;
  r->s = calloc (n, 1);
  r->back = calloc (n, 1);
  r->next = calloc (n, 1);
  r->sf = calloc (n, sizeof (float));
  r->h = calloc (n, sizeof (float));
  r->order = calloc (n, sizeof (size_t));
  r->rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (!r->s || !r->back || !r->next || !r->sf || !r->h || !r->order || !r->rng)
    goto oom;
  for (size_t i = 0; i < n; i++)
    {
      r->s[i] = -1;
      r->order[i] = i;
    }
  r->n_free = n;
  hf_recall_refresh (r);
  return r;
oom:
  hf_recall_free (r);
  hf_error_set (err, HF_ENOMEM, "out of memory for a recall session of %zu neurons", n);
  return NULL;
}

void
hf_recall_free (HfRecall *r)
{
  if (r == NULL)
    return;
  free (r->s);
  free (r->back);
  free (r->next);
  free (r->sf);
  free (r->h);
  free (r->order);
  free (r->clamp);
  if (r->rng)
    gsl_rng_free (r->rng);
  free (r);
}

static void
reset_progress (HfRecall *r)
{
  r->pos = 0;
  r->steps = r->sweeps = r->flips = 0;
  r->streak = 0;
  r->converged = r->cycle = false;
  r->back_valid = false;
  for (size_t i = 0; i < r->n; i++)
    r->order[i] = i;
  if (r->mode == HF_UPDATE_RANDOM || r->mode == HF_UPDATE_STOCHASTIC)
    gsl_ran_shuffle (r->rng, r->order, r->n, sizeof (size_t));
}

void
hf_recall_refresh (HfRecall *r)
{
  for (size_t i = 0; i < r->n; i++)
    r->sf[i] = r->s[i];
  hf_network_fields_f (r->net, r->sf, r->h);
  r->energy = hf_network_energy_from_fields (r->net, r->s, r->h);
}

HfStatus
hf_recall_set_state (HfRecall *r, const int8_t *s, HfError *err)
{
  for (size_t i = 0; i < r->n; i++)
    {
      if (s[i] != 1 && s[i] != -1)
        return hf_error_set (err, HF_EINVAL,
                             "state value %d at neuron %zu is not +1 or -1", s[i], i);
    }
  memcpy (r->s, s, r->n);
  hf_recall_refresh (r);
  reset_progress (r);
  return HF_OK;
}

void
hf_recall_set_mode (HfRecall *r, HfUpdateMode mode)
{
  if (mode >= HF_UPDATE_COUNT)
    return;
  r->mode = mode;
  r->converged = r->cycle = false;
  r->back_valid = false;
  r->streak = 0;
}

HfStatus
hf_recall_set_temperature (HfRecall *r, double T, HfError *err)
{
  if (!(T >= 0.0) || !isfinite (T))
    return hf_error_set (err, HF_EINVAL,
                         "the temperature must be a finite number >= 0 (got %g)", T);
  r->T = T;
  return HF_OK;
}

void
hf_recall_set_tie (HfRecall *r, HfTieRule tie)
{
  r->tie = tie;
  r->converged = false;
  r->streak = 0;
}

void
hf_recall_set_seed (HfRecall *r, unsigned long seed)
{
  gsl_rng_set (r->rng, seed);
  reset_progress (r);
}

HfStatus
hf_recall_set_clamp (HfRecall *r, const uint8_t *mask, HfError *err)
{
  uint8_t *copy = NULL;
  size_t n_free = r->n;
  if (mask != NULL)
    {
      if ((copy = malloc (r->n)) == NULL)
        return hf_error_set (err, HF_ENOMEM,
                             "out of memory for the clamp of %zu neurons; the previous "
                             "clamp is kept",
                             r->n);
      memcpy (copy, mask, r->n);
      for (size_t i = 0; i < r->n; i++)
        n_free -= copy[i] != 0;
    }
  free (r->clamp);
  r->clamp = copy;
  r->n_free = n_free;
  r->converged = false;
  r->streak = 0;
  return HF_OK;
}

HfUpdateMode
hf_recall_mode (const HfRecall *r)
{
  return r->mode;
}
double
hf_recall_temperature (const HfRecall *r)
{
  return r->T;
}
const int8_t *
hf_recall_state (const HfRecall *r)
{
  return r->s;
}
const float *
hf_recall_fields (const HfRecall *r)
{
  return r->h;
}
double
hf_recall_energy (const HfRecall *r)
{
  return r->energy;
}
size_t
hf_recall_n (const HfRecall *r)
{
  return r->n;
}
size_t
hf_recall_steps (const HfRecall *r)
{
  return r->steps;
}
size_t
hf_recall_sweeps (const HfRecall *r)
{
  return r->sweeps;
}
size_t
hf_recall_flips (const HfRecall *r)
{
  return r->flips;
}
bool
hf_recall_converged (const HfRecall *r)
{
  return r->converged;
}
bool
hf_recall_in_cycle (const HfRecall *r)
{
  return r->cycle;
}

static inline bool
is_clamped (const HfRecall *r, size_t i)
{
  return r->clamp != NULL && r->clamp[i];
}

size_t
hf_recall_next_neuron (const HfRecall *r)
{
  if (r->mode == HF_UPDATE_SYNC)
    return SIZE_MAX;
  for (size_t k = 0; k < r->n; k++)
    {
      size_t i = r->order[(r->pos + k) % r->n];
      if (!is_clamped (r, i))
        return i;
    }
  return SIZE_MAX;
}

static inline void
apply_flip (HfRecall *r, size_t i)
{
  int8_t v = (int8_t)-r->s[i];
  r->energy += 2.0 * (double)r->s[i] * (double)r->h[i];
  r->s[i] = v;
  r->sf[i] = v;
  /* h_j += J_ji (s_i' - s_i) = 2 s_i' J_ij; J symmetric, so use row i. */
  cblas_saxpy ((int)r->n, 2.0f * v, r->net->J + i * r->n, 1, r->h, 1);
  r->flips++;
}

static bool
all_free_stable (const HfRecall *r)
{
  for (size_t i = 0; i < r->n; i++)
    if (!is_clamped (r, i) && hf_decide (r->h[i], r->s[i], r->tie) != r->s[i])
      return false;
  return true;
}

static void
advance (HfRecall *r)
{
  r->steps++;
  if (++r->pos == r->n)
    {
      r->pos = 0;
      r->sweeps++;
      if (r->mode == HF_UPDATE_RANDOM || r->mode == HF_UPDATE_STOCHASTIC)
        gsl_ran_shuffle (r->rng, r->order, r->n, sizeof (size_t));
    }
}

static void
async_step (HfRecall *r, HfEvent *ev)
{
  if (r->n_free == 0)
    {
      r->converged = true;
      ev->neuron = SIZE_MAX;
      ev->energy = r->energy;
      return;
    }
  size_t i = r->order[r->pos];
  while (is_clamped (r, i))
    {
      advance (r);
      i = r->order[r->pos];
    }
  float hi = r->h[i];
  int8_t old = r->s[i], v;
  bool stochastic = r->mode == HF_UPDATE_STOCHASTIC && r->T > 0.0;
  if (stochastic)
    {
      /* Heat bath: P(s_i = +1) = 1 / (1 + exp(-2 h_i / T)). */
      double p_on = 1.0 / (1.0 + exp (-2.0 * (double)hi / r->T));
      v = gsl_rng_uniform (r->rng) < p_on ? 1 : -1;
    }
  else
    v = hf_decide (hi, old, r->tie);
  ev->neuron = i;
  ev->old_value = old;
  ev->field = hi;
  ev->threshold = r->net->theta[i];
  ev->flip_delta = 2.0 * (double)old * (double)hi;
  ev->flipped = v != old;
  ev->flips = ev->flipped;
  if (ev->flipped)
    {
      apply_flip (r, i);
      r->streak = 0;
      r->converged = false;
    }
  else if (!stochastic && ++r->streak >= r->n_free && !r->converged)
    {
      /* In sequential order n_free quiet steps visited every free neuron;
       * in random order they may not have, so check the fields (O(n)). */
      if (r->mode == HF_UPDATE_SEQUENTIAL || all_free_stable (r))
        r->converged = true;
      else
        r->streak = 0;
    }
  ev->new_value = r->s[i];
  ev->energy = r->energy;
  advance (r);
}

static void
sync_step (HfRecall *r, HfEvent *ev)
{
  size_t n = r->n, changed = 0;
  for (size_t i = 0; i < n; i++)
    {
      r->next[i] = is_clamped (r, i) ? r->s[i] : hf_decide (r->h[i], r->s[i], r->tie);
      changed += r->next[i] != r->s[i];
    }
  ev->neuron = SIZE_MAX;
  ev->flips = changed;
  ev->flipped = changed > 0;
  r->steps++;
  r->sweeps++;
  if (changed == 0)
    {
      r->converged = true;
      ev->energy = r->energy;
      return;
    }
  bool cycle = r->back_valid && memcmp (r->next, r->back, n) == 0;
  memcpy (r->back, r->s, n);
  r->back_valid = true;
  if (changed * 8 < n)
    {
      /* Few changes: incremental fields are cheaper than a full sgemv. */
      for (size_t i = 0; i < n; i++)
        if (r->next[i] != r->s[i])
          {
            r->s[i] = r->next[i];
            r->sf[i] = r->next[i];
            cblas_saxpy ((int)n, 2.0f * r->next[i], r->net->J + i * n, 1, r->h, 1);
          }
    }
  else
    {
      memcpy (r->s, r->next, n);
      for (size_t i = 0; i < n; i++)
        r->sf[i] = r->s[i];
      hf_network_fields_f (r->net, r->sf, r->h);
    }
  r->flips += changed;
  r->energy = hf_network_energy_from_fields (r->net, r->s, r->h);
  r->cycle = cycle;
  ev->energy = r->energy;
}

void
hf_recall_step (HfRecall *r, HfEvent *event)
{
  HfEvent local;
  HfEvent *ev = event != NULL ? event : &local;
  memset (ev, 0, sizeof *ev);
  if (r->mode == HF_UPDATE_SYNC)
    sync_step (r, ev);
  else
    async_step (r, ev);
}

void
hf_recall_sweep (HfRecall *r, size_t *flips)
{
  size_t before = r->flips;
  if (r->mode == HF_UPDATE_SYNC)
    hf_recall_step (r, NULL);
  else
    {
      /* Finish the current sweep: steps until the sweep counter turns
       * over (a step may skip clamped neurons, so counting steps would
       * overshoot into the next sweep). */
      HfEvent ev;
      size_t sweeps = r->sweeps;
      while (r->n_free > 0 && r->sweeps == sweeps)
        {
          if (is_clamped (r, r->order[r->pos]))
            advance (r); /* skipped here, so the sweep stops at its end */
          else
            async_step (r, &ev);
        }
    }
  if (flips != NULL)
    *flips = r->flips - before;
}

HfStatus
hf_recall_run (HfRecall *r, size_t max_sweeps)
{
  bool stochastic = r->mode == HF_UPDATE_STOCHASTIC && r->T > 0.0;
  for (size_t k = 0; k < max_sweeps; k++)
    {
      if (!stochastic && (r->converged || r->cycle))
        return HF_OK;
      hf_recall_sweep (r, NULL);
    }
  if (!stochastic && (r->converged || r->cycle))
    return HF_OK;
  return HF_DONE;
}

HfOutcome
hf_recall_classify (const HfRecall *r, const HfPatterns *stored)
{
  HfOutcome out = { HF_OUTCOME_NOT_CONVERGED, -1, 0.0, 0 };
  size_t n = r->n;
  if (stored != NULL && stored->n == n)
    {
      double best = 0.0;
      for (size_t k = 0; k < stored->m; k++)
        {
          double o = hf_overlap (hf_patterns_get (stored, k), r->s, n);
          if (out.pattern < 0 || fabs (o) > fabs (best))
            {
              best = o;
              out.pattern = (long)k;
            }
        }
      out.overlap = out.pattern >= 0 ? best : 0.0;
    }
  if (r->cycle)
    {
      out.kind = HF_OUTCOME_CYCLE;
      out.period = 2;
      return out;
    }
  if (!all_free_stable (r))
    return out;
  if (out.pattern >= 0 && out.overlap == 1.0)
    out.kind = HF_OUTCOME_PATTERN;
  else if (out.pattern >= 0 && out.overlap == -1.0)
    out.kind = HF_OUTCOME_INVERSE;
  else
    out.kind = HF_OUTCOME_SPURIOUS;
  return out;
}

static const char *const mode_names[HF_UPDATE_COUNT]
    = { "sequential", "random", "sync", "stochastic" };

const char *
hf_update_mode_name (HfUpdateMode mode)
{
  return mode < HF_UPDATE_COUNT ? mode_names[mode] : "unknown";
}

bool
hf_update_mode_from_name (const char *name, HfUpdateMode *mode)
{
  for (int k = 0; k < HF_UPDATE_COUNT; k++)
    if (strcmp (name, mode_names[k]) == 0)
      {
        *mode = (HfUpdateMode)k;
        return true;
      }
  return false;
}

const char *
hf_outcome_kind_name (HfOutcomeKind kind)
{
  switch (kind)
    {
    case HF_OUTCOME_NOT_CONVERGED:
      return "not converged";
    case HF_OUTCOME_PATTERN:
      return "pattern";
    case HF_OUTCOME_INVERSE:
      return "inverse";
    case HF_OUTCOME_SPURIOUS:
      return "spurious";
    case HF_OUTCOME_CYCLE:
      return "cycle";
    }
  return "unknown";
}

bool
hf_recall_advance_to (HfRecall *r, size_t steps, HfEvent *last)
{
  HfEvent local;
  HfEvent *ev = last != NULL ? last : &local;
  if (r->steps >= steps)
    return r->steps == steps;
  while (r->steps < steps)
    {
      memset (ev, 0, sizeof *ev);
      if (r->mode == HF_UPDATE_SYNC)
        sync_step (r, ev);
      else if (r->n_free == 0)
        return false;
      else if (is_clamped (r, r->order[r->pos]))
        {
          /* the visit of a clamped neuron: a step that changes nothing */
          ev->neuron = SIZE_MAX;
          ev->energy = r->energy;
          advance (r);
        }
      else
        async_step (r, ev);
    }
  return true;
}

struct HfRecallSnapshot
{
  struct HfRecall copy; /* scalars; the pointers below are the snapshot's own */
  size_t bytes;
};

void
hf_recall_snapshot_free (HfRecallSnapshot *snap)
{
  if (snap == NULL)
    return;
  free (snap->copy.s);
  free (snap->copy.back);
  free (snap->copy.h);
  free (snap->copy.order);
  free (snap->copy.clamp);
  if (snap->copy.rng)
    gsl_rng_free (snap->copy.rng);
  free (snap);
}

HfRecallSnapshot *
hf_recall_snapshot (const HfRecall *r, HfError *err)
{
  size_t n = r->n;
  HfRecallSnapshot *snap = calloc (1, sizeof *snap);
  if (snap == NULL)
    goto oom;
  snap->copy = *r;
  snap->copy.s = malloc (n);
  snap->copy.back = r->mode == HF_UPDATE_SYNC ? malloc (n) : NULL;
  snap->copy.h = malloc (n * sizeof (float));
  snap->copy.order = malloc (n * sizeof (size_t));
  snap->copy.clamp = r->clamp != NULL ? malloc (n) : NULL;
  snap->copy.sf = NULL;
  snap->copy.next = NULL;
  snap->copy.rng = gsl_rng_clone (r->rng);
  if (!snap->copy.s || (r->mode == HF_UPDATE_SYNC && !snap->copy.back) || !snap->copy.h
      || !snap->copy.order || (r->clamp != NULL && !snap->copy.clamp) || !snap->copy.rng)
    goto oom;
  memcpy (snap->copy.s, r->s, n);
  if (snap->copy.back)
    memcpy (snap->copy.back, r->back, n);
  memcpy (snap->copy.h, r->h, n * sizeof (float));
  memcpy (snap->copy.order, r->order, n * sizeof (size_t));
  if (snap->copy.clamp)
    memcpy (snap->copy.clamp, r->clamp, n);
  snap->bytes
      = sizeof *snap + n * (2 + sizeof (float) + sizeof (size_t)) + gsl_rng_size (r->rng);
  return snap;
oom:
  hf_recall_snapshot_free (snap);
  hf_error_set (err, HF_ENOMEM, "out of memory for a snapshot of %zu neurons", n);
  return NULL;
}

HfStatus
hf_recall_restore (HfRecall *r, const HfRecallSnapshot *snap, HfError *err)
{
  const struct HfRecall *c = &snap->copy;
  size_t n = r->n;
  if (c->n != n)
    return hf_error_set (err, HF_EINVAL, "a snapshot of %zu neurons cannot restore %zu",
                         c->n, n);
  if (c->clamp != NULL && r->clamp == NULL)
    {
      r->clamp = malloc (n); /* first, so that a failure changes nothing */
      if (r->clamp == NULL)
        return hf_error_set (err, HF_ENOMEM, "out of memory for %zu clamp flags", n);
    }
  if (c->clamp != NULL)
    memcpy (r->clamp, c->clamp, n);
  else
    {
      free (r->clamp);
      r->clamp = NULL;
    }
  memcpy (r->s, c->s, n);
  for (size_t i = 0; i < n; i++)
    r->sf[i] = r->s[i];
  if (c->back != NULL)
    memcpy (r->back, c->back, n);
  memcpy (r->h, c->h, n * sizeof (float));
  memcpy (r->order, c->order, n * sizeof (size_t));
  gsl_rng_memcpy (r->rng, c->rng);
  r->n_free = c->n_free;
  r->back_valid = c->back_valid;
  r->energy = c->energy;
  r->mode = c->mode;
  r->tie = c->tie;
  r->T = c->T;
  r->pos = c->pos;
  r->steps = c->steps;
  r->sweeps = c->sweeps;
  r->flips = c->flips;
  r->streak = c->streak;
  r->converged = c->converged;
  r->cycle = c->cycle;
  return HF_OK;
}

size_t
hf_recall_snapshot_steps (const HfRecallSnapshot *snap)
{
  return snap->copy.steps;
}

size_t
hf_recall_snapshot_bytes (const HfRecallSnapshot *snap)
{
  return snap->bytes;
}
