/* GUI tests of keyboard access: drawing on the canvas with the keys
 * (hs-pattern-canvas-keys.c) through the document, the drawn cursor, the
 * accessible description, accessible labels of icon-only buttons (the .ui
 * files) and the Tab order. */
#include "style-helpers.h"
#include "hs-undo.h"

/* ---- the keyboard ---- */

START_TEST (test_keyboard_drawing)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsDocument *doc = win->doc;
  guint w = hs_document_get_width (doc), n = w * hs_document_get_height (doc);
  int8_t *blank = g_new (int8_t, n);
  memset (blank, -1, n);
  hs_document_set_probe (doc, blank, TRUE);
  g_free (blank);
  HsPatternCanvas *canvas = probe_canvas (win);
  ck_assert (gtk_widget_get_focusable (GTK_WIDGET (canvas)));
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (canvas)));
  settle (0.2);
  GtkEventController *keys = key_controller (GTK_WIDGET (canvas));
  /* focused, the cursor is not shown until an arrow shows it: till then
   * Space is not the canvas's (it stays Play) */
  ck_assert (!hs_pattern_canvas_shows_cursor (canvas));
  ck_assert (!press (keys, GDK_KEY_space, 0));
  ck_assert (press (keys, GDK_KEY_Left, 0));
  ck_assert (hs_pattern_canvas_shows_cursor (canvas));

  /* arrows move the cursor, and the description follows */
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Down, 0));
  guint cx, cy;
  hs_pattern_canvas_get_cursor (canvas, &cx, &cy);
  ck_assert_uint_eq (cx, 2);
  ck_assert_uint_eq (cy, 1);
  assert_description (canvas, "Row 2, column 3, off");
  ck_assert (press (keys, GDK_KEY_Left, 0));
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Up, 0));
  ck_assert (press (keys, GDK_KEY_Down, 0));
  ck_assert (!press (keys, GDK_KEY_Right, GDK_ALT_MASK)); /* not the canvas's */

  /* Space toggles the cell, in the document; it does not play */
  ck_assert (press (keys, GDK_KEY_space, 0));
  ck_assert_int_eq (hs_document_get_probe (doc)[1 * w + 2], 1);
  ck_assert_int_eq (hs_document_get_source (doc)[1 * w + 2], 1);
  ck_assert (!hs_recall_player_get_playing (win->player));
  assert_description (canvas, "Row 2, column 3, on");
  ck_assert (press (keys, GDK_KEY_space, 0));
  ck_assert_int_eq (hs_document_get_probe (doc)[1 * w + 2], -1);
  ck_assert (press (keys, GDK_KEY_space, 0));
  /* a click (here in the margin) hides the cursor: Space no longer flips
   * a cell unseen, as it did in a lecture; an arrow brings it back */
  hs_pattern_canvas_begin_stroke (canvas, 1, 1, GDK_BUTTON_PRIMARY);
  hs_pattern_canvas_end_stroke (canvas, 1, 1);
  ck_assert (!hs_pattern_canvas_shows_cursor (canvas));
  ck_assert (!press (keys, GDK_KEY_space, 0));
  ck_assert_int_eq (hs_document_get_probe (doc)[1 * w + 2], 1);
  hs_pattern_canvas_set_cursor (canvas, 2, 1);
  ck_assert (hs_pattern_canvas_shows_cursor (canvas));

  /* Shift+arrows paint: from an off cell, on, every cell passed; the whole
   * keyboard stroke is one step of undo, as a drag is */
  ck_assert (press (keys, GDK_KEY_Down, 0));
  HsUndoStack *undo = hs_document_get_undo_stack (doc);
  guint steps = hs_undo_stack_get_n_undo (undo);
  for (int k = 0; k < 3; k++)
    ck_assert (press (keys, GDK_KEY_Right, GDK_SHIFT_MASK));
  gboolean released = FALSE;
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, GDK_SHIFT_MASK,
                         &released);
  const int8_t *probe = hs_document_get_probe (doc);
  for (guint x = 2; x <= 5; x++)
    ck_assert_msg (probe[2 * w + x] == 1, "cell (%u, 2) not painted", x);
  ck_assert_int_eq (probe[2 * w + 6], -1);
  ck_assert_int_eq (probe[2 * w + 1], -1);
  ck_assert_uint_eq (hs_undo_stack_get_n_undo (undo), steps + 1);
  ck_assert_str_eq (hs_undo_stack_get_undo_label (undo), "Undo Draw");
  /* a new stroke from an on cell erases */
  ck_assert (press (keys, GDK_KEY_Left, GDK_SHIFT_MASK));
  probe = hs_document_get_probe (doc);
  ck_assert_int_eq (probe[2 * w + 5], -1);
  ck_assert_int_eq (probe[2 * w + 4], -1);
  ck_assert_int_eq (probe[2 * w + 3], 1);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, GDK_SHIFT_MASK,
                         &released);
  /* Home and End */
  ck_assert (press (keys, GDK_KEY_End, 0));
  hs_pattern_canvas_get_cursor (canvas, &cx, &cy);
  ck_assert_uint_eq (cx, w - 1);
  ck_assert (press (keys, GDK_KEY_Home, GDK_CONTROL_MASK));
  hs_pattern_canvas_get_cursor (canvas, &cx, &cy);
  ck_assert (cx == 0 && cy == 0);
  assert_description (canvas, "Row 1, column 1, off");

  /* the cursor is drawn at its cell: a ring of the on colour inside the
   * edge of an off cell, which goes when the cursor leaves */
  hs_pattern_canvas_set_zoom (canvas, 40); /* rings of 4 pixels */
  hs_pattern_canvas_set_cursor (canvas, 1, 1);
  g_free (shoot (win, "keyboard-cursor.png").data);
  Pixels with = render_canvas (canvas);
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Right, 0));
  settle (0.2);
  Pixels without = render_canvas (canvas);
  int x, y;
  cell_centre (canvas, 1, 1, &x, &y);
  double c = hs_pattern_canvas_get_cell_size (canvas);
  ck_assert_double_eq (c, 40);
  int edge = x - 20 + 2; /* inside cell 1's left edge */
  Rgb on, off;
  cell_colours (canvas, &on, &off);
  ck_assert (same (pixel (&with, edge, y), on));
  ck_assert (same (pixel (&without, edge, y), off));
  ck_assert (same (pixel (&with, x, y), off)); /* the cell itself shows */
  g_free (with.data);
  g_free (without.data);

  /* not focused: no cursor, and the keys are not taken */
  hs_pattern_canvas_set_editable (canvas, FALSE);
  ck_assert (!hs_pattern_canvas_shows_cursor (canvas));
  ck_assert (!press (keys, GDK_KEY_space, 0));
  hs_pattern_canvas_set_editable (canvas, TRUE);
  close_window (win);
}
END_TEST

