/* hs-shortcuts.c: the one table of keyboard shortcuts (see hs-shortcuts.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "hs-shortcuts.h"

enum
{
  SECTION_GENERAL,
  SECTION_FILES,
  SECTION_EDIT,
  SECTION_TRAIN,
  SECTION_RECALL,
  SECTION_VIEWS,
  N_SECTIONS
};

static const char *const section_titles[N_SECTIONS] = {
  N_ ("General"),  N_ ("Files"),  N_ ("Patterns and the Probe"),
  N_ ("Training"), N_ ("Recall"), N_ ("Views"),
};

/* The window's two pages, each of groups first..last: GTK 4.8 shows at
 * most two columns a page, and its page switcher within a section logs
 * warnings, so the groups go onto two sections of two columns each. */
static const struct
{
  const char *name, *title;
  guint first, last;
} pages[] = {
  { "editing", N_ ("Files and Editing"), SECTION_GENERAL, SECTION_EDIT },
  { "recall", N_ ("Training, Recall and Views"), SECTION_TRAIN, SECTION_VIEWS },
};

#define A HS_SHORTCUT_ACCEL
#define W HS_SHORTCUT_WINDOW
#define P HS_SHORTCUT_PLAIN

static const HsShortcut table[] = {
  { "app.preferences", "<Ctrl>comma", N_ ("Preferences"), SECTION_GENERAL, A },
  { "app.shortcuts", "<Ctrl>question", N_ ("Keyboard shortcuts"), SECTION_GENERAL, A },
  { "win.help", "F1", N_ ("Open the guide"), SECTION_GENERAL, A },
  { "win.fullscreen", "F11", N_ ("Full screen"), SECTION_GENERAL, A },
  { "app.quit", "<Ctrl>q", N_ ("Quit"), SECTION_GENERAL, A },

  { "win.new-lesson", "<Ctrl><Shift>n", N_ ("New lesson"), SECTION_FILES, A },
  { "win.open", "<Ctrl>o", N_ ("Open a file"), SECTION_FILES, A },
  { "win.save-session", "<Ctrl>s", N_ ("Save the session"), SECTION_FILES, A },
  { "win.save-session-as", "<Ctrl><Alt>s", N_ ("Save the session as"), SECTION_FILES, A },
  { "win.save-network", "<Ctrl><Shift>s", N_ ("Save the network"), SECTION_FILES, A },
  { "win.export-png", "<Ctrl>e", N_ ("Export the canvas as PNG"), SECTION_FILES, A },

  { "win.undo", "<Ctrl>z", N_ ("Undo"), SECTION_EDIT, A },
  { "win.redo", "<Ctrl><Shift>z <Ctrl>y", N_ ("Redo"), SECTION_EDIT, A },
  { "win.add-pattern", "<Ctrl>n", N_ ("Store the probe as a pattern"), SECTION_EDIT, A },
  { "win.corrupt", "<Ctrl>k", N_ ("Corrupt the probe"), SECTION_EDIT, A },
  { "win.invert", "i", N_ ("Invert the probe"), SECTION_EDIT, P },
  { "win.zoom(1)", "<Ctrl>plus <Ctrl>equal", N_ ("Zoom in"), SECTION_EDIT, A },
  { "win.zoom(-1)", "<Ctrl>minus", N_ ("Zoom out"), SECTION_EDIT, A },
  { "win.zoom(0)", "<Ctrl>0", N_ ("Zoom to fit"), SECTION_EDIT, A },

  { "win.train", "<Ctrl>t", N_ ("Train the network"), SECTION_TRAIN, A },
  { "win.cancel-training", "Escape", N_ ("Cancel training"), SECTION_TRAIN, P },

  { "win.play", "space", N_ ("Play or pause"), SECTION_RECALL, P },
  { "win.step", "s", N_ ("Update one neuron"), SECTION_RECALL, P },
  { "win.step-back", "<Shift>s BackSpace", N_ ("One step back"), SECTION_RECALL, P },
  { "win.sweep", "w", N_ ("Update every neuron once"), SECTION_RECALL, P },
  { "win.finish", "e", N_ ("Run to the end"), SECTION_RECALL, P },
  { "win.reset", "r", N_ ("Back to the probe"), SECTION_RECALL, P },

  { "win.view::canvas", "<Alt>1", N_ ("Canvas"), SECTION_VIEWS, W },
  { "win.view::landscape", "<Alt>2", N_ ("Energy landscape"), SECTION_VIEWS, W },
  { "win.view::plane", "<Alt>3", N_ ("Overlap plane"), SECTION_VIEWS, W },
  { "win.view::basins", "<Alt>4", N_ ("Basins"), SECTION_VIEWS, W },
  { "win.view::weights", "<Alt>5", N_ ("Weights"), SECTION_VIEWS, W },
  { "win.view::compare", "<Alt>6", N_ ("Compare rules"), SECTION_VIEWS, W },
  { "win.view::lab", "<Alt>7", N_ ("Lab"), SECTION_VIEWS, W },
  { "win.show-library", "F9", N_ ("Show or hide the patterns and training"),
    SECTION_VIEWS, W },
};

#undef A
#undef W
#undef P

const HsShortcut *
hs_shortcuts_get (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (table);
  return table;
}

const char *
hs_shortcuts_section_title (guint section)
{
  return section < N_SECTIONS ? _ (section_titles[section]) : "";
}

