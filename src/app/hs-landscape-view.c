/* hs-landscape-view.c: barrier tree and state space, enumerated in the background. */
#include "hs-landscape-view.h"

#include <glib/gi18n.h>

#include "hp-colorbar.h"
#include "hs-plot-style.h"
#include "hs-view-util.h"

/* Leaves drawn at most (the minima with the largest basins) and the widest
 * state-space image (n = 25: 8192 x 4096 states, averaged in blocks). */
#define MAX_LEAVES 40
#define SPACE_SIDE 512

struct _HsLandscapeView
{
  GtkWidget parent_instance;
  GtkWidget *area, *progress, *button;
  HsNetData *data;
  HfLandscapeDynamics dynamics;
  HfTieRule tie;
  HsJob *job;
  HfLandscape *ls;
  HpTree *tree;
  cairo_surface_t *space;
  HpLandscapeLayout layout;
  long current; /* state number, -1: none */
  long focus;   /* leaf chosen with the keyboard, -1: none */
  gboolean exporting;
  char *message; /* why there is no map */
};

G_DEFINE_FINAL_TYPE (HsLandscapeView, hs_landscape_view, GTK_TYPE_WIDGET)

enum
{
  STATE_ACTIVATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

typedef struct
{
  HsNetData *data;
  HfLandscapeOptions opts;
  HfLandscape *ls;
  HpTree *tree;
  cairo_surface_t *space;
} MapJob;

static void
map_job_free (gpointer p)
{
  MapJob *mj = p;
  hs_net_data_unref (mj->data);
  hp_tree_free (mj->tree);
  hf_landscape_free (mj->ls);
  if (mj->space)
    cairo_surface_destroy (mj->space);
  g_free (mj);
}

static gboolean
map_work (HsJob *job, gpointer data, GError **error)
{
  MapJob *mj = data;
  HfError err = { 0 };
  mj->ls = hf_landscape_new (mj->data->net, mj->data->patterns, &mj->opts, &err);
  if (!mj->ls)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
      return FALSE;
    }
  hf_landscape_set_cancel_flag (mj->ls, hs_job_cancel_flag (job));
  HfStatus st;
  while ((st = hf_landscape_iterate (mj->ls, &err)) == HF_OK)
    hs_job_set_progress (job, 0.95 * hf_landscape_progress (mj->ls));
  if (st != HF_DONE)
    {
      g_set_error_literal (error, G_IO_ERROR,
                           st == HF_ECANCELLED ? G_IO_ERROR_CANCELLED : G_IO_ERROR_FAILED,
                           err.message);
      return FALSE;
    }
  mj->tree = hp_tree_new (mj->ls, MAX_LEAVES);
  mj->space = hp_landscape_space_image (mj->ls, SPACE_SIDE);
  if (!mj->tree || !mj->space)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("Not enough memory to draw the landscape."));
      return FALSE;
    }
  hs_job_set_progress (job, 1);
  return TRUE;
}

static void
clear_map (HsLandscapeView *self)
{
  g_clear_pointer (&self->tree, hp_tree_free);
  g_clear_pointer (&self->ls, hf_landscape_free);
  g_clear_pointer (&self->space, cairo_surface_destroy);
  self->layout = (HpLandscapeLayout){ { 0 } };
  self->focus = -1;
}

static void
set_busy (HsLandscapeView *self, gboolean busy)
{
  gtk_widget_set_visible (self->progress, busy);
  gtk_button_set_label (GTK_BUTTON (self->button), busy ? _ ("Cancel") : _ ("Compute"));
  gtk_widget_set_visible (self->button,
                          busy || (self->data && !self->ls && self->data->net->n <= 25));
  gtk_widget_queue_draw (self->area);
}

static void
map_done (GObject *owner, gpointer data, const GError *error)
{
  HsLandscapeView *self = HS_LANDSCAPE_VIEW (owner);
  MapJob *mj = data;
  self->job = NULL;
  clear_map (self);
  g_clear_pointer (&self->message, g_free);
  if (error)
    self->message = g_strdup (error->message);
  else
    {
      self->ls = g_steal_pointer (&mj->ls);
      self->tree = g_steal_pointer (&mj->tree);
      self->space = g_steal_pointer (&mj->space);
    }
  set_busy (self, FALSE);
}

