/* hs-notes.c: lesson notes as Pango markup, and the panel that shows them. */
#include "config.h"

#include "hs-notes.h"

#include <glib/gi18n.h>
#include <string.h>

/* Appends text with *emphasis* and **strong** turned into markup; an
 * unmatched star stays a star. */
static void
append_inline (GString *out, const char *text, gsize len)
{
  gsize i = 0;
  while (i < len)
    {
      if (text[i] == '`')
        {
          const char *close = memchr (text + i + 1, '`', len - i - 1);
          if (close != NULL && close > text + i + 1)
            {
              char *inner
                  = g_markup_escape_text (text + i + 1, (gssize)(close - (text + i + 1)));
              g_string_append_printf (out, "<tt>%s</tt>", inner);
              g_free (inner);
              i = (gsize)(close - text) + 1;
              continue;
            }
        }
      gboolean strong = i + 1 < len && text[i] == '*' && text[i + 1] == '*';
      if (text[i] == '*')
        {
          gsize open = strong ? 2 : 1;
          const char *close = NULL;
          for (gsize j = i + open; j + open <= len; j++)
            if (text[j] == '*' && (!strong || text[j + 1] == '*') && j > i + open
                && text[j - 1] != ' ')
              {
                close = text + j;
                break;
              }
          if (close != NULL && text[i + open] != ' ')
            {
              char *inner = g_markup_escape_text (text + i + open,
                                                  (gssize)(close - (text + i + open)));
              g_string_append_printf (out, strong ? "<b>%s</b>" : "<i>%s</i>", inner);
              g_free (inner);
              i = (gsize)(close - text) + open;
              continue;
            }
        }
      /* up to the next star or backquote, escaped */
      gsize j = i + 1;
      while (j < len && text[j] != '*' && text[j] != '`')
        j++;
      char *plain = g_markup_escape_text (text + i, (gssize)(j - i));
      g_string_append (out, plain);
      g_free (plain);
      i = j;
    }
}

char *
hs_notes_to_markup (const char *notes)
{
  GString *out = g_string_new (NULL);
  if (notes == NULL)
    return g_string_free (out, FALSE);
  gboolean blank_pending = FALSE, any = FALSE;
  const char *line = notes;
  while (*line)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize)(end - line) : strlen (line);
      const char *t = line;
      gsize tl = len;
      while (tl > 0 && (t[tl - 1] == ' ' || t[tl - 1] == '\t' || t[tl - 1] == '\r'))
        tl--;
      if (tl == 0)
        blank_pending = any;
      else
        {
          gboolean heading = tl > 2 && t[0] == '#' && t[1] == ' ';
          gboolean subheading = tl > 3 && t[0] == '#' && t[1] == '#' && t[2] == ' ';
          gboolean bullet = tl > 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ';
          if (any)
            g_string_append (out, blank_pending || heading || subheading ? "\n\n" : "\n");
          if (subheading)
            {
              g_string_append (out, "<b>");
              append_inline (out, t + 3, tl - 3);
              g_string_append (out, "</b>");
            }
          else if (heading)
            {
              g_string_append (out, "<b><big>");
              append_inline (out, t + 2, tl - 2);
              g_string_append (out, "</big></b>");
            }
          else if (bullet)
            {
              g_string_append (out, "  \xe2\x80\xa2 "); /* a bullet, U+2022 */
              append_inline (out, t + 2, tl - 2);
            }
          else
            append_inline (out, t, tl);
          any = TRUE;
          blank_pending = FALSE;
        }
      line += len + (end != NULL);
    }
  return g_string_free (out, FALSE);
}

struct _HsNotesPanel
{
  GtkWidget parent_instance;
  GtkWidget *scroller;
  GtkLabel *title;
  GtkLabel *body;
  char *markup;
};

G_DEFINE_FINAL_TYPE (HsNotesPanel, hs_notes_panel, GTK_TYPE_WIDGET)

void
hs_notes_panel_set_notes (HsNotesPanel *self, const char *title, const char *notes)
{
  g_return_if_fail (HS_IS_NOTES_PANEL (self));
  gboolean has_title = title != NULL && *title != '\0';
  gboolean has_notes = notes != NULL && *notes != '\0';
  gtk_label_set_text (self->title, has_title ? title : _ ("Lesson notes"));
  g_free (self->markup);
  if (has_notes)
    self->markup = hs_notes_to_markup (notes);
  else
    {
      char *escaped
          = g_markup_escape_text (_ ("This session has no notes. Lessons from the "
                                     "Lessons menu come with notes on "
                                     "what to show, what to notice and what to ask."),
                                  -1);
      self->markup = g_strdup_printf ("<i>%s</i>", escaped);
      g_free (escaped);
    }
  gtk_label_set_markup (self->body, self->markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->title), -1);
}

const char *
hs_notes_panel_get_markup (HsNotesPanel *self)
{
  g_return_val_if_fail (HS_IS_NOTES_PANEL (self), NULL);
  return self->markup;
}

static void
hs_notes_panel_dispose (GObject *object)
{
  HsNotesPanel *self = HS_NOTES_PANEL (object);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_NOTES_PANEL);
  G_OBJECT_CLASS (hs_notes_panel_parent_class)->dispose (object);
}

static void
hs_notes_panel_finalize (GObject *object)
{
  g_free (HS_NOTES_PANEL (object)->markup);
  G_OBJECT_CLASS (hs_notes_panel_parent_class)->finalize (object);
}

static void
hs_notes_panel_class_init (HsNotesPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = hs_notes_panel_dispose;
  G_OBJECT_CLASS (klass)->finalize = hs_notes_panel_finalize;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-notes-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, HsNotesPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, HsNotesPanel, title);
  gtk_widget_class_bind_template_child (widget_class, HsNotesPanel, body);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "notespanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hs_notes_panel_init (HsNotesPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hs_notes_panel_set_notes (self, NULL, NULL);
}

GtkWidget *
hs_notes_panel_new (void)
{
  return g_object_new (HS_TYPE_NOTES_PANEL, NULL);
}
