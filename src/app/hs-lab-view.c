/* hs-lab-view.c: the experiments lab (see hs-lab-view.h). */
#include "hs-lab-view.h"

#include <glib/gi18n.h>

#include "hs-drop-down.h"
#include "hs-lab-view-private.h"
#include "hp-colorbar.h"
#include "hs-plot-style.h"
#include "hs-settings.h"

G_DEFINE_FINAL_TYPE (HsLabView, hs_lab_view, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_IMAGE_ACTIVATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

void
lab_set_status (HsLabView *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), text ? text : "");
}

static void
fill_params (HsLabView *self)
{
  const LabKindInfo *info = lab_kind_info (self->kind);
  gboolean quick = gtk_switch_get_active (GTK_SWITCH (self->quick_switch));
  for (int p = 0; p < LAB_NPARAMS; p++)
    {
      const char *v = quick ? info->quick[p] : info->full[p];
      gtk_widget_set_visible (self->labels[p], v != NULL);
      gtk_widget_set_visible (self->entries[p], v != NULL);
      /* its place in the flow box too, or an empty slot would show */
      gtk_widget_set_visible (
          gtk_widget_get_ancestor (self->labels[p], GTK_TYPE_FLOW_BOX_CHILD), v != NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->entries[p]), v ? v : "");
    }
  gtk_label_set_text (GTK_LABEL (self->labels[LAB_P_MS]),
                      self->kind == HS_LAB_SCALING ? _ ("Neurons n")
                                                   : lab_param_label (LAB_P_MS));
  gtk_label_set_text (GTK_LABEL (self->labels[LAB_P_COPIES]),
                      self->kind == HS_LAB_IMAGES ? _ ("Copies per minibatch")
                                                  : lab_param_label (LAB_P_COPIES));
}

void
lab_update_buttons (HsLabView *self)
{
  gboolean busy = self->job != NULL;
  gtk_button_set_label (GTK_BUTTON (self->run_button), busy ? _ ("Cancel") : _ ("Run"));
  gtk_widget_set_sensitive (self->kind_dropdown, !busy);
  gtk_widget_set_sensitive (self->quick_switch, !busy);
  gtk_widget_set_sensitive (self->params_grid, !busy);
  gboolean have = self->run && lab_run_done (self->run) > 0
                  && (self->run->kind != HS_LAB_IMAGES || self->run->images);
  gtk_widget_set_sensitive (self->export_plot_button, have);
  gtk_widget_set_sensitive (self->export_table_button, have);
  gboolean images = self->run && self->run->kind == HS_LAB_IMAGES && self->run->images;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), images ? "images" : "chart");
  if (images)
    {
      /* as many images side by side as the width allows */
      int w, h, avail = gtk_widget_get_width (self->stack);
      self->per_row = 1;
      for (size_t k = 2; k <= 8; k++)
        {
          hp_lab_images_size (self->run->images, k, &w, &h);
          if (w <= avail)
            self->per_row = k;
        }
      hp_lab_images_size (self->run->images, self->per_row, &w, &h);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->images_area), w);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->images_area), h);
    }
  gtk_widget_queue_draw (self->chart_area);
  gtk_widget_queue_draw (self->images_area);
  lab_kept_update (self);
}

void
lab_show_progress (HsLabView *self, double p)
{
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), p);
  double elapsed
      = self->run ? (double)(g_get_monotonic_time () - self->run->started) / 1e6 : 0;
  char *text;
  /* The rows differ in cost (a rule, a larger m), so the rate is measured
   * over the last seconds and smoothed, not averaged over the whole run. */
  gint64 now = g_get_monotonic_time ();
  if (p <= 0)
    {
      self->eta_time = now;
      self->eta_progress = 0;
      self->rate = 0;
    }
  else if (now - self->eta_time >= 1500000 && p > self->eta_progress)
    {
      double r = (p - self->eta_progress) / ((double)(now - self->eta_time) / 1e6);
      self->rate = self->rate > 0 ? 0.6 * self->rate + 0.4 * r : r;
      self->eta_time = now;
      self->eta_progress = p;
    }
  if (p >= 1)
    text = g_strdup (_ ("Done"));
  else if (p > 0.02 && elapsed > 0.5)
    {
      double left = self->rate > 0 ? (1 - p) / self->rate : elapsed * (1 - p) / p;
      text = left < 90 ? g_strdup_printf (_ ("%.0f%%, about %.0f s left"), 100 * p, left)
                       : g_strdup_printf (_ ("%.0f%%, about %.0f min left"), 100 * p,
                                          left / 60);
    }
  else
    text = g_strdup_printf (_ ("%.0f%%"), 100 * p);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress), text);
  g_free (text);
}

