/* hs-train-panel.c: training in a worker thread.
 *
 * The patterns and options are copied on the main thread; the worker
 * touches no GObject, only its job. It publishes progress under a mutex
 * that a main-loop timeout reads ten times a second, and checks a cancel
 * flag that also reaches inside long MPF line searches. On completion the
 * document (if this is still the panel's job) takes the new network; on
 * cancel the previous network stays. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdatomic.h>

#include "hf-train.h"
#include "hs-drop-down.h"
#include "hs-panels-private.h"

/* Workers still running, across windows: the application waits for them
 * at shutdown, because OpenBLAS's exit handler joins its thread pool and
 * would hang if a worker were still inside a BLAS call. */
static gint running_workers;

typedef struct _HsTrainJob
{
  HfPatterns *D;
  HfTrainOptions opts;
  size_t width, height;
  atomic_int cancel;
  GMutex lock;
  HfTrainProgress progress; /* under lock */
  gboolean has_progress;    /* under lock */
  HfNetwork *net;           /* the result */
  HfError err;
  HfStatus status;
  GWeakRef panel;
  GApplication *app; /* held while the worker runs */
} TrainJob;

G_DEFINE_FINAL_TYPE (HsTrainPanel, hs_train_panel, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_TRAINING,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

/* ---- the worker ---- */

static void
job_free (TrainJob *job)
{
  hf_patterns_free (job->D);
  hf_network_free (job->net);
  g_mutex_clear (&job->lock);
  g_weak_ref_clear (&job->panel);
  g_free (job);
}

static void
train_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  TrainJob *job = data;
  HfTrainer *t = NULL;
  HfStatus st = HF_OK;
  job->net = hf_network_new (job->width, job->height, &job->err);
  if (job->net == NULL
      || (t = hf_trainer_new (job->net, job->D, &job->opts, &job->err)) == NULL)
    st = job->err.code;
  else
    {
      hf_trainer_set_cancel_flag (t, &job->cancel);
      while ((st = hf_trainer_iterate (t, &job->err)) == HF_OK)
        {
          g_mutex_lock (&job->lock);
          job->progress = *hf_trainer_progress (t);
          job->has_progress = TRUE;
          g_mutex_unlock (&job->lock);
          if (atomic_load (&job->cancel))
            {
              st = HF_ECANCELLED;
              break;
            }
        }
      if (st == HF_DONE)
        {
          hf_trainer_finish (t);
          g_mutex_lock (&job->lock);
          job->progress = *hf_trainer_progress (t);
          g_mutex_unlock (&job->lock);
          st = HF_OK;
        }
      hf_trainer_free (t);
    }
  job->status = st;
  g_task_return_boolean (task, st == HF_OK);
  g_atomic_int_dec_and_test (&running_workers);
}

static double
progress_fraction (const TrainJob *job)
{
  const HfTrainProgress *p = &job->progress;
  double by_iter
      = p->max_iterations ? (double)p->iteration / (double)p->max_iterations : 0;
  if (p->unstable == (size_t)-1 || job->D->m == 0)
    return CLAMP (by_iter, 0.0, 1.0);
  double stable = 1.0 - (double)p->unstable / (double)job->D->m;
  /* MPF goes on after every pattern is stable, until the margin is
   * reached: count that half of the way too. */
  if (isfinite (p->min_stability) && job->opts.margin > 0)
    stable = 0.5 * stable + 0.5 * CLAMP (p->min_stability / job->opts.margin, 0.0, 1.0);
  return CLAMP (MAX (by_iter, stable), 0.0, 1.0);
}

static gboolean
on_progress_timeout (gpointer data)
{
  HsTrainPanel *self = data;
  TrainJob *job = self->job;
  if (job == NULL)
    return G_SOURCE_REMOVE;
  g_mutex_lock (&job->lock);
  if (job->has_progress)
    {
      gtk_progress_bar_set_fraction (self->train_progress, progress_fraction (job));
      gtk_progress_bar_set_text (self->train_progress, job->progress.message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->train_progress),
                                   job->progress.message);
    }
  else
    gtk_progress_bar_pulse (self->train_progress);
  g_mutex_unlock (&job->lock);
  return G_SOURCE_CONTINUE;
}

