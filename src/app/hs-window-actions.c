/* hs-window-actions.c: the window's actions (win.*): every command of the
 * menus, buttons and shortcuts, on the document and the recall player. */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_rng.h>
#include <string.h>

#include "hf-samples.h"
#include "hs-window-private.h"

#define ACTION(name)                                                                     \
  static void action_##name (GSimpleAction *a, GVariant *p, gpointer user)

static HsUndoStack *
undo_stack (HsWindow *self)
{
  return hs_document_get_undo_stack (self->doc);
}

static void
report (HsWindow *self, GError *error)
{
  hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", error->message);
  g_error_free (error);
}

ACTION (show_info)
{
  hs_window_show_message (user, GTK_MESSAGE_INFO, "%s", g_variant_get_string (p, NULL));
}
ACTION (show_error)
{
  hs_window_show_message (user, GTK_MESSAGE_ERROR, "%s", g_variant_get_string (p, NULL));
}

/* ---- files ---- */

ACTION (open)
{
  hs_window_open_dialog (user);
}
ACTION (save_session)
{
  hs_window_save_session (user);
}
ACTION (save_session_as)
{
  hs_window_save_session_dialog (user);
}
ACTION (save_network)
{
  hs_window_save_network_dialog (user);
}
ACTION (save_patterns)
{
  hs_window_save_patterns_dialog (user);
}
ACTION (export_png)
{
  hs_window_export_png_dialog (user);
}

/* ---- training ---- */

ACTION (train)
{
  hs_train_panel_train (HS_WINDOW (user)->train_panel);
}
ACTION (cancel_training)
{
  hs_train_panel_cancel (HS_WINDOW (user)->train_panel);
}

/* ---- the library ---- */

/* set stays the caller's */
static void
replace_library (HsWindow *self, gpointer set)
{
  HfPatterns *copy = hf_patterns_copy (set, NULL);
  if (copy == NULL)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", _ ("Out of memory."));
      return;
    }
  hs_probe_editor_import_close (self->probe_editor);
  hs_document_replace_library (self->doc, copy);
  hs_library_panel_activate (self->library_panel, 0);
}

static void
load_sample (HsWindow *self, gpointer set)
{
  hs_undo_stack_begin (undo_stack (self), HS_EDIT_LOAD_SAMPLES, 0);
  replace_library (self, set);
  hs_undo_stack_end (undo_stack (self));
}

ACTION (load_sample)
{
  HsWindow *self = user;
  HfError err = { 0 };
  HfPatterns *set = hf_sample_load (g_variant_get_string (p, NULL), &err);
  if (set == NULL)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s",
                              hs_engine_message (err.message));
      return;
    }
  hs_window_confirm_discard (self, _ ("Replace the stored patterns by the sample set?"),
                             load_sample, set, (GDestroyNotify)hf_patterns_free);
}

static void
random_library (HsWindow *self, gpointer data)
{
  HfPatterns *set = hf_patterns_new (hs_document_get_width (self->doc),
                                     hs_document_get_height (self->doc), NULL);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (set == NULL || rng == NULL)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", _ ("Out of memory."));
      hf_patterns_free (set);
      if (rng != NULL)
        gsl_rng_free (rng);
      return;
    }
  hs_undo_stack_begin (undo_stack (self), HS_EDIT_RANDOM_PATTERNS, 0);
  /* a fresh set each time, from the corruption roll */
  HfSessionSettings s = *hs_document_get_settings (self->doc);
  gsl_rng_set (rng, ++s.corrupt_seed);
  hs_document_set_settings (self->doc, &s);
  hf_patterns_add_random (set, 10, 0.5, rng, NULL);
  gsl_rng_free (rng);
  replace_library (self, set);
  hs_undo_stack_end (undo_stack (self));
  hf_patterns_free (set);
}

ACTION (random_patterns)
{
  hs_window_confirm_discard (user, _ ("Replace the stored patterns by random ones?"),
                             random_library, NULL, NULL);
}

ACTION (add_pattern)
{
  HsWindow *self = user;
  GError *error = NULL;
  if (!hs_document_append_pattern (self->doc, hs_document_get_probe (self->doc), &error))
    {
      report (self, error);
      return;
    }
  hs_library_panel_select (self->library_panel,
                           (int)hs_document_get_n_patterns (self->doc) - 1);
}

