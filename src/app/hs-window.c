/* hs-window.c: the main window: the pattern library, the canvas and the
 * recall session, wired together. Training lives in hs-window-train.c,
 * files in hs-window-files.c. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "hf-samples.h"
#include "hs-window-private.h"

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, GTK_TYPE_APPLICATION_WINDOW)

static const guint grid_sizes[] = { 4, 8, 12, 16, 24, 32, 48, 64 };

/* ---- messages ---- */

void
hs_window_show_message (HsWindow *self, GtkMessageType type, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  char *text = g_strdup_vprintf (format, ap);
  va_end (ap);
  gtk_label_set_text (self->banner_label, text);
  gtk_info_bar_set_message_type (self->banner, type);
  gtk_info_bar_set_revealed (self->banner, TRUE);
  g_free (text);
}

static void
on_banner_response (HsWindow *self, int response, GtkInfoBar *bar)
{
  gtk_info_bar_set_revealed (self->banner, FALSE);
}

/* ---- actions' enabled state ---- */

static void
set_enabled (HsWindow *self, const char *name, gboolean enabled)
{
  GAction *a = g_action_map_lookup_action (G_ACTION_MAP (self), name);
  if (a != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (a), enabled);
}

void
hs_window_update_actions (HsWindow *self)
{
  gboolean training = hs_window_is_training (self);
  gboolean has_net = self->recall != NULL;
  gboolean has_patterns = self->library->m > 0;
  GList *sel = gtk_flow_box_get_selected_children (self->library_box);
  gboolean selected = sel != NULL;
  g_list_free (sel);
  set_enabled (self, "train", !training && has_patterns);
  set_enabled (self, "cancel-training", training);
  for (const char *const *a
       = (const char *const[]){ "step", "sweep", "play", "finish", "reset", NULL };
       *a; a++)
    set_enabled (self, *a, has_net);
  set_enabled (self, "save-network", self->net != NULL);
  set_enabled (self, "save-patterns", has_patterns);
  set_enabled (self, "clear-patterns", has_patterns && !training);
  set_enabled (self, "duplicate-pattern", selected && !training);
  set_enabled (self, "delete-pattern", selected && !training);
  set_enabled (self, "move-pattern", selected && !training);
  set_enabled (self, "add-pattern", !training);
  set_enabled (self, "load-sample", !training);
  set_enabled (self, "random-patterns", !training);
  set_enabled (self, "open", !training && !self->opening);
  gtk_widget_set_sensitive (GTK_WIDGET (self->size_dropdown), !training);
}

/* ---- the pattern library ---- */

static void
on_library_activated (HsWindow *self, GtkFlowBoxChild *child, GtkFlowBox *box)
{
  int k = gtk_flow_box_child_get_index (child);
  if (k >= 0 && (size_t)k < self->library->m)
    hs_window_set_probe (self, hf_patterns_get (self->library, (size_t)k), TRUE);
}

static void
on_library_selection (HsWindow *self, GtkFlowBox *box)
{
  hs_window_update_actions (self);
}

static int
selected_index (HsWindow *self)
{
  GList *sel = gtk_flow_box_get_selected_children (self->library_box);
  int k = sel ? gtk_flow_box_child_get_index (sel->data) : -1;
  g_list_free (sel);
  return k;
}

static void
select_index (HsWindow *self, int k)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->library_box, k);
  if (child != NULL)
    gtk_flow_box_select_child (self->library_box, child);
}

void
hs_window_library_changed (HsWindow *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->library_box))) != NULL)
    gtk_flow_box_remove (self->library_box, child);
  for (size_t k = 0; k < self->library->m; k++)
    {
      GtkWidget *thumb = hs_pattern_canvas_new ();
      hs_pattern_canvas_set_state (HS_PATTERN_CANVAS (thumb),
                                   hf_patterns_get (self->library, k), self->width,
                                   self->height);
      gtk_widget_set_size_request (thumb, 48, 48);
      char *tip = g_strdup_printf (_ ("Pattern %zu: click to put it on the canvas"), k);
      gtk_widget_set_tooltip_text (thumb, tip);
      char *name = g_strdup_printf (_ ("Pattern %zu"), k); /* from 0, as hopfield -k */
      gtk_accessible_update_property (GTK_ACCESSIBLE (thumb),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_free (name);
      g_free (tip);
      gtk_flow_box_append (self->library_box, thumb);
    }
  char *caption;
  if (self->library->m == 0)
    caption
        = g_strdup (_ ("No patterns yet: draw one and press +, open images, or pick a "
                       "sample set from the menu."));
  else
    caption = g_strdup_printf (
        ngettext ("%zu pattern of %u×%u = %u neurons (load %.3f)",
                  "%zu patterns of %u×%u = %u neurons (load %.3f)", self->library->m),
        self->library->m, self->width, self->height, self->width * self->height,
        (double)self->library->m / (self->width * self->height));
  gtk_label_set_text (self->library_caption, caption);
  g_free (caption);
  if (self->net != NULL && !self->stale)
    {
      self->stale = TRUE;
      gtk_label_set_text (
          self->train_result,
          _ ("The stored patterns changed since training: the network still "
             "holds the old set. Train again to store the new one."));
    }
  g_free (self->overlaps);
  self->overlaps = g_new0 (double, self->library->m + 1);
  hs_window_recall_restart (self);
  hs_window_update_actions (self);
}

