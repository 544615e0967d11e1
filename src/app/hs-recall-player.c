/* hs-recall-player.c: the recall, paced on a frame clock. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "hs-recall-player.h"

/* Main-loop time a frame may spend on steps when running to the end. */
#define CHUNK_USEC 8000

struct _HsRecallPlayer
{
  GObject parent_instance;
  HsDocument *doc;
  HfRecall *recall;
  HfHistory *history; /* of this recall since its last restart */
  int8_t *probe;      /* the probe it started from: a clamp-only change is told apart */
  GWeakRef widget;
  guint tick_id;
  gboolean playing;
  gboolean to_end;   /* running to the end rather than at the set speed */
  guint64 budget;    /* steps left when running to the end */
  gint64 last_frame; /* frame time of the previous tick */
  double debt;       /* fractional steps owed at the set speed */
  HfUpdateMode mode; /* the settings the recall was started with */
  HfTieRule tie;
  guint32 seed;
  double temperature;
  GArray *energies;
  double speed; /* log10 of updates/s set by the viewer; NAN: the document's */
};

G_DEFINE_FINAL_TYPE (HsRecallPlayer, hs_recall_player, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PLAYING,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum
{
  SIGNAL_RESTARTED,
  SIGNAL_STEPPED,
  SIGNAL_FAILED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
set_playing (HsRecallPlayer *self, gboolean playing)
{
  if (self->playing == playing)
    return;
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PLAYING]);
}

static void
remove_tick (HsRecallPlayer *self)
{
  if (self->tick_id == 0)
    return;
  GtkWidget *w = g_weak_ref_get (&self->widget);
  if (w != NULL)
    {
      gtk_widget_remove_tick_callback (w, self->tick_id);
      g_object_unref (w);
    }
  self->tick_id = 0;
}

gboolean
hs_recall_player_is_stochastic (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), FALSE);
  return self->recall != NULL && hf_recall_mode (self->recall) == HF_UPDATE_STOCHASTIC
         && hf_recall_temperature (self->recall) > 0;
}

gboolean
hs_recall_player_is_finished (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), TRUE);
  if (self->recall == NULL)
    return TRUE;
  return !hs_recall_player_is_stochastic (self)
         && (hf_recall_converged (self->recall) || hf_recall_in_cycle (self->recall));
}

gboolean
hs_recall_player_is_rewound (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), FALSE);
  return self->history != NULL
         && hf_recall_steps (self->recall) < hf_history_last (self->history);
}

const HfHistory *
hs_recall_player_get_history (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), NULL);
  return self->history;
}

/* Makes up to count steps (fewer if it finishes or the time is up) and
 * tells the views once. Steps inside the recorded history replay it
 * (hf_history_seek), so a rewound recall goes on exactly as it went;
 * only new steps bring new energies. */
static guint64
do_steps (HsRecallPlayer *self, guint64 count, gint64 deadline)
{
  HfEvent ev = { 0 };
  guint64 done = 0;
  g_array_set_size (self->energies, 0);
  while (done < count && !hs_recall_player_is_finished (self))
    {
      if (hs_recall_player_is_rewound (self))
        hf_history_seek (self->history, hf_recall_steps (self->recall) + 1, &ev, NULL);
      else
        {
          hf_recall_step (self->recall, &ev);
          g_array_append_val (self->energies, ev.energy);
        }
      done++;
      if (deadline > 0 && (done & 255) == 0 && g_get_monotonic_time () > deadline)
        break;
    }
  if (self->history != NULL)
    hf_history_note (self->history, NULL);
  g_signal_emit (self, signals[SIGNAL_STEPPED], 0, done ? &ev : NULL,
                 (gpointer)self->energies->data, self->energies->len);
  return done;
}

gboolean
hs_recall_player_seek (HsRecallPlayer *self, guint64 step)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), FALSE);
  if (self->history == NULL)
    return FALSE;
  hs_recall_player_pause (self);
  step = CLAMP (step, hf_history_first (self->history), hf_history_last (self->history));
  HfEvent ev = { 0 };
  HfError err = { 0 };
  if (hf_history_seek (self->history, step, &ev, &err) != HF_OK)
    {
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, hs_engine_message (err.message));
      return FALSE;
    }
  g_array_set_size (self->energies, 0);
  g_signal_emit (self, signals[SIGNAL_STEPPED], 0, ev.neuron != SIZE_MAX ? &ev : NULL,
                 (gpointer)self->energies->data, 0u);
  return TRUE;
}

