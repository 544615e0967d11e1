/* hs-compare-view.c: two rules side by side, recalling in lockstep. Each
 * side trains in a worker that touches only its job; anything that changes
 * the patterns cancels the job, and a result from a job that is no longer
 * the side's current one is dropped. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "hs-compare-view.h"
#include "hs-compare-outcome.h"
#include "hs-drop-down.h"
#include "hs-energy-plot.h"
#include "hs-pattern-canvas.h"
#include "hs-view-util.h"

/* Main-loop time a frame may spend on steps, and steps between clock reads. */
#define CHUNK_USEC 8000
#define BATCH 256

/* Workers still running, across windows (see hs-train-panel.c: the
 * application must not exit while a worker is inside a BLAS call). */
static gint running_workers;

typedef struct
{
  HfPatterns *D;
  HfTrainOptions opts;
  size_t width, height;
  GCancellable *cancellable;
  HfNetwork *net; /* the result */
  HfError err;
  HfStatus status;
  GWeakRef view;
  int side;
  GApplication *app; /* held while the worker runs */
} CompareJob;

typedef struct
{
  GtkDropDown *rule_dropdown;
  GtkLabel *status, *outcome, *counter;
  HsPatternCanvas *canvas;
  HsEnergyPlot *plot;
  HfRule rule;
  HfNetwork *net;     /* NULL: none yet */
  HfRecall *recall;   /* of net */
  CompareJob *job;    /* the current training job, NULL: none */
  char *error;        /* why the last training failed */
  gboolean highlight; /* the last move was a single step */
  HfEvent last;
} Side;

struct _HsCompareView
{
  GtkWidget parent_instance;
  HsDocument *doc;
  Side sides[2];
  GtkWidget *play_button;
  GtkScale *speed_scale;
  GtkLabel *speed_label;
  HfRule rules[HF_RULE_COUNT]; /* dropdown position -> rule */
  guint n_rules;
  guint retrain_id; /* idle that starts both jobs */
  guint tick_id;
  gint64 last_frame;
  double debt;
  gboolean playing;
  gboolean syncing;
  HfUpdateMode mode; /* the recall settings the recalls started with */
  HfTieRule tie;
  guint32 seed;
};

G_DEFINE_FINAL_TYPE (HsCompareView, hs_compare_view, GTK_TYPE_WIDGET)

static const char *const actions[]
    = { "compare.step", "compare.sweep", "compare.reset", "compare.play-pause" };

/* ---- texts ---- */

static void
update_side (HsCompareView *self, Side *side)
{
  g_autofree char *status = NULL;
  if (side->job != NULL || self->retrain_id != 0)
    status = g_strdup (_ ("Training…"));
  else if (side->error != NULL)
    status = g_strdup (side->error);
  else if (side->net != NULL)
    status = g_strdup_printf (ngettext ("%s: %zu of %zu pattern stored",
                                        "%s: %zu of %zu patterns stored",
                                        side->net->summary.patterns),
                              _ (hf_rule_info (side->rule)->label),
                              side->net->summary.stored, side->net->summary.patterns);
  else
    status = g_strdup (_ ("Store some patterns to compare the rules"));
  g_autofree char *outcome
      = hs_compare_describe_outcome (side->recall, hs_document_get_patterns (self->doc));
  gtk_label_set_text (side->status, status);
  gtk_label_set_text (side->outcome, outcome);

  const int8_t *state
      = side->recall ? hf_recall_state (side->recall) : hs_document_get_probe (self->doc);
  hs_pattern_canvas_set_state (side->canvas, state, hs_document_get_width (self->doc),
                               hs_document_get_height (self->doc));
  hs_pattern_canvas_set_clamp (side->canvas, hs_document_get_clamp (self->doc));
  hs_pattern_canvas_set_highlight (
      side->canvas,
      side->highlight && side->last.neuron != SIZE_MAX ? (int)side->last.neuron : -1,
      side->last.flipped);
  g_autofree char *counter
      = side->recall
            ? g_strdup_printf (_ ("Step %zu · E = %.3f"), hf_recall_steps (side->recall),
                               hf_recall_energy (side->recall))
            : g_strdup ("");
  gtk_label_set_text (side->counter, counter);
}