void
hs_window_set_library (HsWindow *self, HfPatterns *set)
{
  hf_patterns_free (self->library);
  self->library = set;
  if (set->width != self->width || set->height != self->height)
    hs_window_set_grid (self, (guint)set->width, (guint)set->height);
  hs_window_library_changed (self);
}

/* ---- grid size ---- */

static HfPatterns *
resample_set (const HfPatterns *src, guint w, guint h)
{
  HfPatterns *dst = hf_patterns_new (w, h, NULL);
  HfImage img = { src->width, src->height, NULL, HF_IMAGE_PBM, 1, -1, FALSE, FALSE, "" };
  img.lum = g_new (float, src->n);
  int8_t *s = g_new (int8_t, (gsize)w * h);
  for (size_t k = 0; k < src->m; k++)
    {
      const int8_t *x = hf_patterns_get (src, k);
      for (size_t i = 0; i < src->n; i++)
        img.lum[i] = x[i] > 0 ? 0.0f : 1.0f;
      hf_image_to_pattern (&img, w, h, HF_THRESHOLD_FIXED, 0.5, FALSE, s, NULL, NULL);
      hf_patterns_append (dst, s, NULL);
    }
  g_free (s);
  g_free (img.lum);
  return dst;
}

static void
resample_state (int8_t **s, guint ow, guint oh, guint w, guint h)
{
  HfPatterns *one = hf_patterns_new (ow, oh, NULL);
  hf_patterns_append (one, *s, NULL);
  HfPatterns *r = resample_set (one, w, h);
  g_free (*s);
  *s = g_memdup2 (hf_patterns_get (r, 0), (gsize)w * h);
  hf_patterns_free (r);
  hf_patterns_free (one);
}

void
hs_window_set_grid (HsWindow *self, guint width, guint height)
{
  if (width == self->width && height == self->height)
    return;
  guint ow = self->width, oh = self->height;
  self->width = width;
  self->height = height;
  if (self->library != NULL
      && (self->library->width != width || self->library->height != height))
    {
      HfPatterns *r = resample_set (self->library, width, height);
      hf_patterns_free (self->library);
      self->library = r;
    }
  if (self->probe != NULL && ow > 0)
    {
      resample_state (&self->probe, ow, oh, width, height);
      resample_state (&self->source, ow, oh, width, height);
    }
  else
    {
      g_free (self->probe);
      g_free (self->source);
      self->probe = g_new (int8_t, (gsize)width * height);
      memset (self->probe, -1, (gsize)width * height);
      self->source = g_memdup2 (self->probe, (gsize)width * height);
    }
  if (self->net != NULL && self->net->n != (size_t)width * height)
    {
      hf_recall_free (self->recall);
      hf_network_free (self->net);
      self->recall = NULL;
      self->net = NULL;
      gtk_progress_bar_set_fraction (self->train_progress, 0);
      gtk_progress_bar_set_text (self->train_progress, _ ("Not trained yet"));
      gtk_label_set_text (self->train_result, "");
    }
  /* keep the dropdown in step (it is the way users change the size) */
  self->setting_size = TRUE;
  guint pos = GTK_INVALID_LIST_POSITION;
  for (guint k = 0; k < G_N_ELEMENTS (grid_sizes); k++)
    if (grid_sizes[k] == width && width == height)
      pos = k;
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->size_dropdown, pos);
  self->setting_size = FALSE;
  hs_pattern_canvas_set_state (self->canvas, self->probe, width, height);
}

static void
on_size_changed (HsWindow *self, GParamSpec *pspec, GtkDropDown *dd)
{
  if (self->setting_size || self->library == NULL)
    return;
  guint k = gtk_drop_down_get_selected (dd);
  if (k >= G_N_ELEMENTS (grid_sizes))
    return;
  gboolean had_net = self->net != NULL;
  hs_window_set_grid (self, grid_sizes[k], grid_sizes[k]);
  hs_window_library_changed (self);
  if (self->library->m > 0 || had_net)
    hs_window_show_message (
        self, GTK_MESSAGE_INFO,
        _ ("The grid is now %u×%u: the stored patterns were resized. Train "
           "again to recall at this size."),
        grid_sizes[k], grid_sizes[k]);
}

/* ---- the probe and the canvas ---- */

void
hs_window_set_probe (HsWindow *self, const int8_t *s, gboolean as_source)
{
  gsize n = (gsize)self->width * self->height;
  memcpy (self->probe, s, n);
  if (as_source)
    memcpy (self->source, s, n);
  hs_pattern_canvas_set_state (self->canvas, self->probe, self->width, self->height);
  hs_window_recall_restart (self);
}

