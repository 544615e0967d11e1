/* hs-plane-view.c: the overlap plane, sampled in the background. */
#include "hs-plane-view.h"

#include <glib/gi18n.h>

#include "hf-landscape.h"
#include "hp-colorbar.h"
#include "hp-plane.h"
#include "hs-plot-style.h"
#include "hs-view-util.h"

/* A trajectory keeps at most this many points (the newest). */
#define MAX_POINTS 20000

struct _HsPlaneView
{
  GtkWidget parent_instance;
  GtkWidget *area, *choose_a, *choose_b, *progress, *button;
  HsNetData *data;
  guint a, b;
  HsJob *job;
  HfPlaneCell *cells; /* grid * grid, NULL until sampled */
  size_t grid;
  GArray *trail; /* doubles, (m_a, m_b) pairs */
  char *message;
  gboolean syncing; /* setting the choosers from code */
};

G_DEFINE_FINAL_TYPE (HsPlaneView, hs_plane_view, GTK_TYPE_WIDGET)

typedef struct
{
  HsNetData *data;
  HfOverlapPlaneOptions opts;
  HfPlaneCell *cells;
} PlaneJob;

static void
plane_job_free (gpointer p)
{
  PlaneJob *pj = p;
  hs_net_data_unref (pj->data);
  g_free (pj->cells);
  g_free (pj);
}

static gboolean
plane_work (HsJob *job, gpointer data, GError **error)
{
  PlaneJob *pj = data;
  HfError err = { 0 };
  HfOverlapPlane *pl
      = hf_overlap_plane_new (pj->data->net, pj->data->patterns, &pj->opts, &err);
  if (!pl)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
      return FALSE;
    }
  hf_overlap_plane_set_cancel_flag (pl, hs_job_cancel_flag (job));
  HfStatus st;
  while ((st = hf_overlap_plane_iterate (pl, &err)) == HF_OK)
    hs_job_set_progress (job, hf_overlap_plane_progress (pl));
  if (st == HF_DONE)
    {
      size_t grid = 0;
      const HfPlaneCell *cells = hf_overlap_plane_cells (pl, &grid);
      pj->cells = g_memdup2 (cells, grid * grid * sizeof *cells);
    }
  else
    g_set_error_literal (error, G_IO_ERROR,
                         st == HF_ECANCELLED ? G_IO_ERROR_CANCELLED : G_IO_ERROR_FAILED,
                         err.message);
  hf_overlap_plane_free (pl);
  return st == HF_DONE;
}

static void
set_busy (HsPlaneView *self, gboolean busy)
{
  gtk_widget_set_visible (self->progress, busy);
  gtk_button_set_label (GTK_BUTTON (self->button), busy ? _ ("Cancel") : _ ("Sample"));
  gboolean usable = self->data && self->data->patterns && self->data->patterns->m >= 2;
  gtk_widget_set_visible (self->button, busy || (usable && !self->cells));
  gtk_widget_set_sensitive (self->choose_a, usable);
  gtk_widget_set_sensitive (self->choose_b, usable);
  gtk_widget_queue_draw (self->area);
}

static void
plane_done (GObject *owner, gpointer data, const GError *error)
{
  HsPlaneView *self = HS_PLANE_VIEW (owner);
  PlaneJob *pj = data;
  self->job = NULL;
  g_clear_pointer (&self->message, g_free);
  if (error)
    self->message = g_strdup (error->message);
  else
    {
      self->cells = g_steal_pointer (&pj->cells);
      self->grid = pj->opts.grid;
    }
  set_busy (self, FALSE);
}

static void
plane_tick (GObject *owner, double progress)
{
  HsPlaneView *self = HS_PLANE_VIEW (owner);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), progress);
  gtk_widget_queue_draw (self->area);
}

static void
start (HsPlaneView *self)
{
  g_clear_pointer (&self->job, hs_job_cancel);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->message, g_free);
  if (!self->data || !self->data->patterns || self->data->patterns->m < 2)
    {
      set_busy (self, FALSE);
      return;
    }
  PlaneJob *pj = g_new0 (PlaneJob, 1);
  pj->data = hs_net_data_ref (self->data);
  hf_overlap_plane_options_init (&pj->opts);
  pj->opts.a = self->a;
  pj->opts.b = self->b;
  /* small grids: one cell per reachable overlap (steps of 2/n) */
  if (self->data->net->n <= 40)
    pj->opts.grid = self->data->net->n + 1;
  else if (self->data->net->n > 1024)
    {
      /* 64 x 64: each sample costs n^2; a coarser plane keeps it to seconds */
      pj->opts.grid = 15;
      pj->opts.samples = 6;
    }
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0);
  self->job = hs_job_run (G_OBJECT (self), plane_work, plane_done, plane_tick, pj,
                          plane_job_free);
  set_busy (self, TRUE);
}