ACTION (duplicate_pattern)
{
  HsWindow *self = user;
  int k = hs_library_panel_get_selected (self->library_panel);
  if (k < 0)
    return;
  int8_t *x
      = g_memdup2 (hf_patterns_get (hs_document_get_patterns (self->doc), (size_t)k),
                   hs_document_get_n_neurons (self->doc));
  GError *error = NULL;
  hs_undo_stack_begin (undo_stack (self), HS_EDIT_DUPLICATE_PATTERN, 0);
  gboolean done = hs_document_insert_pattern (self->doc, (guint)k + 1, x, &error);
  hs_undo_stack_end (undo_stack (self));
  if (done)
    hs_library_panel_select (self->library_panel, k + 1);
  else
    report (self, error);
  g_free (x);
}

ACTION (delete_pattern)
{
  HsWindow *self = user;
  int k = hs_library_panel_get_selected (self->library_panel);
  if (k < 0)
    return;
  hs_document_remove_pattern (self->doc, (guint)k);
  guint m = hs_document_get_n_patterns (self->doc);
  if (m > 0)
    hs_library_panel_select (self->library_panel, MIN (k, (int)m - 1));
}

ACTION (move_pattern)
{
  HsWindow *self = user;
  int k = hs_library_panel_get_selected (self->library_panel);
  int to = k + g_variant_get_int32 (p);
  if (k < 0 || to < 0 || (guint)to >= hs_document_get_n_patterns (self->doc))
    return;
  hs_document_move_pattern (self->doc, (guint)k, (guint)to);
  hs_library_panel_select (self->library_panel, to);
}

static void
clear_patterns (HsWindow *self, gpointer data)
{
  hs_document_clear_patterns (self->doc);
}

ACTION (clear_patterns)
{
  hs_window_confirm_discard (user, _ ("Remove every stored pattern?"), clear_patterns,
                             NULL, NULL);
}

/* ---- the probe ---- */

ACTION (corrupt)
{
  hs_probe_editor_corrupt (HS_WINDOW (user)->probe_editor);
}

ACTION (invert)
{
  HsWindow *self = user;
  gsize n = hs_document_get_n_neurons (self->doc);
  int8_t *s = g_memdup2 (hs_document_get_probe (self->doc), n);
  hf_state_invert (s, n);
  hs_undo_stack_begin (undo_stack (self), HS_EDIT_INVERT, 0);
  hs_document_set_probe (self->doc, s, TRUE);
  hs_undo_stack_end (undo_stack (self));
  g_free (s);
}

ACTION (fill)
{
  HsWindow *self = user;
  gsize n = hs_document_get_n_neurons (self->doc);
  int8_t *s = g_malloc (n);
  gboolean on = g_variant_get_int32 (p) > 0;
  memset (s, on ? 1 : -1, n);
  hs_undo_stack_begin (undo_stack (self), on ? HS_EDIT_FILL_CANVAS : HS_EDIT_CLEAR_CANVAS,
                       0);
  hs_document_set_probe (self->doc, s, TRUE);
  hs_undo_stack_end (undo_stack (self));
  g_free (s);
}

ACTION (shift)
{
  HsWindow *self = user;
  const char *dir = g_variant_get_string (p, NULL);
  int dx = g_str_equal (dir, "left") ? -1 : g_str_equal (dir, "right") ? 1 : 0;
  int dy = g_str_equal (dir, "up") ? -1 : g_str_equal (dir, "down") ? 1 : 0;
  guint w = hs_document_get_width (self->doc), h = hs_document_get_height (self->doc);
  const int8_t *probe = hs_document_get_probe (self->doc);
  int8_t *s = g_new (int8_t, (gsize)w * h);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      s[((y + h + dy) % h) * w + (x + w + dx) % w] = probe[y * w + x];
  hs_undo_stack_begin (undo_stack (self), HS_EDIT_SHIFT, 0);
  hs_document_set_probe (self->doc, s, TRUE);
  hs_undo_stack_end (undo_stack (self));
  g_free (s);
}

ACTION (clear_clamp)
{
  hs_undo_stack_begin (undo_stack (user), HS_EDIT_RELEASE_CLAMPS, 0);
  hs_document_set_clamp (HS_WINDOW (user)->doc, NULL);
  hs_undo_stack_end (undo_stack (user));
}

