/* Tests of HsUndoStack: undo and redo of the document's edits, without a
 * display. Every kind of edit is undone and redone and must give back the
 * document exactly (cells, library, order, the items views are bound to). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "hf-samples.h"
#include "hf-train.h"
#include "hs-undo.h"

/* Everything an edit may change, copied. */
typedef struct
{
  guint width, height, m;
  int8_t *library;
  int8_t *probe, *source;
  uint8_t *clamp;
  guint roll;
} State;

static State *
state_take (HsDocument *doc)
{
  State *s = g_new0 (State, 1);
  s->width = hs_document_get_width (doc);
  s->height = hs_document_get_height (doc);
  gsize n = (gsize)s->width * s->height;
  const HfPatterns *lib = hs_document_get_patterns (doc);
  s->m = (guint)lib->m;
  s->library = g_memdup2 (lib->data, MAX (lib->m * n, 1));
  s->probe = g_memdup2 (hs_document_get_probe (doc), n);
  s->source = g_memdup2 (hs_document_get_source (doc), n);
  const uint8_t *clamp = hs_document_get_clamp (doc);
  s->clamp = clamp ? g_memdup2 (clamp, n) : NULL;
  s->roll = hs_document_get_corruption_roll (doc);
  return s;
}

static void
state_free (State *s)
{
  g_free (s->library);
  g_free (s->probe);
  g_free (s->source);
  g_free (s->clamp);
  g_free (s);
}

