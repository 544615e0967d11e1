/* hf-history.h: rewind a recall and show any moment of it again.
 *
 * A history follows one live HfRecall. It keeps no states per step: it
 * keeps snapshots (hf_recall_snapshot) at spaced steps, and reaches any
 * recorded step by restoring the nearest snapshot at or before it and
 * stepping forward, which repeats the original run bit for bit (same
 * fields, energy and random draws, so stochastic recall rewinds exactly).
 * When more than HF_HISTORY_MAX_SNAPSHOTS accumulate, every other one is
 * dropped and the spacing doubles, so memory stays bounded however long a
 * recall plays, and a seek never replays more than the spacing.
 *
 * Changing a setting (mode, temperature, tie rule, clamps) at a rewound step
 * starts a branch there: the recorded future is dropped and the branch point
 * is kept, with a label, for the timeline to mark.
 */
#pragma once

#include "hf-recall.h"

#define HF_HISTORY_MAX_SNAPSHOTS 512

typedef struct HfHistory HfHistory;

typedef struct
{
  size_t step;    /* the branch starts after this many steps */
  char label[64]; /* what changed, as the caller named it */
} HfBranchPoint;

/* While the recall stands before the last recorded step, move it forward
 * with hf_history_seek (which follows the record, branch points included),
 * not by stepping it: a step taken by hand from a rewound step must be
 * followed by hf_history_branch. A new probe (hf_recall_set_state) or seed
 * starts a new recall: free the history and make a new one. */

/* Starts recording r from its current step. r must outlive the history. */
HfHistory *hf_history_new (HfRecall *r, HfError *err);
void hf_history_free (HfHistory *h);

/* Call after stepping the recall (any number of steps, by any call):
 * extends the recorded range to the recall's step and takes a snapshot
 * when one is due. Fails only for lack of memory (history unchanged). */
HfStatus hf_history_note (HfHistory *h, HfError *err);

/* Puts the recall at `step` (first <= step <= last), exactly as it was
 * then; the event of that step (what the step did) goes to *event if given
 * (neuron SIZE_MAX at the first step). The recorded future stays: stepping
 * on from here repeats it. */
HfStatus hf_history_seek (HfHistory *h, size_t step, HfEvent *event, HfError *err);

/* Call after changing a setting of the recall: the future after the
 * current step is dropped and a branch point recorded there. */
HfStatus hf_history_branch (HfHistory *h, const char *label, HfError *err);

size_t hf_history_first (const HfHistory *h); /* where recording started */
size_t hf_history_last (const HfHistory *h);  /* the furthest recorded step */
size_t hf_history_n_branches (const HfHistory *h);
const HfBranchPoint *hf_history_branch_point (const HfHistory *h, size_t k);
size_t hf_history_n_snapshots (const HfHistory *h);
/* Memory held by the history, in bytes. */
size_t hf_history_bytes (const HfHistory *h);
