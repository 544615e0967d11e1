/* GUI test of undo in the window: a stroke drawn on the canvas is one step,
 * the menus name it ("Undo Draw"), Ctrl+Z's action puts back what the
 * canvas showed, pixel for pixel. Pictures go to a fresh temporary
 * directory (and, when HS_SHOTS names a directory, a copy there). */
#include <check.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hs-application.h"
#include "gui-helpers.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-undo-XXXXXX");
}

static void
teardown (void)
{
  gui_tmpdir_remove (&tmpdir);
}

static void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

static gboolean
drawn (HsWindow *w)
{
  return gtk_widget_get_mapped (GTK_WIDGET (w))
         && gtk_widget_get_width (GTK_WIDGET (w)) > 100;
}

static void
run (HsWindow *win, const char *action)
{
  ck_assert_msg (gtk_widget_activate_action_variant (GTK_WIDGET (win), action, NULL),
                 "action %s not found", action);
}

static void
save_png (GdkTexture *tex, const char *name)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  ck_assert (gdk_texture_save_to_png (tex, path));
  g_free (path);
  const char *shots = g_getenv ("HS_SHOTS");
  if (shots != NULL)
    {
      path = g_build_filename (shots, name, NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
    }
}

/* The widget's pixels as GTK draws them (RGBA, w * h * 4 bytes). */
static guchar *
pixels (GtkWidget *widget, const char *name, int *w, int *h)
{
  settle (0.3);
  *w = gtk_widget_get_width (widget);
  *h = gtk_widget_get_height (widget);
  GdkTexture *tex = gui_render_widget (widget);
  ck_assert_ptr_nonnull (tex);
  save_png (tex, name);
  guchar *px = g_malloc ((gsize)*w * *h * 4);
  gdk_texture_download (tex, px, (gsize)*w * 4);
  g_object_unref (tex);
  return px;
}

/* With HS_SHOTS: the whole window as it looks (1366x768 under Xvfb). */
static void
window_shot (HsWindow *win, const char *name)
{
  if (g_getenv ("HS_SHOTS") == NULL)
    return;
  settle (0.3);
  GdkTexture *tex = gui_render (win);
  ck_assert_ptr_nonnull (tex);
  save_png (tex, name);
  g_object_unref (tex);
}

/* The label of item k of a menu's first section. */
static char *
section_label (GMenuModel *menu, int k)
{
  GMenuModel *section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  ck_assert_ptr_nonnull (section);
  char *label = NULL;
  ck_assert (
      g_menu_model_get_item_attribute (section, k, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_object_unref (section);
  return label;
}

static GtkMenuButton *
edit_button (HsWindow *win)
{
  GtkWidget *bar = GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (win->probe_editor), HS_TYPE_PROBE_EDITOR, "edit_bar"));
  GtkWidget *button = gtk_widget_get_first_child (bar);
  ck_assert (GTK_IS_MENU_BUTTON (button));
  return GTK_MENU_BUTTON (button);
}

