/* hs-window-lessons.c: what the studio offers a lecture: a lesson's notes
 * beside the canvas (the left column's "Notes" page), the ready-made
 * lessons in the Lessons menu and the guide (F1). */
#include "config.h"

#include <glib/gi18n.h>

#include "hs-help-window.h"
#include "hs-i18n.h"
#include "hs-window-private.h"

/* The ready-made lessons are built into the resources (src/app/meson.build). */
#define LESSONS_PATH "/org/hopfieldstudio/HopfieldStudio/lessons/"

static void
on_notes_changed (HsWindow *self)
{
  const char *title = hs_document_get_lesson_title (self->doc);
  const char *notes = hs_document_get_notes (self->doc);
  hs_notes_panel_set_notes (self->notes_panel, title, notes);
  /* a lesson opens on its notes; anything else on the patterns */
  gtk_stack_set_visible_child_name (
      self->side_stack, notes != NULL || title != NULL ? "notes" : "patterns");
}

/* A lesson opens on the view it names (readers ignore names they do not
 * know, see docs/session-format.md). */
static void
on_view_changed (HsWindow *self)
{
  const char *view = hs_document_get_view (self->doc);
  if (view != NULL)
    hs_window_show_view (self, view);
}

void
hs_window_open_lesson (HsWindow *self, const char *name)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  /* in the user's language when it has one (NAME.de.hfsession) */
  char *prefix = g_strconcat (LESSONS_PATH, name, ".", NULL);
  char *path = hs_i18n_find_resource (prefix, ".hfsession");
  g_free (prefix);
  char *uri = path ? g_strconcat ("resource://", path, NULL)
                   : g_strconcat ("resource://" LESSONS_PATH, name, ".hfsession", NULL);
  g_free (path);
  GFile *file = g_file_new_for_uri (uri);
  /* as File > Open: read in a worker, the unsaved-changes question first */
  hs_window_open_files (self, &file, 1);
  g_object_unref (file);
  g_free (uri);
}

void
hs_window_show_help (HsWindow *self)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  if (self->help_window == NULL)
    {
      self->help_window = GTK_WINDOW (hs_help_window_new (GTK_WINDOW (self)));
      gtk_window_set_destroy_with_parent (self->help_window, TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->help_window),
                                 (gpointer *)&self->help_window);
    }
  gtk_window_present (self->help_window);
}

static void
on_destroy (HsWindow *self)
{
  if (self->help_window == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (self->help_window),
                                (gpointer *)&self->help_window);
  gtk_window_destroy (g_steal_pointer (&self->help_window));
}

static void
action_open_lesson (GSimpleAction *a, GVariant *p, gpointer user)
{
  hs_window_open_lesson (HS_WINDOW (user), g_variant_get_string (p, NULL));
}

static void
action_help (GSimpleAction *a, GVariant *p, gpointer user)
{
  hs_window_show_help (HS_WINDOW (user));
}

static const GActionEntry lesson_entries[] = {
  { "open-lesson", action_open_lesson, "s" },
  { "help", action_help },
};

void
hs_window_lessons_init (HsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), lesson_entries,
                                   G_N_ELEMENTS (lesson_entries), self);
  g_signal_connect_object (self->doc, "notify::notes", G_CALLBACK (on_notes_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "notify::lesson-title",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "notify::view", G_CALLBACK (on_view_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "destroy", G_CALLBACK (on_destroy), NULL);
  hs_notes_panel_set_notes (self->notes_panel, NULL, NULL);
}
