/* hs-recall-panel.c: recall settings, controls and explanations. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-drop-down.h"
#include "hs-energy-plot.h"
#include "hs-overlap-chart.h"
#include "hs-panels-private.h"
#include "hs-settings.h"

/* Dropdown entries: each names its engine value, so their order is free. */
static const struct
{
  HfUpdateMode mode;
  const char *label;
} modes[] = {
  { HF_UPDATE_SEQUENTIAL, N_ ("One at a time, in order") },
  { HF_UPDATE_RANDOM, N_ ("One at a time, random order") },
  { HF_UPDATE_SYNC, N_ ("All at once (synchronous)") },
  { HF_UPDATE_STOCHASTIC, N_ ("Stochastic (temperature T)") },
};

const char *
hs_update_mode_label (HfUpdateMode mode)
{
  for (guint k = 0; k < G_N_ELEMENTS (modes); k++)
    if (modes[k].mode == mode)
      return _ (modes[k].label);
  return "";
}

static const struct
{
  HfTieRule tie;
  const char *label;
} ties[] = {
  { HF_TIE_OFF, N_ ("Turns off (as in the paper)") },
  { HF_TIE_ON, N_ ("Turns on") },
  { HF_TIE_KEEP, N_ ("Keeps its value") },
};

G_DEFINE_FINAL_TYPE (HsRecallPanel, hs_recall_panel, GTK_TYPE_BOX)

/* ---- explanations ---- */

static void
describe_outcome (HsRecallPanel *self)
{
  const HfRecall *r = hs_recall_player_get_recall (self->player);
  const HfPatterns *lib = hs_document_get_patterns (self->doc);
  char *text = NULL;
  if (r == NULL)
    text = g_strdup (lib->m > 0 ? _ ("Train the network to start recall (Ctrl+T)")
                                : _ ("Store some patterns, then train"));
  else
    {
      HfOutcome o = hf_recall_classify (r, lib);
      if (hs_recall_player_is_stochastic (self->player))
        text = o.kind == HF_OUTCOME_PATTERN
                   ? g_strdup_printf (_ ("Sampling at T = %.2f — now at pattern %ld"),
                                      hf_recall_temperature (r), o.pattern)
                   : g_strdup_printf (_ ("Sampling at T = %.2f"),
                                      hf_recall_temperature (r));
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
                       _ ("Spurious state (closest: pattern %ld, overlap %.2f)"),
                       o.pattern, o.overlap)
                                  : g_strdup (_ ("Stable state"));
            break;
          case HF_OUTCOME_CYCLE:
            text = g_strdup_printf (
                _ ("Cycle of period %zu: synchronous updates alternate"), o.period);
            break;
          case HF_OUTCOME_NOT_CONVERGED:
            text = g_strdup (_ ("Not converged"));
            break;
          }
    }
  gtk_label_set_text (self->outcome_label, text);
  g_free (text);
}

static void
update_texts (HsRecallPanel *self, const HfEvent *ev)
{
  const HfRecall *r = hs_recall_player_get_recall (self->player);
  describe_outcome (self);
  if (r == NULL)
    {
      gtk_label_set_text (self->counter_label, "");
      gtk_label_set_text (self->neuron_label, "");
      return;
    }
  char *counters = g_strdup_printf (_ ("Step %zu · Sweep %zu · Flips %zu · E = %.4f"),
                                    hf_recall_steps (r), hf_recall_sweeps (r),
                                    hf_recall_flips (r), hf_recall_energy (r));
  gtk_label_set_text (self->counter_label, counters);
  g_free (counters);
  char *info = NULL;
  guint w = hs_document_get_width (self->doc);
  /* neurons, rows and columns count from 0, as everywhere in the studio */
  if (ev != NULL && ev->neuron != SIZE_MAX)
    info = g_strdup_printf (
        _ ("Neuron %zu (row %zu, column %zu): field h = %+.4f (threshold θ = %+.4f). A "
           "flip would change E by 2·s·h = %+.4f, so it %s (now %s)."),
        ev->neuron, ev->neuron / w, ev->neuron % w, ev->field, ev->threshold,
        ev->flip_delta, ev->flipped ? _ ("flipped") : _ ("stayed"),
        ev->new_value > 0 ? _ ("on") : _ ("off"));
  else if (ev != NULL)
    info = g_strdup_printf (ngettext ("All neurons updated at once: %zu neuron flipped.",
                                      "All neurons updated at once: %zu neurons flipped.",
                                      ev->flips),
                            ev->flips);
  gtk_label_set_text (self->neuron_label, info ? info : "");
  g_free (info);
}