static void
show_message (HsTrainPanel *self, const char *action, const char *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), action, "s", text);
}

static void
end_job (HsTrainPanel *self)
{
  self->job = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TRAINING]);
}

static void
train_done (GObject *source, GAsyncResult *result, gpointer data)
{
  TrainJob *job = data;
  /* The application stays up while a worker runs (OpenBLAS's exit handler
   * would wait for a thread inside a BLAS call): now it may go. */
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  HsTrainPanel *self = g_weak_ref_get (&job->panel);
  if (self == NULL || self->job != job)
    {
      g_clear_object (&self);
      return;
    }
  end_job (self);
  if (job->status == HF_OK
      && (job->width != hs_document_get_width (self->doc)
          || job->height != hs_document_get_height (self->doc)))
    {
      /* the grid changed meanwhile: this network fits nothing now */
      gtk_progress_bar_set_fraction (self->train_progress, 0);
      gtk_progress_bar_set_text (self->train_progress, _ ("Discarded"));
      show_message (self, "win.show-info",
                    _ ("The grid changed during training: train again."));
    }
  else if (job->status == HF_OK)
    {
      gtk_progress_bar_set_fraction (self->train_progress, 1.0);
      gtk_progress_bar_set_text (self->train_progress, job->progress.message);
      hs_document_set_network (self->doc, job->net); /* the document owns it now */
      job->net = NULL;
    }
  else if (job->status == HF_ECANCELLED)
    {
      gtk_progress_bar_set_fraction (self->train_progress, 0);
      gtk_progress_bar_set_text (self->train_progress, _ ("Cancelled"));
      show_message (self, "win.show-info",
                    _ ("Training was cancelled; the previous network is unchanged."));
    }
  else
    {
      gtk_progress_bar_set_fraction (self->train_progress, 0);
      gtk_progress_bar_set_text (self->train_progress, _ ("Failed"));
      char *text = g_strdup_printf (_ ("Training failed: %s"),
                                    hs_engine_message (job->err.message));
      show_message (self, "win.show-error", text);
      g_free (text);
    }
  g_object_unref (self);
}

void
hs_train_panel_train (HsTrainPanel *self)
{
  g_return_if_fail (HS_IS_TRAIN_PANEL (self));
  if (self->job != NULL || hs_document_get_n_patterns (self->doc) == 0)
    return;
  const HfSessionSettings *s = hs_document_get_settings (self->doc);
  TrainJob *job = g_new0 (TrainJob, 1);
  hf_train_options_init (&job->opts, (HfRule)s->rule);
  job->opts.learning_rate = s->learning_rate;
  job->opts.max_iterations = s->max_iterations;
  job->opts.margin = s->margin;
  job->opts.learn_thresholds = s->learn_thresholds != 0;
  HfError err = { 0 };
  if (hf_train_options_check (&job->opts, &err) != HF_OK
      || (job->D = hf_patterns_copy (hs_document_get_patterns (self->doc), &err)) == NULL)
    {
      show_message (self, "win.show-error", hs_engine_message (err.message));
      g_free (job);
      return;
    }
  job->width = hs_document_get_width (self->doc);
  job->height = hs_document_get_height (self->doc);
  job->progress.unstable = (size_t)-1;
  g_mutex_init (&job->lock);
  g_weak_ref_init (&job->panel, self);
  self->job = job;
  gtk_progress_bar_set_fraction (self->train_progress, 0);
  gtk_progress_bar_set_text (self->train_progress, _ ("Training…"));
  self->progress_source = g_timeout_add (100, on_progress_timeout, self);
  g_atomic_int_inc (&running_workers);
  if ((job->app = g_application_get_default ()) != NULL)
    g_application_hold (g_object_ref (job->app));
  GTask *task = g_task_new (NULL, NULL, train_done, job);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, train_thread);
  g_object_unref (task);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TRAINING]);
}

void
hs_train_panel_cancel (HsTrainPanel *self)
{
  g_return_if_fail (HS_IS_TRAIN_PANEL (self));
  if (self->job != NULL)
    atomic_store (&self->job->cancel, 1);
}

