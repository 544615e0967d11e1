/* hs-window.c: the main window: the header bar, the banner, the panels and
 * the wiring between them. The panels observe the document and the recall
 * player; the window's actions (hs-window-actions.c) change them, and
 * hs-window-files.c opens and saves. */
#include "config.h"

#include <glib/gi18n.h>

#include "hf-samples.h"
#include "hs-window-private.h"

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, GTK_TYPE_APPLICATION_WINDOW)

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

static void
hide_banner (HsWindow *self)
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

gboolean
hs_window_is_training (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);
  return hs_train_panel_is_training (self->train_panel);
}

void
hs_window_update_actions (HsWindow *self)
{
  if (self->doc == NULL)
    return;
  gboolean training = hs_window_is_training (self);
  gboolean has_net = hs_document_get_network (self->doc) != NULL;
  gboolean has_patterns = hs_document_get_n_patterns (self->doc) > 0;
  gboolean selected = hs_library_panel_get_selected (self->library_panel) >= 0;
  gboolean busy = training || self->opening;
  set_enabled (self, "train", !training && has_patterns);
  set_enabled (self, "cancel-training", training);
  for (const char *const *a = (const char *const[]){ "step", "step-back", "sweep", "play",
                                                     "finish", "reset", NULL };
       *a; a++)
    set_enabled (self, *a, has_net);
  set_enabled (self, "save-network", has_net);
  set_enabled (self, "save-patterns", has_patterns);
  set_enabled (self, "save-session", !self->saving);
  set_enabled (self, "save-session-as", !self->saving);
  set_enabled (self, "clear-patterns", has_patterns && !busy);
  set_enabled (self, "duplicate-pattern", selected && !busy);
  set_enabled (self, "delete-pattern", selected && !busy);
  set_enabled (self, "move-pattern", selected && !busy);
  set_enabled (self, "add-pattern", !busy);
  set_enabled (self, "load-sample", !busy);
  set_enabled (self, "random-patterns", !busy);
  set_enabled (self, "open", !busy);
  set_enabled (self, "open-lesson", !busy);
  hs_probe_editor_set_grid_sensitive (self->probe_editor, !busy);
  hs_window_update_undo (self, busy);
}

/* ---- unsaved changes ---- */

typedef struct
{
  HsWindow *self;
  HsWindowContinue then;
  gpointer data;
  GDestroyNotify destroy;
} Pending;

enum
{
  RESPONSE_DISCARD = 1,
  RESPONSE_SAVE = 2,
};

static void
pending_free (Pending *p)
{
  if (p->destroy != NULL)
    p->destroy (p->data);
  g_object_unref (p->self);
  g_free (p);
}

/* "Save": to the document's own file, then on as asked. */
static void
saved_then (GObject *source, GAsyncResult *result, gpointer data)
{
  Pending *p = data;
  HsWindow *self = p->self;
  GError *error = NULL;
  gboolean ok = hs_document_save_finish (HS_DOCUMENT (source), result, &error);
  if (self->doc != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      if (ok)
        p->then (self, p->data);
      else
        hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", error->message);
    }
  g_clear_error (&error);
  pending_free (p);
}

static void
on_confirm_response (GtkDialog *dialog, int response, Pending *p)
{
  HsWindow *self = p->self;
  self->confirm_dialog = NULL;
  /* the window may go now (Close, Quit): let the dialog forget it first */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_SAVE && hs_document_get_file (self->doc) != NULL)
    {
      hs_document_save_async (self->doc, hs_document_get_file (self->doc),
                              self->cancellable, saved_then, p);
      return;
    }
  if (response == RESPONSE_DISCARD)
    p->then (self, p->data);
  pending_free (p);
}

