/* hs-preferences.c: the Preferences window: each control bound to a key. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hf-recall.h"
#include "hf-train.h"
#include "hs-drop-down.h"
#include "hs-preferences.h"
#include "hs-recall-panel.h"
#include "hs-train-panel.h"

struct _HsPreferences
{
  GtkWindow parent_instance;
  GSettings *settings;
  GtkSpinButton *width_spin, *height_spin;
  GtkDropDown *rule_dropdown;
  GtkWidget *lr_label, *lr_spin, *iter_label, *iter_spin, *margin_label, *margin_spin;
  GtkWidget *thresholds_label, *thresholds_switch;
  GtkDropDown *mode_dropdown;
  GtkScale *temperature_scale, *speed_scale;
  GtkLabel *speed_label;
  GtkSwitch *projector_switch;
  GtkDropDown *style_dropdown;
  gboolean syncing; /* the rule drop-down is being set from the key */
};

G_DEFINE_FINAL_TYPE (HsPreferences, hs_preferences, GTK_TYPE_WINDOW)

const char *const hs_preferences_styles[]
    = { "system", "light", "dark", "high-contrast", NULL };
static const char *const style_labels[] = {
  N_ ("Follow the system"),
  N_ ("Light"),
  N_ ("Dark"),
  N_ ("High contrast"),
};

/* ---- mappings between keys and widget properties ---- */

/* integer keys ("i", "u") shown in spin buttons (double values) */
static gboolean
number_get (GValue *value, GVariant *variant, gpointer user)
{
  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_INT32))
    g_value_set_double (value, g_variant_get_int32 (variant));
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT32))
    g_value_set_double (value, g_variant_get_uint32 (variant));
  else
    return FALSE;
  return TRUE;
}

static GVariant *
number_set (const GValue *value, const GVariantType *type, gpointer user)
{
  double d = round (g_value_get_double (value));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    return g_variant_new_int32 ((gint32)CLAMP (d, G_MININT32, G_MAXINT32));
  return g_variant_new_uint32 ((guint32)CLAMP (d, 0, G_MAXUINT32));
}

/* string keys with choices shown in a drop-down: user is a NULL-terminated
 * array of the choices in the drop-down's order */
static gboolean
choice_get (GValue *value, GVariant *variant, gpointer user)
{
  const char *const *names = user;
  const char *s = g_variant_get_string (variant, NULL);
  for (guint k = 0; names[k] != NULL; k++)
    if (g_str_equal (names[k], s))
      {
        g_value_set_uint (value, k);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_set (const GValue *value, const GVariantType *type, gpointer user)
{
  const char *const *names = user;
  guint k = g_value_get_uint (value);
  for (guint j = 0; names[j] != NULL; j++)
    if (j == k)
      return g_variant_new_string (names[j]);
  return NULL; /* no selection: the key stays */
}

static const char *mode_names[HF_UPDATE_COUNT + 1];

/* ---- the rule and its parameters ---- */

static void
show_rule (HsPreferences *self, HfRule rule)
{
  const HfRuleInfo *info = hf_rule_info (rule);
  if (info == NULL)
    return;
  /* as the training panel shows them */
  HsRuleParams u;
  hs_rule_params (rule, &u);
  gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (self->lr_label)),
                          u.learning_rate);
  gtk_widget_set_visible (
      gtk_widget_get_parent (gtk_widget_get_parent (self->iter_label)), u.iterations);
  gtk_widget_set_visible (
      gtk_widget_get_parent (gtk_widget_get_parent (self->margin_label)), u.margin);
  gtk_widget_set_visible (
      gtk_widget_get_parent (gtk_widget_get_parent (self->thresholds_label)),
      u.thresholds);
  gtk_label_set_text (GTK_LABEL (self->iter_label), u.iterations_label);
  gtk_label_set_text (GTK_LABEL (self->margin_label), u.margin_label);
}

static void
on_rule_key (HsPreferences *self)
{
  HfRule rule = HF_RULE_MPF;
  char *name = g_settings_get_string (self->settings, "rule");
  hf_rule_from_name (name, &rule);
  g_free (name);
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->rule_dropdown, rule);
  self->syncing = FALSE;
  show_rule (self, rule);
}

/* A rule chosen here starts from its own defaults, as in the training
 * panel: the rule and its parameters change together. */
static void
on_rule_selected (HsPreferences *self)
{
  HfRule rule = (HfRule)gtk_drop_down_get_selected (self->rule_dropdown);
  const HfRuleInfo *info = hf_rule_info (rule);
  if (self->syncing || info == NULL)
    return;
  char *old = g_settings_get_string (self->settings, "rule");
  gboolean same = g_str_equal (old, info->name);
  g_free (old);
  if (same)
    return;
  HfTrainOptions o;
  hf_train_options_init (&o, rule);
  /* all at once, through an object of its own (delay-apply mode stays) */
  GSettingsSchema *schema = NULL;
  GSettingsBackend *backend = NULL;
  char *path = NULL;
  g_object_get (self->settings, "settings-schema", &schema, "backend", &backend, "path",
                &path, NULL);
  GSettings *batch = g_settings_new_full (schema, backend, path);
  g_settings_schema_unref (schema);
  g_object_unref (backend);
  g_free (path);
  g_settings_delay (batch);
  g_settings_set_string (batch, "rule", info->name);
  g_settings_set_double (batch, "learning-rate", o.learning_rate);
  g_settings_set_uint (batch, "max-iterations",
                       (guint)CLAMP (o.max_iterations, 1, 1000000));
  g_settings_set_double (batch, "margin", o.margin);
  g_settings_set_boolean (batch, "learn-thresholds", o.learn_thresholds);
  g_settings_apply (batch);
  g_object_unref (batch);
}

