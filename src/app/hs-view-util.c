/* hs-view-util.c: background jobs, shared network copies, export. */
#include "hs-view-util.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "hs-plot-style.h"

struct _HsJob
{
  gint refs;
  atomic_int cancel;
  atomic_int progress; /* parts per million */
  GWeakRef owner;
  HsJobFunc func;
  HsJobDone done;
  HsJobTick tick;
  gpointer data;
  GDestroyNotify destroy;
  GCancellable *cancellable;
  /* held while the thread runs: OpenBLAS's exit handler joins its threads
   * and must not meet a worker inside a BLAS call (as training does) */
  GApplication *app;
  guint timer;
};

static void
job_unref (HsJob *job)
{
  if (!g_atomic_int_dec_and_test (&job->refs))
    return;
  if (job->destroy)
    job->destroy (job->data);
  g_weak_ref_clear (&job->owner);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
job_stop_timer (HsJob *job)
{
  if (job->timer)
    {
      g_source_remove (job->timer);
      job->timer = 0;
    }
}

static gboolean
job_tick (gpointer user_data)
{
  HsJob *job = user_data;
  GObject *owner = g_weak_ref_get (&job->owner);
  if (owner && job->tick && !atomic_load (&job->cancel))
    job->tick (owner, hs_job_get_progress (job));
  g_clear_object (&owner);
  return G_SOURCE_CONTINUE;
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  HsJob *job = task_data;
  GError *error = NULL;
  if (job->func (job, job->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
job_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HsJob *job = user_data;
  GError *error = NULL;
  g_task_propagate_boolean (G_TASK (result), &error);
  if (!atomic_load (&job->cancel))
    {
      /* the owner's reference ends here: done is the last it hears */
      job_stop_timer (job);
      GObject *owner = g_weak_ref_get (&job->owner);
      if (owner && job->done)
        job->done (owner, job->data, error);
      g_clear_object (&owner);
      job_unref (job);
    }
  g_clear_error (&error);
  if (job->app != NULL)
    {
      g_application_release (job->app);
      g_clear_object (&job->app);
    }
  job_unref (job); /* the task's reference */
}

HsJob *
hs_job_run (GObject *owner, HsJobFunc func, HsJobDone done, HsJobTick tick, gpointer data,
            GDestroyNotify destroy)
{
  HsJob *job = g_new0 (HsJob, 1);
  job->refs = 2; /* the owner's and the task's */
  atomic_init (&job->cancel, 0);
  atomic_init (&job->progress, 0);
  g_weak_ref_init (&job->owner, owner);
  job->func = func;
  job->done = done;
  job->tick = tick;
  job->data = data;
  job->destroy = destroy;
  job->cancellable = g_cancellable_new ();
  job->app = g_application_get_default ();
  if (job->app != NULL)
    g_application_hold (g_object_ref (job->app));
  if (tick)
    job->timer = g_timeout_add (100, job_tick, job);
  /* the task always returns the worker's own result (the engine stops
   * early on the flag); the callback then drops it if cancelled */
  GTask *task = g_task_new (NULL, job->cancellable, job_finished, job);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, job_thread);
  g_object_unref (task);
  return job;
}

void
hs_job_cancel (HsJob *job)
{
  if (job == NULL)
    return;
  atomic_store (&job->cancel, 1);
  g_cancellable_cancel (job->cancellable);
  job_stop_timer (job);
  job_unref (job); /* the owner's reference */
}

const atomic_int *
hs_job_cancel_flag (HsJob *job)
{
  return &job->cancel;
}

void
hs_job_set_progress (HsJob *job, double fraction)
{
  atomic_store (&job->progress, (int)(CLAMP (fraction, 0.0, 1.0) * 1e6));
}

double
hs_job_get_progress (HsJob *job)
{
  return atomic_load (&job->progress) / 1e6;
}

static void
net_data_clear (gpointer p)
{
  HsNetData *d = p;
  hf_network_free (d->net);
  hf_patterns_free (d->patterns);
}

HsNetData *
hs_net_data_new (const HfNetwork *net, const HfPatterns *patterns, guint width,
                 guint height, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  if ((gsize)width * height != net->n || width != net->width || height != net->height
      || (patterns && patterns->n != net->n))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("The network (%zu neurons), the grid (%u × %u) and the patterns "
                      "do not fit together."),
                   net->n, width, height);
      return NULL;
    }
  HfError err = { 0 };
  HsNetData *d = g_rc_box_new0 (HsNetData);
  d->net = hf_network_new (net->width, net->height, &err);
  if (d->net && hf_network_assign (d->net, net, &err) == HF_OK && patterns)
    d->patterns = hf_patterns_copy (patterns, &err);
  if (!d->net || err.code != HF_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err.message);
      g_rc_box_release_full (d, net_data_clear);
      return NULL;
    }
  return d;
}

