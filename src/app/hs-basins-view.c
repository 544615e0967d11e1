/* hs-basins-view.c: basin radius and margin bars, measured in the background. */
#include "hs-basins-view.h"

#include <glib/gi18n.h>

#include "hf-landscape.h"
#include "hp-basins.h"
#include "hp-colorbar.h"
#include "hs-plot-style.h"
#include "hs-view-util.h"

struct _HsBasinsView
{
  GtkWidget parent_instance;
  GtkWidget *area, *progress, *button;
  HsNetData *data;
  HsJob *job;
  HfBasinRadiusResult *results; /* one per pattern, NULL until measured */
  double share;
  guint trials;  /* 0: by the network's size */
  char *message; /* why there are no results */
};

G_DEFINE_FINAL_TYPE (HsBasinsView, hs_basins_view, GTK_TYPE_WIDGET)

typedef struct
{
  HsNetData *data;
  HfBasinRadiusOptions opts;
  HfBasinRadiusResult *results;
} BasinsJob;

static void
basins_job_free (gpointer p)
{
  BasinsJob *bj = p;
  hs_net_data_unref (bj->data);
  g_free (bj->results);
  g_free (bj);
}

static gboolean
basins_work (HsJob *job, gpointer data, GError **error)
{
  BasinsJob *bj = data;
  HfError err = { 0 };
  HfBasinRadius *b
      = hf_basin_radius_new (bj->data->net, bj->data->patterns, &bj->opts, &err);
  if (!b)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
      return FALSE;
    }
  hf_basin_radius_set_cancel_flag (b, hs_job_cancel_flag (job));
  HfStatus st;
  while ((st = hf_basin_radius_iterate (b, &err)) == HF_OK)
    hs_job_set_progress (job, hf_basin_radius_progress (b));
  if (st == HF_DONE)
    bj->results = g_memdup2 (hf_basin_radius_results (b),
                             bj->data->patterns->m * sizeof (HfBasinRadiusResult));
  else
    g_set_error_literal (error, G_IO_ERROR,
                         st == HF_ECANCELLED ? G_IO_ERROR_CANCELLED : G_IO_ERROR_FAILED,
                         err.message);
  hf_basin_radius_free (b);
  return st == HF_DONE;
}

static void
set_busy (HsBasinsView *self, gboolean busy)
{
  gtk_widget_set_visible (self->progress, busy);
  gtk_button_set_label (GTK_BUTTON (self->button), busy ? _ ("Cancel") : _ ("Measure"));
  gtk_widget_set_visible (self->button, busy || (self->data && !self->results));
  gtk_widget_queue_draw (self->area);
}

static void
basins_done (GObject *owner, gpointer data, const GError *error)
{
  HsBasinsView *self = HS_BASINS_VIEW (owner);
  BasinsJob *bj = data;
  self->job = NULL;
  g_clear_pointer (&self->message, g_free);
  if (error)
    self->message = g_strdup (error->message);
  else
    {
      self->results = g_steal_pointer (&bj->results);
      self->share = bj->opts.share;
    }
  set_busy (self, FALSE);
}

static void
basins_tick (GObject *owner, double progress)
{
  HsBasinsView *self = HS_BASINS_VIEW (owner);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), progress);
  gtk_widget_queue_draw (self->area);
}

static void
start (HsBasinsView *self)
{
  g_clear_pointer (&self->job, hs_job_cancel);
  g_clear_pointer (&self->results, g_free);
  g_clear_pointer (&self->message, g_free);
  if (!self->data || !self->data->patterns || self->data->patterns->m == 0)
    {
      set_busy (self, FALSE);
      return;
    }
  BasinsJob *bj = g_new0 (BasinsJob, 1);
  bj->data = hs_net_data_ref (self->data);
  hf_basin_radius_options_init (&bj->opts);
  bj->opts.seed = 1;
  if (self->trials > 0)
    bj->opts.trials = self->trials;
  else if (self->data->net->n > 1024)
    bj->opts.trials = 24; /* 64 x 64: a trial costs about d n; keep it to seconds */
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0);
  self->job = hs_job_run (G_OBJECT (self), basins_work, basins_done, basins_tick, bj,
                          basins_job_free);
  set_busy (self, TRUE);
}

static void
on_button (GtkButton *button, gpointer user_data)
{
  HsBasinsView *self = user_data;
  if (self->job)
    {
      g_clear_pointer (&self->job, hs_job_cancel);
      g_free (self->message);
      self->message = g_strdup (_ ("Cancelled: press Measure to start again."));
      set_busy (self, FALSE);
    }
  else
    start (self);
}

