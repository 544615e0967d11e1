#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hf-fileio.h"
#include "hf-netfile.h"
#include "hf-session.h"
#include "hf-text.h"

static void
describe_network (const char *path, const HfNetwork *net)
{
  size_t n = net->n;
  double jmax = 0.0, jsum2 = 0.0, tmin = INFINITY, tmax = -INFINITY;
  for (size_t k = 0; k < n * n; k++)
    {
      jmax = fmax (jmax, fabs (net->J[k]));
      jsum2 += (double)net->J[k] * net->J[k];
    }
  for (size_t i = 0; i < n; i++)
    {
      tmin = fmin (tmin, net->theta[i]);
      tmax = fmax (tmax, net->theta[i]);
    }
  printf ("%s: Hopfield network\n", path);
  printf ("  neurons:     %zu (%zux%zu grid)\n", n, net->width, net->height);
  printf ("  rule:        %s\n", net->summary.rule);
  printf ("  trained on:  %zu patterns, %zu of them fixed points\n",
          net->summary.patterns, net->summary.stored);
  printf ("  training:    %zu iterations, %.3f s, final objective %.6g\n",
          net->summary.iterations, net->summary.seconds, net->summary.objective);
  printf ("  weights:     max |J| %.6g, rms %.6g\n", jmax,
          n > 1 ? sqrt (jsum2 / (double)(n * (n - 1))) : 0.0);
  printf ("  thresholds:  %.6g .. %.6g\n", tmin, tmax);
}

int
cli_info (int argc, char **argv)
{
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      printf (
          "Usage: hopfield info FILE...\n"
          "Describes network files, images (PNG, PBM) and pattern text files, or says\n"
          "why one cannot be read.\n");
      return 0;
    }
  if (argc < 2)
    return cli_fail (EXIT_USAGE, "give at least one file (see --help)");
  int code = 0;
  for (int a = 1; a < argc; a++)
    {
      const char *path = argv[a];
      HfError err = { 0 };
      unsigned char *data;
      size_t len;
      if (hf_file_read (path,
                        HF_IMAGE_MAX_FILE > hf_netfile_size (HF_MAX_NEURONS)
                            ? HF_IMAGE_MAX_FILE
                            : hf_netfile_size (HF_MAX_NEURONS),
                        &data, &len, &err)
          != HF_OK)
        {
          code = cli_fail (1, "%s", err.message);
          continue;
        }
      if (hf_session_sniff (data, len))
        {
          HfSession *ss = hf_session_decode (data, len, path, &err);
          if (ss == NULL)
            code = cli_fail (1, "%s", err.message);
          else
            {
              printf ("%s: Hopfield Studio session\n", path);
              if (ss->title != NULL)
                printf ("  title:       %s\n", ss->title);
              if (ss->view != NULL)
                printf ("  opens on:    %s view\n", ss->view);
              printf ("  patterns:    %zu of %zux%zu\n", ss->library->m,
                      ss->library->width, ss->library->height);
              printf ("  rule:        %s; recall: %s, T = %g\n",
                      hf_rule_info ((HfRule)ss->settings.rule)->name,
                      hf_update_mode_name ((HfUpdateMode)ss->settings.mode),
                      ss->settings.temperature);
              printf ("  network:     %s\n", ss->net ? "included" : "not trained");
              if (ss->net != NULL)
                describe_network ("  (network)", ss->net);
              if (ss->nresults > 0)
                {
                  /* hopfield experiment show SESSION INDEX prints one */
                  printf ("  kept results: %zu (hopfield experiment show %s INDEX)\n",
                          ss->nresults, path);
                  cli_list_kept_results (ss, "    ");
                }
              if (ss->notes != NULL)
                {
                  /* the notes, indented, as the lesson's author wrote them */
                  printf ("  notes:\n");
                  for (const char *line = ss->notes; *line;)
                    {
                      const char *end = strchr (line, '\n');
                      int width = end ? (int)(end - line) : (int)strlen (line);
                      printf ("    %.*s\n", width, line);
                      line += width + (end != NULL);
                    }
                }
            }
          hf_session_free (ss);
        }
      else if (hf_netfile_sniff (data, len))
        {
          HfNetwork *net = hf_netfile_decode (data, len, path, &err);
          if (net == NULL)
            code = cli_fail (1, "%s", err.message);
          else
            describe_network (path, net);
          hf_network_free (net);
        }
      else if (hf_image_sniff (data, len))
        {
          HfImage *img = hf_image_decode (data, len, path, &err);
          if (img == NULL)
            code = cli_fail (1, "%s", err.message);
          else
            {
              printf ("%s: %s\n", path, img->description);
              /* The pattern it becomes at a size that fits a terminal. */
              size_t w = img->width, h = img->height;
              while (w > 64 || h > 64)
                {
                  w = (w + 1) / 2;
                  h = (h + 1) / 2;
                }
              int8_t *s = malloc (w * h);
              double t;
              if (s != NULL
                  && hf_image_to_pattern (img, w, h, HF_THRESHOLD_OTSU, 0, false, s, &t,
                                          &err)
                         == HF_OK)
                {
                  printf ("  as a %zux%zu pattern (Otsu threshold %.3f):\n", w, h, t);
                  cli_print_state (s, w, h);
                }
              free (s);
            }
          hf_image_free (img);
        }
      else
        {
          HfPatterns *set = hf_text_parse ((const char *)data, len, path, &err);
          if (set == NULL)
            code = cli_fail (1, "%s: not a network, image or pattern file (%s)", path,
                             err.message);
          else
            {
              double worst = 0.0;
              for (size_t p = 0; p < set->m; p++)
                for (size_t q = p + 1; q < set->m; q++)
                  worst = fmax (worst,
                                fabs (hf_overlap (hf_patterns_get (set, p),
                                                  hf_patterns_get (set, q), set->n)));
              printf ("%s: %zu patterns of %zux%zu = %zu neurons (load m/n = %.3f)\n",
                      path, set->m, set->width, set->height, set->n,
                      (double)set->m / set->n);
              printf ("  largest |overlap| between two patterns: %.3f\n", worst);
            }
          hf_patterns_free (set);
        }
      free (data);
    }
  return code;
}