static void
on_canvas_edited (HsWindow *self, HsPatternCanvas *canvas)
{
  /* what the user draws becomes both the probe and the clean source */
  hs_window_set_probe (self, hs_pattern_canvas_get_state (canvas), TRUE);
}

static void
on_canvas_clamp_changed (HsWindow *self, HsPatternCanvas *canvas)
{
  if (self->recall != NULL)
    hf_recall_set_clamp (self->recall, hs_pattern_canvas_get_clamp (canvas), NULL);
}

static void
on_canvas_occlude (HsWindow *self, guint x, guint y, guint w, guint h,
                   HsPatternCanvas *canvas)
{
  int8_t *s = g_memdup2 (self->probe, (gsize)self->width * self->height);
  hf_state_occlude (s, self->width, self->height, x, y, w, h, -1, NULL);
  hs_window_set_probe (self, s, FALSE);
  g_free (s);
}

static void
on_tool_toggled (HsWindow *self, GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  HsCanvasTool tool = button == self->tool_clamp     ? HS_CANVAS_TOOL_CLAMP
                      : button == self->tool_occlude ? HS_CANVAS_TOOL_OCCLUDE
                                                     : HS_CANVAS_TOOL_DRAW;
  hs_pattern_canvas_set_tool (self->canvas, tool);
}

/* ---- recall ---- */

static HfUpdateMode
selected_mode (HsWindow *self)
{
  guint k = gtk_drop_down_get_selected (self->mode_dropdown);
  return k < HF_UPDATE_COUNT ? (HfUpdateMode)k : HF_UPDATE_SEQUENTIAL;
}

static void
describe_outcome (HsWindow *self)
{
  char *text = NULL;
  HfRecall *r = self->recall;
  gboolean stochastic
      = selected_mode (self) == HF_UPDATE_STOCHASTIC && hf_recall_temperature (r) > 0;
  HfOutcome o = hf_recall_classify (r, self->library);
  if (stochastic)
    text = o.kind == HF_OUTCOME_PATTERN
               ? g_strdup_printf (_ ("Sampling at T = %.2f — now at pattern %ld"),
                                  hf_recall_temperature (r), o.pattern)
               : g_strdup_printf (_ ("Sampling at T = %.2f"), hf_recall_temperature (r));
  else if (!hf_recall_converged (r) && !hf_recall_in_cycle (r))
    text = g_strdup (hf_recall_steps (r) == 0 ? _ ("Ready: press Play or Step")
                                              : _ ("Settling…"));
  else
    switch (o.kind)
      {
      case HF_OUTCOME_PATTERN:
        text = g_strdup_printf (_ ("✔ Recalled pattern %ld"), o.pattern);
        break;
      case HF_OUTCOME_INVERSE:
        text = g_strdup_printf (_ ("Recalled the inverse of pattern %ld"), o.pattern);
        break;
      case HF_OUTCOME_SPURIOUS:
        text = o.pattern >= 0 ? g_strdup_printf (
                   _ ("Spurious state (closest: pattern %ld, overlap %.2f)"), o.pattern,
                   o.overlap)
                              : g_strdup (_ ("Stable state"));
        break;
      case HF_OUTCOME_CYCLE:
        text = g_strdup_printf (_ ("Cycle of period %zu: synchronous updates alternate"),
                                o.period);
        break;
      case HF_OUTCOME_NOT_CONVERGED:
        text = g_strdup (_ ("Not converged"));
        break;
      }
  gtk_label_set_text (self->outcome_label, text);
  g_free (text);
}

static void
update_texts (HsWindow *self, const HfEvent *ev)
{
  HfRecall *r = self->recall;
  char *counters = g_strdup_printf (_ ("Step %zu · Sweep %zu · Flips %zu · E = %.4f"),
                                    hf_recall_steps (r), hf_recall_sweeps (r),
                                    hf_recall_flips (r), hf_recall_energy (r));
  gtk_label_set_text (self->counter_label, counters);
  g_free (counters);
  char *info = NULL;
  if (ev != NULL && ev->neuron != SIZE_MAX)
    info = g_strdup_printf (_ ("Neuron %zu (row %zu, column %zu): field h = %+.4f "
                               "(threshold θ = %+.4f). A flip "
                               "would change E by 2·s·h = %+.4f, so it %s (now %s)."),
                            ev->neuron, ev->neuron / self->width + 1,
                            ev->neuron % self->width + 1, ev->field, ev->threshold,
                            ev->flip_delta, ev->flipped ? _ ("flipped") : _ ("stayed"),
                            ev->new_value > 0 ? _ ("on") : _ ("off"));
  else if (ev != NULL)
    info = g_strdup_printf (_ ("All neurons updated at once: %zu flipped."), ev->flips);
  gtk_label_set_text (self->neuron_label, info ? info : "");
  g_free (info);
  describe_outcome (self);
}