static gboolean
same_state (const State *s, HsDocument *doc)
{
  if (s->width != hs_document_get_width (doc)
      || s->height != hs_document_get_height (doc))
    return FALSE;
  gsize n = (gsize)s->width * s->height;
  const HfPatterns *lib = hs_document_get_patterns (doc);
  if (lib->m != s->m || lib->width != s->width
      || (s->m > 0 && memcmp (lib->data, s->library, s->m * n))
      || memcmp (hs_document_get_probe (doc), s->probe, n)
      || memcmp (hs_document_get_source (doc), s->source, n)
      || s->roll != hs_document_get_corruption_roll (doc))
    return FALSE;
  const uint8_t *clamp = hs_document_get_clamp (doc);
  if ((clamp == NULL) != (s->clamp == NULL) || (clamp && memcmp (clamp, s->clamp, n)))
    return FALSE;
  /* the model the library panel is bound to follows, in order */
  GListModel *items = hs_document_get_library (doc);
  if (g_list_model_get_n_items (items) != s->m)
    return FALSE;
  for (guint k = 0; k < s->m; k++)
    {
      HsPatternItem *it = g_list_model_get_item (items, k);
      gboolean ok
          = hs_pattern_item_get_index (it) == k
            && hs_pattern_item_get_width (it) == s->width
            && memcmp (hs_pattern_item_get_cells (it), s->library + k * n, n) == 0;
      g_object_unref (it);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static void
count (guint *n)
{
  (*n)++;
}

/* A 16x16 document with four digits, digit 3 on the canvas, corrupted,
 * some clamps, and no history. */
static HsDocument *
new_document (void)
{
  HsDocument *doc = hs_document_new (16, 16);
  HfPatterns *digits = hf_sample_load ("digits-16", NULL);
  ck_assert_ptr_nonnull (digits);
  for (guint k = 0; k < 4; k++)
    ck_assert (hs_document_append_pattern (doc, hf_patterns_get (digits, k), NULL));
  hs_document_set_probe (doc, hf_patterns_get (digits, 3), TRUE);
  ck_assert (hs_document_corrupt (doc, 0.1, NULL));
  uint8_t clamp[256] = { 0 };
  memset (clamp + 16, 1, 20);
  hs_document_set_clamp (doc, clamp);
  hf_patterns_free (digits);
  hs_undo_stack_clear (hs_document_get_undo_stack (doc));
  return doc;
}

/* ---- the edits, each as the studio makes it ---- */

static void
edit_draw (HsDocument *doc)
{
  /* a stroke: every cell it crosses is an edit, the stroke one step */
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  int8_t s[256];
  memcpy (s, hs_document_get_probe (doc), 256);
  hs_undo_stack_begin (undo, HS_EDIT_DRAW, 0);
  for (guint k = 40; k < 56; k++)
    {
      s[k] = (int8_t)-s[k];
      hs_document_set_probe (doc, s, TRUE);
    }
  hs_undo_stack_end (undo);
}

static void
edit_clamp (HsDocument *doc)
{
  uint8_t c[256] = { 0 };
  memset (c + 100, 1, 30);
  hs_document_set_clamp (doc, c);
}

static void
edit_release_clamps (HsDocument *doc)
{
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  hs_undo_stack_begin (undo, HS_EDIT_RELEASE_CLAMPS, 0);
  hs_document_set_clamp (doc, NULL);
  hs_undo_stack_end (undo);
}

static void
edit_occlude (HsDocument *doc)
{
  int8_t s[256];
  memcpy (s, hs_document_get_probe (doc), 256);
  memset (s, -1, 64);
  memset (s + 64, 1, 8);
  hs_document_set_probe (doc, s, FALSE);
}

static void
named_probe_edit (HsDocument *doc, HsEdit kind, const int8_t *s)
{
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  hs_undo_stack_begin (undo, kind, 0);
  hs_document_set_probe (doc, s, TRUE);
  hs_undo_stack_end (undo);
}

static void
edit_invert (HsDocument *doc)
{
  int8_t s[256];
  memcpy (s, hs_document_get_probe (doc), 256);
  hf_state_invert (s, 256);
  named_probe_edit (doc, HS_EDIT_INVERT, s);
}

static void
edit_fill (HsDocument *doc)
{
  int8_t s[256];
  memset (s, 1, 256);
  named_probe_edit (doc, HS_EDIT_FILL_CANVAS, s);
}

static void
edit_clear (HsDocument *doc)
{
  int8_t s[256];
  memset (s, -1, 256);
  named_probe_edit (doc, HS_EDIT_CLEAR_CANVAS, s);
}

static void
edit_shift (HsDocument *doc)
{
  int8_t s[256];
  const int8_t *p = hs_document_get_probe (doc);
  for (guint k = 0; k < 256; k++)
    s[(k + 1) % 256] = p[k];
  named_probe_edit (doc, HS_EDIT_SHIFT, s);
}

static void
edit_corrupt (HsDocument *doc)
{
  ck_assert (hs_document_corrupt (doc, 0.25, NULL));
}

static void
edit_pick (HsDocument *doc)
{
  named_probe_edit (doc, HS_EDIT_PICK_PATTERN,
                    hf_patterns_get (hs_document_get_patterns (doc), 1));
}

static void
edit_add (HsDocument *doc)
{
  ck_assert (hs_document_append_pattern (doc, hs_document_get_probe (doc), NULL));
}

static void
edit_duplicate (HsDocument *doc)
{
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  int8_t x[256];
  memcpy (x, hf_patterns_get (hs_document_get_patterns (doc), 1), 256);
  hs_undo_stack_begin (undo, HS_EDIT_DUPLICATE_PATTERN, 0);
  ck_assert (hs_document_insert_pattern (doc, 2, x, NULL));
  hs_undo_stack_end (undo);
}

static void
edit_delete (HsDocument *doc)
{
  hs_document_remove_pattern (doc, 1);
}

static void
edit_move (HsDocument *doc)
{
  hs_document_move_pattern (doc, 0, 2);
}

static void
edit_clear_patterns (HsDocument *doc)
{
  hs_document_clear_patterns (doc);
}

static void
edit_replace (HsDocument *doc)
{
  HfPatterns *letters = hf_sample_load ("letters-16", NULL);
  hs_document_replace_library (doc, letters);
}

static void
edit_sample_of_other_size (HsDocument *doc)
{
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  hs_undo_stack_begin (undo, HS_EDIT_LOAD_SAMPLES, 0);
  hs_document_replace_library (doc, hf_sample_load ("digits-32", NULL));
  hs_undo_stack_end (undo);
}

static void
edit_resize (HsDocument *doc)
{
  ck_assert (hs_document_set_grid (doc, 8, 8, NULL));
}

static void
edit_open_files (HsDocument *doc)
{
  /* several images opened at once: added in one step */
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  int8_t s[256];
  memset (s, 1, 128);
  memset (s + 128, -1, 128);
  hs_undo_stack_begin (undo, HS_EDIT_OPEN_FILES, 0);
  ck_assert (hs_document_append_pattern (doc, s, NULL));
  hf_state_invert (s, 256);
  ck_assert (hs_document_append_pattern (doc, s, NULL));
  hs_undo_stack_end (undo);
}

static const struct
{
  void (*edit) (HsDocument *doc);
  const char *undo, *redo;
} edits[] = {
  { edit_draw, "Undo Draw", "Redo Draw" },
  { edit_clamp, "Undo Clamp", "Redo Clamp" },
  { edit_release_clamps, "Undo Release All Clamps", "Redo Release All Clamps" },
  { edit_occlude, "Undo Occlude", "Redo Occlude" },
  { edit_shift, "Undo Shift", "Redo Shift" },
  { edit_invert, "Undo Invert", "Redo Invert" },
  { edit_fill, "Undo Fill Canvas", "Redo Fill Canvas" },
  { edit_clear, "Undo Clear Canvas", "Redo Clear Canvas" },
  { edit_corrupt, "Undo Corrupt", "Redo Corrupt" },
  { edit_pick, "Undo Pick Pattern", "Redo Pick Pattern" },
  { edit_add, "Undo Add Pattern", "Redo Add Pattern" },
  { edit_duplicate, "Undo Duplicate Pattern", "Redo Duplicate Pattern" },
  { edit_delete, "Undo Delete Pattern", "Redo Delete Pattern" },
  { edit_move, "Undo Move Pattern", "Redo Move Pattern" },
  { edit_clear_patterns, "Undo Remove All Patterns", "Redo Remove All Patterns" },
  { edit_replace, "Undo Replace Patterns", "Redo Replace Patterns" },
  { edit_sample_of_other_size, "Undo Load Sample Set", "Redo Load Sample Set" },
  { edit_resize, "Undo Resize Grid", "Redo Resize Grid" },
  { edit_open_files, "Undo Open", "Redo Open" },
};

/* Each edit, alone on a fresh document: one step, named after it; undo
 * gives back the document before, redo the document after, exactly. */
START_TEST (test_each_edit)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  ck_assert (!hs_undo_stack_can_undo (undo));
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo");
  State *before = state_take (doc);
  edits[_i].edit (doc);
  State *after = state_take (doc);
  ck_assert_msg (!same_state (before, doc), "%s changed nothing", edits[_i].undo);
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 1);
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), edits[_i].undo);
  ck_assert_str_eq (hs_undo_stack_get_redo_label (undo), "Redo");
  /* the views hear of it: the canvas from "probe-changed", the library
   * panel from the model */
  guint probe_changed = 0, items_changed = 0;
  g_signal_connect_swapped (doc, "probe-changed", G_CALLBACK (count), &probe_changed);
  g_signal_connect_swapped (hs_document_get_library (doc), "items-changed",
                            G_CALLBACK (count), &items_changed);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert_msg (same_state (before, doc), "%s did not restore", edits[_i].undo);
  gsize n = (gsize)before->width * before->height;
  gboolean probe_differs = before->width != after->width
                           || memcmp (before->probe, after->probe, n) != 0
                           || (before->clamp == NULL) != (after->clamp == NULL)
                           || (before->clamp && memcmp (before->clamp, after->clamp, n));
  gboolean library_differs = before->m != after->m || before->width != after->width
                             || memcmp (before->library, after->library, before->m * n);
  ck_assert (!probe_differs || probe_changed > 0);
  ck_assert (!library_differs || items_changed > 0);
  ck_assert_str_eq (hs_undo_stack_get_redo_label (undo), edits[_i].redo);
  ck_assert (!hs_undo_stack_can_undo (undo));
  ck_assert (hs_undo_stack_redo (undo));
  ck_assert_msg (same_state (after, doc), "%s did not restore", edits[_i].redo);
  ck_assert (!hs_undo_stack_can_redo (undo));
  ck_assert (!hs_undo_stack_redo (undo));
  /* and once more: a step survives being swapped twice */
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (same_state (before, doc));
  ck_assert (hs_undo_stack_redo (undo));
  ck_assert (same_state (after, doc));
  state_free (before);
  state_free (after);
  g_object_unref (doc);
}
END_TEST

