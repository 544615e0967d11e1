/* hs-shortcuts.h: every keyboard shortcut of the studio, in one table.
 *
 * The table sets the application's accelerators, the window's own
 * shortcut controllers and the Keyboard Shortcuts window, so that what the
 * window lists is what the keys do. Three kinds of entries:
 *  - HS_SHORTCUT_ACCEL: an application accelerator (with Ctrl, or a
 *    function key): it works wherever the focus is;
 *  - HS_SHORTCUT_WINDOW: a shortcut of the main window (global scope), for
 *    actions with a target such as the views (Alt+1 ... Alt+7) and F9;
 *  - HS_SHORTCUT_PLAIN: an unmodified key (S, W, R, E, I, Space, Escape,
 *    Backspace, Shift+S) handled by the main window in the bubble phase,
 *    so a focused text field (notes, entries, spin buttons) gets the key
 *    first and only unused keys reach the window. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  HS_SHORTCUT_ACCEL,
  HS_SHORTCUT_WINDOW,
  HS_SHORTCUT_PLAIN,
} HsShortcutKind;

typedef struct
{
  const char *action; /* detailed: "win.open", "win.zoom(1)", "win.view::canvas" */
  const char *accels; /* GTK accelerators separated by spaces: "<Ctrl>plus <Ctrl>equal" */
  const char *title;  /* marked with N_ (), shown with _ () */
  guint section;      /* index into hs_shortcuts_section_title */
  HsShortcutKind kind;
} HsShortcut;

/* The table and its length. */
const HsShortcut *hs_shortcuts_get (guint *n);
/* The title of a group of shortcuts (translated). */
const char *hs_shortcuts_section_title (guint section);
guint hs_shortcuts_n_sections (void);

/* Sets the application's accelerators (HS_SHORTCUT_ACCEL entries). */
void hs_shortcuts_set_accels (GtkApplication *app);
/* Adds the window's shortcut controllers (HS_SHORTCUT_WINDOW and
 * HS_SHORTCUT_PLAIN entries) to a main window. */
void hs_shortcuts_add_to_window (GtkWidget *window);
/* The Keyboard Shortcuts window, generated from the table; entries whose
 * action neither window (win.*) nor the application (app.*) has are left
 * out. window may be NULL (then every entry is listed). */
GtkWindow *hs_shortcuts_window_new (GtkWindow *window);

G_END_DECLS
