/* hs-recall-panel.h: recall settings and controls, what happened at the
 * last step, the energy plot and the overlap chart. It observes the
 * recall player and writes its settings to the document. */
#pragma once

#include <gtk/gtk.h>

#include "hs-recall-player.h"

G_BEGIN_DECLS

#define HS_TYPE_RECALL_PANEL (hs_recall_panel_get_type ())
G_DECLARE_FINAL_TYPE (HsRecallPanel, hs_recall_panel, HS, RECALL_PANEL, GtkBox)

void hs_recall_panel_set_player (HsRecallPanel *self, HsRecallPlayer *player);

/* Presentation (projector mode): the recall settings (update mode, zero
 * field, temperature, speed, seed) hidden, so the controls, the outcome and
 * the plots get the room. */
void hs_recall_panel_set_presenting (HsRecallPanel *self, gboolean presenting);

/* An update mode's name, as the recall panel and the preferences show it
 * (translated). */
const char *hs_update_mode_label (HfUpdateMode mode);

G_END_DECLS