/* All the edits one after another, then all undone back to the start and
 * all redone: every intermediate document comes back in order. */
START_TEST (test_all_edits_in_sequence)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  guint n = G_N_ELEMENTS (edits);
  State **states = g_new (State *, n + 1);
  states[0] = state_take (doc);
  for (guint k = 0; k < n; k++)
    {
      edits[k].edit (doc);
      states[k + 1] = state_take (doc);
      ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), edits[k].undo);
    }
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), n);
  for (guint k = n; k-- > 0;)
    {
      ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), edits[k].undo);
      ck_assert (hs_undo_stack_undo (undo));
      ck_assert_msg (same_state (states[k], doc), "undoing %s", edits[k].undo);
    }
  for (guint k = 0; k < n; k++)
    {
      ck_assert_str_eq (hs_undo_stack_get_redo_label (undo), edits[k].redo);
      ck_assert (hs_undo_stack_redo (undo));
      ck_assert_msg (same_state (states[k + 1], doc), "redoing %s", edits[k].redo);
    }
  for (guint k = 0; k <= n; k++)
    state_free (states[k]);
  g_free (states);
  g_object_unref (doc);
}
END_TEST

/* A new edit after undo clears redo; undone work stays until then. */
START_TEST (test_redo_cleared_by_new_edit)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  edit_draw (doc);
  edit_delete (doc);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (hs_undo_stack_can_redo (undo));
  ck_assert_str_eq (hs_undo_stack_get_redo_label (undo), "Redo Delete Pattern");
  edit_invert (doc);
  ck_assert (!hs_undo_stack_can_redo (undo));
  ck_assert_str_eq (hs_undo_stack_get_redo_label (undo), "Redo");
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 2);
  ck_assert_uint_eq (hs_document_get_n_patterns (doc), 4);
  g_object_unref (doc);
}
END_TEST

