/* hs-lab-view.h: the experiments lab (issue 10, "In the studio").
 *
 * Pick one of the paper's experiments and its parameters (the paper's
 * defaults, or Quick sizes for a demonstration in seconds), run it in the
 * background on every core with progress, time left and Cancel, and watch
 * the plot fill in row by row. Fig. 1 shows the image grid; clicking a
 * panel emits "image-activated" (const int8_t *state, guint width, guint
 * height) with that panel's state. Plots export as PNG/SVG, tables as CSV.
 * A finished run can be kept in the session (the document), and a kept
 * result shown again without recomputing. */
#pragma once

#include <gtk/gtk.h>

#include "hs-document.h"

G_BEGIN_DECLS

#define HS_TYPE_LAB_VIEW (hs_lab_view_get_type ())
G_DECLARE_FINAL_TYPE (HsLabView, hs_lab_view, HS, LAB_VIEW, GtkWidget)

typedef enum
{
  HS_LAB_CAPACITY,
  HS_LAB_TIMING,
  HS_LAB_DENOISE,
  HS_LAB_NOISY,
  HS_LAB_IMAGES,
  HS_LAB_SCALING,
  HS_LAB_MARGIN,
} HsLabKind;

GtkWidget *hs_lab_view_new (void);
/* Chooses the experiment and fills its parameters with the defaults. */
void hs_lab_view_set_kind (HsLabView *self, HsLabKind kind);
void hs_lab_view_set_quick (HsLabView *self, gboolean quick);
/* Sets parameter `param` (LabParam in hs-lab-run.h) of the current kind. */
void hs_lab_view_set_param (HsLabView *self, guint param, const char *text);
/* Emits "image-activated" for the Fig. 1 panel at (x, y) of the grid;
 * FALSE when there is none. */
gboolean hs_lab_view_activate_at (HsLabView *self, double x, double y);
/* Starts a run with the parameters shown; FALSE with error on bad input. */
gboolean hs_lab_view_run (HsLabView *self, GError **error);
void hs_lab_view_cancel (HsLabView *self);
gboolean hs_lab_view_is_busy (HsLabView *self);
/* No run's thread is still going (a cancelled one ends at its next check). */
gboolean hs_lab_view_workers_done (void);
/* Rows of the table filled so far, and whether the last run completed. */
gsize hs_lab_view_rows_done (HsLabView *self);
gboolean hs_lab_view_has_result (HsLabView *self);
/* Draws the plot (or the Fig. 1 grid) as the view shows it. */
void hs_lab_view_draw (HsLabView *self, cairo_t *cr, int width, int height);
gboolean hs_lab_view_export (HsLabView *self, const char *path, GError **error);
gboolean hs_lab_view_export_csv (HsLabView *self, const char *path, GError **error);

/* ---- results kept in the session (hs-lab-kept.c) ---- */
/* The document whose kept results the Lab lists and adds to. */
void hs_lab_view_set_document (HsLabView *self, HsDocument *doc);
/* Keeps the finished run shown in the document, with a label (may be
 * empty); FALSE with error when there is none or it is kept already. */
gboolean hs_lab_view_keep (HsLabView *self, const char *label, GError **error);
/* Shows kept result `index` as it was saved (plot, table, Fig. 1 grid) and
 * fills the form with its parameters; FALSE with error when it cannot be
 * read back. */
gboolean hs_lab_view_show_kept (HsLabView *self, guint index, GError **error);
gboolean hs_lab_view_is_showing_kept (HsLabView *self);
/* Deletes kept result `index` without asking (the Delete button asks). */
void hs_lab_view_delete_kept (HsLabView *self, guint index);

G_END_DECLS
