/* hs-window-files.c: opening, saving, drag and drop.
 * Every file is recognised by its content, never by its name; every
 * error leaves the current work as it was and says why in the banner. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hf-fileio.h"
#include "hf-netfile.h"
#include "hf-text.h"
#include "hs-window-private.h"

/* ---- opening, in a worker ----
 * Reading and decoding (and averaging large images onto the grid) happen
 * in a thread; the window only applies the results, so a 36-megapixel
 * photo does not freeze it. The window's cancellable drops the results
 * when the window is closed meanwhile. */

typedef struct
{
  GFile *file;
  char *name;
  char *error;
  HfSession *session;
  HfNetwork *net;
  HfPatterns *set;
  HfImage *image;
  float *cells; /* image averaged onto the grid */
} OpenItem;

typedef struct
{
  guint n;
  guint width, height; /* the grid when opening started */
  OpenItem *items;
  guint images;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  for (guint k = 0; k < job->n; k++)
    {
      OpenItem *it = &job->items[k];
      g_free (it->name);
      g_free (it->error);
      hf_session_free (it->session);
      hf_network_free (it->net);
      hf_patterns_free (it->set);
      hf_image_free (it->image);
      g_free (it->cells);
      g_object_unref (it->file);
    }
  g_free (job->items);
  g_free (job);
}

static void
open_item (OpenJob *job, OpenItem *it)
{
  char *path = g_file_get_path (it->file);
  it->name = g_file_get_basename (it->file);
  HfError err = { 0 };
  unsigned char *data = NULL;
  size_t len = 0;
  GError *error = NULL;
  /* a file without a path (a lesson in the resources) is read by GIO */
  if (path == NULL
      && !g_file_load_contents (it->file, NULL, (char **)&data, &len, NULL, &error))
    it->error = g_strdup_printf ("%s: %s", it->name, error->message);
  else if (path != NULL
           && hf_file_read (path, (size_t)1 << 31, &data, &len, &err) != HF_OK)
    it->error = g_strdup (hs_engine_message (err.message));
  else if (hf_session_sniff (data, len))
    it->session = hf_session_decode (data, len, it->name, &err);
  else if (hf_netfile_sniff (data, len))
    it->net = hf_netfile_decode (data, len, it->name, &err);
  else if (hf_image_sniff (data, len))
    {
      it->image = hf_image_decode (data, len, it->name, &err);
      if (it->image != NULL)
        {
          it->cells = g_new (float, (gsize)job->width * job->height);
          hf_image_resample (it->image, job->width, job->height, it->cells, NULL);
        }
    }
  else if ((it->set = hf_text_parse ((const char *)data, len, it->name, &err)) == NULL)
    it->error
        = g_strdup_printf (_ ("%s is not a session, network, image or pattern file (%s)"),
                           it->name, hs_engine_message (err.message));
  if (it->error == NULL && !it->session && !it->net && !it->image && !it->set)
    it->error = g_strdup (hs_engine_message (err.message));
  job->images += it->image != NULL;
  g_free (data);
  g_free (path);
  g_clear_error (&error);
}

static void
open_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  OpenJob *job = data;
  for (guint k = 0; k < job->n && !g_cancellable_is_cancelled (cancellable); k++)
    open_item (job, &job->items[k]);
  g_task_return_boolean (task, TRUE);
}