/* Edits that change nothing are no step; a failed edit is none either. */
START_TEST (test_no_empty_steps)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  edit_fill (doc);
  edit_fill (doc);
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 1);
  hs_document_move_pattern (doc, 1, 1);
  ck_assert (!hs_document_set_grid (doc, 200, 200, NULL));
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 1);
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo Fill Canvas");
  g_object_unref (doc);
}
END_TEST

/* The history is bounded in steps and in bytes; the oldest steps go. */
START_TEST (test_bounds)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  hs_undo_stack_set_limits (undo, 5, (gsize)64 << 20);
  State *states[12];
  states[0] = state_take (doc);
  for (guint k = 1; k < 12; k++)
    {
      edit_shift (doc);
      states[k] = state_take (doc);
    }
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 5);
  for (guint k = 11; k > 6; k--)
    {
      ck_assert (hs_undo_stack_undo (undo));
      ck_assert (same_state (states[k - 1], doc));
    }
  ck_assert (!hs_undo_stack_undo (undo));
  ck_assert (same_state (states[6], doc));
  for (guint k = 0; k < 12; k++)
    state_free (states[k]);
  /* bytes: a library step of 4 patterns is over 1 KB; only the newest stays */
  hs_undo_stack_clear (undo);
  hs_undo_stack_set_limits (undo, 100, 1024);
  edit_add (doc);
  edit_add (doc);
  edit_add (doc);
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 1);
  ck_assert_uint_gt (hs_undo_stack_get_size (undo), 1024);
  /* the default: 100 steps */
  hs_undo_stack_set_limits (undo, 100, (gsize)64 << 20);
  for (guint k = 0; k < 150; k++)
    edit_invert (doc);
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 100);
  ck_assert_uint_lt (hs_undo_stack_get_size (undo), 200 * 1024);
  g_object_unref (doc);
}
END_TEST

