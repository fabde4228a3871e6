/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-png.c: the journey map as a PNG image. */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "staple-export.h"
#include "staple-export-private.h"

/* cairo image surfaces are limited to 32767 pixels a side. */
#define MAX_SIDE 32767

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
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
                       _("Could not write “%s”: %s"), name, cairo_status_to_string (status));
        }
      return FALSE;
    }

  return staple_export_file_commit (&writer.file, error);
}

/**
 * staple_export_map_png:
 * @session: the session whose map to draw
 * @path: the PNG file to write; replaced only once the image is complete
 * @scale: pixels per map unit (1 = 100 %)
 * @dark: use the dark palette
 *
 * Draws the whole journey map into a PNG. The image is written to a
 * temporary file beside @path and renamed over it, so a failure never
 * leaves half an image behind.
 */
gboolean
staple_export_map_png (StapleSession  *session,
                       const char     *path,
                       double          scale,
                       gboolean        dark,
                       GError        **error)
{
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  StapleMapRenderOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;
  double width, height;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);

  staple_map_layout_set_session (layout, session);
  width = ceil (staple_map_layout_get_width (layout) * scale);
  height = ceil (staple_map_layout_get_height (layout) * scale);

  if (width > MAX_SIDE || height > MAX_SIDE)
    {
      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_TOO_LARGE,
                   _("The map would be %.0f × %.0f pixels, more than a PNG can hold here; "
                     "choose a smaller scale."), width, height);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  staple_map_render_options_init (&options);
  options.dark = dark;
  options.zoom = scale;
  staple_map_render (layout, cr, &options);
  cairo_destroy (cr);

  ok = write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}
