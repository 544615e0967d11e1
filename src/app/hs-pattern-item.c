/* hs-pattern-item.c: one stored pattern of the document's library. */
#include "hs-pattern-item.h"

struct _HsPatternItem
{
  GObject parent_instance;
  guint index, width, height;
  int8_t *cells;
};

G_DEFINE_FINAL_TYPE (HsPatternItem, hs_pattern_item, G_TYPE_OBJECT)

static void
hs_pattern_item_finalize (GObject *object)
{
  HsPatternItem *self = HS_PATTERN_ITEM (object);
  g_free (self->cells);
  G_OBJECT_CLASS (hs_pattern_item_parent_class)->finalize (object);
}

static void
hs_pattern_item_class_init (HsPatternItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_pattern_item_finalize;
}

static void
hs_pattern_item_init (HsPatternItem *self)
{
}

HsPatternItem *
hs_pattern_item_new (guint index, const int8_t *cells, guint width, guint height)
{
  g_return_val_if_fail (cells != NULL && width > 0 && height > 0, NULL);
  HsPatternItem *self = g_object_new (HS_TYPE_PATTERN_ITEM, NULL);
  self->index = index;
  self->width = width;
  self->height = height;
  self->cells = g_memdup2 (cells, (gsize)width * height);
  return self;
}

guint
hs_pattern_item_get_index (HsPatternItem *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_ITEM (self), 0);
  return self->index;
}

guint
hs_pattern_item_get_width (HsPatternItem *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_ITEM (self), 0);
  return self->width;
}

guint
hs_pattern_item_get_height (HsPatternItem *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_ITEM (self), 0);
  return self->height;
}

const int8_t *
hs_pattern_item_get_cells (HsPatternItem *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_ITEM (self), NULL);
  return self->cells;
}