/* A tagged group joins the step before it while nothing came between
 * (an image's threshold moved again and again). */
START_TEST (test_tagged_steps_join)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  State *before = state_take (doc);
  int8_t s[256];
  for (guint k = 0; k < 5; k++)
    {
      memset (s, -1, 256);
      memset (s, 1, 20 * (k + 1));
      hs_undo_stack_begin (undo, HS_EDIT_IMPORT_IMAGE, 7);
      hs_document_set_probe (doc, s, TRUE);
      hs_undo_stack_end (undo);
    }
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 1);
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo Import Image");
  /* another image is another step */
  hs_undo_stack_begin (undo, HS_EDIT_IMPORT_IMAGE, 8);
  hs_document_set_probe (doc, hf_patterns_get (hs_document_get_patterns (doc), 0), TRUE);
  hs_undo_stack_end (undo);
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 2);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert_mem_eq (hs_document_get_probe (doc), s, 256);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (same_state (before, doc));
  state_free (before);
  g_object_unref (doc);
}
END_TEST

/* Undo back to the saved state: saved again; a change undo cannot take
 * back (settings, training) keeps the document modified. */
START_TEST (test_modified_follows)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  hs_document_set_modified (doc, FALSE); /* as a save does */
  edit_draw (doc);
  ck_assert (hs_document_get_modified (doc));
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (!hs_document_get_modified (doc));
  ck_assert (hs_undo_stack_redo (undo));
  ck_assert (hs_document_get_modified (doc));
  /* saved after the draw: undo is modified, redo saved again */
  hs_document_set_modified (doc, FALSE);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (hs_document_get_modified (doc));
  ck_assert (hs_undo_stack_redo (undo));
  ck_assert (!hs_document_get_modified (doc));
  /* a setting changed: undo and redo cannot reach the saved document */
  edit_delete (doc);
  HfSessionSettings s = *hs_document_get_settings (doc);
  s.seed += 1;
  hs_document_set_settings (doc, &s);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (hs_document_get_modified (doc));
  /* a new edit after undo drops the saved state with the redo steps */
  hs_document_set_modified (doc, FALSE);
  ck_assert (hs_undo_stack_undo (undo));
  edit_invert (doc);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (hs_document_get_modified (doc));
  g_object_unref (doc);
}
END_TEST

static HfNetwork *
train (const HfPatterns *set)
{
  HfNetwork *net = hf_network_new (set->width, set->height, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  ck_assert_int_eq (hf_train (net, set, &o, NULL, NULL, NULL), HF_OK);
  return net;
}

/* The network is not undone, but "stale" follows the library: stale
 * exactly when the library is not the one the network learnt. */
START_TEST (test_stale_follows_library)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  hs_document_set_network (doc, train (hs_document_get_patterns (doc)));
  const HfNetwork *net = hs_document_get_network (doc);
  ck_assert (!hs_document_get_network_stale (doc));
  edit_delete (doc);
  ck_assert (hs_document_get_network_stale (doc));
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (!hs_document_get_network_stale (doc));
  ck_assert_ptr_eq (hs_document_get_network (doc), net);
  ck_assert (hs_undo_stack_redo (undo));
  ck_assert (hs_document_get_network_stale (doc));
  /* trained after an edit: undoing the edit makes the network stale */
  hs_document_set_network (doc, train (hs_document_get_patterns (doc)));
  ck_assert (!hs_document_get_network_stale (doc));
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (hs_document_get_network_stale (doc));
  ck_assert (hs_undo_stack_redo (undo));
  ck_assert (!hs_document_get_network_stale (doc));
  /* probe edits leave it alone */
  edit_draw (doc);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (!hs_document_get_network_stale (doc));
  ck_assert_ptr_nonnull (hs_document_get_network (doc));
  /* undoing a grid change drops a network of the other size, as the grid
   * change itself does */
  edit_resize (doc);
  ck_assert_ptr_null (hs_document_get_network (doc));
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert_uint_eq (hs_document_get_width (doc), 16);
  ck_assert_ptr_null (hs_document_get_network (doc));
  ck_assert (!hs_document_get_network_stale (doc));
  g_object_unref (doc);
}
END_TEST

