/* hp-landscape.c: disconnectivity graph and state-space picture. */
#include "config.h"

#include "hp-landscape.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hp-colorbar.h"

typedef struct
{
  double slot;   /* horizontal position, in leaf slots */
  double energy; /* a leaf: its minimum's; a join: the barrier */
  long parent, left, right;
  long minimum; /* a leaf's minimum, -1 for a join */
} Node;

struct HpTree
{
  Node *nodes;
  size_t count, root;
  size_t *leaf_minimum; /* leaves left to right */
  size_t leaves, minima;
  long *node_of; /* per minimum: its leaf, or the node it was folded into */
};

/* ---- the tree ----------------------------------------------------------- */

static size_t
uf_find (size_t *uf, size_t x)
{
  while (uf[x] != x)
    x = uf[x] = uf[uf[x]];
  return x;
}

typedef struct
{
  size_t index;
  int rank; /* 0: a stored pattern or inverse, 1: other */
  uint64_t basin;
} Candidate;

static int
cmp_candidate (const void *pa, const void *pb)
{
  const Candidate *a = pa, *b = pb;
  if (a->rank != b->rank)
    return a->rank - b->rank;
  if (a->basin != b->basin)
    return a->basin > b->basin ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

static long
new_node (HpTree *t, double energy, long minimum)
{
  Node *nd = &t->nodes[t->count];
  *nd = (Node){ 0, energy, -1, -1, -1, minimum };
  return (long)t->count++;
}

HpTree *
hp_tree_new (const HfLandscape *ls, size_t max_leaves)
{
  size_t m = 0, nm = 0;
  const HfTreeMinimum *minima = hf_landscape_minima (ls, &m);
  const HfTreeMerge *merges = hf_landscape_merges (ls, &nm);
  if (m == 0)
    return NULL;
  if (max_leaves < 1)
    max_leaves = 1;
  HpTree *t = calloc (1, sizeof *t);
  Candidate *cand = malloc (m * sizeof *cand);
  bool *keep = calloc (m, sizeof *keep);
  size_t *uf = malloc (m * sizeof *uf), *next = malloc (m * sizeof *next),
         *tail = malloc (m * sizeof *tail);
  long *comp = malloc (m * sizeof *comp);
  if (!t || !cand || !keep || !uf || !next || !tail || !comp)
    goto fail;
  t->minima = m;
  t->nodes = malloc ((2 * m) * sizeof *t->nodes);
  t->node_of = malloc (m * sizeof *t->node_of);
  t->leaf_minimum = malloc (m * sizeof *t->leaf_minimum);
  if (!t->nodes || !t->node_of || !t->leaf_minimum)
    goto fail;
  for (size_t k = 0; k < m; k++)
    {
      bool memory
          = minima[k].kind == HF_OUTCOME_PATTERN || minima[k].kind == HF_OUTCOME_INVERSE;
      cand[k] = (Candidate){ k, memory ? 0 : 1, minima[k].basin };
    }
  qsort (cand, m, sizeof *cand, cmp_candidate);
  for (size_t k = 0; k < m && k < max_leaves; k++)
    keep[cand[k].index] = true;
  /* union-find over minima; each component knows its drawn node (-1: none
   * yet) and lists its members, so that minima folded into a branch learn
   * which node they hang from */
  for (size_t k = 0; k < m; k++)
    {
      uf[k] = k;
      next[k] = (size_t)-1;
      tail[k] = k;
      comp[k] = keep[k] ? new_node (t, minima[k].energy, (long)k) : -1;
      t->node_of[k] = comp[k];
    }
  for (size_t e = 0; e < nm; e++)
    {
      size_t ra = uf_find (uf, merges[e].joins), rb = uf_find (uf, merges[e].minimum);
      if (ra == rb)
        continue;
      long na = comp[ra], nb = comp[rb], node;
      if (na >= 0 && nb >= 0)
        {
          node = new_node (t, merges[e].barrier, -1);
          t->nodes[node].left = na;
          t->nodes[node].right = nb;
          t->nodes[na].parent = t->nodes[nb].parent = node;
        }
      else
        {
          node = na >= 0 ? na : nb;
          size_t empty = na >= 0 ? rb : ra;
          if (node >= 0)
            for (size_t k = empty; k != (size_t)-1; k = next[k])
              t->node_of[k] = node;
        }
      uf[rb] = ra;
      next[tail[ra]] = rb;
      tail[ra] = tail[rb];
      comp[ra] = node;
    }
  t->root = (size_t)comp[uf_find (uf, 0)];
  /* leaves in depth-first order, deeper branch (left) first */
  size_t *stack = malloc (t->count * sizeof *stack), top = 0;
  if (!stack)
    goto fail;
  stack[top++] = t->root;
  while (top > 0)
    {
      Node *nd = &t->nodes[stack[--top]];
      if (nd->minimum >= 0)
        {
          nd->slot = (double)t->leaves;
          t->leaf_minimum[t->leaves++] = (size_t)nd->minimum;
        }
      else
        {
          stack[top++] = (size_t)nd->right;
          stack[top++] = (size_t)nd->left;
        }
    }
  free (stack);
  /* joins sit between their children: children are made before parents */
  for (size_t k = 0; k < t->count; k++)
    if (t->nodes[k].minimum < 0)
      t->nodes[k].slot
          = (t->nodes[t->nodes[k].left].slot + t->nodes[t->nodes[k].right].slot) / 2;
  free (cand);
  free (keep);
  free (uf);
  free (next);
  free (tail);
  free (comp);
  return t;
fail:
  free (cand);
  free (keep);
  free (uf);
  free (next);
  free (tail);
  free (comp);
  hp_tree_free (t);
  return NULL;
}

void
hp_tree_free (HpTree *tree)
{
  if (!tree)
    return;
  free (tree->nodes);
  free (tree->node_of);
  free (tree->leaf_minimum);
  free (tree);
}

size_t
hp_tree_leaves (const HpTree *tree)
{
  return tree ? tree->leaves : 0;
}

size_t
hp_tree_leaf_minimum (const HpTree *tree, size_t leaf)
{
  return tree->leaf_minimum[leaf];
}

/* ---- drawing ----------------------------------------------------------- */

static HpMarker
kind_marker (HfOutcomeKind kind)
{
  switch (kind)
    {
    case HF_OUTCOME_PATTERN:
      return HP_MARKER_CIRCLE;
    case HF_OUTCOME_INVERSE:
      return HP_MARKER_SQUARE;
    case HF_OUTCOME_CYCLE:
      return HP_MARKER_DIAMOND;
    default:
      return HP_MARKER_TRIANGLE;
    }
}

static void
kind_label (HfOutcomeKind kind, long pattern, char *buf, size_t size)
{
  if (kind == HF_OUTCOME_PATTERN)
    snprintf (buf, size, "P%ld", pattern);
  else if (kind == HF_OUTCOME_INVERSE)
    snprintf (buf, size, "\xe2\x88\x92P%ld", pattern); /* U+2212 minus */
  else if (kind == HF_OUTCOME_CYCLE)
    snprintf (buf, size, "C");
  else
    snprintf (buf, size, "S");
}

static void
format_count (uint64_t v, char *buf, size_t size)
{
  if (v < 10000)
    snprintf (buf, size, "%llu", (unsigned long long)v);
  else if (v < 1000000)
    snprintf (buf, size, "%.0fk", v / 1e3);
  else
    snprintf (buf, size, "%.1fM", v / 1e6);
}

static double
energy_y (const HpLandscapeLayout *lay, double e)
{
  double t = (e - lay->energy_lo) / (lay->energy_hi - lay->energy_lo);
  return lay->tree.y + lay->tree.height * (1 - t);
}

static double
slot_x (const HpLandscapeLayout *lay, const HpTree *tree, double slot)
{
  return lay->tree.x + (slot + 0.5) * lay->tree.width / tree->leaves;
}

/* Energy ticks and labels left of the graph; returns the label width. */
static double
energy_axis_width (cairo_t *cr, const HpStyle *style, double lo, double hi)
{
  double t[16], w = 0, lw;
  char buf[64];
  int n = hp_nice_ticks (lo, hi, 6, false, t);
  for (int k = 0; k < n; k++)
    {
      hp_format_tick (t[k], n > 1 ? t[1] - t[0] : 1, buf, sizeof buf);
      hp_text_extents (cr, style, 0.85, buf, &lw, NULL);
      w = fmax (w, lw);
    }
  return w;
}

static void
energy_axis (cairo_t *cr, const HpStyle *style, const HpLandscapeLayout *lay)
{
  double t[16];
  char buf[64];
  int n = hp_nice_ticks (lay->energy_lo, lay->energy_hi,
                         (int)fmax (2, fmin (6, lay->tree.height / (35 * style->scale))),
                         false, t);
  double x = round (lay->tree.x - 6 * style->scale) + 0.5;
  cairo_set_line_width (cr, 1 * style->scale);
  hp_set_source (cr, style->muted);
  cairo_move_to (cr, x, lay->tree.y);
  cairo_line_to (cr, x, lay->tree.y + lay->tree.height);
  cairo_stroke (cr);
  for (int k = 0; k < n; k++)
    {
      double y = round (energy_y (lay, t[k])) + 0.5;
      cairo_move_to (cr, x - 4 * style->scale, y);
      cairo_line_to (cr, x, y);
      cairo_stroke (cr);
      hp_format_tick (t[k], n > 1 ? t[1] - t[0] : 1, buf, sizeof buf);
      hp_text (cr, style, 0.85, x - 6 * style->scale, y, 1, 0.5, buf);
    }
}

/* The node at which a state of energy e on minimum m's branch is drawn. */
static long
place (const HpTree *tree, size_t m, double e)
{
  long node = tree->node_of[m];
  while (node >= 0 && tree->nodes[node].parent >= 0
         && tree->nodes[tree->nodes[node].parent].energy <= e)
    node = tree->nodes[node].parent;
  return node;
}

static void
draw_tree (cairo_t *cr, const HpStyle *style, HpLandscapeLayout *lay,
           const HfLandscape *ls, const HpTree *tree, size_t width, size_t height,
           long current)
{
  const double s = style->scale;
  size_t count = 0, n = hf_landscape_n (ls);
  const HfTreeMinimum *minima = hf_landscape_minima (ls, &count);
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5 * s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  hp_set_source (cr, style->foreground);
  double top = lay->tree.y;
  for (size_t k = 0; k < tree->count; k++)
    {
      const Node *nd = &tree->nodes[k];
      double x = slot_x (lay, tree, nd->slot), y = energy_y (lay, nd->energy);
      double up = nd->parent >= 0 ? energy_y (lay, tree->nodes[nd->parent].energy) : top;
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, up);
      if (nd->minimum < 0)
        {
          cairo_move_to (cr, slot_x (lay, tree, tree->nodes[nd->left].slot), y);
          cairo_line_to (cr, slot_x (lay, tree, tree->nodes[nd->right].slot), y);
        }
    }
  cairo_stroke (cr);
  /* leaves: marker at the minimum, thumbnail and labels below the graph */
  double slot_w = lay->tree.width / tree->leaves, line_h;
  hp_text_extents (cr, style, 0.8, "Pg", NULL, &line_h);
  double cell
      = fmin (8 * s, floor (slot_w * 0.8 / (double)(width > height ? width : height)));
  bool thumbs = cell >= 2;
  double y0 = lay->tree.y + lay->tree.height + 8 * s;
  int8_t *state = malloc (n ? n : 1);
  char buf[64];
  for (size_t leaf = 0; leaf < tree->leaves && state; leaf++)
    {
      const HfTreeMinimum *mn = &minima[tree->leaf_minimum[leaf]];
      double x = slot_x (lay, tree, (double)leaf), y = energy_y (lay, mn->energy);
      HpRgba fill = mn->attractor >= 0
                        ? hp_landscape_attractor_color (ls, (size_t)mn->attractor)
                        : style->muted;
      if (thumbs)
        {
          cairo_save (cr);
          double dash[] = { 1 * s, 3 * s };
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 1 * s);
          hp_set_source (cr, style->grid);
          cairo_move_to (cr, x, y + 6 * s);
          cairo_line_to (cr, x, y0);
          cairo_stroke (cr);
          cairo_restore (cr);
          hf_landscape_state_values (mn->state, n, state);
          hp_state_thumbnail (cr, style, round (x - cell * width / 2), y0, cell, state,
                              width, height);
          double ty = y0 + cell * height + 2 * s;
          kind_label (mn->kind, mn->pattern, buf, sizeof buf);
          hp_set_source (cr, style->foreground);
          hp_text (cr, style, 0.8, x, ty, 0.5, 0, buf);
          format_count (mn->basin, buf, sizeof buf);
          hp_set_source (cr, style->muted);
          hp_text (cr, style, 0.8, x, ty + line_h, 0.5, 0, buf);
          lay->labels_bottom = fmax (lay->labels_bottom, ty + 2 * line_h);
        }
      hp_marker (cr, kind_marker (mn->kind), x, y,
                 fmin (6 * s, fmax (3 * s, slot_w * 0.3)), fill, style->foreground,
                 1 * s);
    }
  free (state);
  if (current >= 0 && (uint64_t)current < ((uint64_t)1 << n))
    {
      double e = hf_landscape_energies (ls)[current];
      long node = place (tree, hf_landscape_minimum_of (ls, (uint32_t)current), e);
      if (node >= 0)
        {
          double x = slot_x (lay, tree, tree->nodes[node].slot), y = energy_y (lay, e);
          cairo_set_line_width (cr, 2.5 * s);
          hp_set_source (cr, style->accent);
          cairo_arc (cr, x, y, 8 * s, 0, 2 * M_PI);
          cairo_stroke (cr);
          hp_text (cr, style, 0.85, x + 10 * s, y, 0, 0.5, _ ("now"));
        }
    }
  cairo_restore (cr);
}

