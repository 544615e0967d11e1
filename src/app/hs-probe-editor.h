/* hs-probe-editor.h: the canvas and its tools: grid size, draw / clamp /
 * occlude, the Edit menu, shifts, zoom, corruption and the image import
 * bar. It shows the recall player's state and edits the document's probe. */
#pragma once

#include <gtk/gtk.h>

#include "hf-image.h"
#include "hs-pattern-canvas.h"
#include "hs-recall-player.h"

G_BEGIN_DECLS

#define HS_TYPE_PROBE_EDITOR (hs_probe_editor_get_type ())
G_DECLARE_FINAL_TYPE (HsProbeEditor, hs_probe_editor, HS, PROBE_EDITOR, GtkBox)

void hs_probe_editor_set_player (HsProbeEditor *self, HsRecallPlayer *player);
HsPatternCanvas *hs_probe_editor_get_canvas (HsProbeEditor *self);
/* +1 bigger cells, -1 smaller, 0 fit the grid to the view. */
void hs_probe_editor_zoom (HsProbeEditor *self, int direction);
/* Corrupts the clean source by the percentage in the editor. */
void hs_probe_editor_corrupt (HsProbeEditor *self);
/* One image: shows the import bar with a live threshold (takes over
 * image and cells, the image averaged onto the current grid). */
void hs_probe_editor_import (HsProbeEditor *self, const char *name, HfImage *image,
                             float *cells);
/* The import bar's threshold applied to cells (n of them); returns it. */
double hs_probe_editor_threshold (HsProbeEditor *self, const float *cells, int8_t *out);
void hs_probe_editor_import_close (HsProbeEditor *self);
gboolean hs_probe_editor_is_importing (HsProbeEditor *self);
void hs_probe_editor_set_grid_sensitive (HsProbeEditor *self, gboolean sensitive);
/* Presentation (projector mode): the drawing and editing toolbars hidden,
 * so the canvas takes their room. */
void hs_probe_editor_set_presenting (HsProbeEditor *self, gboolean presenting);

G_END_DECLS
