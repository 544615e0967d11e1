/* cli-lesson.c: build a session from a plain-text lesson (docs/lessons.md). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "cli.h"
#include "hf-fileio.h"
#include "hf-session.h"

static void
lesson_usage (FILE *out)
{
  fprintf (out,
           "Usage: hopfield lesson LESSON.txt -o SESSION.hfsession\n"
           "Builds a session from a lesson file: the patterns, the trained network,\n"
           "the probe, the recall settings, and the notes the studio shows when the\n"
           "session opens. The format is described in docs/lessons.md.\n\n"
           "  -o, --output FILE   the session to write (atomically)\n"
           "  -q, --quiet         print nothing but errors\n");
}

typedef struct
{
  char *title, *view, *patterns, *probe;
  size_t width, height;
  unsigned long random, seed, corrupt_seed, recall_seed;
  double corrupt, temperature, speed;
  HfRule rule;
  HfUpdateMode mode;
  HfTieRule tie;
  bool train, invert;
} Lesson;

static char *
trim (char *s)
{
  while (isspace ((unsigned char)*s))
    s++;
  char *e = s + strlen (s);
  while (e > s && isspace ((unsigned char)e[-1]))
    *--e = '\0';
  return s;
}

static bool
parse_bool (const char *v, bool *out)
{
  if (strcmp (v, "yes") == 0 || strcmp (v, "true") == 0)
    *out = true;
  else if (strcmp (v, "no") == 0 || strcmp (v, "false") == 0)
    *out = false;
  else
    return false;
  return true;
}

/* One "key: value" line of the header; returns an error message or NULL. */
static const char *
set_key (Lesson *L, const char *key, char *v)
{
  double d;
  if (strcmp (key, "title") == 0)
    return (L->title = strdup (v)) ? NULL : "out of memory";
  if (strcmp (key, "view") == 0)
    return (L->view = strdup (v)) ? NULL : "out of memory";
  if (strcmp (key, "patterns") == 0)
    return (L->patterns = strdup (v)) ? NULL : "out of memory";
  if (strcmp (key, "probe") == 0)
    return (L->probe = strdup (v)) ? NULL : "out of memory";
  if (strcmp (key, "grid") == 0)
    return cli_parse_size (v, &L->width, &L->height)
                   && L->width * L->height <= HF_MAX_NEURONS
               ? NULL
               : "grid needs WxH";
  if (strcmp (key, "random") == 0)
    return cli_parse_ulong (v, &L->random) && L->random > 0 && L->random <= 100000
               ? NULL
               : "random needs a count from 1 to 100000";
  if (strcmp (key, "seed") == 0)
    return cli_parse_ulong (v, &L->seed) ? NULL : "seed needs an integer";
  if (strcmp (key, "corrupt-seed") == 0)
    return cli_parse_ulong (v, &L->corrupt_seed) ? NULL : "corrupt-seed needs an integer";
  if (strcmp (key, "recall-seed") == 0)
    return cli_parse_ulong (v, &L->recall_seed) ? NULL : "recall-seed needs an integer";
  if (strcmp (key, "corrupt") == 0)
    return cli_parse_double (v, &L->corrupt) && L->corrupt >= 0 && L->corrupt <= 100
               ? NULL
               : "corrupt needs a percentage from 0 to 100";
  if (strcmp (key, "temperature") == 0)
    return cli_parse_double (v, &L->temperature) && L->temperature >= 0
                   && L->temperature <= 1e6
               ? NULL
               : "temperature needs a number >= 0";
  if (strcmp (key, "speed") == 0)
    {
      if (!cli_parse_double (v, &d) || d < 1 || d > 100000)
        return "speed needs updates per second from 1 to 100000";
      L->speed = log10 (d);
      return NULL;
    }
  if (strcmp (key, "rule") == 0)
    return hf_rule_from_name (v, &L->rule) ? NULL : "unknown rule";
  if (strcmp (key, "mode") == 0)
    return hf_update_mode_from_name (v, &L->mode) ? NULL : "unknown update mode";
  if (strcmp (key, "tie") == 0)
    {
      return cli_parse_tie (v, &L->tie) ? NULL : "tie is off, on or keep";
    }
  if (strcmp (key, "train") == 0)
    return parse_bool (v, &L->train) ? NULL : "train is yes or no";
  if (strcmp (key, "expect") == 0)
    return NULL; /* what recall shows: read by the tests, not stored */
  if (strcmp (key, "invert") == 0)
    return parse_bool (v, &L->invert) ? NULL : "invert is yes or no";
  return "unknown key";
}

static void
lesson_clear (Lesson *L)
{
  free (L->title);
  free (L->view);
  free (L->patterns);
  free (L->probe);
}