static void
update_views (HsWindow *self, const HfEvent *ev)
{
  HfRecall *r = self->recall;
  hs_pattern_canvas_set_state (self->canvas, hf_recall_state (r), self->width,
                               self->height);
  if (ev != NULL && ev->neuron != SIZE_MAX)
    hs_pattern_canvas_set_highlight (self->canvas, (int)ev->neuron, ev->flipped);
  else
    hs_pattern_canvas_set_highlight (self->canvas, -1, FALSE);
  hf_patterns_overlaps (self->library, hf_recall_state (r), self->overlaps);
  hs_overlap_chart_set (self->overlap_chart, self->overlaps, (guint)self->library->m);
  /* Shaping text is the costliest part of a frame, and numbers changing
   * 60 times a second cannot be read: while playing, labels follow at
   * 10 Hz; the final state is always shown (stop_playing updates). */
  gint64 now = g_get_monotonic_time ();
  if (!self->playing || now - self->last_text_update >= 100000)
    {
      self->last_text_update = now;
      update_texts (self, ev);
    }
}

static void
show_no_network (HsWindow *self)
{
  hs_pattern_canvas_set_state (self->canvas, self->probe, self->width, self->height);
  hs_pattern_canvas_set_highlight (self->canvas, -1, FALSE);
  hs_energy_plot_clear (self->energy_plot);
  hf_patterns_overlaps (self->library, self->probe, self->overlaps);
  hs_overlap_chart_set (self->overlap_chart, self->overlaps, (guint)self->library->m);
  gtk_label_set_text (self->outcome_label,
                      self->library->m > 0
                          ? _ ("Train the network to start recall (Ctrl+T)")
                          : _ ("Store some patterns, then train"));
  gtk_label_set_text (self->counter_label, "");
  gtk_label_set_text (self->neuron_label, "");
}

static void stop_playing (HsWindow *self);

void
hs_window_recall_restart (HsWindow *self)
{
  stop_playing (self);
  if (self->recall == NULL)
    {
      show_no_network (self);
      return;
    }
  HfRecall *r = self->recall;
  hf_recall_set_mode (r, selected_mode (self));
  hf_recall_set_tie (r, (HfTieRule)gtk_drop_down_get_selected (self->tie_dropdown));
  hf_recall_set_temperature (r, gtk_range_get_value (GTK_RANGE (self->temperature_scale)),
                             NULL);
  hf_recall_set_clamp (r, hs_pattern_canvas_get_clamp (self->canvas), NULL);
  hf_recall_set_seed (r,
                      (unsigned long)gtk_spin_button_get_value_as_int (self->seed_spin));
  hf_recall_set_state (r, self->probe, NULL);
  hs_energy_plot_clear (self->energy_plot);
  hs_energy_plot_add (self->energy_plot, 0, hf_recall_energy (r));
  update_views (self, NULL);
}

void
hs_window_set_network (HsWindow *self, HfNetwork *net)
{
  hf_recall_free (self->recall);
  hf_network_free (self->net);
  self->net = net;
  self->recall = hf_recall_new (net, NULL);
  self->stale = FALSE;
  hs_window_recall_restart (self);
  hs_window_update_actions (self);
}

static gboolean
finished (HsWindow *self)
{
  gboolean stochastic = selected_mode (self) == HF_UPDATE_STOCHASTIC
                        && hf_recall_temperature (self->recall) > 0;
  return !stochastic
         && (hf_recall_converged (self->recall) || hf_recall_in_cycle (self->recall));
}

static void
do_steps (HsWindow *self, guint64 count)
{
  HfEvent ev = { 0 };
  for (guint64 k = 0; k < count && !finished (self); k++)
    {
      hf_recall_step (self->recall, &ev);
      hs_energy_plot_add (self->energy_plot, (double)hf_recall_steps (self->recall),
                          ev.energy);
    }
  update_views (self, count > 0 ? &ev : NULL);
}