static void
lab_tick (GObject *owner, double progress)
{
  HsLabView *self = HS_LAB_VIEW (owner);
  lab_show_progress (self, progress);
  lab_update_buttons (self);
}

static void
lab_done (GObject *owner, gpointer data, const GError *error)
{
  HsLabView *self = HS_LAB_VIEW (owner);
  (void)data;
  self->job = NULL;
  self->finished = error == NULL;
  self->kept_shown = self->run_kept = FALSE;
  if (error)
    lab_set_status (self, error->message);
  else
    {
      double secs = (double)(g_get_monotonic_time () - self->run->started) / 1e6;
      char *text;
      if (self->run->kind == HS_LAB_IMAGES)
        {
          GString *s = g_string_new (NULL);
          g_string_printf (
              s, _ ("Finished in %.1f s. Click a panel to open it on the canvas."), secs);
          for (size_t r = 0; r < self->run->images->nrules; r++)
            {
              const HfImagesRuleResult *rr = &self->run->images->rules[r];
              g_string_append_printf (s, _ ("  %s: %zu of %zu fixed, %zu recalled."),
                                      hf_rule_info (rr->rule)->name, rr->fixed_points,
                                      self->run->images->count, rr->recalled);
            }
          text = g_string_free (s, FALSE);
        }
      else
        text = g_strdup_printf (_ ("Finished in %.1f s."), secs);
      lab_set_status (self, text);
      g_free (text);
      lab_show_progress (self, 1);
    }
  lab_update_buttons (self);
}

/* A run's worker keeps the application up (OpenBLAS's exit handler would
 * wait for a thread inside a BLAS call), also after Cancel, until its
 * thread ends; the count is for programs without a GApplication. */
static gint running_workers;

typedef struct
{
  LabRun *run;
  GApplication *app;
} LabJob;

static void
lab_job_free (gpointer data)
{
  LabJob *j = data;
  if (j->app != NULL)
    {
      g_application_release (j->app);
      g_object_unref (j->app);
    }
  lab_run_unref (j->run);
  g_free (j);
  g_atomic_int_dec_and_test (&running_workers);
}

static gboolean
lab_job_work (HsJob *job, gpointer data, GError **error)
{
  return lab_run_work (job, ((LabJob *)data)->run, error);
}

gboolean
hs_lab_view_workers_done (void)
{
  return g_atomic_int_get (&running_workers) == 0;
}

gboolean
hs_lab_view_run (HsLabView *self, GError **error)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  hs_lab_view_cancel (self);
  const char *texts[LAB_NPARAMS];
  const LabKindInfo *info = lab_kind_info (self->kind);
  for (int p = 0; p < LAB_NPARAMS; p++)
    texts[p]
        = info->full[p] ? gtk_editable_get_text (GTK_EDITABLE (self->entries[p])) : NULL;
  LabRun *run = lab_run_new (self->kind, texts, error);
  if (!run)
    return FALSE;
  g_clear_pointer (&self->run, lab_run_unref);
  self->run = run;
  self->finished = self->kept_shown = self->run_kept = FALSE;
  run->started = g_get_monotonic_time ();
  LabJob *j = g_new0 (LabJob, 1);
  j->run = lab_run_ref (run);
  if ((j->app = g_application_get_default ()) != NULL)
    g_application_hold (g_object_ref (j->app));
  g_atomic_int_inc (&running_workers);
  self->job
      = hs_job_run (G_OBJECT (self), lab_job_work, lab_done, lab_tick, j, lab_job_free);
  lab_set_status (self, _ ("Running on every core…"));
  lab_show_progress (self, 0);
  lab_update_buttons (self);
  return TRUE;
}

void
hs_lab_view_cancel (HsLabView *self)
{
  g_return_if_fail (HS_IS_LAB_VIEW (self));
  if (!self->job)
    return;
  g_clear_pointer (&self->job, hs_job_cancel);
  lab_set_status (self, _ ("Cancelled: the rows finished so far stay in the plot."));
  lab_update_buttons (self);
}

gboolean
hs_lab_view_is_busy (HsLabView *self)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  return self->job != NULL;
}

gsize
hs_lab_view_rows_done (HsLabView *self)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), 0);
  return self->run ? lab_run_done (self->run) : 0;
}

gboolean
hs_lab_view_has_result (HsLabView *self)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  return self->finished;
}

