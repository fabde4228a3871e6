/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-png.c: the journey map as a PNG image. */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "staple-export.h"
#include "staple-export-private.h"

/* cairo image surfaces hold at most 32,767 pixels a side; the image is kept
 * well inside that, and inside a memory a laptop has to spare: 64 million
 * pixels are 256 MB at four bytes a pixel, drawn and written in one piece. */
#define MAX_SIDE   16384.0
#define MAX_PIXELS (64.0 * 1024 * 1024)

G_DEFINE_QUARK (staple-export-error-quark, staple_export_error)

typedef struct
{
  StapleExportFile  file;
  GError           *error;
} PngWriter;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  PngWriter *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!staple_export_file_write (&writer->file, data, length, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/* Writes @surface to a temporary file beside @path, then renames it over
 * @path: readers never see half an image, and a failure leaves nothing. */
static gboolean
write_png (cairo_surface_t  *surface,
           const char       *path,
           GError          **error)
{
  PngWriter writer = { { NULL, NULL, -1 }, NULL };
  cairo_status_t status;

  if (!staple_export_file_open (&writer.file, path, error))
    return FALSE;

  status = cairo_surface_write_to_png_stream (surface, write_cb, &writer);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      staple_export_file_abort (&writer.file);
      if (writer.error != NULL)
        {
          g_propagate_error (error, writer.error);
        }
      else
        {
          staple_export_set_write_error (error, path, 0, cairo_status_to_string (status));
        }
      return FALSE;
    }

  return staple_export_file_commit (&writer.file, error);
}

/* The largest zoom, up to @scale, at which a map of @width × @height map
 * units makes an image within the limits. */
static double
zoom_within (double width,
             double height,
             double scale)
{
  double zoom = scale;

  zoom = MIN (zoom, MAX_SIDE / MAX (width, 1));
  zoom = MIN (zoom, MAX_SIDE / MAX (height, 1));
  zoom = MIN (zoom, sqrt (MAX_PIXELS / MAX (width * height, 1)));
  return zoom;
}

/* Lays the journey out for the image: in one row if it fits at @scale;
 * else wrapped onto the fewest rows of stages that fit at @scale; else, as
 * no number of rows does, on the rows that let it be drawn largest. */
static void
choose_rows (StapleMapLayout     *layout,
             double               scale,
             StapleExportPngInfo *info)
{
  guint n = staple_map_layout_get_n_columns (layout);
  guint best_per_row = 0;
  double best = 0;

  for (guint rows = 1; rows <= MAX (n, 1); rows++)
    {
      guint per_row = rows == 1 ? 0 : (n + rows - 1) / rows;
      double zoom;

      /* Another row count that makes rows this long: the same map. */
      if (rows > 1 && (n + per_row - 1) / per_row != rows)
        continue;

      staple_map_layout_set_columns_per_row (layout, per_row);
      zoom = zoom_within (staple_map_layout_get_width (layout),
                          staple_map_layout_get_height (layout), scale);
      if (zoom >= scale)
        return;

      /* A row more only for an image a little larger. */
      if (zoom > best * 1.02)
        best = zoom, best_per_row = per_row;
    }

  staple_map_layout_set_columns_per_row (layout, best_per_row);
  info->scale = best;
}

/**
 * staple_export_map_png_full:
 * @session: the session whose map to draw
 * @path: the PNG file to write; replaced only once the image is complete
 * @scale: pixels per map unit (1 = 100 %)
 * @dark: use the dark palette
 * @info: (out caller-allocates) (optional): the image's size, and how the
 *   map was laid out to fit it
 * @error: return location for a #GError
 *
 * Draws the whole journey map into a PNG of any session. A map too large
 * for one image at @scale (more than 16,384 pixels a side or 64 million
 * pixels, 256 MB to draw) is wrapped onto rows of stages, in reading order;
 * if no number of rows fits, it is drawn smaller as well, on the rows that
 * keep it largest: staple_export_png_info_describe() says so. The image is
 * written to a temporary file beside @path and renamed over it, so a
 * failure never leaves half an image behind.
 *
 * Returns: %TRUE once the file is written
 */
