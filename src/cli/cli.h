/* cli.h: helpers shared by the hopfield subcommands. */
#pragma once

#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stddef.h>

#include "hf-image.h"
#include "hf-network.h"
#include "hf-patterns.h"
#include "hf-recall.h"
#include "hf-session.h"
#include "hf-train.h"

#define EXIT_USAGE 2

int cli_train (int argc, char **argv);
int cli_recall (int argc, char **argv);
int cli_corrupt (int argc, char **argv);
int cli_info (int argc, char **argv);
int cli_bench (int argc, char **argv);
int cli_experiment (int argc, char **argv);
int cli_demo (int argc, char **argv);
int cli_lesson (int argc, char **argv);
int cli_landscape (int argc, char **argv);
int cli_basins (int argc, char **argv);
/* hopfield experiment show (cli-experiment-show.c) */
int cli_experiment_show (int argc, char **argv);
/* One line per kept result of ss, each after indent. */
void cli_list_kept_results (const HfSession *ss, const char *indent);

/* Prints "hopfield: message" to stderr, the format translated (xgettext
 * extracts it: --keyword=cli_fail:2 in po/meson.build), and returns code. */
int cli_fail (int code, const char *format, ...) __attribute__ ((format (printf, 2, 3)));
/* A seeded MT19937 generator; on allocation failure, says so and exits 1. */
gsl_rng *cli_rng (unsigned long seed);
bool cli_parse_size (const char *s, size_t *w, size_t *h);
bool cli_parse_ulong (const char *s, unsigned long *out);
bool cli_parse_double (const char *s, double *out);
/* What a zero field does: "off", "on" or "keep" (HfTieRule's order). */
bool cli_parse_tie (const char *s, HfTieRule *tie);
const char *cli_tie_name (HfTieRule tie);
/* "a:b:step" or "a,b,c" or "a" into an allocated list. */
bool cli_parse_list (const char *s, size_t **out, size_t *count);
/* Loads a pattern set: "sample:NAME", a text grid, or an image resized to
 * width x height (both 0: the image's own size, if it fits). */
HfPatterns *cli_load_patterns (const char *spec, size_t width, size_t height,
                               HfThresholdMode mode, double threshold, HfError *err);
void cli_print_state (const int8_t *s, size_t width, size_t height);
void cli_describe_outcome (const HfOutcome *o, char *buf, size_t len);
