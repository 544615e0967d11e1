/* cli-experiment.h: the options every `hopfield experiment` kind shares. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

#define CLI_MAX_RULES 8

typedef struct
{
  const char *kind;
  HfRule rules[CLI_MAX_RULES];
  size_t nrules;
  unsigned long n;
  size_t *ms, nm;  /* m values (scaling: n values) */
  size_t *ks, nk;  /* bits flipped */
  double *margins; /* margin: MPF stopping margins */
  size_t nmargins;
  unsigned long copies, probes, trials, seed, threads, steps, images;
  double rate;
  bool csv, exact, quick;
  const char *plot;     /* --plot FILE.svg|png, or NULL */
  const char *patterns; /* images: the originals (default sample:fingerprints-64) */
} CliExperiment;

/* Progress on stderr when it is a terminal. */
bool cli_experiment_progress (double done, void *user);
void cli_experiment_progress_end (void);

int cli_experiment_images (CliExperiment *a);
int cli_experiment_scaling (CliExperiment *a);
int cli_experiment_margin (CliExperiment *a);