static void
map_tick (GObject *owner, double progress)
{
  HsLandscapeView *self = HS_LANDSCAPE_VIEW (owner);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), progress);
  gtk_widget_queue_draw (self->area);
}

static void
start (HsLandscapeView *self)
{
  g_clear_pointer (&self->job, hs_job_cancel);
  g_clear_pointer (&self->message, g_free);
  clear_map (self);
  if (self->data && self->data->net->n > HF_LANDSCAPE_MAX_N)
    self->message = g_strdup_printf (
        _ ("Every state can be shown for grids of up to %d neurons (5 × 5); this one has "
           "%zu."),
        HF_LANDSCAPE_MAX_N, self->data->net->n);
  if (!self->data || self->message)
    {
      set_busy (self, FALSE);
      return;
    }
  MapJob *mj = g_new0 (MapJob, 1);
  mj->data = hs_net_data_ref (self->data);
  hf_landscape_options_init (&mj->opts);
  mj->opts.dynamics = self->dynamics;
  mj->opts.tie = self->tie;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0);
  self->job
      = hs_job_run (G_OBJECT (self), map_work, map_done, map_tick, mj, map_job_free);
  set_busy (self, TRUE);
}

static void
on_button (GtkButton *button, gpointer user_data)
{
  HsLandscapeView *self = user_data;
  if (self->job)
    {
      g_clear_pointer (&self->job, hs_job_cancel);
      g_free (self->message);
      self->message = g_strdup (_ ("Cancelled: press Compute to start again."));
      set_busy (self, FALSE);
    }
  else
    start (self);
}

gboolean
hs_landscape_view_set_network (HsLandscapeView *self, const HfNetwork *net,
                               const HfPatterns *patterns, guint width, guint height,
                               GError **error)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), FALSE);
  HsNetData *data = NULL;
  if (net && !(data = hs_net_data_new (net, patterns, width, height, error)))
    return FALSE;
  g_clear_pointer (&self->data, hs_net_data_unref);
  self->data = data;
  self->current = -1;
  start (self);
  return TRUE;
}

void
hs_landscape_view_set_dynamics (HsLandscapeView *self, HfLandscapeDynamics dynamics,
                                HfTieRule tie)
{
  g_return_if_fail (HS_IS_LANDSCAPE_VIEW (self));
  if (dynamics == self->dynamics && tie == self->tie)
    return;
  self->dynamics = dynamics;
  self->tie = tie;
  if (self->data)
    start (self);
}

void
hs_landscape_view_set_current_state (HsLandscapeView *self, const int8_t *state)
{
  g_return_if_fail (HS_IS_LANDSCAPE_VIEW (self));
  long current = -1;
  if (state && self->data && self->data->net->n <= HF_LANDSCAPE_MAX_N)
    current = (long)hf_landscape_state_number (state, self->data->net->n);
  if (current == self->current)
    return;
  self->current = current;
  gtk_widget_queue_draw (self->area);
}

gboolean
hs_landscape_view_is_busy (HsLandscapeView *self)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), FALSE);
  return self->job != NULL;
}

const HfLandscape *
hs_landscape_view_get_landscape (HsLandscapeView *self)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), NULL);
  return self->ls;
}

const HpLandscapeLayout *
hs_landscape_view_get_layout (HsLandscapeView *self)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), NULL);
  return &self->layout;
}

const HpTree *
hs_landscape_view_get_tree (HsLandscapeView *self)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), NULL);
  return self->tree;
}

static void
emit_state (HsLandscapeView *self, uint32_t state)
{
  size_t n = hf_landscape_n (self->ls);
  int8_t values[HF_LANDSCAPE_MAX_N];
  hf_landscape_state_values (state, n, values);
  g_signal_emit (self, signals[STATE_ACTIVATED], 0, (gconstpointer)values, (guint)n);
}

gboolean
hs_landscape_view_activate_minimum (HsLandscapeView *self, size_t m)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), FALSE);
  size_t count = 0;
  if (!self->ls)
    return FALSE;
  const HfTreeMinimum *minima = hf_landscape_minima (self->ls, &count);
  if (m >= count)
    return FALSE;
  emit_state (self, minima[m].state);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture, int n_press, double x, double y, gpointer user_data)
{
  HsLandscapeView *self = user_data;
  if (!self->ls)
    return;
  long m = hp_landscape_leaf_at (&self->layout, self->tree, x, y);
  if (m >= 0)
    {
      hs_landscape_view_activate_minimum (self, (size_t)m);
      return;
    }
  long state = hp_landscape_state_at_point (&self->layout, self->ls, x, y);
  if (state >= 0)
    emit_state (self, (uint32_t)state);
}

