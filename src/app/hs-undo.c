/* hs-undo.c: the document's undo and redo (HsUndoStack).
 *
 * A step keeps what its edit changed, as it was before (the probe part: the
 * probe, its source, clamps and roll; the library part: the library, which
 * carries the grid). Undo swaps it with what the document holds now, so the
 * step then keeps what redo puts back. Steps are whole copies, not diffs:
 * a 64x64 library of 80 patterns is 330 KB, and the number of steps and the
 * bytes they hold are bounded. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "hs-document-private.h"

#define DEFAULT_MAX_STEPS 100
#define DEFAULT_MAX_BYTES ((gsize)64 << 20)

static const struct
{
  const char *undo, *redo;
} labels[HS_N_EDITS] = {
  [HS_EDIT_CANVAS] = { N_ ("Undo Canvas Edit"), N_ ("Redo Canvas Edit") },
  [HS_EDIT_DRAW] = { N_ ("Undo Draw"), N_ ("Redo Draw") },
  [HS_EDIT_CLAMP] = { N_ ("Undo Clamp"), N_ ("Redo Clamp") },
  [HS_EDIT_RELEASE_CLAMPS]
  = { N_ ("Undo Release All Clamps"), N_ ("Redo Release All Clamps") },
  [HS_EDIT_OCCLUDE] = { N_ ("Undo Occlude"), N_ ("Redo Occlude") },
  [HS_EDIT_INVERT] = { N_ ("Undo Invert"), N_ ("Redo Invert") },
  [HS_EDIT_CLEAR_CANVAS] = { N_ ("Undo Clear Canvas"), N_ ("Redo Clear Canvas") },
  [HS_EDIT_FILL_CANVAS] = { N_ ("Undo Fill Canvas"), N_ ("Redo Fill Canvas") },
  [HS_EDIT_SHIFT] = { N_ ("Undo Shift"), N_ ("Redo Shift") },
  [HS_EDIT_IMPORT_IMAGE] = { N_ ("Undo Import Image"), N_ ("Redo Import Image") },
  [HS_EDIT_PICK_PATTERN] = { N_ ("Undo Pick Pattern"), N_ ("Redo Pick Pattern") },
  [HS_EDIT_CORRUPT] = { N_ ("Undo Corrupt"), N_ ("Redo Corrupt") },
  [HS_EDIT_RESIZE_GRID] = { N_ ("Undo Resize Grid"), N_ ("Redo Resize Grid") },
  [HS_EDIT_ADD_PATTERN] = { N_ ("Undo Add Pattern"), N_ ("Redo Add Pattern") },
  [HS_EDIT_DUPLICATE_PATTERN]
  = { N_ ("Undo Duplicate Pattern"), N_ ("Redo Duplicate Pattern") },
  [HS_EDIT_DELETE_PATTERN] = { N_ ("Undo Delete Pattern"), N_ ("Redo Delete Pattern") },
  [HS_EDIT_MOVE_PATTERN] = { N_ ("Undo Move Pattern"), N_ ("Redo Move Pattern") },
  [HS_EDIT_CLEAR_PATTERNS]
  = { N_ ("Undo Remove All Patterns"), N_ ("Redo Remove All Patterns") },
  [HS_EDIT_REPLACE_PATTERNS]
  = { N_ ("Undo Replace Patterns"), N_ ("Redo Replace Patterns") },
  [HS_EDIT_LOAD_SAMPLES] = { N_ ("Undo Load Sample Set"), N_ ("Redo Load Sample Set") },
  [HS_EDIT_RANDOM_PATTERNS]
  = { N_ ("Undo Random Patterns"), N_ ("Redo Random Patterns") },
  [HS_EDIT_OPEN_FILES] = { N_ ("Undo Open"), N_ ("Redo Open") },
};

typedef struct
{
  HsEdit kind;
  guint tag;
  guint parts;         /* HS_UNDO_PROBE | HS_UNDO_LIBRARY */
  HfPatterns *library; /* the library part */
  guint width, height; /* the probe part: of probe, source and clamp */
  int8_t *probe, *source;
  uint8_t *clamp; /* NULL: none */
  guint roll;
} Step;

typedef struct
{
  GMenu *section;
  char *undo_action, *redo_action;
} BoundMenu;

