/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-qr: the room's address as a QR code, drawn with cairo.
 *
 * The code is read by phones from across a room, off a projector: level M
 * error correction (15 % of it may be lost to glare or a head in the way),
 * a white quiet zone of four modules all round, and modules that are whole
 * device pixels, so that no edge is blurred into grey by antialiasing.
 */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "staple-qr.h"

struct _StapleQr
{
  int     width;  /* the symbol's side in modules, without the quiet zone */
  guint8 *dark;   /* width × width, row by row: 1 where the module is dark */
};

G_DEFINE_QUARK (staple-qr-error-quark, staple_qr_error)

/**
 * staple_qr_new:
 * @text: the text to encode, such as the room's URL
 * @error: return location for a #GError
 *
 * Encodes @text as a QR code of the smallest version that holds it at
 * error correction level M.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL with @error set
 *   (%STAPLE_QR_ERROR_EMPTY, %STAPLE_QR_ERROR_TOO_LONG)
 */
StapleQr *
staple_qr_new (const char  *text,
               GError     **error)
{
  QRcode *code;
  StapleQr *qr;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0')
    {
      g_set_error_literal (error, STAPLE_QR_ERROR, STAPLE_QR_ERROR_EMPTY,
                           "Nothing to put in a QR code");
      return NULL;
    }

  errno = 0;
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      int saved = errno;

      if (saved == ERANGE)
        g_set_error (error, STAPLE_QR_ERROR, STAPLE_QR_ERROR_TOO_LONG,
                     "%zu bytes are too many for a QR code", strlen (text));
      else
        g_set_error (error, STAPLE_QR_ERROR, STAPLE_QR_ERROR_FAILED,
                     "Could not make a QR code: %s", g_strerror (saved));
      return NULL;
    }

  qr = g_new0 (StapleQr, 1);
  qr->width = code->width;
  qr->dark = g_malloc ((gsize) code->width * code->width);
  /* libqrencode keeps other facts about each module in the upper bits. */
  for (int i = 0; i < code->width * code->width; i++)
    qr->dark[i] = code->data[i] & 1;
  QRcode_free (code);
  return qr;
}

/**
 * staple_qr_free:
 * @qr: (nullable): a code
 *
 * Frees @qr.
 */
void
staple_qr_free (StapleQr *qr)
{
  if (qr == NULL)
    return;
  g_free (qr->dark);
  g_free (qr);
}

/**
 * staple_qr_get_modules:
 * @qr: a code
 *
 * Gets the side of the code in modules, the quiet zone included: a size
 * that is a multiple of it draws every module the same number of pixels.
 *
 * Returns: the number of modules across, at least 29 (21 + 2 × 4)
 */
int
staple_qr_get_modules (StapleQr *qr)
{
  g_return_val_if_fail (qr != NULL, 0);

  return qr->width + 2 * STAPLE_QR_QUIET_ZONE;
}

/**
 * staple_qr_is_dark:
 * @qr: a code
 * @column: from 0 to staple_qr_get_modules () - 1, the quiet zone included
 * @row: likewise
 *
 * Returns: whether the module at @column, @row is dark (%FALSE in the quiet
 *   zone and outside the code)
 */
gboolean
staple_qr_is_dark (StapleQr *qr,
                   int       column,
                   int       row)
{
  g_return_val_if_fail (qr != NULL, FALSE);

  column -= STAPLE_QR_QUIET_ZONE;
  row -= STAPLE_QR_QUIET_ZONE;
  if (column < 0 || row < 0 || column >= qr->width || row >= qr->width)
    return FALSE;
  return qr->dark[row * qr->width + column] != 0;
}

/* Where the modules go in the device space of @cr: whole pixels, centred in
 * the box, when the box is not rotated or skewed and holds at least a pixel
 * a module. Otherwise in user space, as they come. Sets @cr's matrix to the
 * space the returned origin and step are in. */
static void
place_modules (cairo_t *cr,
               int      modules,
               double   x,
               double   y,
               double   size,
               double  *origin_x,
               double  *origin_y,
               double  *step)
{
  cairo_matrix_t matrix;
  double left = x, top = y, width = size, height = size, pixels;

  *origin_x = x;
  *origin_y = y;
  *step = size / modules;

  cairo_get_matrix (cr, &matrix);
  if (matrix.xy != 0 || matrix.yx != 0 || matrix.xx <= 0 || matrix.yy <= 0)
    return;
  cairo_user_to_device (cr, &left, &top);
  cairo_user_to_device_distance (cr, &width, &height);
  pixels = floor (MIN (width, height) / modules);
  if (pixels < 1)
    return;

  cairo_identity_matrix (cr);
  *step = pixels;
  *origin_x = round (left + (width - pixels * modules) / 2);
  *origin_y = round (top + (height - pixels * modules) / 2);
}

/**
 * staple_qr_draw:
 * @qr: a code
 * @cr: where to draw
 * @x: the left of the square the code fills, in @cr's user space
 * @y: its top
 * @size: its side
 *
 * Paints the square white and draws the code in it, quiet zone included,
 * as dark squares of a whole number of device pixels each (the square's
 * leftover pixels widen the quiet zone). @cr's source, matrix and path are
 * left as they were.
 */
void
staple_qr_draw (StapleQr *qr,
                cairo_t  *cr,
                double    x,
                double    y,
                double    size)
{
  int modules;
  double origin_x, origin_y, step;

  g_return_if_fail (qr != NULL);
  g_return_if_fail (cr != NULL);

  if (!(size > 0))
    return;
  modules = staple_qr_get_modules (qr);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  place_modules (cr, modules, x, y, size, &origin_x, &origin_y, &step);

  /* One rectangle per run of dark modules in a row: fewer shapes, and no
   * hairline seams between neighbours when the step is not whole pixels. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    {
      const guint8 *line = qr->dark + row * qr->width;

      for (int column = 0; column < qr->width;)
        {
          int end;

          if (!line[column])
            {
              column++;
              continue;
            }
          for (end = column; end < qr->width && line[end]; end++)
            ;
          cairo_rectangle (cr,
                           origin_x + (column + STAPLE_QR_QUIET_ZONE) * step,
                           origin_y + (row + STAPLE_QR_QUIET_ZONE) * step,
                           (end - column) * step, step);
          column = end;
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}