/* "K" (pattern K) or "mix A B C" (the sign of the sum: a mixture state). */
static HfStatus
make_probe (const Lesson *L, const HfPatterns *P, int8_t *s, HfError *err)
{
  const char *spec = L->probe ? L->probe : "0";
  size_t n = P->n;
  if (strncmp (spec, "mix", 3) == 0)
    {
      int *sum = calloc (n, sizeof *sum);
      if (sum == NULL)
        return hf_error_set (err, HF_ENOMEM, "out of memory");
      char *copy = strdup (spec + 3), *save = NULL;
      size_t count = 0;
      for (char *t = strtok_r (copy, " ,", &save); t; t = strtok_r (NULL, " ,", &save))
        {
          unsigned long k;
          if (!cli_parse_ulong (t, &k) || k >= P->m)
            {
              free (copy);
              free (sum);
              return hf_error_set (err, HF_EINVAL, "probe: no pattern '%s'", t);
            }
          for (size_t i = 0; i < n; i++)
            sum[i] += hf_patterns_get (P, k)[i];
          count++;
        }
      free (copy);
      for (size_t i = 0; i < n; i++)
        s[i] = sum[i] > 0 ? 1 : -1;
      free (sum);
      if (count % 2 == 0)
        return hf_error_set (err, HF_EINVAL,
                             "probe: mix needs an odd number of patterns");
      return HF_OK;
    }
  unsigned long k;
  if (!cli_parse_ulong (spec, &k) || k >= P->m)
    return hf_error_set (err, HF_EINVAL, "probe: '%s' is not one of the %zu patterns",
                         spec, P->m);
  memcpy (s, hf_patterns_get (P, k), n);
  return HF_OK;
}

/* Reads the lesson file: the header up to a line "---", then the notes. */
static int
read_lesson (const char *path, Lesson *L, char **notes)
{
  unsigned char *data;
  size_t len;
  HfError err = { 0 };
  if (hf_file_read (path, 1 << 20, &data, &len, &err) != HF_OK)
    return cli_fail (1, "%s", err.message);
  char *text = realloc (data, len + 1);
  if (text == NULL)
    {
      free (data);
      return cli_fail (1, "out of memory");
    }
  text[len] = '\0';
  if (strlen (text) != len)
    {
      free (text);
      return cli_fail (1, "%s: not a text file", path);
    }
  char *line = text, *body = NULL;
  for (int lineno = 1; line && *line; lineno++)
    {
      char *next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      char *t = trim (line);
      if (strcmp (t, "---") == 0)
        {
          body = next ? next : line + strlen (line);
          break;
        }
      if (*t != '\0' && *t != ';')
        {
          char *colon = strchr (t, ':');
          if (colon == NULL)
            {
              free (text);
              return cli_fail (1, "%s:%d: expected 'key: value'", path, lineno);
            }
          *colon = '\0';
          const char *msg = set_key (L, trim (t), trim (colon + 1));
          if (msg != NULL)
            {
              int code = cli_fail (1, "%s:%d: %s: %s", path, lineno, trim (t), msg);
              free (text);
              return code;
            }
        }
      line = next;
    }
  if (body == NULL)
    {
      free (text);
      return cli_fail (1, "%s: no '---' line before the notes", path);
    }
  /* the notes without surrounding blank lines */
  while (*body == '\n')
    body++;
  size_t bl = strlen (body);
  while (bl > 0 && isspace ((unsigned char)body[bl - 1]))
    body[--bl] = '\0';
  *notes = strdup (body);
  free (text);
  return *notes ? 0 : cli_fail (1, "out of memory");
}

/* A pattern path in a lesson is relative to the lesson's folder. */
static char *
resolve (const char *lesson, const char *spec)
{
  const char *slash = strrchr (lesson, '/');
  if (strncmp (spec, "sample:", 7) == 0 || spec[0] == '/' || slash == NULL)
    return strdup (spec);
  size_t dl = (size_t)(slash - lesson) + 1;
  char *out = malloc (dl + strlen (spec) + 1);
  if (out)
    {
      memcpy (out, lesson, dl);
      strcpy (out + dl, spec);
    }
  return out;
}