gboolean
hs_recall_player_step_back (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), FALSE);
  if (self->history == NULL)
    return FALSE;
  size_t now = hf_recall_steps (self->recall);
  if (now <= hf_history_first (self->history))
    return FALSE;
  return hs_recall_player_seek (self, now - 1);
}

void
hs_recall_player_pause (HsRecallPlayer *self)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  remove_tick (self);
  self->to_end = FALSE;
  set_playing (self, FALSE);
}

double
hs_recall_player_get_rate (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), 1);
  double speed = isfinite (self->speed) ? self->speed
                                        : hs_document_get_settings (self->doc)->speed;
  return pow (10.0, speed);
}

void
hs_recall_player_set_speed (HsRecallPlayer *self, double speed)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  self->speed = isfinite (speed) ? CLAMP (speed, 0.0, 5.0) : NAN;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  HsRecallPlayer *self = data;
  if (self->recall == NULL)
    {
      self->tick_id = 0;
      hs_recall_player_pause (self);
      return G_SOURCE_REMOVE;
    }
  if (self->to_end)
    {
      guint64 done = do_steps (self, self->budget, g_get_monotonic_time () + CHUNK_USEC);
      self->budget -= MIN (done, self->budget);
      if (self->budget == 0)
        {
          self->tick_id = 0;
          hs_recall_player_pause (self);
          return G_SOURCE_REMOVE;
        }
    }
  else
    {
      gint64 now = gdk_frame_clock_get_frame_time (clock);
      double dt = self->last_frame ? (now - self->last_frame) / 1e6 : 1.0 / 60;
      self->last_frame = now;
      /* a synchronous step updates every neuron: pace it per sweep */
      double rate = hs_recall_player_get_rate (self);
      if (hf_recall_mode (self->recall) == HF_UPDATE_SYNC)
        rate /= MAX (1u, hs_document_get_n_neurons (self->doc));
      self->debt += rate * MIN (dt, 0.1);
      guint64 steps = (guint64)self->debt;
      self->debt -= (double)steps;
      if (steps > 0)
        do_steps (self, steps, g_get_monotonic_time () + CHUNK_USEC);
    }
  if (hs_recall_player_is_finished (self))
    {
      self->tick_id = 0;
      hs_recall_player_pause (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_ticking (HsRecallPlayer *self)
{
  GtkWidget *w = g_weak_ref_get (&self->widget);
  g_return_if_fail (w != NULL);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (w, on_tick, self, NULL);
  g_object_unref (w);
  set_playing (self, TRUE);
}

void
hs_recall_player_play (HsRecallPlayer *self)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  if (self->recall == NULL || (self->playing && !self->to_end))
    return;
  if (hs_recall_player_is_finished (self))
    hs_recall_player_restart (self);
  self->to_end = FALSE;
  self->last_frame = 0;
  self->debt = 1.0; /* the first frame moves at once */
  start_ticking (self);
}

void
hs_recall_player_run_to_end (HsRecallPlayer *self)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  if (self->recall == NULL || hs_recall_player_is_finished (self))
    return;
  guint64 n = hs_document_get_n_neurons (self->doc);
  self->budget = hs_recall_player_is_stochastic (self) ? n * 50 : n * 1000;
  self->to_end = TRUE;
  start_ticking (self);
}

gboolean
hs_recall_player_get_playing (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), FALSE);
  return self->playing;
}

void
hs_recall_player_step (HsRecallPlayer *self)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  if (self->recall == NULL)
    return;
  hs_recall_player_pause (self);
  do_steps (self, 1, 0);
}

void
hs_recall_player_sweep (HsRecallPlayer *self)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  if (self->recall == NULL)
    return;
  hs_recall_player_pause (self);
  /* finish the current sweep, as hf_recall_sweep does */
  guint64 n = hs_document_get_n_neurons (self->doc);
  guint64 steps = hf_recall_mode (self->recall) == HF_UPDATE_SYNC
                      ? 1
                      : n - hf_recall_steps (self->recall) % n;
  do_steps (self, steps, 0);
}