static double
steps_per_second (HsWindow *self)
{
  return pow (10.0, gtk_range_get_value (GTK_RANGE (self->speed_scale)));
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  HsWindow *self = HS_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame_time ? (now - self->last_frame_time) / 1e6 : 1.0 / 60;
  self->last_frame_time = now;
  self->frames++;
  /* a synchronous step updates every neuron: pace it per sweep */
  double rate = steps_per_second (self);
  if (selected_mode (self) == HF_UPDATE_SYNC)
    rate /= MAX (1u, self->width * self->height);
  self->step_debt += rate * MIN (dt, 0.1);
  guint64 steps = (guint64)self->step_debt;
  self->step_debt -= (double)steps;
  if (steps > 0)
    do_steps (self, MIN (steps, (guint64)200000));
  if (finished (self))
    {
      self->tick_id = 0;
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_playing (HsWindow *self)
{
  gboolean was_playing = self->playing;
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->playing = FALSE;
  if (was_playing && self->recall != NULL)
    update_texts (self, NULL);
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
}

static void
start_playing (HsWindow *self)
{
  if (self->recall == NULL || self->playing)
    return;
  if (finished (self))
    hs_window_recall_restart (self);
  self->playing = TRUE;
  self->last_frame_time = 0;
  self->step_debt = 1.0; /* the first frame moves at once */
  self->frames = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
  gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
}

static void
on_recall_settings_changed (HsWindow *self)
{
  gboolean stochastic = selected_mode (self) == HF_UPDATE_STOCHASTIC;
  gtk_widget_set_sensitive (GTK_WIDGET (self->temperature_scale), stochastic);
  gboolean was_playing = self->playing;
  hs_window_recall_restart (self);
  if (was_playing)
    start_playing (self);
}

static void
on_temperature_changed (HsWindow *self)
{
  /* Temperature changes take effect at once, without restarting: a
   * lecturer can anneal while it plays. */
  if (self->recall != NULL)
    {
      hf_recall_set_temperature (
          self->recall, gtk_range_get_value (GTK_RANGE (self->temperature_scale)), NULL);
      describe_outcome (self);
    }
}

static void
on_speed_changed (HsWindow *self)
{
  double s = steps_per_second (self);
  char *text = s < 10 ? g_strdup_printf (_ ("%.1f updates/s"), s)
                      : g_strdup_printf (_ ("%.0f updates/s"), s);
  gtk_label_set_text (self->speed_label, text);
  g_free (text);
}

/* ---- training parameters ---- */

static void
on_rule_changed (HsWindow *self)
{
  HfRule rule = (HfRule)gtk_drop_down_get_selected (self->rule_dropdown);
  const HfRuleInfo *info = hf_rule_info (rule);
  if (info == NULL)
    return;
  HfTrainOptions o;
  hf_train_options_init (&o, rule);
  gtk_label_set_text (self->rule_description, _ (info->description));
  gboolean lr = rule == HF_RULE_PERCEPTRON || rule == HF_RULE_MPF_ONLINE;
  gboolean iter = info->iterative && rule != HF_RULE_STORKEY;
  gboolean margin
      = rule == HF_RULE_PERCEPTRON || rule == HF_RULE_MPF || rule == HF_RULE_MPF_ONLINE;
  gtk_widget_set_visible (self->lr_label, lr);
  gtk_widget_set_visible (self->lr_spin, lr);
  gtk_widget_set_visible (self->iter_label, iter);
  gtk_widget_set_visible (self->iter_spin, iter);
  gtk_widget_set_visible (self->margin_label, margin);
  gtk_widget_set_visible (self->margin_spin, margin);
  gtk_widget_set_visible (GTK_WIDGET (self->thresholds_check), info->learns_thresholds);
  gtk_label_set_text (GTK_LABEL (self->iter_label),
                      rule == HF_RULE_MPF ? _ ("Max. iterations") : _ ("Max. epochs"));
  gtk_label_set_text (GTK_LABEL (self->margin_label),
                      rule == HF_RULE_PERCEPTRON ? _ ("Margin") : _ ("Stop at margin"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lr_spin), o.learning_rate);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->iter_spin), (double)o.max_iterations);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->margin_spin), o.margin);
  gtk_check_button_set_active (self->thresholds_check, o.learn_thresholds);
}

/* ---- actions ---- */

#define ACTION(name)                                                                     \
  static void action_##name (GSimpleAction *a, GVariant *p, gpointer user)

ACTION (open)
{
  hs_window_open_dialog (HS_WINDOW (user));
}
ACTION (save_session)
{
  hs_window_save_session_dialog (HS_WINDOW (user));
}
ACTION (save_network)
{
  hs_window_save_network_dialog (HS_WINDOW (user));
}
ACTION (save_patterns)
{
  hs_window_save_patterns_dialog (HS_WINDOW (user));
}
ACTION (export_png)
{
  hs_window_export_png_dialog (HS_WINDOW (user));
}
ACTION (train)
{
  hs_window_train (HS_WINDOW (user));
}
ACTION (cancel_training)
{
  hs_window_cancel_training (HS_WINDOW (user));
}
ACTION (import_close)
{
  hs_window_import_close (HS_WINDOW (user));
}

ACTION (load_sample)
{
  HsWindow *self = user;
  HfError err = { 0 };
  HfPatterns *set = hf_sample_load (g_variant_get_string (p, NULL), &err);
  if (set == NULL)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", err.message);
      return;
    }
  hs_window_set_library (self, set);
  select_index (self, 0);
  hs_window_set_probe (self, hf_patterns_get (self->library, 0), TRUE);
}

ACTION (random_patterns)
{
  HsWindow *self = user;
  HfPatterns *set = hf_patterns_new (self->width, self->height, NULL);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, ++self->corrupt_seed);
  hf_patterns_add_random (set, 10, 0.5, rng, NULL);
  gsl_rng_free (rng);
  hs_window_set_library (self, set);
  hs_window_set_probe (self, hf_patterns_get (self->library, 0), TRUE);
}