/* The leaf chosen with the keyboard, framed while the view has focus. */
static void
draw_focus (HsLandscapeView *self, cairo_t *cr, const HpStyle *style)
{
  size_t leaves = hp_tree_leaves (self->tree);
  if (self->focus < 0 || (size_t)self->focus >= leaves
      || !gtk_widget_has_focus (self->area) || self->exporting
      || self->layout.tree.width <= 0)
    return;
  double slot = self->layout.tree.width / leaves;
  double x = self->layout.tree.x + self->focus * slot;
  double y = self->layout.tree.y + self->layout.tree.height;
  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  hp_set_source (cr, style->accent);
  cairo_rectangle (cr, x + 1, y + 2, slot - 2, self->layout.labels_bottom - y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static gboolean
on_key (GtkEventControllerKey *key, guint keyval, guint keycode, GdkModifierType state,
        gpointer user_data)
{
  HsLandscapeView *self = user_data;
  long leaves = (long)hp_tree_leaves (self->tree);
  if (!self->ls || leaves == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      {
        long step = keyval == GDK_KEY_Left ? -1 : 1;
        self->focus = self->focus < 0 ? 0 : CLAMP (self->focus + step, 0, leaves - 1);
        gtk_widget_queue_draw (self->area);
        return TRUE;
      }
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->focus < 0)
        return FALSE;
      hs_landscape_view_activate_minimum (
          self, hp_tree_leaf_minimum (self->tree, (size_t)self->focus));
      return TRUE;
    default:
      return FALSE;
    }
}

void
hs_landscape_view_draw (HsLandscapeView *self, cairo_t *cr, int width, int height)
{
  g_return_if_fail (HS_IS_LANDSCAPE_VIEW (self));
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  HpRect area = { 0, 0, width, height };
  if (self->ls)
    {
      self->layout = hp_landscape_draw (cr, &style, area, self->ls, self->tree,
                                        self->space, self->data->net->width,
                                        self->data->net->height, self->current);
      draw_focus (self, cr, &style);
    }
  else if (self->job)
    {
      char *text = g_strdup_printf (_ ("Visiting all %.0f states… %.0f%%"),
                                    ldexp (1.0, (int)self->data->net->n),
                                    100 * hs_job_get_progress (self->job));
      hp_progress_draw (cr, &style, area, text, hs_job_get_progress (self->job));
      g_free (text);
    }
  else if (self->message)
    hp_progress_draw (cr, &style, area, self->message, -1);
  else
    hp_progress_draw (cr, &style, area,
                      _ ("Train a network on a small grid to see every state"), -1);
}

static void
export_draw (cairo_t *cr, int width, int height, void *data)
{
  hs_landscape_view_draw (data, cr, width, height);
}

gboolean
hs_landscape_view_export (HsLandscapeView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), FALSE);
  HpLandscapeLayout saved = self->layout;
  self->exporting = TRUE;
  gboolean ok = hs_view_export (self->area, path, 0, 0, export_draw, self, error);
  self->exporting = FALSE;
  self->layout = saved; /* clicks follow the screen, not the file */
  return ok;
}

static gboolean
need_map (HsLandscapeView *self, GError **error)
{
  if (self->ls)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("The landscape has not been computed yet."));
  return FALSE;
}

static const char *
kind_word (HfOutcomeKind kind)
{
  switch (kind)
    {
    case HF_OUTCOME_PATTERN:
      return "pattern";
    case HF_OUTCOME_INVERSE:
      return "inverse";
    case HF_OUTCOME_CYCLE:
      return "cycle";
    default:
      return "spurious";
    }
}

