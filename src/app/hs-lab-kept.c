/* hs-lab-kept.c: the Lab's results kept in the session: "Keep in Session"
 * (a popover asking for a label) for a finished run, the list of kept results (kind, label, date), showing
 * one as it was saved (nothing is recomputed; its plot, table and Fig. 1
 * grid come back, and its parameters fill the form so it can be rerun), and
 * deleting one after asking. */
#include <glib/gi18n.h>

#include "hs-drop-down.h"
#include "hs-kept-result.h"
#include "hs-lab-view-private.h"

static GListModel *
results (HsLabView *self)
{
  return self->doc ? hs_document_get_results (self->doc) : NULL;
}

static guint
n_kept (HsLabView *self)
{
  return self->doc ? g_list_model_get_n_items (results (self)) : 0;
}

void
lab_kept_update (HsLabView *self)
{
  gboolean busy = self->job != NULL, any = n_kept (self) > 0;
  gboolean can_keep = self->doc && self->run && self->finished && !self->kept_shown
                      && !self->run_kept && !busy;
  gtk_widget_set_sensitive (self->keep_button, can_keep);
  if (!can_keep)
    gtk_popover_popdown (GTK_POPOVER (self->keep_popover));
  gtk_widget_set_sensitive (self->kept_dropdown, any && !busy);
  gtk_widget_set_sensitive (self->show_kept_button, any && !busy);
  gtk_widget_set_sensitive (self->delete_kept_button, any && !busy);
}

/* The dropdown lists the document's results, newest last. */
static void
on_results_changed (GListModel *list, guint position, guint removed, guint added,
                    HsLabView *self)
{
  (void)list;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kept_dropdown));
  guint n = n_kept (self);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < n; k++)
    {
      HsKeptResult *item = g_list_model_get_item (results (self), k);
      g_ptr_array_add (names, hs_kept_result_dup_title (item));
      g_object_unref (item);
    }
  if (n == 0)
    g_ptr_array_add (names, g_strdup (_ ("No results kept yet")));
  /* the button ellipsizes, so long labels never widen the window */
  self->kept_syncing = TRUE;
  hs_drop_down_set_labels (GTK_DROP_DOWN (self->kept_dropdown),
                           (const char *const *)names->pdata, names->len);
  g_ptr_array_unref (names);
  /* a result just kept is selected; otherwise the selection stays put */
  if (added == 1 && removed == 0 && position + 1 == n)
    selected = position;
  else if (selected >= n || selected == GTK_INVALID_LIST_POSITION)
    selected = n > 0 ? n - 1 : 0;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kept_dropdown), selected);
  self->kept_syncing = FALSE;
  lab_kept_update (self);
}

void
hs_lab_view_set_document (HsLabView *self, HsDocument *doc)
{
  g_return_if_fail (HS_IS_LAB_VIEW (self));
  g_return_if_fail (doc == NULL || HS_IS_DOCUMENT (doc));
  if (self->doc)
    g_signal_handlers_disconnect_by_data (hs_document_get_results (self->doc), self);
  g_set_object (&self->doc, doc);
  if (doc)
    g_signal_connect_object (hs_document_get_results (doc), "items-changed",
                             G_CALLBACK (on_results_changed), self, 0);
  on_results_changed (NULL, 0, 0, 0, self);
}

gboolean
hs_lab_view_keep (HsLabView *self, const char *label, GError **error)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  if (!self->doc || !self->run || !self->finished || self->kept_shown || self->run_kept
      || self->job)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("There is no new finished run to keep: run an experiment "
                              "first."));
      return FALSE;
    }
  HfSessionResult r;
  if (!lab_run_keep (self->run, label ? label : "", &r))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("Out of memory while keeping the result."));
      return FALSE;
    }
  if (!hs_document_keep_result (self->doc, &r, error))
    {
      hf_session_result_clear (&r);
      return FALSE;
    }
  self->run_kept = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), "");
  lab_set_status (self, _ ("Kept in the session. Save the session to keep it in the "
                           "file."));
  lab_kept_update (self);
  return TRUE;
}

gboolean
hs_lab_view_show_kept (HsLabView *self, guint index, GError **error)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  if (index >= n_kept (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("There is no such kept result."));
      return FALSE;
    }
  HsKeptResult *item = g_list_model_get_item (results (self), index);
  LabRun *run = lab_run_new_kept (hs_kept_result_get (item), error);
  char *title = hs_kept_result_dup_title (item);
  g_object_unref (item);
  if (!run)
    {
      g_free (title);
      return FALSE;
    }
  hs_lab_view_cancel (self);
  /* the form shows the result's parameters, so Run repeats it */
  hs_lab_view_set_kind (self, run->kind);
  for (int p = 0; p < LAB_NPARAMS; p++)
    if (run->texts[p] != NULL && gtk_widget_get_visible (self->entries[p]))
      gtk_editable_set_text (GTK_EDITABLE (self->entries[p]), run->texts[p]);
  g_clear_pointer (&self->run, lab_run_unref);
  self->run = run;
  self->finished = self->kept_shown = TRUE;
  self->kept_syncing = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kept_dropdown), index);
  self->kept_syncing = FALSE;
  self->run_kept = FALSE;
  lab_show_progress (self, 1);
  GString *s = g_string_new (NULL);
  g_string_printf (s, _ ("Kept result “%s”, as it was saved: nothing was recomputed."),
                   title);
  for (size_t r = 0; run->images && r < run->images->nrules; r++)
    {
      const HfImagesRuleResult *rr = &run->images->rules[r];
      g_string_append_printf (s, _ ("  %s: %zu of %zu fixed, %zu recalled."),
                              hf_rule_info (rr->rule)->name, rr->fixed_points,
                              run->images->count, rr->recalled);
    }
  lab_set_status (self, s->str);
  g_string_free (s, TRUE);
  g_free (title);
  lab_update_buttons (self);
  return TRUE;
}

