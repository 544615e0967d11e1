/* hs-document.c: the lesson and its notifications; no widget in here. */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_rng.h>
#include <string.h>

#include "hf-image.h"
#include "hs-document-private.h"

G_DEFINE_FINAL_TYPE (HsDocument, hs_document, G_TYPE_OBJECT)
/* clang-format off */
G_DEFINE_QUARK (hs-document-error-quark, hs_document_error)
/* clang-format on */

enum
{
  PROP_0,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_TITLE,
  PROP_HAS_NETWORK,
  PROP_NETWORK_STALE,
  PROP_LESSON_TITLE,
  PROP_NOTES,
  PROP_VIEW,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum
{
  SIGNAL_PROBE_CHANGED,
  SIGNAL_NETWORK_CHANGED,
  SIGNAL_SETTINGS_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
set_error (GError **error, const HfError *err)
{
  g_set_error_literal (error, HS_DOCUMENT_ERROR, err->code,
                       hs_engine_message (err->message));
}

/* ---- change tracking ---- */
static void
update_title (HsDocument *self)
{
  char *name = hs_document_dup_display_name (self);
  char *title = g_strdup_printf (
      self->modified ? _ ("• %s — Hopfield Studio") : _ ("%s — Hopfield Studio"), name);
  g_free (name);
  if (g_strcmp0 (title, self->title) == 0)
    {
      g_free (title);
      return;
    }
  g_free (self->title);
  self->title = title;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TITLE]);
}

static void
changed (HsDocument *self)
{
  hs_undo_commit (self->undo);
  self->generation++;
  hs_document_set_modified (self, TRUE);
}

static void
set_stale (HsDocument *self, gboolean stale)
{
  if (self->stale == stale)
    return;
  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NETWORK_STALE]);
}

/* Replaces items from..end by fresh ones (indices shift after an edit). */
static void
refresh_items (HsDocument *self, guint from)
{
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint m = (guint)self->library->m;
  from = MIN (from, MIN (old, m));
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = from; k < m; k++)
    g_ptr_array_add (fresh, hs_pattern_item_new (k, hf_patterns_get (self->library, k),
                                                 self->width, self->height));
  g_list_store_splice (self->items, from, old - from, fresh->pdata, fresh->len);
  g_ptr_array_unref (fresh);
}

static void
library_edited (HsDocument *self, guint from)
{
  refresh_items (self, from);
  if (self->net != NULL)
    set_stale (self, TRUE);
  changed (self);
}

/* ---- GObject ---- */