/* A zoomed canvas scrolls to keep the cursor in view. */
START_TEST (test_cursor_scrolls_into_view)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1024, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsPatternCanvas *canvas = probe_canvas (win);
  hs_pattern_canvas_set_zoom (canvas, 64);
  settle (0.3);
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (canvas)));
  GtkEventController *keys = key_controller (GTK_WIDGET (canvas));
  ck_assert (press (keys, GDK_KEY_End, GDK_CONTROL_MASK));
  settle (0.3);
  GtkScrolledWindow *sw = GTK_SCROLLED_WINDOW (
      gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (sw);
  ck_assert_double_gt (gtk_adjustment_get_value (v), 0);
  ck_assert (press (keys, GDK_KEY_Home, GDK_CONTROL_MASK));
  settle (0.3);
  ck_assert_double_eq_tol (gtk_adjustment_get_value (v), 0, 1);
  close_window (win);
}
END_TEST

/* A whole figure drawn with the keys alone: an H of 3 strokes. */
START_TEST (test_keyboard_figure)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsDocument *doc = win->doc;
  guint w = hs_document_get_width (doc), h = hs_document_get_height (doc);
  ck_assert (w >= 12 && h >= 12);
  int8_t *blank = g_new (int8_t, w * h);
  memset (blank, -1, w * h);
  hs_document_set_probe (doc, blank, TRUE);
  HsPatternCanvas *canvas = probe_canvas (win);
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (canvas)));
  GtkEventController *keys = key_controller (GTK_WIDGET (canvas));
  gboolean r = FALSE;
  /* left bar: (3, 2) down to (3, 11) */
  ck_assert (press (keys, GDK_KEY_Home, GDK_CONTROL_MASK));
  for (int k = 0; k < 3; k++)
    press (keys, GDK_KEY_Right, 0);
  for (int k = 0; k < 2; k++)
    press (keys, GDK_KEY_Down, 0);
  for (int k = 0; k < 9; k++)
    press (keys, GDK_KEY_Down, GDK_SHIFT_MASK);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, 0, &r);
  /* right bar: (8, 2) to (8, 11) */
  for (int k = 0; k < 5; k++)
    press (keys, GDK_KEY_Right, 0);
  for (int k = 0; k < 9; k++)
    press (keys, GDK_KEY_Up, GDK_SHIFT_MASK);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_R, 0u, 0, &r);
  /* the cross bar: (4..7, 6), then one cell with Space */
  for (int k = 0; k < 4; k++)
    press (keys, GDK_KEY_Down, 0);
  press (keys, GDK_KEY_Left, 0);
  for (int k = 0; k < 2; k++)
    press (keys, GDK_KEY_Left, GDK_SHIFT_MASK);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, 0, &r);
  press (keys, GDK_KEY_Left, 0);
  press (keys, GDK_KEY_space, 0);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gboolean want
            = ((x == 3 || x == 8) && y >= 2 && y <= 11) || (y == 6 && x >= 3 && x <= 8);
        blank[y * w + x] = want ? 1 : -1;
      }
  ck_assert (memcmp (hs_document_get_probe (doc), blank, w * h) == 0);
  ck_assert (memcmp (hs_document_get_source (doc), blank, w * h) == 0);
  g_free (blank);
  assert_description (canvas, "Row 7, column 5, on");
  g_free (shoot (win, "keyboard-drawing-1366x768.png").data);
  close_window (win);
}
END_TEST

