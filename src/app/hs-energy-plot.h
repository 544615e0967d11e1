/* hs-energy-plot.h: energy of the recall state over steps, drawn live. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_ENERGY_PLOT (hs_energy_plot_get_type ())
G_DECLARE_FINAL_TYPE (HsEnergyPlot, hs_energy_plot, HS, ENERGY_PLOT, GtkWidget)

GtkWidget *hs_energy_plot_new (void);
void hs_energy_plot_clear (HsEnergyPlot *self);
/* Appends a point; long runs are thinned to a bounded number of points,
 * always keeping the newest. */
void hs_energy_plot_add (HsEnergyPlot *self, double step, double energy);
guint hs_energy_plot_get_n_points (HsEnergyPlot *self);
/* Drops the points after step (a branch replaces the recorded future). */
void hs_energy_plot_truncate (HsEnergyPlot *self, double step);
/* Marks the step on show with a vertical line (negative: none, as at the
 * live end of a recall). */
void hs_energy_plot_set_cursor (HsEnergyPlot *self, double step);
double hs_energy_plot_get_cursor (HsEnergyPlot *self);
void hs_energy_plot_draw (HsEnergyPlot *self, cairo_t *cr, int width, int height);

G_END_DECLS