static void
update_all (HsCompareView *self)
{
  update_side (self, &self->sides[0]);
  update_side (self, &self->sides[1]);
  gboolean any = self->sides[0].recall != NULL || self->sides[1].recall != NULL;
  for (guint k = 0; k < G_N_ELEMENTS (actions); k++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[k], any);
  /* an icon, as in the recall panel: the controls fit a narrow centre */
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            self->playing ? "media-playback-pause-symbolic"
                                          : "media-playback-start-symbolic");
}

/* ---- lockstep recall ---- */

static void
stop_ticking (HsCompareView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->playing = FALSE;
}

static void
restart_side (HsCompareView *self, Side *side)
{
  const HfSessionSettings *s = hs_document_get_settings (self->doc);
  side->highlight = FALSE;
  hs_energy_plot_clear (side->plot);
  if (side->net == NULL)
    return;
  if (side->recall == NULL && (side->recall = hf_recall_new (side->net, NULL)) == NULL)
    return;
  hf_recall_set_mode (side->recall, self->mode);
  hf_recall_set_tie (side->recall, self->tie);
  hf_recall_set_temperature (side->recall, s->temperature, NULL);
  HfError err;
  if (hf_recall_set_clamp (side->recall, hs_document_get_clamp (self->doc), &err)
      != HF_OK)
    {
      g_free (side->error);
      side->error = g_strdup (hs_engine_message (err.message));
      g_clear_pointer (&side->recall, hf_recall_free);
      return;
    }
  hf_recall_set_seed (side->recall, self->seed);
  hf_recall_set_state (side->recall, hs_document_get_probe (self->doc), NULL);
  hs_energy_plot_add (side->plot, 0, hf_recall_energy (side->recall));
}

void
hs_compare_view_reset (HsCompareView *self)
{
  g_return_if_fail (HS_IS_COMPARE_VIEW (self));
  const HfSessionSettings *s = hs_document_get_settings (self->doc);
  stop_ticking (self);
  self->mode = s->mode < HF_UPDATE_COUNT ? (HfUpdateMode)s->mode : HF_UPDATE_SEQUENTIAL;
  self->tie = (HfTieRule)s->tie;
  self->seed = s->seed;
  restart_side (self, &self->sides[0]);
  restart_side (self, &self->sides[1]);
  update_all (self);
}

/* Up to count steps on every unfinished side, BATCH at a time on each in
 * turn, so that both have made the same number when the time is up
 * (deadline 0: no limit). Returns the steps each side was offered. */
static guint64
advance (HsCompareView *self, guint64 count, gint64 deadline)
{
  guint64 done = 0;
  for (int k = 0; k < 2; k++)
    self->sides[k].highlight = count == 1;
  while (done < count && !hs_compare_view_is_finished (self))
    {
      guint64 batch = MIN ((guint64)BATCH, count - done);
      for (int k = 0; k < 2; k++)
        {
          Side *side = &self->sides[k];
          for (guint64 b = 0; b < batch && !hs_compare_recall_finished (side->recall);
               b++)
            {
              hf_recall_step (side->recall, &side->last);
              hs_energy_plot_add (side->plot, (double)hf_recall_steps (side->recall),
                                  side->last.energy);
            }
        }
      done += batch;
      if (deadline > 0 && g_get_monotonic_time () > deadline)
        break;
    }
  update_all (self);
  return done;
}

void
hs_compare_view_advance (HsCompareView *self, guint64 count)
{
  g_return_if_fail (HS_IS_COMPARE_VIEW (self));
  hs_compare_view_pause (self);
  advance (self, count, 0);
}

