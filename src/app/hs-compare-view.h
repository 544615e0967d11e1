/* hs-compare-view.h: two learning rules side by side, on the document's
 * patterns and the same corrupted probe.
 *
 * Each column has its own rule (from the engine's rule table), trains its
 * own network in a worker (a GTask with a GCancellable: anything that
 * changes the patterns cancels it and its result is dropped) and recalls
 * the document's probe with the document's clamps, update mode, tie rule,
 * temperature and seed. Both recalls move in lockstep: every frame, every
 * Step and every Sweep makes both take the same number of steps (a side
 * that has reached a fixed point or a cycle waits). */
#pragma once

#include <gtk/gtk.h>

#include "hf-recall.h"
#include "hf-train.h"
#include "hs-document.h"

G_BEGIN_DECLS

#define HS_TYPE_COMPARE_VIEW (hs_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (HsCompareView, hs_compare_view, HS, COMPARE_VIEW, GtkWidget)

typedef enum
{
  HS_COMPARE_LEFT = 0,
  HS_COMPARE_RIGHT = 1,
} HsCompareSide;

GtkWidget *hs_compare_view_new (HsDocument *doc);

/* The rule of one side (defaults: Hebbian left, MPF batch right);
 * choosing one retrains that side. */
void hs_compare_view_set_rule (HsCompareView *self, HsCompareSide side, HfRule rule);
HfRule hs_compare_view_get_rule (HsCompareView *self, HsCompareSide side);
/* TRUE while either side trains. */
gboolean hs_compare_view_is_training (HsCompareView *self);
/* The side's recall, NULL while it has no network. */
const HfRecall *hs_compare_view_get_recall (HsCompareView *self, HsCompareSide side);
/* The side's trained network, NULL while it has none. */
const HfNetwork *hs_compare_view_get_network (HsCompareView *self, HsCompareSide side);
/* Both sides at a fixed point or a cycle (never while sampling at T > 0). */
gboolean hs_compare_view_is_finished (HsCompareView *self);
/* The side's outcome as shown ("Recalled pattern 3", "2-cycle", ...). */
const char *hs_compare_view_get_outcome (HsCompareView *self, HsCompareSide side);

/* Both sides back to the probe. */
void hs_compare_view_reset (HsCompareView *self);
/* count steps on each unfinished side, in lockstep (Step is count 1). */
void hs_compare_view_advance (HsCompareView *self, guint64 count);
/* Finishes the current sweep on both sides. */
void hs_compare_view_sweep (HsCompareView *self);
void hs_compare_view_play (HsCompareView *self);
void hs_compare_view_pause (HsCompareView *self);
gboolean hs_compare_view_get_playing (HsCompareView *self);
/* log10 of updates per second, 0..5 (starts at the document's speed). */
void hs_compare_view_set_speed (HsCompareView *self, double speed);

/* No compare worker is running (in any window): the application may quit. */
gboolean hs_compare_view_workers_done (void);

G_END_DECLS