ACTION (add_pattern)
{
  HsWindow *self = user;
  HfError err = { 0 };
  if (hf_patterns_append (self->library, self->probe, &err) != HF_OK)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", err.message);
      return;
    }
  hs_window_library_changed (self);
  select_index (self, (int)self->library->m - 1);
}

ACTION (duplicate_pattern)
{
  HsWindow *self = user;
  int k = selected_index (self);
  if (k < 0)
    return;
  int8_t *x = g_memdup2 (hf_patterns_get (self->library, (size_t)k), self->library->n);
  hf_patterns_insert (self->library, (size_t)k + 1, x, NULL);
  g_free (x);
  hs_window_library_changed (self);
  select_index (self, k + 1);
}

ACTION (delete_pattern)
{
  HsWindow *self = user;
  int k = selected_index (self);
  if (k < 0)
    return;
  hf_patterns_remove (self->library, (size_t)k);
  hs_window_library_changed (self);
  if (self->library->m > 0)
    select_index (self, MIN (k, (int)self->library->m - 1));
}

ACTION (move_pattern)
{
  HsWindow *self = user;
  int k = selected_index (self), to = k + g_variant_get_int32 (p);
  if (k < 0 || to < 0 || (size_t)to >= self->library->m)
    return;
  hf_patterns_move (self->library, (size_t)k, (size_t)to);
  hs_window_library_changed (self);
  select_index (self, to);
}

ACTION (clear_patterns)
{
  HsWindow *self = user;
  hf_patterns_clear (self->library);
  hs_window_library_changed (self);
}

ACTION (corrupt)
{
  HsWindow *self = user;
  gsize n = (gsize)self->width * self->height;
  int8_t *s = g_memdup2 (self->source, n);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, ++self->corrupt_seed);
  double fraction = gtk_spin_button_get_value (self->corrupt_spin) / 100.0;
  hf_state_flip_fraction (s, n, fraction, rng, NULL);
  gsl_rng_free (rng);
  hs_window_set_probe (self, s, FALSE);
  char *text = g_strdup_printf (_ ("Probe: %zu of %zu bits flipped (roll %lu)"),
                                hf_hamming (s, self->source, n), n, self->corrupt_seed);
  gtk_label_set_text (self->probe_label, text);
  g_free (text);
  g_free (s);
}

ACTION (invert)
{
  HsWindow *self = user;
  hf_state_invert (self->probe, (size_t)self->width * self->height);
  hs_window_set_probe (self, self->probe, TRUE);
}

ACTION (fill)
{
  HsWindow *self = user;
  memset (self->probe, g_variant_get_int32 (p) > 0 ? 1 : -1,
          (gsize)self->width * self->height);
  hs_window_set_probe (self, self->probe, TRUE);
}

ACTION (shift)
{
  HsWindow *self = user;
  const char *dir = g_variant_get_string (p, NULL);
  int dx = g_str_equal (dir, "left") ? -1 : g_str_equal (dir, "right") ? 1 : 0;
  int dy = g_str_equal (dir, "up") ? -1 : g_str_equal (dir, "down") ? 1 : 0;
  guint w = self->width, h = self->height;
  int8_t *s = g_new (int8_t, (gsize)w * h);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      s[((y + h + dy) % h) * w + (x + w + dx) % w] = self->probe[y * w + x];
  hs_window_set_probe (self, s, TRUE);
  g_free (s);
}

ACTION (clear_clamp)
{
  HsWindow *self = user;
  hs_pattern_canvas_set_clamp (self->canvas, NULL);
  if (self->recall != NULL)
    hf_recall_set_clamp (self->recall, NULL, NULL);
}

static void
zoom_by (HsWindow *self, int direction)
{
  guint cell = (guint)hs_pattern_canvas_get_cell_size (self->canvas);
  guint next = direction == 0  ? 0
               : direction > 0 ? MIN (64u, MAX (cell + 1, cell * 3 / 2))
                               : MAX (2u, cell * 2 / 3);
  hs_pattern_canvas_set_zoom (self->canvas, next);
}

ACTION (zoom)
{
  zoom_by (HS_WINDOW (user), g_variant_get_int32 (p));
}

static gboolean
on_canvas_scroll (GtkEventControllerScroll *scroll, double dx, double dy, HsWindow *self)
{
  GdkModifierType mods
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  if (!(mods & GDK_CONTROL_MASK) || dy == 0)
    return FALSE; /* plain scrolling pans */
  zoom_by (self, dy < 0 ? 1 : -1);
  return TRUE;
}

ACTION (step)
{
  HsWindow *self = user;
  if (self->recall == NULL)
    return;
  stop_playing (self);
  do_steps (self, 1);
}

ACTION (sweep)
{
  HsWindow *self = user;
  if (self->recall == NULL)
    return;
  stop_playing (self);
  /* finish the current sweep, as hf_recall_sweep does */
  guint64 n = (guint64)self->width * self->height;
  guint64 steps = selected_mode (self) == HF_UPDATE_SYNC
                      ? 1
                      : n - hf_recall_steps (self->recall) % n;
  do_steps (self, steps);
}