static void
update_overlaps (HsRecallPanel *self)
{
  const HfPatterns *lib = hs_document_get_patterns (self->doc);
  const HfRecall *r = hs_recall_player_get_recall (self->player);
  /* a session of another grid replaces the library before the network: the
   * old recall's state is of the old size until "restarted" comes */
  if (r != NULL && hf_recall_n (r) != lib->n)
    return;
  self->overlaps = g_renew (double, self->overlaps, lib->m + 1);
  hf_patterns_overlaps (lib, hs_recall_player_get_state (self->player), self->overlaps);
  hs_overlap_chart_set (self->overlap_chart, self->overlaps, (guint)lib->m);
}

/* The timeline and the energy plot's cursor follow the recall's history:
 * first..last recorded, the step on show, and the branch points. */
static void
sync_history (HsRecallPanel *self, gboolean marks)
{
  const HfHistory *h = hs_recall_player_get_history (self->player);
  const HfRecall *r = hs_recall_player_get_recall (self->player);
  if (h == NULL || r == NULL)
    {
      hs_timeline_set (self->timeline, 0, 0, 0);
      hs_timeline_set_branches (self->timeline, NULL, NULL, 0);
      self->shown_branches = 0;
      hs_energy_plot_set_cursor (self->energy_plot, -1);
      return;
    }
  size_t now = hf_recall_steps (r), last = hf_history_last (h);
  hs_timeline_set (self->timeline, hf_history_first (h), last, now);
  /* a branch drops the recorded future, and its energies with it */
  hs_energy_plot_truncate (self->energy_plot, (double)last);
  hs_energy_plot_set_cursor (self->energy_plot, now < last ? (double)now : -1);
  guint n = (guint)hf_history_n_branches (h);
  if (!marks && n == self->shown_branches)
    return;
  guint64 *steps = g_new (guint64, MAX (n, 1));
  const char **labels = g_new (const char *, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      steps[k] = hf_history_branch_point (h, k)->step;
      labels[k] = hf_history_branch_point (h, k)->label;
    }
  hs_timeline_set_branches (self->timeline, steps, labels, n);
  self->shown_branches = n;
  g_free (steps);
  g_free (labels);
}

static void
on_timeline_seek (HsRecallPanel *self, guint64 step)
{
  hs_recall_player_seek (self->player, step);
}

static void
on_restarted (HsRecallPanel *self)
{
  const HfRecall *r = hs_recall_player_get_recall (self->player);
  self->has_last_event = FALSE;
  hs_energy_plot_clear (self->energy_plot);
  if (r != NULL)
    hs_energy_plot_add (self->energy_plot, 0, hf_recall_energy (r));
  update_overlaps (self);
  update_texts (self, NULL);
  sync_history (self, TRUE);
}

/* Patterns stored, removed or moved: the overlaps and the outcome's
 * naming change; the recall, its history and the energy plot do not. */
static void
on_library_changed (HsRecallPanel *self)
{
  const HfRecall *r = hs_recall_player_get_recall (self->player);
  if (r != NULL && hf_recall_n (r) != hs_document_get_patterns (self->doc)->n)
    return;
  update_overlaps (self);
  update_texts (self, self->has_last_event ? &self->last_event : NULL);
}

