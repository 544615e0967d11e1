/* hf-samples.h: the built-in pattern sets, from resources/samples. */
#pragma once

#include "hf-patterns.h"

typedef struct
{
  const char *name;  /* "digits-16" */
  const char *title; /* "Digits, 16x16" */
  const char *text;  /* the set as a text grid (hf-text.h) */
} HfSample;

/* Terminated by an entry whose name is NULL. */
extern const HfSample hf_samples[];

/* The named sample set, parsed; NULL with a message if there is none. */
HfPatterns *hf_sample_load (const char *name, HfError *err);
