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

static void
add_image_pattern (HsWindow *self, const HfImage *img, HfError *err)
{
  int8_t *s = g_new (int8_t, (gsize)self->width * self->height);
  gboolean otsu = gtk_check_button_get_active (self->otsu_check);
  if (hf_image_to_pattern (
          img, self->width, self->height, otsu ? HF_THRESHOLD_OTSU : HF_THRESHOLD_FIXED,
          gtk_range_get_value (GTK_RANGE (self->threshold_scale)),
          gtk_check_button_get_active (self->import_invert_check), s, NULL, err)
      == HF_OK)
    hf_patterns_append (self->library, s, err);
  g_free (s);
}

void
hs_window_import_refresh (HsWindow *self)
{
  if (self->import_image == NULL)
    return;
  gboolean otsu = gtk_check_button_get_active (self->otsu_check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_scale), !otsu);
  int8_t *s = g_new (int8_t, (gsize)self->width * self->height);
  double used = 0.5;
  HfError err = { 0 };
  if (hf_image_to_pattern (self->import_image, self->width, self->height,
                           otsu ? HF_THRESHOLD_OTSU : HF_THRESHOLD_FIXED,
                           gtk_range_get_value (GTK_RANGE (self->threshold_scale)),
                           gtk_check_button_get_active (self->import_invert_check), s,
                           &used, &err)
      == HF_OK)
    {
      if (otsu)
        gtk_range_set_value (GTK_RANGE (self->threshold_scale), used);
      hs_window_set_probe (self, s, TRUE);
    }
  else
    hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", err.message);
  g_free (s);
}

void
hs_window_import_close (HsWindow *self)
{
  g_clear_pointer (&self->import_image, hf_image_free);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
}

static void
start_import (HsWindow *self, HfImage *img, const char *name)
{
  hf_image_free (self->import_image);
  self->import_image = img;
  char *label = g_strdup_printf (_ ("%s (%zu×%zu)"), name, img->width, img->height);
  gtk_label_set_text (self->import_label, label);
  g_free (label);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  hs_window_import_refresh (self);
}

void
hs_window_open_files (HsWindow *self, GFile **files, guint n_files)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  if (hs_window_is_training (self))
    {
      hs_window_show_message (
          self, GTK_MESSAGE_WARNING,
          _ ("Wait for training to finish (or cancel it) before opening files."));
      return;
    }
  GString *errors = g_string_new (NULL);
  guint images = 0, added = 0;
  /* count images first: one image opens the import bar, several are
   * stored directly with the current threshold */
  for (guint k = 0; k < n_files; k++)
    {
      char *path = g_file_get_path (files[k]);
      unsigned char head[8];
      FILE *f = path ? fopen (path, "rb") : NULL;
      if (f != NULL)
        {
          size_t got = fread (head, 1, sizeof head, f);
          images += hf_image_sniff (head, got);
          fclose (f);
        }
      g_free (path);
    }
  for (guint k = 0; k < n_files; k++)
    {
      char *path = g_file_get_path (files[k]);
      char *name = g_file_get_basename (files[k]);
      HfError err = { 0 };
      unsigned char *data = NULL;
      size_t len = 0;
      if (path == NULL)
        g_string_append_printf (errors, _ ("%s: only local files can be opened\n"), name);
      else if (hf_file_read (path, hf_netfile_size (HF_MAX_NEURONS), &data, &len, &err)
               != HF_OK)
        g_string_append_printf (errors, "%s\n", err.message);
      else if (hf_session_sniff (data, len))
        {
          HfSession *ss = hf_session_decode (data, len, name, &err);
          if (ss == NULL)
            g_string_append_printf (errors, "%s\n", err.message);
          else
            {
              hs_window_import_close (self);
              hs_window_apply_session (self, ss);
              hs_window_show_message (self, GTK_MESSAGE_INFO,
                                      _ ("Opened the session %s."), name);
            }
        }
      else if (hf_netfile_sniff (data, len))
        {
          HfNetwork *net = hf_netfile_decode (data, len, name, &err);
          if (net == NULL)
            g_string_append_printf (errors, "%s\n", err.message);
          else
            {
              hs_window_import_close (self);
              hs_window_set_grid (self, (guint)net->width, (guint)net->height);
              hs_window_library_changed (self);
              char *text
                  = g_strdup_printf (_ ("Opened network %s: %s, %zu neurons, trained on "
                                        "%zu patterns (%zu stored)."),
                                     name, net->summary.rule, net->n,
                                     net->summary.patterns, net->summary.stored);
              gtk_label_set_text (self->train_result, text);
              g_free (text);
              hs_window_set_network (self, net);
            }
        }
      else if (hf_image_sniff (data, len))
        {
          HfImage *img = hf_image_decode (data, len, name, &err);
          if (img == NULL)
            g_string_append_printf (errors, "%s\n", err.message);
          else if (images == 1)
            start_import (self, img, name);
          else
            {
              add_image_pattern (self, img, &err);
              if (err.code != HF_OK)
                g_string_append_printf (errors, "%s: %s\n", name, err.message);
              else
                added++;
              hf_image_free (img);
            }
        }
      else
        {
          HfPatterns *set = hf_text_parse ((const char *)data, len, name, &err);
          if (set == NULL)
            g_string_append_printf (
                errors, _ ("%s is not a network, image or pattern file (%s)\n"), name,
                err.message);
          else
            {
              hs_window_import_close (self);
              hs_window_set_library (self, set);
              if (self->library->m > 0)
                hs_window_set_probe (self, hf_patterns_get (self->library, 0), TRUE);
            }
        }
      g_free (data);
      g_free (path);
      g_free (name);
    }
  if (added > 0)
    hs_window_library_changed (self);
  if (errors->len > 0)
    {
      g_strchomp (errors->str);
      hs_window_show_message (self, GTK_MESSAGE_ERROR,
                              _ ("Could not open everything:\n%s"), errors->str);
    }
  g_string_free (errors, TRUE);
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