static void
on_stepped (HsRecallPanel *self, const HfEvent *ev, const double *energies, guint count,
            HsRecallPlayer *player)
{
  const HfRecall *r = hs_recall_player_get_recall (player);
  size_t first = hf_recall_steps (r) - count + 1;
  for (guint k = 0; k < count; k++)
    hs_energy_plot_add (self->energy_plot, (double)(first + k), energies[k]);
  if (ev != NULL || count == 0)
    {
      /* after a seek or a branch, the event of the step on show (none at
       * the first) */
      self->has_last_event = ev != NULL;
      if (ev != NULL)
        self->last_event = *ev;
    }
  sync_history (self, count == 0);
  update_overlaps (self);
  /* Shaping text is the costliest part of a frame, and numbers changing
   * 60 times a second cannot be read: while playing, labels follow at
   * 10 Hz; the final state is always shown (on_playing). */
  gint64 now = g_get_monotonic_time ();
  if (!hs_recall_player_get_playing (player) || count == 0
      || now - self->last_text_update >= 100000)
    {
      self->last_text_update = now;
      update_texts (self, ev);
    }
}

static void
on_playing (HsRecallPanel *self)
{
  gboolean playing = hs_recall_player_get_playing (self->player);
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  if (!playing)
    update_texts (self, self->has_last_event ? &self->last_event : NULL);
}

/* ---- settings ---- */

static void on_recall_settings_changed (HsRecallPanel *self);

static void
on_speed_changed (HsRecallPanel *self)
{
  double s = pow (10.0, gtk_range_get_value (GTK_RANGE (self->speed_scale)));
  char *text = s < 10 ? g_strdup_printf (_ ("%.1f updates/s"), s)
                      : g_strdup_printf (_ ("%.0f updates/s"), s);
  gtk_label_set_text (self->speed_label, text);
  g_free (text);
  /* the viewer's speed, whatever the lesson saved; without the schema,
   * the lesson's */
  if (self->settings != NULL && self->player != NULL)
    hs_recall_player_set_speed (self->player,
                                gtk_range_get_value (GTK_RANGE (self->speed_scale)));
  else if (self->settings == NULL)
    on_recall_settings_changed (self);
}

/* The widgets' values into the document's settings. */
static void
on_recall_settings_changed (HsRecallPanel *self)
{
  guint m = gtk_drop_down_get_selected (self->mode_dropdown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->temperature_scale),
                            m < G_N_ELEMENTS (modes)
                                && modes[m].mode == HF_UPDATE_STOCHASTIC);
  if (self->syncing || self->doc == NULL)
    return;
  HfSessionSettings s = *hs_document_get_settings (self->doc);
  guint t = gtk_drop_down_get_selected (self->tie_dropdown);
  if (m < G_N_ELEMENTS (modes))
    s.mode = modes[m].mode;
  if (t < G_N_ELEMENTS (ties))
    s.tie = ties[t].tie;
  s.temperature = gtk_range_get_value (GTK_RANGE (self->temperature_scale));
  if (self->settings == NULL) /* else the speed is the viewer's, not the lesson's */
    s.speed = gtk_range_get_value (GTK_RANGE (self->speed_scale));
  s.seed = (uint32_t)gtk_spin_button_get_value_as_int (self->seed_spin);
  hs_document_set_settings (self->doc, &s);
}

static void
on_temperature_changed (HsRecallPanel *self)
{
  on_recall_settings_changed (self);
  if (hs_recall_player_get_recall (self->player) != NULL)
    describe_outcome (self);
}

/* The document's settings into the widgets. */
static void
on_settings_changed (HsRecallPanel *self)
{
  const HfSessionSettings *s = hs_document_get_settings (self->doc);
  self->syncing = TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (modes); k++)
    if ((guint32)modes[k].mode == s->mode)
      gtk_drop_down_set_selected (self->mode_dropdown, k);
  for (guint k = 0; k < G_N_ELEMENTS (ties); k++)
    if ((guint32)ties[k].tie == s->tie)
      gtk_drop_down_set_selected (self->tie_dropdown, k);
  gtk_range_set_value (GTK_RANGE (self->temperature_scale), s->temperature);
  if (self->settings == NULL)
    gtk_range_set_value (GTK_RANGE (self->speed_scale), s->speed);
  gtk_spin_button_set_value (self->seed_spin, s->seed);
  self->syncing = FALSE;
  on_recall_settings_changed (self); /* sensitivity only: syncing is over, no change */
  on_speed_changed (self);
}