gboolean
hs_train_panel_is_training (HsTrainPanel *self)
{
  g_return_val_if_fail (HS_IS_TRAIN_PANEL (self), FALSE);
  return self->job != NULL;
}

gboolean
hs_train_panel_workers_done (void)
{
  return g_atomic_int_get (&running_workers) == 0;
}

/* ---- what the network is ---- */

static void
update_result (HsTrainPanel *self)
{
  const HfNetwork *net = hs_document_get_network (self->doc);
  if (self->job != NULL)
    return;
  if (net == NULL)
    {
      gtk_progress_bar_set_fraction (self->train_progress, 0);
      gtk_progress_bar_set_text (self->train_progress, _ ("Not trained yet"));
      gtk_label_set_text (self->train_result, "");
      return;
    }
  const HfTrainSummary *s = &net->summary;
  HfRule rule;
  gboolean known = hf_rule_from_name (s->rule, &rule);
  const char *label = known ? _ (hf_rule_info (rule)->label) : s->rule;
  char *count
      = !known || !hf_rule_info (rule)->iterative ? g_strdup ("")
        : rule == HF_RULE_MPF
            ? g_strdup_printf (
                ngettext ("%zu iteration, ", "%zu iterations, ", s->iterations),
                s->iterations)
            : g_strdup_printf (ngettext ("%zu epoch, ", "%zu epochs, ", s->iterations),
                               s->iterations);
  char *text = g_strdup_printf (
      ngettext ("%s: %zu of %zu pattern is a fixed point (%s%.2f s).",
                "%s: %zu of %zu patterns are fixed points (%s%.2f s).", s->patterns),
      label, s->stored, s->patterns, count, s->seconds);
  if (hs_document_get_network_stale (self->doc))
    {
      char *stale = g_strdup_printf (
          "%s\n%s", text,
          _ ("The stored patterns changed since: the network still holds the old "
             "set. Train again to store the new one."));
      g_free (text);
      text = stale;
    }
  gtk_progress_bar_set_fraction (self->train_progress, 1.0);
  gtk_progress_bar_set_text (self->train_progress, _ ("Trained"));
  gtk_label_set_text (self->train_result, text);
  g_free (text);
  g_free (count);
}

/* ---- the rule and its parameters ---- */

static void
show_rule (HsTrainPanel *self, HfRule rule)
{
  const HfRuleInfo *info = hf_rule_info (rule);
  if (info == NULL)
    return;
  gtk_label_set_text (self->rule_description, _ (info->description));
  HsRuleParams u;
  hs_rule_params (rule, &u);
  gtk_widget_set_visible (self->lr_label, u.learning_rate);
  gtk_widget_set_visible (self->lr_spin, u.learning_rate);
  gtk_widget_set_visible (self->iter_label, u.iterations);
  gtk_widget_set_visible (self->iter_spin, u.iterations);
  gtk_widget_set_visible (self->margin_label, u.margin);
  gtk_widget_set_visible (self->margin_spin, u.margin);
  gtk_widget_set_visible (GTK_WIDGET (self->thresholds_check), u.thresholds);
  gtk_label_set_text (GTK_LABEL (self->iter_label), u.iterations_label);
  gtk_label_set_text (GTK_LABEL (self->margin_label), u.margin_label);
}

void
hs_rule_params (HfRule rule, HsRuleParams *out)
{
  const HfRuleInfo *info = hf_rule_info (rule);
  memset (out, 0, sizeof *out);
  out->iterations_label = _ ("Max. epochs");
  out->margin_label = _ ("Stop at margin");
  if (info == NULL)
    return;
  out->learning_rate = rule == HF_RULE_PERCEPTRON || rule == HF_RULE_MPF_ONLINE;
  out->iterations = info->iterative && rule != HF_RULE_STORKEY;
  out->margin
      = rule == HF_RULE_PERCEPTRON || rule == HF_RULE_MPF || rule == HF_RULE_MPF_ONLINE;
  out->thresholds = info->learns_thresholds;
  if (rule == HF_RULE_MPF)
    out->iterations_label = _ ("Max. iterations");
  if (rule == HF_RULE_PERCEPTRON)
    out->margin_label = _ ("Margin");
}

