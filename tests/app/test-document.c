/* Tests of HsDocument: the studio's lesson without a display. */
#include <check.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hf-image.h"
#include "hf-samples.h"
#include "hf-train.h"
#include "hs-document.h"
#include "hs-kept-result.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = g_dir_make_tmp ("hs-document-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
}

static void
teardown (void)
{
  GDir *dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      char *path = g_build_filename (tmpdir, name, NULL);
      g_remove (path);
      g_free (path);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

typedef struct
{
  guint calls, position, removed, added;
} ItemsLog;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added,
                  ItemsLog *log)
{
  log->calls++;
  log->position = position;
  log->removed = removed;
  log->added = added;
}

static void
count (gpointer data)
{
  (*(guint *)data)++;
}

static HfNetwork *
train (const HfPatterns *set)
{
  HfNetwork *net = hf_network_new (set->width, set->height, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  ck_assert_int_eq (hf_train (net, set, &o, NULL, NULL, NULL), HF_OK);
  return net;
}

START_TEST (test_library_model)
{
  HsDocument *doc = hs_document_new (16, 16);
  ck_assert_uint_eq (hs_document_get_n_patterns (doc), 0);
  ck_assert (!hs_document_get_modified (doc));
  ck_assert_str_eq (hs_document_get_title (doc), "Untitled lesson — Hopfield Studio");
  GListModel *lib = hs_document_get_library (doc);
  ItemsLog log = { 0 };
  g_signal_connect (lib, "items-changed", G_CALLBACK (on_items_changed), &log);
  HfPatterns *digits = hf_sample_load ("digits-16", NULL);
  for (guint k = 0; k < 3; k++)
    ck_assert (hs_document_append_pattern (doc, hf_patterns_get (digits, k), NULL));
  /* appending touches only the new item: views keep the others */
  ck_assert_uint_eq (log.calls, 3);
  ck_assert_uint_eq (log.position, 2);
  ck_assert_uint_eq (log.removed, 0);
  ck_assert_uint_eq (log.added, 1);
  ck_assert_uint_eq (g_list_model_get_n_items (lib), 3);
  ck_assert (hs_document_get_modified (doc));
  ck_assert_str_eq (hs_document_get_title (doc), "• Untitled lesson — Hopfield Studio");
  /* inserting at 1 renumbers the ones after it */
  ck_assert (hs_document_insert_pattern (doc, 1, hf_patterns_get (digits, 9), NULL));
  ck_assert_uint_eq (log.position, 1);
  ck_assert_uint_eq (log.removed, 2);
  ck_assert_uint_eq (log.added, 3);
  for (guint k = 0; k < 4; k++)
    {
      HsPatternItem *item = g_list_model_get_item (lib, k);
      ck_assert_uint_eq (hs_pattern_item_get_index (item), k);
      ck_assert_mem_eq (hs_pattern_item_get_cells (item),
                        hf_patterns_get (hs_document_get_patterns (doc), k), 256);
      g_object_unref (item);
    }
  HsPatternItem *item = g_list_model_get_item (lib, 1);
  ck_assert_mem_eq (hs_pattern_item_get_cells (item), hf_patterns_get (digits, 9), 256);
  g_object_unref (item);
  hs_document_move_pattern (doc, 1, 3);
  item = g_list_model_get_item (lib, 3);
  ck_assert_mem_eq (hs_pattern_item_get_cells (item), hf_patterns_get (digits, 9), 256);
  g_object_unref (item);
  hs_document_remove_pattern (doc, 3);
  ck_assert_uint_eq (g_list_model_get_n_items (lib), 3);
  /* a trained network goes stale when the library changes */
  guint net_changes = 0;
  g_signal_connect_swapped (doc, "network-changed", G_CALLBACK (count), &net_changes);
  hs_document_set_network (doc, train (hs_document_get_patterns (doc)));
  ck_assert_uint_eq (net_changes, 1);
  ck_assert (!hs_document_get_network_stale (doc));
  hs_document_clear_patterns (doc);
  ck_assert_uint_eq (g_list_model_get_n_items (lib), 0);
  ck_assert (hs_document_get_network_stale (doc));
  ck_assert_ptr_nonnull (hs_document_get_network (doc));
  hs_document_replace_library (doc, digits);
  ck_assert_uint_eq (g_list_model_get_n_items (lib), 10);
  g_object_unref (doc);
}
END_TEST

START_TEST (test_grid_probe_and_corruption)
{
  HsDocument *doc = hs_document_new (16, 16);
  HfPatterns *digits = hf_sample_load ("digits-16", NULL);
  hs_document_replace_library (doc, hf_patterns_copy (digits, NULL));
  hs_document_set_network (doc, train (digits));
  const int8_t *three = hf_patterns_get (digits, 3);
  guint probes = 0;
  g_signal_connect_swapped (doc, "probe-changed", G_CALLBACK (count), &probes);
  hs_document_set_probe (doc, three, TRUE);
  ck_assert_uint_eq (probes, 1);
  ck_assert_mem_eq (hs_document_get_source (doc), three, 256);
  /* no roll before the first corruption; each roll is reproducible */
  ck_assert_uint_eq (hs_document_get_corruption_roll (doc), 0);
  ck_assert (hs_document_corrupt (doc, 0.25, NULL));
  ck_assert_uint_eq (hs_document_get_corruption_roll (doc), 1);
  ck_assert_uint_eq (hf_hamming (hs_document_get_probe (doc), three, 256), 64);
  ck_assert_mem_eq (hs_document_get_source (doc), three, 256);
  int8_t first[256];
  memcpy (first, hs_document_get_probe (doc), 256);
  ck_assert (hs_document_corrupt (doc, 0.25, NULL));
  ck_assert_uint_eq (hs_document_get_corruption_roll (doc), 2);
  ck_assert_uint_eq (hf_hamming (hs_document_get_probe (doc), three, 256), 64);
  ck_assert (memcmp (first, hs_document_get_probe (doc), 256) != 0);
  /* a clean probe forgets the roll (the label must not stay) */
  hs_document_set_probe (doc, three, TRUE);
  ck_assert_uint_eq (hs_document_get_corruption_roll (doc), 0);
  GError *error = NULL;
  ck_assert (!hs_document_corrupt (doc, 2.0, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  uint8_t clamp[256] = { 0 };
  clamp[5] = 1;
  hs_document_set_clamp (doc, clamp);
  ck_assert_ptr_nonnull (hs_document_get_clamp (doc));
  /* a new grid resizes the library and the probe, drops the network that
   * no longer fits and the clamps */
  ck_assert (hs_document_set_grid (doc, 8, 8, NULL));
  ck_assert_uint_eq (hs_document_get_width (doc), 8);
  ck_assert_ptr_null (hs_document_get_network (doc));
  ck_assert_ptr_null (hs_document_get_clamp (doc));
  HfPatterns *small = hf_patterns_resize (digits, 8, 8, NULL);
  ck_assert_mem_eq (hs_document_get_patterns (doc)->data, small->data, 10 * 64);
  ck_assert_mem_eq (hs_document_get_probe (doc), hf_patterns_get (small, 3), 64);
  HsPatternItem *item = g_list_model_get_item (hs_document_get_library (doc), 4);
  ck_assert_uint_eq (hs_pattern_item_get_width (item), 8);
  ck_assert_mem_eq (hs_pattern_item_get_cells (item), hf_patterns_get (small, 4), 64);
  g_object_unref (item);
  hf_patterns_free (small);
  hf_patterns_free (digits);
  g_object_unref (doc);
}
END_TEST

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

START_TEST (test_save_and_load)
{
  HsDocument *doc = hs_document_new (16, 16);
  HfPatterns *letters = hf_sample_load ("letters-16", NULL);
  hs_document_replace_library (doc, hf_patterns_copy (letters, NULL));
  hs_document_set_network (doc, train (letters));
  hs_document_set_probe (doc, hf_patterns_get (letters, 2), TRUE);
  hs_document_corrupt (doc, 0.1, NULL);
  HfSessionSettings s = *hs_document_get_settings (doc);
  s.mode = 2;
  s.seed = 42;
  hs_document_set_settings (doc, &s);
  char *path = g_build_filename (tmpdir, "lesson.hfsession", NULL);
  GFile *file = g_file_new_for_path (path);
  GAsyncResult *res = NULL;
  hs_document_save_async (doc, file, NULL, on_done, &res);
  /* a change while the worker writes keeps the unsaved mark */
  hs_document_set_probe (doc, hf_patterns_get (letters, 1), TRUE);
  GError *error = NULL;
  ck_assert (hs_document_save_finish (doc, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert (g_file_equal (hs_document_get_file (doc), file));
  ck_assert (hs_document_get_modified (doc));
  hs_document_set_probe (doc, hf_patterns_get (letters, 2), TRUE);
  hs_document_corrupt (doc, 0.1, NULL);
  hs_document_save_async (doc, file, NULL, on_done, &res);
  ck_assert (hs_document_save_finish (doc, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert (!hs_document_get_modified (doc));
  ck_assert_str_eq (hs_document_get_title (doc), "lesson.hfsession — Hopfield Studio");
  ck_assert (g_file_test (path, G_FILE_TEST_EXISTS));
  /* another document reads it back as it was */
  HsDocument *other = hs_document_new (32, 32);
  hs_document_load_async (other, file, NULL, on_done, &res);
  ck_assert (hs_document_load_finish (other, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert_uint_eq (hs_document_get_width (other), 16);
  ck_assert_uint_eq (hs_document_get_n_patterns (other), 10);
  ck_assert_uint_eq (g_list_model_get_n_items (hs_document_get_library (other)), 10);
  ck_assert_mem_eq (hs_document_get_patterns (other)->data, letters->data, 10 * 256);
  ck_assert_mem_eq (hs_document_get_probe (other), hs_document_get_probe (doc), 256);
  ck_assert_mem_eq (hs_document_get_network (other)->J, hs_document_get_network (doc)->J,
                    256 * 256 * sizeof (float));
  ck_assert_uint_eq (hs_document_get_settings (other)->mode, 2);
  ck_assert_uint_eq (hs_document_get_settings (other)->seed, 42);
  ck_assert (!hs_document_get_modified (other));
  ck_assert (g_file_equal (hs_document_get_file (other), file));
  /* a lesson's title and notes survive a load and a save */
  HfSession lesson;
  hs_document_describe_session (doc, &lesson);
  lesson.title = (char *)"Digits";
  lesson.notes = (char *)"Press *Play*.";
  lesson.view = (char *)"recall";
  char *lesson_path = g_build_filename (tmpdir, "digits.hfsession", NULL);
  ck_assert_int_eq (hf_session_save (lesson_path, &lesson, NULL), HF_OK);
  GFile *lesson_file = g_file_new_for_path (lesson_path);
  guint notified = 0;
  g_signal_connect_swapped (other, "notify::notes", G_CALLBACK (count_notify), &notified);
  hs_document_load_async (other, lesson_file, NULL, on_done, &res);
  ck_assert (hs_document_load_finish (other, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert_uint_eq (notified, 1);
  ck_assert_str_eq (hs_document_get_lesson_title (other), "Digits");
  ck_assert_str_eq (hs_document_get_notes (other), "Press *Play*.");
  ck_assert_str_eq (hs_document_get_view (other), "recall");
  char *title = NULL, *notes = NULL, *view = NULL;
  g_object_get (other, "lesson-title", &title, "notes", &notes, "view", &view, NULL);
  ck_assert_str_eq (title, "Digits");
  ck_assert_str_eq (notes, "Press *Play*.");
  ck_assert_str_eq (view, "recall");
  g_free (title);
  g_free (notes);
  g_free (view);
  /* the window is titled by the lesson, not by its file name */
  ck_assert_str_eq (hs_document_get_title (other), "Digits — Hopfield Studio");
  hs_document_set_probe (other, hf_patterns_get (letters, 5), TRUE);
  hs_document_save_async (other, lesson_file, NULL, on_done, &res);
  ck_assert (hs_document_save_finish (other, wait_result (&res), &error));
  g_clear_object (&res);
  HfSession *back = hf_session_load (lesson_path, NULL);
  ck_assert_ptr_nonnull (back);
  ck_assert_str_eq (back->title, "Digits");
  ck_assert_str_eq (back->notes, "Press *Play*.");
  ck_assert_str_eq (back->view, "recall");
  ck_assert_mem_eq (back->probe, hf_patterns_get (letters, 5), 256);
  hf_session_free (back);
  g_object_unref (lesson_file);
  g_free (lesson_path);
  /* errors: an unwritable place, a file that is not a session */
  char *bad = g_build_filename (tmpdir, "no-such-dir", "x.hfsession", NULL);
  GFile *badfile = g_file_new_for_path (bad);
  hs_document_save_async (doc, badfile, NULL, on_done, &res);
  ck_assert (!hs_document_save_finish (doc, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert_ptr_nonnull (error);
  ck_assert (error->domain == HS_DOCUMENT_ERROR);
  ck_assert_ptr_nonnull (strstr (error->message, "no-such-dir"));
  g_clear_error (&error);
  ck_assert (g_file_equal (hs_document_get_file (doc), file));
  char *junk = g_build_filename (tmpdir, "junk.hfsession", NULL);
  ck_assert (g_file_set_contents (junk, "not a session", -1, NULL));
  GFile *junkfile = g_file_new_for_path (junk);
  hs_document_load_async (other, junkfile, NULL, on_done, &res);
  ck_assert (!hs_document_load_finish (other, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  ck_assert_uint_eq (hs_document_get_n_patterns (other), 10);
  /* a cancelled load leaves the document alone */
  HsDocument *third = hs_document_new (8, 8);
  GCancellable *cancel = g_cancellable_new ();
  hs_document_load_async (third, file, cancel, on_done, &res);
  g_cancellable_cancel (cancel);
  ck_assert (!hs_document_load_finish (third, wait_result (&res), &error));
  g_clear_object (&res);
  g_clear_error (&error);
  ck_assert_uint_eq (hs_document_get_width (third), 8);
  g_object_unref (cancel);
  g_object_unref (third);
  g_object_unref (junkfile);
  g_free (junk);
  g_object_unref (badfile);
  g_free (bad);
  g_object_unref (other);
  g_object_unref (file);
  g_free (path);
  hf_patterns_free (letters);
  g_object_unref (doc);
}
END_TEST

/* A kept result as the Lab makes one: a capacity table of two rows. */
static void
sample_result (HfSessionResult *r, const char *label)
{
  memset (r, 0, sizeof *r);
  r->kind = strdup ("capacity");
  r->label = strdup (label);
  r->time = 1795000000;
  r->nparams = 1;
  r->keys = calloc (1, sizeof (char *));
  r->values = calloc (1, sizeof (char *));
  r->keys[0] = strdup ("m");
  r->values[0] = strdup ("4,8");
  r->ncols = 2;
  r->columns = calloc (2, sizeof (char *));
  r->columns[0] = strdup ("m");
  r->columns[1] = strdup ("fraction_stored");
  r->nrows = 2;
  r->table = malloc (4 * sizeof (double));
  double v[] = { 4, 1.0, 8, 0.5 };
  memcpy (r->table, v, sizeof v);
}

/* Keeping and deleting results marks the document unsaved; a save that
 * races a keep stays unsaved; loading restores them without marking. */
START_TEST (test_kept_results)
{
  HsDocument *doc = hs_document_new (8, 8);
  GListModel *results = hs_document_get_results (doc);
  ck_assert_uint_eq (g_list_model_get_n_items (results), 0);
  ck_assert (!hs_document_get_modified (doc));
  HfSessionResult r;
  sample_result (&r, "first");
  GError *error = NULL;
  ck_assert (hs_document_keep_result (doc, &r, &error));
  ck_assert_ptr_null (r.table); /* taken over */
  ck_assert (hs_document_get_modified (doc));
  sample_result (&r, "second");
  ck_assert (hs_document_keep_result (doc, &r, &error));
  ck_assert_uint_eq (hs_document_get_n_results (doc), 2);
  /* a result that could not be saved is refused, nothing changes */
  sample_result (&r, "two\nlines");
  ck_assert (!hs_document_keep_result (doc, &r, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  hf_session_result_clear (&r);
  ck_assert_uint_eq (hs_document_get_n_results (doc), 2);
  char *path = g_build_filename (tmpdir, "kept.hfsession", NULL);
  GFile *file = g_file_new_for_path (path);
  GAsyncResult *res = NULL;
  hs_document_save_async (doc, file, NULL, on_done, &res);
  /* deleting one while the worker writes keeps the unsaved mark */
  hs_document_remove_result (doc, 0);
  ck_assert (hs_document_save_finish (doc, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert (hs_document_get_modified (doc));
  ck_assert_uint_eq (hs_document_get_n_results (doc), 1);
  hs_document_save_async (doc, file, NULL, on_done, &res);
  ck_assert (hs_document_save_finish (doc, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert (!hs_document_get_modified (doc));
  /* another document opens it with its result, and counts as saved */
  HsDocument *other = hs_document_new (8, 8);
  sample_result (&r, "replaced on open");
  ck_assert (hs_document_keep_result (other, &r, NULL));
  ItemsLog log = { 0 };
  g_signal_connect (hs_document_get_results (other), "items-changed",
                    G_CALLBACK (on_items_changed), &log);
  hs_document_load_async (other, file, NULL, on_done, &res);
  ck_assert (hs_document_load_finish (other, wait_result (&res), &error));
  g_clear_object (&res);
  ck_assert_uint_eq (log.calls, 1);
  ck_assert_uint_eq (hs_document_get_n_results (other), 1);
  ck_assert (!hs_document_get_modified (other));
  HsKeptResult *item = g_list_model_get_item (hs_document_get_results (other), 0);
  const HfSessionResult *back = hs_kept_result_get (item);
  ck_assert_str_eq (back->label, "second");
  ck_assert_str_eq (back->kind, "capacity");
  ck_assert_int_eq (back->time, 1795000000);
  ck_assert_uint_eq (back->nrows, 2);
  ck_assert_double_eq (back->table[3], 0.5);
  char *title = hs_kept_result_dup_title (item);
  ck_assert_ptr_nonnull (strstr (title, "second"));
  ck_assert_ptr_nonnull (strstr (title, "capacity"));
  g_free (title);
  g_object_unref (item);
  hs_document_remove_result (other, 0);
  ck_assert (hs_document_get_modified (other));
  g_object_unref (other);
  g_object_unref (doc);
  g_object_unref (file);
  g_free (path);
}
END_TEST

static Suite *
document_suite (void)
{
  Suite *s = suite_create ("document");
  TCase *tc = tcase_create ("document");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_library_model);
  tcase_add_test (tc, test_grid_probe_and_corruption);
  tcase_add_test (tc, test_save_and_load);
  tcase_add_test (tc, test_kept_results);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (document_suite ());
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
