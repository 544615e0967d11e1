/* hs-recall-player.h: recall of the document's probe by its network, step
 * by step, paced on the frame clock of the widget it is attached to.
 *
 * It owns the HfRecall, follows the document (a new network, probe, clamp
 * or recall setting restarts it; a new temperature applies at once) and
 * emits "restarted" and "stepped" (const HfEvent *last or NULL, const
 * double *energies, guint count: the energy after each of the count steps
 * just made, the last one at hf_recall_steps; count is 0 after a seek, a
 * replayed stretch or a branch), and "failed" (a message)
 * when the engine refuses a setting. Long runs ("run to the
 * end", fast play) go in bounded chunks per frame, never blocking the
 * main loop. */
#pragma once

#include <gtk/gtk.h>

#include "hf-history.h"
#include "hf-recall.h"
#include "hs-document.h"

G_BEGIN_DECLS

#define HS_TYPE_RECALL_PLAYER (hs_recall_player_get_type ())
G_DECLARE_FINAL_TYPE (HsRecallPlayer, hs_recall_player, HS, RECALL_PLAYER, GObject)

HsRecallPlayer *hs_recall_player_new (HsDocument *document);
/* Paces play on widget's frame clock (weakly held). */
void hs_recall_player_attach (HsRecallPlayer *self, GtkWidget *widget);
HsDocument *hs_recall_player_get_document (HsRecallPlayer *self);
/* NULL while the document has no network. */
const HfRecall *hs_recall_player_get_recall (HsRecallPlayer *self);
/* The state to show: the recall's, or the probe without a network. */
const int8_t *hs_recall_player_get_state (HsRecallPlayer *self);
/* Fixed point or cycle reached (never under sampling at T > 0). */
gboolean hs_recall_player_is_finished (HsRecallPlayer *self);
gboolean hs_recall_player_is_stochastic (HsRecallPlayer *self);

void hs_recall_player_restart (HsRecallPlayer *self);
void hs_recall_player_step (HsRecallPlayer *self);
/* Finishes the current sweep (one synchronous update). */
void hs_recall_player_sweep (HsRecallPlayer *self);
void hs_recall_player_play (HsRecallPlayer *self);
void hs_recall_player_pause (HsRecallPlayer *self);
gboolean hs_recall_player_get_playing (HsRecallPlayer *self);
/* Deterministic modes: until a fixed point or a cycle (at most 1000
 * sweeps); sampling: 50 sweeps. As fast as frames allow, in chunks of a
 * few milliseconds; "playing" stays TRUE until it is done. */
void hs_recall_player_run_to_end (HsRecallPlayer *self);
/* ---- rewind ----
 * Every recall keeps its history (HfHistory) from its last restart. While
 * the recall stands before the last recorded step ("rewound"), stepping and
 * playing replay the record exactly; changing the mode, tie rule,
 * temperature or clamps there starts a branch at the shown step instead of
 * restarting from the probe (a new seed is a new recall: it restarts). A
 * temperature change at the live end is marked as a branch point too, so
 * that replaying repeats it. */
/* Shows the recall at step (clamped to the recorded range); FALSE without
 * a recall. Emits "stepped" with count 0. */
gboolean hs_recall_player_seek (HsRecallPlayer *self, guint64 step);
/* One step back; FALSE at the first recorded step. */
gboolean hs_recall_player_step_back (HsRecallPlayer *self);
gboolean hs_recall_player_is_rewound (HsRecallPlayer *self);
/* NULL without a recall. */
const HfHistory *hs_recall_player_get_history (HsRecallPlayer *self);

/* Updates per second while playing: from the speed the viewer set, else
 * from the document's speed setting. */
double hs_recall_player_get_rate (HsRecallPlayer *self);
/* The viewer's speed (log10 of updates per second, 0 ... 5), which then
 * wins over the document's; NAN: the document's again. */
void hs_recall_player_set_speed (HsRecallPlayer *self, double speed);

G_END_DECLS
