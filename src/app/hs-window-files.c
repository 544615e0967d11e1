/* hs-window-files.c: opening, saving, importing images, drag and drop.
 * Every file is recognised by its content, never by its name; every
 * error leaves the current work as it was and says why in the banner. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hf-fileio.h"
#include "hf-netfile.h"
#include "hf-text.h"
#include "hs-window-private.h"

/* The live threshold: n cells already averaged from the image. */
static void
threshold_cells (HsWindow *self, const float *cells, int8_t *s, double *used)
{
  gsize n = (gsize)self->width * self->height;
  gboolean otsu = gtk_check_button_get_active (self->otsu_check);
  gboolean invert = gtk_check_button_get_active (self->import_invert_check);
  double t = otsu ? hf_otsu_threshold (cells, n)
                  : gtk_range_get_value (GTK_RANGE (self->threshold_scale));
  for (gsize k = 0; k < n; k++)
    s[k] = ((cells[k] < t) != invert) ? 1 : -1;
  *used = t;
}

void
hs_window_import_refresh (HsWindow *self)
{
  if (self->import_image == NULL)
    return;
  gsize n = (gsize)self->width * self->height;
  if (self->import_cells == NULL || self->import_w != self->width
      || self->import_h != self->height)
    {
      /* the grid changed since the image was opened: average it again */
      g_free (self->import_cells);
      self->import_cells = g_new (float, n);
      self->import_w = self->width;
      self->import_h = self->height;
      hf_image_resample (self->import_image, self->width, self->height,
                         self->import_cells, NULL);
    }
  gboolean otsu = gtk_check_button_get_active (self->otsu_check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_scale), !otsu);
  int8_t *s = g_new (int8_t, n);
  double used;
  threshold_cells (self, self->import_cells, s, &used);
  if (otsu)
    gtk_range_set_value (GTK_RANGE (self->threshold_scale), used);
  hs_window_set_probe (self, s, TRUE);
  g_free (s);
}

void
hs_window_import_close (HsWindow *self)
{
  g_clear_pointer (&self->import_image, hf_image_free);
  g_clear_pointer (&self->import_cells, g_free);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
}

/* ---- opening, in a worker ----
 * Reading and decoding (and averaging large images onto the grid) happen
 * in a thread; the window only applies the results, so a 36-megapixel
 * photo does not freeze it. */

typedef struct
{
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
  GFile **files;
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
      g_object_unref (job->files[k]);
    }
  g_free (job->items);
  g_free (job->files);
  g_free (job);
}

static void
open_item (OpenJob *job, guint k)
{
  OpenItem *it = &job->items[k];
  char *path = g_file_get_path (job->files[k]);
  it->name = g_file_get_basename (job->files[k]);
  HfError err = { 0 };
  unsigned char *data = NULL;
  size_t len = 0;
  if (path == NULL)
    it->error = g_strdup_printf (_ ("%s: only local files can be opened"), it->name);
  else if (hf_file_read (path, (size_t)1 << 31, &data, &len, &err) != HF_OK)
    it->error = g_strdup (err.message);
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
                           it->name, err.message);
  if (it->error == NULL && !it->session && !it->net && !it->image && !it->set)
    it->error = g_strdup (err.message);
  job->images += it->image != NULL;
  g_free (data);
  g_free (path);
}

static void
open_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  OpenJob *job = data;
  for (guint k = 0; k < job->n; k++)
    open_item (job, k);
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
  if (it->session != NULL)
    {
      hs_window_import_close (self);
      hs_window_apply_session (self, it->session);
      it->session = NULL;
      hs_window_show_message (self, GTK_MESSAGE_INFO, _ ("Opened the session %s."),
                              it->name);
    }
  else if (it->net != NULL)
    {
      HfNetwork *net = it->net;
      it->net = NULL;
      hs_window_import_close (self);
      hs_window_set_grid (self, (guint)net->width, (guint)net->height);
      hs_window_library_changed (self);
      char *text
          = g_strdup_printf (_ ("Opened network %s: %s, %zu neurons, trained on %zu "
                                "patterns (%zu stored)."),
                             it->name, net->summary.rule, net->n, net->summary.patterns,
                             net->summary.stored);
      gtk_label_set_text (self->train_result, text);
      g_free (text);
      hs_window_set_network (self, net);
    }
  else if (it->set != NULL)
    {
      hs_window_import_close (self);
      hs_window_set_library (self, it->set);
      it->set = NULL;
      if (self->library->m > 0)
        hs_window_set_probe (self, hf_patterns_get (self->library, 0), TRUE);
    }
  else if (it->image != NULL && job->width == self->width && job->height == self->height)
    {
      if (job->images == 1)
        {
          /* one image: the import bar, with a live threshold */
          hf_image_free (self->import_image);
          g_free (self->import_cells);
          self->import_image = it->image;
          self->import_cells = it->cells;
          self->import_w = job->width;
          self->import_h = job->height;
          it->image = NULL;
          it->cells = NULL;
          char *label
              = g_strdup_printf (_ ("%s (%zu×%zu)"), it->name, self->import_image->width,
                                 self->import_image->height);
          gtk_label_set_text (self->import_label, label);
          g_free (label);
          gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
          hs_window_import_refresh (self);
        }
      else
        {
          /* several: stored at once with the current threshold */
          int8_t *s = g_new (int8_t, (gsize)self->width * self->height);
          double used;
          threshold_cells (self, it->cells, s, &used);
          hf_patterns_append (self->library, s, NULL);
          g_free (s);
          (*added)++;
        }
    }
  else if (it->image != NULL)
    g_string_append_printf (
        errors, _ ("%s: the grid size changed while it was opening\n"), it->name);
}