guint
hs_shortcuts_n_sections (void)
{
  return N_SECTIONS;
}

void
hs_shortcuts_set_accels (GtkApplication *app)
{
  for (guint k = 0; k < G_N_ELEMENTS (table); k++)
    if (table[k].kind == HS_SHORTCUT_ACCEL)
      {
        char **accels = g_strsplit (table[k].accels, " ", -1);
        gtk_application_set_accels_for_action (app, table[k].action,
                                               (const char *const *)accels);
        g_strfreev (accels);
      }
}

static void
add_entry (GtkShortcutController *c, const HsShortcut *e)
{
  char *name = NULL;
  GVariant *target = NULL;
  if (!g_action_parse_detailed_name (e->action, &name, &target, NULL))
    return;
  char **accels = g_strsplit (e->accels, " ", -1);
  for (char **a = accels; *a; a++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (*a);
      if (trigger == NULL)
        continue;
      GtkShortcut *s = gtk_shortcut_new (trigger, gtk_named_action_new (name));
      if (target != NULL)
        gtk_shortcut_set_arguments (s, target);
      gtk_shortcut_controller_add_shortcut (c, s);
    }
  g_strfreev (accels);
  g_clear_pointer (&target, g_variant_unref);
  g_free (name);
}

void
hs_shortcuts_add_to_window (GtkWidget *window)
{
  /* the views and F9: wherever the focus is in the window */
  GtkEventController *global = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (global, "hs-window-shortcuts");
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (global),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  /* plain keys: in the bubble phase, after the focused widget (a text
   * field) had its chance */
  GtkEventController *plain = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (plain, "hs-plain-keys");
  gtk_event_controller_set_propagation_phase (plain, GTK_PHASE_BUBBLE);
  for (guint k = 0; k < G_N_ELEMENTS (table); k++)
    if (table[k].kind == HS_SHORTCUT_WINDOW)
      add_entry (GTK_SHORTCUT_CONTROLLER (global), &table[k]);
    else if (table[k].kind == HS_SHORTCUT_PLAIN)
      add_entry (GTK_SHORTCUT_CONTROLLER (plain), &table[k]);
  gtk_widget_add_controller (window, global);
  gtk_widget_add_controller (window, plain);
}

/* Whether the window (win.*) or its application (app.*) has the action. */
static gboolean
action_exists (GtkWindow *window, const char *detailed)
{
  if (window == NULL)
    return TRUE;
  char *name = NULL;
  GVariant *target = NULL;
  gboolean found = FALSE;
  if (g_action_parse_detailed_name (detailed, &name, &target, NULL))
    {
      if (g_str_has_prefix (name, "win."))
        found = G_IS_ACTION_GROUP (window)
                && g_action_group_has_action (G_ACTION_GROUP (window), name + 4);
      else if (g_str_has_prefix (name, "app."))
        {
          GtkApplication *app = gtk_window_get_application (window);
          found
              = app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), name + 4);
        }
    }
  g_clear_pointer (&target, g_variant_unref);
  g_free (name);
  return found;
}

GtkWindow *
hs_shortcuts_window_new (GtkWindow *window)
{
  /* GTK 4.8 builds a shortcuts window from a description only: write one */
  GString *ui = g_string_new ("<interface>"
                              "<object class=\"GtkShortcutsWindow\" id=\"shortcuts\">"
                              "<property name=\"modal\">true</property>");
  for (guint page = 0; page < G_N_ELEMENTS (pages); page++)
    {
      char *section
          = g_markup_printf_escaped ("<child><object class=\"GtkShortcutsSection\">"
                                     "<property name=\"section-name\">%s</property>"
                                     "<property name=\"title\">%s</property>"
                                     "<property name=\"max-height\">14</property>",
                                     pages[page].name, _ (pages[page].title));
      g_string_append (ui, section);
      g_free (section);
      for (guint s = pages[page].first; s <= pages[page].last; s++)
        {
          gboolean open = FALSE;
          for (guint k = 0; k < G_N_ELEMENTS (table); k++)
            {
              if (table[k].section != s || !action_exists (window, table[k].action))
                continue;
              if (!open)
                {
                  char *group = g_markup_printf_escaped (
                      "<child><object class=\"GtkShortcutsGroup\">"
                      "<property name=\"title\">%s</property>",
                      _ (section_titles[s]));
                  g_string_append (ui, group);
                  g_free (group);
                  open = TRUE;
                }
              char *item = g_markup_printf_escaped (
                  "<child><object class=\"GtkShortcutsShortcut\">"
                  "<property name=\"title\">%s</property>"
                  "<property name=\"accelerator\">%s</property>"
                  "</object></child>",
                  _ (table[k].title), table[k].accels);
              g_string_append (ui, item);
              g_free (item);
            }
          if (open)
            g_string_append (ui, "</object></child>");
        }
      g_string_append (ui, "</object></child>");
    }
  g_string_append (ui, "</object></interface>");
  GtkBuilder *builder = gtk_builder_new_from_string (ui->str, (gssize)ui->len);
  g_string_free (ui, TRUE);
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));
  g_object_ref_sink (shortcuts);
  g_object_unref (builder);
  if (window != NULL)
    {
      gtk_window_set_transient_for (shortcuts, window);
      gtk_window_set_destroy_with_parent (shortcuts, TRUE);
    }
  /* toplevels are owned by GTK once made: the caller gets a borrowed one */
  g_object_unref (shortcuts);
  return shortcuts;
}