/* The dark style at 1024 x 768: the window fits, the cells read. */
/* ---- accessible labels ---- */

static gboolean
icon_only (GtkWidget *w)
{
  if (GTK_IS_MENU_BUTTON (w))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (w)) != NULL
           && gtk_menu_button_get_label (GTK_MENU_BUTTON (w)) == NULL;
  if (GTK_IS_BUTTON (w))
    return GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (w)));
  return FALSE;
}

/* Every icon-only button under root, but GTK's own inner ones (the button
 * inside a menu button, a spin button's steppers, the title buttons). */
static void
walk (GtkWidget *root, GString *missing, guint *count)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_SPIN_BUTTON (w) || GTK_IS_WINDOW_CONTROLS (w)
          || !gtk_widget_get_visible (w))
        continue; /* GTK's own steppers and title buttons; a hidden one never shows */
      if (icon_only (w))
        {
          (*count)++;
          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (w),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL))
            {
              const char *tip = gtk_widget_get_tooltip_text (w);
              g_string_append_printf (missing, "\n  %s \"%s\" in", G_OBJECT_TYPE_NAME (w),
                                      tip ? tip : "(no tooltip)");
              for (GtkWidget *up = gtk_widget_get_parent (w); up != NULL;
                   up = gtk_widget_get_parent (up))
                g_string_append_printf (missing, " %s", G_OBJECT_TYPE_NAME (up));
            }
        }
      if (!GTK_IS_MENU_BUTTON (w))
        walk (w, missing, count);
    }
}

