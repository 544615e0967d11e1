/* hf-history.c: spaced snapshots of a recall, replayed to any step. */
#include "hf-history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  HfRecallSnapshot *snap;
  size_t step;
  bool pinned; /* the start and branch points are never thinned out */
} Mark;

struct HfHistory
{
  HfRecall *r;
  Mark *marks; /* in step order; for equal steps the later one wins */
  size_t n_marks, cap_marks, n_unpinned;
  HfBranchPoint *branches;
  size_t n_branches, cap_branches;
  size_t first, last;
  size_t spacing; /* cost between snapshots: an async step costs 1, a sync one n */
  size_t bytes;
};

static size_t
step_cost (const HfHistory *h)
{
  return hf_recall_mode (h->r) == HF_UPDATE_SYNC ? hf_recall_n (h->r) : 1;
}

/* Makes room for one more element in a growing array (doubling). */
static bool
room_for_one (void **array, size_t count, size_t *cap, size_t size)
{
  if (count < *cap)
    return true;
  size_t grown = *cap ? 2 * *cap : 16;
  void *p = realloc (*array, grown * size);
  if (p == NULL)
    return false;
  *array = p;
  *cap = grown;
  return true;
}

static HfStatus
add_mark (HfHistory *h, bool pinned, HfError *err)
{
  if (!room_for_one ((void **)&h->marks, h->n_marks, &h->cap_marks, sizeof (Mark)))
    return hf_error_set (err, HF_ENOMEM, "out of memory for the recall's history");
  HfRecallSnapshot *snap = hf_recall_snapshot (h->r, err);
  if (snap == NULL)
    return HF_ENOMEM;
  h->marks[h->n_marks++] = (Mark){ snap, hf_recall_steps (h->r), pinned };
  h->n_unpinned += !pinned;
  h->bytes += hf_recall_snapshot_bytes (snap);
  return HF_OK;
}

static void
drop_mark (HfHistory *h, size_t k)
{
  h->bytes -= hf_recall_snapshot_bytes (h->marks[k].snap);
  h->n_unpinned -= !h->marks[k].pinned;
  hf_recall_snapshot_free (h->marks[k].snap);
  memmove (h->marks + k, h->marks + k + 1, (h->n_marks - k - 1) * sizeof *h->marks);
  h->n_marks--;
}

/* Drops every other unpinned snapshot and doubles the spacing. */
static void
thin (HfHistory *h)
{
  size_t kept = 0, seen = 0;
  for (size_t k = 0; k < h->n_marks; k++)
    {
      Mark m = h->marks[k];
      if (!m.pinned && (seen++ & 1))
        {
          h->bytes -= hf_recall_snapshot_bytes (m.snap);
          h->n_unpinned--;
          hf_recall_snapshot_free (m.snap);
          continue;
        }
      h->marks[kept++] = m;
    }
  h->n_marks = kept;
  h->spacing *= 2;
}

HfHistory *
hf_history_new (HfRecall *r, HfError *err)
{
  HfHistory *h = calloc (1, sizeof *h);
  if (h == NULL)
    {
      hf_error_set (err, HF_ENOMEM, "out of memory for the recall's history");
      return NULL;
    }
  h->r = r;
  h->first = h->last = hf_recall_steps (r);
  size_t n = hf_recall_n (r);
  h->spacing = n > 256 ? n : 256;
  h->bytes = sizeof *h;
  if (add_mark (h, true, err) != HF_OK)
    {
      hf_history_free (h);
      return NULL;
    }
  return h;
}

void
hf_history_free (HfHistory *h)
{
  if (h == NULL)
    return;
  for (size_t k = 0; k < h->n_marks; k++)
    hf_recall_snapshot_free (h->marks[k].snap);
  free (h->marks);
  free (h->branches);
  free (h);
}

HfStatus
hf_history_note (HfHistory *h, HfError *err)
{
  size_t now = hf_recall_steps (h->r);
  if (now <= h->last)
    return HF_OK; /* inside the record: nothing new */
  size_t since = now - h->marks[h->n_marks - 1].step;
  if (since * step_cost (h) >= h->spacing)
    {
      HfStatus st = add_mark (h, false, err);
      if (st != HF_OK)
        return st;
      if (h->n_unpinned > HF_HISTORY_MAX_SNAPSHOTS)
        thin (h);
    }
  h->last = now;
  return HF_OK;
}