gboolean
hs_landscape_view_export_csv (HsLandscapeView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), FALSE);
  if (!need_map (self, error))
    return FALSE;
  HsCsv *csv = hs_csv_open (path, error);
  if (!csv)
    return FALSE;
  size_t count = 0, n = hf_landscape_n (self->ls);
  const HfAttractor *at = hf_landscape_attractors (self->ls, &count);
  char buf[HF_LANDSCAPE_MAX_N + 1];
  hs_csv_text (csv, "state,energy,basin,kind,pattern");
  hs_csv_end_row (csv);
  for (size_t k = 0; k < count; k++)
    {
      hf_landscape_state_string (at[k].state, n, buf);
      hs_csv_text (csv, buf);
      hs_csv_sep (csv);
      hs_csv_double (csv, at[k].energy);
      hs_csv_sep (csv);
      hs_csv_int (csv, (gint64)at[k].basin);
      hs_csv_sep (csv);
      hs_csv_text (csv, kind_word (at[k].kind));
      hs_csv_sep (csv);
      hs_csv_int (csv, at[k].pattern);
      hs_csv_end_row (csv);
    }
  return hs_csv_close (csv, error);
}

gboolean
hs_landscape_view_export_tree_csv (HsLandscapeView *self, const char *path,
                                   GError **error)
{
  g_return_val_if_fail (HS_IS_LANDSCAPE_VIEW (self), FALSE);
  if (!need_map (self, error))
    return FALSE;
  HsCsv *csv = hs_csv_open (path, error);
  if (!csv)
    return FALSE;
  size_t nm = 0, count = 0, n = hf_landscape_n (self->ls);
  const HfTreeMinimum *minima = hf_landscape_minima (self->ls, &count);
  const HfTreeMerge *merges = hf_landscape_merges (self->ls, &nm);
  char buf[HF_LANDSCAPE_MAX_N + 1];
  hs_csv_text (csv, "minimum,joins,barrier,saddle");
  hs_csv_end_row (csv);
  for (size_t k = 0; k < nm; k++)
    {
      hf_landscape_state_string (minima[merges[k].minimum].state, n, buf);
      hs_csv_text (csv, buf);
      hs_csv_sep (csv);
      hf_landscape_state_string (minima[merges[k].joins].state, n, buf);
      hs_csv_text (csv, buf);
      hs_csv_sep (csv);
      hs_csv_double (csv, merges[k].barrier);
      hs_csv_sep (csv);
      hf_landscape_state_string (merges[k].saddle, n, buf);
      hs_csv_text (csv, buf);
      hs_csv_end_row (csv);
    }
  return hs_csv_close (csv, error);
}

static void
area_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  hs_landscape_view_draw (user_data, cr, width, height);
}

static void
hs_landscape_view_dispose (GObject *object)
{
  HsLandscapeView *self = HS_LANDSCAPE_VIEW (object);
  g_clear_pointer (&self->job, hs_job_cancel);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (hs_landscape_view_parent_class)->dispose (object);
}

static void
hs_landscape_view_finalize (GObject *object)
{
  HsLandscapeView *self = HS_LANDSCAPE_VIEW (object);
  clear_map (self);
  g_clear_pointer (&self->data, hs_net_data_unref);
  g_free (self->message);
  G_OBJECT_CLASS (hs_landscape_view_parent_class)->finalize (object);
}

static void
hs_landscape_view_class_init (HsLandscapeViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = hs_landscape_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = hs_landscape_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "landscapeview");
  /* (const int8_t *state, guint n): a state the user picked */
  signals[STATE_ACTIVATED]
      = g_signal_new ("state-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
}

static void
hs_landscape_view_init (HsLandscapeView *self)
{
  self->current = -1;
  self->focus = -1;
  self->tie = HF_TIE_OFF;
  self->dynamics = HF_LANDSCAPE_ASYNC;
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), 280);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 300);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), area_draw, self, NULL);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _ ("Energy landscape: barrier tree of the minima and every state by its attractor"),
      -1);
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (click));
  /* Left and Right choose a leaf, Enter puts its state on the canvas */
  gtk_widget_set_focusable (self->area, TRUE);
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (self->area, keys);
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
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Visiting every state"), -1);
  self->button = gtk_button_new_with_label (_ ("Compute"));
  gtk_widget_set_halign (self->button, GTK_ALIGN_END);
  g_signal_connect (self->button, "clicked", G_CALLBACK (on_button), self);
  gtk_box_append (GTK_BOX (bar), self->progress);
  gtk_box_append (GTK_BOX (bar), self->button);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  set_busy (self, FALSE);
}

GtkWidget *
hs_landscape_view_new (void)
{
  return g_object_new (HS_TYPE_LANDSCAPE_VIEW, NULL);
}