struct _HsUndoStack
{
  GObject parent_instance;
  HsDocument *doc;   /* not held: the document owns the stack */
  GQueue undo, redo; /* of Step, the newest at the head */
  Step *pending;     /* recorded, not yet a step */
  Step *group_step;  /* the step the open group's edits join */
  gboolean joined;   /* an edit was recorded into group_step */
  guint depth;       /* of begin / end */
  HsEdit group_kind;
  guint group_tag;
  int saved; /* the number of undo steps at the saved state; -1: none */
  gboolean restoring;
  HfPatterns *trained; /* the library the network was trained on */
  guint max_steps;
  gsize max_bytes;
  gboolean can_undo, can_redo;
  const char *undo_label, *redo_label;
  GPtrArray *menus; /* of BoundMenu */
};

G_DEFINE_FINAL_TYPE (HsUndoStack, hs_undo_stack, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

/* ---- steps ---- */

static void
step_clear (Step *s)
{
  hf_patterns_free (s->library);
  g_free (s->probe);
  g_free (s->source);
  g_free (s->clamp);
  s->library = NULL;
  s->probe = s->source = NULL;
  s->clamp = NULL;
  s->parts = 0;
}

static void
step_free (Step *s)
{
  step_clear (s);
  g_free (s);
}

static gsize
step_bytes (const Step *s)
{
  gsize bytes = sizeof *s;
  if (s->library != NULL)
    bytes += sizeof *s->library + s->library->capacity * s->library->n;
  gsize n = (gsize)s->width * s->height;
  if (s->probe != NULL)
    bytes += 2 * n + (s->clamp ? n : 0);
  return bytes;
}

/* Keeps copies of the parts the step does not hold yet; FALSE when memory
 * ran out. */
static gboolean
snapshot (Step *s, HsDocument *doc, guint parts)
{
  parts &= ~s->parts;
  gsize n = (gsize)doc->width * doc->height;
  if (parts & HS_UNDO_LIBRARY)
    {
      s->library = hf_patterns_copy (doc->library, NULL);
      if (s->library == NULL)
        return FALSE;
      /* the copy without the room a library keeps to grow (80 patterns
       * have room for 128): the steps hold many copies */
      HfPatterns *lib = s->library;
      int8_t *data = lib->m > 0 ? realloc (lib->data, lib->m * lib->n) : NULL;
      if (data != NULL)
        {
          lib->data = data;
          lib->capacity = lib->m;
        }
    }
  if (parts & HS_UNDO_PROBE)
    {
      s->width = doc->width;
      s->height = doc->height;
      s->probe = g_memdup2 (doc->probe, n);
      s->source = g_memdup2 (doc->source, n);
      s->clamp = doc->clamp ? g_memdup2 (doc->clamp, n) : NULL;
      s->roll = doc->roll;
    }
  s->parts |= parts;
  return TRUE;
}

static gboolean
patterns_equal (const HfPatterns *a, const HfPatterns *b)
{
  return a != NULL && b != NULL && a->m == b->m && a->width == b->width
         && a->height == b->height
         && (a->m == 0 || memcmp (a->data, b->data, a->m * a->n) == 0);
}

/* TRUE when the document holds what the step keeps. */
static gboolean
step_matches (const Step *s, HsDocument *doc)
{
  if ((s->parts & HS_UNDO_LIBRARY) && !patterns_equal (s->library, doc->library))
    return FALSE;
  if (!(s->parts & HS_UNDO_PROBE))
    return TRUE;
  gsize n = (gsize)s->width * s->height;
  if (s->width != doc->width || s->height != doc->height || s->roll != doc->roll
      || memcmp (s->probe, doc->probe, n) != 0 || memcmp (s->source, doc->source, n) != 0
      || (s->clamp == NULL) != (doc->clamp == NULL))
    return FALSE;
  return s->clamp == NULL || memcmp (s->clamp, doc->clamp, n) == 0;
}

/* ---- the labels, the menus, the actions' state ---- */

static void
update_menu (HsUndoStack *self, BoundMenu *menu)
{
  g_menu_remove_all (menu->section);
  g_menu_append (menu->section, self->undo_label, menu->undo_action);
  g_menu_append (menu->section, self->redo_label, menu->redo_action);
}

static void
update (HsUndoStack *self)
{
  Step *u = g_queue_peek_head (&self->undo), *r = g_queue_peek_head (&self->redo);
  const char *ul = u ? _ (labels[u->kind].undo) : _ ("Undo");
  const char *rl = r ? _ (labels[r->kind].redo) : _ ("Redo");
  gboolean changed = FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->can_undo != (u != NULL))
    {
      self->can_undo = u != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_UNDO]);
    }
  if (self->can_redo != (r != NULL))
    {
      self->can_redo = r != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_REDO]);
    }
  if (ul != self->undo_label)
    {
      self->undo_label = ul;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_UNDO_LABEL]);
    }
  if (rl != self->redo_label)
    {
      self->redo_label = rl;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_REDO_LABEL]);
    }
  for (guint k = 0; changed && k < self->menus->len; k++)
    update_menu (self, g_ptr_array_index (self->menus, k));
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- keeping within bounds ---- */