void
hs_compare_view_sweep (HsCompareView *self)
{
  g_return_if_fail (HS_IS_COMPARE_VIEW (self));
  hs_compare_view_pause (self);
  /* both unfinished sides have made the same number of steps */
  const HfRecall *r
      = self->sides[hs_compare_recall_finished (self->sides[0].recall)].recall;
  if (r == NULL)
    return;
  guint64 n = hs_document_get_n_neurons (self->doc);
  advance (self, self->mode == HF_UPDATE_SYNC ? 1 : n - hf_recall_steps (r) % n, 0);
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  HsCompareView *self = HS_COMPARE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame ? (double)(now - self->last_frame) / 1e6 : 1.0 / 60;
  self->last_frame = now;
  double rate = pow (10.0, gtk_range_get_value (GTK_RANGE (self->speed_scale)));
  /* a synchronous step updates every neuron: pace it per sweep */
  if (self->mode == HF_UPDATE_SYNC)
    rate /= MAX (1u, hs_document_get_n_neurons (self->doc));
  self->debt += rate * MIN (dt, 0.1);
  guint64 steps = (guint64)self->debt;
  self->debt -= (double)steps;
  if (steps > 0)
    advance (self, steps, g_get_monotonic_time () + CHUNK_USEC);
  if (hs_compare_view_is_finished (self))
    {
      self->tick_id = 0;
      self->playing = FALSE;
      update_all (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
hs_compare_view_play (HsCompareView *self)
{
  g_return_if_fail (HS_IS_COMPARE_VIEW (self));
  if (self->playing || (self->sides[0].recall == NULL && self->sides[1].recall == NULL))
    return;
  if (hs_compare_view_is_finished (self))
    hs_compare_view_reset (self);
  self->last_frame = 0;
  self->debt = 1.0; /* the first frame moves at once */
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
  self->playing = TRUE;
  update_all (self);
}

void
hs_compare_view_pause (HsCompareView *self)
{
  g_return_if_fail (HS_IS_COMPARE_VIEW (self));
  stop_ticking (self);
  update_all (self);
}

gboolean
hs_compare_view_get_playing (HsCompareView *self)
{
  g_return_val_if_fail (HS_IS_COMPARE_VIEW (self), FALSE);
  return self->playing;
}

void
hs_compare_view_set_speed (HsCompareView *self, double speed)
{
  g_return_if_fail (HS_IS_COMPARE_VIEW (self));
  gtk_range_set_value (GTK_RANGE (self->speed_scale), speed);
}

static void
on_speed_changed (HsCompareView *self)
{
  double s = pow (10.0, gtk_range_get_value (GTK_RANGE (self->speed_scale)));
  g_autofree char *text = g_strdup_printf (_ ("%.*f updates/s"), s < 10 ? 1 : 0, s);
  gtk_label_set_text (self->speed_label, text);
}

/* ---- training ---- */

static void
job_free (CompareJob *job)
{
  hf_patterns_free (job->D);
  hf_network_free (job->net);
  g_clear_object (&job->cancellable);
  g_weak_ref_clear (&job->view);
  g_free (job);
}

static bool
keep_training (const HfTrainProgress *progress, void *user)
{
  return !g_cancellable_is_cancelled (user);
}

static void
train_thread (GTask *task, gpointer source, gpointer data, GCancellable *unused)
{
  CompareJob *job = data;
  job->net = hf_network_new (job->width, job->height, &job->err);
  job->status = job->net == NULL ? job->err.code
                                 : hf_train (job->net, job->D, &job->opts, keep_training,
                                             job->cancellable, &job->err);
  g_task_return_boolean (task, job->status == HF_OK);
  g_atomic_int_dec_and_test (&running_workers);
}

static void
train_done (GObject *source, GAsyncResult *result, gpointer data)
{
  CompareJob *job = data;
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  HsCompareView *self = g_weak_ref_get (&job->view);
  if (self == NULL)
    return;
  Side *side = &self->sides[job->side];
  if (side->job == job) /* otherwise stale: something changed since it started */
    {
      side->job = NULL;
      if (job->status == HF_OK)
        {
          side->net = g_steal_pointer (&job->net);
          /* both sides start again together, so that they stay in lockstep */
          hs_compare_view_reset (self);
        }
      else if (job->status != HF_ECANCELLED)
        side->error = g_strdup_printf (_ ("Training failed: %s"),
                                       hs_engine_message (job->err.message));
      update_all (self);
    }
  g_object_unref (self);
}

/* Cancels the side's job and drops its network: the patterns changed. */
static void
drop_side (HsCompareView *self, Side *side)
{
  if (side->job != NULL)
    g_cancellable_cancel (side->job->cancellable);
  side->job = NULL;
  g_clear_pointer (&side->recall, hf_recall_free);
  g_clear_pointer (&side->net, hf_network_free);
  g_clear_pointer (&side->error, g_free);
  if (side->plot != NULL)
    hs_energy_plot_clear (side->plot);
}

static void
train_side (HsCompareView *self, Side *side)
{
  HfError err = { 0 };
  drop_side (self, side);
  if (hs_document_get_n_patterns (self->doc) == 0)
    return;
  CompareJob *job = g_new0 (CompareJob, 1);
  hf_train_options_init (&job->opts, side->rule);
  if (hf_train_options_check (&job->opts, &err) != HF_OK
      || (job->D = hf_patterns_copy (hs_document_get_patterns (self->doc), &err)) == NULL)
    {
      side->error
          = g_strdup_printf (_ ("Training failed: %s"), hs_engine_message (err.message));
      g_free (job);
      return;
    }
  job->width = hs_document_get_width (self->doc);
  job->height = hs_document_get_height (self->doc);
  job->cancellable = g_cancellable_new ();
  job->side = (int)(side - self->sides);
  g_weak_ref_init (&job->view, self);
  side->job = job;
  g_atomic_int_inc (&running_workers);
  if ((job->app = g_application_get_default ()) != NULL)
    g_application_hold (g_object_ref (job->app));
  GTask *task = g_task_new (NULL, NULL, train_done, job);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, train_thread);
  g_object_unref (task);
}

static gboolean
retrain_idle (gpointer data)
{
  HsCompareView *self = data;
  self->retrain_id = 0;
  train_side (self, &self->sides[0]);
  train_side (self, &self->sides[1]);
  update_all (self);
  return G_SOURCE_REMOVE;
}

/* The patterns or the grid changed: the networks are stale at once, and
 * both sides train again once the change is complete. */
static void
queue_retrain (HsCompareView *self)
{
  stop_ticking (self);
  drop_side (self, &self->sides[0]);
  drop_side (self, &self->sides[1]);
  if (self->retrain_id == 0)
    self->retrain_id = g_idle_add (retrain_idle, self);
  update_all (self);
}

/* ---- the rules ---- */

static guint
rule_position (HsCompareView *self, HfRule rule)
{
  for (guint k = 0; k < self->n_rules; k++)
    if (self->rules[k] == rule)
      return k;
  return GTK_INVALID_LIST_POSITION;
}

void
hs_compare_view_set_rule (HsCompareView *self, HsCompareSide which, HfRule rule)
{
  g_return_if_fail (HS_IS_COMPARE_VIEW (self));
  guint pos = rule_position (self, rule);
  g_return_if_fail (pos != GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->sides[which != HS_COMPARE_LEFT].rule_dropdown, pos);
}

HfRule
hs_compare_view_get_rule (HsCompareView *self, HsCompareSide which)
{
  g_return_val_if_fail (HS_IS_COMPARE_VIEW (self), HF_RULE_HEBBIAN);
  return self->sides[which != HS_COMPARE_LEFT].rule;
}

static void
on_rule_selected (HsCompareView *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  Side *side = &self->sides[dropdown == self->sides[1].rule_dropdown];
  guint pos = gtk_drop_down_get_selected (dropdown);
  if (self->syncing || pos >= self->n_rules || self->rules[pos] == side->rule)
    return;
  side->rule = self->rules[pos];
  train_side (self, side);
  /* the other side goes back to the probe too: both start together */
  hs_compare_view_reset (self);
}

/* ---- the document ---- */

static void
on_settings_changed (HsCompareView *self)
{
  const HfSessionSettings *s = hs_document_get_settings (self->doc);
  if (s->mode != (guint32)self->mode || s->tie != (guint32)self->tie
      || s->seed != self->seed)
    {
      hs_compare_view_reset (self);
      return;
    }
  /* temperature applies at once, to both sides alike */
  for (int k = 0; k < 2; k++)
    if (self->sides[k].recall != NULL
        && s->temperature != hf_recall_temperature (self->sides[k].recall))
      hf_recall_set_temperature (self->sides[k].recall, s->temperature, NULL);
  update_all (self);
}

gboolean
hs_compare_view_is_training (HsCompareView *self)
{
  g_return_val_if_fail (HS_IS_COMPARE_VIEW (self), FALSE);
  return self->retrain_id != 0 || self->sides[0].job != NULL
         || self->sides[1].job != NULL;
}

const HfRecall *
hs_compare_view_get_recall (HsCompareView *self, HsCompareSide which)
{
  g_return_val_if_fail (HS_IS_COMPARE_VIEW (self), NULL);
  return self->sides[which != HS_COMPARE_LEFT].recall;
}

const HfNetwork *
hs_compare_view_get_network (HsCompareView *self, HsCompareSide which)
{
  g_return_val_if_fail (HS_IS_COMPARE_VIEW (self), NULL);
  return self->sides[which != HS_COMPARE_LEFT].net;
}

gboolean
hs_compare_view_is_finished (HsCompareView *self)
{
  g_return_val_if_fail (HS_IS_COMPARE_VIEW (self), TRUE);
  return hs_compare_recall_finished (self->sides[0].recall)
         && hs_compare_recall_finished (self->sides[1].recall);
}

const char *
hs_compare_view_get_outcome (HsCompareView *self, HsCompareSide which)
{
  g_return_val_if_fail (HS_IS_COMPARE_VIEW (self), NULL);
  return gtk_label_get_text (self->sides[which != HS_COMPARE_LEFT].outcome);
}

gboolean
hs_compare_view_workers_done (void)
{
  return g_atomic_int_get (&running_workers) == 0;
}

/* ---- actions and life cycle ---- */

static void
on_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HsCompareView *self = HS_COMPARE_VIEW (widget);
  if (g_str_equal (name, "compare.step"))
    hs_compare_view_advance (self, 1);
  else if (g_str_equal (name, "compare.sweep"))
    hs_compare_view_sweep (self);
  else if (g_str_equal (name, "compare.reset"))
    hs_compare_view_reset (self);
  else if (self->playing)
    hs_compare_view_pause (self);
  else
    hs_compare_view_play (self);
}

static void
hs_compare_view_dispose (GObject *object)
{
  HsCompareView *self = HS_COMPARE_VIEW (object);
  stop_ticking (self);
  g_clear_handle_id (&self->retrain_id, g_source_remove);
  if (self->doc != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->doc, self);
      g_signal_handlers_disconnect_by_data (hs_document_get_library (self->doc), self);
    }
  /* running jobs stop; their weak reference keeps them away from here */
  drop_side (self, &self->sides[0]);
  drop_side (self, &self->sides[1]);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_COMPARE_VIEW);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->doc);
  G_OBJECT_CLASS (hs_compare_view_parent_class)->dispose (object);
}

