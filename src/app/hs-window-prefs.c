/* hs-window-prefs.c: what the preferences mean for a window's lesson.
 *
 * A lesson carries its own training and recall settings, saved with it;
 * the preferences are the defaults of a new lesson (New Lesson in the main menu,
 * win.new-lesson: an empty library on the preferred grid; and the first
 * lesson of a new window). Changing a training or recall preference also
 * applies it at once to a new lesson that is open (no file, no lesson
 * title), as if the control in its panel had been changed; a session or a
 * shipped lesson keeps its own settings, since its notes may depend on
 * them (a Hebbian lesson about spurious states must stay Hebbian).
 * Changing a panel's control changes the lesson only, never the
 * preferences. The playback speed is the viewer's, not the lesson's: the
 * recall panel's speed slider and the preference are one value
 * (hs-recall-panel.c). Nothing of this happens without the schema. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "hs-window-private.h"

static void
on_pref_changed (GSettings *settings, const char *key, HsWindow *self)
{
  if (self->doc == NULL || hs_document_get_file (self->doc) != NULL
      || hs_document_get_lesson_title (self->doc) != NULL)
    return;
  HfSessionSettings s = *hs_document_get_settings (self->doc);
  if (hs_settings_apply_key (settings, key, &s))
    hs_document_set_settings (self->doc, &s);
}

static void
new_lesson (HsWindow *self, gpointer data)
{
  guint w = 16, h = 16;
  if (self->settings != NULL)
    {
      w = (guint)CLAMP (g_settings_get_int (self->settings, "grid-width"), 2, 64);
      h = (guint)CLAMP (g_settings_get_int (self->settings, "grid-height"), 2, 64);
    }
  HfError err = { 0 };
  HfSession *session = calloc (1, sizeof *session);
  if (session == NULL || (session->library = hf_patterns_new (w, h, &err)) == NULL
      || (session->probe = malloc ((size_t)w * h)) == NULL
      || (session->source = malloc ((size_t)w * h)) == NULL)
    {
      hf_session_free (session);
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", _ ("Out of memory."));
      return;
    }
  memset (session->probe, -1, (size_t)w * h);
  memset (session->source, -1, (size_t)w * h);
  hs_settings_lesson_defaults (self->settings, &session->settings);
  hs_probe_editor_import_close (self->probe_editor);
  hs_document_apply_session (self->doc, session, NULL);
}

static void
action_new_lesson (GSimpleAction *a, GVariant *p, gpointer user)
{
  HsWindow *self = user;
  if (hs_window_is_training (self) || hs_window_is_opening (self))
    {
      hs_window_show_message (
          self, GTK_MESSAGE_WARNING,
          _ ("Wait for training (or the files being opened) to finish before "
             "starting a new lesson."));
      return;
    }
  hs_window_confirm_discard (self, _ ("Start a new lesson?"), new_lesson, NULL, NULL);
}

static const GActionEntry prefs_entries[] = {
  { "new-lesson", action_new_lesson },
};

void
hs_window_prefs_init (HsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), prefs_entries,
                                   G_N_ELEMENTS (prefs_entries), self);
  if (self->settings == NULL)
    return;
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_pref_changed), self,
                           0);
  /* the window's first lesson takes the preferred training and recall
   * settings (its patterns are the digits sample, on their own grid) */
  HfSessionSettings s = *hs_document_get_settings (self->doc);
  HfSessionSettings d;
  hs_settings_lesson_defaults (self->settings, &d);
  s.rule = d.rule;
  s.learning_rate = d.learning_rate;
  s.max_iterations = d.max_iterations;
  s.margin = d.margin;
  s.learn_thresholds = d.learn_thresholds;
  s.mode = d.mode;
  s.temperature = d.temperature;
  s.speed = d.speed;
  hs_document_set_settings (self->doc, &s);
}