void
hs_recall_panel_set_player (HsRecallPanel *self, HsRecallPlayer *player)
{
  g_return_if_fail (HS_IS_RECALL_PANEL (self));
  g_return_if_fail (self->player == NULL);
  self->player = g_object_ref (player);
  self->doc = g_object_ref (hs_recall_player_get_document (player));
  g_signal_connect_object (player, "restarted", G_CALLBACK (on_restarted), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (player, "stepped", G_CALLBACK (on_stepped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (player, "notify::playing", G_CALLBACK (on_playing), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "settings-changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hs_document_get_library (self->doc), "items-changed",
                           G_CALLBACK (on_library_changed), self, G_CONNECT_SWAPPED);
  on_settings_changed (self);
  /* the speed is the viewer's: the preference and this slider are one */
  self->settings = hs_settings_new ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "playback-speed",
                       gtk_range_get_adjustment (GTK_RANGE (self->speed_scale)), "value",
                       G_SETTINGS_BIND_DEFAULT);
      on_speed_changed (self);
    }
  on_restarted (self);
}

/* ---- life cycle ---- */

static void
hs_recall_panel_dispose (GObject *object)
{
  HsRecallPanel *self = HS_RECALL_PANEL (object);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_RECALL_PANEL);
  g_clear_object (&self->player);
  g_clear_object (&self->doc);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (hs_recall_panel_parent_class)->dispose (object);
}

static void
hs_recall_panel_finalize (GObject *object)
{
  g_free (HS_RECALL_PANEL (object)->overlaps);
  G_OBJECT_CLASS (hs_recall_panel_parent_class)->finalize (object);
}

static void
hs_recall_panel_class_init (HsRecallPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hs_recall_panel_dispose;
  object_class->finalize = hs_recall_panel_finalize;
  g_type_ensure (HS_TYPE_ENERGY_PLOT);
  g_type_ensure (HS_TYPE_OVERLAP_CHART);
  g_type_ensure (HS_TYPE_TIMELINE);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-recall-panel.ui");
#define CHILD(name)                                                                      \
  gtk_widget_class_bind_template_child (widget_class, HsRecallPanel, name)
  CHILD (mode_dropdown);
  /* the settings presentation hides: found by id, not kept in the struct */
  gtk_widget_class_bind_template_child_full (widget_class, "settings_grid", FALSE, 0);
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
  CHILD (timeline);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_recall_settings_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_temperature_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_seek);
}

static void
hs_recall_panel_init (HsRecallPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  const char *labels[G_N_ELEMENTS (modes)];
  for (guint k = 0; k < G_N_ELEMENTS (modes); k++)
    labels[k] = _ (modes[k].label);
  self->syncing = TRUE;
  hs_drop_down_set_labels (self->mode_dropdown, labels, G_N_ELEMENTS (modes));
  for (guint k = 0; k < G_N_ELEMENTS (ties); k++)
    labels[k] = _ (ties[k].label);
  hs_drop_down_set_labels (self->tie_dropdown, labels, G_N_ELEMENTS (ties));
  self->syncing = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->energy_plot),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Energy over recall steps"), -1);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->overlap_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
      _ ("Overlap of the state with each stored pattern"), -1);
}

void
hs_recall_panel_set_presenting (HsRecallPanel *self, gboolean presenting)
{
  g_return_if_fail (HS_IS_RECALL_PANEL (self));
  gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_template_child (
                              GTK_WIDGET (self), HS_TYPE_RECALL_PANEL, "settings_grid")),
                          !presenting);
  /* the counter, in the larger font, wraps rather than losing the energy */
  gtk_label_set_wrap (self->counter_label, presenting);
  gtk_label_set_ellipsize (self->counter_label,
                           presenting ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
}