void
hs_recall_player_restart (HsRecallPlayer *self)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  hs_recall_player_pause (self);
  if (self->recall != NULL)
    {
      const HfSessionSettings *s = hs_document_get_settings (self->doc);
      HfRecall *r = self->recall;
      self->mode = s->mode < HF_UPDATE_COUNT ? (HfUpdateMode)s->mode : 0;
      self->tie = (HfTieRule)s->tie;
      self->seed = s->seed;
      hf_recall_set_mode (r, self->mode);
      hf_recall_set_tie (r, self->tie);
      hf_recall_set_temperature (r, s->temperature, NULL);
      HfError err = { 0 };
      if (hf_recall_set_clamp (r, hs_document_get_clamp (self->doc), &err) != HF_OK)
        g_signal_emit (self, signals[SIGNAL_FAILED], 0, hs_engine_message (err.message));
      hf_recall_set_seed (r, s->seed);
      self->temperature = hf_recall_temperature (r);
      hf_recall_set_state (r, hs_document_get_probe (self->doc), NULL);
      g_free (self->probe);
      self->probe = g_memdup2 (hs_document_get_probe (self->doc),
                               hs_document_get_n_neurons (self->doc));
      g_clear_pointer (&self->history, hf_history_free);
      self->history = hf_history_new (r, NULL); /* NULL (no memory): no rewind */
    }
  g_signal_emit (self, signals[SIGNAL_RESTARTED], 0);
}

const HfRecall *
hs_recall_player_get_recall (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), NULL);
  return self->recall;
}

const int8_t *
hs_recall_player_get_state (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), NULL);
  return self->recall ? hf_recall_state (self->recall)
                      : hs_document_get_probe (self->doc);
}

HsDocument *
hs_recall_player_get_document (HsRecallPlayer *self)
{
  g_return_val_if_fail (HS_IS_RECALL_PLAYER (self), NULL);
  return self->doc;
}

static void
on_network_changed (HsRecallPlayer *self, HsDocument *doc)
{
  hs_recall_player_pause (self);
  g_clear_pointer (&self->history, hf_history_free);
  g_clear_pointer (&self->recall, hf_recall_free);
  const HfNetwork *net = hs_document_get_network (doc);
  if (net != NULL)
    self->recall = hf_recall_new (net, NULL);
  hs_recall_player_restart (self);
}

/* A setting changed at a rewound step: the recall goes on from there with
 * it, and the history records a branch (the old future is dropped). */
static void
branch (HsRecallPlayer *self, const char *label)
{
  HfError err = { 0 };
  if (hf_history_branch (self->history, label, &err) != HF_OK)
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, hs_engine_message (err.message));
  g_array_set_size (self->energies, 0);
  g_signal_emit (self, signals[SIGNAL_STEPPED], 0, NULL, (gpointer)self->energies->data,
                 0u);
}

static void
on_settings_changed (HsRecallPlayer *self, HsDocument *doc)
{
  if (self->recall == NULL)
    return;
  const HfSessionSettings *s = hs_document_get_settings (doc);
  /* a new seed starts a new recall (hf_recall_set_seed resets it) */
  gboolean moved = s->mode != (guint32)self->mode || s->tie != (guint32)self->tie
                   || s->seed != self->seed;
  if (moved && s->seed == self->seed && hs_recall_player_is_rewound (self))
    {
      hs_recall_player_pause (self);
      const char *label
          = s->mode != (guint32)self->mode ? _ ("update mode") : _ ("zero field");
      self->mode = s->mode < HF_UPDATE_COUNT ? (HfUpdateMode)s->mode : 0;
      self->tie = (HfTieRule)s->tie;
      hf_recall_set_mode (self->recall, self->mode);
      hf_recall_set_tie (self->recall, self->tie);
      hf_recall_set_temperature (self->recall, s->temperature, NULL);
      self->temperature = hf_recall_temperature (self->recall);
      branch (self, label);
      return;
    }
  if (moved)
    {
      gboolean was_playing = self->playing && !self->to_end;
      hs_recall_player_restart (self);
      if (was_playing)
        hs_recall_player_play (self);
      return;
    }
  /* temperature takes effect at once: a lecturer can anneal while it plays.
   * The history marks the change (a rewound recall pauses there), so that
   * replaying repeats what was shown. */
  if (s->temperature != self->temperature)
    {
      if (hs_recall_player_is_rewound (self))
        hs_recall_player_pause (self);
      hf_recall_set_temperature (self->recall, s->temperature, NULL);
      self->temperature = hf_recall_temperature (self->recall);
      char *label = g_strdup_printf (_ ("T = %.2f"), self->temperature);
      if (self->history != NULL)
        branch (self, label);
      g_free (label);
    }
}