static gsize
queue_bytes (GQueue *q)
{
  gsize bytes = 0;
  for (GList *l = q->head; l != NULL; l = l->next)
    bytes += step_bytes (l->data);
  return bytes;
}

gsize
hs_undo_stack_get_size (HsUndoStack *self)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), 0);
  return queue_bytes (&self->undo) + queue_bytes (&self->redo);
}

static void
trim (HsUndoStack *self)
{
  gsize bytes = hs_undo_stack_get_size (self);
  while (self->undo.length > self->max_steps
         || (bytes > self->max_bytes && self->undo.length > 1))
    {
      Step *old = g_queue_pop_tail (&self->undo);
      bytes -= step_bytes (old);
      if (old == self->group_step)
        self->group_step = NULL;
      step_free (old);
      /* the state before the oldest step is gone */
      self->saved = self->saved > 0 ? self->saved - 1 : -1;
    }
}

static void
drop_redo (HsUndoStack *self)
{
  Step *s;
  while ((s = g_queue_pop_head (&self->redo)) != NULL)
    step_free (s);
  if (self->saved > (int)self->undo.length)
    self->saved = -1; /* the saved state was in the redo steps */
}

/* ---- the document's hooks ---- */

void
hs_undo_record (HsUndoStack *self, guint parts, HsEdit kind)
{
  if (self == NULL || self->restoring || self->doc == NULL)
    return;
  if (self->group_step != NULL)
    {
      /* a part the group has not touched yet is still as before it */
      self->joined = TRUE;
      if (!snapshot (self->group_step, self->doc, parts))
        hs_undo_stack_clear (self);
      return;
    }
  if (self->pending != NULL)
    step_free (self->pending);
  self->pending = g_new0 (Step, 1);
  self->pending->kind = self->depth > 0 ? self->group_kind : kind;
  self->pending->tag = self->depth > 0 ? self->group_tag : 0;
  if (!snapshot (self->pending, self->doc, parts))
    hs_undo_stack_clear (self); /* out of memory: no undo is better than a wrong one */
}

void
hs_undo_forget (HsUndoStack *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->pending, step_free);
  self->joined = FALSE;
}

void
hs_undo_commit (HsUndoStack *self)
{
  if (self == NULL || self->restoring || self->doc == NULL)
    return;
  if (self->joined && self->pending == NULL)
    {
      /* the group's step now ends elsewhere: if that was saved, no more */
      self->joined = FALSE;
      if (self->saved == (int)self->undo.length)
        self->saved = -1;
      return;
    }
  Step *s = self->pending;
  self->pending = NULL;
  if (s == NULL)
    {
      /* training or a setting: undo cannot take it back */
      self->saved = -1;
      return;
    }
  if (step_matches (s, self->doc))
    {
      step_free (s); /* an edit that changed nothing is no step */
      return;
    }
  drop_redo (self);
  g_queue_push_head (&self->undo, s);
  if (self->depth > 0)
    self->group_step = s;
  trim (self);
  update (self);
}

/* ---- undo and redo ---- */

static void
set_stale (HsDocument *doc, gboolean stale)
{
  if (doc->stale == stale)
    return;
  doc->stale = stale;
  g_object_notify (G_OBJECT (doc), "network-stale");
}

