/* hs-help-window.c: the guide, split at its "# " headings into pages. */
#include "config.h"

#include "hs-help-window.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "hs-i18n.h"
#include "hs-notes.h"

#define GUIDE_RESOURCE "/org/hopfieldstudio/HopfieldStudio/help/guide.md"
#define GUIDE_LANG_PREFIX "/org/hopfieldstudio/HopfieldStudio/help/guide."

struct _HsHelpWindow
{
  GtkWindow parent_instance;
  GtkStack *stack;
};

G_DEFINE_FINAL_TYPE (HsHelpWindow, hs_help_window, GTK_TYPE_WINDOW)

static void
add_page (HsHelpWindow *self, const char *title, const char *body)
{
  char *markup = hs_notes_to_markup (body);
  char *escaped = g_markup_escape_text (title, -1);
  char *full = g_strdup_printf ("<span size='x-large' weight='bold'>%s</span>\n\n%s",
                                escaped, markup);
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), full);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 72);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 24);
  gtk_widget_set_margin_end (label, 24);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 24);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_stack_add_titled (self->stack, scroller, title, title);
  g_free (full);
  g_free (escaped);
  g_free (markup);
}

/* The guide in the user's language (help/guide.LANG.md), else English. */
static GBytes *
lookup_guide (void)
{
  char *path = hs_i18n_find_resource (GUIDE_LANG_PREFIX, ".md");
  GBytes *bytes = g_resources_lookup_data (path ? path : GUIDE_RESOURCE, 0, NULL);
  g_free (path);
  return bytes;
}

static void
load_guide (HsHelpWindow *self)
{
  GBytes *bytes = lookup_guide ();
  if (bytes == NULL)
    {
      add_page (self, _ ("Guide"), _ ("The guide is missing from this build."));
      return;
    }
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  char *text = g_strndup (data, len);
  char **lines = g_strsplit (text, "\n", -1);
  GString *body = g_string_new (NULL);
  char *title = NULL;
  for (char **l = lines;; l++)
    {
      gboolean top = *l != NULL && g_str_has_prefix (*l, "# ");
      if (*l == NULL || top)
        {
          if (title != NULL)
            add_page (self, title, body->str);
          g_free (title);
          title = *l != NULL ? g_strstrip (g_strdup (*l + 2)) : NULL;
          g_string_truncate (body, 0);
          if (*l == NULL)
            break;
          continue;
        }
      g_string_append (body, *l);
      g_string_append_c (body, '\n');
    }
  g_string_free (body, TRUE);
  g_strfreev (lines);
  g_free (text);
  g_bytes_unref (bytes);
}

gboolean
hs_help_window_show_page (HsHelpWindow *self, const char *title)
{
  g_return_val_if_fail (HS_IS_HELP_WINDOW (self), FALSE);
  if (gtk_stack_get_child_by_name (self->stack, title) == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, title);
  return TRUE;
}

char **
hs_help_window_get_titles (HsHelpWindow *self)
{
  g_return_val_if_fail (HS_IS_HELP_WINDOW (self), NULL);
  GPtrArray *titles = g_ptr_array_new ();
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    g_ptr_array_add (titles, g_strdup (gtk_stack_page_get_title (
                                 gtk_stack_get_page (self->stack, c))));
  g_ptr_array_add (titles, NULL);
  return (char **)g_ptr_array_free (titles, FALSE);
}

static void
hs_help_window_class_init (HsHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsHelpWindow, stack);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
hs_help_window_init (HsHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_guide (self);
}

GtkWidget *
hs_help_window_new (GtkWindow *parent)
{
  return g_object_new (HS_TYPE_HELP_WINDOW, "transient-for", parent, NULL);
}