static void
on_button (GtkButton *button, gpointer user_data)
{
  HsPlaneView *self = user_data;
  if (self->job)
    {
      g_clear_pointer (&self->job, hs_job_cancel);
      g_free (self->message);
      self->message = g_strdup (_ ("Cancelled: press Sample to start again."));
      set_busy (self, FALSE);
    }
  else
    start (self);
}

static void
sync_choosers (HsPlaneView *self)
{
  self->syncing = TRUE;
  GtkStringList *list = gtk_string_list_new (NULL);
  size_t m = self->data && self->data->patterns ? self->data->patterns->m : 0;
  for (size_t k = 0; k < m; k++)
    {
      char *name = g_strdup_printf (_ ("Pattern %zu"), k);
      gtk_string_list_append (list, name);
      g_free (name);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->choose_a), G_LIST_MODEL (list));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->choose_b), G_LIST_MODEL (list));
  g_object_unref (list);
  if (m >= 2)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->choose_a), self->a);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->choose_b), self->b);
    }
  self->syncing = FALSE;
}

void
hs_plane_view_set_patterns (HsPlaneView *self, guint a, guint b)
{
  g_return_if_fail (HS_IS_PLANE_VIEW (self));
  size_t m = self->data && self->data->patterns ? self->data->patterns->m : 0;
  if (a == b || a >= m || b >= m
      || (a == self->a && b == self->b && (self->cells || self->job)))
    {
      sync_choosers (self); /* undo an impossible choice in the choosers */
      return;
    }
  self->a = a;
  self->b = b;
  sync_choosers (self);
  hs_plane_view_clear_points (self);
  start (self);
}

static void
on_chosen (GObject *dropdown, GParamSpec *pspec, gpointer user_data)
{
  HsPlaneView *self = user_data;
  if (self->syncing)
    return;
  guint a = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->choose_a));
  guint b = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->choose_b));
  if (a == b)
    {
      /* choosing the other axis's pattern swaps the two */
      if (G_OBJECT (self->choose_a) == dropdown)
        b = self->a;
      else
        a = self->b;
    }
  hs_plane_view_set_patterns (self, a, b);
}

gboolean
hs_plane_view_set_network (HsPlaneView *self, const HfNetwork *net,
                           const HfPatterns *patterns, guint width, guint height,
                           GError **error)
{
  g_return_val_if_fail (HS_IS_PLANE_VIEW (self), FALSE);
  HsNetData *data = NULL;
  if (net && !(data = hs_net_data_new (net, patterns, width, height, error)))
    return FALSE;
  g_clear_pointer (&self->data, hs_net_data_unref);
  self->data = data;
  self->a = 0;
  self->b = 1;
  sync_choosers (self);
  hs_plane_view_clear_points (self);
  start (self);
  return TRUE;
}

void
hs_plane_view_add_point (HsPlaneView *self, double m_a, double m_b)
{
  g_return_if_fail (HS_IS_PLANE_VIEW (self));
  if (!isfinite (m_a) || !isfinite (m_b))
    return;
  if (self->trail->len >= 2 * MAX_POINTS)
    g_array_remove_range (self->trail, 0, self->trail->len / 2);
  double p[2] = { m_a, m_b };
  g_array_append_vals (self->trail, p, 2);
  gtk_widget_queue_draw (self->area);
}

void
hs_plane_view_clear_points (HsPlaneView *self)
{
  g_return_if_fail (HS_IS_PLANE_VIEW (self));
  g_array_set_size (self->trail, 0);
  gtk_widget_queue_draw (self->area);
}

guint
hs_plane_view_get_n_points (HsPlaneView *self)
{
  g_return_val_if_fail (HS_IS_PLANE_VIEW (self), 0);
  return self->trail->len / 2;
}

void
hs_plane_view_set_current_state (HsPlaneView *self, const int8_t *state)
{
  g_return_if_fail (HS_IS_PLANE_VIEW (self));
  if (!state || !self->data || !self->data->patterns || self->data->patterns->m < 2)
    return;
  const HfPatterns *p = self->data->patterns;
  hs_plane_view_add_point (self, hf_overlap (hf_patterns_get (p, self->a), state, p->n),
                           hf_overlap (hf_patterns_get (p, self->b), state, p->n));
}

gboolean
hs_plane_view_is_busy (HsPlaneView *self)
{
  g_return_val_if_fail (HS_IS_PLANE_VIEW (self), FALSE);
  return self->job != NULL;
}