gboolean
hs_lab_view_is_showing_kept (HsLabView *self)
{
  g_return_val_if_fail (HS_IS_LAB_VIEW (self), FALSE);
  return self->run && self->kept_shown;
}

void
hs_lab_view_delete_kept (HsLabView *self, guint index)
{
  g_return_if_fail (HS_IS_LAB_VIEW (self));
  g_return_if_fail (index < n_kept (self));
  hs_document_remove_result (self->doc, index);
  lab_set_status (self, _ ("The kept result was deleted from the session."));
}

static void
on_keep_clicked (GtkButton *button, HsLabView *self)
{
  (void)button;
  GError *error = NULL;
  if (!hs_lab_view_keep (self, gtk_editable_get_text (GTK_EDITABLE (self->label_entry)),
                         &error))
    {
      lab_set_status (self, error->message);
      g_error_free (error);
    }
}

static void
on_show_kept_clicked (GtkButton *button, HsLabView *self)
{
  (void)button;
  GError *error = NULL;
  guint k = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kept_dropdown));
  if (!hs_lab_view_show_kept (self, k, &error))
    {
      lab_set_status (self, error->message);
      g_error_free (error);
    }
}

/* Choosing a result in the list shows it (Show shows it again, say after
 * a fresh run). */
static void
on_kept_selected (GtkDropDown *dropdown, GParamSpec *pspec, HsLabView *self)
{
  (void)pspec;
  if (self->kept_syncing || self->job || n_kept (self) == 0)
    return;
  on_show_kept_clicked (NULL, self);
  (void)dropdown;
}

typedef struct
{
  HsLabView *self;
  HsKeptResult *item; /* the one asked about, even if the list moves meanwhile */
} DeleteAsk;

static void
on_delete_response (GtkDialog *dialog, int response, DeleteAsk *ask)
{
  HsLabView *self = ask->self;
  guint pos;
  if (response == GTK_RESPONSE_ACCEPT && self->doc
      && g_list_store_find (G_LIST_STORE (results (self)), ask->item, &pos))
    hs_lab_view_delete_kept (self, pos);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Freed with the dialog's handler: after an answer, and also when the
 * dialog goes with its window unanswered. */
static void
delete_ask_free (gpointer data, GClosure *closure)
{
  DeleteAsk *ask = data;
  g_object_unref (ask->item);
  g_object_unref (ask->self);
  g_free (ask);
}

static void
on_delete_kept_clicked (GtkButton *button, HsLabView *self)
{
  (void)button;
  guint k = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kept_dropdown));
  if (k >= n_kept (self))
    return;
  DeleteAsk *ask = g_new (DeleteAsk, 1);
  ask->self = g_object_ref (self);
  ask->item = g_list_model_get_item (results (self), k);
  char *title = hs_kept_result_dup_title (ask->item);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *d = gtk_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
      GTK_BUTTONS_NONE, _ ("Delete the kept result “%s”?"), title);
  g_free (title);
  gtk_message_dialog_format_secondary_text (
      GTK_MESSAGE_DIALOG (d),
      _ ("Its table and plot leave the session; deleting cannot be undone."));
  gtk_dialog_add_button (GTK_DIALOG (d), _ ("_Cancel"), GTK_RESPONSE_CANCEL);
  GtkWidget *del
      = gtk_dialog_add_button (GTK_DIALOG (d), _ ("_Delete"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (del, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (d), GTK_RESPONSE_CANCEL);
  g_signal_connect_data (d, "response", G_CALLBACK (on_delete_response), ask,
                         delete_ask_free, 0);
  gtk_window_present (GTK_WINDOW (d));
}

void
lab_kept_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, HsLabView, kept_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, show_kept_button);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, delete_kept_button);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, label_entry);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, keep_button);
  gtk_widget_class_bind_template_child (widget_class, HsLabView, keep_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_show_kept_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kept_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_kept_clicked);
}

void
lab_kept_init (HsLabView *self)
{
  gtk_entry_set_max_length (GTK_ENTRY (self->label_entry), 50);
  on_results_changed (NULL, 0, 0, 0, self);
}

void
lab_kept_dispose (HsLabView *self)
{
  if (self->doc)
    g_signal_handlers_disconnect_by_data (hs_document_get_results (self->doc), self);
  g_clear_object (&self->doc);
}