gboolean
staple_export_map_png_full (StapleSession        *session,
                            const char           *path,
                            double                scale,
                            gboolean              dark,
                            StapleExportPngInfo  *info,
                            GError              **error)
{
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  StapleExportPngInfo fitted = { 0 };
  StapleMapRenderOptions options;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;
  double zoom;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);

  staple_map_layout_set_session (layout, session);
  fitted.requested_scale = scale;
  fitted.scale = scale;
  fitted.one_row_width = ceil (staple_map_layout_get_width (layout) * scale);
  fitted.one_row_height = ceil (staple_map_layout_get_height (layout) * scale);
  choose_rows (layout, scale, &fitted);

  /* Rounded up to whole pixels, the image may be a row or two over. */
  for (zoom = fitted.scale;; zoom *= 0.999)
    {
      fitted.width = (int) MIN (ceil (staple_map_layout_get_width (layout) * zoom - 1e-6),
                                MAX_SIDE);
      fitted.height = (int) MIN (ceil (staple_map_layout_get_height (layout) * zoom - 1e-6),
                                 MAX_SIDE);
      if ((double) fitted.width * fitted.height <= MAX_PIXELS)
        break;
    }
  fitted.scale = zoom;
  fitted.n_rows = staple_map_layout_get_n_rows (layout);
  fitted.columns_per_row = staple_map_layout_get_columns_per_row (layout);
  if (info != NULL)
    *info = fitted;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (fitted.width, 1),
                                        MAX (fitted.height, 1));
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_TOO_LARGE,
                   _("There is not enough memory to draw the map as a %d × %d pixel image "
                     "(%s). Close other applications and try again, or export the map as "
                     "SVG or PDF, which have no size limit."),
                   fitted.width, fitted.height, cairo_status_to_string (status));
      return FALSE;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, zoom, zoom);
  staple_map_render_options_init (&options);
  options.dark = dark;
  options.zoom = zoom;
  staple_map_render (layout, cr, &options);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      cairo_surface_destroy (surface);
      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
                   _("Could not draw the map for “%s”: %s. Try again, or export the map as "
                     "SVG or PDF."), name, cairo_status_to_string (status));
      return FALSE;
    }

  ok = write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/**
 * staple_export_map_png:
 * @session: the session whose map to draw
 * @path: the PNG file to write; replaced only once the image is complete
 * @scale: pixels per map unit (1 = 100 %)
 * @dark: use the dark palette
 * @error: return location for a #GError
 *
 * staple_export_map_png_full() without the figures of how it was laid out.
 *
 * Returns: %TRUE once the file is written
 */
gboolean
staple_export_map_png (StapleSession  *session,
                       const char     *path,
                       double          scale,
                       gboolean        dark,
                       GError        **error)
{
  return staple_export_map_png_full (session, path, scale, dark, NULL, error);
}

/**
 * staple_export_png_info_describe:
 * @info: as staple_export_map_png_full() filled it in
 *
 * Says in one line how a map too large for one image was made to fit.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL for a map
 *   drawn in one row at the scale asked for
 */
char *
staple_export_png_info_describe (const StapleExportPngInfo *info)
{
  g_autofree char *wrapped = NULL;
  int percent, asked;

  g_return_val_if_fail (info != NULL, NULL);

  percent = (int) floor (info->scale * 100 + 1e-6);
  asked = (int) floor (info->requested_scale * 100 + 1e-6);

  if (info->n_rows <= 1 && info->scale >= info->requested_scale)
    return NULL;

  if (info->n_rows > 1)
    wrapped = g_strdup_printf (ngettext ("%u rows of up to %u stage",
                                         "%u rows of up to %u stages",
                                         info->columns_per_row),
                               info->n_rows, info->columns_per_row);

  if (info->scale >= info->requested_scale)
    /* Translators: %s is "3 rows of up to 14 stages". */
    return g_strdup_printf (_("The map is %d × %d pixels in one row at %d %%, more than one "
                              "image holds: it is wrapped onto %s, %d × %d pixels."),
                            info->one_row_width, info->one_row_height, asked, wrapped,
                            info->width, info->height);

  if (wrapped != NULL)
    return g_strdup_printf (_("The map is too large for one image at %d %%, even wrapped: it "
                              "is on %s, drawn at %d %%, %d × %d pixels. For every detail, "
                              "export it as SVG or PDF."),
                            asked, wrapped, percent, info->width, info->height);

  return g_strdup_printf (_("The map is too large for one image at %d %%: it is drawn at "
                            "%d %%, %d × %d pixels. For every detail, export it as SVG or PDF."),
                          asked, percent, info->width, info->height);
}
