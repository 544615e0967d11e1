/* hs-document-io.c: saving and loading the document as a session file,
 * asynchronously: no file is read or written on the main thread. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "hf-fileio.h"
#include "hs-document-private.h"

const char *
hs_engine_message (const char *message)
{
  return g_dgettext (GETTEXT_PACKAGE, message);
}

struct _HsLesson
{
  char *title, *notes, *view;
};

HsLesson *
hs_lesson_take (HfSession *session)
{
  if (session->title == NULL && session->notes == NULL && session->view == NULL)
    return NULL;
  HsLesson *lesson = g_new (HsLesson, 1);
  /* the session's strings come from malloc: copied into GLib's heap */
  lesson->title = g_strdup (session->title);
  lesson->notes = g_strdup (session->notes);
  lesson->view = g_strdup (session->view);
  return lesson;
}

void
hs_lesson_free (HsLesson *lesson)
{
  if (lesson == NULL)
    return;
  g_free (lesson->title);
  g_free (lesson->notes);
  g_free (lesson->view);
  g_free (lesson);
}

const char *
hs_document_get_lesson_title (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  HsLesson *lesson = hs_document_get_lesson (self);
  return lesson ? lesson->title : NULL;
}

const char *
hs_document_get_notes (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  HsLesson *lesson = hs_document_get_lesson (self);
  return lesson ? lesson->notes : NULL;
}

const char *
hs_document_get_view (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  HsLesson *lesson = hs_document_get_lesson (self);
  return lesson ? lesson->view : NULL;
}

char *
hs_document_dup_display_name (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  const char *title = hs_document_get_lesson_title (self);
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  GFile *file = hs_document_get_file (self);
  if (file == NULL)
    return g_strdup (_ ("Untitled lesson"));
  return g_file_get_basename (file);
}

void
hs_document_describe_session (HsDocument *self, HfSession *out)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  memset (out, 0, sizeof *out);
  /* borrowed: the session is only read (encoded) */
  out->library = (HfPatterns *)hs_document_get_patterns (self);
  out->probe = (int8_t *)hs_document_get_probe (self);
  out->source = (int8_t *)hs_document_get_source (self);
  out->clamp = (uint8_t *)hs_document_get_clamp (self);
  out->net = (HfNetwork *)hs_document_get_network (self);
  out->settings = *hs_document_get_settings (self);
  out->title = (char *)hs_document_get_lesson_title (self);
  out->notes = (char *)hs_document_get_notes (self);
  out->view = (char *)hs_document_get_view (self);
  hs_document_results_describe (self, out);
}

/* Saving: the session is encoded on the main thread (a copy of the bytes),
 * and written with fsync and rename by a worker that touches no GObject. */
typedef struct
{
  char *path;
  unsigned char *data;
  size_t len;
  guint64 generation;
  GFile *file;
  HfError err;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->path);
  free (job->data);
  g_clear_object (&job->file);
  g_free (job);
}

static void
save_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SaveJob *job = data;
  if (g_task_return_error_if_cancelled (task))
    return;
  if (hf_file_write_atomic (job->path, job->data, job->len, &job->err) != HF_OK)
    {
      g_task_return_new_error (task, HS_DOCUMENT_ERROR, job->err.code, "%s",
                               hs_engine_message (job->err.message));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
hs_document_save_async (HsDocument *self, GFile *file, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SaveJob *job = g_new0 (SaveJob, 1);
  job->path = g_file_get_path (file);
  job->file = g_object_ref (file);
  job->generation = hs_document_get_generation (self);
  g_task_set_task_data (task, job, (GDestroyNotify)save_job_free);
  HfSession ss;
  hs_document_describe_session (self, &ss);
  if (job->path == NULL)
    g_task_return_new_error (task, HS_DOCUMENT_ERROR, HF_EIO, "%s",
                             _ ("Only local files can be written."));
  else if (hf_session_encode (&ss, &job->data, &job->len, &job->err) != HF_OK)
    g_task_return_new_error (task, HS_DOCUMENT_ERROR, job->err.code, "%s",
                             hs_engine_message (job->err.message));
  else
    g_task_run_in_thread (task, save_thread);
  g_object_unref (task);
}

gboolean
hs_document_save_finish (HsDocument *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  GTask *task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  SaveJob *job = g_task_get_task_data (task);
  hs_document_set_file (self, job->file);
  if (job->generation == hs_document_get_generation (self))
    hs_document_set_modified (self, FALSE);
  return TRUE;
}

static void
load_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GFile *file = data;
  char *path = g_file_get_path (file);
  HfError err = { 0 };
  HfSession *ss = NULL;
  if (path == NULL)
    g_task_return_new_error (task, HS_DOCUMENT_ERROR, HF_EIO, "%s",
                             _ ("Only local files can be opened."));
  else if ((ss = hf_session_load (path, &err)) == NULL)
    g_task_return_new_error (task, HS_DOCUMENT_ERROR, err.code, "%s",
                             hs_engine_message (err.message));
  else
    g_task_return_pointer (task, ss, (GDestroyNotify)hf_session_free);
  g_free (path);
}

void
hs_document_load_async (HsDocument *self, GFile *file, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
  g_object_unref (task);
}

gboolean
hs_document_load_finish (HsDocument *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  GTask *task = G_TASK (result);
  HfSession *ss = g_task_propagate_pointer (task, error);
  if (ss == NULL)
    return FALSE;
  /* a result that comes back after its request was cancelled is dropped */
  GCancellable *c = g_task_get_cancellable (task);
  if (c != NULL && g_cancellable_is_cancelled (c))
    {
      hf_session_free (ss);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _ ("Opening was cancelled."));
      return FALSE;
    }
  hs_document_apply_session (self, ss, g_task_get_task_data (task));
  return TRUE;
}
