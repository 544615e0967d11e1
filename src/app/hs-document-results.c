/* hs-document-results.c: the experiment results a document keeps (session
 * format 3): a GListStore of HsKeptResult that the document owns; every
 * change marks the document changed (the store's "items-changed" is
 * connected to it by hs-document.c), loading a session replaces them. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-document-private.h"
#include "hs-kept-result.h"

struct _HsKeptResult
{
  GObject parent_instance;
  HfSessionResult result;
};

G_DEFINE_FINAL_TYPE (HsKeptResult, hs_kept_result, G_TYPE_OBJECT)

static void
hs_kept_result_finalize (GObject *object)
{
  hf_session_result_clear (&HS_KEPT_RESULT (object)->result);
  G_OBJECT_CLASS (hs_kept_result_parent_class)->finalize (object);
}

static void
hs_kept_result_class_init (HsKeptResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_kept_result_finalize;
}

static void
hs_kept_result_init (HsKeptResult *self)
{
  (void)self;
}

HsKeptResult *
hs_kept_result_new (HfSessionResult *result)
{
  HsKeptResult *self = g_object_new (HS_TYPE_KEPT_RESULT, NULL);
  self->result = *result;
  memset (result, 0, sizeof *result);
  return self;
}

const HfSessionResult *
hs_kept_result_get (HsKeptResult *self)
{
  g_return_val_if_fail (HS_IS_KEPT_RESULT (self), NULL);
  return &self->result;
}

char *
hs_kept_result_dup_title (HsKeptResult *self)
{
  g_return_val_if_fail (HS_IS_KEPT_RESULT (self), NULL);
  const HfSessionResult *r = &self->result;
  GDateTime *t = g_date_time_new_from_unix_local (r->time);
  /* TRANSLATORS: when a result was kept, as in "23 Nov 2026, 08:30" */
  char *when = t ? g_date_time_format (t, _ ("%e %b %Y, %H:%M")) : NULL;
  char *title
      = r->label[0] != '\0'
            ? g_strdup_printf (_ ("%s — %s — %s"), r->kind, r->label,
                               when ? g_strstrip (when) : "?")
            : g_strdup_printf (_ ("%s — %s"), r->kind, when ? g_strstrip (when) : "?");
  g_free (when);
  if (t)
    g_date_time_unref (t);
  return title;
}

/* ---- the document's list ---- */

GListStore *
hs_document_results_new (HsDocument *self, GCallback changed)
{
  GListStore *store = g_list_store_new (HS_TYPE_KEPT_RESULT);
  g_signal_connect_object (store, "items-changed", changed, self, G_CONNECT_SWAPPED);
  return store;
}

void
hs_document_results_take (HsDocument *self, GListStore *store, HfSession *session)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  for (size_t k = 0; k < session->nresults; k++)
    g_ptr_array_add (items, hs_kept_result_new (&session->results[k]));
  /* opening a session is not a change of the document */
  g_signal_handlers_block_matched (store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
  g_signal_handlers_unblock_matched (store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_ptr_array_unref (items);
}

void
hs_document_results_describe (HsDocument *self, HfSession *out)
{
  GListModel *list = hs_document_get_results (self);
  guint n = g_list_model_get_n_items (list);
  out->nresults = n;
  out->results = NULL;
  if (n == 0)
    return;
  /* shallow copies, borrowed like the rest of the description; the array
   * lives until the next description or the document's end */
  HfSessionResult *array = g_new (HfSessionResult, n);
  for (guint k = 0; k < n; k++)
    {
      HsKeptResult *item = g_list_model_get_item (list, k);
      array[k] = item->result;
      g_object_unref (item);
    }
  g_object_set_data_full (G_OBJECT (self), "hs-results-described", array, g_free);
  out->results = array;
}

gboolean
hs_document_keep_result (HsDocument *self, HfSessionResult *result, GError **error)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  HfError err = { 0 };
  GListModel *list = hs_document_get_results (self);
  if (g_list_model_get_n_items (list) >= HF_SESSION_RESULTS_MAX)
    {
      g_set_error (error, HS_DOCUMENT_ERROR, HF_EINVAL,
                   _ ("A session keeps at most %u results: delete one first."),
                   HF_SESSION_RESULTS_MAX);
      return FALSE;
    }
  if (hf_session_result_check (result, &err) != HF_OK)
    {
      g_set_error_literal (error, HS_DOCUMENT_ERROR, err.code,
                           hs_engine_message (err.message));
      return FALSE;
    }
  HsKeptResult *item = hs_kept_result_new (result);
  g_list_store_append (G_LIST_STORE (list), item);
  g_object_unref (item);
  return TRUE;
}

void
hs_document_remove_result (HsDocument *self, guint k)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  GListModel *list = hs_document_get_results (self);
  g_return_if_fail (k < g_list_model_get_n_items (list));
  g_list_store_remove (G_LIST_STORE (list), k);
}

guint
hs_document_get_n_results (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), 0);
  return g_list_model_get_n_items (hs_document_get_results (self));
}
