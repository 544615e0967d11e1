/* hs-pattern-item.h: one stored pattern, as an item of the document's
 * library (a GListModel). Items are immutable snapshots: an edit replaces
 * the items it changes, so views bound to the model rebuild only those. */
#pragma once

#include <gio/gio.h>
#include <stdint.h>

G_BEGIN_DECLS

#define HS_TYPE_PATTERN_ITEM (hs_pattern_item_get_type ())
G_DECLARE_FINAL_TYPE (HsPatternItem, hs_pattern_item, HS, PATTERN_ITEM, GObject)

/* Copies width * height values of +-1. index counts from 0. */
HsPatternItem *hs_pattern_item_new (guint index, const int8_t *cells, guint width,
                                    guint height);
guint hs_pattern_item_get_index (HsPatternItem *self);
guint hs_pattern_item_get_width (HsPatternItem *self);
guint hs_pattern_item_get_height (HsPatternItem *self);
const int8_t *hs_pattern_item_get_cells (HsPatternItem *self);

G_END_DECLS