ACTION (play)
{
  HsWindow *self = user;
  if (self->playing)
    stop_playing (self);
  else
    start_playing (self);
}

ACTION (finish)
{
  HsWindow *self = user;
  if (self->recall == NULL)
    return;
  stop_playing (self);
  /* deterministic modes: until a fixed point or a cycle; stochastic: 50 sweeps */
  size_t n = (size_t)self->width * self->height;
  guint64 budget = (guint64)n * 1000;
  guint64 done = 0;
  HfEvent ev = { 0 };
  if (selected_mode (self) == HF_UPDATE_STOCHASTIC
      && hf_recall_temperature (self->recall) > 0)
    budget = (guint64)n * 50;
  while (done < budget && !finished (self))
    {
      hf_recall_step (self->recall, &ev);
      hs_energy_plot_add (self->energy_plot, (double)hf_recall_steps (self->recall),
                          ev.energy);
      done++;
    }
  update_views (self, done ? &ev : NULL);
}

ACTION (reset)
{
  hs_window_recall_restart (HS_WINDOW (user));
}

static const GActionEntry win_entries[] = {
  { "open", action_open },
  { "save-session", action_save_session },
  { "save-network", action_save_network },
  { "save-patterns", action_save_patterns },
  { "export-png", action_export_png },
  { "train", action_train },
  { "cancel-training", action_cancel_training },
  { "load-sample", action_load_sample, "s" },
  { "random-patterns", action_random_patterns },
  { "add-pattern", action_add_pattern },
  { "duplicate-pattern", action_duplicate_pattern },
  { "delete-pattern", action_delete_pattern },
  { "move-pattern", action_move_pattern, "i" },
  { "clear-patterns", action_clear_patterns },
  { "corrupt", action_corrupt },
  { "invert", action_invert },
  { "fill", action_fill, "i" },
  { "shift", action_shift, "s" },
  { "clear-clamp", action_clear_clamp },
  { "zoom", action_zoom, "i" },
  { "step", action_step },
  { "sweep", action_sweep },
  { "play", action_play },
  { "finish", action_finish },
  { "reset", action_reset },
  { "import-close", action_import_close },
};

/* ---- sessions ---- */

void
hs_window_describe_session (HsWindow *self, HfSession *out)
{
  memset (out, 0, sizeof *out);
  out->library = self->library;
  out->probe = self->probe;
  out->source = self->source;
  out->clamp = (uint8_t *)hs_pattern_canvas_get_clamp (self->canvas);
  out->net = self->net;
  HfSessionSettings *s = &out->settings;
  s->rule = gtk_drop_down_get_selected (self->rule_dropdown);
  s->learning_rate = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->lr_spin));
  s->max_iterations
      = (uint32_t)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->iter_spin));
  s->margin = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->margin_spin));
  s->learn_thresholds = gtk_check_button_get_active (self->thresholds_check);
  s->mode = gtk_drop_down_get_selected (self->mode_dropdown);
  s->tie = gtk_drop_down_get_selected (self->tie_dropdown);
  s->temperature = gtk_range_get_value (GTK_RANGE (self->temperature_scale));
  s->speed = gtk_range_get_value (GTK_RANGE (self->speed_scale));
  s->seed = (uint32_t)gtk_spin_button_get_value_as_int (self->seed_spin);
  s->corrupt_percent = gtk_spin_button_get_value (self->corrupt_spin);
  s->corrupt_seed = (uint32_t)self->corrupt_seed;
}

void
hs_window_apply_session (HsWindow *self, HfSession *ss)
{
  const HfSessionSettings *s = &ss->settings;
  /* settings first: choosing the rule resets its parameters to defaults */
  gtk_drop_down_set_selected (self->rule_dropdown, s->rule);
  on_rule_changed (self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lr_spin), s->learning_rate);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->iter_spin), s->max_iterations);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->margin_spin), s->margin);
  gtk_check_button_set_active (self->thresholds_check, s->learn_thresholds != 0);
  gtk_drop_down_set_selected (self->mode_dropdown, s->mode);
  gtk_drop_down_set_selected (self->tie_dropdown, s->tie);
  gtk_range_set_value (GTK_RANGE (self->temperature_scale), s->temperature);
  gtk_range_set_value (GTK_RANGE (self->speed_scale), s->speed);
  gtk_spin_button_set_value (self->seed_spin, s->seed);
  gtk_spin_button_set_value (self->corrupt_spin, s->corrupt_percent);
  self->corrupt_seed = s->corrupt_seed;
  /* then the document */
  HfPatterns *library = ss->library;
  ss->library = NULL;
  hs_window_set_grid (self, (guint)library->width, (guint)library->height);
  hf_patterns_free (self->library);
  self->library = library;
  gsize n = library->n;
  memcpy (self->source, ss->source, n);
  memcpy (self->probe, ss->probe, n);
  hs_pattern_canvas_set_state (self->canvas, self->probe, self->width, self->height);
  hs_pattern_canvas_set_clamp (self->canvas, ss->clamp);
  hf_recall_free (self->recall);
  hf_network_free (self->net);
  self->recall = NULL;
  self->net = NULL;
  hs_window_library_changed (self);
  if (ss->net != NULL)
    {
      char *text = g_strdup_printf (
          _ ("Network from the session: %s, %zu of %zu patterns are "
             "fixed points."),
          ss->net->summary.rule, ss->net->summary.stored, ss->net->summary.patterns);
      gtk_label_set_text (self->train_result, text);
      g_free (text);
      hs_window_set_network (self, ss->net);
      ss->net = NULL;
    }
  hf_session_free (ss);
}