static void
apply_item (HsWindow *self, OpenJob *job, OpenItem *it, guint *added, GString *errors)
{
  if (it->error != NULL)
    {
      g_string_append_printf (errors, "%s\n", it->error);
      return;
    }
  hs_settings_remember_folder (it->file); /* file dialogs start there next time */
  if (it->session != NULL)
    {
      hs_probe_editor_import_close (self->probe_editor);
      /* a lesson from the resources is saved under a new name */
      hs_document_apply_session (self->doc, it->session,
                                 g_file_is_native (it->file) ? it->file : NULL);
      it->session = NULL;
      const char *title = hs_document_get_lesson_title (self->doc);
      if (title != NULL)
        hs_window_show_message (self, GTK_MESSAGE_INFO, _ ("Opened the lesson “%s”."),
                                title);
      else
        hs_window_show_message (self, GTK_MESSAGE_INFO, _ ("Opened the session %s."),
                                it->name);
    }
  else if (it->net != NULL)
    {
      HfNetwork *net = it->net;
      it->net = NULL;
      hs_probe_editor_import_close (self->probe_editor);
      hs_document_set_grid (self->doc, (guint)net->width, (guint)net->height, NULL);
      hs_document_set_network (self->doc, net);
      hs_window_show_message (
          self, GTK_MESSAGE_INFO,
          _ ("Opened network %s: %s, %zu neurons, trained on %zu patterns (%zu stored)."),
          it->name, net->summary.rule, net->n, net->summary.patterns,
          net->summary.stored);
    }
  else if (it->set != NULL)
    {
      hs_probe_editor_import_close (self->probe_editor);
      hs_document_replace_library (self->doc, it->set);
      it->set = NULL;
      hs_library_panel_activate (self->library_panel, 0);
    }
  else if (it->image != NULL && job->width == hs_document_get_width (self->doc)
           && job->height == hs_document_get_height (self->doc))
    {
      if (job->images == 1)
        {
          /* one image: the import bar, with a live threshold */
          hs_probe_editor_import (self->probe_editor, it->name, it->image, it->cells);
          it->image = NULL;
          it->cells = NULL;
        }
      else
        {
          /* several: stored at once with the current threshold */
          int8_t *s = g_new (int8_t, hs_document_get_n_neurons (self->doc));
          hs_probe_editor_threshold (self->probe_editor, it->cells, s);
          if (hs_document_append_pattern (self->doc, s, NULL))
            (*added)++;
          g_free (s);
        }
    }
  else if (it->image != NULL)
    g_string_append_printf (
        errors, _ ("%s: the grid size changed while it was opening\n"), it->name);
}

static void
apply_job (HsWindow *self, gpointer task)
{
  OpenJob *job = g_task_get_task_data (task);
  GString *errors = g_string_new (NULL);
  guint added = 0, failed = 0;
  /* what the files change is one step of undo (a session clears the steps) */
  hs_undo_stack_begin (hs_document_get_undo_stack (self->doc), HS_EDIT_OPEN_FILES, 0);
  for (guint k = 0; k < job->n; k++)
    {
      failed += job->items[k].error != NULL;
      apply_item (self, job, &job->items[k], &added, errors);
    }
  hs_undo_stack_end (hs_document_get_undo_stack (self->doc));
  if (errors->len > 0)
    {
      g_strchomp (errors->str);
      if (job->n == 1)
        hs_window_show_message (self, GTK_MESSAGE_ERROR, _ ("Could not open %s"),
                                errors->str);
      else
        hs_window_show_message (self, GTK_MESSAGE_ERROR,
                                ngettext ("Could not open %u of %u files:\n%s",
                                          "Could not open %u of %u files:\n%s", job->n),
                                failed, job->n, errors->str);
    }
  g_string_free (errors, TRUE);
}

static void
open_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  if (g_cancellable_is_cancelled (cancellable))
    return; /* the window was closed while the files were being read */
  HsWindow *self = HS_WINDOW (source);
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  self->opening = FALSE;
  hs_window_update_actions (self);
  gboolean replaces = FALSE;
  for (guint k = 0; k < job->n; k++)
    replaces |= job->items[k].session || job->items[k].net || job->items[k].set;
  /* the job stays alive with the task until the question is answered */
  if (replaces)
    hs_window_confirm_discard (self, _ ("Open the file and replace the current lesson?"),
                               apply_job, g_object_ref (result), g_object_unref);
  else
    apply_job (self, result);
}