static void
hs_compare_view_class_init (HsCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hs_compare_view_dispose;
  g_type_ensure (HS_TYPE_PATTERN_CANVAS);
  g_type_ensure (HS_TYPE_ENERGY_PLOT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-compare-view.ui");
  static const char *const parts[]
      = { "rule", "status", "outcome", "counter", "canvas", "plot" };
  const gssize offsets[]
      = { G_STRUCT_OFFSET (Side, rule_dropdown), G_STRUCT_OFFSET (Side, status),
          G_STRUCT_OFFSET (Side, outcome),       G_STRUCT_OFFSET (Side, counter),
          G_STRUCT_OFFSET (Side, canvas),        G_STRUCT_OFFSET (Side, plot) };
  for (int k = 0; k < 2; k++)
    for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
      {
        char *id = g_strdup_printf ("%s_%s", k ? "right" : "left", parts[p]);
        gtk_widget_class_bind_template_child_full (widget_class, id, FALSE,
                                                   G_STRUCT_OFFSET (HsCompareView, sides)
                                                       + k * (gssize)sizeof (Side)
                                                       + offsets[p]);
        g_free (id);
      }
  gtk_widget_class_bind_template_child (widget_class, HsCompareView, play_button);
  gtk_widget_class_bind_template_child (widget_class, HsCompareView, speed_scale);
  gtk_widget_class_bind_template_child (widget_class, HsCompareView, speed_label);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_changed);
  for (guint k = 0; k < G_N_ELEMENTS (actions); k++)
    gtk_widget_class_install_action (widget_class, actions[k], NULL, on_action);
  gtk_widget_class_set_css_name (widget_class, "compareview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hs_compare_view_init (HsCompareView *self)
{
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  hs_flow_box_children_unfocusable (GTK_WIDGET (self));
  /* entries from the engine's rule table, whatever the enum's order */
  const char *labels[HF_RULE_COUNT];
  for (int k = 0; k < HF_RULE_COUNT; k++)
    {
      const HfRuleInfo *info = hf_rule_info ((HfRule)k);
      if (info == NULL)
        continue;
      self->rules[self->n_rules] = (HfRule)k;
      labels[self->n_rules++] = _ (info->label);
    }
  self->sides[0].rule = HF_RULE_HEBBIAN;
  self->sides[1].rule = HF_RULE_MPF;
  for (int k = 0; k < 2; k++)
    {
      Side *side = &self->sides[k];
      hs_drop_down_set_labels (side->rule_dropdown, labels, self->n_rules);
      gtk_drop_down_set_selected (side->rule_dropdown, rule_position (self, side->rule));
      hs_pattern_canvas_set_editable (side->canvas, FALSE);
      side->last.neuron = SIZE_MAX;
    }
  self->syncing = FALSE;
  on_speed_changed (self);
}

GtkWidget *
hs_compare_view_new (HsDocument *doc)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (doc), NULL);
  HsCompareView *self = g_object_new (HS_TYPE_COMPARE_VIEW, NULL);
  self->doc = g_object_ref (doc);
  g_signal_connect_swapped (hs_document_get_library (doc), "items-changed",
                            G_CALLBACK (queue_retrain), self);
  g_signal_connect_swapped (doc, "notify::width", G_CALLBACK (queue_retrain), self);
  g_signal_connect_swapped (doc, "notify::height", G_CALLBACK (queue_retrain), self);
  g_signal_connect_swapped (doc, "probe-changed", G_CALLBACK (hs_compare_view_reset),
                            self);
  g_signal_connect_swapped (doc, "settings-changed", G_CALLBACK (on_settings_changed),
                            self);
  gtk_range_set_value (GTK_RANGE (self->speed_scale),
                       hs_document_get_settings (doc)->speed);
  retrain_idle (self);
  hs_compare_view_reset (self);
  return GTK_WIDGET (self);
}