/* Puts back what the step keeps, which then keeps what the document held. */
static gboolean
swap (HsUndoStack *self, Step *s)
{
  HsDocument *doc = self->doc;
  Step now = { .kind = s->kind, .tag = s->tag };
  if (!snapshot (&now, doc, s->parts))
    {
      step_clear (&now);
      return FALSE;
    }
  self->restoring = TRUE;
  if (s->parts & HS_UNDO_LIBRARY)
    {
      /* the grid follows the library; a network of another size goes */
      hs_document_replace_library (doc, s->library);
      s->library = NULL;
    }
  if ((s->parts & HS_UNDO_PROBE) && s->width == doc->width && s->height == doc->height)
    {
      g_free (doc->probe);
      g_free (doc->source);
      g_free (doc->clamp);
      doc->probe = s->probe;
      doc->source = s->source;
      doc->clamp = s->clamp;
      doc->roll = s->roll;
      s->probe = s->source = NULL;
      s->clamp = NULL;
      doc->generation++;
      g_signal_emit_by_name (doc, "probe-changed");
    }
  /* the network is kept: stale when the library is not the one it learnt */
  if (doc->net != NULL)
    set_stale (doc, !patterns_equal (doc->library, self->trained));
  self->restoring = FALSE;
  step_clear (s);
  *s = now;
  return TRUE;
}

static gboolean
move (HsUndoStack *self, GQueue *from, GQueue *to)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), FALSE);
  if (self->doc == NULL || from->length == 0)
    return FALSE;
  /* an edit under way (a stroke) continues as a new step */
  self->group_step = NULL;
  self->joined = FALSE;
  g_clear_pointer (&self->pending, step_free);
  Step *s = g_queue_pop_head (from);
  if (!swap (self, s))
    {
      step_free (s);
      hs_undo_stack_clear (self);
      return FALSE;
    }
  g_queue_push_head (to, s);
  self->restoring = TRUE;
  hs_document_set_modified (self->doc, self->saved != (int)self->undo.length);
  self->restoring = FALSE;
  trim (self); /* a step may have grown */
  update (self);
  return TRUE;
}

gboolean
hs_undo_stack_undo (HsUndoStack *self)
{
  return move (self, &self->undo, &self->redo);
}

gboolean
hs_undo_stack_redo (HsUndoStack *self)
{
  return move (self, &self->redo, &self->undo);
}

void
hs_undo_stack_clear (HsUndoStack *self)
{
  g_return_if_fail (HS_IS_UNDO_STACK (self));
  g_queue_clear_full (&self->undo, (GDestroyNotify)step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify)step_free);
  g_clear_pointer (&self->pending, step_free);
  self->group_step = NULL;
  self->joined = FALSE;
  self->saved = self->doc != NULL && !hs_document_get_modified (self->doc) ? 0 : -1;
  update (self);
}

/* ---- groups ---- */

void
hs_undo_stack_begin (HsUndoStack *self, HsEdit kind, guint tag)
{
  g_return_if_fail (HS_IS_UNDO_STACK (self));
  g_return_if_fail (kind < HS_N_EDITS);
  /* the outermost group names the step, unless it has none yet and an inner
   * one may join an earlier step (opening an image: its import) */
  if (self->depth++ > 0 && (tag == 0 || self->group_step != NULL))
    return;
  self->group_kind = kind;
  self->group_tag = tag;
  Step *top = g_queue_peek_head (&self->undo);
  self->group_step = tag != 0 && top != NULL && self->redo.length == 0
                             && top->kind == kind && top->tag == tag
                         ? top
                         : NULL;
}

void
hs_undo_stack_end (HsUndoStack *self)
{
  g_return_if_fail (HS_IS_UNDO_STACK (self));
  g_return_if_fail (self->depth > 0);
  if (--self->depth == 0)
    self->group_step = NULL;
}

/* ---- what is there ---- */

gboolean
hs_undo_stack_can_undo (HsUndoStack *self)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), FALSE);
  return self->undo.length > 0;
}

gboolean
hs_undo_stack_can_redo (HsUndoStack *self)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), FALSE);
  return self->redo.length > 0;
}

const char *
hs_undo_stack_get_undo_label (HsUndoStack *self)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), NULL);
  return self->undo_label;
}

const char *
hs_undo_stack_get_redo_label (HsUndoStack *self)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), NULL);
  return self->redo_label;
}