void
hs_window_confirm_discard (HsWindow *self, const char *what, HsWindowContinue then,
                           gpointer data, GDestroyNotify destroy)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  if (!hs_document_get_modified (self->doc) || self->confirm_dialog != NULL)
    {
      if (self->confirm_dialog == NULL)
        then (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  Pending *p = g_new (Pending, 1);
  *p = (Pending){ g_object_ref (self), then, data, destroy };
  char *name = hs_document_dup_display_name (self->doc);
  GtkWidget *d = gtk_message_dialog_new (
      GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
      GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", what);
  gtk_message_dialog_format_secondary_text (
      GTK_MESSAGE_DIALOG (d),
      _ ("“%s” has unsaved changes. They are lost unless you save them first."), name);
  g_free (name);
  gtk_dialog_add_button (GTK_DIALOG (d), _ ("_Cancel"), GTK_RESPONSE_CANCEL);
  GtkWidget *discard
      = gtk_dialog_add_button (GTK_DIALOG (d), _ ("_Discard Changes"), RESPONSE_DISCARD);
  gtk_widget_add_css_class (discard, "destructive-action");
  if (hs_document_get_file (self->doc) != NULL)
    {
      GtkWidget *save
          = gtk_dialog_add_button (GTK_DIALOG (d), _ ("_Save"), RESPONSE_SAVE);
      gtk_widget_add_css_class (save, "suggested-action");
    }
  gtk_dialog_set_default_response (GTK_DIALOG (d), GTK_RESPONSE_CANCEL);
  g_signal_connect (d, "response", G_CALLBACK (on_confirm_response), p);
  self->confirm_dialog = GTK_WINDOW (d);
  gtk_window_present (GTK_WINDOW (d));
}

static void
close_now (HsWindow *self, gpointer data)
{
  self->may_close = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
hs_window_close_request (GtkWindow *window)
{
  HsWindow *self = HS_WINDOW (window);
  if (self->may_close || !hs_document_get_modified (self->doc))
    return GTK_WINDOW_CLASS (hs_window_parent_class)->close_request (window);
  hs_window_confirm_discard (self, _ ("Close without saving?"), close_now, NULL, NULL);
  return TRUE;
}

/* ---- wiring ---- */

static void
on_player_failed (HsWindow *self, const char *message)
{
  hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", message);
}

static void
on_network_changed (HsWindow *self)
{
  hide_banner (self); /* "the grid is now…", "cancelled": no longer news */
  hs_window_update_actions (self);
}

HsDocument *
hs_window_get_document (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return self->doc;
}

/* ---- life cycle ---- */

/* gtk_window_destroy unrealizes the window but disposes it only when the
 * last reference goes, which a pending task may hold: work still under way
 * learns here that nobody will look at its results. */
static void
hs_window_unrealize (GtkWidget *widget)
{
  HsWindow *self = HS_WINDOW (widget);
  g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (hs_window_parent_class)->unrealize (widget);
}

static void
hs_window_realize (GtkWidget *widget)
{
  HsWindow *self = HS_WINDOW (widget);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  GTK_WIDGET_CLASS (hs_window_parent_class)->realize (widget);
}

static void
hs_window_dispose (GObject *object)
{
  HsWindow *self = HS_WINDOW (object);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->player != NULL)
    hs_recall_player_pause (self->player);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_WINDOW);
  g_clear_object (&self->player);
  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_clear_object (&self->doc);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  hs_window_views_dispose (self);
  G_OBJECT_CLASS (hs_window_parent_class)->dispose (object);
}

static void
hs_window_class_init (HsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hs_window_dispose;
  widget_class->realize = hs_window_realize;
  widget_class->unrealize = hs_window_unrealize;
  GTK_WINDOW_CLASS (klass)->close_request = hs_window_close_request;
  g_type_ensure (HS_TYPE_LIBRARY_PANEL);
  g_type_ensure (HS_TYPE_TRAIN_PANEL);
  g_type_ensure (HS_TYPE_PROBE_EDITOR);
  g_type_ensure (HS_TYPE_RECALL_PANEL);
  g_type_ensure (HS_TYPE_NOTES_PANEL);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, library_panel);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, train_panel);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, probe_editor);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, recall_panel);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, notes_panel);
  gtk_widget_class_bind_template_child_full (widget_class, "undo_section", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_response);
  hs_window_views_class_init (widget_class);
}

static void
hs_window_init (HsWindow *self)
{
  hs_window_actions_init (self);
  hs_window_views_actions_init (self);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* Start with something to play with: the digits, MPF, a noisy 3. */
  self->doc = hs_document_new (16, 16);
  hs_document_replace_library (self->doc, hf_sample_load ("digits-16", NULL));
  self->player = hs_recall_player_new (self->doc);
  hs_recall_player_attach (self->player, GTK_WIDGET (self));
  hs_library_panel_set_document (self->library_panel, self->doc);
  hs_train_panel_set_document (self->train_panel, self->doc);
  hs_probe_editor_set_player (self->probe_editor, self->player);
  hs_recall_panel_set_player (self->recall_panel, self->player);
  hs_window_files_init (self);
  hs_window_lessons_init (self);
  hs_window_views_init (self);
  hs_window_state_init (self);

  g_object_bind_property (self->doc, "title", self, "title", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->doc, "network-changed", G_CALLBACK (on_network_changed),
                            self);
  g_signal_connect_swapped (self->player, "failed", G_CALLBACK (on_player_failed), self);
  g_signal_connect_object (hs_document_get_library (self->doc), "items-changed",
                           G_CALLBACK (hs_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_panel, "notify::selected",
                           G_CALLBACK (hs_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->train_panel, "notify::training",
                           G_CALLBACK (hs_window_update_actions), self,
                           G_CONNECT_SWAPPED);

  hs_library_panel_activate (self->library_panel, 3);
  hs_probe_editor_corrupt (self->probe_editor);
  hs_document_set_modified (self->doc, FALSE);
  hs_window_undo_init (self); /* the start is no step */
  hs_window_update_actions (self);
}

HsWindow *
hs_window_new (GtkApplication *app)
{
  HsWindow *self = g_object_new (HS_TYPE_WINDOW, "application", app, NULL);
  /* a new window opens in the application's mode */
  GVariant *projector = NULL;
  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "projector"))
    projector = g_action_group_get_action_state (G_ACTION_GROUP (app), "projector");
  if (projector != NULL)
    {
      hs_window_set_projector (self, g_variant_get_boolean (projector));
      g_variant_unref (projector);
    }
  return self;
}
