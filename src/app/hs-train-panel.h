/* hs-train-panel.h: the learning rule, its parameters, and the training
 * worker with its progress and Cancel. The trained network goes to the
 * document; a cancelled or failed run leaves the previous one. */
#pragma once

#include <gtk/gtk.h>

#include "hf-train.h"
#include "hs-document.h"

G_BEGIN_DECLS

#define HS_TYPE_TRAIN_PANEL (hs_train_panel_get_type ())
G_DECLARE_FINAL_TYPE (HsTrainPanel, hs_train_panel, HS, TRAIN_PANEL, GtkBox)

void hs_train_panel_set_document (HsTrainPanel *self, HsDocument *document);

/* Which training parameters a rule uses, and what they are called: the
 * training panel and the preferences show the same rows. */
typedef struct
{
  gboolean learning_rate, iterations, margin, thresholds;
  const char *iterations_label, *margin_label; /* translated */
} HsRuleParams;
void hs_rule_params (HfRule rule, HsRuleParams *out);
/* Starts a worker on a copy of the library ("training" notifies). */
void hs_train_panel_train (HsTrainPanel *self);
void hs_train_panel_cancel (HsTrainPanel *self);
gboolean hs_train_panel_is_training (HsTrainPanel *self);
/* TRUE when no training worker of any panel is left running. */
gboolean hs_train_panel_workers_done (void);

G_END_DECLS