gboolean
hs_basins_view_set_network (HsBasinsView *self, const HfNetwork *net,
                            const HfPatterns *patterns, guint width, guint height,
                            GError **error)
{
  g_return_val_if_fail (HS_IS_BASINS_VIEW (self), FALSE);
  HsNetData *data = NULL;
  if (net && !(data = hs_net_data_new (net, patterns, width, height, error)))
    return FALSE;
  g_clear_pointer (&self->data, hs_net_data_unref);
  self->data = data;
  start (self);
  return TRUE;
}

void
hs_basins_view_set_trials (HsBasinsView *self, guint trials)
{
  g_return_if_fail (HS_IS_BASINS_VIEW (self));
  if (trials == self->trials)
    return;
  self->trials = trials;
  if (self->data)
    start (self);
}

gboolean
hs_basins_view_is_busy (HsBasinsView *self)
{
  g_return_val_if_fail (HS_IS_BASINS_VIEW (self), FALSE);
  return self->job != NULL;
}

void
hs_basins_view_draw (HsBasinsView *self, cairo_t *cr, int width, int height)
{
  g_return_if_fail (HS_IS_BASINS_VIEW (self));
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  HpRect area = { 0, 0, width, height };
  if (self->results)
    hp_basins_draw (cr, &style, area, self->results, self->data->patterns->m,
                    self->data->net->n, self->share);
  else if (self->job)
    {
      char *text = g_strdup_printf (_ ("Measuring basins… %.0f%%"),
                                    100 * hs_job_get_progress (self->job));
      hp_progress_draw (cr, &style, area, text, hs_job_get_progress (self->job));
      g_free (text);
    }
  else if (self->message)
    hp_progress_draw (cr, &style, area, self->message, -1);
  else if (self->data)
    hp_progress_draw (cr, &style, area, _ ("No stored patterns"), -1);
  else
    hp_progress_draw (cr, &style, area, _ ("Train a network to see its basins"), -1);
}

static void
export_draw (cairo_t *cr, int width, int height, void *data)
{
  hs_basins_view_draw (data, cr, width, height);
}

gboolean
hs_basins_view_export (HsBasinsView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_BASINS_VIEW (self), FALSE);
  return hs_view_export (self->area, path, 0, 0, export_draw, self, error);
}

gboolean
hs_basins_view_export_csv (HsBasinsView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_BASINS_VIEW (self), FALSE);
  if (!self->results)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("There are no basins to export yet."));
      return FALSE;
    }
  HsCsv *csv = hs_csv_open (path, error);
  if (!csv)
    return FALSE;
  hs_csv_text (csv, "pattern,radius,share_at_radius,margin");
  hs_csv_end_row (csv);
  for (size_t k = 0; k < self->data->patterns->m; k++)
    {
      hs_csv_int (csv, (gint64)k);
      hs_csv_sep (csv);
      hs_csv_int (csv, self->results[k].radius);
      hs_csv_sep (csv);
      hs_csv_double (csv, self->results[k].share_at_radius);
      hs_csv_sep (csv);
      hs_csv_double (csv, self->results[k].margin);
      hs_csv_end_row (csv);
    }
  return hs_csv_close (csv, error);
}

static void
area_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  hs_basins_view_draw (user_data, cr, width, height);
}

static void
hs_basins_view_dispose (GObject *object)
{
  HsBasinsView *self = HS_BASINS_VIEW (object);
  g_clear_pointer (&self->job, hs_job_cancel);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (hs_basins_view_parent_class)->dispose (object);
}

static void
hs_basins_view_finalize (GObject *object)
{
  HsBasinsView *self = HS_BASINS_VIEW (object);
  g_clear_pointer (&self->data, hs_net_data_unref);
  g_free (self->results);
  g_free (self->message);
  G_OBJECT_CLASS (hs_basins_view_parent_class)->finalize (object);
}

static void
hs_basins_view_class_init (HsBasinsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = hs_basins_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = hs_basins_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "basinsview");
}

static void
hs_basins_view_init (HsBasinsView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), 280);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 220);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), area_draw, self, NULL);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _ ("Basin radius and margin of each stored pattern"), -1);
  gtk_widget_set_parent (self->area, GTK_WIDGET (self));
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 4);
  gtk_widget_set_margin_bottom (bar, 4);
  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_hexpand (self->progress, TRUE);
  gtk_widget_set_valign (self->progress, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Measuring basins"),
                                  -1);
  self->button = gtk_button_new_with_label (_ ("Measure"));
  gtk_widget_set_halign (self->button, GTK_ALIGN_END);
  g_signal_connect (self->button, "clicked", G_CALLBACK (on_button), self);
  gtk_box_append (GTK_BOX (bar), self->progress);
  gtk_box_append (GTK_BOX (bar), self->button);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  set_busy (self, FALSE);
}

GtkWidget *
hs_basins_view_new (void)
{
  return g_object_new (HS_TYPE_BASINS_VIEW, NULL);
}