static void
open_done (GObject *source, GAsyncResult *result, gpointer data)
{
  HsWindow *self = HS_WINDOW (source);
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  self->opening = FALSE;
  if (self->canvas == NULL)
    return; /* the window was closed while the files were being read */
  GString *errors = g_string_new (NULL);
  guint added = 0;
  for (guint k = 0; k < job->n; k++)
    apply_item (self, job, &job->items[k], &added, errors);
  if (added > 0)
    hs_window_library_changed (self);
  if (errors->len > 0)
    {
      g_strchomp (errors->str);
      hs_window_show_message (self, GTK_MESSAGE_ERROR,
                              _ ("Could not open everything:\n%s"), errors->str);
    }
  g_string_free (errors, TRUE);
  hs_window_update_actions (self);
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
  job->files = g_new (GFile *, n_files);
  for (guint k = 0; k < n_files; k++)
    job->files[k] = g_object_ref (files[k]);
  job->items = g_new0 (OpenItem, n_files);
  job->width = self->width;
  job->height = self->height;
  self->opening = TRUE;
  hs_window_update_actions (self);
  /* the task holds a reference on the window until it is applied */
  GTask *task = g_task_new (self, NULL, open_done, NULL);
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

void
hs_window_open_dialog (HsWindow *self)
{
  GtkFileChooserNative *d = gtk_file_chooser_native_new (_ ("Open"), GTK_WINDOW (self),
                                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                                         _ ("_Open"), _ ("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (d), TRUE);
  GtkFileChooser *fc = GTK_FILE_CHOOSER (d);
  gtk_file_chooser_add_filter (
      fc, filter_new (_ ("Everything Hopfield Studio opens"),
                      (const char *const[]){ "*.png", "*.PNG", "*.pbm", "*.txt",
                                             "*.hfnet", NULL }));
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

typedef enum
{
  SAVE_SESSION = 1,
  SAVE_NETWORK,
  SAVE_PATTERNS,
  SAVE_PNG,
} SaveKind;

static HfStatus
save_network (HsWindow *self, const char *path, HfError *err)
{
  return hf_netfile_save (path, self->net, err);
}

static HfStatus
save_session (HsWindow *self, const char *path, HfError *err)
{
  HfSession ss;
  hs_window_describe_session (self, &ss);
  return hf_session_save (path, &ss, err);
}

static HfStatus
save_patterns (HsWindow *self, const char *path, HfError *err)
{
  return hf_text_save (path, self->library, err);
}

static HfStatus
save_png (HsWindow *self, const char *path, HfError *err)
{
  unsigned scale = MAX (1u, 512u / MAX (self->width, self->height));
  return hf_png_save_pattern (path, hs_pattern_canvas_get_state (self->canvas),
                              self->width, self->height, scale, err);
}

static void
on_save_response (GtkNativeDialog *dialog, int response, HsWindow *self)
{
  SaveKind kind
      = (SaveKind)GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "save-kind"));
  HfStatus (*save) (HsWindow *, const char *, HfError *)
      = kind == SAVE_SESSION    ? save_session
        : kind == SAVE_NETWORK  ? save_network
        : kind == SAVE_PATTERNS ? save_patterns
                                : save_png;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *path = g_file_get_path (file);
      HfError err = { 0 };
      if (path == NULL)
        hs_window_show_message (self, GTK_MESSAGE_ERROR,
                                _ ("Only local files can be written."));
      else if (save (self, path, &err) != HF_OK)
        hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", err.message);
      else
        {
          char *name = g_file_get_basename (file);
          hs_window_show_message (self, GTK_MESSAGE_INFO, _ ("Saved %s."), name);
          g_free (name);
        }
      g_free (path);
      g_object_unref (file);
    }
  g_object_unref (dialog);
}

static void
save_dialog (HsWindow *self, const char *title, const char *name, SaveKind kind)
{
  GtkFileChooserNative *d = gtk_file_chooser_native_new (
      title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (d), name);
  g_object_set_data (G_OBJECT (d), "save-kind", GINT_TO_POINTER (kind));
  g_signal_connect (d, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (d));
}

void
hs_window_save_network_dialog (HsWindow *self)
{
  if (self->net != NULL)
    save_dialog (self, _ ("Save Network"), "network.hfnet", SAVE_NETWORK);
}

void
hs_window_save_session_dialog (HsWindow *self)
{
  save_dialog (self, _ ("Save Session"), "lesson.hfsession", SAVE_SESSION);
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