void
hs_lab_view_set_kind (HsLabView *self, HsLabKind kind)
{
  g_return_if_fail (HS_IS_LAB_VIEW (self) && (int)kind >= 0 && kind < LAB_NKINDS);
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown)) != (guint)kind)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown), kind);
  self->kind = kind;
  fill_params (self);
}

void
hs_lab_view_set_quick (HsLabView *self, gboolean quick)
{
  g_return_if_fail (HS_IS_LAB_VIEW (self));
  gtk_switch_set_active (GTK_SWITCH (self->quick_switch), quick);
  fill_params (self);
}

static void
draw_chart (HsLabView *self, cairo_t *cr, const HpStyle *style, int width, int height)
{
  HpRect area = { 0, 0, width, height };
  HpLabChart chart;
  if (self->run && self->run->kind != HS_LAB_IMAGES && lab_run_chart (self->run, &chart))
    {
      hp_chart_draw (cr, style, area, &chart.chart);
      hp_lab_chart_clear (&chart);
    }
  else if (self->job)
    hp_progress_draw (cr, style, area, _ ("Running…"), hs_job_get_progress (self->job));
  else
    hp_progress_draw (cr, style, area, _ ("Pick an experiment and press Run"), -1);
}

void
hs_lab_view_draw (HsLabView *self, cairo_t *cr, int width, int height)
{
  g_return_if_fail (HS_IS_LAB_VIEW (self));
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  if (self->run && self->run->kind == HS_LAB_IMAGES && self->run->images)
    hp_lab_images_draw (cr, &style, self->run->images, self->per_row);
  else
    draw_chart (self, cr, &style, width, height);
}

static void
export_draw (cairo_t *cr, int width, int height, void *data)
{
  hs_lab_view_draw (data, cr, width, height);
}

gboolean
hs_lab_view_export (HsLabView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  if (!self->run || lab_run_done (self->run) == 0
      || (self->run->kind == HS_LAB_IMAGES && !self->run->images))
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_FAILED,
          _ ("There is no plot to export yet: run an experiment first."));
      return FALSE;
    }
  int w = 900, h = 560;
  if (self->run->kind == HS_LAB_IMAGES)
    hp_lab_images_size (self->run->images, self->per_row, &w, &h);
  return hs_view_export (self->chart_area, path, w, h, export_draw, self, error);
}

gboolean
hs_lab_view_export_csv (HsLabView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  if (!self->run)
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_FAILED,
          _ ("There is no table to export yet: run an experiment first."));
      return FALSE;
    }
  return lab_run_export_csv (self->run, path, error);
}

static void
on_kind_selected (GtkDropDown *dropdown, GParamSpec *pspec, HsLabView *self)
{
  (void)pspec;
  guint k = gtk_drop_down_get_selected (dropdown);
  if (k < LAB_NKINDS && (HsLabKind)k != self->kind)
    {
      self->kind = (HsLabKind)k;
      fill_params (self);
    }
}

static void
on_quick_toggled (GtkSwitch *sw, GParamSpec *pspec, HsLabView *self)
{
  (void)sw;
  (void)pspec;
  fill_params (self);
}

static void
on_run_clicked (GtkButton *button, HsLabView *self)
{
  (void)button;
  if (self->job)
    {
      hs_lab_view_cancel (self);
      return;
    }
  GError *error = NULL;
  if (!hs_lab_view_run (self, &error))
    {
      lab_set_status (self, error->message);
      g_error_free (error);
    }
}

static void
export_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  HsLabView *self = user_data;
  gboolean table = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "table"));
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *path = file ? g_file_get_path (file) : NULL;
      GError *error = NULL;
      if (path
          && !(table ? hs_lab_view_export_csv (self, path, &error)
                     : hs_lab_view_export (self, path, &error)))
        {
          lab_set_status (self, error->message);
          g_error_free (error);
        }
      else if (path)
        {
          hs_settings_remember_folder (file);
          char *text = g_strdup_printf (_ ("Saved %s"), path);
          lab_set_status (self, text);
          g_free (text);
        }
      g_free (path);
      g_clear_object (&file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_dialog (HsLabView *self, gboolean table)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *d = gtk_file_chooser_native_new (
      table ? _ ("Export Table") : _ ("Export Plot"),
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, GTK_FILE_CHOOSER_ACTION_SAVE,
      _ ("_Save"), _ ("_Cancel"));
  hs_settings_start_in_last_folder (GTK_FILE_CHOOSER (d));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (d),
                                     table ? "experiment.csv" : "experiment.svg");
  g_object_set_data (G_OBJECT (d), "table", GINT_TO_POINTER (table));
  g_signal_connect (d, "response", G_CALLBACK (export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (d));
}