void
hs_window_open_files (HsWindow *self, GFile **files, guint n_files)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  if (hs_window_is_training (self) || self->opening)
    {
      hs_window_show_message (
          self, GTK_MESSAGE_WARNING,
          _ ("Wait for training (or the files being opened) to finish before "
             "opening files."));
      return;
    }
  OpenJob *job = g_new0 (OpenJob, 1);
  job->n = n_files;
  job->items = g_new0 (OpenItem, n_files);
  for (guint k = 0; k < n_files; k++)
    job->items[k].file = g_object_ref (files[k]);
  job->width = hs_document_get_width (self->doc);
  job->height = hs_document_get_height (self->doc);
  self->opening = TRUE;
  hs_window_update_actions (self);
  GTask *task = g_task_new (self, self->cancellable, open_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)open_job_free);
  g_task_run_in_thread (task, open_thread);
  g_object_unref (task);
}

gboolean
hs_window_is_opening (HsWindow *self)
{
  return self->opening;
}

/* ---- dialogs ---- */

static GtkFileFilter *
filter_new (const char *name, const char *const *patterns)
{
  GtkFileFilter *f = gtk_file_filter_new ();
  gtk_file_filter_set_name (f, name);
  for (; *patterns; patterns++)
    gtk_file_filter_add_pattern (f, *patterns);
  return f;
}

static void
on_open_response (GtkNativeDialog *dialog, int response, HsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GListModel *list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (list);
      GFile **files = g_new (GFile *, n);
      for (guint k = 0; k < n; k++)
        files[k] = g_list_model_get_item (list, k);
      hs_window_open_files (self, files, n);
      for (guint k = 0; k < n; k++)
        g_object_unref (files[k]);
      g_free (files);
      g_object_unref (list);
    }
  g_object_unref (dialog);
}

/* What Open offers first: everything the studio reads. */
const char *const hs_window_open_patterns[]
    = { "*.hfsession", "*.hfnet", "*.png", "*.PNG", "*.pbm", "*.txt", NULL };

void
hs_window_open_dialog (HsWindow *self)
{
  GtkFileChooserNative *d = gtk_file_chooser_native_new (_ ("Open"), GTK_WINDOW (self),
                                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                                         _ ("_Open"), _ ("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (d), TRUE);
  GtkFileChooser *fc = GTK_FILE_CHOOSER (d);
  hs_settings_start_in_last_folder (fc);
  gtk_file_chooser_add_filter (
      fc, filter_new (_ ("Everything Hopfield Studio opens"), hs_window_open_patterns));
  gtk_file_chooser_add_filter (
      fc, filter_new (_ ("Sessions"), (const char *const[]){ "*.hfsession", NULL }));
  gtk_file_chooser_add_filter (
      fc, filter_new (_ ("Images (PNG, PBM)"),
                      (const char *const[]){ "*.png", "*.PNG", "*.pbm", NULL }));
  gtk_file_chooser_add_filter (
      fc, filter_new (_ ("Networks"), (const char *const[]){ "*.hfnet", NULL }));
  gtk_file_chooser_add_filter (
      fc, filter_new (_ ("Pattern sets (text)"), (const char *const[]){ "*.txt", NULL }));
  gtk_file_chooser_add_filter (
      fc, filter_new (_ ("All files"), (const char *const[]){ "*", NULL }));
  g_signal_connect (d, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (d));
}

/* ---- saving ---- */

static void
session_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  GError *error = NULL;
  gboolean ok = hs_document_save_finish (HS_DOCUMENT (source), result, &error);
  HsWindow *self = data;
  if (self->doc == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_error (&error); /* the window was closed meanwhile */
      g_object_unref (self);
      return;
    }
  self->saving = FALSE;
  hs_window_update_actions (self);
  if (!ok)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", error->message);
      g_error_free (error);
    }
  else
    {
      hs_settings_remember_folder (hs_document_get_file (self->doc));
      char *name = hs_document_dup_display_name (self->doc);
      hs_window_show_message (self, GTK_MESSAGE_INFO, _ ("Saved “%s”."), name);
      g_free (name);
    }
  g_object_unref (self);
}

static void
save_session_to (HsWindow *self, GFile *file)
{
  self->saving = TRUE;
  hs_window_update_actions (self);
  /* the write and its fsync happen in a worker */
  hs_document_save_async (self->doc, file, self->cancellable, session_saved,
                          g_object_ref (self));
}