/* A line of markers and their meaning; returns its height. */
static double
kinds_legend (cairo_t *cr, const HpStyle *style, double x, double y, double max_w)
{
  const double s = style->scale, r = 4.5 * s;
  const struct
  {
    HfOutcomeKind kind;
    const char *text;
  } items[] = {
    { HF_OUTCOME_PATTERN, N_ ("P k: stored pattern k") },
    { HF_OUTCOME_INVERSE, N_ ("−P k: its inverse") },
    { HF_OUTCOME_SPURIOUS, N_ ("S: spurious") },
    { HF_OUTCOME_CYCLE, N_ ("C: 2-cycle") },
  };
  double cx = x, lh;
  hp_text_extents (cr, style, 0.8, "Pg", NULL, &lh);
  double row = y;
  for (size_t k = 0; k < G_N_ELEMENTS (items); k++)
    {
      double w;
      const char *text = _ (items[k].text);
      hp_text_extents (cr, style, 0.8, text, &w, NULL);
      if (cx > x && cx + 3 * r + w > x + max_w)
        {
          cx = x;
          row += lh + 2 * s;
        }
      hp_marker (cr, kind_marker (items[k].kind), cx + r, row + lh / 2, r, style->muted,
                 style->foreground, 1 * s);
      hp_set_source (cr, style->foreground);
      hp_text (cr, style, 0.8, cx + 2.5 * r, row + lh / 2, 0, 0.5, text);
      cx += 2.5 * r + w + 10 * s;
    }
  return row + lh - y;
}

