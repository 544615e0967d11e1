/* GUI test of the plain keys (S, Space, Backspace...; hs-shortcuts.c) with
 * real key presses: XTest puts them into the X server (Xvfb), so they come
 * back through GDK and GTK's whole event path, capture and bubble phases
 * included. A focused text field must get the key (no step happens); with
 * the canvas focused, the key reaches the window's shortcut. */
#include <check.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <string.h>

#include "hs-application.h"

#include "gui-helpers.h"

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

static Display *
xdisplay (HsWindow *win)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (win));
  ck_assert_msg (GDK_IS_X11_DISPLAY (display), "needs the X11 backend (GDK_BACKEND=x11)");
  return gdk_x11_display_get_xdisplay (display);
}

/* Presses and releases a key (with Shift when shift), as a person would. */
static void
press (HsWindow *win, KeySym sym, gboolean shift)
{
  Display *dpy = xdisplay (win);
  KeyCode code = XKeysymToKeycode (dpy, sym);
  KeyCode shift_code = XKeysymToKeycode (dpy, XK_Shift_L);
  ck_assert (code != 0);
  if (shift)
    XTestFakeKeyEvent (dpy, shift_code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, False, CurrentTime);
  if (shift)
    XTestFakeKeyEvent (dpy, shift_code, False, CurrentTime);
  XSync (dpy, False);
  settle (0.4);
}

static gsize
steps (HsWindow *win)
{
  const HfRecall *r = hs_recall_player_get_recall (win->player);
  ck_assert_ptr_nonnull (r);
  return hf_recall_steps (r);
}

START_TEST (test_plain_keys_spare_text_fields)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  Display *dpy = xdisplay (win);
  ck_assert_msg (
      XTestQueryExtension (dpy, &(int){ 0 }, &(int){ 0 }, &(int){ 0 }, &(int){ 0 }),
      "the X server has no XTest extension");
  /* the keyboard goes to this window (Xvfb has no window manager) */
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (win)));
  XSetInputFocus (dpy, xid, RevertToParent, CurrentTime);
  XSync (dpy, False);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.train", NULL));
  ck_assert (gui_wait_for (gui_trained, win, 60));
  settle (0.3);

  /* a text field (the seed's spin button) takes S and Space as text */
  GtkWidget *field = GTK_WIDGET (win->recall_panel->seed_spin);
  ck_assert (gtk_widget_grab_focus (field));
  char *before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
  gtk_editable_set_position (GTK_EDITABLE (field), -1);
  gsize at = steps (win);
  press (win, XK_s, FALSE);
  press (win, XK_space, FALSE);
  press (win, XK_w, FALSE);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (field));
  char *want = g_strconcat (before, "s w", NULL);
  ck_assert_msg (g_str_equal (typed, want), "the field reads \"%s\", wanted \"%s\"",
                 typed, want);
  g_free (want);
  ck_assert_uint_eq (steps (win), at); /* no step, no sweep */
  ck_assert (!hs_recall_player_get_playing (win->player));
  gtk_editable_set_text (GTK_EDITABLE (field), before);
  gtk_spin_button_update (GTK_SPIN_BUTTON (field));
  g_free (before);

  /* with the canvas focused, the same keys command the recall */
  GtkWidget *canvas = GTK_WIDGET (hs_probe_editor_get_canvas (win->probe_editor));
  gtk_widget_set_focusable (canvas, TRUE);
  ck_assert (gtk_widget_grab_focus (canvas));
  settle (0.2);
  at = steps (win);
  press (win, XK_s, FALSE);
  ck_assert_uint_eq (steps (win), at + 1);
  press (win, XK_s, FALSE);
  ck_assert_uint_eq (steps (win), at + 2);
  press (win, XK_BackSpace, FALSE); /* one step back */
  ck_assert_uint_eq (steps (win), at + 1);
  press (win, XK_s, TRUE); /* Shift+S: back too */
  ck_assert_uint_eq (steps (win), at);

  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  ck_assert (gui_wait_for (gui_no_workers, NULL, 30));
  settle (0.2);
}
END_TEST

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  Suite *s = suite_create ("keys");
  TCase *tc = tcase_create ("keys");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_plain_keys_spare_text_fields);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
