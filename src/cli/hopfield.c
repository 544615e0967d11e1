/* hopfield: the command-line face of the Hopfield Studio engine. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hf-fileio.h"
#include "hf-samples.h"
#include "hf-text.h"

static const struct
{
  const char *name;
  int (*run) (int, char **);
  const char *summary;
} commands[] = {
  { "train", cli_train, "train a network on patterns with a chosen rule" },
  { "recall", cli_recall, "run recall from a (corrupted) probe and name the outcome" },
  { "corrupt", cli_corrupt, "flip bits of, or occlude, patterns" },
  { "info", cli_info, "describe a network, pattern or image file" },
  { "experiment", cli_experiment,
    "rerun the paper's experiments (capacity, timing, denoise, noisy, images, ...)" },
  { "landscape", cli_landscape,
    "every state of a small network: fixed points, basins, barrier tree; overlap plane" },
  { "basins", cli_basins, "basin radius and margin of every stored pattern" },
  { "bench", cli_bench, "benchmarks with fixed seeds" },
  { "lesson", cli_lesson, "build a session with notes from a lesson file" },
  { "demo", cli_demo, "store digits, corrupt one and watch it recalled in the terminal" },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: hopfield COMMAND [OPTIONS]\n\nCommands:\n");
  for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
    fprintf (out, "  %-11s %s\n", commands[k].name, commands[k].summary);
  fprintf (out, "\nBuilt-in pattern sets (use as sample:NAME):");
  for (const HfSample *s = hf_samples; s->name; s++)
    fprintf (out, " %s", s->name);
  fprintf (out, "\n\nRun 'hopfield COMMAND --help' for a command's options.\n");
}

static const char *
cli_translate (const char *msgid)
{
  return dgettext (GETTEXT_PACKAGE, msgid);
}

/* Messages (cli_fail's and the engine's) in the user's language, from the
 * installed catalogue or $HS_LOCALEDIR's. Numbers stay in the C locale
 * (LC_NUMERIC is not set): tables, CSV and options read the same everywhere. */