static void
on_export_plot (GtkButton *button, HsLabView *self)
{
  (void)button;
  export_dialog (self, FALSE);
}

static void
on_export_table (GtkButton *button, HsLabView *self)
{
  (void)button;
  export_dialog (self, TRUE);
}

static void
area_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  (void)area;
  hs_lab_view_draw (user_data, cr, width, height);
}

void
hs_lab_view_set_param (HsLabView *self, guint param, const char *text)
{
  g_return_if_fail (HS_IS_LAB_VIEW (self) && param < LAB_NPARAMS && text);
  gtk_editable_set_text (GTK_EDITABLE (self->entries[param]), text);
}

gboolean
hs_lab_view_activate_at (HsLabView *self, double x, double y)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  if (!self->run || self->run->kind != HS_LAB_IMAGES || !self->run->images)
    return FALSE;
  const HfImagesResult *res = self->run->images;
  const int8_t *state = hp_lab_images_hit (res, self->per_row, x, y, NULL, NULL);
  if (state)
    g_signal_emit (self, signals[SIGNAL_IMAGE_ACTIVATED], 0, state, (guint)res->width,
                   (guint)res->height);
  return state != NULL;
}

static void
on_images_pressed (GtkGestureClick *gesture, int n_press, double x, double y,
                   HsLabView *self)
{
  (void)gesture;
  (void)n_press;
  hs_lab_view_activate_at (self, x, y);
}

static void
hs_lab_view_dispose (GObject *object)
{
  HsLabView *self = HS_LAB_VIEW (object);
  g_clear_pointer (&self->job, hs_job_cancel);
  lab_kept_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LAB_VIEW);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (hs_lab_view_parent_class)->dispose (object);
}

static void
hs_lab_view_finalize (GObject *object)
{
  HsLabView *self = HS_LAB_VIEW (object);
  g_clear_pointer (&self->run, lab_run_unref);
  G_OBJECT_CLASS (hs_lab_view_parent_class)->finalize (object);
}

static void
hs_lab_view_class_init (HsLabViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = hs_lab_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = hs_lab_view_finalize;
  /* (const int8_t *state, guint width, guint height): a panel clicked */
  signals[SIGNAL_IMAGE_ACTIVATED] = g_signal_new (
      "image-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
      NULL, G_TYPE_NONE, 3, G_TYPE_POINTER, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-lab-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLabView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, quick_switch);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, run_button);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, progress);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, export_plot_button);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, export_table_button);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, params_grid);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, stack);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, images_area);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_plot);
  gtk_widget_class_bind_template_callback (widget_class, on_export_table);
  lab_kept_class_init (widget_class);
  gtk_widget_class_set_css_name (widget_class, "labview");
}

static void
hs_lab_view_init (HsLabView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  const char *names[LAB_NKINDS];
  for (int k = 0; k < LAB_NKINDS; k++)
    names[k] = _ (lab_kind_info ((HsLabKind)k)->name);
  hs_drop_down_set_labels (GTK_DROP_DOWN (self->kind_dropdown), names, LAB_NKINDS);
  for (int p = 0; p < LAB_NPARAMS; p++)
    {
      self->labels[p] = gtk_label_new (lab_param_label ((LabParam)p));
      gtk_label_set_xalign (GTK_LABEL (self->labels[p]), 0);
      gtk_label_set_wrap (GTK_LABEL (self->labels[p]), TRUE);
      self->entries[p] = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (self->entries[p]), 11);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entries[p]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      lab_param_label ((LabParam)p), -1);
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_box_append (GTK_BOX (item), self->labels[p]);
      gtk_box_append (GTK_BOX (item), self->entries[p]);
      gtk_flow_box_append (GTK_FLOW_BOX (self->params_grid), item);
    }
  hs_flow_box_children_unfocusable (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart_area), area_draw, self,
                                  NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->images_area), area_draw, self,
                                  NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("The experiment's plot"), -1);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->images_area), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _ ("Figure 1: per image a training copy, the probe, one sweep, converged"), -1);
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_images_pressed), self);
  gtk_widget_add_controller (self->images_area, GTK_EVENT_CONTROLLER (click));
  lab_kept_init (self);
  self->kind = HS_LAB_CAPACITY;
  self->per_row = 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown), HS_LAB_CAPACITY);
  fill_params (self);
  lab_show_progress (self, 0);
  lab_set_status (
      self,
      _ ("The paper's parameters are filled in; Quick runs small sizes in seconds."));
  lab_update_buttons (self);
}

GtkWidget *
hs_lab_view_new (void)
{
  return g_object_new (HS_TYPE_LAB_VIEW, NULL);
}
