/* hs-tour.c: the first-run tour (see hs-tour.h). The five steps are those
 * of the guide's "Getting started" (resources/help/guide.md). */
#include "config.h"

#include <glib/gi18n.h>

#include "hs-settings.h"
#include "hs-tour.h"

static const struct
{
  const char *title;
  const char *text;
} steps[] = {
  { N_ ("1. Patterns"),
    N_ ("The thumbnails on the left are the memories. Click one to put it on the canvas; "
        "draw your own and press + to store it. The menu has ready-made sets (digits, "
        "letters, random patterns) and ready-made lessons.") },
  { N_ ("2. Train"),
    N_ ("Choose a learning rule and press Train (Ctrl+T). Training sets the connection "
        "weights J so that every stored pattern becomes a valley of the energy.") },
  { N_ ("3. Corrupt"),
    N_ ("Flip a percentage of the canvas's pixels with Corrupt (Ctrl+K), or draw over "
        "it.") },
  { N_ ("4. Recall"),
    N_ ("Press Play (Space), Step (S) or Sweep (W). Neurons are updated one at a time; "
        "the outlined cell is the one being updated.") },
  { N_ ("5. Read the outcome"),
    N_ ("The energy plot falls, the overlap bars show how close the state is to each "
        "memory, and the outcome names where recall ended. The Guide (F1) explains "
        "more.") },
};

typedef struct
{
  GtkStack *stack;
  GtkWidget *back, *next, *done;
  GtkLabel *position;
  guint page;
} Tour;

guint
hs_tour_n_pages (void)
{
  return G_N_ELEMENTS (steps);
}

static Tour *
tour_of (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "hs-tour");
}

guint
hs_tour_get_page (GtkWindow *tour)
{
  g_return_val_if_fail (GTK_IS_WINDOW (tour) && tour_of (tour) != NULL, 0);
  return tour_of (tour)->page;
}

static void
show_page (Tour *t, guint page)
{
  t->page = page;
  char name[16];
  g_snprintf (name, sizeof name, "step%u", page);
  gtk_stack_set_visible_child_name (t->stack, name);
  gtk_widget_set_sensitive (t->back, page > 0);
  gtk_widget_set_visible (t->next, page + 1 < G_N_ELEMENTS (steps));
  gtk_widget_set_visible (t->done, page + 1 == G_N_ELEMENTS (steps));
  char *pos
      = g_strdup_printf (_ ("Step %u of %u"), page + 1, (guint)G_N_ELEMENTS (steps));
  gtk_label_set_text (t->position, pos);
  g_free (pos);
  gtk_widget_grab_focus (page + 1 < G_N_ELEMENTS (steps) ? t->next : t->done);
}

static void
on_back (GtkButton *button, Tour *t)
{
  if (t->page > 0)
    show_page (t, t->page - 1);
}

static void
on_next (GtkButton *button, Tour *t)
{
  if (t->page + 1 < G_N_ELEMENTS (steps))
    show_page (t, t->page + 1);
}

static void
on_done (GtkButton *button, GtkWindow *window)
{
  GSettings *settings = hs_settings_new ();
  if (settings != NULL)
    {
      g_settings_set_boolean (settings, "tour-shown", TRUE);
      g_object_unref (settings);
    }
  gtk_window_close (window);
}

static GtkWidget *
step_page (guint k)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_ (steps[k].title));
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  GtkWidget *text = gtk_label_new (_ (steps[k].text));
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_yalign (GTK_LABEL (text), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 48);
  gtk_label_set_width_chars (GTK_LABEL (text), 48);
  gtk_label_set_lines (GTK_LABEL (text), 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

GtkWindow *
hs_tour_show (GtkWindow *parent)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (window, _ ("Welcome to Hopfield Studio"));
  gtk_window_set_modal (window, TRUE);
  gtk_window_set_resizable (window, FALSE);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (window, parent);
      gtk_window_set_destroy_with_parent (window, TRUE);
    }
  Tour *t = g_new0 (Tour, 1);
  g_object_set_data_full (G_OBJECT (window), "hs-tour", t, g_free);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 18);
  t->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (t->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (t->stack), TRUE);
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      char name[16];
      g_snprintf (name, sizeof name, "step%u", k);
      gtk_stack_add_named (t->stack, step_page (k), name);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (t->stack));

  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  t->position = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (t->position), "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (t->position), TRUE);
  gtk_label_set_xalign (t->position, 0);
  t->back = gtk_button_new_with_mnemonic (_ ("_Back"));
  t->next = gtk_button_new_with_mnemonic (_ ("_Next"));
  t->done = gtk_button_new_with_mnemonic (_ ("_Done"));
  gtk_widget_add_css_class (t->next, "suggested-action");
  gtk_widget_add_css_class (t->done, "suggested-action");
  g_signal_connect (t->back, "clicked", G_CALLBACK (on_back), t);
  g_signal_connect (t->next, "clicked", G_CALLBACK (on_next), t);
  g_signal_connect (t->done, "clicked", G_CALLBACK (on_done), window);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (t->position));
  gtk_box_append (GTK_BOX (bar), t->back);
  gtk_box_append (GTK_BOX (bar), t->next);
  gtk_box_append (GTK_BOX (bar), t->done);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_window_set_child (window, box);

  /* Escape closes, as in a dialog */
  GtkEventController *keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                        gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), keys);

  show_page (t, 0);
  gtk_window_present (window);
  return window;
}
