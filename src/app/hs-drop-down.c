/* hs-drop-down.c: dropdowns with an ellipsizing button. */
#include "hs-drop-down.h"

static void
setup_label (GtkSignalListItemFactory *f, GtkListItem *item, gpointer ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkStringObject *s = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (s));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (s));
}

static GtkListItemFactory *
factory_new (gboolean ellipsize)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  g_signal_connect (f, "setup", G_CALLBACK (setup_label),
                    ellipsize ? GINT_TO_POINTER (1) : NULL);
  g_signal_connect (f, "bind", G_CALLBACK (bind_label), NULL);
  return f;
}

void
hs_drop_down_set_labels (GtkDropDown *dropdown, const char *const *labels, guint n_labels)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  GtkListItemFactory *f = factory_new (TRUE);
  gtk_drop_down_set_factory (dropdown, f);
  g_object_unref (f);
  f = factory_new (FALSE);
  gtk_drop_down_set_list_factory (dropdown, f);
  g_object_unref (f);
  GtkStringList *list = gtk_string_list_new (NULL);
  for (guint k = 0; k < n_labels; k++)
    gtk_string_list_append (list, labels[k]);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  g_object_unref (list);
}