int
cli_lesson (int argc, char **argv)
{
  const char *input = NULL, *output = NULL;
  bool quiet = false;
  for (int a = 1; a < argc; a++)
    {
      if (strcmp (argv[a], "-h") == 0 || strcmp (argv[a], "--help") == 0)
        {
          lesson_usage (stdout);
          return 0;
        }
      if (strcmp (argv[a], "-o") == 0 || strcmp (argv[a], "--output") == 0)
        {
          if (++a == argc)
            return cli_fail (EXIT_USAGE, "%s needs a file name", argv[a - 1]);
          output = argv[a];
        }
      else if (strcmp (argv[a], "-q") == 0 || strcmp (argv[a], "--quiet") == 0)
        quiet = true;
      else if (argv[a][0] == '-')
        return cli_fail (EXIT_USAGE, "unknown option '%s' (see --help)", argv[a]);
      else if (input != NULL)
        return cli_fail (EXIT_USAGE, "one lesson at a time");
      else
        input = argv[a];
    }
  if (input == NULL || output == NULL)
    return cli_fail (EXIT_USAGE, "give a lesson file and -o SESSION (see --help)");

  Lesson L = { 0 };
  HfSessionSettings defaults;
  hf_session_settings_init (&defaults);
  L.rule = HF_RULE_HEBBIAN;
  L.mode = HF_UPDATE_SEQUENTIAL;
  L.tie = HF_TIE_OFF;
  L.train = true;
  L.seed = L.corrupt_seed = L.recall_seed = 1;
  L.temperature = defaults.temperature;
  L.speed = defaults.speed;
  char *notes = NULL;
  int code = read_lesson (input, &L, &notes);
  if (code != 0)
    {
      lesson_clear (&L);
      return code;
    }
  HfError err = { 0 };
  HfSession ss = { 0 };
  HfNetwork *net = NULL;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  code = 1;
  if (rng == NULL)
    {
      cli_fail (1, "out of memory");
      goto out;
    }
  if (L.patterns != NULL)
    {
      char *spec = resolve (input, L.patterns);
      ss.library = spec ? cli_load_patterns (spec, L.width, L.height, HF_THRESHOLD_OTSU,
                                             0.5, &err)
                        : NULL;
      bool resolved = spec != NULL;
      free (spec);
      if (ss.library == NULL)
        {
          cli_fail (1, "%s: patterns: %s", input,
                    resolved ? err.message : "out of memory");
          goto out;
        }
    }
  if (L.random > 0)
    {
      if (ss.library == NULL && L.width == 0)
        {
          cli_fail (1, "%s: random patterns need a grid: WxH", input);
          goto out;
        }
      if (ss.library == NULL
          && (ss.library = hf_patterns_new (L.width, L.height, &err)) == NULL)
        {
          cli_fail (1, "%s", err.message);
          goto out;
        }
      gsl_rng_set (rng, L.seed);
      if (hf_patterns_add_random (ss.library, L.random, 0.5, rng, &err) != HF_OK)
        {
          cli_fail (1, "%s", err.message);
          goto out;
        }
    }
  if (ss.library == NULL || ss.library->m == 0)
    {
      cli_fail (1, "%s: no patterns: give 'patterns:' or 'random:'", input);
      goto out;
    }
  size_t n = ss.library->n;
  ss.probe = malloc (n);
  ss.source = malloc (n);
  if (ss.probe == NULL || ss.source == NULL)
    {
      cli_fail (1, "out of memory");
      goto out;
    }
  if (make_probe (&L, ss.library, ss.source, &err) != HF_OK)
    {
      cli_fail (1, "%s: %s", input, err.message);
      goto out;
    }
  if (L.invert)
    for (size_t i = 0; i < n; i++)
      ss.source[i] = (int8_t)-ss.source[i];
  memcpy (ss.probe, ss.source, n);
  gsl_rng_set (rng, L.corrupt_seed);
  if (L.corrupt > 0
      && hf_state_flip_fraction (ss.probe, n, L.corrupt / 100.0, rng, &err) != HF_OK)
    {
      cli_fail (1, "%s", err.message);
      goto out;
    }
  HfTrainOptions opts;
  hf_train_options_init (&opts, L.rule);
  opts.seed = L.seed;
  if (L.train)
    {
      net = hf_network_new (ss.library->width, ss.library->height, &err);
      if (net == NULL || hf_train (net, ss.library, &opts, NULL, NULL, &err) != HF_OK)
        {
          cli_fail (1, "%s: training: %s", input, err.message);
          goto out;
        }
      ss.net = net;
    }
  ss.settings = defaults;
  ss.settings.rule = L.rule;
  ss.settings.learning_rate = opts.learning_rate;
  ss.settings.max_iterations = (uint32_t)opts.max_iterations;
  ss.settings.margin = opts.margin;
  ss.settings.learn_thresholds = opts.learn_thresholds;
  ss.settings.mode = L.mode;
  ss.settings.tie = L.tie;
  ss.settings.temperature = L.temperature;
  ss.settings.speed = L.speed;
  ss.settings.seed = (uint32_t)L.recall_seed;
  ss.settings.corrupt_percent = L.corrupt;
  ss.settings.corrupt_seed = (uint32_t)L.corrupt_seed;
  ss.title = L.title;
  ss.notes = notes;
  ss.view = L.view;
  if (hf_session_save (output, &ss, &err) != HF_OK)
    {
      cli_fail (1, "%s", err.message);
      goto out;
    }
  if (!quiet)
    printf ("%s: \"%s\", %zu patterns of %zux%zu, %s%s\n", output,
            L.title ? L.title : "untitled", ss.library->m, ss.library->width,
            ss.library->height, hf_rule_info (L.rule)->name,
            net ? (net->summary.stored == ss.library->m ? ", every pattern stored"
                                                        : ", not every pattern stored")
                : ", not trained");
  code = 0;
out:
  if (rng)
    gsl_rng_free (rng);
  hf_patterns_free (ss.library);
  free (ss.probe);
  free (ss.source);
  hf_network_free (net);
  free (notes);
  lesson_clear (&L);
  return code;
}