HsNetData *
hs_net_data_ref (HsNetData *data)
{
  return g_rc_box_acquire (data);
}

void
hs_net_data_unref (HsNetData *data)
{
  if (data)
    g_rc_box_release_full (data, net_data_clear);
}

gboolean
hs_view_export (GtkWidget *widget, const char *path, int width, int height,
                HpDrawFunc draw, gpointer data, GError **error)
{
  HpStyle style;
  hs_plot_style_from_widget (widget, &style);
  if (width <= 0 || height <= 0)
    {
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
    }
  if (width < 200 || height < 150)
    {
      width = 900;
      height = 500;
    }
  char message[512];
  if (hp_export (path, width, height, &style, draw, data, message, sizeof message) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, message);
      return FALSE;
    }
  return TRUE;
}

struct _HsCsv
{
  char *path, *tmp;
  FILE *f;
  gboolean first;
};

HsCsv *
hs_csv_open (const char *path, GError **error)
{
  HsCsv *csv = g_new0 (HsCsv, 1);
  csv->path = g_strdup (path);
  csv->tmp = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp (csv->tmp);
  csv->f = fd >= 0 ? fdopen (fd, "w") : NULL;
  if (!csv->f)
    {
      int e = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "%s: %s", path,
                   g_strerror (e));
      if (fd >= 0)
        {
          close (fd);
          g_unlink (csv->tmp);
        }
      g_free (csv->path);
      g_free (csv->tmp);
      g_free (csv);
      return NULL;
    }
  csv->first = TRUE;
  return csv;
}

void
hs_csv_sep (HsCsv *csv)
{
  fputc (',', csv->f);
}

void
hs_csv_text (HsCsv *csv, const char *text)
{
  fputs (text, csv->f);
}

void
hs_csv_int (HsCsv *csv, gint64 v)
{
  fprintf (csv->f, "%" G_GINT64_FORMAT, v);
}

void
hs_csv_double (HsCsv *csv, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (v))
    fputs ("nan", csv->f);
  else
    fputs (g_ascii_formatd (buf, sizeof buf, "%.9g", v), csv->f);
}

void
hs_csv_end_row (HsCsv *csv)
{
  fputc ('\n', csv->f);
}

gboolean
hs_csv_close (HsCsv *csv, GError **error)
{
  int e = 0;
  if (fflush (csv->f) != 0 || ferror (csv->f) || fsync (fileno (csv->f)) != 0)
    e = errno ? errno : EIO;
  if (fclose (csv->f) != 0 && e == 0)
    e = errno;
  if (e == 0 && g_rename (csv->tmp, csv->path) != 0)
    e = errno;
  if (e != 0)
    {
      g_unlink (csv->tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "%s: %s", csv->path,
                   g_strerror (e));
    }
  g_free (csv->path);
  g_free (csv->tmp);
  g_free (csv);
  return e == 0;
}

void
hs_flow_box_children_unfocusable (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_FLOW_BOX_CHILD (c))
        gtk_widget_set_focusable (c, FALSE);
      hs_flow_box_children_unfocusable (c);
    }
}