void
hs_plane_view_draw (HsPlaneView *self, cairo_t *cr, int width, int height)
{
  g_return_if_fail (HS_IS_PLANE_VIEW (self));
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  HpRect area = { 0, 0, width, height };
  if (self->cells)
    hp_plane_draw (cr, &style, area, self->cells, self->grid, self->a, self->b,
                   (const double *)(void *)self->trail->data, self->trail->len / 2);
  else if (self->job)
    {
      char *text = g_strdup_printf (_ ("Sampling the plane… %.0f%%"),
                                    100 * hs_job_get_progress (self->job));
      hp_progress_draw (cr, &style, area, text, hs_job_get_progress (self->job));
      g_free (text);
    }
  else if (self->message)
    hp_progress_draw (cr, &style, area, self->message, -1);
  else if (self->data)
    hp_progress_draw (cr, &style, area, _ ("The plane needs two stored patterns"), -1);
  else
    hp_progress_draw (cr, &style, area, _ ("Train a network to see the overlap plane"),
                      -1);
}

static void
export_draw (cairo_t *cr, int width, int height, void *data)
{
  hs_plane_view_draw (data, cr, width, height);
}

gboolean
hs_plane_view_export (HsPlaneView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_PLANE_VIEW (self), FALSE);
  return hs_view_export (self->area, path, 0, 0, export_draw, self, error);
}

gboolean
hs_plane_view_export_csv (HsPlaneView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_PLANE_VIEW (self), FALSE);
  if (!self->cells)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("The plane has not been sampled yet."));
      return FALSE;
    }
  HsCsv *csv = hs_csv_open (path, error);
  if (!csv)
    return FALSE;
  hs_csv_text (csv,
               "target_a,target_b,m_a,m_b,samples,energy_mean,energy_sd,drift_a,drift_b");
  hs_csv_end_row (csv);
  for (size_t k = 0; k < self->grid * self->grid; k++)
    {
      const HfPlaneCell *c = &self->cells[k];
      const double v[] = { c->target_a, c->target_b, c->ma, c->mb };
      for (int i = 0; i < 4; i++)
        {
          hs_csv_double (csv, v[i]);
          hs_csv_sep (csv);
        }
      hs_csv_int (csv, (gint64)c->samples);
      const double w[] = { c->energy_mean, c->energy_sd, c->drift_a, c->drift_b };
      for (int i = 0; i < 4; i++)
        {
          hs_csv_sep (csv);
          hs_csv_double (csv, w[i]);
        }
      hs_csv_end_row (csv);
    }
  return hs_csv_close (csv, error);
}

static void
area_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  hs_plane_view_draw (user_data, cr, width, height);
}

static void
hs_plane_view_dispose (GObject *object)
{
  HsPlaneView *self = HS_PLANE_VIEW (object);
  g_clear_pointer (&self->job, hs_job_cancel);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (hs_plane_view_parent_class)->dispose (object);
}

static void
hs_plane_view_finalize (GObject *object)
{
  HsPlaneView *self = HS_PLANE_VIEW (object);
  g_clear_pointer (&self->data, hs_net_data_unref);
  g_free (self->cells);
  g_array_unref (self->trail);
  g_free (self->message);
  G_OBJECT_CLASS (hs_plane_view_parent_class)->finalize (object);
}

static void
hs_plane_view_class_init (HsPlaneViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = hs_plane_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = hs_plane_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planeview");
}

static GtkWidget *
chooser (HsPlaneView *self, const char *accessible)
{
  GtkWidget *d = gtk_drop_down_new (NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect (d, "notify::selected", G_CALLBACK (on_chosen), self);
  return d;
}

static void
hs_plane_view_init (HsPlaneView *self)
{
  self->trail = g_array_new (FALSE, FALSE, sizeof (double));
  self->b = 1;
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 4);
  gtk_widget_set_margin_bottom (bar, 4);
  self->choose_a = chooser (self, _ ("Pattern on the horizontal axis"));
  self->choose_b = chooser (self, _ ("Pattern on the vertical axis"));
  gtk_box_append (GTK_BOX (bar), gtk_label_new (_ ("Across:")));
  gtk_box_append (GTK_BOX (bar), self->choose_a);
  gtk_box_append (GTK_BOX (bar), gtk_label_new (_ ("Up:")));
  gtk_box_append (GTK_BOX (bar), self->choose_b);
  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_hexpand (self->progress, TRUE);
  gtk_widget_set_valign (self->progress, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Sampling the plane"),
                                  -1);
  self->button = gtk_button_new_with_label (_ ("Sample"));
  gtk_widget_set_halign (self->button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (self->button, TRUE);
  g_signal_connect (self->button, "clicked", G_CALLBACK (on_button), self);
  gtk_box_append (GTK_BOX (bar), self->progress);
  gtk_box_append (GTK_BOX (bar), self->button);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), 280);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 300);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), area_draw, self, NULL);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _ ("Energy over the overlaps with two stored patterns, with the flow of recall"),
      -1);
  gtk_widget_set_parent (self->area, GTK_WIDGET (self));
  set_busy (self, FALSE);
}

GtkWidget *
hs_plane_view_new (void)
{
  return g_object_new (HS_TYPE_PLANE_VIEW, NULL);
}