static void
on_speed_changed (HsPreferences *self)
{
  double s = pow (10.0, gtk_range_get_value (GTK_RANGE (self->speed_scale)));
  char *text = s < 10 ? g_strdup_printf (_ ("%.1f updates/s"), s)
                      : g_strdup_printf (_ ("%.0f updates/s"), s);
  gtk_label_set_text (self->speed_label, text);
  g_free (text);
}

/* ---- set up ---- */

static void
bind_value (HsPreferences *self, const char *key, gpointer widget)
{
  GtkAdjustment *adj = GTK_IS_SPIN_BUTTON (widget)
                           ? gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget))
                           : gtk_range_get_adjustment (GTK_RANGE (widget));
  GSettingsSchemaKey *k = NULL;
  GSettingsSchema *schema = NULL;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  k = g_settings_schema_get_key (schema, key);
  gboolean is_double = g_variant_type_equal (g_settings_schema_key_get_value_type (k),
                                             G_VARIANT_TYPE_DOUBLE);
  g_settings_schema_key_unref (k);
  g_settings_schema_unref (schema);
  if (is_double)
    g_settings_bind (self->settings, key, adj, "value", G_SETTINGS_BIND_DEFAULT);
  else
    g_settings_bind_with_mapping (self->settings, key, adj, "value",
                                  G_SETTINGS_BIND_DEFAULT, number_get, number_set, NULL,
                                  NULL);
}

GtkWindow *
hs_preferences_new (GtkWindow *parent, GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  HsPreferences *self = g_object_new (HS_TYPE_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  bind_value (self, "grid-width", self->width_spin);
  bind_value (self, "grid-height", self->height_spin);
  bind_value (self, "learning-rate", self->lr_spin);
  bind_value (self, "max-iterations", self->iter_spin);
  bind_value (self, "margin", self->margin_spin);
  g_settings_bind (settings, "learn-thresholds", self->thresholds_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  bind_value (self, "temperature", self->temperature_scale);
  bind_value (self, "playback-speed", self->speed_scale);
  g_settings_bind_with_mapping (settings, "update-mode", self->mode_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get, choice_set,
                                (gpointer)mode_names, NULL);
  g_settings_bind (settings, "projector-mode", self->projector_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "style", self->style_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get, choice_set,
                                (gpointer)hs_preferences_styles, NULL);
  g_signal_connect_object (settings, "changed::rule", G_CALLBACK (on_rule_key), self,
                           G_CONNECT_SWAPPED);
  on_rule_key (self);
  g_signal_connect_swapped (self->rule_dropdown, "notify::selected",
                            G_CALLBACK (on_rule_selected), self);
  g_signal_connect_swapped (self->speed_scale, "value-changed",
                            G_CALLBACK (on_speed_changed), self);
  on_speed_changed (self);
  return GTK_WINDOW (self);
}

static void
hs_preferences_dispose (GObject *object)
{
  HsPreferences *self = HS_PREFERENCES (object);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (hs_preferences_parent_class)->dispose (object);
}

static void
hs_preferences_class_init (HsPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = hs_preferences_dispose;
  for (int k = 0; k < HF_UPDATE_COUNT; k++)
    mode_names[k] = hf_update_mode_name ((HfUpdateMode)k);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-preferences.ui");
#define CHILD(name)                                                                      \
  gtk_widget_class_bind_template_child (widget_class, HsPreferences, name)
  CHILD (width_spin);
  CHILD (height_spin);
  CHILD (rule_dropdown);
  CHILD (lr_label);
  CHILD (lr_spin);
  CHILD (iter_label);
  CHILD (iter_spin);
  CHILD (margin_label);
  CHILD (margin_spin);
  CHILD (thresholds_label);
  CHILD (thresholds_switch);
  CHILD (mode_dropdown);
  CHILD (temperature_scale);
  CHILD (speed_scale);
  CHILD (speed_label);
  CHILD (projector_switch);
  CHILD (style_dropdown);
#undef CHILD
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
hs_preferences_init (HsPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  const char *labels[(int)HF_RULE_COUNT + (int)HF_UPDATE_COUNT];
  for (int k = 0; k < HF_RULE_COUNT; k++)
    labels[k] = _ (hf_rule_info ((HfRule)k)->label);
  hs_drop_down_set_labels (self->rule_dropdown, labels, HF_RULE_COUNT);
  for (int k = 0; k < HF_UPDATE_COUNT; k++)
    labels[k] = hs_update_mode_label ((HfUpdateMode)k);
  hs_drop_down_set_labels (self->mode_dropdown, labels, HF_UPDATE_COUNT);
  for (guint k = 0; k < G_N_ELEMENTS (style_labels); k++)
    labels[k] = _ (style_labels[k]);
  hs_drop_down_set_labels (self->style_dropdown, labels, G_N_ELEMENTS (style_labels));
}