static void
cli_i18n_init (void)
{
  setlocale (LC_CTYPE, "");
  setlocale (LC_MESSAGES, "");
  const char *dir = getenv ("HS_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  hf_set_translator (cli_translate);
}

int
main (int argc, char **argv)
{
  cli_i18n_init ();
  if (argc < 2)
    {
      usage (stderr);
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("hopfield %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
    if (strcmp (argv[1], commands[k].name) == 0)
      return commands[k].run (argc - 1, argv + 1);
  return cli_fail (EXIT_USAGE, "unknown command '%s' (try 'hopfield --help')", argv[1]);
}

int
cli_fail (int code, const char *format, ...)
{
  va_list ap;
  fputs ("hopfield: ", stderr);
  va_start (ap, format);
  vfprintf (stderr, dgettext (GETTEXT_PACKAGE, format), ap);
  va_end (ap);
  fputc ('\n', stderr);
  return code;
}

gsl_rng *
cli_rng (unsigned long seed)
{
  hf_gsl_init (); /* GSL returns NULL instead of aborting */
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (rng == NULL)
    {
      cli_fail (1, "out of memory for a random number generator");
      exit (1);
    }
  gsl_rng_set (rng, seed);
  return rng;
}

bool
cli_parse_ulong (const char *s, unsigned long *out)
{
  char *end;
  if (s == NULL || *s == '\0' || *s == '-')
    return false;
  unsigned long v = strtoul (s, &end, 10);
  if (*end != '\0')
    return false;
  *out = v;
  return true;
}

bool
cli_parse_double (const char *s, double *out)
{
  char *end;
  if (s == NULL || *s == '\0')
    return false;
  double v = strtod (s, &end);
  if (*end != '\0' || v != v)
    return false;
  *out = v;
  return true;
}

bool
cli_parse_size (const char *s, size_t *w, size_t *h)
{
  unsigned long a, b;
  char buf[64];
  if (s == NULL || strlen (s) >= sizeof buf)
    return false;
  strcpy (buf, s);
  char *x = strchr (buf, 'x');
  if (x == NULL)
    return false;
  *x = '\0';
  if (!cli_parse_ulong (buf, &a) || !cli_parse_ulong (x + 1, &b) || a == 0 || b == 0
      || a > HF_MAX_NEURONS || b > HF_MAX_NEURONS)
    return false;
  *w = a;
  *h = b;
  return true;
}

bool
cli_parse_list (const char *s, size_t **out, size_t *count)
{
  unsigned long a, b, step = 1;
  char buf[128];
  *out = NULL;
  *count = 0;
  if (s == NULL || strlen (s) >= sizeof buf)
    return false;
  strcpy (buf, s);
  if (strchr (buf, ':') != NULL)
    {
      char *p1 = strchr (buf, ':');
      *p1 = '\0';
      char *p2 = strchr (p1 + 1, ':');
      if (p2 != NULL)
        *p2 = '\0';
      if (!cli_parse_ulong (buf, &a) || !cli_parse_ulong (p1 + 1, &b) || b < a
          || (p2 != NULL && (!cli_parse_ulong (p2 + 1, &step) || step == 0)))
        return false;
      size_t c = (b - a) / step + 1;
      if (c > 100000)
        return false;
      *out = malloc (c * sizeof (size_t));
      for (size_t k = 0; k < c; k++)
        (*out)[k] = a + k * step;
      *count = c;
      return true;
    }
  size_t c = 1;
  for (const char *p = buf; *p; p++)
    c += *p == ',';
  *out = malloc (c * sizeof (size_t));
  char *save = NULL;
  for (char *tok = strtok_r (buf, ",", &save); tok; tok = strtok_r (NULL, ",", &save))
    {
      if (!cli_parse_ulong (tok, &a))
        {
          free (*out);
          *out = NULL;
          *count = 0;
          return false;
        }
      (*out)[(*count)++] = a;
    }
  return *count > 0;
}

HfPatterns *
cli_load_patterns (const char *spec, size_t width, size_t height, HfThresholdMode mode,
                   double threshold, HfError *err)
{
  if (strncmp (spec, "sample:", 7) == 0)
    return hf_sample_load (spec + 7, err);
  unsigned char *data;
  size_t len;
  if (hf_file_read (spec, HF_IMAGE_MAX_FILE, &data, &len, err) != HF_OK)
    return NULL;
  HfPatterns *set = NULL;
  if (hf_image_sniff (data, len))
    {
      HfImage *img = hf_image_decode (data, len, spec, err);
      if (img != NULL)
        {
          if (width == 0 || height == 0)
            {
              width = img->width;
              height = img->height;
            }
          set = hf_patterns_new (width, height, err);
          int8_t *s = set ? malloc (set->n) : NULL;
          if (s != NULL
              && (hf_image_to_pattern (img, width, height, mode, threshold, false, s,
                                       NULL, err)
                      != HF_OK
                  || hf_patterns_append (set, s, err) != HF_OK))
            {
              hf_patterns_free (set);
              set = NULL;
            }
          free (s);
          hf_image_free (img);
        }
    }
  else
    set = hf_text_parse ((const char *)data, len, spec, err);
  free (data);
  return set;
}

void
cli_print_state (const int8_t *s, size_t width, size_t height)
{
  char *text = hf_text_format_state (s, width, height);
  if (text != NULL)
    fputs (text, stdout);
  free (text);
}

void
cli_describe_outcome (const HfOutcome *o, char *buf, size_t len)
{
  switch (o->kind)
    {
    case HF_OUTCOME_PATTERN:
      snprintf (buf, len, "recalled pattern %ld", o->pattern);
      break;
    case HF_OUTCOME_INVERSE:
      snprintf (buf, len, "the inverse of pattern %ld", o->pattern);
      break;
    case HF_OUTCOME_SPURIOUS:
      if (o->pattern >= 0)
        snprintf (buf, len, "a spurious state (nearest: pattern %ld, overlap %.3f)",
                  o->pattern, o->overlap);
      else
        snprintf (buf, len, "a fixed point");
      break;
    case HF_OUTCOME_CYCLE:
      snprintf (buf, len, "a cycle of period %zu", o->period);
      break;
    case HF_OUTCOME_NOT_CONVERGED:
      snprintf (buf, len, "not converged");
      break;
    }
}

static const char *const tie_names[] = { "off", "on", "keep" };

bool
cli_parse_tie (const char *s, HfTieRule *tie)
{
  for (int k = 0; k < 3; k++)
    if (strcmp (s, tie_names[k]) == 0)
      {
        *tie = (HfTieRule)k;
        return true;
      }
  return false;
}

const char *
cli_tie_name (HfTieRule tie)
{
  return (unsigned)tie < 3 ? tie_names[tie] : "off";
}