/* Opening a session clears the history. */
START_TEST (test_session_clears)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  edit_draw (doc);
  edit_delete (doc);
  ck_assert (hs_undo_stack_undo (undo));
  HfSession ss;
  hs_document_describe_session (doc, &ss);
  unsigned char *data = NULL;
  size_t len = 0;
  ck_assert_int_eq (hf_session_encode (&ss, &data, &len, NULL), HF_OK);
  HfSession *copy = hf_session_decode (data, len, "test", NULL);
  free (data);
  ck_assert_ptr_nonnull (copy);
  hs_document_apply_session (doc, copy, NULL);
  ck_assert (!hs_undo_stack_can_undo (undo));
  ck_assert (!hs_undo_stack_can_redo (undo));
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo");
  ck_assert (!hs_document_get_modified (doc));
  /* and the opened document is the saved state undo leads back to */
  edit_invert (doc);
  ck_assert (hs_document_get_modified (doc));
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert (!hs_document_get_modified (doc));
  g_object_unref (doc);
}
END_TEST

static const char *
label_of (GMenuModel *menu, int k)
{
  static char *label;
  g_free (label);
  label = NULL;
  g_menu_model_get_item_attribute (menu, k, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  return label;
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* A menu section bound to the stack: two items, named after the steps. */
START_TEST (test_menu_and_notify)
{
  HsDocument *doc = new_document ();
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  GMenu *section = g_menu_new ();
  hs_undo_stack_bind_menu (undo, section, "win.undo", "win.redo");
  guint notified = 0;
  g_signal_connect_swapped (undo, "notify::can-undo", G_CALLBACK (count_notify),
                            &notified);
  ck_assert_int_eq (g_menu_model_get_n_items (G_MENU_MODEL (section)), 2);
  ck_assert_str_eq (label_of (G_MENU_MODEL (section), 0), "Undo");
  edit_draw (doc);
  ck_assert_uint_eq (notified, 1);
  ck_assert_str_eq (label_of (G_MENU_MODEL (section), 0), "Undo Draw");
  ck_assert_str_eq (label_of (G_MENU_MODEL (section), 1), "Redo");
  edit_corrupt (doc);
  ck_assert (hs_undo_stack_undo (undo));
  ck_assert_str_eq (label_of (G_MENU_MODEL (section), 0), "Undo Draw");
  ck_assert_str_eq (label_of (G_MENU_MODEL (section), 1), "Redo Corrupt");
  char *action = NULL;
  g_menu_model_get_item_attribute (G_MENU_MODEL (section), 1, G_MENU_ATTRIBUTE_ACTION,
                                   "s", &action);
  ck_assert_str_eq (action, "win.redo");
  g_free (action);
  ck_assert_int_eq (g_menu_model_get_n_items (G_MENU_MODEL (section)), 2);
  g_object_unref (doc);
  g_object_unref (section);
}
END_TEST

static Suite *
undo_suite (void)
{
  Suite *s = suite_create ("undo");
  TCase *tc = tcase_create ("undo");
  tcase_add_loop_test (tc, test_each_edit, 0, G_N_ELEMENTS (edits));
  tcase_add_test (tc, test_all_edits_in_sequence);
  tcase_add_test (tc, test_redo_cleared_by_new_edit);
  tcase_add_test (tc, test_no_empty_steps);
  tcase_add_test (tc, test_bounds);
  tcase_add_test (tc, test_tagged_steps_join);
  tcase_add_test (tc, test_modified_follows);
  tcase_add_test (tc, test_stale_follows_library);
  tcase_add_test (tc, test_session_clears);
  tcase_add_test (tc, test_menu_and_notify);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (undo_suite ());
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