static void
hs_document_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  HsDocument *self = HS_DOCUMENT (object);
  switch (id)
    {
    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_uint (value, self->height);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_HAS_NETWORK:
      g_value_set_boolean (value, self->net != NULL);
      break;
    case PROP_NETWORK_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_LESSON_TITLE:
      g_value_set_string (value, hs_document_get_lesson_title (self));
      break;
    case PROP_NOTES:
      g_value_set_string (value, hs_document_get_notes (self));
      break;
    case PROP_VIEW:
      g_value_set_string (value, hs_document_get_view (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
hs_document_dispose (GObject *object)
{
  HsDocument *self = HS_DOCUMENT (object);
  g_clear_object (&self->items);
  g_clear_object (&self->file);
  g_clear_object (&self->undo);
  g_clear_object (&self->results);
  G_OBJECT_CLASS (hs_document_parent_class)->dispose (object);
}

static void
hs_document_finalize (GObject *object)
{
  HsDocument *self = HS_DOCUMENT (object);
  hf_patterns_free (self->library);
  hf_network_free (self->net);
  g_free (self->probe);
  g_free (self->source);
  g_free (self->clamp);
  g_free (self->title);
  hs_lesson_free (self->lesson);
  G_OBJECT_CLASS (hs_document_parent_class)->finalize (object);
}

static void
hs_document_class_init (HsDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = hs_document_get_property;
  object_class->dispose = hs_document_dispose;
  object_class->finalize = hs_document_finalize;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  props[PROP_WIDTH] = g_param_spec_uint ("width", NULL, NULL, 1, G_MAXUINT, 16, ro);
  props[PROP_HEIGHT] = g_param_spec_uint ("height", NULL, NULL, 1, G_MAXUINT, 16, ro);
  props[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  props[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  props[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  props[PROP_HAS_NETWORK] = g_param_spec_boolean ("has-network", NULL, NULL, FALSE, ro);
  props[PROP_NETWORK_STALE]
      = g_param_spec_boolean ("network-stale", NULL, NULL, FALSE, ro);
  props[PROP_LESSON_TITLE] = g_param_spec_string ("lesson-title", NULL, NULL, NULL, ro);
  props[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, ro);
  props[PROP_VIEW] = g_param_spec_string ("view", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SIGNAL_PROBE_CHANGED]
      = g_signal_new ("probe-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_NETWORK_CHANGED]
      = g_signal_new ("network-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SETTINGS_CHANGED]
      = g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_document_init (HsDocument *self)
{
  self->items = g_list_store_new (HS_TYPE_PATTERN_ITEM);
  self->results = hs_document_results_new (self, G_CALLBACK (changed));
  hf_session_settings_init (&self->settings);
  self->settings.corrupt_seed = 0; /* no roll yet */
  self->undo = hs_undo_stack_new (self);
}

HsDocument *
hs_document_new (guint width, guint height)
{
  g_return_val_if_fail (
      width > 0 && height > 0 && (gsize)width * height <= HF_MAX_NEURONS, NULL);
  HsDocument *self = g_object_new (HS_TYPE_DOCUMENT, NULL);
  self->width = width;
  self->height = height;
  self->library = hf_patterns_new (width, height, NULL);
  self->probe = g_malloc ((gsize)width * height);
  memset (self->probe, -1, (gsize)width * height);
  self->source = g_memdup2 (self->probe, (gsize)width * height);
  update_title (self);
  return self;
}

/* ---- grid ---- */

guint
hs_document_get_width (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), 0);
  return self->width;
}

guint
hs_document_get_height (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), 0);
  return self->height;
}

guint
hs_document_get_n_neurons (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), 0);
  return self->width * self->height;
}

static void
drop_network (HsDocument *self)
{
  if (self->net == NULL)
    return;
  g_clear_pointer (&self->net, hf_network_free);
  set_stale (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HAS_NETWORK]);
  g_signal_emit (self, signals[SIGNAL_NETWORK_CHANGED], 0);
}

/* Moves to a width x height grid with library (taken over; NULL: the
 * current one resized), the probe and its source resized. */
static gboolean
change_grid (HsDocument *self, guint width, guint height, HfPatterns *library,
             GError **error)
{
  HfError err = { 0 };
  gsize n = (gsize)width * height;
  if (library == NULL)
    library = hf_patterns_resize (self->library, width, height, &err);
  int8_t *probe = g_malloc (n), *source = g_malloc (n);
  if (library == NULL
      || hf_state_resize (self->probe, self->width, self->height, probe, width, height,
                          &err)
             != HF_OK
      || hf_state_resize (self->source, self->width, self->height, source, width, height,
                          &err)
             != HF_OK)
    {
      set_error (error, &err);
      hs_undo_forget (self->undo);
      hf_patterns_free (library);
      g_free (probe);
      g_free (source);
      return FALSE;
    }
  hf_patterns_free (self->library);
  self->library = library;
  g_free (self->probe);
  g_free (self->source);
  self->probe = probe;
  self->source = source;
  g_clear_pointer (&self->clamp, g_free);
  self->roll = 0;
  self->width = width;
  self->height = height;
  if (self->net != NULL && self->net->n != n)
    drop_network (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HEIGHT]);
  library_edited (self, 0);
  g_signal_emit (self, signals[SIGNAL_PROBE_CHANGED], 0);
  return TRUE;
}

gboolean
hs_document_set_grid (HsDocument *self, guint width, guint height, GError **error)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), FALSE);
  if (width == self->width && height == self->height)
    return TRUE;
  hs_undo_record (self->undo, HS_UNDO_LIBRARY | HS_UNDO_PROBE, HS_EDIT_RESIZE_GRID);
  return change_grid (self, width, height, NULL, error);
}

/* ---- library ---- */

GListModel *
hs_document_get_library (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->items);
}

const HfPatterns *
hs_document_get_patterns (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return self->library;
}

guint
hs_document_get_n_patterns (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), 0);
  return (guint)self->library->m;
}