static void
draw_space (cairo_t *cr, const HpStyle *style, HpRect box, HpLandscapeLayout *lay,
            const HfLandscape *ls, cairo_surface_t *space, long current)
{
  const double s = style->scale;
  size_t n = hf_landscape_n (ls), count = 0;
  const HfAttractor *at = hf_landscape_attractors (ls, &count);
  double lh;
  hp_text_extents (cr, style, 0.85, "Pg", NULL, &lh);
  hp_set_source (cr, style->foreground);
  hp_text (cr, style, 0.85, box.x, box.y, 0, 0,
           _ ("Every state, by the attractor it falls into"));
  hp_set_source (cr, style->muted);
  /* the subtitle wraps in a narrow box (lines centred) */
  const char *sub = _ ("Side by side: states one flip apart (Gray code)");
  double sub_w, sub_h;
  hp_text_extents (cr, style, 0.8, sub, &sub_w, &sub_h);
  if (sub_w <= box.width)
    hp_text (cr, style, 0.8, box.x, box.y + lh, 0, 0, sub);
  else
    {
      sub_h = hp_text_wrapped_height (cr, style, 0.8, box.width, sub);
      hp_text_wrapped (cr, style, 0.8, box.x + box.width / 2, box.y + lh + sub_h / 2,
                       box.width, sub);
    }
  sub_h = fmax (sub_h, lh);
  size_t w, h;
  hf_landscape_layout (n, &w, &h);
  lay->space_width = w;
  lay->space_height = h;
  /* the legend: the attractors with the largest basins */
  size_t shown = count < 6 ? count : 6;
  double legend_h = (shown + 1) * (lh + 2 * s);
  double avail_w = box.width, avail_h = box.height - lh - sub_h - 6 * s - legend_h;
  double px = fmin (avail_w / w, avail_h / h);
  if (px >= 1)
    px = floor (px);
  if (px <= 0)
    return;
  lay->space = (HpRect){ box.x, box.y + lh + sub_h + 4 * s, w * px, h * px };
  int iw = cairo_image_surface_get_width (space),
      ih = cairo_image_surface_get_height (space);
  cairo_save (cr);
  cairo_translate (cr, lay->space.x, lay->space.y);
  cairo_scale (cr, lay->space.width / iw, lay->space.height / ih);
  cairo_set_source_surface (cr, space, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            px >= 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, iw, ih);
  cairo_fill (cr);
  cairo_restore (cr);
  if (current >= 0 && (uint64_t)current < ((uint64_t)1 << n))
    {
      size_t cx, cy;
      hf_landscape_pixel_of (n, (uint32_t)current, &cx, &cy);
      double x = lay->space.x + (cx + 0.5) * px, y = lay->space.y + (cy + 0.5) * px;
      cairo_set_line_width (cr, 2 * s);
      hp_set_source (cr, style->accent);
      cairo_arc (cr, x, y, fmax (5 * s, px), 0, 2 * M_PI);
      cairo_stroke (cr);
    }
  /* largest basins first */
  size_t *order = malloc ((count ? count : 1) * sizeof *order);
  if (!order)
    return;
  for (size_t k = 0; k < count; k++)
    order[k] = k;
  for (size_t a = 0; a < shown; a++)
    for (size_t b = a + 1; b < count; b++)
      if (at[order[b]].basin > at[order[a]].basin)
        {
          size_t t = order[a];
          order[a] = order[b];
          order[b] = t;
        }
  double ly = lay->space.y + lay->space.height + 6 * s;
  double total = ldexp (1.0, (int)n);
  char buf[128], label[32];
  for (size_t k = 0; k < shown; k++)
    {
      const HfAttractor *a = &at[order[k]];
      hp_set_source (cr, hp_landscape_attractor_color (ls, order[k]));
      cairo_rectangle (cr, box.x, ly + 2 * s, lh - 4 * s, lh - 4 * s);
      cairo_fill (cr);
      kind_label (a->kind, a->pattern, label, sizeof label);
      snprintf (buf, sizeof buf, _ ("%s: %.1f%% of the states"), label,
                100.0 * a->basin / total);
      hp_set_source (cr, style->foreground);
      hp_text (cr, style, 0.8, box.x + lh + 2 * s, ly + lh / 2, 0, 0.5, buf);
      ly += lh + 2 * s;
    }
  if (count > shown)
    {
      snprintf (buf, sizeof buf, _ ("and %zu more attractors"), count - shown);
      hp_set_source (cr, style->muted);
      hp_text (cr, style, 0.8, box.x, ly + lh / 2, 0, 0.5, buf);
    }
  free (order);
}