/* ---- life cycle ---- */

static void
hs_window_dispose (GObject *object)
{
  HsWindow *self = HS_WINDOW (object);
  stop_playing (self);
  hs_window_train_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_WINDOW);
  G_OBJECT_CLASS (hs_window_parent_class)->dispose (object);
}

static void
hs_window_finalize (GObject *object)
{
  HsWindow *self = HS_WINDOW (object);
  hf_recall_free (self->recall);
  hf_network_free (self->net);
  hf_patterns_free (self->library);
  hf_image_free (self->import_image);
  g_free (self->import_cells);
  g_free (self->probe);
  g_free (self->source);
  g_free (self->overlaps);
  G_OBJECT_CLASS (hs_window_parent_class)->finalize (object);
}

static void
hs_window_class_init (HsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hs_window_dispose;
  object_class->finalize = hs_window_finalize;
  g_type_ensure (HS_TYPE_PATTERN_CANVAS);
  g_type_ensure (HS_TYPE_ENERGY_PLOT);
  g_type_ensure (HS_TYPE_OVERLAP_CHART);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, HsWindow, name)
  CHILD (banner);
  CHILD (banner_label);
  CHILD (library_caption);
  CHILD (library_box);
  CHILD (rule_dropdown);
  CHILD (rule_description);
  CHILD (lr_label);
  CHILD (lr_spin);
  CHILD (iter_label);
  CHILD (iter_spin);
  CHILD (margin_label);
  CHILD (margin_spin);
  CHILD (thresholds_check);
  CHILD (train_progress);
  CHILD (train_result);
  CHILD (size_dropdown);
  CHILD (tool_draw);
  CHILD (tool_clamp);
  CHILD (tool_occlude);
  CHILD (import_revealer);
  CHILD (import_label);
  CHILD (threshold_scale);
  CHILD (otsu_check);
  CHILD (import_invert_check);
  CHILD (canvas);
  CHILD (corrupt_spin);
  CHILD (probe_label);
  CHILD (mode_dropdown);
  CHILD (tie_dropdown);
  CHILD (temperature_scale);
  CHILD (speed_scale);
  CHILD (seed_spin);
  CHILD (speed_label);
  CHILD (play_button);
  CHILD (outcome_label);
  CHILD (counter_label);
  CHILD (neuron_label);
  CHILD (energy_plot);
  CHILD (overlap_chart);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_banner_response);
  gtk_widget_class_bind_template_callback (widget_class, on_library_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_library_selection);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_size_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tool_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_clamp_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_occlude);
  gtk_widget_class_bind_template_callback (widget_class, on_recall_settings_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_temperature_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_changed);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_import_changed",
                                                G_CALLBACK (hs_window_import_refresh));
}

static void
hs_window_init (HsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  GtkStringList *rules = gtk_string_list_new (NULL);
  for (int k = 0; k < HF_RULE_COUNT; k++)
    gtk_string_list_append (rules, _ (hf_rule_info ((HfRule)k)->label));
  gtk_drop_down_set_model (self->rule_dropdown, G_LIST_MODEL (rules));
  g_object_unref (rules);
  hs_pattern_canvas_set_editable (self->canvas, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->energy_plot),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Energy over recall steps"), -1);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->overlap_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _ ("Overlap of the state with each stored pattern"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Network state: draw with the mouse"), -1);
  hs_window_files_init (self);
  GtkEventController *scroll
      = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_canvas_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), scroll);

  /* Start with something to play with: the digits, MPF, a noisy 3. */
  self->corrupt_seed = 1;
  self->library = hf_sample_load ("digits-16", NULL);
  hs_window_set_grid (self, (guint)self->library->width, (guint)self->library->height);
  hs_window_library_changed (self);
  gtk_drop_down_set_selected (self->rule_dropdown, HF_RULE_MPF);
  on_rule_changed (self);
  on_speed_changed (self);
  on_recall_settings_changed (self);
  hs_window_set_probe (self, hf_patterns_get (self->library, 3), TRUE);
  action_corrupt (NULL, NULL, self);
}

HsWindow *
hs_window_new (GtkApplication *app)
{
  return g_object_new (HS_TYPE_WINDOW, "application", app, NULL);
}