/* The window with the Edit menu open on it, as on screen. */
static void
save_menu_shot (HsWindow *win, GtkMenuButton *button, const char *name)
{
  gtk_menu_button_popup (button);
  settle (0.5);
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  GdkTexture *back = gui_render (win);
  GdkTexture *menu = gui_render_widget (GTK_WIDGET (popover));
  ck_assert_ptr_nonnull (back);
  ck_assert_ptr_nonnull (menu);
  /* the popover's surface, placed where GDK put it over the window's */
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  double sx, sy, wx, wy;
  gtk_native_get_surface_transform (GTK_NATIVE (win), &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &sx, &sy);
  int x = gdk_popup_get_position_x (GDK_POPUP (surface)) - (int)wx + (int)sx;
  int y = gdk_popup_get_position_y (GDK_POPUP (surface)) - (int)wy + (int)sy;
  GtkSnapshot *snap = gtk_snapshot_new ();
  int w = gdk_texture_get_width (back), h = gdk_texture_get_height (back);
  gtk_snapshot_append_texture (snap, back, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gtk_snapshot_append_texture (snap, menu,
                               &GRAPHENE_RECT_INIT (x, y, gdk_texture_get_width (menu),
                                                    gdk_texture_get_height (menu)));
  GskRenderNode *node = gtk_snapshot_free_to_node (snap);
  GdkTexture *shot = gsk_renderer_render_texture (
      gtk_native_get_renderer (GTK_NATIVE (win)), node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  save_png (shot, name);
  gsk_render_node_unref (node);
  g_object_unref (shot);
  g_object_unref (back);
  g_object_unref (menu);
  gtk_popover_popdown (popover);
  settle (0.2);
}

/* Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y are the application's accelerators. */
START_TEST (test_accelerators)
{
  GtkApplication *app
      = gtk_application_new ("org.hopfieldstudio.TestUndo", G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  hs_application_setup_accels (app);
  struct
  {
    const char *accel, *action;
  } expect[] = {
    { "<Control>z", "win.undo" },
    { "<Control><Shift>z", "win.redo" },
    { "<Control>y", "win.redo" },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (expect); k++)
    {
      char **actions = gtk_application_get_actions_for_accel (app, expect[k].accel);
      ck_assert_msg (
          actions != NULL
              && g_strv_contains ((const char *const *)actions, expect[k].action),
          "%s is not %s", expect[k].accel, expect[k].action);
      g_strfreev (actions);
    }
  g_object_unref (app);
}
END_TEST

/* A stroke drawn with the canvas's own stroke input: one step, "Undo
 * Draw" in the Edit menu and the main menu; undo puts the canvas's pixels
 * back exactly, redo the stroke's. */
START_TEST (test_undo_a_stroke)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsUndoStack *undo = hs_document_get_undo_stack (win->doc);
  /* the window starts with nothing to undo */
  ck_assert (!hs_undo_stack_can_undo (undo));
  ck_assert (!g_action_group_get_action_enabled (G_ACTION_GROUP (win), "undo"));
  ck_assert (!g_action_group_get_action_enabled (G_ACTION_GROUP (win), "redo"));
  GtkMenuButton *edit = edit_button (win);
  GMenuModel *edit_menu = gtk_menu_button_get_menu_model (edit);
  char *label = section_label (edit_menu, 0);
  ck_assert_str_eq (label, "Undo");
  g_free (label);

  HsPatternCanvas *canvas = win->probe_editor->canvas;
  int w, h, w1, h1;
  guchar *before = pixels (GTK_WIDGET (canvas), "canvas-before-stroke.png", &w, &h);
  window_shot (win, "window-before-stroke.png");
  int8_t probe[256];
  memcpy (probe, hs_document_get_probe (win->doc), 256);

  double c = hs_pattern_canvas_get_cell_size (canvas);
  double ox = (w - 16 * c) / 2, oy = (h - 16 * c) / 2;
  ck_assert (hs_pattern_canvas_begin_stroke (canvas, ox + 1.5 * c, oy + 1.5 * c, 1));
  for (int k = 2; k <= 14; k++)
    hs_pattern_canvas_stroke_to (canvas, ox + (k + 0.5) * c, oy + (k + 0.5) * c);
  hs_pattern_canvas_end_stroke (canvas, ox + 14.5 * c, oy + 1.5 * c);
  /* one stroke, many cells: one step */
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 1);
  ck_assert (memcmp (probe, hs_document_get_probe (win->doc), 256) != 0);
  ck_assert (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "undo"));
  label = section_label (edit_menu, 0);
  ck_assert_str_eq (label, "Undo Draw");
  g_free (label);
  label = section_label (edit_menu, 1);
  ck_assert_str_eq (label, "Redo");
  g_free (label);
  GMenuModel *main_menu = G_MENU_MODEL (
      gtk_widget_get_template_child (GTK_WIDGET (win), HS_TYPE_WINDOW, "undo_section"));
  char *main_label = NULL;
  ck_assert (g_menu_model_get_item_attribute (main_menu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                              &main_label));
  ck_assert_str_eq (main_label, "Undo Draw");
  g_free (main_label);
  guchar *stroke = pixels (GTK_WIDGET (canvas), "canvas-after-stroke.png", &w1, &h1);
  window_shot (win, "window-after-stroke.png");
  ck_assert_int_eq (w1, w);
  ck_assert_int_eq (h1, h);
  ck_assert (memcmp (before, stroke, (gsize)w * h * 4) != 0);
  if (g_getenv ("HS_SHOTS") != NULL)
    save_menu_shot (win, edit, "menu-undo-draw.png");

  /* in a text field, Ctrl+Z is the field's: the document keeps its step */
  GtkWidget *text
      = gtk_widget_get_first_child (GTK_WIDGET (win->probe_editor->corrupt_spin));
  while (text != NULL && !GTK_IS_TEXT (text))
    text = gtk_widget_get_next_sibling (text);
  ck_assert_ptr_nonnull (text);
  ck_assert (gtk_widget_grab_focus (text));
  ck_assert_ptr_eq (gtk_root_get_focus (GTK_ROOT (win)), text);
  run (win, "win.undo");
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 1);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  gtk_root_set_focus (GTK_ROOT (win), NULL);

  /* Ctrl+Z's action */
  run (win, "win.undo");
  ck_assert_mem_eq (hs_document_get_probe (win->doc), probe, 256);
  guchar *undone = pixels (GTK_WIDGET (canvas), "canvas-after-undo.png", &w1, &h1);
  window_shot (win, "window-after-undo.png");
  ck_assert_int_eq (w1, w);
  ck_assert_int_eq (h1, h);
  ck_assert_msg (memcmp (before, undone, (gsize)w * h * 4) == 0,
                 "the canvas after undo is not the canvas before the stroke");
  ck_assert (!g_action_group_get_action_enabled (G_ACTION_GROUP (win), "undo"));
  ck_assert (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "redo"));
  label = section_label (edit_menu, 1);
  ck_assert_str_eq (label, "Redo Draw");
  g_free (label);
  /* undo back to the state the window started in: nothing unsaved */
  ck_assert (!hs_document_get_modified (win->doc));

  /* Ctrl+Shift+Z's action */
  run (win, "win.redo");
  guchar *redone = pixels (GTK_WIDGET (canvas), "canvas-after-redo.png", &w1, &h1);
  ck_assert (memcmp (stroke, redone, (gsize)w * h * 4) == 0);
  ck_assert (hs_document_get_modified (win->doc));

  g_free (before);
  g_free (stroke);
  g_free (undone);
  g_free (redone);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
}
END_TEST