/* The last snapshot at or before step. */
static size_t
mark_at_or_before (const HfHistory *h, size_t step)
{
  size_t lo = 0, hi = h->n_marks; /* marks[0].step == first <= step */
  while (hi - lo > 1)
    {
      size_t mid = (lo + hi) / 2;
      if (h->marks[mid].step <= step)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static HfStatus
restore (HfHistory *h, size_t k, HfError *err)
{
  return hf_recall_restore (h->r, h->marks[k].snap, err);
}

HfStatus
hf_history_seek (HfHistory *h, size_t step, HfEvent *event, HfError *err)
{
  HfStatus st = hf_history_note (h, err);
  if (st != HF_OK)
    return st;
  if (step < h->first || step > h->last)
    return hf_error_set (err, HF_ERANGE, "step %zu is outside the recorded %zu to %zu",
                         step, h->first, h->last);
  HfEvent local;
  HfEvent *ev = event != NULL ? event : &local;
  memset (ev, 0, sizeof *ev);
  if (step == h->first)
    {
      st = restore (h, mark_at_or_before (h, step), err);
      ev->neuron = SIZE_MAX;
      ev->energy = hf_recall_energy (h->r);
      return st;
    }
  /* reach step - 1, then take the step itself to learn what it did */
  size_t k = mark_at_or_before (h, step - 1), now = hf_recall_steps (h->r);
  if (!(now >= h->marks[k].step && now <= step - 1))
    {
      st = restore (h, k, err);
      if (st != HF_OK)
        return st;
    }
  if (!hf_recall_advance_to (h->r, step - 1, NULL)
      || !hf_recall_advance_to (h->r, step, ev))
    return hf_error_set (err, HF_ERANGE, "the recall cannot reach step %zu", step);
  /* a branch that starts here: same state, the branch's settings */
  size_t b = mark_at_or_before (h, step);
  if (h->marks[b].step == step && h->marks[b].pinned && b > k)
    st = restore (h, b, err);
  return st;
}

HfStatus
hf_history_branch (HfHistory *h, const char *label, HfError *err)
{
  size_t now = hf_recall_steps (h->r);
  if (!room_for_one ((void **)&h->branches, h->n_branches, &h->cap_branches,
                     sizeof (HfBranchPoint)))
    return hf_error_set (err, HF_ENOMEM, "out of memory for the recall's history");
  /* the future after now is gone, and so is any snapshot taken at now
   * with the old settings; the start of the history stays, and when the
   * branch starts there the new snapshot, later in order, wins */
  while (h->n_marks > 1 && h->marks[h->n_marks - 1].step >= now)
    drop_mark (h, h->n_marks - 1);
  while (h->n_branches > 0 && h->branches[h->n_branches - 1].step >= now)
    h->n_branches--;
  HfStatus st = add_mark (h, true, err);
  if (st != HF_OK)
    return st;
  HfBranchPoint *bp = &h->branches[h->n_branches++];
  bp->step = now;
  snprintf (bp->label, sizeof bp->label, "%s", label != NULL ? label : "");
  h->last = now;
  return HF_OK;
}

size_t
hf_history_first (const HfHistory *h)
{
  return h->first;
}

size_t
hf_history_last (const HfHistory *h)
{
  return h->last;
}

size_t
hf_history_n_branches (const HfHistory *h)
{
  return h->n_branches;
}

const HfBranchPoint *
hf_history_branch_point (const HfHistory *h, size_t k)
{
  return k < h->n_branches ? &h->branches[k] : NULL;
}

size_t
hf_history_n_snapshots (const HfHistory *h)
{
  return h->n_marks;
}

size_t
hf_history_bytes (const HfHistory *h)
{
  return h->bytes + h->cap_marks * sizeof (Mark)
         + h->cap_branches * sizeof (HfBranchPoint);
}
