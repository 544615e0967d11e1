/* hs-overlap-chart.h: overlap of the state with every stored pattern. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_OVERLAP_CHART (hs_overlap_chart_get_type ())
G_DECLARE_FINAL_TYPE (HsOverlapChart, hs_overlap_chart, HS, OVERLAP_CHART, GtkWidget)

GtkWidget *hs_overlap_chart_new (void);
/* Copies count overlaps in [-1, 1]. */
void hs_overlap_chart_set (HsOverlapChart *self, const double *overlaps, guint count);
void hs_overlap_chart_draw (HsOverlapChart *self, cairo_t *cr, int width, int height);

G_END_DECLS