gboolean
hs_document_insert_pattern (HsDocument *self, guint at, const int8_t *cells,
                            GError **error)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (cells != NULL && at <= self->library->m, FALSE);
  HfError err = { 0 };
  hs_undo_record (self->undo, HS_UNDO_LIBRARY, HS_EDIT_ADD_PATTERN);
  if (hf_patterns_insert (self->library, at, cells, &err) != HF_OK)
    {
      set_error (error, &err);
      hs_undo_forget (self->undo);
      return FALSE;
    }
  library_edited (self, at);
  return TRUE;
}

gboolean
hs_document_append_pattern (HsDocument *self, const int8_t *cells, GError **error)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), FALSE);
  return hs_document_insert_pattern (self, (guint)self->library->m, cells, error);
}

void
hs_document_remove_pattern (HsDocument *self, guint k)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (k < self->library->m);
  hs_undo_record (self->undo, HS_UNDO_LIBRARY, HS_EDIT_DELETE_PATTERN);
  hf_patterns_remove (self->library, k);
  library_edited (self, k);
}

void
hs_document_move_pattern (HsDocument *self, guint from, guint to)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (from < self->library->m && to < self->library->m);
  if (from == to)
    return;
  hs_undo_record (self->undo, HS_UNDO_LIBRARY, HS_EDIT_MOVE_PATTERN);
  hf_patterns_move (self->library, from, to);
  library_edited (self, MIN (from, to));
}

void
hs_document_clear_patterns (HsDocument *self)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  if (self->library->m == 0)
    return;
  hs_undo_record (self->undo, HS_UNDO_LIBRARY, HS_EDIT_CLEAR_PATTERNS);
  hf_patterns_clear (self->library);
  library_edited (self, 0);
}

void
hs_document_replace_library (HsDocument *self, HfPatterns *set)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (set != NULL);
  hs_undo_record (self->undo, HS_UNDO_LIBRARY | HS_UNDO_PROBE, HS_EDIT_REPLACE_PATTERNS);
  /* a set of another size brings its grid; only the probe is resized */
  if (set->width != self->width || set->height != self->height)
    {
      change_grid (self, (guint)set->width, (guint)set->height, set, NULL);
      return;
    }
  hf_patterns_free (self->library);
  self->library = set;
  library_edited (self, 0);
}

/* ---- probe ---- */

const int8_t *
hs_document_get_probe (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return self->probe;
}

const int8_t *
hs_document_get_source (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return self->source;
}

guint
hs_document_get_corruption_roll (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), 0);
  return self->roll;
}

void
hs_document_set_probe (HsDocument *self, const int8_t *s, gboolean as_source)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (s != NULL);
  gsize n = (gsize)self->width * self->height;
  hs_undo_record (self->undo, HS_UNDO_PROBE,
                  as_source ? HS_EDIT_CANVAS : HS_EDIT_OCCLUDE);
  if (s != self->probe)
    memmove (self->probe, s, n);
  if (as_source)
    {
      memcpy (self->source, self->probe, n);
      self->roll = 0;
    }
  changed (self);
  g_signal_emit (self, signals[SIGNAL_PROBE_CHANGED], 0);
}

gboolean
hs_document_corrupt (HsDocument *self, double fraction, GError **error)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), FALSE);
  gsize n = (gsize)self->width * self->height;
  int8_t *s = g_memdup2 (self->source, n);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  HfError err = { 0 };
  if (rng == NULL)
    {
      g_set_error_literal (error, HS_DOCUMENT_ERROR, HF_ENOMEM, _ ("Out of memory."));
      g_free (s);
      return FALSE;
    }
  guint roll = self->settings.corrupt_seed + 1;
  gsl_rng_set (rng, roll);
  HfStatus st = hf_state_flip_fraction (s, n, fraction, rng, &err);
  gsl_rng_free (rng);
  if (st != HF_OK)
    {
      set_error (error, &err);
      g_free (s);
      return FALSE;
    }
  hs_undo_record (self->undo, HS_UNDO_PROBE, HS_EDIT_CORRUPT);
  memcpy (self->probe, s, n);
  g_free (s);
  self->settings.corrupt_seed = roll;
  self->settings.corrupt_percent = fraction * 100.0;
  self->roll = roll;
  changed (self);
  g_signal_emit (self, signals[SIGNAL_PROBE_CHANGED], 0);
  return TRUE;
}

const uint8_t *
hs_document_get_clamp (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return self->clamp;
}