/* ---- undo and redo (hs-undo.h): the probe and the library, not training,
 * recall or settings ---- */

/* Ctrl+Z in a text field (a spin button's number) is the field's own */
static gboolean
text_field_takes (HsWindow *self, const char *action)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  return (GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus))
         && gtk_widget_activate_action (focus, action, NULL);
}

ACTION (undo)
{
  if (!text_field_takes (user, "text.undo"))
    hs_undo_stack_undo (undo_stack (user));
}
ACTION (redo)
{
  if (!text_field_takes (user, "text.redo"))
    hs_undo_stack_redo (undo_stack (user));
}

static void
on_undo_changed (HsWindow *self)
{
  hs_window_update_undo (self, hs_window_is_training (self) || self->opening);
}

void
hs_window_update_undo (HsWindow *self, gboolean busy)
{
  HsUndoStack *undo = undo_stack (self);
  /* while training or opening, the library stays as it is */
  for (int redo = 0; redo < 2; redo++)
    g_simple_action_set_enabled (
        G_SIMPLE_ACTION (
            g_action_map_lookup_action (G_ACTION_MAP (self), redo ? "redo" : "undo")),
        (redo ? hs_undo_stack_can_redo (undo) : hs_undo_stack_can_undo (undo))
            && !(busy && hs_undo_stack_peek_library (undo, redo)));
}

void
hs_window_undo_init (HsWindow *self)
{
  HsUndoStack *undo = undo_stack (self);
  hs_undo_stack_clear (undo); /* the library the window starts with is no step */
  GMenu *section = G_MENU (
      gtk_widget_get_template_child (GTK_WIDGET (self), HS_TYPE_WINDOW, "undo_section"));
  hs_undo_stack_bind_menu (undo, section, "win.undo", "win.redo");
  g_signal_connect_object (undo, "notify", G_CALLBACK (on_undo_changed), self,
                           G_CONNECT_SWAPPED);
  on_undo_changed (self);
}

ACTION (zoom)
{
  hs_probe_editor_zoom (HS_WINDOW (user)->probe_editor, g_variant_get_int32 (p));
}

ACTION (import_close)
{
  hs_probe_editor_import_close (HS_WINDOW (user)->probe_editor);
}

/* ---- recall ---- */

ACTION (step)
{
  hs_recall_player_step (HS_WINDOW (user)->player);
}
ACTION (step_back)
{
  hs_recall_player_step_back (HS_WINDOW (user)->player);
}
ACTION (sweep)
{
  hs_recall_player_sweep (HS_WINDOW (user)->player);
}
ACTION (play)
{
  HsRecallPlayer *player = HS_WINDOW (user)->player;
  if (hs_recall_player_get_playing (player))
    hs_recall_player_pause (player);
  else
    hs_recall_player_play (player);
}
ACTION (finish)
{
  hs_recall_player_run_to_end (HS_WINDOW (user)->player);
}
ACTION (reset)
{
  hs_recall_player_restart (HS_WINDOW (user)->player);
}

static const GActionEntry win_entries[] = {
  { "show-info", action_show_info, "s" },
  { "show-error", action_show_error, "s" },
  { "open", action_open },
  { "save-session", action_save_session },
  { "save-session-as", action_save_session_as },
  { "save-network", action_save_network },
  { "save-patterns", action_save_patterns },
  { "export-png", action_export_png },
  { "train", action_train },
  { "cancel-training", action_cancel_training },
  { "load-sample", action_load_sample, "s" },
  { "random-patterns", action_random_patterns },
  { "add-pattern", action_add_pattern },
  { "duplicate-pattern", action_duplicate_pattern },
  { "delete-pattern", action_delete_pattern },
  { "move-pattern", action_move_pattern, "i" },
  { "clear-patterns", action_clear_patterns },
  { "corrupt", action_corrupt },
  { "invert", action_invert },
  { "fill", action_fill, "i" },
  { "shift", action_shift, "s" },
  { "clear-clamp", action_clear_clamp },
  { "undo", action_undo },
  { "redo", action_redo },
  { "zoom", action_zoom, "i" },
  { "step", action_step },
  { "step-back", action_step_back },
  { "sweep", action_sweep },
  { "play", action_play },
  { "finish", action_finish },
  { "reset", action_reset },
  { "import-close", action_import_close },
};

void
hs_window_actions_init (HsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
}
