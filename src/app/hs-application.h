/* hs-application.h: the GtkApplication of Hopfield Studio. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_APPLICATION (hs_application_get_type ())
G_DECLARE_FINAL_TYPE (HsApplication, hs_application, HS, APPLICATION, GtkApplication)

HsApplication *hs_application_new (void);
/* Registers the resources and the stylesheet, once (the tests call it). */
void hs_application_register_resources (void);
/* Registers resources, then the keyboard accelerators of every action. */
void hs_application_setup_accels (GtkApplication *app);
GResource *hs_get_resource (void);
/* The style by name ("system", "light", "dark", "high-contrast"), as the
 * Style menu and the "style" preference set it; FALSE for another name. */
gboolean hs_application_set_style (HsApplication *self, const char *name);
/* Applies the current style to the display (projector mode keeps it light). */
void hs_application_apply_style (HsApplication *self);
/* The About dialog (shown by app.about), over parent (may be NULL). */
GtkWindow *hs_application_about_new (GtkWindow *parent);

G_END_DECLS