HpLandscapeLayout
hp_landscape_draw (cairo_t *cr, const HpStyle *style, HpRect area, const HfLandscape *ls,
                   const HpTree *tree, cairo_surface_t *space, size_t width,
                   size_t height, long current)
{
  HpLandscapeLayout lay = { { 0 } };
  if (!tree || tree->leaves == 0 || area.width < 120 || area.height < 120)
    return lay;
  const double s = style->scale, pad = 8 * s;
  size_t count = 0, n = hf_landscape_n (ls);
  const HfTreeMinimum *minima = hf_landscape_minima (ls, &count);
  double lo = tree->nodes[0].energy, hi = tree->nodes[tree->root].energy;
  for (size_t k = 0; k < tree->count; k++)
    lo = fmin (lo, tree->nodes[k].energy);
  if (current >= 0 && (uint64_t)current < ((uint64_t)1 << n))
    hi = fmax (hi, hf_landscape_energies (ls)[current]);
  if (hi - lo < 1e-9)
    hi = lo + 1;
  double span = hi - lo;
  lay.energy_lo = lo - 0.04 * span;
  lay.energy_hi = hi + 0.08 * span;
  /* the tree takes three fifths of the width, the state space the rest;
   * in a narrow view (1024 px with both side panels) the state space goes
   * below the tree, which keeps three fifths of the height */
  bool stacked = area.width < 480 * s;
  double tree_w = stacked ? area.width : area.width * 0.6, lh;
  double tree_h = stacked ? area.height * 0.6 : area.height;
  hp_text_extents (cr, style, 0.85, "Pg", NULL, &lh);
  cairo_save (cr);
  hp_set_source (cr, style->foreground);
  char buf[160];
  if (tree->leaves < count)
    snprintf (buf, sizeof buf,
              _ ("Barrier tree: %zu of %zu minima (largest basins), energy upwards"),
              tree->leaves, count);
  else
    snprintf (buf, sizeof buf, _ ("Barrier tree: %zu minima, energy upwards"), count);
  /* the title wraps in a narrow view (lines centred) */
  double title_w, title_h, room = tree_w - 2 * pad;
  hp_text_extents (cr, style, 0.85, buf, &title_w, &title_h);
  if (title_w <= room)
    hp_text (cr, style, 0.85, area.x + pad, area.y, 0, 0, buf);
  else
    {
      title_h = hp_text_wrapped_height (cr, style, 0.85, room, buf);
      hp_text_wrapped (cr, style, 0.85, area.x + pad + room / 2, area.y + title_h / 2,
                       room, buf);
    }
  title_h = fmax (title_h, lh);
  double legend_h
      = kinds_legend (cr, style, area.x + pad, area.y + title_h + 2 * s, tree_w - pad);
  double label_w = energy_axis_width (cr, style, lay.energy_lo, lay.energy_hi);
  size_t big = width > height ? width : height;
  double slot_w = (tree_w - label_w - 3 * pad) / tree->leaves;
  double cell = fmin (8 * s, floor (slot_w * 0.8 / (double)big));
  double below = cell >= 2 ? 8 * s + cell * height + 2 * s + 2 * lh * 0.95 : 4 * s;
  double top = area.y + title_h + legend_h + 10 * s;
  lay.tree = (HpRect){ area.x + label_w + 2 * pad, top, tree_w - label_w - 3 * pad,
                       area.y + tree_h - pad - below - top };
  lay.labels_bottom = lay.tree.y + lay.tree.height + 8 * s;
  if (lay.tree.height < 30)
    {
      cairo_restore (cr);
      return lay;
    }
  energy_axis (cr, style, &lay);
  hp_set_source (cr, style->muted);
  hp_text_vertical (cr, style, 0.85, area.x, lay.tree.y + lay.tree.height / 2,
                    _ ("Energy"));
  draw_tree (cr, style, &lay, ls, tree, width, height, current);
  cairo_surface_t *own = space ? NULL : hp_landscape_space_image (ls, 512);
  HpRect box = stacked ? (HpRect){ area.x + pad, area.y + tree_h, area.width - 2 * pad,
                                   area.height - tree_h - pad }
                       : (HpRect){ area.x + tree_w + pad, area.y,
                                   area.width - tree_w - 2 * pad, area.height - pad };
  if (space || own)
    draw_space (cr, style, box, &lay, ls, space ? space : own, current);
  if (own)
    cairo_surface_destroy (own);
  cairo_restore (cr);
  (void)minima;
  return lay;
}