/* A new probe restarts the recall; a new clamp at a rewound step branches. */
static void
on_probe_changed (HsRecallPlayer *self, HsDocument *doc)
{
  if (self->recall != NULL && self->probe != NULL && hs_recall_player_is_rewound (self)
      && memcmp (self->probe, hs_document_get_probe (doc),
                 hs_document_get_n_neurons (doc))
             == 0)
    {
      hs_recall_player_pause (self);
      HfError err = { 0 };
      if (hf_recall_set_clamp (self->recall, hs_document_get_clamp (doc), &err) != HF_OK)
        g_signal_emit (self, signals[SIGNAL_FAILED], 0, hs_engine_message (err.message));
      else
        branch (self, _ ("clamps"));
      return;
    }
  hs_recall_player_restart (self);
}

void
hs_recall_player_attach (HsRecallPlayer *self, GtkWidget *widget)
{
  g_return_if_fail (HS_IS_RECALL_PLAYER (self));
  hs_recall_player_pause (self);
  g_weak_ref_set (&self->widget, widget);
}

static void
hs_recall_player_dispose (GObject *object)
{
  HsRecallPlayer *self = HS_RECALL_PLAYER (object);
  remove_tick (self);
  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_clear_object (&self->doc);
  G_OBJECT_CLASS (hs_recall_player_parent_class)->dispose (object);
}

static void
hs_recall_player_finalize (GObject *object)
{
  HsRecallPlayer *self = HS_RECALL_PLAYER (object);
  hf_history_free (self->history);
  hf_recall_free (self->recall);
  g_free (self->probe);
  g_weak_ref_clear (&self->widget);
  g_array_unref (self->energies);
  G_OBJECT_CLASS (hs_recall_player_parent_class)->finalize (object);
}

static void
hs_recall_player_get_property (GObject *object, guint id, GValue *value,
                               GParamSpec *pspec)
{
  HsRecallPlayer *self = HS_RECALL_PLAYER (object);
  if (id == PROP_PLAYING)
    g_value_set_boolean (value, self->playing);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
hs_recall_player_class_init (HsRecallPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = hs_recall_player_dispose;
  object_class->finalize = hs_recall_player_finalize;
  object_class->get_property = hs_recall_player_get_property;
  props[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                                  | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SIGNAL_RESTARTED]
      = g_signal_new ("restarted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_STEPPED] = g_signal_new (
      "stepped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 3, G_TYPE_POINTER, G_TYPE_POINTER, G_TYPE_UINT);
  signals[SIGNAL_FAILED]
      = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hs_recall_player_init (HsRecallPlayer *self)
{
  g_weak_ref_init (&self->widget, NULL);
  self->energies = g_array_new (FALSE, FALSE, sizeof (double));
  self->speed = NAN;
}

HsRecallPlayer *
hs_recall_player_new (HsDocument *document)
{
  g_return_val_if_fail (HS_IS_DOCUMENT (document), NULL);
  HsRecallPlayer *self = g_object_new (HS_TYPE_RECALL_PLAYER, NULL);
  self->doc = g_object_ref (document);
  g_signal_connect_swapped (document, "network-changed", G_CALLBACK (on_network_changed),
                            self);
  g_signal_connect_swapped (document, "probe-changed", G_CALLBACK (on_probe_changed),
                            self);
  g_signal_connect_swapped (document, "settings-changed",
                            G_CALLBACK (on_settings_changed), self);
  on_network_changed (self, document);
  return self;
}