HsEdit
hs_undo_stack_peek (HsUndoStack *self, gboolean redo)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), HS_N_EDITS);
  Step *s = g_queue_peek_head (redo ? &self->redo : &self->undo);
  return s ? s->kind : HS_N_EDITS;
}

gboolean
hs_undo_stack_peek_library (HsUndoStack *self, gboolean redo)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), FALSE);
  Step *s = g_queue_peek_head (redo ? &self->redo : &self->undo);
  return s != NULL && (s->parts & HS_UNDO_LIBRARY);
}

guint
hs_undo_stack_get_n_undo (HsUndoStack *self)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), 0);
  return self->undo.length;
}

guint
hs_undo_stack_get_n_redo (HsUndoStack *self)
{
  g_return_val_if_fail (HS_IS_UNDO_STACK (self), 0);
  return self->redo.length;
}

void
hs_undo_stack_set_limits (HsUndoStack *self, guint max_steps, gsize max_bytes)
{
  g_return_if_fail (HS_IS_UNDO_STACK (self));
  g_return_if_fail (max_steps > 0);
  self->max_steps = max_steps;
  self->max_bytes = max_bytes;
  trim (self);
  update (self);
}

static void
bound_menu_free (BoundMenu *menu)
{
  g_object_unref (menu->section);
  g_free (menu->undo_action);
  g_free (menu->redo_action);
  g_free (menu);
}

void
hs_undo_stack_bind_menu (HsUndoStack *self, GMenu *section, const char *undo_action,
                         const char *redo_action)
{
  g_return_if_fail (HS_IS_UNDO_STACK (self));
  g_return_if_fail (G_IS_MENU (section) && undo_action != NULL && redo_action != NULL);
  BoundMenu *menu = g_new (BoundMenu, 1);
  menu->section = g_object_ref (section);
  menu->undo_action = g_strdup (undo_action);
  menu->redo_action = g_strdup (redo_action);
  g_ptr_array_add (self->menus, menu);
  update_menu (self, menu);
}

/* ---- following the document ---- */

/* Saved (or opened): undo and redo lead back here. */
static void
on_modified (HsUndoStack *self)
{
  if (!self->restoring && self->doc != NULL && !hs_document_get_modified (self->doc))
    self->saved = (int)self->undo.length;
}

/* A new network learnt the library as it is now. */
static void
on_network_changed (HsUndoStack *self)
{
  g_clear_pointer (&self->trained, hf_patterns_free);
  if (self->doc != NULL && self->doc->net != NULL && !self->doc->stale)
    self->trained = hf_patterns_copy (self->doc->library, NULL);
}

HsUndoStack *
hs_undo_stack_new (HsDocument *doc)
{
  HsUndoStack *self = g_object_new (HS_TYPE_UNDO_STACK, NULL);
  self->doc = doc;
  g_object_add_weak_pointer (G_OBJECT (doc), (gpointer *)&self->doc);
  self->saved = 0;
  g_signal_connect_object (doc, "notify::modified", G_CALLBACK (on_modified), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (doc, "network-changed", G_CALLBACK (on_network_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

HsUndoStack *
hs_document_get_undo_stack (HsDocument *doc)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (doc), NULL);
  return doc->undo;
}

/* ---- GObject ---- */

static void
hs_undo_stack_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  HsUndoStack *self = HS_UNDO_STACK (object);
  switch (id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
hs_undo_stack_finalize (GObject *object)
{
  HsUndoStack *self = HS_UNDO_STACK (object);
  if (self->doc != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->doc), (gpointer *)&self->doc);
  g_queue_clear_full (&self->undo, (GDestroyNotify)step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify)step_free);
  g_clear_pointer (&self->pending, step_free);
  hf_patterns_free (self->trained);
  g_ptr_array_unref (self->menus);
  G_OBJECT_CLASS (hs_undo_stack_parent_class)->finalize (object);
}

static void
hs_undo_stack_class_init (HsUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = hs_undo_stack_get_property;
  object_class->finalize = hs_undo_stack_finalize;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  props[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  props[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  props[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  props[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
hs_undo_stack_init (HsUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->max_steps = DEFAULT_MAX_STEPS;
  self->max_bytes = DEFAULT_MAX_BYTES;
  self->menus = g_ptr_array_new_with_free_func ((GDestroyNotify)bound_menu_free);
  self->undo_label = _ ("Undo");
  self->redo_label = _ ("Redo");
}