long
hp_landscape_leaf_at (const HpLandscapeLayout *lay, const HpTree *tree, double x,
                      double y)
{
  if (!tree || tree->leaves == 0 || lay->tree.width <= 0)
    return -1;
  double slot_w = lay->tree.width / tree->leaves;
  long leaf = (long)floor ((x - lay->tree.x) / slot_w);
  if (leaf < 0 || (size_t)leaf >= tree->leaves)
    return -1;
  size_t m = tree->leaf_minimum[leaf];
  long node = tree->node_of[m];
  double y_top = node >= 0 && tree->nodes[node].parent >= 0
                     ? energy_y (lay, tree->nodes[tree->nodes[node].parent].energy)
                     : lay->tree.y;
  if (y < y_top || y > lay->labels_bottom)
    return -1;
  return (long)m;
}

long
hp_landscape_state_at_point (const HpLandscapeLayout *lay, const HfLandscape *ls,
                             double x, double y)
{
  if (lay->space.width <= 0 || x < lay->space.x || y < lay->space.y)
    return -1;
  size_t px = (size_t)((x - lay->space.x) / lay->space.width * lay->space_width);
  size_t py = (size_t)((y - lay->space.y) / lay->space.height * lay->space_height);
  if (px >= lay->space_width || py >= lay->space_height)
    return -1;
  return (long)hf_landscape_state_at (hf_landscape_n (ls), px, py);
}