/* The widgets' values into the document's settings. */
static void
on_param_changed (HsTrainPanel *self)
{
  if (self->syncing || self->doc == NULL)
    return;
  HfSessionSettings s = *hs_document_get_settings (self->doc);
  s.rule = gtk_drop_down_get_selected (self->rule_dropdown);
  s.learning_rate = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->lr_spin));
  s.max_iterations
      = (uint32_t)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->iter_spin));
  s.margin = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->margin_spin));
  s.learn_thresholds = gtk_check_button_get_active (self->thresholds_check);
  hs_document_set_settings (self->doc, &s);
}

static void
on_rule_changed (HsTrainPanel *self)
{
  HfRule rule = (HfRule)gtk_drop_down_get_selected (self->rule_dropdown);
  show_rule (self, rule);
  if (self->syncing || hf_rule_info (rule) == NULL)
    return;
  /* a rule chosen by the user starts from its own defaults */
  HfTrainOptions o;
  hf_train_options_init (&o, rule);
  self->syncing = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lr_spin), o.learning_rate);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->iter_spin), (double)o.max_iterations);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->margin_spin), o.margin);
  gtk_check_button_set_active (self->thresholds_check, o.learn_thresholds);
  self->syncing = FALSE;
  on_param_changed (self);
}

/* The document's settings into the widgets. */
static void
on_settings_changed (HsTrainPanel *self)
{
  const HfSessionSettings *s = hs_document_get_settings (self->doc);
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->rule_dropdown, s->rule);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lr_spin), s->learning_rate);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->iter_spin), s->max_iterations);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->margin_spin), s->margin);
  gtk_check_button_set_active (self->thresholds_check, s->learn_thresholds != 0);
  self->syncing = FALSE;
  show_rule (self, (HfRule)s->rule);
}

void
hs_train_panel_set_document (HsTrainPanel *self, HsDocument *document)
{
  g_return_if_fail (HS_IS_TRAIN_PANEL (self));
  g_return_if_fail (self->doc == NULL);
  self->doc = g_object_ref (document);
  g_signal_connect_object (document, "settings-changed", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "network-changed", G_CALLBACK (update_result), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::network-stale", G_CALLBACK (update_result),
                           self, G_CONNECT_SWAPPED);
  on_settings_changed (self);
  update_result (self);
}

/* ---- life cycle ---- */

static void
hs_train_panel_dispose (GObject *object)
{
  HsTrainPanel *self = HS_TRAIN_PANEL (object);
  /* The worker may still run: tell it to stop; its job frees itself with
   * the task, and the weak reference keeps it away from this panel. */
  if (self->job != NULL)
    atomic_store (&self->job->cancel, 1);
  self->job = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_TRAIN_PANEL);
  g_clear_object (&self->doc);
  G_OBJECT_CLASS (hs_train_panel_parent_class)->dispose (object);
}

static void
hs_train_panel_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  if (id == PROP_TRAINING)
    g_value_set_boolean (value, HS_TRAIN_PANEL (object)->job != NULL);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
hs_train_panel_class_init (HsTrainPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hs_train_panel_dispose;
  object_class->get_property = hs_train_panel_get_property;
  props[PROP_TRAINING] = g_param_spec_boolean ("training", NULL, NULL, FALSE,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                                   | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-train-panel.ui");
#define CHILD(name)                                                                      \
  gtk_widget_class_bind_template_child (widget_class, HsTrainPanel, name)
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
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_rule_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_param_changed);
}

static void
hs_train_panel_init (HsTrainPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* entries from the engine's rule table, in its order (HfRule values) */
  const char *rules[HF_RULE_COUNT];
  for (int k = 0; k < HF_RULE_COUNT; k++)
    rules[k] = _ (hf_rule_info ((HfRule)k)->label);
  self->syncing = TRUE;
  hs_drop_down_set_labels (self->rule_dropdown, rules, HF_RULE_COUNT);
  self->syncing = FALSE;
}
