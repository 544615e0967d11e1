/* hs-window-projector.c: the window's remembered state and projector mode.
 *
 * The size and maximized state are saved when the window closes and
 * restored when it opens (GSettings; nothing is remembered when the schema
 * is not installed). Projector mode (app.projector, hs_window_set_projector)
 * puts the `.projector` class on the window: style.css turns it into a
 * high-contrast light scheme with larger text, the plots follow the widget's
 * font and the projector scheme (hs-plot-style.c); the editing panels and
 * toolbars are hidden so the canvas, the plots and the outcome get the
 * room. F11 (win.fullscreen) toggles full screen; win.tour opens the tour.
 * The window's own shortcuts (the views, F9 and the plain keys) come from
 * the table in hs-shortcuts.c. */
#include "config.h"

#include "hs-shortcuts.h"
#include "hs-tour.h"
#include "hs-window-private.h"

static gboolean
save_state (HsWindow *self)
{
  if (self->settings == NULL)
    return FALSE;
  int width = 0, height = 0;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  if (!maximized && width >= 320 && height >= 240)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  return FALSE; /* the window closes on as it would */
}

static void
toggle_fullscreen (GSimpleAction *a, GVariant *p, gpointer user)
{
  GtkWindow *window = user;
  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
show_tour (GSimpleAction *a, GVariant *p, gpointer user)
{
  hs_tour_show (user);
}

static const GActionEntry projector_entries[] = {
  { "fullscreen", toggle_fullscreen },
  { "tour", show_tour },
};

void
hs_window_state_init (HsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), projector_entries,
                                   G_N_ELEMENTS (projector_entries), self);
  self->settings = hs_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  g_signal_connect (self, "close-request", G_CALLBACK (save_state), NULL);
  /* the keys the window handles itself (hs-shortcuts.c), and the
   * preferences' defaults (hs-window-prefs.c) */
  hs_shortcuts_add_to_window (GTK_WIDGET (self));
  hs_window_prefs_init (self);
}

gboolean
hs_window_get_projector (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);
  return self->projector;
}

void
hs_window_set_projector (HsWindow *self, gboolean projector)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  projector = !!projector;
  if (projector == self->projector)
    return;
  self->projector = projector;
  GActionGroup *group = G_ACTION_GROUP (self);
  if (projector)
    {
      /* the presentation layout: remember whether the patterns were shown */
      GVariant *state = g_action_group_get_action_state (group, "show-library");
      self->library_before = state == NULL || g_variant_get_boolean (state);
      g_clear_pointer (&state, g_variant_unref);
      gtk_widget_add_css_class (GTK_WIDGET (self), "projector");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "projector");
  g_action_group_change_action_state (
      group, "show-library",
      g_variant_new_boolean (projector ? FALSE : self->library_before));
  hs_probe_editor_set_presenting (self->probe_editor, projector);
  hs_recall_panel_set_presenting (self->recall_panel, projector);
  /* the plots and the canvas read the style when they draw */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