START_TEST (test_icon_buttons_have_labels)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  GString *missing = g_string_new (NULL);
  guint count = 0;
  walk (GTK_WIDGET (win), missing, &count);
  g_print ("%u icon-only buttons\n", count);
  ck_assert_uint_ge (count, 20);
  ck_assert_msg (missing->len == 0, "icon-only buttons without an accessible label:%s",
                 missing->str);
  g_string_free (missing, TRUE);
  /* the banner's own close button (labelled) closes it */
  hs_window_show_message (win, GTK_MESSAGE_INFO, "%s", "A message");
  ck_assert (gtk_info_bar_get_revealed (win->banner));
  GtkWidget *close = NULL;
  for (GtkWidget *w = GTK_WIDGET (win->banner); w != NULL && close == NULL;)
    {
      if (GTK_IS_BUTTON (w) && gtk_widget_get_visible (w) && icon_only (w))
        close = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (win->banner)
                 && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == GTK_WIDGET (win->banner)
                  ? NULL
                  : gtk_widget_get_next_sibling (w);
        }
    }
  ck_assert_ptr_nonnull (close);
  g_signal_emit_by_name (close, "clicked");
  ck_assert (!gtk_info_bar_get_revealed (win->banner));
  close_window (win);
}
END_TEST

/* ---- focus order ---- */

/* Tab walks the window as it reads: the header bar, the side panel top to
 * bottom, the centre, then the recall panel; it never jumps back a column
 * before it wraps around. */
START_TEST (test_tab_order_follows_layout)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  ck_assert (
      gtk_widget_activate_action (GTK_WIDGET (win), "win.load-sample", "s", "digits-16"));
  settle (0.3);
  GtkWidget *columns[3]
      = { GTK_WIDGET (win->library_panel), GTK_WIDGET (win->probe_editor),
          GTK_WIDGET (win->recall_panel) };
  int column = -1, seen[3] = { 0, 0, 0 };
  gboolean canvas = FALSE;
  GString *order = g_string_new (NULL);
  gtk_window_set_focus (GTK_WINDOW (win), NULL);
  for (int k = 0; k < 200; k++)
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (win), GTK_DIR_TAB_FORWARD))
        break;
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (win));
      if (focus == NULL)
        break;
      int c = -1;
      for (int i = 0; i < 3; i++)
        if (gtk_widget_is_ancestor (focus, columns[i]))
          c = i;
      canvas |= focus == GTK_WIDGET (probe_canvas (win));
      g_string_append_printf (order, " %s%s", G_OBJECT_TYPE_NAME (focus),
                              c >= 0 ? (const char *[]){ "[L]", "[C]", "[R]" }[c] : "");
      if (c < 0)
        continue; /* the header bar, the view switcher */
      if (c < column)
        break; /* wrapped around, or jumped back */
      column = c;
      seen[c]++;
    }
  g_print ("tab order:%s\n", order->str);
  ck_assert_msg (seen[0] > 3 && seen[1] > 3 && seen[2] > 3,
                 "left %d, centre %d, right %d", seen[0], seen[1], seen[2]);
  ck_assert_msg (canvas, "Tab never reaches the canvas");
  /* and the wrap-around came only after the right column */
  ck_assert_int_eq (column, 2);
  g_string_free (order, TRUE);
  close_window (win);
}
END_TEST

static Suite *
keyboard_suite (void)
{
  Suite *s = suite_create ("keyboard");
  TCase *tc = tcase_create ("keyboard");
  tcase_set_timeout (tc, 180);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_keyboard_drawing);
  tcase_add_test (tc, test_cursor_scrolls_into_view);
  tcase_add_test (tc, test_keyboard_figure);
  tcase_add_test (tc, test_icon_buttons_have_labels);
  tcase_add_test (tc, test_tab_order_follows_layout);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (keyboard_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