void
hs_document_set_clamp (HsDocument *self, const uint8_t *mask)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  gsize n = (gsize)self->width * self->height;
  if (mask == NULL && self->clamp == NULL)
    return;
  if (mask != NULL && self->clamp != NULL && memcmp (mask, self->clamp, n) == 0)
    return;
  hs_undo_record (self->undo, HS_UNDO_PROBE, HS_EDIT_CLAMP);
  g_clear_pointer (&self->clamp, g_free);
  if (mask != NULL)
    for (gsize k = 0; k < n; k++)
      if (mask[k])
        {
          self->clamp = g_memdup2 (mask, n);
          break;
        }
  changed (self);
  g_signal_emit (self, signals[SIGNAL_PROBE_CHANGED], 0);
}

/* ---- network ---- */

const HfNetwork *
hs_document_get_network (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return self->net;
}

void
hs_document_set_network (HsDocument *self, HfNetwork *net)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (net == NULL || net->n == (size_t)self->width * self->height);
  gboolean had = self->net != NULL;
  hf_network_free (self->net);
  self->net = net;
  set_stale (self, FALSE);
  if (had != (net != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HAS_NETWORK]);
  changed (self);
  g_signal_emit (self, signals[SIGNAL_NETWORK_CHANGED], 0);
}

gboolean
hs_document_get_network_stale (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), FALSE);
  return self->stale;
}

/* ---- settings ---- */

const HfSessionSettings *
hs_document_get_settings (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return &self->settings;
}

void
hs_document_set_settings (HsDocument *self, const HfSessionSettings *settings)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (settings != NULL);
  if (hf_session_settings_equal (settings, &self->settings))
    return;
  self->settings = *settings;
  changed (self);
  g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
}

/* ---- file ---- */

GFile *
hs_document_get_file (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
hs_document_set_file (HsDocument *self, GFile *file)
{
  if (file == self->file || (file && self->file && g_file_equal (file, self->file)))
    return;
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FILE]);
  update_title (self);
}

gboolean
hs_document_get_modified (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

void
hs_document_set_modified (HsDocument *self, gboolean modified)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MODIFIED]);
  update_title (self);
}

HsLesson *
hs_document_get_lesson (HsDocument *self)
{
  return self->lesson;
}

GListModel *
hs_document_get_results (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->results);
}

guint64
hs_document_get_generation (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), 0);
  return self->generation;
}

const char *
hs_document_get_title (HsDocument *self)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (self), NULL);
  return self->title;
}

/* ---- sessions ---- */

void
hs_document_apply_session (HsDocument *self, HfSession *session, GFile *file)
{
  g_return_if_fail (HS_IS_DOCUMENT (self));
  g_return_if_fail (session != NULL && session->library != NULL);
  hs_undo_stack_clear (self->undo);
  HfPatterns *library = session->library;
  gsize n = library->n;
  guint ow = self->width, oh = self->height;
  self->width = (guint)library->width;
  self->height = (guint)library->height;
  hf_patterns_free (self->library);
  self->library = library;
  session->library = NULL;
  g_free (self->probe);
  g_free (self->source);
  g_free (self->clamp);
  self->probe = g_memdup2 (session->probe, n);
  self->source = g_memdup2 (session->source, n);
  self->clamp = session->clamp ? g_memdup2 (session->clamp, n) : NULL;
  self->roll = 0;
  gboolean had = self->net != NULL;
  hf_network_free (self->net);
  self->net = session->net;
  session->net = NULL;
  self->settings = session->settings;
  hs_lesson_free (self->lesson);
  self->lesson = hs_lesson_take (session);
  hs_document_results_take (self, self->results, session);
  hf_session_free (session);
  g_object_freeze_notify (G_OBJECT (self));
  if (ow != self->width)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WIDTH]);
  if (oh != self->height)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HEIGHT]);
  if (had != (self->net != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HAS_NETWORK]);
  for (guint p = PROP_LESSON_TITLE; p <= PROP_VIEW; p++)
    g_object_notify_by_pspec (G_OBJECT (self), props[p]);
  update_title (self);
  set_stale (self, FALSE);
  refresh_items (self, 0);
  self->generation++;
  hs_document_set_file (self, file);
  hs_document_set_modified (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
  /* the network first: a recall of the old one, now freed, must go */
  g_signal_emit (self, signals[SIGNAL_NETWORK_CHANGED], 0);
  g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
  g_signal_emit (self, signals[SIGNAL_PROBE_CHANGED], 0);
}