void
hs_window_save_session (HsWindow *self)
{
  GFile *file = hs_document_get_file (self->doc);
  if (file == NULL)
    hs_window_save_session_dialog (self);
  else if (!self->saving)
    save_session_to (self, file);
}

typedef enum
{
  SAVE_SESSION = 1,
  SAVE_NETWORK,
  SAVE_PATTERNS,
  SAVE_PNG,
} SaveKind;

/* Networks, pattern sets and PNGs are small: written at once. */
static HfStatus
save_other (HsWindow *self, SaveKind kind, const char *path, HfError *err)
{
  HsDocument *doc = self->doc;
  guint w = hs_document_get_width (doc), h = hs_document_get_height (doc);
  switch (kind)
    {
    case SAVE_NETWORK:
      return hs_document_get_network (doc) != NULL
                 ? hf_netfile_save (path, hs_document_get_network (doc), err)
                 : hf_error_set (err, HF_EINVAL, "%s",
                                 _ ("There is no network to save."));
    case SAVE_PATTERNS:
      return hf_text_save (path, hs_document_get_patterns (doc), err);
    default:
      return hf_png_save_pattern (
          path,
          hs_pattern_canvas_get_state (hs_probe_editor_get_canvas (self->probe_editor)),
          w, h, MAX (1u, 512u / MAX (w, h)), err);
    }
}

static void
on_save_response (GtkNativeDialog *dialog, int response, HsWindow *self)
{
  SaveKind kind
      = (SaveKind)GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "save-kind"));
  GFile *file = response == GTK_RESPONSE_ACCEPT
                    ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                    : NULL;
  char *path = file ? g_file_get_path (file) : NULL;
  HfError err = { 0 };
  if (file == NULL)
    ;
  else if (kind == SAVE_SESSION)
    save_session_to (self, file);
  else if (path == NULL)
    hs_window_show_message (self, GTK_MESSAGE_ERROR,
                            _ ("Only local files can be written."));
  else if (save_other (self, kind, path, &err) != HF_OK)
    hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s",
                            hs_engine_message (err.message));
  else
    {
      hs_settings_remember_folder (file);
      char *name = g_file_get_basename (file);
      hs_window_show_message (self, GTK_MESSAGE_INFO, _ ("Saved “%s”."), name);
      g_free (name);
    }
  g_free (path);
  g_clear_object (&file);
  g_object_unref (dialog);
}

static void
save_dialog (HsWindow *self, const char *title, const char *name, SaveKind kind)
{
  GtkFileChooserNative *d = gtk_file_chooser_native_new (
      title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  GFile *current = kind == SAVE_SESSION ? hs_document_get_file (self->doc) : NULL;
  if (current != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (d), current, NULL);
  else
    {
      hs_settings_start_in_last_folder (GTK_FILE_CHOOSER (d));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (d), name);
    }
  g_object_set_data (G_OBJECT (d), "save-kind", GINT_TO_POINTER (kind));
  g_signal_connect (d, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (d));
}

void
hs_window_save_session_dialog (HsWindow *self)
{
  save_dialog (self, _ ("Save Session"), "lesson.hfsession", SAVE_SESSION);
}

void
hs_window_save_network_dialog (HsWindow *self)
{
  if (hs_document_get_network (self->doc) != NULL)
    save_dialog (self, _ ("Save Network"), "network.hfnet", SAVE_NETWORK);
}

void
hs_window_save_patterns_dialog (HsWindow *self)
{
  save_dialog (self, _ ("Save Patterns"), "patterns.txt", SAVE_PATTERNS);
}

void
hs_window_export_png_dialog (HsWindow *self)
{
  save_dialog (self, _ ("Export Canvas as PNG"), "pattern.png", SAVE_PNG);
}

/* ---- drag and drop ---- */

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, HsWindow *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));
  guint n = g_slist_length (list), k = 0;
  GFile **files = g_new (GFile *, n);
  for (GSList *l = list; l; l = l->next)
    files[k++] = l->data;
  hs_window_open_files (self, files, n);
  g_free (files);
  g_slist_free (list);
  return TRUE;
}

void
hs_window_files_init (HsWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
