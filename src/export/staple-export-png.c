/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-png.c: the journey map as a PNG image. */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "staple-export.h"

/* cairo image surfaces are limited to 32767 pixels a side. */
#define MAX_SIDE 32767

G_DEFINE_QUARK (staple-export-error-quark, staple_export_error)

/* Writes @surface to a temporary file beside @path, then renames it over
 * @path: readers never see half an image, and a failure leaves nothing. */
static gboolean
write_png (cairo_surface_t  *surface,
           const char       *path,
           GError          **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *temp = g_strconcat (path, ".XXXXXX", NULL);
  cairo_status_t status;
  int fd;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  status = cairo_surface_write_to_png (surface, temp);
  if (status != CAIRO_STATUS_SUCCESS || g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                  : g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
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