/* Library edits from the window's actions are undone in order, and the
 * library panel shows the restored patterns. */
START_TEST (test_undo_library_actions)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsUndoStack *undo = hs_document_get_undo_stack (win->doc);
  const HfPatterns *lib = hs_document_get_patterns (win->doc);
  HfPatterns *start = hf_patterns_copy (lib, NULL);
  hs_library_panel_select (win->library_panel, 2);
  run (win, "win.delete-pattern");
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo Delete Pattern");
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.move-pattern", "i", 1));
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo Move Pattern");
  run (win, "win.duplicate-pattern");
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo Duplicate Pattern");
  /* as after a save: replacing the library asks no question */
  hs_document_set_modified (win->doc, FALSE);
  run (win, "win.random-patterns");
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo Random Patterns");
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), 4);
  for (int k = 0; k < 4; k++)
    run (win, "win.undo");
  lib = hs_document_get_patterns (win->doc);
  ck_assert_uint_eq (lib->m, start->m);
  ck_assert_mem_eq (lib->data, start->data, start->m * start->n);
  settle (0.2);
  ck_assert_uint_eq (g_list_model_get_n_items (hs_document_get_library (win->doc)),
                     start->m);
  hf_patterns_free (start);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
}
END_TEST

static Suite *
undo_window_suite (void)
{
  Suite *s = suite_create ("undo-window");
  TCase *tc = tcase_create ("undo-window");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_accelerators);
  tcase_add_test (tc, test_undo_a_stroke);
  tcase_add_test (tc, test_undo_library_actions);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (undo_window_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
