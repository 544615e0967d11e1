/* hs-timeline.h: a recall's history as a slider to scrub through.
 *
 * Shows the recorded steps first..last of a recall (HfHistory), the step
 * on screen, and the branch points (where a setting changed at a rewound
 * step) as labelled marks. Moving the slider, by mouse or keyboard, emits
 * "seek" (guint64 step); setting the position from code does not. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_TIMELINE (hs_timeline_get_type ())
G_DECLARE_FINAL_TYPE (HsTimeline, hs_timeline, HS, TIMELINE, GtkWidget)

GtkWidget *hs_timeline_new (void);
/* The recorded range and the step shown; the slider is insensitive while
 * first == last (nothing to scrub). */
void hs_timeline_set (HsTimeline *self, guint64 first, guint64 last, guint64 position);
guint64 hs_timeline_get_position (HsTimeline *self);
/* Replaces the branch marks: count steps with a label each. */
void hs_timeline_set_branches (HsTimeline *self, const guint64 *steps,
                               const char *const *labels, guint count);
guint hs_timeline_get_n_branches (HsTimeline *self);
/* The slider, for tests and keyboard focus. */
GtkRange *hs_timeline_get_range (HsTimeline *self);

G_END_DECLS
