/* hs-window-train.c: training in a worker thread.
 *
 * The patterns and options are copied on the main thread; the worker
 * touches no GObject, only its job. It publishes progress under a mutex
 * that a main-loop timeout reads ten times a second, and checks a cancel
 * flag that also reaches inside long MPF line searches. On completion the
 * window (if it still exists and this is still its job) takes the new
 * network; on cancel the previous network stays. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "hs-window-private.h"

/* Workers still running, across windows: the application waits for them
 * at shutdown, because OpenBLAS's exit handler joins its thread pool and
 * would hang if a worker were still inside a BLAS call. */
static gint running_workers;

struct _HsTrainJob
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
  GWeakRef window;
};

static void
job_free (HsTrainJob *job)
{
  hf_patterns_free (job->D);
  hf_network_free (job->net);
  g_mutex_clear (&job->lock);
  g_weak_ref_clear (&job->window);
  g_free (job);
}

static void
train_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  HsTrainJob *job = data;
  job->net = hf_network_new (job->width, job->height, &job->err);
  if (job->net == NULL)
    {
      job->status = job->err.code;
      g_task_return_boolean (task, FALSE);
      g_atomic_int_dec_and_test (&running_workers);
      return;
    }
  HfTrainer *t = hf_trainer_new (job->net, job->D, &job->opts, &job->err);
  if (t == NULL)
    {
      job->status = job->err.code;
      g_task_return_boolean (task, FALSE);
      g_atomic_int_dec_and_test (&running_workers);
      return;
    }
  hf_trainer_set_cancel_flag (t, &job->cancel);
  HfStatus st;
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
  job->status = st;
  hf_trainer_free (t);
  g_task_return_boolean (task, st == HF_OK);
  g_atomic_int_dec_and_test (&running_workers);
}

static double
progress_fraction (const HsTrainJob *job)
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
  HsWindow *self = data;
  HsTrainJob *job = self->job;
  if (job == NULL)
    return G_SOURCE_REMOVE;
  g_mutex_lock (&job->lock);
  if (job->has_progress)
    {
      gtk_progress_bar_set_fraction (self->train_progress, progress_fraction (job));
      gtk_progress_bar_set_text (self->train_progress, job->progress.message);
    }
  else
    gtk_progress_bar_pulse (self->train_progress);
  g_mutex_unlock (&job->lock);
  return G_SOURCE_CONTINUE;
}

static void
train_done (GObject *source, GAsyncResult *result, gpointer data)
{
  HsTrainJob *job = data;
  HsWindow *self = g_weak_ref_get (&job->window);
  if (self != NULL && self->job == job)
    {
      self->job = NULL;
      g_clear_handle_id (&self->progress_source, g_source_remove);
      if (job->status == HF_OK)
        {
          const HfTrainSummary *s = &job->net->summary;
          char *text = g_strdup_printf (
              _ ("%s: %zu of %zu patterns are fixed points (%zu iterations, %.2f s)."),
              _ (hf_rule_info (job->opts.rule)->label), s->stored, s->patterns,
              s->iterations, s->seconds);
          gtk_label_set_text (self->train_result, text);
          g_free (text);
          gtk_progress_bar_set_fraction (self->train_progress, 1.0);
          gtk_progress_bar_set_text (self->train_progress, job->progress.message);
          hs_window_set_network (self, job->net);
          job->net = NULL; /* the window owns it now */
        }
      else if (job->status == HF_ECANCELLED)
        {
          gtk_progress_bar_set_fraction (self->train_progress, 0);
          gtk_progress_bar_set_text (self->train_progress, _ ("Cancelled"));
          hs_window_show_message (
              self, GTK_MESSAGE_INFO,
              _ ("Training was cancelled; the previous network is unchanged."));
        }
      else
        {
          gtk_progress_bar_set_fraction (self->train_progress, 0);
          gtk_progress_bar_set_text (self->train_progress, _ ("Failed"));
          hs_window_show_message (self, GTK_MESSAGE_ERROR, _ ("Training failed: %s"),
                                  job->err.message);
        }
      hs_window_update_actions (self);
    }
  g_clear_object (&self);
}

void
hs_window_train (HsWindow *self)
{
  if (self->job != NULL || self->library->m == 0)
    return;
  HsTrainJob *job = g_new0 (HsTrainJob, 1);
  HfRule rule = (HfRule)gtk_drop_down_get_selected (self->rule_dropdown);
  hf_train_options_init (&job->opts, rule);
  job->opts.learning_rate = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->lr_spin));
  job->opts.max_iterations
      = (size_t)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->iter_spin));
  job->opts.margin = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->margin_spin));
  job->opts.learn_thresholds = gtk_check_button_get_active (self->thresholds_check);
  HfError err = { 0 };
  if (hf_train_options_check (&job->opts, &err) != HF_OK
      || (job->D = hf_patterns_copy (self->library, &err)) == NULL)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", err.message);
      g_free (job);
      return;
    }
  job->width = self->width;
  job->height = self->height;
  job->progress.unstable = (size_t)-1;
  g_mutex_init (&job->lock);
  g_weak_ref_init (&job->window, self);
  self->job = job;
  gtk_progress_bar_set_fraction (self->train_progress, 0);
  gtk_progress_bar_set_text (self->train_progress, _ ("Training…"));
  gtk_label_set_text (self->train_result, "");
  self->progress_source = g_timeout_add (100, on_progress_timeout, self);
  g_atomic_int_inc (&running_workers);
  GTask *task = g_task_new (NULL, NULL, train_done, job);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, train_thread);
  g_object_unref (task);
  hs_window_update_actions (self);
}

void
hs_window_cancel_training (HsWindow *self)
{
  if (self->job != NULL)
    atomic_store (&self->job->cancel, 1);
}

gboolean
hs_window_is_training (HsWindow *self)
{
  return self->job != NULL;
}

void
hs_window_train_dispose (HsWindow *self)
{
  /* The worker may still run: tell it to stop; its job frees itself with
   * the task, and the weak reference keeps it away from this window. */
  if (self->job != NULL)
    atomic_store (&self->job->cancel, 1);
  self->job = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

gboolean
hs_window_wait_for_workers (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * 1e6);
  while (g_atomic_int_get (&running_workers) > 0 && g_get_monotonic_time () < end)
    g_usleep (5000);
  return g_atomic_int_get (&running_workers) == 0;
}
